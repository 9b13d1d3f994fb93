"""The help screen: every key of the screen it was opened from, and the app's own keys."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

PALETTE_KEY = "ctrl+p"
"""Textual's command palette key (it lists the same keys as commands)."""


def screen_keys(screen: Screen[Any]) -> list[tuple[str, str, Any, str]]:
    """(key, description, node, action) of every binding active on `screen` (enabled or not), app's last."""
    rows: list[tuple[str, str, Any, str]] = []
    seen: set[str] = set()
    for namespace, bindings in screen._modal_binding_chain:
        for key, binding in bindings:
            if key in seen or not binding.description:
                continue
            if screen.app._check_action_state(binding.action, namespace) is False:
                continue
            seen.add(key)
            rows.append((screen.app.get_key_display(binding), binding.description, namespace, binding.action))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen below it; any of escape, ? or q closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close help"),
        Binding("question_mark", "close", "Close help", show=False),
        Binding("q", "close", "Close help", show=False),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold #87afd7", pad_edge=False)
        table.add_column("key", style="bold", min_width=8)
        table.add_column("what it does")
        for key, description, _node, _action in screen_keys(self.under):
            table.add_row(key, description)
        table.add_row(self.app.get_key_display(Binding(PALETTE_KEY, "")), "Command palette (every key as a command)")
        with Vertical(id="help-box"):
            yield Static("Keys", id="help-title")
            yield Static(table, id="help-keys")
            yield Static("The app is keyboard-first: every action has a key. Press escape to close.",
                         id="help-note")

    def action_close(self) -> None:
        self.dismiss()

"""The help screen: every key of the screen it was opened from, and the app's own keys."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

PALETTE_KEY = "ctrl+p"
"""Textual's command palette key (it lists the same keys as commands)."""


def _own_actions(node: Any) -> set[str]:
    """Actions bound in the node's own classes (the app's and its screens'), not Textual's built-in ones."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("mockinterview."):
            continue
        for b in cls.__dict__.get("BINDINGS", []):
            actions.add(b.action if isinstance(b, Binding) else b[1])
    return actions


def _bindings(node: DOMNode) -> dict[str, Binding]:
    """The node's bindings by key, as Textual merges its classes' BINDINGS (a subclass's key wins, in the
    place the key first had)."""
    keys: dict[str, Binding] = {}
    for cls in reversed(type(node).__mro__):
        if issubclass(cls, DOMNode):
            keys.update((b.key, b) for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])))
    return keys


def _binding_chain(screen: Screen[Any]) -> list[tuple[DOMNode, dict[str, Binding]]]:
    """Where a key press on `screen` looks for a binding: the focused widget and its ancestors (else the screen
    and the app), up to the first modal screen; a key a widget consumes (typing in an input) is left out for
    the nodes above it."""
    focused = screen.focused
    nodes: list[DOMNode] = list(focused.ancestors_with_self) if focused is not None else [screen, screen.app]
    chain: list[tuple[DOMNode, dict[str, Binding]]] = []
    for node in nodes:
        bindings = {k: b for k, b in _bindings(node).items()
                    if not any(n.check_consume_key(k, key_to_character(k)) for n, _ in chain)}
        chain.append((node, bindings))
        if node.is_modal:
            break
    return chain


def screen_keys(screen: Screen[Any], *, every: bool = False) -> list[tuple[str, str, Any, str]]:
    """(keys, description, node, action) of the keys the app defines on `screen` that work now (`every`: also
    those that do not, e.g. Done before the answer started), the screen's first; keys doing the same thing
    share a row ("?, f1")."""
    rows: dict[tuple[int, str], tuple[list[str], str, Any, str]] = {}
    seen: set[str] = set()
    for namespace, bindings in _binding_chain(screen):
        own = _own_actions(namespace)
        for key, binding in bindings.items():
            if key in seen or not binding.description or binding.action not in own:
                continue
            if not every and namespace.check_action(binding.action, ()) is False:
                continue
            seen.add(key)
            row = rows.setdefault((id(namespace), binding.action), ([], binding.description, namespace,
                                                                    binding.action))
            row[0].append(screen.app.get_key_display(binding))
    return [(", ".join(keys), description, node, action) for keys, description, node, action in rows.values()]


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
        now = {(key, description) for key, description, _node, _action in screen_keys(self.under)}
        for key, description, _node, _action in screen_keys(self.under, every=True):
            if (key, description) in now:
                table.add_row(key, description)
            else:
                table.add_row(Text(key, style="dim"), Text(f"{description} (not now)", style="dim"))
        table.add_row(self.app.get_key_display(Binding(PALETTE_KEY, "")), "Command palette (every key as a command)")
        with Vertical(id="help-box"):
            yield Static("Keys", id="help-title")
            yield Static(table, id="help-keys")
            yield Static("The app is keyboard-first: every action has a key. Press escape to close.",
                         id="help-note")

    def action_close(self) -> None:
        self.dismiss()

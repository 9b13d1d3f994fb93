"""Two attempts at one question side by side, and every attempt at a question (drawn from typed objects)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from mockinterview.formatting import mmss
from mockinterview.report import SCORE_NAMES
from mockinterview.session.compare import AttemptFigures, Comparison
from mockinterview.ui.screens.base import AppScreen
from mockinterview.ui.widgets.report_view import score_text


def _share(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def _fillers(a: AttemptFigures) -> str:
    return "-" if a.fillers is None else f"{a.fillers} ({a.fillers_per_min or 0.0:.1f}/min)"


def _change(value: float | None, better_up: bool, fmt: str = "{:+.0f}") -> Text:
    if value is None or abs(value) < 1e-9:
        return Text("=" if value is not None else "", style="dim")
    good = value > 0 if better_up else value < 0
    return Text(fmt.format(value), style="#5faf5f" if good else "#d75f5f")


def comparison_table(c: Comparison) -> Table:
    """Rows of figures, one column per attempt, and the change."""
    a, b = c.earlier, c.latest
    table = Table(box=None, header_style="bold #87afd7", expand=False, padding=(0, 2))
    table.add_column("")
    table.add_column(f"attempt {c.number[0]}", justify="right")
    table.add_column(f"attempt {c.number[1]}", justify="right")
    table.add_column("change", justify="right")
    table.add_row("overall", score_text(a.overall), score_text(b.overall), _change(c.delta("overall"), True))
    for name in SCORE_NAMES:
        if name in a.scores or name in b.scores:
            table.add_row(f"  {name}", score_text(a.scores.get(name)), score_text(b.scores.get(name)),
                          _change(c.delta(name), True))
    table.add_row("situation share", _share(a.situation_share), _share(b.situation_share),
                  _change(None if c.delta("situation_share") is None else 100 * (c.delta("situation_share") or 0),
                          False, "{:+.0f} pts"))
    table.add_row("fillers", _fillers(a), _fillers(b), _change(c.delta("fillers"), False))
    table.add_row("length", mmss(a.duration_s), mmss(b.duration_s), "")
    table.add_row("words", str(a.words), str(b.words), "")
    table.add_row("flags", ", ".join(a.flags) or "none", ", ".join(b.flags) or "none", "")
    return table


def reuse_text(c: Comparison) -> Text:
    """How much of the latest attempt repeats the earlier one, and whether that reads as recited."""
    text = Text()
    text.append(f"{c.reused_words} of {c.latest.words} words ({c.reuse.percent}%) repeat attempt {c.number[0]} "
                "word for word. ")
    if c.recited:
        text.append("Recited: know the facts, vary the words.", style="bold #d78700")
        if c.reuse.quote:
            text.append(f"\n    “{c.reuse.quote}”", style="italic #d7d7af")
    else:
        text.append("Told in fresh words.", style="#5faf5f")
    return text


class CompareScreen(AppScreen):
    """Two attempts at one question side by side."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        c = self.comparison
        yield Header()
        with VerticalScroll(id="compare"):
            yield Static(Text(f"Attempts {c.number[0]} and {c.number[1]} side by side", style="bold #5fafd7"),
                         id="compare-title")
            yield Static(Text(c.question, style="italic"))
            yield Static(comparison_table(c), id="compare-table")
            yield Static(reuse_text(c), id="compare-reuse")
            yield Static(Text("escape goes back.", style="dim"), id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "mockinterview · compare"

    def action_back(self) -> None:
        """Back to the scorecard."""
        self.app.pop_screen()


def history_table(history: Sequence[AttemptFigures]) -> Table:
    table = Table(box=None, header_style="bold #87afd7", expand=True)
    for name, justify in (("#", "left"), ("date", "left"), ("overall", "right"), ("situation", "right"),
                          ("fillers", "right"), ("length", "right"), ("words", "right"), ("flags", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for i, a in enumerate(history, 1):
        table.add_row(str(i), a.started_at.replace("T", " ")[:16], score_text(a.overall), _share(a.situation_share),
                      _fillers(a), mmss(a.duration_s), str(a.words),
                      ", ".join(a.flags) if a.complete else Text("incomplete", style="#d78700"))
    return table


class HistoryScreen(AppScreen):
    """Every attempt at one question, oldest first."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, question: str, history: Sequence[AttemptFigures]) -> None:
        super().__init__()
        self.question = question
        self.history = list(history)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history"):
            yield Static(Text(f"Every attempt at this question ({len(self.history)})", style="bold #5fafd7"),
                         id="history-title")
            yield Static(Text(self.question, style="italic"))
            yield Static(history_table(self.history), id="history-table")
            yield Static(Text("escape goes back.", style="dim"), id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "mockinterview · history"

    def action_back(self) -> None:
        """Back."""
        self.app.pop_screen()

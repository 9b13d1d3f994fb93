"""The drill summary: the story's score, then each rapid follow-up with its length, pace, fillers and score."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from mockinterview.formatting import mmss
from mockinterview.report import AnswerReport
from mockinterview.session.run import Asked
from mockinterview.ui.screens.base import AppScreen
from mockinterview.ui.widgets.report_view import score_colour

DrillResult = tuple[Asked, AnswerReport | None, str | None]
"""A rapid follow-up, its report (None: not answered) and why it has none."""


def results_table(results: Sequence[DrillResult]) -> Table:
    table = Table(box=None, header_style="bold #87afd7", expand=True)
    table.add_column("#", width=3)
    table.add_column("follow-up", ratio=1)
    table.add_column("length", justify="right")
    table.add_column("wpm", justify="right")
    table.add_column("fillers", justify="right")
    table.add_column("score", justify="right")
    for i, (asked, report, problem) in enumerate(results, 1):
        if report is None:
            table.add_row(str(i), asked.text, "-", "-", "-", Text(problem or "not answered", style="#d75f5f"))
            continue
        d = report.delivery
        table.add_row(str(i), asked.text, mmss(d.duration_s), f"{d.wpm:.0f}", str(d.fillers.total),
                      Text(str(report.overall), style=f"bold {score_colour(report.overall)}"))
    return table


class DrillSummaryScreen(AppScreen):
    """After the rapid follow-ups: how each one went."""

    def __init__(self, story: Asked, results: Sequence[DrillResult], unanswered: int = 0) -> None:
        super().__init__()
        self.story = story
        self.results = list(results)
        self.unanswered = unanswered
        """Follow-ups the flow still had when the run stopped (e.g. the input audio was used up)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="drill-summary"):
            yield Static(Text(f"Drill · story {self.story.number}", style="bold #5fafd7"), id="drill-title")
            yield Static(Text(self.story.text, style="italic"))
            yield Static(Text("Rapid follow-ups", style="bold #87afd7"), classes="heading")
            yield Static(results_table(self.results), id="drill-results")
            note = Text(style="dim")
            if self.unanswered:
                note.append(f"{self.unanswered} follow-up(s) left unanswered (the input audio is used up). ")
            note.append("Press ")
            note.append("q", style="bold")
            note.append(" to quit (the session is saved).")
            yield Static(note, id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "mockinterview · drill"

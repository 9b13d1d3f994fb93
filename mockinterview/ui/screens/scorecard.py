"""The scorecard after an answer: scores, section timeline, delivery, flags, feedback with quotes, follow-ups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from mockinterview.types import Word
from mockinterview.ui.practice_state import Asked
from mockinterview.ui.widgets.report_view import (
    delivery_text,
    feedback_text,
    flags_text,
    followups_text,
    scores_text,
)
from mockinterview.ui.widgets.timeline import SectionTimeline
from mockinterview.ui.widgets.transcript import transcript_text

if TYPE_CHECKING:
    from mockinterview.ui.app import MockInterviewApp


def report_words(report: Mapping[str, Any]) -> list[Word]:
    """The report's words (fillers marked) as Word objects."""
    return [Word(w["w"], w["start"], w["end"], filler=bool(w.get("filler"))) for w in report.get("words", [])]


def heading(text: str) -> Static:
    return Static(Text(text, style="bold #87afd7"), classes="heading")


def report_widgets(report: Mapping[str, Any], *, transcript: bool = False) -> list[Static | SectionTimeline]:
    """Scores, timeline, delivery, flags and feedback (and optionally the coloured transcript)."""
    widgets: list[Static | SectionTimeline] = [
        Static(scores_text(report), id="scores"),
        heading("Sections over time"),
        SectionTimeline(report.get("sections", []), report.get("section_share", {}), id="timeline"),
        heading("Delivery"),
        Static(delivery_text(report), id="delivery"),
        heading("Flags"),
        Static(flags_text(report.get("flags", [])), id="flags"),
        heading("Feedback"),
        Static(feedback_text(report.get("feedback", [])), id="feedback"),
    ]
    if transcript:
        widgets += [
            heading("Transcript (sections coloured, fillers marked)"),
            Static(transcript_text(report_words(report), sections=report.get("sections", [])), id="transcript"),
        ]
    return widgets


class ScorecardScreen(Screen[None]):
    """Shows one answer's report, then the follow-up questions to answer out loud."""

    BINDINGS = [
        Binding("f", "followup", "Answer follow-up"),
        Binding("n", "next_question", "Next question"),
        Binding("a", "again", "Answer again"),
        Binding("t", "toggle_transcript", "Transcript"),
    ]

    def __init__(self, asked: Asked, report: Mapping[str, Any] | None, followups: Sequence[str],
                 problem: str | None = None) -> None:
        super().__init__()
        self.asked = asked
        self.report = report
        self.followups = list(followups)
        self.problem = problem

    @property
    def mi_app(self) -> MockInterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        a = self.asked
        yield Header()
        with VerticalScroll(id="scorecard"):
            title = Text()
            what = "Follow-up" if a.kind == "followup" else ("Story" if self.mi_app.context.mode == "drill"
                                                             else "Question")
            title.append(f"Scorecard · {what} {a.number}", style="bold #5fafd7")
            if a.category:
                title.append(f"  ·  {a.category.replace('_', ' ')}", style="#87afaf")
            yield Static(title, id="scorecard-title")
            yield Static(Text(a.text, style="italic"), id="scorecard-question")
            if self.report is None:
                yield Static(Text(f"No scorecard: {self.problem or 'the answer was not finished'}.",
                                  style="bold #d75f5f"), id="problem")
            else:
                yield from report_widgets(self.report)
                with VerticalScroll(id="transcript-box", classes="hidden"):
                    yield Static(transcript_text(report_words(self.report),
                                                 sections=self.report.get("sections", [])), id="transcript")
            yield Static(Text(self._followup_heading(), style="bold #87afd7"), classes="heading",
                         id="followups-heading")
            yield Static(followups_text(self.followups), id="followups")
            yield Static(self._hint(), id="hint")
        yield Footer()

    def _followup_heading(self) -> str:
        if self.mi_app.context.mode == "drill" and self.asked.kind == "main":
            return "Rapid follow-ups: answer each one out loud, briefly"
        return "Follow-up questions: answer out loud"

    def _hint(self) -> Text:
        app = self.mi_app
        text = Text(style="dim")
        if self.followups and app.can_answer():
            text.append("Press ")
            text.append("f", style="bold")
            text.append(" to answer the first follow-up, ")
        elif self.followups:
            text.append("The input audio is used up, so the follow-ups cannot be answered from it. ")
        if app.can_answer():
            text.append("n", style="bold")
            text.append(" for the next question, ")
        else:
            text.append("Press ")
        text.append("q", style="bold")
        text.append(" to quit (the session is saved).")
        return text

    def on_mount(self) -> None:
        self.title = f"mockinterview · {self.mi_app.context.mode}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = self.mi_app
        if action == "followup":
            return bool(self.followups) and app.can_answer()
        if action in ("next_question", "again"):
            return app.can_answer() and (action == "next_question" or self.report is None)
        if action == "toggle_transcript":
            return self.report is not None
        return True

    def action_followup(self) -> None:
        """Answer the next follow-up question out loud."""
        if self.followups:
            self.mi_app.answer_followup(self.asked, self.followups[0])

    def action_next_question(self) -> None:
        """Skip the remaining follow-ups and take the next question."""
        self.mi_app.next_question()

    def action_again(self) -> None:
        """Answer the same question again."""
        self.mi_app.answer_again(self.asked)

    def action_toggle_transcript(self) -> None:
        """Show or hide the transcript with its sections coloured."""
        box = self.query_one("#transcript-box")
        box.set_class(not box.has_class("hidden"), "hidden")
        if not box.has_class("hidden"):
            self.query_one("#scorecard", VerticalScroll).scroll_end(animate=False)

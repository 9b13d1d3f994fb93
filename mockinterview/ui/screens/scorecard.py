"""The scorecard after an answer: scores, section timeline, delivery, flags, feedback with quotes, follow-ups."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from mockinterview.analysis.targets import CoachingTargets
from mockinterview.errors import UserError
from mockinterview.report import AnswerReport, Feedback
from mockinterview.session.app_settings import AppMode
from mockinterview.session.compare import Comparison, previous_comparison, question_history
from mockinterview.session.debrief import DEFAULT_DEBRIEF_SETTINGS
from mockinterview.session.flow import Prompt
from mockinterview.session.run import Asked
from mockinterview.types import QuestionKind
from mockinterview.ui.screens.compare import CompareScreen, HistoryScreen, comparison_table, reuse_text
from mockinterview.ui.screens.story_link import StoryLinkScreen
from mockinterview.ui.widgets.report_view import DeliveryLine, FeedbackList, FlagsLine, ProsodyLine, ScoresLine
from mockinterview.ui.widgets.timeline import SectionTimeline
from mockinterview.ui.widgets.transcript import AnswerTranscript


def heading(text: str) -> Static:
    return Static(Text(text, style="bold #87afd7"), classes="heading")


def report_widgets(report: AnswerReport, targets: CoachingTargets, *,
                   transcript: bool = False) -> list[Static | SectionTimeline]:
    """Scores, timeline, delivery, flags and feedback (and optionally the coloured transcript)."""
    widgets: list[Static | SectionTimeline] = [
        ScoresLine(report, id="scores"),
        heading("Sections over time"),
        SectionTimeline(report.sections, report.section_share, id="timeline"),
        heading("Delivery"),
        DeliveryLine(report, id="delivery"),
        *([ProsodyLine(report.prosody, id="prosody")] if report.prosody is not None else []),
        heading("Flags"),
        FlagsLine(report.flags, targets, id="flags"),
        heading("Feedback"),
        FeedbackList(report.feedback, id="feedback"),
    ]
    if transcript:
        widgets += [
            heading("Transcript (sections coloured, fillers marked)"),
            AnswerTranscript(report.delivery.words, report.sections, id="transcript"),
        ]
    return widgets


class ScorecardScreen(StoryLinkScreen):
    """Shows one answer's report, then the follow-up questions to answer out loud."""

    BINDINGS = [
        Binding("f", "followup", "Answer follow-up"),
        Binding("n", "next_question", "Next question"),
        Binding("a", "again", "Answer again"),
        Binding("c", "compare", "Compare attempts"),
        Binding("o", "history", "All attempts"),
        Binding("e", "debrief", "Session debrief"),
        Binding("t", "toggle_transcript", "Transcript"),
        Binding("l", "link_story", "Change story"),
    ]

    def __init__(self, asked: Asked, report: AnswerReport | None, pending: Prompt | None,
                 problem: str | None = None, *, answer_id: int | None = None,
                 story_notes: Sequence[Feedback] = ()) -> None:
        super().__init__(answer_id, list(story_notes))
        self.asked = asked
        self.report = report
        self.pending = pending
        """What the flow asks next (a follow-up or the next main question; None when the run is over)."""
        self.problem = problem
        self.comparison: Comparison | None = None
        """This answer next to the previous attempt at the same question (None: the first attempt)."""

    @property
    def followup(self) -> str | None:
        """The follow-up to answer next, if that is what comes next."""
        return self.pending.text if self.pending is not None and self.pending.kind == QuestionKind.FOLLOWUP else None

    def compose(self) -> ComposeResult:
        a = self.asked
        yield Header()
        with VerticalScroll(id="scorecard"):
            title = Text()
            drill = self.mi_app.context.mode == AppMode.DRILL
            what = "Follow-up" if a.kind == QuestionKind.FOLLOWUP else ("Story" if drill else "Question")
            title.append(f"Scorecard · {what} {a.number}", style="bold #5fafd7")
            if a.category:
                title.append(f"  ·  {a.category.replace('_', ' ')}", style="#87afaf")
            yield Static(title, id="scorecard-title")
            yield Static(Text(a.text, style="italic"), id="scorecard-question")
            if self.report is None:
                yield Static(Text(f"No scorecard: {self.problem or 'the answer was not finished'}.",
                                  style="bold #d75f5f"), id="problem")
            else:
                if self.problem:  # scored, but not in the database yet: say where it is kept
                    yield Static(Text(f"⚠ {self.problem}", style="bold #d75f5f"), id="problem")
                yield from report_widgets(self.report, self.mi_app.targets_for(a.kind))
                yield from self._comparison_widgets()
                if self.answer_id is not None:
                    yield heading("Story")
                    yield self.story_view()
                with VerticalScroll(id="transcript-box", classes="hidden"):
                    yield AnswerTranscript(self.report.delivery.words, self.report.sections, id="transcript")
            yield Static(Text(self._next_heading(), style="bold #87afd7"), classes="heading", id="next-heading")
            if self.followup:
                yield Static(Text(self.followup, style="bold"), id="followup")
            yield Static(self._hint(), id="hint")
        yield Footer()

    def _comparison_widgets(self) -> list[Static]:
        if self.answer_id is None:
            return []
        try:
            self.comparison = previous_comparison(self.mi_app.context.store, self.answer_id)
        except UserError:
            return []
        c = self.comparison
        if c is None:
            return []
        return [heading(f"Attempt {c.number[1]} against attempt {c.number[0]}"),
                Static(comparison_table(c), id="compare-table"), Static(reuse_text(c), id="compare-reuse")]

    def _next_heading(self) -> str:
        if self.followup and self.mi_app.context.mode == AppMode.DRILL:
            return "Rapid follow-ups: answer each one out loud, briefly"
        if self.followup:
            return "Follow-up question: answer it out loud"
        if self.pending is not None:
            return "Next: a new question"
        return "That was the last question of this session"

    def _hint(self) -> Text:
        app = self.mi_app
        can = app.can_answer()
        text = Text(style="dim")

        def key(k: str, what: str) -> None:
            text.append(k, style="bold")
            text.append(f" {what}, ")

        if not can and (self.pending is not None or self.report is None):
            text.append("The input audio is used up, so nothing more can be answered from it. ")
        text.append("Press ")
        if can and self._again_allowed():
            key("a", "to answer again")
        if self.comparison is not None:
            key("c", "to compare the attempts")
        if self._debrief_allowed():
            key("e", "for the session debrief")
        if can and self.followup:
            key("f", "to answer the follow-up")
        if can and self._next_allowed():
            key("n", "to skip to the next question" if self.followup else "for the next question")
        text.append("q", style="bold")
        text.append(" to quit (the session is saved).")
        return text

    def _next_allowed(self) -> bool:
        """`n` skips an unanswered question, or moves on to a next main question (a drill has one story)."""
        if self.report is None:
            return True
        return self.pending is not None and self.mi_app.context.mode != AppMode.DRILL

    def on_mount(self) -> None:
        self.title = f"mockinterview · {self.mi_app.context.mode}"
        self.refresh_bindings()
        self.mi_app.prepare_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = self.mi_app
        if action == "followup":
            return self.followup is not None and app.can_answer()
        if action == "next_question":
            return app.can_answer() and self._next_allowed()
        if action == "again":
            return app.can_answer() and self._again_allowed()
        if action in ("compare", "history"):
            return self.comparison is not None or (action == "history" and self.answer_id is not None)
        if action == "debrief":
            return self._debrief_allowed()
        if action == "toggle_transcript":
            return self.report is not None
        return super().check_action(action, parameters)

    def action_followup(self) -> None:
        """Answer the follow-up question out loud."""
        if self.followup is not None:
            self.mi_app.answer_followup()

    def action_next_question(self) -> None:
        """Skip the remaining follow-ups and take the next question."""
        if self.report is None:
            self.mi_app.skip(self.asked)
        else:
            self.mi_app.next_question()

    def _again_allowed(self) -> bool:
        """An unfinished answer, or a main question's answer (retry and compare), can be answered again."""
        return self.report is None or self.asked.kind == QuestionKind.MAIN

    def _debrief_allowed(self) -> bool:
        """In a practice run, once several questions were asked (it sums up the session so far)."""
        run = self.mi_app.practice
        return (self.mi_app.context.mode == AppMode.PRACTICE and run is not None
                and run.main_count >= DEFAULT_DEBRIEF_SETTINGS.min_answers)

    def action_compare(self) -> None:
        """This attempt next to the previous one."""
        if self.comparison is not None:
            self.app.push_screen(CompareScreen(self.comparison))

    def action_history(self) -> None:
        """Every attempt at this question."""
        if self.answer_id is None:
            return
        try:
            history = question_history(self.mi_app.context.store, self.answer_id)
        except UserError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.app.push_screen(HistoryScreen(self.asked.text, history))

    def action_debrief(self) -> None:
        """The session summed up."""
        from mockinterview.ui.screens.debrief import show_debrief  # it imports this module

        show_debrief(self.mi_app)

    def action_again(self) -> None:
        """Answer the same question again."""
        self.mi_app.answer_again(self.asked)

    def action_toggle_transcript(self) -> None:
        """Show or hide the transcript with its sections coloured."""
        box = self.query_one("#transcript-box")
        box.set_class(not box.has_class("hidden"), "hidden")
        if not box.has_class("hidden"):
            self.query_one("#scorecard", VerticalScroll).scroll_end(animate=False)

"""Review: past sessions, a session's answers, one answer's transcript and report, and its recording."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from mockinterview.audio.playback import Player
from mockinterview.errors import UserError
from mockinterview.formatting import mmss
from mockinterview.report import Stretch, StretchKind
from mockinterview.session.compare import previous_comparison, question_history
from mockinterview.storage.recordings import read_wav
from mockinterview.storage.records import AnswerRecord, AnswerStatus, SessionSummary
from mockinterview.types import QuestionKind
from mockinterview.ui.screens.base import AppScreen
from mockinterview.ui.screens.compare import CompareScreen, HistoryScreen
from mockinterview.ui.screens.scorecard import heading, report_widgets
from mockinterview.ui.screens.story_link import StoryLinkScreen
from mockinterview.ui.widgets.report_view import score_text
from mockinterview.ui.widgets.transcript import AnswerTranscript


def session_date(started_at: str) -> str:
    """"2026-03-01T09:30:00+00:00" -> "2026-03-01 09:30"."""
    return started_at.replace("T", " ")[:16]


def scores_cell(summary: SessionSummary) -> Text:
    text = Text()
    for i, a in enumerate(a for a in summary.answers if a.kind == QuestionKind.MAIN):
        if i:
            text.append(" ")
        text.append_text(score_text(a.overall))
    return text


class RowsScreen(AppScreen):
    """A screen around a table whose rows open another screen (enter, or a click on the row)."""

    def open_row(self, key: int) -> None:
        raise NotImplementedError

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_row(int(event.row_key.value))

    def action_open(self) -> None:
        """Open the highlighted row."""
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key is not None:
                self.open_row(int(key))


class ReviewScreen(RowsScreen):
    """Every stored session: date, mode, questions and their scores."""

    BINDINGS = [
        Binding("enter", "open", "Open session"),
        Binding("t", "trends", "Trends"),
    ]

    def compose(self) -> ComposeResult:
        self.title = "mockinterview · review"
        yield Header()
        yield Static(Text("Past sessions", style="bold #5fafd7"), id="review-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="review-hint")
        yield Footer()

    def on_mount(self) -> None:
        sessions = list(reversed(self.mi_app.context.store.list_sessions()))
        self.sessions = {s.id: s for s in sessions}
        table = self.query_one(DataTable)
        table.add_columns("#", "date", "mode", "questions", "follow-ups", "scores")
        for s in sessions:
            mains = [a for a in s.answers if a.kind == QuestionKind.MAIN]
            table.add_row(str(s.id), session_date(s.started_at), s.mode, str(len({a.question_id for a in mains})),
                          str(len(s.answers) - len(mains)), scores_cell(s), key=str(s.id))
        hint = Text(style="dim")
        if sessions:
            hint.append("enter opens a session, t shows trends across sessions, q quits.")
        else:
            hint.append("No sessions yet: practise with `mockinterview practice`.")
        self.query_one("#review-hint", Static).update(hint)
        table.focus()

    def open_row(self, key: int) -> None:
        self.app.push_screen(SessionScreen(key))

    def action_trends(self) -> None:
        """Plots of score, fillers, situation share and length across sessions."""
        from mockinterview.ui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen())


class SessionScreen(RowsScreen):
    """One session's questions and answers."""

    BINDINGS = [
        Binding("enter", "open", "Open answer"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        self.title = "mockinterview · review"
        yield Header()
        yield Static(id="review-title")
        yield DataTable(id="answers", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        try:
            session = self.mi_app.context.store.get_session(self.session_id)
        except UserError as exc:
            self.query_one("#review-title", Static).update(Text(str(exc), style="bold #d75f5f"))
            return
        title = Text(f"Session {session.id}", style="bold #5fafd7")
        title.append(f"  ·  {session_date(session.started_at)}  ·  {session.mode}", style="#87afaf")
        self.query_one("#review-title", Static).update(title)
        table = self.query_one(DataTable)
        table.add_columns("#", "question", "status", "length", "words", "overall")
        number = 0
        for q in session.questions:
            if q.kind == QuestionKind.MAIN:
                number += 1
            mark = str(number) if q.kind == QuestionKind.MAIN else "  ↳"
            for a in q.answers or []:
                status = Text(str(a.status), style="" if a.status == AnswerStatus.COMPLETE else "#d78700")
                table.add_row(mark, q.text, status, mmss(a.duration_s), str(len(a.words)), score_text(a.overall),
                              key=str(a.id))
            if not q.answers:
                table.add_row(mark, q.text, Text("not answered", style="dim"), "-", "0", score_text(None))
        table.focus()

    def open_row(self, key: int) -> None:
        self.app.push_screen(AnswerReviewScreen(key))

    def action_back(self) -> None:
        """Back to the list of sessions."""
        self.app.pop_screen()


class AnswerReviewScreen(StoryLinkScreen):
    """One answer: its report, the story it told (`l` changes it), its transcript (sections coloured, fillers
    marked); `p` plays the recording, `h` the next stretch the report points at (flat, or a rising ending), `o`
    lists every attempt at its question, `c` compares it with the one before."""

    BINDINGS = [
        Binding("p", "play", "Play / stop recording"),
        Binding("h", "hear_stretch", "Hear flagged stretch"),
        Binding("o", "history", "All attempts"),
        Binding("c", "compare", "Compare with previous attempt"),
        Binding("l", "link_story", "Change story"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, answer_id: int, player: Player | None = None) -> None:
        super().__init__(None)
        self.review_id = answer_id
        self.player = player or Player()
        self.record: AnswerRecord | None = None
        self.next_stretch = 0
        """Index of the stretch `h` plays next (it cycles through them)."""

    def compose(self) -> ComposeResult:
        self.title = "mockinterview · review"
        yield Header()
        try:
            self.record = record = self.mi_app.context.store.get_answer(self.review_id)
        except UserError as exc:
            yield Static(Text(str(exc), style="bold #d75f5f"))
            yield Footer()
            return
        with VerticalScroll(id="answer-review"):
            title = Text("Follow-up" if record.kind == QuestionKind.FOLLOWUP else "Question", style="bold #5fafd7")
            if record.category:
                title.append(f"  ·  {record.category.replace('_', ' ')}", style="#87afaf")
            complete = record.status == AnswerStatus.COMPLETE
            status = record.status if complete else f"{record.status}: {record.incomplete_reason or 'not finished'}"
            title.append(f"  ·  {status}", style="dim" if complete else "#d78700")
            yield Static(title, id="review-title")
            yield Static(Text(record.question, style="italic"))
            if record.report:
                widgets = report_widgets(record.report, self.mi_app.targets_for(record.kind), transcript=True)
                if record.kind == QuestionKind.MAIN and complete:
                    self.answer_id = record.id  # a scored main answer tells a story
                    widgets[-2:-2] = [heading("Story"), self.story_view()]
                yield from widgets
            else:
                yield heading("Transcript (fillers marked)")
                yield AnswerTranscript(record.words, id="transcript")
            yield Static(self._recording_line(), id="recording")
        yield Footer()

    def _recording_line(self) -> Text:
        rec = self.record
        text = Text(style="dim")
        if rec is None or rec.recording_path is None or not rec.recording_path.is_file():
            text.append("No recording for this answer.")
        else:
            text.append(f"Recording: {rec.recording_path.name}   press ")
            text.append("p", style="bold")
            text.append(" to play or stop it.")
            if self._stretches():
                text.append(" Press ")
                text.append("h", style="bold")
                text.append(" to hear the flagged stretches one by one.")
        return text

    def _stretches(self) -> list[Stretch]:
        report = self.record.report if self.record is not None else None
        return list(report.prosody.stretches) if report is not None and report.prosody is not None else []

    def action_hear_stretch(self) -> None:
        """Play the next flagged stretch of the recording: a flat stretch, or a statement that ended rising."""
        rec, stretches = self.record, self._stretches()
        if rec is None or rec.recording_path is None or not stretches:
            self.notify("No flagged stretch to play for this answer.", severity="warning")
            return
        stretch = stretches[self.next_stretch % len(stretches)]
        self.next_stretch += 1
        settings = self.mi_app.context.settings
        start = stretch.start - (settings.stretch_lead_s if stretch.kind == StretchKind.RISING else 0.0)
        self.player.stop()
        try:
            self.player.check_output()
            pcm, rate = read_wav(rec.recording_path)
            self.player.play_span(pcm, rate, rec.recording_path, start, stretch.end + settings.stretch_tail_s)
        except UserError as exc:
            self.notify(str(exc), title="Cannot play", severity="warning")
            return
        what = (f"pitch within {stretch.range_st:.1f} st" if stretch.kind == StretchKind.FLAT
                else f"ended {stretch.range_st:.1f} st above your pitch around it")
        self.notify(f"Playing the {stretch.kind} stretch {mmss(stretch.start)}-{mmss(stretch.end)} ({what}); "
                    f"h plays the next, p stops.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hear_stretch":
            return bool(self._stretches())
        return super().check_action(action, parameters)

    def action_play(self) -> None:
        """Play the recording on the output device, or stop it."""
        rec = self.record
        if self.player.playing is not None:
            self.player.stop()
            self.notify("Playback stopped.")
            return
        if rec is None or rec.recording_path is None:
            self.notify("No recording for this answer.", severity="warning")
            return
        try:
            self.player.check_output()
            seconds = self.player.play(*read_wav(rec.recording_path), rec.recording_path)
        except UserError as exc:
            self.notify(str(exc), title="Cannot play", severity="warning")
            return
        self.notify(f"Playing {mmss(seconds)}; press p to stop.")

    def action_history(self) -> None:
        """Every attempt at this answer's question."""
        if self.record is None:
            return
        try:
            history = question_history(self.mi_app.context.store, self.record.id)
        except UserError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.app.push_screen(HistoryScreen(self.record.question, history))

    def action_compare(self) -> None:
        """This answer next to the previous attempt at the same question."""
        if self.record is None:
            return
        try:
            comparison = previous_comparison(self.mi_app.context.store, self.record.id)
        except UserError as exc:
            self.notify(str(exc), severity="warning")
            return
        if comparison is None:
            self.notify("This is the first attempt at this question.")
            return
        self.app.push_screen(CompareScreen(comparison))

    def action_back(self) -> None:
        """Back to the session."""
        self.player.stop()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.player.stop()

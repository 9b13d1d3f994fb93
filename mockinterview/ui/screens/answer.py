"""The answer screen: the question, then a calm live view while the candidate speaks.

Shows the question with its category, the model's loading state and the input; once the answer runs: the
timer bar with its marks, the level meter, and (unless the minimal view is on) the live transcript, the
filler count, the pace, the current STAR phase, the Situation's share so far and, quietly, how much the voice's
pitch and loudness varied over the last seconds.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from mockinterview.analysis.prosody.live import VoiceLevels
from mockinterview.analysis.targets import CoachingTargets
from mockinterview.errors import AudioSourceError, UserError
from mockinterview.report import LABEL_NAMES
from mockinterview.session.app_settings import AppMode
from mockinterview.session.live_answer import AnswerOutcome, LiveAnswer, LiveView
from mockinterview.session.run import Asked
from mockinterview.session.stories import story_notes_for_answer
from mockinterview.types import QuestionKind
from mockinterview.ui.screens.base import AppScreen
from mockinterview.ui.widgets.level_meter import LevelMeter
from mockinterview.ui.widgets.timeline import label_chip
from mockinterview.ui.widgets.timer_bar import TimerBar
from mockinterview.ui.widgets.transcript import LiveTranscript


def _warm_up_scorecard() -> None:
    """Import the scorecard while the candidate speaks, so the first one after Enter does not wait for it."""
    import mockinterview.ui.screens.scorecard  # noqa: F401


def category_name(category: str) -> str:
    return category.replace("_", " ")


def voice_levels_text(levels: VoiceLevels) -> Text:
    """The speaker's "pitch 5.1 st, loudness 9 dB" in grey; the pitch amber while it sounds flat."""
    text = Text(style="dim")
    text.append(f"pitch {levels.pitch_spread_st:.1f} st", style="#d78700" if levels.flat else "")
    if levels.loudness_spread_db is not None:
        text.append(f", loudness {levels.loudness_spread_db:.0f} dB")
    return text


class AnswerScreen(AppScreen):
    """Asks one question and runs its answer."""

    BINDINGS = [
        Binding("space", "start", "Start answer"),
        Binding("enter", "done", "Done"),
        Binding("v", "toggle_view", "Minimal view"),
        Binding("s", "use_sample", "Use sample answer"),
        Binding("r", "retry_input", "Retry microphone"),
        Binding("n", "skip", "Skip question"),
    ]

    def __init__(self, asked: Asked) -> None:
        super().__init__()
        self.asked = asked
        self.answer: LiveAnswer | None = None
        self.state = "waiting"
        """waiting | opening | listening | ending | scoring | done | failed"""
        self.input_problem: str | None = None
        self.live_problem: str | None = None
        """What goes wrong while the answer runs (the microphone is gone, the disk is full), said at once."""
        self._refresh_timer: Timer | None = None
        self._finishing = False

    @property
    def is_followup(self) -> bool:
        return self.asked.kind == QuestionKind.FOLLOWUP

    @property
    def targets(self) -> CoachingTargets:
        """What this answer is timed against (a follow-up has its own shorter window)."""
        return self.mi_app.targets_for(self.asked.kind)

    # ---- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.title = f"mockinterview · {self.mi_app.context.mode}"
        settings = self.mi_app.context.settings
        yield Header()
        with Vertical(id="question-panel"):
            yield Static(self._question_meta(), id="question-meta")
            yield Static(Text(self.asked.text, style="bold"), id="question-text")
        yield Static(id="model-status")
        yield Static(id="input-status")
        t = self.targets
        span = t.over_from_s * settings.timer_span_factor
        if self.is_followup:
            yield TimerBar(span, t.window_marks, f"follow-up: {t.target_text}", id="timer")
        else:
            yield TimerBar(span, t.marks, f"target {t.target_text}", id="timer")
        with Horizontal(id="live-row"):
            yield LevelMeter(settings.level_floor_dbfs, settings.level_speech_dbfs, id="level")
            yield Static(id="live-stats")
        with VerticalScroll(id="transcript-box"):
            yield LiveTranscript(id="transcript")
        yield Footer()

    def _question_meta(self) -> Text:
        a = self.asked
        text = Text()
        if a.kind == QuestionKind.FOLLOWUP:
            parent = "story" if self.mi_app.context.mode == AppMode.DRILL else "question"
            text.append(f"Follow-up to {parent} {a.number}", style="bold #d7af00")
        else:
            mode = "Story" if self.mi_app.context.mode == AppMode.DRILL else "Question"
            text.append(f"{mode} {a.number}", style="bold #5fafd7")
        if a.category:
            text.append(f"  ·  {category_name(a.category)}", style="#87afaf")
        return text

    def on_mount(self) -> None:
        ctx = self.mi_app.context
        self.set_class(self.mi_app.minimal, "minimal")
        self.query_one(LiveTranscript).show([], [], [], 0)
        self._show_model()
        self.set_interval(ctx.settings.model_poll_s, self._show_model)
        self._show_input()
        self.mi_app.read_aloud(self.asked)
        self.call_after_refresh(self.set_timer, ctx.settings.background_delay_s, self._begin)

    def _begin(self) -> None:
        """Once the question is on screen: start the answer (file input, auto-start) or check the input."""
        ctx = self.mi_app.context
        inputs = ctx.inputs
        if inputs is not None and (inputs.auto_start or ctx.settings.auto_start or self.is_followup
                                   and ctx.mode == AppMode.DRILL):
            self.action_start()
        elif inputs is not None:
            self.run_worker(self._check_input, thread=True, exit_on_error=False)

    # ---- status lines -------------------------------------------------------------------------------

    def _show_model(self) -> None:
        loader = self.mi_app.context.loader
        line = Text()
        if loader is None:
            line.append("No speech model.", style="bold #d75f5f")
        elif loader.error is not None:
            line.append("Speech model unavailable: ", style="bold #d75f5f")
            line.append(str(loader.error))
            line.append("\nFix it and start again; press q to quit.", style="dim")
        elif loader.ready:
            line.append(f"Speech model {loader.name} ready", style="dim")
        else:
            line.append("◌ Loading the speech model… ", style="bold #d7af00")
            line.append("you can already answer: what you say is kept and transcribed when it is ready.",
                        style="dim")
        self.query_one("#model-status", Static).update(line)
        self.set_class(bool(loader is not None and loader.error), "model-error")

    def _show_input(self) -> None:
        ctx = self.mi_app.context
        inputs = ctx.inputs
        line = Text()
        if self.input_problem:
            line.append("⚠ ", style="bold #d75f5f")
            line.append(self.input_problem, style="#d75f5f")
            line.append("\nPress ", style="dim")
            if ctx.sample_path is not None and (inputs is None or inputs.kind == "microphone"):
                line.append("s", style="bold")
                line.append(" to run on the bundled sample answer, ", style="dim")
            if inputs is not None and inputs.kind == "microphone":
                line.append("r", style="bold")
                line.append(" to try the microphone again, ", style="dim")
            line.append("q", style="bold")
            line.append(" to quit.", style="dim")
        elif inputs is not None:
            current = self.answer.source if self.answer is not None else None
            line.append(f"Input: {inputs.describe(current)}   ", style="dim")
            if ctx.voice is not None:
                line.append(f"{ctx.voice.status(inputs)}   ", style="dim")
            hint = {
                "waiting": "press space to start answering",
                "opening": "opening the input…",
                "listening": "listening: press enter when you are done",
                "ending": "transcribing the last words…",
                "scoring": "scoring the answer…",
                "done": "done",
            }.get(self.state, "")
            line.append(hint, style="bold" if self.state in ("waiting", "listening") else "")
            if self.live_problem:
                line.append(f"\n⚠ {self.live_problem}", style="bold #d75f5f")
        self.query_one("#input-status", Static).update(line)

    def voice_changed(self) -> None:
        """The voice was turned on or off: show it."""
        self._show_input()

    def _set_state(self, state: str) -> None:
        self.state = state
        self._show_input()
        self.refresh_bindings()

    def _check_input(self) -> None:
        inputs = self.mi_app.context.inputs
        assert inputs is not None
        try:
            inputs.check()
        except AudioSourceError as exc:
            self.app.call_from_thread(self._input_failed, str(exc))

    def _input_failed(self, message: str) -> None:
        self.input_problem = message
        self._set_state("failed")

    # ---- answering ----------------------------------------------------------------------------------

    def action_start(self) -> None:
        if self.state not in ("waiting", "failed") or self.mi_app.context.inputs is None:
            return
        self.input_problem = None
        self.mi_app.stop_reading()
        self._set_state("opening")
        self.run_worker(self._open_answer, thread=True, exit_on_error=False)

    def _open_answer(self) -> None:
        ctx = self.mi_app.context
        assert ctx.inputs is not None and ctx.loader is not None
        try:
            source = ctx.inputs.open()
        except AudioSourceError as exc:
            self.app.call_from_thread(self._input_failed, str(exc))
            return
        pace = getattr(source, "pace", 1.0) or 1.0
        try:
            answer = LiveAnswer(ctx.store, self.asked.question_id, source, ctx.loader, pace=pace,
                                targets=self.targets, lost_input_wait_s=ctx.settings.lost_input_wait_s)
        except UserError as exc:  # the answer cannot be stored (disk full, data dir gone): say so, do not hang
            source.stop()
            self.app.call_from_thread(self._input_failed, f"the answer cannot be saved: {exc}")
            return
        self.app.call_from_thread(self._answer_opened, answer)

    def _answer_opened(self, answer: LiveAnswer) -> None:
        if not self.is_attached or self.state != "opening":
            answer.abort("the question was left before the answer started")
            return
        self.mi_app.start_loader()  # on this thread, before the pipeline asks for the model
        self.answer = answer.start()
        self.mi_app.current_answer = answer
        # finished answers are let go: a long session must not hold every answer's audio and pipeline
        self.mi_app.answers = [a for a in self.mi_app.answers if not a.pipeline.finished] + [answer]
        self.query_one(LevelMeter).active = True
        self._set_state("listening")
        self._refresh_timer = self.set_interval(self.mi_app.context.settings.refresh_s, self._refresh)
        self.run_worker(_warm_up_scorecard, thread=True, exit_on_error=False)

    def action_done(self) -> None:
        """End the answer now (the words already spoken are still transcribed, and scored as soon as they are:
        the scoring worker starts at once and waits for the last words)."""
        if self.answer is not None and self.state == "listening":
            self._set_state("ending")
            self._start_finish(stop=True)

    def _start_finish(self, *, stop: bool = False) -> None:
        """Score the answer on a worker thread (once); `stop` ends capture there first (closing the audio
        device can take a while, and the screen must not wait for it)."""
        if not self._finishing:
            self._finishing = True
            self.run_worker(lambda: self._finish(stop), thread=True, exit_on_error=False)

    def _refresh(self) -> None:
        if self.answer is None:
            return
        view = self.answer.drain()
        self._show_live(view)
        if view.problem != self.live_problem:
            self.live_problem = view.problem
            self._show_input()
        if (view.finished is not None or view.input_failed) and self.state in ("listening", "ending"):
            self._set_state("scoring")
            self.query_one(LevelMeter).active = False
            if self._refresh_timer is not None:
                self._refresh_timer.stop()
            self._start_finish()

    def _show_live(self, view: LiveView) -> None:
        stats = view.stats
        timer = self.query_one(TimerBar)
        timer.waiting = not stats.started
        timer.elapsed = stats.elapsed_s
        timer.window = stats.window
        if view.cue is not None and not (self.is_followup and view.cue.name == "challenge"):
            timer.cue = view.cue.message
        self.query_one(LevelMeter).dbfs = view.level_dbfs
        line = Text("waiting for speech…", style="dim")
        if stats.started:
            parts = [Text(f"{stats.wpm:.0f} wpm", style="bold"),
                     Text(f"{stats.fillers} fillers", style="bold #ffaf00" if stats.fillers else "bold")]
            if not self.is_followup:  # a follow-up is not judged on its STAR shape
                if view.phase is not None:
                    parts.append(Text.assemble(label_chip(view.phase), f" {LABEL_NAMES[view.phase]}"))
                parts.append(Text(f"situation {view.situation_share:.0%}",
                                  style="#d78700" if view.situation_share > self.targets.situation_share else ""))
            parts.append(Text(self.targets.window_text(stats.window), style="dim"))
            if view.voice_levels is not None and view.voice_levels.pitch_spread_st is not None:
                parts.append(voice_levels_text(view.voice_levels))
            if view.behind_s >= self.mi_app.context.settings.behind_note_s:
                parts.append(Text(f"transcribing, {view.behind_s:.0f} s behind", style="#d7af00"))
            line = Text("  ·  ").join(parts)
        self.query_one("#live-stats", Static).update(line)
        if view.words_changed:
            limit = self.mi_app.context.settings.transcript_words
            self.query_one(LiveTranscript).show(view.committed, view.partial, view.filler_starts, limit)
            self.query_one("#transcript-box", VerticalScroll).scroll_end(animate=False)

    def _finish(self, stop: bool = False) -> None:
        assert self.answer is not None
        if stop:
            self.answer.stop()
        run = self.mi_app.practice
        rescore = (lambda report: run.rescore(self.asked, report)) if run is not None else None
        outcome = self.answer.finish(self.asked.text, self.asked.probes, rescore,
                                     category=self.asked.category or None)  # never raises
        if outcome.report is not None and outcome.problem is None and not self.is_followup:
            try:  # link the saved answer to its story (the scorecard shows it); never lose the scorecard over it
                outcome.story_notes = story_notes_for_answer(self.mi_app.context.store, outcome.answer_id)
            except UserError as exc:
                outcome.story_notes = []
                self.app.call_from_thread(self.notify, f"Story bank: {exc}", severity="warning")
        self.app.call_from_thread(self._finished, outcome)

    def _finished(self, outcome: AnswerOutcome) -> None:
        self.mi_app.current_answer = None
        self.live_problem = None
        loader = self.mi_app.context.loader
        if outcome.report is None and loader is not None and loader.error is not None:
            # nothing can be transcribed: stay on the question with the model's message and what to do
            self.input_problem = f"the answer could not be transcribed ({outcome.problem})"
            self._set_state("failed")
            self._show_model()
            return
        if outcome.input_failed:
            # the microphone went away: stay on the question, what was said is saved; r tries the device again
            self.input_problem = f"{outcome.problem}. What you said up to then is saved (as an incomplete answer)."
            self._set_state("failed")
            return
        self._set_state("done")
        self.answer = None  # saved: let its audio and pipeline go (a finished worker may keep this screen alive)
        self.mi_app.answer_done(self.asked, outcome)

    # ---- other keys ---------------------------------------------------------------------------------

    def action_toggle_view(self) -> None:
        """Switch between the minimal live view (timer and level) and the full one."""
        self.mi_app.minimal = not self.mi_app.minimal
        self.set_class(self.mi_app.minimal, "minimal")

    def action_use_sample(self) -> None:
        """Run on the bundled sample answer instead of the microphone."""
        if self.state not in ("waiting", "failed") or not self.mi_app.use_sample_answer():
            return
        self.input_problem = None
        self.state = "waiting"
        self.action_start()

    def action_retry_input(self) -> None:
        """Check the microphone again (after plugging one in)."""
        inputs = self.mi_app.context.inputs
        if self.state in ("waiting", "failed") and inputs is not None and inputs.kind == "microphone":
            self.input_problem = None
            self._set_state("waiting")
            self.run_worker(self._check_input, thread=True, exit_on_error=False)

    def action_skip(self) -> None:
        """Skip this question before answering it."""
        if self.state in ("waiting", "failed"):
            self.mi_app.skip(self.asked)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        inputs = self.mi_app.context.inputs
        if action == "start":
            return (self.state in ("waiting", "failed") and self.input_problem is None and inputs is not None
                    and inputs.kind == "microphone")
        if action == "done":
            return self.state == "listening"
        if action == "use_sample":
            return self.input_problem is not None and self.mi_app.context.sample_path is not None
        if action == "retry_input":
            return self.input_problem is not None and inputs is not None and inputs.kind == "microphone"
        if action == "skip":
            return self.state in ("waiting", "failed")
        return True

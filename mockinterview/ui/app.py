"""The mockinterview Textual app: practice, drill and review over the session layer and the live pipeline.

Everything it needs comes in through `AppContext` (built by `mockinterview.cli.make_app`): the model
loader, the store, the question selector, the answer input and the settings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from mockinterview.analysis.targets import CoachingTargets
from mockinterview.audio.model import ModelLoader
from mockinterview.errors import UserError
from mockinterview.report import AnswerReport
from mockinterview.session.app_settings import AppMode, AppSettings
from mockinterview.session.debrief import DrillPick, drill_run
from mockinterview.session.flow import FlowSettings
from mockinterview.session.inputs import AnswerInput, FileInputs
from mockinterview.session.interviewer_voice import InterviewerVoice
from mockinterview.session.live_answer import AnswerOutcome, LiveAnswer
from mockinterview.session.run import Asked, PracticeRun
from mockinterview.session.selection import QuestionSelector
from mockinterview.session.stories import selection_preferences
from mockinterview.storage.store import Store
from mockinterview.types import Question, QuestionKind, SessionMode

MODES = tuple(m.value for m in AppMode)


@dataclass
class AppContext:
    """The app's dependencies, injected by `make_app`."""

    mode: AppMode
    store: Store
    loader: ModelLoader | None = None
    selector: QuestionSelector | None = None
    questions: tuple[Question, ...] = ()
    """The questions of the banks in use (the story bank's gaps map principles to their categories)."""
    inputs: AnswerInput | None = None
    settings: AppSettings = field(default_factory=AppSettings)
    bank: str | None = None
    review_session: int | None = None
    sample_path: Path | None = None
    """The bundled sample answer, offered when there is no microphone (None: not offered)."""
    flow: FlowSettings = field(default_factory=FlowSettings)
    """Shape of practice and drill sessions (questions, follow-ups, the follow-up window)."""
    start_model: bool = True
    """Start the model loader once the first question is on screen (False: the caller manages it)."""
    voice: InterviewerVoice | None = None
    """Reads the questions aloud (None: no voice in this mode, e.g. answers from files)."""


class MockInterviewApp(App[None]):
    """Keyboard-first practice: question, live answer, scorecard, follow-ups; drill; review."""

    CSS_PATH = "app.tcss"
    TITLE = "mockinterview"
    BINDINGS = [
        Binding("q", "quit_app", "Quit"),
        Binding("b", "stories", "Stories"),
        Binding("i", "toggle_voice", "Voice"),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        if context.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {context.mode!r}")
        self.context = context
        self.minimal = context.settings.minimal_live
        self.practice: PracticeRun | None = None
        self.current_answer: LiveAnswer | None = None
        """The answer on screen from its start until it is saved."""
        self.answers: list[LiveAnswer] = []
        """Answers whose transcriber may still run (a closed one's may be putting its last piece down)."""
        self._quitting = False
        self.drill_results: list[tuple[Asked, AnswerReport | None, str | None]] = []
        self.exit_message: str | None = None
        self._loader_started = False

    # ---- start --------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        ctx = self.context
        if ctx.mode == AppMode.REVIEW:
            from mockinterview.ui.screens.review import ReviewScreen, SessionScreen

            self.push_screen(ReviewScreen())
            if ctx.review_session is not None:
                self.push_screen(SessionScreen(ctx.review_session))
            return
        assert ctx.selector is not None
        try:
            self.practice = PracticeRun(ctx.store, ctx.selector, SessionMode(ctx.mode.value), ctx.bank, ctx.flow)
            asked = self.practice.first()
        except UserError as exc:
            self.exit_message = str(exc)
            self.exit()
            return
        if asked is None:
            self.exit_message = "no questions to ask"
            self.exit()
            return
        self.push_screen(self._answer_screen(asked))
        self.call_after_refresh(self.set_timer, ctx.settings.background_delay_s, self.start_loader)
        if ctx.voice is not None and ctx.voice.available:
            self.run_worker(self._start_voice, thread=True, exit_on_error=False)

    def start_loader(self) -> None:
        """Start loading the model (after the first question is on screen, so startup stays instant)."""
        loader = self.context.loader
        if loader is not None and self.context.start_model and not self._loader_started:
            self._loader_started = True
            loader.start()

    def targets_for(self, kind: QuestionKind) -> CoachingTargets:
        """The targets an answer of this kind ("main" or "followup") is judged against: a follow-up has its own
        shorter window."""
        return self.context.flow.targets_for(kind)

    # ---- flow ---------------------------------------------------------------------------------------

    def can_answer(self) -> bool:
        """True when another answer can be given (input left, model not failed)."""
        ctx = self.context
        if ctx.inputs is None or not ctx.inputs.available():
            return False
        return ctx.loader is not None and ctx.loader.error is None

    def answer_done(self, asked: Asked, outcome: AnswerOutcome) -> None:
        """An answer ended: tell the flow, then show the scorecard (a drill runs its follow-ups back to back)."""
        from mockinterview.ui.screens.drill import DrillSummaryScreen
        from mockinterview.ui.screens.scorecard import ScorecardScreen

        run = self.practice
        assert run is not None
        report = outcome.report
        if report is not None:
            run.answered(asked, outcome.report)
        if self.context.mode == AppMode.DRILL and asked.kind == QuestionKind.FOLLOWUP:
            self.drill_results.append((asked, report, outcome.problem))
            if report is None:
                run.answered(asked, None)  # skipped: the rapid run goes on with the next follow-up
            if run.next_kind == QuestionKind.FOLLOWUP and self.can_answer():
                self.answer_followup()
                return
            self.switch_screen(DrillSummaryScreen(asked.main, list(self.drill_results), self.pending_followups()))
            return
        answer_id = outcome.answer_id if outcome.report is not None and asked.kind == QuestionKind.MAIN else None
        self.switch_screen(ScorecardScreen(asked, report, run.pending, outcome.problem, answer_id=answer_id,
                                           story_notes=outcome.story_notes))

    def _start_voice(self) -> None:
        """Worker thread: bring the voice up (piper loads while the first question is read on screen)."""
        voice = self.context.voice
        assert voice is not None
        voice.start()
        if not voice.available:  # installed, yet it would not start: say why once
            self.call_from_thread(self.notify, f"No voice: {voice.reason}.", severity="warning")
            self.call_from_thread(self._voice_changed)

    def _voice_changed(self) -> None:
        from mockinterview.ui.screens.answer import AnswerScreen

        self.refresh_bindings()
        screen = self._screen_under_help()
        if isinstance(screen, AnswerScreen):
            screen.voice_changed()

    def read_aloud(self, asked: Asked) -> None:
        """A question is on screen: the interviewer reads it (microphone answers only)."""
        voice = self.context.voice
        if voice is not None:
            voice.ask(asked.text, self.context.inputs)

    def stop_reading(self) -> None:
        """The candidate started answering: the interviewer stops talking."""
        if self.context.voice is not None:
            self.context.voice.silence()

    def prepare_next(self) -> None:
        """A scorecard is shown: synthesize what will be asked next, so it is read without delay."""
        voice = self.context.voice
        if voice is not None and self.practice is not None and voice.speaks_for(self.context.inputs):
            voice.prepare(self.practice.upcoming)

    def action_toggle_voice(self) -> None:
        """Turn the interviewer's voice on or off (for the rest of this run)."""
        ctx, voice = self.context, self.context.voice
        if voice is None or not voice.available:
            return
        ctx.settings = replace(ctx.settings, voice=not ctx.settings.voice)
        voice.set_on(ctx.settings.voice, ctx.inputs)
        if not voice.speaks_for(ctx.inputs):
            self.notify("The voice is silent while answers come from a file: it would talk over them.")
        self._voice_changed()

    def pending_followups(self) -> int:
        """How many follow-ups of the current question the flow still has."""
        return self.practice.followups_left if self.practice is not None else 0

    def _answer_screen(self, asked: Asked) -> Screen[None]:
        from mockinterview.ui.screens.answer import AnswerScreen

        return AnswerScreen(asked)

    def _used_up(self) -> bool:
        if self.can_answer():
            return False
        self.notify("The input audio is used up: press q to quit (the session is saved).")
        return True

    def next_question(self) -> None:
        """Skip any follow-ups left and ask the next main question."""
        run = self.practice
        assert run is not None
        if self._used_up():
            return
        run.skip_followups()
        asked = run.ask()
        if asked is None and self.context.mode == AppMode.PRACTICE:  # the session summed up
            from mockinterview.ui.screens.debrief import show_debrief

            show_debrief(self)
            return
        if asked is None:
            self.notify("That was the last question of this session: press q to quit (it is saved).")
            return
        self.drill_results = []
        self.switch_screen(self._answer_screen(asked))

    def answer_followup(self) -> None:
        """Ask the pending follow-up."""
        run = self.practice
        assert run is not None
        if run.next_kind != QuestionKind.FOLLOWUP or self._used_up():
            return
        asked = run.ask()
        if asked is not None:
            self.switch_screen(self._answer_screen(asked))

    def answer_again(self, asked: Asked) -> None:
        """Answer the same question once more (an answer without a report; a new answer is stored)."""
        if not self._used_up():
            self.switch_screen(self._answer_screen(asked))

    def skip(self, asked: Asked) -> None:
        """Leave `asked` unanswered and go on with what the flow asks next."""
        run = self.practice
        assert run is not None
        run.answered(asked, None)
        if run.next_kind == QuestionKind.FOLLOWUP:
            self.answer_followup()
        else:
            self.next_question()

    def start_drill(self, pick: DrillPick) -> None:
        """Drill `pick`'s question in a new session: the story, then rapid follow-ups."""
        ctx = self.context
        if self._used_up():
            return
        if self.practice is not None:
            self.practice.end()
        ctx.mode = AppMode.DRILL
        self.practice = drill_run(ctx.store, pick, ctx.questions, ctx.bank, ctx.flow,
                                  ctx.selector.seed if ctx.selector is not None else None)
        self.drill_results = []
        asked = self.practice.first()
        if asked is not None:
            self.switch_screen(self._answer_screen(asked))

    def use_sample_answer(self) -> bool:
        """Switch the input to the bundled sample answer; False if there is none."""
        ctx = self.context
        if ctx.sample_path is None or not ctx.sample_path.is_file():
            self.notify("The bundled sample answer is missing from this installation.", severity="error")
            return False
        ctx.inputs = FileInputs([ctx.sample_path], pace=ctx.settings.sample_pace)
        if ctx.voice is not None:
            ctx.voice.silence()  # the sample plays at once: the voice would talk over it
        return True

    # ---- keys ---------------------------------------------------------------------------------------

    def action_quit_app(self) -> None:
        """Quit at once; an answer being recorded is kept as incomplete, one being scored is saved first."""
        answer = self.current_answer
        if answer is not None and not answer.closed.is_set():
            if answer.scoring and not self._quitting:
                self._quitting = True
                self.notify("Saving the scored answer, then closing…")
                self.run_worker(functools.partial(self._settle_then_exit, answer), thread=True,
                                exit_on_error=False)
                return
            if not answer.scoring:
                answer.abort("quit during the answer")
        self._end_run()
        self.exit()

    @property
    def audio_busy(self) -> bool:
        """True while a pipeline or the model loader still runs (the process should not tear down around it)."""
        answer = self.current_answer
        loading = self.context.loader is not None and self._loader_started and not (
            self.context.loader.ready or self.context.loader.error)
        return loading or (answer is not None and not answer.pipeline.finished) or any(
            not a.pipeline.finished for a in self.answers)

    def _settle_then_exit(self, answer: LiveAnswer) -> None:
        answer.settle(self.context.settings.quit_wait_s)
        self.call_from_thread(self._end_run)
        self.call_from_thread(self.exit)

    def _end_run(self) -> None:
        if self.context.voice is not None:
            self.context.voice.close()
        if self.practice is not None:
            try:
                self.practice.end()
            except UserError as exc:
                self.exit_message = str(exc)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from mockinterview.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stories":
            return self.stories_allowed()
        if action == "toggle_voice":  # shown when there is a voice to toggle; the status line says why not
            return self.context.voice is not None and self.context.voice.available
        return True

    def _screen_under_help(self) -> Screen[Any]:
        """The screen the keys apply to: the one under the help screen or the command palette, if open."""
        from textual.command import CommandPalette

        from mockinterview.ui.screens.help import HelpScreen

        under: Screen[Any] = next((s for s in reversed(self.screen_stack)
                                   if not isinstance(s, HelpScreen | CommandPalette)), self.screen)
        return under

    def stories_allowed(self) -> bool:
        """The story bank opens over a full screen, never while an answer is being recorded or scored."""
        from mockinterview.ui.screens.answer import AnswerScreen
        from mockinterview.ui.screens.stories import StoriesScreen

        screen = self._screen_under_help()
        if isinstance(screen, ModalScreen | StoriesScreen):
            return False
        if isinstance(screen, AnswerScreen) and screen.state not in ("waiting", "failed"):
            return False
        answer = self.current_answer
        return answer is None or answer.closed.is_set()

    def action_stories(self) -> None:
        """Show the story bank: stories, their practice, the coverage and its gaps (add, edit, remove)."""
        from mockinterview.ui.screens.help import HelpScreen
        from mockinterview.ui.screens.stories import StoriesScreen

        if not self.stories_allowed():
            return
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        self.push_screen(StoriesScreen(), lambda _: self.refresh_story_preferences())

    def refresh_story_preferences(self) -> None:
        """Point question selection at the story bank's gaps as they are now (after the bank changed)."""
        ctx = self.context
        if ctx.selector is not None:
            try:
                ctx.selector.prefer_categories = frozenset(selection_preferences(ctx.store, ctx.questions))
            except UserError as exc:
                self.notify(str(exc), severity="warning")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette lists every key of the current screen, then Textual's own commands."""
        from mockinterview.ui.screens.help import screen_keys

        for key, description, node, action in screen_keys(screen):
            yield SystemCommand(f"{description} [{key}]", f"Key {key}",
                                functools.partial(self._run_key_action, node, action))
        yield from super().get_system_commands(screen)

    def _run_key_action(self, node: Any, action: str) -> None:
        self.call_later(self.run_action, action, node)

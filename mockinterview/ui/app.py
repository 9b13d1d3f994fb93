"""The mockinterview Textual app: practice, drill and review over the session layer and the live pipeline.

Everything it needs comes in through `AppContext` (built by `mockinterview.cli.make_app`): the model
loader, the store, the question selector, the answer input and the settings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from mockinterview.audio.model import ModelLoader
from mockinterview.errors import UserError
from mockinterview.session.selection import QuestionSelector
from mockinterview.storage.store import Store
from mockinterview.ui.inputs import AnswerInput, FileInputs
from mockinterview.ui.live_answer import AnswerOutcome, LiveAnswer
from mockinterview.ui.practice_state import Asked, PracticeRun
from mockinterview.ui.settings import UiSettings

MODES = ("practice", "drill", "review")


@dataclass
class AppContext:
    """The app's dependencies, injected by `make_app`."""

    mode: str
    store: Store
    loader: ModelLoader | None = None
    selector: QuestionSelector | None = None
    inputs: AnswerInput | None = None
    settings: UiSettings = field(default_factory=UiSettings)
    bank: str | None = None
    review_session: int | None = None
    sample_path: Path | None = None
    """The bundled sample answer, offered when there is no microphone (None: not offered)."""
    start_model: bool = True
    """Start the model loader once the first question is on screen (False: the caller manages it)."""


def drill_followups(report: dict[str, Any], probes: Iterable[str], count: int) -> list[str]:
    """The drill's rapid follow-ups: the report's targeted ones, then the bank's probes, no repeats."""
    chosen: list[str] = []
    for q in [*report.get("followups", []), *probes]:
        if q not in chosen:
            chosen.append(q)
    return chosen[:count]


class MockInterviewApp(App[None]):
    """Keyboard-first practice: question, live answer, scorecard, follow-ups; drill; review."""

    CSS_PATH = "app.tcss"
    TITLE = "mockinterview"
    BINDINGS = [
        Binding("q", "quit_app", "Quit"),
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
        self.drill_results: list[tuple[Asked, dict[str, Any] | None, str | None]] = []
        self.exit_message: str | None = None
        self._loader_started = False

    # ---- start --------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        ctx = self.context
        if ctx.mode == "review":
            from mockinterview.ui.screens.review import ReviewScreen, SessionScreen

            self.push_screen(ReviewScreen())
            if ctx.review_session is not None:
                self.push_screen(SessionScreen(ctx.review_session))
            return
        assert ctx.selector is not None
        self.practice = PracticeRun(ctx.store, ctx.selector, ctx.mode, ctx.bank)
        try:
            asked = self.practice.next_question()
        except UserError as exc:
            self.exit_message = str(exc)
            self.exit()
            return
        from mockinterview.ui.screens.answer import AnswerScreen

        self.push_screen(AnswerScreen(asked))
        self.call_after_refresh(self.start_loader)

    def start_loader(self) -> None:
        """Start loading the model (after the first question is on screen, so startup stays instant)."""
        loader = self.context.loader
        if loader is not None and self.context.start_model and not self._loader_started:
            self._loader_started = True
            if not loader.ready and loader.error is None and not loader._thread.ident:
                loader.start()

    # ---- flow ---------------------------------------------------------------------------------------

    def can_answer(self) -> bool:
        """True when another answer can be given (input left, model not failed)."""
        ctx = self.context
        if ctx.inputs is None or not ctx.inputs.available():
            return False
        return ctx.loader is not None and ctx.loader.error is None

    def answer_done(self, asked: Asked, outcome: AnswerOutcome) -> None:
        """An answer ended: show its scorecard, or in a drill go on to the next rapid follow-up."""
        from mockinterview.ui.screens.drill import DrillSummaryScreen
        from mockinterview.ui.screens.scorecard import ScorecardScreen

        assert self.practice is not None
        report = outcome.report.to_json() if outcome.report is not None else None
        main = asked.main
        if report is not None:
            self.practice.answered(asked, report.get("scores", {}).get("overall"))
        if self.context.mode == "drill":
            if asked.kind == "main":
                if report is not None:
                    main.followups = drill_followups(report, main.probes, self.context.settings.drill_followups)
                self.switch_screen(ScorecardScreen(asked, report, main.followups, outcome.problem))
                return
            self.drill_results.append((asked, report, outcome.problem))
            if main.followups and self.can_answer():
                self.answer_followup(main, main.followups[0])
            else:
                self.switch_screen(DrillSummaryScreen(main, list(self.drill_results)))
            return
        if asked.kind == "main" and report is not None:
            main.followups = list(report.get("followups", []))
        self.switch_screen(ScorecardScreen(asked, report, main.followups, outcome.problem))

    def _answer_screen(self, asked: Asked) -> Screen[None]:
        from mockinterview.ui.screens.answer import AnswerScreen

        return AnswerScreen(asked)

    def next_question(self) -> None:
        """Ask the next bank question."""
        assert self.practice is not None
        if not self.can_answer():
            self.notify("The input audio is used up: press q to quit (the session is saved).")
            return
        try:
            asked = self.practice.next_question()
        except UserError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.drill_results = []
        self.switch_screen(self._answer_screen(asked))

    def answer_followup(self, parent: Asked, text: str) -> None:
        """Ask a follow-up to `parent`'s main question."""
        assert self.practice is not None
        if not self.can_answer():
            self.notify("The input audio is used up: press q to quit (the session is saved).")
            return
        self.switch_screen(self._answer_screen(self.practice.followup(parent, text)))

    def answer_again(self, asked: Asked) -> None:
        """Answer the same question once more (a new answer to it is stored)."""
        if self.can_answer():
            self.switch_screen(self._answer_screen(asked))

    def skip(self, asked: Asked) -> None:
        """Leave a question unanswered and ask the next one."""
        self.next_question()

    def use_sample_answer(self) -> bool:
        """Switch the input to the bundled sample answer; False if there is none."""
        ctx = self.context
        if ctx.sample_path is None or not ctx.sample_path.is_file():
            self.notify("The bundled sample answer is missing from this installation.", severity="error")
            return False
        ctx.inputs = FileInputs([ctx.sample_path], pace=ctx.settings.sample_pace)
        return True

    # ---- keys ---------------------------------------------------------------------------------------

    def action_quit_app(self) -> None:
        """Quit; an answer in progress is kept as incomplete, the session is saved."""
        answer, self.current_answer = self.current_answer, None
        if answer is not None:
            answer.abort("quit during the answer")
        if self.practice is not None:
            try:
                self.practice.end()
            except UserError as exc:
                self.exit_message = str(exc)
        self.exit()

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from mockinterview.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette lists every key of the current screen, then Textual's own commands."""
        from mockinterview.ui.screens.help import screen_keys

        for key, description, node, action in screen_keys(screen):
            yield SystemCommand(f"{description} [{key}]", f"Key {key}",
                                functools.partial(self._run_key_action, node, action))
        yield from super().get_system_commands(screen)

    def _run_key_action(self, node: Any, action: str) -> None:
        self.call_later(self.run_action, action, node)

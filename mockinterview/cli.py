"""The `mockinterview` command line. Exit codes: 0 ok, 2 bad input or usage, 1 unexpected error."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mockinterview import __version__
from mockinterview.errors import Interrupted, UserError
from mockinterview.formatting import one_line

if TYPE_CHECKING:  # the app is built inside make_app, so commands never load textual
    from mockinterview.audio.model import ModelLoader
    from mockinterview.session.app_settings import AppSettings
    from mockinterview.session.interviewer_voice import InterviewerVoice
    from mockinterview.storage.store import Store
    from mockinterview.ui.app import MockInterviewApp

COMMAND_MODULES = {
    "transcribe": "mockinterview.commands.transcribe",
    "devices": "mockinterview.commands.devices",
    "banks": "mockinterview.commands.banks",
    "sessions": "mockinterview.commands.sessions",
    "export": "mockinterview.commands.export",
    "practice": "mockinterview.commands.practice",
    "drill": "mockinterview.commands.practice",
    "review": "mockinterview.commands.practice",
    "score": "mockinterview.commands.score",
    "stories": "mockinterview.commands.stories",
}
"""Each command and the module whose `COMMANDS` list defines it. A module is imported only when one of its
commands runs (or `--help` lists them), so `practice` does not wait for the scorer or the audio stack."""


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        commands: list[click.Command] = importlib.import_module(module).COMMANDS
        return next(c for c in commands if c.name == cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mockinterview")
def cli() -> None:
    """Offline spoken mock-interview coach for behavioral interviews."""


def make_app(mode: str, *, inputs: Sequence[str | Path] = (), pace: float = 1.0, bank: str | None = None,
             device: str | None = None, model: str | None = None, seed: int | None = None,
             session_id: int | None = None, minimal: bool = False, auto_start: bool = False,
             home: str | None = None, store: Store | None = None, loader: ModelLoader | None = None,
             settings: AppSettings | None = None, voice: InterviewerVoice | None = None) -> MockInterviewApp:
    """Build the Textual app for `mode` (practice | drill | review) with its dependencies injected.

    The one place the app is put together: the store, the model loader (started by the app once the first
    question is on screen), the question selector over the banks, the user's history and the story bank's gaps
    (categories whose stories are missing or unpractised come up more often), the answer input
    (`inputs` files played at `pace` as the microphone, else the microphone `device`), the interviewer's voice
    (with the microphone only; it gates the microphone) and the settings. `store`, `loader`, `settings` and
    `voice` may be given (tests share one loaded model).
    """
    from mockinterview.audio.model import ModelLoader
    from mockinterview.session.app_settings import AppMode, AppSettings
    from mockinterview.session.banks import all_questions, load_banks
    from mockinterview.session.inputs import FileInputs, MicrophoneInput, sample_answer_path
    from mockinterview.session.selection import QuestionSelector
    from mockinterview.session.stories import selection_preferences
    from mockinterview.storage.store import open_store
    from mockinterview.ui.app import AppContext, MockInterviewApp

    if settings is None:
        settings = AppSettings(minimal_live=minimal, auto_start=auto_start)
    store = store if store is not None else open_store(home)
    context = AppContext(mode=AppMode(mode), store=store, settings=settings, bank=bank, review_session=session_id)
    if context.mode != AppMode.REVIEW:
        questions = all_questions(load_banks([bank] if bank else None))
        asked = store.asked_refs()
        if all(f"{q.bank}/{q.id}" in asked for q in questions):
            asked = set()  # every question was asked before: start over rather than refuse
        context.questions = tuple(questions)
        context.selector = QuestionSelector(questions, store.category_history(), seed, asked=asked,
                                            prefer_categories=selection_preferences(store, questions))
        context.loader = loader if loader is not None else ModelLoader(model)
        context.inputs = FileInputs([Path(p) for p in inputs], pace) if inputs else MicrophoneInput(
            device, auto_start)
        if voice is None and isinstance(context.inputs, MicrophoneInput):
            from mockinterview.session.interviewer_voice import InterviewerVoice

            voice = InterviewerVoice.create(on=settings.voice)
        if voice is not None:
            voice.attach(context.inputs)
        context.voice = voice
        context.sample_path = sample_answer_path()
    return MockInterviewApp(context)


def fail(message: str, code: int = 2, *, at_once: bool = False) -> None:
    """Print one line on stderr (control characters escaped) and exit; `at_once` skips the interpreter's
    teardown, which could wait on (or crash around) a thread still inside native code."""
    click.echo(f"mockinterview: error: {one_line(message)}", err=True)
    if at_once:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: user errors become one line and exit 2, never a traceback."""
    from mockinterview.audio.memory import limit_malloc_arenas

    limit_malloc_arenas()  # before any thread allocates
    try:
        rc = cli.main(args=argv, prog_name="mockinterview", standalone_mode=False)
    except click.exceptions.Abort:
        fail("interrupted", 130)
    except click.ClickException as exc:
        fail(exc.format_message(), 2)
    except Interrupted as exc:
        fail(str(exc), exc.exit_code, at_once=True)
    except UserError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - last-resort one-line report
        fail(f"unexpected {type(exc).__name__}: {exc}", 1)
    sys.exit(rc if isinstance(rc, int) else 0)

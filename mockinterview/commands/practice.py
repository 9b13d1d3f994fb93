"""`mockinterview practice`, `drill` and `review`: the Textual app (built by `cli.make_app`)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from mockinterview.commands import end_at_once
from mockinterview.errors import StoreError, UserError
from mockinterview.storage.paths import FILE_MODE


def _check_inputs(inputs: tuple[Path, ...], pace: float) -> None:
    """Refuse bad input before anything is stored: every --input file must decode to some audio."""
    if pace < 0:
        raise click.UsageError(f"--pace {pace}: must be 0 (as fast as possible) or more")
    if inputs:
        from mockinterview.audio.sources import decode_file

        for path in inputs:
            decode_file(path)


NATIVE_LOG = "stderr.log"
"""File of the data dir that takes what native libraries print on stderr while the app runs (rewritten each run)."""


@contextlib.contextmanager
def native_stderr_to(log: Path) -> Iterator[None]:
    """Send file descriptor 2 to `log` (or /dev/null) while the app runs, so C libraries (PortAudio, ALSA, the
    speech model) never print over the screen; the app keeps drawing on the terminal through a copy of it."""
    sys.stderr.flush()
    terminal_fd = os.dup(2)
    try:
        target = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    except OSError:
        target = os.open(os.devnull, os.O_WRONLY)
    terminal = os.fdopen(terminal_fd, "w", encoding=sys.stderr.encoding or "utf-8", errors="replace")
    saved = sys.stderr, sys.__stderr__
    os.dup2(target, 2)
    os.close(target)
    sys.stderr = terminal
    setattr(sys, "__stderr__", terminal)  # noqa: B010 - Textual draws on sys.__stderr__, which typing calls final
    try:
        yield
    finally:
        terminal.flush()
        os.dup2(terminal.fileno(), 2)
        sys.stderr = saved[0]
        setattr(sys, "__stderr__", saved[1])  # noqa: B010
        terminal.close()


def _run(mode: str, **options: Any) -> None:
    from mockinterview.audio.sources import streams_abandoned
    from mockinterview.cli import make_app

    app = make_app(mode, **options)
    redirect = native_stderr_to(app.context.store.home / NATIVE_LOG) if sys.__stderr__ and sys.__stderr__.isatty() \
        else contextlib.nullcontext()
    try:
        with redirect:
            app.run()
    finally:
        app.context.store.close()
    if app.audio_busy or streams_abandoned():
        # quit mid-answer, or after a microphone failed: what was said is saved; the transcriber may still be
        # inside the model, or PortAudio inside the dead stream, and tearing the interpreter down around native
        # code can hang or crash, so leave without teardown
        end_at_once(app.exit_message, UserError.exit_code if app.exit_message else 0)
    if app.exit_message:
        raise UserError(app.exit_message)


def answer_options(fn: Any) -> Any:
    """Options shared by practice and drill."""
    options = [
        click.option("--bank", default=None, help="Ask only from this question bank (see `mockinterview banks`)."),
        click.option("--input", "inputs", multiple=True, type=click.Path(path_type=Path),
                     help="Play AUDIO as the microphone: the answer starts with the question and ends with the "
                          "file. Repeat for the follow-ups and the next questions, in order."),
        click.option("--pace", type=float, default=1.0, show_default=True,
                     help="With --input: play at X times real time (0 = as fast as possible)."),
        click.option("--device", default=None, help="Input device index or name (see `mockinterview devices`)."),
        click.option("--model", "model", default=None, help="Model name or directory (default: bundled tiny.en)."),
        click.option("--seed", type=int, default=None, help="Seed of the question draw (to replay a session)."),
        click.option("--minimal", is_flag=True, help="Start with the minimal live view (timer and level only)."),
        click.option("--auto-start", is_flag=True,
                     help="With the microphone: listen as soon as a question is shown (no start key)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@click.command()
@answer_options
def practice(inputs: tuple[Path, ...], pace: float, **options: Any) -> None:
    """Practise answering questions out loud: live transcript and timer, scorecard, follow-ups."""
    _check_inputs(inputs, pace)
    _run("practice", inputs=inputs, pace=pace, **options)


@click.command()
@answer_options
def drill(inputs: tuple[Path, ...], pace: float, **options: Any) -> None:
    """One story, then rapid follow-up questions, each with its own short timer."""
    _check_inputs(inputs, pace)
    _run("drill", inputs=inputs, pace=pace, **options)


@click.command()
@click.argument("session_id", required=False, type=int)
def review(session_id: int | None) -> None:
    """Review past sessions: scores, transcripts with sections and fillers, recordings, trends."""
    if session_id is not None:  # a session that is not there is bad input: say so before the app starts
        from mockinterview.storage.paths import db_path, resolve_home
        from mockinterview.storage.store import open_store, store_exists

        if not store_exists():
            raise StoreError(f"{db_path(resolve_home())}: no session {session_id}: no sessions stored yet")
        with open_store() as store:
            store.get_session(session_id)
    _run("review", session_id=session_id)


COMMANDS = [practice, drill, review]

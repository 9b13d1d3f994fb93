"""`mockinterview practice`, `drill` and `review`: the Textual app (built by `cli.make_app`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from mockinterview.errors import AudioSourceError, UserError


def _check_inputs(inputs: tuple[Path, ...], pace: float) -> None:
    for path in inputs:
        if not path.is_file():
            raise AudioSourceError(f"{path}: no such audio file")
    if pace < 0:
        raise click.UsageError(f"--pace {pace}: must be 0 (as fast as possible) or more")


def _run(mode: str, **options: Any) -> None:
    from mockinterview.cli import make_app

    app = make_app(mode, **options)
    try:
        app.run()
    finally:
        app.context.store.close()
    if app.audio_busy:
        # quit mid-answer: what was said is saved; the transcriber may still be inside the model, and tearing
        # the interpreter down around native code can crash, so leave without teardown
        if app.exit_message:
            click.echo(f"mockinterview: error: {app.exit_message}", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(UserError.exit_code if app.exit_message else 0)
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
    _run("review", session_id=session_id)


COMMANDS = [practice, drill, review]

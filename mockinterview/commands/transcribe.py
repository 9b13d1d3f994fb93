"""`mockinterview transcribe AUDIO`: the streaming transcript, live to the terminal."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from mockinterview.audio.model import ModelLoader
from mockinterview.audio.pipeline import run_source, transcribe_file
from mockinterview.audio.sources import MicrophoneSource, streams_abandoned
from mockinterview.commands import end_at_once
from mockinterview.errors import AudioSourceError
from mockinterview.types import PartialWords, PipelineEvent, Transcript, WordsCommitted

GREY, RESET, CLEAR = "\x1b[90m", "\x1b[0m", "\r\x1b[K"


class LivePrinter:
    """Prints committed words as they come; on a TTY also a greyed partial line that is overwritten."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def __call__(self, event: PipelineEvent) -> None:
        if isinstance(event, PartialWords) and self.tty:
            text = " ".join(w.text for w in event.words)[-150:]
            sys.stdout.write(f"{CLEAR}{GREY}{text}{RESET}")
            sys.stdout.flush()
        elif isinstance(event, WordsCommitted) and event.utterance.words:
            prefix = CLEAR if self.tty else ""
            sys.stdout.write(f"{prefix}{event.utterance.text}\n")
            sys.stdout.flush()


def transcript_json(t: Transcript) -> dict[str, Any]:
    return {
        "transcript": t.text,
        "words": [
            {"w": w.text, "start": round(w.start, 2), "end": round(w.end, 2), "p": w.probability}
            for w in t.words
        ],
        "speech": [{"start": round(s.start, 3), "end": round(s.end, 3)} for s in t.speech],
        "duration_s": round(t.duration_s, 2),
        "model": t.model,
        "pipeline": t.stats.figures(),
    }


@click.command()
@click.argument("audio", required=False, type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print words, timings and pipeline figures as JSON.")
@click.option("--pace", type=float, default=0.0, show_default=True,
              help="Play the file at X times real time; 0 = as fast as possible.")
@click.option("--model", "model_name", default=None, help="Model name or directory (default: bundled tiny.en).")
@click.option("--download-model", is_flag=True, help="Allow downloading a model that is not on this machine.")
@click.option("--mic", is_flag=True, help="Transcribe the microphone instead of a file (Ctrl-C ends).")
@click.option("--device", default=None, help="Input device index or name (see `mockinterview devices`).")
@click.option("--seconds", type=float, default=None, help="With --mic: stop after this many seconds.")
def transcribe(audio: str | None, as_json: bool, pace: float, model_name: str | None, download_model: bool,
               mic: bool, device: str | None, seconds: float | None) -> None:
    """Transcribe AUDIO (wav, flac, mp3, ogg, m4a) or the microphone through the live pipeline."""
    if bool(audio) == mic:
        raise click.UsageError("give an AUDIO file or --mic (not both)")
    if seconds is not None and (not mic or not seconds > 0):
        raise click.UsageError(f"--seconds {seconds:g}: give a number of seconds above 0, with --mic")
    loader = ModelLoader(model_name, allow_download=download_model).start()
    listeners = [] if as_json else [LivePrinter(sys.stdout.isatty())]
    if mic:
        source = MicrophoneSource(device)
        try:
            result = run_source(source, model=loader, listeners=listeners, pace=1.0, max_seconds=seconds)
        except AudioSourceError as exc:
            if streams_abandoned():  # the microphone failed mid-stream
                end_at_once(str(exc), AudioSourceError.exit_code)
            raise
    else:
        assert audio is not None  # one of the two, checked above
        result = transcribe_file(audio, pace=pace, model=loader, listeners=listeners)
    if as_json:
        click.echo(json.dumps(transcript_json(result), indent=1))


COMMANDS = [transcribe]

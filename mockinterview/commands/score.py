"""`mockinterview score AUDIO_OR_TXT`: the full STAR+ report for one answer, saved to the store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mockinterview.analysis.scorer import estimate_timings, score_answer
from mockinterview.audio.model import ModelLoader
from mockinterview.audio.pipeline import transcribe_file
from mockinterview.commands.report_text import format_report
from mockinterview.errors import UserError
from mockinterview.report import AnswerReport, Timing
from mockinterview.session.answer import AnswerRecorder, save_scored_answer
from mockinterview.session.scoring import load_in_background, score_recording
from mockinterview.session.stories import story_notes_for_answer
from mockinterview.storage.store import Store, open_store

TEXT_SUFFIXES = (".txt", ".md")


def score_text(path: Path, question: str | None) -> AnswerReport:
    """Score a written answer with timings estimated from its words."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read text ({exc.__class__.__name__}); give a UTF-8 .txt file") from None
    if not text.strip():
        raise UserError(f"{path}: is empty; write the answer in it first")
    words, speech = estimate_timings(text)
    report = score_answer(words, speech, question=question, timing=Timing.ESTIMATED)
    report.model = "none (text input)"
    return report


def score_audio(path: Path, *, question: str | None, pace: float, model: str | None, download: bool,
                store: Store | None) -> tuple[AnswerReport, int | None]:
    """Stream the audio through the live pipeline (saving words and audio as they come) and score it."""
    loader = ModelLoader(model, allow_download=download).start()
    load_in_background()
    if store is None:
        return score_recording(transcribe_file(path, pace=pace, model=loader), question=question), None
    session_id = store.start_session("score")
    recorder = AnswerRecorder(store, store.add_question(session_id, question or "(no question given)"))
    with recorder:
        t = transcribe_file(path, pace=pace, model=loader, listeners=[recorder.on_event],
                            frame_listeners=[recorder.on_frame])
        report = score_recording(t, question=question)
        recorder.finish(report)
    store.end_session(session_id)
    return report, recorder.answer_id


@click.command()
@click.argument("answer", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--question", default=None, help="The question that was answered (better follow-ups).")
@click.option("--pace", type=float, default=0.0, show_default=True,
              help="Play audio at X times real time; 0 = as fast as possible.")
@click.option("--model", "model_name", default=None, help="Model name or directory (default: bundled tiny.en).")
@click.option("--download-model", is_flag=True, help="Allow downloading a model that is not on this machine.")
@click.option("--no-save", is_flag=True, help="Do not save the answer to the session store.")
def score(answer: Path, as_json: bool, question: str | None, pace: float, model_name: str | None,
          download_model: bool, no_save: bool) -> None:
    """Score ANSWER (audio, or a .txt transcript with estimated timings) and print the STAR+ report."""
    if not answer.exists():
        raise UserError(f"{answer}: no such file")
    store = None if no_save else open_store()
    try:
        if answer.suffix.lower() in TEXT_SUFFIXES:
            report = score_text(answer, question)
            answer_id = save_scored_answer(store, report, question=question)[1] if store else None
        else:
            report, answer_id = score_audio(answer, question=question, pace=pace, model=model_name,
                                            download=download_model, store=store)
        if store is not None and answer_id is not None:
            report.feedback.extend(story_notes_for_answer(store, answer_id))
    finally:
        if store is not None:
            store.close()
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=1))
    else:
        click.echo(format_report(report))


COMMANDS = [score]

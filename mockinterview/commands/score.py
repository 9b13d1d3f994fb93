"""`mockinterview score AUDIO_OR_TXT`: the full STAR+ report for one answer, saved to the store."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import click

from mockinterview.analysis.scorer import estimate_timings, score_answer
from mockinterview.audio.model import ModelLoader
from mockinterview.audio.pipeline import Pipeline
from mockinterview.audio.sources import FileSource
from mockinterview.commands.report_text import format_report
from mockinterview.errors import Interrupted, StoreError, UserError
from mockinterview.formatting import mmss, one_line, printable
from mockinterview.report import AnswerReport, Timing
from mockinterview.session.answer import INTERRUPTED, AnswerRecorder, save_scored_answer
from mockinterview.session.scoring import NO_SPEECH, NoSpeech, load_in_background, score_recording
from mockinterview.session.stories import story_notes_for_answer
from mockinterview.storage.store import Store, open_store
from mockinterview.storage.unfinished import AnswerSetAside
from mockinterview.types import Transcript

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


def _transcribe(pipeline: Pipeline, recorder: AnswerRecorder | None, where: str) -> Transcript:
    """Wait for the pipeline; on Ctrl-C drop what is not transcribed yet, keep what was saved and say what that
    is (the transcriber may be inside the model for seconds more: nobody waits for it)."""
    try:
        return pipeline.wait()
    except KeyboardInterrupt:
        pipeline.abandon()
        if recorder is None:
            raise Interrupted("interrupted; nothing was saved (--no-save)") from None
        recorder.abort(INTERRUPTED)
        kept = f"{recorder.words_saved} words and {mmss(recorder.recorded_s)} of audio"
        if recorder.close_error is not None:
            raise Interrupted(f"interrupted; {recorder.close_error}") from None
        raise Interrupted(f"interrupted; {kept} kept as incomplete answer {recorder.answer_id} of {where}") from None


def score_audio(path: Path, *, question: str | None, pace: float, model: str | None, download: bool,
                store: Store | None) -> tuple[AnswerReport, int | None, str | None]:
    """Stream the audio through the live pipeline (saving words and audio as they come) and score it.

    Returns the report, the saved answer's id and a note when the database could not take it (it was set
    aside in a file). The file is decoded first, so a file that is not audio stores nothing.
    """
    source = FileSource(path, pace)
    loader = ModelLoader(model, allow_download=download).start()
    load_in_background()
    if store is None:
        transcript = _transcribe(Pipeline(source, loader, pace=pace).start(), None, "")
        try:
            return score_recording(transcript, question=question), None, None
        except NoSpeech as exc:
            raise UserError(f"{path}: {exc}") from None
    session_id = store.start_session("score")
    where = f"session {session_id} (`mockinterview export {session_id}`)"
    recorder = AnswerRecorder(store, store.add_question(session_id, question or "(no question given)"))
    note = None
    with recorder:
        pipeline = Pipeline(source, loader, listeners=[recorder.on_event], frame_listeners=[recorder.on_frame],
                            pace=pace).start()
        transcript = _transcribe(pipeline, recorder, where)
        try:
            report = score_recording(transcript, question=question)
        except NoSpeech as exc:
            recorder.abort(NO_SPEECH)
            raise UserError(f"{path}: {exc}; the audio is kept as an incomplete answer in {where}") from None
        try:
            recorder.finish(report)
        except AnswerSetAside as exc:
            note = str(exc)
    if note is None:  # set aside: the database is busy or full, and the session's end time is not worth a wait
        with contextlib.suppress(StoreError):
            store.end_session(session_id)
    return report, recorder.answer_id, note


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
    text = answer.suffix.lower() in TEXT_SUFFIXES
    report = score_text(answer, question) if text else None  # a bad text file stores nothing either
    store = None if no_save else open_store()
    note = None
    try:
        if report is not None:
            try:
                answer_id = save_scored_answer(store, report, question=question)[1] if store else None
            except AnswerSetAside as exc:
                answer_id, note = None, str(exc)
        else:
            report, answer_id, note = score_audio(answer, question=question, pace=pace, model=model_name,
                                                  download=download_model, store=store)
        if store is not None and answer_id is not None and note is None:
            try:
                report.feedback.extend(story_notes_for_answer(store, answer_id))
            except StoreError as exc:  # the story bank is extra: never lose the report over it
                note = f"story bank not updated: {exc}"
    finally:
        if store is not None:
            store.close()
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=1))
    else:
        click.echo(printable(format_report(report)))
    if note:
        click.echo(f"mockinterview: note: {one_line(note)}", err=True)


COMMANDS = [score]

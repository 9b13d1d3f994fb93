"""Run a practice or drill flow without a terminal: answers come from audio files (or any audio source),
go through the real pipeline and scorer, and are saved to the store as they are spoken.

    flow = PracticeFlow(QuestionSelector(questions, history_for_selection(store), seed=7))
    session_id = run_flow(flow, store, lambda prompt: next(files), bank="core")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockinterview.report import AnswerReport
from mockinterview.session.answer import AnswerRecorder, RecorderSettings
from mockinterview.session.flow import DrillFlow, PracticeFlow, Prompt
from mockinterview.session.selection import CategoryHistory
from mockinterview.storage.store import Store
from mockinterview.types import Transcript

AnswerInput = Callable[[Prompt], "str | Path | Any | None"]
"""Gives the audio answering a prompt: a file path, an AudioSource, or None to skip the prompt."""

NO_SPEECH = "no speech was heard"


@dataclass(frozen=True, slots=True)
class TurnResult:
    """What happened to one prompt in a headless run."""

    prompt: Prompt
    question_id: int
    answer_id: int | None
    report: AnswerReport | None
    status: str
    """complete, incomplete or skipped."""


def history_for_selection(store: Store) -> dict[str, CategoryHistory]:
    """The store's practice history per category, in the selector's terms."""
    return {cat: CategoryHistory(h.answered, h.mean_overall) for cat, h in store.category_history().items()}


def _transcribe(audio: Any, recorder: AnswerRecorder, pace: float, model: Any) -> Transcript:
    from mockinterview.audio.pipeline import run_source, transcribe_file

    taps = {"listeners": [recorder.on_event], "frame_listeners": [recorder.on_frame]}
    if isinstance(audio, str | Path):
        return transcribe_file(audio, pace=pace, model=model, **taps)
    return run_source(audio, model=model, pace=pace, **taps)


def score_transcript(transcript: Transcript, prompt: Prompt) -> AnswerReport:
    """Score an answer's transcript with the STAR+ scorer, filling the model and pipeline fields."""
    from mockinterview.session.scoring import score_recording  # the scorer loads with the first answer

    probes = prompt.question.probes if prompt.question else ()
    return score_recording(transcript, question=prompt.text, probes=probes)


def answer_prompt(flow: PracticeFlow | DrillFlow, store: Store, question_id: int, prompt: Prompt, audio: Any, *,
                  pace: float = 0.0, model: Any = None,
                  settings: RecorderSettings | None = None) -> tuple[int, AnswerReport | None]:
    """Record, transcribe, score and save one answer; returns (answer id, report saved or None)."""
    with AnswerRecorder(store, question_id, settings=settings) as recorder:
        transcript = _transcribe(audio, recorder, pace, model)
        if not transcript.words:
            recorder.finish(None, complete=False, reason=NO_SPEECH)
            return recorder.answer_id, None
        report = flow.rescore(prompt, score_transcript(transcript, prompt))
        recorder.finish(report)
        if recorder.interrupted:
            raise KeyboardInterrupt
        return recorder.answer_id, report


def run_flow(flow: PracticeFlow | DrillFlow, store: Store, answer_for: AnswerInput, *, pace: float = 0.0,
             model: Any = None, bank: str | None = None, settings: RecorderSettings | None = None,
             on_turn: Callable[[TurnResult], None] | None = None) -> int:
    """Run `flow` to its end, saving every question and answer; returns the session id.

    Ctrl-C stops the run after saving what was captured (the answer is marked incomplete).
    """
    if model is None:
        from mockinterview.audio.model import ModelLoader

        model = ModelLoader().start()  # loads while the first prompt is prepared; shared by every answer
    session_id = store.start_session(flow.mode, seed=flow.seed, bank=bank)
    question_ids: dict[int, int] = {}
    try:
        prompt = flow.start()
        while prompt is not None:
            subject = prompt.question if prompt.kind == "main" and prompt.question else prompt.text
            qid = store.add_question(session_id, subject, kind=prompt.kind,
                                     parent=question_ids.get(prompt.parent) if prompt.parent is not None else None)
            question_ids[prompt.index] = qid
            audio = answer_for(prompt)
            if audio is None:
                result = TurnResult(prompt, qid, None, None, "skipped")
                report = None
            else:
                answer_id, report = answer_prompt(flow, store, qid, prompt, audio, pace=pace, model=model,
                                                  settings=settings)
                result = TurnResult(prompt, qid, answer_id, report, "complete" if report else "incomplete")
            if on_turn is not None:
                on_turn(result)
            prompt = flow.answered(report)
    finally:
        store.end_session(session_id)
    return session_id

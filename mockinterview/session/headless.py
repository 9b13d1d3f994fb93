"""A practice or drill session without a terminal, on the app's own path.

`PracticeRun` asks each question and records it, `LiveAnswer` records, transcribes, scores and saves each
answer, exactly as the interactive app does; only the screens are missing. Answers come from audio files or
any audio source, so tests and scripts exercise the product's path:

    run = PracticeRun(store, QuestionSelector(questions, store.category_history(), seed=7))
    session_id = run_session(run, lambda asked: next(files), ModelLoader().start())
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mockinterview.audio.model import ModelLoader
from mockinterview.audio.sources import AudioSource, FileSource
from mockinterview.session.live_answer import AnswerOutcome, LiveAnswer
from mockinterview.session.run import Asked, PracticeRun

AnswerFor = Callable[[Asked], "AudioSource | str | Path | None"]
"""Gives the audio answering a question: a file path, an AudioSource, or None to skip the question."""


@dataclass(frozen=True, slots=True)
class TurnResult:
    """What happened to one question of a headless run."""

    asked: Asked
    outcome: AnswerOutcome | None
    """None when the question was skipped."""

    @property
    def status(self) -> Literal["complete", "incomplete", "skipped"]:
        """How the turn ended: answered and scored, answered but not scored, or skipped."""
        if self.outcome is None:
            return "skipped"
        return "complete" if self.outcome.report is not None else "incomplete"


def run_session(run: PracticeRun, answer_for: AnswerFor, loader: ModelLoader, *, pace: float = 0.0,
                on_turn: Callable[[TurnResult], None] | None = None) -> int | None:
    """Ask every question the run's flow asks, in order, answering each from `answer_for`; returns the session
    id (None when nothing was asked). File answers play at `pace` (0 = as fast as possible).

    Ctrl-C ends the answer being recorded as incomplete (its audio and words are kept) and the session.
    """
    asked = run.first()
    try:
        while asked is not None:
            audio = answer_for(asked)
            outcome = None
            if audio is not None:
                source = FileSource(audio, pace) if isinstance(audio, str | Path) else audio
                outcome = answer(run, asked, source, loader, pace)
            run.answered(asked, outcome.report if outcome is not None else None)
            if on_turn is not None:
                on_turn(TurnResult(asked, outcome))
            asked = run.ask()
    finally:
        run.end()
    return run.session_id


def answer(run: PracticeRun, asked: Asked, source: AudioSource, loader: ModelLoader, pace: float) -> AnswerOutcome:
    """Record, transcribe, score and save one answer to `asked`, as the answer screen does."""
    live = LiveAnswer(run.store, asked.question_id, source, loader, pace=pace,
                      targets=run.settings.targets_for(asked.kind)).start()
    try:
        return live.finish(asked.text, asked.probes, lambda report: run.rescore(asked, report),
                           category=asked.category or None)
    except KeyboardInterrupt:
        live.abort("interrupted")
        raise

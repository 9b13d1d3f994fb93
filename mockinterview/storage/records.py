"""What the store hands back: sessions, questions and answers as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mockinterview.types import Word

STATUSES = ("recording", "complete", "incomplete")
"""Answer statuses in the database. "recording" is only reported while its process is alive."""


@dataclass(frozen=True, slots=True)
class AnswerHandle:
    """An answer just opened for recording."""

    answer_id: int
    question_id: int
    recording_path: Path | None
    """None when the answer has no audio (a written answer)."""
    started_at: str = ""


@dataclass(frozen=True, slots=True)
class AnswerSummary:
    """One answer in a session listing."""

    id: int
    question_id: int
    question: str
    kind: str
    status: str
    words: int
    duration_s: float | None
    overall: float | None

    def to_json(self) -> dict[str, Any]:
        """The `sessions --json` answer object: status is "complete" or "incomplete" (the contract)."""
        return {
            "question": self.question,
            "status": "complete" if self.status == "complete" else "incomplete",
            "words": self.words,
            "duration_s": None if self.duration_s is None else round(self.duration_s, 2),
            "overall": self.overall,
        }


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One session in a listing, with its answers in the order they were given."""

    id: int
    started_at: str
    ended_at: str | None
    mode: str
    seed: int | None
    bank: str | None
    answers: list[AnswerSummary] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `sessions --json` session object."""
        return {
            "id": self.id,
            "started_at": self.started_at,
            "mode": self.mode,
            "answers": [a.to_json() for a in self.answers],
        }


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """Everything stored about one answer."""

    id: int
    question_id: int
    question: str
    kind: str
    category: str | None
    status: str
    started_at: str
    ended_at: str | None
    incomplete_reason: str | None
    recording_path: Path | None
    words: list[Word]
    report: dict[str, Any] | None
    scores: dict[str, float]
    duration_s: float | None
    overall: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": "complete" if self.status == "complete" else "incomplete",
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "incomplete_reason": self.incomplete_reason,
            "recording": str(self.recording_path) if self.recording_path else None,
            "duration_s": None if self.duration_s is None else round(self.duration_s, 2),
            "overall": self.overall,
            "scores": self.scores,
            "words": [
                {"w": w.text, "start": round(w.start, 2), "end": round(w.end, 2), "filler": w.filler}
                for w in self.words
            ],
            "report": self.report,
        }


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """A question asked in a session (a main question or a follow-up to `parent_id`)."""

    id: int
    session_id: int
    position: int
    kind: str
    parent_id: int | None
    ref: str | None
    text: str
    category: str | None
    asked_at: str
    answers: list[AnswerRecord] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "parent": self.parent_id,
            "ref": self.ref,
            "category": self.category,
            "text": self.text,
            "asked_at": self.asked_at,
            "answers": [a.to_json() for a in self.answers],
        }


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session with its questions and answers, for review and export."""

    id: int
    started_at: str
    ended_at: str | None
    mode: str
    seed: int | None
    bank: str | None
    questions: list[QuestionRecord] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "mode": self.mode,
            "seed": self.seed,
            "bank": self.bank,
            "questions": [q.to_json() for q in self.questions],
        }


@dataclass(frozen=True, slots=True)
class CategoryStats:
    """Practice history of one category: complete main answers and their mean overall score.

    Field-compatible with the session layer's `CategoryHistory` (selection weighting).
    """

    answered: int
    mean_overall: float | None

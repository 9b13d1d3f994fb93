"""What the store hands back: sessions, questions and answers as typed dataclasses.

A `SessionRecord` (with its questions and answers) is what `export --format json` writes: `to_json()` and
`from_json()` read each other's output, so to_json -> from_json -> to_json gives the same object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from mockinterview.report import AnswerReport, JSONObject
from mockinterview.types import QuestionKind, SessionMode, Word


class AnswerStatus(StrEnum):
    """An answer's status in the database. "recording" is only reported while its process is alive."""

    RECORDING = "recording"
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"

    @property
    def reported(self) -> AnswerStatus:
        """The status the JSON contract reports: complete, or incomplete (an answer still being recorded is
        not finished)."""
        return self if self == AnswerStatus.COMPLETE else AnswerStatus.INCOMPLETE


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


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
    kind: QuestionKind
    status: AnswerStatus
    words: int
    duration_s: float | None
    overall: float | None

    def to_json(self) -> JSONObject:
        """The `sessions --json` answer object: status is "complete" or "incomplete" (the contract)."""
        return {
            "question": self.question,
            "status": str(self.status.reported),
            "words": self.words,
            "duration_s": _seconds(self.duration_s),
            "overall": self.overall,
        }


@dataclass(frozen=True, slots=True)
class SessionHead:
    """What the store keeps about a session itself."""

    id: int
    started_at: str
    ended_at: str | None
    mode: SessionMode
    seed: int | None
    bank: str | None


@dataclass(frozen=True, slots=True)
class SessionSummary(SessionHead):
    """One session in a listing, with its answers in the order they were given."""

    answers: list[AnswerSummary] = field(default_factory=list)

    def to_json(self) -> JSONObject:
        """The `sessions --json` session object."""
        return {
            "id": self.id,
            "started_at": self.started_at,
            "mode": str(self.mode),
            "answers": [a.to_json() for a in self.answers],
        }


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """Everything stored about one answer."""

    id: int
    question_id: int
    question: str
    kind: QuestionKind
    category: str | None
    status: AnswerStatus
    started_at: str
    ended_at: str | None
    incomplete_reason: str | None
    recording_path: Path | None
    words: list[Word]
    report: AnswerReport | None
    scores: dict[str, float]
    duration_s: float | None
    overall: float | None

    def to_json(self) -> JSONObject:
        """The answer object of `export --format json` (its question's fields are on the question)."""
        return {
            "id": self.id,
            "status": str(self.status.reported),
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "incomplete_reason": self.incomplete_reason,
            "recording": str(self.recording_path) if self.recording_path else None,
            "duration_s": _seconds(self.duration_s),
            "overall": self.overall,
            "scores": dict(self.scores),
            "words": [w.to_json() for w in self.words],
            "report": self.report.to_json() if self.report is not None else None,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any], question: QuestionRecord) -> AnswerRecord:
        """The answer a `to_json()` object describes, to `question`."""
        report = d["report"]
        return cls(
            id=int(d["id"]), question_id=question.id, question=question.text, kind=question.kind,
            category=question.category, status=AnswerStatus(d["status"]), started_at=str(d["started_at"]),
            ended_at=d["ended_at"], incomplete_reason=d["incomplete_reason"],
            recording_path=Path(d["recording"]) if d["recording"] else None,
            words=[Word.from_json(w) for w in d["words"]],
            report=AnswerReport.from_json(report) if report is not None else None,
            scores={str(k): float(v) for k, v in d["scores"].items()},
            duration_s=_optional_float(d["duration_s"]), overall=_optional_float(d["overall"]),
        )


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """A question asked in a session (a main question or a follow-up to `parent_id`)."""

    id: int
    session_id: int
    position: int
    kind: QuestionKind
    parent_id: int | None
    ref: str | None
    text: str
    category: str | None
    asked_at: str
    answers: list[AnswerRecord] = field(default_factory=list)

    def to_json(self) -> JSONObject:
        """The question object of `export --format json`, with its answers."""
        return {
            "id": self.id,
            "kind": str(self.kind),
            "parent": self.parent_id,
            "ref": self.ref,
            "category": self.category,
            "text": self.text,
            "asked_at": self.asked_at,
            "answers": [a.to_json() for a in self.answers],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any], session_id: int, position: int) -> QuestionRecord:
        """The question a `to_json()` object describes: the `position`-th (from 1) of session `session_id`."""
        q = cls(int(d["id"]), session_id, position, QuestionKind(d["kind"]), d["parent"], d["ref"], str(d["text"]),
                d["category"], str(d["asked_at"]))
        q.answers.extend(AnswerRecord.from_json(a, q) for a in d["answers"])
        return q


@dataclass(frozen=True, slots=True)
class SessionRecord(SessionHead):
    """A session with its questions and answers, for review and export."""

    questions: list[QuestionRecord] = field(default_factory=list)

    def to_json(self) -> JSONObject:
        """`export --format json`: the session, its questions in the order asked, their answers."""
        return {
            "id": self.id,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "mode": str(self.mode),
            "seed": self.seed,
            "bank": self.bank,
            "questions": [q.to_json() for q in self.questions],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> SessionRecord:
        """The session a `to_json()` object describes."""
        sid = int(d["id"])
        return cls(sid, str(d["started_at"]), d["ended_at"], SessionMode(d["mode"]), d["seed"], d["bank"],
                   [QuestionRecord.from_json(q, sid, i) for i, q in enumerate(d["questions"], 1)])


@dataclass(frozen=True, slots=True)
class CategoryStats:
    """Practice history of one category: complete main answers and their mean overall score.

    Field-compatible with the session layer's `CategoryHistory` (selection weighting).
    """

    answered: int
    mean_overall: float | None

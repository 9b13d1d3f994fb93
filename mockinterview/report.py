"""The answer report: everything `score --json` prints (the contract in docs/ARCHITECTURE.md), typed.

`AnswerReport.to_json()` writes the contract's object and `AnswerReport.from_json()` reads it back:
to_json -> from_json -> to_json gives the same object, so a stored report is the report that was scored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mockinterview.types import Span, Word

JSONObject = dict[str, Any]
"""A JSON object as `json.loads` returns it."""


class Label(StrEnum):
    """STAR+ section labels."""

    S = "S"
    """Situation."""
    T = "T"
    """Task."""
    A = "A"
    """Action."""
    R = "R"
    """Result."""
    X = "X"
    """Reflection."""
    O = "O"  # noqa: E741 - the contract's letter for Other
    """Other: preamble, thinking aloud, closing remarks."""


LABELS = tuple(Label)
"""Section labels in contract order."""

LABEL_NAMES: dict[Label, str] = {
    Label.S: "Situation", Label.T: "Task", Label.A: "Action", Label.R: "Result", Label.X: "Reflection",
    Label.O: "Other",
}
"""What each label stands for, as a reader sees it."""


class Window(StrEnum):
    """Length verdicts, shortest first (the targets in `analysis.targets` set the edges)."""

    RUSHED = "rushed"
    IDEAL = "ideal"
    LONG = "long"
    OVER = "over"


class Flag(StrEnum):
    """The contract's flags, in contract order."""

    LONG_SITUATION = "long_situation"
    WE_HEAVY = "we_heavy"
    NO_NUMBERS = "no_numbers"
    NO_REFLECTION = "no_reflection"
    BLAME = "blame"
    GENERIC = "generic"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    FILLER_HEAVY = "filler_heavy"
    OFF_QUESTION = "off_question"


FLAGS = tuple(Flag)


class Timing(StrEnum):
    """Where a report's times come from: the audio, or estimated from the word count of a text."""

    MEASURED = "measured"
    ESTIMATED = "estimated"


SCORE_NAMES = ("structure", "ownership", "impact", "reflection", "delivery")
"""The sub-scores of a main answer, in the order they are shown (a follow-up has "length" and "delivery")."""


@dataclass(slots=True)
class FillerCounts:
    total: int = 0
    per_minute: float = 0.0
    by_word: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> JSONObject:
        return {"total": self.total, "per_minute": self.per_minute, "by_word": dict(self.by_word)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> FillerCounts:
        return cls(int(d["total"]), float(d["per_minute"]), {str(k): int(v) for k, v in d["by_word"].items()})


@dataclass(slots=True)
class Delivery:
    """Delivery figures from the timing engine."""

    duration_s: float
    speaking_s: float
    words: list[Word]
    fillers: FillerCounts
    wpm: float
    pauses: list[Span]
    window: Window


@dataclass(slots=True)
class Section:
    label: Label
    start: float
    end: float
    text: str

    def to_json(self) -> JSONObject:
        return {"label": str(self.label), "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Section:
        return cls(Label(d["label"]), float(d["start"]), float(d["end"]), str(d["text"]))


@dataclass(slots=True)
class Feedback:
    kind: str
    message: str
    quote: str = ""

    def to_json(self) -> JSONObject:
        return {"kind": str(self.kind), "message": self.message, "quote": self.quote}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Feedback:
        return cls(str(d["kind"]), str(d["message"]), str(d.get("quote", "")))


@dataclass(slots=True)
class AnswerReport:
    """A scored answer."""

    delivery: Delivery
    transcript: str
    sections: list[Section] = field(default_factory=list)
    section_share: dict[Label, float] = field(default_factory=dict)
    pronouns: dict[str, int] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    feedback: list[Feedback] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)
    model: str = ""
    pipeline: JSONObject = field(default_factory=dict)
    timing: Timing = Timing.MEASURED

    @property
    def overall(self) -> int | None:
        """The overall score (None when the report has none)."""
        return self.scores.get("overall")

    def to_json(self) -> JSONObject:
        """The contract's JSON object."""
        d = self.delivery
        out: JSONObject = {
            "duration_s": round(d.duration_s, 2),
            "speaking_s": round(d.speaking_s, 2),
            "transcript": self.transcript,
            "words": [w.to_json() for w in d.words],
            "fillers": d.fillers.to_json(),
            "wpm": round(d.wpm, 1),
            "pauses": [{"start": round(p.start, 2), "end": round(p.end, 2)} for p in d.pauses],
            "window": str(d.window),
            "sections": [s.to_json() for s in self.sections],
            "section_share": {str(k): v for k, v in self.section_share.items()},
            "pronouns": dict(self.pronouns),
            "flags": [str(f) for f in self.flags],
            "scores": dict(self.scores),
            "feedback": [f.to_json() for f in self.feedback],
            "followups": list(self.followups),
            "model": self.model,
            "pipeline": dict(self.pipeline),
        }
        if self.timing == Timing.ESTIMATED:
            out["timing"] = str(Timing.ESTIMATED)
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any], words: list[Word] | None = None) -> AnswerReport:
        """The report a `to_json()` object describes. `words` replace the object's own (the store keeps them
        in their own table). Raises KeyError, TypeError or ValueError when `d` is not such an object."""
        delivery = Delivery(
            duration_s=float(d["duration_s"]),
            speaking_s=float(d["speaking_s"]),
            words=words if words is not None else [Word.from_json(w) for w in d["words"]],
            fillers=FillerCounts.from_json(d["fillers"]),
            wpm=float(d["wpm"]),
            pauses=[Span(float(p["start"]), float(p["end"])) for p in d["pauses"]],
            window=Window(d["window"]),
        )
        return cls(
            delivery=delivery,
            transcript=str(d["transcript"]),
            sections=[Section.from_json(s) for s in d["sections"]],
            section_share={Label(k): float(v) for k, v in d["section_share"].items()},
            pronouns={str(k): int(v) for k, v in d["pronouns"].items()},
            flags=[Flag(f) for f in d["flags"]],
            scores={str(k): int(v) for k, v in d["scores"].items()},
            feedback=[Feedback.from_json(f) for f in d["feedback"]],
            followups=[str(q) for q in d["followups"]],
            model=str(d.get("model", "")),
            pipeline=dict(d.get("pipeline", {})),
            timing=Timing(d.get("timing", Timing.MEASURED)),
        )

"""The answer report: everything `score --json` prints (the contract in docs/ARCHITECTURE.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from mockinterview.types import Span, Word


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


FLAGS = tuple(Flag)


@dataclass(slots=True)
class FillerCounts:
    total: int = 0
    per_minute: float = 0.0
    by_word: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Delivery:
    """Delivery figures from the timing engine."""

    duration_s: float
    speaking_s: float
    words: list[Word]
    fillers: FillerCounts
    wpm: float
    pauses: list[Span]
    window: str  # rushed | ideal | long | over


@dataclass(slots=True)
class Section:
    label: str
    start: float
    end: float
    text: str


@dataclass(slots=True)
class Feedback:
    kind: str
    message: str
    quote: str = ""


@dataclass(slots=True)
class AnswerReport:
    """A scored answer."""

    delivery: Delivery
    transcript: str
    sections: list[Section] = field(default_factory=list)
    section_share: dict[str, float] = field(default_factory=dict)
    pronouns: dict[str, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    feedback: list[Feedback] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)
    model: str = ""
    pipeline: dict[str, Any] = field(default_factory=dict)
    timing: str = "measured"  # "estimated" for .txt input

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object."""
        d = self.delivery
        out: dict[str, Any] = {
            "duration_s": round(d.duration_s, 2),
            "speaking_s": round(d.speaking_s, 2),
            "transcript": self.transcript,
            "words": [
                {"w": w.text, "start": round(w.start, 2), "end": round(w.end, 2), "filler": w.filler}
                for w in d.words
            ],
            "fillers": asdict(d.fillers),
            "wpm": round(d.wpm, 1),
            "pauses": [{"start": round(p.start, 2), "end": round(p.end, 2)} for p in d.pauses],
            "window": d.window,
            "sections": [asdict(s) for s in self.sections],
            "section_share": self.section_share,
            "pronouns": self.pronouns,
            "flags": self.flags,
            "scores": self.scores,
            "feedback": [asdict(f) for f in self.feedback],
            "followups": self.followups,
            "model": self.model,
            "pipeline": self.pipeline,
        }
        if self.timing == "estimated":
            out["timing"] = "estimated"
        return out

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
    MONOTONE = "monotone"


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


class StretchKind(StrEnum):
    """What a stretch of the answer is pointed out for."""

    FLAT = "flat"
    """The pitch stayed within a narrow range for a while."""
    RISING = "rising"
    """A statement ended rising, like a question (uptalk)."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of the answer worth hearing again: flat (`range_st` = its pitch range in semitones) or a rising
    statement ending (`range_st` = how far it ends above the speaker's pitch around it)."""

    kind: StretchKind
    start: float
    end: float
    range_st: float

    def to_json(self) -> JSONObject:
        return {"kind": str(self.kind), "start": round(self.start, 2), "end": round(self.end, 2),
                "range_st": round(self.range_st, 2)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Stretch:
        return cls(StretchKind(d["kind"]), float(d["start"]), float(d["end"]), float(d["range_st"]))


PROSODY_FIGURES = ("pitch_spread_st", "loudness_spread_db", "uptalk_share", "midphrase_pause_share",
                   "rate_variation")
"""The contract's prosody figures, in order."""


@dataclass(slots=True)
class Prosody:
    """How the answer sounded (analysis/prosody); a figure is None when there was too little to judge it."""

    pitch_spread_st: float | None = None
    """10th to 90th percentile of the voiced pitch, in semitones."""
    loudness_spread_db: float | None = None
    """10th to 90th percentile of the syllables' loudness, in dB."""
    uptalk_share: float | None = None
    """Share of the statement endings that rise."""
    midphrase_pause_share: float | None = None
    """Share of the pauses of 0.5 s or more that fall mid-phrase rather than at a boundary."""
    rate_variation: float | None = None
    """Coefficient of variation of the speaking rate over the answer."""
    stretches: list[Stretch] = field(default_factory=list)
    """Flat stretches and rising endings, in time order (what review plays back)."""

    def figure(self, name: str) -> float | None:
        """One of `PROSODY_FIGURES` by name."""
        value: float | None = getattr(self, name)
        return value

    def summary(self) -> str:
        """The figures as a reader sees them ("-" where there was too little voice to judge)."""
        def fmt(v: float | None, f: str) -> str:
            return "-" if v is None else f.format(v)

        return (f"pitch range {fmt(self.pitch_spread_st, '{:.1f} st')}, loudness range "
                f"{fmt(self.loudness_spread_db, '{:.1f} dB')}, uptalk {fmt(self.uptalk_share, '{:.0%}')}, "
                f"mid-phrase pauses {fmt(self.midphrase_pause_share, '{:.0%}')}, "
                f"rate variation {fmt(self.rate_variation, '{:.2f}')}")

    def to_json(self) -> JSONObject:
        out: JSONObject = {k: None if (v := self.figure(k)) is None else round(v, 2) for k in PROSODY_FIGURES}
        out["stretches"] = [s.to_json() for s in self.stretches]
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Prosody:
        figures = {k: None if d.get(k) is None else float(d[k]) for k in PROSODY_FIGURES}
        return cls(**figures, stretches=[Stretch.from_json(s) for s in d.get("stretches", [])])


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
    prosody: Prosody | None = None
    """How the answer sounded; None without audio (a text answer)."""

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
            "prosody": self.prosody.to_json() if self.prosody is not None else None,
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
            prosody=Prosody.from_json(d["prosody"]) if d.get("prosody") is not None else None,
        )

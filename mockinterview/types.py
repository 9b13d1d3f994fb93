"""Core data types shared by every layer: words, speech spans, utterances and pipeline events.

Times are always seconds from the start of the audio (the start of the recording for a microphone).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

SAMPLE_RATE = 16_000
"""Every audio source delivers 16 kHz mono int16 PCM."""


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with absolute times; `text` keeps Whisper's punctuation ("to.", "4,000")."""

    text: str
    start: float
    end: float
    probability: float = 1.0
    filler: bool = False

    @property
    def norm(self) -> str:
        """Lowercase text without surrounding punctuation, for matching."""
        return self.text.strip().strip(".,!?;:\"'()[]…-").lower()

    def to_json(self) -> dict[str, Any]:
        """The contract's word object: `{"w", "start", "end", "filler"}`, times to the hundredth."""
        return {"w": self.text, "start": round(self.start, 2), "end": round(self.end, 2), "filler": self.filler}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Word:
        return cls(str(d["w"]), float(d["start"]), float(d["end"]), filler=bool(d.get("filler", False)))


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time, e.g. a run of VAD speech or a pause."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Utterance:
    """A VAD-delimited stretch of speech and the words committed for it."""

    index: int
    start: float
    end: float
    words: tuple[Word, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


CATEGORIES = (
    "launch", "disagree_leadership", "failure", "mentoring", "peer_conflict", "incomplete_information",
    "simplification",
)
"""The seven story categories a senior candidate needs (docs/COACHING.md)."""

PRINCIPLES = (
    "customer_obsession", "ownership", "dive_deep", "have_backbone", "deliver_results", "earn_trust",
)
"""The six Amazon leadership principles the banks cover."""

MUST_HAVE = ("achievement", "disagree_commit", "failure", "mentoring", "cross_functional_conflict")
"""The five stories that must be polished."""


class QuestionKind(StrEnum):
    """A bank question asked on its own, or a follow-up to one."""

    MAIN = "main"
    FOLLOWUP = "followup"


class SessionMode(StrEnum):
    """What a stored session was: a practice run, a follow-up drill, or one scored answer (`score`)."""

    PRACTICE = "practice"
    DRILL = "drill"
    SCORE = "score"


@dataclass(frozen=True, slots=True)
class Question:
    """A question from a bank, with its own follow-up probes."""

    id: str
    text: str
    category: str
    bank: str = ""
    principles: tuple[str, ...] = ()
    must_have: tuple[str, ...] = ()
    probes: tuple[str, ...] = ()


# ---- pipeline events -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeechStarted:
    """VAD opened an utterance at `time`."""

    index: int
    time: float


@dataclass(frozen=True, slots=True)
class SpeechEnded:
    """VAD closed an utterance (a boundary inside the answer, never its end)."""

    index: int
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class PartialWords:
    """Provisional words of the open utterance; replaced by later partials and finally by a commit."""

    index: int
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class WordsCommitted:
    """Final words for a closed utterance."""

    utterance: Utterance


@dataclass(frozen=True, slots=True)
class HesitationWords:
    """The hesitation pass's words for committed speech from `start` to `end`: evidence of the um/uh the
    committed words lack (see TranscriberOptions.hesitation_prompt), never shown as the transcript."""

    start: float
    end: float
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class AudioLevel:
    """Input level for a meter: RMS in dBFS (about -90 silent .. 0 full scale) at `time`."""

    time: float
    dbfs: float


@dataclass(slots=True)
class PipelineStats:
    """Figures the pipeline reports about itself."""

    pace: float = 0.0
    frames: int = 0
    dropped_frames: int = 0
    audio_s: float = 0.0
    tail_latency_s: float | None = None
    utterances: int = 0
    hallucinations_dropped: int = 0
    partial_updates: int = 0
    word_lags_s: list[float] = field(default_factory=list)
    """For each committed word: wall-clock delay between its end in the audio and when it was first shown."""
    utterance_latencies_s: list[float] = field(default_factory=list)
    """For each utterance: wall-clock delay between its last voiced frame arriving and its commit."""
    hesitation_pass_s: list[float] = field(default_factory=list)
    """For each commit: wall-clock seconds of its hesitation pass (see TranscriberOptions.hesitation_prompt)."""
    behind_s_max: float = 0.0
    """The most the committed words lagged the audio: wall seconds from an utterance's end to its commit."""
    shed: dict[str, int] = field(default_factory=dict)
    """Work the transcriber skipped to keep up, by kind (audio/budget.py SHED_ORDER)."""
    threads: int = 0
    """Decoding threads at the end (chosen for the cores other programs left free)."""

    def less_certain(self) -> list[str]:
        """Report figures made with less evidence because work was shed: "fillers" when hesitation passes
        were skipped (the audio's um/uh finder stood in), "transcript" when commits were decoded greedily."""
        out = []
        if self.shed.get("hesitation_pass"):
            out.append("fillers")
        if self.shed.get("beam"):
            out.append("transcript")
        return out

    def figures(self) -> dict[str, Any]:
        """The figures a report's `pipeline` field carries (the JSON contract's pace, dropped_frames,
        tail_latency_s, behind_s_max and shed, plus the median latencies)."""
        lags, utts = self.word_lags_s, self.utterance_latencies_s
        return {
            "pace": self.pace,
            "dropped_frames": self.dropped_frames,
            "tail_latency_s": self.tail_latency_s,
            "behind_s_max": self.behind_s_max,
            "shed": dict(self.shed),
            "less_certain": self.less_certain(),
            "threads": self.threads,
            "utterances": self.utterances,
            "hallucinations_dropped": self.hallucinations_dropped,
            "median_utterance_latency_s": round(statistics.median(utts), 3) if utts else None,
            "median_word_lag_s": round(statistics.median(lags), 3) if lags else None,
        }


@dataclass(frozen=True, slots=True)
class PipelineFinished:
    """The source is exhausted (or stopped) and every utterance is committed."""

    stats: PipelineStats
    error: str | None = None


PipelineEvent = (
    SpeechStarted | SpeechEnded | PartialWords | WordsCommitted | HesitationWords | AudioLevel | PipelineFinished
)


class PipelineListener(Protocol):
    """Receives pipeline events; called from pipeline threads, so it must be quick and thread-safe."""

    def __call__(self, event: PipelineEvent, /) -> None: ...


@dataclass(slots=True)
class Transcript:
    """The outcome of running a source through the pipeline."""

    words: list[Word]
    speech: list[Span]
    duration_s: float
    model: str
    stats: PipelineStats
    utterances: list[Utterance] = field(default_factory=list)
    audio: Any = None
    """The whole recording as a 16 kHz int16 numpy array (for analyses that look at the sound)."""
    styled: list[Word] = field(default_factory=list)
    """Words of the hesitation pass: the same speech decoded with a disfluent prompt (filler evidence)."""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

"""The timing engine's final figures: duration, speaking time, pace, fillers, long pauses, window verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from mockinterview.analysis.fillers import FillerSettings, count_by_kind, mark_fillers
from mockinterview.analysis.hesitations import HesitationSettings, recover_hesitations
from mockinterview.report import Delivery, FillerCounts
from mockinterview.types import SAMPLE_RATE, Span, Word

WINDOWS = ("rushed", "ideal", "long", "over")
"""Window verdicts, shortest first."""


@dataclass(frozen=True)
class DeliverySettings:
    """Every number the timing engine uses (COACHING.md gives the defaults)."""

    ideal_from_s: float = 120.0
    """An answer shorter than this is "rushed" (and the too_short flag)."""

    long_from_s: float = 180.0
    """An answer longer than this is "long": past the 2-3 minute target window."""

    over_from_s: float = 240.0
    """An answer longer than this is "over": it loses the interviewer (and the too_long flag)."""

    challenge_cue_s: float = 60.0
    """Live cue time: the Situation should be done and the challenge reached by now."""

    long_pause_s: float = 2.0
    """A silence inside the answer longer than this is reported as a long pause."""

    filler_heavy_per_min: float = 4.0
    """Fillers per minute of answer at or above which the answer is filler-heavy."""

    fluent_per_min: float = 1.0
    """About this many fillers per minute reads fluent (published band; for feedback wording)."""

    comfortable_wpm: tuple[float, float] = (130.0, 160.0)
    """Comfortable interview pace in words per minute of speaking time."""

    count_recovered_in_wpm: bool = False
    """Whether recovered hesitations (not in Whisper's text) count as words for wpm."""

    edge_rms_dbfs: float = -45.0
    """With audio: a 10 ms frame louder than this (RMS, dBFS) is sound when trimming the answer's edges."""

    edge_search_s: float = 0.6
    """With audio: how far beyond the first/last word the edge trimming looks for the first/last sound."""

    fillers: FillerSettings = field(default_factory=FillerSettings)
    """Rules of the lexical filler detector."""

    hesitations: HesitationSettings = field(default_factory=HesitationSettings)
    """Rules of the um/uh recovery from audio."""

    def window(self, duration_s: float) -> str:
        """The window verdict for an answer (or the live elapsed time) of this length."""
        if duration_s > self.over_from_s:
            return "over"
        if duration_s > self.long_from_s:
            return "long"
        if duration_s >= self.ideal_from_s:
            return "ideal"
        return "rushed"


def speaking_seconds(speech: Sequence[Span], start: float | None = None, end: float | None = None) -> float:
    """Total speech time, optionally clipped to [start, end]."""
    total = 0.0
    for s in speech:
        lo = s.start if start is None else max(s.start, start)
        hi = s.end if end is None else min(s.end, end)
        if hi > lo:
            total += hi - lo
    return total


def long_pauses(words: Sequence[Word], speech: Sequence[Span], min_s: float) -> list[Span]:
    """Silences longer than `min_s` strictly inside the answer.

    A silence is a stretch with neither a word nor VAD speech over it, so a word Whisper stretched across a
    pause does not hide it only if VAD saw the silence, and VAD padding does not hide it if no word is there.
    Both timelines must agree there is silence.
    """
    intervals = sorted([(w.start, w.end) for w in words] + [(s.start, s.end) for s in speech])
    if not intervals:
        return []
    pauses: list[Span] = []
    cur_end = intervals[0][1]
    for lo, hi in intervals[1:]:
        if lo - cur_end > min_s:
            pauses.append(Span(round(cur_end, 3), round(lo, 3)))
        cur_end = max(cur_end, hi)
    return pauses


def answer_bounds(words: Sequence[Word], speech: Sequence[Span], audio: np.ndarray | None,
                  settings: DeliverySettings) -> tuple[float, float] | None:
    """First speech to last speech, from words (preferred) or VAD, refined on the audio when given."""
    if words:
        start, end = min(w.start for w in words), max(w.end for w in words)
    elif speech:
        start, end = speech[0].start, speech[-1].end
    else:
        return None
    if audio is not None and len(audio):
        start, end = _refine_edges(audio, start, end, settings)
    return start, end


def _frame_db(audio: np.ndarray, frame: int) -> np.ndarray:
    n = len(audio) // frame
    x = audio[: n * frame].astype(np.float64).reshape(n, frame) / 32768.0
    rms = np.sqrt(np.mean(x * x, axis=1)) + 1e-10
    return 20 * np.log10(rms)


def _refine_edges(audio: np.ndarray, start: float, end: float, s: DeliverySettings) -> tuple[float, float]:
    """Move start/end to the first/last loud 10 ms frame near them (Whisper's word edges drift)."""
    frame = SAMPLE_RATE // 100
    db = _frame_db(audio, frame)
    loud = np.flatnonzero(db > s.edge_rms_dbfs)
    if not len(loud):
        return start, end
    t = loud / 100.0
    near_start = t[(t >= start - s.edge_search_s) & (t <= start + s.edge_search_s)]
    near_end = t[(t >= end - s.edge_search_s) & (t <= end + s.edge_search_s)]
    new_start = float(near_start[0]) if len(near_start) else start
    new_end = float(near_end[-1]) + 0.01 if len(near_end) else end
    return (new_start, new_end) if new_end > new_start else (start, end)


def analyze_delivery(words: Sequence[Word], speech: Sequence[Span],
                     settings: DeliverySettings = DeliverySettings(),
                     audio: np.ndarray | None = None) -> Delivery:
    """Delivery figures for one answer.

    `words` are committed words (absolute seconds), `speech` the VAD speech spans, `audio` optionally the
    whole answer as int16 16 kHz mono PCM (enables edge refinement and um/uh recovery). The returned words
    are the input words with `filler=True` on fillers (every word of a multi-word filler), plus recovered
    um/uh as new words, in time order.
    """
    words = sorted(words, key=lambda w: (w.start, w.end))
    speech = sorted(speech, key=lambda s: s.start)
    recovered: list[Word] = []
    if audio is not None and settings.hesitations.enabled and len(audio):
        recovered = recover_hesitations(words, speech, audio, settings.hesitations)
    merged = sorted([*words, *recovered], key=lambda w: (w.start, w.end))
    marked, hits = mark_fillers(merged, settings.fillers)
    bounds = answer_bounds(words, speech, audio, settings)
    if bounds is None:
        return Delivery(0.0, 0.0, marked, FillerCounts(), 0.0, [], settings.window(0.0))
    start, end = bounds
    duration = max(0.0, end - start)
    speaking = speaking_seconds(speech, start, end) if speech else duration
    n_words = len(merged) if settings.count_recovered_in_wpm else len(words)
    wpm = n_words / (speaking / 60.0) if speaking > 0 else 0.0
    minutes = duration / 60.0
    fillers = FillerCounts(
        total=len(hits),
        per_minute=round(len(hits) / minutes, 2) if minutes > 0 else 0.0,
        by_word=count_by_kind(hits),
    )
    pauses = long_pauses(words, speech, settings.long_pause_s)
    return Delivery(duration_s=duration, speaking_s=speaking, words=marked, fillers=fillers, wpm=wpm,
                    pauses=pauses, window=settings.window(duration))

"""Intonation over the pitch track: statement endings that rise (uptalk) and stretches held flat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.analysis.prosody.pitch import PitchTrack, runs
from mockinterview.analysis.prosody.settings import IntonationSettings
from mockinterview.report import Stretch, StretchKind
from mockinterview.types import Word


@dataclass(frozen=True, slots=True)
class Ending:
    """A statement ending: the final word, its time, and how far its end sits above the pitch around it."""

    word: str
    start: float
    end: float
    rise_st: float
    rising: bool


def ending_rise(track: PitchTrack, word: Word, start: float, limit: float, s: IntonationSettings) -> float | None:
    """Semitones from the speaker's median pitch around the ending to the last `tail_s` of voicing between
    `start` and `limit` (None: too little voicing). A statement falls to the bottom of the speaker's range; an
    uptalk ending rises above it or stays high. Word edges drift, so the tail is found in the voicing."""
    st, t, v = track.semitones(), track.times, track.voiced
    window = v & (t >= start) & (t <= limit)
    long_runs = [(a, b) for a, b in runs(window) if b - a >= s.min_frames]
    if not long_runs:
        return None
    a, b = long_runs[-1]  # the last run long enough to be a syllable, not a blip after it
    tail = np.zeros(len(t), dtype=bool)
    tail[a:b] = True
    tail &= t >= t[b - 1] - s.tail_s
    around = v & (np.abs(t - word.start) <= s.reference_s) & ~tail
    if tail.sum() < s.min_frames or around.sum() < s.min_frames:
        return None
    return float(np.median(st[tail]) - np.median(st[around]))


def judge_endings(track: PitchTrack, words: Sequence[Word], endings: Sequence[int],
                  s: IntonationSettings) -> list[Ending]:
    """The rise of each statement ending (`endings` index `words`) that has enough voicing to judge."""
    out = []
    for i in endings:
        w = words[i]
        limit = min(w.end + s.end_slack_s, words[i + 1].start if i + 1 < len(words) else np.inf)
        start = words[i - 1].start if i > 0 else w.start
        rise = ending_rise(track, w, start, max(limit, w.start + 0.05), s)
        if rise is not None:
            out.append(Ending(w.text, w.start, w.end, round(rise, 2), rise >= s.rise_st))
    return out


def _range(st: np.ndarray) -> float:
    v = st[~np.isnan(st)]
    return float(np.percentile(v, 90) - np.percentile(v, 10)) if len(v) else float("inf")


def flat_stretches(track: PitchTrack, s: IntonationSettings, hop_s: float) -> list[Stretch]:
    """The longest stretches of at least `flat_min_s` of speech whose voiced pitch stays within
    `flat_range_st`, grown `flat_step_s` at a time. The track holds speech frames only, so lengths count
    speech, not the pauses between utterances."""
    st = track.semitones()
    n_min, step = round(s.flat_min_s / hop_s), max(1, round(s.flat_step_s / hop_s))
    min_voiced = round(n_min * s.flat_min_voiced)
    out: list[Stretch] = []
    i = 0
    while i + n_min <= len(st):
        window = st[i: i + n_min]
        if (~np.isnan(window)).sum() < min_voiced or _range(window) > s.flat_range_st:
            i += step
            continue
        j = i + n_min
        while j < len(st) and _range(st[i: min(j + step, len(st))]) <= s.flat_range_st:
            j = min(j + step, len(st))
        voiced = i + np.flatnonzero(~np.isnan(st[i:j]))  # the stretch runs from its first voicing to its last
        out.append(Stretch(StretchKind.FLAT, round(float(track.times[voiced[0]]), 2),
                           round(float(track.times[voiced[-1]]), 2), round(_range(st[i:j]), 2)))
        i = j
    return out

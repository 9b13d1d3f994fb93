"""Frame-level sound/silence of the answer's PCM: the fine timeline behind edges, pauses and hesitations.

VAD spans are padded and Whisper's word edges drift by a few hundred milliseconds; when the audio is at hand,
10 ms frame levels say exactly where there is sound.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.types import SAMPLE_RATE, Span


@dataclass(frozen=True)
class AcousticSettings:
    """How frames are cut and when a frame is sound."""

    hop_s: float = 0.01
    """Frame step."""

    window_s: float = 0.04
    """Frame length (long enough for two periods of a 70 Hz voice)."""

    level_percentile: float = 90.0
    """Percentile of frame levels inside speech that stands for the speaker's speech level."""

    sound_range_db: float = 30.0
    """A frame within this many dB of the speech level is sound; quieter is silence. Room noise sits
    40-60 dB under speech, so this keeps breaths and hum out while keeping soft syllables in."""

    floor_dbfs: float = -70.0
    """A frame quieter than this is silence whatever the speech level (digital silence, very quiet input)."""

    noise_percentile: float = 10.0
    """Percentile of all frame levels that stands for the room's noise level (the pauses hold only noise)."""

    noise_margin_db: float = 4.0
    """A frame must be this many dB above the noise level to be sound. A laptop mic in a room with a fan can
    hear speech only 15 dB over the noise, which `sound_range_db` alone would count as sound throughout."""

    emphasis: float = 0.97
    """Pre-emphasis of the upper-band level (each sample less this share of the one before; 0: off). Where the
    room's noise rather than the speaker's level sets the sound threshold, a frame whose pre-emphasised level
    passes the same test is sound too: a fan or traffic hums low, while fricatives and soft word edges are high,
    so they stay sound instead of lengthening every pause."""

    bridge_s: float = 0.06
    """Silences up to this long inside a sound island (stop closures) do not split it."""

    min_island_s: float = 0.04
    """Sound shorter than this (clicks) is ignored."""


def _framing(audio: np.ndarray, s: AcousticSettings, sample_rate: int) -> tuple[np.ndarray, int, np.ndarray]:
    """The audio as floats (padded to one window at least), the window in samples and each frame's first
    sample (one frame per hop)."""
    hop, win = int(s.hop_s * sample_rate), int(s.window_s * sample_rate)
    x = audio.astype(np.float64) / 32768.0
    if len(x) < win:
        x = np.pad(x, (0, win - len(x)))
    return x, win, hop * np.arange(1 + (len(x) - win) // hop)


def frames(audio: np.ndarray, s: AcousticSettings, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Overlapping float frames (rows), one per hop."""
    x, win, starts = _framing(audio, s, sample_rate)
    frames: np.ndarray = x[np.arange(win)[None, :] + starts[:, None]]
    return frames


def frame_levels(audio: np.ndarray, s: AcousticSettings, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Frame RMS in dBFS, one per hop (running sums: linear in the audio length, no frame matrix)."""
    x, win, starts = _framing(audio, s, sample_rate)
    csum = np.concatenate([[0.0], np.cumsum(x * x)])
    energy = np.maximum(csum[starts + win] - csum[starts], 0.0) / win
    levels: np.ndarray = 20 * np.log10(np.sqrt(energy) + 1e-10)
    return levels


def thresholds(db: np.ndarray, speech: Sequence[Span], s: AcousticSettings) -> tuple[float, float] | None:
    """The two levels a sound frame must clear: the speaker's (speech level less `sound_range_db`, at least
    `floor_dbfs`) and the room's (noise level plus `noise_margin_db`); None when nothing is above the floor."""
    t = np.arange(len(db)) * s.hop_s
    inside = np.zeros(len(db), dtype=bool)
    for sp in speech:
        inside |= (t >= sp.start) & (t < sp.end)
    pool = db[inside & (db > s.floor_dbfs)] if inside.any() else db[db > s.floor_dbfs]
    if not len(pool):
        return None
    speaker = max(s.floor_dbfs, float(np.percentile(pool, s.level_percentile)) - s.sound_range_db)
    return speaker, float(np.percentile(db, s.noise_percentile)) + s.noise_margin_db


def sound_mask(db: np.ndarray, speech: Sequence[Span], s: AcousticSettings) -> np.ndarray:
    """True for frames that are sound, judged against the speech level inside `speech` (or everywhere)."""
    levels = thresholds(db, speech, s)
    if levels is None:
        return np.zeros(len(db), dtype=bool)
    return db > max(levels)


def pre_emphasised(audio: np.ndarray, coefficient: float) -> np.ndarray:
    """The audio with its spectrum tilted up (first-order pre-emphasis), as floats on the int16 scale."""
    x = audio.astype(np.float64)
    out = x.copy()
    out[1:] -= coefficient * x[:-1]
    return out


def sound_frames(audio: np.ndarray, speech: Sequence[Span], s: AcousticSettings,
                 sample_rate: int = SAMPLE_RATE) -> tuple[np.ndarray, np.ndarray]:
    """Frame levels (dBFS) and the sound mask: `sound_mask` of the levels, and where the room's noise sets the
    threshold, also of the pre-emphasised levels (`AcousticSettings.emphasis`)."""
    db = frame_levels(audio, s, sample_rate)
    loud = sound_mask(db, speech, s)
    levels = thresholds(db, speech, s)
    if s.emphasis and levels is not None and levels[1] > levels[0]:
        tilted = frame_levels(pre_emphasised(audio, s.emphasis), s, sample_rate)[: len(db)]
        loud[: len(tilted)] |= sound_mask(tilted, speech, s)
    return db, loud


def islands_from_mask(loud: np.ndarray, s: AcousticSettings, bridge_s: float | None = None) -> list[Span]:
    """Runs of sound frames joined over short silences, as absolute spans."""
    edges = np.diff(np.concatenate([[0], loud.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    bridge = round((s.bridge_s if bridge_s is None else bridge_s) / s.hop_s)
    runs: list[list[int]] = []
    for a, b in zip(starts, ends, strict=True):
        if runs and a - runs[-1][1] <= bridge:
            runs[-1][1] = int(b)
        else:
            runs.append([int(a), int(b)])
    centre = (s.window_s - s.hop_s) / 2  # a frame's level belongs to its middle
    min_frames = round(s.min_island_s / s.hop_s)
    return [Span(round(float(a * s.hop_s + centre), 3), round(float(b * s.hop_s + centre), 3))
            for a, b in runs if b - a >= min_frames]


@dataclass
class SoundTimeline:
    """Sound islands of one answer, computed once and shared by the edge, pause and hesitation rules."""

    levels: np.ndarray
    loud: np.ndarray
    islands: list[Span]
    settings: AcousticSettings

    @classmethod
    def of(cls, audio: np.ndarray, speech: Sequence[Span], settings: AcousticSettings | None = None,
           sample_rate: int = SAMPLE_RATE) -> SoundTimeline:
        s = settings or AcousticSettings()
        db, loud = sound_frames(audio, speech, s, sample_rate)
        return cls(db, loud, islands_from_mask(loud, s), s)

    def first_sound_after(self, t: float) -> float | None:
        return next((i.start for i in self.islands if i.end > t), None)

    def last_sound_before(self, t: float) -> float | None:
        return next((i.end for i in reversed(self.islands) if i.start < t), None)

    def sound_share(self, start: float, end: float) -> float:
        """Share of [start, end] that is sound (frames are judged by their middle)."""
        s = self.settings
        centre = (s.window_s - s.hop_s) / 2
        a = max(0, int(np.floor((start - centre) / s.hop_s)))
        b = min(len(self.loud), int(np.ceil((end - centre) / s.hop_s)))
        return float(self.loud[a:b].mean()) if b > a else 0.0

    def silences(self, start: float, end: float, min_s: float) -> list[Span]:
        """Gaps between islands longer than `min_s`, inside [start, end]."""
        inside = [i for i in self.islands if i.end > start and i.start < end]
        return [Span(a.end, b.start) for a, b in zip(inside, inside[1:], strict=False)
                if b.start - a.end >= min_s]

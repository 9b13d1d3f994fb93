"""Prosody while the candidate speaks: each utterance is pitch-tracked as it closes (a few ms of CPU), so the
answer's end leaves only the last utterance to track; the spreads of the last seconds are the live indicator.

Pure: the caller hands it the audio so far and each closed utterance's span, on a thread of its choosing (the
live answer's analysis thread, never the transcriber's).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mockinterview.analysis.prosody.pitch import (
    PitchTrack,
    gate,
    loudness_spread,
    noise_floor_db,
    pitch_spread,
    recent,
    track_span,
)
from mockinterview.analysis.prosody.settings import ProsodySettings
from mockinterview.types import SAMPLE_RATE, Span


@dataclass(frozen=True, slots=True)
class VoiceLevels:
    """The live indicator: how varied the voice was over the last `ProsodySettings.live_window_s`."""

    pitch_spread_st: float | None
    """Pitch spread in semitones (None until there is enough voicing)."""
    loudness_spread_db: float | None
    """Loudness spread in dB from syllable to syllable (None until there is enough voicing)."""
    flat: bool
    """The pitch spread is under the monotone threshold."""


class LiveProsody:
    """Pitch tracks of the utterances closed so far."""

    def __init__(self, settings: ProsodySettings | None = None, sample_rate: int = SAMPLE_RATE) -> None:
        self.settings = settings or ProsodySettings()
        self.sample_rate = sample_rate
        self.spans: list[Span] = []
        self._raw: list[PitchTrack] = []
        self._gated: list[PitchTrack] = []
        self.noise_db = float("-inf")
        self.levels = VoiceLevels(None, None, False)
        """The indicator as of the last closed utterance."""

    @property
    def raw(self) -> PitchTrack:
        """The raw (ungated) track of every utterance so far, for the final analysis."""
        return PitchTrack.concat(list(self._raw))  # a copy: another thread may be adding to it

    def add(self, audio: np.ndarray, span: Span) -> VoiceLevels:
        """Track the utterance `span` of `audio` (the answer so far, from time 0); return the new indicator."""
        s = self.settings
        raw = track_span(audio, span, s.pitch, self.sample_rate)
        self.spans.append(span)
        self._raw.append(raw)
        self.noise_db = noise_floor_db(audio, self.spans, s.pitch, self.sample_rate)
        self._gated.append(gate(raw, self.noise_db, s.pitch))
        # only the utterances that reach into the window are needed for the indicator
        self._gated = [g for g in self._gated if len(g.times) and g.times[-1] > span.end - s.live_window_s]
        self.levels = self.indicator(span.end)
        return self.levels

    def indicator(self, until: float) -> VoiceLevels:
        """Pitch and loudness spread of the last `live_window_s` before `until`."""
        s = self.settings
        part = recent(PitchTrack.concat(self._gated), until, s.live_window_s)
        if float(part.voiced.sum()) * s.pitch.hop_s < s.live_min_voiced_s:
            return VoiceLevels(None, None, False)
        spread = pitch_spread(part, s.spread_percentiles)
        loudness = loudness_spread(part, self.noise_db, s.spread_percentiles)
        return VoiceLevels(spread, loudness, spread is not None and spread < s.monotone_below_st)

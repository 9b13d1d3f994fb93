"""The prosody of one answer: pitch and loudness spread, uptalk, mid-phrase pauses, rate variation, monotone.

    result = analyze_prosody(pcm, words, speech)          # result.figures is the report's `prosody`

Input: the answer's 16 kHz mono int16 PCM (time 0 = its first sample), its timed words and its VAD speech spans.
A raw pitch track made utterance by utterance while the candidate spoke (`LiveProsody.raw`) can be passed as
`raw`: then only the spans it does not cover are tracked at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from mockinterview.analysis.delivery.acoustics import SoundTimeline
from mockinterview.analysis.prosody.intonation import Ending, flat_stretches, judge_endings
from mockinterview.analysis.prosody.phrasing import HESITATIONS, Pause, judge_pauses, statement_endings
from mockinterview.analysis.prosody.pitch import PitchTrack, loudness_spread, pitch_spread, track_pitch
from mockinterview.analysis.prosody.settings import DEFAULT_PROSODY, ProsodySettings
from mockinterview.report import Prosody, Stretch, StretchKind
from mockinterview.types import SAMPLE_RATE, Span, Word


@dataclass(slots=True)
class ProsodyAnalysis:
    """The report's figures and the judgements behind them."""

    figures: Prosody
    """The report's `prosody` part (figures and the stretches worth hearing again)."""
    monotone: bool
    """The pitch spread is under `ProsodySettings.monotone_below_st`."""
    voiced_s: float
    """Seconds of voicing the pitch figures rest on."""
    endings: list[Ending] = field(default_factory=list)
    """The statement endings judged for uptalk."""
    pauses: list[Pause] = field(default_factory=list)
    """The pauses of `pause_min_s` or more, judged mid-phrase or at a boundary."""

    @property
    def rising(self) -> list[Ending]:
        return [e for e in self.endings if e.rising]


def rate_variation(words: Sequence[Word], speech: Sequence[Span], window_s: float, min_windows: int) -> float | None:
    """Coefficient of variation of words per second over consecutive windows of `window_s` of speech time (the
    pauses between speech spans are cut out, so a pause changes no window's rate; a last window under half a
    window joins the one before). Hesitations are not words here."""
    spans = sorted(speech, key=lambda sp: sp.start)
    if not spans or not words:
        return None
    starts = np.array([sp.start for sp in spans])
    offsets = np.concatenate([[0.0], np.cumsum([sp.end - sp.start for sp in spans])])
    total = float(offsets[-1])
    n = int(total // window_s)
    if total - n * window_s >= window_s / 2:
        n += 1
    if n < min_windows:
        return None
    counts = np.zeros(n)
    for w in words:
        if not w.norm or w.norm in HESITATIONS:
            continue
        mid = (w.start + w.end) / 2
        k = max(0, int(np.searchsorted(starts, mid, side="right")) - 1)
        pos = offsets[k] + min(max(mid - spans[k].start, 0.0), spans[k].end - spans[k].start)
        counts[min(int(pos // window_s), n - 1)] += 1
    lengths = np.full(n, window_s)
    lengths[-1] = total - (n - 1) * window_s
    rates = counts / lengths
    return float(rates.std() / rates.mean()) if rates.mean() > 0 else None


def _share(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def analyze_prosody(audio: np.ndarray, words: Sequence[Word], speech: Sequence[Span],
                    settings: ProsodySettings = DEFAULT_PROSODY, raw: PitchTrack | None = None,
                    sound: SoundTimeline | None = None, sample_rate: int = SAMPLE_RATE) -> ProsodyAnalysis:
    """The prosody of one answer. `raw`: spans tracked already (not gated); `sound`: the answer's sound
    timeline if the caller has it (its silences are the pauses judged)."""
    s = settings
    speech = sorted(speech, key=lambda sp: sp.start)
    words = [w for w in words if w.norm]
    track, noise = track_pitch(audio, speech, s.pitch, sample_rate, raw)
    voiced_s = float(track.voiced.sum()) * s.pitch.hop_s
    enough = voiced_s >= s.min_voiced_s
    spread = pitch_spread(track, s.spread_percentiles) if enough else None
    loudness = loudness_spread(track, noise, s.spread_percentiles) if enough else None
    sound = sound or SoundTimeline.of(audio, speech, sample_rate=sample_rate)
    silences = sound.silences(0.0, float("inf"), s.phrasing.pause_min_s)
    pauses = judge_pauses(words, silences)
    endings = judge_endings(track, words, statement_endings(words, silences, s.phrasing), s.intonation)
    stretches = flat_stretches(track, s.intonation, s.pitch.hop_s) if enough else []
    stretches += [Stretch(StretchKind.RISING, e.start, e.end, e.rise_st) for e in endings if e.rising]
    figures = Prosody(
        pitch_spread_st=spread,
        loudness_spread_db=loudness,
        uptalk_share=_share([e.rising for e in endings]),
        midphrase_pause_share=_share([p.midphrase for p in pauses]),
        rate_variation=rate_variation(words, speech, s.rate_window_s, s.min_rate_windows),
        stretches=sorted(stretches, key=lambda x: x.start),
    )
    return ProsodyAnalysis(figures, monotone=spread is not None and spread < s.monotone_below_st,
                           voiced_s=voiced_s, endings=endings, pauses=pauses)

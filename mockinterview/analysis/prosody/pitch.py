"""The voice's pitch and level: a YIN pitch track over the speech spans, its voicing gate, and the spreads.

Pitch is YIN (de Cheveigne & Kawahara 2002) in numpy, run on the VAD speech spans only, at 4 kHz. YIN's own
aperiodicity, the frame's level against the speech and against the room's noise floor decide whether a frame
is voiced, so fan noise, reverb tails and breaths do not become pitch. Everything is measured in semitones and
dB, so the speaker's register and the microphone's gain drop out.

Why not a library: librosa's pyin costs ~100x as much, calls half of pure noise voiced and brings ~400 MB of
dependencies; librosa's yin has no voicing decision; pyworld's dio has no periodicity measure and lost the
quieter voiced frames of noisy recordings (see benchmarks/bench_prosody.py).

A track can be made utterance by utterance while the speaker talks (`track_span`), then gated once at the end
with the whole answer's noise floor (`gate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.analysis.prosody.settings import DEFAULT_PROSODY, PitchSettings
from mockinterview.types import SAMPLE_RATE, Span

Array = np.ndarray
"""A 1-D numpy array of floats (or a 2-D one of frames)."""


@dataclass
class PitchTrack:
    """Per tracked frame: centre time (s), F0 in Hz (0 = unvoiced), YIN aperiodicity, voice-band level (dBFS)."""

    times: Array
    f0: Array
    aperiodicity: Array
    level_db: Array

    @classmethod
    def empty(cls) -> PitchTrack:
        return cls(np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0))

    @classmethod
    def concat(cls, parts: Sequence[PitchTrack]) -> PitchTrack:
        """The tracks of successive spans as one, in time order."""
        if not parts:
            return cls.empty()
        joined = cls(*(np.concatenate([getattr(p, k) for p in parts]) for k in _FIELDS))
        order = np.argsort(joined.times, kind="stable")
        return joined.select(order)

    def select(self, index: Array) -> PitchTrack:
        """The frames at `index` (a boolean mask or positions)."""
        return PitchTrack(*(getattr(self, k)[index] for k in _FIELDS))

    @property
    def voiced(self) -> Array:
        return self.f0 > 0

    def semitones(self) -> Array:
        """F0 in semitones re 100 Hz, NaN where unvoiced."""
        with np.errstate(divide="ignore", invalid="ignore"):
            st: Array = np.where(self.f0 > 0, 12.0 * np.log2(self.f0 / 100.0), np.nan)
        return st


_FIELDS = ("times", "f0", "aperiodicity", "level_db")


def _lowpass_decimate(x: Array, factor: int) -> Array:
    """Windowed-sinc low-pass at 0.9 x the new Nyquist, then every `factor`-th sample."""
    if factor <= 1:
        return x
    taps = 8 * factor + 1
    n = np.arange(taps) - taps // 2
    cutoff = 0.9 / factor
    h = cutoff * np.sinc(cutoff * n) * np.hamming(taps)
    out: Array = np.convolve(x, h / h.sum(), mode="same")[::factor]
    return out


def _frames(x: Array, length: int, hop: int) -> Array:
    if len(x) < length:
        x = np.pad(x, (0, length - len(x)))
    n = 1 + (len(x) - length) // hop
    frames: Array = np.lib.stride_tricks.sliding_window_view(x, length)[::hop][:n]
    return frames


def band_levels(frames: Array, sample_rate: int, band: tuple[float, float]) -> Array:
    """Level (dBFS) of each frame (row) within `band` Hz, Hann-windowed."""
    w = frames.shape[1]
    h = np.hanning(w)
    nfft = 1 << int(np.ceil(np.log2(w)))
    power = np.abs(np.fft.rfft(frames * h, nfft)) ** 2
    k = np.fft.rfftfreq(nfft, 1.0 / sample_rate)
    mean_square = 2.0 * power[:, (k >= band[0]) & (k <= band[1])].sum(axis=1) / nfft / (h * h).sum()
    levels: Array = 10 * np.log10(np.maximum(mean_square, 1e-12))
    return levels


def yin(x: Array, sample_rate: int, s: PitchSettings) -> tuple[Array, Array, Array]:
    """F0 (Hz), aperiodicity and voice-band level per frame of the float signal `x`; frame k starts at k * hop
    and is centred `yin_centre_s` later."""
    sr = sample_rate // s.decimate
    y = _lowpass_decimate(x, s.decimate)
    w = round(s.window_s * sr)
    tau_min, tau_max = max(2, int(sr / s.ceiling_hz)), int(np.ceil(sr / s.floor_hz))
    fr = _frames(y, w + tau_max + 1, round(s.hop_s * sr))
    off = tau_max // 2  # the level window sits in the middle of the analysed stretch
    levels = band_levels(fr[:, off: off + w], sr, s.level_band_hz)
    nfft = 1 << int(np.ceil(np.log2(w + tau_max + 1)))
    r = np.fft.irfft(np.conj(np.fft.rfft(fr[:, :w], nfft)) * np.fft.rfft(fr, nfft), nfft)[:, : tau_max + 1]
    cs = np.concatenate([np.zeros((len(fr), 1)), np.cumsum(fr * fr, axis=1)], axis=1)
    energy = cs[:, w: w + tau_max + 1] - cs[:, : tau_max + 1]  # sum of squares of x[tau : tau + w]
    d = np.maximum(energy[:, :1] + energy - 2.0 * r, 0.0)  # YIN's difference function
    d[:, 0] = 0.0
    tau = np.arange(tau_max + 1)
    csum = np.cumsum(d[:, 1:], axis=1)
    cmnd = np.ones_like(d)  # cumulative mean normalised difference
    with np.errstate(divide="ignore", invalid="ignore"):
        cmnd[:, 1:] = np.where(csum > 0, d[:, 1:] * tau[1:] / csum, 1.0)
    search = cmnd[:, tau_min:tau_max]
    rows = np.arange(len(search))
    below = search < s.yin_threshold
    # the first dip under the threshold, walked down to its local minimum; else the global minimum
    cols = np.arange(search.shape[1] - 1)
    first = below.argmax(axis=1)
    turning = (search[:, 1:] >= search[:, :-1]) & (cols >= first[:, None])
    turning[:, -1] = True
    best = np.where(below.any(axis=1), turning.argmax(axis=1), search.argmin(axis=1)) + tau_min
    aperiodicity = cmnd[rows, best]
    # parabolic interpolation of the dip
    a, b, c = cmnd[rows, np.maximum(best - 1, 1)], aperiodicity, cmnd[rows, np.minimum(best + 1, tau_max)]
    denom = a - 2 * b + c
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.where(np.abs(denom) > 1e-12, 0.5 * (a - c) / denom, 0.0)
    f0: Array = sr / (best + np.clip(shift, -1, 1))
    return f0, aperiodicity, levels


def yin_centre_s(s: PitchSettings, sample_rate: int = SAMPLE_RATE) -> float:
    """Time from a YIN frame's first sample to its centre."""
    sr = sample_rate // s.decimate
    return (round(s.window_s * sr) + int(np.ceil(sr / s.floor_hz)) + 1) / 2 / sr


def runs(mask: Array) -> list[tuple[int, int]]:
    """[start, end) index pairs of the True runs of `mask`."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return [(int(a), int(b)) for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1),
                                             strict=True)]


def _clean(f0: Array, s: PitchSettings) -> Array:
    """Drop short voiced runs and frames far from their neighbours' median within their run (octave jumps)."""
    f0 = f0.copy()
    min_run = max(1, round(s.min_run_s / s.hop_s))
    k = s.median_frames // 2
    keep = []
    for a, b in runs(f0 > 0):
        if b - a < min_run:
            f0[a:b] = 0.0
        else:
            keep.append((a, b))
    if not keep:
        return f0
    # one median over all runs, each padded with its own edge values so no window reaches into another run
    frames = np.concatenate([np.arange(a, b) for a, b in keep])
    st = 12 * np.log2(f0[frames])
    lengths = np.array([b - a for a, b in keep])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    padded = np.concatenate([np.pad(st[o: o + n], k, mode="edge") for o, n in zip(starts, lengths, strict=True)])
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * k + 1)
    centred = np.concatenate([np.arange(n) + o + 2 * k * i for i, (o, n) in enumerate(zip(starts, lengths,
                                                                                              strict=True))])
    med = np.median(windows[centred], axis=1)
    f0[frames[np.abs(st - med) > s.jump_st]] = 0.0
    return f0


def track_span(audio: Array, span: Span, s: PitchSettings, sample_rate: int = SAMPLE_RATE) -> PitchTrack:
    """Raw pitch track (not gated yet) of one speech span of int16 `audio` (time 0 = its first sample)."""
    a = max(0, int((span.start - s.span_pad_s) * sample_rate))
    b = min(len(audio), int((span.end + s.span_pad_s) * sample_rate))
    x = audio[a:b].astype(np.float64) / 32768.0
    if len(x) < int(s.window_s * sample_rate) * 2:
        return PitchTrack.empty()
    f0, aperiodicity, levels = yin(x, sample_rate, s)
    times = a / sample_rate + np.arange(len(f0)) * s.hop_s + yin_centre_s(s, sample_rate)
    return PitchTrack(times, f0, aperiodicity, levels)


def noise_floor_db(audio: Array, speech: Sequence[Span], s: PitchSettings, sample_rate: int = SAMPLE_RATE) -> float:
    """The room's noise in the voice band: median band level of up to `noise_max_s` of audio outside speech
    (-inf with less than `noise_min_s` of it: then no frame is judged against the noise)."""
    bounds = [0.0] + [v for sp in sorted(speech, key=lambda q: q.start) for v in (sp.start, sp.end)]
    bounds.append(len(audio) / sample_rate)
    pieces, total = [], 0.0
    for a, b in zip(bounds[::2], bounds[1::2], strict=False):
        if b - a <= 0.1:
            continue
        b = min(b, a + s.noise_max_s - total)
        pieces.append(audio[int(a * sample_rate): int(b * sample_rate)])
        total += b - a
        if total >= s.noise_max_s:
            break
    if total < s.noise_min_s:
        return float("-inf")
    sr = sample_rate // s.decimate
    w = round(s.window_s * sr)
    levels = [band_levels(_frames(_lowpass_decimate(p.astype(np.float64) / 32768.0, s.decimate), w,
                                  round(s.hop_s * sr)), sr, s.level_band_hz)
              for p in pieces if len(p) > 2 * w * s.decimate]
    return float(np.median(np.concatenate(levels))) if levels else float("-inf")


def gate(raw: PitchTrack, noise_db: float, s: PitchSettings) -> PitchTrack:
    """Keep F0 only on frames that are periodic, loud enough against the speech and the noise, and consistent."""
    if not len(raw.times):
        return raw
    speech_level = float(np.percentile(raw.level_db, 90))
    ok = ((raw.aperiodicity <= s.max_aperiodicity) & (raw.level_db >= speech_level - s.level_range_db)
          & (raw.level_db >= noise_db + s.min_snr_db) & (raw.f0 >= s.floor_hz) & (raw.f0 <= s.ceiling_hz))
    return PitchTrack(raw.times, _clean(np.where(ok, raw.f0, 0.0), s), raw.aperiodicity, raw.level_db)


def uncovered(span: Span, times: Array, hop_s: float) -> list[Span]:
    """The parts of `span` where `times` (frame times of a track) leave a gap of more than two frames."""
    inside = times[(times >= span.start) & (times <= span.end)]
    points = np.concatenate([[span.start - hop_s], np.sort(inside), [span.end + hop_s]])
    gaps = np.flatnonzero(np.diff(points) > 2 * hop_s)
    return [Span(max(span.start, float(points[k])), min(span.end, float(points[k + 1]))) for k in gaps]


def track_pitch(audio: Array, speech: Sequence[Span], s: PitchSettings = DEFAULT_PROSODY.pitch,
                sample_rate: int = SAMPLE_RATE, raw: PitchTrack | None = None) -> tuple[PitchTrack, float]:
    """The gated pitch track over the speech spans, and the noise floor it was gated with. `raw` may hold parts
    tracked already (utterance by utterance while the speaker talked); the rest is tracked now."""
    done = raw if raw is not None else PitchTrack.empty()
    parts = [done]
    for sp in speech:
        for gap in uncovered(sp, done.times, s.hop_s):
            part = track_span(audio, gap, s, sample_rate)
            # a gap between tracked frames takes only the frames in between (no frame twice)
            lo = gap.start + s.hop_s / 2 if gap.start > sp.start else -np.inf
            hi = gap.end - s.hop_s / 2 if gap.end < sp.end else np.inf
            parts.append(part.select((part.times > lo) & (part.times < hi)))
    noise = noise_floor_db(audio, speech, s, sample_rate)
    return gate(PitchTrack.concat(parts), noise, s), noise


def recent(track: PitchTrack, until: float, window_s: float) -> PitchTrack:
    """The frames of the last `window_s` seconds up to `until`."""
    return track.select((track.times <= until) & (track.times > until - window_s))


def pitch_spread(track: PitchTrack, percentiles: tuple[float, float] = (10.0, 90.0)) -> float | None:
    """Semitones between the given percentiles of voiced F0 (None when nothing is voiced)."""
    st = track.semitones()[track.voiced]
    if not len(st):
        return None
    lo, hi = np.percentile(st, percentiles)
    return float(hi - lo)


def loudness_spread(track: PitchTrack, noise_db: float, percentiles: tuple[float, float] = (10.0, 90.0),
                    ) -> float | None:
    """The spread in dB of the voice's level from syllable to syllable: the peak level of each voiced run (about
    a syllable's vowel), with the noise's power taken out. Peaks stand well above a fan's noise, so the noise
    neither compresses the spread nor adds to it, as the quiet edges of every vowel would (frame levels lost
    ~4 dB in the room copies; run peaks ~0.9 dB)."""
    voiced_runs = runs(track.voiced)
    if len(voiced_runs) < 3:
        return None
    peaks = np.array([track.level_db[a:b].max() for a, b in voiced_runs])
    power, noise = 10 ** (peaks / 10), 10 ** (noise_db / 10)
    voice = 10 * np.log10(np.maximum(power - noise, np.maximum(noise / 100, 1e-12)))
    lo, hi = np.percentile(voice, percentiles)
    return float(hi - lo)

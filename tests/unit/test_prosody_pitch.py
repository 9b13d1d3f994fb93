"""Pitch and loudness on synthetic voices with known answers: tones, sweeps, glides, noise, level steps."""

from __future__ import annotations

import numpy as np
import pytest

from mockinterview.analysis.prosody.answer import analyze_prosody
from mockinterview.analysis.prosody.intonation import flat_stretches
from mockinterview.analysis.prosody.live import LiveProsody
from mockinterview.analysis.prosody.pitch import PitchTrack, pitch_spread, track_pitch, track_span
from mockinterview.analysis.prosody.settings import IntonationSettings, PitchSettings, ProsodySettings
from mockinterview.report import StretchKind
from mockinterview.types import SAMPLE_RATE, Span

SR = SAMPLE_RATE


def voiced(f0: np.ndarray, level: float = 0.3) -> np.ndarray:
    """A harmonic complex (10 harmonics, 1/k amplitudes) following the F0 contour `f0` (one value a sample)."""
    phase = 2 * np.pi * np.cumsum(f0) / SR
    x = sum(np.sin(k * phase) / k for k in range(1, 11))
    return x / np.abs(x).max() * level


def pcm(*parts: np.ndarray) -> np.ndarray:
    return (np.concatenate(parts) * 32767).astype(np.int16)


def silence(s: float) -> np.ndarray:
    return np.zeros(int(s * SR))


def gated(x: np.ndarray, speech: list[Span]) -> PitchTrack:
    return track_pitch(x, speech)[0]


def test_pure_tone_has_its_f0_and_no_spread() -> None:
    t = np.arange(3 * SR) / SR
    track = gated(pcm(silence(1), 0.3 * np.sin(2 * np.pi * 150 * t), silence(1)), [Span(1, 4)])
    assert track.voiced.mean() > 0.9
    assert np.median(track.f0[track.voiced]) == pytest.approx(150, rel=0.01)
    assert (pitch_spread(track) or 0.0) < 0.2


@pytest.mark.parametrize("f0", [80.0, 120.0, 220.0, 380.0])
def test_harmonic_voices_low_and_high_are_tracked(f0: float) -> None:
    track = gated(pcm(silence(0.5), voiced(np.full(2 * SR, f0)), silence(0.5)), [Span(0.5, 2.5)])
    assert np.median(track.f0[track.voiced]) == pytest.approx(f0, rel=0.01)


def test_an_octave_sweep_spans_twelve_semitones() -> None:
    n = 3 * SR
    f0 = 100 * 2 ** (np.arange(n) / n)  # 100 -> 200 Hz, even in semitones
    track = gated(pcm(silence(1), voiced(f0), silence(1)), [Span(1, 4)])
    assert pitch_spread(track, (0, 100)) == pytest.approx(12, abs=0.5)
    assert pitch_spread(track) == pytest.approx(0.8 * 12, abs=0.4)  # 10th-90th percentile of an even sweep


def test_noise_alone_has_no_pitch() -> None:
    rng = np.random.default_rng(0)
    rumble = np.cumsum(rng.standard_normal(5 * SR))
    rumble -= np.convolve(rumble, np.ones(400) / 400, "same")
    x = pcm(rumble / np.abs(rumble).max() * 0.05 + rng.standard_normal(5 * SR) * 0.01)
    assert gated(x, [Span(1, 4)]).voiced.mean() < 0.01
    result = analyze_prosody(x, [], [Span(1, 4)])
    assert result.figures.pitch_spread_st is None and not result.monotone


def test_monotone_follows_the_threshold() -> None:
    n = 8 * SR
    wobble = np.sin(np.arange(n) / SR * 2 * np.pi * 0.3)
    flat = pcm(silence(1), voiced(110 * 2 ** (0.1 * wobble)), silence(1))  # +-1.2 st
    lively = pcm(silence(1), voiced(110 * 2 ** (0.6 * wobble)), silence(1))  # +-7 st
    speech = [Span(1, 9)]
    assert analyze_prosody(flat, [], speech).monotone
    assert not analyze_prosody(lively, [], speech).monotone
    assert not analyze_prosody(flat, [], speech, ProsodySettings(monotone_below_st=1.0)).monotone


def test_too_little_voicing_gives_no_figures() -> None:
    x = pcm(silence(1), voiced(np.full(3 * SR, 120.0)), silence(1))  # 3 s: under min_voiced_s
    figures = analyze_prosody(x, [], [Span(1, 4)]).figures
    assert figures.pitch_spread_st is None and figures.loudness_spread_db is None


def test_loudness_spread_is_the_syllables_range_and_ignores_steady_noise() -> None:
    syllable, gap = voiced(np.full(int(0.2 * SR), 140.0)), silence(0.1)
    levels = [0, -6, -12, -3] * 10  # 12 dB between the softest and the loudest syllables
    voice = np.concatenate([np.concatenate([syllable * 10 ** (db / 20), gap]) for db in levels])
    rng = np.random.default_rng(2)
    clean = pcm(silence(1), voice, silence(1))
    noisy = pcm(*(part + rng.standard_normal(len(part)) * 0.004 for part in (silence(1), voice, silence(1))))
    speech = [Span(1, 1 + len(voice) / SR)]
    a, b = analyze_prosody(clean, [], speech).figures, analyze_prosody(noisy, [], speech).figures
    assert a.loudness_spread_db == pytest.approx(12, abs=1.0)
    assert b.loudness_spread_db == pytest.approx(a.loudness_spread_db, abs=1.0)


def test_flat_stretch_is_found_with_its_times() -> None:
    f0 = np.full(16 * SR, 110.0) * (1 + 0.01 * np.sin(np.arange(16 * SR) / SR * 2 * np.pi * 0.5))
    track = gated(pcm(silence(1), voiced(f0), silence(1)), [Span(1, 17)])
    flat = flat_stretches(track, IntonationSettings(), PitchSettings().hop_s)
    assert len(flat) == 1 and flat[0].kind == StretchKind.FLAT
    assert flat[0].start == pytest.approx(1, abs=0.2) and flat[0].end == pytest.approx(17, abs=0.2)
    assert flat[0].range_st < 0.5


def test_a_lively_voice_has_no_flat_stretch() -> None:
    n = 16 * SR
    f0 = 120 * 2 ** (np.sin(np.arange(n) / SR * 2 * np.pi * 0.4) / 3)  # +-4 st every 2.5 s
    track = gated(pcm(silence(1), voiced(f0), silence(1)), [Span(1, 17)])
    assert flat_stretches(track, IntonationSettings(), PitchSettings().hop_s) == []


def test_utterances_tracked_while_speaking_give_the_batch_result() -> None:
    f0 = np.concatenate([np.geomspace(100, 160, 4 * SR), np.geomspace(160, 110, 4 * SR)])
    x = pcm(silence(1), voiced(f0[: 4 * SR]), silence(0.8), voiced(f0[4 * SR:]), silence(1))
    speech = [Span(0.95, 5.05), Span(5.75, 9.85)]
    early = track_span(x, speech[0], PitchSettings())  # tracked while the speaker went on
    batch = analyze_prosody(x, [], speech).figures
    incremental = analyze_prosody(x, [], speech, raw=early).figures
    assert incremental.pitch_spread_st == pytest.approx(batch.pitch_spread_st, abs=1e-9)
    assert batch.pitch_spread_st == pytest.approx(0.8 * 12 * np.log2(160 / 100), abs=1.0)


def test_a_part_left_untracked_inside_a_span_is_tracked_at_the_end() -> None:
    """An utterance cut at its maximum length leaves the rest of its speech span to the next one; if that one
    was not tracked yet, the end of the answer tracks what is left."""
    n = 8 * SR
    x = pcm(silence(1), voiced(110 * 2 ** (np.arange(n) / n)), silence(1))
    speech = [Span(1, 9)]
    first_half = track_span(x, Span(1, 5), PitchSettings())
    whole = track_pitch(x, speech)[0]
    resumed = track_pitch(x, speech, raw=first_half)[0]
    assert resumed.voiced.sum() == pytest.approx(whole.voiced.sum(), abs=10)
    assert pitch_spread(resumed) == pytest.approx(pitch_spread(whole), abs=0.1)


def test_live_indicator_follows_the_last_seconds() -> None:
    n = 30 * SR
    f0 = np.concatenate([np.full(n // 2, 120.0), 120 * 2 ** (np.sin(np.arange(n // 2) / SR * 2 * np.pi * 0.5) / 2)])
    x = pcm(silence(1), voiced(f0), silence(1))
    live = LiveProsody(ProsodySettings(live_window_s=10.0))
    assert live.indicator(0.5).pitch_spread_st is None  # nothing yet
    steady = live.add(x[: 17 * SR], Span(1, 16))
    assert steady.pitch_spread_st is not None and steady.pitch_spread_st < 0.3 and steady.flat
    swinging = live.add(x, Span(16, 31))
    assert swinging.pitch_spread_st is not None and swinging.pitch_spread_st > 8 and not swinging.flat
    assert len(live.raw.times) > 2900  # both utterances kept for the final analysis

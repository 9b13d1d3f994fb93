"""The sound timeline in a noisy room: pauses stay silence when the noise is only some 15 dB under the voice."""

from __future__ import annotations

import numpy as np

from mockinterview.analysis.delivery.acoustics import SoundTimeline
from mockinterview.types import SAMPLE_RATE, Span


def _noisy_answer(noise_dbfs: float) -> np.ndarray:
    """0.5 s of a voiced tone at -20 dBFS, 0.4 s of pause, 0.5 s more tone, over steady noise."""
    rng = np.random.default_rng(3)
    n = int(1.4 * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    voice = 0.1 * np.sqrt(2) * np.sin(2 * np.pi * 180 * t)
    voice[int(0.5 * SAMPLE_RATE):int(0.9 * SAMPLE_RATE)] = 0.0
    noise = rng.normal(0.0, 10 ** (noise_dbfs / 20), n)
    return np.clip((voice + noise) * 32767, -32768, 32767).astype(np.int16)


def test_a_pause_over_fan_noise_is_silence() -> None:
    sound = SoundTimeline.of(_noisy_answer(-38.0), [Span(0.0, 1.4)])
    gaps = sound.silences(0.0, 1.4, 0.1)
    assert len(gaps) == 1
    assert abs(gaps[0].start - 0.5) < 0.05 and abs(gaps[0].end - 0.9) < 0.05


def test_a_quiet_room_keeps_its_pause_too() -> None:
    gaps = SoundTimeline.of(_noisy_answer(-75.0), [Span(0.0, 1.4)]).silences(0.0, 1.4, 0.1)
    assert len(gaps) == 1

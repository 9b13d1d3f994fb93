"""The sound timeline in a noisy room: pauses stay silence when the noise is only some 15 dB under the voice, and
faint fricatives stay sound."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from mockinterview.analysis.delivery.acoustics import AcousticSettings, SoundTimeline
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


def _hiss_then_pause(hiss: bool) -> np.ndarray:
    """0.5 s of a voiced tone at -20 dBFS, 0.15 s of a faint hiss (a fricative ending the word) if asked, a pause
    to 0.9 s and 0.5 s more tone, over a low rumble at -38 dBFS (the room's fan)."""
    rng = np.random.default_rng(5)
    n = int(1.4 * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    voice = 0.1 * np.sqrt(2) * np.sin(2 * np.pi * 180 * t)
    voice[int(0.5 * SAMPLE_RATE):int(0.9 * SAMPLE_RATE)] = 0.0
    if hiss:
        a, b = int(0.5 * SAMPLE_RATE), int(0.65 * SAMPLE_RATE)
        burst = np.diff(rng.normal(0.0, 1.0, b - a + 1))
        voice[a:b] = burst / burst.std() * 10 ** (-45 / 20)
    rumble = np.convolve(rng.normal(0.0, 1.0, n), np.ones(40) / 40, mode="same")
    rumble *= 10 ** (-38 / 20) / rumble.std()
    return np.clip((voice + rumble) * 32767, -32768, 32767).astype(np.int16)


def test_a_faint_fricative_under_a_low_rumble_is_sound_not_pause() -> None:
    """The rumble hides the hiss in the overall level; the pre-emphasised level still hears it, so the pause
    starts where the hiss ends."""
    speech = [Span(0.0, 1.4)]
    gaps = SoundTimeline.of(_hiss_then_pause(hiss=True), speech).silences(0.0, 1.4, 0.1)
    assert len(gaps) == 1 and abs(gaps[0].start - 0.65) < 0.05 and abs(gaps[0].end - 0.9) < 0.05
    plain = replace(AcousticSettings(), emphasis=0.0)
    level_only = SoundTimeline.of(_hiss_then_pause(hiss=True), speech, plain).silences(0.0, 1.4, 0.1)
    assert len(level_only) == 1 and abs(level_only[0].start - 0.5) < 0.05
    bare = SoundTimeline.of(_hiss_then_pause(hiss=False), speech).silences(0.0, 1.4, 0.1)
    assert len(bare) == 1 and abs(bare[0].start - 0.5) < 0.05

"""Short-context encoding: how much of faster-whisper's padded mel window is kept."""

from __future__ import annotations

import numpy as np

from mockinterview.audio.encoder import FRAME_STEP, FULL_FRAMES, content_frames, kept_frames


def _padded(content: int) -> np.ndarray:
    mel = np.zeros((80, FULL_FRAMES), dtype=np.float32)
    mel[:, :content] = np.random.default_rng(0).uniform(-1, 1, (80, content))
    return mel


def test_content_ends_where_zero_padding_begins():
    assert content_frames(_padded(812)) == 812
    assert content_frames(_padded(812)[None]) == 812  # with a batch axis
    assert content_frames(np.zeros((80, FULL_FRAMES))) == 0


def test_a_silent_frame_inside_the_audio_is_not_padding():
    mel = _padded(500)
    mel[:, 200:300] = -0.5  # log-mel of silence is a constant, never all zeros
    assert content_frames(mel) == 500


def test_kept_frames_add_the_margin_and_round_up():
    assert kept_frames(812, 200) == 1100
    assert kept_frames(800, 200) == 1000
    assert kept_frames(0, 0) == FRAME_STEP
    assert kept_frames(2900, 200) == FULL_FRAMES
    assert kept_frames(2900, 200, total=2950) == 2950

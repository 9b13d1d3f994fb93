"""The VAD segmenter state machine on synthetic frame decisions (30 ms frames)."""

from __future__ import annotations

import pytest

from mockinterview.audio.vad import (
    SilenceBegan,
    UtteranceClosed,
    UtteranceOpened,
    VadSegmenter,
    VadSettings,
    frame_dbfs,
)
from mockinterview.types import Span

F = 0.03


def run(pattern: list[bool], settings: VadSettings | None = None):
    seg = VadSegmenter(settings or VadSettings())
    events = []
    for voiced in pattern:
        events.extend(seg.feed(voiced))
    events.extend(seg.flush())
    return seg, events


def frames(seconds: float, voiced: bool) -> list[bool]:
    n = round(seconds / F)
    assert abs(n * F - seconds) < 1e-9, "use multiples of 30 ms"
    return [voiced] * n


def closed(events):
    return [e for e in events if isinstance(e, UtteranceClosed)]


def test_silence_gives_no_utterance():
    seg, events = run(frames(4.5, False))
    assert events == []
    assert seg.speech_timeline() == []


def test_one_utterance_with_exact_voiced_bounds():
    seg, events = run(frames(1.2, False) + frames(2.1, True) + frames(1.2, False))
    (opened,) = [e for e in events if isinstance(e, UtteranceOpened)]
    (c,) = closed(events)
    assert c.start == pytest.approx(1.2)
    assert c.end == pytest.approx(3.3)
    assert opened.start == pytest.approx(1.2 - 0.24)
    assert c.audio_start == pytest.approx(0.96)
    assert c.audio_end == pytest.approx(3.54)
    assert seg.speech_timeline() == [Span(pytest.approx(1.2), pytest.approx(3.3))]


def test_short_pause_stays_inside_one_utterance():
    pattern = frames(2.1, True) + frames(0.3, False) + frames(2.1, True) + frames(1.2, False)
    _, events = run(pattern)
    assert len(closed(events)) == 1


def test_pause_longer_than_hangover_splits():
    pattern = frames(2.1, True) + frames(0.6, False) + frames(2.1, True) + frames(1.2, False)
    _, events = run(pattern)
    a, b = closed(events)
    assert a.end == pytest.approx(2.1)
    assert b.start == pytest.approx(2.7)


def test_isolated_clicks_do_not_open_speech():
    pattern = ([True] + [False] * 5) * 30
    _, events = run(pattern)
    assert closed(events) == []


def test_onset_needs_enough_voiced_frames_in_window():
    s = VadSettings(onset_window=8, onset_voiced=5)
    _, events = run([True, False] * 20, s)  # 50% voiced never reaches 5 of 8
    assert closed(events) == []
    _, events = run([True, True, False] * 20, s)  # 2 of 3 voiced does
    assert len(closed(events)) == 1


def test_long_speech_is_split_near_max_length():
    s = VadSettings(max_utterance_s=5.0, hard_max_utterance_s=8.0)
    pattern = (frames(0.9, True) + frames(0.06, False)) * 12
    _, events = run(pattern, s)
    assert len(closed(events)) >= 2
    assert all(c.end - c.start <= 8.0 + 1e-9 for c in closed(events))


def test_continuous_speech_is_cut_at_hard_max():
    s = VadSettings(max_utterance_s=5.0, hard_max_utterance_s=8.0)
    _, events = run(frames(18, True), s)
    cs = closed(events)
    assert len(cs) == 3
    assert cs[0].end - cs[0].start == pytest.approx(8.0, abs=0.031)


def test_speculation_point_fires_once_per_pause():
    pattern = frames(1.2, True) + frames(0.3, False) + frames(1.2, True) + frames(1.2, False)
    _, events = run(pattern)
    spec = [e for e in events if isinstance(e, SilenceBegan)]
    assert [round(e.time, 2) for e in spec] == [1.2, 2.7]


def test_utterance_at_end_of_input_is_flushed():
    _, events = run(frames(1.2, False) + frames(1.2, True))
    (c,) = closed(events)
    assert c.end == pytest.approx(2.4)


def test_timeline_merges_tiny_gaps_only():
    pattern = frames(1.2, True) + frames(0.09, False) + frames(1.2, True) + frames(0.6, False) + frames(1.2, True)
    seg, _ = run(pattern)
    spans = seg.speech_timeline()
    assert len(spans) == 2
    assert spans[0].end == pytest.approx(2.49)


def test_utterance_boundaries_never_end_input():
    pattern = (frames(1.2, True) + frames(1.2, False)) * 5
    seg, events = run(pattern)
    assert len(closed(events)) == 5
    assert [c.index for c in closed(events)] == [0, 1, 2, 3, 4]


def test_frame_dbfs_levels():
    import numpy as np

    assert frame_dbfs(np.zeros(480, dtype=np.int16).tobytes()) < -90
    loud = (np.ones(480) * 32000).astype(np.int16).tobytes()
    assert frame_dbfs(loud) == pytest.approx(-0.2, abs=0.1)

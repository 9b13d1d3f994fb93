"""LiveTimer fed hand-made pipeline events: cues, window changes, pauses, fillers, live figures."""

from __future__ import annotations

import numpy as np
import pytest

from mockinterview.analysis.delivery.live import (
    AnswerFinished,
    AnswerStarted,
    Cue,
    FillerHeard,
    LiveTimer,
    LongPause,
    WindowChanged,
)
from mockinterview.analysis.targets import CoachingTargets
from mockinterview.types import (
    HesitationWords,
    PartialWords,
    PipelineFinished,
    PipelineStats,
    SpeechEnded,
    SpeechStarted,
    Utterance,
    Word,
    WordsCommitted,
)


def utterance(index: int, text: str, start: float, step: float = 0.4) -> Utterance:
    ws = tuple(Word(t, start + i * step, start + i * step + step - 0.05) for i, t in enumerate(text.split()))
    return Utterance(index, ws[0].start, ws[-1].end, ws)


def of(events, kind):
    return [e for e in events if isinstance(e, kind)]


def test_nothing_happens_before_the_first_speech() -> None:
    timer = LiveTimer()
    assert timer.tick(90.0) == []
    snap = timer.snapshot()
    assert not snap.started and snap.elapsed_s == 0.0 and snap.window == "rushed"


def test_cues_and_windows_fire_once_in_order_counting_from_first_speech() -> None:
    timer = LiveTimer()
    events = timer.feed(SpeechStarted(0, 3.0))
    assert of(events, AnswerStarted) == [AnswerStarted(3.0)]
    fired = []
    for t in range(4, 260):
        fired += timer.tick(float(t))
    cues = of(fired, Cue)
    assert [(c.name, c.time) for c in cues] == [("challenge", 63.0), ("minimum", 123.0), ("wrap_up", 183.0),
                                                 ("over", 243.0)]
    assert [c.message for c in cues][0] == "reach the challenge"
    assert [w.window for w in of(fired, WindowChanged)] == ["ideal", "long", "over"]
    assert timer.tick(300.0) == []


def test_a_jump_in_the_clock_fires_every_cue_passed() -> None:
    timer = LiveTimer()
    timer.feed(SpeechStarted(0, 0.0))
    events = timer.tick(200.0)
    assert [c.name for c in of(events, Cue)] == ["challenge", "minimum", "wrap_up"]
    assert [w.window for w in of(events, WindowChanged)] == ["long"]


def test_speaking_time_and_wpm_count_the_open_utterance() -> None:
    timer = LiveTimer()
    timer.feed(SpeechStarted(0, 1.0))
    timer.feed(SpeechEnded(0, 1.0, 4.0))
    timer.feed(WordsCommitted(utterance(0, "I led the launch of offline mode", 1.0)))
    timer.feed(SpeechStarted(1, 5.0))
    timer.feed(PartialWords(1, utterance(1, "for four thousand", 5.0).words))
    timer.tick(7.0)
    snap = timer.snapshot()
    assert snap.speaking_s == pytest.approx(3.0 + 2.0)
    assert snap.words == 10
    assert snap.wpm == pytest.approx(10 / (5.0 / 60))
    assert snap.elapsed_s == pytest.approx(6.0)
    assert snap.speaking


def test_long_pause_reported_while_ongoing_and_when_it_ends() -> None:
    timer = LiveTimer()
    timer.feed(SpeechStarted(0, 0.0))
    timer.feed(SpeechEnded(0, 0.0, 5.0))
    assert of(timer.tick(6.5), LongPause) == []
    ongoing = of(timer.tick(7.2), LongPause)
    assert len(ongoing) == 1 and ongoing[0].ongoing and ongoing[0].start == 5.0
    assert of(timer.tick(7.5), LongPause) == []  # only once
    ended = of(timer.feed(SpeechStarted(1, 8.0)), LongPause)
    assert ended == [LongPause(5.0, 8.0, ongoing=False)]
    assert timer.snapshot().long_pauses == 1


def test_short_pause_is_not_reported() -> None:
    timer = LiveTimer(targets=CoachingTargets(long_pause_s=2.0))
    timer.feed(SpeechStarted(0, 0.0))
    timer.feed(SpeechEnded(0, 0.0, 5.0))
    assert of(timer.feed(SpeechStarted(1, 6.9)), LongPause) == []


def test_fillers_reported_once_with_context_across_utterances() -> None:
    timer = LiveTimer()
    timer.feed(SpeechStarted(0, 0.0))
    ev = timer.feed(WordsCommitted(utterance(0, "Um, I like that approach.", 0.0)))
    assert [(f.kind, f.text) for f in of(ev, FillerHeard)] == [("um", "Um,")]
    ev = timer.feed(WordsCommitted(utterance(1, "So it was, you know, fine.", 3.0)))
    assert [f.kind for f in of(ev, FillerHeard)] == ["so", "you know"]
    assert timer.snapshot().fillers == 3


def test_hesitations_only_the_pass_heard_join_the_live_count_and_words() -> None:
    timer = LiveTimer()
    timer.feed(SpeechStarted(0, 0.0))
    plain = utterance(0, "I started by measuring the builds.", 0.4)
    assert of(timer.feed(WordsCommitted(plain)), FillerHeard) == []
    heard = utterance(0, "Um, I started by, uh, measuring the builds.", 0.0, step=0.35)
    ev = timer.feed(HesitationWords(0.0, 3.0, heard.words))
    assert [(f.kind, f.text) for f in of(ev, FillerHeard)] == [("um", "um"), ("uh", "uh")]
    assert [w.text for w in timer.words] == ["um", "I", "started", "by", "uh", "measuring", "the", "builds."]
    assert timer.snapshot().fillers == 2 and timer.snapshot().words == 6
    assert timer.committed == list(plain.words)


def test_a_pass_hesitation_the_words_already_have_is_not_counted_twice() -> None:
    timer = LiveTimer()
    timer.feed(SpeechStarted(0, 0.0))
    timer.feed(WordsCommitted(utterance(0, "Um, I started.", 0.0)))
    ev = timer.feed(HesitationWords(0.0, 2.0, utterance(0, "Um, I started.", 0.05).words))
    assert of(ev, FillerHeard) == [] and timer.snapshot().fillers == 1


def test_finished_carries_the_last_snapshot() -> None:
    timer = LiveTimer()
    timer.feed(SpeechStarted(0, 0.0))
    timer.feed(SpeechEnded(0, 0.0, 2.0))
    ev = timer.feed(PipelineFinished(PipelineStats()))
    assert len(ev) == 1 and isinstance(ev[0], AnswerFinished)
    assert ev[0].stats.speaking_s == pytest.approx(2.0)


def test_with_the_audio_the_live_count_hears_the_pauses_the_report_hears() -> None:
    """"the queue got [pause] like [pause] backed up": no commas in the words, only the audio has the pauses."""
    utt = utterance(0, "the queue got like backed up", 1.0)
    like = utt.words[3]
    rng = np.random.default_rng(7)
    audio = np.zeros(int(4.0 * 16000), dtype=np.int16)
    sound = (rng.standard_normal(audio.size) * 3000).astype(np.int16)
    voiced = np.zeros(audio.size, dtype=bool)
    voiced[int(1.0 * 16000):int(utt.end * 16000)] = True
    for a, b in ((like.start - 0.17, like.start - 0.02), (like.end + 0.02, like.end + 0.17)):
        voiced[int(a * 16000):int(b * 16000)] = False
    audio[voiced] = sound[voiced]
    counts = []
    for source in (None, lambda: audio):
        timer = LiveTimer(audio=source)
        timer.feed(SpeechStarted(0, utt.start))
        timer.feed(SpeechEnded(0, utt.start, utt.end))
        timer.feed(WordsCommitted(utt))
        counts.append([h.kind for h in timer.hits])
    assert counts == [[], ["like"]]

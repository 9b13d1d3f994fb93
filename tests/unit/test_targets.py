"""The coaching targets are defined once: change one and every consumer moves with it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mockinterview.analysis.delivery.live import Cue, LiveTimer
from mockinterview.analysis.scorer import ScorerSettings, estimate_timings, score_answer
from mockinterview.analysis.star.live import LiveLabeler
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.formatting import mmss
from mockinterview.session.flow import FlowSettings, assess_followup
from mockinterview.types import SpeechStarted, Utterance, Word

SENTENCE = "At the time our release process was manual and slow for every team in the building. "
"""A Situation sentence (about 7 s)."""

ACTION = "I wrote a deploy script in Python and moved every service onto it over two weeks. "
"""An Action sentence (about 7 s)."""


def answer_of(sentences: int, actions: int = 0) -> tuple[list[Word], list]:
    return estimate_timings(SENTENCE * sentences + ACTION * actions)


def test_window_wording_and_marks():
    assert DEFAULT_TARGETS.window_text("ideal") == "in the 2:00-3:00 window"
    assert DEFAULT_TARGETS.marks == (60.0, 120.0, 180.0, 240.0)
    follow = DEFAULT_TARGETS.followup()
    assert follow.window_text("rushed") == "under 0:30" and follow.window_text("over") == "over 2:00"
    assert follow.window_marks == (30.0, 90.0, 120.0)
    assert mmss(95.8) == "1:35" and mmss(119.7) == "1:59" and mmss(None) == "-"


@pytest.mark.parametrize(("seconds", "window"), [(0.0, "rushed"), (89.9, "rushed"), (90.0, "ideal"),
                                                 (150.1, "long"), (200.1, "over")])
def test_window_edges_follow_the_targets(seconds, window):
    assert CoachingTargets(ideal_from_s=90, long_from_s=150, over_from_s=200).window(seconds) == window


def test_one_target_moves_the_report():
    words, speech = answer_of(15)  # about 105 s
    default = score_answer(words, speech)
    shorter = score_answer(words, speech, settings=ScorerSettings(targets=CoachingTargets(ideal_from_s=90)))
    assert 90 < default.delivery.duration_s < 120
    assert default.delivery.window == "rushed" and "too_short" in default.flags
    assert next(f for f in default.feedback if f.kind == "too_short").message.count("under 2:00") == 1
    assert shorter.delivery.window == "ideal" and "too_short" not in shorter.flags
    assert shorter.scores["delivery"] > default.scores["delivery"]  # the window penalty moved too


LONG_SETUP = (
    "Two years ago I joined a logistics company as a senior engineer on the routing team. "
    "At the time every release was manual, and deploys took most of a day. "
    "There were about forty services, and nobody really owned the pipeline. "
    "The year before, a bad deploy had taken the warehouse scanners down for a whole shift. "
    "On top of that, the team had just lost two senior people to a reorg. "
    "I wrote a deploy script in Python and moved every service onto it over two weeks. "
    "I added canary checks so a bad build rolled back on its own. "
    "Deploys went from six hours to twenty minutes, and we had no failed release that quarter."
)
"""Half a minute of Situation, then the actions and the result."""


def test_situation_share_target_moves_flag_score_and_feedback():
    words, speech = estimate_timings(LONG_SETUP)
    lenient = ScorerSettings(targets=CoachingTargets(situation_share=0.9))
    strict = score_answer(words, speech)
    loose = score_answer(words, speech, settings=lenient)
    assert "long_situation" in strict.flags and "long_situation" not in loose.flags
    assert loose.scores["structure"] > strict.scores["structure"]
    fb = next(f for f in strict.feedback if f.kind == "long_situation")
    assert "under 20% of the time" in fb.message and "within the first 1:00" in fb.message


def test_live_cues_and_challenge_follow_the_targets():
    targets = CoachingTargets(challenge_by_s=45, ideal_from_s=90, long_from_s=150, over_from_s=200)
    timer = LiveTimer(targets=targets)
    timer.feed(SpeechStarted(0, 0.0))
    cues = [e for t in (44.0, 46.0, 91.0, 151.0, 201.0) for e in timer.tick(t) if isinstance(e, Cue)]
    assert [c.elapsed_s for c in cues] == [45, 90, 150, 200]
    labeler = LiveLabeler(targets=targets)
    labeler.feed(Utterance(0, 0.0, 5.0, tuple(answer_of(1)[0])))
    assert not labeler.tick(44.0).reach_challenge_cue and labeler.tick(46.0).reach_challenge_cue


def test_followup_window_derives_from_the_targets():
    words, speech = answer_of(6)  # about 40 s
    report = score_answer(words, speech)
    assert assess_followup(report, FlowSettings()).window == "ideal"
    narrow = FlowSettings(targets=replace(DEFAULT_TARGETS, followup_window_s=(10.0, 20.0, 30.0)))
    assert assess_followup(report, narrow).window == "over"
    assert narrow.targets_for("followup").window_marks == (10.0, 20.0, 30.0)
    assert narrow.targets_for("main") == narrow.targets

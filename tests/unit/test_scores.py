"""Each score rises and falls with what its formula documents."""

from dataclasses import replace

from conftest import make_delivery

from mockinterview.analysis.star.flags import Findings
from mockinterview.analysis.star.scores import ScoreSettings, score_all
from mockinterview.report import Delivery, Window

GOOD_SHARE = {"S": 0.12, "T": 0.08, "A": 0.45, "R": 0.18, "X": 0.12, "O": 0.05}


def findings(**kw) -> Findings:
    base = dict(action_i=10, action_we=1, result_text="Latency went from 850 ms to 110 ms.",
                result_quantities=["850 ms", "110 ms", "30 percent"], has_change=True,
                reflection_quotes=["Looking back, I learned to profile first, and next time I'd alert sooner.",
                                   "Now I always check the allocation budget."],
                challenge_after_s=20.0)
    base.update(kw)
    return Findings(**base)


def delivery(duration=150.0, per_min=0.5, wpm=145.0, pauses=0, window: str | None = None) -> Delivery:
    d = make_delivery(duration, per_min=per_min, wpm=wpm, pauses=pauses)
    return d if window is None else replace(d, window=Window(window))


def scores(share=GOOD_SHARE, f=None, d=None, s=None):
    return score_all(share, f or findings(), d or delivery(), s or ScoreSettings())


def test_strong_answer_scores_high_everywhere():
    sc = scores()
    assert all(v >= 90 for v in sc.values()), sc
    assert set(sc) == {"overall", "structure", "ownership", "impact", "reflection", "delivery"}


def test_structure_missing_parts_and_long_situation():
    assert scores()["structure"] == 100
    no_x = dict(GOOD_SHARE, X=0.0)
    assert scores(share=no_x)["structure"] == 85
    long_s = {"S": 0.45, "T": 0.05, "A": 0.30, "R": 0.10, "X": 0.05, "O": 0.05}
    assert scores(share=long_s, f=findings(challenge_after_s=90.0))["structure"] < 60


def test_structure_late_challenge():
    assert scores(f=findings(challenge_after_s=75.0))["structure"] == 90


def test_ownership_i_versus_we():
    assert scores(f=findings(action_i=10, action_we=0))["ownership"] == 100
    assert scores(f=findings(action_i=0, action_we=9))["ownership"] == 40
    assert scores(f=findings(action_i=5, action_we=5))["ownership"] == 70


def test_ownership_blame_and_missing_task():
    assert scores(f=findings(action_i=10, action_we=0, flags=["blame"]))["ownership"] == 70
    assert scores(share=dict(GOOD_SHARE, T=0.0), f=findings(action_i=10, action_we=0))["ownership"] == 90


def test_impact_numbers_versus_vague():
    assert scores()["impact"] == 100
    vague = findings(result_quantities=[], has_change=False, vague_results=["it improved our metrics"])
    assert scores(f=vague)["impact"] == 20
    assert scores(f=findings(result_text="", result_quantities=[], has_change=False))["impact"] == 10
    one = findings(result_quantities=["thirty percent"], has_change=False)
    assert scores(f=one)["impact"] == 50


def test_reflection_depth_and_ownership():
    assert scores()["reflection"] == 100
    assert scores(f=findings(reflection_quotes=[]))["reflection"] == 0
    one = ["Trust turned out to take longer than any plan."]
    assert scores(f=findings(reflection_quotes=one))["reflection"] == 80
    assert scores(f=findings(reflection_quotes=one, blame_quotes=one))["reflection"] == 60


def test_delivery_window_fillers_pace_pauses():
    assert scores()["delivery"] == 100
    assert scores(d=delivery(window="over"))["delivery"] == 70
    assert scores(d=delivery(window="rushed"))["delivery"] == 75
    assert scores(d=delivery(per_min=6.0))["delivery"] == 60
    assert scores(d=delivery(wpm=190.0))["delivery"] == 85
    assert scores(d=delivery(pauses=2))["delivery"] == 94


def test_overall_is_weighted_mean_minus_generic_penalty():
    s = ScoreSettings()
    sc = scores(f=findings(reflection_quotes=[]))
    expected = sum(s.overall_weights[k] * sc[k] for k in s.overall_weights)
    assert sc["overall"] == round(expected)
    generic = scores(f=findings(flags=["generic"]))
    assert generic["overall"] == scores()["overall"] - 8


def test_scores_are_clamped():
    bad = findings(action_i=0, action_we=10, flags=["blame"], result_quantities=[], has_change=False,
                   vague_results=["a", "b", "c", "d"], reflection_quotes=[], challenge_after_s=None)
    sc = scores(share={"S": 0.9, "T": 0.0, "A": 0.1, "R": 0.0, "X": 0.0, "O": 0.0}, f=bad,
                d=delivery(per_min=12.0, wpm=220.0, pauses=9, window="over"))
    assert all(0 <= v <= 100 for v in sc.values())
    assert sc["impact"] == 0 and sc["reflection"] == 0


def test_weights_sum_to_one():
    assert abs(sum(ScoreSettings().overall_weights.values()) - 1.0) < 1e-9


def test_structure_counts_reflection_only_when_genuine():
    assert scores(f=findings(reflection_quotes=[]))["structure"] == 85

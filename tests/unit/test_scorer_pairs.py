"""Weak versus strong versions of the same answer are ranked the right way round (docs/COACHING.md's mistakes)."""

import json
import time

import pytest
from conftest import text_report

from mockinterview.analysis.scorer import ScorerSettings, estimate_timings, score_answer

SITUATION = ("At my last company I led the search team, and our product search page took about four seconds "
             "to load on mobile, so shoppers were leaving before they saw any results.")
TASK = "I owned the performance work for the quarter, and my goal was to get the page under one and a half seconds."
ACTIONS = ("{p} profiled real sessions with Datadog and found three blocking calls to the Postgres catalog. "
           "{p} rewrote the slowest query to use a covering index and added a Redis cache in front of the "
           "catalog service. {p} also split the JavaScript bundle so the filters loaded only when they were "
           "opened. Before the rollout {p} put the change behind a feature flag and ran an A/B test on ten "
           "percent of traffic for two weeks.")
RESULT = ("Median load time went from 4.2 seconds to 1.1 seconds, and mobile conversion rose by about six "
          "percent, which finance put at roughly two million dollars a year.")
VAGUE = "In the end it improved our metrics a lot, the project was successful and everyone was happy."
REFLECTION = ("Looking back, I would set up real user monitoring before starting, and now I always measure "
              "real sessions before I optimise anything.")
BLAME = ("It took longer than planned because the platform team didn't treat it as a priority, and honestly it "
         "wasn't our fault that the requirements kept changing.")
OWN = ("It took longer than planned, and that was my mistake: I should have agreed the requirements with "
       "product before I started.")
HISTORY = (
    "Some background first. The company had been through two reorgs that year, and ownership of search "
    "was fuzzy. There was a legacy search service written years before by a team that had since left. "
    "On top of that, the data team was migrating to a new warehouse and that migration kept slipping. "
    "The previous lead had moved to another group, and the documentation was pretty thin. "
    "There had also been a lot of debate about whether to rebuild search from scratch."
)
GENERIC_ACTIONS = ("I looked at the problems and worked on fixes. I improved some of the slow parts and made "
                   "some changes. I also tested the changes and released them. I kept everyone updated.")


def actions(person: str) -> str:
    """The same actions told with "I" or with "we"."""
    return ACTIONS.format(p=person)


def overall(*parts: str) -> int:
    return text_report(" ".join(parts)).scores["overall"]


def test_i_beats_we():
    strong = overall(SITUATION, TASK, actions("I"), RESULT, REFLECTION)
    weak = overall(SITUATION, TASK, actions("we"), RESULT, REFLECTION)
    assert strong > weak


def test_quantified_result_beats_vague_result():
    assert overall(SITUATION, TASK, actions("I"), RESULT, REFLECTION) > \
        overall(SITUATION, TASK, actions("I"), VAGUE, REFLECTION)


def test_reflection_beats_none():
    assert overall(SITUATION, TASK, actions("I"), RESULT, REFLECTION) > \
        overall(SITUATION, TASK, actions("I"), RESULT)


def test_owning_beats_blaming():
    assert overall(SITUATION, TASK, actions("I"), OWN, RESULT, REFLECTION) > \
        overall(SITUATION, TASK, actions("I"), BLAME, RESULT, REFLECTION)


def test_specific_beats_generic():
    generic_situation = "I worked on a project to make our product faster, because it was slow."
    assert overall(SITUATION, TASK, actions("I"), RESULT, REFLECTION) > \
        overall(generic_situation, TASK, GENERIC_ACTIONS, VAGUE, REFLECTION)


def test_concise_situation_beats_history():
    assert overall(SITUATION, TASK, actions("I"), RESULT, REFLECTION) > \
        overall(SITUATION, HISTORY, TASK, actions("I"), RESULT, REFLECTION)


def test_fluent_beats_filler_heavy():
    um = "Um, so, like, you know, basically "
    fluent = overall(SITUATION, TASK, actions("I"), RESULT, REFLECTION)
    filled = overall(*(um + p[0].lower() + p[1:] for p in (SITUATION, TASK, actions("I"), RESULT, REFLECTION)))
    assert fluent > filled


def test_all_mistakes_at_once_rank_last():
    weak = overall("Um, yeah.", HISTORY, "The team needed to fix it.", actions("we"), BLAME, VAGUE)
    strong = overall(SITUATION, TASK, actions("I"), RESULT, REFLECTION)
    assert strong - weak >= 30


# ---- entry points -------------------------------------------------------------------------------------


def test_estimate_timings_pace_and_pauses():
    text = "I owned it. Then I built the cache, and it worked."
    words, speech = estimate_timings(text)
    assert [w.text for w in words] == text.split()
    assert len(speech) == 2 and speech[0].end < speech[1].start
    assert speech[1].start - speech[0].end >= ScorerSettings().estimate_sentence_pause_s
    long_words, long_speech = estimate_timings(" ".join(["word"] * 150) + ".")
    assert 55 <= long_speech[-1].end - long_speech[0].start <= 65


def test_json_contract_fields():
    out = text_report(" ".join([SITUATION, TASK, actions("we"), VAGUE])).to_json()
    json.dumps(out)
    for key in ("duration_s", "speaking_s", "transcript", "words", "fillers", "wpm", "pauses", "window",
                "sections", "section_share", "pronouns", "flags", "scores", "feedback", "followups"):
        assert key in out
    assert out["timing"] == "estimated"
    assert set(out["section_share"]) == set("STARXO")
    assert abs(sum(out["section_share"].values()) - 1.0) < 0.01
    assert set(out["pronouns"]) == {"i", "we", "action_i", "action_we"}
    assert [s["label"] for s in out["sections"]][:3] == ["S", "T", "A"]
    starts = [s["start"] for s in out["sections"]]
    assert starts == sorted(starts)
    assert all(f["quote"] for f in out["feedback"])


@pytest.mark.parametrize("text", ["", "Um."])
def test_empty_and_tiny_answers_do_not_crash(text):
    r = text_report(text)
    assert 0 <= r.scores["overall"] <= 100
    assert len(r.followups) >= 2


def test_scoring_is_fast():
    text = " ".join([SITUATION, HISTORY, TASK, actions("I"), OWN, RESULT, REFLECTION] * 2)
    words, speech = estimate_timings(text)
    score_answer(words, speech)
    t = time.perf_counter()
    score_answer(words, speech)
    assert time.perf_counter() - t < 0.5

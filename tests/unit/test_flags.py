"""Each flag with a positive and a negative case."""

import pytest
from conftest import make_delivery, text_report

from mockinterview.analysis.scorer import estimate_timings, label_units
from mockinterview.analysis.star.flags import FlagSettings, find_flags
from mockinterview.analysis.star.section_timing import section_timing
from mockinterview.analysis.star.sections import merge_sections
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.report import Delivery

SITUATION = ("At my last company I was on the platform team, and our checkout API was timing out during big "
             "sales events, which cost us orders.")
TASK = "I owned the reliability work, and my goal was to cut the timeouts before the holiday season."
ACTIONS_I = ("I profiled the service with pprof and found that every request opened a new Postgres connection. "
             "I added a connection pool with PgBouncer and moved the fraud check to an async Kafka queue. "
             "I load tested the change with k6 at three times our peak traffic before rolling it out.")
ACTIONS_WE = ("We profiled the service with pprof and we found that every request opened a new Postgres "
              "connection. We added a connection pool with PgBouncer and we moved the fraud check to an async "
              "Kafka queue. We load tested the change with k6 at three times our peak before we rolled it out.")
RESULT_NUM = ("Timeouts dropped from about four percent of requests to under 0.1 percent, and p99 latency went "
              "from 2.4 seconds to 300 milliseconds.")
RESULT_VAGUE = "In the end it improved our metrics a lot and everyone was really happy with it."
REFLECTION = ("Looking back, I would have load tested before the season started, and now I always check "
              "connection handling first.")
CLOSE_NO_REFLECTION = "The checkout team still uses the same pool settings today."


def flags_of(*parts: str) -> list[str]:
    return text_report(" ".join(parts)).flags


def test_clean_answer_has_only_length_flag():
    assert flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION) == ["too_short"]


def test_we_heavy_positive_and_negative():
    assert "we_heavy" in flags_of(SITUATION, TASK, ACTIONS_WE, RESULT_NUM, REFLECTION)
    assert "we_heavy" not in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION)


def test_we_outside_the_actions_does_not_count():
    team = "We had a great team and we all cared about checkout, and we talked about it a lot."
    assert "we_heavy" not in flags_of(team, SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION)


def test_no_numbers_positive_and_negative():
    assert "no_numbers" in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_VAGUE, REFLECTION)
    assert "no_numbers" not in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION)


@pytest.mark.parametrize("result", [
    "Conversion went up by sixty percent over the next quarter.",
    "Page load went from four point two seconds to one point one seconds.",
    "That saved roughly two point four million dollars a year.",
    "Support tickets about checkout fell by about a third.",
])
def test_spoken_numbers_count_as_quantified(result):
    assert "no_numbers" not in flags_of(SITUATION, TASK, ACTIONS_I, result, REFLECTION)


def test_no_reflection_positive_and_negative():
    assert "no_reflection" in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, CLOSE_NO_REFLECTION)
    assert "no_reflection" not in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION)


def test_counterfactual_blame_is_not_a_reflection():
    blame = "Had the print shop sent the proofs when it promised, the catalogue would have gone out on time."
    assert "no_reflection" in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, blame)


def test_blame_positive_and_negative():
    blame = ("It slipped because the payments group kept parking our tickets behind their own roadmap. "
             "Frankly that part was out of our hands, and had the vendor answered sooner we'd have shipped in time.")
    assert "blame" in flags_of(SITUATION, TASK, ACTIONS_I, blame, RESULT_NUM, REFLECTION)
    owning = ("It slipped, and that was my mistake: I should have pulled the other teams in much earlier. "
              "I didn't flag the risk until week six.")
    assert "blame" not in flags_of(SITUATION, TASK, ACTIONS_I, owning, RESULT_NUM, REFLECTION)


def test_generic_positive_and_negative():
    generic = ("I worked on a project to improve reliability. There were a lot of problems. I was responsible "
               "for making things better. I looked at the issues and worked on fixes. I improved our processes. "
               "It went from bad to about twenty percent better. I learned that communication matters.")
    assert "generic" in flags_of(generic)
    assert "generic" not in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION)


def test_long_situation_by_share():
    history = " ".join([
        "Back then the company had been through two reorgs, and the ownership of the checkout service was fuzzy.",
        "There was a legacy payment gateway written in Perl that nobody really understood anymore.",
        "On top of that the data team was migrating to a new warehouse, and that migration kept slipping.",
        "The previous lead had moved to another team a year before, and the documentation was thin.",
    ])
    assert "long_situation" in flags_of(SITUATION, history, TASK, ACTIONS_I, RESULT_NUM, REFLECTION)
    assert "long_situation" not in flags_of(SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION)


def _flags_with(delivery: Delivery, settings: FlagSettings | None = None,
                targets: CoachingTargets = DEFAULT_TARGETS) -> list[str]:
    words, speech = estimate_timings(" ".join([SITUATION, TASK, ACTIONS_I, RESULT_NUM, REFLECTION]))
    units = label_units(words)
    return find_flags(units, section_timing(merge_sections(units), speech), delivery,
                      settings or FlagSettings(), targets).flags


@pytest.mark.parametrize("duration,expected", [
    (119.0, {"too_short"}), (121.0, set()), (239.0, set()), (241.0, {"too_long"}),
])
def test_length_flags_at_the_thresholds(duration, expected):
    assert set(_flags_with(make_delivery(duration))) & {"too_short", "too_long"} == expected


@pytest.mark.parametrize("per_min,flagged", [(3.9, False), (4.0, True), (6.5, True), (0.5, False)])
def test_filler_heavy_threshold(per_min, flagged):
    assert ("filler_heavy" in _flags_with(make_delivery(150.0, per_min=per_min))) is flagged


def test_thresholds_are_targets():
    assert "too_short" in _flags_with(make_delivery(150.0), targets=CoachingTargets(ideal_from_s=160.0))
    assert "filler_heavy" in _flags_with(make_delivery(150.0, per_min=2.0),
                                         targets=CoachingTargets(filler_heavy_per_min=2.0))


def test_flags_follow_contract_order():
    from mockinterview.report import FLAGS

    flags = flags_of("We had a problem. We fixed it. It was great.")
    assert flags == [f for f in FLAGS if f in flags]


@pytest.mark.parametrize("text,expected", [
    ("sixty percent", [("sixty", "percent")]),
    ("from four point two seconds to 1.1 seconds", [("four point two", "duration"), ("1.1", "duration")]),
    ("two point four million dollars", [("two point four million", "money")]),
    ("roughly $500K a year", [("$500K", "money")]),
    ("2550 and 100%", [("2550", "count"), ("100%", "percent")]),
    ("worth about $3 .8 m a year", [("$3.8m", "money")]),
    ("$410 ,000 in fraud", [("$410,000", "money")]),
    ("fell by about a quarter", [("a quarter", "ratio")]),
    ("traffic doubled", [("doubled", "ratio")]),
    ("a few thousand support tickets", [("thousand", "count")]),
])
def test_quantities_written_and_spoken(text, expected):
    from mockinterview.analysis.numbers import find_quantities

    assert [(q.text, q.kind) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text", [
    "I took one approach", "a one-on-one with him", "the first time", "it was successful",
    "by the end of the quarter", "p99 latency", "a couple of weeks",
])
def test_not_quantities(text):
    from mockinterview.analysis.numbers import find_quantities

    assert find_quantities(text) == []

"""Question selection: no repeats, categories mixed, weighting by history, seed reproducibility."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from mockinterview.session.banks import all_questions, load_bank, shipped_bank_dir
from mockinterview.session.selection import (
    DEFAULT_SETTINGS,
    CategoryHistory,
    QuestionSelector,
    QuestionsExhausted,
    SelectionSettings,
    question_key,
)
from mockinterview.types import CATEGORIES, Question


def make_questions(per_category: dict[str, int], bank: str = "t") -> list[Question]:
    return [
        Question(id=f"{category}-{i:02d}", text=f"{category} question {i}", category=category, bank=bank,
                 probes=("a?", "b?"))
        for category, n in per_category.items()
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def shipped() -> list[Question]:
    return all_questions(load_bank(p, shipped=True) for p in sorted(Path(shipped_bank_dir()).glob("*.toml")))


def keys(questions) -> list[str]:
    return [question_key(q) for q in questions]


def first(selector: QuestionSelector, n: int) -> list[Question]:
    return [selector.next() for _ in range(n)]


# ---- no repeats, categories mixed -----------------------------------------------------------------


def test_every_question_once_then_exhausted() -> None:
    questions = make_questions({"failure": 5, "launch": 3, "general": 4})
    selector = QuestionSelector(questions, seed=7)
    drawn = [selector.next() for _ in range(len(questions))]
    assert sorted(keys(drawn)) == sorted(keys(questions))
    assert selector.remaining == 0
    with pytest.raises(QuestionsExhausted, match="all 12 questions have been asked"):
        selector.next()


def test_no_repeats_in_long_sessions_over_many_seeds(shipped: list[Question]) -> None:
    for seed in range(50):
        drawn = keys(QuestionSelector(shipped, seed=seed))
        assert len(drawn) == len(shipped) == len(set(drawn))


def test_never_the_same_category_twice_in_a_row_while_another_is_left(shipped: list[Question]) -> None:
    for seed in range(50):
        drawn = list(QuestionSelector(shipped, seed=seed))
        # categories run out at different times; a repeat is allowed only once a single category remains
        for i in range(1, len(drawn)):
            if drawn[i].category == drawn[i - 1].category:
                assert {q.category for q in drawn[i:]} == {drawn[i].category}


def test_a_short_session_spreads_over_categories(shipped: list[Question]) -> None:
    def distinct(settings: SelectionSettings, n: int) -> list[int]:
        return [len({q.category for q in first(QuestionSelector(shipped, seed=s, settings=settings), n)})
                for s in range(200)]

    eight, five = distinct(DEFAULT_SETTINGS, 8), distinct(DEFAULT_SETTINGS, 5)
    assert min(eight) >= 5 and sum(eight) / 200 >= 6.4  # of 8 categories in 8 questions
    assert min(five) >= 3 and sum(five) / 200 >= 4.5  # of 5 questions
    no_spread = distinct(replace(DEFAULT_SETTINGS, session_repeat_factor=1.0), 8)
    assert sum(no_spread) < sum(eight)


def test_already_asked_questions_are_skipped() -> None:
    questions = make_questions({"failure": 3, "launch": 3})
    selector = QuestionSelector(questions, seed=1, asked=["t/failure-00", "t/launch-02"])
    drawn = keys(selector)
    assert len(drawn) == 4 and "t/failure-00" not in drawn and "t/launch-02" not in drawn


def test_no_questions_and_duplicate_keys() -> None:
    with pytest.raises(QuestionsExhausted, match="no questions to ask"):
        QuestionSelector([], seed=1).next()
    q = make_questions({"failure": 1})
    with pytest.raises(ValueError, match="given twice"):
        QuestionSelector(q + q, seed=1)


# ---- reproducibility ------------------------------------------------------------------------------


def test_same_seed_same_sequence_regardless_of_input_order(shipped: list[Question]) -> None:
    history = {"failure": CategoryHistory(4, 55.0), "launch": CategoryHistory(9, 82.0)}
    first = keys(QuestionSelector(shipped, history, seed=2024))
    shuffled = list(shipped)
    random.Random(5).shuffle(shuffled)
    assert keys(QuestionSelector(shuffled, dict(reversed(history.items())), seed=2024)) == first


def test_different_seeds_give_different_sessions(shipped: list[Question]) -> None:
    openings = {tuple(keys(first(QuestionSelector(shipped, seed=s), 5))) for s in range(30)}
    assert len(openings) == 30


def test_without_a_seed_sessions_differ_and_can_be_replayed(shipped: list[Question]) -> None:
    a, b = QuestionSelector(shipped), QuestionSelector(shipped)
    opening_a, opening_b = keys(first(a, 10)), keys(first(b, 10))
    assert opening_a != opening_b
    assert keys(first(QuestionSelector(shipped, seed=a.seed), 10)) == opening_a


# ---- weighting ------------------------------------------------------------------------------------


def test_weight_formula_matches_the_documented_settings() -> None:
    s = DEFAULT_SETTINGS
    selector = QuestionSelector(make_questions({"failure": 1, "launch": 1, "mentoring": 1}), {
        "launch": CategoryHistory(answered=6, mean_overall=80.0),
        "mentoring": CategoryHistory(answered=2, mean_overall=None),
    }, seed=0)
    fresh = s.floor_weight + s.practice_weight + s.score_weight * (1 - s.unscored_mean / 100)
    assert selector.base_weight("failure") == pytest.approx(fresh)
    launch = s.floor_weight + s.practice_weight * 3 / (3 + 6) + s.score_weight * 0.2
    assert selector.base_weight("launch") == pytest.approx(launch)
    assert selector.base_weight("failure", prefer_categories=["failure"]) == pytest.approx(fresh * s.prefer_boost)


def test_fewer_answers_and_lower_scores_weigh_more() -> None:
    selector = QuestionSelector(make_questions({c: 1 for c in CATEGORIES}), {
        "launch": CategoryHistory(0, None),
        "failure": CategoryHistory(10, 85.0),
        "mentoring": CategoryHistory(10, 45.0),
        "peer_conflict": CategoryHistory(2, 85.0),
    }, seed=0)
    w = selector.base_weight
    assert w("failure") < w("peer_conflict")  # same score, fewer answers weighs more
    assert w("failure") < w("mentoring")  # same answers, lower score weighs more
    assert w("failure") < w("launch")
    assert w("failure") > 0  # never dropped entirely


def test_first_draws_follow_the_weights() -> None:
    history = {
        "launch": CategoryHistory(0, None),
        "failure": CategoryHistory(12, 90.0),
        "mentoring": CategoryHistory(3, 35.0),
    }
    questions = make_questions({"launch": 4, "failure": 4, "mentoring": 4})
    probe = QuestionSelector(questions, history, seed=0)
    weights = probe.category_weights()
    total = sum(weights.values())
    runs = 4000
    counts = Counter(QuestionSelector(questions, history, seed=s).next().category for s in range(runs))
    for category, weight in weights.items():
        assert counts[category] / runs == pytest.approx(weight / total, abs=0.025), category
    assert counts["launch"] > 2.5 * counts["failure"]


def test_weak_categories_come_up_earlier_in_a_session(shipped: list[Question]) -> None:
    history = {c: CategoryHistory(15, 90.0) for c in CATEGORIES}
    history["general"] = CategoryHistory(15, 90.0)
    history["failure"] = CategoryHistory(0, None)
    history["mentoring"] = CategoryHistory(8, 30.0)
    positions: dict[str, list[int]] = {"failure": [], "mentoring": [], "launch": []}
    for seed in range(300):
        selector, seen = QuestionSelector(shipped, history, seed=seed), {}
        while len(seen) < len(positions):
            category = selector.next().category
            if category in positions and category not in seen:
                seen[category] = len(selector.asked) - 1
        for category, position in seen.items():
            positions[category].append(position)
    mean = {c: sum(p) / len(p) for c, p in positions.items()}
    assert mean["failure"] < mean["launch"] and mean["mentoring"] < mean["launch"]


def test_prefer_categories_boost_story_bank_gaps() -> None:
    questions = make_questions({c: 3 for c in CATEGORIES})
    runs = 2000
    plain = Counter(QuestionSelector(questions, seed=s).next().category for s in range(runs))
    boosted = Counter(QuestionSelector(questions, seed=s, prefer_categories=["simplification"]).next().category
                      for s in range(runs))
    per_call = Counter(QuestionSelector(questions, seed=s).next(prefer_categories=["simplification"]).category
                       for s in range(runs))
    assert boosted["simplification"] > 1.6 * plain["simplification"]
    assert per_call == boosted


def test_session_repeat_factor_spreads_categories() -> None:
    questions = make_questions({"failure": 5, "launch": 5, "mentoring": 5})
    selector = QuestionSelector(questions, seed=3)
    one, two = selector.next(), selector.next()
    weights = selector.category_weights()
    assert two.category not in weights  # never twice in a row
    expected = selector.base_weight(one.category) * DEFAULT_SETTINGS.session_repeat_factor
    assert weights[one.category] == pytest.approx(expected)


def test_weighting_can_be_switched_off() -> None:
    flat = replace(DEFAULT_SETTINGS, practice_weight=0.0, score_weight=0.0, session_repeat_factor=1.0,
                   avoid_same_category=False)
    selector = QuestionSelector(make_questions({"failure": 2, "launch": 2}),
                                {"failure": CategoryHistory(50, 99.0)}, seed=1, settings=flat)
    assert selector.category_weights() == {"launch": flat.floor_weight, "failure": flat.floor_weight}
    assert isinstance(SelectionSettings(), SelectionSettings)


def test_record_folds_new_scores_into_the_history() -> None:
    questions = make_questions({"failure": 3, "launch": 3})
    selector = QuestionSelector(questions, {"failure": CategoryHistory(1, 80.0)}, seed=1)
    before = selector.base_weight("failure")
    selector.record(questions[0], 20.0)
    assert selector.history("failure") == CategoryHistory(2, 50.0)
    selector.record(questions[3], None)
    assert selector.history("launch") == CategoryHistory(1, None)
    selector.record(questions[4], 60.0)
    assert selector.history("launch") == CategoryHistory(2, 60.0)
    assert selector.base_weight("failure") > before  # the much lower mean outweighs one more answer


def test_history_accepts_any_record_with_the_same_fields() -> None:
    @dataclasses.dataclass(frozen=True)
    class StoreStats:
        answered: int
        mean_overall: float | None

    questions = make_questions({"failure": 2, "launch": 2})
    ours = QuestionSelector(questions, {"failure": CategoryHistory(3, 40.0)}, seed=9)
    theirs = QuestionSelector(questions, {"failure": StoreStats(3, 40.0)}, seed=9)
    assert theirs.history("failure") == CategoryHistory(3, 40.0)
    assert keys(theirs) == keys(ours)

"""Pure story-bank analysis: text helpers, numbers, recitation, matching, coverage and variety."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from mockinterview.analysis.stories.coverage import (
    MUST_HAVE_CATEGORY,
    compute_coverage,
    gap_categories,
    variety_notes,
)
from mockinterview.analysis.stories.match import StoryProfile, match_story, score_stories
from mockinterview.analysis.stories.recital import number_changes, number_value, recitation, stated_numbers
from mockinterview.analysis.stories.settings import StorySettings, content_words, split_text_sentences, stem, words_of
from mockinterview.types import CATEGORIES, MUST_HAVE, PRINCIPLES

HISTORY = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "history.json").read_text())
TEXTS = {a["id"]: a["text"] for s in HISTORY["sessions"] for a in s}
STORIES = {s["key"]: s for s in HISTORY["stories"]}


# ---- text helpers --------------------------------------------------------------------------------------

def test_words_drop_punctuation_hesitations_and_thousand_commas() -> None:
    assert words_of("Um, so we shipped to 4,000 technicians. Uh, it's done!") == [
        "so", "we", "shipped", "to", "4000", "technicians", "it's", "done"]


def test_stem_and_content_words() -> None:
    assert stem("migrated") == stem("migrating") == "migrat"
    assert stem("queries") == "query"
    assert stem("class") == "class"
    assert content_words("I owned the offline mode launch") == ["own", "offline", "mode", "launch"]


def test_split_text_sentences() -> None:
    assert split_text_sentences("We shipped. Did it work? Yes! 4.2 seconds") == [
        "We shipped.", "Did it work?", "Yes!", "4.2 seconds"]


def test_settings_are_frozen_and_documented_in_the_class() -> None:
    settings = StorySettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.recitation_threshold = 0.1  # type: ignore[misc]
    source = Path(__file__).resolve().parents[2] / "mockinterview" / "analysis" / "stories" / "settings.py"
    lines = source.read_text().splitlines()
    for f in dataclasses.fields(StorySettings):
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{f.name}:"))
        assert lines[at + 1].strip().startswith('"""'), f"{f.name} has no docstring"


# ---- numbers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "value", "unit"), [
    ("sixty", 60, ""), ("four point two", 4.2, ""), ("$2.4M", 2_400_000, "money"), ("40%", 40, "percent"),
    ("twenty-five", 25, ""), ("4,000", 4000, ""), ("200ms", 0.2, "seconds"), ("3x", 3, "ratio"),
    ("two hundred thousand", 200_000, ""), ("a third", 1 / 3, ""), ("halved", 0.5, "ratio"),
    ("1.8", 1.8, ""), ("three million", 3_000_000, ""),
])
def test_number_value(phrase: str, value: float, unit: str) -> None:
    got = number_value(phrase)
    assert got is not None
    assert got[0] == pytest.approx(value) and got[1] == unit


def test_stated_numbers_units_and_display() -> None:
    found = {n.text: (n.value, n.unit) for n in stated_numbers(
        "Sync failures fell to sixty percent. The p99 went from 1.8 seconds to 400 milliseconds. "
        "We saved $2.4M. It reached 4,000 technicians in four point two weeks.")}
    assert found["sixty percent"] == (60, "percent")
    assert found["1.8 seconds"] == (pytest.approx(1.8), "seconds")
    assert found["400 milliseconds"] == (pytest.approx(0.4), "seconds")
    assert found["$2.4M"] == (2_400_000, "money")
    assert found["4,000 technicians"] == (4000, "technician")
    assert found["four point two weeks"][1] == "seconds"


def test_changed_number_between_tellings() -> None:
    before = "We had a 45 minute outage on card payments and about 1,200 payments failed before I rolled back."
    after = "The outage lasted 90 minutes and around 1,200 payments failed before my rollback landed."
    changes = number_changes(after, before)
    assert [(c.before, c.after, c.unit) for c in changes] == [("45 minute", "90 minutes", "seconds")]


def test_changed_count_paired_through_its_noun() -> None:
    changes = number_changes("About 1,500 payments failed during the outage.",
                             "The outage meant about 1,200 failed payments.")
    assert [(c.before, c.after) for c in changes] == [("1,200 failed", "1,500 payments")]


def test_same_numbers_in_other_words_are_consistent() -> None:
    before = "We shipped to all 4,000 technicians eleven days before storm season, sync failures under 0.5%."
    after = "It reached four thousand technicians 11 days ahead of the storms, with sync failures under half a percent."
    assert number_changes(after, before) == []


def test_a_new_figure_about_something_else_is_not_a_change() -> None:
    before = "Latency dropped from 800 milliseconds to 200 milliseconds after the cache change."
    after = ("Latency dropped from 800 milliseconds to 200 milliseconds after the cache change. "
             "Separately, the hiring loop took 3 weeks.")
    assert number_changes(after, before) == []
    moved = "Latency dropped from 800 milliseconds to 300 milliseconds after the cache change."
    assert [(c.before, c.after) for c in number_changes(moved, before)] == [("200 milliseconds", "300 milliseconds")]


def test_changed_numbers_in_the_fixture_history() -> None:
    assert [(c.before, c.after) for c in number_changes(TEXTS["U3"], TEXTS["U2"])] == [("45 minutes", "90 minutes")]
    assert number_changes(TEXTS["U2"], TEXTS["U1"]) == []
    assert number_changes(TEXTS["O2"], TEXTS["O1"]) == []
    assert number_changes(TEXTS["O3"], TEXTS["O1"]) == []
    assert number_changes(TEXTS["R2"], TEXTS["R1"]) == []


# ---- recitation ----------------------------------------------------------------------------------------

def test_identical_telling_is_fully_recited() -> None:
    rec = recitation(TEXTS["O1"], TEXTS["O1"])
    assert rec.recited and rec.percent == 100 and rec.ngram_share == 1.0


@pytest.mark.parametrize(("now", "then"), [("O2", "O1"), ("P2", "P1")])
def test_re_read_with_recognition_slips_is_recited(now: str, then: str) -> None:
    rec = recitation(TEXTS[now], TEXTS[then])
    assert rec.recited
    assert rec.ngram_share >= 0.8 and rec.sentence_share >= 0.8
    assert len(rec.quote.split()) >= 20


@pytest.mark.parametrize(("now", "then"), [("U2", "U1"), ("U3", "U1"), ("U3", "U2"), ("R2", "R1"),
                                           ("O3", "O1"), ("O3", "O2")])
def test_retold_in_new_words_is_not_recited(now: str, then: str) -> None:
    rec = recitation(TEXTS[now], TEXTS[then])
    assert not rec.recited
    assert rec.ngram_share < 0.2


def test_short_answers_are_not_judged() -> None:
    text = "I shipped the offline mode to every technician eleven days early."
    rec = recitation(text, text)
    assert rec.ngram_share == 1.0 and not rec.recited


def test_recitation_threshold_is_a_setting() -> None:
    strict = StorySettings(recitation_threshold=0.01, recitation_sentence_share=0.01)
    assert recitation(TEXTS["O3"], TEXTS["O1"], strict).recited


# ---- matching ------------------------------------------------------------------------------------------

def profiles(tellings: dict[str, tuple[str, ...]] | None = None) -> list[StoryProfile]:
    tellings = tellings or {}
    return [StoryProfile(i + 1, s["title"], s["facts"], tellings.get(s["key"], ()))
            for i, s in enumerate(HISTORY["stories"])]


def ids() -> dict[str, int]:
    return {s["key"]: i + 1 for i, s in enumerate(HISTORY["stories"])}


@pytest.mark.parametrize(("answer", "story"), [("O1", "offline"), ("U1", "outage"), ("R1", "rewrite"),
                                               ("P1", "priya"), ("C1", "schema"), ("O3", "offline"),
                                               ("U3", "outage"), ("R2", "rewrite")])
def test_first_tellings_match_on_title_and_facts_alone(answer: str, story: str) -> None:
    result = match_story(TEXTS[answer], profiles())
    assert result.linked == ids()[story]
    assert result.ranking[0].facts > 0.5


def test_past_tellings_strengthen_the_match() -> None:
    alone = score_stories(TEXTS["U2"], profiles())[0]
    told = score_stories(TEXTS["U2"], profiles({"outage": (TEXTS["U1"],)}))[0]
    assert alone.story_id == told.story_id == ids()["outage"]
    assert told.words > alone.words and told.score > alone.score


def test_a_story_not_in_the_bank_is_neither_linked_nor_suggested() -> None:
    result = match_story(TEXTS["X1"], profiles())
    assert result.linked is None and result.suggested is None
    assert result.score < StorySettings().match_suggest_score


def test_two_close_stories_give_a_suggestion_not_a_link() -> None:
    twins = [StoryProfile(1, "Payments retry outage", STORIES["outage"]["facts"]),
             StoryProfile(2, "Payments retry outage, the postmortem", STORIES["outage"]["facts"])]
    result = match_story(TEXTS["U1"], twins)
    assert result.linked is None and result.suggested in (1, 2)


def test_no_stories_or_no_words() -> None:
    assert match_story(TEXTS["U1"], []).best is None
    assert match_story("um uh", profiles()).best is None


# ---- coverage and variety ------------------------------------------------------------------------------

@dataclass
class FakeStory:
    id: int
    title: str
    categories: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    must_have: tuple[str, ...] = ()
    non_work: bool = False


@dataclass
class FakeAttempt:
    story_id: int | None
    overall: float | None


def test_empty_bank_names_every_gap_once() -> None:
    cov = compute_coverage([], [])
    assert all(i.status == "missing" for i in cov.items())
    assert len(cov.categories) == len(CATEGORIES) and len(cov.principles) == len(PRINCIPLES)
    assert len(cov.must_have) == len(MUST_HAVE)
    assert "No failure story yet: you are not ready for 'Tell me about a time you failed'" in cov.gaps
    assert len(cov.gaps) == len(set(cov.gaps))
    # failure and mentoring are both a category and a must-have: named once each
    assert sum("No failure story" in g for g in cov.gaps) == 1
    assert len(cov.gaps) == len(CATEGORIES) + len(MUST_HAVE) + len(PRINCIPLES) - 2


def test_statuses_best_and_latest() -> None:
    stories = [FakeStory(1, "Outage", ("failure",), ("ownership",), ("failure",)),
               FakeStory(2, "Launch", ("launch",), ("deliver_results",), ("achievement",)),
               FakeStory(3, "Priya", ("mentoring",), (), ("mentoring",))]
    attempts = [FakeAttempt(1, 55), FakeAttempt(2, 81), FakeAttempt(1, 62), FakeAttempt(None, 99),
                FakeAttempt(1, None)]
    cov = compute_coverage(stories, attempts)
    cats = {i.id: i for i in cov.categories}
    assert (cats["failure"].status, cats["failure"].attempts, cats["failure"].best, cats["failure"].latest) == (
        "practised", 3, 62, None)
    assert cats["launch"].status == "polished" and cats["launch"].best == 81
    assert cats["mentoring"].status == "unpractised" and cats["mentoring"].stories == [(3, "Priya")]
    assert cats["simplification"].status == "missing"
    must = {i.id: i for i in cov.must_have}
    assert "Must-have story 'most instructive failure' is practised but not polished yet (best 62, target 70)" \
        in cov.gaps
    assert must["achievement"].covered
    assert "Your mentoring story 'Priya' is not practised yet: tell it before you meet " \
           "'Tell me about someone you mentored to success'" in cov.gaps
    assert not any("Launch" in g for g in cov.gaps)
    data = cov.to_json()
    assert data["categories"][0] == {"id": "launch", "name": "a major launch owned end to end",
                                     "status": "polished", "stories": [{"id": 2, "title": "Launch"}],
                                     "attempts": 1, "best": 81, "latest": 81}


def test_gap_categories_for_selection() -> None:
    stories = [FakeStory(1, "Outage", ("failure",), (), ("failure",))]
    cov = compute_coverage(stories, [FakeAttempt(1, 90)])
    gaps = gap_categories(cov)
    assert "failure" not in gaps
    assert set(gaps) == set(CATEGORIES) - {"failure"}
    assert gaps == [c for c in CATEGORIES if c in gaps]  # in the fixed category order
    assert set(MUST_HAVE_CATEGORY.values()) <= set(CATEGORIES)
    weak = compute_coverage(stories, [FakeAttempt(1, 40)])
    assert "failure" in gap_categories(weak)  # practised but not polished: keep asking


def test_variety_notes() -> None:
    work = [FakeStory(i, f"s{i}") for i in range(1, 6)]
    notes = variety_notes(work)
    assert notes == ["All 5 of your stories are work stories: add one or two non-work stories "
                     "(a side project, volunteering, a personal challenge) for variety"]
    mixed = [*work[:4], FakeStory(9, "Marathon training plan", non_work=True)]
    assert variety_notes(mixed) == []
    assert variety_notes(work[:2]) == ["You have 2 stories; a senior set holds 5-7 polished stories"]
    assert "You have 9 stories" in variety_notes([*work, *work[:4]])[-1]
    assert variety_notes([]) == ["You have 0 stories; a senior set holds 5-7 polished stories"]

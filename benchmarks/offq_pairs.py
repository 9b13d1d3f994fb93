"""The question/answer pairs bench_off_question.py measures off_question on, by written-down rules.

Answers are corpus ids; questions are corpus ids (that answer's own question, judged from its text alone, as
`score --question` would) or bank keys "bank/id" (judged with the bank's category). Every answer list was
built from the corpus categories and tags, then read: answers that partly answer the question are left out
(`EXCLUDED` says which and why).
"""

from __future__ import annotations


def ids(s: str) -> list[str]:
    return [f"dev-{int(x):02d}" for x in s.split()]


ALL = [f"dev-{i:02d}" for i in range(1, 55)]
NON_WORK = ids("09 13 21 28 30 33 47 48 50")
"""The corpus answers tagged `non_work`."""

MISMATCH_RULES: dict[str, tuple[list[str], list[str]]] = {
    # A work story for an outside-work question: every answer without the non_work tag.
    "work_for_outside": ([a for a in ALL if a not in NON_WORK], ["general/outside-01", "general/outside-02"]),
    # An outside-work story for a question that names the workplace: the non_work answers with the bank
    # question that says "at work" (none is an ethical dilemma at work), and the non_work mistake story with
    # the corpus question "a mistake you made at work".
    "outside_for_work": (NON_WORK, ["general/ethics-01"]),
    "outside_for_work_2": (ids("30"), ["dev-44"]),
    # A success story for a failure question: answers whose own question asks for no setback and whose story
    # has no failure of the speaker's effort, with questions asking for the speaker's own failure.
    "success_for_failure": (ids("01 03 04 06 07 08 09 11 12 13 14 15 16 17 18 21 22 23 27 28 29 31 33 35 36 37 40 "
                                "41 42 43 47 48 50 51"),
                            ["dev-05", "dev-10", "dev-19", "dev-44", "core/failure-01", "must_have/lesson-01",
                             "must_have/lesson-03"]),
    # A failure story for a success question: stories where the speaker's own effort failed, with questions
    # asking for a success ("something you launched that you're proud of", the biggest achievement).
    "failure_for_success": (ids("05 10 19 20 24 25 30 34 38 39 44 45 46 52 53"),
                            ["dev-13", "must_have/achievement-01", "must_have/achievement-02",
                             "must_have/achievement-05"]),
    # A story with no disagreement with anyone, for a conflict question.
    "solo_for_conflict": (ids("05 06 07 08 09 13 14 15 16 17 20 22 24 28 29 30 33 37 39 40 41 43 44 45 47 48 50 52 "
                              "53"),
                          ["dev-02", "dev-21", "dev-27", "dev-36", "core/conflict-01", "must_have/crossfn-01"]),
    # A disagreement with leadership, for a peer-conflict question.
    "leadership_for_peer": (ids("03 26 42"),
                            ["dev-02", "dev-21", "dev-27", "dev-36", "core/conflict-01", "must_have/crossfn-01"]),
    # No disagreement with anyone above the speaker (a peer conflict, or none), for a disagree-with-leadership
    # question.
    "not_leadership_for_leadership": (
        ids("01 02 04 05 06 07 08 09 10 11 13 14 15 16 17 18 19 20 21 22 24 25 27 28 29 30 31 32 33 35 36 37 38 39 "
            "40 41 43 44 45 47 48 49 50 51 53"),
        ["dev-03", "dev-26", "core/disagree-01", "amazon_principles/backbone-05"]),
    # The speaker develops nobody, for a mentoring question.
    "no_mentee_for_mentoring": ([a for a in ALL if a not in ids("07 25 28 32 33 48 54")],
                                ["dev-07", "dev-33", "dev-48", "core/mentoring-01", "must_have/develop-01"]),
}
"""Rule -> (answers, questions they do not answer): every combination is a mismatched pair."""

EXCLUDED = {
    "success_for_failure": "02 05 10 19 20 24 25 26 30 32 34 38 39 44 45 46 49 52 53 54: a setback of their own, a "
                           "self-admitted delay (32), a trust repair after an unstated lapse (49), poor results at "
                           "the start that the story answers (54)",
    "failure_for_success": "26 (overruled but right), 32 and 54 (a late or received criticism that ends well)",
    "solo_for_conflict": "every answer with a disagreement as a thread: 01 02 03 04 10 11 12 18 19 21 23 25 26 27 "
                         "31 32 34 35 36 38 42 46 49 51 54",
    "not_leadership_for_leadership": "03 26 42 (own), 12 (escalated to the CTO), 23 (producer and studio head), 34 "
                                     "(the VP's date), 46 (the GM), 52 (the board's target), 54 (the principal)",
    "no_mentee_for_mentoring": "07 33 48 (own), 25 (coached a report before letting him go), 28 (taught the "
                               "coordinator to run it), 32 (feedback that grew a report), 54 (a teacher's class)",
}
"""Answers left out of a rule because they partly answer its questions."""

BANK_CATEGORIES = ("launch", "disagree_leadership", "failure", "mentoring", "peer_conflict",
                   "incomplete_information", "simplification")
"""Bank test: every bank question of these categories with every corpus answer of the same category (these
answers do answer them: any flag is a false alarm)."""

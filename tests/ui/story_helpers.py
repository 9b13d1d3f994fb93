"""A story bank with practice, for the story screens' tests: the stories of tests/fixtures/stories/history.json
and answers from the saved UI reports, linked to them as the user confirmed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import fixture_report
from ui_helpers import FIXED_DATES

from mockinterview.session.answer import save_scored_answer
from mockinterview.storage.store import Store
from mockinterview.storage.stories import add_story, confirm_link
from mockinterview.types import Question

HISTORY = Path(__file__).parents[1] / "fixtures" / "stories" / "history.json"

PRACTICE = [
    ("offline", "weak-report.json"), ("outage", "story-report.json"), ("rewrite", "story-report.json"),
    ("priya", "weak-report.json"), ("offline", "story-report.json"), ("rewrite", "weak-report.json"),
]
"""(story key, saved report) of each practised answer, oldest first: the launch and the disagreement are
polished (best 79), mentoring is practised but not polished (33), the schema conflict and the queue decision
are not practised yet, and no story simplifies anything."""

CATEGORY_OF = {"offline": "launch", "outage": "failure", "rewrite": "disagree_leadership", "priya": "mentoring"}


def history_stories() -> list[dict]:
    return json.loads(HISTORY.read_text())["stories"]


def add_history_stories(store: Store) -> dict[str, int]:
    """The six stories of the history fixture (all from work); returns their ids by key."""
    return {s["key"]: add_story(store, s["title"], s["facts"], categories=s["categories"],
                                principles=s["principles"], must_have=s["must_have"], non_work=s["non_work"])
            for s in history_stories()}


def fill_story_bank(store: Store) -> dict[str, int]:
    """The six stories and six practised answers linked to them (fixed dates); returns the story ids."""
    ids = add_history_stories(store)
    sessions = []
    for n, (key, report) in enumerate(PRACTICE):
        if n % 2 == 0:
            sessions.append(store.start_session("practice", seed=7, bank="core"))
        question = Question(f"{key}-{n}", f"Tell me about your {key} story.", CATEGORY_OF[key], "core")
        _, answer_id = save_scored_answer(store, fixture_report(report), question=question,
                                          session_id=sessions[-1], mode="practice")
        confirm_link(store, answer_id, ids[key])
    for sid in sessions:
        store.end_session(sid)
    with sqlite3.connect(store.path) as conn:
        for sid, date in zip(sessions, FIXED_DATES, strict=True):
            conn.execute("UPDATE sessions SET started_at = ?, ended_at = ? WHERE id = ?", (date, date, sid))
    return ids

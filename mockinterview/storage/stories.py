"""The story bank in the store: the user's stories and the link from each answer to the story it told.

Functions here take an open `Store` and use its connection under its lock, each write one short
transaction (migration m007_stories made the tables). An answer's link has three states:

- confirmed: the user chose the story (`story_confirmed = 1`; a confirmed link to no story means "no story"),
- automatic: the matcher was confident enough to link it (`story_confirmed = 0`, `story_match` its score),
- suggested: the matcher's best guess, not counted as practice until confirmed (`story_suggested_id`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mockinterview.errors import UserError
from mockinterview.report import AnswerReport
from mockinterview.storage.db import is_row_id, transaction
from mockinterview.storage.store import Store


class StoryNotFound(UserError):
    """No story or answer with the id the user gave."""


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """One story of the user's bank, with its tags (category, principle and must-have ids from types.py)."""

    id: int
    title: str
    facts: str
    categories: tuple[str, ...]
    principles: tuple[str, ...]
    must_have: tuple[str, ...]
    non_work: bool
    created_at: str
    updated_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "facts": self.facts, "categories": list(self.categories),
            "principles": list(self.principles), "must_have": list(self.must_have), "non_work": self.non_work,
            "created_at": self.created_at, "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class StoryAttempt:
    """A complete answer with its story link, the text told and its scores."""

    answer_id: int
    session_id: int
    question: str
    category: str | None
    started_at: str
    story_id: int | None
    confirmed: bool
    match: float | None
    suggested_id: int | None
    overall: float | None
    text: str

    @property
    def linked(self) -> bool:
        """True when the answer counts as practice of `story_id` (confirmed or linked automatically)."""
        return self.story_id is not None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _tags(raw: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _dump(tags: Iterable[str]) -> str:
    return json.dumps(list(dict.fromkeys(tags)))


_STORY_SQL = ("SELECT id, title, facts, categories, principles, must_have, non_work, created_at, updated_at"
              " FROM stories")


def _story(row: tuple[Any, ...]) -> StoryRecord:
    sid, title, facts, cats, prins, must, non_work, created, updated = row
    return StoryRecord(sid, title, facts, _tags(cats), _tags(prins), _tags(must), bool(non_work), created, updated)


# ---- stories ----------------------------------------------------------------------------------------

def add_story(store: Store, title: str, facts: str = "", *, categories: Iterable[str] = (),
              principles: Iterable[str] = (), must_have: Iterable[str] = (), non_work: bool = False) -> int:
    """Save a new story; returns its id. Tags are stored as given (the caller checks them)."""
    now = _now()
    with store.using("saving a story") as conn, transaction(conn) as c:
        cur = c.execute(
            "INSERT INTO stories (title, facts, categories, principles, must_have, non_work, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (title, facts, _dump(categories), _dump(principles), _dump(must_have), int(non_work), now, now),
        )
    return int(cur.lastrowid or 0)


def get_story(store: Store, story_id: int) -> StoryRecord:
    with store.using("reading a story") as conn:
        row = conn.execute(_STORY_SQL + " WHERE id = ?", (story_id,)).fetchone() if is_row_id(story_id) else None
    if row is None:
        raise StoryNotFound(f"no story {story_id}; `mockinterview stories list` shows them")
    return _story(row)


def list_stories(store: Store) -> list[StoryRecord]:
    """Every story, oldest first."""
    with store.using("listing stories") as conn:
        return [_story(r) for r in conn.execute(_STORY_SQL + " ORDER BY id")]


def update_story(store: Store, story_id: int, *, title: str | None = None, facts: str | None = None,
                 categories: Iterable[str] | None = None, principles: Iterable[str] | None = None,
                 must_have: Iterable[str] | None = None, non_work: bool | None = None) -> StoryRecord:
    """Change the given fields of a story (None leaves a field as it is); returns the story as saved."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = title
    if facts is not None:
        changes["facts"] = facts
    for name, tags in (("categories", categories), ("principles", principles), ("must_have", must_have)):
        if tags is not None:
            changes[name] = _dump(tags)
    if non_work is not None:
        changes["non_work"] = int(non_work)
    get_story(store, story_id)
    if changes:
        changes["updated_at"] = _now()
        assignments = ", ".join(f"{k} = ?" for k in changes)
        with store.using("saving a story") as conn, transaction(conn) as c:
            c.execute(f"UPDATE stories SET {assignments} WHERE id = ?", (*changes.values(), story_id))
    return get_story(store, story_id)


def remove_story(store: Store, story_id: int) -> StoryRecord:
    """Delete a story; answers linked to it (or suggesting it) become unlinked. Returns what was removed."""
    story = get_story(store, story_id)
    with store.using("removing a story") as conn, transaction(conn) as c:
        c.execute("UPDATE answers SET story_id = NULL, story_confirmed = 0, story_match = NULL"
                  " WHERE story_id = ?", (story_id,))
        c.execute("UPDATE answers SET story_suggested_id = NULL WHERE story_suggested_id = ?", (story_id,))
        c.execute("DELETE FROM stories WHERE id = ?", (story_id,))
    return story


# ---- links ------------------------------------------------------------------------------------------

def _check_answer(conn: sqlite3.Connection, answer_id: int) -> None:
    if not is_row_id(answer_id) or conn.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone() is None:
        raise StoryNotFound(f"no answer {answer_id}; `mockinterview sessions` lists the answers")


def confirm_link(store: Store, answer_id: int, story_id: int | None) -> None:
    """The user's choice: `answer_id` told `story_id` (None: it told none of the stories)."""
    if story_id is not None:
        get_story(store, story_id)
    with store.using("linking an answer to a story") as conn:
        _check_answer(conn, answer_id)
        with transaction(conn) as c:
            c.execute("UPDATE answers SET story_id = ?, story_confirmed = 1, story_suggested_id = NULL"
                      " WHERE id = ?", (story_id, answer_id))


def record_match(store: Store, answer_id: int, *, linked: int | None, suggested: int | None,
                 score: float | None) -> bool:
    """Save the matcher's verdict on an answer; a confirmed link is never overwritten (returns False then)."""
    with store.using("linking an answer to a story") as conn:
        _check_answer(conn, answer_id)
        with transaction(conn) as c:
            cur = c.execute(
                "UPDATE answers SET story_id = ?, story_match = ?, story_suggested_id = ?"
                " WHERE id = ? AND story_confirmed = 0", (linked, score, suggested, answer_id))
    return cur.rowcount > 0


_ATTEMPT_SQL = (
    "SELECT a.id, q.session_id, q.text, q.category, a.started_at, a.story_id, a.story_confirmed, a.story_match,"
    " a.story_suggested_id, a.overall, a.report_json FROM answers a JOIN questions q ON q.id = a.question_id"
)


def _answer_text(conn: sqlite3.Connection, answer_id: int, report_json: str | None) -> str:
    """The transcript from the saved report, else the answer's words joined."""
    if report_json:
        with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):  # unreadable: use the words
            transcript = AnswerReport.from_json(json.loads(report_json), words=[]).transcript
            if transcript:
                return transcript
    return " ".join(r[0].strip() for r in conn.execute(
        "SELECT text FROM words WHERE answer_id = ? ORDER BY seq", (answer_id,)))


def _attempt(conn: sqlite3.Connection, row: tuple[Any, ...]) -> StoryAttempt:
    aid, sid, question, category, started, story, confirmed, match, suggested, overall, report_json = row
    return StoryAttempt(aid, sid, question, category, started, story, bool(confirmed), match, suggested,
                        overall, _answer_text(conn, aid, report_json))


def get_attempt(store: Store, answer_id: int) -> StoryAttempt:
    """One answer with its link and text (whatever its status)."""
    with store.using("reading an answer") as conn:
        row = conn.execute(_ATTEMPT_SQL + " WHERE a.id = ?", (answer_id,)).fetchone() if is_row_id(answer_id) else None
        if row is None:
            raise StoryNotFound(f"no answer {answer_id}; `mockinterview sessions` lists the answers")
        return _attempt(conn, row)


def story_attempts(store: Store, story_id: int | None = None, *, linked_only: bool = True) -> list[StoryAttempt]:
    """Complete answers in the order they were given: those linked to `story_id` (any story when None);
    with `linked_only=False` and no story, every complete answer."""
    where = ["a.status = 'complete'"]
    args: list[Any] = []
    if story_id is not None:
        where.append("a.story_id = ?")
        args.append(story_id)
    elif linked_only:
        where.append("a.story_id IS NOT NULL")
    with store.using("reading the story practice") as conn:
        rows = conn.execute(_ATTEMPT_SQL + " WHERE " + " AND ".join(where) + " ORDER BY a.id", args).fetchall()
        return [_attempt(conn, r) for r in rows]

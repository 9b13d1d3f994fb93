"""Stories and answer links in the real SQLite store (migration m007_stories)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import text_report

from mockinterview.errors import StoreError
from mockinterview.session.answer import save_scored_answer
from mockinterview.storage import migrations
from mockinterview.storage.db import StoreSettings, connect
from mockinterview.storage.migrations import MIGRATIONS, migrate
from mockinterview.storage.store import Store, open_store
from mockinterview.storage.stories import (
    StoryNotFound,
    add_story,
    confirm_link,
    get_attempt,
    get_story,
    list_stories,
    record_match,
    remove_story,
    story_attempts,
    update_story,
)
from mockinterview.types import Question, Word

ANSWER = ("I owned the offline mode launch for our technician app. I chose SQLite with a write-ahead queue "
          "and rolled it out to 5% of technicians first. We reached all 4,000 technicians eleven days early.")


def save_answer(store: Store, text: str = ANSWER, category: str = "launch", session_id: int | None = None) -> int:
    question = Question("launch-01", "Tell me about a launch.", category, "core")
    return save_scored_answer(store, text_report(text), question=question, session_id=session_id)[1]


def test_add_get_and_list_keep_every_field(store: Store) -> None:
    sid = add_story(store, "Offline mode launch", "4,000 technicians, 5% rollout", categories=["launch"],
                    principles=["deliver_results", "customer_obsession"], must_have=["achievement"])
    other = add_story(store, "Food bank rota", non_work=True)
    story = get_story(store, sid)
    assert (story.title, story.facts, story.categories, story.principles, story.must_have, story.non_work) == (
        "Offline mode launch", "4,000 technicians, 5% rollout", ("launch",),
        ("deliver_results", "customer_obsession"), ("achievement",), False)
    assert story.created_at == story.updated_at and story.created_at.startswith("20")
    assert [s.id for s in list_stories(store)] == [sid, other]
    assert get_story(store, other).non_work
    assert story.to_json()["categories"] == ["launch"]


def test_update_changes_only_what_is_given(store: Store) -> None:
    sid = add_story(store, "Old title", "facts", categories=["launch"], principles=["ownership"])
    story = update_story(store, sid, title="New title", categories=["launch", "simplification"])
    assert story.title == "New title" and story.facts == "facts"
    assert story.categories == ("launch", "simplification") and story.principles == ("ownership",)
    assert update_story(store, sid, non_work=True).non_work
    assert update_story(store, sid, principles=[]).principles == ()
    assert update_story(store, sid) == get_story(store, sid)


def test_unknown_ids_are_user_errors(store: Store) -> None:
    with pytest.raises(StoryNotFound, match="no story 7"):
        get_story(store, 7)
    with pytest.raises(StoryNotFound):
        update_story(store, 7, title="x")
    with pytest.raises(StoryNotFound):
        remove_story(store, 7)
    sid = add_story(store, "A story")
    with pytest.raises(StoryNotFound, match="no answer 99"):
        confirm_link(store, 99, sid)
    with pytest.raises(StoryNotFound):
        get_attempt(store, 99)


def test_links_automatic_suggested_and_confirmed(store: Store) -> None:
    a = add_story(store, "Offline mode launch")
    b = add_story(store, "Payments outage")
    answer = save_answer(store)
    attempt = get_attempt(store, answer)
    assert attempt.story_id is None and not attempt.confirmed and attempt.text.startswith("I owned the offline")
    assert attempt.category == "launch" and attempt.overall is not None

    assert record_match(store, answer, linked=a, suggested=None, score=0.61)
    attempt = get_attempt(store, answer)
    assert (attempt.story_id, attempt.confirmed, attempt.match) == (a, False, 0.61)

    assert record_match(store, answer, linked=None, suggested=b, score=0.2)
    attempt = get_attempt(store, answer)
    assert (attempt.story_id, attempt.suggested_id) == (None, b)

    confirm_link(store, answer, a)
    assert not record_match(store, answer, linked=b, suggested=None, score=0.9)  # the user's choice stays
    attempt = get_attempt(store, answer)
    assert (attempt.story_id, attempt.confirmed, attempt.suggested_id) == (a, True, None)

    confirm_link(store, answer, None)  # "it told none of my stories"
    attempt = get_attempt(store, answer)
    assert attempt.story_id is None and attempt.confirmed


def test_attempts_are_complete_linked_answers_in_order(store: Store) -> None:
    a = add_story(store, "Offline mode launch")
    first, second, unlinked = save_answer(store), save_answer(store), save_answer(store)
    for answer in (second, first):
        confirm_link(store, answer, a)
    assert [x.answer_id for x in story_attempts(store, a)] == [first, second]
    assert [x.answer_id for x in story_attempts(store)] == [first, second]
    assert [x.answer_id for x in story_attempts(store, linked_only=False)] == [first, second, unlinked]
    session = store.start_session("practice")
    q = store.add_question(session, "Tell me about a launch.")
    open_answer = store.begin_answer(q).answer_id  # still recording: not practice yet
    confirm_link(store, open_answer, a)
    assert open_answer not in [x.answer_id for x in story_attempts(store, a)]


def test_remove_story_unlinks_its_answers_and_keeps_them(store: Store) -> None:
    a = add_story(store, "Offline mode launch")
    b = add_story(store, "Payments outage")
    linked, suggested = save_answer(store), save_answer(store)
    confirm_link(store, linked, a)
    record_match(store, suggested, linked=None, suggested=a, score=0.2)
    removed = remove_story(store, a)
    assert removed.title == "Offline mode launch"
    assert [s.id for s in list_stories(store)] == [b]
    assert get_attempt(store, linked).story_id is None
    assert get_attempt(store, suggested).suggested_id is None
    assert store.get_answer(linked).status == "complete"


def test_answer_text_falls_back_to_words(store: Store) -> None:
    session = store.start_session("practice")
    handle = store.begin_answer(store.add_question(session, "Q"))
    store.append_words(handle.answer_id, [Word("We", 0.0, 0.2), Word("shipped.", 0.3, 0.6)])
    store.finish_answer(handle.answer_id, None)
    assert get_attempt(store, handle.answer_id).text == "We shipped."


def test_closed_store_is_a_store_error(tmp_path: Path) -> None:
    s = open_store(tmp_path / "c")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        list_stories(s)


def test_migration_adds_stories_to_an_older_database_keeping_answers(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    conn = connect(tmp_path / "old.db", StoreSettings())
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:6])
    migrate(conn)
    conn.execute("INSERT INTO sessions (started_at, mode) VALUES ('t', 'practice')")
    conn.execute("INSERT INTO questions (session_id, position, kind, text, asked_at) VALUES (1, 1, 'main', 'Q', 't')")
    conn.execute("INSERT INTO answers (question_id, status, started_at, overall) VALUES (1, 'complete', 't', 71)")
    monkeypatch.undo()
    assert "m007_stories" in migrate(conn)
    row = conn.execute("SELECT overall, story_id, story_confirmed, story_match, story_suggested_id FROM answers"
                       ).fetchone()
    assert row == (71, None, 0, None, None)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(stories)")]
    assert cols == ["id", "title", "facts", "categories", "principles", "must_have", "non_work", "created_at",
                    "updated_at"]
    with pytest.raises(sqlite3.IntegrityError):  # links point at real stories
        conn.execute("UPDATE answers SET story_id = 42")

"""Named migrations: from an empty database, from an older schema, atomic, recorded in order."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from mockinterview.storage import migrations
from mockinterview.storage.db import StoreSettings, connect
from mockinterview.storage.migrations import MIGRATIONS, applied, migrate, pending
from mockinterview.storage.store import open_store

EXPECTED_TABLES = {"_migrations", "sessions", "questions", "answers", "words", "scores", "stories"}


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def test_names_are_unique_numbered_and_in_order() -> None:
    names = [fn.__name__ for fn in MIGRATIONS]
    assert len(names) == len(set(names))
    numbers = [int(re.match(r"m(\d{3})_\w+$", n).group(1)) for n in names]  # type: ignore[union-attr]
    assert numbers == sorted(numbers) and numbers[0] == 1


def test_empty_database_gets_every_migration_in_order(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db", StoreSettings())
    assert tables(conn) == set()
    ran = migrate(conn)
    assert ran == [fn.__name__ for fn in MIGRATIONS]
    assert applied(conn) == ran
    assert tables(conn) == EXPECTED_TABLES
    assert pending(conn) == []
    assert migrate(conn) == []  # nothing twice
    stamps = [r[0] for r in conn.execute("SELECT applied_at FROM _migrations")]
    assert all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", s) for s in stamps)
    assert "report_json" in columns(conn, "answers") and "recording_path" in columns(conn, "answers")
    assert columns(conn, "words") == ["answer_id", "seq", "text", "start", "end", "probability", "filler"]


def test_open_store_on_an_empty_dir_and_on_an_empty_file(tmp_path: Path) -> None:
    with open_store(tmp_path / "fresh") as store:
        assert applied(store.conn) == [fn.__name__ for fn in MIGRATIONS]
    home = tmp_path / "zero"
    home.mkdir()
    (home / "sessions.db").write_bytes(b"")  # e.g. created by a process killed before its first write
    with open_store(home) as store:
        assert tables(store.conn) == EXPECTED_TABLES


def test_older_schema_is_brought_up_to_date_keeping_its_data(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    conn = connect(path, StoreSettings())
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:2])  # an older release knew two migrations
    assert migrate(conn) == ["m001_sessions", "m002_questions"]
    conn.execute("INSERT INTO sessions (started_at, mode) VALUES ('2025-01-01T00:00:00+00:00', 'practice')")
    conn.execute("INSERT INTO questions (session_id, position, kind, text, asked_at)"
                 " VALUES (1, 1, 'main', 'Tell me about a failure.', 'x')")
    monkeypatch.undo()
    ran = migrate(conn)
    assert ran == [fn.__name__ for fn in MIGRATIONS[2:]]
    assert conn.execute("SELECT text FROM questions").fetchone()[0] == "Tell me about a failure."
    assert tables(conn) == EXPECTED_TABLES


def test_a_failing_migration_changes_nothing_and_is_not_recorded(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    conn = connect(tmp_path / "f.db", StoreSettings())
    migrate(conn)

    def m999_broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x INTEGER)")
        c.execute("INSERT INTO half_done VALUES (1)")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, m999_broken])
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn)
    assert "half_done" not in tables(conn)
    assert "m999_broken" not in applied(conn)
    assert pending(conn) == ["m999_broken"]


def test_two_processes_migrating_at_once_apply_each_migration_once(tmp_path: Path) -> None:
    a = connect(tmp_path / "race.db", StoreSettings())
    b = connect(tmp_path / "race.db", StoreSettings())
    assert migrate(a)
    assert migrate(b) == []
    assert applied(b) == [fn.__name__ for fn in MIGRATIONS]


def test_a_newer_database_with_unknown_migrations_still_opens(tmp_path: Path) -> None:
    with open_store(tmp_path / "h") as store:
        store.conn.execute("INSERT INTO _migrations VALUES ('m900_from_the_future', 'x')")
    with open_store(tmp_path / "h") as store:
        assert "m900_from_the_future" in applied(store.conn)
        assert store.list_sessions() == []


def test_word_stats_migration_backfills_existing_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = connect(tmp_path / "w.db", StoreSettings())
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:5])
    migrate(conn)
    conn.execute("INSERT INTO sessions (started_at, mode) VALUES ('t', 'practice')")
    conn.execute("INSERT INTO questions (session_id, position, kind, text, asked_at) VALUES (1, 1, 'main', 'Q', 't')")
    conn.execute("INSERT INTO answers (question_id, started_at) VALUES (1, 't')")
    conn.executemany('INSERT INTO words (answer_id, seq, text, start, "end") VALUES (1, ?, ?, ?, ?)',
                     [(0, "I", 0.5, 0.6), (1, "did", 0.7, 0.9), (2, "it.", 1.0, 1.4)])
    monkeypatch.undo()
    assert migrate(conn)[0] == "m006_answer_word_stats"
    assert conn.execute("SELECT word_count, first_word_start, last_word_end FROM answers").fetchone() == (3, 0.5, 1.4)

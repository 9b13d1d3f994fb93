"""Named schema migrations, applied in order and recorded in the `_migrations` table.

Each migration is a function named `mNNN_what_it_does(conn)`. It runs in the same transaction as the row
that records it, so a crash or a full disk leaves the database either before or after a migration, never
half-way. Never edit or reorder a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from mockinterview.storage.db import transaction

Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    """Register `fn` as the next migration (its name is its identity in `_migrations`)."""
    MIGRATIONS.append(fn)
    return fn


def ensure_migrations_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the applied migrations, in the order they were applied."""
    ensure_migrations_table(conn)
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def pending(conn: sqlite3.Connection) -> list[str]:
    done = set(applied(conn))
    return [fn.__name__ for fn in MIGRATIONS if fn.__name__ not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded, in order; return the names applied now."""
    if not pending(conn):
        return []
    ran: list[str] = []
    for fn in MIGRATIONS:
        with transaction(conn):
            # re-read inside the write lock: another process may have migrated meanwhile
            if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (fn.__name__,)).fetchone():
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                (fn.__name__, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        ran.append(fn.__name__)
    return ran


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit it)."""
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


@migration
def m001_sessions(conn: sqlite3.Connection) -> None:
    _script(conn, """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            mode TEXT NOT NULL,
            seed INTEGER,
            bank TEXT
        )
    """)


@migration
def m002_questions(conn: sqlite3.Connection) -> None:
    _script(conn, """
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('main', 'followup')),
            parent_id INTEGER REFERENCES questions(id),
            ref TEXT,
            text TEXT NOT NULL,
            category TEXT,
            asked_at TEXT NOT NULL
        );
        CREATE INDEX questions_session ON questions (session_id, position)
    """)


@migration
def m003_answers(conn: sqlite3.Connection) -> None:
    _script(conn, """
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            question_id INTEGER NOT NULL REFERENCES questions(id),
            status TEXT NOT NULL DEFAULT 'recording'
                CHECK (status IN ('recording', 'complete', 'incomplete')),
            started_at TEXT NOT NULL,
            ended_at TEXT,
            owner TEXT,
            incomplete_reason TEXT,
            recording_path TEXT,
            duration_s REAL,
            overall REAL,
            report_json TEXT
        );
        CREATE INDEX answers_question ON answers (question_id);
        CREATE INDEX answers_status ON answers (status)
    """)


@migration
def m004_words(conn: sqlite3.Connection) -> None:
    _script(conn, """
        CREATE TABLE words (
            answer_id INTEGER NOT NULL REFERENCES answers(id),
            seq INTEGER NOT NULL,
            text TEXT NOT NULL,
            start REAL NOT NULL,
            "end" REAL NOT NULL,
            probability REAL NOT NULL DEFAULT 1.0,
            filler INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (answer_id, seq)
        ) WITHOUT ROWID
    """)


@migration
def m005_scores(conn: sqlite3.Connection) -> None:
    _script(conn, """
        CREATE TABLE scores (
            answer_id INTEGER NOT NULL REFERENCES answers(id),
            name TEXT NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (answer_id, name)
        ) WITHOUT ROWID
    """)


@migration
def m006_answer_word_stats(conn: sqlite3.Connection) -> None:
    """Word count and first/last word times kept on the answer, so listings need not scan the words."""
    _script(conn, """
        ALTER TABLE answers ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE answers ADD COLUMN first_word_start REAL;
        ALTER TABLE answers ADD COLUMN last_word_end REAL;
        UPDATE answers SET
            word_count = (SELECT COUNT(*) FROM words w WHERE w.answer_id = answers.id),
            first_word_start = (SELECT MIN(start) FROM words w WHERE w.answer_id = answers.id),
            last_word_end = (SELECT MAX("end") FROM words w WHERE w.answer_id = answers.id)
    """)


@migration
def m007_stories(conn: sqlite3.Connection) -> None:
    """The story bank, and each answer's link to the story it told (automatic, suggested or confirmed)."""
    _script(conn, """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            facts TEXT NOT NULL DEFAULT '',
            categories TEXT NOT NULL DEFAULT '[]',
            principles TEXT NOT NULL DEFAULT '[]',
            must_have TEXT NOT NULL DEFAULT '[]',
            non_work INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        ALTER TABLE answers ADD COLUMN story_id INTEGER REFERENCES stories(id);
        ALTER TABLE answers ADD COLUMN story_confirmed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE answers ADD COLUMN story_match REAL;
        ALTER TABLE answers ADD COLUMN story_suggested_id INTEGER REFERENCES stories(id);
        CREATE INDEX answers_story ON answers (story_id)
    """)

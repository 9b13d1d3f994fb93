"""The session store: sessions, questions asked, answers with their words, reports, scores and recordings.

Every write is one short transaction, so whatever was written before a crash, a Ctrl-C, a full disk or a
lock timeout stays in the database. Failures raise StoreError with one line naming the file and the fix.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from mockinterview.errors import StoreError
from mockinterview.report import AnswerReport
from mockinterview.storage.db import StoreSettings, connect, is_row_id, store_error, transaction
from mockinterview.storage.migrations import migrate
from mockinterview.storage.owner import current_owner, owner_alive
from mockinterview.storage.paths import (
    RECORDINGS_DIR,
    db_path,
    ensure_private_dir,
    is_chosen_home,
    recordings_dir,
    resolve_home,
)
from mockinterview.storage.recordings import recorded_seconds, reserve_recording
from mockinterview.storage.records import (
    AnswerHandle,
    AnswerRecord,
    AnswerStatus,
    AnswerSummary,
    CategoryStats,
    QuestionRecord,
    SessionRecord,
    SessionSummary,
)
from mockinterview.storage.unfinished import INCOMPLETE_CRASHED, recover
from mockinterview.types import Question, QuestionKind, SessionMode, Word

MODES = tuple(m.value for m in SessionMode)
"""Session modes: a practice run, a follow-up drill, or a single scored answer (`score`)."""


P = ParamSpec("P")
R = TypeVar("R")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _guard(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Serialise a Store method and turn SQLite/OS failures into a StoreError naming the database."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            self = args[0]
            assert isinstance(self, Store)
            with self.using(action):
                return fn(*args, **kwargs)

        return inner

    return wrap


class Store:
    """Open with `open_store()`. Thread-safe: the pipeline's threads and the UI may share one Store."""

    def __init__(self, home: Path, conn: sqlite3.Connection, settings: StoreSettings) -> None:
        self.home = home
        self.path = db_path(home)
        self.settings = settings
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()

    # ---- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def using(self, action: str) -> Iterator[sqlite3.Connection]:
        """The connection, for `action`, under the lock that serialises every use of it; SQLite/OS failures
        become a StoreError naming the database and the action."""
        with self._lock:
            if self._conn is None:
                raise StoreError(f"{self.path}: the session store is closed")
            try:
                yield self._conn
            except (sqlite3.Error, OSError) as exc:
                raise store_error(exc, self.path, action) from exc

    @property
    def conn(self) -> sqlite3.Connection:
        assert self._conn is not None
        return self._conn

    def _check_home(self) -> None:
        """A deleted data dir would swallow writes into an unlinked file: refuse loudly instead."""
        if not self.path.exists():
            raise StoreError(
                f"{self.path}: the session database disappeared (data dir deleted while running?); "
                f"restart mockinterview to start a new one"
            )

    # ---- writing ---------------------------------------------------------------------------------

    @_guard("starting a session")
    def start_session(self, mode: str, seed: int | None = None, bank: str | None = None) -> int:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self._check_home()
        with transaction(self.conn) as c:
            cur = c.execute("INSERT INTO sessions (started_at, mode, seed, bank) VALUES (?, ?, ?, ?)",
                            (_now(), mode, seed, bank))
        return int(cur.lastrowid or 0)

    @_guard("ending a session")
    def end_session(self, session_id: int) -> None:
        with transaction(self.conn) as c:
            c.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (_now(), session_id))

    @_guard("saving a question")
    def add_question(self, session_id: int, question: Question | str, kind: str = QuestionKind.MAIN,
                     parent: int | None = None, category: str | None = None) -> int:
        """Record a question asked in the session; `parent` is the question a follow-up follows."""
        if kind not in tuple(k.value for k in QuestionKind):
            raise ValueError(f"kind must be 'main' or 'followup', not {kind!r}")
        if isinstance(question, Question):
            text, ref = question.text, f"{question.bank}/{question.id}" if question.bank else question.id
            category = category or question.category
        else:
            text, ref = question, None
        with transaction(self.conn) as c:
            position = c.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM questions WHERE session_id = ?",
                                 (session_id,)).fetchone()[0]
            cur = c.execute(
                "INSERT INTO questions (session_id, position, kind, parent_id, ref, text, category, asked_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, position, kind, parent, ref, text, category, _now()),
            )
        return int(cur.lastrowid or 0)

    @_guard("starting an answer")
    def begin_answer(self, question_id: int, *, record: bool = True) -> AnswerHandle:
        """Open an answer (status "recording", owned by this process) and, if `record`, create its recording
        file: a new, empty file whose name no other file had (`reserve_recording`)."""
        self._check_home()
        row = self.conn.execute("SELECT session_id FROM questions WHERE id = ?", (question_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no question {question_id} to answer")
        folder = Path(RECORDINGS_DIR) / str(row[0])
        if record:
            ensure_private_dir(self.home / folder, what="recordings dir")  # before the row: no orphan on failure
        started = _now()
        path = None
        with transaction(self.conn) as c:
            cur = c.execute("INSERT INTO answers (question_id, status, started_at, owner) VALUES (?, ?, ?, ?)",
                            (question_id, "recording", started, current_owner()))
            answer_id = int(cur.lastrowid or 0)
            if record:
                path = reserve_recording(self.home / folder, str(answer_id))  # rolled back with the row on error
                try:
                    c.execute("UPDATE answers SET recording_path = ? WHERE id = ?",
                              (path.relative_to(self.home).as_posix(), answer_id))
                except BaseException:
                    path.unlink(missing_ok=True)
                    raise
        return AnswerHandle(answer_id, question_id, path, started)

    @_guard("saving words")
    def append_words(self, answer_id: int, words: Iterable[Word]) -> None:
        """Save newly committed words of an open answer, in one transaction."""
        words = list(words)
        if not words:
            return
        with transaction(self.conn) as c:
            seq = c.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM words WHERE answer_id = ?",
                            (answer_id,)).fetchone()[0]
            c.executemany(
                'INSERT INTO words (answer_id, seq, text, start, "end", probability, filler)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(answer_id, seq + i, w.text, w.start, w.end, w.probability, int(w.filler))
                 for i, w in enumerate(words)],
            )
            c.execute(
                "UPDATE answers SET word_count = word_count + ?,"
                " first_word_start = MIN(COALESCE(first_word_start, ?), ?),"
                " last_word_end = MAX(COALESCE(last_word_end, ?), ?) WHERE id = ?",
                (len(words), words[0].start, words[0].start, words[-1].end, words[-1].end, answer_id),
            )

    @_guard("saving the answer's report")
    def finish_answer(self, answer_id: int, report: AnswerReport | None, *, complete: bool = True,
                      reason: str | None = None) -> None:
        """Close an answer with its report; `complete=False` keeps it "incomplete" (e.g. the mic died).

        The report's words (fillers marked, recovered hesitations inserted) replace the committed ones.
        """
        status = AnswerStatus.COMPLETE if complete else AnswerStatus.INCOMPLETE
        with transaction(self.conn) as c:
            report_json = overall = duration = None
            scores: dict[str, int] = {}
            if report is not None:
                data = report.to_json()
                # the words live in the words table (read back into the report), not twice on disk
                report_json = json.dumps({k: v for k, v in data.items() if k != "words"})
                scores = dict(report.scores)
                overall = report.overall
                duration = data["duration_s"]
                if report.delivery.words:
                    c.execute("DELETE FROM words WHERE answer_id = ?", (answer_id,))
                    c.executemany(
                        'INSERT INTO words (answer_id, seq, text, start, "end", probability, filler)'
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(answer_id, i, w.text, w.start, w.end, w.probability, int(w.filler))
                         for i, w in enumerate(report.delivery.words)],
                    )
                    ws = report.delivery.words
                    c.execute("UPDATE answers SET word_count = ?, first_word_start = ?, last_word_end = ?"
                              " WHERE id = ?", (len(ws), min(w.start for w in ws), max(w.end for w in ws),
                                                answer_id))
            c.execute(
                "UPDATE answers SET status = ?, ended_at = ?, incomplete_reason = ?, report_json = ?,"
                " overall = ?, duration_s = COALESCE(?, MAX(0, last_word_end - first_word_start)) WHERE id = ?",
                (status, _now(), None if complete else (reason or "not finished"), report_json, overall,
                 duration, answer_id),
            )
            c.executemany("INSERT OR REPLACE INTO scores (answer_id, name, value) VALUES (?, ?, ?)",
                          [(answer_id, k, float(v)) for k, v in scores.items()])

    @_guard("marking an answer incomplete")
    def mark_incomplete(self, answer_id: int, reason: str, *, recorded_s: float | None = None,
                        again: bool = False) -> None:
        """Close an unfinished answer, keeping its words and recording; a complete answer is left alone, and
        so is one already incomplete unless `again` (its reason is then replaced).

        Its length is the longer of its words' span and `recorded_s`, the audio recorded: a transcriber that
        fell behind may have committed only the first seconds of an answer cut off much later.
        """
        with transaction(self.conn) as c:
            c.execute(
                "UPDATE answers SET status = 'incomplete', ended_at = ?, incomplete_reason = ?,"
                " duration_s = COALESCE(duration_s, MAX(COALESCE(last_word_end - first_word_start, 0),"
                " COALESCE(?, 0))) WHERE id = ? AND status IN ('recording', ?)",
                (_now(), reason, recorded_s, answer_id, "incomplete" if again else "recording"),
            )

    # ---- reading ---------------------------------------------------------------------------------

    def _words(self, answer_id: int) -> list[Word]:
        return [Word(t, s, e, p, bool(f)) for t, s, e, p, f in self.conn.execute(
            'SELECT text, start, "end", probability, filler FROM words WHERE answer_id = ? ORDER BY seq',
            (answer_id,))]

    @staticmethod
    def _status(status: str, owner: str | None) -> AnswerStatus:
        if status == AnswerStatus.RECORDING and not owner_alive(owner):
            return AnswerStatus.INCOMPLETE
        return AnswerStatus(status)

    @_guard("listing sessions")
    def list_sessions(self) -> list[SessionSummary]:
        """All sessions, oldest first, with a summary of each answer."""
        answers: dict[int, list[AnswerSummary]] = {}
        for row in self.conn.execute(
            "SELECT q.session_id, a.id, q.id, q.text, q.kind, a.status, a.owner, a.duration_s, a.overall,"
            " a.word_count, a.first_word_start, a.last_word_end, a.recording_path"
            " FROM answers a JOIN questions q ON q.id = a.question_id ORDER BY q.position, a.id"
        ):
            sid, aid, qid, text, kind, status, owner, duration, overall, n, first, last, rel = row
            if duration is None:
                duration = self._unfinished_length(n, first, last, rel)
            answers.setdefault(sid, []).append(AnswerSummary(
                aid, qid, text, QuestionKind(kind), self._status(status, owner), n, duration, overall))
        return [
            SessionSummary(sid, started, ended, SessionMode(mode), seed, bank, answers.get(sid, []))
            for sid, started, ended, mode, seed, bank in self.conn.execute(
                "SELECT id, started_at, ended_at, mode, seed, bank FROM sessions ORDER BY id")
        ]

    def _unfinished_length(self, n: int, first: float | None, last: float | None, rel: str | None) -> float | None:
        """An answer still open (or left open by a crash): its words' span or its audio, whichever is longer."""
        spans = [max(0.0, last - first)] if n and first is not None and last is not None else []
        recorded = recorded_seconds(self.home / rel) if rel else None
        return max([*spans, *([recorded] if recorded else [])], default=None)

    def _answer(self, row: sqlite3.Row | tuple[Any, ...]) -> AnswerRecord:
        (aid, qid, qtext, kind, category, status, owner, started, ended, reason, rel, duration, overall,
         report_json) = row
        words = self._words(aid)
        report = None
        if report_json:
            try:  # the report's words are the answer's (kept once, in the words table)
                report = AnswerReport.from_json(json.loads(report_json), words)
            except (ValueError, KeyError, TypeError, AttributeError):
                report = None  # unreadable: the answer's words are still shown
        scores = dict(self.conn.execute("SELECT name, value FROM scores WHERE answer_id = ?", (aid,)))
        status = self._status(status, owner)
        if status == "incomplete" and reason is None:
            reason = INCOMPLETE_CRASHED
        if duration is None:
            duration = self._unfinished_length(len(words), words[0].start if words else None,
                                               words[-1].end if words else None, rel)
        return AnswerRecord(aid, qid, qtext, QuestionKind(kind), category, status, started, ended, reason,
                            self.home / rel if rel else None, words, report, scores, duration, overall)

    _ANSWER_SQL = (
        "SELECT a.id, q.id, q.text, q.kind, q.category, a.status, a.owner, a.started_at, a.ended_at,"
        " a.incomplete_reason, a.recording_path, a.duration_s, a.overall, a.report_json"
        " FROM answers a JOIN questions q ON q.id = a.question_id"
    )

    @_guard("reading an answer")
    def get_answer(self, answer_id: int) -> AnswerRecord:
        row = self.conn.execute(self._ANSWER_SQL + " WHERE a.id = ?", (answer_id,)).fetchone() \
            if is_row_id(answer_id) else None
        if row is None:
            raise StoreError(f"{self.path}: no answer {answer_id}")
        return self._answer(row)

    @_guard("reading a session")
    def get_session(self, session_id: int) -> SessionRecord:
        row = self.conn.execute("SELECT id, started_at, ended_at, mode, seed, bank FROM sessions WHERE id = ?",
                                (session_id,)).fetchone() if is_row_id(session_id) else None
        if row is None:
            raise StoreError(f"{self.path}: no session {session_id}; `mockinterview sessions` lists them")
        questions = [QuestionRecord(qid, sid, pos, QuestionKind(kind), *rest) for qid, sid, pos, kind, *rest in
                     self.conn.execute("SELECT id, session_id, position, kind, parent_id, ref, text, category,"
                                       " asked_at FROM questions WHERE session_id = ? ORDER BY position",
                                       (session_id,))]
        for q in questions:
            q.answers.extend(self._answer(r) for r in self.conn.execute(
                self._ANSWER_SQL + " WHERE q.id = ? ORDER BY a.id", (q.id,)))
        sid, started, ended, mode, seed, bank = row
        return SessionRecord(sid, started, ended, SessionMode(mode), seed, bank, questions)

    @_guard("reading the practice history")
    def category_history(self) -> dict[str, CategoryStats]:
        """Per category: complete answers to main questions and their mean overall score (for selection)."""
        return {
            cat: CategoryStats(int(n), None if mean is None else float(mean))
            for cat, n, mean in self.conn.execute(
                "SELECT q.category, COUNT(a.id), AVG(a.overall) FROM answers a"
                " JOIN questions q ON q.id = a.question_id"
                " WHERE a.status = 'complete' AND q.kind = 'main' AND q.category IS NOT NULL"
                " GROUP BY q.category")
        }

    @_guard("reading the questions asked")
    def asked_refs(self) -> set[str]:
        """"bank/id" of every bank question ever asked."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT ref FROM questions WHERE ref IS NOT NULL")}


def store_exists(home: str | os.PathLike[str] | None = None) -> bool:
    """True if the data dir already holds a session database (reading commands need not create one)."""
    return db_path(resolve_home(home)).exists()


def open_store(home: str | os.PathLike[str] | None = None,
               settings: StoreSettings | None = None) -> Store:
    """Open (creating if needed, private) the store in `home` or the default data dir; apply migrations."""
    settings = settings or StoreSettings()
    root = resolve_home(home)
    ensure_private_dir(root, tighten=not is_chosen_home(root))
    ensure_private_dir(recordings_dir(root), what="recordings dir")
    path = db_path(root)
    conn = connect(path, settings)
    try:
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise store_error(exc, path, "updating the database schema") from exc
    store = Store(root, conn, settings)
    if settings.recover_on_open:
        recover(store)
    return store

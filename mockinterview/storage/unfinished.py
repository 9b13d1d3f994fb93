"""Answers that did not end normally: left open by a process that died, or closed while the database was busy.

`recover` (run by `open_store`) marks answers left "recording" by dead processes incomplete and repairs their
recordings. `close_answer` saves an answer's end (its report, or the words not saved yet and why it ended unfinished),
waiting up to `StoreSettings.finish_wait_s` for another process that holds the database. If the write still
fails (locked, disk full, store gone) the answer's end is written to a private JSON file instead, and
`AnswerSetAside` says where. Every later `open_store` on the same database (and `pick_up`) saves such files
into it and removes them. A file names the database, the answer id, its start time and its recording, so it
is never applied to another answer that got the same id after the database was reset.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockinterview.errors import StoreError
from mockinterview.report import AnswerReport
from mockinterview.storage.owner import owner_alive
from mockinterview.storage.paths import DIR_MODE, FILE_MODE
from mockinterview.storage.recordings import repair_wav
from mockinterview.storage.records import AnswerHandle
from mockinterview.types import Word

if TYPE_CHECKING:
    from mockinterview.storage.store import Store

PENDING_DIR = "pending"
"""Folder of the data dir that holds answers set aside."""

INCOMPLETE_CRASHED = "the recording process ended before the answer was finished"
"""Reason stored for an answer whose recording process died."""


class AnswerSetAside(StoreError):
    """The answer could not be saved in the database and was written to `path` instead."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass(slots=True)
class PendingAnswer:
    """The end of one answer, to be saved into the database it belongs to."""

    database: str
    answer_id: int
    started_at: str
    recording: str | None
    """The answer's recording path as stored (relative to the data dir), or None."""
    words: list[Word] = field(default_factory=list)
    """Committed words that were not saved yet (appended before the answer is closed)."""
    report: dict[str, Any] | None = None
    """The report's JSON (its words are `report_words`)."""
    report_words: list[Word] = field(default_factory=list)
    complete: bool = False
    reason: str | None = None
    recorded_s: float | None = None

    def to_json(self) -> dict[str, Any]:
        def rows(words: Sequence[Word]) -> list[list[Any]]:
            return [[w.text, w.start, w.end, w.probability, w.filler] for w in words]

        return {"database": self.database, "answer_id": self.answer_id, "started_at": self.started_at,
                "recording": self.recording, "words": rows(self.words), "report": self.report,
                "report_words": rows(self.report_words), "complete": self.complete, "reason": self.reason,
                "recorded_s": self.recorded_s}

    @staticmethod
    def from_json(d: dict[str, Any]) -> PendingAnswer:
        def words(rows: list[list[Any]]) -> list[Word]:
            return [Word(str(t), float(s), float(e), float(p), bool(f)) for t, s, e, p, f in rows]

        return PendingAnswer(str(d["database"]), int(d["answer_id"]), str(d["started_at"]), d.get("recording"),
                             words(d.get("words") or []), d.get("report"), words(d.get("report_words") or []),
                             bool(d.get("complete")), d.get("reason"), d.get("recorded_s"))


@contextlib.contextmanager
def waiting(store: Store, seconds: float) -> Iterator[None]:
    """Let this thread's writes wait `seconds` (not `busy_timeout_s`) for another process's lock."""
    with store.using("waiting for the database") as conn:
        conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute(f"PRAGMA busy_timeout = {int(store.settings.busy_timeout_s * 1000)}")


def close_answer(store: Store, handle: AnswerHandle, *, report: AnswerReport | None, complete: bool,
                 reason: str | None, unsaved: Sequence[Word] = (), recorded_s: float | None = None) -> None:
    """Save the end of an answer: `unsaved` words, then its report (or why it is incomplete).

    A report's words replace the saved ones, so `unsaved` only matters without one. Waits for a locked
    database; if the write still fails, raises AnswerSetAside naming the file that now holds the answer's end
    (or StoreError if even that file could not be written).
    """
    data = report.to_json() if report is not None else None
    report_words = list(report.delivery.words) if report is not None else []
    words = [] if report_words else list(unsaved)
    try:
        with waiting(store, store.settings.finish_wait_s):
            _apply(store, handle.answer_id, words, data, report_words, complete, reason, recorded_s)
    except StoreError as exc:
        rel = handle.recording_path.relative_to(store.home).as_posix() if handle.recording_path else None
        pending = PendingAnswer(str(store.path.resolve()), handle.answer_id, handle.started_at, rel, words, data,
                                report_words, complete, reason, recorded_s)
        path = set_aside(store.home, pending, exc)
        # the database may take this much (a full disk), but is not waited for again (a lock)
        with waiting(store, 0), contextlib.suppress(StoreError):
            store.mark_incomplete(handle.answer_id, f"not saved yet: its end is kept in {path}", recorded_s=recorded_s)
        raise AnswerSetAside(f"{exc} - meanwhile the answer is kept in {path} and saved into the database the "
                             "next time mockinterview opens it", path) from exc


def _apply(store: Store, answer_id: int, words: Sequence[Word], data: dict[str, Any] | None,
           report_words: Sequence[Word], complete: bool, reason: str | None, recorded_s: float | None) -> None:
    if words:
        store.append_words(answer_id, words)
    if data is not None or complete:
        report = AnswerReport.from_json(data, list(report_words)) if data is not None else None
        store.finish_answer(answer_id, report, complete=complete, reason=reason)
    else:
        store.mark_incomplete(answer_id, reason or "not finished", recorded_s=recorded_s, again=True)


def _folders(home: Path) -> list[Path]:
    """Where answers are set aside: the data dir, else (its disk full or read-only) the temp dir."""
    return [home / PENDING_DIR, Path(tempfile.gettempdir()) / f"mockinterview-{os.getuid()}-{PENDING_DIR}"]


def set_aside(home: Path, pending: PendingAnswer, cause: StoreError) -> Path:
    """Write `pending` to a new private file; StoreError (saying what is lost) if no folder takes it."""
    text = json.dumps(pending.to_json())
    for folder in _folders(home):
        path = folder / f"answer-{pending.answer_id}-{secrets.token_hex(4)}.json"
        try:
            folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                os.write(fd, text.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        return path
    raise StoreError(f"{cause} - and the answer's end could not be set aside in {_folders(home)[0]} either; "
                     "its audio and the words saved before are kept")


def set_aside_for(store: Store) -> list[tuple[Path, PendingAnswer]]:
    """The answers set aside for this store's database, oldest first."""
    found: list[Path] = []
    for folder in _folders(store.home):
        with contextlib.suppress(OSError):
            found += [p for p in folder.glob("answer-*.json") if p.is_file()]
    database = str(store.path.resolve())
    kept = []
    for path in sorted(found, key=lambda p: p.stat().st_mtime):
        try:
            pending = PendingAnswer.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if pending.database == database:
            kept.append((path, pending))
    return kept


def pick_up(store: Store) -> int:
    """Save the answers set aside for this store's database and remove their files; returns how many.

    A file whose answer is not in this database (it was reset since) is left where it is, untouched.
    """
    saved = 0
    for path, pending in set_aside_for(store):
        try:
            outcome = _pick_up_one(store, pending)
        except StoreError:
            return saved  # still locked or full: try again next time
        if outcome == "foreign":
            continue
        saved += outcome == "saved"
        with contextlib.suppress(OSError):
            path.unlink()
    return saved


def _pick_up_one(store: Store, pending: PendingAnswer) -> str:
    """Apply one set-aside answer: "saved", "done" (it was closed with a report meanwhile) or "foreign" (no
    such answer in this database)."""
    with store.using("reading an answer") as conn:
        row = conn.execute("SELECT started_at, recording_path, report_json FROM answers WHERE id = ?",
                           (pending.answer_id,)).fetchone()
    if row is None or (row[0], row[1]) != (pending.started_at, pending.recording):
        return "foreign"
    if row[2] is not None:
        return "done"
    _apply(store, pending.answer_id, pending.words, pending.report, pending.report_words, pending.complete,
           pending.reason, pending.recorded_s)
    return "saved"


def recover(store: Store) -> list[int]:
    """Mark answers left "recording" by dead processes incomplete and repair their recordings, then save the
    answers set aside for this database (`pick_up`).

    Returns the ids of the recovered answers. Skipped quietly if another process holds the write lock (they
    are still reported incomplete on read).
    """
    with store.using("recovering unfinished answers") as conn:
        try:
            rows = conn.execute(
                "SELECT id, owner, recording_path FROM answers WHERE status = 'recording'").fetchall()
        except sqlite3.Error:
            return []
        dead = [(aid, rel) for aid, owner, rel in rows if not owner_alive(owner)]
        for aid, rel in dead:
            seconds = None
            if rel and (store.home / rel).exists():
                # an unreadable recording must not stop the words being recovered
                with contextlib.suppress(StoreError):
                    seconds = repair_wav(store.home / rel)
            try:
                store.mark_incomplete(aid, INCOMPLETE_CRASHED, recorded_s=seconds)
            except StoreError:
                return []
        pick_up(store)
        return [aid for aid, _ in dead]

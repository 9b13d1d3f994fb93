"""SQLite connection (WAL, private file) and the translation of SQLite failures into one-line StoreErrors."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mockinterview.errors import StoreError
from mockinterview.storage.paths import HOME_ENV, create_private_file


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """How the session database is opened and written."""

    busy_timeout_s: float = 2.0
    """How long a write waits for another process holding the write lock before it fails as "locked"."""

    finish_wait_s: float = 2.5
    """How long closing an answer (its report, or its words when it ends unfinished) waits for another process
    holding the write lock; after that the answer is set aside in a file (`storage.unfinished`) and saved the
    next time the store is opened, so a computed report is never lost to a lock. Short: another mockinterview
    holds the lock for milliseconds, and with a save already waiting (`busy_timeout_s`) the user waits under
    5 s in all before the answer is set aside."""

    synchronous: str = "FULL"
    """SQLite `synchronous` pragma: FULL syncs the WAL on every commit, so a saved word survives a power cut."""

    recover_on_open: bool = True
    """On open, mark answers left "recording" by a process that no longer runs as incomplete."""


# SQLite primary result codes (https://sqlite.org/rescode.html)
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


def is_row_id(value: int) -> bool:
    """True if `value` can be a row id: SQLite integers are 64-bit, so a larger number names no row (and would
    raise OverflowError if bound)."""
    return -(2**63) <= value < 2**63


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def store_error(exc: BaseException, path: Path, action: str) -> StoreError:
    """A one-line StoreError for `exc` raised while doing `action` on the database or file at `path`."""
    code = _primary_code(exc)
    msg = str(exc)
    low = msg.lower()
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StoreError(
            f"{path}: disk full while {action}; free some space and retry (everything saved before is kept)"
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or msg
        return StoreError(f"{path}: {action} failed ({reason}); check the disk and the permissions of the data dir")
    if code == SQLITE_FULL or "disk is full" in low:
        return StoreError(
            f"{path}: disk full while {action}; free some space and retry (everything saved before is kept)"
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in low:
        return StoreError(
            f"{path}: the session database is locked by another process (another mockinterview running?) "
            f"while {action}; close it and retry"
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "not a database" in low or "malformed" in low:
        return StoreError(
            f"{path}: the session database is damaged ({msg}); move it aside (mv '{path}' '{path}.bad') "
            f"and a new one will be started; the damaged file is left untouched"
        )
    if code == SQLITE_READONLY or "readonly" in low:
        return StoreError(f"{path}: {_readonly_fix(path)}")
    if code == SQLITE_CANTOPEN or "unable to open" in low:
        return StoreError(
            f"{path}: cannot open the session database ({msg}); check that the data dir exists and is "
            f"writable, or set {HOME_ENV}"
        )
    if code == SQLITE_IOERR or "i/o error" in low:
        return StoreError(f"{path}: disk I/O error while {action} ({msg}); check the disk and retry")
    return StoreError(f"{path}: database error while {action} ({msg})")


def _readonly_fix(path: Path) -> str:
    """Why SQLite could not write `path`, and the fix: the file, its folder (SQLite creates the -wal and -shm
    files next to the database) or the whole file system may be read-only."""
    folder = path.parent
    try:
        read_only_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        read_only_fs = False
    if read_only_fs:
        return (f"the session database is on a read-only file system; set {HOME_ENV} to a directory on a "
                "writable disk")
    if path.exists() and not os.access(path, os.W_OK):
        return f"the session database is read-only; make it writable (chmod u+w '{path}') and retry"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (f"the session database cannot be written because its folder {folder} is read-only (SQLite keeps "
                f"its journal files next to it); make the folder writable (chmod u+w '{folder}') or set "
                f"{HOME_ENV} to a writable directory")
    return (f"the session database is read-only (a journal file next to it may be read-only: check "
            f"'{path}-wal' and '{path}-shm'); make them writable and retry")


def connect(path: Path, settings: StoreSettings, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the database at `path` in WAL mode (creating it 0600 unless `readonly`); StoreError on failure."""
    try:
        if readonly:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=settings.busy_timeout_s,
                isolation_level=None, check_same_thread=False,
            )
        else:
            create_private_file(path)
            conn = sqlite3.connect(
                path, timeout=settings.busy_timeout_s, isolation_level=None, check_same_thread=False
            )
    except (sqlite3.Error, OSError) as exc:
        raise store_error(exc, path, "opening the session database") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"cannot switch to WAL journal (got {mode})")
            conn.execute(f"PRAGMA synchronous = {settings.synchronous}")
        # reading the schema makes SQLite check the file header: a damaged file fails here, not later
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise store_error(exc, path, "opening the session database") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (so a failed write leaves no half row)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

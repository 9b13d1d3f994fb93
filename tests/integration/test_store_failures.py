"""A corrupt or locked database, a missing data dir and a full disk each give one clear line and lose nothing.

The CLI turns a StoreError into `mockinterview: error: MESSAGE` and exit 2; the message names the file and
what to do. Nothing already saved is changed: a damaged file is left as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_report, timed_words, wait_until

from mockinterview.errors import StoreError
from mockinterview.session.answer import AnswerRecorder, RecorderSettings
from mockinterview.storage.db import StoreSettings
from mockinterview.storage.recordings import read_wav
from mockinterview.storage.store import Store, open_store
from mockinterview.types import Utterance, Word, WordsCommitted

HERE = Path(__file__).parent
CLI = str(Path(sys.executable).parent / "mockinterview")
QUICK = StoreSettings(busy_timeout_s=0.3)


def words(*texts: str) -> list[Word]:
    return timed_words(texts, step=0.5, length=0.4)


def saved_session(home: Path) -> tuple[int, int]:
    """A store holding one complete scored answer; returns (session id, answer id)."""
    with open_store(home) as s:
        sid = s.start_session("practice", seed=3)
        a = s.begin_answer(s.add_question(sid, "Tell me about a launch."))
        ws = words("I", "shipped", "it", "in", "six", "weeks.")
        s.append_words(a.answer_id, ws)
        s.finish_answer(a.answer_id, make_report(ws, scores={"overall": 77}))
        return sid, a.answer_id


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MOCKINTERVIEW_HOME": str(home)})


def one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mockinterview: error: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line(exc: StoreError, *needles: str) -> None:
    message = str(exc)
    assert "\n" not in message
    for needle in needles:
        assert needle in message, (needle, message)


# ---- corrupt database ---------------------------------------------------------------------------------


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    db = home / "sessions.db"
    db.write_bytes(os.urandom(8192))
    before = digest(db)
    with pytest.raises(StoreError) as info:
        open_store(home)
    assert_one_line(info.value, str(db), "damaged", "move it aside")
    assert digest(db) == before
    one_line_error(cli(home, "sessions"), str(db), "damaged", ".bad")
    one_line_error(cli(home, "export", "1"), str(db), "damaged")
    assert digest(db) == before


def test_a_database_damaged_in_the_middle(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved_session(home)
    db = home / "sessions.db"
    assert not (home / "sessions.db-wal").exists() or (home / "sessions.db-wal").stat().st_size == 0
    data = bytearray(db.read_bytes())
    page = 4096
    for p in range(1, len(data) // page):  # keep page 1 (header + schema root), wreck the rest
        data[p * page:(p + 1) * page] = os.urandom(page)
    db.write_bytes(bytes(data))
    before = digest(db)
    with pytest.raises(StoreError) as info, open_store(home) as s:
        s.list_sessions()
    assert_one_line(info.value, str(db), "damaged")
    assert digest(db) == before
    one_line_error(cli(home, "sessions", "--json"), str(db), "damaged")
    assert digest(db) == before


def test_moving_the_damaged_file_aside_starts_afresh(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "sessions.db").write_bytes(b"garbage" * 1000)
    (home / "sessions.db").rename(home / "sessions.db.bad")  # what the message says to do
    with open_store(home) as s:
        assert s.list_sessions() == []
    assert (home / "sessions.db.bad").read_bytes() == b"garbage" * 1000


# ---- locked database ----------------------------------------------------------------------------------

HOLD_LOCK = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    c.execute("PRAGMA locking_mode = EXCLUSIVE")
c.execute("BEGIN IMMEDIATE")
c.execute("INSERT INTO sessions (started_at, mode) VALUES ('2000-01-01T00:00:00+00:00', 'practice')")
print("locked", flush=True)
sys.stdin.read()
c.execute("ROLLBACK")
"""


class LockHolder:
    """Another process holding the database's write lock until released."""

    def __init__(self, db: Path, mode: str = "write") -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), mode], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(30)


def test_locked_database_fails_writes_clearly_and_keeps_reads_and_saved_data(tmp_path: Path) -> None:
    home = tmp_path / "home"
    sid, aid = saved_session(home)
    store = open_store(home, QUICK)
    qid = store.add_question(sid, "What would you do differently?", kind="followup", parent=1)
    recorder = AnswerRecorder(store, qid, settings=RecorderSettings(flush_interval_s=0.05))
    recorder.on_event(WordsCommitted(Utterance(0, 0, 1, tuple(words("before", "the", "lock")))))
    wait_until(lambda: recorder.words_saved >= 3, what="the words before the lock saved")
    holder = LockHolder(home / "sessions.db")
    try:
        with pytest.raises(StoreError) as info:
            store.start_session("drill")
        assert_one_line(info.value, str(home / "sessions.db"), "locked by another process", "close it and retry")
        # reading still works while another process writes (WAL)
        assert store.get_answer(aid).overall == 77
        # words committed during the lock are kept in memory and retried
        recorder.on_event(WordsCommitted(Utterance(1, 2, 3, tuple(words("during", "it")))))
        wait_until(lambda: bool(recorder.errors), what="the save during the lock to fail")
        assert "locked" in str(recorder.errors[-1])
    finally:
        holder.release()
    recorder.finish(None)
    got = store.get_answer(recorder.answer_id)
    assert [w.text for w in got.words] == ["before", "the", "lock", "during", "it"]
    assert got.status == "complete"
    assert store.get_answer(aid).overall == 77
    store.start_session("drill")  # the retry works once the lock is gone
    store.close()


def test_exclusively_locked_database_cannot_even_be_read(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved_session(home)
    holder = LockHolder(home / "sessions.db", "exclusive")
    try:
        with pytest.raises(StoreError) as info, open_store(home, QUICK) as s:
            s.list_sessions()
        assert_one_line(info.value, str(home / "sessions.db"), "locked")
        one_line_error(cli(home, "sessions"), "sessions.db", "locked by another process")
    finally:
        holder.release()
    assert cli(home, "sessions", "--json").returncode == 0


# ---- missing data dir ---------------------------------------------------------------------------------


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    for home in (blocker / "home", blocker):
        with pytest.raises(StoreError) as info:
            open_store(home)
        assert_one_line(info.value, str(home), "MOCKINTERVIEW_HOME")
    assert blocker.read_text() == "not a directory"


def test_missing_data_dir_reads_as_no_sessions_and_is_not_created(tmp_path: Path) -> None:
    home = tmp_path / "never-used"
    proc = cli(home, "sessions", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == []
    assert "No sessions yet" in cli(home, "sessions").stdout
    one_line_error(cli(home, "export", "1", "--format", "md"), str(home / "sessions.db"), "no sessions")
    assert not home.exists()


def test_data_dir_deleted_while_running(tmp_path: Path) -> None:
    home = tmp_path / "home"
    sid, _ = saved_session(home)
    store = open_store(home)
    shutil.rmtree(home)
    with pytest.raises(StoreError) as info:
        store.start_session("practice")
    assert_one_line(info.value, str(home / "sessions.db"), "disappeared", "restart")
    with pytest.raises(StoreError):
        store.begin_answer(1)
    store.close()


def test_recordings_dir_deleted_while_running_is_recreated(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store: Store = open_store(home)
    sid = store.start_session("practice")
    shutil.rmtree(home / "recordings")
    handle = store.begin_answer(store.add_question(sid, "Q"))
    assert handle.recording_path.parent.is_dir()
    assert (handle.recording_path.parent.stat().st_mode & 0o777) == 0o700
    store.close()


# ---- full disk ----------------------------------------------------------------------------------------


def _can_mount_tmpfs(tmp_path: Path) -> bool:
    if not shutil.which("unshare"):
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    return subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                          capture_output=True).returncode == 0


def test_full_disk_mid_answer(tmp_path: Path) -> None:
    if not _can_mount_tmpfs(tmp_path):
        pytest.skip("needs `unshare -rm` to mount a tiny tmpfs (user namespaces disabled here)")
    mount, out = tmp_path / "mnt", tmp_path / "out"
    mount.mkdir()
    out.mkdir()
    proc = subprocess.run(["unshare", "-rm", sys.executable, str(HERE / "full_disk.py"), str(mount), str(out),
                           "640"], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)

    # each failure was one line naming the file and saying what to do
    assert result["errors"], "the disk never filled"
    for message in [*result["errors"], result["new_session_while_full"]]:
        assert "\n" not in message and "disk full" in message and "free some space and retry" in message
        assert "/home/sessions.db" in message or "/home/recordings/" in message
    # after space was freed, the words queued meanwhile were saved and the answer finished
    assert result["finish"] == "ok"
    assert result["words_saved"] == result["commits"] * 8

    with open_store(out / "home") as store:
        first = store.get_answer(result["first"])
        assert first.status == "complete" and first.overall == 61 and [w.text for w in first.words] == [
            "I", "kept", "this."]
        second = store.get_answer(result["second"])
        assert len(second.words) == result["commits"] * 8
        assert [w.text for w in second.words][:2] == ["word0_0", "word0_1"]
        # the recording holds the audio written before the disk filled, readable, in order
        pcm, _ = read_wav(second.recording_path)
        assert 0 < len(pcm) < result["frames_fed"] * 960
        sys.path.insert(0, str(HERE))
        from full_disk import frame

        expected = b"".join(frame(k) for k in range(len(pcm) // 960 + 1))
        assert pcm == expected[: len(pcm)]

"""Case 2: another process holds the database while `score` runs. The computed report must survive: it is waited
for, and if the lock outlasts the wait it is printed, kept in a side file the user is told about, and saved into
the database the next time it is opened."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .faultkit import HANG_S, SHORT, cli_env, sessions_json

pytestmark = pytest.mark.model

HOLD = """
import sqlite3, sys, time
db = sys.argv[1]
while True:  # wait until the score command has opened its answer
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        if c.execute("SELECT count(*) FROM answers").fetchone()[0]:
            break
    except sqlite3.Error:
        pass
    time.sleep(0.02)
w = sqlite3.connect(db, isolation_level=None, timeout=30)
w.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
w.execute("ROLLBACK")
"""


class Holder:
    """Another process that takes the database's write lock (BEGIN EXCLUSIVE) as soon as an answer is open."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.locked = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() == "locked":
            self.locked.set()

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(30)


def test_a_lock_that_outlasts_the_wait_keeps_the_report(tmp_path: Path, record_property) -> None:
    home = tmp_path / "home"
    holder = Holder(home / "sessions.db")
    try:
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "mockinterview", "score", str(SHORT), "--question",
                               "Tell me about a page you made faster."], capture_output=True, text=True,
                              timeout=900, env=cli_env(home))
        record_property("locked score took s", round(time.monotonic() - started, 2))
        assert holder.locked.is_set(), "the lock was never taken"
        # the report is printed and the user is told, in one line, where it is kept
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("Overall ") and "Sections" in proc.stdout
        [note] = proc.stderr.strip().splitlines()
        assert note.startswith("mockinterview: note: ") and "locked by another process" in note
        kept = Path(note.split("kept in ")[1].split(" and saved")[0])
        assert kept.is_file() and kept.parent == home / "pending" and (kept.stat().st_mode & 0o777) == 0o600
        words_printed = json.loads(kept.read_text())["report_words"]
        assert len(words_printed) > 20
    finally:
        holder.release()
    # the next command that opens the database saves it there, complete, with every word of the report
    [session] = sessions_json(home)
    [answer] = session["answers"]
    assert answer["status"] == "complete" and answer["words"] == len(words_printed) and answer["overall"]
    assert not kept.exists()
    with sqlite3.connect(home / "sessions.db") as conn:
        stored = [r[0] for r in conn.execute("SELECT text FROM words ORDER BY seq")]
    assert stored == [w[0] for w in words_printed]


def test_a_lock_released_during_the_wait_is_waited_for(tmp_path: Path) -> None:
    """The finishing write waits for the lock (StoreSettings.finish_wait_s) instead of failing at once."""
    from mockinterview.report import AnswerReport, Delivery, FillerCounts
    from mockinterview.session.answer import AnswerRecorder
    from mockinterview.storage.db import StoreSettings
    from mockinterview.storage.store import open_store
    from mockinterview.types import Utterance, Word, WordsCommitted

    home = tmp_path / "home"
    store = open_store(home, StoreSettings(busy_timeout_s=0.2, finish_wait_s=20))
    qid = store.add_question(store.start_session("score"), "Q")
    holder = Holder(home / "sessions.db")
    rec = AnswerRecorder(store, qid)
    assert holder.locked.wait(30)
    words = [Word("I", 0.1, 0.2), Word("shipped", 0.3, 0.6), Word("it.", 0.7, 0.9)]
    rec.on_event(WordsCommitted(Utterance(0, 0.1, 0.9, tuple(words))))
    threading.Timer(1.5, holder.release).start()
    started = time.monotonic()
    rec.finish(AnswerReport(Delivery(0.8, 0.8, words, FillerCounts(), 200, [], "rushed"), "I shipped it.",
                            scores={"overall": 55}))
    assert 1.0 < time.monotonic() - started < 10
    answer = store.get_answer(rec.answer_id)
    assert answer.status == "complete" and [w.text for w in answer.words] == ["I", "shipped", "it."]
    assert not (home / "pending").exists() or not list((home / "pending").iterdir())
    store.close()


def test_a_lock_that_outlasts_the_wait_sets_the_answer_aside_within_5_s(tmp_path: Path, record_property) -> None:
    """The default wait (StoreSettings.finish_wait_s) and the set-aside after it end within HANG_S: the user
    never sits on a lock nobody releases."""
    from mockinterview.report import AnswerReport, Delivery, FillerCounts
    from mockinterview.session.answer import AnswerRecorder
    from mockinterview.storage.store import open_store
    from mockinterview.storage.unfinished import AnswerSetAside
    from mockinterview.types import Utterance, Word, WordsCommitted

    home = tmp_path / "home"
    store = open_store(home)
    qid = store.add_question(store.start_session("score"), "Q")
    holder = Holder(home / "sessions.db")
    try:
        rec = AnswerRecorder(store, qid)
        assert holder.locked.wait(30)
        words = [Word("I", 0.1, 0.2), Word("shipped", 0.3, 0.6), Word("it.", 0.7, 0.9)]
        rec.on_event(WordsCommitted(Utterance(0, 0.1, 0.9, tuple(words))))
        started = time.monotonic()
        with pytest.raises(AnswerSetAside) as kept:
            rec.finish(AnswerReport(Delivery(0.8, 0.8, words, FillerCounts(), 200, [], "rushed"), "I shipped it.",
                                    scores={"overall": 55}))
        took = time.monotonic() - started
        record_property("set aside after s", round(took, 2))
        assert took < HANG_S, f"finishing under a lock took {took:.1f} s"
        assert "locked by another process" in str(kept.value) and kept.value.path.is_file()
    finally:
        holder.release()
        store.close()
    with open_store(home) as again:  # the lock is gone: the next open saves it
        answer = again.get_answer(rec.answer_id)
    assert answer.status == "complete" and [w.text for w in answer.words] == ["I", "shipped", "it."]
    assert not kept.value.path.exists()

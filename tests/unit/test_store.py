"""The session store API: data dir, privacy, sessions/questions/answers, statuses, history."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import platformdirs
import pytest
from conftest import make_report, timed_words

from mockinterview.errors import StoreError
from mockinterview.report import AnswerReport
from mockinterview.storage import owner as owner_mod
from mockinterview.storage.owner import current_owner, owner_alive
from mockinterview.storage.paths import HOME_ENV, default_home
from mockinterview.storage.store import INCOMPLETE_CRASHED, Store, open_store
from mockinterview.types import Question, Word

QUESTION = Question("failure-03", "Tell me about a time you failed.", "failure", "core",
                    probes=("What would you do differently?", "Who else was affected?"))


def words(*texts: str, start: float = 0.0) -> list[Word]:
    return timed_words(texts, start, length=0.3)


def report(ws: list[Word], overall: int = 70, **scores: int) -> AnswerReport:
    return make_report(ws, scores={"overall": overall, "structure": 60, **scores},
                       followups=["What was the measurable result?"])


# ---- data dir and privacy ---------------------------------------------------------------------------


def test_home_comes_from_env_or_platformdirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "custom"))
    assert default_home() == tmp_path / "custom"
    with open_store() as s:
        assert s.path == tmp_path / "custom" / "sessions.db"
    monkeypatch.delenv(HOME_ENV)
    assert default_home() == Path(platformdirs.user_data_dir("mockinterview", appauthor=False))


def test_files_are_0600_and_dirs_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        home = tmp_path / "a" / "home"
        with open_store(home) as s:
            sid = s.start_session("practice")
            handle = s.begin_answer(s.add_question(sid, QUESTION))
            handle.recording_path.write_bytes(b"")  # the recorder creates it 0600 itself; see test_recordings
        for d in (home, home / "recordings", handle.recording_path.parent):
            assert (d.stat().st_mode & 0o777) == 0o700, d
        for f in ("sessions.db", "sessions.db-wal", "sessions.db-shm"):
            if (home / f).exists():
                assert ((home / f).stat().st_mode & 0o777) == 0o600, f
    finally:
        os.umask(old)


def test_existing_loose_data_dir_and_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "loose"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    (home / "sessions.db").touch(mode=0o644)
    (home / "sessions.db").chmod(0o644)
    open_store(home).close()  # the app's own data dir is tightened
    assert (home.stat().st_mode & 0o777) == 0o700
    assert ((home / "sessions.db").stat().st_mode & 0o777) == 0o600
    mine = tmp_path / "my-interviews"  # a directory the user chose keeps its mode; our files in it are private
    mine.mkdir()
    mine.chmod(0o755)
    monkeypatch.setenv(HOME_ENV, str(mine))
    open_store().close()
    assert (mine.stat().st_mode & 0o777) == 0o755
    assert ((mine / "sessions.db").stat().st_mode & 0o777) == 0o600
    assert ((mine / "recordings").stat().st_mode & 0o777) == 0o700


def test_database_is_in_wal_mode(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ---- the answer lifecycle -----------------------------------------------------------------------------


def test_session_question_answer_words_report(store: Store) -> None:
    sid = store.start_session("practice", seed=42, bank="core")
    qid = store.add_question(sid, QUESTION)
    handle = store.begin_answer(qid)
    assert handle.recording_path == store.home / "recordings" / str(sid) / f"{handle.answer_id}.wav"
    store.append_words(handle.answer_id, words("So", "last", "year"))
    store.append_words(handle.answer_id, words("I", "owned", "it.", start=2.0))
    store.append_words(handle.answer_id, [])
    mid = store.get_answer(handle.answer_id)
    assert mid.status == "recording"
    assert [w.text for w in mid.words] == ["So", "last", "year", "I", "owned", "it."]

    final = [Word("So", 0.0, 0.3, filler=True), *words("last", "year", "I", "owned", "it.", start=0.4)]
    store.finish_answer(handle.answer_id, report(final, overall=72, delivery=80))
    done = store.get_answer(handle.answer_id)
    assert done.status == "complete" and done.incomplete_reason is None
    assert done.overall == 72 and done.scores == {"overall": 72.0, "structure": 60.0, "delivery": 80.0}
    assert [w.text for w in done.words] == ["So", "last", "year", "I", "owned", "it."]
    assert done.words[0].filler and not done.words[1].filler
    assert done.report is not None and done.report.overall == 72
    assert done.report.to_json() == json.loads(json.dumps(report(final, overall=72, delivery=80).to_json()))
    raw = store.conn.execute("SELECT report_json FROM answers WHERE id = ?", (handle.answer_id,)).fetchone()[0]
    assert '"words"' not in raw  # stored once, in the words table
    assert done.report.followups == ["What was the measurable result?"]
    assert done.question == QUESTION.text and done.category == "failure" and done.kind == "main"
    q = store.get_session(sid).questions[0]
    assert q.ref == "core/failure-03" and q.category == "failure"


def test_sessions_listing_matches_the_json_contract(store: Store) -> None:
    sid = store.start_session("drill", seed=7)
    qid = store.add_question(sid, QUESTION)
    a = store.begin_answer(qid)
    store.finish_answer(a.answer_id, report(words("I", "led", "it."), overall=64))
    fid = store.add_question(sid, "What would you do differently?", kind="followup", parent=qid)
    b = store.begin_answer(fid)
    store.append_words(b.answer_id, words("Ship", "smaller", start=10.0))
    store.mark_incomplete(b.answer_id, "interrupted (Ctrl-C)")
    out = json.loads(json.dumps([s.to_json() for s in store.list_sessions()]))
    assert out == [{
        "id": sid, "started_at": out[0]["started_at"], "mode": "drill",
        "answers": [
            {"question": QUESTION.text, "status": "complete", "words": 3, "duration_s": 1.1, "overall": 64},
            {"question": "What would you do differently?", "status": "incomplete", "words": 2,
             "duration_s": 0.7, "overall": None},
        ],
    }]
    assert out[0]["started_at"].startswith("20") and "T" in out[0]["started_at"]
    session = store.get_session(sid)
    assert [(q.kind, q.parent_id) for q in session.questions] == [("main", None), ("followup", qid)]


def test_mark_incomplete_keeps_words_and_never_downgrades_a_complete_answer(store: Store) -> None:
    sid = store.start_session("practice")
    a = store.begin_answer(store.add_question(sid, "Q1"))
    store.append_words(a.answer_id, words("half", "an", "answer"))
    store.mark_incomplete(a.answer_id, "microphone stopped")
    got = store.get_answer(a.answer_id)
    assert got.status == "incomplete" and got.incomplete_reason == "microphone stopped"
    assert len(got.words) == 3 and got.duration_s == pytest.approx(1.1)
    b = store.begin_answer(store.add_question(sid, "Q2"))
    store.finish_answer(b.answer_id, report(words("done.")))
    store.mark_incomplete(b.answer_id, "late")
    assert store.get_answer(b.answer_id).status == "complete"


def test_finish_incomplete_keeps_the_report(store: Store) -> None:
    sid = store.start_session("practice")
    a = store.begin_answer(store.add_question(sid, "Q"))
    store.finish_answer(a.answer_id, report(words("cut", "short")), complete=False, reason="audio input failed")
    got = store.get_answer(a.answer_id)
    assert got.status == "incomplete" and got.report is not None and got.incomplete_reason == "audio input failed"


def test_answer_left_recording_by_a_dead_process_reads_incomplete_and_is_marked_on_open(tmp_path: Path) -> None:
    home = tmp_path / "h"
    with open_store(home) as s:
        sid = s.start_session("practice")
        a = s.begin_answer(s.add_question(sid, "Q"))
        s.append_words(a.answer_id, words("before", "the", "crash"))
        assert s.list_sessions()[0].answers[0].status == "recording"  # our own process is alive
        s.conn.execute("UPDATE answers SET owner = ? WHERE id = ?", (_dead_owner(), a.answer_id))
        assert s.list_sessions()[0].answers[0].status == "incomplete"  # on read
        assert s.get_answer(a.answer_id).incomplete_reason == INCOMPLETE_CRASHED
    with sqlite3.connect(home / "sessions.db") as c:
        assert c.execute("SELECT status FROM answers").fetchone()[0] == "recording"
    with open_store(home) as s:  # next open marks it
        assert s.conn.execute("SELECT status, incomplete_reason FROM answers").fetchone() == (
            "incomplete", INCOMPLETE_CRASHED)
        assert len(s.get_answer(a.answer_id).words) == 3


def test_another_live_process_keeps_its_open_answer(tmp_path: Path) -> None:
    home = tmp_path / "h"
    with open_store(home) as s:
        a = s.begin_answer(s.add_question(s.start_session("practice"), "Q"))
    parent = f"{current_owner().rsplit(':', 2)[0]}:{os.getppid()}:{owner_mod._start_token(os.getppid())}"
    with sqlite3.connect(home / "sessions.db") as c:
        c.execute("UPDATE answers SET owner = ?", (parent,))
    with open_store(home) as s:
        assert s.get_answer(a.answer_id).status == "recording"


def _dead_owner() -> str:
    host = current_owner().rsplit(":", 2)[0]
    return f"{host}:{2**22 + 12345}:deadbeef.1"


def test_owner_liveness() -> None:
    me = current_owner()
    assert owner_alive(me)
    host, pid, start = me.rsplit(":", 2)
    assert not owner_alive(None) and not owner_alive("") and not owner_alive("garbage")
    assert not owner_alive(_dead_owner())
    assert not owner_alive(f"another-host:{pid}:{start}")
    if start:  # Linux: a reused pid with another start time is not the same process
        assert not owner_alive(f"{host}:{pid}:{start}0")


def test_category_history_counts_complete_main_answers(store: Store) -> None:
    sid = store.start_session("practice")
    for cat, overall, complete in [("failure", 60, True), ("failure", 80, True), ("mentoring", 50, True),
                                   ("mentoring", 10, False), ("launch", 90, False)]:
        q = Question(f"{cat}-{overall}", f"{cat}?", cat, "core")
        a = store.begin_answer(store.add_question(sid, q))
        store.finish_answer(a.answer_id, report(words("x"), overall=overall), complete=complete)
    f = store.begin_answer(store.add_question(sid, "follow?", kind="followup", parent=1))
    store.finish_answer(f.answer_id, report(words("y"), overall=5))
    hist = store.category_history()
    assert set(hist) == {"failure", "mentoring"}
    assert (hist["failure"].answered, hist["failure"].mean_overall) == (2, 70.0)
    assert (hist["mentoring"].answered, hist["mentoring"].mean_overall) == (1, 50.0)
    assert store.asked_refs() == {"core/failure-60", "core/failure-80", "core/mentoring-50",
                                  "core/mentoring-10", "core/launch-90"}


def test_unknown_ids_and_bad_arguments(store: Store) -> None:
    with pytest.raises(StoreError, match=r"sessions\.db: no session 99; `mockinterview sessions`"):
        store.get_session(99)
    with pytest.raises(StoreError, match="no answer 5"):
        store.get_answer(5)
    with pytest.raises(StoreError, match="no question 3"):
        store.begin_answer(3)
    with pytest.raises(ValueError):
        store.start_session("karaoke")
    with pytest.raises(ValueError):
        store.add_question(store.start_session("practice"), "Q", kind="aside")


def test_concurrent_writers_from_pipeline_threads(store: Store) -> None:
    sid = store.start_session("practice")
    answers = [store.begin_answer(store.add_question(sid, f"Q{k}")).answer_id for k in range(4)]

    def commit(aid: int) -> None:
        for k in range(25):
            store.append_words(aid, words(f"w{k}", start=k))

    threads = [threading.Thread(target=commit, args=(aid,)) for aid in answers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for aid in answers:
        assert [w.text for w in store.get_answer(aid).words] == [f"w{k}" for k in range(25)]


def test_closed_store_says_so(tmp_path: Path) -> None:
    s = open_store(tmp_path / "h")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.list_sessions()

"""Session store figures: the cost on the capture thread, how fast committed words reach the disk, and how
the store scales with history.

usage: .venv/bin/python benchmarks/bench_store.py [--sessions 200] [--answers 5] [--words 350]

Runs in a temporary data dir; reads no corpus.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mockinterview.commands.export import render_markdown  # noqa: E402
from mockinterview.report import AnswerReport, Delivery, FillerCounts  # noqa: E402
from mockinterview.session.answer import AnswerRecorder  # noqa: E402
from mockinterview.storage.db import StoreSettings  # noqa: E402
from mockinterview.storage.store import open_store  # noqa: E402
from mockinterview.types import Question, Utterance, Word, WordsCommitted  # noqa: E402

FRAME = np.zeros(480, dtype=np.int16).tobytes()


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def live_figures(home: Path) -> None:
    store = open_store(home)
    sid = store.start_session("practice")
    rec = AnswerRecorder(store, store.add_question(sid, "Q"))
    # capture-thread cost: 2 minutes of frames
    n = 4000
    t0 = time.perf_counter()
    for _ in range(n):
        rec.on_frame(FRAME)
    per_frame_us = (time.perf_counter() - t0) / n * 1e6
    # commit -> on disk latency, one utterance of 12 words at a time
    lags = []
    for k in range(40):
        ws = tuple(Word(f"w{k}_{j}", k + j * 0.1, k + j * 0.1 + 0.08) for j in range(12))
        target = rec.words_saved + len(ws)
        t0 = time.perf_counter()
        rec.on_event(WordsCommitted(Utterance(k, ws[0].start, ws[-1].end, ws)))
        while rec.words_saved < target:
            time.sleep(0.0002)
        lags.append((time.perf_counter() - t0) * 1000)
    rec.finish(None)
    txn = []
    aid = store.begin_answer(store.add_question(sid, "Q2")).answer_id
    for k in range(40):
        ws = [Word(f"x{k}_{j}", k + j * 0.1, k + j * 0.1 + 0.08) for j in range(12)]
        t0 = time.perf_counter()
        store.append_words(aid, ws)
        txn.append((time.perf_counter() - t0) * 1000)
    store.close()
    print(f"capture thread: on_frame {per_frame_us:.2f} us per 30 ms frame")
    print(f"commit -> saved (synchronous=FULL): median {statistics.median(lags):.1f} ms, "
          f"p95 {pct(lags, 0.95):.1f} ms, max {max(lags):.1f} ms  (40 commits of 12 words)")
    print(f"append_words transaction: median {statistics.median(txn):.1f} ms, p95 {pct(txn, 0.95):.1f} ms")


def history_figures(home: Path, sessions: int, answers: int, words: int) -> None:
    store = open_store(home, StoreSettings(synchronous="OFF"))  # fast fill; reads below use the defaults
    t0 = time.perf_counter()
    for s in range(sessions):
        sid = store.start_session("practice", seed=s)
        for a in range(answers):
            q = Question(f"q{a}", f"Question {a}?", ("failure", "launch", "mentoring")[a % 3], "core")
            h = store.begin_answer(store.add_question(sid, q))
            ws = [Word("so" if j % 40 == 0 else f"w{j}", j * 0.4, j * 0.4 + 0.3, filler=j % 40 == 0)
                  for j in range(words)]
            for chunk in range(0, words, 15):
                store.append_words(h.answer_id, ws[chunk:chunk + 15])
            store.finish_answer(h.answer_id, AnswerReport(
                Delivery(words * 0.4, words * 0.35, ws, FillerCounts(), 140.0, [], "ideal"), "",
                scores={"overall": 40 + (s + a) % 50}))
        store.end_session(sid)
    fill_s = time.perf_counter() - t0
    store.close()
    size_mb = sum(p.stat().st_size for p in home.glob("sessions.db*")) / 1e6
    t0 = time.perf_counter()
    store = open_store(home)
    open_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    listed = store.list_sessions()
    list_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    store.category_history()
    hist_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    md = render_markdown(store.get_session(listed[-1].id))
    export_ms = (time.perf_counter() - t0) * 1000
    store.close()
    total_words = sessions * answers * words
    print(f"history: {sessions} sessions x {answers} answers x {words} words = {total_words} words, "
          f"{size_mb:.1f} MB, written in {fill_s:.1f} s")
    print(f"open_store {open_ms:.0f} ms, list_sessions {list_ms:.0f} ms, category_history {hist_ms:.1f} ms, "
          f"export md of one session {export_ms:.0f} ms ({len(md)} chars)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=200)
    ap.add_argument("--answers", type=int, default=5)
    ap.add_argument("--words", type=int, default=350)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as td:
        live_figures(Path(td) / "live")
        history_figures(Path(td) / "history", a.sessions, a.answers, a.words)


if __name__ == "__main__":
    main()

"""Fill a tiny tmpfs while an answer is recorded; run inside `unshare -rm` (a private mount namespace).

usage: unshare -rm python full_disk.py MOUNT_DIR OUT_DIR SIZE_KB

Mounts a SIZE_KB tmpfs on MOUNT_DIR, saves one complete answer, then records a second one (frames and word
commits) until the disk is full, frees a ballast file, finishes the answer, and copies the data dir to
OUT_DIR/home for the parent to inspect. Prints one JSON object with what happened.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from mockinterview.errors import StoreError
from mockinterview.report import AnswerReport, Delivery, FillerCounts
from mockinterview.session.answer import AnswerRecorder, RecorderSettings
from mockinterview.storage.store import open_store
from mockinterview.types import Utterance, Word, WordsCommitted

BALLAST_KB = 96


def frame(k: int) -> bytes:
    rng = np.random.default_rng(k)  # noise: incompressible, like speech
    return rng.integers(-3000, 3000, 480, dtype=np.int16).tobytes()


def commit(k: int) -> WordsCommitted:
    ws = tuple(Word(f"word{k}_{j}", k + j * 0.1, k + j * 0.1 + 0.08) for j in range(8))
    return WordsCommitted(Utterance(k, ws[0].start, ws[-1].end, ws))


def main() -> None:
    mount, out, size_kb = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(mount)], check=True)
    home = mount / "home"
    result: dict[str, object] = {"errors": []}
    store = open_store(home)
    ballast = mount / "ballast"
    ballast.write_bytes(b"\1" * BALLAST_KB * 1024)

    # an answer saved before trouble starts
    sid = store.start_session("practice", seed=5)
    ws = [Word("I", 0.5, 0.6), Word("kept", 0.7, 0.9), Word("this.", 1.0, 1.2)]
    first = AnswerRecorder(store, store.add_question(sid, "First question?"))
    first.on_frame(frame(0) * 10)
    first.finish(AnswerReport(Delivery(0.7, 0.7, ws, FillerCounts(), 100.0, [], "rushed"), "I kept this.",
                              scores={"overall": 61}))
    result["first"] = first.answer_id

    # the second answer fills the disk
    rec = AnswerRecorder(store, store.add_question(sid, "Second question?"),
                         settings=RecorderSettings(flush_interval_s=0.01))
    fed = committed = 0
    deadline = time.monotonic() + 60
    while not rec.errors and time.monotonic() < deadline:
        for _ in range(33):
            rec.on_frame(frame(fed))
            fed += 1
        rec.on_event(commit(committed))
        committed += 1
        time.sleep(0.02)
    time.sleep(0.3)
    result["errors"] = [str(e) for e in rec.errors]
    try:
        store.start_session("practice")
        result["new_session_while_full"] = "ok"
    except StoreError as exc:
        result["new_session_while_full"] = str(exc)

    # the user frees space; queued words are saved, the answer finishes
    ballast.unlink()
    time.sleep(0.3)
    try:
        rec.finish(None)
        result["finish"] = "ok"
    except StoreError as exc:
        result["finish"] = str(exc)
    result.update(second=rec.answer_id, frames_fed=fed, commits=committed, words_saved=rec.words_saved)
    store.close()
    shutil.copytree(home, out / "home")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Case 3, command-line side: the disk fills while `score` records an answer (a real tmpfs). The report is still
printed, the user is told in one line where the answer is kept, and once space is freed the next command saves
it, every word of the printed report included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .faultkit import MODEL_S, SHORT, cli_env, fill, sessions_json, tmpfs

pytestmark = pytest.mark.model

TMPFS_KB = 4096
"""Room for the database, its journal and the first seconds of the recording; then the ballast fills it."""
FILLED_AT_S = 3.0
"""Seconds of the answer recorded when the disk fills."""


def test_full_disk_while_score_records(tmp_path: Path, record_property) -> None:
    with tmpfs(tmp_path / "disk", TMPFS_KB) as disk:
        home = disk / "home"
        off_disk = {"TMPDIR": str(tmp_path / "tmp")}  # the temp dir is on another disk, as /tmp usually is
        proc = subprocess.Popen([sys.executable, "-m", "mockinterview", "score", str(SHORT), "--pace", "1",
                                 "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=cli_env(home, **off_disk))
        wav = home / "recordings" / "1" / "1.wav"
        deadline = time.monotonic() + MODEL_S
        while not (wav.exists() and wav.stat().st_size > 44 + 32000 * FILLED_AT_S):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the recording never started"
            time.sleep(0.05)
        fill(disk / "ballast")
        filled = time.monotonic()
        out, err = proc.communicate(timeout=MODEL_S)
        record_property("score after the disk filled s", round(time.monotonic() - filled, 2))
        assert proc.returncode == 0, err
        report = json.loads(out)
        printed = [w["w"] for w in report["words"]]
        assert len(printed) >= 20
        [note] = err.strip().splitlines()
        assert note.startswith("mockinterview: note: ") and "disk full" in note and "kept in " in note, note
        kept = Path(note.split("kept in ")[1].split(" and saved")[0])
        assert kept.is_file() and kept.parent == tmp_path / "tmp" / f"mockinterview-{os.getuid()}-pending"
        assert wav.stat().st_size > 44 + 32000 * (FILLED_AT_S - 1)  # the audio written before is kept

        (disk / "ballast").unlink()
        [session] = sessions_json(home, off_disk)
        [answer] = session["answers"]
        assert answer["status"] == "complete" and answer["words"] == len(printed) and answer["overall"]
        assert not kept.exists()
        from mockinterview.storage.store import open_store

        with open_store(home) as store:
            assert [w.text for w in store.get_answer(1).words] == printed


"""Case 3: the disk fills while the app records an answer (a real tmpfs). The app says so at once, keeps the
transcript, never hangs on "scoring the answer", and lets the user leave knowing where the answer is kept; once
space is freed the next command saves it, every word that was on screen included."""

from __future__ import annotations

import difflib
import re
import time
from pathlib import Path

import numpy as np
import pytest

from .faultkit import HANG_S, STORY, decoded, exit_status, fill, sessions_json, tmpfs, write_wav

pytestmark = pytest.mark.model

TMPFS_KB = 8192
"""Room for the database, its journal and the first seconds of the recording; then the ballast fills it."""


def transcript_lines(screen: str) -> list[str]:
    """The words inside the live transcript box (the last box of the answer screen)."""
    lines = screen.splitlines()
    tops = [i for i, line in enumerate(lines) if line.strip().startswith("╭")]
    box = lines[tops[-1] + 1:] if tops else []
    return [line.strip(" │") for line in box if line.strip().startswith("│")]


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_full_disk_while_recording(tmp_path: Path, tmux_app, record_property) -> None:
    pcm = np.asarray(decoded(STORY))
    answer = write_wav(tmp_path / "answer.wav", np.concatenate([pcm, pcm]))  # 61 s
    with tmpfs(tmp_path / "disk", TMPFS_KB) as disk:
        home = disk / "home"
        off_disk = {"TMPDIR": str(tmp_path / "tmp")}  # the temp dir is on another disk, as /tmp usually is
        tmux, status = tmux_app(home, f"practice --input {answer} --pace 2 --seed 3", **off_disk)
        tmux.wait(lambda s: "listening" in s and len(tokens(" ".join(transcript_lines(s)))) >= 8,
                  "words on screen while listening")
        fill(disk / "ballast")
        filled = time.monotonic()
        warned = tmux.wait(lambda s: "disk full" in s, "a disk-full warning", timeout=HANG_S)
        record_property("disk-full warning after s", round(time.monotonic() - filled, 2))
        assert time.monotonic() - filled < HANG_S and "listening" in warned
        scoring = tmux.wait(lambda s: "scoring the answer" in s or "Scorecard" in s, "the end of the answer")
        on_screen = tokens(" ".join(transcript_lines(scoring)))
        since = time.monotonic()
        card = tmux.wait(lambda s: "Scorecard" in s and "Overall" in s, "the scorecard", timeout=HANG_S)
        record_property("scorecard after scoring shown s", round(time.monotonic() - since, 2))
        assert time.monotonic() - since < HANG_S
        flat = " ".join(line.strip(" │") for line in card.splitlines())
        assert "disk full" in flat and "kept in" in flat
        kept_dir = tmp_path / "tmp" / "mockinterview-0-pending"
        [kept] = list(kept_dir.glob("answer-*.json"))
        tmux.keys("q")
        code, after = exit_status(tmux, status)
        assert code == 2, after
        assert "disk full" in after and "kept in" in after and "Traceback" not in after

        # space is freed; the next command saves the answer, complete, with the words that were on screen
        (disk / "ballast").unlink()
        [session] = sessions_json(home, off_disk)
        [saved] = session["answers"]
        assert saved["status"] == "complete" and saved["overall"] is not None
        assert not kept.exists()
        from mockinterview.storage.store import open_store

        with open_store(home) as store:
            words = tokens(" ".join(w.text for w in store.get_answer(1).words))
    assert len(on_screen) >= 40 and len(words) >= len(on_screen) * 0.9
    matched = sum(b.size for b in difflib.SequenceMatcher(None, on_screen, words, autojunk=False).get_matching_blocks())
    assert matched >= 0.9 * len(on_screen), (on_screen, words)

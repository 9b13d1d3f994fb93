"""Case 10 and the killed answer of case 11: Ctrl-C on `score --pace 1` ends within 2 s and says what was saved;
an answer killed mid-way lasts, in `sessions`, as long as it was recorded."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from .faultkit import INTERRUPT_S, STORY, cli_env, decoded, run_cli, sessions_json, write_wav

pytestmark = pytest.mark.model

RECORDED_S = 19.0
"""How far into the answer the signal comes (seconds of audio written to the recording)."""


def long_answer(tmp_path: Path) -> Path:
    """The story twice (61 s), so the signal lands while audio is still being captured."""
    pcm = np.asarray(decoded(STORY))
    return write_wav(tmp_path / "answer.wav", np.concatenate([pcm, pcm]))


def recorded_s(home: Path) -> float:
    wavs = list((home / "recordings").rglob("*.wav")) if (home / "recordings").exists() else []
    return max(0, wavs[0].stat().st_size - 44) / 32000 if wavs else 0.0


def start_score(home: Path, audio: Path) -> subprocess.Popen[str]:
    # a terminal's Ctrl-C: SIGINT with its default action (a shell may start background jobs ignoring it)
    return subprocess.Popen([sys.executable, "-m", "mockinterview", "score", str(audio), "--pace", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(home),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_recorded(home: Path, proc: subprocess.Popen[str], seconds: float) -> None:
    deadline = time.monotonic() + 600
    while recorded_s(home) < seconds:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the recording never reached the mark"
        time.sleep(0.05)


def test_ctrl_c_on_score_ends_within_2_s_and_says_what_was_kept(tmp_path: Path, record_property) -> None:
    home = tmp_path / "home"
    proc = start_score(home, long_answer(tmp_path))
    wait_recorded(home, proc, RECORDED_S)
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    took = time.monotonic() - sent
    record_property("ctrl-c took s", round(took, 3))
    assert took < INTERRUPT_S, f"Ctrl-C took {took:.1f} s"
    assert proc.returncode == 130 and out == ""
    [line] = err.strip().splitlines()
    match = re.fullmatch(r"mockinterview: error: interrupted; (\d+) words and (\d+):(\d\d) of audio kept as "
                         r"incomplete answer 1 of session 1 \(`mockinterview export 1`\)", line)
    assert match, line
    words, audio_s = int(match[1]), int(match[2]) * 60 + int(match[3])
    # what it says is what is stored
    [session] = sessions_json(home)
    [answer] = session["answers"]
    assert answer["status"] == "incomplete" and answer["words"] == words
    assert RECORDED_S - 1 <= audio_s <= RECORDED_S + INTERRUPT_S + 1
    exported = json.loads(run_cli(home, "export", "1", "--format", "json", timeout=60).stdout)
    assert exported["questions"][0]["answers"][0]["incomplete_reason"] == "interrupted (Ctrl-C)"
    assert answer["duration_s"] >= audio_s - 1


def test_sessions_shows_how_long_a_killed_answer_ran(tmp_path: Path) -> None:
    """A transcriber behind real time has committed only the first seconds when the process is killed; the
    answer still lasted as long as its recording."""
    home = tmp_path / "home"
    proc = start_score(home, long_answer(tmp_path))
    wait_recorded(home, proc, RECORDED_S)
    proc.kill()
    proc.communicate()
    with sqlite3.connect(home / "sessions.db") as conn:
        first, last = conn.execute("SELECT first_word_start, last_word_end FROM answers").fetchone()
    words_span = (last or 0) - (first or 0)
    listing = run_cli(home, "sessions", timeout=60).stdout
    shown = re.search(r"incomplete\s+(\d+):(\d\d)", listing)
    assert shown, listing
    shown_s = int(shown[1]) * 60 + int(shown[2])
    assert RECORDED_S - 1 <= shown_s <= RECORDED_S + 2, (shown_s, words_span, listing)
    [session] = sessions_json(home)
    assert session["answers"][0]["duration_s"] >= RECORDED_S - 1

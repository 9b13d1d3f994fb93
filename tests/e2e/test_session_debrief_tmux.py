"""End to end: a three-question practice session in tmux (answers from files) that ends in the session debrief,
then `export` of that session carries the debrief."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_practice_tmux import Tmux, wait_screen

pytestmark = [pytest.mark.e2e, pytest.mark.model]

FIXTURES = Path(__file__).parents[1] / "fixtures"
ANSWERS = (FIXTURES / "store" / "story.flac", FIXTURES / "audio" / "short-answer.flac",
           FIXTURES / "store" / "followup_differently.flac")
SCORECARD = ("Scorecard", "Overall", "Feedback")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_three_questions_end_in_the_debrief(tmp_path, monkeypatch):
    home = tmp_path / "home"
    env = {**os.environ, "MOCKINTERVIEW_HOME": str(home)}
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(home))
    tmux = Tmux("debrief")
    inputs = " ".join(f"--input {p}" for p in ANSWERS)
    command = (f"unset COLUMNS LINES; cd {Path.cwd()} && MOCKINTERVIEW_HOME={home} {sys.executable} "
               f"-m mockinterview practice {inputs} --pace 0 --seed 5")
    tmux.run("start-server", ";", "set-option", "-g", "default-size", "160x50", ";",
             "new-session", "-d", "-x", "160", "-y", "50", "-s", "e2e", command)
    tmux.remember_socket()
    seen: list[str] = []
    try:
        for number in (1, 2, 3):
            wait_screen(tmux, lambda s, n=number: f"Scorecard · Question {n}" in s and all(p in s for p in SCORECARD)
                        and "to quit" in s, f"the scorecard of question {number}", seen)
            tmux.run("send-keys", "-t", "e2e", "n" if number < 3 else "e")
        debrief = wait_screen(tmux, lambda s: "Session debrief · 3 questions" in s and "Press d" in s,
                              "the session debrief", seen)
        for part in ("Strongest:", "Weakest:", "Recurring flags", "answers in the 2:00-3:00 window",
                     "Story variety", "Next drill"):
            assert part in debrief, part
        tmux.run("send-keys", "-t", "e2e", "q")
        deadline = time.monotonic() + 60
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.alive(), "q quits the app"
    finally:
        tmux.kill()
    sessions = json.loads(subprocess.run([sys.executable, "-m", "mockinterview", "sessions", "--json"], env=env,
                                         capture_output=True, text=True, check=True).stdout)
    assert len(sessions) == 1
    mains = [a for a in sessions[0]["answers"] if a["status"] == "complete"]
    assert len(mains) == 3
    sid = str(sessions[0]["id"])
    md = subprocess.run([sys.executable, "-m", "mockinterview", "export", sid], env=env, capture_output=True,
                        text=True, check=True).stdout
    assert "## Session debrief" in md and "- Next drill:" in md
    data = json.loads(subprocess.run([sys.executable, "-m", "mockinterview", "export", sid, "--format", "json"],
                                     env=env, capture_output=True, text=True, check=True).stdout)
    d = data["debrief"]
    assert d["answers"] == 3 and d["weakest"]["score"] <= d["strongest"]["score"]
    assert d["time"]["window"] == "2:00-3:00" and len(d["time"]["lengths_s"]) == 3
    assert d["next_drill"]["question"]

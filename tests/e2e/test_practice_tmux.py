"""End to end: `mockinterview practice --input FIXTURE --pace 4` in tmux, read the screen, quit, find the session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.model]

FIXTURE = Path(__file__).parents[1] / "fixtures" / "store" / "story.flac"
STORY_WORDS = ("migration", "checkout", "payment", "provider", "integration", "reconciliation")
"""Words of the fixture's answer; any of them on the live screen shows the transcript is live."""
TIMEOUT_S = 900.0
"""Generous: the machine is shared and the model decodes slowly under load."""


class Tmux:
    """A tmux server of our own (its own socket), so nothing else's sessions are touched."""

    def __init__(self, name: str) -> None:
        self.socket = f"mockinterview-e2e-{os.getpid()}-{name}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        # COLUMNS/LINES (set by in-process Textual tests) would pin the app to 80x24 inside the 160x50 pane
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check,
                              env=env)

    def screen(self) -> str:
        result = self.run("capture-pane", "-p", "-t", "e2e", check=False)
        return result.stdout if result.returncode == 0 else ""

    def alive(self) -> bool:
        return self.run("has-session", "-t", "e2e", check=False).returncode == 0

    def remember_socket(self) -> None:
        """Note where the server's socket is (the server may be gone by the time it is cleaned up)."""
        self.path = self.run("display-message", "-p", "#{socket_path}", check=False).stdout.strip()

    def kill(self) -> None:
        self.run("kill-server", check=False)
        if getattr(self, "path", ""):
            Path(self.path).unlink(missing_ok=True)


def wait_screen(tmux: Tmux, condition, what: str, seen: list[str]) -> str:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        screen = tmux.screen()
        if screen:
            seen.append(screen)
        if condition(screen):
            return screen
        if not tmux.alive():
            break
        time.sleep(0.2)
    raise AssertionError(f"never saw {what}; last screen:\n{seen[-1] if seen else '(none)'}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_practice_one_question_in_tmux(tmp_path, monkeypatch):
    home = tmp_path / "home"
    env = {**os.environ, "MOCKINTERVIEW_HOME": str(home)}
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(home))
    tmux = Tmux("practice")
    command = (f"unset COLUMNS LINES; cd {Path.cwd()} && MOCKINTERVIEW_HOME={home} {sys.executable} "
               f"-m mockinterview practice --input {FIXTURE} --pace 4 --seed 5")
    # the size is the server's default before the pane exists, so the app starts at 160x50 (no resize race)
    tmux.run("start-server", ";", "set-option", "-g", "default-size", "160x50", ";",
             "new-session", "-d", "-x", "160", "-y", "50", "-s", "e2e", command)
    tmux.remember_socket()
    seen: list[str] = []
    try:
        wait_screen(tmux, lambda s: "Question 1" in s and "Input: file story.flac at 4x" in s,
                    "the first question and its input", seen)
        live = wait_screen(tmux, lambda s: "listening" in s and any(w in s.lower() for w in STORY_WORDS),
                           "live words while listening", seen)
        assert "target 2:00-3:00" in live and "1:00" in live and "4:00" in live, "the timer bar with its marks"
        assert "wpm" in live and "fillers" in live
        parts = ("Scorecard", "Overall", "Sections over time", "Delivery", "Feedback", "Follow-up question")
        # a frame can be captured half drawn: wait until every part of the scorecard is on screen
        wait_screen(tmux, lambda s: all(p in s for p in parts), "the whole scorecard", seen)
        tmux.run("send-keys", "-t", "e2e", "q")
        deadline = time.monotonic() + 60
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.alive(), "q quits the app"
    finally:
        tmux.kill()
    out = subprocess.run([sys.executable, "-m", "mockinterview", "sessions", "--json"], env=env,
                         capture_output=True, text=True, check=True)
    sessions = json.loads(out.stdout)
    assert len(sessions) == 1 and sessions[0]["mode"] == "practice"
    [answer] = sessions[0]["answers"]
    assert answer["status"] == "complete" and answer["words"] > 20 and answer["overall"] is not None

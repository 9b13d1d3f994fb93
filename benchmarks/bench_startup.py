#!/usr/bin/env python3
"""Startup and responsiveness of the practice app, measured in a real terminal (tmux).

1. Launch to first question: `mockinterview practice --input AUDIO --pace 1` is started in a fresh tmux pane;
   the clock runs from the spawn until the question is on the captured screen. Target: under 1.5 s.
2. Key responsiveness while the model transcribes: while an answer is being transcribed, `v` (minimal/full
   live view) is pressed repeatedly; each time the clock runs from send-keys until the screen changed.
   Target: under 100 ms. The polling of capture-pane adds a few ms, so these figures are upper bounds.

usage: .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--presses 10] [--corpus ../shared/corpus]
The audio is the bundled sample answer unless --audio is given (or --corpus names a dir with answers).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "mockinterview" / "samples" / "sample-answer.flac"
POLL_S = 0.005
"""How often the screen is captured while waiting."""
STARTUP_TARGET_S = 1.5
KEY_TARGET_S = 0.1


class Pane:
    def __init__(self, name: str) -> None:
        self.socket = f"mockinterview-bench-{os.getpid()}-{name}"

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=env)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "b").stdout

    def start(self, command: str) -> float:
        t0 = time.monotonic()
        self.tmux("start-server", ";", "set-option", "-g", "default-size", "160x50", ";",
                  "new-session", "-d", "-x", "160", "-y", "50", "-s", "b", command)
        return t0

    def wait(self, condition, timeout: float = 60.0) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.screen()):
                return time.monotonic()
            time.sleep(POLL_S)
        raise TimeoutError("the screen never showed what was expected:\n" + self.screen())

    def kill(self) -> None:
        path = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        self.tmux("kill-server")
        if path:
            Path(path).unlink(missing_ok=True)


def practice_command(audio: Path, home: Path, pace: float) -> str:
    exe = ROOT / ".venv" / "bin" / "mockinterview"
    return f"cd {ROOT} && MOCKINTERVIEW_HOME={home} {exe} practice --input {audio} --pace {pace:g} --seed 1"


def bench_startup(audio: Path, runs: int) -> list[float]:
    times = []
    for k in range(runs):
        with tempfile.TemporaryDirectory() as home:
            pane = Pane(f"start{k}")
            try:
                t0 = pane.start(practice_command(audio, Path(home), 1.0))
                t1 = pane.wait(lambda s: "Question 1" in s and "Input: file" in s)
                times.append(t1 - t0)
            finally:
                pane.kill()
    return times


def bench_keys(audio: Path, presses: int) -> tuple[list[float], bool]:
    """Key to screen change while the answer is transcribed; also whether transcription was running."""
    lags = []
    with tempfile.TemporaryDirectory() as home:
        pane = Pane("keys")
        try:
            pane.start(practice_command(audio, Path(home), 1.0))
            pane.wait(lambda s: "listening" in s and "Speech model tiny.en ready" in s, timeout=120)
            pane.wait(lambda s: "wpm" in s and any(c.isalpha() for c in transcript_lines(s)), timeout=300)
            for _ in range(presses):
                before = "Minimal view" in pane.screen() and "wpm" in pane.screen()
                t0 = time.monotonic()
                pane.tmux("send-keys", "-t", "b", "v")
                # the full view shows the live figures ("wpm"); the minimal one hides them
                t1 = pane.wait(lambda s, b=before: ("wpm" in s) != b, timeout=10)
                lags.append(t1 - t0)
                time.sleep(0.3)
            running = "listening" in pane.screen()
        finally:
            pane.kill()
    return lags, running


def transcript_lines(screen: str) -> str:
    lines = screen.splitlines()
    return "\n".join(lines[20:45])


def summary(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return (f"median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms, "
            f"runs: {', '.join(f'{v:.0f}' for v in ms)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--presses", type=int, default=10)
    ap.add_argument("--audio", type=Path, default=None)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                    help="Where spoken answers are (used for the audio when --audio is not given and it exists).")
    a = ap.parse_args()
    audio = a.audio or SAMPLE
    if a.audio is None and a.corpus.is_dir():
        found = sorted(a.corpus.rglob("*.flac"))
        audio = found[0] if found else SAMPLE
    print(f"audio: {audio}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    start = bench_startup(audio, a.runs)
    print(f"launch to first question: {summary(start)}  (target < {STARTUP_TARGET_S * 1000:.0f} ms: "
          f"{'ok' if statistics.median(start) < STARTUP_TARGET_S else 'MISSED'})")
    lags, running = bench_keys(audio, a.presses)
    print(f"key to screen while transcribing{'' if running else ' (transcription had ended)'}: {summary(lags)}  "
          f"(target < {KEY_TARGET_S * 1000:.0f} ms: {'ok' if statistics.median(lags) < KEY_TARGET_S else 'MISSED'})")
    sys.exit(0)


if __name__ == "__main__":
    main()

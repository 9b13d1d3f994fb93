"""Drives the real `mockinterview practice` app in tmux with answers played into a virtual microphone.

Used by bench_practice.py. The app runs in a tmux server of its own, records from a PulseAudio null sink's
monitor, and is read back with `capture-pane`. The sink is the shared one of tests/virtual_mic.py, or one of
the benchmark's own (`private_sink`) that nobody else plays into. Every change of the live transcript is kept
with its wall-clock time, so what appeared on screen, and when, is worked out after the run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from virtual_mic import SINK, ensure_virtual_mic  # noqa: E402

SCREEN_TIMEOUT_S = 300.0
"""Longest wait for any screen (the model loads slowly on a busy machine)."""
CARD_TIMEOUT_S = 600.0
SETTLE_S = 3.0
"""RSS is read again this long after the scorecard, once the answer's saving and scoring threads are done."""
"""Longest wait from Enter to the scorecard before the benchmark gives up on the run."""
CARD_PARTS = ("Scorecard", "Overall")


class SessionOver(Exception):
    """The app asked every question of its session."""


@dataclass
class AnswerRun:
    """One answer as the benchmark saw it."""

    audio: Path
    play_start: float
    """Wall clock (monotonic) when the player started."""
    play_end: float = 0.0
    enter: float = 0.0
    card: float | None = None
    """When the scorecard was first on screen (None: not within CARD_TIMEOUT_S)."""
    screens: list[tuple[float, str]] = field(default_factory=list)
    """(wall clock, transcript text on screen) at each change."""
    status_at_end: str = ""
    """The status line as the player ended."""
    rss_mb: float = 0.0
    rss_settled_mb: float = 0.0
    """The app's resident memory once the scorecard showed."""
    heard: Callable[[float], float] | None = None
    """Wall clock when the sound at a time of the file reached the microphone's source (None: not measured;
    then `play_start` plus that time)."""
    cable_delay_s: float | None = None
    """How long the first sound took from the player's start to the source."""

    def heard_at(self, file_s: float) -> float:
        return self.heard(file_s) if self.heard is not None else self.play_start + file_s

    @property
    def enter_to_card_s(self) -> float | None:
        return None if self.card is None else self.card - self.enter


class PrivateSink:
    """A null sink of this benchmark's own, so its answers never mix with anyone else's on the shared one."""

    def __init__(self) -> None:
        if ensure_virtual_mic() is None:  # starts PulseAudio when needed
            raise SystemExit("PulseAudio is not installed: run scripts/setup.sh (it installs pulseaudio)")
        self.name = f"mockinterview_bench_{os.getpid()}"
        out = subprocess.run(["pactl", "load-module", "module-null-sink", f"sink_name={self.name}"],
                             capture_output=True, text=True, check=True)
        self.module = out.stdout.strip()

    def close(self) -> None:
        subprocess.run(["pactl", "unload-module", self.module], capture_output=True, check=False)


class SourceClock:
    """When each part of the played audio reached the microphone's source.

    The virtual cable (the player starting, the null sink waking from suspend) delays the sound by about 1.6 s on
    this machine, and more under load; a real microphone does not. A `parec` client records the sink's monitor
    beside the app and stamps each chunk with the wall clock as it arrives; the file is found in that recording
    by cross-correlation (the recording may begin a little after the file: a suspended sink's monitor delivers
    nothing until the player starts), so a lag is measured from the moment the sound could first be heard."""

    RATE = 16000
    ALIGN_S = 8.0
    """Seconds of the file's speech matched against the recording."""

    def __init__(self, source: str) -> None:
        self._proc = subprocess.Popen(["parec", f"--device={source}", "--format=s16le", f"--rate={self.RATE}",
                                       "--channels=1", "--latency-msec=10"], stdout=subprocess.PIPE)
        self._chunks: list[bytes] = []
        self._stamps: list[tuple[float, int]] = []  # (arrival, samples received so far)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        fd, total, spare = self._proc.stdout.fileno(), 0, b""
        while data := os.read(fd, 65536):
            now = time.monotonic()
            data, spare = spare + data, b""
            if len(data) % 2:
                data, spare = data[:-1], data[-1:]
            self._chunks.append(data)
            total += len(data) // 2
            self._stamps.append((now, total))

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait()
        self._thread.join(2.0)

    def heard(self, audio: Path) -> Callable[[float], float] | None:
        """file seconds -> wall clock the sound arrived; None when the file is not found in the recording."""
        if not self._stamps:
            return None
        rec = np.frombuffer(b"".join(self._chunks), dtype=np.int16).astype(np.float32) / 32768
        played, rate = sf.read(str(audio), dtype="float32", always_2d=True)
        played = played.mean(axis=1)
        if rate != self.RATE:
            played = np.interp(np.arange(0, len(played), rate / self.RATE), np.arange(len(played)), played)
        ref = played[: int(self.ALIGN_S * self.RATE)]
        n = 1 << int(np.ceil(np.log2(len(rec) + len(ref))))
        corr = np.fft.irfft(np.fft.rfft(rec, n) * np.conj(np.fft.rfft(ref, n)), n)
        best = int(np.argmax(corr))
        if corr[best] <= 0.5 * float(np.dot(ref, ref)):
            return None
        start = best if best < len(rec) else best - n  # negative: the recording began after the file did
        stamps, counts = (np.array(x, dtype=float) for x in zip(*self._stamps, strict=True))
        def arrival(file_s: float) -> float:
            return float(np.interp(start + file_s * self.RATE, counts, stamps))
        return arrival


class PracticeApp:
    """`mockinterview practice` on the microphone (the monitor of `sink`) in a tmux pane of its own."""

    def __init__(self, app_dir: Path, home: Path, *, sink: str = SINK, seed: int = 1, size: str = "160x50") -> None:
        self.socket = f"mockinterview-bench-{os.getpid()}"
        self.app_dir = app_dir
        self.sink = sink
        device = ensure_virtual_mic()
        if device is None:
            raise SystemExit("PulseAudio is not installed: run scripts/setup.sh (it installs pulseaudio)")
        python = app_dir / ".venv" / "bin" / "python"
        cols, rows = size.split("x")
        command = (f"unset COLUMNS LINES; cd {app_dir} && PULSE_SOURCE={sink}.monitor MOCKINTERVIEW_HOME={home} "
                   f"exec {python} -m mockinterview practice --device {device} --seed {seed}")
        self._tmux("start-server", ";", "set-option", "-g", "default-size", size, ";",
                   "new-session", "-d", "-x", cols, "-y", rows, "-s", "bench", command)
        self.pid = int(self._tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").stdout.strip())
        self.socket_path = self._tmux("display-message", "-p", "#{socket_path}").stdout.strip()

    def _tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=env,
                              check=False)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "bench").stdout

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "bench", *keys)

    def alive(self) -> bool:
        return self._tmux("has-session", "-t", "bench").returncode == 0

    def rss_mb(self) -> float:
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return 0.0
        match = re.search(r"VmRSS:\s+(\d+)", status)
        return int(match.group(1)) / 1024 if match else 0.0

    def wait_for(self, condition: Callable[[str], bool], what: str, timeout: float = SCREEN_TIMEOUT_S,
                 poll_s: float = 0.1) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            if not self.alive():
                break
            time.sleep(poll_s)
        raise RuntimeError(f"never saw {what}; last screen:\n{screen}")

    def answer(self, audio: Path, *, enter_after_s: float, poll_s: float) -> AnswerRun:
        """Start an answer, play `audio` into the microphone, press Enter `enter_after_s` after it ends and
        wait for the scorecard; then go on to the next question."""
        self.next_question()
        self.keys("space")
        # the level meter draws bars once the stream delivers audio: nothing played from then on is lost
        self.wait_for(lambda s: "listening" in s and "▯" in s, "the open microphone")
        clock = SourceClock(f"{self.sink}.monitor")
        run = AnswerRun(audio, time.monotonic())
        player = subprocess.Popen(["paplay", f"--device={self.sink}", str(audio)])
        last = None
        while player.poll() is None:
            last = self._keep(run, last)
            time.sleep(poll_s)
        run.play_end = time.monotonic()
        time.sleep(0.05)
        clock.stop()
        run.heard = clock.heard(audio)
        if run.heard is not None:
            run.cable_delay_s = run.heard(0.0) - run.play_start
        run.status_at_end = status_line(self.screen())
        while time.monotonic() < run.play_end + enter_after_s:
            last = self._keep(run, last)
            time.sleep(min(poll_s, 0.05))
        run.enter = time.monotonic()
        self.keys("Enter")
        while time.monotonic() < run.enter + CARD_TIMEOUT_S and self.alive():
            screen = self.screen()
            if all(p in screen for p in CARD_PARTS):
                run.card = time.monotonic()
                break
            last = self._keep(run, last, screen)
            time.sleep(0.02)
        if run.card is None:
            raise RuntimeError(f"no scorecard {CARD_TIMEOUT_S:.0f} s after Enter; last screen:\n{self.screen()}")
        run.rss_mb = self.rss_mb()
        time.sleep(SETTLE_S)
        run.rss_settled_mb = self.rss_mb()
        return run

    def next_question(self) -> None:
        """From the scorecard (or the first question), on to a question waiting for the start key: the
        follow-up when there is one (`f`), else the next question (`n`), pressed again if the scorecard was
        still being drawn when the key came. Raises SessionOver after the session's last question."""
        deadline = time.monotonic() + SCREEN_TIMEOUT_S
        while time.monotonic() < deadline:
            screen = self.screen()
            if "press space to start" in screen:
                return
            if "last question of this session" in screen:
                raise SessionOver("the practice session asked all its questions")
            if "Scorecard" in screen and "Next question" in screen:  # drawn with its keys
                self.keys("f" if "Answer follow-up" in screen else "n")
            time.sleep(1.0)
        raise RuntimeError(f"never saw the start hint; last screen:\n{self.screen()}")

    def _keep(self, run: AnswerRun, last: str | None, screen: str | None = None) -> str | None:
        text = transcript_region(self.screen() if screen is None else screen)
        if text != last:
            run.screens.append((time.monotonic(), text))
        return text

    def quit(self) -> None:
        self.keys("q")
        deadline = time.monotonic() + 30
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        self._tmux("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


def transcript_region(screen: str) -> str:
    """The text inside the last box on the answer screen (the live transcript)."""
    lines = screen.splitlines()
    tops = [i for i, line in enumerate(lines) if line.lstrip().startswith("╭")]
    if not tops:
        return ""
    body = []
    for line in lines[tops[-1] + 1:]:
        if line.lstrip().startswith("╰"):
            break
        body.append(line.strip().strip("│").strip())
    return " ".join(x for x in body if x)


def status_line(screen: str) -> str:
    """The answer screen's input status line."""
    return next((line.strip() for line in screen.splitlines() if line.strip().startswith("Input:")), "")


class CpuHog:
    """A CPU-bound process pinned to one core (taskset), standing for a browser, a call or a build."""

    def __init__(self, core: int = 0) -> None:
        self.proc = subprocess.Popen(["taskset", "-c", str(core), sys.executable, "-c", "while True: pass"])

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()

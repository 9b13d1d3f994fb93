"""What the fault suite's tests share: the command line run as a user runs it, a real tmpfs, the app in tmux,
a PulseAudio null sink of the test's own (the fixtures using them are in conftest.py)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).parents[1]
FIXTURES = TESTS / "fixtures"
STORY = FIXTURES / "store" / "story.flac"
"""A 30 s spoken STAR answer."""
SHORT = FIXTURES / "audio" / "short-answer.flac"
"""A 15 s spoken answer (three sentences)."""

HANG_S = 5.0
"""Every wait that used to hang must end within this."""
INTERRUPT_S = 2.0
"""Ctrl-C must end a command within this."""
MODEL_S = 600.0
"""Generous bound for work that runs the speech model on a shared, loaded machine."""
VMIC_LOCK = "/tmp/vmic.lock"
"""Whoever plays into a PulseAudio sink holds this lock (see the rules of the repository)."""


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose data dir is `home`; the temp dir is private to the test too."""
    tmp = Path(extra.get("TMPDIR", home.parent / "tmp"))
    tmp.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return {**env, "MOCKINTERVIEW_HOME": str(home), "TMPDIR": str(tmp), **extra}


def run_cli(home: Path, *args: str, timeout: float = MODEL_S, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """`mockinterview ARGS` as a user runs it, with its data dir in `home` (`env`: more variables)."""
    return subprocess.run([sys.executable, "-m", "mockinterview", *args], capture_output=True, text=True,
                          timeout=timeout, env=cli_env(home, **(env or {})))


def one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exit code 2 and exactly one line on stderr, naming what is wrong; returns the line."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mockinterview: error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def sessions_json(home: Path, env: dict[str, str] | None = None) -> list[dict]:
    import json

    proc = run_cli(home, "sessions", "--json", timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def write_wav(path: Path, pcm: object, rate: int = 16000) -> Path:
    import wave

    import numpy as np

    data = np.asarray(pcm, dtype=np.int16).tobytes()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data)
    return path


def decoded(path: Path) -> object:
    """A file decoded as the app decodes it (16 kHz mono int16)."""
    from mockinterview.audio.sources import decode_file

    return decode_file(path)


# ---- a real tmpfs ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(where: Path, size_kb: int) -> Iterator[Path]:
    """Mount a tmpfs of `size_kb` on `where` (needs root), unmounted afterwards; skip where that is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {proc.stderr.strip()}")
    try:
        yield where
    finally:
        for _ in range(50):
            if subprocess.run(["umount", str(where)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)


def fill(path: Path) -> int:
    """Write `path` until the disk is full; returns the bytes written."""
    written = 0
    with open(path, "wb", buffering=0) as f:
        for size in (1 << 16, 1 << 12):
            chunk = os.urandom(size)
            while True:
                try:
                    n = f.write(chunk) or 0
                except OSError:
                    break
                written += n
                if n < size:
                    break
    return written


# ---- the app in tmux ------------------------------------------------------------------------------------


class Tmux:
    """The real app in a tmux server of its own (its own socket), 160x50."""

    def __init__(self, name: str, command: str, env: dict[str, str]) -> None:
        self.socket = f"mockinterview-faults-{os.getpid()}-{name}"
        self.env = env
        self.run("start-server", ";", "set-option", "-g", "default-size", "160x50", ";",
                 "new-session", "-d", "-x", "160", "-y", "50", "-s", "app", command)
        self.path = self.run("display-message", "-p", "#{socket_path}", check=False).stdout.strip()
        self.seen: list[str] = []

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check,
                              env=self.env)

    def screen(self) -> str:
        result = self.run("capture-pane", "-p", "-t", "app", check=False)
        return result.stdout if result.returncode == 0 else ""

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "app", *keys)

    def alive(self) -> bool:
        return self.run("has-session", "-t", "app", check=False).returncode == 0

    def wait(self, condition, what: str, timeout: float = MODEL_S) -> str:
        """The first screen for which `condition(screen)` holds (AssertionError after `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen:
                self.seen.append(screen)
            if screen and condition(screen):
                return screen
            if not self.alive():
                break
            time.sleep(0.1)
        last = self.seen[-1] if self.seen else "(none)"
        raise AssertionError(f"never saw {what} within {timeout:.0f} s; last screen:\n{last}")

    def kill(self) -> None:
        self.run("kill-server", check=False)
        if self.path:
            Path(self.path).unlink(missing_ok=True)


def app_command(home: Path, args: str, status: Path) -> str:
    """A shell command running `mockinterview ARGS` in the pane (the app draws on stderr, so stderr stays the
    terminal: a message printed on exit stays on the pane), then writing its exit code to `status`."""
    return f"unset COLUMNS LINES; {sys.executable} -m mockinterview {args}; echo $? > {status}; sleep 3600"


def exit_status(tmux: Tmux, status: Path, timeout: float = HANG_S) -> tuple[int, str]:
    """The app's exit code and what is on the pane after it ended (AssertionError if it did not end in time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if status.exists() and status.read_text().strip():
            return int(status.read_text()), tmux.screen()
        time.sleep(0.05)
    raise AssertionError(f"the app did not end within {timeout:.0f} s; last screen:\n{tmux.screen()}")


# ---- the PulseAudio lock and a null sink of our own --------------------------------------------------------


def holds(path: str) -> bool:
    """True if this process already has `path` open (inherited from `flock PATH pytest ...`)."""
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):
            if os.readlink(fd) == path:
                return True
    return False


def pactl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=20)


class NullSink:
    """A PulseAudio null sink of this test's own; its monitor is the microphone that will be lost."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.source = f"{name}.monitor"
        self.module: str | None = None

    def load(self) -> NullSink:
        proc = pactl("load-module", "module-null-sink", f"sink_name={self.name}",
                     f"sink_properties=device.description={self.name}")
        assert proc.returncode == 0, proc.stderr
        self.module = proc.stdout.strip()
        return self

    def unload(self) -> None:
        if self.module is not None:
            pactl("unload-module", self.module)
            self.module = None

    def play(self, path: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen(["paplay", f"--device={self.name}", str(path)])

"""The fault suite: each failure path reproduced the way a user meets it (`pytest -m faults` runs it alone).

The tests drive the real command line (in tmux for the app) on a real data dir and real SQLite; a full disk is
a real tmpfs, a lock is another process holding SQLite's lock, a lost microphone is a PulseAudio module
unloaded. Every test here is marked `faults`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .faultkit import VMIC_LOCK, NullSink, Tmux, app_command, cli_env, holds, pactl


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.faults)


@pytest.fixture
def tmux_app(tmp_path: Path):
    """Start the app in tmux: `start(home, args) -> (Tmux, status_file)`; killed after the test."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    started: list[Tmux] = []

    def start(home: Path, args: str, **env: str) -> tuple[Tmux, Path]:
        status = tmp_path / f"status-{len(started)}"
        tmux = Tmux(f"{tmp_path.name}-{len(started)}", app_command(home, args, status), cli_env(home, **env))
        started.append(tmux)
        return tmux, status

    yield start
    for tmux in started:
        tmux.kill()


@pytest.fixture
def vmic_lock() -> Iterator[None]:
    """Hold /tmp/vmic.lock (unless a parent `flock` holds it for us already)."""
    if holds(VMIC_LOCK):
        yield
        return
    fd = os.open(VMIC_LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + 1800
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{VMIC_LOCK} stayed locked for 30 minutes")
                time.sleep(0.5)
        yield
    finally:
        os.close(fd)


@pytest.fixture
def own_sink(vmic_lock: None) -> Iterator[NullSink]:
    """A null sink named for this test (never the shared mockinterview_vmic), unloaded afterwards."""
    if shutil.which("pactl") is None or pactl("info").returncode != 0:
        pytest.skip("no PulseAudio server (scripts/test.sh starts one)")
    sink = NullSink(f"mockinterview_faults_{os.getpid()}").load()
    try:
        yield sink
    finally:
        sink.unload()

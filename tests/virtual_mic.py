"""A PulseAudio null sink used as a virtual microphone: play audio into the sink, record its monitor."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator

SINK = "mockinterview_vmic"


def _pactl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10)


def _start_pulseaudio() -> bool:
    """Start PulseAudio if it is not running; False when it is not installed."""
    if not shutil.which("pulseaudio") or not shutil.which("pactl"):
        return False
    if _pactl("info").returncode != 0:
        subprocess.run(
            ["pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit"],
            capture_output=True, timeout=20,
        )
        for _ in range(50):
            if _pactl("info").returncode == 0:
                break
            time.sleep(0.1)
    return True


def ensure_virtual_mic() -> str | None:
    """Start PulseAudio if needed, load the null sink, make its monitor the default source.

    Returns the PortAudio device name to record from, or None (with the reason printed) when PulseAudio is
    not installed.
    """
    if not _start_pulseaudio():
        return None
    sinks = _pactl("list", "short", "sinks").stdout
    if SINK not in sinks:
        _pactl("load-module", "module-null-sink", f"sink_name={SINK}",
               "sink_properties=device.description=mockinterview-virtual-mic")
    _pactl("set-default-source", f"{SINK}.monitor")
    os.environ["PULSE_SOURCE"] = f"{SINK}.monitor"
    return "pulse"


def play_into_mic(path: str) -> subprocess.Popen:
    """Play an audio file into the virtual microphone (returns at once)."""
    return subprocess.Popen(["paplay", f"--device={SINK}", str(path)])


@contextlib.contextmanager
def own_virtual_mic(name: str) -> Iterator[str]:
    """A null sink of the caller's own, so no other audio played on this machine can reach its microphone.
    New streams of this process play into it (PULSE_SINK) and record its monitor (PULSE_SOURCE) through the
    PortAudio device "pulse", which is yielded; the sink is removed afterwards."""
    if not _start_pulseaudio():
        raise RuntimeError("PulseAudio is not installed: run scripts/setup.sh (it installs pulseaudio)")
    module = _pactl("load-module", "module-null-sink", f"sink_name={name}",
                    f"sink_properties=device.description={name}").stdout.strip()
    saved = {k: os.environ.get(k) for k in ("PULSE_SINK", "PULSE_SOURCE")}
    os.environ.update(PULSE_SINK=name, PULSE_SOURCE=f"{name}.monitor")
    try:
        yield "pulse"
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if module:
            _pactl("unload-module", module)


def play_into(sink: str, path: str) -> subprocess.Popen:
    """Play an audio file into a sink (returns at once)."""
    return subprocess.Popen(["paplay", f"--device={sink}", str(path)])

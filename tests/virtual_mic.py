"""A PulseAudio null sink used as a virtual microphone: play audio into the sink, record its monitor."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

SINK = "mockinterview_vmic"


def _pactl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10)


def ensure_virtual_mic() -> str | None:
    """Start PulseAudio if needed, load the null sink, make its monitor the default source.

    Returns the PortAudio device name to record from, or None (with the reason printed) when PulseAudio is
    not installed.
    """
    if not shutil.which("pulseaudio") or not shutil.which("pactl"):
        return None
    if _pactl("info").returncode != 0:
        subprocess.run(
            ["pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit"],
            capture_output=True, timeout=20,
        )
        for _ in range(50):
            if _pactl("info").returncode == 0:
                break
            time.sleep(0.1)
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

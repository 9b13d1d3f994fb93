"""Case 9: the microphone goes away mid-answer in `practice`: its PulseAudio module is unloaded (the server then
moves the recording elsewhere without telling PortAudio), or its stream is killed (PortAudio's ALSA layer prints
C errors). The app says at once that it is gone, keeps what was said, prints nothing over the screen, and
offers to retry the device."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .faultkit import HANG_S, STORY, exit_status, pactl, sessions_json

pytestmark = [pytest.mark.model, pytest.mark.mic]

NATIVE_NOISE = ("Expression '", "pa_linux_alsa", "ALSA lib", "PaAlsa")
"""What PortAudio and ALSA print on stderr when a device dies."""


def words_on_screen(screen: str) -> int:
    lines = screen.splitlines()
    tops = [i for i, line in enumerate(lines) if line.strip().startswith("╭")]
    box = [line.strip(" │") for line in lines[tops[-1] + 1:] if line.strip().startswith("│")] if tops else []
    return len(re.findall(r"[A-Za-z']+", " ".join(box)))


NOISY_STDERR = """
import os, threading, time

def _noise(trigger):
    while not os.path.exists(trigger):
        time.sleep(0.05)
    for _ in range(5):  # what PortAudio's ALSA layer writes to file descriptor 2 when a device fails
        os.write(2, b"Expression 'err' failed in 'src/hostapi/alsa/pa_linux_alsa.c', line: 3665\\n")

threading.Thread(target=_noise, args=(os.environ["NOISE_TRIGGER"],), daemon=True).start()
"""
"""A sitecustomize for the app's process: native code printing on stderr as the device fails (PortAudio prints
only when a device fails in a certain way, so the test makes sure something is printed at that moment)."""


def kill_our_stream(source: str) -> None:
    """Kill the app's recording stream on the server, as a dying device driver would."""
    listing = json.loads(pactl("--format=json", "list", "source-outputs").stdout or "[]")
    sources = {s["index"]: s["name"] for s in json.loads(pactl("--format=json", "list", "sources").stdout)}
    [stream] = [o for o in listing if sources.get(o["source"]) == source]
    subprocess.run(["pacmd", "kill-source-output", str(stream["index"])], check=True, timeout=20)


@pytest.mark.parametrize("how", ["module unloaded", "stream killed"])
def test_losing_the_microphone_mid_answer(tmp_path: Path, tmux_app, own_sink, how: str, record_property) -> None:
    if how == "stream killed" and shutil.which("pacmd") is None:
        pytest.skip("pacmd is not installed")
    home = tmp_path / "home"
    env = {}
    if how == "stream killed":
        site = tmp_path / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(NOISY_STDERR)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
        env["NOISE_TRIGGER"] = str(tmp_path / "device-failed")
    tmux, status = tmux_app(home, f"practice --device {own_sink.source} --auto-start --seed 3", **env)
    tmux.wait(lambda s: "listening" in s, "listening")
    player = own_sink.play(STORY)
    try:
        tmux.wait(lambda s: words_on_screen(s) >= 8, "words from the microphone")
        if how == "module unloaded":
            own_sink.unload()
        else:
            kill_our_stream(own_sink.source)
            (tmp_path / "device-failed").touch()
        lost = time.monotonic()
        tmux.wait(lambda s: "microphone is gone" in s, "the microphone is gone", timeout=HANG_S)
        record_property("microphone-gone message after s", round(time.monotonic() - lost, 2))
        assert time.monotonic() - lost < 2.0
        failed = tmux.wait(lambda s: "try the microphone again" in s, "the offer to retry", timeout=HANG_S)
        assert "saved" in failed and "Scorecard" not in failed
    finally:
        player.kill()
    for screen in tmux.seen:
        assert not any(noise in screen for noise in NATIVE_NOISE), screen

    # what was said is saved (while the app still runs)
    [session] = sessions_json(home)
    [answer] = session["answers"]
    assert answer["status"] == "incomplete" and answer["words"] >= 8

    # r tries the device again: gone, it says so; back, the next answer can start
    if how == "module unloaded":
        tmux.keys("r")
        tmux.wait(lambda s: "not found" in s and own_sink.source in s, "the device still missing", timeout=HANG_S)
        own_sink.load()
    tmux.keys("r")
    tmux.wait(lambda s: "press space to start answering" in s, "ready to answer again", timeout=HANG_S)
    tmux.keys("q")
    code, after = exit_status(tmux, status)
    assert code == 0, after
    if how == "stream killed":  # what native code printed went to the log, not over the screen
        log = (home / "stderr.log").read_text()
        assert "pa_linux_alsa" in log, log

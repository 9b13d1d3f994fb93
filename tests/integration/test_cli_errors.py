"""Bad input gives one clear line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"


def run_cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mockinterview", *args],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
    )


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_missing_file(tmp_path):
    assert_one_line_error(run_cli("transcribe", str(tmp_path / "nope.wav")), "nope.wav", "no such")


def test_corrupt_file(tmp_path):
    bad = tmp_path / "broken.flac"
    bad.write_bytes(b"fLaC" + os.urandom(4000))
    assert_one_line_error(run_cli("transcribe", str(bad)), "broken.flac", "cannot decode")


def test_unsupported_file(tmp_path):
    text = tmp_path / "notes.mp3"
    text.write_text("this is not audio at all\n" * 50)
    assert_one_line_error(run_cli("transcribe", str(text)), "notes.mp3")


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    assert_one_line_error(run_cli("transcribe", str(empty)), "empty.wav")


def test_missing_model_directory(tmp_path):
    proc = run_cli("transcribe", str(FIXTURES / "audio" / "short-answer.flac"), "--model", str(tmp_path / "m"))
    assert_one_line_error(proc, "model", "not found")


def test_unknown_model_name_is_not_downloaded():
    proc = run_cli("transcribe", str(FIXTURES / "audio" / "short-answer.flac"), "--model", "large-v9",
                   env={"HF_HUB_OFFLINE": "1"})
    assert_one_line_error(proc, "large-v9", "models/large-v9/")


def test_broken_model_directory(tmp_path):
    model = tmp_path / "broken-model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "model.bin").write_bytes(b"garbage")
    proc = run_cli("transcribe", str(FIXTURES / "audio" / "short-answer.flac"), "--model", str(model))
    assert_one_line_error(proc, "broken-model", "cannot be loaded")


def test_no_portaudio():
    env = {"PYTHONPATH": str(FIXTURES / "no_portaudio")}
    assert_one_line_error(run_cli("devices", env=env), "PortAudio", "libportaudio2")
    assert_one_line_error(run_cli("transcribe", "--mic", env=env), "PortAudio")


def test_no_such_input_device():
    assert_one_line_error(run_cli("transcribe", "--mic", "--device", "no-such-microphone"),
                          "no-such-microphone", "mockinterview devices")


def test_usage_errors_exit_2(tmp_path):
    proc = run_cli("transcribe")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = run_cli("transcribe", str(FIXTURES / "audio" / "short-answer.flac"), "--pace", "-1")
    assert_one_line_error(proc, "--pace")


@pytest.mark.model
def test_transcribe_prints_words(short_answer):
    proc = run_cli("transcribe", str(short_answer[0]))
    assert proc.returncode == 0, proc.stderr
    assert "index" in proc.stdout.lower()

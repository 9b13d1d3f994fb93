"""Case 11: the smaller ones. A refused --seconds, a private export, the right advice for a read-only folder,
grammatical messages, and PulseAudio sources listed by `devices`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .faultkit import cli_env, one_line_error, run_cli

ANSWER = "Last year I led the migration of our payment system and cut failed payments by forty percent."


def scored(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    text = tmp_path / "answer.txt"
    text.write_text(ANSWER)
    assert run_cli(home, "score", str(text), timeout=120).returncode == 0
    return home


def test_transcribe_refuses_a_negative_duration(tmp_path: Path) -> None:
    for seconds in ("-5", "0"):
        one_line_error(run_cli(tmp_path / "home", "transcribe", "--mic", "--seconds", seconds, timeout=60),
                       f"--seconds {seconds}")


def test_export_onto_an_existing_file_makes_it_private(tmp_path: Path) -> None:
    home = scored(tmp_path)
    out = tmp_path / "export.md"
    out.write_text("old notes\n")
    out.chmod(0o644)
    proc = run_cli(home, "export", "1", "-o", str(out), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (out.stat().st_mode & 0o777) == 0o600 and "old notes" not in out.read_text()


def as_user_without_override(*cmd: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run as root without CAP_DAC_OVERRIDE: file modes apply as they do to an ordinary user."""
    return subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search", *cmd],
                          capture_output=True, text=True, timeout=120, env=env)


needs_setpriv = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                                   reason="needs root and setpriv to drop the permission override")


@needs_setpriv
def test_a_writable_database_in_a_read_only_folder_gets_the_folder_advice(tmp_path: Path) -> None:
    home = scored(tmp_path)
    for extra in ("-wal", "-shm"):
        Path(f"{home}/sessions.db{extra}").unlink(missing_ok=True)
    home.chmod(0o500)
    try:
        text = tmp_path / "answer.txt"
        line = one_line_error(as_user_without_override(sys.executable, "-m", "mockinterview", "score", str(text),
                                                       env=cli_env(home)), str(home))
    finally:
        home.chmod(0o700)
    assert "folder" in line and f"chmod u+w '{home}'" in line, line
    assert "sessions.db')" not in line  # not the file's mode: it is writable


def test_os_errors_read_as_sentences(tmp_path: Path) -> None:
    """The messages built from an action ("creating the recording") and the system's reason are sentences."""
    from mockinterview.storage.db import store_error

    path = tmp_path / "gone" / "1.wav"
    try:
        os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except OSError as exc:
        message = str(store_error(exc, path, "creating the recording"))
    assert message == (f"{path}: creating the recording failed (No such file or directory); check the disk and "
                       "the permissions of the data dir")
    package = Path(__file__).parents[2] / "mockinterview"
    for source in package.rglob("*.py"):
        text = source.read_text()
        assert "cannot {action}" not in text and "cannot {what}" not in text, source


def test_devices_lists_the_pulseaudio_sources(tmp_path: Path, own_sink) -> None:
    proc = run_cli(tmp_path / "home", "devices", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert own_sink.source in proc.stdout
    rows = json.loads(run_cli(tmp_path / "home", "devices", "--json", timeout=60).stdout)
    [row] = [r for r in rows if r["name"] == own_sink.source]
    assert row["pulse_source"] and row["monitor"]
    # and the name works as a device
    listen = subprocess.run([sys.executable, "-m", "mockinterview", "transcribe", "--mic", "--device",
                             own_sink.source, "--seconds", "1", "--json"], capture_output=True, text=True,
                            timeout=600, env=cli_env(tmp_path / "home"))
    assert listen.returncode == 0, listen.stderr
    assert json.loads(listen.stdout)["duration_s"] >= 0.5

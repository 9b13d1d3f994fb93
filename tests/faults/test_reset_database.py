"""Case 1: after sessions.db is moved aside (as the damaged-database message advises), the old recordings stay in
recordings/. New answers must never write over them, never fail on them, and never point at them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from .faultkit import SHORT, STORY, decoded, exit_status, run_cli, sessions_json, write_wav

pytestmark = pytest.mark.model


def digests(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((home / "recordings").rglob("*")) if p.is_file()}


def reset(home: Path) -> None:
    """What the damaged-database message says to do: move the database aside; a new one is started."""
    db = home / "sessions.db"
    db.rename(home / "sessions.db.bad")
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)


def test_new_answers_never_collide_with_recordings_of_a_reset_database(tmp_path: Path) -> None:
    home = tmp_path / "home"
    old_audio, new_audio = SHORT, write_wav(tmp_path / "new.wav", np.asarray(decoded(STORY))[: 16000 * 12])
    for _ in range(2):
        assert run_cli(home, "score", str(old_audio)).returncode == 0
    old = digests(home)
    assert set(old) == {"recordings/1/1.wav", "recordings/2/2.wav"}
    reset(home)

    for _ in range(3):
        proc = run_cli(home, "score", str(new_audio))
        assert proc.returncode == 0, proc.stderr
        assert "File exists" not in proc.stderr and "recording" not in proc.stderr
    # no junk: three complete answers, each with its own new recording; the old files are untouched
    sessions = sessions_json(home)
    assert [[a["status"] for a in s["answers"]] for s in sessions] == [["complete"]] * 3
    now = digests(home)
    assert {k: now[k] for k in old} == old
    exported = json.loads(run_cli(home, "export", "1", "--format", "json", timeout=60).stdout)
    [answer] = exported["questions"][0]["answers"]
    recording = Path(answer["recording"])
    assert str(recording.relative_to(home)) not in old, "the new session shows an old recording"
    from mockinterview.storage.recordings import read_wav

    pcm, _ = read_wav(recording)
    assert pcm == np.asarray(decoded(new_audio)).tobytes()[: len(pcm)] and len(pcm) > 16000 * 2 * 10


def test_a_written_answer_creates_no_recording(tmp_path: Path) -> None:
    home = tmp_path / "home"
    text = tmp_path / "answer.txt"
    text.write_text("Last year I led the migration of our payment system and cut failures by forty percent.")
    assert run_cli(home, "score", str(text), timeout=120).returncode == 0
    assert digests(home) == {}
    [session] = sessions_json(home)
    assert session["answers"][0]["status"] == "complete"


def test_the_app_after_a_reset_reaches_listening(tmp_path: Path, tmux_app) -> None:
    """The app used to hang on "opening the input…" when the first answer's recording name was taken."""
    home = tmp_path / "home"
    assert run_cli(home, "score", str(SHORT)).returncode == 0
    reset(home)
    old = digests(home)
    tmux, status = tmux_app(home, f"practice --input {STORY} --pace 4 --seed 3")
    tmux.wait(lambda s: "listening" in s or "scoring" in s or "Scorecard" in s, "the answer running")
    tmux.wait(lambda s: "Scorecard" in s and "Overall" in s, "the scorecard")
    tmux.keys("q")
    code, err = exit_status(tmux, status)
    assert code == 0, err
    assert {k: digests(home)[k] for k in old} == old
    [session] = sessions_json(home)
    assert session["answers"][0]["status"] == "complete"

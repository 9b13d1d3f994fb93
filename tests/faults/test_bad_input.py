"""Cases 4-8: silence, bad files, huge ids, terminal escapes in bank text and an endless bank file each give
one clear line (exit 2) or a clean result, and store nothing false or half-made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from .faultkit import HANG_S, SHORT, cli_env, one_line_error, run_cli, sessions_json, write_wav

ESCAPES = "\u001b]0;pwned\u0007"
"""OSC 0 (set the terminal title) ended by BEL: printed raw, it retitles the terminal."""
HUGE = "99999999999999999999999"


# ---- 4: silence or a blip -------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("kind", ["silence", "blip"])
def test_score_without_speech_has_no_scorecard(tmp_path: Path, kind: str) -> None:
    home = tmp_path / "home"
    if kind == "silence":
        audio = write_wav(tmp_path / "silence.wav", np.zeros(16000 * 600, dtype=np.int16))  # 10 minutes
    else:
        t = np.arange(int(16000 * 0.2)) / 16000
        audio = write_wav(tmp_path / "blip.wav", 16000 * np.sin(2 * np.pi * 440 * t))  # a 0.2 s tone
    for extra in ((), ("--json",), ("--no-save",)):
        proc = run_cli(home, "score", str(audio), *extra)
        one_line_error(proc, audio.name, "No scorecard: no speech was heard")
        assert proc.stdout == ""
    # what is stored says what happened: incomplete, no score, nothing quoted
    for session in sessions_json(home):
        [answer] = session["answers"]
        assert answer["status"] == "incomplete" and answer["overall"] is None and answer["words"] == 0
    md = run_cli(home, "export", "1", "--format", "md", timeout=60).stdout
    assert "no speech was heard" in md and "overall" not in md and "per minute" not in md


# ---- 5: bad files are refused before anything is stored -------------------------------------------------


def bad_files(tmp_path: Path) -> list[Path]:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    noise = tmp_path / "random.wav"
    noise.write_bytes(np.random.default_rng(7).integers(0, 256, 50_000, dtype=np.uint8).tobytes())
    text = tmp_path / "notes.mp3"
    text.write_text("this is not audio at all\n" * 50)
    header_only = write_wav(tmp_path / "header-only.wav", np.zeros(0, dtype=np.int16))
    return [empty, noise, text, header_only]


def assert_nothing_stored(home: Path) -> None:
    assert not (home / "sessions.db").exists() or sessions_json(home) == []
    recordings = [p for p in (home / "recordings").rglob("*") if p.is_file()] if (home / "recordings").exists() else []
    assert recordings == []


def test_score_refuses_a_bad_file_before_storing_anything(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for path in bad_files(tmp_path):
        one_line_error(run_cli(home, "score", str(path), timeout=120), path.name)
    empty_text = tmp_path / "empty.txt"
    empty_text.write_text("  \n")
    one_line_error(run_cli(home, "score", str(empty_text), timeout=120), "empty.txt", "empty")
    assert_nothing_stored(home)


def test_practice_refuses_a_bad_input_file_before_starting(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for path in bad_files(tmp_path):
        proc = run_cli(home, "practice", "--input", str(SHORT), "--input", str(path), timeout=120)
        one_line_error(proc, path.name)
    assert_nothing_stored(home)


# ---- 6: huge ids ----------------------------------------------------------------------------------------


def test_huge_ids_are_no_such_session(tmp_path: Path) -> None:
    home = tmp_path / "home"
    text = tmp_path / "a.txt"
    text.write_text("I shipped the migration in six weeks and cut failures by forty percent.")
    assert run_cli(home, "score", str(text), timeout=120).returncode == 0
    assert run_cli(home, "stories", "add", "--title", "Migration", timeout=60).returncode == 0
    for args, needle in [
        (("export", HUGE), f"no session {HUGE}"),
        (("export", HUGE, "--format", "json"), f"no session {HUGE}"),
        (("stories", "remove", HUGE), f"no story {HUGE}"),
        (("stories", "edit", HUGE, "--title", "x"), f"no story {HUGE}"),
        (("stories", "link", HUGE, "1"), f"no answer {HUGE}"),
        (("stories", "link", "1", HUGE), f"no story {HUGE}"),
        (("stories", "link", HUGE, "none"), f"no answer {HUGE}"),
        (("review", HUGE), f"no session {HUGE}"),
        (("review", "5"), "no session 5"),
    ]:
        one_line_error(run_cli(home, *args, timeout=60), needle)
    [session] = sessions_json(home)
    assert session["answers"][0]["status"] == "complete"  # nothing was changed


# ---- 7: control characters ------------------------------------------------------------------------------


def evil_bank(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    bank = directory / "evil.toml"
    bank.write_text(
        "[bank]\ntitle = \"Evil\"\n\n[[question]]\nid = \"evil-01\"\n"
        f"text = \"Tell me about a time {json.dumps(ESCAPES)[1:-1]} you failed.\"\ncategory = \"failure\"\n"
        "probes = [\"What happened next?\", \"What did you learn?\"]\n")
    return bank


def test_banks_check_rejects_control_characters(tmp_path: Path) -> None:
    bank = evil_bank(tmp_path / "banks")
    proc = run_cli(tmp_path / "home", "banks", "check", str(bank), timeout=60)
    assert proc.returncode == 2 and "\x1b" not in proc.stdout + proc.stderr
    assert "evil.toml:6: field 'text': holds the control character U+001B" in proc.stdout
    # and the app will not load it either
    env_proc = subprocess.run([sys.executable, "-m", "mockinterview", "banks"], capture_output=True, text=True,
                              timeout=60, env=cli_env(tmp_path / "home", MOCKINTERVIEW_BANKS=str(bank.parent)))
    one_line_error(env_proc, "evil.toml", "control character")


def test_text_output_escapes_control_characters(tmp_path: Path) -> None:
    """Text saved before the check existed (or typed on the command line) is printed inert."""
    from mockinterview.storage.store import open_store

    home = tmp_path / "home"
    with open_store(home) as store:  # an old bank's question, stored as it was asked
        sid = store.start_session("practice", bank="evil")
        store.add_question(sid, f"Tell me about a time {ESCAPES} you failed.", category="failure")
        store.end_session(sid)
    answer = tmp_path / "answer.txt"
    answer.write_text(f"So I {ESCAPES} fixed the\rbuild and cut failures by half. I learned to test first.")
    scored = run_cli(home, "score", str(answer), "--question", f"Why {ESCAPES}?", timeout=120)
    assert scored.returncode == 0, scored.stderr
    assert run_cli(home, "stories", "add", "--title", f"Build {ESCAPES}", timeout=60).returncode == 0
    outputs = {
        "score": scored.stdout,
        "sessions": run_cli(home, "sessions", timeout=60).stdout,
        "export 1 md": run_cli(home, "export", "1", "--format", "md", timeout=60).stdout,
        "export 2 md": run_cli(home, "export", "2", "--format", "md", timeout=60).stdout,
        "export 2 json": run_cli(home, "export", "2", "--format", "json", timeout=60).stdout,
        "stories list": run_cli(home, "stories", "list", timeout=60).stdout,
    }
    for name, out in outputs.items():
        assert out.strip(), name
        assert not any(c in out for c in "\x1b\x07\r"), name
    assert "\\x1b]0;pwned\\x07" in outputs["export 1 md"] and "\\x1b]0;pwned\\x07" in outputs["sessions"]
    assert "\\x1b" in outputs["score"]


# ---- 8: an endless bank file ----------------------------------------------------------------------------


def test_banks_check_of_an_endless_file_is_refused_quickly(tmp_path: Path, record_property) -> None:
    probe = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "print(p.returncode); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
             "print(p.stdout.strip()); print(p.stderr.strip())")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "mockinterview", "banks", "check",
                           "/dev/zero"], capture_output=True, text=True, timeout=60, env=cli_env(tmp_path / "home"))
    took = time.monotonic() - started
    code, max_rss_kb, out, *_ = proc.stdout.splitlines()
    record_property("banks check /dev/zero s", round(took, 2))
    record_property("banks check /dev/zero max RSS KB", int(max_rss_kb))
    assert int(code) == 2 and "/dev/zero" in out and "too big for a question bank" in out
    assert int(max_rss_kb) < 200_000, f"read {max_rss_kb} KB"
    assert took < HANG_S * 3  # a cold start of the interpreter on a loaded machine included
    big = tmp_path / "big.toml"
    big.write_bytes(b"# padding\n" * 200_000)
    assert "too big" in run_cli(tmp_path / "home", "banks", "check", str(big), timeout=60).stdout
    assert os.path.getsize(big) > 1 << 20

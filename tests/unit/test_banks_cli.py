"""`mockinterview banks [--json]` and `mockinterview banks check PATH` through the real CLI entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mockinterview.cli import main
from mockinterview.session.banks import ENV_BANKS
from mockinterview.storage.paths import HOME_ENV

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "banks"
SHIPPED = {"amazon_principles", "core", "general", "must_have", "staff_plus"}


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv(ENV_BANKS, raising=False)
    return home


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_banks_json_lists_shipped_banks_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["banks", "--json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert {r["name"] for r in rows} == SHIPPED
    assert all(set(r) == {"name", "path", "questions"} for r in rows)
    assert all(Path(r["path"]).is_file() and r["questions"] > 0 for r in rows)
    assert sum(r["questions"] for r in rows) >= 120


def test_banks_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["banks"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "QUESTIONS", "SOURCE", "PATH"]
    core = next(line for line in lines if line.startswith("core "))
    assert core.split()[1:3] == ["42", "shipped"]
    assert lines[-1].startswith("5 banks, ")


def test_user_bank_directory_shows_up(isolated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (isolated / "banks").mkdir(parents=True)
    shutil.copy(FIXTURES / "good" / "short.toml", isolated / "banks" / "mine.toml")
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(FIXTURES / "good" / "team_loop.toml", extra / "loop.toml")
    monkeypatch.setenv(ENV_BANKS, str(extra))
    code, out, _ = run(["banks", "--json"], capsys)
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["mine"] == {"name": "mine", "path": str(isolated / "banks" / "mine.toml"), "questions": 2}
    assert rows["loop"]["questions"] == 3
    assert set(rows) >= SHIPPED


def test_broken_user_bank_is_one_line_naming_file_and_line(isolated: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (isolated / "banks").mkdir(parents=True)
    shutil.copy(FIXTURES / "broken" / "unknown_fields.toml", isolated / "banks" / "mine.toml")
    code, out, err = run(["banks"], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"mockinterview: error: {isolated / 'banks' / 'mine.toml'}:3: field 'author': ")


def test_check_good_file_and_directory(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["banks", "check", str(FIXTURES / "good" / "team_loop.toml")], capsys)
    assert code == 0
    assert out.startswith("OK  ") and "bank 'team_loop', 3 questions (failure 1, general 1, launch 1)" in out
    code, out, _ = run(["banks", "check", str(FIXTURES / "good")], capsys)
    assert code == 0
    assert out.count("OK  ") == 3 and out.rstrip().endswith("OK  2 banks, 5 questions")


def test_check_shipped_banks_pass(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = Path(__file__).resolve().parents[2] / "question_banks"
    code, out, _ = run(["banks", "check", str(shipped)], capsys)
    assert code == 0 and "5 banks" in out


def test_check_broken_file_prints_each_error_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "broken" / "bad_values.toml"
    code, out, err = run(["banks", "check", str(path)], capsys)
    assert code == 2
    lines = out.splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        [f"{path}:4", "field 'category'"],
        [f"{path}:5", "field 'principles'"],
        [f"{path}:6", "field 'must_have'"],
        [f"{path}:10", "field 'id'"],
    ]
    assert err.strip() == "4 problems in 1 file"


def test_check_directory_with_good_and_broken_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "good" / "short.toml", tmp_path / "good.toml")
    shutil.copy(FIXTURES / "broken" / "syntax_unclosed_string.toml", tmp_path / "bad.toml")
    code, out, err = run(["banks", "check", str(tmp_path)], capsys)
    assert code == 2
    assert f"{tmp_path / 'bad.toml'}:3: field 'text': TOML syntax: " in out
    assert f"OK  {tmp_path / 'good.toml'}" in out
    assert err.strip() == "1 problem in 1 file"


def test_check_notes_a_user_bank_that_replaces_a_shipped_one(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "good" / "short.toml", tmp_path / "core.toml")
    code, out, _ = run(["banks", "check", str(tmp_path / "core.toml")], capsys)
    assert code == 0 and "replaces the shipped bank 'core'" in out


def test_check_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["banks", "check", str(tmp_path / "nope.toml")], capsys)
    assert code == 2 and out.strip() == f"{tmp_path / 'nope.toml'}: no such file (check the path)"


def test_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("mockinterview")
    if not script.exists():
        pytest.skip("console script not installed")
    result = subprocess.run([str(script), "banks", "check", str(FIXTURES / "broken" / "duplicate_ids.toml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert ":14: field 'id': duplicate id 'failure-01'" in result.stdout

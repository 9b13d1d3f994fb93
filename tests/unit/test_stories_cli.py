"""`mockinterview stories add|list|edit|remove|coverage|link` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import text_report

from mockinterview.cli import main
from mockinterview.session.answer import save_scored_answer
from mockinterview.session.stories import story_notes_for_answer
from mockinterview.storage.paths import HOME_ENV
from mockinterview.storage.store import open_store
from mockinterview.storage.stories import get_attempt
from mockinterview.types import CATEGORIES, Question


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(path))
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def add_launch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["stories", "add", "--title", "Offline mode launch", "--facts", "4,000 technicians",
                        "--category", "launch", "--principle", "deliver-results", "--principle", "Customer Obsession",
                        "--must-have", "achievement"], capsys)
    assert code == 0 and out.strip() == "Added story #1 'Offline mode launch'"


def test_list_and_coverage_before_anything_creates_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["stories", "list"], capsys)
    assert code == 0 and out.startswith("No stories yet.")
    assert run(["stories", "list", "--json"], capsys)[1].strip() == "[]"
    code, out, _ = run(["stories", "coverage", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["stories"] == 0 and len(data["categories"]) == len(CATEGORIES)
    assert not home.exists()


def test_add_then_list(capsys: pytest.CaptureFixture[str]) -> None:
    add_launch(capsys)
    code, out, _ = run(["stories", "add", "--title", "Food bank rota", "--category", "simplification",
                        "--non-work"], capsys)
    assert code == 0
    code, out, _ = run(["stories", "list", "--json"], capsys)
    rows = json.loads(out)
    assert [r["title"] for r in rows] == ["Offline mode launch", "Food bank rota"]
    first = rows[0]
    assert first["principles"] == ["deliver_results", "customer_obsession"]
    assert first["must_have"] == ["achievement"] and first["facts"] == "4,000 technicians"
    assert (first["attempts"], first["best"], first["latest"]) == (0, None, None)
    assert rows[1]["non_work"] is True
    code, out, _ = run(["stories", "list"], capsys)
    assert "#1  Offline mode launch   attempts 0  best -  latest -" in out
    assert "#2  Food bank rota  (non-work)" in out
    assert out.strip().endswith("2 stories; `mockinterview stories coverage` shows the gaps")


def test_edit_and_remove(capsys: pytest.CaptureFixture[str]) -> None:
    add_launch(capsys)
    code, out, _ = run(["stories", "edit", "1", "--title", "Offline launch", "--category", "launch",
                        "--category", "incomplete-information", "--non-work"], capsys)
    assert code == 0 and out.strip() == "Saved story #1 'Offline launch'"
    row = json.loads(run(["stories", "list", "--json"], capsys)[1])[0]
    assert row["categories"] == ["launch", "incomplete_information"] and row["non_work"] is True
    assert row["principles"] == ["deliver_results", "customer_obsession"]  # not given: unchanged
    assert run(["stories", "edit", "#1", "--work"], capsys)[0] == 0
    assert json.loads(run(["stories", "list", "--json"], capsys)[1])[0]["non_work"] is False
    code, out, _ = run(["stories", "remove", "1"], capsys)
    assert code == 0 and out.strip() == "Removed story #1 'Offline launch'"
    assert json.loads(run(["stories", "list", "--json"], capsys)[1]) == []


@pytest.mark.parametrize(("argv", "message"), [
    (["stories", "add", "--title", "X", "--category", "failur"],
     "unknown category 'failur'; choose from: launch, disagree_leadership, failure, mentoring, peer_conflict, "
     "incomplete_information, simplification"),
    (["stories", "add", "--title", "X", "--principle", "frugality"], "unknown principle 'frugality'; choose from:"),
    (["stories", "add", "--title", "X", "--must-have", "launch"], "unknown must-have story 'launch'; choose from:"),
    (["stories", "add", "--facts", "no title"], "a story needs a title"),
    (["stories", "edit", "3", "--title", "X"], "no story 3; `mockinterview stories list` shows them"),
    (["stories", "edit", "abc"], "story id must be a number, not 'abc'"),
    (["stories", "remove", "5"], "no story 5"),
    (["stories", "link", "9", "1"], "no story 1"),
    (["stories", "link", "x", "1"], "answer id must be a number"),
])
def test_errors_are_one_line_and_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("mockinterview: error: ")
    assert message in err


def test_link_confirms_and_changes_a_link(capsys: pytest.CaptureFixture[str]) -> None:
    add_launch(capsys)
    run(["stories", "add", "--title", "Payments outage", "--category", "failure"], capsys)
    text = ("I owned the offline mode launch. We shipped to 4,000 technicians eleven days early, "
            "and sync failures stayed under half a percent.")
    with open_store() as store:
        _, answer = save_scored_answer(store, text_report(text),
                                       question=Question("l1", "Tell me about a launch.", "launch", "core"))
    code, out, _ = run(["stories", "link", str(answer), "2"], capsys)
    assert code == 0 and out.strip() == f"Answer {answer} is linked to story #2"
    code, out, _ = run(["stories", "link", str(answer), "1"], capsys)
    with open_store() as store:
        attempt = get_attempt(store, answer)
    assert (attempt.story_id, attempt.confirmed) == (1, True)
    code, out, _ = run(["stories", "list", "--json"], capsys)
    first = json.loads(out)[0]
    assert first["attempts"] == 1 and first["best"] == first["latest"] == attempt.overall
    code, out, _ = run(["stories", "link", str(answer), "none"], capsys)
    assert code == 0 and out.strip() == f"Answer {answer} tells no story"


def test_coverage_text_names_the_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    add_launch(capsys)
    code, out, _ = run(["stories", "coverage"], capsys)
    assert code == 0
    assert "Categories (0/7 practised)" in out
    assert "Must-have stories (0/5 practised)" in out and "Principles (0/6 practised)" in out
    assert "No failure story yet: you are not ready for 'Tell me about a time you failed'" in out
    assert "Your launch story 'Offline mode launch' is not practised yet" in out
    assert "You have 1 story; a senior set holds 5-7 polished stories" in out
    data = json.loads(run(["stories", "coverage", "--json"], capsys)[1])
    assert set(data) == {"stories", "non_work", "categories", "must_have", "principles", "gaps", "variety"}
    launch = data["categories"][0]
    assert launch["status"] == "unpractised" and launch["stories"] == [{"id": 1, "title": "Offline mode launch"}]


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["stories", "--help"], capsys)
    assert code == 0
    for name in ("add", "list", "edit", "remove", "coverage", "link", "answers"):
        assert f"  {name}" in out


def test_answers_show_each_link_state(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["stories", "answers"], capsys)[1].startswith("No answers yet.")
    add_launch(capsys)
    text = ("I owned the offline mode launch for our field technicians. I chose SQLite with a write-ahead queue, "
            "rolled out to 5% first, and we reached all 4,000 technicians eleven days before storm season.")
    with open_store() as store:
        ids = [save_scored_answer(store, text_report(text))[1] for _ in range(2)]
        notes = story_notes_for_answer(store, ids[0])
    assert [n.kind for n in notes] == ["story_link"]
    run(["stories", "link", str(ids[1]), "none"], capsys)
    rows = json.loads(run(["stories", "answers", "--json"], capsys)[1])
    assert [(r["answer"], r["link"], r["story"]) for r in rows] == [
        (ids[0], "automatic", 1), (ids[1], "confirmed", None)]
    code, out, _ = run(["stories", "answers", "--limit", "1"], capsys)
    assert code == 0 and f"answer {ids[1]:>4}" in out and f"answer {ids[0]:>4}" not in out

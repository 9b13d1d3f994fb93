"""`sessions` and `export` commands on a store filled through the API (no audio)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mockinterview.cli import cli
from mockinterview.report import AnswerReport, Delivery, Feedback, FillerCounts, Flag, Label, Section, Window
from mockinterview.storage.store import open_store
from mockinterview.types import Question, Word


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(h))
    return h


def fill(home: Path) -> tuple[int, int]:
    ws = [Word("Um,", 0.5, 0.7, filler=True), Word("last", 0.8, 1.0), Word("year", 1.0, 1.2),
          Word("I", 3.0, 3.1), Word("like", 3.1, 3.3, filler=True), Word("rebuilt", 3.3, 3.6),
          Word("the", 3.6, 3.7), Word("queue.", 3.7, 4.0)]
    report = AnswerReport(
        Delivery(3.5, 3.0, ws, FillerCounts(2, 34.3, {"um": 1, "like": 1}), 120.0, [], Window.RUSHED),
        "Um, last year I like rebuilt the queue.",
        sections=[Section(Label.S, 0.5, 1.2, "Um, last year"),
                  Section(Label.A, 3.0, 4.0, "I like rebuilt the queue.")],
        section_share={Label.S: 0.3, Label.A: 0.7}, flags=[Flag.TOO_SHORT, Flag.FILLER_HEAVY],
        scores={"overall": 41, "structure": 50, "delivery": 20},
        feedback=[Feedback("filler_heavy", "2 fillers in 3 seconds.", "Um, last year")],
        followups=["What was the measurable result?"],
    )
    with open_store(home) as s:
        sid = s.start_session("practice", seed=9, bank="core")
        qid = s.add_question(sid, Question("launch-02", "Tell me about a launch.", "launch", "core"))
        a = s.begin_answer(qid)
        s.finish_answer(a.answer_id, report)
        fid = s.add_question(sid, "What was the measurable result?", kind="followup", parent=qid)
        b = s.begin_answer(fid)
        s.append_words(b.answer_id, [Word("So", 0.2, 0.4), Word("basically", 0.5, 0.9), Word("latency", 1.0, 1.4),
                                     Word("dropped", 1.4, 1.7)])
        s.mark_incomplete(b.answer_id, "interrupted (Ctrl-C)")
    return sid, b.answer_id


def test_sessions_json_and_text(home: Path) -> None:
    fill(home)
    runner = CliRunner()
    out = runner.invoke(cli, ["sessions", "--json"])
    assert out.exit_code == 0
    (s,) = json.loads(out.output)
    assert set(s) == {"id", "started_at", "mode", "answers"}
    assert s["answers"] == [
        {"question": "Tell me about a launch.", "status": "complete", "words": 8, "duration_s": 3.5, "overall": 41},
        {"question": "What was the measurable result?", "status": "incomplete", "words": 4, "duration_s": 1.5,
         "overall": None},
    ]
    text = runner.invoke(cli, ["sessions"]).output
    assert "#1" in text and "seed 9" in text and "incomplete" in text and "0:03" in text  # 3.5 s, as a clock reads it


def test_export_markdown_marks_fillers_sections_scores_feedback(home: Path) -> None:
    sid, _ = fill(home)
    out = CliRunner().invoke(cli, ["export", str(sid)])
    assert out.exit_code == 0, out.output
    md = out.output
    assert md.startswith("# Session 1: practice")
    assert "## 1. Tell me about a launch. (launch)" in md
    assert "**Situation** (0:00-0:01)" in md and "> ~~Um,~~ last year" in md
    assert "**Action** (0:03-0:04)" in md and "> I ~~like~~ rebuilt the queue." in md
    assert "| 41 | 50 | 20 |" in md
    assert '**filler_heavy**: 2 fillers in 3 seconds. - "Um, last year"' in md
    assert "Time by section: Situation 30%, Action 70%" in md
    assert "### Follow-up 1.1: What was the measurable result?" in md
    assert "Incomplete: interrupted (Ctrl-C)." in md
    # an unscored answer still gets its fillers marked by the detector
    assert "~~basically~~" in md and "latency dropped" in md


def test_export_json_and_to_file(home: Path, tmp_path: Path) -> None:
    sid, aid = fill(home)
    out = CliRunner().invoke(cli, ["export", str(sid), "--format", "json"])
    data = json.loads(out.output)
    assert data["questions"][1]["parent"] == data["questions"][0]["id"]
    follow = data["questions"][1]["answers"][0]
    assert follow["id"] == aid and follow["status"] == "incomplete" and len(follow["words"]) == 4
    assert data["questions"][0]["answers"][0]["report"]["flags"] == ["too_short", "filler_heavy"]
    target = tmp_path / "s.md"
    assert CliRunner().invoke(cli, ["export", str(sid), "-o", str(target)]).exit_code == 0
    assert target.read_text().startswith("# Session") and (target.stat().st_mode & 0o777) == 0o600


def test_export_unknown_session_is_a_user_error(home: Path) -> None:
    fill(home)
    out = CliRunner().invoke(cli, ["export", "42"])
    assert out.exit_code != 0 and "no session 42" in str(out.exception)

"""Practice and drill flows end to end: spoken fixtures through the real pipeline and scorer into the store,
then read back with `sessions --json` and `export`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import cycle
from pathlib import Path

import pytest
from conftest import word_error_rate

from mockinterview.audio.model import ModelLoader
from mockinterview.audio.sources import decode_file
from mockinterview.session.flow import FlowSettings
from mockinterview.session.headless import TurnResult, run_session
from mockinterview.session.run import Asked, PracticeRun
from mockinterview.session.selection import QuestionSelector
from mockinterview.storage.recordings import read_wav
from mockinterview.storage.store import Store, open_store
from mockinterview.types import Question

pytestmark = pytest.mark.model

FIXTURES = Path(__file__).parents[1] / "fixtures" / "store"
STORY = FIXTURES / "story.flac"
FOLLOWUPS = [FIXTURES / "followup_differently.flac", FIXTURES / "followup_reactions.flac"]
TEXTS = json.loads((FIXTURES / "texts.json").read_text())
ANSWER_WER = 0.2
"""The stored words of the spoken story against its script (tiny.en hears a word or two differently on
other CPUs)."""
CLI = str(Path(sys.executable).parent / "mockinterview")
QUESTION = Question(
    "launch-01", "Tell me about a launch you owned end to end.", "launch", "core",
    probes=("What was the riskiest part of the launch?", "How did you decide when it was ready to ship?"),
)


@pytest.fixture(scope="module")
def model() -> ModelLoader:
    return ModelLoader().start()


def answers_from_files() -> tuple[list[tuple[Asked, Path]], object]:
    given: list[tuple[Asked, Path]] = []
    followups = cycle(FOLLOWUPS)

    def answer_for(asked: Asked) -> Path:
        path = STORY if asked.kind == "main" else next(followups)
        given.append((asked, path))
        return path

    return given, answer_for


def padded_pcm(path: Path) -> bytes:
    pcm = decode_file(path).tobytes()
    return pcm + b"\0" * (-len(pcm) % 960)


def cli(home: Path, *args: str) -> str:
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, check=True,
                          env={**os.environ, "MOCKINTERVIEW_HOME": str(home)})
    return proc.stdout


def check_answers_saved(store: Store, session_id: int, given: list[tuple[Asked, Path]]) -> None:
    session = store.get_session(session_id)
    assert len(session.questions) == len(given)
    for question, (prompt, path) in zip(session.questions, given, strict=True):
        assert question.text == prompt.text and question.kind == prompt.kind
        (answer,) = question.answers
        assert answer.status == "complete", answer.incomplete_reason
        assert len(answer.words) > 10
        pcm, rate = read_wav(answer.recording_path)
        assert rate == 16000 and pcm == padded_pcm(path)  # every captured frame, in order
        assert answer.report is not None and answer.overall is not None
        if prompt.kind == "followup":
            assert set(answer.scores) == {"overall", "length", "delivery"}
            assert answer.report.delivery.window == "rushed"  # 12 s is under the 30-90 s follow-up window
            assert answer.report.feedback[0].kind == "length"
            parent = next(q for q in session.questions if q.id == question.parent_id)
            assert parent.kind == "main"
        else:
            assert {"overall", "structure", "ownership", "impact", "reflection", "delivery"} <= set(answer.scores)
            assert answer.report.sections


def test_practice_end_to_end(tmp_path: Path, model: ModelLoader) -> None:
    home = tmp_path / "home"
    given, answer_for = answers_from_files()
    turns: list[TurnResult] = []
    with open_store(home) as store:
        selector = QuestionSelector([QUESTION], store.category_history(), seed=7)
        run = PracticeRun(store, selector, bank="core", settings=FlowSettings(practice_questions=2))
        sid = run_session(run, answer_for, model, on_turn=turns.append)
        assert sid is not None and run.flow.done
        main = [t for t in turns if t.asked.kind == "main"]
        assert len(main) == 1  # the bank holds one question: the run ends when it is used up
        (report,) = [t.outcome.report for t in main if t.outcome is not None]
        assert report is not None
        followups = [t for t in turns if t.asked.kind == "followup"]
        assert len(followups) == (3 if report.flags else 2)  # answer probe, gap probe (if flagged), standard
        sources = [f.asked.prompt.source for f in followups if f.asked.prompt is not None]
        assert sources[0] in ("answer", "probe") and sources[-1] == "standard", sources
        quoted = [f.asked.text.split("'")[1] for f in followups if sources[followups.index(f)] == "answer"]
        assert all(q in report.transcript for q in quoted), "answer probes quote the transcript exactly"
        check_answers_saved(store, sid, given)
        words = " ".join(w.text for w in store.get_answer(main[0].outcome.answer_id).words)
        assert word_error_rate(TEXTS["story"], words) <= ANSWER_WER, words
        # the next selection sees this practice
        hist = store.category_history()
        assert hist["launch"].answered == 1 and hist["launch"].mean_overall == report.scores["overall"]

    listed = json.loads(cli(home, "sessions", "--json"))
    assert [s["mode"] for s in listed] == ["practice"]
    assert [a["status"] for a in listed[0]["answers"]] == ["complete"] * len(given)
    assert listed[0]["answers"][0]["question"] == QUESTION.text
    assert listed[0]["answers"][0]["overall"] == report.scores["overall"]

    md = cli(home, "export", str(sid), "--format", "md")
    assert f"## 1. {QUESTION.text} (launch)" in md
    assert "### Transcript" in md and "### Scores" in md and "| overall |" in md
    assert "Follow-up 1.1:" in md and "#### Transcript" in md
    assert "Good length for a follow-up" in md or "30-90 s" in md
    assert any(name in md for name in ("**Situation**", "**Action**", "**Result**"))
    exported = json.loads(cli(home, "export", str(sid), "--format", "json"))
    assert exported["id"] == sid and exported["seed"] == 7 and exported["bank"] == "core"
    assert exported["questions"][0]["answers"][0]["report"]["scores"]["overall"] == report.scores["overall"]


def test_drill_end_to_end(tmp_path: Path, model: ModelLoader) -> None:
    home = tmp_path / "home"
    given, answer_for = answers_from_files()
    with open_store(home) as store:
        selector = QuestionSelector([QUESTION], store.category_history(), seed=3)
        run = PracticeRun(store, selector, "drill", settings=FlowSettings(drill_followups=2))
        sid = run_session(run, answer_for, model)
        assert sid is not None
        check_answers_saved(store, sid, given)
        assert [p.text for p, _ in given[1:]] == ["What would you do differently?", "How did others react?"]
        (summary,) = store.list_sessions()
        assert summary.mode == "drill" and summary.seed == 3
    text = cli(home, "sessions")
    assert "drill" in text and "What would you do differently?" in text

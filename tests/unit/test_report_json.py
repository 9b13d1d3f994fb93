"""The JSON contract read back: to_json -> from_json -> to_json gives the same object, for reports of real
answers and for whole stored sessions; the typed fields hold the contract's vocabulary."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, fixture_report, text_report

from mockinterview.report import AnswerReport, Flag, Label, Window
from mockinterview.session.answer import save_scored_answer
from mockinterview.storage.records import SessionRecord
from mockinterview.storage.store import Store
from mockinterview.types import Question, Word

SPOKEN = ["weak-report.json", "story-report.json", "followup-report.json"]
"""Reports of real spoken answers (the scorer on tiny.en transcripts), as `score --json` printed them."""


def _texts() -> list[str]:
    star = json.loads((FIXTURES / "star" / "answers.json").read_text())
    history = json.loads((FIXTURES / "stories" / "history.json").read_text())
    texts = [" ".join(s["text"] for s in a["sentences"]) for a in star]
    texts += [a["text"] for session in history["sessions"] for a in session]
    return texts


def _text_reports() -> list[AnswerReport]:
    return [text_report(t) for t in _texts()]


def _through_json(report: AnswerReport) -> tuple[str, str]:
    """The report's JSON text, and the JSON text of the report read back from it."""
    first = json.dumps(report.to_json())
    return first, json.dumps(AnswerReport.from_json(json.loads(first)).to_json())


@pytest.mark.parametrize("name", SPOKEN)
def test_spoken_reports_round_trip_exactly(name: str) -> None:
    saved = json.loads((FIXTURES / "ui" / name).read_text())
    report = fixture_report(name)
    assert report.to_json() == saved
    first, again = _through_json(report)
    assert first == again


def test_scored_text_answers_round_trip_exactly() -> None:
    reports = _text_reports()
    assert len(reports) >= 10
    for report in reports:
        first, again = _through_json(report)
        assert first == again


def test_read_back_reports_are_typed() -> None:
    for report in [fixture_report(n) for n in SPOKEN] + _text_reports():
        back = AnswerReport.from_json(json.loads(json.dumps(report.to_json())))
        assert isinstance(back.delivery.window, Window)
        assert all(isinstance(f, Flag) for f in back.flags)
        assert all(isinstance(s.label, Label) for s in back.sections)
        assert all(isinstance(k, Label) for k in back.section_share)
        assert all(isinstance(w, Word) for w in back.delivery.words)


@pytest.mark.parametrize("broken", [
    {}, {"duration_s": "long"}, {"window": "sideways"}, {"flags": ["unheard_of"]}, {"sections": [{"label": "Q"}]},
])
def test_what_is_not_a_report_is_refused(broken: dict) -> None:
    data = {**fixture_report("weak-report.json").to_json(), **broken} if broken else broken
    with pytest.raises((KeyError, ValueError, TypeError)):
        AnswerReport.from_json(data)


def _fill(store: Store) -> int:
    texts = _texts()
    sid = store.start_session("practice", seed=4, bank="core")
    for i, text in enumerate(texts[:3]):
        question = Question(f"q-{i}", f"Question {i}?", "launch", "core")
        save_scored_answer(store, text_report(text), question=question, session_id=sid)
    parent = store.get_session(sid).questions[0].id
    fid = store.add_question(sid, "What would you do differently?", kind="followup", parent=parent)
    handle = store.begin_answer(fid)
    store.append_words(handle.answer_id, [Word("I", 0.1, 0.2), Word("would", 0.3, 0.5)])
    store.mark_incomplete(handle.answer_id, "stopped")
    store.end_session(sid)
    return sid


def test_stored_sessions_round_trip_exactly(store: Store) -> None:
    session = store.get_session(_fill(store))
    first = json.dumps(session.to_json())
    back = SessionRecord.from_json(json.loads(first))
    assert json.dumps(back.to_json()) == first
    answers = [a for q in back.questions for a in q.answers]
    assert [a.report is not None for a in answers] == [True, True, True, False]
    assert answers[0].report is not None and answers[0].report.flags == session.questions[0].answers[0].report.flags


def test_the_stored_report_is_the_scored_report(store: Store) -> None:
    report = text_report(_texts()[0])
    _, answer_id = save_scored_answer(store, report)
    stored = store.get_answer(answer_id).report
    assert stored is not None
    assert json.dumps(stored.to_json()) == json.dumps(AnswerReport.from_json(report.to_json()).to_json())

"""The run bookkeeping over the session flow: questions stored when shown, follow-ups, skips, rescoring."""

from __future__ import annotations

from conftest import fixture_report

from mockinterview.session.flow import FlowSettings
from mockinterview.session.run import PracticeRun
from mockinterview.session.selection import QuestionSelector
from mockinterview.storage.store import open_store
from mockinterview.types import Question

QUESTIONS = [
    Question(f"q{i}", f"Question number {i}?", cat, "core", probes=(f"Probe {i}?",))
    for i, cat in enumerate(("failure", "launch", "mentoring", "peer_conflict"))
]


def test_practice_run_follows_the_flow_and_stores_what_is_shown():
    report = fixture_report("story-report.json")
    with open_store() as store:
        run = PracticeRun(store, QuestionSelector(QUESTIONS, seed=3), "practice", "core",
                          FlowSettings(practice_questions=2))
        first = run.first()
        assert first is not None and first.kind == "main" and first.number == 1
        run.answered(first, report)
        assert run.next_kind == "followup", "a flagged answer gets follow-ups"
        followup = run.ask()
        assert followup is not None and followup.parent is first and followup.category == first.category
        rescored = run.rescore(followup, report)
        assert "length" in rescored.scores and rescored.followups == []
        run.answered(followup, rescored)
        run.skip_followups()
        assert run.next_kind == "main"
        second = run.ask()
        assert second is not None and second.number == 2
        run.answered(second, None)  # skipped: no follow-ups, and the session had two questions
        assert run.next_kind is None and run.ask() is None
        run.end()
        session = store.get_session(run.session_id)
    kinds = [(q.kind, q.parent_id) for q in session.questions]
    assert kinds == [("main", None), ("followup", first.question_id), ("main", None)]
    assert session.mode == "practice" and session.ended_at


def test_drill_run_asks_one_story_then_the_standard_probes():
    report = fixture_report("story-report.json")
    with open_store() as store:
        run = PracticeRun(store, QuestionSelector(QUESTIONS, seed=3), "drill")
        story = run.first()
        assert story is not None and story.kind == "main"
        run.answered(story, report)
        asked = []
        while run.next_kind == "followup":
            f = run.ask()
            asked.append(f.text)
            run.answered(f, run.rescore(f, report))
        assert asked[:2] == list(FlowSettings().standard_followups)
        assert len(asked) == FlowSettings().drill_followups
        assert run.ask() is None, "one story per drill"

"""Retry and compare, a question's history, and the session debrief: pilot tests and snapshots.

Stores hold saved reports of real spoken answers (tests/fixtures/ui) with fixed dates, so snapshots never
change by themselves. Update after an intended change with `--snapshot-update`.
"""

from __future__ import annotations

import sqlite3

import pytest
from conftest import fixture_report
from test_snapshots import QUESTION, practice_app

from mockinterview.audio.model import ModelLoader
from mockinterview.session.answer import AnswerRecorder
from mockinterview.session.app_settings import AppMode
from mockinterview.session.compare import previous_comparison, question_history
from mockinterview.session.debrief import debrief_for
from mockinterview.session.run import Asked
from mockinterview.storage.store import Store
from mockinterview.types import Question, SessionMode
from mockinterview.ui.screens.answer import AnswerScreen
from mockinterview.ui.screens.compare import CompareScreen, HistoryScreen
from mockinterview.ui.screens.debrief import DebriefScreen
from mockinterview.ui.screens.scorecard import ScorecardScreen

SIZE = (120, 50)
DATE = "2026-03-02T09:15:00+00:00"

SESSION = [
    (Question("disagree-1", "Tell me about a time you disagreed with your manager.", "disagree_leadership", "core"),
     ["weak-report.json"]),
    (QUESTION, ["weak-report.json", "story-report.json"]),  # answered, then answered again
    (Question("launch-1", "Tell me about a launch you owned end to end.", "launch", "core"), ["story-report.json"]),
]


def fill_session(store: Store) -> tuple[int, list[int]]:
    """A practice session of three questions (the second answered twice); returns its id and answer ids."""
    sid = store.start_session(SessionMode.PRACTICE, seed=7, bank="core")
    answers = []
    for question, reports in SESSION:
        qid = store.add_question(sid, question)
        for name in reports:
            with AnswerRecorder(store, qid) as rec:
                rec.finish(fixture_report(name))
            answers.append(rec.answer_id)
    store.end_session(sid)
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE sessions SET started_at = ?, ended_at = ?", (DATE, DATE))
        conn.execute("UPDATE answers SET started_at = ?, ended_at = ?", (DATE, DATE))
    return sid, answers


def app_with_session():
    app = practice_app(loader=ModelLoader.ready_with(object(), "tiny.en"))
    sid, answers = fill_session(app.context.store)
    return app, sid, answers


def retry_scorecard(answers: list[int]) -> ScorecardScreen:
    asked = Asked(QUESTION.text, 2, "main", QUESTION.category, 2, QUESTION)
    return ScorecardScreen(asked, fixture_report("story-report.json"), None, answer_id=answers[2])


@pytest.mark.asyncio
async def test_a_retry_shows_both_attempts_and_opens_the_comparison() -> None:
    app, _, answers = app_with_session()
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.app.switch_screen(retry_scorecard(answers))
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ScorecardScreen) and screen.comparison is not None
        c = screen.comparison
        assert c.number == (1, 2) and (c.earlier.overall, c.latest.overall) == (33, 79)
        assert c.delta("overall") == 46 and c.latest.words > 0 and 0 <= c.reused_words <= c.latest.words
        assert screen.query("#compare-table") and screen.query("#compare-reuse")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.press("o")
        await pilot.pause()
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen) and [h.overall for h in history.history] == [33, 79]


def test_the_same_answer_twice_reads_as_recited() -> None:
    app, sid, _ = app_with_session()
    store = app.context.store
    qid = store.add_question(sid, QUESTION)
    with AnswerRecorder(store, qid) as rec:
        rec.finish(fixture_report("story-report.json"))
    c = previous_comparison(store, rec.answer_id)
    assert c is not None and c.number == (2, 3) and c.recited and c.reused_words >= 0.9 * c.latest.words
    assert len(question_history(store, rec.answer_id)) == 3


@pytest.mark.asyncio
async def test_the_debrief_names_dimensions_recurring_flags_time_variety_and_starts_the_drill() -> None:
    app, sid, _ = app_with_session()
    async with app.run_test(size=(120, 60)) as pilot:
        debrief = debrief_for(app.context.store, app.context.store.get_session(sid))
        assert debrief is not None and debrief.answers == 3
        assert debrief.strongest[1] >= debrief.weakest[1]
        recurring = {r.flag: r for r in debrief.recurring}
        assert "generic" in recurring and recurring["generic"].answers == 3 and recurring["generic"].quotes
        assert debrief.time.in_window == 0 and debrief.time.rushed == 3 and debrief.time.target == "2:00-3:00"
        assert debrief.variety and debrief.drill is not None
        await pilot.app.switch_screen(DebriefScreen(debrief))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, AnswerScreen) and screen.asked.text == debrief.drill.question
        assert app.context.mode == AppMode.DRILL


def test_compare_screen(snap_compare):
    """Attempts 1 and 2 side by side: overall 33 -> 79 (+46 in green), each sub-score with its change,
    situation share, fillers per minute, length, words and flags per attempt, then how many words repeat
    attempt 1 word for word, "Told in fresh words."."""
    app, _, answers = app_with_session()

    async def show(pilot):
        c = previous_comparison(pilot.app.context.store, answers[2])
        await pilot.app.push_screen(CompareScreen(c))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)


def test_history_screen(snap_compare):
    """Every attempt at the failure question: two rows dated 2026-03-02 09:15 with overall 33 (red) and 79
    (green), situation share, fillers, length, words and flags."""
    app, _, answers = app_with_session()

    async def show(pilot):
        history = question_history(pilot.app.context.store, answers[2])
        await pilot.app.push_screen(HistoryScreen(QUESTION.text, history))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)


def test_debrief_screen(snap_compare):
    """The debrief of three questions: strongest and weakest dimension with their scores, the recurring flags
    (generic, too_short, ...) each with the speaker's words quoted, "0 of 3 answers in the 2:00-3:00 window"
    with the lengths, story variety, the next drill (the question and why), and "Press d to start that
    drill"."""
    app, sid, _ = app_with_session()

    async def show(pilot):
        debrief = debrief_for(pilot.app.context.store, pilot.app.context.store.get_session(sid))
        await pilot.app.switch_screen(DebriefScreen(debrief))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 56), run_before=show)

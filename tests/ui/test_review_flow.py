"""Pilot tests of review (sessions -> answers -> transcript and recording -> trends), help and the palette."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Static
from ui_helpers import QuietMicrophone, fill_store, wait_for

from mockinterview.audio.model import ModelLoader
from mockinterview.cli import make_app
from mockinterview.session.trends import session_trends
from mockinterview.storage.store import open_store
from mockinterview.ui.screens.help import HelpScreen, screen_keys
from mockinterview.ui.screens.review import AnswerReviewScreen, ReviewScreen, SessionScreen
from mockinterview.ui.screens.trends import TrendsScreen

SIZE = (120, 44)


def filled() -> list[int]:
    with open_store() as store:
        return fill_store(store)


@pytest.mark.asyncio
async def test_review_sessions_answer_transcript_and_back():
    ids = filled()
    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        assert str(table.get_row_at(0)[0]) == str(ids[-1]), "newest session first"
        await pilot.press("down", "enter")  # session 2: a main answer and a follow-up
        assert isinstance(app.screen, SessionScreen) and app.screen.session_id == ids[1]
        answers = app.screen.query_one(DataTable)
        assert answers.row_count == 2
        await pilot.press("down", "enter")
        screen = app.screen
        assert isinstance(screen, AnswerReviewScreen)
        assert screen.record is not None and screen.record.kind == "followup"
        transcript = str(screen.query_one("#transcript", Static).render())
        assert "shadow" in transcript.lower() or len(transcript) > 40
        assert "press p" in str(screen.query_one("#recording", Static).render())
        await pilot.press("p")  # plays, or says why it cannot (no output device): never crashes
        await pilot.press("p")
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("t")
        assert isinstance(app.screen, TrendsScreen)
        await pilot.press("escape", "q")


@pytest.mark.asyncio
async def test_review_opens_the_given_session():
    ids = filled()
    app = make_app("review", session_id=ids[0])
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, SessionScreen) and app.screen.session_id == ids[0]


@pytest.mark.asyncio
async def test_review_of_an_unknown_session_says_so():
    app = make_app("review", session_id=999)
    async with app.run_test(size=SIZE):
        assert "no session 999" in str(app.screen.query_one("#review-title", Static).render())


def test_trends_are_per_session_means():
    filled()
    with open_store() as store:
        points = session_trends(store)
    assert [p.answers for p in points] == [1, 1, 1], "follow-ups are not counted"
    assert all(0 <= p.overall <= 100 and 0 <= p.situation_share <= 1 for p in points)


@pytest.mark.asyncio
async def test_help_and_palette_list_every_key():
    app = make_app("practice", seed=1, loader=ModelLoader.ready_with(object(), "tiny.en"))
    app.context.inputs = QuietMicrophone()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#question-text"), timeout=30)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {description: key for key, description, _node, _action in screen_keys(app.screen.under)}
        assert keys["Start answer"] == "space" and keys["Minimal view"] == "v" and keys["Quit"] == "q"
        assert "Skip question" in keys and keys["Help"] == "?, f1"
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), timeout=30)
        titles = [c.title for c in app.get_system_commands(app.screen_stack[-2])]
        for description in ("Start answer [space]", "Minimal view [v]", "Quit [q]", "Help [?, f1]"):
            assert description in titles
        await pilot.press("escape")

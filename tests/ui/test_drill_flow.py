"""Pilot test of the drill: one story, then rapid follow-ups with their own short timer, then the summary."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from ui_helpers import FIXTURES, scorecard_shown, wait_for

from mockinterview.cli import make_app
from mockinterview.storage.store import open_store
from mockinterview.ui.screens.answer import AnswerScreen
from mockinterview.ui.screens.drill import DrillSummaryScreen
from mockinterview.ui.widgets.timer_bar import TimerBar

pytestmark = [pytest.mark.model, pytest.mark.asyncio]

INPUTS = [FIXTURES / "store" / n for n in ("story.flac", "followup_differently.flac", "followup_reactions.flac")]


async def test_story_then_rapid_followups_then_summary(whisper_model):
    app = make_app("drill", inputs=INPUTS, pace=6.0, seed=21, loader=whisper_model)
    async with app.run_test(size=(140, 50)) as pilot:
        assert isinstance(app.screen, AnswerScreen)
        assert "Story 1" in str(app.screen.query_one("#question-meta", Static).render())
        await wait_for(pilot, lambda: scorecard_shown(app), what="the story's scorecard")
        card = app.screen
        assert card.report is not None
        assert card.followup == "What would you do differently?", "the drill starts with the standard probes"
        assert "Rapid follow-ups" in str(card.query_one("#next-heading", Static).render())
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen) and app.screen.asked.kind == "followup",
                       what="the first follow-up")
        timer = app.screen.query_one(TimerBar)
        flow = app.context.flow
        assert timer.marks == flow.targets.followup().window_marks == (30.0, 90.0, 120.0)
        assert app.screen.asked.text == "What would you do differently?"
        # the follow-ups follow each other without a key; the summary comes when the audio is used up
        await wait_for(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), what="the drill summary")
        summary = app.screen
        assert [a.text for a, _r, _p in summary.results] == ["What would you do differently?",
                                                           "How did others react?"]
        assert all(r is not None and "length" in r.scores for _a, r, _p in summary.results)
        assert summary.unanswered == flow.drill_followups - 2
        await pilot.press("q")
    with open_store() as store:
        [session] = store.list_sessions()
    assert session.mode == "drill"
    assert [a.kind for a in session.answers] == ["main", "followup", "followup"]
    assert all(a.status == "complete" for a in session.answers)

"""Pilot tests of the practice flow with the real pipeline fed from spoken fixtures at a high pace."""

from __future__ import annotations

import gc
import weakref

import pytest
from textual.widgets import Static
from ui_helpers import FIXTURES, MissingMicrophone, scorecard_shown, wait_for

from mockinterview.audio.model import ModelLoader
from mockinterview.cli import make_app
from mockinterview.session.app_settings import AppSettings
from mockinterview.storage.store import open_store
from mockinterview.storage.stories import add_story, get_attempt
from mockinterview.ui.screens.answer import AnswerScreen
from mockinterview.ui.screens.help import HelpScreen
from mockinterview.ui.widgets.timer_bar import TimerBar
from mockinterview.ui.widgets.transcript import LiveTranscript

pytestmark = [pytest.mark.model, pytest.mark.asyncio]

STORY = FIXTURES / "store" / "story.flac"
FOLLOWUP = FIXTURES / "store" / "followup_differently.flac"
SHORT = FIXTURES / "audio" / "short-answer.flac"
PACE = 6.0
SIZE = (140, 50)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def live_words(app) -> list:
    """Words the live view holds (committed or partial) while an answer runs."""
    screen = app.screen
    if not isinstance(screen, AnswerScreen) or screen.answer is None:
        return []
    return list(screen.answer.view.committed) + list(screen.answer.view.partial)


def on_scorecard(app, kind: str = "main") -> bool:
    return scorecard_shown(app, kind)


async def test_question_answer_scorecard_followup_quit(whisper_model):
    """Question -> live answer from the file -> scorecard (with the story it told) -> follow-up answered from the
    next file -> quit."""
    with open_store() as store:
        checkout = add_story(store, "Checkout payment provider migration", "Moved checkout to a new payment "
                             "provider; dual write path, reconciliation job; failed payments 2% to 0.3% in 6 weeks",
                             categories=["launch"])
        add_story(store, "Mentoring Priya", "Weekly one on ones; she led the billing migration",
                  categories=["mentoring"])
    app = make_app("practice", inputs=[STORY, FOLLOWUP], pace=PACE, seed=11, loader=whisper_model)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, AnswerScreen)
        assert screen.asked.text in text_of(app, "#question-text")
        assert "Question 1" in text_of(app, "#question-meta")
        # the file answers at once: live words arrive while the answer runs
        await wait_for(pilot, lambda: on_scorecard(app) or bool(live_words(app)), what="live words")
        if isinstance(app.screen, AnswerScreen):
            first, screen = live_words(app)[0].text.strip(), app.screen
            await wait_for(pilot, lambda: on_scorecard(app) or first in screen.query_one(LiveTranscript).render().plain,
                           what="the first live word drawn")
            assert on_scorecard(app) or screen.query_one(TimerBar).elapsed > 0
        await wait_for(pilot, lambda: on_scorecard(app), what="the scorecard")
        card = app.screen
        assert card.report is not None
        assert 0 <= card.report.scores["overall"] <= 100
        assert "Overall" in text_of(app, "#scores")
        assert "'Checkout payment provider migration'" in text_of(app, "#story-link"), "linked to its story"
        assert card.followup, "the flow asks a follow-up after the story"
        first_followup = card.followup
        first_answer = weakref.ref(app.answers[-1])
        assert first_followup in text_of(app, "#followup")
        assert "f to answer the follow-up" in text_of(app, "#hint")
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen)
                       and app.screen.asked.kind == "followup", what="the follow-up question")
        assert app.screen.asked.text == first_followup
        assert "Follow-up to question 1" in text_of(app, "#question-meta")
        timer = app.screen.query_one(TimerBar)
        assert timer.marks == (30.0, 90.0, 120.0), "the follow-up's own short timer (the flow's window)"
        await wait_for(pilot, lambda: on_scorecard(app, "followup"), what="the follow-up's scorecard")
        assert set(app.screen.report.scores) >= {"overall", "length"}, "a follow-up is judged on its length"
        await wait_for(pilot, lambda: gc.collect() >= 0 and first_answer() is None,
                       what="the first answer (its audio, its pipeline) let go", timeout=30)
        # the input audio is used up: the scorecard says so and q quits
        assert "used up" in text_of(app, "#hint")
        await pilot.press("n")  # refused politely: no audio left
        assert on_scorecard(app, "followup")
        await pilot.press("q")
    with open_store() as store:
        sessions = store.list_sessions()
    assert len(sessions) == 1 and sessions[0].mode == "practice" and sessions[0].ended_at
    answers = sessions[0].answers
    assert [a.kind for a in answers] == ["main", "followup"]
    assert all(a.status == "complete" and a.words > 0 for a in answers)
    with open_store() as store:
        assert get_attempt(store, answers[0].id).story_id == checkout


async def test_enter_ends_the_answer_early_and_q_quits(whisper_model):
    """Enter ends the answer before the file does; what was said is still transcribed and scored."""
    app = make_app("practice", inputs=[STORY], pace=1.0, seed=3, loader=whisper_model)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen) and app.screen.answer is not None
                       and app.screen.answer.pipeline.state.now() > 6.0, what="six seconds of audio")
        await pilot.press("enter")
        await wait_for(pilot, lambda: scorecard_shown(app), what="the scorecard")
        assert app.screen.report is None or app.screen.report.delivery.duration_s < 20
        await pilot.press("q")
    with open_store() as store:
        [session] = store.list_sessions()
    assert session.answers[0].words > 0


async def test_quit_during_the_answer_keeps_it_incomplete(whisper_model):
    """q while answering quits at once; the answer is saved as incomplete with its reason."""
    app = make_app("practice", inputs=[STORY], pace=1.0, seed=5, loader=whisper_model)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen) and app.screen.state == "listening",
                       what="the answer to start")
        await pilot.press("v")  # the minimal live view hides the transcript
        assert app.screen.has_class("minimal")
        assert not app.screen.query_one("#transcript-box").display
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        answer = app.current_answer
        await pilot.press("q")
        assert answer.closed.is_set(), "q saves the answer at once"
    assert answer.settle(300), "the transcriber stops after its current piece"
    with open_store() as store:
        [session] = store.list_sessions()
        [answer] = session.answers
        assert answer.status == "incomplete"
        assert store.get_answer(answer.id).incomplete_reason == "quit during the answer"


async def test_no_microphone_offers_the_sample_answer(whisper_model):
    """Without an input device the app says so and runs the whole flow on the sample answer (s)."""
    app = make_app("practice", seed=2, loader=whisper_model, settings=AppSettings(sample_pace=PACE))
    app.context.inputs = MissingMicrophone()
    app.context.sample_path = SHORT  # the bundled sample is 2:30 long; the short answer keeps the test quick
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "no input device" in text_of(app, "#input-status"), what="the message")
        status = text_of(app, "#input-status")
        assert "sample answer" in status and "q to quit" in status
        await pilot.press("s")
        await wait_for(pilot, lambda: on_scorecard(app), what="the sample's scorecard")
        assert app.screen.report is not None
        await pilot.press("q")


async def test_missing_model_is_a_message_not_a_crash():
    """A model that cannot be found is shown with what to do; the app keeps running until q."""
    loader = ModelLoader("/nonexistent/models/tiny")
    app = make_app("practice", inputs=[SHORT], pace=PACE, seed=4, loader=loader)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Speech model unavailable" in text_of(app, "#model-status"), timeout=60)
        assert "/nonexistent/models/tiny" in text_of(app, "#model-status")
        await wait_for(pilot, lambda: app.screen.state == "failed", timeout=60, what="the answer to end")
        assert "could not be transcribed" in text_of(app, "#input-status")
        assert isinstance(app.screen, AnswerScreen)
        await pilot.press("q")
    assert app.return_code in (0, None)

"""Pilot tests of the interviewer's voice in the app: text alone when the voice is not installed, the `i` key
turning the real voice off and on, the follow-ups synthesized while the scorecard is shown, and the voice
stopping when the candidate starts answering. The voice plays into a null sink of the test's own; no speech
model is used."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from conftest import fixture_report
from rich.console import Console
from textual.widgets import Static
from ui_helpers import QuietMicrophone, wait_for

sys.path.insert(0, str(Path(__file__).parents[1]))
from virtual_mic import own_virtual_mic  # noqa: E402

from mockinterview.audio.model import ModelLoader  # noqa: E402
from mockinterview.cli import make_app  # noqa: E402
from mockinterview.ui.screens.answer import AnswerScreen  # noqa: E402
from mockinterview.ui.screens.help import HelpScreen, screen_keys  # noqa: E402
from mockinterview.ui.screens.scorecard import ScorecardScreen  # noqa: E402

pytestmark = pytest.mark.asyncio

SIZE = (140, 50)


def practice_app(**options):
    """A practice app with a ready (fake) model and a microphone that is never opened."""
    app = make_app("practice", seed=1, loader=ModelLoader.ready_with(object(), "tiny.en"), **options)
    app.context.inputs = QuietMicrophone()
    app.context.start_model = False
    return app


def text_of(app, selector: str) -> str:
    """The text a Static shows, as plain text."""
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


def status(app) -> str:
    return text_of(app, "#input-status")


async def test_without_the_voice_questions_are_text_and_the_status_says_so():
    app = practice_app()  # the tests' machine has no piper by default (conftest)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen), timeout=30, what="the question")
        await wait_for(pilot, lambda: "no voice" in status(app), timeout=30, what="the voice state")
        assert app.screen.query_one("#question-text", Static).content, "the question is on screen as text"
        assert "i" not in [k for k, _, _, _ in screen_keys(app.screen)], "no key for a voice that is not there"
        await pilot.press("i")
        await pilot.pause()
        assert app.context.settings.voice and not app._notifications
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), timeout=30, what="help")
        assert "Voice (not now)" in text_of(app, "#help-keys")
        await pilot.press("escape")
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.state == "failed", timeout=30, what="the answer to start")
        await pilot.press("q")


async def test_file_answers_get_no_voice(tmp_path):
    app = make_app("practice", inputs=[tmp_path / "answer.flac"], seed=1,
                   loader=ModelLoader.ready_with(object(), "tiny.en"))
    assert app.context.voice is None, "a file plays as the question appears: a voice would talk over it"


@pytest.mark.voice
async def test_i_turns_the_voice_off_and_on_and_follow_ups_are_ready_before_they_are_asked(voice_installed):
    with own_virtual_mic(f"mockinterview_voiceui_{os.getpid()}"):
        app = practice_app()
        voice = app.context.voice
        assert voice is not None and voice.available, voice.reason if voice else "no voice"
        interviewer = voice.voice
        try:
            await check_toggle_and_prefetch(app, interviewer)
        finally:
            voice.close()  # before its sink goes


async def check_toggle_and_prefetch(app, interviewer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen), timeout=30, what="the question")
        question = app.screen.asked.text
        await wait_for(pilot, lambda: bool(interviewer.gate.spans()), timeout=120, what="the question read")
        assert interviewer.now_playing is None or interviewer.now_playing.speech.text == question
        assert "voice on" in status(app)

        await pilot.press("i")
        await wait_for(pilot, lambda: not interviewer.is_speaking, timeout=10, what="silence")
        assert not app.context.settings.voice and "voice off" in status(app)

        await pilot.press("i")
        await wait_for(pilot, lambda: len(interviewer.gate.spans()) == 2, timeout=60, what="read again")
        assert app.context.settings.voice and "voice on" in status(app)

        # the answer is scored: the scorecard shows and the follow-ups are synthesized while it is read
        run, asked = app.practice, app.screen.asked
        report = fixture_report("weak-report.json")
        run.answered(asked, report)
        followups = run.upcoming
        assert followups and run.next_kind == "followup"
        app.switch_screen(ScorecardScreen(asked, report, run.pending))
        await wait_for(pilot, lambda: isinstance(app.screen, ScorecardScreen), timeout=30, what="scorecard")
        await wait_for(pilot, lambda: all((c := interviewer.cached(t)) is not None and c.ready for t in followups),
                       timeout=120, what="the follow-ups synthesized")
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerScreen), timeout=30, what="follow-up")
        heard = []
        await wait_for(pilot, lambda: (p := interviewer.now_playing) is not None and p.start_dac > 0
                       and not heard.append(p), timeout=30, what="the follow-up read")
        assert heard[0].speech.text == followups[0] and heard[0].first_audio_s < 2.0
        # the candidate starts answering while the question is still being read: the interviewer stops
        # talking (the microphone is gated while it speaks: the first words would be lost)
        assert interviewer.is_speaking
        await pilot.press("space")
        await wait_for(pilot, lambda: not interviewer.is_speaking, timeout=2, what="the voice to stop")
        await pilot.press("q")
    assert interviewer.synth is None, "quitting ends piper"

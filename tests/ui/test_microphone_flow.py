"""Pilot test of practice on the real microphone path: a PulseAudio virtual microphone, space to start, enter to end."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Static
from ui_helpers import FIXTURES, scorecard_shown, wait_for

sys.path.insert(0, str(Path(__file__).parents[1]))
from virtual_mic import ensure_virtual_mic, play_into_mic  # noqa: E402

from mockinterview.cli import make_app  # noqa: E402
from mockinterview.storage.store import open_store  # noqa: E402
from mockinterview.ui.screens.answer import AnswerScreen  # noqa: E402

pytestmark = [pytest.mark.mic, pytest.mark.model, pytest.mark.asyncio]


async def test_space_starts_listening_enter_ends_the_answer(whisper_model):
    device = ensure_virtual_mic()
    if device is None:
        pytest.fail("PulseAudio is not installed: run scripts/setup.sh (it installs pulseaudio)")
    app = make_app("practice", device=device, seed=8, loader=whisper_model)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, AnswerScreen)
        await wait_for(pilot, lambda: "press space" in str(screen.query_one("#input-status", Static).render()),
                       timeout=60, what="the start hint")
        assert screen.answer is None, "the microphone waits for the start key"
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.state == "listening", timeout=60, what="listening")
        player = play_into_mic(str(FIXTURES / "audio" / "short-answer.flac"))
        try:
            await wait_for(pilot, lambda: screen.answer is not None and len(screen.answer.view.committed) >= 8,
                           what="words from the microphone")
        finally:
            player.wait(timeout=60)
        await pilot.press("enter")
        await wait_for(pilot, lambda: scorecard_shown(app), what="the scorecard")
        assert app.screen.report is not None
        await pilot.press("q")
    with open_store() as store:
        [session] = store.list_sessions()
    [answer] = session.answers
    assert answer.status == "complete" and answer.words >= 8

"""The prosody on screen: the scorecard's voice line and monotone flag, the live indicator, review playing a
flagged stretch, and the pitch spread across sessions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import FIXTURES, fixture_report
from test_snapshots import QUESTION, frozen_live_view, practice_app

from mockinterview.analysis.prosody.live import VoiceLevels
from mockinterview.audio.model import ModelLoader
from mockinterview.audio.playback import Player
from mockinterview.cli import make_app
from mockinterview.report import AnswerReport, Flag, Prosody, Stretch, StretchKind
from mockinterview.session.answer import save_scored_answer
from mockinterview.session.run import Asked
from mockinterview.session.trends import session_trends
from mockinterview.storage.store import open_store
from mockinterview.types import SAMPLE_RATE
from mockinterview.ui.screens.answer import AnswerScreen
from mockinterview.ui.screens.review import AnswerReviewScreen
from mockinterview.ui.screens.scorecard import ScorecardScreen

SIZE = (120, 60)

STRETCHES = [Stretch(StretchKind.FLAT, 2.0, 14.0, 1.6), Stretch(StretchKind.RISING, 20.1, 20.6, 2.7)]


def with_prosody(report: AnswerReport, pitch: float = 2.1) -> AnswerReport:
    report.prosody = Prosody(pitch, 8.3, 0.25, 0.3, 0.12, list(STRETCHES))
    report.flags.append(Flag.MONOTONE)
    return report


class HeardPlayer(Player):
    """The app's player with the output device left out: it notes which seconds of the recording were sent."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[float] = []

    def check_output(self) -> None:
        return None

    def play(self, pcm: bytes, rate: int, source: Path) -> float:
        self.heard.append(len(pcm) / 2 / rate)
        self.playing = source
        return self.heard[-1]


@pytest.mark.asyncio
async def test_scorecard_shows_the_voice_figures_and_the_monotone_flag() -> None:
    app = practice_app(loader=ModelLoader.ready_with(object(), "tiny.en"))
    asked = Asked(QUESTION.text, 1, "main", QUESTION.category, 1, QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_screen(ScorecardScreen(asked, with_prosody(fixture_report("story-report.json")), None))
        await pilot.pause()
        voice = str(app.screen.query_one("#prosody").render())
        assert "pitch range 2.1 st" in voice and "loudness range 8.3 dB" in voice and "uptalk 25%" in voice
        assert "2 stretches" in voice
        assert "monotone voice" in str(app.screen.query_one("#flags").render())


@pytest.mark.asyncio
async def test_scorecard_without_prosody_has_no_voice_line() -> None:
    app = practice_app(loader=ModelLoader.ready_with(object(), "tiny.en"))
    asked = Asked(QUESTION.text, 1, "main", QUESTION.category, 1, QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_screen(ScorecardScreen(asked, fixture_report("story-report.json"), None))
        await pilot.pause()
        assert not app.screen.query("#prosody")


@pytest.mark.asyncio
async def test_live_line_shows_the_voice_quietly() -> None:
    app = practice_app(loader=ModelLoader.ready_with(object(), "tiny.en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerScreen)
        screen._set_state("listening")
        screen._show_live(replace(frozen_live_view(), voice_levels=VoiceLevels(2.04, 7.6, True)))
        line = str(screen.query_one("#live-stats").render())
        assert "pitch 2.0 st, loudness 8 dB" in line
        screen._show_live(replace(frozen_live_view(), voice_levels=VoiceLevels(None, None, False)))
        assert "pitch" not in str(screen.query_one("#live-stats").render())


def _stored_answer_with_stretches() -> int:
    import soundfile

    audio, rate = soundfile.read(FIXTURES / "store" / "story.flac", dtype="int16")
    assert rate == SAMPLE_RATE
    with open_store() as store:
        return save_scored_answer(store, with_prosody(fixture_report("story-report.json")), question="Q",
                                  audio=np.asarray(audio))[1]


@pytest.mark.asyncio
async def test_review_plays_each_flagged_stretch_in_turn() -> None:
    answer_id = _stored_answer_with_stretches()
    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(AnswerReviewScreen(answer_id, player=HeardPlayer()))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerReviewScreen) and isinstance(screen.player, HeardPlayer)
        assert "press h" in str(screen.query_one("#recording").render()).lower()
        settings = app.context.settings
        await pilot.press("h")  # the flat stretch, from its start
        await pilot.press("h")  # the rising ending, with its sentence before it
        await pilot.press("h")  # and round again
        flat = 14.0 + settings.stretch_tail_s - 2.0
        rising = 20.6 + settings.stretch_tail_s - (20.1 - settings.stretch_lead_s)
        assert screen.player.heard == pytest.approx([flat, rising, flat], abs=0.01)


@pytest.mark.asyncio
async def test_review_without_stretches_offers_no_stretch_key() -> None:
    with open_store() as store:
        answer_id = save_scored_answer(store, fixture_report("story-report.json"), question="Q")[1]
    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(AnswerReviewScreen(answer_id, player=HeardPlayer()))
        await pilot.pause()
        assert app.screen.check_action("hear_stretch", ()) is False


def test_trends_carry_the_mean_pitch_spread_of_measured_answers() -> None:
    with open_store() as store:
        first = store.start_session("practice")
        for pitch in (3.0, 5.0):
            save_scored_answer(store, with_prosody(fixture_report("story-report.json"), pitch), question="Q",
                               session_id=first)
        store.end_session(first)
        save_scored_answer(store, fixture_report("story-report.json"), question="Q")  # no prosody (text)
        points = session_trends(store)
    assert [p.pitch_spread_st for p in points] == [4.0, None]

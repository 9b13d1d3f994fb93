"""Prosody on real speech through the real pipeline (tiny.en, webrtcvad): a flat rendering is flagged monotone
with feedback quoting the speaker, a natural one is not, and the live path (utterances tracked as they close)
gives the report `score` gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import wait_until

from mockinterview.analysis.prosody.settings import DEFAULT_PROSODY
from mockinterview.audio.pipeline import transcribe_file
from mockinterview.audio.sources import FileSource
from mockinterview.report import Flag
from mockinterview.session.live_answer import LiveAnswer
from mockinterview.session.scoring import score_recording

pytestmark = pytest.mark.model

FIXTURES = Path(__file__).parent.parent / "fixtures"
FLAT = FIXTURES / "prosody" / "flat-answer.flac"


@pytest.fixture(scope="module")
def flat(whisper_model):
    """The flat fixture transcribed once, and its report."""
    t = transcribe_file(FLAT, pace=0, model=whisper_model)
    return t, score_recording(t, question="Tell me about a migration you led.")


def test_a_flat_rendering_is_monotone_with_feedback_quoting_it(flat) -> None:
    t, report = flat
    p = report.prosody
    assert p is not None and p.pitch_spread_st is not None
    assert p.pitch_spread_st < 2.0  # espeak's x-low range: ~1 st
    assert p.loudness_spread_db is not None
    assert Flag.MONOTONE in report.flags
    [fb] = [f for f in report.feedback if f.kind == "delivery"]
    assert "semitones" in fb.message and "monotone" in fb.message
    spoken = {w.norm for w in t.words}
    quoted = [w.strip(".,").lower() for w in fb.quote.split() if w != "…"]
    assert len(quoted) >= 5 and sum(w in spoken for w in quoted) >= 0.8 * len(quoted)
    assert report.to_json()["prosody"]["pitch_spread_st"] == round(p.pitch_spread_st, 2)


def test_a_natural_voice_is_not_monotone(whisper_model) -> None:
    path = FIXTURES / "audio" / "short-answer.flac"
    gold = json.loads(path.with_suffix(".gold.json").read_text())
    report = score_recording(transcribe_file(path, pace=0, model=whisper_model), question=gold["question"])
    assert report.prosody is not None and report.prosody.pitch_spread_st is not None
    assert report.prosody.pitch_spread_st > DEFAULT_PROSODY.monotone_below_st
    assert Flag.MONOTONE not in report.flags


def test_the_live_answer_tracks_utterances_as_they_close_and_scores_as_score_does(flat, store,
                                                                                 whisper_model) -> None:
    _, batch = flat
    session = store.start_session("practice")
    question = store.add_question(session, "Tell me about a migration you led.")
    answer = LiveAnswer(store, question, FileSource(FLAT, 0.0), whisper_model, pace=0.0).start()
    outcome = answer.finish("Tell me about a migration you led.")
    assert outcome.report is not None and outcome.report.prosody is not None
    wait_until(lambda: bool(answer.prosody.spans), what="utterances tracked on the live analysis thread")
    live, ref = outcome.report.prosody, batch.prosody
    assert ref is not None and live.pitch_spread_st is not None and ref.pitch_spread_st is not None
    assert live.pitch_spread_st == pytest.approx(ref.pitch_spread_st, abs=0.3)
    assert Flag.MONOTONE in outcome.report.flags

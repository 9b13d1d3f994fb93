"""The prosody in the report: the typed part and its JSON, the monotone flag, delivery feedback quoting the
stretch with its time, and no prosody for a text answer."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import text_report, timed_words
from test_prosody_pitch import SR, pcm, silence, voiced

from mockinterview.analysis.prosody.answer import ProsodyAnalysis
from mockinterview.analysis.prosody.feedback import prosody_feedback, with_delivery_feedback
from mockinterview.analysis.prosody.intonation import Ending
from mockinterview.analysis.scorer import score_answer
from mockinterview.report import PROSODY_FIGURES, AnswerReport, Feedback, Flag, Prosody, Stretch, StretchKind
from mockinterview.types import Span

TEXT = ("I led the migration of our billing service to Postgres and I wrote the cutover plan myself. "
        "We moved forty tables in three weeks and the error rate fell by half.")


def syllables(contour: np.ndarray, seconds: float) -> np.ndarray:
    """A voice of 0.25 s syllables with 0.05 s gaps, its pitch following `contour` (Hz over the whole time)."""
    n = int(seconds * SR)
    gate = ((np.arange(n) / SR) % 0.3) < 0.25
    return voiced(np.interp(np.arange(n), np.linspace(0, n, len(contour)), contour)) * gate


def spoken(contour: np.ndarray, seconds: float = 12.0) -> tuple[np.ndarray, list, list[Span]]:
    audio = pcm(silence(1.0), syllables(contour, seconds), silence(1.0))
    words = timed_words(TEXT, start=1.0, step=seconds / len(TEXT.split()))
    return audio, words, [Span(1.0, 1.0 + seconds)]


def test_a_flat_voice_is_flagged_monotone_with_feedback_quoting_its_stretch() -> None:
    audio, words, speech = spoken(np.full(10, 118.0) * 2 ** (np.sin(np.arange(10)) * 0.05))
    report = score_answer(words, speech, audio=audio)
    assert report.prosody is not None
    assert report.prosody.pitch_spread_st is not None and report.prosody.pitch_spread_st < 1.5
    assert Flag.MONOTONE in report.flags and report.flags[-1] == Flag.MONOTONE  # contract order: last
    delivery = [f for f in report.feedback if f.kind == "delivery"]
    assert len(delivery) == 1
    assert "from 0:01 to 0:12, the whole answer" in delivery[0].message and "semitones" in delivery[0].message
    assert delivery[0].quote.startswith("I led the migration")
    flat = [s for s in report.prosody.stretches if s.kind == StretchKind.FLAT]
    assert flat and flat[0].start == pytest.approx(1.0, abs=0.3)


def test_a_lively_voice_is_not_monotone() -> None:
    audio, words, speech = spoken(np.array([110, 160, 100, 150, 95, 170, 105, 140, 100, 130.0]))
    report = score_answer(words, speech, audio=audio)
    assert report.prosody is not None and (report.prosody.pitch_spread_st or 0.0) > 6
    assert Flag.MONOTONE not in report.flags
    assert not [f for f in report.feedback if f.kind == "delivery"]


def test_a_text_answer_has_no_prosody() -> None:
    report = text_report(TEXT)
    assert report.prosody is None
    assert report.to_json()["prosody"] is None
    assert Flag.MONOTONE not in report.flags


def test_prosody_round_trips_through_json() -> None:
    report = text_report(TEXT)
    stretches = [Stretch(StretchKind.FLAT, 21.004, 35.2, 1.83), Stretch(StretchKind.RISING, 42.1, 42.5, 3.1)]
    report.prosody = Prosody(4.812, 9.5, 0.1, None, 0.153, stretches)
    first = report.to_json()
    assert list(first["prosody"])[:5] == list(PROSODY_FIGURES)
    assert first["prosody"]["pitch_spread_st"] == 4.81 and first["prosody"]["midphrase_pause_share"] is None
    back = AnswerReport.from_json(json.loads(json.dumps(first)))
    assert back.prosody is not None and back.prosody.stretches[1].kind == StretchKind.RISING
    assert back.to_json() == first


def test_stored_reports_without_prosody_read_back() -> None:
    d = text_report(TEXT).to_json()
    del d["prosody"]
    assert AnswerReport.from_json(d).prosody is None


def test_uptalk_feedback_needs_a_habit_and_quotes_the_highest_ending() -> None:
    words = timed_words("We shipped it. It worked. Users liked it. We grew.", start=0.0, step=0.5)
    ends = [(2, 1.5), (4, 2.4), (7, 0.5), (9, 1.2)]
    endings = [Ending(words[i].text, words[i].start, words[i].end, rise, rise >= 1.0) for i, rise in ends]
    result = ProsodyAnalysis(Prosody(uptalk_share=0.75), monotone=False, voiced_s=10.0, endings=endings)
    fb = prosody_feedback(result, words)
    assert len(fb) == 1 and fb[0].kind == "delivery"
    assert "3 of your 4 statements ended rising" in fb[0].message and "at 0:02" in fb[0].message
    assert fb[0].quote == "It worked"
    result.endings = endings[:2] + [Ending("x", 5, 6, -3.0, False)] * 3  # 2 of 5: the odd rise, not a habit
    result.figures.uptalk_share = 0.4
    assert prosody_feedback(result, words) == []


def test_delivery_feedback_comes_before_the_praise() -> None:
    issues = [Feedback("no_numbers", "a"), Feedback("strength", "good")]
    merged = with_delivery_feedback(issues, [Feedback("delivery", "flat")])
    assert [f.kind for f in merged] == ["no_numbers", "delivery", "strength"]


def test_a_flat_stretch_in_a_lively_answer_is_quoted_with_its_times() -> None:
    contour = np.concatenate([np.full(12, 118.0), [110, 160, 100, 150, 95, 170, 105, 140, 100, 130, 160, 100]])
    audio, words, speech = spoken(contour, seconds=24.0)
    report = score_answer(words, speech, audio=audio)
    assert Flag.MONOTONE not in report.flags
    [fb] = [f for f in report.feedback if f.kind == "delivery"]
    assert "so that stretch sounds flat" in fb.message and "from 0:01 to 0:1" in fb.message
    assert fb.quote.startswith("I led the migration")

"""Statement endings, uptalk on glides of known rise, mid-phrase pauses and rate variation, from timed words."""

from __future__ import annotations

import numpy as np
import pytest
from test_prosody_pitch import SR, pcm, silence, voiced

from mockinterview.analysis.prosody.answer import analyze_prosody, rate_variation
from mockinterview.analysis.prosody.phrasing import is_midphrase, is_question, judge_pauses, statement_endings
from mockinterview.analysis.prosody.settings import PhrasingSettings
from mockinterview.report import StretchKind
from mockinterview.types import Span, Word


def words(text: str, step: float = 0.3) -> list[Word]:
    return [Word(w, i * step, i * step + step - 0.05) for i, w in enumerate(text.split())]


def statement(end_glide: tuple[float, float]) -> tuple[np.ndarray, list[Word], list[Span]]:
    """'We shipped the new version on time.' at 125 -> 115 Hz, the last word gliding as given, then a second
    statement ending low, so the speaker's pitch around the first ending is known."""
    body = np.linspace(125, 115, int(2.0 * SR))
    last = np.geomspace(*end_glide, int(0.45 * SR))
    second = np.linspace(120, 95, int(2.5 * SR))
    x = pcm(silence(1), voiced(np.concatenate([body, last])), silence(0.8), voiced(second), silence(1))
    names = ["We", "shipped", "the", "new", "version", "on"]
    ws = [Word(w, 1 + 2.0 * i / len(names), 1 + 2.0 * (i + 1) / len(names)) for i, w in enumerate(names)]
    ws.append(Word("time.", 3.0, 3.45))
    ws += [Word(w, 4.25 + 0.5 * i, 4.7 + 0.5 * i) for i, w in enumerate(["It", "went", "well", "for", "us."])]
    return x, ws, [Span(0.95, 3.5), Span(4.2, 6.8)]


@pytest.mark.parametrize(("glide", "rise"), [((118, 175), 6.8), ((118, 150), 4.1)])
def test_a_rising_glide_at_a_statement_end_is_uptalk(glide: tuple[float, float], rise: float) -> None:
    x, ws, speech = statement(glide)
    result = analyze_prosody(x, ws, speech)
    first = result.endings[0]
    assert first.word == "time." and first.rising
    assert first.rise_st == pytest.approx(rise, abs=2.0)  # the glide's end against the median around it
    assert [s.kind for s in result.figures.stretches] == [StretchKind.RISING]
    assert result.figures.uptalk_share == pytest.approx(0.5)  # the second statement falls


def test_a_falling_statement_end_is_not_uptalk() -> None:
    x, ws, speech = statement((115, 90))
    result = analyze_prosody(x, ws, speech)
    assert result.figures.uptalk_share == 0.0
    assert result.endings[0].rise_st < -2
    assert result.figures.stretches == []


def test_questions_are_told_by_their_words_not_by_a_question_mark() -> None:
    assert is_question(words("Does that make sense?"))
    assert is_question(words("So what would you do?"))
    assert is_question(words("It shipped on time, right?"))
    assert not is_question(words("We shipped it on time?"))  # a rising statement: still a statement
    assert statement_endings(words("We shipped it on time?"), [], PhrasingSettings()) == [4]
    assert statement_endings(words("Does that make sense?"), [], PhrasingSettings()) == []


def test_a_long_pause_ends_a_statement_unless_a_continuation_follows() -> None:
    ws = words("We cut latency in half and then we moved on")
    pause_after_half = [Span(1.45, 2.15)]
    ws = [w if i < 5 else Word(w.text, w.start + 0.7, w.end + 0.7) for i, w in enumerate(ws)]
    assert statement_endings(ws, pause_after_half, PhrasingSettings()) == [len(ws) - 1]  # "and" carries on
    ws2 = words("We cut latency in half we moved on")
    ws2 = [w if i < 5 else Word(w.text, w.start + 0.7, w.end + 0.7) for i, w in enumerate(ws2)]
    assert statement_endings(ws2, pause_after_half, PhrasingSettings()) == [4, len(ws2) - 1]


@pytest.mark.parametrize(("before", "after", "mid"), [
    ("the", "database", True),        # after a determiner
    ("of", "the", True),              # after a preposition
    ("was,", "honestly", True),       # after an auxiliary, whatever the comma says
    ("migrated", "the", True),        # between a verb and its object
    ("results", "of", True),          # before "of"
    ("done.", "Then", False),         # sentence end
    ("latency", "and", False),        # before a conjunction
    ("Postgres,", "which", False),    # clause boundary with a comma
])
def test_midphrase_judgement(before: str, after: str, mid: bool) -> None:
    assert is_midphrase(Word(before, 0, 0.3), Word(after, 1, 1.3)) is mid


def test_a_pause_around_a_hesitation_is_judged_by_the_words_around_it() -> None:
    ws = [Word("we", 0, 0.2), Word("chose", 0.2, 0.5), Word("um", 0.6, 0.8), Word("Postgres", 1.6, 2)]
    pauses = judge_pauses(ws, [Span(0.85, 1.55)])
    assert pauses[0].before == "chose" and pauses[0].midphrase


def test_rate_variation_steady_and_varied() -> None:
    speech = [Span(0, 60)]
    steady = [Word("w", t, t + 0.2) for t in np.arange(0, 60, 0.4)]
    assert rate_variation(steady, speech, 10, 3) == pytest.approx(0.0, abs=0.05)
    varied = [Word("w", t, t + 0.1) for k in range(6)
              for t in np.arange(10 * k, 10 * k + 10, 0.25 if k % 2 else 0.6)]
    assert rate_variation(varied, speech, 10, 3) == pytest.approx(0.41, abs=0.1)  # 4 and 1.7 words/s
    assert rate_variation(steady, [Span(0, 20)], 10, 3) is None  # too little speech to judge


def test_pauses_between_speech_spans_do_not_change_the_rate() -> None:
    spans = [Span(10 * k + 2 * k, 10 * k + 2 * k + 10) for k in range(4)]  # 2 s pauses between 10 s spans
    ws = [Word("w", sp.start + t, sp.start + t + 0.2) for sp in spans for t in np.arange(0, 10, 0.4)]
    assert rate_variation(ws, spans, 10, 3) == pytest.approx(0.0, abs=0.05)

"""Final delivery figures and per-section timing on hand-built timelines."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import timed_words

from mockinterview.analysis.delivery.timing import DeliverySettings, analyze_delivery, long_pauses
from mockinterview.analysis.star.section_timing import section_timing
from mockinterview.analysis.targets import CoachingTargets
from mockinterview.report import Section
from mockinterview.types import SAMPLE_RATE, Span, Word


@pytest.mark.parametrize(("seconds", "window"), [
    (0.0, "rushed"), (119.9, "rushed"), (120.0, "ideal"), (180.0, "ideal"), (180.1, "long"),
    (240.0, "long"), (240.1, "over"),
])
def test_window_bounds(seconds: float, window: str) -> None:
    assert CoachingTargets().window(seconds) == window


def test_duration_speaking_wpm_and_fillers() -> None:
    ws = timed_words("Um, so I led the launch.", 1.0) + timed_words("It was, like, a big deal.", 5.0)
    speech = [Span(0.9, 3.5), Span(4.9, 7.5)]
    d = analyze_delivery(ws, speech)
    assert d.duration_s == pytest.approx(7.5 - 0.9)  # words and VAD spans together
    assert d.speaking_s == pytest.approx((3.5 - 0.9) + (7.5 - 4.9))
    assert d.wpm == pytest.approx(11 / (d.speaking_s / 60))  # "Um," is not a word of the answer
    assert d.fillers.total == 3
    assert d.fillers.by_word == {"like": 1, "so": 1, "um": 1}
    assert d.fillers.per_minute == pytest.approx(round(3 / (d.duration_s / 60), 2))
    assert d.window == "rushed"
    assert [w.text for w in d.words if w.filler] == ["Um,", "so", "like,"]


def test_long_pauses_only_inside_the_answer_and_over_threshold() -> None:
    ws = timed_words("one two", 1.0) + timed_words("three four", 4.0) + timed_words("five", 5.5)
    speech = [Span(1.0, 1.8), Span(4.0, 4.8), Span(5.5, 5.9)]
    pauses = long_pauses(ws, speech, 2.0)
    assert pauses == [Span(1.8, 4.0)]


def test_vad_padding_does_not_hide_a_pause_that_words_show() -> None:
    # silence between words is 2.5 s; the VAD spans are padded but still leave a gap
    ws = timed_words("one", 1.0) + timed_words("two", 3.85)
    speech = [Span(0.8, 1.5), Span(3.7, 4.4)]
    assert long_pauses(ws, speech, 2.0) == [Span(1.5, 3.7)]


def test_no_words_no_speech_is_an_empty_answer() -> None:
    d = analyze_delivery([], [])
    assert (d.duration_s, d.speaking_s, d.wpm, d.window, d.fillers.total) == (0.0, 0.0, 0.0, "rushed", 0)


def test_audio_refines_the_edges() -> None:
    # 1 s of tone at 0.5-1.5 s; Whisper put the word at 0.7-1.3 s
    audio = np.zeros(2 * SAMPLE_RATE, dtype=np.int16)
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    audio[SAMPLE_RATE // 2: SAMPLE_RATE // 2 + SAMPLE_RATE] = (3000 * np.sin(2 * np.pi * 200 * t)).astype(np.int16)
    d = analyze_delivery([Word("hello", 0.7, 1.3)], [Span(0.45, 1.6)], audio=audio)
    assert d.duration_s == pytest.approx(1.0, abs=0.03)


def test_input_words_not_mutated_and_in_time_order() -> None:
    ws = [Word("uh", 2.0, 2.3), Word("Well", 0.5, 0.9)]
    d = analyze_delivery(ws, [Span(0.5, 2.3)])
    assert [w.text for w in d.words] == ["Well", "uh"]
    assert not ws[0].filler


def sec(label: str, start: float, end: float) -> Section:
    return Section(label, start, end, "")


def test_section_timing_shares_of_speaking_time() -> None:
    sections = [sec("O", 0.5, 1.5), sec("S", 2.0, 10.0), sec("T", 10.5, 14.0), sec("A", 14.5, 30.0),
                sec("R", 30.5, 36.0), sec("X", 36.5, 40.0)]
    speech = [Span(0.5, 1.5), Span(2.0, 8.0), Span(9.0, 10.0), Span(10.5, 40.0)]  # a 1 s pause inside S
    st = section_timing(sections, speech)
    assert st.seconds["S"] == pytest.approx(7.0)
    assert st.seconds["A"] == pytest.approx(15.5)
    assert sum(st.share.values()) == pytest.approx(1.0)
    assert st.share["T"] == pytest.approx(3.5 / st.total_s)
    assert st.first_non_situation_start == 10.5
    assert st.challenge_after_s == pytest.approx(10.0)


def test_section_timing_repeated_labels_add_up_and_missing_labels_are_zero() -> None:
    sections = [sec("S", 0.0, 5.0), sec("A", 5.0, 10.0), sec("S", 10.0, 12.0)]
    st = section_timing(sections, [Span(0.0, 12.0)])
    assert st.seconds["S"] == pytest.approx(7.0)
    assert st.seconds["R"] == 0.0 and st.share["R"] == 0.0


def test_section_timing_never_leaving_the_situation() -> None:
    st = section_timing([sec("O", 0, 1), sec("S", 1, 70)], [Span(0, 70)])
    assert st.first_non_situation_start is None and st.challenge_after_s is None


def test_section_timing_without_speech_uses_section_lengths() -> None:
    st = section_timing([sec("S", 0, 2), sec("A", 2, 8)], [])
    assert st.share["A"] == pytest.approx(0.75)


# ---- hesitation recovery on synthetic audio -------------------------------------------------------------


def voiced(seconds: float, f0: float = 120.0, nasal_tail: bool = False, seed: int = 0) -> np.ndarray:
    """A held vowel: harmonics of f0; with `nasal_tail` the last half loses its upper harmonics (an /m/)."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    x = np.zeros_like(t)
    half = len(t) // 2
    for h in range(1, 30):
        amp = 1.0 / h
        part = amp * np.sin(2 * np.pi * f0 * h * t)
        if nasal_tail and f0 * h > 500:
            part[half:] *= 0.02
        x += part
    x += np.random.default_rng(seed).normal(0, 0.01, len(t))
    return (4000 * x / np.abs(x).max()).astype(np.int16)


def place(total_s: float, parts: list[tuple[float, np.ndarray]]) -> np.ndarray:
    audio = np.zeros(int(total_s * SAMPLE_RATE), dtype=np.int16)
    for at, sig in parts:
        i = int(at * SAMPLE_RATE)
        audio[i:i + len(sig)] = sig
    return audio


def sentence(start: float) -> tuple[list[Word], list[tuple[float, np.ndarray]]]:
    """Three 'words' of sound with short gaps, and the Word objects Whisper gave them."""
    parts, ws = [], []
    for k, text in enumerate(("I", "decided", "today.")):
        at = start + k * 0.45
        parts.append((at, voiced(0.35, 150 + 20 * k, seed=k)))
        ws.append(Word(text, at, at + 0.35))
    return ws, parts


def test_isolated_hesitation_without_a_word_is_recovered_as_um() -> None:
    ws, parts = sentence(1.0)
    audio = place(3.0, [(0.4, voiced(0.35, nasal_tail=True)), *parts])
    d = analyze_delivery(ws, [Span(0.4, 2.3)], audio=audio)
    recovered = [w for w in d.words if w.text in ("um", "uh")]
    assert len(recovered) == 1 and recovered[0].filler
    assert recovered[0].text == "um"
    assert recovered[0].start == pytest.approx(0.4, abs=0.05)
    assert d.fillers.by_word == {"um": 1}
    assert [w.text for w in d.words] == ["um", "I", "decided", "today."]


def test_open_vowel_is_named_uh() -> None:
    ws, parts = sentence(1.0)
    audio = place(3.0, [(0.4, voiced(0.35)), *parts])
    d = analyze_delivery(ws, [Span(0.4, 2.3)], audio=audio)
    assert [w.text for w in d.words if w.filler] == ["uh"]


def test_no_recovery_where_whisper_wrote_the_hesitation_or_a_word() -> None:
    ws, parts = sentence(1.0)
    audio = place(3.0, [(0.4, voiced(0.35, nasal_tail=True)), *parts])
    written = analyze_delivery([Word("Um,", 0.2, 0.5), *ws], [Span(0.4, 2.3)], audio=audio)
    assert written.fillers.by_word == {"um": 1}
    worded = analyze_delivery([Word("Well,", 0.4, 0.75), *ws], [Span(0.4, 2.3)], audio=audio)
    assert worded.fillers.total == 0


def test_noise_and_clicks_are_not_hesitations() -> None:
    ws, parts = sentence(1.0)
    noise = (np.random.default_rng(3).normal(0, 3000, int(0.35 * SAMPLE_RATE))).astype(np.int16)
    click = voiced(0.05)
    for extra in (noise, click):
        audio = place(3.0, [(0.4, extra), *parts])
        assert analyze_delivery(ws, [Span(0.4, 2.3)], audio=audio).fillers.total == 0


def test_recovery_can_be_switched_off() -> None:
    from mockinterview.analysis.delivery.hesitations import HesitationSettings

    ws, parts = sentence(1.0)
    audio = place(3.0, [(0.4, voiced(0.35, nasal_tail=True)), *parts])
    settings = DeliverySettings(hesitations=HesitationSettings(enabled=False))
    assert analyze_delivery(ws, [Span(0.4, 2.3)], settings, audio=audio).fillers.total == 0


def test_written_hesitation_over_silence_is_dropped() -> None:
    """A "um" the decoder copied from its prompt into a pause is not counted, nor kept in the words."""
    ws, parts = sentence(1.0)
    audio = place(3.0, parts)
    d = analyze_delivery([Word("Um,", 0.2, 0.6), *ws], [Span(1.0, 2.3)], audio=audio)
    assert d.fillers.total == 0
    assert [w.text for w in d.words] == ["I", "decided", "today."]


def test_written_hesitation_stretched_over_the_pauses_around_its_sound_is_kept() -> None:
    """The decoder wrote a quiet "uh" as lasting from the last word to the next: its short sound backs it."""
    ws, parts = sentence(1.0)
    audio = place(3.0, [(0.45, voiced(0.12)), *parts])
    d = analyze_delivery([Word("Uh,", 0.05, 0.9), *ws], [Span(0.4, 2.3)], audio=audio)
    assert d.fillers.by_word == {"uh": 1}


def test_a_run_of_instant_hesitations_counts_once() -> None:
    """ "Um, uh, um, uh," all at one instant is the prompt running on: only the first stays."""
    ws, parts = sentence(1.0)
    audio = place(3.0, [(0.4, voiced(0.35, nasal_tail=True)), *parts])
    run = [Word("Um,", 0.45, 0.45), Word("uh,", 0.45, 0.45), Word("um,", 0.45, 0.45), Word("uh,", 0.5, 0.5)]
    assert analyze_delivery([*run, *ws], [Span(0.4, 2.3)], audio=audio).fillers.by_word == {"um": 1}
    apart = [Word("Um,", 0.4, 0.6), Word("uh,", 0.62, 0.74)]  # two heard hesitations back to back stay two
    assert analyze_delivery([*apart, *ws], [Span(0.4, 2.3)], audio=audio).fillers.total == 2


def test_island_gates_name_the_rule_that_keeps_each_island_out() -> None:
    from mockinterview.analysis.delivery.hesitations import island_gates

    islands = [Span(0.0, 0.5), Span(0.8, 1.1), Span(1.5, 1.6), Span(1.7, 2.0), Span(2.5, 2.8), Span(2.85, 3.2),
               Span(3.8, 4.1), Span(5.0, 5.3)]
    words = [Word("so", 0.0, 0.5), Word("and", 2.85, 3.1), Word("um,", 3.1, 3.2)]
    gates = island_gates(words, [Span(0.0, 4.5)], islands)
    assert gates == ["word", None, "length", "silence before", "silence after", "word", "written", "speech"]
    # a word given to the island before still covers most of this one
    stretched = island_gates([Word("so", 0.0, 0.5), Word("then", 0.1, 1.0)], [], islands[:3])
    assert stretched[1] == "cover"

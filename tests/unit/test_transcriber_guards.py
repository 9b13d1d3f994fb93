"""Guards against Whisper's failure modes, on plain word lists."""

from __future__ import annotations

from conftest import timed_words

from mockinterview.audio.transcriber import (
    TranscriberOptions,
    build_prompt,
    collapse_repeats,
    drop_instant_runs,
    speech_holes,
    within_speech,
)
from mockinterview.types import Span, Word


def words(text: str, start: float = 0.0) -> list[Word]:
    return timed_words(text, start, step=0.3)


def test_looping_phrase_is_cut():
    out = collapse_repeats(words("I think I think I think I think we should"), max_repeats=2)
    assert " ".join(w.text for w in out) == "I think I think we should"


def test_single_word_loop_is_cut():
    out = collapse_repeats(words("the the the the the end"), max_repeats=2)
    assert [w.text for w in out] == ["the", "the", "end"]


def test_natural_repetition_is_kept():
    text = "very very good and we we shipped it"
    assert [w.text for w in collapse_repeats(words(text), max_repeats=2)] == text.split()


def test_punctuation_does_not_hide_a_loop():
    out = collapse_repeats(words("Thank you. Thank you. Thank you. Thank you."), max_repeats=1)
    assert len(out) == 2


def test_words_in_silence_are_rejected():
    speech = [Span(1.0, 3.0)]
    assert within_speech(Word("hi", 1.2, 1.4), speech, 0.25)
    assert within_speech(Word("edge", 2.9, 3.2), speech, 0.25)
    assert not within_speech(Word("tail", 3.05, 3.2), speech, 0.25)
    assert not within_speech(Word("ghost", 5.0, 5.3), speech, 0.25)


def test_prompt_is_style_plus_confirmed_tail():
    opts = TranscriberOptions(initial_prompt="Umm, let me think.", prompt_chars=20, condition_on_previous=True)
    prompt = build_prompt(opts, words("one two three four five six seven eight"))
    assert prompt.startswith("Umm, let me think. ")
    assert prompt.endswith("six seven eight")
    assert len(prompt) <= len("Umm, let me think. ") + 20
    assert build_prompt(TranscriberOptions(condition_on_previous=False), words("a b")) is None


def test_a_run_of_instant_words_is_dropped_but_a_lone_one_kept():
    """The decoder repeating a phrase at one instant after the audio ran out is not speech."""
    heard = [Word("open", 1.0, 1.3), Word("to", 1.3, 1.4), Word("changing", 1.4, 1.8)]
    echo = [Word(t, 2.0, 2.0) for t in ("made", "sure", "I", "stayed")]
    assert drop_instant_runs([*heard, *echo], 0.02, 2) == heard
    lone = [Word("um,", 0.5, 0.5), Word("and", 0.6, 0.6), *heard]  # two instants: alignment slips happen
    assert drop_instant_runs(lone, 0.02, 2) == lone


def test_speech_holes_are_long_stretches_without_words():
    o = TranscriberOptions(min_hole_s=1.5, hole_pad_s=0.3, max_word_s=1.2)
    words = [Word("we", 0.0, 0.3), Word("split", 0.3, 0.7), Word("it", 6.0, 6.3)]
    assert speech_holes(words, [Span(0.0, 6.5)], o, 0.0, 7.0) == [Span(1.0, 5.7)]
    assert speech_holes(words, [Span(0.0, 2.0), Span(5.8, 6.5)], o, 0.0, 7.0) == []  # the gap is silence
    stretched = [Word("it's", 0.0, 5.0), Word("done", 5.0, 5.4)]  # one word over five seconds
    assert speech_holes(stretched, [Span(0.0, 5.4)], o, 0.0, 6.0) == [Span(1.5, 4.7)]

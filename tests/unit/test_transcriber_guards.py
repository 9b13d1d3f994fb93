"""Guards against Whisper's failure modes, on plain word lists."""

from __future__ import annotations

from mockinterview.audio.transcriber import TranscriberOptions, build_prompt, collapse_repeats, within_speech
from mockinterview.types import Span, Word


def words(text: str, start: float = 0.0) -> list[Word]:
    return [Word(t, start + i * 0.3, start + i * 0.3 + 0.25) for i, t in enumerate(text.split())]


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

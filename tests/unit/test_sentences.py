"""Sentence segmentation from timed words: punctuation first, pauses when punctuation is missing."""

from conftest import timed_words

from mockinterview.analysis.star.sentences import SentenceSettings, split_sentences
from mockinterview.types import Word


def timed(text: str, gaps: dict[int, float] | None = None, step: float = 0.4) -> list[Word]:
    """Words 0.35 s long every `step` s; `gaps` adds silence before word i."""
    return timed_words(text, step=step, length=0.35, gaps=gaps)


def texts(words, **kw):
    return [s.text for s in split_sentences(words, SentenceSettings(**kw) if kw else None)]


def test_splits_at_final_punctuation():
    assert texts(timed("I owned it. Then I built the cache! Did it work? Yes.")) == [
        "I owned it.", "Then I built the cache!", "Did it work?", "Yes."]


def test_decimals_and_abbreviations_do_not_end_a_sentence():
    assert texts(timed("Uptime stayed above 99.7 percent, e.g. during peaks. Done now.")) == [
        "Uptime stayed above 99.7 percent, e.g. during peaks.", "Done now."]


def test_long_pause_splits_unpunctuated_speech():
    words = timed("we had a slow page and customers left i owned the fix", gaps={8: 1.4})
    assert texts(words) == ["we had a slow page and customers left", "i owned the fix"]


def test_short_pause_does_not_split():
    words = timed("we had a slow page and customers left i owned the fix", gaps={8: 0.3})
    assert len(texts(words)) == 1


def test_pause_split_keeps_min_words():
    words = timed("so um we had a slow page", gaps={1: 1.5})
    assert len(texts(words)) == 1


def test_overlong_sentence_splits_at_longest_comma_pause():
    first = " ".join(["word"] * 20) + ","
    second = " ".join(["more"] * 25) + "."
    words = timed(f"{first} {second}", gaps={20: 0.8})
    out = texts(words, long_sentence_words=30)
    assert len(out) == 2 and out[0].endswith(",")


def test_sentence_times_and_indexes():
    sents = split_sentences(timed("First one. Second one here."))
    assert [s.index for s in sents] == [0, 1]
    assert sents[0].start == 0.0 and sents[1].end > sents[1].start > sents[0].end


def test_empty_input():
    assert split_sentences([]) == []


def test_comma_pause_and_new_subject_ends_a_sentence():
    words = timed("I had a disagreement with another engineer, I was responsible for the design.", gaps={7: 0.45})
    assert texts(words) == ["I had a disagreement with another engineer,", "I was responsible for the design."]
    words = timed("I had a disagreement with another engineer, I was responsible for the design.", gaps={7: 0.1})
    assert len(texts(words)) == 1

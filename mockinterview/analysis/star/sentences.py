"""Sentence segmentation of timed words: Whisper's punctuation first, pauses where punctuation is missing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mockinterview.types import Word


@dataclass(frozen=True, slots=True)
class SentenceSettings:
    """Where one spoken sentence ends and the next begins."""

    pause_split_s: float = 1.0
    """A silence this long between two words ends a sentence even without punctuation."""

    comma_pause_split_s: float = 0.45
    """A silence this long after a word ending in a comma (or before "and"/"so" openers) ends a long sentence."""

    long_sentence_words: int = 40
    """Sentences longer than this may also be split at `comma_pause_split_s` pauses."""

    min_words: int = 3
    """Pause splits never leave a piece shorter than this many words."""

    subject_pause_s: float = 0.4
    """A comma, then a silence this long, then a new subject ("I", "we", "he" ...) ends a sentence: Whisper
    often joins two spoken sentences with a comma."""

    subject_min_words: int = 5
    """...when both sides keep at least this many words."""


ABBREVIATIONS = frozenset({"mr.", "mrs.", "ms.", "dr.", "e.g.", "i.e.", "etc.", "vs.", "st.", "inc.", "no."})
"""Words ending in a period that do not end a sentence."""

_END = re.compile(r"[.!?…][\"')\]]*$")


class TimedWords:
    """Start, end and text of anything that holds its words in time order (a sentence, a labelled unit)."""

    __slots__ = ()
    words: tuple[Word, ...]

    @property
    def start(self) -> float:
        return self.words[0].start

    @property
    def end(self) -> float:
        return self.words[-1].end

    @property
    def text(self) -> str:
        return " ".join(w.text.strip() for w in self.words)


@dataclass(frozen=True, slots=True)
class Sentence(TimedWords):
    """One spoken sentence: its words in order and its time span."""

    index: int
    words: tuple[Word, ...]

    @property
    def duration(self) -> float:
        return self.end - self.start


SUBJECTS = frozenset({"i", "we", "he", "she", "they", "my", "our", "i'd", "i'm", "i've", "we'd", "we've"})
"""Words that open a new sentence after a comma and a pause."""


def _words_left(words: Sequence[Word], start: int) -> int:
    """Words from `start` up to the next sentence-final punctuation."""
    n = 0
    for w in words[start:]:
        n += 1
        if ends_sentence(w):
            break
    return n


def ends_sentence(word: Word) -> bool:
    """True when the word carries sentence-final punctuation (not an abbreviation)."""
    t = word.text.strip()
    if not _END.search(t):
        return False
    return t.lower() not in ABBREVIATIONS


def _split_long(words: list[Word], settings: SentenceSettings) -> list[list[Word]]:
    """Split an over-long run at the longest comma pause, recursively."""
    if len(words) <= settings.long_sentence_words:
        return [words]
    best, best_gap = -1, settings.comma_pause_split_s
    for i in range(settings.min_words - 1, len(words) - settings.min_words):
        gap = words[i + 1].start - words[i].end
        if words[i].text.rstrip().endswith((",", ";", ":", "-")) and gap >= best_gap:
            best, best_gap = i, gap
    if best < 0:
        return [words]
    return _split_long(words[: best + 1], settings) + _split_long(words[best + 1:], settings)


def split_sentences(words: Sequence[Word], settings: SentenceSettings | None = None) -> list[Sentence]:
    """Group timed words into sentences.

    A sentence ends at a word with final punctuation (". ? !"), or at a pause of at least
    `pause_split_s` when both sides keep `min_words`; over-long sentences are split at comma pauses.
    """
    s = settings or SentenceSettings()
    groups: list[list[Word]] = []
    cur: list[Word] = []
    for i, w in enumerate(words):
        if not w.text.strip():
            continue
        cur.append(w)
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is None:
            break
        gap = nxt.start - w.end
        if ends_sentence(w) or (gap >= s.pause_split_s and len(cur) >= s.min_words) or (
            gap >= s.subject_pause_s and w.text.rstrip().endswith((",", ";"))
            and nxt.text.strip().lower().strip(",.") in SUBJECTS and len(cur) >= s.subject_min_words
            and _words_left(words, i + 1) >= s.subject_min_words
        ):
            groups.append(cur)
            cur = []
    if cur:
        if groups and len(cur) < s.min_words and not ends_sentence(groups[-1][-1]):
            groups[-1].extend(cur)
        else:
            groups.append(cur)
    out: list[list[Word]] = []
    for g in groups:
        out.extend(_split_long(g, s))
    return [Sentence(i, tuple(g)) for i, g in enumerate(out)]

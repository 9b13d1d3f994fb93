"""Text normalization for WER: lowercase, no punctuation, and (optionally) numbers spelled as words.

Whisper writes a number as digits or as words from one decode to the next ("5%" or "five percent"), while the
corpus gold spells every number out. Spelling digits out before comparing counts words heard, not how they
were written; both sides of a comparison get the same treatment. The number words are the package's own
(`mockinterview.analysis.numbers`).
"""

from __future__ import annotations

import re

from mockinterview.analysis.numbers import spell_numbers

_SYMBOLS = {"%": "percent", "$": "dollars"}


def normalize(text: str, *, numbers_as_words: bool = False) -> str:
    """Lowercase, no punctuation (hyphens split words), single spaces; optionally numbers spelled out."""
    if numbers_as_words:
        text = spell_numbers(text)
        for sym, word in _SYMBOLS.items():
            text = text.replace(sym, f" {word} ")
    text = text.lower().replace("-", " ")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())

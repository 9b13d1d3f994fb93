"""Text normalization for WER: lowercase, no punctuation, and (optionally) numbers spelled as words.

Whisper writes a number as digits or as words from one decode to the next ("5%" or "five percent"), while the
corpus gold spells every number out. Spelling digits out before comparing counts words heard, not how they
were written; both sides of a comparison get the same treatment.
"""

from __future__ import annotations

import re

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))
_SYMBOLS = {"%": "percent", "$": "dollars"}
_NUMBER = re.compile(r"(\$?)(\d[\d,]*)(?:\.(\d+))?(%?)")


def integer_words(n: int) -> str:
    """121 -> 'one hundred twenty one' (no 'and', no hyphens: how the corpus spells numbers)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + integer_words(rest))
    for size, name in _SCALES:
        if n >= size:
            rest = n % size
            return integer_words(n // size) + " " + name + ("" if rest == 0 else " " + integer_words(rest))
    raise AssertionError(n)


def _spell(match: re.Match) -> str:
    dollar, whole, frac, pct = match.groups()
    words = integer_words(int(whole.replace(",", "")))
    if frac:
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    if pct:
        words += " percent"
    if dollar:
        words += " dollars"
    return f" {words} "


def spell_numbers(text: str) -> str:
    """'cut it 40% to $1,200' -> 'cut it forty percent to one thousand two hundred dollars'."""
    return _NUMBER.sub(_spell, text)


def normalize(text: str, *, numbers_as_words: bool = False) -> str:
    """Lowercase, no punctuation (hyphens split words), single spaces; optionally numbers spelled out."""
    if numbers_as_words:
        text = spell_numbers(text)
        for sym, word in _SYMBOLS.items():
            text = text.replace(sym, f" {word} ")
    text = text.lower().replace("-", " ")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())

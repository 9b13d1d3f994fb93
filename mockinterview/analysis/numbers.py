"""Spoken and written quantities: "60%", "sixty percent", "four point two seconds", "$2.4M", "a quarter".

Whisper writes numbers either as digits or as words (and sometimes mishears them), so both forms count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = frozenset({
    "percent", "percentage", "points", "point", "%", "dollars", "dollar", "bucks", "euros", "pounds", "k",
    "million", "millions", "billion", "thousand", "hundred", "x", "times", "ms", "millisecond", "milliseconds",
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
    "months", "quarter", "quarters", "year", "years", "requests", "rps", "qps", "users", "customers",
    "accounts", "engineers", "people", "tickets", "incidents", "servers", "nodes", "pods", "gb", "tb", "mb",
})
"""Words that make a following-number phrase clearly a measurement (a bare "one" only counts with one)."""

_UNITS_NUM = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = frozenset(_UNITS_NUM) | frozenset(_SCALES) | {"dozen"}
"""Words that spell a number."""

FRACTIONS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "tenth"})
"""Fraction words; they count after "a", "one", "two", ... or before "of" ("a third of the jobs")."""

MULTIPLIERS = frozenset({"doubled", "tripled", "quadrupled", "halved", "twice", "tenfold", "double", "triple"})
"""Words that state a ratio on their own ("latency halved", "traffic tripled")."""

_DIGITS = re.compile(r"^[$€£]?\d[\d,]*(?:\.\d+)?(?:%|k|m|bn|b|x|ms|s|h|gb|tb|mb|th|st|nd|rd)?$", re.I)
_TOKEN = re.compile(r"[A-Za-z]+\d\w*|[$€£]?\d[\d,]*(?:\.\d+)?[%a-zA-Z]*|[A-Za-z]+(?:['’][A-Za-z]+)?|%")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text: the words that state it and what kind it is."""

    text: str
    kind: str  # "percent" | "money" | "duration" | "ratio" | "count"
    start: int
    end: int


def _join_split_digits(text: str) -> str:
    """Undo Whisper's split numbers: "$3 .8 m" -> "$3.8m", "4 .2" -> "4.2", "$410 ,000" -> "$410,000"."""
    text = re.sub(r"(\d) \.(\d)", r"\1.\2", text)
    text = re.sub(r"(\d) ,(\d{3})\b", r"\1,\2", text)
    return re.sub(r"(\d(?:\.\d+)?) ([kmb])\b", r"\1\2", text, flags=re.I)


def _hyphen_split(text: str) -> str:
    return re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text)


def _kind(phrase: str, following: str) -> str:
    p = phrase.lower()
    f = following.lower()
    if "%" in p or f in {"percent", "percentage", "%"}:
        return "percent"
    if p.startswith(("$", "€", "£")) or f in {"dollars", "dollar", "bucks", "euros", "pounds"}:
        return "money"
    if f in {"ms", "millisecond", "milliseconds", "second", "seconds", "minute", "minutes", "hour", "hours",
             "day", "days", "week", "weeks", "month", "months", "year", "years"}:
        return "duration"
    if f in {"x", "times"} or p.endswith("x"):
        return "ratio"
    return "count"


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, written or spoken, in order.

    A lone "one" (as in "one approach") is not a quantity unless a unit follows it; ordinals and vague
    amounts ("a couple", "a lot") are not quantities.
    """
    clean = _hyphen_split(_join_split_digits(text))
    toks = [(t, s, e) for t, s, e in ((m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(clean))]
    lows = [t.lower() for t, _, _ in toks]
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        low = lows[i]
        nxt = lows[i + 1] if i + 1 < len(toks) else ""
        if _DIGITS.match(toks[i][0]) and not re.match(r"^\d+(st|nd|rd|th)$", low):
            j = i + 1
            while j < len(toks) and lows[j] in set(_SCALES) | {"k"} and not clean[toks[j - 1][2]:toks[j][1]].strip():
                j += 1
            following = lows[j] if j < len(toks) else ""
            phrase = clean[toks[i][1]:toks[j - 1][2]]
            found.append(Quantity(phrase, _kind(phrase, following), toks[i][1], toks[j - 1][2]))
            i = j
            continue
        if low in NUMBER_WORDS or (low == "a" and nxt in set(_SCALES) | {"dozen"}):
            j = i + 1
            while j < len(toks) and not clean[toks[j - 1][2]:toks[j][1]].strip() and (
                lows[j] in NUMBER_WORDS or (lows[j] in {"point", "and"} and j + 1 < len(toks)
                                            and lows[j + 1] in NUMBER_WORDS and lows[j + 1] not in _SCALES)
            ):
                j += 1
            following = lows[j] if j < len(toks) else ""
            words = lows[i:j]
            lone_one = words == ["one"] and following not in UNITS and following not in FRACTIONS
            if following in FRACTIONS:
                j += 1
            if not lone_one:
                phrase = clean[toks[i][1]:toks[j - 1][2]]
                found.append(Quantity(phrase, _kind(phrase, following), toks[i][1], toks[j - 1][2]))
            i = max(j, i + 1)
            continue
        if low in FRACTIONS and (i > 0 and lows[i - 1] in {"a", "by", "in", "one"} or nxt == "of"):
            s = toks[i - 1][1] if i > 0 and lows[i - 1] == "a" else toks[i][1]
            found.append(Quantity(clean[s:toks[i][2]], "ratio", s, toks[i][2]))
        elif low in MULTIPLIERS:
            found.append(Quantity(toks[i][0], "ratio", toks[i][1], toks[i][2]))
        i += 1
    return found


def has_quantity(text: str) -> bool:
    """True if `text` states at least one quantity."""
    return bool(find_quantities(text))


CHANGE = re.compile(
    r"\b(?:went|go|goes|dropped|fell|rose|grew|increased|decreased|reduced|cut|improved|moved|climbed|jumped|"
    r"shrank|came|brought|got|down|up|time|times|latency|rate|cost|costs)\b[^.]{0,30}?\bfrom\s+\S+"
    r"(?:\s+\S+){0,6}?\s+(?:to|down to|up to)\s|"
    r"\b(?:cut|reduced|dropped|fell|rose|grew|increased|decreased|improved|saved|saves|saving|raised|lowered)\b"
    r"[^.]{0,40}?\bby\b",
    re.I,
)
"""A before/after or "X by Y" change: the shape of a quantified result."""

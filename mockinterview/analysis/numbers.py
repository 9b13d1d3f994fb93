"""Spoken and written quantities: "60%", "sixty percent", "four point two seconds", "$2.4M", "a quarter".

Whisper writes numbers either as digits or as words (and sometimes mishears them), so both forms count. This
module is the one vocabulary of numbers: the number words and their values, scales, fractions and
multipliers, read by the scorer, the story checks and the filler rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

UNITS = frozenset({
    "percent", "percentage", "points", "point", "%", "dollars", "dollar", "bucks", "euros", "pounds", "k",
    "million", "millions", "billion", "thousand", "hundred", "x", "times", "ms", "millisecond", "milliseconds",
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
    "months", "quarter", "quarters", "year", "years", "requests", "rps", "qps", "users", "customers",
    "accounts", "engineers", "people", "tickets", "incidents", "servers", "nodes", "pods", "gb", "tb", "mb",
})
"""Words that make a following-number phrase clearly a measurement (a bare "one" only counts with one)."""

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
"""The number words below twenty, by value."""

TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
"""The tens from twenty up."""

NUMBER_VALUES: dict[str, int] = {**{w: n for n, w in enumerate(ONES)}, **TENS}
"""Every number word below a hundred that is a word of its own, and its value."""

SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
"""Scale words, which multiply what comes before them."""

SUFFIX_SCALES: dict[str, int] = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
"""Scales written after digits ("$2.4m", "40k")."""

COUNT_WORDS: dict[str, int] = {**NUMBER_VALUES, "a": 1, "an": 1, "dozen": 12}
"""Words that count in a spoken amount: the number words, "a"/"an" before a scale, "dozen"."""

NUMBER_WORDS = frozenset(NUMBER_VALUES) | frozenset(SCALES) | {"dozen"}
"""Words that spell a number."""

FRACTION_VALUES: dict[str, float] = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
                                     "quarters": 0.25, "fifth": 0.2, "tenth": 0.1}
"""Fraction words and their values; they count after "a", "one", "two", ... or before "of" ("a third of")."""

FRACTIONS = frozenset(FRACTION_VALUES)

MULTIPLIER_VALUES: dict[str, float] = {"doubled": 2, "double": 2, "twice": 2, "tripled": 3, "triple": 3,
                                       "quadrupled": 4, "halved": 0.5, "tenfold": 10}
"""Words that state a ratio on their own ("latency halved", "traffic tripled"), and the ratio."""

MULTIPLIERS = frozenset(MULTIPLIER_VALUES)

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
            while j < len(toks) and lows[j] in set(SCALES) | {"k"} and not clean[toks[j - 1][2]:toks[j][1]].strip():
                j += 1
            following = lows[j] if j < len(toks) else ""
            phrase = clean[toks[i][1]:toks[j - 1][2]]
            found.append(Quantity(phrase, _kind(phrase, following), toks[i][1], toks[j - 1][2]))
            i = j
            continue
        if low in NUMBER_WORDS or (low == "a" and nxt in set(SCALES) | {"dozen"}):
            j = i + 1
            while j < len(toks) and not clean[toks[j - 1][2]:toks[j][1]].strip() and (
                lows[j] in NUMBER_WORDS or (lows[j] in {"point", "and"} and j + 1 < len(toks)
                                            and lows[j + 1] in NUMBER_WORDS and lows[j + 1] not in SCALES)
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




def spoken_value(words: Sequence[str]) -> float | None:
    """The value of a spoken amount, lowercase words: "four point two" -> 4.2, "a quarter" -> 0.25,
    "three hundred and forty thousand" -> 340000.0; None when no word counts."""
    total = current = 0.0
    decimals: list[int] | None = None
    seen = False
    for w in words:
        if w == "and":
            continue
        if w == "point":
            decimals = []
            continue
        if decimals is not None and w in COUNT_WORDS and COUNT_WORDS[w] < 10:
            decimals.append(COUNT_WORDS[w])
            continue
        if w in COUNT_WORDS:
            current += COUNT_WORDS[w]
            seen = True
        elif w in SCALES:
            current = max(current, 1.0) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif w in FRACTION_VALUES:
            current = max(current, 1.0) * FRACTION_VALUES[w]
            seen = True
    if not seen:
        return None
    value = total + current
    if decimals:
        value += float("0." + "".join(str(d) for d in decimals))
    return value


def integer_words(n: int) -> str:
    """121 -> "one hundred twenty one" (no "and", no hyphens)."""
    if n < len(ONES):
        return ONES[n]
    if n < 100:
        tens = next(w for w, v in TENS.items() if v == n // 10 * 10)
        return tens + ("" if n % 10 == 0 else " " + ONES[n % 10])
    for name, size in reversed(SCALES.items()):
        if n >= size:
            rest = n % size
            return integer_words(n // size) + " " + name + ("" if rest == 0 else " " + integer_words(rest))
    raise AssertionError(n)


_WRITTEN = re.compile(r"(\$?)(\d[\d,]*)(?:\.(\d+))?(%?)")


def _spell(match: re.Match[str]) -> str:
    dollar, whole, frac, pct = match.groups()
    words = integer_words(int(whole.replace(",", "")))
    if frac:
        words += " point " + " ".join(ONES[int(d)] for d in frac)
    if pct:
        words += " percent"
    if dollar:
        words += " dollars"
    return f" {words} "


def spell_numbers(text: str) -> str:
    """Numbers written in digits spelled out: "cut it 40% to $1,200" -> "cut it forty percent to one thousand
    two hundred dollars" (to compare transcripts that write a number either way)."""
    return _WRITTEN.sub(_spell, text)

"""Telling a story again: recited wording, and numbers that change between tellings.

Recitation compares an answer with an earlier telling of the same story two ways: the share of its word
n-grams that repeat the earlier one word for word, and the share of its words in sentences that are
near-identical to an earlier sentence. Numbers are read with `analysis.numbers` (digits or spoken words),
given a value and a unit, and paired with the earlier telling's numbers of the same unit and context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mockinterview.analysis.numbers import (
    COUNT_WORDS,
    MULTIPLIER_VALUES,
    SCALES,
    SUFFIX_SCALES,
    find_quantities,
    spoken_value,
)
from mockinterview.analysis.stories.settings import (
    DEFAULT_STORY_SETTINGS,
    STOPWORDS,
    StorySettings,
    split_text_sentences,
    stem,
    words_of,
)

# ---- recitation ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recitation:
    """How much of an answer repeats an earlier telling word for word."""

    ngram_share: float
    """Share of the answer's word n-grams found in the earlier telling."""
    sentence_share: float
    """Share of the answer's words in sentences near-identical to an earlier sentence."""
    recited: bool
    """True when either share reaches its threshold (and the answer is long enough to judge)."""
    quote: str = ""
    """The longest run of the answer repeated word for word (for feedback)."""

    @property
    def percent(self) -> int:
        """The headline figure: the larger share, in percent."""
        return round(100 * max(self.ngram_share, self.sentence_share))


def _ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def _trigram_set(sentence: str) -> set[tuple[str, ...]]:
    toks = words_of(sentence)
    return set(_ngrams(toks, 3)) if len(toks) >= 3 else {tuple(toks)}


def _longest_repeat(tokens: Sequence[str], hits: Sequence[bool], n: int) -> str:
    best: tuple[int, int] = (0, 0)
    start = None
    for i, hit in enumerate([*hits, False]):
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    if best == (0, 0):
        return ""
    return " ".join(tokens[best[0]:best[1] + n - 1])


def recitation(answer: str, earlier: str, settings: StorySettings = DEFAULT_STORY_SETTINGS) -> Recitation:
    """How much of `answer` repeats `earlier` (another telling of the same story) word for word."""
    n = settings.recitation_ngram
    tokens = words_of(answer)
    before = words_of(earlier)
    grams = _ngrams(tokens, n)
    if not grams or len(before) < n:
        return Recitation(0.0, 0.0, False)
    seen = set(_ngrams(before, n))
    hits = [g in seen for g in grams]
    ngram_share = sum(hits) / len(grams)

    earlier_sets = [_trigram_set(s) for s in split_text_sentences(earlier)]
    repeated_words = total_words = 0
    for sentence in split_text_sentences(answer):
        size = len(words_of(sentence))
        total_words += size
        mine = _trigram_set(sentence)
        if mine and any(len(mine & other) / len(mine | other) >= settings.sentence_repeat_similarity
                        for other in earlier_sets if other):
            repeated_words += size
    sentence_share = repeated_words / total_words if total_words else 0.0
    long_enough = len(tokens) >= settings.recitation_min_words
    recited = long_enough and (ngram_share >= settings.recitation_threshold
                               or sentence_share >= settings.recitation_sentence_share)
    return Recitation(round(ngram_share, 3), round(sentence_share, 3), recited, _longest_repeat(tokens, hits, n))


# ---- numbers ------------------------------------------------------------------------------------------

_SCALE = {**SCALES, **SUFFIX_SCALES}
_SECONDS = {"ms": 0.001, "millisecond": 0.001, "second": 1, "sec": 1, "s": 1, "minute": 60, "min": 60,
            "hour": 3600, "h": 3600, "hr": 3600, "day": 86400, "week": 604800, "month": 2_592_000,
            "quarter": 7_776_000, "year": 31_536_000}
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s|$)")
_DIGIT = re.compile(r"^[$€£]?(\d[\d,]*(?:\.\d+)?)([a-z%]*)$")


@dataclass(frozen=True, slots=True)
class StatedNumber:
    """A number stated in a telling: its words, value, what it measures and the words around it."""

    text: str
    value: float
    unit: str
    """"percent", "money", "seconds", "ratio", or for a count the noun that follows it ("technician")."""
    context: frozenset[str]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def number_value(phrase: str) -> tuple[float, str] | None:
    """The value of a quantity phrase from `find_quantities` and a unit it carries itself ("%", "ms", "$")."""
    low = phrase.lower().replace("-", " ").strip()
    if low in MULTIPLIER_VALUES:
        return float(MULTIPLIER_VALUES[low]), "ratio"
    toks = low.split()
    money = low.startswith(("$", "€", "£"))
    m = _DIGIT.match(toks[0]) if toks else None
    if m:
        value = float(m.group(1).replace(",", ""))
        suffix = m.group(2)
        unit = "money" if money else ""
        if suffix == "%":
            unit = "percent"
        elif suffix in _SCALE:
            value *= _SCALE[suffix]
        elif suffix == "x":
            unit = "ratio"
        elif suffix in _SECONDS:
            value *= _SECONDS[suffix]
            unit = "seconds"
        for t in toks[1:]:
            if t in _SCALE:
                value *= _SCALE[t]
        return value, unit
    spoken = spoken_value(toks)
    return (spoken, "money" if money else "") if spoken is not None else None


def _meaningful(word: str) -> bool:
    return word not in STOPWORDS and word not in COUNT_WORDS and not word[0].isdigit() and word[0] not in "$%"


def stated_numbers(text: str, settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[StatedNumber]:
    """Every number stated in `text` with its value, unit and context words."""
    found: list[StatedNumber] = []
    spans = [(m.start(), m.end(), m.group(0).lower()) for m in re.finditer(r"[A-Za-z0-9$%']+", text)]
    ends = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
    for q in find_quantities(text):
        parsed = number_value(q.text)
        if parsed is None:
            continue
        value, unit = parsed
        lo = max((e for e in ends if e < q.start), default=-1)
        hi = min((e for e in ends if e >= q.end), default=len(text))
        after = [w for s, _, w in spans if q.end <= s < hi]
        before = [w for s, e, w in spans if lo < s and e <= q.start]
        follow = _singular(after[0]) if after else ""
        shown = q.text
        if not unit:
            if q.kind == "percent" or follow in ("percent", "percentage"):
                unit = "percent"
            elif q.kind == "money" or follow in ("dollar", "buck", "euro", "pound"):
                unit = "money"
            elif follow in _SECONDS:
                value, unit = value * _SECONDS[follow], "seconds"
            elif q.kind == "ratio" or follow in ("x", "time"):
                unit = "ratio"
            else:
                unit = stem(follow) if follow and follow not in STOPWORDS else "count"
            if after and unit != "count" and _singular(after[0]) == follow and follow not in COUNT_WORDS:
                shown = f"{q.text} {after[0]}"  # "45 minutes", "1,200 payments", "sixty percent"
        k = settings.number_context_words
        context = [w for w in reversed(before) if _meaningful(w)][:k] + [w for w in after if _meaningful(w)][:k]
        found.append(StatedNumber(shown, value, unit, frozenset(stem(w) for w in context)))
    return found


@dataclass(frozen=True, slots=True)
class NumberChange:
    """A number that changed between two tellings: `before` was said earlier, `after` now."""

    before: str
    after: str
    unit: str


def _same(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: shared words over the smaller context (a retelling may say more around it)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


_MEASURES = frozenset({"percent", "money", "seconds", "ratio"})


def _comparable(a: StatedNumber, b: StatedNumber) -> bool:
    """Same unit; for counts, also when one's noun is in the other's context ("1,200 failed payments")."""
    if a.unit == b.unit:
        return True
    if a.unit in _MEASURES or b.unit in _MEASURES:
        return False
    return a.unit in b.context or b.unit in a.context


def number_changes(answer: str, earlier: str,
                   settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[NumberChange]:
    """Numbers of `answer` that restate a number of `earlier` (same unit, similar context) with another value.

    A value of the answer also said earlier is consistent; a number whose earlier counterpart is still said
    elsewhere in the answer is a new figure, not a changed one.
    """
    now = stated_numbers(answer, settings)
    then = stated_numbers(earlier, settings)
    changes: list[NumberChange] = []
    seen: set[tuple[str, float, float]] = set()
    tol = settings.number_tolerance
    for n in now:
        peers = [t for t in then if _comparable(t, n)]
        if not peers or any(_same(t.value, n.value, tol) for t in peers):
            continue
        dropped = [t for t in peers if not any(_same(t.value, o.value, tol) for o in now if _comparable(t, o))]
        scored = sorted(((_similarity(t.context, n.context), i) for i, t in enumerate(dropped)), reverse=True)
        if not scored or scored[0][0] < settings.number_context_similarity:
            continue
        best = dropped[scored[0][1]]
        key = (n.unit, best.value, n.value)
        if key not in seen:
            seen.add(key)
            changes.append(NumberChange(best.text, n.text, n.unit))
    return changes

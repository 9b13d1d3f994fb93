"""Unpredictable question selection: no repeats, categories mixed, weighted toward weak spots.

Each call to `QuestionSelector.next()` first draws a *category*, then a question of that category
uniformly from those not yet asked. The category is drawn with probability proportional to its weight:

    weight(c) = (floor_weight
                 + practice_weight * practice_halflife / (practice_halflife + answered(c))
                 + score_weight * (1 - mean_overall(c) / 100))
                * prefer_boost            if c is one of the preferred categories (story-bank gaps)
                * session_repeat_factor ** (times c was already asked in this selector)

`answered(c)` and `mean_overall(c)` come from the store (`CategoryHistory`); a category with no
scores uses `unscored_mean`. So a category never practised and scored badly weighs most; one
practised often and scored well weighs least, but never zero. The category asked last is left out
when any other category still has questions (`avoid_same_category`).

With a seed the sequence is reproducible (same questions, history and settings give the same
questions in the same order); without one a fresh seed is drawn from the OS and exposed as
`QuestionSelector.seed`, so a session can be replayed later.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from mockinterview.errors import UserError
from mockinterview.types import CATEGORIES, Question

SEED_BITS = 32
"""Size of the seed drawn when none is given (small enough to type back as --seed)."""


@dataclass(frozen=True, slots=True)
class CategoryHistory:
    """What the user has done in one category so far (computed by the store)."""

    answered: int = 0
    """Main questions of this category answered (complete answers)."""
    mean_overall: float | None = None
    """Mean overall score (0-100) of those answers; None when none was scored."""


class CategoryRecord(Protocol):
    """Anything with the two `CategoryHistory` fields (e.g. the store's own per-category stats)."""

    @property
    def answered(self) -> int: ...

    @property
    def mean_overall(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class SelectionSettings:
    """Weights of the category draw; see the module docstring for the formula."""

    floor_weight: float = 0.2
    """Weight every category keeps however well practised, so nothing disappears from practice."""
    practice_weight: float = 1.0
    """Weight of the novelty term: a never-practised category gets this much on top of the floor."""
    practice_halflife: float = 3.0
    """Answers after which the novelty term has halved (it falls as halflife / (halflife + answered))."""
    score_weight: float = 1.0
    """Weight of the weakness term (1 - mean/100): a category averaging 0 gets this much extra, 100 none."""
    unscored_mean: float = 50.0
    """Mean overall score assumed for a category with no scored answers."""
    prefer_boost: float = 2.0
    """Multiplier for preferred categories (gaps in the user's story bank)."""
    session_repeat_factor: float = 0.3
    """Multiplier per earlier question of the same category in this session, to spread categories."""
    avoid_same_category: bool = True
    """Never ask two questions of the same category in a row while another category has questions left."""


DEFAULT_SETTINGS = SelectionSettings()


class QuestionsExhausted(UserError):
    """Every question in the selection has been asked."""


def question_key(question: Question) -> str:
    """The "bank/id" key under which selection and the store refer to a question."""
    return f"{question.bank}/{question.id}"


def _category_order(category: str) -> tuple[int, str]:
    """A fixed order for categories, so a seeded draw never depends on hashing or insertion order."""
    if category in CATEGORIES:
        return (CATEGORIES.index(category), category)
    return (len(CATEGORIES), category)


class QuestionSelector:
    """Draws questions one at a time; see the module docstring for how."""

    def __init__(
        self,
        questions: Iterable[Question],
        history: Mapping[str, CategoryHistory | CategoryRecord] | None = None,
        seed: int | None = None,
        settings: SelectionSettings | None = None,
        *,
        prefer_categories: Iterable[str] = (),
        asked: Iterable[str] = (),
    ) -> None:
        """`asked` holds "bank/id" keys already asked (e.g. when resuming a session); they are skipped."""
        self.settings = settings or DEFAULT_SETTINGS
        self.seed = secrets.randbits(SEED_BITS) if seed is None else seed
        self._rng = random.Random(self.seed)
        self._history: dict[str, CategoryHistory] = {
            category: CategoryHistory(record.answered, record.mean_overall)
            for category, record in (history or {}).items()
        }
        self.prefer_categories = frozenset(prefer_categories)
        self._asked: list[Question] = []
        self._asked_keys: set[str] = set()
        self._session_counts: Counter[str] = Counter()
        self._last_category: str | None = None
        self._pool: dict[str, list[Question]] = {}
        skip = set(asked)
        seen: set[str] = set()
        for question in sorted(questions, key=question_key):
            key = question_key(question)
            if key in seen:
                raise ValueError(f"question {key!r} given twice")
            seen.add(key)
            if key in skip:
                continue
            self._pool.setdefault(question.category, []).append(question)

    # ---- state ------------------------------------------------------------------------------------

    @property
    def asked(self) -> tuple[Question, ...]:
        """Questions drawn so far, in order."""
        return tuple(self._asked)

    @property
    def remaining(self) -> int:
        """How many questions can still be drawn."""
        return sum(len(qs) for qs in self._pool.values())

    def history(self, category: str) -> CategoryHistory:
        """The history used for `category` (empty when the store has none)."""
        return self._history.get(category, CategoryHistory())

    # ---- weights ----------------------------------------------------------------------------------

    def base_weight(self, category: str, prefer_categories: Iterable[str] | None = None) -> float:
        """Weight of `category` from history and preference, before in-session spreading."""
        s = self.settings
        hist = self.history(category)
        answered = max(0, hist.answered)
        novelty = s.practice_halflife / (s.practice_halflife + answered) if s.practice_halflife > 0 else 0.0
        mean = s.unscored_mean if hist.mean_overall is None else min(100.0, max(0.0, hist.mean_overall))
        weight = s.floor_weight + s.practice_weight * novelty + s.score_weight * (1.0 - mean / 100.0)
        prefer = self.prefer_categories if prefer_categories is None else frozenset(prefer_categories)
        if category in prefer:
            weight *= s.prefer_boost
        return max(weight, 0.0)

    def category_weights(self, prefer_categories: Iterable[str] | None = None) -> dict[str, float]:
        """The categories the next draw can pick, with their weights (in a fixed order)."""
        s = self.settings
        open_categories = sorted((c for c, qs in self._pool.items() if qs), key=_category_order)
        if s.avoid_same_category and len(open_categories) > 1 and self._last_category in open_categories:
            open_categories.remove(self._last_category)
        weights = {
            c: self.base_weight(c, prefer_categories) * s.session_repeat_factor ** self._session_counts[c]
            for c in open_categories
        }
        if open_categories and not any(w > 0 for w in weights.values()):
            weights = dict.fromkeys(open_categories, 1.0)
        return weights

    # ---- drawing ----------------------------------------------------------------------------------

    def _draw(self, weights: Mapping[str, float]) -> str:
        total = sum(weights.values())
        point = self._rng.random() * total
        chosen = ""
        for category, weight in weights.items():
            if weight <= 0:
                continue
            chosen = category
            point -= weight
            if point < 0:
                break
        return chosen

    def next(self, prefer_categories: Iterable[str] | None = None) -> Question:
        """A question not asked before by this selector; `prefer_categories` overrides the constructor's."""
        weights = self.category_weights(prefer_categories)
        if not weights:
            total = len(self._asked)
            raise QuestionsExhausted(
                f"all {total} questions have been asked (start a new session or add a bank)"
                if total
                else "no questions to ask (check the bank name, or add a bank with `mockinterview banks`)"
            )
        category = self._draw(weights)
        candidates = self._pool[category]
        question = candidates.pop(self._rng.randrange(len(candidates)))
        self._asked.append(question)
        self._asked_keys.add(question_key(question))
        self._session_counts[category] += 1
        self._last_category = category
        return question

    def __iter__(self) -> Iterator[Question]:
        """Every remaining question, in draw order."""
        while self.remaining:
            yield self.next()

    def record(self, question: Question, overall: float | None) -> None:
        """Fold a new answer's overall score into the history, so later draws adapt within the session."""
        hist = self.history(question.category)
        mean = hist.mean_overall
        if overall is not None:
            scored = hist.answered if mean is not None else 0
            mean = overall if mean is None else (mean * scored + overall) / (scored + 1)
        self._history[question.category] = CategoryHistory(answered=hist.answered + 1, mean_overall=mean)

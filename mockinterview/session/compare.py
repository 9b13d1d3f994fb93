"""Retry and compare: two attempts at one question side by side, and every attempt at it.

`compare_attempts(earlier, latest)` puts the figures of two answers next to each other (scores, Situation
share, fillers, length) with how many words the latest reuses word for word from the earlier one (the story
bank's recitation check decides whether that reads as recited). `question_history` lists every attempt at the
question an answer answered, in any session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockinterview.analysis.stories.recital import Recitation, recitation
from mockinterview.analysis.stories.settings import DEFAULT_STORY_SETTINGS, StorySettings, words_of
from mockinterview.report import SCORE_NAMES, Label
from mockinterview.storage.history import question_attempts
from mockinterview.storage.records import AnswerRecord, AnswerStatus
from mockinterview.storage.store import Store


@dataclass(frozen=True, slots=True)
class AttemptFigures:
    """One attempt at a question, as the compare and history screens show it."""

    answer_id: int
    started_at: str
    complete: bool
    overall: int | None
    scores: dict[str, int]
    situation_share: float | None
    fillers: int | None
    fillers_per_min: float | None
    duration_s: float | None
    words: int
    flags: tuple[str, ...]
    text: str

    def to_json(self) -> dict[str, object]:
        return {"answer_id": self.answer_id, "started_at": self.started_at, "complete": self.complete,
                "overall": self.overall, "scores": dict(self.scores), "situation_share": self.situation_share,
                "fillers": self.fillers, "fillers_per_min": self.fillers_per_min, "duration_s": self.duration_s,
                "words": self.words, "flags": list(self.flags)}


def attempt_figures(record: AnswerRecord) -> AttemptFigures:
    """The figures of one stored answer (a scoreless one has only its length and words)."""
    r = record.report
    text = r.transcript if r is not None else " ".join(w.text for w in record.words)
    return AttemptFigures(
        record.id, record.started_at, record.status == AnswerStatus.COMPLETE,
        r.overall if r is not None else None,
        {k: v for k, v in r.scores.items() if k in SCORE_NAMES} if r is not None else {},
        r.section_share.get(Label.S, 0.0) if r is not None else None,
        r.delivery.fillers.total if r is not None else None,
        r.delivery.fillers.per_minute if r is not None else None,
        r.delivery.duration_s if r is not None else record.duration_s,
        len(words_of(text)), tuple(str(f) for f in r.flags) if r is not None else (), text)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two attempts at one question and how much the latest repeats the earlier one."""

    question: str
    earlier: AttemptFigures
    latest: AttemptFigures
    number: tuple[int, int]
    """Which attempts these are (1-based), e.g. (1, 2)."""
    reuse: Recitation
    reused_words: int
    """About how many of the latest attempt's words repeat the earlier one word for word."""

    @property
    def recited(self) -> bool:
        return self.reuse.recited

    def delta(self, name: str) -> float | None:
        """latest - earlier for "overall", a sub-score, "situation_share", "fillers" or "duration_s"."""
        a, b = self.earlier, self.latest
        pairs: dict[str, tuple[float | None, float | None]] = {
            "overall": (a.overall, b.overall), "situation_share": (a.situation_share, b.situation_share),
            "fillers": (a.fillers, b.fillers), "duration_s": (a.duration_s, b.duration_s),
            **{k: (a.scores.get(k), b.scores.get(k)) for k in SCORE_NAMES}}
        x, y = pairs.get(name, (None, None))
        return None if x is None or y is None else y - x

    def to_json(self) -> dict[str, object]:
        return {"question": self.question, "attempts": list(self.number), "earlier": self.earlier.to_json(),
                "latest": self.latest.to_json(), "reused_words": self.reused_words,
                "reused_percent": self.reuse.percent, "recited": self.recited, "recited_quote": self.reuse.quote}


def compare_attempts(earlier: AnswerRecord, latest: AnswerRecord, number: tuple[int, int] = (1, 2),
                     settings: StorySettings = DEFAULT_STORY_SETTINGS) -> Comparison:
    """`latest` next to `earlier` (two answers to one question)."""
    a, b = attempt_figures(earlier), attempt_figures(latest)
    rec = recitation(b.text, a.text, settings)
    return Comparison(latest.question, a, b, number, rec, round(rec.ngram_share * b.words))


def question_history(store: Store, answer_id: int) -> list[AttemptFigures]:
    """Every attempt at the question `answer_id` answered, oldest first."""
    return [attempt_figures(r) for r in question_attempts(store, answer_id)]


def previous_comparison(store: Store, answer_id: int,
                        settings: StorySettings = DEFAULT_STORY_SETTINGS) -> Comparison | None:
    """`answer_id` next to the attempt at the same question just before it (None when it is the first)."""
    attempts = question_attempts(store, answer_id)
    ids = [r.id for r in attempts]
    if answer_id not in ids or ids.index(answer_id) == 0:
        return None
    i = ids.index(answer_id)
    return compare_attempts(attempts[i - 1], attempts[i], (i, i + 1), settings)


def best_attempt(history: Sequence[AttemptFigures]) -> AttemptFigures | None:
    """The attempt with the highest overall score (None when none is scored)."""
    scored = [h for h in history if h.overall is not None]
    return max(scored, key=lambda h: (h.overall or 0, h.answer_id)) if scored else None

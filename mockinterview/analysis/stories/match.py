"""Which of the user's stories an answer tells, offline: text similarity on titles, facts and past tellings.

Each story is described by its title, its key facts and the latest answers already linked to it. The score
of a story for an answer is a weighted sum (weights in `StorySettings`) of

- the word TF-IDF cosine (stemmed content words and their bigrams) between the answer and that text,
- the character n-gram TF-IDF cosine (3-5 characters inside words: robust to misheard words),
- the IDF-weighted share of the title's and facts' content words that the answer uses,
- the share of the facts' numbers that the answer states (same value and unit).

IDF is taken over the stories' texts, so words every story shares ("team", "project") weigh little. The
best story is linked when its score and its lead over the runner-up are high enough, else suggested, else
none (a story not in the bank).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mockinterview.analysis.stories.recital import stated_numbers
from mockinterview.analysis.stories.settings import DEFAULT_STORY_SETTINGS, StorySettings, content_words, words_of


@dataclass(frozen=True, slots=True)
class StoryProfile:
    """What the matcher knows of one story."""

    id: int
    title: str
    facts: str = ""
    tellings: tuple[str, ...] = ()
    """Texts of answers already linked to the story (latest last)."""


@dataclass(frozen=True, slots=True)
class StoryScore:
    """One story's score for an answer, with its parts."""

    story_id: int
    score: float
    words: float
    chars: float
    facts: float
    numbers: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The matcher's verdict: `linked` when confident, else `suggested` (or neither)."""

    linked: int | None
    suggested: int | None
    score: float
    ranking: list[StoryScore] = field(default_factory=list)

    @property
    def best(self) -> int | None:
        """The best story, linked or only suggested."""
        return self.linked if self.linked is not None else self.suggested


def _word_terms(text: str) -> Counter[str]:
    toks = content_words(text)
    return Counter(toks) + Counter(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))


def _char_terms(text: str, lo: int, hi: int) -> Counter[str]:
    grams: Counter[str] = Counter()
    for w in words_of(text):
        padded = f" {w} "
        for n in range(lo, hi + 1):
            grams.update(padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))
    return grams


def _idf(docs: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    default = max(idf.values(), default=1.0)

    def vec(c: Counter[str]) -> dict[str, float]:
        return {t: (1 + math.log(v)) * idf.get(t, default) for t, v in c.items()}

    va, vb = vec(a), vec(b)
    dot = sum(w * vb[t] for t, w in va.items() if t in vb)
    na = math.sqrt(sum(w * w for w in va.values()))
    nb = math.sqrt(sum(w * w for w in vb.values()))
    return dot / (na * nb) if na and nb else 0.0


def _recall(keys: set[str], answer: set[str], idf: dict[str, float]) -> float:
    total = sum(idf.get(k, 1.0) for k in keys)
    return sum(idf.get(k, 1.0) for k in keys if k in answer) / total if total else 0.0


def _number_recall(facts: str, answer: str, settings: StorySettings) -> float:
    wanted = {(round(n.value, 3), n.unit) for n in stated_numbers(facts, settings)}
    if not wanted:
        return 0.0
    said = [(n.value, n.unit) for n in stated_numbers(answer, settings)]
    tol = settings.number_tolerance
    hit = sum(any(u == unit and abs(v - value) <= tol * max(abs(v), abs(value), 1e-9) for v, u in said)
              for value, unit in wanted)
    return hit / len(wanted)


def score_stories(answer: str, stories: Iterable[StoryProfile],
                  settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[StoryScore]:
    """Every story's score for `answer`, best first."""
    stories = list(stories)
    if not stories or not words_of(answer):
        return []
    s = settings
    texts = [" ".join([p.title, p.facts, *p.tellings[-s.history_answers:]]) for p in stories]
    word_docs = [_word_terms(t) for t in texts]
    char_docs = [_char_terms(t, s.char_ngram_min, s.char_ngram_max) for t in texts]
    word_idf, char_idf = _idf(word_docs), _idf(char_docs)
    key_idf = _idf([Counter(set(content_words(f"{p.title} {p.facts}"))) for p in stories])
    answer_words = _word_terms(answer)
    answer_chars = _char_terms(answer, s.char_ngram_min, s.char_ngram_max)
    answer_set = set(content_words(answer))
    scored = []
    for p, wd, cd in zip(stories, word_docs, char_docs, strict=True):
        w = _cosine(answer_words, wd, word_idf)
        c = _cosine(answer_chars, cd, char_idf)
        f = _recall(set(content_words(f"{p.title} {p.facts}")), answer_set, key_idf)
        n = _number_recall(p.facts, answer, s)
        total = s.weight_words * w + s.weight_chars * c + s.weight_facts * f + s.weight_numbers * n
        scored.append(StoryScore(p.id, round(total, 4), round(w, 4), round(c, 4), round(f, 4), round(n, 4)))
    return sorted(scored, key=lambda x: (-x.score, x.story_id))


def match_story(answer: str, stories: Iterable[StoryProfile],
                settings: StorySettings = DEFAULT_STORY_SETTINGS) -> MatchResult:
    """The story `answer` tells: linked when confident, suggested when plausible, else none."""
    ranking = score_stories(answer, stories, settings)
    if not ranking:
        return MatchResult(None, None, 0.0, ranking)
    best = ranking[0]
    runner_up = ranking[1].score if len(ranking) > 1 else 0.0
    if best.score >= settings.match_auto_score and best.score - runner_up >= settings.match_min_margin:
        return MatchResult(best.story_id, None, best.score, ranking)
    if best.score >= settings.match_suggest_score:
        return MatchResult(None, best.story_id, best.score, ranking)
    return MatchResult(None, None, best.score, ranking)

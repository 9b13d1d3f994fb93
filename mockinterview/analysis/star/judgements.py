"""Sentence judgements learned from examples: blame (a failure pinned on other people or circumstances),
owning a failure, and vagueness (nothing specific: no named thing, figure or concrete detail).

Each is a binary logistic regression over `grammar.features`, so it weighs who the subject of a failure is,
voice, mood, negation, figures and names as well as the words themselves. Inference is numpy only; `fit`
(training) needs scikit-learn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from mockinterview.analysis.star import grammar
from mockinterview.analysis.star.section_model import sparse_matrix

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class SentenceClassifier:
    """A binary logistic regression over sparse named features."""

    weights: dict[str, float]
    intercept: float
    options: dict[str, bool] = field(default_factory=dict)
    """Keyword options of `grammar.features` it was trained with."""

    def prob(self, docs: Sequence[Doc]) -> np.ndarray:
        """The probability of the positive class for each sentence."""
        out = np.zeros(len(docs))
        for i, d in enumerate(docs):
            z = self.intercept + sum(self.weights.get(k, 0.0) * v
                                     for k, v in grammar.features(d, **self.options).items())
            out[i] = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
        return out

    def reasons(self, doc: Doc, top: int = 3) -> list[str]:
        """The features that pushed this sentence most towards the positive class."""
        found = [(self.weights[k] * v, k) for k, v in grammar.features(doc, **self.options).items()
                 if self.weights.get(k, 0.0) * v > 0]
        return [k for _, k in sorted(found, reverse=True)[:top]]


def fit(docs: Sequence[Doc], ys: Sequence[int], *, c: float = 1.0, min_count: int = 2, balanced: bool = True,
        **options: bool) -> SentenceClassifier:
    """Fit on parsed sentences and 0/1 labels; `options` go to `grammar.features`. Needs scikit-learn."""
    from sklearn.linear_model import LogisticRegression

    rows = [grammar.features(d, **options) for d in docs]
    counts: dict[str, int] = {}
    for r in rows:
        for k in r:
            counts[k] = counts.get(k, 0) + 1
    names = sorted(k for k, n in counts.items() if n >= min_count)
    index = {k: i for i, k in enumerate(names)}
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit(sparse_matrix(rows, index), list(ys))
    return SentenceClassifier({k: float(clf.coef_[0][i]) for k, i in index.items()}, float(clf.intercept_[0]),
                              dict(options))


@dataclass(frozen=True)
class AnswerBlame:
    """The answer-level blame decision: a logistic regression over `blame_evidence`'s numbers, and the
    probability at which an answer counts as blaming (chosen on the training answers)."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    background: str = "STO"
    """Sections that set the scene: their blame is summed apart from the story's (the actions, result and
    lesson), since other people and outside events named as background are not yet an excuse."""

    def prob(self, evidence: Sequence[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.weights, evidence, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


EVIDENCE = ("background blame (sum)", "story blame (sum)", "strongest blame (log-odds)", "strongest ownership")
"""What `blame_evidence` returns, in order."""

LOGIT_CLIP = 1e-4
"""Probabilities are kept this far from 0 and 1 before taking log-odds."""


def blame_evidence(labels: Sequence[str], p_blame: Sequence[float] | np.ndarray, p_own: Sequence[float] | np.ndarray,
                   background: str) -> list[float]:
    """An answer's blame evidence (`EVIDENCE`): the summed blame probability of its sentences in `background`
    sections and of the others, the log-odds of its most blaming sentence, and its strongest ownership of a
    failure. The sums let blame spread thin over several sentences count; the log-odds tell one unmistakable
    sentence from a merely likely one."""
    pairs = [(float(p), lb) for p, lb in zip(p_blame, labels, strict=True)]
    top = min(1.0 - LOGIT_CLIP, max([LOGIT_CLIP] + [p for p, _ in pairs]))
    return [sum(p for p, lb in pairs if lb in background), sum(p for p, lb in pairs if lb not in background),
            math.log(top / (1.0 - top)), float(max(p_own)) if len(p_own) else 0.0]

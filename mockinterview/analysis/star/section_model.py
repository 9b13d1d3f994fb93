"""The STAR+ section model: a label per sentence from its grammar features and its place in the answer.

A multinomial logistic regression over `grammar.features` (plus, for the whole-answer pass, where the sentence
sits) gives each sentence's label probabilities; label-to-label transitions learned from labelled answers then
pick the sequence: Viterbi over the whole answer at the end, or greedily, each sentence given the label before
it, while the answer is spoken. Inference is numpy only; `fit` (training) needs scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mockinterview.analysis.star import grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABEL_CODES = ("S", "T", "A", "R", "X", "O")
"""Label order of the model's rows (the contract's labels)."""

POSITION_EDGES = (0.08, 0.25, 0.5, 0.75, 0.92, 1.01)
"""Upper edges of the relative-position buckets (share of the answer's words before the sentence)."""


@dataclass(frozen=True)
class SectionSettings:
    """How the section model is trained and decoded."""

    c: float = 0.5
    """Inverse L2 strength of the logistic regression."""

    transition_weight: float = 1.0
    """Weight of the transition log-probabilities against each sentence's own evidence."""

    smoothing: float = 1.0
    """Add-k smoothing of the transition counts, so every order (R before A, S in the middle) stays possible."""

    min_count: int = 2
    """A feature must occur in this many training sentences to be kept."""


def sentence_rows(docs: Sequence[Doc], *, positions: bool = True) -> list[grammar.Features]:
    """Features of every sentence of one answer: its grammar, whether it opens the answer and, with
    `positions`, where it sits (share of the words before it) and whether it closes the answer. The live pass
    cannot know the answer's length, so it leaves positions out."""
    n_words = [max(1, len(d)) for d in docs]
    total = sum(n_words)
    rows = []
    done = 0
    for k, d in enumerate(docs):
        f = dict(grammar.features(d))
        if positions:
            rel = done / total
            bucket = next(i for i, edge in enumerate(POSITION_EDGES) if rel < edge or i == len(POSITION_EDGES) - 1)
            f[f"pos{bucket}"] = 1.0
            if k == len(docs) - 1:
                f["last_sentence"] = 1.0
        if k == 0:
            f["first_sentence"] = 1.0
        f["bias"] = 1.0
        rows.append(f)
        done += n_words[k]
    return rows


def matrix(rows: Sequence[grammar.Features], index: dict[str, int]) -> np.ndarray:
    """Rows of sparse named features as a dense matrix over `index` (unknown names dropped)."""
    x = np.zeros((len(rows), len(index)))
    for i, r in enumerate(rows):
        for k, v in r.items():
            j = index.get(k)
            if j is not None:
                x[i, j] = v
    return x


def sparse_matrix(rows: Sequence[grammar.Features], index: dict[str, int]) -> Any:
    """The same as a scipy sparse matrix (training only: fitting on it is much faster)."""
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for r in rows:
        for k, v in r.items():
            j = index.get(k)
            if j is not None:
                cols.append(j)
                data.append(v)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(rows), len(index)))


@dataclass(frozen=True)
class SectionModel:
    """Feature index, weights (labels x features), intercepts and log transition tables."""

    index: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    log_start: np.ndarray
    log_trans: np.ndarray
    transition_weight: float = 1.0

    def log_probs(self, rows: Sequence[grammar.Features]) -> np.ndarray:
        """Per sentence, the log-probability of each label from its own features."""
        z: np.ndarray = matrix(rows, self.index) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        out: np.ndarray = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return out

    def decode(self, rows: Sequence[grammar.Features]) -> tuple[list[str], np.ndarray]:
        """The most likely label sequence (Viterbi) and each sentence's own label log-probabilities."""
        em = self.log_probs(rows)
        if not len(em):
            return [], em
        tw = self.transition_weight
        score = tw * self.log_start + em[0]
        back = np.zeros(em.shape, dtype=int)
        for i in range(1, len(em)):
            cand = score[:, None] + tw * self.log_trans
            back[i] = cand.argmax(axis=0)
            score = cand.max(axis=0) + em[i]
        path = [int(score.argmax())]
        for i in range(len(em) - 1, 0, -1):
            path.append(int(back[i, path[-1]]))
        path.reverse()
        return [LABEL_CODES[p] for p in path], em

    def greedy(self, rows: Sequence[grammar.Features]) -> tuple[list[str], np.ndarray]:
        """Each sentence labelled from its own evidence and the label before it (no look-ahead)."""
        em = self.log_probs(rows)
        out: list[str] = []
        prev: int | None = None
        for i in range(len(em)):
            table = self.log_start if prev is None else self.log_trans[prev]
            prev = int((em[i] + self.transition_weight * table).argmax())
            out.append(LABEL_CODES[prev])
        return out, em

    def reasons(self, row: grammar.Features, label: str, top: int = 2) -> list[str]:
        """The features that pushed this sentence most towards `label` (against the other labels' mean)."""
        k = LABEL_CODES.index(label)
        found = []
        for name, v in row.items():
            j = self.index.get(name)
            if j is None or name == "bias":
                continue
            push = v * (self.coef[k, j] - self.coef[:, j].mean())
            if push > 0:
                found.append((push, name))
        return [name for _, name in sorted(found, reverse=True)[:top]]


def fit(answers: Sequence[tuple[Sequence[Doc], Sequence[str]]], singles: Sequence[tuple[Doc, str]] = (),
        settings: SectionSettings = SectionSettings(), *, positions: bool = True) -> SectionModel:
    """Fit on labelled answers (docs, labels) and single labelled sentences (no context); needs scikit-learn."""
    from sklearn.linear_model import LogisticRegression

    rows: list[grammar.Features] = []
    ys: list[int] = []
    for docs, labels in answers:
        rows.extend(sentence_rows(docs, positions=positions))
        ys.extend(LABEL_CODES.index(lb) for lb in labels)
    for d, lb in singles:
        rows.append({**grammar.features(d), "bias": 1.0})
        ys.append(LABEL_CODES.index(lb))
    counts: dict[str, int] = {}
    for r in rows:
        for name in r:
            counts[name] = counts.get(name, 0) + 1
    index = {name: i for i, name in enumerate(sorted(k for k, c in counts.items() if c >= settings.min_count))}
    clf = LogisticRegression(C=settings.c, max_iter=3000)
    clf.fit(sparse_matrix(rows, index), ys)
    k = len(LABEL_CODES)
    coef = np.zeros((k, len(index)))
    intercept = np.zeros(k)
    for row, cls in enumerate(clf.classes_):
        coef[cls] = clf.coef_[row]
        intercept[cls] = clf.intercept_[row]
    trans = np.full((k, k), settings.smoothing)
    start = np.full(k, settings.smoothing)
    for _, labels in answers:
        idx = [LABEL_CODES.index(lb) for lb in labels]
        start[idx[0]] += 1
        for a, b in zip(idx, idx[1:], strict=False):
            trans[a, b] += 1
    trans /= trans.sum(axis=1, keepdims=True)
    return SectionModel(index, coef, intercept, np.log(start / start.sum()), np.log(trans),
                        settings.transition_weight)

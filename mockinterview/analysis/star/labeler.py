"""STAR+ labels (S T A R X O) for every sentence or clause, each with the cue that decided it.

The model is small and explainable (`label_model.py`): a logistic regression over named cue features
(`cues.py`) trained on labelled answers written for it, plus label-to-label transitions. The final pass decodes
the whole answer (Viterbi); the live pass labels each unit as soon as its words are committed, from what came
before it. Each unit's cue is the feature that added most to its label, quoting the speaker's words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.analysis.star.cues import CUES, DESCRIPTIONS, Features, extract
from mockinterview.analysis.star.label_model import (  # noqa: F401 - re-exported for callers of the labeler
    LabelerSettings,
    Model,
    default_model,
    fingerprint,
    load_training_answers,
    train,
    write_model_file,
)
from mockinterview.analysis.star.sentences import Sentence, TimedWords
from mockinterview.report import LABEL_NAMES, LABELS, Label
from mockinterview.types import Word

LEXICAL = frozenset(CUES) | {"quantity", "quantities2", "percent_or_money"}
"""Features that quote the speaker's words; explanations prefer them over position or pronoun features."""


SentencePiece = tuple[int, tuple[Word, ...]]
"""A sentence or a clause of it: the sentence's index and the piece's words."""


@dataclass(frozen=True, slots=True)
class Unit(TimedWords):
    """A labelled sentence or clause: its words, label, the cue that decided it and its confidence."""

    words: tuple[Word, ...]
    label: Label
    cue: str
    confidence: float
    sentence: int
    provisional: bool = False


# ---- units and decoding ---------------------------------------------------------------------------------


def split_units(sentences: Sequence[Sentence], settings: LabelerSettings) -> list[SentencePiece]:
    """Cut sentences into clauses at commas when both sides keep `clause_min_words` words."""
    units: list[SentencePiece] = []
    for sent in sentences:
        pieces: list[list[Word]] = [[]]
        for w in sent.words:
            pieces[-1].append(w)
            if w.text.rstrip().endswith((",", ";", ":")):
                pieces.append([])
        merged: list[list[Word]] = []
        for p in pieces:
            if not p:
                continue
            if merged and (len(p) < settings.clause_min_words or len(merged[-1]) < settings.clause_min_words):
                merged[-1].extend(p)
            else:
                merged.append(p)
        units.extend((sent.index, tuple(p)) for p in merged)
    return units


def _explain(model: Model, f: Features, label: int, emitted: int, prev: int | None) -> str:
    """The cue behind a label: the feature adding most to it, or the context when context decided."""
    if emitted != label and prev is not None and prev == label:
        return f"context: continues the {LABEL_NAMES[LABELS[label]]} part"
    x = model.vector(f)
    contrib = model.weights[label] * x - (model.weights * x).mean(axis=0)
    order = sorted(range(len(x)), key=lambda i: (model.features[i] not in LEXICAL, -contrib[i]))
    for i in order:
        name = model.features[i]
        if name == "bias" or x[i] == 0 or contrib[i] <= 0:
            continue
        desc = DESCRIPTIONS.get(name, name)
        quote = f.evidence.get(name)
        return f"{desc}: '{quote}'" if quote else desc
    return f"context: fits between the parts around it ({LABEL_NAMES[LABELS[label]]})"


def _rel(t: float, answer_start: float, answer_len: float | None) -> float | None:
    if answer_len is None:
        return None
    return min(1.0, max(0.0, (t - answer_start) / answer_len)) if answer_len > 0 else 0.0


def _features(units: Sequence[SentencePiece], answer_start: float, answer_len: float | None, *,
              final: bool) -> list[Features]:
    out = []
    for i, (_, words) in enumerate(units):
        rel = _rel(words[0].start, answer_start, answer_len)
        spoken = [w for w in words if not w.filler] or list(words)
        out.append(extract(" ".join(w.text for w in spoken), rel, first=i == 0,
                           last=final and i == len(units) - 1))
    return out


def _emissions(m: Model, units: Sequence[SentencePiece], feats: list[Features], answer_start: float,
               answer_len: float | None, settings: LabelerSettings, *, final: bool) -> np.ndarray:
    """Log-probabilities per unit: the clause's own evidence blended with its whole sentence's."""
    own = np.array([m.log_probs(m.vector(f)) for f in feats])
    groups: dict[int, list[int]] = {}
    for i, (sent, _) in enumerate(units):
        groups.setdefault(sent, []).append(i)
    out = own.copy()
    n = len(units)
    for members in groups.values():
        if len(members) < 2:
            continue
        words = [w for i in members for w in units[i][1]]
        spoken = [w for w in words if not w.filler] or words
        rel = _rel(words[0].start, answer_start, answer_len)
        f = extract(" ".join(w.text for w in spoken), rel, first=members[0] == 0,
                    last=final and members[-1] == n - 1)
        whole = m.log_probs(m.vector(f))
        for i in members:
            out[i] = settings.clause_weight * own[i] + (1 - settings.clause_weight) * whole
    return out


DEFAULT_LABELER = LabelerSettings()


def label_sentences(sentences: Sequence[Sentence], settings: LabelerSettings = DEFAULT_LABELER,
                    model: Model | None = None) -> list[Unit]:
    """Final pass: label every unit with the whole answer in view (Viterbi over emissions and transitions)."""
    m = model or default_model(settings)
    units = split_units(sentences, settings)
    if not units:
        return []
    start, end = units[0][1][0].start, units[-1][1][-1].end
    feats = _features(units, start, max(end - start, 1e-6), final=True)
    em = _emissions(m, units, feats, start, max(end - start, 1e-6), settings, final=True)
    n, k = em.shape
    tw = settings.transition_weight
    score = m.log_start * tw + em[0]
    back = np.zeros((n, k), dtype=int)
    for i in range(1, n):
        table = m.log_within if units[i][0] == units[i - 1][0] else m.log_trans
        cand = score[:, None] + tw * table
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + em[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    out = []
    for i, (sent, words) in enumerate(units):
        lab = path[i]
        prev = path[i - 1] if i else None
        cue = _explain(m, feats[i], lab, int(em[i].argmax()), prev)
        out.append(Unit(words, LABELS[lab], cue, float(math.exp(em[i][lab])), sent))
    return out


def label_greedy(sentences: Sequence[Sentence], answer_start: float, settings: LabelerSettings,
                 model: Model | None = None) -> list[Unit]:
    """Live pass: each unit labelled from its own cues and the label before it (no look-ahead).

    The answer's length is unknown while it is spoken, so this pass uses a model without position features.
    """
    m = model or default_model(settings, positions=False)
    units = split_units(sentences, settings)
    if not units:
        return []
    feats = _features(units, answer_start, None, final=False)
    ems = _emissions(m, units, feats, answer_start, None, settings, final=False)
    out: list[Unit] = []
    prev: int | None = None
    for i, (sent, words) in enumerate(units):
        em = ems[i]
        if prev is None:
            total = em + settings.transition_weight * m.log_start
        else:
            table = m.log_within if units[i - 1][0] == sent else m.log_trans
            total = em + settings.transition_weight * table[prev]
        lab = int(total.argmax())
        out.append(Unit(words, LABELS[lab], _explain(m, feats[i], lab, int(em.argmax()), prev),
                        float(math.exp(em[lab])), sent, provisional=True))
        prev = lab
    return out

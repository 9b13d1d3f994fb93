"""STAR+ labels (S T A R X O) for every sentence or clause, each with the cue that decided it.

The model is small and explainable: a multinomial logistic regression over named cue features
(`cues.py`), trained at first use on the labelled answers in `data/star_train_*.txt` (written for this
purpose, not taken from any test corpus), combined with label-to-label transitions learned from the same
answers. The final pass decodes the whole answer (Viterbi); the live pass labels each unit as soon as its
words are committed, from what came before it.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from mockinterview.analysis.cues import CUES, DESCRIPTIONS, Features, extract
from mockinterview.analysis.sentences import Sentence
from mockinterview.report import LABELS
from mockinterview.types import Word

LEXICAL = frozenset(CUES) | {"quantity", "quantities2", "percent_or_money"}
"""Features that quote the speaker's words; explanations prefer them over position or pronoun features."""

LABEL_NAMES = {"S": "Situation", "T": "Task", "A": "Action", "R": "Result", "X": "Reflection", "O": "Other"}


@dataclass(frozen=True, slots=True)
class LabelerSettings:
    """How sentences are cut into units and how labels are decided."""

    clause_min_words: int = 6
    """A sentence is cut at a comma only when both pieces keep at least this many words."""

    clause_weight: float = 0.5
    """A clause's evidence is this much its own cues and the rest its whole sentence's cues."""

    within_sentence_stay: float = 0.93
    """Probability that a clause keeps the label of the clause before it in the same sentence."""

    transition_weight: float = 0.6
    """Weight of the label-to-label transition log-probabilities against the unit's own evidence."""

    transition_smoothing: float = 1.0
    """Add-k smoothing of the transition counts, so any order (R before A, S in the middle) stays possible."""

    l2: float = 0.003
    """L2 penalty of the logistic regression (per example)."""

    position_l2_factor: float = 4.0
    """Position features get this many times the L2 penalty, so wording decides more than placement."""

    epochs: int = 800
    """Full-batch gradient steps when training."""

    learning_rate: float = 0.8
    """Gradient step size when training."""



@dataclass(frozen=True, slots=True)
class Unit:
    """A labelled sentence or clause: its words, label, the cue that decided it and its confidence."""

    words: tuple[Word, ...]
    label: str
    cue: str
    confidence: float
    sentence: int
    provisional: bool = False

    @property
    def start(self) -> float:
        return self.words[0].start

    @property
    def end(self) -> float:
        return self.words[-1].end

    @property
    def text(self) -> str:
        return " ".join(w.text.strip() for w in self.words)


# ---- training data --------------------------------------------------------------------------------------


def load_training_answers() -> list[list[tuple[str, str]]]:
    """The labelled answers shipped in `data/`: a list of answers, each a list of (label, sentence)."""
    answers: list[list[tuple[str, str]]] = []
    folder = resources.files("mockinterview.analysis") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not (entry.name.startswith("star_train_") and entry.name.endswith(".txt")):
            continue
        cur: list[tuple[str, str]] = []
        for line in entry.read_text(encoding="utf-8").splitlines() + [""]:
            if not line.strip():
                if cur:
                    answers.append(cur)
                cur = []
            elif not line.startswith("#"):
                label, _, text = line.partition("\t")
                if label not in LABELS:
                    raise ValueError(f"{entry.name}: bad label {label!r} in {line!r}")
                cur.append((label, text.strip()))
    return answers


def split_clauses_text(text: str, min_words: int) -> list[str]:
    """Cut a written sentence at commas where both pieces keep `min_words` words (training augmentation)."""
    parts = [p.strip() for p in re.split(r"(?<=[,;:])\s+", text) if p.strip()]
    out: list[str] = []
    for p in parts:
        if out and (len(p.split()) < min_words or len(out[-1].split()) < min_words):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class Model:
    """Trained weights (labels x features), feature names and log transition tables."""

    features: tuple[str, ...]
    weights: np.ndarray
    log_start: np.ndarray
    log_trans: np.ndarray
    log_within: np.ndarray

    @cached_property
    def index(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.features)}

    def vector(self, f: Features) -> np.ndarray:
        index = self.index
        x = np.zeros(len(self.features))
        for name, v in f.values.items():
            if name in index:
                x[index[name]] = v
        return x

    def log_probs(self, x: np.ndarray) -> np.ndarray:
        z = self.weights @ x
        z = z - z.max()
        return z - math.log(float(np.exp(z).sum()))


def _training_rows(answers, s: LabelerSettings, positions: bool) -> tuple[list[Features], list[int]]:
    rows: list[Features] = []
    ys: list[int] = []
    for ans in answers:
        total = sum(len(t.split()) for _, t in ans) or 1
        done = 0
        for k, (label, text) in enumerate(ans):
            n = len(text.split())
            pieces = [text]
            clauses = split_clauses_text(text, s.clause_min_words)
            if len(clauses) > 1:
                pieces += clauses
            for piece in pieces:
                rows.append(extract(piece, done / total if positions else None, first=k == 0,
                                    last=positions and k == len(ans) - 1))
                ys.append(LABELS.index(label))
            done += n
    return rows, ys


def train(answers: list[list[tuple[str, str]]], settings: LabelerSettings, positions: bool = True) -> Model:
    """Fit the cue weights and the transition tables on labelled answers.

    `positions` False leaves out where a unit sits in the answer (for the live pass, which cannot know).
    """
    rows, ys = _training_rows(answers, settings, positions)
    names = sorted({n for r in rows for n in r.values})
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, r in enumerate(rows):
        for n, v in r.values.items():
            x[i, index[n]] = v
    y = np.zeros((len(rows), len(LABELS)))
    y[np.arange(len(rows)), ys] = 1.0
    w = np.zeros((len(LABELS), len(names)))
    l2 = np.array([settings.l2 * (settings.position_l2_factor if n.startswith("pos") else 1.0) for n in names])
    for _ in range(settings.epochs):
        z = x @ w.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y).T @ x / len(rows) + l2 * w
        w -= settings.learning_rate * grad
    k = len(LABELS)
    counts = np.full((k, k), settings.transition_smoothing)
    start = np.full(k, settings.transition_smoothing)
    for ans in answers:
        idx = [LABELS.index(lbl) for lbl, _ in ans]
        start[idx[0]] += 1
        for a, b in zip(idx, idx[1:], strict=False):
            counts[a, b] += 1
    trans = counts / counts.sum(axis=1, keepdims=True)
    off = trans * (1 - np.eye(k))
    off = off / off.sum(axis=1, keepdims=True)
    within = settings.within_sentence_stay * np.eye(k) + (1 - settings.within_sentence_stay) * off
    return Model(tuple(names), w, np.log(start / start.sum()), np.log(trans), np.log(within))


MODEL_FILE = "star_model.json"
"""Weights trained from the shipped answers, stored so a process need not retrain (`python -m ...labeler`)."""


def fingerprint(answers: list[list[tuple[str, str]]], settings: LabelerSettings, positions: bool) -> str:
    """Hash of everything the weights depend on: training answers, settings and the feature code."""
    h = hashlib.sha256(repr((answers, settings, positions)).encode())
    pkg = resources.files("mockinterview.analysis")
    for name in ("cues.py", "numbers.py"):
        h.update((pkg / name).read_bytes())
    return h.hexdigest()[:16]


def _stored(fp: str) -> Model | None:
    path = resources.files("mockinterview.analysis") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    entry = json.loads(path.read_text(encoding="utf-8")).get(fp)
    if entry is None:
        return None
    return Model(tuple(entry["features"]), np.array(entry["weights"]), np.array(entry["log_start"]),
                 np.array(entry["log_trans"]), np.array(entry["log_within"]))


@lru_cache(maxsize=8)
def default_model(settings: LabelerSettings = LabelerSettings(), positions: bool = True) -> Model:
    """The model for the shipped answers: the stored weights when they match, else trained now (~0.5 s)."""
    answers = load_training_answers()
    return _stored(fingerprint(answers, settings, positions)) or train(answers, settings, positions)


def write_model_file(settings: LabelerSettings = LabelerSettings()) -> Path:
    """Train both models (with and without position features) and store their weights in data/."""
    answers = load_training_answers()
    out = {}
    for positions in (True, False):
        m = train(answers, settings, positions)
        out[fingerprint(answers, settings, positions)] = {
            "positions": positions, "features": list(m.features), "weights": m.weights.round(6).tolist(),
            "log_start": m.log_start.round(6).tolist(), "log_trans": m.log_trans.round(6).tolist(),
            "log_within": m.log_within.round(6).tolist(),
        }
    path = Path(str(resources.files("mockinterview.analysis") / "data" / MODEL_FILE))
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_model_file()}")


# ---- units and decoding ---------------------------------------------------------------------------------


def split_units(sentences: Sequence[Sentence], settings: LabelerSettings) -> list[tuple[int, tuple[Word, ...]]]:
    """Cut sentences into clauses at commas when both sides keep `clause_min_words` words."""
    units: list[tuple[int, tuple[Word, ...]]] = []
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


def _features(units, answer_start: float, answer_len: float | None, *, final: bool) -> list[Features]:
    out = []
    for i, (_, words) in enumerate(units):
        rel = _rel(words[0].start, answer_start, answer_len)
        spoken = [w for w in words if not w.filler] or list(words)
        out.append(extract(" ".join(w.text for w in spoken), rel, first=i == 0,
                           last=final and i == len(units) - 1))
    return out


def _emissions(m: Model, units, feats: list[Features], answer_start: float, answer_len: float | None,
               settings: LabelerSettings, *, final: bool) -> np.ndarray:
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


def label_sentences(sentences: Sequence[Sentence], settings: LabelerSettings = LabelerSettings(),
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

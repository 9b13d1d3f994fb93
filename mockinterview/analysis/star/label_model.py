"""The label model: training answers, cue-weight training, transitions, and the stored weights.

A multinomial logistic regression over the named cue features of `cues.py`, trained on the labelled answers
in `data/star_train_*.txt` (written for this purpose, not taken from any test corpus), plus label-to-label
transition tables learned from the same answers. `data/star_model.json` stores the trained weights keyed by a
fingerprint of everything they depend on; regenerate it with `python -m mockinterview.analysis.star.label_model`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from mockinterview.analysis.star.cues import Features, extract
from mockinterview.report import LABELS


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


# ---- training data --------------------------------------------------------------------------------------


def load_training_answers() -> list[list[tuple[str, str]]]:
    """The labelled answers shipped in `data/`: a list of answers, each a list of (label, sentence)."""
    answers: list[list[tuple[str, str]]] = []
    folder = resources.files("mockinterview.analysis.star") / "data"
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
        z: np.ndarray = self.weights @ x
        z = z - z.max()
        return z - math.log(float(np.exp(z).sum()))


def _training_rows(answers: list[list[tuple[str, str]]], s: LabelerSettings,
                   positions: bool) -> tuple[list[Features], list[int]]:
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
    for pkg, name in (("mockinterview.analysis.star", "cues.py"), ("mockinterview.analysis", "numbers.py")):
        h.update((resources.files(pkg) / name).read_bytes())
    return h.hexdigest()[:16]


def _stored(fp: str) -> Model | None:
    path = resources.files("mockinterview.analysis.star") / "data" / MODEL_FILE
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
    path = Path(str(resources.files("mockinterview.analysis.star") / "data" / MODEL_FILE))
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_model_file()}")

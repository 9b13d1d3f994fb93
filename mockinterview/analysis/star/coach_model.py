"""The learned STAR+ judgements as one set of weights: the section models, the sentence judgements and the
answer-level blame decision, stored as plain JSON in `data/star_weights.json`.

The file is written by `python -m mockinterview.analysis.star.train` and carries a fingerprint of the training
data and feature code it was made from (`fingerprint`; a unit test checks they still match). Reading it takes
about 50 ms, so it loads with the parser in the background (`load_in_background`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from mockinterview.analysis import language
from mockinterview.analysis.star.judgements import AnswerBlame, SentenceClassifier
from mockinterview.analysis.star.section_model import SectionModel

WEIGHTS_FILE = "star_weights.json"
"""The shipped weights, in `analysis/star/data/`."""

WEIGHT_FLOOR = 0.03
"""Weights smaller than this (in every row) are dropped from the stored file; they move no decision."""

DECIMALS = 2
"""Stored weights are rounded to this many decimals."""

FINGERPRINTED = ("grammar.py", "section_model.py", "judgements.py", "traindata.py", "train.py")
"""Modules of `analysis/star` whose source the weights depend on."""


@dataclass(frozen=True)
class Models:
    """Everything the learned judgements need."""

    sections: SectionModel
    """Section labels with the whole answer in view (positions included)."""

    live_sections: SectionModel
    """Section labels while the answer is spoken (no positions: its length is unknown)."""

    blame: SentenceClassifier
    """Does a sentence pin a failure on others or circumstances."""

    owning: SentenceClassifier
    """Does a sentence own a failure."""

    vague: SentenceClassifier
    """Does a sentence say nothing specific."""

    answer_blame: AnswerBlame
    """Does the answer as a whole blame (from its sentences' blame and ownership)."""


def fingerprint() -> str:
    """Hash of the written training data (`data/star_*`) and the feature and training code."""
    h = hashlib.sha256()
    folder = resources.files("mockinterview.analysis.star")
    for name in FINGERPRINTED:
        h.update((folder / name).read_bytes())
    data = folder / "data"
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("star_") and entry.name.endswith((".txt", ".tsv")):
            h.update(entry.name.encode() + entry.read_bytes())
    return h.hexdigest()[:16]


def _section_json(m: SectionModel) -> dict[str, Any]:
    names = sorted(m.index, key=m.index.__getitem__)
    keep = [m.index[n] for n in names if np.abs(m.coef[:, m.index[n]]).max() >= WEIGHT_FLOOR]
    return {"features": [names[i] for i in keep], "coef": np.round(m.coef[:, keep], DECIMALS).tolist(),
            "intercept": np.round(m.intercept, 4).tolist(), "log_start": np.round(m.log_start, 4).tolist(),
            "log_trans": np.round(m.log_trans, 4).tolist(), "transition_weight": m.transition_weight}


def _section_from(d: dict[str, Any]) -> SectionModel:
    return SectionModel({k: i for i, k in enumerate(d["features"])}, np.array(d["coef"]), np.array(d["intercept"]),
                        np.array(d["log_start"]), np.array(d["log_trans"]), float(d["transition_weight"]))


def _clf_json(c: SentenceClassifier) -> dict[str, Any]:
    return {"weights": {k: round(v, DECIMALS) for k, v in sorted(c.weights.items()) if abs(v) >= WEIGHT_FLOOR},
            "intercept": round(c.intercept, 4), "options": c.options}


def _clf_from(d: dict[str, Any]) -> SentenceClassifier:
    return SentenceClassifier(dict(d["weights"]), float(d["intercept"]), dict(d["options"]))


def to_json(m: Models, fp: str = "") -> dict[str, Any]:
    """The weights as plain data (rounded; features with no weight dropped)."""
    return {"fingerprint": fp or fingerprint(), "sections": _section_json(m.sections),
            "live_sections": _section_json(m.live_sections), "blame": _clf_json(m.blame),
            "owning": _clf_json(m.owning), "vague": _clf_json(m.vague),
            "answer_blame": {"weights": [round(w, 4) for w in m.answer_blame.weights],
                             "intercept": round(m.answer_blame.intercept, 4),
                             "threshold": round(m.answer_blame.threshold, 4),
                             "background": m.answer_blame.background}}


def from_json(d: dict[str, Any]) -> Models:
    ab = d["answer_blame"]
    w = ab["weights"]
    return Models(_section_from(d["sections"]), _section_from(d["live_sections"]), _clf_from(d["blame"]),
                  _clf_from(d["owning"]), _clf_from(d["vague"]),
                  AnswerBlame(tuple(float(x) for x in w), float(ab["intercept"]), float(ab["threshold"]),
                              str(ab["background"])))


def shipped_path() -> Path:
    return Path(str(resources.files("mockinterview.analysis.star") / "data" / WEIGHTS_FILE))


@lru_cache(maxsize=4)
def load_models(path: str = "") -> Models:
    """The weights in `path` ("" = the shipped file), read once per path."""
    return from_json(json.loads(Path(path or shipped_path()).read_text(encoding="utf-8")))


def load_in_background() -> threading.Thread:
    """Start loading the parser and the shipped weights on a daemon thread, so neither the first question
    nor the first scorecard waits for them."""
    return language.load_in_background(load_models)

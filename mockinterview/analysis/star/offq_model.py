"""off_question's learned parts: small linear models as plain data, read from the process's one English parser
(`analysis/language.py`, re-exported here as `parse`, `warm`, `PARSER`).

Parses are cached by text, so sentences parsed while the answer is spoken (`warm`) cost nothing when the
answer is scored.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from mockinterview.analysis import language
from mockinterview.analysis.language import PARSER, ParserUnavailable, parse, parser_ready, warm

__all__ = ["PARSER", "Linear", "Models", "ParserUnavailable", "default_models", "load_in_background", "parse",
           "parser_ready", "warm"]

MODEL_FILE = "offq_model.json"
"""The weights, in `analysis/star/data/` (written by `python -m mockinterview.analysis.star.offq_train`)."""


@dataclass(frozen=True)
class Linear:
    """A logistic regression as plain data: per class an intercept and feature weights (one logit for the
    second class when there are two)."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def proba(self, feats: Iterable[str]) -> dict[str, float]:
        z = list(self.intercept)
        for f in set(feats):
            w = self.weights.get(f)
            if w:
                z = [a + b for a, b in zip(z, w, strict=True)]
        if len(self.classes) == 2 and len(z) == 1:
            p = 1.0 / (1.0 + math.exp(-z[0]))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        m = max(z)
        e = [math.exp(v - m) for v in z]
        s = sum(e)
        return {c: v / s for c, v in zip(self.classes, e, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercept": list(self.intercept),
                "weights": {k: list(v) for k, v in self.weights.items()}}

    @staticmethod
    def from_json(d: dict[str, Any]) -> Linear:
        return Linear(tuple(d["classes"]), tuple(d["intercept"]), {k: tuple(v) for k, v in d["weights"].items()})


@dataclass(frozen=True)
class Models:
    """Every learned part: sentence models (setting, outcome, conflict, develop) and question models
    (category, the outcome asked for, the setting asked for)."""

    domain: Linear
    outcome: Linear
    conflict: Linear
    develop: Linear
    q_category: Linear
    q_polarity: Linear
    q_domain: Linear

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k).to_json() for k in self.__dataclass_fields__}

    @staticmethod
    def from_json(d: dict[str, Any]) -> Models:
        return Models(**{k: Linear.from_json(v) for k, v in d.items()})


@lru_cache(maxsize=1)
def default_models() -> Models:
    """The shipped weights."""
    text = resources.files("mockinterview.analysis.star").joinpath("data", MODEL_FILE).read_text()
    return Models.from_json(json.loads(text))


def load_in_background() -> threading.Thread:
    """Start loading the shared parser and these weights on a daemon thread (about a second)."""
    return language.load_in_background(default_models)

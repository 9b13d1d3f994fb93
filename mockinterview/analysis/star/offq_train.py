"""Train off_question's models and write their weights (needs scikit-learn, a development dependency):

    python -m mockinterview.analysis.star.offq_train

Sentence models learn from `data/offq_sentences.tsv`, question models from `data/offq_questions.tsv` plus
the shipped banks (their categories, and the outcome and setting of `data/offq_bank_labels.tsv`); every
sentence and question there was written for this. See that folder's README for the tags.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mockinterview.analysis.star.offq_features import (
    CUE_SETS,
    cue_features,
    cue_subset,
    question_features,
    sentence_features,
)
from mockinterview.analysis.star.offq_model import MODEL_FILE, Linear, Models, parse

DATA = Path(__file__).parent / "data"
BANKS = Path(__file__).parents[3] / "question_banks"

PRUNE_BELOW = 0.005
"""Weights smaller than this are left out of the weights file (they change no decision)."""


@dataclass(frozen=True, slots=True)
class BankQuestion:
    """A shipped bank question with the outcome and setting it asks for ("any" when it asks for neither)."""

    key: str
    """"bank/id"."""
    category: str
    polarity: str
    domain: str
    text: str


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]


def read_sentences(path: Path = DATA / "offq_sentences.tsv") -> list[tuple[set[str], str]]:
    """(tags, sentence) rows; tags as in the data README."""
    return [(set() if tags == "-" else set(tags.split(",")), text) for tags, text in _rows(path)]


def read_questions(path: Path = DATA / "offq_questions.tsv") -> list[tuple[str, str, str, str]]:
    """(category, polarity, domain, question) rows."""
    return [(r[0], r[1], r[2], r[3]) for r in _rows(path)]


def bank_questions(banks: Path = BANKS) -> list[BankQuestion]:
    """Every shipped bank question, with the outcome and setting `data/offq_bank_labels.tsv` gives it."""
    labels = {r[0]: (r[1], r[2]) for r in _rows(DATA / "offq_bank_labels.tsv")}
    if not banks.is_dir():  # installed package: the banks ship inside it
        banks = Path(str(resources.files("mockinterview.question_banks")))
    out = []
    for f in sorted(banks.glob("*.toml")):
        for q in tomllib.loads(f.read_text())["question"]:
            pol, dom = labels.get(q["id"], ("any", "any"))
            out.append(BankQuestion(f"{f.stem}/{q['id']}", q["category"], pol, dom, q["text"]))
    return out


_FEATURES: dict[tuple[str, str], list[str]] = {}


def features(kind: str, texts: Sequence[str]) -> list[list[str]]:
    """Features of each text, memoised: kind "sentence" (setting model), "cues" or "question"."""
    todo = [t for t in dict.fromkeys(texts) if (kind, t) not in _FEATURES]
    for start in range(0, len(todo), 500):
        chunk = todo[start:start + 500]
        for text, doc in zip(chunk, parse(chunk), strict=True):
            fn = {"sentence": sentence_features, "cues": cue_features, "question": question_features}[kind]
            _FEATURES[(kind, text)] = fn(doc)
    return [_FEATURES[(kind, t)] for t in texts]


def fit(x: list[list[str]], y: list[str], c: float = 1.0, weight: list[float] | None = None,
        balanced: bool = True) -> Linear:
    """A logistic regression over sets of named features, as a `Linear`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(f, 1) for f in x])
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if balanced else None)
    clf.fit(matrix, y, sample_weight=weight)
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        w = tuple(round(float(clf.coef_[k][j]), 3) for k in range(clf.coef_.shape[0]))
        if any(abs(v) >= PRUNE_BELOW for v in w):
            weights[str(name)] = w
    return Linear(tuple(str(k) for k in clf.classes_), tuple(round(float(v), 3) for v in clf.intercept_), weights)


def train(extra_domain: Sequence[tuple[str, str]] = (), extra_weight: float = 0.5,
          extra_questions: Sequence[tuple[str, str, str, str]] = ()) -> Models:
    """Fit every model: sentence models on the written sentences (plus `extra_domain` (text, "work" |
    "nonwork") sentences for the setting model, weighted `extra_weight`), question models on the written
    questions plus `extra_questions` (category, polarity, domain, text)."""
    rows = read_sentences()
    texts = [t for _, t in rows]
    feats = features("sentence", texts)
    cues = features("cues", texts)
    dom = [(f, "nonwork" if "nonwork" in tags else "work") for f, (tags, _) in zip(feats, rows, strict=True)
           if tags & {"work", "nonwork"}]
    wts = [1.0] * len(dom)
    if extra_domain:
        dom += list(zip(features("sentence", [t for t, _ in extra_domain]), [lab for _, lab in extra_domain],
                        strict=True))
        wts += [extra_weight] * len(extra_domain)
    domain = fit([f for f, _ in dom], [lab for _, lab in dom], weight=wts)
    sub = {k: [cue_subset(c, k) for c in cues] for k in CUE_SETS}
    outcome = fit(sub["outcome"], ["fail" if "fail" in t else "success" if "success" in t else "neutral"
                                   for t, _ in rows], balanced=False)
    conflict = fit(sub["conflict"], ["conflict" if "conflict" in t else "none" for t, _ in rows], balanced=False)
    develop = fit(sub["develop"], ["develop" if "develop" in t else "none" for t, _ in rows], balanced=False)
    qs = read_questions() + list(extra_questions)
    qf = features("question", [q[3] for q in qs])
    return Models(domain, outcome, conflict, develop, fit(qf, [q[0] for q in qs], c=3.0),
                  fit(qf, [q[1] for q in qs], c=3.0), fit(qf, [q[2] for q in qs], c=3.0))


def main() -> None:
    models = train(extra_questions=[(b.category, b.polarity, b.domain, b.text) for b in bank_questions()])
    out = DATA / MODEL_FILE
    out.write_text(json.dumps(models.to_json(), separators=(",", ":")) + "\n")
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()

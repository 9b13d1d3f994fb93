"""The training data of the learned judgements: written answers and sentences in `data/`, and (for training
only) a labelled corpus of answers in the shape of the spoken corpus's `answers.json`.

Written files (plain text, each with a header):
- `star_answers_*.txt`: practice answers, one block per answer ("# q:", "# role:", "# quality:", "# flags:"),
  each line LABEL[,TAG...]<TAB>sentence;
- `star_sentences.txt`: single sentences, each line LABEL[,TAG...]<TAB>sentence;
- `star_train_*.txt`: labelled answers, each line LABEL<TAB>sentence;
- `star_corpus_blame.tsv`, `star_corpus_own.tsv`: which sentences of a corpus answer blame, or own a failure
  (answer id and sentence number only; no corpus text).
Labels: S T A R X O. Tags: blame, own, vague, estimate, noresult.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

LABEL_CODES = ("S", "T", "A", "R", "X", "O")
TAGS = frozenset({"blame", "own", "vague", "estimate", "noresult"})


@dataclass
class LabelledAnswer:
    """One labelled answer: sentences with section labels and tags, and the answer's content flags."""

    id: str
    question: str = ""
    quality: str = ""
    flags: frozenset[str] = frozenset()
    labels: list[str] = field(default_factory=list)
    tags: list[frozenset[str]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @property
    def group(self) -> str:
        """Every copy of one corpus answer (dev-01, dev-01u, room/dev-01) shares this key."""
        return re.sub(r"u$", "", self.id.rsplit("/", 1)[-1])


Sentence = tuple[str, frozenset[str], str]
"""(label, tags, text) of one written sentence."""


def data_folder() -> Traversable:
    return resources.files("mockinterview.analysis.star") / "data"


def _line(line: str, where: str) -> Sentence:
    head, _, text = line.partition("\t")
    label, *tags = head.split(",")
    if label not in LABEL_CODES or not set(tags) <= TAGS or not text.strip():
        raise ValueError(f"{where}: bad line {line!r}")
    return label, frozenset(tags), text.strip()


def _blocks(entry: Traversable) -> list[LabelledAnswer]:
    out: list[LabelledAnswer] = []
    cur: LabelledAnswer | None = None
    for n, line in enumerate(entry.read_text(encoding="utf-8").splitlines() + [""], 1):
        if not line.strip():
            if cur and cur.sentences:
                out.append(cur)
            cur = None
            continue
        if cur is None:
            cur = LabelledAnswer(id=f"{entry.name}:{n}")
        if line.startswith("# q:"):
            cur.question = line[4:].strip()
        elif line.startswith("# quality:"):
            cur.quality = line[10:].strip()
        elif line.startswith("# flags:"):
            cur.flags = frozenset(f.strip() for f in line[8:].split(",") if f.strip())
        elif not line.startswith("#"):
            label, tags, text = _line(line, f"{entry.name}:{n}")
            cur.labels.append(label)
            cur.tags.append(tags)
            cur.sentences.append(text)
    return out


def load_answers(prefix: str = "star_answers_") -> list[LabelledAnswer]:
    """The written answers with flags and tags (`star_answers_*.txt`); `star_train_` for the labelled-only ones."""
    out: list[LabelledAnswer] = []
    for entry in sorted(data_folder().iterdir(), key=lambda e: e.name):
        if entry.name.startswith(prefix) and entry.name.endswith(".txt"):
            out.extend(_blocks(entry))
    return out


def load_sentences(name: str = "star_sentences.txt") -> list[Sentence]:
    """Every line of the single-sentence file."""
    entry = data_folder() / name
    return [_line(line, f"{name}:{n}") for n, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def load_sentence_tags(name: str) -> dict[str, set[int]]:
    """Corpus answer id -> numbers (0-based) of its tagged sentences (`star_corpus_blame.tsv`, `..._own.tsv`)."""
    out: dict[str, set[int]] = {}
    for line in (data_folder() / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            aid, idx = line.split("\t")
            out.setdefault(aid, set()).add(int(idx))
    return out


def load_corpus(path: Path) -> list[LabelledAnswer]:
    """Labelled answers from a corpus `answers.json` (id, question, quality, flags, sentences with labels)."""
    out = []
    for a in json.loads(path.read_text(encoding="utf-8")):
        sents = a["sentences"]
        out.append(LabelledAnswer(a["id"], a["question"], a["quality"], frozenset(a["flags"]),
                                  [s["label"] for s in sents], [frozenset()] * len(sents), [s["text"] for s in sents]))
    return out


def folds(answers: list[LabelledAnswer], k: int, seed: int = 0) -> list[list[str]]:
    """k folds of answer groups (every copy of an answer in one fold), stratified by quality so each fold holds
    strong and weak answers."""
    import random

    groups: dict[str, str] = {}
    for a in answers:
        groups.setdefault(a.group, a.quality)
    rng = random.Random(seed)
    out: list[list[str]] = [[] for _ in range(k)]
    i = 0
    for q in ("strong", "weak", "mixed", ""):
        ids = sorted(g for g, qq in groups.items() if qq == q)
        rng.shuffle(ids)
        for g in ids:
            out[i % k].append(g)
            i += 1
    return [sorted(f) for f in out]

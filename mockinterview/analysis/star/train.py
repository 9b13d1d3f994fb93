"""Train the learned STAR+ judgements and write their weights (needs scikit-learn, a dev dependency).

    python -m mockinterview.analysis.star.train [--corpus ../shared/corpus/answers.json] [--out FILE]

Training data: the written answers and sentences in `data/` (always), and the labelled answers of a corpus
when given (`benchmarks/bench_coach.py` passes only its training folds). Corpus answers teach the section
labels; for the judgements they add answer-level evidence: the Task/Action/Result sentences of a generic answer
are vague and those of a strong answer are not; every sentence of an answer without the blame flag is not
blame, and `star_corpus_blame.tsv`/`star_corpus_own.tsv` say which sentences of a corpus answer blame or own.
The answer-level blame decision is fitted on out-of-fold sentence judgements of the training answers, so its
threshold is never set on sentences the judgements were trained on.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mockinterview.analysis import language
from mockinterview.analysis.star import judgements, section_model
from mockinterview.analysis.star.coach_model import Models, shipped_path, to_json
from mockinterview.analysis.star.judgements import AnswerBlame, SentenceClassifier
from mockinterview.analysis.star.traindata import (
    LabelledAnswer,
    Sentence,
    folds,
    load_answers,
    load_corpus,
    load_sentence_tags,
    load_sentences,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

Parse = Callable[[Sequence[str]], list["Doc"]]


@dataclass(frozen=True)
class TrainSettings:
    """How the judgements are trained."""

    section: section_model.SectionSettings = field(default_factory=section_model.SectionSettings)
    """The section models."""

    blame_c: float = 3.0
    """Inverse L2 strength of the blame and ownership judgements."""

    vague_c: float = 1.0
    """Inverse L2 strength of the vagueness judgement."""

    blame_options: tuple[tuple[str, bool], ...] = (("bigrams", True), ("stop", False), ("context", True))
    """Feature options of the blame and ownership judgements: lemma pairs, no stop words, and the parser's
    sentence encoding (so wordings the written data never used still count)."""

    vague_options: tuple[tuple[str, bool], ...] = (("bigrams", False), ("persons", False))
    """Feature options of the vagueness judgement: no pairs, and no subject persons or pronouns ("we" is not
    vagueness)."""

    inner_folds: int = 5
    """Folds inside the training answers for the answer-level blame decision's out-of-fold judgements."""

    combiner_c: float = 1.0
    """Inverse L2 strength of the answer-level blame decision."""

    blame_probability: float = 0.5
    """An answer counts as blaming when the answer-level decision finds blame more likely than not. (A threshold
    chosen for the best F1 on the training answers swung between 0.3 and 0.75 from fold to fold: too few
    blaming answers to choose it on.)"""

    blame_background: str = "STO"
    """Sections whose blame evidence is summed apart, as background (`AnswerBlame.background`)."""


def _tagged(corpus: Sequence[LabelledAnswer], written: Sequence[LabelledAnswer], singles: Sequence[Sentence],
            tag: str, tsv: str) -> tuple[list[str], list[int]]:
    """(sentences, 0/1) for a sentence judgement: written sentences tagged `tag`, and corpus answers' sentences
    tagged in `tsv` (blame answers whose blame sentences are not listed are left out)."""
    texts: list[str] = []
    ys: list[int] = []
    for a in written:
        texts += a.sentences
        ys += [int(tag in t) for t in a.tags]
    texts += [s for _, _, s in singles]
    ys += [int(tag in t) for _, t, _ in singles]
    listed = load_sentence_tags(tsv)
    for a in corpus:
        if tag == "blame" and "blame" in a.flags and a.id not in listed:
            continue
        texts += a.sentences
        ys += [int(i in listed.get(a.id, ())) for i in range(len(a.sentences))]
    return texts, ys


def _blame_pair(corpus: Sequence[LabelledAnswer], written: Sequence[LabelledAnswer], singles: Sequence[Sentence],
                parse: Parse, s: TrainSettings) -> tuple[SentenceClassifier, SentenceClassifier]:
    opts = dict(s.blame_options)
    t, y = _tagged(corpus, written, singles, "blame", "star_corpus_blame.tsv")
    blame = judgements.fit(parse(t), y, c=s.blame_c, **opts)
    t, y = _tagged(corpus, written, singles, "own", "star_corpus_own.tsv")
    return blame, judgements.fit(parse(t), y, c=s.blame_c, **opts)


def _answer_blame(corpus: Sequence[LabelledAnswer], written: Sequence[LabelledAnswer],
                  singles: Sequence[Sentence], parse: Parse, s: TrainSettings) -> AnswerBlame:
    """Fit the answer-level decision on out-of-fold judgements of the corpus answers (written answers with a
    blame flag, when there is no corpus)."""
    from sklearn.linear_model import LogisticRegression

    xs: list[list[float]] = []
    ys: list[int] = []
    pool = list(corpus) or [a for a in written if a.quality]
    for fold in folds(pool, s.inner_folds, seed=1):
        inner = [a for a in corpus if a.group not in fold]
        inner_written = written if corpus else [a for a in written if a.group not in fold]
        b, o = _blame_pair(inner, inner_written, singles, parse, s)
        for a in pool:
            if a.group in fold:
                docs = parse(a.sentences)
                xs.append(judgements.blame_evidence(a.labels, b.prob(docs), o.prob(docs), s.blame_background))
                ys.append(int("blame" in a.flags))
    clf = LogisticRegression(C=s.combiner_c, max_iter=1000).fit(xs, ys)
    return AnswerBlame(tuple(float(v) for v in clf.coef_[0]), float(clf.intercept_[0]), s.blame_probability,
                       s.blame_background)


def _vague(corpus: Sequence[LabelledAnswer], written: Sequence[LabelledAnswer], singles: Sequence[Sentence],
           parse: Parse, s: TrainSettings) -> SentenceClassifier:
    texts: list[str] = []
    ys: list[int] = []
    for a in [*written, *corpus]:
        generic = "generic" in a.flags
        if generic or a.quality == "strong":
            for t, lb in zip(a.sentences, a.labels, strict=True):
                if lb in "TAR":
                    texts.append(t)
                    ys.append(int(generic))
    for lb, tags, t in singles:
        if "vague" in tags or (lb in "TA" and not tags):
            texts.append(t)
            ys.append(int("vague" in tags))
    return judgements.fit(parse(texts), ys, c=s.vague_c, **dict(s.vague_options))


def train_models(corpus: Sequence[LabelledAnswer] = (), settings: TrainSettings = TrainSettings(),
                 parse: Parse = language.parse) -> Models:
    """Train every judgement on the written data plus `corpus` (labelled answers)."""
    written = load_answers()
    singles = load_sentences()
    labelled = [(parse(a.sentences), a.labels) for a in [*corpus, *written, *load_answers("star_train_")]]
    single_docs = list(zip(parse([t for _, _, t in singles]), [lb for lb, _, _ in singles], strict=True))
    sections = section_model.fit(labelled, single_docs, settings.section)
    live = section_model.fit(labelled, single_docs, settings.section, positions=False)
    blame, owning = _blame_pair(corpus, written, singles, parse, settings)
    return Models(sections, live, blame, owning, _vague(corpus, written, singles, parse, settings),
                  _answer_blame(corpus, written, singles, parse, settings))


def write_weights(models: Models, path: Path) -> None:
    path.write_text(json.dumps(to_json(models), separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train the STAR+ judgements and write their weights.")
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/answers.json"),
                    help="labelled answers (answers.json) to train on as well; 'none' for the written data only")
    ap.add_argument("--out", type=Path, default=shipped_path())
    args = ap.parse_args(argv)
    corpus = [] if str(args.corpus) == "none" else load_corpus(args.corpus)
    language.PARSER.cache_size = 50_000
    write_weights(train_models(corpus), args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB) from {len(corpus)} corpus answers")


if __name__ == "__main__":
    main()

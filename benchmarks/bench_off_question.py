"""off_question on the corpus: mismatched pairs (answers with questions they do not answer) and every answer
with its own question, cross-validated.

    .venv/bin/python benchmarks/bench_off_question.py [--corpus ../shared/corpus] [--gold-labels | --transcripts]
                                                      [--verbose]

Pairs are built by the rules in offq_pairs.py. Folds: 6, grouped by answer (non-work answers dealt first so
every fold has some). Per fold, the story thresholds are tuned on the training answers' pairs only (a hit +1,
a false alarm on an own or same-category bank pair -`FALSE_ALARM_COST`) and the held-out answers are judged
with them. Sentence models learn only from the written sentences (as shipped); question models never see the
bank of the question they judge (leave-one-bank-out) nor any corpus question. Units are the product labeler's
sentences of the written answers, read clause by clause (`--gold-labels`: the corpus's sentences and labels;
`--transcripts`: of Whisper's transcripts of the spoken answers, as the product hears them, transcribed once
and cached by delivery_corpus.py).
Printed: precision, recall and F1 on mismatched pairs, the own-question clean rate, recall per rule, fold by
fold, the bank test, and the time to read a story against the STAR labeller's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from offq_pairs import BANK_CATEGORIES, MISMATCH_RULES  # noqa: E402

from mockinterview.analysis.delivery.timing import analyze_delivery  # noqa: E402
from mockinterview.analysis.scorer import estimate_timings, label_units  # noqa: E402
from mockinterview.analysis.star.off_question import (  # noqa: E402
    DEFAULT_OFFQ_SETTINGS,
    OffQuestionSettings,
    Requirements,
    StoryAttributes,
    Verdict,
    judge,
    question_requirements,
    story_attributes,
    unit_text,
)
from mockinterview.analysis.star.offq_model import Models  # noqa: E402
from mockinterview.analysis.star.offq_train import BankQuestion, bank_questions, train  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 6
FALSE_ALARM_COST = 5.0
"""Tuning utility: a false alarm on a good answer costs this many hits."""

GRID = {
    "domain_clear": (0.3, 0.5, 0.7, 0.9, 1.1, 1.3),
    "domain_strong_p": (0.8, 0.85, 0.9, 0.95, 0.97, 0.99),
    "success_story": (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55),
    "failure_story": (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8),
    "conflict_absent": (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5),
    "develop_absent": (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
}
"""Threshold values tried when tuning (each in turn, twice over)."""

Pair = tuple[str, str, str]
"""(answer id, question key, rule; "own" or "bank" for pairs that must stay clean)."""


def units_of(answer: dict, source: str, corpus: Path) -> list[tuple[str, str]]:
    """(label, text) units of an answer: source "gold" (the corpus's), "text" (the product labeler on the
    written answer) or "transcript" (the product labeler on the transcript of the spoken answer)."""
    if source == "gold":
        return [(s["label"], s["text"]) for s in answer["sentences"]]
    if source == "transcript":  # the words as score_answer reads them: fillers marked, um/uh recovered
        from delivery_corpus import transcribe

        t = transcribe(corpus / f"{answer['id']}.flac")
        words = analyze_delivery(t.words, t.speech, audio=t.audio, styled=t.styled).words
    else:
        words, _ = estimate_timings(" ".join(s["text"] for s in answer["sentences"]))
    return [(str(u.label), unit_text(u.words)) for u in label_units(words)]  # as score_answer reads them


def folds_of(answers: dict[str, dict]) -> dict[str, int]:
    """Answer -> fold: non-work answers dealt round-robin first, then the rest, in id order."""
    nw = [a for a in sorted(answers) if "non_work" in answers[a]["flags"]]
    rest = [a for a in sorted(answers) if a not in nw]
    return {a: i % FOLDS for i, a in enumerate(nw + rest)}


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def build_pairs(answers: dict[str, dict], bank: dict[str, BankQuestion]) -> list[Pair]:
    pairs: list[Pair] = [(a, a, "own") for a in sorted(answers)]
    for rule, (alist, qlist) in MISMATCH_RULES.items():
        pairs += [(a, q, rule) for a in alist for q in qlist]
    mismatched = {(a, q) for a, q, _ in pairs}
    for key, b in bank.items():
        if b.category in BANK_CATEGORIES:  # a pair a rule lists as mismatched is not also a matching one
            pairs += [(a, key, "bank") for a in sorted(answers)
                      if answers[a]["category"] == b.category and (a, key) not in mismatched]
    return pairs


def tune(pairs: list[Pair], judged: Callable[[Pair, OffQuestionSettings], Verdict]) -> OffQuestionSettings:
    """Coordinate search over `GRID` maximising hits minus `FALSE_ALARM_COST` per false alarm."""

    def utility(st: OffQuestionSettings) -> float:
        return sum((-FALSE_ALARM_COST if p[2] in ("own", "bank") else 1.0) for p in pairs if judged(p, st).flag)

    st = DEFAULT_OFFQ_SETTINGS
    for _ in range(2):
        for name, grid in GRID.items():
            best = max(grid, key=lambda v: (utility(replace(st, **{name: v})), v == getattr(st, name)))
            st = replace(st, **{name: best})
    return st


def timing(corpus: Path) -> None:
    """Time `score_answer` per corpus answer (written text, estimated timings) with its own question (so
    off_question parses the story, cold: nothing parsed before) and without a question (no parse), in one run;
    and the parser's load in a fresh process."""
    import statistics
    import subprocess

    from mockinterview.analysis.scorer import score_answer
    from mockinterview.analysis.star.offq_model import PARSER, default_models, parse

    code = ("import time; t = time.perf_counter(); from mockinterview.analysis.star.offq_model import parse; "
            "parse(['Load.']); print(time.perf_counter() - t)")
    loads = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(3)]
    answers = json.loads((corpus / "answers.json").read_text())
    default_models()
    parse(["Warm up."])
    with_q, without, ahead = [], [], []
    for a in answers:
        words, speech = estimate_timings(" ".join(s["text"] for s in a["sentences"]))
        PARSER._cache.clear()  # cold: as if no sentence had been parsed while the answer was spoken
        t = time.perf_counter()
        score_answer(words, speech)
        without.append(time.perf_counter() - t)
        t = time.perf_counter()
        score_answer(words, speech, question=a["question"])
        with_q.append(time.perf_counter() - t)
        PARSER._cache.clear()  # as in practice: every sentence but the last parsed while it was spoken
        parse([unit_text(u.words) for u in label_units(words)][:-1])
        t = time.perf_counter()
        score_answer(words, speech, question=a["question"])
        ahead.append(time.perf_counter() - t)
    words_mean = statistics.mean(len(" ".join(s["text"] for s in a["sentences"]).split()) for a in answers)
    for name, xs in (("without a question", without), ("with its question (off_question)", with_q),
                     ("the same, sentences parsed ahead", ahead)):
        xs = sorted(xs)
        print(f"score_answer {name:34} median {statistics.median(xs) * 1000:6.1f} ms   "
              f"p90 {xs[int(0.9 * len(xs))] * 1000:6.1f} ms   ({len(xs)} answers, {words_mean:.0f} words mean)")
    extra = [a - b for a, b in zip(with_q, without, strict=True)]
    print(f"off_question adds median {statistics.median(extra) * 1000:.1f} ms "
          f"(ratio with/without {statistics.median(with_q) / statistics.median(without):.2f})")
    print(f"parser import and load in a fresh process: {', '.join(f'{x:.2f}' for x in loads)} s "
          "(done in the background when a session starts)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    units_from = ap.add_mutually_exclusive_group()
    units_from.add_argument("--gold-labels", action="store_true", help="the corpus's sentences and labels as units")
    units_from.add_argument("--transcripts", action="store_true",
                            help="units of the spoken answers' transcripts (transcribed once, then cached)")
    ap.add_argument("--verbose", action="store_true", help="print every miss and every story's readings")
    ap.add_argument("--timing", action="store_true", help="only time scoring with and without off_question")
    args = ap.parse_args()
    if args.timing:
        timing(args.corpus)
        return
    answers = {a["id"]: a for a in json.loads((args.corpus / "answers.json").read_text())}
    bank = {b.key: b for b in bank_questions()}
    fold = folds_of(answers)
    source = "gold" if args.gold_labels else "transcript" if args.transcripts else "text"
    if source == "transcript":  # transcribed (or read from the cache) before the labeller is timed
        from delivery_corpus import transcribe

        for a in sorted(answers):
            transcribe(args.corpus / f"{a}.flac")
    t0 = time.perf_counter()
    units = {a: units_of(answers[a], source, args.corpus) for a in sorted(answers)}
    label_s = time.perf_counter() - t0

    bank_names = sorted({k.split("/")[0] for k in bank})
    qmodels: dict[str, Models] = {}
    for name in [*bank_names, ""]:
        qmodels[name] = train(extra_questions=[(b.category, b.polarity, b.domain, b.text) for k, b in bank.items()
                                               if k.split("/")[0] != name])
    story_models = train()  # sentence models learn only from the written sentences: one model for all folds
    story_attributes(units["dev-01"], story_models)  # parser loaded and warm before timing
    story: dict[str, StoryAttributes] = {}
    t0 = time.perf_counter()
    for a in sorted(answers):
        story[a] = story_attributes(units[a], story_models)
    read_s = time.perf_counter() - t0

    reqs: dict[str, Requirements] = {}
    pairs = build_pairs(answers, bank)
    for _, q, _ in pairs:
        if q not in reqs:
            text, cat, bname = ((answers[q]["question"], None, "") if q.startswith("dev-")
                                else (bank[q].text, bank[q].category, q.split("/")[0]))
            reqs[q] = question_requirements(text, cat, qmodels[bname])

    def judged(p: Pair, st: OffQuestionSettings) -> Verdict:
        return judge(reqs[p[1]], story[p[0]], st)

    tuned = {f: tune([p for p in pairs if fold[p[0]] != f], judged) for f in range(FOLDS)}
    results = [(p, judged(p, tuned[fold[p[0]]])) for p in pairs]
    pos = [(p, v) for p, v in results if p[2] not in ("own", "bank")]
    neg = [(p, v) for p, v in results if p[2] == "own"]
    bank_res = [(p, v) for p, v in results if p[2] == "bank"]
    tp = sum(v.flag for _, v in pos)
    fp = sum(v.flag for _, v in neg)
    print(f"answers {len(answers)}, {FOLDS} folds grouped by answer; units: "
          + {"gold": "gold sentences", "text": "the product labeler on the written answers",
             "transcript": "the product labeler on the transcripts"}[source])
    print(f"mismatched pairs {len(pos)}, own-question pairs {len(neg)}")
    prec = tp / (tp + fp) if tp + fp else 0.0
    print(f"off_question  precision {prec:.3f}  recall {tp / len(pos):.3f}  F1 {f1(tp, fp, len(pos) - tp):.3f}")
    print(f"own question clean: {len(neg) - fp}/{len(neg)} = {(len(neg) - fp) / len(neg):.3f}")

    print("\nrecall per rule (which judgement fired):")
    by_rule: dict[str, list[tuple[Pair, Verdict]]] = defaultdict(list)
    for p, v in pos:
        by_rule[p[2]].append((p, v))
    for rule, rs in by_rule.items():
        hits = sum(v.flag for _, v in rs)
        fired: dict[str, int] = defaultdict(int)
        for _, v in rs:
            if v.flag:
                fired[v.rule] += 1
        print(f"  {rule:30} {hits:4}/{len(rs):<4} {hits / len(rs):.3f}  {dict(fired)}")

    print("\nfold by fold (held-out answers):")
    for f in range(FOLDS):
        fp_ = [v for p, v in pos if fold[p[0]] == f]
        fn_ = [v for p, v in neg if fold[p[0]] == f]
        t, fa = sum(v.flag for v in fp_), sum(v.flag for v in fn_)
        st = tuned[f]
        print(f"  fold {f}: recall {t}/{len(fp_)}  own clean {len(fn_) - fa}/{len(fn_)}  "
              f"F1 {f1(t, fa, len(fp_) - t):.3f}   " + " ".join(f"{n}={getattr(st, n)}" for n in GRID))

    final = tune(pairs, judged)
    print("  all answers (the shipped defaults): " + " ".join(f"{n}={getattr(final, n)}" for n in GRID))
    print("\nfalse alarms on own question:")
    for p, v in neg:
        if v.flag:
            print(f"  {p[0]} {answers[p[0]]['question']}\n      -> {v.message}")
    bfires = [(p, v) for p, v in bank_res if v.flag]
    print(f"\nbank test (bank question x corpus answer of its category): {len(bank_res) - len(bfires)}/"
          f"{len(bank_res)} = {(len(bank_res) - len(bfires)) / len(bank_res):.3f} clean")
    for p, v in bfires:
        print(f"  {p[1]:28} {p[0]}: {v.message}")
    print(f"\nstory reading {read_s / len(answers) * 1000:.1f} ms/answer against STAR labelling "
          f"{label_s / len(answers) * 1000:.1f} ms/answer (ratio {read_s / max(label_s, 1e-9):.2f}); "
          "parses cached per text, so this is the cold cost"
          + ("; the labelling includes the delivery analysis" if source == "transcript" else ""))

    if args.verbose:
        print("\nmisses:")
        for p, v in pos:
            if not v.flag:
                s = story[p[0]]
                print(f"  {p[2]:30} {p[0]} x {p[1]:28} dom={s.domain_score:.2f}/{s.nonwork_max:.2f} "
                      f"out={s.outcome_score:.2f} conf={s.conflict_max:.2f}/{s.conflict_with} dev={s.develop_max:.2f}")


if __name__ == "__main__":
    main()

"""Cross-validated accuracy of the STAR+ coaching judgements, on the gold text and from the audio.

    .venv/bin/python benchmarks/bench_coach.py [--corpus ../shared/corpus] [--k 6] [--seed 0] [--no-audio]
                                               [--quiet] [--errors]

The corpus's answers are split into k folds grouped by answer: every copy of an answer (its disfluent/ and
room/ copies) is in the fold of the answer, and each fold holds strong and weak answers. For each fold the
learned judgements are trained again (`mockinterview.analysis.star.train`) on the written data plus the other
folds' gold text only, written to a temporary weights file, and then score the held-out answers through the
product: `score` on a .txt (estimated timings) for the gold text, and the product's transcription of every
recording (all voices and room/; transcribed once, cached under benchmarks/out/cache) with its audio and
hesitation pass for the audio. No figure is reported on an answer that trained or tuned what it measures.

Printed per fold and overall (audio also per voice, room/ on its own): per-flag precision, recall and F1 over
the six content flags and their macro-F1; section-label accuracy (the share of each gold sentence's time, from
the gold times for audio and the estimated times for text, where the report's section has the gold label), the
live pass's accuracy (labels as committed, no look-ahead), Situation-share error (mean absolute difference of
the share of speaking time labelled S); filler precision and recall per voice (audio: the fillers the report
counts, matched against the gold as `bench_fillers.py` matches them, per answer and filler kind); and
strong-vs-weak ranking (share of strong/weak pairs where the strong answer's overall score is higher).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_fillers import ROOM, VOICES, Tally, gold_counts  # noqa: E402
from delivery_corpus import REPO, transcribe  # noqa: E402

from mockinterview.analysis import language  # noqa: E402
from mockinterview.analysis.scorer import ScorerSettings, estimate_timings, score_answer  # noqa: E402
from mockinterview.analysis.star.labeler import LabelerSettings, label_greedy  # noqa: E402
from mockinterview.analysis.star.sections import label_at, merge_sections  # noqa: E402
from mockinterview.analysis.star.sentences import split_sentences  # noqa: E402
from mockinterview.analysis.star.train import train_models, write_weights  # noqa: E402
from mockinterview.analysis.star.traindata import LabelledAnswer, folds  # noqa: E402
from mockinterview.report import AnswerReport, Timing  # noqa: E402

CONTENT_FLAGS = ("long_situation", "we_heavy", "no_numbers", "no_reflection", "blame", "generic")
"""The flags judged from what the answer says (the others follow the audio's length and fillers)."""

CORPUS = next((p for p in (REPO.parent / "shared" / "corpus", REPO.parents[1] / "shared" / "corpus") if p.is_dir()),
              REPO.parent / "shared" / "corpus")
"""The spoken corpus beside the checkout (or beside the folder of worktrees)."""

STEP_S = 0.05
"""Sampling step of the time-weighted section accuracy."""


@dataclass
class Item:
    """One copy of a corpus answer (main, disfluent/ or room/) with its gold."""

    id: str
    copy: str
    gold: dict
    audio: Path

    @property
    def group(self) -> str:
        return self.id.removesuffix("u")

    @property
    def voice(self) -> str:
        """The scope its fillers are scored under (`bench_fillers.scope_of`): room/ copies apart, else the voice."""
        return ROOM if self.copy == ROOM else self.gold["voice"]

    @property
    def fillers(self) -> list[str]:
        """The gold fillers, in speaking order."""
        return list(self.gold["fillers"])

    @property
    def flags(self) -> set[str]:
        return set(self.gold["flags"]) & set(CONTENT_FLAGS)


@dataclass
class Scored:
    """What the product said about one item, next to its gold."""

    item: Item
    flags: set[str]
    overall: int
    label_ok: float
    label_n: float
    live_ok: float
    s_share: float
    gold_s_share: float
    fillers: Counter = field(default_factory=Counter)
    gold_fillers: Counter = field(default_factory=Counter)


def load_items(corpus: Path) -> list[Item]:
    items = []
    for copy, folder in (("main", corpus), ("disfluent", corpus / "disfluent"), ("room", corpus / "room")):
        for g in sorted(folder.glob("*.gold.json")):
            gold = json.loads(g.read_text())
            items.append(Item(gold["id"], copy, gold, folder / gold["audio"]))
    return items


def labelled(item: Item) -> LabelledAnswer:
    s = item.gold["sentences"]
    return LabelledAnswer(item.id, item.gold["question"], item.gold["quality"], frozenset(item.gold["flags"]),
                          [x["label"] for x in s], [frozenset()] * len(s), [x["text"] for x in s])


def _time_accuracy(report: AnswerReport, live: list, spans: list[tuple[str, float, float]]) -> tuple[float, ...]:
    ok = live_ok = n = 0.0
    for label, start, end in spans:
        for t in np.arange(start, end, STEP_S):
            n += 1
            ok += label_at(report.sections, float(t)) == label
            live_ok += label_at(live, float(t)) == label
    return ok, live_ok, n


def _share(spans: list[tuple[str, float, float]]) -> float:
    total = sum(e - s for _, s, e in spans) or 1.0
    return sum(e - s for lb, s, e in spans if lb == "S") / total


def score_text(item: Item, settings: ScorerSettings) -> Scored:
    """The gold text through `score FILE.txt`'s path; gold sentence times are the estimated times of its words."""
    sents = item.gold["sentences"]
    words, speech = estimate_timings(" ".join(s["text"] for s in sents), settings)
    report = score_answer(words, speech, question=item.gold["question"], settings=settings,
                          timing=Timing.ESTIMATED)
    spans, k = [], 0
    for s in sents:
        n = len(s["text"].split())
        spans.append((s["label"], words[k].start, words[k + n - 1].end))
        k += n
    return _scored(item, report, spans, settings)


def score_audio(item: Item, settings: ScorerSettings) -> Scored:
    """The recording through the product's transcription (cached), scored with its audio and hesitation pass."""
    t = transcribe(item.audio, via="utterances")
    report = score_answer(t.words, t.speech, question=item.gold["question"], audio=t.audio, styled=t.styled,
                          settings=settings)
    spans = [(s["label"], s["start"], s["end"]) for s in item.gold["sentences"]]
    out = _scored(item, report, spans, settings)
    out.fillers = Counter({k.lower(): n for k, n in report.delivery.fillers.by_word.items()})
    out.gold_fillers = gold_counts(item)
    return out


def _scored(item: Item, report: AnswerReport, spans: list[tuple[str, float, float]],
            settings: ScorerSettings) -> Scored:
    words = report.delivery.words
    live = merge_sections(label_greedy(split_sentences(words, settings.sentences), settings.labeler)) if words else []
    ok, live_ok, n = _time_accuracy(report, live, spans)
    return Scored(item, set(report.flags) & set(CONTENT_FLAGS), report.scores["overall"], ok, n, live_ok,
                  report.section_share.get("S", 0.0), _share(spans))


def metrics(rows: list[Scored]) -> dict:
    out: dict = {"n": len(rows), "flags": {}}
    for f in CONTENT_FLAGS:
        tp = sum(f in r.flags and f in r.item.flags for r in rows)
        fp = sum(f in r.flags and f not in r.item.flags for r in rows)
        fn = sum(f not in r.flags and f in r.item.flags for r in rows)
        p = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
        out["flags"][f] = (p, rec, f1, tp + fn)
    f1s = [v[2] for v in out["flags"].values() if not np.isnan(v[2])]
    out["macro_f1"] = float(np.mean(f1s)) if f1s else float("nan")
    n = sum(r.label_n for r in rows)
    out["sections"] = sum(r.label_ok for r in rows) / n if n else float("nan")
    out["live"] = sum(r.live_ok for r in rows) / n if n else float("nan")
    out["s_err"] = float(np.mean([abs(r.s_share - r.gold_s_share) for r in rows])) if rows else float("nan")
    strong = [r for r in rows if r.item.gold["quality"] == "strong"]
    pairs = [(s, w) for s in strong for w in rows if w.item.gold["quality"] == "weak"]
    out["rank"] = sum(s.overall > w.overall for s, w in pairs) / len(pairs) if pairs else float("nan")
    out["pairs"] = len(pairs)
    tally = Tally()
    for r in rows:
        tally.add("all", r.fillers, r.gold_fillers)
    out["fillers"] = tally.score("all")
    return out


def show(name: str, m: dict, *, detail: bool, audio: bool) -> None:
    line = (f"  {name:10s} n={m['n']:2d} macro-F1 {m['macro_f1']:.3f} | sections {m['sections']:.3f} "
            f"(live {m['live']:.3f}) | S-share err {m['s_err']:.3f} | strong>weak {m['rank']:.3f} ({m['pairs']} pairs)")
    if audio:
        fs = m["fillers"]
        line += f" | fillers P {fs.precision:.2f} R {fs.recall:.2f} ({fs.matched}/{fs.detected}/{fs.gold})"
    print(line)
    if detail:
        for f, (p, r, f1, n) in m["flags"].items():
            print(f"      {f:15s} P {p:5.2f}  R {r:5.2f}  F1 {f1:5.2f}  (n={n})")


def report_block(title: str, text: list[Scored], audio: list[Scored], detail: bool, voice_detail: bool) -> None:
    """Figures of one fold (or all folds): text, audio, and audio per voice (per-flag lines with `voice_detail`)."""
    print(title)
    if text:
        show("text", metrics(text), detail=detail, audio=False)
    if audio:
        show("audio", metrics(audio), detail=detail, audio=True)
        for voice in VOICES:
            rows = [r for r in audio if r.item.voice == voice]
            if rows:
                show(f"  {voice}", metrics(rows), detail=voice_detail, audio=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--k", type=int, default=6, help="number of folds")
    ap.add_argument("--seed", type=int, default=0, help="seed of the fold split")
    ap.add_argument("--no-audio", action="store_true", help="gold text only")
    ap.add_argument("--quiet", action="store_true", help="overall figures only")
    ap.add_argument("--errors", action="store_true", help="list the answers each flag got wrong")
    args = ap.parse_args()
    language.PARSER.cache_size = 100_000
    items = load_items(args.corpus)
    if not items:
        sys.exit(f"{args.corpus}: no *.gold.json answers; pass --corpus DIR")
    main_items = [i for i in items if i.copy == "main"]
    split = folds([labelled(i) for i in main_items], args.k, args.seed)
    text: list[Scored] = []
    audio: list[Scored] = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for k, fold in enumerate(split):
            train = [labelled(i) for i in main_items if i.group not in fold]
            path = Path(tmp) / f"fold{k}.json"
            write_weights(train_models(train), path)
            settings = ScorerSettings(labeler=LabelerSettings(weights=str(path)))
            held = [i for i in items if i.group in fold]
            ft = [score_text(i, settings) for i in held if i.copy != "room"]
            fa = [] if args.no_audio else [score_audio(i, settings) for i in held]
            text += ft
            audio += fa
            if not args.quiet:
                report_block(f"fold {k + 1}/{args.k}: {', '.join(fold)}", ft, fa, detail=True,
                             voice_detail=False)
    print(f"\noverall: {len(main_items)} answers and {len(items) - len(main_items)} copies, {args.k} folds grouped "
          f"by answer (seed {args.seed}), {time.perf_counter() - t0:.0f} s")
    report_block("", text, audio, detail=True, voice_detail=True)
    if args.errors:
        for name, rows in (("text", text), ("audio", audio)):
            for f in CONTENT_FLAGS:
                fp = [f"{r.item.copy}/{r.item.id}" for r in rows if f in r.flags and f not in r.item.flags]
                fn = [f"{r.item.copy}/{r.item.id}" for r in rows if f not in r.flags and f in r.item.flags]
                if fp or fn:
                    print(f"  {name:5s} {f:15s} false alarms {fp}  missed {fn}")


if __name__ == "__main__":
    main()

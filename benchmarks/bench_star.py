"""STAR+ scorer accuracy and speed on the spoken corpus.

    .venv/bin/python benchmarks/bench_star.py [--corpus ../shared/corpus] [--refresh] [--engine auto|pipeline|whisper]

Every corpus answer is transcribed from its audio (cached under benchmarks/out/transcripts; --refresh redoes
it), then scored with `score_answer`. Printed: time-weighted section-label accuracy against the gold sentence
labels, Situation-share mean absolute error, per-flag precision/recall and macro-F1 (the `non_work` tag
excluded), pairwise ranking accuracy (every strong answer's overall score above every weak one's: same
category, and all pairs), and scoring time per answer. The shipped weights are trained on the corpus's gold
text, so none of these accuracy figures is held out: benchmarks/bench_coach.py prints the cross-validated ones.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parent))

from star_transcripts import load_transcript  # noqa: E402

from mockinterview.analysis.delivery.timing import analyze_delivery  # noqa: E402
from mockinterview.analysis.scorer import DEFAULT_SETTINGS, score_answer  # noqa: E402
from mockinterview.analysis.star.labeler import label_greedy, models_for  # noqa: E402
from mockinterview.analysis.star.sections import label_at, merge_sections  # noqa: E402
from mockinterview.analysis.star.sentences import split_sentences  # noqa: E402
from mockinterview.report import FLAGS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TUNE_IDS = ("dev-01", "dev-02", "dev-03", "dev-04")
"""Corpus answers looked at while tuning; every other id is held out."""

STEP_S = 0.05
"""Sampling step of the time-weighted label accuracy."""


def _load_pcm(path: Path) -> np.ndarray:
    data, rate = soundfile.read(str(path), dtype="int16", always_2d=False)
    if rate != 16000:
        raise SystemExit(f"{path}: expected 16 kHz audio, got {rate}")
    return data if data.ndim == 1 else data[:, 0]


def _gold_share(sentences: list[dict]) -> dict[str, float]:
    tot: dict[str, float] = {}
    for s in sentences:
        tot[s["label"]] = tot.get(s["label"], 0.0) + s["end"] - s["start"]
    total = sum(tot.values()) or 1.0
    return {k: v / total for k, v in tot.items()}


def evaluate(items: list[dict]) -> dict:
    """Aggregate metrics over scored items."""
    ok = n = live_ok = 0
    for it in items:
        ok += it["label_ok"]
        n += it["label_n"]
        live_ok += it["live_ok"]
    mae = float(np.mean([abs(it["share_pred"] - it["share_gold"]) for it in items]))
    per_flag = {}
    for flag in FLAGS:
        tp = sum(flag in it["pred_flags"] and flag in it["gold_flags"] for it in items)
        fp = sum(flag in it["pred_flags"] and flag not in it["gold_flags"] for it in items)
        fn = sum(flag not in it["pred_flags"] and flag in it["gold_flags"] for it in items)
        if tp + fp + fn == 0:
            continue
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_flag[flag] = (p, r, f1, tp, fp, fn)
    macro = float(np.mean([v[2] for v in per_flag.values()])) if per_flag else float("nan")
    strong = [it for it in items if it["quality"] == "strong"]
    weak = [it for it in items if it["quality"] == "weak"]
    pairs_all = [(s, w) for s in strong for w in weak]
    pairs_cat = [(s, w) for s, w in pairs_all if s["category"] == w["category"]]

    def acc(pairs):
        return (sum(s["overall"] > w["overall"] for s, w in pairs) / len(pairs)) if pairs else float("nan")

    return {"label_acc": ok / n if n else float("nan"), "live_acc": live_ok / n if n else float("nan"),
            "share_mae": mae, "per_flag": per_flag,
            "macro_f1": macro, "rank_same": acc(pairs_cat), "n_same": len(pairs_cat),
            "rank_all": acc(pairs_all), "n_all": len(pairs_all)}


def score_folder(folder: Path, args: argparse.Namespace) -> list[dict]:
    """Transcribe (cached) and score every answer in one corpus folder; print one line per answer."""
    answers = {a["id"]: a for a in json.loads((folder / "answers.json").read_text())}
    items = []
    for gid in sorted(answers):
        gold = json.loads((folder / f"{gid}.gold.json").read_text())
        audio_path = folder / gold["audio"]
        words, speech, styled = load_transcript(audio_path, args.cache, args.refresh, args.engine)
        pcm = _load_pcm(audio_path)
        t = time.perf_counter()
        analyze_delivery(words, speech, DEFAULT_SETTINGS.delivery, pcm, styled)
        t_delivery = time.perf_counter() - t
        t = time.perf_counter()
        report = score_answer(words, speech, question=gold["question"], audio=pcm, styled=styled)
        elapsed = time.perf_counter() - t
        live = merge_sections(label_greedy(split_sentences(report.delivery.words), DEFAULT_SETTINGS.labeler))
        ok = n = live_ok = 0
        for s in gold["sentences"]:
            for tt in np.arange(s["start"], s["end"], STEP_S):
                n += 1
                ok += label_at(report.sections, float(tt)) == s["label"]
                live_ok += label_at(live, float(tt)) == s["label"]
        gold_flags = set(gold["flags"]) - {"non_work"}
        items.append({
            "id": gid, "quality": gold["quality"], "category": gold["category"], "label_ok": ok, "label_n": n,
            "live_ok": live_ok,
            "share_pred": report.section_share.get("S", 0.0), "share_gold": _gold_share(gold["sentences"]).get(
                "S", 0.0), "pred_flags": set(report.flags), "gold_flags": gold_flags,
            "overall": report.scores["overall"], "scores": report.scores, "time": elapsed,
            "time_star": max(0.0, elapsed - t_delivery),
        })
        it = items[-1]
        print(f"{gid:<7} {gold['quality']:<6} acc {ok / n:.3f}  S {it['share_pred']:.2f}/{it['share_gold']:.2f}  "
              f"overall {it['overall']:3d}  {elapsed * 1000:5.0f} ms  "
              f"flags +{sorted(it['pred_flags'] - gold_flags)} -{sorted(gold_flags - it['pred_flags'])}")
        if args.verbose:
            print("   ", report.scores)
            for sec in report.sections:
                print(f"    [{sec.label}] {sec.start:6.1f} {sec.text[:110]}")
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / ".." / "shared" / "corpus")
    ap.add_argument("--refresh", action="store_true", help="transcribe again instead of using the cache")
    ap.add_argument("--engine", default="auto", choices=("auto", "pipeline", "whisper"))
    ap.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "out" / "transcripts")
    ap.add_argument("--verbose", "-v", action="store_true", help="print each answer's sections")
    ap.add_argument("--disfluent", action="store_true", help="also score corpus/disfluent (many um/uh)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    models_for(DEFAULT_SETTINGS.labeler)
    print(f"label model ready in {time.perf_counter() - t0:.3f} s (once per process)")
    items = score_folder(args.corpus, args)
    extra = score_folder(args.corpus / "disfluent", args) if args.disfluent else []
    groups = {"tuning " + ",".join(TUNE_IDS): [i for i in items if i["id"] in TUNE_IDS],
              "held-out": [i for i in items if i["id"] not in TUNE_IDS], "all": items}
    if extra:
        groups["disfluent (held out)"] = extra
    for name, group in groups.items():
        m = evaluate(group)
        print(f"\n== {name} ({len(group)} answers)")
        print(f"section-label accuracy (time-weighted) {m['label_acc']:.3f}   target >= 0.85")
        print(f"  live provisional labels (no look-ahead) {m['live_acc']:.3f}")
        print(f"situation-share MAE                    {m['share_mae']:.3f}   target <= 0.05")
        for flag, (p, r, f1, tp, fp, fn) in m["per_flag"].items():
            print(f"  {flag:<15} P {p:.2f} R {r:.2f} F1 {f1:.2f}   (tp {tp} fp {fp} fn {fn})")
        print(f"flag macro-F1                          {m['macro_f1']:.3f}   target >= 0.80")
        print(f"pairwise ranking, same category        {m['rank_same']:.3f}   ({m['n_same']} pairs) target >= 0.95")
        print(f"pairwise ranking, all strong vs weak   {m['rank_all']:.3f}   ({m['n_all']} pairs)")
    times = [i["time"] for i in items + extra]
    star = [i["time_star"] for i in items + extra]
    print(f"\nscoring time per answer after transcription: mean {np.mean(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms   target < 200 ms")
    print(f"  of which STAR+ (everything but analyze_delivery): mean {np.mean(star) * 1000:.0f} ms, "
          f"max {max(star) * 1000:.0f} ms")


if __name__ == "__main__":
    main()

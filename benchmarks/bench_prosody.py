"""Prosody against gold made here: pitch spread and monotone on flat/lively pairs, uptalk on raised statements,
the corpus's natural voices, noise that must not become pitch, and the cost.

usage: .venv/bin/python benchmarks/bench_prosody.py [--corpus ../shared/corpus] [--install] [--no-piper]
                                                    [--only pairs,uptalk,noise,cost]

The gold (benchmarks/prosody_gold.py) is spoken once and cached under benchmarks/out/prosody: espeak-ng SSML
renderings of corpus answers with a narrow (x-low) and a wide (x-high) pitch range, statements with their last
words raised (+60%) or left plain, the corpus's neural (piper) answers re-pitched flat and lively with WORLD
(needs `pip install pyworld`; skipped otherwise), and room copies of all of them. espeak-ng and sox are Debian
packages: `--install` installs them with apt-get (as root), else the benchmark says what to install.
Pitch figures need only the product's VAD spans; uptalk needs words (the product's decode per utterance,
cached as for bench_delivery). Thresholds are cross-validated over two folds by answer (every copy of an
answer in one fold). Take `flock /tmp/quiet.lock` for `--only cost`: its figures are CPU time, with the ratio to
a fixed numpy workload measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from delivery_corpus import DEFAULT_CORPUS, REPO, load_corpus, transcribe  # noqa: E402
from prosody_gold import GoldFile, ensure_tools, load_or_make, room_noise  # noqa: E402

from mockinterview.analysis.delivery.acoustics import SoundTimeline  # noqa: E402
from mockinterview.analysis.prosody.answer import ProsodyAnalysis, analyze_prosody  # noqa: E402
from mockinterview.analysis.prosody.feedback import habitual_uptalk, prosody_feedback  # noqa: E402
from mockinterview.analysis.prosody.live import LiveProsody  # noqa: E402
from mockinterview.analysis.prosody.settings import ProsodySettings  # noqa: E402
from mockinterview.audio.vad import UtteranceClosed, VadSegmenter, VadSettings, make_classifier  # noqa: E402
from mockinterview.types import SAMPLE_RATE, Span  # noqa: E402

SETTINGS = ProsodySettings()
OUT = REPO / "benchmarks" / "out" / "prosody"


def vad(audio: np.ndarray) -> tuple[list[Span], list[Span]]:
    """The product's speech timeline and closed utterances of `audio`."""
    s = VadSettings()
    classify, seg = make_classifier(s), VadSegmenter(s)
    n = s.frame_bytes // 2
    events = [e for k in range(len(audio) // n) for e in seg.feed(classify(audio[k * n:(k + 1) * n].tobytes())[0])]
    events += seg.flush()
    return seg.speech_timeline(), [Span(e.start, e.end) for e in events if isinstance(e, UtteranceClosed)]


def fold(answer: str) -> str:
    """Two folds by answer; every copy of an answer (flat, lively, room, piper) in one."""
    n = int(answer.split("-")[1].rstrip("u"))
    return "AB"[(n // 4) % 2] if answer.startswith("dev") else "AB"[(n - 1) // 2]


def f2(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}"


def midpoint(low: list[float], high: list[float]) -> float:
    lo, hi = max(low), min(high)
    return (lo + hi) / 2 if lo < hi else (float(np.mean(low)) + float(np.mean(high))) / 2


# ---- pitch spread and monotone ------------------------------------------------------------------------------


def spread_of(g: GoldFile) -> ProsodyAnalysis:
    x = g.audio()
    return analyze_prosody(x, [], vad(x)[0])


def natural(corpus: Path) -> list[tuple[str, str, str, ProsodyAnalysis]]:
    """(answer, voice, clean|room, analysis) of the corpus's answers as spoken, with the product's words."""
    out = []
    for cond, d in (("clean", corpus), ("room", corpus / "room")):
        for a in load_corpus(d):
            if a.id.endswith("u"):
                continue
            t = transcribe(a.audio)
            out.append((a.id, a.voice, cond, analyze_prosody(t.audio, t.words, t.speech)))
    return out


def report_pairs(gold: list[GoldFile], nat: list) -> None:
    print("== Pitch spread (st, 10th-90th percentile of voiced F0) and monotone "
          f"(under {SETTINGS.monotone_below_st} st) ==")
    res = {(g.family, g.answer, g.label, g.cond): (g, spread_of(g)) for g in gold if g.kind == "pair"}
    print(f"{'family':7s} {'answer':7s} {'voice':14s} {'fold':4s} | {'flat':>5s} {'room':>5s} | {'lively':>6s} "
          f"{'room':>5s} | ordered  monotone flat/lively")
    ordered = pairs = 0
    for fam, aid, label, cond in sorted(k for k in res if k[2] == "flat" and k[3] == "clean"):
        fl, fr = res[(fam, aid, "flat", "clean")][1], res[(fam, aid, "flat", "room")][1]
        lv, lr = res[(fam, aid, "lively", "clean")][1], res[(fam, aid, "lively", "room")][1]
        ok = [None if a.figures.pitch_spread_st is None or b.figures.pitch_spread_st is None
              else a.figures.pitch_spread_st < b.figures.pitch_spread_st for a, b in ((fl, lv), (fr, lr))]
        ordered, pairs = ordered + sum(o is True for o in ok), pairs + sum(o is not None for o in ok)
        print(f"{fam:7s} {aid:7s} {res[(fam, aid, label, cond)][0].voice:14s} {fold(aid):4s} | "
              f"{f2(fl.figures.pitch_spread_st):>5s} {f2(fr.figures.pitch_spread_st):>5s} | "
              f"{f2(lv.figures.pitch_spread_st):>6s} {f2(lr.figures.pitch_spread_st):>5s} | "
              f"{'/'.join({True: 'yes', False: 'NO', None: 'n/a'}[o] for o in ok):8s} "
              f"{int(fl.monotone) + int(fr.monotone)}/2 "
              f"{int(lv.monotone) + int(lr.monotone)}/2")
    flats = [(k[1], r) for k, (_, r) in res.items() if k[2] == "flat"]
    livs = [(k[1], r) for k, (_, r) in res.items() if k[2] == "lively"]
    print(f"pairs ordered (flat < lively, clean and room): {ordered}/{pairs} with both figures (n/a: a rendering with "
          f"under {SETTINGS.min_voiced_s:g} s of voicing has no figure, so no flag either)")
    print(f"monotone: on {sum(r.monotone for _, r in flats)}/{len(flats)} flat renderings, on "
          f"{sum(r.monotone for _, r in livs)}/{len(livs)} lively ones; renderings with too little voicing for a "
          f"figure: {sum(r.figures.pitch_spread_st is None for _, r in flats + livs)}")
    for fam in sorted({k[0] for k in res}):
        ranges = []
        for label in ("flat", "lively"):
            v = [r.figures.pitch_spread_st for k, (_, r) in res.items() if k[0] == fam and k[2] == label]
            v = [x for x in v if x is not None]
            ranges.append(f"{label} {min(v):.2f}-{max(v):.2f} st")
        print(f"  {fam}: {', '.join(ranges)}")
    print("natural corpus voices as spoken (clean + room), pitch spread st:")
    for voice in sorted({v for _, v, _, _ in nat}):
        vals = sorted(p.figures.pitch_spread_st for _, v, _, p in nat if v == voice and p.figures.pitch_spread_st)
        print(f"  {voice}: n={len(vals)} min {min(vals):.2f} median {np.median(vals):.2f} max {max(vals):.2f}; "
              f"monotone {sum(p.monotone for _, v, _, p in nat if v == voice)}")
    print("threshold cross-validated: midpoint between the highest flat and the lowest lively-or-natural spread "
          "of one fold, applied to the other")
    flat_v = [(a, v) for a, r in flats if (v := r.figures.pitch_spread_st) is not None]
    high_v = [(a, v) for a, r in livs if (v := r.figures.pitch_spread_st) is not None]
    high_v += [(a, v) for a, *_, p in nat if (v := p.figures.pitch_spread_st) is not None]
    for test in "AB":
        thr = midpoint([v for a, v in flat_v if fold(a) != test], [v for a, v in high_v if fold(a) != test])
        tf, th = [v for a, v in flat_v if fold(a) == test], [v for a, v in high_v if fold(a) == test]
        print(f"  fold {test}: threshold from the other fold {thr:.2f} st -> flat monotone "
              f"{sum(v < thr for v in tf)}/{len(tf)}, lively or natural monotone {sum(v < thr for v in th)}/{len(th)}")
    print()


# ---- uptalk ---------------------------------------------------------------------------------------------------


def report_uptalk(gold: list[GoldFile], nat: list) -> None:
    print(f"== Uptalk: statements with the last two words raised (+60%) vs plain (rise_st "
          f"{SETTINGS.intonation.rise_st:+.1f}) ==")
    shares: dict[tuple[str, str, str], float | None] = {}
    rises: dict[str, list[float]] = {"raised": [], "plain": []}
    missing = total = 0
    for g in (g for g in gold if g.kind == "uptalk"):
        t = transcribe(g.path)
        r = analyze_prosody(t.audio, t.words, t.speech)
        shares[(g.answer, g.label, g.cond)] = r.figures.uptalk_share
        for st in g.statements:
            near = [e for e in r.endings if e.start < st["end"] + 0.2 and e.end > st["end"] - 0.4]
            total += 1
            if not near:
                missing += 1
                continue
            rises["raised" if st["raised"] else "plain"].append(near[-1].rise_st)
    print(f"{'group':8s} {'cond':5s} | {'plain':>5s} {'mixed':>5s} {'raised':>6s} | uptalk share (gold 0, 0.5, 1)")
    separated = 0
    for grp, cond in sorted({(k[0], k[2]) for k in shares}):
        p, m, r = (shares.get((grp, lab, cond)) for lab in ("plain", "mixed", "raised"))
        separated += (r or 0) > (p or 0)
        print(f"{grp:8s} {cond:5s} | {f2(p):>5s} {f2(m):>5s} {f2(r):>6s}")
    n_files = len({(k[0], k[2]) for k in shares})
    plain_up = sum((shares.get(k) or 0) > 0 for k in shares if k[1] == "plain")
    print(f"raised file above its plain file: {separated}/{n_files}; plain files with any rising ending: "
          f"{plain_up}/{n_files}")
    raised, plain = np.array(rises["raised"]), np.array(rises["plain"])
    print(f"per statement: raised endings median {np.median(raised):+.2f} st, {np.mean(raised >= 1.0):.0%} rising; "
          f"plain endings median {np.median(plain):+.2f} st, max {plain.max():+.2f}, {np.mean(plain >= 1.0):.0%} "
          f"rising; {missing}/{total} endings not judged")
    natural_rises = np.array([e.rise_st for _, _, c, p in nat if c == "clean" for e in p.endings])
    print(f"corpus voices reading declaratives (clean): {len(natural_rises)} endings, median "
          f"{np.median(natural_rises):+.2f} st, {np.mean(natural_rises >= 1.0):.0%} at +1 st or more; uptalk share "
          f"per answer {min(p.figures.uptalk_share or 0 for *_, p in nat):.2f}-"
          f"{max(p.figures.uptalk_share or 0 for *_, p in nat):.2f}; uptalk feedback on "
          f"{sum(habitual_uptalk(p) for *_, p in nat)}/{len(nat)} natural answers (clean + room)")
    print()


# ---- noise and the room -------------------------------------------------------------------------------------


def report_noise(gold: list[GoldFile], nat: list) -> None:
    print("== Noise: pitch from the room's noise alone, and clean vs room copies ==")
    noise = room_noise(30.0)
    r = analyze_prosody(noise, [], [Span(0.0, 30.0)])  # all 30 s handed over as if it were speech
    voiced = r.voiced_s / 30.0
    print(f"30 s of the room copies' pink + brown noise, all called speech: voiced share {voiced:.3f}, pitch spread "
          f"{f2(r.figures.pitch_spread_st)}, monotone {r.monotone}")
    by_key = {(g.family, g.answer, g.label, g.cond): spread_of(g) for g in gold if g.kind == "pair"}
    diffs, flips = [], 0
    for (fam, aid, label, cond), c in by_key.items():
        room = by_key.get((fam, aid, label, "room")) if cond == "clean" else None
        if room is None:
            continue
        flips += c.monotone != room.monotone
        if c.figures.pitch_spread_st is not None and room.figures.pitch_spread_st is not None:
            diffs.append(room.figures.pitch_spread_st - c.figures.pitch_spread_st)
    clean = {a: p for a, _, c, p in nat if c == "clean"}
    mid = []
    for a, _, c, room in nat:
        if c == "room" and a in clean:
            flips += clean[a].monotone != room.monotone
            if clean[a].figures.pitch_spread_st and room.figures.pitch_spread_st:
                diffs.append(room.figures.pitch_spread_st - clean[a].figures.pitch_spread_st)
            pair = (clean[a].figures.midphrase_pause_share, room.figures.midphrase_pause_share)
            if None not in pair:
                mid.append((pair, len(clean[a].pauses), len(room.pauses)))
    d = np.array(diffs)
    print(f"room - clean pitch spread over {len(d)} pairs: mean {d.mean():+.2f} st, mean |diff| "
          f"{np.abs(d).mean():.2f}, max |diff| {np.abs(d).max():.2f}; monotone decisions changed by the room: {flips}")
    shares = np.array([m[0] for m in mid], dtype=float)
    print(f"corpus answers, clean vs room ({len(mid)}): pauses of {SETTINGS.phrasing.pause_min_s:g} s or more judged "
          f"{sum(m[1] for m in mid)} vs {sum(m[2] for m in mid)}; mid-phrase share mean {shares[:, 0].mean():.2f} vs "
          f"{shares[:, 1].mean():.2f} (the room's noise lengthens short pauses at commas past the minimum)")
    print()


# ---- cost -----------------------------------------------------------------------------------------------------


def cpu(fn: Callable[[], object], n: int = 3) -> float:
    """Best of `n` runs, CPU seconds of this process."""
    best = float("inf")
    for _ in range(n):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def report_cost(corpus: Path) -> None:
    print(f"== Cost (CPU time, best of 3; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores) ==")
    arr = np.random.default_rng(0).standard_normal((4000, 512))
    base = cpu(lambda: [np.fft.rfft(arr, axis=1) for _ in range(5)], 5)
    print(f"baseline (a fixed numpy FFT workload): {base * 1000:.0f} ms")
    answers = [a for a in load_corpus(corpus) if a.id in ("dev-03", "dev-04", "dev-23", "dev-50")]
    total_s = total_cpu = 0.0
    for a in answers:
        t = transcribe(a.audio)
        total_cpu += cpu(lambda t=t: analyze_prosody(t.audio, t.words, t.speech))
        total_s += len(t.audio) / SAMPLE_RATE
    per_min = total_cpu / total_s * 60
    print(f"whole answer at once: {per_min * 1000:.0f} ms per minute of audio ({per_min / base:.1f}x baseline; "
          f"{total_s / 60:.1f} min over {len(answers)} answers, voices slt, kal, joe)")
    t = transcribe(next(a for a in answers if a.id == "dev-23").audio)
    x, minutes = t.audio, len(t.audio) / SAMPLE_RATE / 60
    _, utterances = vad(x)
    buf = x.tobytes()
    live, per_utt = LiveProsody(), []
    for u in utterances:
        end = int((u.end + 0.5) * SAMPLE_RATE)
        start_t = time.process_time()
        live.add(np.frombuffer(buf[: 2 * end], dtype=np.int16), u)  # as the app: a copy of the audio so far
        per_utt.append(time.process_time() - start_t)
    last_left = LiveProsody()
    for u in utterances[:-1]:
        last_left.add(x, u)

    def end_of_answer(raw: object) -> None:
        sound = SoundTimeline.of(x, t.speech)
        result = analyze_prosody(x, t.words, t.speech, raw=raw, sound=sound)  # type: ignore[arg-type]
        prosody_feedback(result, t.words)

    at_end = cpu(lambda: end_of_answer(last_left.raw))
    batch = cpu(lambda: end_of_answer(None))
    sound = cpu(lambda: SoundTimeline.of(x, t.speech))
    print(f"a {minutes:.1f}-minute answer (dev-23, {len(utterances)} utterances): tracking each utterance as it "
          f"closes, on the live analysis thread: median {np.median(per_utt) * 1000:.1f} ms, max "
          f"{max(per_utt) * 1000:.1f} ms")
    last = utterances[-1].end - utterances[-1].start
    print(f"added to the wait for the scorecard (the last utterance of {last:.1f} s left to track, gating, pauses, "
          f"endings, flat stretches, feedback): {at_end * 1000:.0f} ms "
          f"({at_end / base:.1f}x baseline), of which {sound * 1000:.0f} ms the sound timeline (its pauses; the "
          f"delivery analysis computes its own); all of it at the end instead: {batch * 1000:.0f} ms; the deadline "
          f"is 1 s from Enter on an idle machine")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--install", action="store_true", help="apt-get install espeak-ng and sox if missing (root)")
    ap.add_argument("--no-piper", action="store_true", help="leave out the neural voice's WORLD-re-pitched pairs")
    ap.add_argument("--only", default="pairs,uptalk,noise,cost", help="comma-separated sections")
    args = ap.parse_args()
    only = set(args.only.split(","))
    piper = not args.no_piper
    if piper:
        try:
            import pyworld  # noqa: F401
        except ImportError:
            print("neural-voice pairs skipped: pyworld is not installed (.venv/bin/pip install pyworld)")
            piper = False
    gold: list[GoldFile] = []
    if only & {"pairs", "uptalk", "noise"}:
        missing = ensure_tools(args.install)
        if missing:
            sys.exit(f"bench_prosody: the gold needs {' and '.join(missing)}: apt-get install {' '.join(missing)} "
                     "(or run with --install as root)")
        gold = load_or_make(args.corpus, OUT, piper)
    nat = natural(args.corpus) if only & {"pairs", "uptalk", "noise"} else []
    if "pairs" in only:
        report_pairs(gold, nat)
    if "uptalk" in only:
        report_uptalk(gold, nat)
    if "noise" in only:
        report_noise(gold, nat)
    if "cost" in only:
        report_cost(args.corpus)


if __name__ == "__main__":
    main()

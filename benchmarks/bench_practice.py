"""The real app on a microphone, idle and with one core busy: live lag, Enter -> scorecard, accuracy, memory.

usage: .venv/bin/python benchmarks/bench_practice.py [--answers dev-01,dev-19,...] [--conditions idle,busy]
                                                     [--minutes M] [--app DIR] [--corpus DIR] [--no-lock]

`mockinterview practice` runs in tmux on the PulseAudio virtual microphone (practice_driver.py); each corpus
answer is played into it, Enter is pressed `--enter-after` seconds after the player ends, and the screen is read
back until the scorecard shows. Condition `busy` starts a CPU-bound process pinned to one core (taskset) before
the app and stops it after. Printed per condition:
  live lag p50/p90   a word's end, as it reached the microphone's source, to its first appearance on screen (as
                     a partial or committed word), over the saved report's words found on screen (matched in
                     runs of two or more words). The report's clock is set to the file's by the gold sentences
                     whose first words it has (their median offset); when each part of the file reached the
                     source is recorded beside the app (practice_driver.SourceClock): the virtual cable's own
                     delay (printed; a median 1.6 s here) is not the app's and a real microphone does not have it;
  on screen at end   the report's words shown by the time the player ended;
  Enter -> card      from the Enter key to the scorecard on screen (p50, p90, max);
  WER                the saved report's words against the corpus gold (numbers spelled out);
  fillers            precision/recall/F1 of the saved report's filler counts against the gold, and, for busy,
                     against the idle run's own report (the budget's cost in filler accuracy);
  behind / shed      the report's `pipeline.behind_s_max` and `shed` counts (when the app reports them);
  dropped frames, and the app's RSS after the first and the last answer: at the scorecard and SETTLE_S later.
`--minutes 30` plays the answers over and over for a 30-minute session (memory over a long session), answering
every follow-up the app asks, until the time is up or the session has asked all its questions.
`--app /path/to/checkout` measures another checkout (e.g. main) with the same benchmark.
The answers play into a null sink of the benchmark's own, which nobody else plays into (`--shared-mic`: the
tests' shared virtual microphone, under /tmp/vmic.lock). Timings are taken under /tmp/quiet.lock (`--no-lock`
skips it, for a machine where it is held for long; the load averages printed then say how busy it was).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from difflib import SequenceMatcher
from pathlib import Path

import jiwer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from delivery_corpus import DEFAULT_CORPUS  # noqa: E402
from practice_driver import (  # noqa: E402
    REPO,
    SETTLE_S,
    SINK,
    AnswerRun,
    CpuHog,
    PracticeApp,
    PrivateSink,
    SessionOver,
)
from wer_text import normalize  # noqa: E402

DEFAULT_ANSWERS = "dev-01,dev-19,dev-38,room/dev-17"
"""2-3 minute answers: festival slt (dev-01) and kal (dev-19), neural joe (dev-38), joe in a room (room/dev-17)."""
TARGETS = {"idle": (2.0, 1.0), "busy": (3.0, 1.5)}
"""Live lag p90 and Enter -> scorecard p90 targets (seconds) per condition."""
MIN_RUN = 2
"""Screen words are matched to the reference in runs of at least this many words."""
CORPUS = next((c for c in (DEFAULT_CORPUS, REPO.parents[1] / "shared" / "corpus") if c.is_dir()), DEFAULT_CORPUS)
"""The spoken corpus beside the checkout (a worktree one level deeper finds it too)."""


def tokens(text: str) -> list[str]:
    return normalize(text, numbers_as_words=True).split()


def percentile(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def first_seen(run: AnswerRun, ref: list[str]) -> dict[int, float]:
    """Reference word index -> wall time it first showed (each screen's tail matched against the reference)."""
    seen: dict[int, float] = {}
    for t, text in run.screens:
        toks = tokens(text)[-120:]
        for block in SequenceMatcher(None, ref, toks, autojunk=False).get_matching_blocks():
            if block.size >= MIN_RUN:
                for k in range(block.a, block.a + block.size):
                    seen.setdefault(k, t)
    return seen


def clock_offset(words: list[dict], sentences: list[dict]) -> float:
    """Report time minus file time: the median, over gold sentences whose first words the report has (a run
    of `MIN_RUN` or more), of the report's start of those words less the sentence's start. A lost opening
    (or a misheard word) then shifts nothing."""
    ref, starts = [], []
    for w in words:
        for tok in tokens(w["w"]):
            ref.append(tok)
            starts.append(w["start"])
    gold, first = [], {}
    for sentence in sentences:
        first[len(gold)] = sentence["start"]
        gold.extend(tokens(sentence["text"]))
    offsets = [starts[b.b] - first[b.a] for b in SequenceMatcher(None, gold, ref, autojunk=False).get_matching_blocks()
               if b.size >= MIN_RUN and b.a in first]
    if offsets:
        return statistics.median(offsets)
    return words[0]["start"] - sentences[0]["start"] if words else 0.0


def live_lags(run: AnswerRun, words: list[dict], sentences: list[dict]) -> tuple[list[float], int, int]:
    """Lags of the saved words seen on screen, how many were on screen when the player ended, and how many
    there are. `sentences`: the gold's, with where each starts in the file."""
    ref, ends = [], []
    offset = clock_offset(words, sentences)
    for w in words:
        for tok in tokens(w["w"]):
            ref.append(tok)
            ends.append(w["end"] - offset)
    seen = first_seen(run, ref)
    lags = [t - run.heard_at(ends[k]) for k, t in seen.items()]
    return lags, sum(t <= run.play_end for t in seen.values()), len(ref)


def filler_counts(report: dict) -> Counter:
    return Counter({k.lower(): n for k, n in (report.get("fillers") or {}).get("by_word", {}).items()})


def prf(det: list[Counter], ref: list[Counter]) -> tuple[float, float, float]:
    m = sum(sum(min(d[k], r[k]) for k in d | r) for d, r in zip(det, ref, strict=True))
    nd, nr = sum(sum(d.values()) for d in det), sum(sum(r.values()) for r in ref)
    p, r = (m / nd if nd else 1.0), (m / nr if nr else 1.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def saved_answers(app_dir: Path, home: Path) -> list[dict]:
    """Every answer of the session the app saved, in order (the `export` JSON)."""
    env = {**os.environ, "MOCKINTERVIEW_HOME": str(home)}
    cli = [str(app_dir / ".venv" / "bin" / "python"), "-m", "mockinterview"]
    sessions = json.loads(subprocess.run([*cli, "sessions", "--json"], env=env, cwd=app_dir, capture_output=True,
                                         text=True, check=True).stdout)
    out = subprocess.run([*cli, "export", str(sessions[-1]["id"]), "--format", "json"], env=env, cwd=app_dir,
                         capture_output=True, text=True, check=True).stdout
    return [a for q in json.loads(out)["questions"] for a in q["answers"]]


def run_condition(name: str, args: argparse.Namespace, audios: list[Path]) -> dict:
    hog = CpuHog() if name == "busy" else None
    home = Path(tempfile.mkdtemp(prefix=f"bench-practice-{name}-"))
    load0 = os.getloadavg()
    app = PracticeApp(args.app, home, sink=args.sink, seed=args.seed)
    runs: list[AnswerRun] = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # killed: still quit the app and stop the hog
    try:
        started = time.monotonic()
        k = 0
        while k < len(audios) or time.monotonic() - started < args.minutes * 60:
            try:
                runs.append(app.answer(audios[k % len(audios)], enter_after_s=args.enter_after, poll_s=args.poll))
            except (RuntimeError, SessionOver) as exc:  # report the answers measured so far
                print(f"  [{name}] stopped: {exc}", flush=True)
                break
            r = runs[-1]
            print(f"  [{name}] {r.audio.parent.name}/{r.audio.stem}: Enter -> scorecard "
                  f"{r.enter_to_card_s:.2f} s; at the end '{r.status_at_end[-60:]}'; RSS {r.rss_mb:.0f} MB, "
                  f"{r.rss_settled_mb:.0f} MB settled",
                  flush=True)
            k += 1
    finally:
        app.quit()
        if hog is not None:
            hog.stop()
    saved = [a for a in saved_answers(args.app, home) if a["report"]][:len(runs)]
    return {"runs": runs[:len(saved)], "saved": saved, "load": (load0, os.getloadavg())}


def summarize(name: str, result: dict, golds: dict, idle: dict | None) -> None:
    runs, saved = result["runs"], result["saved"]
    lags, shown, total, waits = [], 0, 0, []
    hyps, gold_texts, det, gold_fill = [], [], [], []
    behind, shed, dropped = [], Counter(), 0
    each = []
    for run, answer in zip(runs, saved, strict=True):
        gold = golds[run.audio]
        got, on_screen, n = live_lags(run, answer["words"], gold["sentences"])
        lags += got
        shown += on_screen
        total += n
        waits.append(run.enter_to_card_s)
        report = answer["report"] or {}
        hyps.append(normalize(" ".join(w["w"] for w in answer["words"]), numbers_as_words=True))
        gold_texts.append(normalize(" ".join(s["text"] for s in gold["sentences"]), numbers_as_words=True))
        det.append(filler_counts(report))
        gold_fill.append(Counter(f.lower() for f in gold["fillers"]))
        pipe = report.get("pipeline", {})
        dropped += pipe.get("dropped_frames", 0)
        if pipe.get("behind_s_max") is not None:
            behind.append(pipe["behind_s_max"])
        shed.update(pipe.get("shed", {}))
        each.append(f"  {run.audio.parent.name}/{run.audio.stem}: lag p50 {percentile(got, 0.5):.2f} s p90 "
                    f"{percentile(got, 0.9):.2f} s; behind_s_max {pipe.get('behind_s_max')}; "
                    f"shed {({k: v for k, v in pipe.get('shed', {}).items() if v}) or 'none'}")
    lag_t, wait_t = TARGETS[name]
    (l0, l1) = result["load"]
    print(f"\n== {name}: {len(runs)} answers; load average at start {l0[0]:.2f} {l0[1]:.2f} {l0[2]:.2f}, "
          f"at end {l1[0]:.2f} {l1[1]:.2f} {l1[2]:.2f}")
    print(f"live lag            p50 {percentile(lags, 0.5):5.2f} s   p90 {percentile(lags, 0.9):5.2f} s   "
          f"(target p90 <= {lag_t:g} s; {len(lags)} words matched)")
    print("\n".join(each))
    cable = [r.cable_delay_s for r in runs if r.cable_delay_s is not None]
    print(f"virtual cable       {percentile(cable, 0.5):5.2f} s from the player's start to the source (median of "
          f"{len(cable)} answers; not counted in the lag)")
    print(f"on screen at end    {shown} of {total} words of the saved transcripts")
    print(f"Enter -> scorecard  p50 {percentile(waits, 0.5):5.2f} s   p90 {percentile(waits, 0.9):5.2f} s   max "
          f"{max(waits):5.2f} s   (target p90 <= {wait_t:g} s)   each: {', '.join(f'{w:.2f}' for w in waits)}")
    wer = jiwer.wer(gold_texts, hyps)
    p, r, f1 = prf(det, gold_fill)
    print(f"final WER           {100 * wer:5.2f}%  (against the gold)")
    print(f"fillers vs gold     P {p:.2f}  R {r:.2f}  F1 {f1:.3f}")
    if idle is not None:
        idle_saved = idle["saved"]
        idle_wer = jiwer.wer(gold_texts, [normalize(" ".join(w["w"] for w in a["words"]), numbers_as_words=True)
                                          for a in idle_saved[:len(saved)]])
        ip, ir, if1 = prf([filler_counts(a["report"] or {}) for a in idle_saved[:len(saved)]], gold_fill)
        bp, br, _ = prf(det, [filler_counts(a["report"] or {}) for a in idle_saved[:len(saved)]])
        print(f"against idle        WER {100 * (wer - idle_wer):+.2f} points (target within 1); filler F1 "
              f"{f1 - if1:+.3f} (target within 0.03); fillers vs idle's P {bp:.2f} R {br:.2f}")
    print(f"behind_s_max        {max(behind) if behind else 'n/a'}   shed {dict(shed) or 'none'}")
    print(f"dropped frames      {dropped}")
    print(f"RSS                 {runs[0].rss_mb:.0f} MB after the first answer, {runs[-1].rss_mb:.0f} MB after "
          f"the last ({len(runs)} answers); {SETTLE_S:.0f} s later {runs[0].rss_settled_mb:.0f} and "
          f"{runs[-1].rss_settled_mb:.0f} MB")
    print("RSS settled, each   " + ", ".join(f"{r.rss_settled_mb:.0f}" for r in runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--answers", default=DEFAULT_ANSWERS, help="comma-separated ids, room/ID for a room copy")
    ap.add_argument("--conditions", default="idle,busy")
    ap.add_argument("--app", type=Path, default=REPO, help="the checkout whose app is run (with its .venv)")
    ap.add_argument("--minutes", type=float, default=0.0, help="keep answering until this much time has passed")
    ap.add_argument("--enter-after", type=float, default=0.5, help="seconds from the end of the audio to Enter")
    ap.add_argument("--poll", type=float, default=0.1, help="screen read-back interval while speaking")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-lock", action="store_true", help="do not take /tmp/quiet.lock")
    ap.add_argument("--shared-mic", action="store_true", help="play into the tests' virtual microphone")
    args = ap.parse_args()
    args.app = args.app.resolve()
    audios, golds = [], {}
    for name in args.answers.split(","):
        audio = args.corpus / f"{name}.flac"
        golds[audio] = json.loads(audio.with_name(f"{audio.stem}.gold.json").read_text())
        audios.append(audio)
    with ExitStack() as held:
        locks = (["/tmp/vmic.lock"] if args.shared_mic else []) + ([] if args.no_lock else ["/tmp/quiet.lock"])
        for lock in locks:
            f = held.enter_context(open(lock, "a"))  # noqa: SIM115 - held for the whole run
            print(f"waiting for {lock}", flush=True)
            fcntl.flock(f, fcntl.LOCK_EX)
        if args.shared_mic:
            args.sink = SINK
        else:
            sink = PrivateSink()
            held.callback(sink.close)
            args.sink = sink.name
        results = {}
        for name in args.conditions.split(","):
            results[name] = run_condition(name, args, audios)
    print(f"\napp {args.app} (commit {git_head(args.app)}); answers {args.answers}; Enter {args.enter_after:g} s "
          f"after the audio")
    for name, result in results.items():
        summarize(name, result, golds, results.get("idle") if name != "idle" else None)


def git_head(path: Path) -> str:
    out = subprocess.run(["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or "?"


if __name__ == "__main__":
    main()

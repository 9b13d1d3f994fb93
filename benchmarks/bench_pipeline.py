"""Speed and accuracy of the live pipeline against whole-file faster-whisper, on the spoken corpus.

Prints, in one run:
  1. per file and overall: WER of offline (faster-whisper on the whole file, its defaults) and of our streaming
     pipeline at pace 0, and the time ratio streaming/offline (targets: +1.0 WER point at most, ratio <= 1.3);
  2. at pace 1 (real time) on a 2-3 minute file: median latency from the end of each utterance's speech to its
     final transcript, the final tail latency (+ the hesitation pass after it), and the share of words
     shown live within 2.0 s;
  3. words produced on 60 s of silence and 60 s of low noise (target 0);
  4. peak resident memory of `mockinterview transcribe` (target < 600 MB).

usage: .venv/bin/python benchmarks/bench_pipeline.py [--corpus ../shared/corpus] [--paced dev-01] [--quick]
       [--ids dev-02,dev-08] [--skip 1,4]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jiwer
import numpy as np
import soundfile as sf
from wer_text import normalize  # noqa: E402 (sibling module of this script)

from mockinterview.audio.model import ModelLoader, load_model, resolve_model
from mockinterview.audio.pipeline import transcribe_file

ROOT = Path(__file__).resolve().parents[1]


def gold_text(gold: dict) -> str:
    return " ".join(s["text"] for s in gold["sentences"])


def offline(model, path: Path) -> str:
    segments, _ = model.transcribe(str(path), language="en", word_timestamps=True)
    return " ".join(s.text.strip() for s in segments)


def accuracy_and_speed(loader: ModelLoader, files: list[Path]) -> None:
    model = load_model(resolve_model(None), encoder_margin_s=None)  # stock faster-whisper: full 30 s windows
    print("1. WER and time, offline (whole file) vs streaming (pace 0)")
    print(f"{'file':8} {'dur_s':>6} {'wer_off':>8} {'wer_str':>8} {'t_off':>7} {'t_str':>7} {'ratio':>6}")
    refs, hyp_off, hyp_str, t_off, t_str, t_pass = [], [], [], 0.0, 0.0, 0.0
    for k, path in enumerate(files):
        gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text())
        passes: list[float] = []

        def streaming(p: Path = path, passes: list[float] = passes) -> str:
            t = transcribe_file(p, pace=0, model=loader)
            passes.extend(t.stats.hesitation_pass_s)
            return t.text

        runs = [("off", lambda p=path: offline(model, p)), ("str", streaming)]
        if k % 2:  # alternate the order so machine noise does not favour one side
            runs.reverse()
        out = {}
        for name, fn in runs:
            t0 = time.perf_counter()
            text = fn()
            out[name] = (text, time.perf_counter() - t0)
        (h_off, dt_off), (h_str, dt_str) = out["off"], out["str"]
        refs.append(gold_text(gold))
        hyp_off.append(h_off)
        hyp_str.append(h_str)
        t_off += dt_off
        t_str += dt_str
        t_pass += sum(passes)
        ref = normalize(refs[-1])
        print(f"{gold['id']:8} {gold['duration']:6.1f} {jiwer.wer(ref, normalize(h_off)):8.3f} "
              f"{jiwer.wer(ref, normalize(h_str)):8.3f} {dt_off:7.2f} {dt_str:7.2f} {dt_str / dt_off:6.2f}")
    for spelled in (False, True):
        norm = [[normalize(t, numbers_as_words=spelled) for t in texts] for texts in (refs, hyp_off, hyp_str)]
        w_off, w_str = jiwer.wer(norm[0], norm[1]), jiwer.wer(norm[0], norm[2])
        how = "numbers spelled out" if spelled else "lowercase, no punctuation"
        print(f"   WER ({how}): offline {100 * w_off:.2f}%  streaming {100 * w_str:.2f}%  "
              f"difference {100 * (w_str - w_off):+.2f} points (target <= +1.00)")
    print(f"   time streaming {t_str:.1f} s, offline {t_off:.1f} s: ratio {t_str / t_off:.2f} (target <= 1.30); "
          f"of the streaming time, the hesitation pass (filler evidence, not transcription) took {t_pass:.1f} s: "
          f"ratio without it {(t_str - t_pass) / t_off:.2f}")


def paced(loader: ModelLoader, path: Path) -> None:
    gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text())
    print(f"\n2. Real time (pace 1) on {gold['id']} ({gold['duration']:.0f} s)")
    t = transcribe_file(path, pace=1.0, model=loader)
    lat = t.stats.utterance_latencies_s
    lags = t.stats.word_lags_s
    within = sum(1 for x in lags if x <= 2.0) / len(lags)
    print(f"   utterances {len(lat)}, latency end of speech -> final words: median {statistics.median(lat):.2f} s, "
          f"p90 {np.percentile(lat, 90):.2f} s, max {max(lat):.2f} s (target median < 0.80)")
    passes = t.stats.hesitation_pass_s
    print(f"   final tail latency {t.stats.tail_latency_s:.2f} s, then the hesitation pass of the last stretch "
          f"{passes[-1] if passes else 0:.2f} s (median pass {statistics.median(passes) if passes else 0:.2f} s)")
    print(f"   words shown live within 2.0 s of being spoken: {100 * within:.1f}% "
          f"(median lag {statistics.median(lags):.2f} s; target >= 90%)")
    print(f"   dropped frames {t.stats.dropped_frames}, partial updates {t.stats.partial_updates}, "
          f"WER of the live transcript {100 * jiwer.wer(normalize(gold_text(gold)), normalize(t.text)):.2f}%")


def silence_and_noise(loader: ModelLoader) -> None:
    print("\n3. Words on non-speech (target 0)")
    rng = np.random.default_rng(1)
    n = 60 * 16000
    cases = {
        "60 s digital silence": np.zeros(n),
        "60 s white noise -40 dBFS": rng.normal(0, 0.01, n),
        "60 s pink-ish hum+noise -35 dBFS": 0.01 * np.sin(2 * np.pi * 50 * np.arange(n) / 16000)
        + np.cumsum(rng.normal(0, 0.002, n)) % 0.02,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, audio in cases.items():
            path = Path(tmp) / "x.wav"
            sf.write(path, audio.astype(np.float32), 16000, subtype="PCM_16")
            t = transcribe_file(path, pace=0, model=loader)
            print(f"   {name}: {len(t.words)} words {t.text!r}")


_MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_memory(path: Path) -> None:
    """Peak RSS of the CLI, launched from a small helper interpreter.

    A child's ru_maxrss includes the memory of the process it was forked from, so the CLI is not started
    from this (large) process directly: the helper is about 10 MB, far below what is measured.
    """
    print("\n4. Peak resident memory of `mockinterview transcribe`")
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "mockinterview", "transcribe", str(path), "--json"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    peak_mb = int(out.split()[-1]) / 1024
    print(f"   {path.name}: {peak_mb:.0f} MB (target < 600)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--paced", default="dev-01", help="corpus id for the real-time run")
    ap.add_argument("--quick", action="store_true", help="only the first four files in part 1")
    ap.add_argument("--ids", default="", help="comma-separated corpus ids for part 1 (default: all)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: 1,2,3,4")
    a = ap.parse_args()
    files = sorted(a.corpus.glob("dev-*.flac"))
    if not files:
        sys.exit(f"no corpus files in {a.corpus}; pass --corpus DIR")
    if a.ids:
        files = [a.corpus / f"{i}.flac" for i in a.ids.split(",")]
    elif a.quick:
        files = files[:4]
    skip = set(a.skip.split(","))
    loader = ModelLoader().start()
    loader.get()
    if "1" not in skip:
        accuracy_and_speed(loader, files)
    if "2" not in skip:
        paced(loader, a.corpus / f"{a.paced}.flac")
    if "3" not in skip:
        silence_and_noise(loader)
    if "4" not in skip:
        peak_memory(max(files, key=lambda p: p.stat().st_size))


if __name__ == "__main__":
    main()

"""Word error rate of the pipeline's transcript per answer, at pace 0 (as `score`) or in real time (as
`practice` hears a microphone), with deletions, insertions and substitutions.

usage: .venv/bin/python benchmarks/bench_live_wer.py [--corpus ../shared/corpus] [--pace 1] [--only IDS]

Transcripts come from the same cache as bench_fillers.py (`--via pipeline`), so after a `--pace 1` run of
either script the other prints in seconds; an answer not cached yet takes as long as its audio at pace 1.
Numbers are spelled out on both sides (wer_text.py). The disfluent answers' gold keeps its um/uh, which plain
decoding drops: they count as deletions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jiwer

sys.path.insert(0, str(Path(__file__).parent))
from delivery_corpus import DEFAULT_CORPUS, load_corpus, transcribe  # noqa: E402
from wer_text import normalize  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--pace", type=float, default=1.0, help="0: as fast as possible; 1: real time")
    ap.add_argument("--only", default="", help="comma-separated answer ids (default: all)")
    args = ap.parse_args()
    refs, hyps = [], []
    for a in load_corpus(args.corpus):
        if args.only and a.id not in args.only.split(","):
            continue
        t = transcribe(a.audio, None, via="pipeline", pace=args.pace)
        ref = normalize(" ".join(s["text"] for s in a.sentences), numbers_as_words=True)
        hyp = normalize(" ".join(w.text for w in t.words), numbers_as_words=True)
        refs.append(ref)
        hyps.append(hyp)
        o = jiwer.process_words(ref, hyp)
        print(f"{a.id:8} {a.voice:6} WER {100 * o.wer:5.1f}%  deleted {o.deletions:3}  inserted {o.insertions:3}  "
              f"substituted {o.substitutions:3}")
    o = jiwer.process_words(refs, hyps)
    print(f"all answers at pace {args.pace:g}: WER {100 * o.wer:.2f}%  deleted {o.deletions}  "
          f"inserted {o.insertions}  substituted {o.substitutions}")


if __name__ == "__main__":
    main()

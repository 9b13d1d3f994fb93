"""Timing figures against the corpus gold: duration, per-section speaking share, long pauses, and speed.

usage: .venv/bin/python benchmarks/bench_delivery.py [--corpus ../shared/corpus] [--via utterances|pipeline|shim]
                                                     [--prompt disfluent|disfluent-uh] [--no-audio] [--refresh]

Per answer it prints
  dur err    our duration_s minus gold (first sentence start to last sentence end); target |err| <= 0.5 s
  share err  largest |our share - gold share| over the labels S T A R X O; target <= 0.03. Our share comes
             from section_timing() over our VAD speech, with each gold sentence placed at the times of the
             recognised words aligned to it; the gold share from the gold sentence times.
  pauses     gold pauses over 2 s found / gold, and pauses we report that gold does not have (invented)
  silences   gold gaps between sentences of 0.5 s or more that the sound timeline finds as silence of 0.5 s or
             more / gold, and such silences inside the answer that no gold gap overlaps (invented): what the
             pause-based rules (sentences, fillers set off by pauses, prosody's mid-phrase pauses) rely on
  ms         time analyze_delivery took (fillers, hesitation recovery, timing)
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from delivery_corpus import DEFAULT_CORPUS, PROMPTS, GoldAnswer, load_corpus, transcribe  # noqa: E402

from mockinterview.analysis.delivery.acoustics import SoundTimeline  # noqa: E402
from mockinterview.analysis.delivery.timing import DeliverySettings, analyze_delivery  # noqa: E402
from mockinterview.analysis.star.section_timing import section_timing  # noqa: E402
from mockinterview.analysis.targets import DEFAULT_TARGETS  # noqa: E402
from mockinterview.report import LABELS, Section  # noqa: E402
from mockinterview.types import Span, Word  # noqa: E402


def _tok(text: str) -> str:
    return re.sub(r"[^a-z0-9']", "", text.lower())


def place_sentences(a: GoldAnswer, words: list[Word]) -> list[Section]:
    """Gold sentences placed at the times of the recognised words aligned to them (difflib on tokens)."""
    gold_toks, owner = [], []
    for k, s in enumerate(a.sentences):
        for t in s["text"].split():
            gold_toks.append(_tok(t))
            owner.append(k)
    ours = [_tok(w.text) for w in words]
    sm = difflib.SequenceMatcher(None, gold_toks, ours, autojunk=False)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for blk in sm.get_matching_blocks():
        for j in range(blk.size):
            k = owner[blk.a + j]
            first.setdefault(k, blk.b + j)
            last[k] = blk.b + j
    out = []
    for k, s in enumerate(a.sentences):
        if k in first:
            out.append(Section(s["label"], words[first[k]].start, words[last[k]].end, s["text"]))
    return out


def gold_share(a: GoldAnswer) -> dict[str, float]:
    secs = dict.fromkeys(LABELS, 0.0)
    for s in a.sentences:
        secs[s["label"]] += s["end"] - s["start"]
    total = sum(secs.values())
    return {k: v / total for k, v in secs.items()}


def _overlaps(p: tuple[float, float], spans: list[Span]) -> bool:
    return any(min(p[1], s.end) > max(p[0], s.start) for s in spans)


SILENCE_MIN_S = 0.5
"""Gold gaps and found silences at least this long are compared in the `silences` column."""


def silence_figures(a: GoldAnswer, sound: SoundTimeline) -> tuple[int, int, int]:
    """(gold gaps found, gold gaps, invented silences) for gaps of SILENCE_MIN_S or more inside the answer."""
    gold = [Span(*g) for g in a.pauses(SILENCE_MIN_S - 1e-9)]
    found = sound.silences(a.start, a.end, SILENCE_MIN_S)
    hit = sum(_overlaps((g.start, g.end), found) for g in gold)
    invented = sum(not _overlaps((f.start, f.end), gold) for f in found)
    return hit, len(gold), invented


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--via", default="utterances", choices=["utterances", "pipeline", "shim", "auto"])
    ap.add_argument("--prompt", default=None, choices=sorted(PROMPTS), help="transcripts decoded with this prompt")
    ap.add_argument("--no-audio", action="store_true", help="do not pass the audio to analyze_delivery")
    ap.add_argument("--only", default="", help="comma-separated answer ids (default: all)")
    ap.add_argument("--refresh", action="store_true")
    args = ap.parse_args()
    settings = DeliverySettings()
    worst_dur = worst_share = 0.0
    found = gold_n = invented = 0
    sil_found = sil_gold = sil_invented = 0
    print(f"{'id':7s} {'voice':5s} {'gold s':>7s} {'dur err':>7s} {'share err':>9s} {'worst':>5s} "
          f"{'pauses':>6s} {'inv':>3s} {'silences':>8s} {'inv':>3s} {'speak s':>7s} {'wpm':>5s} {'window':>6s} "
          f"{'ms':>5s}")
    vias = set()
    for a in load_corpus(args.corpus):
        if args.only and a.id not in args.only.split(","):
            continue
        t = transcribe(a.audio, PROMPTS[args.prompt] if args.prompt else None, via=args.via, refresh=args.refresh)
        vias.add(t.via)
        t0 = time.perf_counter()
        d = analyze_delivery(t.words, t.speech, settings, None if args.no_audio else t.audio)
        ms = (time.perf_counter() - t0) * 1000
        dur_err = d.duration_s - (a.end - a.start)
        ours = section_timing(place_sentences(a, t.words), t.speech).share
        gs = gold_share(a)
        label, share_err = max(((k, abs(ours[k] - gs[k])) for k in LABELS), key=lambda kv: kv[1])
        gp = a.pauses(DEFAULT_TARGETS.long_pause_s)
        hit = sum(_overlaps(p, d.pauses) for p in gp)
        inv = sum(not _overlaps((p.start, p.end), [Span(*g) for g in gp]) for p in d.pauses)
        found, gold_n, invented = found + hit, gold_n + len(gp), invented + inv
        worst_dur, worst_share = max(worst_dur, abs(dur_err)), max(worst_share, share_err)
        sil = silence_figures(a, SoundTimeline.of(t.audio, t.speech, settings.acoustics)) if not args.no_audio \
            else (0, 0, 0)
        sil_found, sil_gold, sil_invented = sil_found + sil[0], sil_gold + sil[1], sil_invented + sil[2]
        print(f"{a.id:7s} {a.voice:5s} {a.end - a.start:7.1f} {dur_err:+7.2f} {share_err:9.3f} {label:>5s} "
              f"{hit:>2d}/{len(gp):<3d} {inv:3d} {sil[0]:>3d}/{sil[1]:<4d} {sil[2]:3d} {d.speaking_s:7.1f} "
              f"{d.wpm:5.0f} {d.window:>6s} {ms:5.0f}")
    print(f"worst |duration error| {worst_dur:.2f} s (target 0.5); worst share error {worst_share:.3f} "
          f"(target 0.03); long pauses found {found}/{gold_n}, invented {invented}; silences of "
          f"{SILENCE_MIN_S} s or more found {sil_found}/{sil_gold}, invented {sil_invented}; "
          f"transcripts via {', '.join(sorted(vias))}{f' with prompt {args.prompt!r}' if args.prompt else ''}")


if __name__ == "__main__":
    main()

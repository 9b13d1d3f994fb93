"""Filler detection against the corpus gold: recall and precision per method, overall and for um/uh alone.

usage: .venv/bin/python benchmarks/bench_fillers.py [--corpus ../shared/corpus] [--via utterances|pipeline|shim]
                                                    [--prompt disfluent|disfluent-uh] [--previous]
                                                    [--pace X] [--only IDS] [--per-answer] [--refresh]

`--via pipeline --pace 1` runs the answers in real time, as from a microphone (one commit and one hesitation
pass per utterance, as in `practice`), instead of pace 0's fixed batches (as in `score`); it takes as long as
the audio.

Counts are compared per answer and per filler type: for each answer and type, matched = min(detected, gold);
recall = matched / gold, precision = matched / detected, summed over answers. Methods:
  whisper-words   a plain word list (every um, like, so, you know, ...) on plain Whisper text
  whisper-rules   our lexical rules on plain Whisper text (um/uh only where Whisper wrote them)
  prompt          our rules on Whisper text decoded with a disfluent initial prompt
  acoustic        our rules + um/uh recovered from voiced gaps in the audio (plain text)
  prompt+acoustic both, on a transcript decoded with the prompt (costs transcript accuracy)
  product         what `score` and `practice` run: plain transcript + the hesitation pass (a second
                  decode with the prompt: its um/uh, and its commas where the audio has a pause, go onto the
                  transcript) + the audio's own um/uh finder where the pass did not run
  live            the count shown while the candidate speaks (analysis/live.py), at the end of the answer:
                  the final report's rules on what was committed, with the audio the live screen passes it
  gold-text       our rules on the gold text with no timing (rule quality alone, perfect recognition)
Figures are printed for all answers, slt voice (odd ids) and kal voice (even ids).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from delivery_corpus import (  # noqa: E402
    DEFAULT_CORPUS,
    PROMPTS,
    GoldAnswer,
    Transcribed,
    load_corpus,
    transcribe,
)

from mockinterview.analysis.delivery.fillers import detect_fillers  # noqa: E402
from mockinterview.analysis.delivery.live import LiveTimer  # noqa: E402
from mockinterview.analysis.delivery.timing import DeliverySettings, analyze_delivery  # noqa: E402
from mockinterview.types import (  # noqa: E402
    HesitationWords,
    SpeechEnded,
    SpeechStarted,
    Utterance,
    Word,
    WordsCommitted,
)

UMUH = ("um", "uh", "er", "ah", "hmm")
NAIVE = ("um", "uh", "er", "ah", "hmm", "like", "so", "basically", "actually", "right")
NAIVE_PAIRS = ("you know", "i mean", "kind of", "sort of", "okay so")


def naive_counts(words: list[Word]) -> Counter:
    """A plain word list: every occurrence counts, whatever it means."""
    toks = [w.norm for w in words]
    c: Counter = Counter()
    i = 0
    while i < len(toks):
        pair = " ".join(toks[i:i + 2])
        if pair in NAIVE_PAIRS:
            c[pair] += 1
            i += 2
            continue
        if toks[i] in NAIVE:
            c[toks[i]] += 1
        i += 1
    return c


def norm_kind(k: str) -> str:
    return k.lower()


def counts_of(delivery_words: list[Word], settings: DeliverySettings) -> Counter:
    return Counter(norm_kind(h.kind) for h in detect_fillers(delivery_words, settings.fillers))


def live_counts(t: Transcribed, settings: DeliverySettings) -> Counter:
    """The live count at the end of the answer: speech spans, words and the pass's words fed to the live timer
    as pipeline events, with the audio as the live screen gives it."""
    timer = LiveTimer(settings, audio=lambda: t.audio)
    for k, sp in enumerate(t.speech):
        timer.feed(SpeechStarted(k, sp.start))
        timer.feed(SpeechEnded(k, sp.start, sp.end))
    timer.feed(WordsCommitted(Utterance(0, 0.0, 0.0, tuple(t.words))))
    timer.feed(HesitationWords(0.0, 0.0, tuple(t.styled)))
    return Counter(norm_kind(h.kind) for h in timer.hits)


def gold_text_words(a: GoldAnswer) -> list[Word]:
    """Gold sentences as untimed words (each sentence's words spread over its gold span)."""
    out = []
    for s in a.sentences:
        toks = s["text"].split()
        step = (s["end"] - s["start"]) / max(1, len(toks))
        out += [Word(t, s["start"] + i * step, s["start"] + (i + 0.9) * step) for i, t in enumerate(toks)]
    return out


class Tally:
    def __init__(self) -> None:
        self.match = Counter()
        self.det = Counter()
        self.gold = Counter()

    def add(self, key: str, det: Counter, gold: Counter) -> None:
        for kind in set(det) | set(gold):
            group = "umuh" if kind in UMUH else "lexical"
            m = min(det[kind], gold[kind])
            for k in (key, f"{key}/{group}"):
                self.match[k] += m
                self.det[k] += det[kind]
                self.gold[k] += gold[kind]

    def pr(self, key: str) -> tuple[float, float, int, int, int]:
        m, d, g = self.match[key], self.det[key], self.gold[key]
        return (m / g if g else 1.0), (m / d if d else 1.0), m, d, g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--via", default="utterances", choices=["utterances", "pipeline", "shim", "auto"])
    ap.add_argument("--per-answer", action="store_true", help="print per-answer detected vs gold counts")
    ap.add_argument("--prompt", default="disfluent-uh", choices=sorted(PROMPTS), help="initial prompt to test")
    ap.add_argument("--previous", action="store_true",
                    help="prompted decodes also see the confirmed text before them (the product does not)")
    ap.add_argument("--skip-prompt", action="store_true", help="leave out the prompted-decode methods")
    ap.add_argument("--only", default="", help="comma-separated answer ids (default: all)")
    ap.add_argument("--pace", type=float, default=0.0,
                    help="with --via pipeline: play the audio at X times real time (0: as fast as possible)")
    ap.add_argument("--refresh", action="store_true", help="re-transcribe, ignoring the cache")
    args = ap.parse_args()
    settings = DeliverySettings()
    answers = [a for a in load_corpus(args.corpus) if not args.only or a.id in args.only.split(",")]
    methods: dict[str, Callable[[GoldAnswer], Counter]] = {}

    def once(route: Callable[[GoldAnswer], Transcribed]) -> Callable[[GoldAnswer], Transcribed]:
        """`route` run once per answer (with --refresh too: every method reads the same transcript)."""
        done: dict[str, Transcribed] = {}
        return lambda a: done[a.id] if a.id in done else done.setdefault(a.id, route(a))

    plain = once(lambda a: transcribe(a.audio, None, via=args.via, refresh=args.refresh, pace=args.pace))
    prompted = once(lambda a: transcribe(a.audio, PROMPTS[args.prompt], via=args.via, refresh=args.refresh,
                                         previous=args.previous))

    def detector(t, audio: bool, styled: bool = False) -> Counter:
        d = analyze_delivery(t.words, t.speech, settings, t.audio if audio else None, t.styled if styled else ())
        return Counter(norm_kind(k) for k, n in d.fillers.by_word.items() for _ in range(n))

    methods["whisper-words"] = lambda a: naive_counts(plain(a).words)
    methods["whisper-rules"] = lambda a: detector(plain(a), audio=False)
    methods["prompt"] = lambda a: detector(prompted(a), audio=False)
    methods["acoustic"] = lambda a: detector(plain(a), audio=True)
    methods["prompt+acoustic"] = lambda a: detector(prompted(a), audio=True)
    methods["product"] = lambda a: detector(plain(a), audio=True, styled=True)
    methods["live"] = lambda a: live_counts(plain(a), settings)
    if args.skip_prompt:
        for name in ("prompt", "prompt+acoustic"):
            del methods[name]
    methods["gold-text"] = lambda a: Counter(norm_kind(h.kind) for h in detect_fillers(gold_text_words(a)))

    tally = Tally()
    for a in answers:
        gold = Counter(norm_kind(f) for f in a.fillers)
        rows = []
        for name, fn in methods.items():
            det = fn(a)
            for scope in ("all", a.voice):
                tally.add(f"{name}|{scope}", det, gold)
            rows.append((name, det))
        if args.per_answer:
            print(f"{a.id} ({a.voice}) gold {dict(sorted(gold.items()))}")
            for name, det in rows:
                extra, missing = det - gold, gold - det
                print(f"   {name:16s} +{dict(extra)} -{dict(missing)}")
    print(f"{'method':16s} {'voice':5s} | {'overall R':>9s} {'P':>5s} | {'um/uh R':>7s} {'P':>5s} | "
          f"{'lexical R':>9s} {'P':>5s} | matched/detected/gold (overall; um/uh)")
    for name in methods:
        for scope in ("all", "slt", "kal"):
            k = f"{name}|{scope}"
            r, p, m, d, g = tally.pr(k)
            ru, pu, mu, du, gu = tally.pr(k + "/umuh")
            rl, pl, *_ = tally.pr(k + "/lexical")
            print(f"{name:16s} {scope:5s} | {r:9.2f} {p:5.2f} | {ru:7.2f} {pu:5.2f} | {rl:9.2f} {pl:5.2f} | "
                  f"{m}/{d}/{g}; {mu}/{du}/{gu}")
    via = {plain(answers[0]).via}
    paced = f" at pace {args.pace:g}" if args.pace else ""
    print(f"transcripts via {', '.join(via)}{paced}; prompt {args.prompt!r}: {PROMPTS[args.prompt]!r}"
          f"{' + confirmed text' if args.previous else ''}")
    print(f"corpus {args.corpus}; targets: overall R >= 0.85, P >= 0.90 on each voice")


if __name__ == "__main__":
    main()

"""Filler detection against the corpus gold: recall and precision per method and per voice, overall and for um/uh
alone.

usage: .venv/bin/python benchmarks/bench_fillers.py [--corpus ../shared/corpus] [--via utterances|pipeline|shim]
                                                    [--extra DIR ...] [--prompt disfluent|disfluent-uh] [--previous]
                                                    [--no-room]
                                                    [--pace X] [--only IDS] [--per-answer] [--refresh]
                                                    [--cached-only] [--methods NAMES] [--folds K]

`--via pipeline --pace 1` runs the answers in real time, as from a microphone (one commit and one hesitation
pass per utterance, as in `practice`), instead of pace 0's fixed batches (as in `score`); it takes as long as
the audio. `--cached-only` scores only the answers whose transcripts are cached already (and names the others).

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
Figures are printed for all answers and per voice: each voice of the corpus and its disfluent/ answers by the
`voice` of their gold, and `room` for the room/ copies (whatever their voice). `--extra DIR` adds the answers of
another rendering of the corpus (such as an espeak-ng one made with ../shared/tools/synth_corpus.py), scored under
the voice of their gold and kept in the fold of the answer they speak.

`--folds K` cross-validates the thresholds in TUNED (the "so" rule's pauses, the noise margin of the sound
timeline, how far an instant um/uh is moved onto its sound, where the audio's um/uh finder yields to the pass, how
much sound a written um/uh needs under it, whether a noisy room's timeline also hears the upper band):
the answers are split into K folds by written answer (every copy of an answer, room/ and disfluent/, in one fold:
`answer_group`), the thresholds are chosen on K-1 folds (the grid point whose product method keeps every voice's
precision at PRECISION_TARGET, or falls least short of it, then the best worst-voice F1, then the best mean F1
over voices, ties to the one nearest the shipped values) and the product method is scored with them on the
fold left out; it prints each fold, the held-out folds pooled, and the grid point all answers together prefer.

`filler_scores` gives the product figures to other benchmarks (a cross-validation harness scores its held-out
answers with it); `answer_group` names the answer every copy belongs to, `folds_of` splits as `--folds` does.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from delivery_corpus import (  # noqa: E402
    DEFAULT_CORPUS,
    PROMPTS,
    GoldAnswer,
    Transcribed,
    cache_path,
    load_corpus,
    transcribe,
)

from mockinterview.analysis.delivery import timing  # noqa: E402
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
VOICES = ("slt", "kal", "joe", "room")
"""Scopes printed first, in this order (any other voice, such as espeak, follows)."""
ROOM = "room"
PRECISION_TARGET = 0.92
RECALL_TARGET = 0.90
"""What every voice should reach (overall precision and recall of the product method)."""
TUNED = {
    "fillers.so_silence_s": (0.2, 0.3),
    "fillers.so_breath_s": (0.3, 0.36, 0.5),
    "acoustics.noise_margin_db": (3.0, 4.0, 6.0),
    "styled.instant_reach_s": (0.3, 0.5),
    "styled.pass_reach_s": (0.0, 1.0),
    "hesitations.min_written_sound": (0.1, 0.25),
    "acoustics.emphasis": (0.0, 0.97),
}
"""DeliverySettings fields (part.field) `--folds` chooses on the training folds, and the values it tries."""


def grid_point(settings: DeliverySettings) -> dict[str, float]:
    """The TUNED fields' values in `settings`."""
    return {k: getattr(getattr(settings, k.split(".")[0]), k.split(".")[1]) for k in TUNED}


def with_values(base: DeliverySettings, point: dict[str, float]) -> DeliverySettings:
    """`base` with the TUNED fields of `point` set."""
    parts: dict[str, dict[str, float]] = {}
    for key, value in point.items():
        part, name = key.split(".")
        parts.setdefault(part, {})[name] = value
    return replace(base, **{part: replace(getattr(base, part), **kw) for part, kw in parts.items()})


def scope_of(a: GoldAnswer) -> str:
    """The voice an answer is scored under: `room` for the room/ copies, else the voice of its gold."""
    return ROOM if a.audio.parent.name == ROOM else a.voice


def answer_group(a: GoldAnswer) -> str:
    """The written answer a recording speaks: dev-01, room/dev-01 and disfluent/dev-01u are all dev-01 (keep
    them in one fold)."""
    return re.sub(r"u$", "", a.id)


def corpus_arguments(doc: str | None) -> argparse.ArgumentParser:
    """A parser described by the first line of `doc`, with the corpus folder and any other renderings of it."""
    ap = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="another rendering of the corpus's answers (a folder laid out like the corpus); repeatable")
    return ap


def load_answers(corpus: Path = DEFAULT_CORPUS, room: bool = True) -> list[GoldAnswer]:
    """The corpus's answers, its disfluent/ answers and (with `room`) its room/ copies."""
    answers = load_corpus(corpus)
    if room and (corpus / ROOM).is_dir():
        answers += load_corpus(corpus / ROOM)
    return answers


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


def gold_counts(a: GoldAnswer) -> Counter:
    return Counter(f.lower() for f in a.fillers)


def product_counts(t: Transcribed, settings: DeliverySettings, audio: bool = True, styled: bool = True) -> Counter:
    """Fillers by kind as `score` reports them (with the audio and the hesitation pass's words)."""
    d = analyze_delivery(t.words, t.speech, settings, t.audio if audio else None, t.styled if styled else ())
    return Counter(k.lower() for k, n in d.fillers.by_word.items() for _ in range(n))


def live_counts(t: Transcribed, settings: DeliverySettings) -> Counter:
    """The live count at the end of the answer: speech spans, words and the pass's words fed to the live timer
    as pipeline events, with the audio as the live screen gives it."""
    timer = LiveTimer(settings, audio=lambda: t.audio)
    for k, sp in enumerate(t.speech):
        timer.feed(SpeechStarted(k, sp.start))
        timer.feed(SpeechEnded(k, sp.start, sp.end))
    timer.feed(WordsCommitted(Utterance(0, 0.0, 0.0, tuple(t.words))))
    timer.feed(HesitationWords(0.0, 0.0, tuple(t.styled)))
    return Counter(h.kind.lower() for h in timer.hits)


def gold_text_words(a: GoldAnswer) -> list[Word]:
    """Gold sentences as untimed words (each sentence's words spread over its gold span)."""
    out = []
    for s in a.sentences:
        toks = s["text"].split()
        step = (s["end"] - s["start"]) / max(1, len(toks))
        out += [Word(t, s["start"] + i * step, s["start"] + (i + 0.9) * step) for i, t in enumerate(toks)]
    return out


@dataclass(frozen=True)
class FillerScore:
    """Filler counts of a set of answers against their gold."""

    matched: int
    detected: int
    gold: int

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.detected if self.detected else 1.0

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0


class Tally:
    """Matched, detected and gold counts under keys (a method and scope, and its um/uh or lexical part)."""

    def __init__(self) -> None:
        self.match: Counter = Counter()
        self.det: Counter = Counter()
        self.gold: Counter = Counter()

    def add(self, key: str, det: Counter, gold: Counter) -> None:
        for kind in set(det) | set(gold):
            group = "umuh" if kind in UMUH else "lexical"
            m = min(det[kind], gold[kind])
            for k in (key, f"{key}/{group}"):
                self.match[k] += m
                self.det[k] += det[kind]
                self.gold[k] += gold[kind]

    def score(self, key: str) -> FillerScore:
        return FillerScore(self.match[key], self.det[key], self.gold[key])


def scopes_in(answers: Iterable[GoldAnswer]) -> list[str]:
    """The scopes of `answers`: VOICES first, others after, then "all"."""
    present = {scope_of(a) for a in answers}
    return [v for v in VOICES if v in present] + sorted(present - set(VOICES)) + ["all"]


def filler_scores(answers: Sequence[GoldAnswer], settings: DeliverySettings | None = None, *, via: str = "pipeline",
                  pace: float = 0.0, refresh: bool = False) -> dict[str, FillerScore]:
    """Product-method filler precision and recall of `answers` per voice (`scope_of`) and over "all".

    Transcripts come from the shared cache (an answer not cached yet is transcribed first, which is slow).
    """
    settings = settings or DeliverySettings()
    tally = Tally()
    for a in answers:
        det = product_counts(transcribe(a.audio, None, via=via, refresh=refresh, pace=pace), settings)
        for scope in (scope_of(a), "all"):
            tally.add(scope, det, gold_counts(a))
    return {scope: tally.score(scope) for scope in scopes_in(answers)}


def folds_of(answers: Sequence[GoldAnswer], k: int) -> list[list[GoldAnswer]]:
    """`k` folds by written answer: the sorted answer groups dealt out in turn (so each fold mixes voices)."""
    groups = sorted({answer_group(a) for a in answers})
    fold = {g: n % k for n, g in enumerate(groups)}
    return [[a for a in answers if fold[answer_group(a)] == f] for f in range(k)]


def _tally(answers: Iterable[GoldAnswer], counts: Callable[[GoldAnswer], Counter]) -> dict[str, FillerScore]:
    tally = Tally()
    answers = list(answers)
    for a in answers:
        for scope in (scope_of(a), "all"):
            tally.add(scope, counts(a), gold_counts(a))
    return {scope: tally.score(scope) for scope in scopes_in(answers)}


def cross_validate(answers: Sequence[GoldAnswer], k: int, plain: Callable[[GoldAnswer], Transcribed],
                   base: DeliverySettings) -> None:
    """Print the product method's held-out figures per fold with thresholds chosen on the other folds."""
    timeline = timing.SoundTimeline.of
    sound_of = cache(lambda key, speech, s: timeline(key.audio, list(speech), s))  # the grid re-reads each timeline
    timing.SoundTimeline.of = lambda audio, speech, s=None: sound_of(_Key(audio), tuple(speech), s)  # type: ignore
    grid = [dict(zip(TUNED, values, strict=True)) for values in itertools.product(*TUNED.values())]
    counts: dict[tuple[int, Path], Counter] = {}
    for n, point in enumerate(grid):
        settings = with_values(base, point)
        for a in answers:
            counts[n, a.audio] = product_counts(plain(a), settings)

    def rank(n: int, train: list[GoldAnswer]) -> tuple[float, float, float]:
        """How grid point n does on `train`: how far the worst voice's precision falls short of PRECISION_TARGET
        (0 when every voice meets it), then the worst voice's F1, then the mean F1 over voices (rounded: equal
        figures tie). A filler counted that was not said misleads the speaker more than one missed."""
        scores = [s for scope, s in _tally(train, lambda a: counts[n, a.audio]).items() if scope != "all"]
        short = min(min(0.0, s.precision - PRECISION_TARGET) for s in scores)
        f1 = [s.f1 for s in scores]
        return round(short, 6), round(min(f1), 6), round(sum(f1) / len(f1), 6)

    def shift(point: dict[str, float]) -> float:
        """How far a grid point moves the shipped values (ties go to the nearest)."""
        shipped = grid_point(base)
        return sum(abs(v - shipped[k]) / (max(TUNED[k]) - min(TUNED[k])) for k, v in point.items())

    held: dict[Path, Counter] = {}
    for f, test in enumerate(folds_of(answers, k)):
        train = [a for a in answers if a not in test]
        best = max(range(len(grid)), key=lambda n: (*rank(n, train), -shift(grid[n])))
        for a in test:
            held[a.audio] = counts[best, a.audio]
        scores = _tally(test, lambda a: held[a.audio])
        print(f"fold {f + 1}: {len(test)} answers ({', '.join(sorted({answer_group(a) for a in test}))}); "
              f"chosen on the other folds: {grid[best]}")
        for scope, sc in scores.items():
            print(f"   {scope:5s} R {sc.recall:.2f} P {sc.precision:.2f}  {sc.matched}/{sc.detected}/{sc.gold}")
    every = max(range(len(grid)), key=lambda n: (*rank(n, list(answers)), -shift(grid[n])))
    print(f"all answers together prefer {grid[every]} (the shipped values: {grid_point(base)})")
    print("held-out folds pooled (product method):")
    for scope, sc in _tally(answers, lambda a: held[a.audio]).items():
        print(f"   {scope:5s} R {sc.recall:.2f} P {sc.precision:.2f}  {sc.matched}/{sc.detected}/{sc.gold}")


class _Key:
    """An audio array hashed by identity, so a cache can hold it."""

    def __init__(self, audio) -> None:
        self.audio = audio

    def __hash__(self) -> int:
        return id(self.audio)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and other.audio is self.audio


def main() -> None:
    ap = corpus_arguments(__doc__)
    ap.add_argument("--via", default="utterances", choices=["utterances", "pipeline", "shim", "auto"])
    ap.add_argument("--per-answer", action="store_true", help="print per-answer detected vs gold counts")
    ap.add_argument("--prompt", default="disfluent-uh", choices=sorted(PROMPTS), help="initial prompt to test")
    ap.add_argument("--previous", action="store_true",
                    help="prompted decodes also see the confirmed text before them (the product does not)")
    ap.add_argument("--skip-prompt", action="store_true", help="leave out the prompted-decode methods")
    ap.add_argument("--methods", default="", help="comma-separated methods to run (default: all)")
    ap.add_argument("--only", default="", help="comma-separated answer ids (default: all)")
    ap.add_argument("--no-room", action="store_true", help="leave out the room/ copies")
    ap.add_argument("--cached-only", action="store_true", help="only answers whose plain transcript is cached")
    ap.add_argument("--pace", type=float, default=0.0,
                    help="with --via pipeline: play the audio at X times real time (0: as fast as possible)")
    ap.add_argument("--refresh", action="store_true", help="re-transcribe, ignoring the cache")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate the tuned thresholds over K folds")
    args = ap.parse_args()
    settings = DeliverySettings()
    answers = [a for corpus in (args.corpus, *args.extra) for a in load_answers(corpus, room=not args.no_room)
               if not args.only or a.id in args.only.split(",")]
    if args.cached_only:
        missing = [a for a in answers if not cache_path(a.audio, None, args.via, pace=args.pace).exists()]
        answers = [a for a in answers if a not in missing]
        if missing:
            print(f"not cached, left out: {' '.join(f'{scope_of(a)}/{a.id}' for a in missing)}")
    methods: dict[str, Callable[[GoldAnswer], Counter]] = {}

    def once(route: Callable[[GoldAnswer], Transcribed]) -> Callable[[GoldAnswer], Transcribed]:
        """`route` run once per answer (with --refresh too: every method reads the same transcript)."""
        done: dict[Path, Transcribed] = {}
        return lambda a: done[a.audio] if a.audio in done else done.setdefault(a.audio, route(a))

    plain = once(lambda a: transcribe(a.audio, None, via=args.via, refresh=args.refresh, pace=args.pace))
    prompted = once(lambda a: transcribe(a.audio, PROMPTS[args.prompt], via=args.via, refresh=args.refresh,
                                         previous=args.previous))

    if args.folds:
        cross_validate(answers, args.folds, plain, settings)
        return
    methods["whisper-words"] = lambda a: naive_counts(plain(a).words)
    methods["whisper-rules"] = lambda a: product_counts(plain(a), settings, audio=False, styled=False)
    methods["prompt"] = lambda a: product_counts(prompted(a), settings, audio=False, styled=False)
    methods["acoustic"] = lambda a: product_counts(plain(a), settings, styled=False)
    methods["prompt+acoustic"] = lambda a: product_counts(prompted(a), settings, styled=False)
    methods["product"] = lambda a: product_counts(plain(a), settings)
    methods["live"] = lambda a: live_counts(plain(a), settings)
    if args.skip_prompt:
        for name in ("prompt", "prompt+acoustic"):
            del methods[name]
    methods["gold-text"] = lambda a: Counter(h.kind.lower() for h in detect_fillers(gold_text_words(a)))
    if args.methods:
        methods = {k: v for k, v in methods.items() if k in args.methods.split(",")}

    tally = Tally()
    for a in answers:
        gold = gold_counts(a)
        rows = []
        for name, fn in methods.items():
            det = fn(a)
            for scope in ("all", scope_of(a)):
                tally.add(f"{name}|{scope}", det, gold)
            rows.append((name, det))
        if args.per_answer:
            print(f"{a.id} ({scope_of(a)}) gold {dict(sorted(gold.items()))}")
            for name, det in rows:
                extra, missing = det - gold, gold - det
                print(f"   {name:16s} +{dict(extra)} -{dict(missing)}")
    print(f"{'method':16s} {'voice':5s} | {'overall R':>9s} {'P':>5s} | {'um/uh R':>7s} {'P':>5s} | "
          f"{'lexical R':>9s} {'P':>5s} | matched/detected/gold (overall; um/uh)")
    for name in methods:
        for scope in scopes_in(answers):
            k = f"{name}|{scope}"
            s, u, lex = tally.score(k), tally.score(k + "/umuh"), tally.score(k + "/lexical")
            print(f"{name:16s} {scope:5s} | {s.recall:9.2f} {s.precision:5.2f} | {u.recall:7.2f} {u.precision:5.2f} | "
                  f"{lex.recall:9.2f} {lex.precision:5.2f} | {s.matched}/{s.detected}/{s.gold}; "
                  f"{u.matched}/{u.detected}/{u.gold}")
    via = {plain(a).via for a in answers[:1]}
    paced = f" at pace {args.pace:g}" if args.pace else ""
    print(f"{len(answers)} answers; transcripts via {', '.join(via)}{paced}; prompt {args.prompt!r}: "
          f"{PROMPTS[args.prompt]!r}{' + confirmed text' if args.previous else ''}")
    print(f"corpus {args.corpus}; targets: overall R >= {RECALL_TARGET:.2f}, P >= {PRECISION_TARGET:.2f} on each voice")


if __name__ == "__main__":
    main()

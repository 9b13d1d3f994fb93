"""What the learned STAR+ judgements cost: loading the parser and weights, and scoring an answer.

    flock /tmp/quiet.lock .venv/bin/python benchmarks/bench_coach_cost.py [--corpus ../shared/corpus]

Run in a fresh process: the wall time to import spaCy and load the English pipeline, and to read the weights.
Then for every corpus answer (its transcript from the benchmark cache, as bench_coach scores it) the CPU time
of `score_answer`:
  live      as at the end of a spoken answer: the live labeler was fed the answer utterance by utterance (cut
            at silences of 0.45 s, as the VAD closes them), parsing each sentence as it was committed, and
            the committed sentences were parsed ahead for off_question as practice does (`ParseAhead`), so
            only what changed at the end is parsed again;
  cold      nothing parsed before (as `score` on a file);
  delivery  `analyze_delivery` alone, the part of scoring that does not read the parse: the baseline the
            others are given as ratios of, measured in the same run (the machine is shared and noisy);
  prosody   `analyze_prosody` alone (pitch, loudness, pauses from the audio; it does not read the parse either);
  judging   live minus delivery and prosody, per answer: what the parse, labels, flags and feedback add.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_coach import CORPUS, load_items  # noqa: E402
from delivery_corpus import transcribe  # noqa: E402


def _summary(xs: list[float]) -> str:
    xs = sorted(xs)
    return (f"median {1000 * statistics.median(xs):5.0f} ms, p90 {1000 * xs[int(0.9 * (len(xs) - 1))]:5.0f} ms, "
            f"max {1000 * xs[-1]:5.0f} ms")


UTTERANCE_GAP_S = 0.45
"""A silence this long between two words ends an utterance (the VAD closes one after 450 ms of silence)."""


def _utterances(words: list) -> list[tuple]:
    """The transcript's words cut into utterances at silences, as the live pipeline commits them."""
    out: list[list] = []
    for w in words:
        if not out or w.start - out[-1][-1].end >= UTTERANCE_GAP_S:
            out.append([])
        out[-1].append(w)
    return [tuple(u) for u in out]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}")
    t0 = time.perf_counter()
    from mockinterview.analysis import language

    language.PARSER.load()
    t1 = time.perf_counter()
    from mockinterview.analysis.star.coach_model import load_models

    load_models()
    t2 = time.perf_counter()
    print(f"load: spaCy import + pipeline {t1 - t0:.2f} s wall, weights {t2 - t1:.2f} s wall")

    from mockinterview.analysis.delivery.timing import analyze_delivery
    from mockinterview.analysis.scorer import DEFAULT_SETTINGS, score_answer
    from mockinterview.analysis.star.live import LiveLabeler
    from mockinterview.types import Utterance

    items = [i for i in load_items(args.corpus) if i.copy == "main"]
    from mockinterview.analysis.delivery.acoustics import SoundTimeline
    from mockinterview.analysis.prosody.answer import analyze_prosody
    from mockinterview.analysis.star import offq_model
    from mockinterview.analysis.star.off_question import unit_text

    live, cold, base, pros = [], [], [], []
    for item in items:
        t = transcribe(item.audio, via="utterances")
        labeler = LiveLabeler()
        for k, words in enumerate(_utterances(t.words)):
            labeler.feed(Utterance(k, words[0].start, words[-1].end, words))
            offq_model.warm([unit_text(u.words) for u in labeler.units[:-1]])
        c = time.process_time()
        score_answer(t.words, t.speech, question=item.gold["question"], audio=t.audio, styled=t.styled)
        live.append(time.process_time() - c)
        language.PARSER.clear()  # nothing parsed before
        c = time.process_time()
        score_answer(t.words, t.speech, question=item.gold["question"], audio=t.audio, styled=t.styled)
        cold.append(time.process_time() - c)
        c = time.process_time()
        d = analyze_delivery(t.words, t.speech, DEFAULT_SETTINGS.delivery, t.audio, t.styled)
        base.append(time.process_time() - c)
        c = time.process_time()
        analyze_prosody(t.audio, d.words, t.speech, DEFAULT_SETTINGS.prosody,
                        sound=SoundTimeline.of(t.audio, t.speech, DEFAULT_SETTINGS.delivery.acoustics))
        pros.append(time.process_time() - c)
    print(f"per answer, CPU ({len(items)} answers, 1 to 5 minutes long):")
    print(f"  live      {_summary(live)}")
    print(f"  cold      {_summary(cold)}")
    print(f"  delivery  {_summary(base)}")
    print(f"  prosody   {_summary(pros)}")
    print(f"  judging   {_summary([max(0.0, a - b - p) for a, b, p in zip(live, base, pros, strict=True)])}")
    med = statistics.median(base)
    print(f"ratios of medians to delivery: live {statistics.median(live) / med:.2f}, "
          f"cold {statistics.median(cold) / med:.2f}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

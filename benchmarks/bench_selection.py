"""Question banks and selection: load time, category spread, weighting fidelity, draw speed.

    .venv/bin/python benchmarks/bench_selection.py [--sessions 1000] [--length 8]

Uses the shipped banks only (no corpus, no user data). Printed: time to load and validate every shipped
bank; over `--sessions` seeded sessions of `--length` questions, the repeats and back-to-back same-category
pairs (both should be 0), and the mean/min distinct categories; for a sample history (one category never
practised, one practised often and scored well, one scored badly), the share of first questions per
category next to the share the weight formula predicts, and the mean position at which each category is
first asked; and the time per `next()` over whole sessions.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

from mockinterview.session.banks import all_questions, load_bank, shipped_bank_dir
from mockinterview.session.selection import CategoryHistory, QuestionSelector, question_key
from mockinterview.types import CATEGORIES

SAMPLE_HISTORY = {
    **{c: CategoryHistory(answered=6, mean_overall=70.0) for c in (*CATEGORIES, "general")},
    "failure": CategoryHistory(answered=0, mean_overall=None),
    "launch": CategoryHistory(answered=15, mean_overall=88.0),
    "mentoring": CategoryHistory(answered=5, mean_overall=38.0),
}
"""A user who never practised failure stories, practised launches a lot and scores badly on mentoring."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000, help="seeded sessions to draw")
    parser.add_argument("--length", type=int, default=8, help="questions per session")
    args = parser.parse_args()

    started = time.perf_counter()
    banks = [load_bank(p, shipped=True) for p in sorted(shipped_bank_dir().glob("*.toml"))]
    load_s = time.perf_counter() - started
    questions = all_questions(banks)
    print(f"banks: {len(banks)}, questions: {len(questions)}, load+validate: {load_s * 1000:.1f} ms")
    for bank in banks:
        print(f"  {bank.name:<18} {len(bank.questions):>3}")

    repeats = back_to_back = 0
    distinct: list[int] = []
    for seed in range(args.sessions):
        selector = QuestionSelector(questions, seed=seed)
        drawn = [selector.next() for _ in range(args.length)]
        repeats += len(drawn) - len({question_key(q) for q in drawn})
        back_to_back += sum(a.category == b.category for a, b in zip(drawn, drawn[1:], strict=False))
        distinct.append(len({q.category for q in drawn}))
    print(f"sessions: {args.sessions} x {args.length} questions (no history)")
    print(f"  repeats: {repeats}, same category back to back: {back_to_back}")
    print(f"  distinct categories: mean {statistics.mean(distinct):.2f}, min {min(distinct)}, "
          f"of {min(args.length, len(CATEGORIES) + 1)} possible")

    weights = QuestionSelector(questions, SAMPLE_HISTORY, seed=0).category_weights()
    total = sum(weights.values())
    first = Counter()
    first_seen: dict[str, list[int]] = {c: [] for c in weights}
    for seed in range(args.sessions):
        order = [q.category for q in QuestionSelector(questions, SAMPLE_HISTORY, seed=seed)]
        first[order[0]] += 1
        for category in first_seen:
            first_seen[category].append(order.index(category))
    print("sample history: category, answered, mean, first-question share (observed / formula), "
          "mean first position")
    for category in weights:
        hist = SAMPLE_HISTORY[category]
        mean = "-" if hist.mean_overall is None else f"{hist.mean_overall:.0f}"
        print(f"  {category:<24} {hist.answered:>3} {mean:>4}  {first[category] / args.sessions:6.3f} / "
              f"{weights[category] / total:6.3f}  {statistics.mean(first_seen[category]):5.2f}")

    started = time.perf_counter()
    draws = 0
    for seed in range(200):
        for _ in QuestionSelector(questions, SAMPLE_HISTORY, seed=seed):
            draws += 1
    per_draw = (time.perf_counter() - started) / draws
    print(f"draw speed: {per_draw * 1e6:.1f} us per next() over {draws} draws (whole banks, 200 sessions)")


if __name__ == "__main__":
    main()

"""Story bank: matching accuracy, recitation and changed-number detection, speed.

    .venv/bin/python benchmarks/bench_stories.py [--corpus ../shared/corpus] [--repeat 20]

Two sets, both offline and without the Whisper model:

1. The practice history of the tests (tests/fixtures/stories/history.json): six stories, twelve answers
   over four sessions, replayed in order with every earlier answer confirmed to its true story (as the user
   would). Printed: the matcher's verdict per answer, top-1 accuracy, automatic links and how many were
   right; recitation flagged per telling (should be exactly the re-reads); changed numbers found.
2. The spoken corpus (--corpus; skipped when absent): fourteen answers, one story each, the story's facts
   being its result sentences (what a user would note: the numbers) and its title the question. The answer
   text is the cached Whisper transcript (benchmarks/out/transcripts, written by bench_star.py) when there
   is one, else the written answer. Printed: top-1 accuracy and automatic links with the full bank; with
   each answer's own story left out (a story not in the bank), how many were wrongly linked; the disfluent
   re-readings (ids ending in u) against their first reading: recitation flagged, and across different
   answers the highest word-for-word share (no pair should be flagged).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from itertools import permutations
from pathlib import Path

from mockinterview.analysis.stories.match import StoryProfile, match_story
from mockinterview.analysis.stories.recital import number_changes, recitation
from mockinterview.analysis.stories.settings import DEFAULT_STORY_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
HISTORY = ROOT / "tests" / "fixtures" / "stories" / "history.json"
TRANSCRIPTS = ROOT / "benchmarks" / "out" / "transcripts"


def replay_history(repeat: int) -> None:
    data = json.loads(HISTORY.read_text())
    ids = {s["key"]: i + 1 for i, s in enumerate(data["stories"])}
    tellings: dict[str, list[str]] = {}
    right = auto = auto_right = 0
    times: list[float] = []
    answers = [a for session in data["sessions"] for a in session]
    print(f"practice history: {len(data['stories'])} stories, {len(answers)} answers, {len(data['sessions'])} sessions")
    for a in answers:
        profiles = [StoryProfile(ids[s["key"]], s["title"], s["facts"], tuple(tellings.get(s["key"], [])))
                    for s in data["stories"]]
        started = time.perf_counter()
        for _ in range(repeat):
            result = match_story(a["text"], profiles)
        times.append((time.perf_counter() - started) / repeat)
        truth = ids[a["story"]] if a["story"] else None
        ok = result.best == truth if truth is not None else result.best is None
        right += ok
        if result.linked is not None:
            auto += 1
            auto_right += result.linked == truth
        state = "linked" if result.linked else "suggested" if result.suggested else "none"
        notes = []
        earlier = tellings.get(a["story"] or "", [])
        if earlier:
            rec = recitation(a["text"], earlier[-1])
            notes.append(f"repeats {rec.percent}%{' RECITED' if rec.recited else ''}")
            notes += [f"number {c.before} -> {c.after}" for c in number_changes(a["text"], earlier[-1])]
        print(f"  {a['id']:>3} {a['telling']:<15} truth={truth!s:<4} {state}={result.best!s:<4} "
              f"score {result.score:.2f}  {'ok' if ok else 'WRONG'}  {'; '.join(notes)}")
        if a["story"]:
            tellings.setdefault(a["story"], []).append(a["text"])
    print(f"  matching: {right}/{len(answers)} right ({right / len(answers):.0%}); linked automatically {auto}, "
          f"right {auto_right}; {statistics.mean(times) * 1000:.2f} ms per answer")


def corpus_text(item: dict) -> tuple[str, str]:
    cached = TRANSCRIPTS / f"{item['id']}.json"
    if cached.exists():
        words = json.loads(cached.read_text())["words"]
        return " ".join(str(w[0]).strip() for w in words), "whisper"
    return " ".join(s["text"] for s in item["sentences"]), "written"


def corpus(path: Path) -> None:
    answers_path = path / "answers.json"
    if not answers_path.exists():
        print(f"corpus: {answers_path} not found, skipped")
        return
    items = json.loads(answers_path.read_text())
    stories = [StoryProfile(i + 1, item["question"],
                            " ".join(s["text"] for s in item["sentences"] if s["label"] == "R"))
               for i, item in enumerate(items)]
    texts = {item["id"]: corpus_text(item) for item in items}
    sources = sorted({src for _, src in texts.values()})
    print(f"\ncorpus: {len(items)} answers, one story each (facts = result sentences); text: {', '.join(sources)}")
    s = DEFAULT_STORY_SETTINGS
    right = auto = auto_right = false_links = false_suggestions = 0
    margins = []
    for i, item in enumerate(items):
        text = texts[item["id"]][0]
        result = match_story(text, stories, s)
        right += result.best == i + 1
        auto += result.linked is not None
        auto_right += result.linked == i + 1
        if len(result.ranking) > 1:
            margins.append(result.ranking[0].score - result.ranking[1].score)
        unknown = match_story(text, [p for p in stories if p.id != i + 1], s)
        false_links += unknown.linked is not None
        false_suggestions += unknown.suggested is not None
    n = len(items)
    print(f"  full bank: top-1 {right}/{n} ({right / n:.0%}), linked automatically {auto}, right {auto_right}; "
          f"median lead over the runner-up {statistics.median(margins):.2f}")
    print(f"  own story left out: wrongly linked {false_links}/{n}, suggested (needs the user) {false_suggestions}/{n}")

    disfluent = path / "disfluent" / "answers.json"
    if disfluent.exists():
        again = json.loads(disfluent.read_text())
        flagged = 0
        for item in again:
            first = texts.get(item["id"].rstrip("u"))
            if first is None:
                continue
            text, _ = corpus_text(item)
            rec = recitation(text, first[0], s)
            flagged += rec.recited
            print(f"  re-read {item['id']} vs {item['id'].rstrip('u')}: repeats {rec.percent}% "
                  f"({'flagged' if rec.recited else 'NOT flagged'})")
        print(f"  re-readings flagged as recited: {flagged}/{len(again)}")
    pairs = [(a, b) for a, b in permutations(items, 2)]
    shares = [recitation(texts[a["id"]][0], texts[b["id"]][0], s) for a, b in pairs]
    print(f"  different answers: {sum(r.recited for r in shares)}/{len(pairs)} pairs flagged; highest word-for-word "
          f"share {max(r.ngram_share for r in shares):.0%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / ".." / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=20, help="matches per answer when timing")
    args = ap.parse_args()
    replay_history(args.repeat)
    corpus(args.corpus)


if __name__ == "__main__":
    main()

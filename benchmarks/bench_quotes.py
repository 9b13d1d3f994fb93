"""Are the answer's own words that a follow-up quotes back ("You said '...'") what was said?

usage: .venv/bin/python benchmarks/bench_quotes.py [--corpus ../shared/corpus] [--extra DIR ...] [--list]

Every recording is transcribed as the app hears it (`--via pipeline`, cached) and scored; each follow-up that
quotes the answer is checked against the gold text: the quote, normalized as for WER (numbers spelled out), must
appear word for word in what the speaker said. Printed per voice: quotes, and how many are not what was said
(a misheard word, or a cut that leaves a phrase hanging); `--list` prints those.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_fillers import corpus_arguments, load_answers, scope_of  # noqa: E402
from delivery_corpus import transcribe  # noqa: E402
from wer_text import normalize  # noqa: E402

from mockinterview.analysis.scorer import score_answer  # noqa: E402

QUOTE = re.compile(r"You (?:said '(.*)'\.|mentioned (.*?)\. Why)")


def main() -> None:
    ap = corpus_arguments(__doc__)
    ap.add_argument("--list", action="store_true", help="print every quote that is not what was said")
    args = ap.parse_args()
    total, wrong = Counter(), Counter()
    for a in [x for c in (args.corpus, *args.extra) for x in load_answers(c)]:
        t = transcribe(a.audio, None, via="pipeline")
        report = score_answer(t.words, t.speech, audio=t.audio, styled=t.styled)
        said = f" {normalize(' '.join(s['text'] for s in a.sentences), numbers_as_words=True)} "
        for f in report.followups:
            m = QUOTE.match(f)
            if not m:
                continue
            quote, voice = m.group(1) or m.group(2), scope_of(a)
            total[voice] += 1
            if f" {normalize(quote, numbers_as_words=True)} " not in said:
                wrong[voice] += 1
                if args.list:
                    print(f"  {voice} {a.id}: '{quote}'")
    for voice in sorted(total):
        print(f"{voice:8s} {total[voice]:3d} quotes, {wrong[voice]:2d} not what was said")
    n, w = sum(total.values()), sum(wrong.values())
    print(f"all      {n:3d} quotes, {w:2d} not what was said ({w / max(1, n):.0%})")


if __name__ == "__main__":
    main()

"""Where the gold um/uh the product misses are lost, per voice.

usage: .venv/bin/python benchmarks/filler_losses.py [--corpus ../shared/corpus] [--extra DIR ...] [--list]

Every gold um/uh is placed in time: the gold sentence's span, narrowed to the transcript's words that the sequence
alignment of the transcript to the gold text puts before and after it, those words included (Whisper stretches a
word over a hesitation beside it). Each is then followed
through the filler step (timing.find_fillers) and given the first stage that has it:
  counted        a hesitation the report counts lies in its gap, of its kind (um/uh; also a word the rules count
                 as one, such as "oh" or "I'm")
  wrong kind     a counted hesitation lies in its gap, of the other kind (matched per kind: a miss and a false hit)
  plain, dropped the transcript wrote one there, which the filler step dropped (no sound under it, an echo)
  pass, dropped  the hesitation pass wrote one there, which was not added (taken for one already counted, before
                 a hole of the pass, an echo)
  found, not merged  the audio finder judged an island there a hesitation; the pass ran nearby so it yielded
  found, rejected    the audio finder had a candidate island there that failed the voicing or pitch test
  island gated   a sound island there holds no word but failed a gate of the finder (length, silence before or
                 after, VAD share, word cover, near a written hesitation)
  no free island every sound island there holds a transcript word (the hesitation runs into a word, or a
                 word's timestamps were stretched over it)
  no sound       no sound island there at all (the alignment placed it wrongly)
Transcripts come from the benchmarks' cache (pipeline route). Counted hesitations in no gold gap are false hits.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_fillers import corpus_arguments, load_answers, scope_of  # noqa: E402
from delivery_corpus import GoldAnswer, Transcribed, transcribe  # noqa: E402

from mockinterview.analysis.delivery.acoustics import SoundTimeline  # noqa: E402
from mockinterview.analysis.delivery.hesitations import (  # noqa: E402
    hesitation_candidates,
    is_hesitation,
    island_gates,
    unheard_hesitations,
)
from mockinterview.analysis.delivery.pass_fillers import beyond_pass, with_pass_hesitations  # noqa: E402
from mockinterview.analysis.delivery.timing import DeliverySettings, find_fillers  # noqa: E402
from mockinterview.types import Span, Word  # noqa: E402

STAGES = ("counted", "wrong kind", "plain, dropped", "pass, dropped", "found, not merged", "found, rejected",
          "island gated", "no free island", "no sound")
PAD_S = 0.15
"""How far each gap is widened (word edges drift)."""


@dataclass
class GoldHesitation:
    kind: str
    gap: Span
    sentence: str


def _norm(t: str) -> str:
    return t.strip().strip(".,!?;:\"'()[]…-").lower()


def gold_hesitations(a: GoldAnswer, words: list[Word], settings: DeliverySettings) -> list[GoldHesitation]:
    """The gold um/uh with the gap of the transcript between the aligned words around each."""
    hes = settings.fillers.hesitations
    toks = [(_norm(t), k) for k, s in enumerate(a.sentences) for t in s["text"].split()]
    spoken = [w for w in words if w.norm not in hes]
    sm = SequenceMatcher(None, [t for t, _ in toks], [w.norm for w in spoken], autojunk=False)
    aligned: dict[int, Word] = {}
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            aligned[blk.a + k] = spoken[blk.b + k]
    out = []
    for g, (t, k) in enumerate(toks):
        if t not in hes:
            continue
        s = a.sentences[k]
        before = [aligned[j].start for j in range(g) if j in aligned and toks[j][1] == k]
        after = [aligned[j].end for j in range(g + 1, len(toks)) if j in aligned and toks[j][1] == k]
        lo = max(before[-1] if before else s["start"], s["start"]) - PAD_S
        hi = min(after[0] if after else s["end"], s["end"]) + PAD_S
        out.append(GoldHesitation(hes[t], Span(lo, max(hi, lo + 2 * PAD_S)), s["text"]))
    return out


def _in(w: Word | Span, gap: Span) -> bool:
    return w.start < gap.end and w.end > gap.start


@dataclass
class Stages:
    """What each stage of the filler step has, for one answer."""

    counted: list[Word]
    plain: list[Word]
    pass_added: list[Word]
    styled: list[Word]
    found: list[Word]
    merged: list[Word]
    rejected: list[Span]
    gated: list[tuple[Span, str]]
    """Islands with no word that are not candidates, with the rule that kept each out."""
    islands: list[Span]


def stages_of(t: Transcribed, settings: DeliverySettings) -> Stages:
    hes = settings.fillers.hesitations
    speech = sorted(t.speech, key=lambda s: s.start)
    found = find_fillers(t.words, speech, settings, t.audio, t.styled)
    sound = found.sound or SoundTimeline.of(t.audio, speech, settings.acoustics)
    sounds = set(hes.values())
    counted = [replace(found.marked[h.indices[0]], text=h.kind) for h in found.hits if h.kind in sounds]
    withpass = with_pass_hesitations(t.words, t.styled, settings.fillers, settings.styled, sound)
    unheard = unheard_hesitations(withpass, sound, settings.hesitations, hes)
    heard = [w for i, w in enumerate(withpass) if i not in unheard]
    cands = hesitation_candidates(heard, speech, t.audio, sound, settings.hesitations, spellings=hes)
    ok = [c for c in cands if is_hesitation(c, settings.hesitations)]
    found_words = [Word("uh", c.start, c.end) for c in ok]
    merged = beyond_pass(found_words, t.styled, settings.styled) if t.styled else found_words
    gates = island_gates(heard, speech, sound.islands, settings.hesitations, hes)
    gated = [(i, g) for i, g in zip(sound.islands, gates, strict=True) if g not in (None, "word")]
    plain_ids = {id(w) for w in t.words}
    return Stages(counted, [w for w in t.words if w.norm in hes],
                  [w for w in withpass if id(w) not in plain_ids and w.norm in hes],
                  [w for w in t.styled if w.norm in hes], found_words, merged,
                  [Span(c.start, c.end) for c in cands if not is_hesitation(c, settings.hesitations)],
                  gated, sound.islands)


def stage_of(g: GoldHesitation, st: Stages, hes: dict[str, str], used: set[int]) -> str:
    for w in st.counted:
        if id(w) not in used and _in(w, g.gap):
            used.add(id(w))
            return "counted" if w.text == g.kind else "wrong kind"
    if any(_in(w, g.gap) for w in st.plain):
        return "plain, dropped"
    if any(_in(w, g.gap) for w in st.styled):
        return "pass, dropped"
    if any(_in(w, g.gap) for w in st.found):
        return "found, not merged"
    if any(_in(s, g.gap) for s in st.rejected):
        return "found, rejected"
    gate = next((why for s, why in st.gated if _in(s, g.gap)), None)
    if gate:
        return f"island gated: {gate}"
    if any(_in(s, g.gap) for s in st.islands):
        return "no free island"
    return "no sound"


def main() -> None:
    ap = corpus_arguments(__doc__)
    ap.add_argument("--list", action="store_true", help="print every gold um/uh that is not counted")
    args = ap.parse_args()
    settings = DeliverySettings()
    hes = settings.fillers.hesitations
    table: dict[str, Counter] = {}
    false_hits: Counter = Counter()
    gates: dict[str, Counter] = defaultdict(Counter)
    for a in [a for c in (args.corpus, *args.extra) for a in load_answers(c)]:
        t = transcribe(a.audio, None, via="pipeline")
        st = stages_of(t, settings)
        used: set[int] = set()
        scope = scope_of(a)
        for g in gold_hesitations(a, t.words, settings):
            stage = stage_of(g, st, hes, used)
            table.setdefault(scope, Counter())[stage.split(":")[0]] += 1
            if stage.startswith("island gated"):
                gates[scope][stage.split(": ")[1]] += 1
            if args.list and stage != "counted":
                print(f"{scope:6s} {a.id:8s} {g.kind:3s} {g.gap.start:7.2f}-{g.gap.end:7.2f} {stage:28s} "
                      f"{g.sentence[:70]}")
        false_hits[scope] += sum(id(w) not in used for w in st.counted)
    print(f"{'voice':7s} {'gold':>4s} " + " ".join(f"{s:>{max(6, len(s))}s}" for s in STAGES) + "  false hits")
    for scope, c in sorted(table.items()):
        print(f"{scope:7s} {sum(c.values()):4d} " + " ".join(f"{c[s]:>{max(6, len(s))}d}" for s in STAGES)
              + f"  {false_hits[scope]:10d}")
    for scope, c in sorted(gates.items()):
        print(f"{scope}: gated islands by rule: {dict(c)}")


if __name__ == "__main__":
    main()

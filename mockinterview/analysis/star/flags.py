"""The contract's flags, each decided by a documented rule over the learned judgements and kept with the words
that triggered it (or what was looked for and not found).

long_situation, we_heavy, no_numbers and no_reflection follow docs/COACHING.md's rules over the section labels
(`labeler.py`) and the parse: the Situation's share of speaking time and when the challenge starts, "we" and
"I" in the Action sentences, figures (hedged estimates included) in the Result sentences, a Reflection
sentence at all. blame and generic are learned judgements (`judgements.py`): the answer-level blame decision
over its sentences' blame (background and story apart) and ownership, and the mean vagueness of its Task,
Action and Result sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mockinterview.analysis.star import grammar
from mockinterview.analysis.star.coach_model import Models
from mockinterview.analysis.star.judgements import blame_evidence
from mockinterview.analysis.star.labeler import Unit, models_for, parse_sentences
from mockinterview.analysis.star.section_timing import SectionTiming
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.report import Delivery, Flag, Label

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class FlagSettings:
    """How the judgement flags decide. The time, share and rate limits are `CoachingTargets`: long_situation
    is a Situation share above `situation_share` or a challenge later than `challenge_by_s`; too_short and
    too_long are a duration under `ideal_from_s` or over `over_from_s`; filler_heavy is `filler_heavy_per_min`
    or more."""

    long_situation_min_s: float = 20.0
    """long_situation by share only when the Situation itself lasts at least this long: a 15 s setup in a
    one-minute answer is a large share but not "history instead of the challenge"."""

    we_heavy_min_we: int = 3
    """we_heavy needs at least this many "we" in the Action part..."""

    we_heavy_ratio: float = 0.5
    """...and "we" making up at least this share of "I" + "we" there."""

    blame_margin: float = 0.0
    """blame: the answer-level blame probability must reach the threshold stored with the weights plus this
    (above 0: fewer, surer blame flags)."""

    blame_sentence_probability: float = 0.5
    """A sentence whose blame probability reaches this is quoted as the blame."""

    generic_probability: float = 0.5
    """generic: the mean vagueness of the Task, Action and Result sentences reaches this."""

    vague_sentence_probability: float = 0.5
    """A sentence whose vagueness reaches this is quoted as vague (and a Result sentence so judged, with no
    figure, costs impact)."""


@dataclass(slots=True)
class Findings:
    """What the flag rules saw, kept so feedback can quote it."""

    flags: list[Flag] = field(default_factory=list)
    action_i: int = 0
    action_we: int = 0
    we_quotes: list[str] = field(default_factory=list)
    """Action sentences where "we" outnumbers "I"."""
    result_quantities: list[str] = field(default_factory=list)
    """Figures stated in the Result sentences (hedged estimates included)."""
    result_text: str = ""
    has_change: bool = False
    vague_results: list[str] = field(default_factory=list)
    """Result sentences judged vague that state no figure."""
    reflection_quotes: list[str] = field(default_factory=list)
    blame_quotes: list[str] = field(default_factory=list)
    """The sentences that pin the failure on others or circumstances, most blaming first."""
    blame_score: float = 0.0
    """The answer-level blame probability."""
    blame_threshold: float = 0.5
    """The probability at which the answer counts as blaming (stored with the weights, plus the margin)."""
    concrete: list[str] = field(default_factory=list)
    """Named things the answer mentions (names, products, places, acronyms), in order of first mention."""
    vague_quotes: list[str] = field(default_factory=list)
    """The vaguest Task, Action and Result sentences, vaguest first."""
    vagueness: float = 0.0
    situation_share: float = 0.0
    challenge_after_s: float | None = None


_I = re.compile(r"(?i)\bi\b|\bi'(?:m|d|ve|ll)\b")
_WE = re.compile(r"(?i)\bwe\b|\bwe'(?:re|d|ve|ll)\b")


def pronoun_counts(text: str) -> tuple[int, int]:
    """("I" count, "we" count) in a text: the subject pronouns and their contractions."""
    t = text.replace("’", "'")
    return len(_I.findall(t)), len(_WE.findall(t))


def _named(docs: Sequence[Doc]) -> list[str]:
    seen: dict[str, str] = {}
    for d in docs:
        for e in d.ents:
            if e.label_ in grammar.NAME_ENTS:
                seen.setdefault(e.text.lower(), e.text)
        for t in d:
            if t.i > 0 and (t.pos_ == "PROPN" or (t.is_upper and len(t.text) >= 2)) and t.lower_ not in ("i", "ok"):
                seen.setdefault(t.lower_, t.text)
    return list(seen.values())


def find_flags(units: Sequence[Unit], timing: SectionTiming, delivery: Delivery,
               settings: FlagSettings = FlagSettings(), targets: CoachingTargets = DEFAULT_TARGETS,
               models: Models | None = None) -> Findings:
    """Apply every flag rule; the returned findings hold the flags (contract order) and their evidence."""
    m = models or models_for()
    s = settings
    f = Findings(situation_share=timing.share.get(Label.S, 0.0), challenge_after_s=timing.challenge_after_s)
    docs = parse_sentences(units)
    labels = [str(u.label) for u in units]
    for u in units:
        if u.label == Label.A:
            n_i, n_we = pronoun_counts(u.text)
            f.action_i += n_i
            f.action_we += n_we
            if n_we > n_i:
                f.we_quotes.append(u.text)
    results = [(u.text, d) for u, d in zip(units, docs, strict=True) if u.label == Label.R]
    f.result_text = " ".join(t for t, _ in results)
    f.result_quantities = [q for _, d in results for q in grammar.quantities(d)]
    f.has_change = any(grammar.states_change(d) for _, d in results)
    f.reflection_quotes = [u.text for u in units if u.label == Label.X]
    f.concrete = _named(docs)

    pb, po, pv = m.blame.prob(docs), m.owning.prob(docs), m.vague.prob(docs)
    ab = m.answer_blame
    f.blame_score = ab.prob(blame_evidence(labels, pb, po, ab.background))
    f.blame_threshold = ab.threshold + s.blame_margin
    blamed = f.blame_score >= f.blame_threshold
    order = sorted(range(len(units)), key=lambda i: -pb[i])
    f.blame_quotes = [units[i].text for i in order if pb[i] >= s.blame_sentence_probability]
    if blamed and not f.blame_quotes and order:
        f.blame_quotes = [units[order[0]].text]
    core = [i for i, lb in enumerate(labels) if lb in "TAR"] or list(range(len(units)))
    f.vagueness = float(sum(pv[i] for i in core) / len(core)) if core else 0.0
    f.vague_quotes = [units[i].text for i in sorted(core, key=lambda i: -pv[i])
                      if pv[i] >= s.vague_sentence_probability]
    f.vague_results = [units[i].text for i in range(len(units)) if labels[i] == "R"
                       and pv[i] >= s.vague_sentence_probability and not grammar.quantities(docs[i])]

    challenge_late = timing.challenge_after_s is None or timing.challenge_after_s > targets.challenge_by_s
    flags = {
        Flag.LONG_SITUATION: (f.situation_share > targets.situation_share
                              and timing.seconds.get(Label.S, 0.0) >= s.long_situation_min_s)
        or (challenge_late and bool(units)),
        Flag.WE_HEAVY: f.action_we >= s.we_heavy_min_we
        and f.action_we >= s.we_heavy_ratio * (f.action_i + f.action_we),
        Flag.NO_NUMBERS: not f.result_quantities,
        Flag.NO_REFLECTION: not f.reflection_quotes,
        Flag.BLAME: bool(units) and blamed,
        Flag.GENERIC: bool(units) and f.vagueness >= s.generic_probability,
        Flag.TOO_SHORT: delivery.duration_s < targets.ideal_from_s,
        Flag.TOO_LONG: delivery.duration_s > targets.over_from_s,
        Flag.FILLER_HEAVY: delivery.fillers.per_minute >= targets.filler_heavy_per_min,
    }
    f.flags = [k for k, on in flags.items() if on]
    return f

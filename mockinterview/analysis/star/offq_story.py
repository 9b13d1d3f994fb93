"""What a story is about, for off_question: its setting, its outcome, who is in it, whether there is a
disagreement and with whom, whether the speaker develops someone; each reading with the words that show it.

Every unit (a sentence, or a whole section) is parsed once and read clause by clause (`clauses`): a setback
and its fix are often two clauses of one sentence ("the import crashed, so I rewrote it"), and read together
they blur each other. The sentence models (`offq_model`) read each clause; the story-level readings below
combine them. Thresholds live in `OffQuestionSettings` and apply in the `StoryAttributes` methods.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mockinterview.analysis.star.offq_features import (
    Party,
    cue_features,
    cue_subset,
    people,
    refers_to_someone,
    sentence_features,
)
from mockinterview.analysis.star.offq_model import Models, default_models, parse

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class OffQuestionSettings:
    """Thresholds of the off_question judgement. Probabilities are the sentence models' own. Every rule fires
    only on clear evidence: a reading between its two thresholds is "unclear" and never flags. The story
    thresholds are those benchmarks/bench_off_question.py tunes on all corpus answers (its figures are
    cross-validated: tuned per fold on the other answers)."""

    question_min_p: float = 0.5
    """A question asks for a failure / success / work / outside-work story only when its classifier gives
    that reading at least this probability."""

    domain_clear: float = 0.9
    """A story is clearly at work when the mean per-sentence log-odds of "outside work" over its
    non-reflection sentences is at most minus this and no sentence reaches `domain_strong_p`."""

    domain_strong_p: float = 0.8
    """A story is clearly outside work when one sentence says so with at least this probability and the mean
    is above minus `domain_clear`: it says where it happens once, then tells actions that could happen
    anywhere."""

    failure_story: float = 0.55
    """A story is clearly a failure when its setback score (`outcome_score`) reaches this."""

    success_story: float = 0.45
    """A story clearly went well (no setback of the speaker's own) when its setback score is at most this."""

    conflict_p: float = 0.5
    """A sentence shows a disagreement when the conflict model gives at least this probability."""

    conflict_absent: float = 0.35
    """A story clearly has no disagreement when every sentence's conflict probability is below this."""

    develop_p: float = 0.5
    """A sentence shows the speaker developing someone at this probability or more."""

    develop_absent: float = 0.35
    """A story clearly develops nobody when every sentence's develop probability is below this."""

    conflict_window: int = 1
    """People named this many clauses before or after a disagreement count as its other side."""

    clause_min_words: int = 6
    """A unit is read as clauses cut at commas, semicolons, colons and sentence ends, where both pieces keep
    at least this many words (a short lead-in such as "In March," stays with its clause)."""

    quote_max_words: int = 16
    """Quotes are cut to about this many words."""

    section_weight: tuple[tuple[str, float], ...] = (("S", 0.35), ("T", 0.8), ("A", 0.8), ("R", 1.0),
                                                    ("X", 0.0), ("O", 0.9))
    """How much a setback counts by STAR section: a problem in the Situation is usually the thing being fixed,
    one in the Task or Action a little less than in the Result (fully when the speaker owns it), and a
    Reflection's "if I did it again" is hindsight in any story."""

    owned_reflection_weight: float = 0.8
    """A Reflection that owns a setback outright ("that was my mistake") counts this much."""


DEFAULT_OFFQ_SETTINGS = OffQuestionSettings()


@dataclass(frozen=True, slots=True)
class UnitReading:
    """One sentence or clause with its STAR label and what the sentence models read in it."""

    label: str
    text: str
    p_nonwork: float
    p_fail: float
    p_success: float
    p_conflict: float
    p_develop: float
    parties: tuple[Party, ...] = ()
    owned: bool = False
    """The speaker owns a setback here ("my mistake", "I skipped")."""
    owned_outright: bool = False
    """The speaker owns it in so many words ("that was my mistake", "it was on me")."""
    refers: bool = False
    """Refers to one other person by a pronoun ("she agreed", "his plan")."""


@dataclass(frozen=True, slots=True)
class StoryAttributes:
    """What the story is about, as scores with the words that show them."""

    domain_score: float
    """Mean per-sentence log-odds of "outside work" over the non-reflection sentences."""
    nonwork_max: float
    """The strongest sentence's probability of "outside work"."""
    nonwork_quote: str
    work_quote: str
    outcome_score: float
    """Setback score (`outcome_score`)."""
    setback_quote: str
    success_quote: str
    conflict_max: float
    conflict_quote: str
    conflict_with: tuple[str, ...]
    """Roles named in or beside the sentences that show a disagreement."""
    conflict_side: str | None
    """The other side of the disagreement: the role named most often where it is told (`_other_side`)."""
    develop_max: float
    develop_quote: str
    roles: dict[str, list[str]] = field(default_factory=dict)
    """Every role named in the story and how it was named."""
    gist_quote: str = ""
    """What the story is about (its first Task sentence, else its first Situation sentence), quoted when the
    verdict is that something is missing."""
    units: tuple[UnitReading, ...] = ()

    def domain(self, s: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> str:
        """"work", "non_work" or "unclear"."""
        if self.nonwork_max >= s.domain_strong_p and self.domain_score > -s.domain_clear:
            return "non_work"
        if self.domain_score <= -s.domain_clear and self.nonwork_max < s.domain_strong_p:
            return "work"
        return "unclear"

    def outcome(self, s: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> str:
        """"failure", "success" or "unclear"."""
        if self.outcome_score >= s.failure_story:
            return "failure"
        return "success" if self.outcome_score <= s.success_story else "unclear"

    def conflict(self, s: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> bool | None:
        """True: a disagreement; False: clearly none; None: unclear."""
        if self.conflict_max >= s.conflict_p:
            return True
        return False if self.conflict_max < s.conflict_absent else None

    def develops(self, s: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> bool | None:
        """True: the speaker develops someone; False: clearly nobody; None: unclear."""
        if self.develop_max >= s.develop_p:
            return True
        return False if self.develop_max < s.develop_absent else None


_CLAUSE_ENDS = frozenset({",", ";", ":", ".", "!", "?"})


def clauses(doc: Doc, min_words: int = DEFAULT_OFFQ_SETTINGS.clause_min_words) -> list[Doc]:
    """The clauses of a parsed unit as Docs of their own (sharing its parse, so nothing is parsed again): cut
    after a comma, semicolon, colon or sentence end when both pieces keep `min_words` words."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for t in doc:
        if t.text in _CLAUSE_ENDS or t.i == len(doc) - 1:
            pieces.append((start, t.i + 1))
            start = t.i + 1
    merged: list[tuple[int, int]] = []

    def words(a: int, b: int) -> int:
        return len(doc[a:b].text.split())

    for a, b in pieces:
        if merged and (words(a, b) < min_words or words(*merged[-1]) < min_words):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [doc] if len(merged) <= 1 else [doc[a:b].as_doc() for a, b in merged]


def read_units(units: Sequence[tuple[str, str]], models: Models | None = None,
               settings: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> list[UnitReading]:
    """Parse (STAR label, text) units and read each clause with the sentence models; a clause keeps its
    unit's label."""
    m = models or default_models()
    out: list[UnitReading] = []
    for (label, _), unit_doc in zip(units, parse([t for _, t in units]), strict=True):
        for doc in clauses(unit_doc, settings.clause_min_words):
            c = cue_features(doc)
            po = m.outcome.proba(cue_subset(c, "outcome"))
            out.append(UnitReading(label, doc.text, m.domain.proba(sentence_features(doc))["nonwork"], po["fail"],
                                   po["success"], m.conflict.proba(cue_subset(c, "conflict"))["conflict"],
                                   m.develop.proba(cue_subset(c, "develop"))["develop"],
                                   tuple(people(doc, len(out))), "own" in c or "fail_i" in c or "fail_my" in c,
                                   "own_outright" in c, refers_to_someone(doc)))
    return out


def _logit(p: float) -> float:
    p = min(max(p, 0.02), 0.98)
    return math.log(p / (1 - p))


def outcome_score(readings: Sequence[UnitReading],
                  settings: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> tuple[float, int]:
    """Setback score of a story and the unit that gave its strongest setback: the mean of the two strongest
    section-weighted setback probabilities. One strong setback in the Result, or two in the Task and
    Action, make a failure story; a success story has none."""
    weight = dict(settings.section_weight)

    def w(r: UnitReading) -> float:
        if r.label == "X" and r.owned_outright:
            return settings.owned_reflection_weight
        base = weight.get(r.label, 0.8)
        return 1.0 if r.label in ("T", "A") and r.owned else base

    scored = sorted(((w(r) * r.p_fail, i) for i, r in enumerate(readings)), reverse=True)
    if not scored:
        return 0.0, -1
    if len(scored) == 1:
        return scored[0][0], scored[0][1]
    return (scored[0][0] + scored[1][0]) / 2, scored[0][1]


def _named_in(rd: Sequence[UnitReading]) -> list[list[str]]:
    """The roles each clause names; a clause that names nobody but refers to one person by a pronoun names
    the last single person named by their role before it ("my director ... I told her"; names alone are not
    taken, as firms and products are read as names too)."""
    out: list[list[str]] = []
    last: str | None = None
    for r in rd:
        roles = [q.role for q in r.parties]
        out.append(roles or ([last] if r.refers and last else []))
        last = next((q.role for q in reversed(r.parties) if q.singular and q.role != "person"), last)
    return out


def _other_side(rd: Sequence[UnitReading], conflicts: Sequence[int], near: Sequence[int]) -> str | None:
    """The role named most often in the clauses that show a disagreement; when they name nobody, in the clauses
    beside them; when those name nobody either, in the whole story. None on a tie or when nobody is named."""
    named = _named_in(rd)
    for where in (conflicts, near, range(len(rd))):
        counts = Counter(role for j in where for role in named[j]).most_common(2)
        if counts:
            return None if len(counts) == 2 and counts[0][1] == counts[1][1] else counts[0][0]
    return None


def story_attributes(units: Sequence[tuple[str, str]], models: Models | None = None,
                     settings: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> StoryAttributes:
    """The attributes of a story told as (STAR label, text) units, each with its evidence."""
    rd = read_units(units, models, settings)
    body = [r for r in rd if r.label != "X"] or rd
    lo = [_logit(r.p_nonwork) for r in body]
    most_nw = max(body, key=lambda r: r.p_nonwork)
    most_w = min(body, key=lambda r: r.p_nonwork)
    oscore, oi = outcome_score(rd, settings)
    wins = [r for r in rd if r.label == "R"] or rd
    pc = [r.p_conflict for r in rd]
    cmax = max(range(len(rd)), key=lambda i: pc[i])
    win = settings.conflict_window
    near = sorted({j for i, p in enumerate(pc) if p >= settings.conflict_p
                   for j in range(max(0, i - win), min(len(rd), i + win + 1))})
    with_roles = list(dict.fromkeys(q.role for j in near for q in rd[j].parties))
    dmax = max(range(len(rd)), key=lambda i: rd[i].p_develop)
    roles: dict[str, list[str]] = {}
    for r in rd:
        for q in r.parties:
            roles.setdefault(q.role, []).append(q.text)
    gist = next((r.text for r in rd if r.label == "T"), next((r.text for r in rd if r.label == "S"), rd[0].text))
    return StoryAttributes(
        sum(lo) / len(lo), most_nw.p_nonwork, most_nw.text, most_w.text, oscore, rd[oi].text,
        max(wins, key=lambda r: r.p_success - r.p_fail).text, pc[cmax], rd[cmax].text, tuple(with_roles),
        _other_side(rd, [i for i, p in enumerate(pc) if p >= settings.conflict_p], near),
        rd[dmax].p_develop, rd[dmax].text, roles, gist, tuple(rd))

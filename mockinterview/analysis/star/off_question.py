"""off_question: does the story answer the question that was asked?

Three pure steps; nothing matches the question's words against the answer's:

1. `question_requirements(text, category)`: what the question asks for. The category is the bank's when the
   question comes from a bank, else a small classifier's over the question text; two more classifiers read
   whether the text asks for a failure or a success, and for a work or an outside-work story.
   `CATEGORY_REQUIREMENTS` names what each category needs from the story.
2. `story_attributes(units)`: what the story is about, each reading with a quote: its setting, its outcome
   (a setback of the speaker's own or not), the people in it and their relation to the speaker, whether there
   is a disagreement and with whom, whether the speaker develops someone (`offq_story`).
3. `judge(requirements, attributes)`: the flag fires only when a reading clearly contradicts a requirement;
   the verdict says what was asked and what was told, with the quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockinterview.analysis.star.offq_features import question_features
from mockinterview.analysis.star.offq_model import Models, ParserUnavailable, default_models, parse
from mockinterview.analysis.star.offq_story import (
    DEFAULT_OFFQ_SETTINGS,
    OffQuestionSettings,
    StoryAttributes,
    story_attributes,
)
from mockinterview.types import Word

__all__ = ["DEFAULT_OFFQ_SETTINGS", "OffQuestionSettings", "Requirements", "StoryAttributes", "Verdict",
           "judge", "off_question", "question_requirements", "story_attributes", "story_setting", "unit_text"]

CATEGORY_REQUIREMENTS: dict[str, dict[str, str]] = {
    "disagree_leadership": {"counterpart": "leadership"},
    "failure": {"outcome": "failure"},
    "mentoring": {"counterpart": "mentee"},
    "peer_conflict": {"counterpart": "other"},
}
"""Per category, what the story must contain (launch, incomplete_information, simplification and general
need nothing from their category); outcome and setting also come from the question's text."""

RELATIONSHIP_CATEGORIES = ("disagree_leadership", "peer_conflict", "mentoring")
"""Categories whose requirement is the other party: their outcome words ("a mentoring relationship that didn't
work out") describe the relationship, not a failure of the speaker's own."""

ASKED = {
    "failure": "a failure of your own",
    "success": "a success",
    "work": "a story from work",
    "non_work": "a story from outside work",
    "leadership": "a disagreement with your manager or leadership",
    "other": "a disagreement or conflict with someone else",
    "mentee": "someone you mentored or developed",
}
"""How each requirement is named to the speaker ("You were asked for ...")."""


@dataclass(frozen=True, slots=True)
class Requirements:
    """What a question asks the story to be."""

    category: str
    category_source: str
    """"bank" or "classifier"."""
    outcome: str | None = None
    """"failure" (a setback of the speaker's own), "success" (not a failure story) or None."""
    domain: str | None = None
    """"work", "non_work" or None."""
    counterpart: str | None = None
    """"leadership" (a disagreement with someone above the speaker), "other" (a disagreement with another
    party, not only leadership), "mentee" (someone the speaker develops) or None."""

    @property
    def empty(self) -> bool:
        return not (self.outcome or self.domain or self.counterpart)


def question_requirements(text: str, category: str | None = None, models: Models | None = None,
                          settings: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> Requirements:
    """The requirements of a question: the bank's `category` when given, else the classifier's. A setting is
    required only when the text names one explicitly ("outside work", "at work")."""
    m = models or default_models()
    feats = question_features(parse([text])[0])
    source = "bank"
    if category is None:
        pc = m.q_category.proba(feats)
        category = max(pc, key=lambda c: pc[c])
        source = "classifier"
    req = dict(CATEGORY_REQUIREMENTS.get(category, {}))
    pp = m.q_polarity.proba(feats)
    pol = max(pp, key=lambda c: pp[c])
    if category in RELATIONSHIP_CATEGORIES:
        pass
    elif pol != "any" and pp[pol] >= settings.question_min_p:
        req["outcome"] = pol
    elif category == "failure" and pp.get("any", 0.0) >= settings.question_min_p:
        req.pop("outcome", None)  # e.g. "a decision you reversed": the failure bank, no failure of your own
    pd = m.q_domain.proba(feats)
    dom = max(pd, key=lambda c: pd[c])
    cue = {"nonwork": "qcue:outside_work", "work": "qcue:at_work"}.get(dom)
    if cue in feats and pd[dom] >= settings.question_min_p:
        req["domain"] = "non_work" if dom == "nonwork" else "work"
    return Requirements(category, source, req.get("outcome"), req.get("domain"), req.get("counterpart"))


@dataclass(frozen=True, slots=True)
class Verdict:
    """The off_question flag and why: the rule that fired, what was asked, what was told, the quote."""

    flag: bool
    rule: str = ""
    """"domain", "outcome", "leadership", "conflict" or "mentee"."""
    asked: str = ""
    told: str = ""
    quote: str = ""

    @property
    def message(self) -> str:
        if not self.flag:
            return ""
        return f"You were asked for {self.asked}; you told {self.told}: '{self.quote}'."


NO_VERDICT = Verdict(False)

HESITATIONS = frozenset({"um", "uh", "er", "erm", "ah", "hmm", "mm", "uhm"})
"""Sounds left out of the text a story is read from (they carry no meaning, and dropping them lets a sentence
parsed while it was spoken be found again when the answer is scored)."""


def unit_text(words: Sequence[Word]) -> str:
    """The text of a sentence or clause as off_question reads it: its words without hesitations."""
    return " ".join(w.text for w in words if w.norm not in HESITATIONS)


def _quote(text: str, n: int) -> str:
    w = text.strip().split()
    return (" ".join(w) if len(w) <= n else " ".join(w[:n]) + " …").rstrip(".,;:!? ")


def judge(req: Requirements, story: StoryAttributes,
          settings: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> Verdict:
    """off_question when the story clearly contradicts a requirement, checked in order: setting, outcome,
    leadership, conflict, mentee; the first clear contradiction wins."""

    def q(t: str) -> str:
        return _quote(t, settings.quote_max_words)

    domain = story.domain(settings)
    if req.domain == "non_work" and domain == "work":
        return Verdict(True, "domain", ASKED["non_work"], "a work story", q(story.work_quote))
    if req.domain == "work" and domain == "non_work":
        return Verdict(True, "domain", ASKED["work"], "a story from outside work", q(story.nonwork_quote))
    outcome = story.outcome(settings)
    if req.outcome == "failure" and outcome == "success":
        return Verdict(True, "outcome", ASKED["failure"], "a story that went well", q(story.success_quote))
    if req.outcome == "success" and outcome == "failure":
        return Verdict(True, "outcome", ASKED["success"], "a story of a setback", q(story.setback_quote))
    roles = story.roles
    conflict = story.conflict(settings)
    if req.counterpart == "leadership":
        if conflict is False:
            return Verdict(True, "leadership", ASKED["leadership"], "a story without a disagreement",
                           q(story.gist_quote))
        if conflict and ("leadership" not in roles and "peer" in story.conflict_with
                         or story.conflict_side == "peer"):
            return Verdict(True, "leadership", ASKED["leadership"], "a disagreement with a peer",
                           q(story.conflict_quote))
    if req.counterpart == "other":
        if conflict is False:
            return Verdict(True, "conflict", ASKED["other"], "a story without a disagreement with anyone",
                           q(story.gist_quote))
        if conflict and story.conflict_side == "leadership":
            return Verdict(True, "conflict", "a disagreement with a peer", "a disagreement with your leadership",
                           q(story.conflict_quote))
    if req.counterpart == "mentee" and story.develops(settings) is False:
        told = "a story about managing someone, not developing them" if "mentee" in roles else \
            "a story where you did not develop anyone"
        return Verdict(True, "mentee", ASKED["mentee"], told, q(story.gist_quote))
    return NO_VERDICT


def off_question(question: str | None, units: Sequence[tuple[str, str]], category: str | None = None,
                 models: Models | None = None,
                 settings: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> Verdict:
    """The whole judgement for one answer told as (STAR label, text) units. No question, no units, or no
    parser installed: no verdict."""
    if not question or not question.strip() or not units:
        return NO_VERDICT
    try:
        req = question_requirements(question, category, models, settings)
        if req.empty:
            return NO_VERDICT
        return judge(req, story_attributes(units, models, settings), settings)
    except ParserUnavailable:
        return NO_VERDICT


def story_setting(units: Sequence[tuple[str, str]], models: Models | None = None,
                  settings: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS) -> str | None:
    """"work", "non_work" or "unclear" for a story told as (STAR label, text) units (None: no parser)."""
    if not units:
        return None
    try:
        return story_attributes(units, models, settings).domain(settings)
    except ParserUnavailable:
        return None

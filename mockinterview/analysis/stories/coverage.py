"""Coverage of the story bank: the seven categories, the five must-have stories and the six principles.

A story covers the items it is tagged with. An item is "missing" (no story tagged), "unpractised" (a story
but no answer linked to it yet), "practised" or "polished" (its best linked answer reached
`StorySettings.polished_score`). Best and latest scores are over every answer linked to the item's stories.
Gaps are named plainly, with the question the user is not ready for; variety notes follow docs/COACHING.md
(one or two non-work stories; a set of 5-7).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from mockinterview.analysis.stories.settings import DEFAULT_STORY_SETTINGS, StorySettings
from mockinterview.types import CATEGORIES, MUST_HAVE, PRINCIPLES

CATEGORY_TEXT = {
    "launch": ("launch", "a major launch owned end to end", "Tell me about a major launch you owned end to end"),
    "disagree_leadership": ("disagreeing-with-leadership", "disagreeing with leadership and handling it well",
                            "Tell me about a time you disagreed with your leadership"),
    "failure": ("failure", "a failure and what was learned", "Tell me about a time you failed"),
    "mentoring": ("mentoring", "mentoring someone to success", "Tell me about someone you mentored to success"),
    "peer_conflict": ("peer-conflict", "a peer conflict resolved",
                      "Tell me about a conflict with a peer and how you resolved it"),
    "incomplete_information": ("incomplete-information", "a decision with incomplete information",
                               "Tell me about a decision you made without all the information"),
    "simplification": ("simplification", "simplifying something overly complex",
                       "Tell me about a time you simplified something overly complex"),
}
"""Per category: the story's short name, a plain description and the question it answers."""

MUST_HAVE_TEXT = {
    "achievement": ("biggest-achievement", "biggest achievement with quantified impact",
                    "What is your biggest achievement?"),
    "disagree_commit": ("disagree-and-commit", "disagree and commit",
                        "Tell me about a time you disagreed but committed"),
    "failure": ("failure", "most instructive failure", "Tell me about a time you failed"),
    "mentoring": ("mentoring", "mentoring or developing someone", "Tell me about someone you mentored to success"),
    "cross_functional_conflict": ("cross-functional-conflict", "a cross-functional conflict resolved",
                                  "Tell me about a conflict with another team and how you resolved it"),
}
"""Per must-have story: short name, description and question (failure and mentoring word their gaps like the
categories of the same name, so a gap is named once)."""

PRINCIPLE_TEXT = {
    "customer_obsession": ("Customer Obsession", "Customer Obsession",
                           "Tell me about a time you advocated for the customer"),
    "ownership": ("Ownership", "Ownership", "Tell me about something you did outside your role"),
    "dive_deep": ("Dive Deep", "Dive Deep", "Tell me about a complex problem you debugged"),
    "have_backbone": ("Have Backbone", "Have Backbone", "When did you disagree with a decision?"),
    "deliver_results": ("Deliver Results", "Deliver Results", "Tell me about a tight deadline you met"),
    "earn_trust": ("Earn Trust", "Earn Trust", "How did you build relationships with stakeholders?"),
}
"""Per principle: short name, name and the question it brings (docs/COACHING.md)."""

GROUPS = {
    "categories": (CATEGORIES, CATEGORY_TEXT),
    "must_have": (MUST_HAVE, MUST_HAVE_TEXT),
    "principles": (PRINCIPLES, PRINCIPLE_TEXT),
}
"""The three things a story bank covers: ids and their texts."""

MUST_HAVE_CATEGORY = {
    "achievement": "launch", "disagree_commit": "disagree_leadership", "failure": "failure",
    "mentoring": "mentoring", "cross_functional_conflict": "peer_conflict",
}
"""The category whose questions practise each must-have story."""


class StoryLike(Protocol):
    """A story as coverage needs it (the store's StoryRecord fits)."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def categories(self) -> Sequence[str]: ...
    @property
    def principles(self) -> Sequence[str]: ...
    @property
    def must_have(self) -> Sequence[str]: ...
    @property
    def non_work(self) -> bool: ...


class AttemptLike(Protocol):
    """A practised answer as coverage needs it, given oldest first (the store's StoryAttempt fits)."""

    @property
    def story_id(self) -> int | None: ...
    @property
    def overall(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class CoverageItem:
    """One category, must-have story or principle, and how well the bank covers it."""

    group: str
    id: str
    name: str
    status: str  # missing | unpractised | practised | polished
    stories: list[tuple[int, str]] = field(default_factory=list)
    attempts: int = 0
    best: float | None = None
    latest: float | None = None

    @property
    def covered(self) -> bool:
        """A practised story covers it."""
        return self.status in ("practised", "polished")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "status": self.status,
                "stories": [{"id": i, "title": t} for i, t in self.stories], "attempts": self.attempts,
                "best": self.best, "latest": self.latest}


@dataclass(frozen=True, slots=True)
class Coverage:
    """The whole report: every item by group, the gaps named plainly and the variety notes."""

    categories: list[CoverageItem]
    must_have: list[CoverageItem]
    principles: list[CoverageItem]
    gaps: list[str]
    variety: list[str]
    stories: int
    non_work: int

    def items(self) -> list[CoverageItem]:
        return [*self.categories, *self.must_have, *self.principles]

    def to_json(self) -> dict[str, Any]:
        return {
            "stories": self.stories, "non_work": self.non_work,
            "categories": [i.to_json() for i in self.categories],
            "must_have": [i.to_json() for i in self.must_have],
            "principles": [i.to_json() for i in self.principles],
            "gaps": self.gaps, "variety": self.variety,
        }


def _tags(story: StoryLike, group: str) -> Sequence[str]:
    return {"categories": story.categories, "must_have": story.must_have, "principles": story.principles}[group]


def _item(group: str, item_id: str, stories: Sequence[StoryLike], attempts: Sequence[AttemptLike],
          settings: StorySettings) -> CoverageItem:
    name = GROUPS[group][1][item_id][1]
    tagged = [s for s in stories if item_id in _tags(s, group)]
    ids = {s.id for s in tagged}
    mine = [a for a in attempts if a.story_id in ids]
    scores = [a.overall for a in mine if a.overall is not None]
    best = max(scores) if scores else None
    latest = mine[-1].overall if mine else None
    if not tagged:
        status = "missing"
    elif not mine:
        status = "unpractised"
    elif best is not None and best >= settings.polished_score:
        status = "polished"
    else:
        status = "practised"
    return CoverageItem(group, item_id, name, status, [(s.id, s.title) for s in tagged], len(mine), best, latest)


def gap_message(item: CoverageItem, settings: StorySettings = DEFAULT_STORY_SETTINGS) -> str | None:
    """The plain sentence naming a gap, or None when the item is covered well enough."""
    short, _, question = GROUPS[item.group][1][item.id]
    if item.status == "missing":
        return f"No {short} story yet: you are not ready for '{question}'"
    if item.status == "unpractised":
        titles = " / ".join(f"'{t}'" for _, t in item.stories)
        return f"Your {short} story {titles} is not practised yet: tell it before you meet '{question}'"
    if item.group == "must_have" and item.status == "practised":
        best = "unscored" if item.best is None else f"{item.best:.0f}"
        return (f"Must-have story '{item.name}' is practised but not polished yet "
                f"(best {best}, target {settings.polished_score:.0f})")
    return None


def variety_notes(stories: Sequence[StoryLike], settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[str]:
    """Notes on the set as a whole: all work stories, and fewer or more stories than a senior set holds."""
    notes: list[str] = []
    n = len(stories)
    if n >= settings.variety_min_stories and not any(s.non_work for s in stories):
        k = settings.non_work_suggested
        notes.append(f"All {n} of your stories are work stories: add {'one or two' if k == 2 else k} non-work "
                     f"stories (a side project, volunteering, a personal challenge) for variety")
    if n < settings.target_stories_min:
        notes.append(f"You have {n} {'story' if n == 1 else 'stories'}; a senior set holds "
                     f"{settings.target_stories_min}-{settings.target_stories_max} polished stories")
    elif n > settings.target_stories_max:
        notes.append(f"You have {n} stories; {settings.target_stories_min}-{settings.target_stories_max} "
                     f"well-rehearsed ones serve better than many half-known ones")
    return notes


def compute_coverage(stories: Iterable[StoryLike], attempts: Iterable[AttemptLike],
                     settings: StorySettings = DEFAULT_STORY_SETTINGS) -> Coverage:
    """Coverage of every category, must-have and principle by `stories`, from the linked `attempts`."""
    stories = list(stories)
    attempts = [a for a in attempts if a.story_id is not None]
    groups = {g: [_item(g, i, stories, attempts, settings) for i in ids] for g, (ids, _) in GROUPS.items()}
    gaps: list[str] = []
    for group in ("must_have", "categories", "principles"):
        for item in groups[group]:
            msg = gap_message(item, settings)
            if msg and msg not in gaps:
                gaps.append(msg)
    return Coverage(groups["categories"], groups["must_have"], groups["principles"], gaps,
                    variety_notes(stories, settings), len(stories), sum(1 for s in stories if s.non_work))


def gap_categories(coverage: Coverage, principle_categories: dict[str, str] | None = None) -> list[str]:
    """Question categories that practise the gaps: uncovered categories, must-haves not polished (through
    `MUST_HAVE_CATEGORY`) and uncovered principles (through `principle_categories`, when given)."""
    found: list[str] = [i.id for i in coverage.categories if not i.covered]
    found += [MUST_HAVE_CATEGORY[i.id] for i in coverage.must_have if i.status != "polished"]
    for item in coverage.principles:
        if not item.covered and principle_categories and item.id in principle_categories:
            found.append(principle_categories[item.id])
    return [c for c in CATEGORIES if c in found]

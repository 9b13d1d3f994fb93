"""The story bank's widgets: a story's tags and facts, the coverage report, an answer's story link.

Everything is computed by the session layer (`mockinterview.session.stories`) and the coverage analysis;
these widgets only draw the results. Gap sentences are `gap_message`'s own words, the same ones
`mockinterview stories coverage` prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from mockinterview.analysis.stories.coverage import (
    MUST_HAVE_TEXT,
    PRINCIPLE_TEXT,
    Coverage,
    CoverageItem,
    gap_message,
)
from mockinterview.report import Feedback
from mockinterview.session.stories import AnswerStory, StoryPractice
from mockinterview.storage.stories import StoryRecord
from mockinterview.ui.widgets.report_view import feedback_text, score_text

STATUS_LOOK = {
    "polished": ("●", "#5faf5f"),
    "practised": ("◐", "#87af5f"),
    "unpractised": ("○", "#d7af00"),
    "missing": ("✗", "#d75f5f"),
}
"""Mark and colour of each coverage status."""

NAME_WIDTH = 25
"""Width of the item names in the coverage (the longest tag, "cross functional conflict")."""

GAP_STYLE = "#d7af00"
"""Colour of a gap sentence."""

NOTE_KINDS = ("story_recited", "story_numbers")
"""Story notes shown under an answer's link (the link itself is drawn from the store, not from its note)."""


def category_label(category: str) -> str:
    """"peer_conflict" -> "peer conflict"."""
    return category.replace("_", " ")


def principle_label(principle: str) -> str:
    """"dive_deep" -> "Dive Deep"."""
    return PRINCIPLE_TEXT[principle][1] if principle in PRINCIPLE_TEXT else principle.replace("_", " ")


def must_have_label(must_have: str) -> str:
    """"disagree_commit" -> "disagree and commit"."""
    return MUST_HAVE_TEXT[must_have][0].replace("-", " ") if must_have in MUST_HAVE_TEXT else must_have


def tags_text(story: StoryRecord, width: int | None = None) -> Text:
    """Categories, then principles (teal): one line for the stories table, cut at `width` with an ellipsis."""
    text = Text(", ".join(category_label(c) for c in story.categories) or "-")
    if story.principles:
        text.append(" · " + ", ".join(principle_label(p) for p in story.principles), style="#87afaf")
    if width is not None and len(text) > width:
        text.truncate(width - 1)
        text.append("…")
    return text


ITEM_LABELS = {"categories": category_label, "must_have": must_have_label, "principles": principle_label}
"""How a coverage item is named: as the tag the stories carry for it."""


def story_detail(story: StoryRecord | None, practice: StoryPractice | None = None) -> Text:
    """One story in full: title, kind, every tag, practice and the key facts."""
    if story is None:
        return Text("No stories yet: press a to add your first one (its title, the key facts and numbers, and "
                    "the categories and principles it shows).", style="dim")
    text = Text()
    text.append(f"#{story.id} {story.title}", style="bold")
    text.append("  ·  non-work story" if story.non_work else "  ·  work story", style="dim")
    for label, values in (("categories", [category_label(c) for c in story.categories]),
                          ("must-have", [must_have_label(m) for m in story.must_have]),
                          ("principles", [principle_label(p) for p in story.principles])):
        text.append(f"\n{label}: ", style="#87afd7")
        text.append(", ".join(values) if values else "-", style="" if values else "dim")
    if practice is not None:
        text.append("\npractice: ", style="#87afd7")
        text.append(f"{practice.attempts} {'answer' if practice.attempts == 1 else 'answers'}   best ")
        text.append_text(score_text(practice.best))
        text.append("   latest ")
        text.append_text(score_text(practice.latest))
    text.append("\nkey facts: ", style="#87afd7")
    text.append(story.facts or "none written yet (press e to add them)", style="" if story.facts else "dim")
    return text


def _item_detail(item: CoverageItem) -> Text:
    gap = gap_message(item)
    if gap is not None:
        return Text(gap, style=GAP_STYLE)
    text = Text(" / ".join(f"#{i} {t}" for i, t in item.stories))
    text.append("  best ", style="dim")
    text.append_text(score_text(item.best))
    text.append(" latest ", style="dim")
    text.append_text(score_text(item.latest))
    return text


def coverage_group(heading: str, items: Sequence[CoverageItem]) -> RenderableType:
    """One group (categories, must-haves or principles): a line per item with its story or its gap."""
    covered = sum(i.covered for i in items)
    table = Table(box=None, show_header=False, pad_edge=False, expand=True, padding=(0, 1))
    table.add_column(width=1)
    table.add_column(width=NAME_WIDTH, no_wrap=True, overflow="ellipsis")
    table.add_column(ratio=1)
    for item in items:
        mark, colour = STATUS_LOOK.get(item.status, ("?", ""))
        name = ITEM_LABELS[item.group](item.id)
        table.add_row(Text(mark, style=colour), Text(name, style=colour if item.covered else ""), _item_detail(item))
    title = Text(heading, style="bold #87afd7")
    title.append(f" ({covered}/{len(items)} practised)", style="dim")
    return Group(title, table)


def coverage_renderable(coverage: Coverage) -> RenderableType:
    """The whole coverage report: the three groups, then the variety notes."""
    parts: list[RenderableType] = []
    for heading, items in (("Categories", coverage.categories), ("Must-have stories", coverage.must_have),
                           ("Principles", coverage.principles)):
        if parts:
            parts.append(Text(""))
        parts.append(coverage_group(heading, items))
    parts.append(Text(""))
    if not coverage.gaps:
        parts.append(Text("No gaps: every category, must-have and principle has a practised story.",
                          style="#5faf5f"))
    if coverage.variety:
        parts.append(Text("Variety", style="bold #87afd7"))
        parts.extend(Text.assemble(("• ", "bold"), (note, GAP_STYLE)) for note in coverage.variety)
    return Group(*parts)


def answer_story_text(link: AnswerStory | None, notes: Iterable[Feedback] = (), *, has_stories: bool = True) -> Text:
    """The story an answer told (or the one suggested), how that was decided, then the story notes."""
    text = Text()
    if not has_stories:
        text.append("Your story bank is empty: press b to add your stories, so answers are linked to them.",
                    style="dim")
        return text
    title = f"'{link.story.title}'" if link is not None and link.story is not None else ""
    state = link.state if link is not None else "none"
    if state == "confirmed" and title:
        text.append("This answer tells your story ")
        text.append(title, style="bold")
        text.append(" (you confirmed it).", style="dim")
    elif state == "confirmed":
        text.append("You said this answer tells none of your stories.")
    elif state == "automatic" and title:
        text.append("Linked automatically to your story ")
        text.append(title, style="bold")
        if link is not None and link.match is not None:
            text.append(f" (match {link.match:.2f})", style="dim")
        text.append(". ")
    elif state == "suggested" and title:
        text.append("This sounds like your story ")
        text.append(title, style="bold")
        text.append(", not linked yet. ")
    else:
        text.append("None of your stories matched this answer. ")
    text.append("Press ", style="dim")
    text.append("l", style="bold")
    text.append({"confirmed": " to change it.", "none": " to link it to one of your stories."}.get(
        state, " to confirm it or pick another story."), style="dim")
    shown = [n for n in notes if n.kind in NOTE_KINDS]
    if shown:
        text.append("\n")
        text.append_text(feedback_text(shown))
    return text


class StoryDetail(Static):
    """The highlighted story in full (`story_detail`)."""

    def show(self, story: StoryRecord | None, practice: StoryPractice | None = None) -> None:
        self.update(story_detail(story, practice))


class CoverageView(Static):
    """The story bank's coverage and its gaps (`coverage_renderable`)."""

    def show(self, coverage: Coverage) -> None:
        self.update(coverage_renderable(coverage))


class AnswerStoryView(Static):
    """The story an answer told and its story notes (`answer_story_text`), or why it cannot be shown."""

    def show(self, link: AnswerStory | None, notes: Iterable[Feedback] = (), *, has_stories: bool = True) -> None:
        self.update(answer_story_text(link, notes, has_stories=has_stories))

    def show_problem(self, message: str) -> None:
        self.update(Text(message, style="#d75f5f"))

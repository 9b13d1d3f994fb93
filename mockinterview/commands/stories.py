"""`mockinterview stories add|list|edit|remove|coverage|link|answers`: the user's story bank."""

from __future__ import annotations

import json

import click

from mockinterview.analysis.stories.coverage import Coverage, CoverageItem, compute_coverage
from mockinterview.commands import echo_listing
from mockinterview.errors import UserError
from mockinterview.formatting import printable
from mockinterview.session.stories import check_tags, link_state, practice_of, story_coverage, story_input
from mockinterview.storage.store import open_store, store_exists
from mockinterview.storage.stories import (
    StoryAttempt,
    StoryRecord,
    add_story,
    confirm_link,
    list_stories,
    remove_story,
    story_attempts,
    update_story,
)
from mockinterview.types import CATEGORIES, MUST_HAVE, PRINCIPLES

STATUS_MARK = {"polished": "++", "practised": "+ ", "unpractised": "- ", "missing": "  "}
"""How `stories coverage` marks each item's status."""


def _say(text: str) -> None:
    """Print a line holding the user's own text (titles, facts, questions) with control characters escaped."""
    click.echo(printable(text))


def _story_id(value: str, what: str = "story") -> int:
    try:
        return int(value.lstrip("#"))
    except ValueError:
        raise UserError(f"{what} id must be a number, not {value!r}") from None


def _fmt(score: float | None) -> str:
    return "-" if score is None else f"{score:.0f}"


def _tag_options(fn: click.decorators.FC) -> click.decorators.FC:
    for option in reversed([
        click.option("--title", default=None, help="A short name for the story."),
        click.option("--facts", default=None, help="The key facts and numbers, a few phrases."),
        click.option("--category", "categories", multiple=True,
                     help=f"Story category (repeatable): {', '.join(CATEGORIES)}."),
        click.option("--principle", "principles", multiple=True,
                     help=f"Leadership principle (repeatable): {', '.join(PRINCIPLES)}."),
        click.option("--must-have", "must_have", multiple=True,
                     help=f"Must-have story it serves (repeatable): {', '.join(MUST_HAVE)}."),
    ]):
        fn = option(fn)
    return fn


@click.group("stories")
def stories() -> None:
    """Your story bank: 5-7 stories covering the seven categories, the must-haves and the principles."""


@stories.command("add")
@_tag_options
@click.option("--non-work", is_flag=True, help="A story from outside work (side project, volunteering...).")
def add(title: str | None, facts: str | None, categories: tuple[str, ...], principles: tuple[str, ...],
        must_have: tuple[str, ...], non_work: bool) -> None:
    """Add a story."""
    if not title or not title.strip():
        raise UserError("a story needs a title: mockinterview stories add --title 'Offline mode launch' ...")
    story = story_input(title, facts or "", categories=categories, principles=principles, must_have=must_have,
                        non_work=non_work)
    with open_store() as store:
        sid = add_story(store, story.title, story.facts, categories=story.categories, principles=story.principles,
                        must_have=story.must_have, non_work=story.non_work)
    _say(f"Added story #{sid} '{story.title}'")


@stories.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of the stories with their practice.")
def list_command(as_json: bool) -> None:
    """List the stories with their tags and practice (attempts, best and latest overall score)."""
    found: list[StoryRecord] = []
    attempts: list[StoryAttempt] = []
    if store_exists():
        with open_store() as store:
            found, attempts = list_stories(store), story_attempts(store)
    if as_json:
        rows = []
        for s in found:
            p = practice_of(attempts, s.id)
            rows.append({**s.to_json(), "attempts": p.attempts, "best": p.best, "latest": p.latest})
        click.echo(json.dumps(rows, indent=1))
        return
    if not found:
        click.echo("No stories yet. Add one: mockinterview stories add --title '...' --facts '...' "
                   "--category failure")
        return
    for s in found:
        p = practice_of(attempts, s.id)
        kind = "  (non-work)" if s.non_work else ""
        _say(f"#{s.id}  {s.title}{kind}   attempts {p.attempts}  best {_fmt(p.best)}  latest {_fmt(p.latest)}")
        for label, tags in (("categories", s.categories), ("principles", s.principles),
                            ("must-have", s.must_have)):
            if tags:
                _say(f"      {label}: {', '.join(tags)}")
        if s.facts:
            _say(f"      facts: {s.facts}")
    click.echo(f"{len(found)} {'story' if len(found) == 1 else 'stories'}; "
               f"`mockinterview stories coverage` shows the gaps")


@stories.command("edit")
@click.argument("story_id")
@_tag_options
@click.option("--non-work/--work", "non_work", default=None, help="Mark the story as from outside work or not.")
def edit(story_id: str, title: str | None, facts: str | None, categories: tuple[str, ...],
         principles: tuple[str, ...], must_have: tuple[str, ...], non_work: bool | None) -> None:
    """Change a story: given options replace the old values (tags: the whole list)."""
    sid = _story_id(story_id)
    if title is not None and not title.strip():
        raise UserError("a story's title cannot be empty")
    with open_store() as store:
        story = update_story(
            store, sid, title=title.strip() if title is not None else None,
            facts=facts.strip() if facts is not None else None,
            categories=check_tags(categories, CATEGORIES, "category") if categories else None,
            principles=check_tags(principles, PRINCIPLES, "principle") if principles else None,
            must_have=check_tags(must_have, MUST_HAVE, "must-have story") if must_have else None,
            non_work=non_work,
        )
    _say(f"Saved story #{story.id} '{story.title}'")


@stories.command("remove")
@click.argument("story_id")
def remove(story_id: str) -> None:
    """Remove a story (answers that told it are kept, unlinked)."""
    sid = _story_id(story_id)
    with open_store() as store:
        story = remove_story(store, sid)
    _say(f"Removed story #{story.id} '{story.title}'")


@stories.command("link")
@click.argument("answer_id")
@click.argument("story_id")
def link(answer_id: str, story_id: str) -> None:
    """Confirm or change which story ANSWER_ID told (STORY_ID "none": it told none of them)."""
    aid = _story_id(answer_id, "answer")
    sid = None if story_id.lower() == "none" else _story_id(story_id)
    with open_store() as store:
        confirm_link(store, aid, sid)
    click.echo(f"Answer {aid} is linked to story #{sid}" if sid is not None else f"Answer {aid} tells no story")


@stories.command("answers")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Latest answers to show.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of the answers and their story links.")
def answers(limit: int, as_json: bool) -> None:
    """The latest answers and the story each told (to confirm or change with `stories link`)."""
    found: list[StoryAttempt] = []
    titles: dict[int, str] = {}
    if store_exists():
        with open_store() as store:
            found = story_attempts(store, linked_only=False)[-limit:]
            titles = {s.id: s.title for s in list_stories(store)}
    rows = [{"answer": a.answer_id, "started_at": a.started_at, "question": a.question, "overall": a.overall,
             "link": link_state(a), "story": a.story_id if a.story_id is not None else a.suggested_id}
            for a in found]
    if echo_listing(rows, as_json, "No answers yet. Practise with `mockinterview practice` or `mockinterview "
                    "score FILE`."):
        return
    for a in found:
        sid = a.story_id if a.story_id is not None else a.suggested_id
        story = f"#{sid} {titles.get(sid, '')}" if sid is not None else "-"
        _say(f"answer {a.answer_id:>4}  {a.started_at.replace('T', ' ')[:16]}  overall "
             f"{_fmt(a.overall):>3}  {link_state(a):<9}  {story}  | {a.question}")
    click.echo("Confirm or change one with `mockinterview stories link ANSWER_ID STORY_ID` (or STORY_ID none)")


def _item_line(item: CoverageItem) -> str:
    titles = ", ".join(f"#{i} {t}" for i, t in item.stories) or "-"
    scores = f"best {_fmt(item.best)}  latest {_fmt(item.latest)}" if item.attempts else ""
    return f"  {STATUS_MARK[item.status]} {item.name:<52} {item.status:<12} {titles}  {scores}".rstrip()


def format_coverage(coverage: Coverage) -> str:
    """The coverage report as text: one line per item, then the gaps and the variety notes."""
    lines: list[str] = []
    for heading, items in (("Categories", coverage.categories), ("Must-have stories", coverage.must_have),
                           ("Principles", coverage.principles)):
        covered = sum(i.covered for i in items)
        lines.append(f"{heading} ({covered}/{len(items)} practised)")
        lines.extend(_item_line(i) for i in items)
    lines.append("")
    if coverage.gaps:
        lines.append("Gaps:")
        lines.extend(f"  - {g}" for g in coverage.gaps)
    else:
        lines.append("No gaps: every category, must-have and principle has a practised story.")
    if coverage.variety:
        lines.append("Variety:")
        lines.extend(f"  - {v}" for v in coverage.variety)
    return "\n".join(lines)


@stories.command("coverage")
@click.option("--json", "as_json", is_flag=True, help="Print the coverage report as one JSON object.")
def coverage(as_json: bool) -> None:
    """Which categories, must-have stories and principles have a practised story; the gaps named."""
    if store_exists():
        with open_store() as store:
            report = story_coverage(store)
    else:
        report = compute_coverage([], [])
    click.echo(json.dumps(report.to_json(), indent=1) if as_json else printable(format_coverage(report)))


COMMANDS = [stories]

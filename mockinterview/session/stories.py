"""The story bank in the practice flow: link a scored answer to its story, notes on how it was told, and
the bank's gaps as preferred categories for question selection; and what the CLI and the TUI share to edit
the bank (tag checks, a story's practice, an answer's link).

After an answer is scored and saved, `story_notes_for_answer(store, answer_id)` links it to a story (when
the match is confident; else it saves a suggestion) and returns feedback: the link or suggestion, recited
wording and numbers that changed since the last telling or differ from the story's facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mockinterview.analysis.stories.coverage import Coverage, compute_coverage, gap_categories
from mockinterview.analysis.stories.match import MatchResult, StoryProfile, match_story
from mockinterview.analysis.stories.recital import NumberChange, Recitation, number_changes, recitation
from mockinterview.analysis.stories.settings import DEFAULT_STORY_SETTINGS, StorySettings
from mockinterview.errors import UserError
from mockinterview.report import Feedback
from mockinterview.storage.store import Store
from mockinterview.storage.stories import (
    StoryAttempt,
    StoryRecord,
    get_attempt,
    get_story,
    list_stories,
    record_match,
    story_attempts,
)
from mockinterview.types import CATEGORIES, MUST_HAVE, PRINCIPLES, Question


@dataclass(frozen=True, slots=True)
class LinkOutcome:
    """What linking did to an answer: "confirmed" (left as the user chose), "linked", "suggested", "none"."""

    state: str
    story_id: int | None
    match: MatchResult | None = None


def story_profiles(store: Store, *, before_answer: int | None = None,
                   settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[StoryProfile]:
    """Every story with its title, facts and latest linked tellings (only answers before `before_answer`)."""
    tellings: dict[int, list[str]] = {}
    for a in story_attempts(store):
        if before_answer is None or a.answer_id < before_answer:
            assert a.story_id is not None
            tellings.setdefault(a.story_id, []).append(a.text)
    return [StoryProfile(s.id, s.title, s.facts, tuple(tellings.get(s.id, [])[-settings.history_answers:]))
            for s in list_stories(store)]


def link_answer(store: Store, answer_id: int, settings: StorySettings = DEFAULT_STORY_SETTINGS) -> LinkOutcome:
    """Match a saved answer against the bank and save the verdict (a user's confirmed link is kept)."""
    attempt = get_attempt(store, answer_id)
    if attempt.confirmed:
        return LinkOutcome("confirmed", attempt.story_id)
    result = match_story(attempt.text, story_profiles(store, before_answer=answer_id, settings=settings), settings)
    record_match(store, answer_id, linked=result.linked, suggested=result.suggested, score=result.score or None)
    state = "linked" if result.linked is not None else "suggested" if result.suggested is not None else "none"
    return LinkOutcome(state, result.best, result)


def story_coverage(store: Store, settings: StorySettings = DEFAULT_STORY_SETTINGS) -> Coverage:
    """The coverage report of the user's bank from every linked, complete answer."""
    return compute_coverage(list_stories(store), story_attempts(store), settings)


def principle_categories(questions: Iterable[Question]) -> dict[str, str]:
    """For each principle, the category of bank questions that most often carry it."""
    counts: dict[str, dict[str, int]] = {}
    for q in questions:
        for p in q.principles:
            by_cat = counts.setdefault(p, {})
            by_cat[q.category] = by_cat.get(q.category, 0) + 1
    return {p: max(sorted(c), key=lambda cat: c[cat]) for p, c in counts.items()}


def preferred_categories(store: Store, questions: Iterable[Question] = (),
                         settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[str]:
    """Categories to pass as `QuestionSelector(prefer_categories=...)`: those practising the bank's gaps.

    `questions` (the banks in use) let uncovered principles map to a category; without them only the
    categories and must-have stories count.
    """
    return gap_categories(story_coverage(store, settings), principle_categories(questions) or None)


def selection_preferences(store: Store, questions: Iterable[Question] = (),
                          settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[str]:
    """`preferred_categories` once the user has stories; none before (an empty bank prefers nothing)."""
    return preferred_categories(store, questions, settings) if list_stories(store) else []


# ---- editing the bank (the CLI and the TUI check input alike) ------------------------------------------

def check_tags(values: Iterable[str], allowed: Sequence[str], what: str) -> list[str]:
    """Tags as stored ("peer-conflict" and "Peer Conflict" become "peer_conflict"); unknown ones are an error."""
    out: list[str] = []
    for raw in values:
        tag = raw.strip().lower().replace("-", "_").replace(" ", "_")
        if tag not in allowed:
            raise UserError(f"unknown {what} {raw!r}; choose from: {', '.join(allowed)}")
        if tag not in out:
            out.append(tag)
    return out


@dataclass(frozen=True, slots=True)
class StoryInput:
    """A story's fields, checked: a title, the facts, and known tags in their stored form."""

    title: str
    facts: str
    categories: list[str]
    principles: list[str]
    must_have: list[str]
    non_work: bool = False


def story_input(title: str, facts: str = "", *, categories: Iterable[str] = (), principles: Iterable[str] = (),
                must_have: Iterable[str] = (), non_work: bool = False) -> StoryInput:
    """Check a whole story as typed (e.g. in a form); UserError names the first problem."""
    if not title.strip():
        raise UserError("a story needs a title")
    return StoryInput(title.strip(), facts.strip(), check_tags(categories, CATEGORIES, "category"),
                      check_tags(principles, PRINCIPLES, "principle"),
                      check_tags(must_have, MUST_HAVE, "must-have story"), non_work)


@dataclass(frozen=True, slots=True)
class StoryPractice:
    """How much a story was practised: linked complete answers, best and latest overall score."""

    attempts: int = 0
    best: float | None = None
    latest: float | None = None


def practice_of(attempts: Sequence[StoryAttempt], story_id: int) -> StoryPractice:
    """The practice of `story_id` among `attempts` (oldest first)."""
    mine = [a for a in attempts if a.story_id == story_id]
    scored = [a.overall for a in mine if a.overall is not None]
    return StoryPractice(len(mine), max(scored) if scored else None, mine[-1].overall if mine else None)


def stories_with_practice(store: Store) -> list[tuple[StoryRecord, StoryPractice]]:
    """Every story, oldest first, with its practice."""
    attempts = story_attempts(store)
    return [(s, practice_of(attempts, s.id)) for s in list_stories(store)]


def link_state(attempt: StoryAttempt) -> str:
    """"confirmed", "automatic", "suggested" or "none": how the answer's story was decided."""
    if attempt.confirmed:
        return "confirmed"
    if attempt.story_id is not None:
        return "automatic"
    return "suggested" if attempt.suggested_id is not None else "none"


@dataclass(frozen=True, slots=True)
class AnswerStory:
    """The story an answer is linked to (or the one suggested for it), as a screen shows it."""

    answer_id: int
    state: str
    """As `link_state`: confirmed, automatic, suggested or none."""
    story: StoryRecord | None
    """The linked story, else the suggested one (None: no story, or a confirmed "none")."""
    match: float | None = None


def answer_story(store: Store, answer_id: int) -> AnswerStory:
    """How `answer_id` is linked to the bank now."""
    attempt = get_attempt(store, answer_id)
    state = link_state(attempt)
    sid = attempt.story_id if attempt.story_id is not None else attempt.suggested_id
    return AnswerStory(answer_id, state, get_story(store, sid) if sid is not None else None, attempt.match)


# ---- notes on one answer ------------------------------------------------------------------------------

def recitation_note(rec: Recitation, *, last: bool, answer_id: int | None = None) -> Feedback:
    """The feedback for a recited telling."""
    whom = "your last attempt" if last else f"an earlier attempt (answer {answer_id})"
    return Feedback("story_recited", f"{rec.percent}% of this answer repeats {whom} word for word: "
                                     f"know the facts, vary the words", rec.quote)


def number_note(change: NumberChange, *, against: str) -> Feedback:
    """The feedback for a number that changed (`against`: "your last telling" or "your story's facts")."""
    return Feedback("story_numbers", f"You said '{change.after}' where {against} said '{change.before}': "
                                     f"keep the facts and numbers the same each time you tell it", change.after)


def _earlier(store: Store, attempt: StoryAttempt) -> list[StoryAttempt]:
    if attempt.story_id is None:
        return []
    return [a for a in story_attempts(store, attempt.story_id) if a.answer_id < attempt.answer_id]


def story_notes_for_answer(store: Store, answer_id: int,
                           settings: StorySettings = DEFAULT_STORY_SETTINGS) -> list[Feedback]:
    """Link a saved, scored answer to its story and return the story notes for it (may be empty).

    Call once the answer is saved (e.g. after `save_scored_answer` in `score`, or after the practice flow
    finishes an answer); the notes are Feedback items to show after the report's own feedback.
    """
    stories = {s.id: s for s in list_stories(store)}
    if not stories:
        return []
    outcome = link_answer(store, answer_id, settings)
    attempt = get_attempt(store, answer_id)
    notes: list[Feedback] = []
    if outcome.state == "suggested" and outcome.story_id in stories:
        title = stories[outcome.story_id].title
        notes.append(Feedback("story_suggest", f"This sounds like your story '{title}': confirm with "
                                               f"`mockinterview stories link {answer_id} {outcome.story_id}`"))
        return notes
    if attempt.story_id is None or attempt.story_id not in stories:
        return notes
    story = stories[attempt.story_id]
    if outcome.state == "linked":
        notes.append(Feedback("story_link", f"This answer tells your story '{story.title}' (linked automatically; "
                                            f"change it with `mockinterview stories link {answer_id} ID`)"))
    earlier = _earlier(store, attempt)
    if earlier:
        recs = [(recitation(attempt.text, e.text, settings), i == len(earlier) - 1, e.answer_id)
                for i, e in enumerate(earlier)]
        rec, last, other = max(recs, key=lambda r: (r[0].recited, r[0].percent, r[1]))
        if rec.recited:
            notes.append(recitation_note(rec, last=last, answer_id=other))
        notes.extend(number_note(c, against="your last telling")
                     for c in number_changes(attempt.text, earlier[-1].text, settings))
    if story.facts:
        said = {n.message for n in notes}
        for c in number_changes(attempt.text, story.facts, settings):
            note = number_note(c, against="your story's facts")
            if note.message not in said:
                notes.append(note)
    return notes

"""Pilot tests of the story bank in the TUI: the stories screen (add, edit, remove, coverage), linking an answer
to a story from the scorecard and from review, and question selection preferring the bank's gaps. No speech
model is used: stores are seeded with saved answers, as the review tests do."""

from __future__ import annotations

import io

import pytest
from conftest import fixture_report
from rich.console import Console
from story_helpers import add_history_stories, fill_story_bank
from textual.widgets import Checkbox, DataTable, Input, SelectionList, Static, TextArea
from ui_helpers import QuietMicrophone, scorecard_shown, wait_for

from mockinterview.analysis.stories.coverage import gap_message
from mockinterview.audio.model import ModelLoader
from mockinterview.cli import make_app
from mockinterview.session.answer import save_scored_answer
from mockinterview.session.live_answer import AnswerOutcome
from mockinterview.session.run import Asked
from mockinterview.session.selection import QuestionSelector
from mockinterview.session.stories import story_coverage, story_notes_for_answer
from mockinterview.storage.store import open_store
from mockinterview.storage.stories import add_story, get_attempt, get_story, list_stories
from mockinterview.types import CATEGORIES, Question
from mockinterview.ui.screens.help import HelpScreen, screen_keys
from mockinterview.ui.screens.review import AnswerReviewScreen
from mockinterview.ui.screens.scorecard import ScorecardScreen
from mockinterview.ui.screens.stories import StoriesScreen
from mockinterview.ui.screens.story_modals import ConfirmScreen, StoryFormScreen, StoryPickerScreen

SIZE = (120, 60)

QUESTION = Question("launch-9", "Tell me about a launch you owned end to end.", "launch", "core")


def practice_app():
    """A practice app whose first question is on screen, with a ready (fake) model and a quiet microphone."""
    app = make_app("practice", seed=1, loader=ModelLoader.ready_with(object(), "tiny.en"))
    app.context.inputs = QuietMicrophone()
    app.context.start_model = False
    return app


def text_of(app, selector: str) -> str:
    """The text a Static shows, as plain text (Rich groups and tables drawn 160 columns wide)."""
    console = Console(width=160, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


async def open_stories(pilot) -> StoriesScreen:
    app = pilot.app
    await wait_for(pilot, lambda: bool(app.screen.query("#question-text")), timeout=30, what="the question")
    await pilot.press("b")
    await wait_for(pilot, lambda: isinstance(app.screen, StoriesScreen), timeout=30, what="the stories screen")
    await pilot.pause()
    return app.screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


@pytest.mark.asyncio
async def test_b_opens_the_story_bank_with_stories_and_coverage():
    with open_store() as store:
        ids = fill_story_bank(store)
    app = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 6
        first = [str(c) for c in table.get_row_at(0)]
        assert first[:5] == [str(ids["offline"]), "Offline mode launch for the technician app", "2", "79", "79"]
        assert "launch" in first[5] and "Deliver Results" in first[5]
        detail = text_of(app, "#story-detail")
        assert "must-have: biggest achievement" in detail and "4,000 technicians" in detail
        assert "practice: 2 answers" in detail
        await pilot.press("down")
        assert "Payments retry change" in text_of(app, "#story-detail")
        assert "6 stories (0 non-work)" in text_of(app, "#stories-title")
        await pilot.press("escape")
        assert not isinstance(app.screen, StoriesScreen)
        await pilot.press("q")


@pytest.mark.asyncio
async def test_coverage_names_every_gap_in_the_commands_words():
    with open_store() as store:
        fill_story_bank(store)
        coverage = story_coverage(store)
    app = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stories(pilot)
        shown = " ".join(text_of(app, "#coverage").split())
        for item in coverage.items():
            gap = gap_message(item)
            if gap is not None:
                assert " ".join(gap.split()) in shown, gap
        assert "No simplification story yet: you are not ready for" in shown
        assert "Must-have story 'mentoring or developing someone' is practised but not polished yet" in shown
        assert "Offline mode launch for the technician app" in shown, "a covered item names its story"
        assert coverage.variety and all(" ".join(v.split()) in shown for v in coverage.variety)
        assert "All 6 of your stories are work stories" in shown
        await pilot.press("q")


@pytest.mark.asyncio
async def test_help_and_footer_show_the_stories_key():
    app = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#question-text")), timeout=30)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {description: key for key, description, _node, _action in screen_keys(app.screen.under)}
        assert keys["Stories"] == "b"
        await pilot.press("escape")
        assert any(b.binding.key == "b" for b in app.screen.active_bindings.values() if b.enabled)
        await pilot.press("q")


@pytest.mark.asyncio
async def test_add_edit_and_remove_a_story_through_the_screen():
    app = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        assert "No stories yet" in text_of(app, "#story-detail")
        assert "No launch story yet" in text_of(app, "#coverage")
        # add: an empty title is refused with the same check as the CLI
        await pilot.press("a")
        assert isinstance(app.screen, StoryFormScreen)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, StoryFormScreen)
        assert "a story needs a title" in text_of(app, "#story-form-error")
        await type_text(pilot, "Food bank rota")
        form = app.screen
        form.query_one("#story-facts", TextArea).text = "Volunteer rota for 40 people, cut no-shows by half"
        form.query_one("#story-categories", SelectionList).select("simplification")
        form.query_one("#story-principles", SelectionList).select("earn_trust")
        form.query_one("#story-non-work", Checkbox).value = True
        await pilot.press("enter")  # enter in the title saves
        await wait_for(pilot, lambda: app.screen is screen, timeout=30, what="the form to close")
        with open_store() as store:
            (story,) = list_stories(store)
        assert (story.title, story.categories, story.principles, story.non_work) == (
            "Food bank rota", ("simplification",), ("earn_trust",), True)
        assert "Food bank rota" in str(screen.query_one(DataTable).get_row_at(0)[1])
        assert "No simplification story yet" not in text_of(app, "#coverage")
        assert "simplification story 'Food bank rota' is not practised yet" in text_of(app, "#coverage")
        # back on the question, selection prefers the gaps of the bank as it is now
        await pilot.press("escape")
        await wait_for(pilot, lambda: "simplification" in app.context.selector.prefer_categories, timeout=30,
                       what="the preferences to follow the bank")
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, StoriesScreen), timeout=30)
        screen = app.screen
        # edit: the form opens filled in; the new title and tags are saved
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, StoryFormScreen)
        title = form.query_one("#story-title", Input)
        assert title.value == "Food bank rota"
        assert form.query_one("#story-categories", SelectionList).selected == ["simplification"]
        title.value = "Food bank rota rebuild"
        form.query_one("#story-must-have", SelectionList).select("achievement")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, timeout=30, what="the form to close")
        with open_store() as store:
            edited = get_story(store, story.id)
        assert edited.title == "Food bank rota rebuild" and edited.must_have == ("achievement",)
        assert edited.facts.startswith("Volunteer rota") and edited.non_work
        # remove: asks first; n keeps it, y removes it
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Remove story #1 'Food bank rota rebuild'?" in text_of(app, "#confirm-question")
        await pilot.press("n")
        assert app.screen is screen and screen.query_one(DataTable).row_count == 1
        await pilot.press("d")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen, timeout=30)
        assert screen.query_one(DataTable).row_count == 0
        with open_store() as store:
            assert list_stories(store) == []
        await pilot.press("q")


@pytest.mark.asyncio
async def test_escape_leaves_the_form_without_saving():
    app = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        await pilot.press("a")
        await type_text(pilot, "Half written")
        await pilot.press("escape")
        assert app.screen is screen
        with open_store() as store:
            assert list_stories(store) == []
        await pilot.press("q")


def saved_launch_answer() -> tuple[dict[str, int], int]:
    """Stories (the six of the history and the checkout migration) and one saved answer, linked automatically."""
    with open_store() as store:
        ids = add_history_stories(store)
        ids["checkout"] = add_story(
            store, "Checkout payment provider migration",
            "Migrated the checkout service to a new payment provider; the old integration failed 2% of payments at "
            "peak; wrote the reconciliation job; failed payments from 2% to 0.3% in 6 weeks",
            categories=["launch"], principles=["deliver_results"])
        _, answer_id = save_scored_answer(store, fixture_report("story-report.json"),
                                          question=QUESTION, mode="practice")
        story_notes_for_answer(store, answer_id)
        assert get_attempt(store, answer_id).story_id == ids["checkout"]
    return ids, answer_id


async def relink_to_the_outage_story(pilot, ids: dict[str, int], answer_id: int, screen: type) -> None:
    """`l` on `screen` opens the picker on the linked checkout story; picking the outage story confirms it."""
    app = pilot.app
    await pilot.press("l")
    picker = app.screen
    assert isinstance(picker, StoryPickerScreen)
    assert picker.current == ids["checkout"]
    # the stories are listed in order, "no story" last
    await pilot.press("home", *["down"] * (list(ids).index("outage")), "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, screen), timeout=30)
    assert "tells your story 'Payments retry change that caused an outage' (you confirmed it)" in \
        text_of(app, "#story-link")
    with open_store() as store:
        attempt = get_attempt(store, answer_id)
    assert attempt.story_id == ids["outage"] and attempt.confirmed


@pytest.mark.asyncio
async def test_scorecard_shows_the_match_and_links_another_story():
    ids, answer_id = saved_launch_answer()
    app = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#question-text")), timeout=30)
        asked = Asked(QUESTION.text, 1, "main", QUESTION.category, 1, QUESTION)
        report = fixture_report("story-report.json")
        app.answer_done(asked, AnswerOutcome(report, answer_id))
        await wait_for(pilot, lambda: scorecard_shown(app),
                       timeout=30, what="the scorecard")
        link = text_of(app, "#story-link")
        assert "Linked automatically to your story 'Checkout payment provider migration'" in link
        assert "Press l to confirm it or pick another story" in link
        await relink_to_the_outage_story(pilot, ids, answer_id, ScorecardScreen)
        # then "no story": the last option
        await pilot.press("l", "end", "enter")
        await wait_for(pilot, lambda: scorecard_shown(app), timeout=30)
        assert "You said this answer tells none of your stories" in text_of(app, "#story-link")
        with open_store() as store:
            attempt = get_attempt(store, answer_id)
        assert attempt.story_id is None and attempt.confirmed
        await pilot.press("q")


@pytest.mark.asyncio
async def test_review_of_a_saved_answer_shows_its_story_and_changes_it():
    ids, answer_id = saved_launch_answer()
    with open_store() as store:
        session_id = get_attempt(store, answer_id).session_id
    app = make_app("review", session_id=session_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query(DataTable)), timeout=30, what="the session")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerReviewScreen), timeout=30, what="the answer")
        assert "Linked automatically to your story 'Checkout payment provider migration'" in \
            text_of(app, "#story-link")
        await relink_to_the_outage_story(pilot, ids, answer_id, AnswerReviewScreen)
        await pilot.press("q")


@pytest.mark.asyncio
async def test_scorecard_of_an_empty_bank_points_to_the_stories_key():
    with open_store() as store:
        _, answer_id = save_scored_answer(store, fixture_report("weak-report.json"),
                                          question=QUESTION, mode="practice")
    app = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#question-text")), timeout=30)
        asked = Asked(QUESTION.text, 1, "main", QUESTION.category, 1, QUESTION)
        app.answer_done(asked, AnswerOutcome(fixture_report("weak-report.json"), answer_id))
        await wait_for(pilot, lambda: scorecard_shown(app),
                       timeout=30)
        assert "Your story bank is empty: press b" in text_of(app, "#story-link")
        assert app.screen.check_action("link_story", ()) is False
        await pilot.press("q")


def test_make_app_prefers_the_bank_gaps():
    """With stories, the selector prefers the categories the bank does not cover; a fixed seed is reproducible and
    over many seeds the first question comes from a gap category far more often than without stories."""
    assert make_app("practice", seed=3).context.selector.prefer_categories == frozenset(), "no stories, no gaps"
    with open_store() as store:
        fill_story_bank(store)
    app = make_app("practice", seed=3)
    prefer = app.context.selector.prefer_categories
    # simplification has no story, the peer conflict and incomplete information stories are not practised, and
    # mentoring (a must-have) is not polished
    assert {"simplification", "peer_conflict", "incomplete_information", "mentoring"} <= prefer
    assert "launch" not in prefer and "failure" not in prefer
    questions = list(app.context.questions)
    assert {q.category for q in questions} >= set(CATEGORIES)
    again = make_app("practice", seed=3).context.selector
    assert again.next() == make_app("practice", seed=3).context.selector.next()
    runs = 400
    gap_first = sum(QuestionSelector(questions, seed=s, prefer_categories=prefer).next().category in prefer
                    for s in range(runs))
    plain_first = sum(QuestionSelector(questions, seed=s).next().category in prefer for s in range(runs))
    assert gap_first > 1.25 * plain_first
    firsts = {QuestionSelector(questions, seed=s, prefer_categories=prefer).next().category for s in range(runs)}
    assert len(firsts & prefer) > 1, "still unpredictable among the gap categories"


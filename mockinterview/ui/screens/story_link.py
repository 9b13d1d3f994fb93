"""The "Story" part of a screen that shows one saved answer: which story it told, and `l` to change that."""

from __future__ import annotations

from textual.css.query import NoMatches

from mockinterview.errors import UserError
from mockinterview.report import Feedback
from mockinterview.session.stories import AnswerStory, answer_story
from mockinterview.storage.stories import confirm_link, list_stories
from mockinterview.ui.screens.base import AppScreen
from mockinterview.ui.screens.story_modals import StoryChoice, StoryPickerScreen
from mockinterview.ui.widgets.story_views import AnswerStoryView


class StoryLinkScreen(AppScreen):
    """A screen with an answer's story link (`story_view()`); bind `l` to `link_story`."""

    def __init__(self, answer_id: int | None, story_notes: list[Feedback] | None = None) -> None:
        super().__init__()
        self.answer_id = answer_id
        """The saved answer, when it can be linked to a story (a scored main answer; None: no story part)."""
        self.story_notes = list(story_notes or [])
        self.story_link: AnswerStory | None = None
        """The answer's story link as saved (read on mount and after every change)."""
        self.has_stories = False

    def story_view(self) -> AnswerStoryView:
        """The widget that shows the answer's story link with the story notes."""
        view = AnswerStoryView(id="story-link")
        self._load_story(view)
        return view

    def _load_story(self, view: AnswerStoryView) -> None:
        """Read the answer's story link from the store and show it."""
        store = self.mi_app.context.store
        try:
            self.has_stories = bool(list_stories(store))
            self.story_link = answer_story(store, self.answer_id) if self.answer_id is not None else None
        except UserError as exc:
            view.show_problem(str(exc))
            return
        view.show(self.story_link, self.story_notes, has_stories=self.has_stories)

    def show_story(self) -> None:
        """Redraw the answer's story link as saved (after it changed)."""
        try:
            view = self.query_one(AnswerStoryView)
        except NoMatches:  # this answer has no story part
            return
        self._load_story(view)
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        self.show_story()  # the story bank may have changed while it was open

    def action_link_story(self) -> None:
        """Confirm the answer's story, or pick another one (or none)."""
        if self.answer_id is None:
            return
        stories = list_stories(self.mi_app.context.store)
        link = self.story_link
        current = link.story.id if link is not None and link.story is not None else None
        if current is None and not (link is not None and link.state == "confirmed") and stories:
            current = stories[0].id
        self.app.push_screen(StoryPickerScreen(stories, current), self._story_chosen)

    def _story_chosen(self, choice: StoryChoice | None) -> None:
        if choice is None or self.answer_id is None:
            return
        link = self.story_link
        linked = link.story.id if link is not None and link.story is not None and link.state != "suggested" else None
        if choice.story_id != linked:
            self.story_notes = []  # they compared the answer with the tellings of the story it is no longer linked to
        try:
            confirm_link(self.mi_app.context.store, self.answer_id, choice.story_id)
        except UserError as exc:
            self.notify(str(exc), title="Story not linked", severity="error")
            return
        self.show_story()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`link_story` applies to a linkable answer when the story bank is not empty."""
        if action == "link_story":
            return self.answer_id is not None and self.has_stories
        return True

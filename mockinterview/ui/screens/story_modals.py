"""Small modal screens of the story bank: the story form, the remove confirmation, the story picker.

The form checks its input with the same function the CLI uses (`session.stories.story_input`) and returns
the checked fields; the screen that opened it saves them through the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from mockinterview.errors import UserError
from mockinterview.session.stories import StoryInput, story_input
from mockinterview.storage.stories import StoryRecord
from mockinterview.types import CATEGORIES, MUST_HAVE, PRINCIPLES
from mockinterview.ui.widgets.story_views import category_label, must_have_label, principle_label

NO_STORY = "none"
"""Option id of "no story" in the picker."""


class StoryFormScreen(ModalScreen[StoryInput | None]):
    """Add or edit a story: title, key facts, categories, must-haves, principles, work or not."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save story"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, story: StoryRecord | None = None) -> None:
        super().__init__()
        self.story = story
        """The story being edited (None: a new one)."""

    def compose(self) -> ComposeResult:
        s = self.story
        with Vertical(id="story-form"):
            title = f"Edit story #{s.id}" if s is not None else "New story"
            yield Static(Text(title, style="bold #5fafd7"), id="story-form-title")
            yield Label("Title")
            yield Input(s.title if s else "", placeholder="A short name, e.g. Offline mode launch",
                        id="story-title")
            yield Label("Key facts and numbers")
            yield TextArea(s.facts if s else "", id="story-facts", soft_wrap=True)
            with Horizontal(id="story-tags"):
                with Vertical():
                    yield Label("Categories")
                    yield SelectionList[str](*[(category_label(c), c, bool(s and c in s.categories))
                                               for c in CATEGORIES], id="story-categories")
                with Vertical():
                    yield Label("Must-have stories")
                    yield SelectionList[str](*[(must_have_label(m), m, bool(s and m in s.must_have))
                                               for m in MUST_HAVE], id="story-must-have")
                with Vertical():
                    yield Label("Principles")
                    yield SelectionList[str](*[(principle_label(p), p, bool(s and p in s.principles))
                                               for p in PRINCIPLES], id="story-principles")
            yield Checkbox("A story from outside work (side project, volunteering, a personal challenge)",
                           bool(s and s.non_work), id="story-non-work")
            yield Static(id="story-form-error")
            yield Static(Text("tab moves between fields, space ticks a tag, ctrl+s saves, escape cancels",
                              style="dim"), id="story-form-hint")

    def on_mount(self) -> None:
        self.query_one("#story-title", Input).focus()

    def _selected(self, selector: str) -> list[str]:
        return list(self.query_one(selector, SelectionList).selected)

    def read(self) -> StoryInput:
        """The form's fields, checked as the CLI checks them (UserError names the problem)."""
        return story_input(
            self.query_one("#story-title", Input).value, self.query_one("#story-facts", TextArea).text,
            categories=self._selected("#story-categories"), principles=self._selected("#story-principles"),
            must_have=self._selected("#story-must-have"), non_work=self.query_one("#story-non-work", Checkbox).value,
        )

    def action_save(self) -> None:
        """Check the fields and return them (a problem is shown in the form, which stays open)."""
        try:
            fields = self.read()
        except UserError as exc:
            self.query_one("#story-form-error", Static).update(Text(f"⚠ {exc}", style="bold #d75f5f"))
            return
        self.dismiss(fields)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        """Close the form without saving."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y confirms, n or escape declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.question, style="bold"), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail, style="dim"), id="confirm-detail")
            hint = Text.assemble(("y", "bold"), " yes   ", ("n", "bold"), " or ", ("escape", "bold"), " no")
            yield Static(hint, id="confirm-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


@dataclass(frozen=True, slots=True)
class StoryChoice:
    """The picker's answer: a story id, or None for "no story"."""

    story_id: int | None


class StoryPickerScreen(ModalScreen[StoryChoice | None]):
    """Choose the story an answer told (or none); enter picks, escape leaves it as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, stories: Sequence[StoryRecord], current: int | None = None, *,
                 heading: str = "Which story did this answer tell?") -> None:
        super().__init__()
        self.stories = list(stories)
        self.current = current
        """The story highlighted first (the linked or suggested one; None: "no story")."""
        self.heading = heading

    def compose(self) -> ComposeResult:
        options = [Option(Text.assemble((f"#{s.id} ", "dim"), s.title), id=str(s.id)) for s in self.stories]
        options.append(Option(Text("No story: this answer tells none of them", style="italic"), id=NO_STORY))
        with Vertical(id="picker-box"):
            yield Static(Text(self.heading, style="bold #5fafd7"), id="picker-title")
            yield OptionList(*options, id="picker-options")
            yield Static(Text.assemble(("enter", "bold"), " links the highlighted story   ", ("escape", "bold"),
                                       " leaves it as it was", style="dim"), id="picker-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [str(s.id) for s in self.stories]
        options.highlighted = ids.index(str(self.current)) if str(self.current) in ids else len(ids)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        self.dismiss(StoryChoice(None if option_id in (None, NO_STORY) else int(option_id)))

    def action_cancel(self) -> None:
        self.dismiss(None)

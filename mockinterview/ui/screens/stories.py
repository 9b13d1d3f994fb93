"""The story bank: the user's stories with their practice, and what the bank covers and where its gaps are.

A table of stories (title, tags, answers that told each, best and latest overall score), the highlighted
story in full (every tag and the key facts), then the coverage of the seven categories, the five must-have
stories and the six principles: each with the story that covers it, or the gap named plainly. Stories are
added, edited and removed here (a modal form; removing asks first). All data comes from the session layer.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from mockinterview.errors import UserError
from mockinterview.session.stories import StoryInput, StoryPractice, stories_with_practice, story_coverage
from mockinterview.storage.stories import StoryRecord, add_story, remove_story, update_story
from mockinterview.ui.screens.base import AppScreen
from mockinterview.ui.screens.story_modals import ConfirmScreen, StoryFormScreen
from mockinterview.ui.widgets.report_view import score_text
from mockinterview.ui.widgets.story_views import CoverageView, StoryDetail, tags_text

TITLE_WIDTH = 42
"""Longest story title shown in the table (the detail below shows it whole)."""

TAGS_WIDTH = 40
"""Longest tag list shown in the table."""


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class StoriesScreen(AppScreen):
    """The story bank and its coverage; a adds, e edits, d removes a story, escape goes back."""

    BINDINGS = [
        Binding("a", "add", "Add story"),
        Binding("e", "edit", "Edit story"),
        Binding("d", "remove", "Remove story"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[StoryRecord, StoryPractice]] = []

    def compose(self) -> ComposeResult:
        self.title = "mockinterview · stories"
        yield Header()
        with VerticalScroll(id="stories-page"):
            yield Static(id="stories-title")
            yield DataTable(id="stories-table", cursor_type="row", zebra_stripes=True)
            yield StoryDetail(id="story-detail")
            yield Static(Text("Coverage", style="bold #5fafd7"), id="coverage-title")
            yield CoverageView(id="coverage")
            yield Static(id="stories-hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "story", "answers", "best", "latest", "tags")
        self.reload()
        table.focus()

    # ---- drawing ------------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the bank again and redraw; the cursor goes to story `select` (else stays where it was)."""
        store = self.mi_app.context.store
        self.rows = stories_with_practice(store)
        table = self.query_one(DataTable)
        keep = self.selected_id() if select is None else select
        table.clear()
        for story, practice in self.rows:
            title = Text(short(story.title, TITLE_WIDTH))
            if story.non_work:
                title.append(" (non-work)", style="dim")
            table.add_row(str(story.id), title, str(practice.attempts), score_text(practice.best),
                          score_text(practice.latest), tags_text(story, TAGS_WIDTH), key=str(story.id))
        ids = [s.id for s, _ in self.rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)
        coverage = story_coverage(store)
        n, non_work = len(self.rows), sum(1 for s, _ in self.rows if s.non_work)
        title = Text("Story bank", style="bold #5fafd7")
        title.append(f" · {n} {'story' if n == 1 else 'stories'}", style="#87afaf")
        if n:
            title.append(f" ({non_work} non-work)", style="#87afaf")
            title.append(f" · {len(coverage.gaps)} {'gap' if len(coverage.gaps) == 1 else 'gaps'}",
                         style="#d7af00" if coverage.gaps else "#5faf5f")
        self.query_one("#stories-title", Static).update(title)
        self.query_one(CoverageView).show(coverage)
        self._show_detail()
        hint = Text(style="dim")
        hint.append("a", style="bold")
        hint.append(" adds a story, ")
        if n:
            hint.append("e", style="bold")
            hint.append(" or enter edits the highlighted one, ")
            hint.append("d", style="bold")
            hint.append(" removes it, ")
        hint.append("escape", style="bold")
        hint.append(" goes back, ")
        hint.append("tab", style="bold")
        hint.append(" moves between the stories and the coverage. Answers are linked to stories on the scorecard.")
        self.query_one("#stories-hint", Static).update(hint)
        self.refresh_bindings()

    def _show_detail(self) -> None:
        sid = self.selected_id()
        row = next(((s, p) for s, p in self.rows if s.id == sid), None)
        self.query_one(StoryDetail).show(*row) if row else self.query_one(StoryDetail).show(None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def selected_id(self) -> int | None:
        """The highlighted story's id (None when the bank is empty)."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def selected(self) -> StoryRecord | None:
        sid = self.selected_id()
        return next((s for s, _ in self.rows if s.id == sid), None)

    # ---- keys ---------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "remove"):
            return bool(self.rows)
        return True

    def action_add(self) -> None:
        """Add a story (a form: title, key facts, categories, must-haves, principles)."""
        self.app.push_screen(StoryFormScreen(), self._added)

    def _added(self, fields: StoryInput | None) -> None:
        if fields is None:
            return
        try:
            sid = add_story(self.mi_app.context.store, fields.title, fields.facts, categories=fields.categories,
                            principles=fields.principles, must_have=fields.must_have, non_work=fields.non_work)
        except UserError as exc:
            self.notify(str(exc), title="Story not saved", severity="error")
            return
        self.notify(f"Added story #{sid} '{fields.title}'")
        self.reload(select=sid)

    def action_edit(self) -> None:
        """Edit the highlighted story."""
        story = self.selected()
        if story is not None:
            self.app.push_screen(StoryFormScreen(story), lambda fields: self._edited(story.id, fields))

    def _edited(self, story_id: int, fields: StoryInput | None) -> None:
        if fields is None:
            return
        try:
            story = update_story(self.mi_app.context.store, story_id, title=fields.title, facts=fields.facts,
                                 categories=fields.categories, principles=fields.principles,
                                 must_have=fields.must_have, non_work=fields.non_work)
        except UserError as exc:
            self.notify(str(exc), title="Story not saved", severity="error")
            return
        self.notify(f"Saved story #{story.id} '{story.title}'")
        self.reload(select=story.id)

    def action_remove(self) -> None:
        """Remove the highlighted story (asks first; the answers that told it are kept, unlinked)."""
        story = self.selected()
        if story is None:
            return
        practice = next((p for s, p in self.rows if s.id == story.id), StoryPractice())
        told = f"The {practice.attempts} {'answer' if practice.attempts == 1 else 'answers'} that told it are kept, "\
               "unlinked." if practice.attempts else "No answer is linked to it."
        self.app.push_screen(ConfirmScreen(f"Remove story #{story.id} '{story.title}'?", told),
                             lambda yes: self._removed(story.id, bool(yes)))

    def _removed(self, story_id: int, yes: bool) -> None:
        if not yes:
            return
        try:
            story = remove_story(self.mi_app.context.store, story_id)
        except UserError as exc:
            self.notify(str(exc), title="Story not removed", severity="error")
            return
        self.notify(f"Removed story #{story.id} '{story.title}'")
        self.reload()

    def action_back(self) -> None:
        """Back to where the story bank was opened from."""
        self.dismiss()

"""The session debrief screen: strongest and weakest dimension, recurring flags with quotes, time against the
window, story variety, and the next drill with one key to start it (drawn from a typed `Debrief`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from mockinterview.errors import UserError
from mockinterview.formatting import mmss
from mockinterview.session.debrief import DIMENSION_NAMES, Debrief, debrief_for
from mockinterview.ui.screens.base import AppScreen
from mockinterview.ui.screens.scorecard import heading
from mockinterview.ui.widgets.report_view import score_colour

if TYPE_CHECKING:
    from mockinterview.ui.app import MockInterviewApp


def dimensions_text(d: Debrief) -> Text:
    text = Text()
    for label, (name, value) in (("Strongest", d.strongest), ("Weakest", d.weakest)):
        text.append(f"{label}: ", style="bold")
        text.append(f"{DIMENSION_NAMES[name]} ", style="bold")
        text.append(f"{value:.0f}", style=f"bold {score_colour(value)}")
        text.append("\n")
    text.append("  ".join(f"{k} {v:.0f}" for k, v in d.dimensions.items()), style="dim")
    if d.overall_mean is not None:
        text.append(f"   (overall mean {d.overall_mean:.0f})", style="dim")
    return text


def recurring_text(d: Debrief) -> Text:
    text = Text()
    if not d.recurring:
        text.append("No flag came back on more than one answer.", style="#5faf5f")
    for i, r in enumerate(d.recurring):
        if i:
            text.append("\n")
        text.append(f" {r.flag} ", style="bold black on #d78700")
        text.append(f" on {r.answers} answers")
        for q in r.quotes:
            text.append(f"\n    “{q}”", style="italic #d7d7af")
    return text


def time_text(d: Debrief) -> Text:
    t = d.time
    text = Text()
    text.append(f"{t.in_window} of {len(t.lengths_s)} answers in the {t.target} window", style="bold")
    text.append(f"   lengths {', '.join(mmss(x) for x in t.lengths_s)}   total {mmss(t.total_s)}")
    if t.rushed or t.long:
        text.append(f"\n{t.rushed} rushed, {t.long} long", style="#d78700")
    return text


class DebriefScreen(AppScreen):
    """After the last question: the session summed up; `d` starts the recommended drill."""

    BINDINGS = [Binding("d", "drill", "Start the recommended drill")]

    def __init__(self, debrief: Debrief, *, can_drill: bool = True) -> None:
        super().__init__()
        self.debrief = debrief
        self.can_drill = can_drill and debrief.drill is not None

    def compose(self) -> ComposeResult:
        d = self.debrief
        yield Header()
        with VerticalScroll(id="debrief"):
            yield Static(Text(f"Session debrief · {d.answers} questions", style="bold #5fafd7"), id="debrief-title")
            yield heading("Dimensions")
            yield Static(dimensions_text(d), id="debrief-dimensions")
            yield heading("Recurring flags")
            yield Static(recurring_text(d), id="debrief-recurring")
            yield heading("Time")
            yield Static(time_text(d), id="debrief-time")
            yield heading("Story variety")
            yield Static(Text("\n".join(f"• {v}" for v in d.variety)), id="debrief-variety")
            yield heading("Next drill")
            drill = Text()
            if d.drill is not None:
                drill.append(d.drill.question, style="bold")
                drill.append(f"\n{d.drill.reason}.")
            yield Static(drill, id="debrief-drill")
            hint = Text(style="dim")
            if self.can_drill:
                hint.append("Press ")
                hint.append("d", style="bold")
                hint.append(" to start that drill, ")
            else:
                hint.append("Press ")
            hint.append("q", style="bold")
            hint.append(" to quit (the session is saved).")
            yield Static(hint, id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "mockinterview · debrief"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill":
            return self.can_drill and self.mi_app.can_answer()
        return True

    def action_drill(self) -> None:
        """Drill the recommended question: the story, then rapid follow-ups."""
        if self.debrief.drill is not None:
            self.mi_app.start_drill(self.debrief.drill)


def show_debrief(app: MockInterviewApp) -> None:
    """Switch to the debrief of `app`'s practice run (a note instead when it cannot be made yet)."""
    run = app.practice
    if run is None or run.session_id is None:
        return
    store = app.context.store
    try:
        debrief = debrief_for(store, store.get_session(run.session_id), app.context.flow.targets)
    except UserError as exc:
        app.notify(str(exc), severity="warning")
        return
    if debrief is None:
        app.notify("A debrief needs at least two answered questions.")
        return
    app.switch_screen(DebriefScreen(debrief))

"""Trends across sessions: overall score, fillers per minute, situation share, answer length and pitch spread."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from mockinterview.session.trends import TrendPoint, session_trends
from mockinterview.ui.screens.base import AppScreen

PLOTS: tuple[tuple[str, str, Callable[[TrendPoint], float | None], tuple[float, float] | None], ...] = (
    ("overall", "Overall score", lambda p: p.overall, (0, 100)),
    ("fillers", "Fillers per minute", lambda p: p.fillers_per_min, None),
    ("situation", "Situation share (%)", lambda p: p.situation_share * 100, (0, 100)),
    ("duration", "Answer length (min)", lambda p: p.duration_s / 60, None),
    ("pitch", "Pitch spread (semitones)", lambda p: p.pitch_spread_st, None),
)
"""(id, title, value of a point (None: not measured), fixed y range) of each plot."""


class TrendsScreen(AppScreen):
    """One plot per figure, one point per session (means over its scored main answers)."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        self.title = "mockinterview · trends"
        yield Header()
        yield Static(id="trends-title")
        with Container(id="trends"):
            for plot_id, _title, _value, _limits in PLOTS:
                yield PlotextPlot(id=f"plot-{plot_id}")
        yield Footer()

    def on_mount(self) -> None:
        points = session_trends(self.mi_app.context.store)
        title = Text("Trends across sessions", style="bold #5fafd7")
        title.append(f"  ·  {len(points)} sessions with scored answers", style="dim")
        if len(points) < 2:
            title.append("  ·  practise more to see a trend", style="dim")
        self.query_one("#trends-title", Static).update(title)
        for plot_id, name, value, limits in PLOTS:
            self._draw(self.query_one(f"#plot-{plot_id}", PlotextPlot), name, points, value, limits)

    @staticmethod
    def _draw(widget: PlotextPlot, name: str, points: list[TrendPoint],
              value: Callable[[TrendPoint], float | None], limits: tuple[float, float] | None) -> None:
        plt = widget.plt
        plt.clear_data()
        plt.title(name)
        measured = [(float(x), p, v) for x, p in enumerate(points, 1) if (v := value(p)) is not None]
        xs = [x for x, _, _ in measured]
        ys = [round(v, 2) for _, _, v in measured]
        if xs:
            plt.plot(xs, ys, marker="braille")
            plt.scatter(xs, ys)
            plt.xticks(xs, [f"#{p.session_id}" for _, p, _ in measured])
        if limits:
            plt.ylim(*limits)
        plt.xlabel("session")
        widget.refresh()

    def action_back(self) -> None:
        """Back to the list of sessions."""
        self.app.pop_screen()

"""Trends across sessions: overall score, fillers per minute, situation share and answer length as plots."""

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

PLOTS: tuple[tuple[str, str, Callable[[TrendPoint], float], tuple[float, float] | None], ...] = (
    ("overall", "Overall score", lambda p: p.overall, (0, 100)),
    ("fillers", "Fillers per minute", lambda p: p.fillers_per_min, None),
    ("situation", "Situation share (%)", lambda p: p.situation_share * 100, (0, 100)),
    ("duration", "Answer length (min)", lambda p: p.duration_s / 60, None),
)
"""(id, title, value of a point, fixed y range) of each plot."""


class TrendsScreen(AppScreen):
    """Four plots, one point per session (means over its scored main answers)."""

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
    def _draw(widget: PlotextPlot, name: str, points: list[TrendPoint], value: Callable[[TrendPoint], float],
              limits: tuple[float, float] | None) -> None:
        plt = widget.plt
        plt.clear_data()
        plt.title(name)
        xs = [float(x) for x in range(1, len(points) + 1)]
        ys = [round(value(p), 2) for p in points]
        if xs:
            plt.plot(xs, ys, marker="braille")
            plt.scatter(xs, ys)
            plt.xticks(xs, [f"#{p.session_id}" for p in points])
        if limits:
            plt.ylim(*limits)
        plt.xlabel("session")
        widget.refresh()

    def action_back(self) -> None:
        """Back to the list of sessions."""
        self.app.pop_screen()

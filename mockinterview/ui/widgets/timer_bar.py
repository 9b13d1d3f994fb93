"""The answer timer: a bar over 0..span with the targets' time marks, coloured by the window verdict."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from mockinterview.formatting import mmss
from mockinterview.report import Window

WINDOW_COLOURS: dict[Window, str] = {
    Window.RUSHED: "#5f87af", Window.IDEAL: "#5faf5f", Window.LONG: "#d78700", Window.OVER: "#d75f5f",
}
"""Colour of each window verdict (still short, in the target window, long, over) on the timer and scorecard."""

TRACK = "#3a3a3a"
"""Colour of the unfilled part of the bar."""


class TimerBar(Widget):
    """Elapsed answer time on a bar with marks; `window` picks the colour, `cue` a short message."""

    DEFAULT_CSS = """
    TimerBar { height: 3; }
    """

    elapsed: reactive[float] = reactive(0.0)
    window: reactive[Window] = reactive(Window.RUSHED)
    cue: reactive[str] = reactive("")
    waiting: reactive[bool] = reactive(True)

    def __init__(self, span_s: float, marks: tuple[float, ...], target: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.span_s = span_s
        self.marks = marks
        self.target = target

    def _col(self, seconds: float, width: int) -> int:
        return min(width - 1, max(0, int(seconds / self.span_s * width)))

    def render(self) -> Text:
        width = max(10, self.size.width)
        colour = WINDOW_COLOURS[self.window]
        filled = 0 if self.waiting else min(width, int(self.elapsed / self.span_s * width))
        mark_cols = {self._col(m, width) for m in self.marks}
        bar = Text()
        for x in range(width):
            char = "┃" if x in mark_cols else " "
            bar.append(char, style=f"on {colour}" if x < filled else f"on {TRACK}")
        labels = [" "] * width
        for m in self.marks:
            label = mmss(m)
            x = max(0, min(width - len(label), self._col(m, width) - len(label) // 2))
            labels[x:x + len(label)] = list(label)
        head = Text()
        if self.waiting:
            head.append("0:00", style="bold")
            head.append("  waiting for the first words", style="dim")
        else:
            head.append(mmss(self.elapsed), style=f"bold {colour}")
            head.append(f"  {self.target}", style="dim")
        if self.cue:
            head.append(f"   {self.cue}", style=f"bold {colour}")
        out = Text("\n").join([head, bar, Text("".join(labels), style="dim")])
        return out

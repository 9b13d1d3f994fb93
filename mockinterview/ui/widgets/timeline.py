"""The section timeline: a coloured bar of S/T/A/R/X/O over the answer's time, with each part's share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.widget import Widget

from mockinterview.formatting import mmss
from mockinterview.report import LABELS
from mockinterview.ui.widgets.styles import LABEL_COLOURS, LABEL_NAMES

GAP = "#303030"
"""Colour of time between sections (pauses)."""


def timeline_bar(sections: Sequence[Mapping[str, Any]], width: int) -> Text:
    """One line: each column coloured by the section at that time, its letter where the section begins."""
    if not sections or width <= 0:
        return Text(" " * max(0, width), style=f"on {GAP}")
    start = float(sections[0]["start"])
    end = max(float(s["end"]) for s in sections)
    span = max(end - start, 1e-6)
    text = Text()
    previous = None
    for x in range(width):
        t = start + (x + 0.5) / width * span
        label = next((str(s["label"]) for s in sections if s["start"] <= t <= s["end"]), None)
        if label is None:
            text.append(" ", style=f"on {GAP}")
            continue
        char = label if label != previous else " "
        previous = label
        text.append(char, style=f"bold black on {LABEL_COLOURS.get(label, GAP)}")
    return text


def share_legend(share: Mapping[str, float]) -> Text:
    """"S Situation 14%  T Task 6% ..." with each letter in its colour."""
    text = Text()
    for label in LABELS:
        text.append(f" {label} ", style=f"bold black on {LABEL_COLOURS[label]}")
        text.append(f" {LABEL_NAMES[label]} {share.get(label, 0.0):.0%}   ")
    return text


class SectionTimeline(Widget):
    """The timeline bar, a time axis and the legend with each part's share of speaking time."""

    DEFAULT_CSS = """
    SectionTimeline { height: 4; }
    """

    def __init__(self, sections: Sequence[Mapping[str, Any]], share: Mapping[str, float], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.sections = list(sections)
        self.share = dict(share)

    def render(self) -> Text:
        width = max(10, self.size.width)
        axis = Text(style="dim")
        if self.sections:
            left, right = mmss(self.sections[0]["start"]), mmss(max(s["end"] for s in self.sections))
            axis.append(left + " " * max(1, width - len(left) - len(right)) + right)
        return Text("\n").join([timeline_bar(self.sections, width), axis, share_legend(self.share)])

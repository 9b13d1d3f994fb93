"""The section timeline: a coloured bar of S/T/A/R/X/O over the answer's time, with each part's share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widget import Widget

from mockinterview.formatting import mmss
from mockinterview.report import LABEL_NAMES, LABELS, Label, Section

LABEL_COLOURS: dict[Label, str] = {
    Label.S: "#5f87d7", Label.T: "#00afaf", Label.A: "#5faf5f", Label.R: "#d7af00", Label.X: "#af87d7",
    Label.O: "#808080",
}
"""Background colour of each section label in timelines, transcripts and the live phase."""

GAP = "#303030"
"""Colour of time between sections (pauses)."""


def label_chip(label: Label) -> tuple[str, str]:
    """(" S ", style): a label's letter on its colour."""
    return f" {label} ", f"bold black on {LABEL_COLOURS[label]}"


def timeline_bar(sections: Sequence[Section], width: int) -> Text:
    """One line: each column coloured by the section at that time, its letter where the section begins."""
    if not sections or width <= 0:
        return Text(" " * max(0, width), style=f"on {GAP}")
    start = sections[0].start
    end = max(s.end for s in sections)
    span = max(end - start, 1e-6)
    text = Text()
    previous = None
    for x in range(width):
        t = start + (x + 0.5) / width * span
        label = next((s.label for s in sections if s.start <= t <= s.end), None)
        if label is None:
            text.append(" ", style=f"on {GAP}")
            continue
        char = str(label) if label != previous else " "
        previous = label
        text.append(char, style=f"bold black on {LABEL_COLOURS[label]}")
    return text


def share_legend(share: Mapping[Label, float]) -> Text:
    """"S Situation 14%  T Task 6% ..." with each letter in its colour."""
    text = Text()
    for label in LABELS:
        text.append(*label_chip(label))
        text.append(f" {LABEL_NAMES[label]} {share.get(label, 0.0):.0%}   ")
    return text


class SectionTimeline(Widget):
    """The timeline bar, a time axis and the legend with each part's share of speaking time."""

    DEFAULT_CSS = """
    SectionTimeline { height: 4; }
    """

    def __init__(self, sections: Sequence[Section], share: Mapping[Label, float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sections = list(sections)
        self.share = dict(share)

    def render(self) -> Text:
        width = max(10, self.size.width)
        axis = Text(style="dim")
        if self.sections:
            left, right = mmss(self.sections[0].start), mmss(max(s.end for s in self.sections))
            axis.append(left + " " * max(1, width - len(left) - len(right)) + right)
        return Text("\n").join([timeline_bar(self.sections, width), axis, share_legend(self.share)])

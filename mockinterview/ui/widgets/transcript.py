"""Transcripts as styled text: committed words, greyed partial words, fillers marked, sections coloured."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import Static

from mockinterview.report import Label, Section
from mockinterview.types import Word
from mockinterview.ui.widgets.timeline import LABEL_COLOURS, label_chip

FILLER_STYLE = "bold #ffaf00 underline"
"""How filler words are marked in transcripts."""

PARTIAL_STYLE = "italic #767676"
"""How provisional (not yet committed) words are drawn."""


def _label_at(sections: Sequence[Section], t: float) -> Label | None:
    for sec in sections:
        if sec.start - 0.05 <= t <= sec.end + 0.05:
            return sec.label
    return None


def transcript_text(words: Sequence[Word], partial: Iterable[Word] = (), *, filler_starts: Iterable[float] = (),
                    sections: Sequence[Section] = (), limit: int | None = None) -> Text:
    """Committed words (fillers marked), then provisional words greyed.

    With `sections` each section starts on a new line with its label, and its words take the label's colour.
    `limit` keeps only the last that many committed words.
    """
    fillers = set(filler_starts)
    shown = list(words)[-limit:] if limit else list(words)
    text = Text()
    current: Label | None = None
    for i, w in enumerate(shown):
        style = ""
        if sections:
            label = _label_at(sections, w.start) or current or Label.O
            if label != current:
                if current is not None:
                    text.append("\n")
                text.append(*label_chip(label))
                text.append(" ")
                current = label
            style = LABEL_COLOURS[label]
        elif i:
            text.append(" ")
        if w.filler or w.start in fillers:
            style = FILLER_STYLE
        text.append(w.text.strip(), style=style)
        if sections:
            text.append(" ")
    partial_text = " ".join(w.text.strip() for w in partial)
    if partial_text:
        text.append((" " if shown else "") + partial_text, style=PARTIAL_STYLE)
    return text


class LiveTranscript(Static):
    """The transcript of the answer so far."""

    DEFAULT_CSS = """
    LiveTranscript { height: auto; }
    """

    def show(self, words: Sequence[Word], partial: Iterable[Word], filler_starts: Iterable[float],
             limit: int) -> None:
        text = transcript_text(words, partial, filler_starts=filler_starts, limit=limit)
        if not text.plain:
            text = Text("Your words appear here as you speak.", style="dim italic")
        self.update(text)


class AnswerTranscript(Static):
    """A finished answer's words, fillers marked; with `sections`, one line per section in its colour."""

    def __init__(self, words: Sequence[Word], sections: Sequence[Section] = (), *, id: str | None = None) -> None:
        text = transcript_text(words, sections=sections) if words else Text("No words.", style="dim")
        super().__init__(text, id=id)

"""Transcripts as styled text: committed words, greyed partial words, fillers marked, sections coloured."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import Static

from mockinterview.types import Word
from mockinterview.ui.widgets.styles import FILLER_STYLE, LABEL_COLOURS, PARTIAL_STYLE


def _label_at(sections: Sequence[Mapping[str, Any]], t: float) -> str:
    for sec in sections:
        if sec["start"] - 0.05 <= t <= sec["end"] + 0.05:
            return str(sec["label"])
    return ""


def transcript_text(words: Sequence[Word], partial: Iterable[Word] = (), *, filler_starts: Iterable[float] = (),
                    sections: Sequence[Mapping[str, Any]] = (), limit: int | None = None) -> Text:
    """Committed words (fillers marked), then provisional words greyed.

    With `sections` each section starts on a new line with its label, and its words take the label's colour.
    `limit` keeps only the last that many committed words.
    """
    fillers = set(filler_starts)
    shown = list(words)[-limit:] if limit else list(words)
    text = Text()
    current = None
    for i, w in enumerate(shown):
        style = ""
        if sections:
            label = _label_at(sections, w.start) or current or "O"
            if label != current:
                if current is not None:
                    text.append("\n")
                text.append(f" {label} ", style=f"bold black on {LABEL_COLOURS[label]}")
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

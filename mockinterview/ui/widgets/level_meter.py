"""The microphone level meter: input level in dBFS as a short bar."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class LevelMeter(Widget):
    """Shows `dbfs` between `floor_dbfs` (empty) and 0 dBFS (full); speech-level input is green."""

    DEFAULT_CSS = """
    LevelMeter { height: 1; width: 28; }
    """

    dbfs: reactive[float] = reactive(-90.0)
    active: reactive[bool] = reactive(False)

    def __init__(self, floor_dbfs: float = -60.0, speech_dbfs: float = -35.0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.floor_dbfs = floor_dbfs
        self.speech_dbfs = speech_dbfs

    def render(self) -> Text:
        cells = max(4, self.size.width - 6)
        text = Text("mic ", style="dim")
        if not self.active:
            return text.append("off", style="dim")
        share = (self.dbfs - self.floor_dbfs) / -self.floor_dbfs
        n = max(0, min(cells, round(share * cells)))
        colour = "#5faf5f" if self.dbfs >= self.speech_dbfs else "#5f87af"
        text.append("▮" * n, style=colour)
        text.append("▯" * (cells - n), style="#444444")
        return text

"""Colours and names shared by the widgets: STAR+ labels, windows, fillers."""

from __future__ import annotations

from mockinterview.analysis.delivery import DeliverySettings

LABEL_NAMES = {"S": "Situation", "T": "Task", "A": "Action", "R": "Result", "X": "Reflection", "O": "Other"}
"""Display names of the section labels."""

LABEL_COLOURS = {
    "S": "#5f87d7", "T": "#00afaf", "A": "#5faf5f", "R": "#d7af00", "X": "#af87d7", "O": "#808080",
}
"""Background colour of each section label in timelines and transcripts."""

WINDOW_COLOURS = {"rushed": "#5f87af", "ideal": "#5faf5f", "long": "#d78700", "over": "#d75f5f"}
"""Timer bar colour for each window verdict (still short, in the target window, long, over)."""

def window_text(window: str, delivery: DeliverySettings) -> str:
    """What a window verdict means for this answer's timer, e.g. "in the 2:00-3:00 window"."""
    d = delivery
    return {
        "rushed": f"under {mmss(d.ideal_from_s)}",
        "ideal": f"in the {mmss(d.ideal_from_s)}-{mmss(d.long_from_s)} window",
        "long": f"past {mmss(d.long_from_s)}: wrap up",
        "over": f"over {mmss(d.over_from_s)}",
    }.get(window, "")

FILLER_STYLE = "bold #ffaf00 underline"
"""How filler words are marked in transcripts."""

PARTIAL_STYLE = "italic #767676"
"""How provisional (not yet committed) words are drawn."""


def mmss(seconds: float | None) -> str:
    """95.2 -> "1:35"; None -> "-"."""
    if seconds is None:
        return "-"
    total = max(0, int(seconds))
    return f"{total // 60}:{total % 60:02d}"

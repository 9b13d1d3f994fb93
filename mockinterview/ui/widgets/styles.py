"""Colours and names shared by the widgets: STAR+ labels, windows, fillers."""

from __future__ import annotations

LABEL_NAMES = {"S": "Situation", "T": "Task", "A": "Action", "R": "Result", "X": "Reflection", "O": "Other"}
"""Display names of the section labels."""

LABEL_COLOURS = {
    "S": "#5f87d7", "T": "#00afaf", "A": "#5faf5f", "R": "#d7af00", "X": "#af87d7", "O": "#808080",
}
"""Background colour of each section label in timelines and transcripts."""

WINDOW_COLOURS = {"rushed": "#5f87af", "ideal": "#5faf5f", "long": "#d78700", "over": "#d75f5f"}
"""Timer bar colour for each window verdict (still short, in the target window, long, over)."""

FILLER_STYLE = "bold #ffaf00 underline"
"""How filler words are marked in transcripts."""

PARTIAL_STYLE = "italic #767676"
"""How provisional (not yet committed) words are drawn."""


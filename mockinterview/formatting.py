"""Plain-text helpers every layer shares."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a terminal may act on (escape sequences, bell, ...); newline and tab are layout."""


def mmss(seconds: float | None) -> str:
    """Whole elapsed seconds as a clock reads them: 95.8 -> "1:35" (truncated, so a 119.7 s answer is "1:59",
    under 2:00, as the window verdict says); None -> "-"."""
    if seconds is None:
        return "-"
    total = max(0, int(seconds))
    return f"{total // 60}:{total % 60:02d}"


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (ESC, BEL, ...) are shown as escapes ("\\x1b"),
    so text from a bank, a transcript or the command line can never retitle or reprogram the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """`printable(text)` with line breaks shown as escapes too (for one-line messages)."""
    return printable(text).replace("\n", "\\n").replace("\t", " ")


LESS_CERTAIN_TEXT = {
    "fillers": "part of the answer was checked for um/uh by its sound alone",
    "transcript": "part of the answer was transcribed with the faster, less exact decoding",
}
"""Why a report figure is less certain, by the names `PipelineStats.less_certain` gives."""


def less_certain_note(pipeline: Mapping[str, Any] | None) -> str | None:
    """One line saying which figures are less certain because the machine was too busy for all the work
    (a report's `pipeline.less_certain`), or None."""
    names = (pipeline or {}).get("less_certain") or []
    reasons = [LESS_CERTAIN_TEXT[n] for n in names if n in LESS_CERTAIN_TEXT]
    if not reasons:
        return None
    return "Less certain (the computer was busy): " + "; ".join(reasons) + "."

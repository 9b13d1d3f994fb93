"""Plain-text helpers every layer shares."""

from __future__ import annotations

import re

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

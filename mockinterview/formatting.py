"""Plain-text helpers every layer shares."""

from __future__ import annotations


def mmss(seconds: float | None) -> str:
    """Whole elapsed seconds as a clock reads them: 95.8 -> "1:35" (truncated, so a 119.7 s answer is "1:59",
    under 2:00, as the window verdict says); None -> "-"."""
    if seconds is None:
        return "-"
    total = max(0, int(seconds))
    return f"{total // 60}:{total % 60:02d}"

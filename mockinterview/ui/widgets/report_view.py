"""The parts of a scorecard, drawn from a report in the `score --json` form (live or stored alike)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text

from mockinterview.analysis.targets import CoachingTargets
from mockinterview.formatting import less_certain_note, mmss
from mockinterview.ui.widgets.styles import WINDOW_COLOURS

SCORE_NAMES = ("structure", "ownership", "impact", "reflection", "delivery")
"""The sub-scores, in the order they are shown."""

GOOD_SCORE = 70
"""Scores at or above this are drawn green."""

FAIR_SCORE = 50
"""Scores at or above this (and below GOOD_SCORE) are drawn amber; lower ones red."""

FLAG_TEXT = {
    "long_situation": "too much situation", "we_heavy": "hiding behind \"we\"", "no_numbers": "no numbers",
    "no_reflection": "no reflection", "blame": "blames others", "generic": "generic story",
    "filler_heavy": "many fillers",
}
"""How each flag reads on the scorecard (too_short and too_long name the targets' window edges)."""


def score_colour(value: float | None) -> str:
    if value is None:
        return "dim"
    if value >= GOOD_SCORE:
        return "#5faf5f"
    return "#d7af00" if value >= FAIR_SCORE else "#d75f5f"


def scores_text(report: Mapping[str, Any]) -> Text:
    """"Overall 72   structure 80  ownership 65 ..."."""
    scores = report.get("scores", {})
    overall = scores.get("overall")
    text = Text()
    text.append("Overall ", style="bold")
    text.append(f"{overall if overall is not None else '-'}", style=f"bold {score_colour(overall)}")
    text.append("/100    ", style="dim")
    for name in [*SCORE_NAMES, *(k for k in scores if k not in SCORE_NAMES and k != "overall")]:
        if name in scores:
            text.append(f"{name} ")
            text.append(f"{scores[name]}", style=f"bold {score_colour(scores[name])}")
            text.append("   ")
    return text


def delivery_text(report: Mapping[str, Any]) -> Text:
    """Length and window, speaking time, pace, fillers, long pauses."""
    window = str(report.get("window", ""))
    fillers = report.get("fillers", {})
    by_word = sorted(fillers.get("by_word", {}).items(), key=lambda kv: -kv[1])
    text = Text()
    text.append(mmss(report.get("duration_s", 0.0)), style=f"bold {WINDOW_COLOURS.get(window, '')}")
    text.append(f" ({window})   speaking {report.get('speaking_s', 0.0):.0f} s   {report.get('wpm', 0.0):.0f} wpm   ")
    text.append(f"{fillers.get('total', 0)} fillers ({fillers.get('per_minute', 0.0):.1f}/min")
    if by_word:
        text.append(": " + ", ".join(f"{w} {n}" for w, n in by_word[:5]))
    text.append(f")   {len(report.get('pauses', []))} long pauses")
    if report.get("timing") == "estimated":
        text.append("   (timings estimated)", style="dim")
    if note := less_certain_note(report.get("pipeline")):
        text.append(f"\n{note}", style="dim #d7af00")
    return text


def flags_text(flags: Sequence[str], targets: CoachingTargets) -> Text:
    if not flags:
        return Text("No flags: nothing the coach would stop you for.", style="#5faf5f")
    names = FLAG_TEXT | {"too_short": f"under {mmss(targets.ideal_from_s)}",
                         "too_long": f"over {mmss(targets.over_from_s)}"}
    text = Text()
    for flag in flags:
        text.append(f" {names.get(flag, flag)} ", style="bold black on #d78700")
        text.append("  ")
    return text


def feedback_text(feedback: Sequence[Mapping[str, Any]]) -> Text:
    """Each feedback point, with the speaker's own words quoted under it."""
    text = Text()
    for i, fb in enumerate(feedback):
        if i:
            text.append("\n")
        text.append("• ", style="bold")
        text.append(str(fb.get("message", "")))
        quote = str(fb.get("quote", ""))
        if quote and quote not in str(fb.get("message", "")):
            text.append("\n    “", style="dim")
            text.append(quote, style="italic #d7d7af")
            text.append("”", style="dim")
    if not feedback:
        text.append("No feedback.", style="dim")
    return text

"""Follow-up questions: probes aimed at what the answer lacked, then the standard probes."""

from __future__ import annotations

from dataclasses import dataclass

from mockinterview.analysis.star.flags import Findings


@dataclass(frozen=True, slots=True)
class FollowupSettings:
    """How many follow-ups and which kind first."""

    max_questions: int = 3
    """At most this many follow-ups."""

    min_questions: int = 2
    """At least this many (standard probes fill up)."""

    max_targeted: int = 2
    """At most this many probes aimed at gaps, so a standard probe still fits."""


TARGETED: tuple[tuple[str, str], ...] = (
    ("we_heavy", "You said 'we' {we} times - what did you personally do?"),
    ("no_numbers", "What was the measurable result?"),
    ("blame", "What part of that outcome was yours, and what would you do earlier next time?"),
    ("generic", "Which systems or tools were involved, and what was the hardest technical decision you made?"),
    ("no_reflection", "What would you do differently?"),
    ("long_situation", "What exactly was the problem you had to solve, in one sentence?"),
    ("too_short", "Walk me through the key decision you made - what options did you weigh?"),
    ("too_long", "If you had thirty seconds, what is the one thing you would want me to remember?"),
)
"""(flag, question) in priority order; "{we}" is filled with the count of "we" in the actions."""

STANDARD = (
    "What would you do differently?",
    "How did others react?",
    "What was the hardest trade-off you made?",
)
"""Probes every story gets (docs/COACHING.md)."""


def choose_followups(f: Findings, settings: FollowupSettings = FollowupSettings(),
                     probes: tuple[str, ...] = ()) -> list[str]:
    """2-3 follow-ups: targeted probes for the flags present, then the question's own and standard probes."""
    out: list[str] = []
    for flag, text in TARGETED:
        if flag in f.flags and len(out) < settings.max_targeted:
            out.append(text.format(we=f.action_we))
    for text in (*probes, *STANDARD):
        if len(out) >= settings.max_questions:
            break
        if text not in out:
            out.append(text)
    return out[: max(settings.min_questions, min(settings.max_questions, len(out)))]

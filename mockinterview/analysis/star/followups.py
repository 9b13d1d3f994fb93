"""Follow-up questions: a probe quoting the answer's own words, probes aimed at what the answer lacked, then
the question's own and the standard probes."""

from __future__ import annotations

from collections.abc import Sequence
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

    max_content: int = 1
    """At most this many probes quoting the answer's own words (`probes.answer_probes`), asked first."""


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
                     probes: tuple[str, ...] = (), content: Sequence[str] = ()) -> list[str]:
    """2-3 follow-ups: a probe quoting the answer (`content`), targeted probes for the flags present, then the
    question's own and standard probes; one place is always left for a probe that is not targeted."""
    out: list[str] = list(content[: settings.max_content])
    room = min(settings.max_targeted, settings.max_questions - 1 - len(out))
    for flag, text in TARGETED:
        if flag in f.flags and room > 0:
            out.append(text.format(we=f.action_we))
            room -= 1
    for text in (*probes, *STANDARD):
        if len(out) >= settings.max_questions:
            break
        if text not in out:
            out.append(text)
    return out[: max(settings.min_questions, min(settings.max_questions, len(out)))]

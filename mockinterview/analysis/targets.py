"""The coaching targets: the numbers docs/COACHING.md coaches toward, defined once.

Every consumer derives from one `CoachingTargets`: the window verdict and the too_short/too_long flags, the
long_situation flag and the structure score, the pace and filler bands of the delivery score, the feedback
wording, the live timer's cues and marks, the live Situation warning and the follow-up window. Change a
target here (or pass another `CoachingTargets`) and all of them move together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mockinterview.formatting import mmss
from mockinterview.report import Window


@dataclass(frozen=True, slots=True)
class CoachingTargets:
    """What a senior answer aims for (docs/COACHING.md's defaults)."""

    ideal_from_s: float = 120.0
    """An answer shorter than this is "rushed" (and flagged too_short): the low end of the 2-3 minute window."""

    long_from_s: float = 180.0
    """An answer longer than this is "long": past the target window."""

    over_from_s: float = 240.0
    """An answer longer than this is "over": it loses the interviewer (and is flagged too_long)."""

    challenge_by_s: float = 60.0
    """The Situation should be done and the challenge reached this long after the answer starts."""

    situation_share: float = 0.20
    """The Situation should take at most this share of the speaking time."""

    comfortable_wpm: tuple[float, float] = (130.0, 160.0)
    """A comfortable interview pace, in words per minute of speaking time."""

    fluent_per_min: float = 1.0
    """About this many fillers per minute reads fluent (published band)."""

    filler_heavy_per_min: float = 4.0
    """At or above this many fillers per minute the answer is filler-heavy (about 5 reads hesitant)."""

    long_pause_s: float = 2.0
    """A silence inside the answer longer than this is a long pause."""

    followup_window_s: tuple[float, float, float] = (30.0, 90.0, 120.0)
    """A follow-up answer's window: rushed below the first, long above the second, over above the third."""

    def window(self, duration_s: float) -> Window:
        """The window verdict for an answer (or the live elapsed time) of this length."""
        if duration_s > self.over_from_s:
            return Window.OVER
        if duration_s > self.long_from_s:
            return Window.LONG
        if duration_s >= self.ideal_from_s:
            return Window.IDEAL
        return Window.RUSHED

    @property
    def target_text(self) -> str:
        """The target window as text, e.g. "2:00-3:00"."""
        return f"{mmss(self.ideal_from_s)}-{mmss(self.long_from_s)}"

    def window_text(self, window: Window) -> str:
        """What a window verdict means for this answer, e.g. "in the 2:00-3:00 window"."""
        return {
            Window.RUSHED: f"under {mmss(self.ideal_from_s)}",
            Window.IDEAL: f"in the {self.target_text} window",
            Window.LONG: f"past {mmss(self.long_from_s)}: wrap up",
            Window.OVER: f"over {mmss(self.over_from_s)}",
        }[window]

    @property
    def window_marks(self) -> tuple[float, float, float]:
        """The window's three edges: ideal from, long from, over from."""
        return (self.ideal_from_s, self.long_from_s, self.over_from_s)

    @property
    def marks(self) -> tuple[float, ...]:
        """The main answer's time marks: the challenge time, then the window's three edges."""
        return (self.challenge_by_s, *self.window_marks)

    def followup(self) -> CoachingTargets:
        """The targets of a follow-up answer: its own shorter window, everything else the same."""
        lo, hi, over = self.followup_window_s
        return replace(self, ideal_from_s=lo, long_from_s=hi, over_from_s=over, challenge_by_s=lo)


DEFAULT_TARGETS = CoachingTargets()
"""docs/COACHING.md's targets."""

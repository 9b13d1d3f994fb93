"""The parts of a scorecard as widgets, each drawn from a typed `AnswerReport` (live or stored alike)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from mockinterview.analysis.targets import CoachingTargets
from mockinterview.formatting import less_certain_note, mmss
from mockinterview.report import SCORE_NAMES, AnswerReport, Feedback, Flag, Prosody, Timing
from mockinterview.ui.widgets.timer_bar import WINDOW_COLOURS

GOOD_SCORE = 70
"""Scores at or above this are drawn green."""

FAIR_SCORE = 50
"""Scores at or above this (and below GOOD_SCORE) are drawn amber; lower ones red."""

FLAG_TEXT = {
    Flag.LONG_SITUATION: "too much situation", Flag.WE_HEAVY: "hiding behind \"we\"", Flag.NO_NUMBERS: "no numbers",
    Flag.NO_REFLECTION: "no reflection", Flag.BLAME: "blames others", Flag.GENERIC: "generic story",
    Flag.FILLER_HEAVY: "many fillers", Flag.OFF_QUESTION: "off the question", Flag.MONOTONE: "monotone voice",
}
"""How each flag reads on the scorecard (too_short and too_long name the targets' window edges)."""


def score_colour(value: float | None) -> str:
    if value is None:
        return "dim"
    if value >= GOOD_SCORE:
        return "#5faf5f"
    return "#d7af00" if value >= FAIR_SCORE else "#d75f5f"


def score_text(value: float | None) -> Text:
    """A score in its colour ("-" when there is none)."""
    return Text("-" if value is None else f"{value:.0f}", style=score_colour(value))


class ScoresLine(Static):
    """"Overall 72/100    structure 80   ownership 65 ..."."""

    def __init__(self, report: AnswerReport, *, id: str | None = None) -> None:
        scores = report.scores
        overall = report.overall
        text = Text()
        text.append("Overall ", style="bold")
        text.append(f"{overall if overall is not None else '-'}", style=f"bold {score_colour(overall)}")
        text.append("/100    ", style="dim")
        for name in [*SCORE_NAMES, *(k for k in scores if k not in SCORE_NAMES and k != "overall")]:
            if name in scores:
                text.append(f"{name} ")
                text.append(f"{scores[name]}", style=f"bold {score_colour(scores[name])}")
                text.append("   ")
        super().__init__(text, id=id)


class DeliveryLine(Static):
    """Length and window, speaking time, pace, fillers, long pauses."""

    def __init__(self, report: AnswerReport, *, id: str | None = None) -> None:
        d = report.delivery
        by_word = sorted(d.fillers.by_word.items(), key=lambda kv: -kv[1])
        text = Text()
        text.append(mmss(d.duration_s), style=f"bold {WINDOW_COLOURS[d.window]}")
        text.append(f" ({d.window})   speaking {d.speaking_s:.0f} s   {d.wpm:.0f} wpm   ")
        text.append(f"{d.fillers.total} fillers ({d.fillers.per_minute:.1f}/min")
        if by_word:
            text.append(": " + ", ".join(f"{w} {n}" for w, n in by_word[:5]))
        text.append(f")   {len(d.pauses)} long pauses")
        if report.timing == Timing.ESTIMATED:
            text.append("   (timings estimated)", style="dim")
        if note := less_certain_note(report.pipeline):
            text.append(f"\n{note}", style="dim #d7af00")
        super().__init__(text, id=id)


class ProsodyLine(Static):
    """How the answer sounded: "voice: pitch range 4.8 st, loudness range 9.5 dB, uptalk 10%, ..."."""

    def __init__(self, prosody: Prosody, *, id: str | None = None) -> None:
        text = Text("voice: ", style="dim")
        text.append(prosody.summary())
        if prosody.stretches:
            text.append(f"   ({len(prosody.stretches)} stretches to hear again in review)", style="dim")
        super().__init__(text, id=id)


class FlagsLine(Static):
    """Each flag as a tag, named as the coach would say it."""

    def __init__(self, flags: Sequence[Flag], targets: CoachingTargets, *, id: str | None = None) -> None:
        super().__init__(self.flags_text(flags, targets), id=id)

    @staticmethod
    def flags_text(flags: Sequence[Flag], targets: CoachingTargets) -> Text:
        if not flags:
            return Text("No flags: nothing the coach would stop you for.", style="#5faf5f")
        names = FLAG_TEXT | {Flag.TOO_SHORT: f"under {mmss(targets.ideal_from_s)}",
                             Flag.TOO_LONG: f"over {mmss(targets.over_from_s)}"}
        text = Text()
        for flag in flags:
            text.append(f" {names[flag]} ", style="bold black on #d78700")
            text.append("  ")
        return text


def feedback_text(feedback: Sequence[Feedback]) -> Text:
    """Each feedback point, with the speaker's own words quoted under it."""
    text = Text()
    for i, fb in enumerate(feedback):
        if i:
            text.append("\n")
        text.append("• ", style="bold")
        text.append(fb.message)
        if fb.quote and fb.quote not in fb.message:
            text.append("\n    “", style="dim")
            text.append(fb.quote, style="italic #d7d7af")
            text.append("”", style="dim")
    if not feedback:
        text.append("No feedback.", style="dim")
    return text


class FeedbackList(Static):
    """The feedback points, each with the speaker's own words quoted under it."""

    def __init__(self, feedback: Sequence[Feedback], *, id: str | None = None) -> None:
        super().__init__(feedback_text(feedback), id=id)

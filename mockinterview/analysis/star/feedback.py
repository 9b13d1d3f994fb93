"""Feedback messages: each quotes the speaker's words that triggered it, strongest issue first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockinterview.analysis.star.flags import Findings
from mockinterview.analysis.star.labeler import Unit
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.formatting import mmss
from mockinterview.report import LABEL_NAMES, LABELS, Delivery, Feedback, Flag, Label


@dataclass(frozen=True, slots=True)
class FeedbackSettings:
    """How feedback is written."""

    quote_max_words: int = 14
    """Quotes are cut to about this many words (with an ellipsis)."""

    max_items: int = 6
    """At most this many messages, strongest first."""

    praise: bool = True
    """Add one line on what the answer did well when it has room."""


NAMES = {**LABEL_NAMES, Label.O: "Other talk"}

SEVERITY: dict[Flag, int] = {
    Flag.BLAME: 90, Flag.WE_HEAVY: 85, Flag.NO_NUMBERS: 80, Flag.GENERIC: 75, Flag.LONG_SITUATION: 70,
    Flag.NO_REFLECTION: 65, Flag.TOO_LONG: 55, Flag.TOO_SHORT: 50, Flag.FILLER_HEAVY: 45,
}
"""Base order of the issues, strongest first; the size of the problem adds to it."""

SENIOR: dict[Flag, str] = {
    Flag.BLAME: "A senior answer owns its part of the failure and says what they would do earlier next time.",
    Flag.WE_HEAVY: "A senior answer says what you personally decided and built ('I wrote the retry logic'), "
                   "crediting the team once.",
    Flag.NO_NUMBERS: "A senior answer quantifies the result: before and after ('p99 went from 850 ms to "
                     "110 ms'), or an honest estimate ('roughly $500K a year').",
    Flag.GENERIC: "A senior answer names the systems, tools and the hard technical decision, so the story is "
                  "clearly yours.",
    Flag.LONG_SITUATION: "A senior answer sets the scene in two or three sentences (under {share:.0%} of the "
                         "time) and reaches the challenge within {challenge}.",
    Flag.NO_REFLECTION: "A senior answer closes with the lesson: what you would do differently, or what you now "
                        "always do.",
    Flag.TOO_LONG: "A senior answer lands in {window}: trim background and keep the actions and numbers.",
    Flag.TOO_SHORT: "A senior answer takes {window}: add the decisions you made and the measured result.",
    Flag.FILLER_HEAVY: "A senior answer pauses silently instead of filling: a short pause reads as confidence.",
}
"""What a senior answer would do, per issue ({share}, {challenge} and {window} come from the targets)."""


def quote(text: str, max_words: int) -> str:
    """The speaker's words, cut to about `max_words` words (without the closing punctuation)."""
    words = text.strip().split()
    out = " ".join(words) if len(words) <= max_words else " ".join(words[:max_words]) + " …"
    return out.rstrip(".,;:!? ")


def _first(units: Sequence[Unit], label: Label) -> str:
    return next((u.text for u in units if u.label == label), "")


def build_feedback(units: Sequence[Unit], f: Findings, delivery: Delivery, share: dict[Label, float],
                   settings: FeedbackSettings = FeedbackSettings(),
                   targets: CoachingTargets = DEFAULT_TARGETS) -> list[Feedback]:
    """One message per flag (strongest first), each with a quote, plus one line of praise when earned."""
    q = settings.quote_max_words
    items: list[tuple[float, Feedback]] = []
    d = delivery
    t = targets
    challenge = f"the first {mmss(t.challenge_by_s)}"
    window = f"{mmss(t.ideal_from_s)} to {mmss(t.long_from_s)}"

    def add(kind: Flag, message: str, words: str, extra: float = 0.0) -> None:
        senior = SENIOR[kind].format(share=t.situation_share, challenge=challenge, window=window)
        items.append((SEVERITY[kind] + extra, Feedback(str(kind), f"{message} {senior}", quote(words, q))))

    if Flag.BLAME in f.flags:
        more = f" and '{quote(f.blame_quotes[1], q)}'" if len(f.blame_quotes) > 1 else ""
        add(Flag.BLAME, f"You pinned the outcome on others or circumstances: '{quote(f.blame_quotes[0], q)}'{more}.",
            f.blame_quotes[0], 10 * f.blame_score)
    if Flag.WE_HEAVY in f.flags:
        ex = f.we_quotes[0] if f.we_quotes else _first(units, Label.A)
        add(Flag.WE_HEAVY, f"You said 'we' {f.action_we} times in your actions and 'I' {f.action_i} times, "
            f"e.g. '{quote(ex, q)}'.", ex, f.action_we - f.action_i)
    if Flag.NO_NUMBERS in f.flags:
        res = f.result_text or (units[-1].text if units else "")
        what = (f"Your result states no figure (no number, percentage, amount or estimate): '{quote(res, q)}'."
                if f.result_text else "You never stated a result: no sentence gave the outcome and its figure.")
        add(Flag.NO_NUMBERS, what, res, 5.0 * len(f.vague_results))
    if Flag.GENERIC in f.flags:
        ex = (f.vague_quotes or [_first(units, Label.A) or (units[0].text if units else "")])[0]
        named = ", ".join(f.concrete[:4]) if f.concrete else "nothing"
        add(Flag.GENERIC, f"The story could be anyone's: it names {named}, and says things like '{quote(ex, q)}' "
            f"without the system, tool, person or figure behind them.", ex)
    if Flag.LONG_SITUATION in f.flags:
        ex = _first(units, Label.S) or (units[0].text if units else "")
        when = "never" if f.challenge_after_s is None else f"at {mmss(f.challenge_after_s)}"
        add(Flag.LONG_SITUATION, f"The situation took {share.get(Label.S, 0.0):.0%} of your speaking time and you "
            f"reached the challenge {when}; it opens with '{quote(ex, q)}'.", ex,
            100 * max(0.0, share.get(Label.S, 0.0) - t.situation_share))
    if Flag.NO_REFLECTION in f.flags:
        last = units[-1].text if units else ""
        add(Flag.NO_REFLECTION, f"You ended without a lesson: no sentence said what you learned, changed since "
            f"or would do differently; your last words were '{quote(last, q)}'.", last)
    if Flag.TOO_LONG in f.flags:
        biggest = max(LABELS, key=lambda k: share.get(k, 0.0))
        longest = max((u for u in units if u.label == biggest), key=lambda u: u.end - u.start, default=None)
        ex = longest.text if longest else ""
        add(Flag.TOO_LONG, f"The answer ran {mmss(d.duration_s)}, over {mmss(t.over_from_s)}; the {NAMES[biggest]} "
            f"alone took {share.get(biggest, 0.0):.0%}, e.g. '{quote(ex, q)}'.", ex, d.duration_s / 60)
    if Flag.TOO_SHORT in f.flags:
        actions = " ".join(u.text for u in units if u.label == Label.A)
        ex = actions or (units[-1].text if units else "")
        add(Flag.TOO_SHORT, f"The answer lasted {mmss(d.duration_s)}, under {mmss(t.ideal_from_s)}, so it feels "
            f"rushed; your actions were only '{quote(ex, q)}'.", ex)
    if Flag.FILLER_HEAVY in f.flags:
        top = sorted(d.fillers.by_word.items(), key=lambda kv: -kv[1])[:3]
        which = ", ".join(f"'{w}' x{n}" for w, n in top) or "fillers"
        ex = next((u.text for u in units if any(w.filler for w in u.words)), "")
        add(Flag.FILLER_HEAVY, f"{d.fillers.total} fillers ({d.fillers.per_minute:.1f} per minute): {which}.", ex,
            d.fillers.per_minute)
    items.sort(key=lambda kv: -kv[0])
    out = [fb for _, fb in items][: settings.max_items]
    if settings.praise and len(out) < settings.max_items:
        praise = _praise(units, f, q)
        if praise:
            out.append(praise)
    return out


def _praise(units: Sequence[Unit], f: Findings, q: int) -> Feedback | None:
    if Flag.NO_NUMBERS not in f.flags and f.result_quantities:
        res = next((u.text for u in units if u.label == Label.R and any(x in u.text for x in f.result_quantities)),
                   f.result_text)
        return Feedback("strength", "Good: your result is quantified.", quote(res, q))
    if Flag.WE_HEAVY not in f.flags and f.action_i:
        ex = next((u.text for u in units if u.label == Label.A and u.text.lower().startswith(("i ", "first i"))), "")
        if ex:
            return Feedback("strength", "Good: you said what you personally did.", quote(ex, q))
    return None

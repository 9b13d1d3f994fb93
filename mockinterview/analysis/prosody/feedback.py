"""Delivery feedback from the prosody: the flat stretch or the rising statement endings, with their times and the
speaker's words there."""

from __future__ import annotations

from collections.abc import Sequence

from mockinterview.analysis.prosody.answer import ProsodyAnalysis
from mockinterview.analysis.prosody.settings import DEFAULT_PROSODY, ProsodySettings
from mockinterview.analysis.star.feedback import quote
from mockinterview.formatting import mmss
from mockinterview.report import Feedback, Stretch, StretchKind
from mockinterview.types import Word

KIND = "delivery"
"""The feedback kind of these messages."""

PRAISE_KIND = "strength"
"""Feedback of this kind (praise) stays last."""


def words_in(words: Sequence[Word], start: float, end: float) -> str:
    """The words whose middle lies in [start, end]."""
    return " ".join(w.text for w in words if start <= (w.start + w.end) / 2 <= end)


def sentence_before(words: Sequence[Word], end: float) -> str:
    """The words of the sentence whose last word ends at `end` (back to the previous full stop)."""
    upto = [w for w in words if w.end <= end + 1e-6]
    if not upto:
        return ""
    first = len(upto) - 1
    while first > 0 and not upto[first - 1].text.rstrip().endswith((".", "?", "!")):
        first -= 1
    return " ".join(w.text for w in upto[first:])


def _flat_message(result: ProsodyAnalysis, flat: Stretch | None, words: Sequence[Word],
                  s: ProsodySettings) -> str:
    """What was flat: the whole answer (monotone), with its flattest stretch when that is only part of it, or
    one stretch of an answer that is lively elsewhere."""
    spread = result.figures.pitch_spread_st
    if result.monotone and spread is not None:
        verdict = f"(under {s.monotone_below_st:g} reads as monotone)"
        span = (words[-1].end - words[0].start) if words else 0.0
        if flat is None or flat.end - flat.start >= s.flat_whole_share * span:
            a, b = (flat.start, flat.end) if flat is not None else (words[0].start, words[-1].end) if words \
                else (0.0, 0.0)
            return (f"Your pitch stayed within {spread:.1f} semitones from {mmss(a)} to {mmss(b)}, the whole "
                    f"answer {verdict}.")
        return (f"Your pitch stayed within {spread:.1f} semitones across the answer {verdict}, and within "
                f"{flat.range_st:.1f} from {mmss(flat.start)} to {mmss(flat.end)}.")
    assert flat is not None
    return (f"Your pitch stayed within {flat.range_st:.1f} semitones from {mmss(flat.start)} to {mmss(flat.end)}, "
            f"so that stretch sounds flat.")


LIVELY = ("Let your voice rise on what matters (the decision, the number) and fall at the end of each point: "
          "a varied pitch keeps the interviewer with you.")
STEADY = "End a statement on a falling pitch: it sounds sure, where a rising one asks for approval."


def habitual_uptalk(result: ProsodyAnalysis, settings: ProsodySettings = DEFAULT_PROSODY) -> bool:
    """More than `uptalk_feedback_share` of the statement endings rise, and at least `uptalk_feedback_min`."""
    share = result.figures.uptalk_share
    return share is not None and share > settings.uptalk_feedback_share and \
        len(result.rising) >= settings.uptalk_feedback_min


def prosody_feedback(result: ProsodyAnalysis, words: Sequence[Word], settings: ProsodySettings = DEFAULT_PROSODY,
                     quote_max_words: int = 14) -> list[Feedback]:
    """At most one message on flat pitch (monotone, or the longest flat stretch) and one on rising endings
    (when they are a habit: see `uptalk_feedback_share`), each quoting the words at that time."""
    s, out = settings, []
    flats = [x for x in result.figures.stretches if x.kind == StretchKind.FLAT]
    flat = max(flats, key=lambda x: x.end - x.start, default=None)
    if result.monotone or flat is not None:
        start, end = (flat.start, flat.end) if flat is not None else (words[0].start, words[-1].end) if words \
            else (0.0, 0.0)
        said = words_in(words, start, end)
        out.append(Feedback(KIND, f"{_flat_message(result, flat, words, s)} {LIVELY}", quote(said, quote_max_words)))
    rising = result.rising
    if habitual_uptalk(result, s):
        top = max(rising, key=lambda e: e.rise_st)
        said = sentence_before(words, top.end)
        words_cut = said.split()
        tail = " ".join(words_cut[-quote_max_words:]) if len(words_cut) > quote_max_words else said
        out.append(Feedback(KIND, f"{len(rising)} of your {len(result.endings)} statements ended rising, like "
                                  f"questions; at {mmss(top.start)} your voice ended {top.rise_st:.1f} semitones "
                                  f"above your pitch around it. {STEADY}", quote(tail, quote_max_words)))
    return out


def with_delivery_feedback(feedback: Sequence[Feedback], extra: Sequence[Feedback]) -> list[Feedback]:
    """`extra` placed after the issues and before the praise."""
    issues = [f for f in feedback if f.kind != PRAISE_KIND]
    return [*issues, *extra, *(f for f in feedback if f.kind == PRAISE_KIND)]

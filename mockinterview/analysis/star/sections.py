"""Labelled units merged into sections, and the per-label share of speaking time."""

from __future__ import annotations

from collections.abc import Sequence

from mockinterview.analysis.star.labeler import Unit
from mockinterview.analysis.star.section_timing import SectionTiming, section_timing
from mockinterview.report import Label, Section
from mockinterview.types import Span


def merge_sections(units: Sequence[Unit]) -> list[Section]:
    """Consecutive units with the same label become one section (start of its first word, end of its last)."""
    out: list[Section] = []
    for u in units:
        if out and out[-1].label == u.label:
            last = out[-1]
            out[-1] = Section(last.label, last.start, u.end, f"{last.text} {u.text}")
        else:
            out.append(Section(u.label, u.start, u.end, u.text))
    return out


def shares(sections: Sequence[Section], speech: Sequence[Span]) -> SectionTiming:
    """Speaking-time share per label (from the timing engine's `section_timing`)."""
    return section_timing(sections, speech)


def label_at(sections: Sequence[Section], t: float) -> Label | None:
    """The label of the section at time `t`, or of the nearest section when `t` falls in a gap."""
    if not sections:
        return None
    best, dist = sections[0].label, float("inf")
    for s in sections:
        if s.start <= t <= s.end:
            return s.label
        d = min(abs(t - s.start), abs(t - s.end))
        if d < dist:
            best, dist = s.label, d
    return best

"""Per-section timing: speaking time and share of each STAR+ section; when the story left the Situation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mockinterview.report import LABELS, Label, Section
from mockinterview.types import Span


@dataclass(frozen=True, slots=True)
class SectionTiming:
    """Speaking time per section label.

    `seconds[label]` is VAD speech time inside that label's sections; `share[label]` is that time over the
    speech time of all sections (so shares sum to 1 when any section has speech). Every label in `LABELS` is
    present. `first_non_situation_start` is when the first section not labelled S (nor O, the preamble) began,
    in absolute seconds; `challenge_after_s` is the same measured from the first section's start. Both are
    None if the answer never leaves the Situation.
    """

    seconds: dict[Label, float] = field(default_factory=dict)
    share: dict[Label, float] = field(default_factory=dict)
    first_non_situation_start: float | None = None
    challenge_after_s: float | None = None

    @property
    def total_s(self) -> float:
        return sum(self.seconds.values())


PREAMBLE_LABELS = frozenset({Label.S, Label.O})
"""Labels that do not count as reaching the challenge: the Situation itself and preamble/closing (Other)."""


def overlap(a_start: float, a_end: float, spans: Sequence[Span]) -> float:
    """Seconds of `spans` (sorted or not, non-overlapping) that fall inside [a_start, a_end]."""
    total = 0.0
    for s in spans:
        lo, hi = max(a_start, s.start), min(a_end, s.end)
        if hi > lo:
            total += hi - lo
    return total


def section_timing(sections: Sequence[Section], speech: Sequence[Span]) -> SectionTiming:
    """Seconds and share of speaking time per label, and when the first non-Situation section began.

    `sections` are in time order with absolute times (from the STAR scorer or hand labels); `speech` are VAD
    speech spans. Speech between two sections belongs to neither. If `speech` is empty the section lengths
    themselves are used, so a text-only (estimated) answer still gets shares.
    """
    ordered = sorted(sections, key=lambda s: (s.start, s.end))
    seconds = dict.fromkeys(LABELS, 0.0)
    for sec in ordered:
        t = overlap(sec.start, sec.end, speech) if speech else max(0.0, sec.end - sec.start)
        seconds[sec.label] = seconds.get(sec.label, 0.0) + t
    total = sum(seconds.values())
    share = {k: (v / total if total > 0 else 0.0) for k, v in seconds.items()}
    first = next((s.start for s in ordered if s.label not in PREAMBLE_LABELS), None)
    after = None if first is None or not ordered else max(0.0, first - ordered[0].start)
    return SectionTiming(seconds=seconds, share=share, first_non_situation_start=first,
                         challenge_after_s=after)

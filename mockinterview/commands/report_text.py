"""The human-readable view of an `AnswerReport` (what `mockinterview score` prints without --json)."""

from __future__ import annotations

import textwrap

from mockinterview.formatting import less_certain_note, mmss
from mockinterview.report import LABEL_NAMES, LABELS, SCORE_NAMES, AnswerReport, Timing

WIDTH = 100




def _bar(share: float, width: int = 30) -> str:
    n = int(round(share * width))
    return "#" * n + "." * (width - n)


def format_report(report: AnswerReport) -> str:
    """A plain-text report: scores, flags, feedback with quotes, follow-ups, section times, delivery, sections."""
    d = report.delivery
    s = report.scores
    out: list[str] = []
    est = " (timings estimated from text)" if report.timing == Timing.ESTIMATED else ""
    out.append(f"Overall {report.overall or 0}/100{est}")
    out.append("  " + "  ".join(f"{k} {s[k]}" for k in SCORE_NAMES if k in s))
    out.append(f"Flags: {', '.join(report.flags) if report.flags else 'none'}")
    out.append("")
    out.append("Feedback")
    for fb in report.feedback:
        out.extend(textwrap.wrap(f"- [{fb.kind}] {fb.message}", WIDTH, subsequent_indent="    "))
        if fb.quote and fb.quote not in fb.message:
            out.extend(textwrap.wrap(f'"{fb.quote}"', WIDTH, initial_indent="    > ", subsequent_indent="      "))
    out.append("")
    out.append("Follow-up questions")
    out.extend(f"- {q}" for q in report.followups)
    out.append("")
    out.append("Time in each part (share of speaking time)")
    for lab in LABELS:
        share = report.section_share.get(lab, 0.0)
        out.append(f"  {lab} {LABEL_NAMES[lab]:<10} {_bar(share)} {share:5.0%}")
    p = report.pronouns
    out.append(f"Pronouns: I {p.get('i', 0)}, we {p.get('we', 0)}; in the actions I {p.get('action_i', 0)}, "
               f"we {p.get('action_we', 0)}")
    out.append("")
    by_word = ", ".join(f"{w} {n}" for w, n in sorted(d.fillers.by_word.items(), key=lambda kv: -kv[1]))
    out.append(f"Delivery: {mmss(d.duration_s)} ({d.window}), speaking {d.speaking_s:.0f} s, {d.wpm:.0f} wpm, "
               f"{d.fillers.total} fillers ({d.fillers.per_minute:.1f}/min{': ' + by_word if by_word else ''}), "
               f"{len(d.pauses)} long pauses")
    if report.prosody is not None:
        out.append(f"Voice: {report.prosody.summary()}")
    if note := less_certain_note(report.pipeline):
        out.append(note)
    out.append("")
    out.append("Sections")
    for sec in report.sections:
        head = f"  [{sec.label}] {mmss(sec.start)}-{mmss(sec.end)} "
        out.extend(textwrap.wrap(sec.text, WIDTH, initial_indent=head, subsequent_indent=" " * len(head)))
    return "\n".join(out)

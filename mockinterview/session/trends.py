"""Figures across sessions for the review's trend plots: score, fillers per minute, situation share, length and
the voice's pitch spread."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from mockinterview.report import Label
from mockinterview.storage.records import AnswerStatus, SessionRecord
from mockinterview.storage.store import Store
from mockinterview.types import QuestionKind


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """Means over one session's complete, scored main answers."""

    session_id: int
    started_at: str
    answers: int
    overall: float
    fillers_per_min: float
    situation_share: float
    duration_s: float
    pitch_spread_st: float | None = None
    """Mean over the answers with a pitch figure (None: no such answer, e.g. text answers)."""


def session_point(session: SessionRecord) -> TrendPoint | None:
    """The session's point, or None when it has no complete scored main answer."""
    reports = [a.report for q in session.questions if q.kind == QuestionKind.MAIN for a in q.answers
               if a.status == AnswerStatus.COMPLETE and a.report is not None]
    if not reports:
        return None
    pitches = [p for r in reports if r.prosody is not None and (p := r.prosody.pitch_spread_st) is not None]
    return TrendPoint(
        session_id=session.id,
        started_at=session.started_at,
        answers=len(reports),
        overall=fmean(r.overall or 0 for r in reports),
        fillers_per_min=fmean(r.delivery.fillers.per_minute for r in reports),
        situation_share=fmean(r.section_share.get(Label.S, 0.0) for r in reports),
        duration_s=fmean(r.delivery.duration_s for r in reports),
        pitch_spread_st=fmean(pitches) if pitches else None,
    )


def session_trends(store: Store) -> list[TrendPoint]:
    """One point per session with scored answers, oldest first."""
    points = []
    for summary in store.list_sessions():
        point = session_point(store.get_session(summary.id))
        if point is not None:
            points.append(point)
    return points

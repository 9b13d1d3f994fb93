"""Figures across sessions for the review's trend plots: score, fillers per minute, situation share, length."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from mockinterview.storage.records import SessionRecord
from mockinterview.storage.store import Store


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


def session_point(session: SessionRecord) -> TrendPoint | None:
    """The session's point, or None when it has no complete scored main answer."""
    reports = [a.report for q in session.questions if q.kind == "main" for a in q.answers
               if a.status == "complete" and a.report]
    if not reports:
        return None
    return TrendPoint(
        session_id=session.id,
        started_at=session.started_at,
        answers=len(reports),
        overall=fmean(float(r.get("scores", {}).get("overall", 0)) for r in reports),
        fillers_per_min=fmean(float(r.get("fillers", {}).get("per_minute", 0.0)) for r in reports),
        situation_share=fmean(float(r.get("section_share", {}).get("S", 0.0)) for r in reports),
        duration_s=fmean(float(r.get("duration_s", 0.0)) for r in reports),
    )


def session_trends(store: Store) -> list[TrendPoint]:
    """One point per session with scored answers, oldest first."""
    points = []
    for summary in store.list_sessions():
        point = session_point(store.get_session(summary.id))
        if point is not None:
            points.append(point)
    return points

"""Helpers of the UI tests: reports from saved JSON, stores with fixed data, waiting on a running app."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from conftest import fixture_report

from mockinterview.errors import AudioSourceError
from mockinterview.session.answer import AnswerRecorder
from mockinterview.storage.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
UI_FIXTURES = FIXTURES / "ui"

WAIT_S = 900.0
"""How long a pilot test waits for the real pipeline (the machine is shared and slow: be generous)."""


FIXED_DATES = ("2026-03-02T09:15:00+00:00", "2026-03-09T18:40:00+00:00", "2026-03-16T07:05:00+00:00")
"""Start times given to the fixed sessions (so snapshots never show today's date)."""


def fill_store(store: Store) -> list[int]:
    """Three practice sessions from saved reports, with fixed dates; returns their ids."""
    plan = [
        [("weak-report.json", "Tell me about a time you disagreed with your manager.", "disagree_leadership")],
        [("story-report.json", "Tell me about a launch you owned end to end.", "launch"),
         ("followup-report.json", "What would you do differently?", None)],
        [("story-report.json", "Tell me about a failure and what you learned.", "failure")],
    ]
    ids = []
    for answers in plan:
        sid = store.start_session("practice", seed=7, bank="core")
        parent = None
        for name, question, category in answers:
            kind = "main" if category else "followup"
            qid = store.add_question(sid, question, kind=kind, parent=parent, category=category)
            parent = parent or qid
            report = fixture_report(name)
            with AnswerRecorder(store, qid) as rec:
                rec.finish(report)
        store.end_session(sid)
        ids.append(sid)
    with sqlite3.connect(store.path) as conn:
        for sid, date in zip(ids, FIXED_DATES, strict=True):
            conn.execute("UPDATE sessions SET started_at = ?, ended_at = ? WHERE id = ?", (date, date, sid))
    return ids




def scorecard_shown(app, kind: str | None = None) -> bool:
    """The scorecard (of a `kind` answer, if given) is on screen and composed: its last widget is mounted."""
    from mockinterview.ui.screens.scorecard import ScorecardScreen

    screen = app.screen
    return (isinstance(screen, ScorecardScreen) and (kind is None or screen.asked.kind == kind)
            and bool(screen.query("#hint")))


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = WAIT_S, what: str = "") -> None:
    """Let the app run until `condition()` holds (raise after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.1)


@dataclass
class QuietMicrophone:
    """An input that reports itself like a microphone that works, for screens shown before any answer."""

    kind: str = "microphone"
    auto_start: bool = False

    def describe(self, current=None) -> str:
        return "microphone (default input)"

    def available(self) -> bool:
        return True

    def check(self) -> None:
        return None

    def open(self):
        raise AudioSourceError("this input only shows the screen")


@dataclass
class MissingMicrophone(QuietMicrophone):
    """An input like a machine without any input device."""

    def check(self) -> None:
        raise AudioSourceError("no input device found: plug in a microphone, or use the bundled sample answer")

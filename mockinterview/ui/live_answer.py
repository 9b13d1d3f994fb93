"""One answer in progress: pipeline + recorder + live timing and labeling, read by the UI at its own pace.

Pipeline listeners run on pipeline threads and only append to a deque; the UI drains it on its refresh
timer (`drain()`), so all live analysis runs on the UI thread without locks and the screen is redrawn at
most every `UiSettings.refresh_s`. `finish()` (blocking: call it from a worker thread) waits for the last
words, scores the answer and saves it.
"""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from mockinterview.analysis.delivery import DeliverySettings
from mockinterview.analysis.live import Cue, FillerHeard, LiveStats, LiveTimer
from mockinterview.analysis.scorer import LiveLabeler, score_answer
from mockinterview.audio.model import ModelLoader
from mockinterview.audio.pipeline import Pipeline
from mockinterview.audio.sources import AudioSource
from mockinterview.report import AnswerReport
from mockinterview.session.answer import AnswerRecorder
from mockinterview.storage.store import Store
from mockinterview.types import (
    AudioLevel,
    PartialWords,
    PipelineEvent,
    PipelineFinished,
    PipelineStats,
    Word,
    WordsCommitted,
)

NO_SPEECH = "no speech was heard"
"""Reason stored for an answer that ended without a single word."""


@dataclass(slots=True)
class LiveView:
    """What the live screen shows, updated by `LiveAnswer.drain()`."""

    stats: LiveStats
    phase: str = ""
    situation_share: float = 0.0
    committed: list[Word] = field(default_factory=list)
    partial: tuple[Word, ...] = ()
    filler_starts: set[float] = field(default_factory=set)
    """Start times of committed words that are fillers (highlighted)."""
    level_dbfs: float = -90.0
    cue: Cue | None = None
    """The latest time cue reached."""
    finished: PipelineFinished | None = None
    words_changed: bool = False


@dataclass(slots=True)
class AnswerOutcome:
    """How an answer ended: a report, or why there is none."""

    report: AnswerReport | None
    answer_id: int
    problem: str | None = None


def pipeline_figures(stats: PipelineStats) -> dict[str, Any]:
    """The pipeline figures the report contract carries."""
    lags = stats.utterance_latencies_s
    return {
        "pace": stats.pace,
        "dropped_frames": stats.dropped_frames,
        "tail_latency_s": stats.tail_latency_s,
        "median_utterance_latency_s": round(statistics.median(lags), 3) if lags else None,
    }


class LiveAnswer:
    """Records and transcribes one answer from `source` into the store under `question_id`."""

    def __init__(self, store: Store, question_id: int, source: AudioSource, loader: ModelLoader, *,
                 pace: float = 1.0, delivery: DeliverySettings | None = None) -> None:
        self.store = store
        self.question_id = question_id
        self.source = source
        self.loader = loader
        self.recorder = AnswerRecorder(store, question_id)
        self.timer = LiveTimer(delivery)
        self.labeler = LiveLabeler()
        self._events: deque[PipelineEvent] = deque()
        self.pipeline = Pipeline(source, loader, listeners=[self.recorder.on_event, self._events.append],
                                 frame_listeners=[self.recorder.on_frame], pace=pace)
        self.view = LiveView(stats=self.timer.snapshot())
        self.stopped_by_user = False

    @property
    def answer_id(self) -> int:
        return self.recorder.answer_id

    def start(self) -> LiveAnswer:
        self.pipeline.start()
        return self

    def stop(self) -> None:
        """End the answer now; what was captured is still transcribed."""
        self.stopped_by_user = True
        self.pipeline.stop()

    # ---- live (UI thread) ---------------------------------------------------------------------------

    def drain(self) -> LiveView:
        """Fold the events that arrived since the last call into the live view."""
        view = self.view
        view.words_changed = False
        labeled = False
        while self._events:
            event = self._events.popleft()
            for live in self.timer.feed(event):
                if isinstance(live, Cue):
                    view.cue = live
                elif isinstance(live, FillerHeard):
                    starts = [w.start for w in self.timer.committed if w.start >= live.time]
                    view.filler_starts.update(starts[: max(1, len(live.text.split()))])
            if isinstance(event, AudioLevel):
                view.level_dbfs = event.dbfs
            elif isinstance(event, PartialWords):
                view.partial = event.words
                view.words_changed = True
            elif isinstance(event, WordsCommitted):
                view.partial = ()
                view.committed = self.timer.committed
                view.words_changed = True
                self.labeler.feed(event.utterance)
                labeled = True
            elif isinstance(event, PipelineFinished):
                view.finished = event
        state = self.labeler.tick(self.timer.now) if labeled or self.labeler.words else None
        if state is not None:
            view.phase = state.phase
            view.situation_share = state.situation_s / state.elapsed_s if state.elapsed_s > 0 else 0.0
        view.stats = self.timer.snapshot()
        return view

    # ---- ending (worker thread) ---------------------------------------------------------------------

    def finish(self, question: str, probes: tuple[str, ...] = ()) -> AnswerOutcome:
        """Wait for the last words, score the answer and save it with its report."""
        try:
            transcript = self.pipeline.wait()
        except Exception as exc:  # noqa: BLE001 - the source or model failed: keep what was saved
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.recorder.abort(f"audio input failed: {reason}")
            return AnswerOutcome(None, self.answer_id, reason)
        if not transcript.words:
            self.recorder.abort(NO_SPEECH)
            return AnswerOutcome(None, self.answer_id, NO_SPEECH)
        report = score_answer(transcript.words, transcript.speech, question=question, audio=transcript.audio,
                              probes=probes)
        report.model, report.pipeline = transcript.model, pipeline_figures(transcript.stats)
        self.recorder.finish(report)
        return AnswerOutcome(report, self.answer_id)

    def abort(self, reason: str) -> None:
        """Stop capture and close the answer as incomplete, keeping its words and audio."""
        self.pipeline.stop()
        self.recorder.abort(reason)

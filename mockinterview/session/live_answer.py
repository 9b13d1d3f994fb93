"""One answer in progress: pipeline + recorder + live timing and labeling, read by the UI at its own pace.

Pipeline listeners run on pipeline threads and only queue events; an analysis thread folds them into the
live figures (timer, fillers, provisional STAR phase, the voice's pitch and loudness spread: each utterance is
pitch-tracked there as it closes, never on the transcriber's thread) and publishes a snapshot, which the UI
reads on its refresh timer (`drain()`), so the UI thread only draws and stays responsive however long the
answer grows.
`finish()` (blocking: call it from a worker thread) waits for the last words, scores the answer and saves it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from mockinterview.analysis.delivery.live import Cue, LiveStats, LiveTimer
from mockinterview.analysis.prosody.live import LiveProsody, VoiceLevels
from mockinterview.analysis.scorer import ScorerSettings
from mockinterview.analysis.star.live import LiveLabeler
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.audio.memory import release_freed_memory
from mockinterview.audio.model import ModelLoader
from mockinterview.audio.pipeline import Pipeline
from mockinterview.audio.sources import AudioSource
from mockinterview.errors import AudioSourceError, StoreError
from mockinterview.report import AnswerReport, Feedback, Label
from mockinterview.session.answer import AnswerRecorder
from mockinterview.session.app_settings import AppSettings
from mockinterview.session.scoring import NO_SPEECH, NoSpeech, ParseAhead, score_recording
from mockinterview.storage.store import Store
from mockinterview.types import (
    AudioLevel,
    HesitationWords,
    PartialWords,
    PipelineEvent,
    PipelineFinished,
    Span,
    SpeechEnded,
    Utterance,
    Word,
    WordsCommitted,
)

__all__ = ["NO_SPEECH", "AnswerOutcome", "LiveAnswer", "LiveView"]


@dataclass(slots=True)
class LiveView:
    """What the live screen shows, updated by `LiveAnswer.drain()`."""

    stats: LiveStats
    phase: Label | None = None
    situation_share: float = 0.0
    committed: tuple[Word, ...] = ()
    """Committed words, plus the um/uh only the hesitation pass (or the audio) heard."""
    partial: tuple[Word, ...] = ()
    filler_starts: frozenset[float] = frozenset()
    """Start times of committed words that are fillers (highlighted)."""
    level_dbfs: float = -90.0
    cue: Cue | None = None
    """The latest time cue reached."""
    voice_levels: VoiceLevels | None = None
    """The speaker's pitch and loudness spread over the last seconds (None until an utterance closed)."""
    finished: PipelineFinished | None = None
    words_changed: bool = False
    behind_s: float = 0.0
    """How far the committed words are behind the speaker (wall seconds; 0 when caught up)."""
    problem: str | None = None
    """What is going wrong right now (the microphone is gone, the disk is full), for the screen to say at once."""
    input_failed: bool = False
    """The audio input failed (the microphone is gone): the answer ends now, without waiting for the pipeline."""


@dataclass(slots=True)
class AnswerOutcome:
    """How an answer ended: a report, or why there is none."""

    report: AnswerReport | None
    answer_id: int
    problem: str | None = None
    """Why there is no report, or (with a report) why it is not in the database yet and where it is kept."""
    input_failed: bool = False
    """True when the audio input failed mid-answer (the microphone is gone): retrying the device may help."""
    story_notes: list[Feedback] = field(default_factory=list)
    """Notes of the story bank once the answer was linked to its story (recited wording, changed numbers)."""


class LiveAnswer:
    """Records and transcribes one answer from `source` into the store under `question_id`."""

    def __init__(self, store: Store, question_id: int, source: AudioSource, loader: ModelLoader, *,
                 pace: float = 1.0, targets: CoachingTargets = DEFAULT_TARGETS,
                 lost_input_wait_s: float = AppSettings().lost_input_wait_s) -> None:
        self.store = store
        self.question_id = question_id
        self.source = source
        self.loader = loader
        self.recorder = AnswerRecorder(store, question_id)
        self.targets = targets
        self.lost_input_wait_s = lost_input_wait_s
        self.timer = LiveTimer(audio=lambda: self.pipeline.audio(), targets=targets)
        self.labeler = LiveLabeler(targets=targets)
        self.parse_ahead = ParseAhead()
        self.prosody = LiveProsody(ScorerSettings().prosody)
        self._events: queue.SimpleQueue[PipelineEvent | None] = queue.SimpleQueue()
        self.pipeline = Pipeline(source, loader, listeners=[self.recorder.on_event, self._events.put_nowait],
                                 frame_listeners=[self.recorder.on_frame], pace=pace)
        self.view = LiveView(stats=self.timer.snapshot())
        """The latest published snapshot (replaced, never mutated, by the analysis thread)."""
        self.stopped_by_user = False
        self._lock = threading.Lock()
        self._words_version = 0
        self._seen_version = 0
        self._analysis = threading.Thread(target=self._analyse, name="live-analysis", daemon=True)
        self.scoring = False
        """True once `finish()` runs (the answer is being scored and saved: leave it be)."""
        self.closed = threading.Event()
        """Set when the answer is saved (finished or aborted)."""

    @property
    def answer_id(self) -> int:
        return self.recorder.answer_id

    def start(self) -> LiveAnswer:
        self._analysis.start()
        self.pipeline.start()
        return self

    def stop(self) -> None:
        """End the answer now; what was captured is still transcribed."""
        self.stopped_by_user = True
        self.pipeline.stop()

    # ---- live ------------------------------------------------------------------------------------------

    def drain(self) -> LiveView:
        """The latest live view (UI thread); `words_changed` says whether the words changed since last call."""
        with self._lock:
            view, version = self.view, self._words_version
        changed = version != self._seen_version
        self._seen_version = version
        return replace(view, words_changed=changed, problem=self._problem(),
                       input_failed=isinstance(self.pipeline.error, AudioSourceError))

    def _analyse(self) -> None:
        """Analysis thread: fold queued events into the live figures and publish a snapshot per batch."""
        while True:
            batch = [self._events.get()]
            while True:
                try:
                    batch.append(self._events.get_nowait())
                except queue.Empty:
                    break
            stop = None in batch
            self._fold([e for e in batch if e is not None])
            if stop or self.view.finished is not None:
                return

    def _fold(self, events: list[PipelineEvent]) -> None:
        view = self.view
        level, partial, cue, finished = view.level_dbfs, view.partial, view.cue, view.finished
        voice_levels = view.voice_levels
        words_changed = labeled = False
        for event in events:
            for live in self.timer.feed(event):
                if isinstance(live, Cue):
                    cue = live
            if isinstance(event, AudioLevel):
                level = event.dbfs
            elif isinstance(event, PartialWords):
                partial, words_changed = event.words, True
            elif isinstance(event, WordsCommitted):
                partial, words_changed = (), True
                self.labeler.feed(event.utterance)
                self.parse_ahead.feed(self.labeler.units)
                labeled = True
            elif isinstance(event, HesitationWords):
                words_changed = True
            elif isinstance(event, SpeechEnded):
                voice_levels = self.prosody.add(self.pipeline.audio(), Span(event.start, event.end))
            elif isinstance(event, PipelineFinished):
                finished = event
        phase, share = view.phase, view.situation_share
        if labeled or self.labeler.words:
            state = self.labeler.tick(self.timer.now)
            phase = state.phase
            # the share of what is committed, not of the audio so far: words behind the audio must not dilute it
            start = self.labeler.answer_start
            covered = self.labeler.words[-1].end - start if self.labeler.words and start is not None else 0.0
            share = state.situation_s / covered if covered > 0 else 0.0
        committed, fillers = view.committed, view.filler_starts
        if words_changed:
            committed = tuple(self.timer.words)
            fillers = frozenset(w.start for w in committed if w.filler)
        published = LiveView(self.timer.snapshot(), phase, share, committed, partial, fillers, level, cue, voice_levels,
                             finished, behind_s=self.pipeline.behind_s())
        with self._lock:
            self.view = published
            if words_changed:
                self._words_version += 1

    def _problem(self) -> str | None:
        error = self.pipeline.error
        if isinstance(error, AudioSourceError):
            return f"{error}; what was said so far is kept"
        saving = self.recorder.problem
        if saving is not None:
            return (f"{saving}. Keep going: the transcript stays on screen and is saved as soon as the database "
                    "can take it.")
        return None

    # ---- ending (worker thread) ---------------------------------------------------------------------

    def finish(self, question: str, probes: tuple[str, ...] = (),
               rescore: Callable[[AnswerReport], AnswerReport] | None = None,
               category: str | None = None) -> AnswerOutcome:
        """Wait for the last words, score the answer as one to `question` of the bank's `category` (then
        `rescore` it, e.g. a follow-up) and save it. Never raises: whatever goes wrong is the outcome's
        `problem`, with the report when there is one."""
        self.scoring = True
        try:
            return self._finish(question, probes, rescore, category)
        except Exception as exc:  # noqa: BLE001 - the screen waits on this outcome: never leave it hanging
            self.recorder.abort(f"stopped by an error: {exc}")
            return AnswerOutcome(None, self.answer_id, f"unexpected {type(exc).__name__}: {exc}")
        finally:
            self.parse_ahead.close()
            self.closed.set()
            release_freed_memory()  # what scoring freed goes back too, not only what the decodes did

    def _finish(self, question: str, probes: tuple[str, ...],
                rescore: Callable[[AnswerReport], AnswerReport] | None, category: str | None) -> AnswerOutcome:
        if isinstance(self.pipeline.error, AudioSourceError) and not self.pipeline.finished:
            # the input is gone: give the words being transcribed a moment, then keep what is committed
            try:
                self.pipeline.wait(self.lost_input_wait_s)
            except TimeoutError:
                self.pipeline.abandon()
                self._keep_partial()
            except Exception:  # noqa: BLE001 - the input's own error, reported below
                pass
            return self._input_failed(self.pipeline.error)
        try:
            transcript = self.pipeline.wait()
        except Exception as exc:  # noqa: BLE001 - the source or model failed: keep what was saved
            return self._input_failed(exc)
        try:
            report = score_recording(transcript, question=question, probes=probes,
                                     settings=ScorerSettings(targets=self.targets), pitch=self.prosody.raw,
                                     category=category)
        except NoSpeech:
            self.recorder.abort(NO_SPEECH)
            return AnswerOutcome(None, self.answer_id, self._with_save_note(NO_SPEECH))
        if rescore is not None:
            report = rescore(report)
        try:
            self.recorder.finish(report)
        except StoreError as exc:  # set aside in a file (the message says where), or not saved at all
            return AnswerOutcome(report, self.answer_id, str(exc))
        return AnswerOutcome(report, self.answer_id)

    def _keep_partial(self) -> None:
        """Save the words on screen that were not committed yet (the open utterance's latest partial decode):
        the transcriber will not get to them, and they are what the user saw being said."""
        view = self.view
        after = view.committed[-1].end if view.committed else float("-inf")
        words = tuple(w for w in view.partial if w.start >= after)
        if words:
            self.recorder.on_event(WordsCommitted(Utterance(-1, words[0].start, words[-1].end, words)))

    def _input_failed(self, exc: BaseException | None) -> AnswerOutcome:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        self.recorder.abort(f"audio input failed: {reason}")
        return AnswerOutcome(None, self.answer_id, self._with_save_note(reason),
                             input_failed=isinstance(exc, AudioSourceError))

    def _with_save_note(self, problem: str) -> str:
        """`problem`, plus where the answer's words are if the database could not take them."""
        error = self.recorder.close_error
        return problem if error is None else f"{problem}. {error}"

    def abort(self, reason: str) -> None:
        """Stop capture, drop what is not transcribed yet and close the answer as incomplete (the words and
        audio saved so far stay). `settle()` then waits for the transcriber to put down its current work."""
        self.pipeline.abandon()
        self.parse_ahead.close()
        self._events.put(None)
        try:
            self.recorder.abort(reason)
        finally:
            self.closed.set()

    def settle(self, timeout: float) -> bool:
        """Wait until the pipeline's threads are done and the answer is saved; False on timeout."""
        deadline = time.monotonic() + timeout
        while not (self.pipeline.finished and self.closed.is_set()):
            if time.monotonic() > deadline:
                return False
            self.closed.wait(0.05)
        return True

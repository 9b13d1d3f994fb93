"""The answer lifecycle: record audio and committed words to the store as they arrive, then finalise.

    with AnswerRecorder(store, question_id) as recorder:
        transcript = transcribe_file(path, pace=pace, listeners=[recorder.on_event],
                                     frame_listeners=[recorder.on_frame])
        recorder.finish(score_answer(...))

`on_frame` and `on_event` only queue data (they run on pipeline threads and must be quick); a saver
thread appends audio to the recording and writes each commit of words in its own transaction. A crash
keeps what was saved (the answer reads as incomplete); Ctrl-C or an error inside the `with` block, or a
pipeline that ends with an error (dead microphone), marks the answer incomplete with the reason. Words a
full disk or a locked database refused stay queued and are retried; `problem` says so while it lasts, and
the answer's end is set aside in a file if the database still cannot take it (`storage.unfinished`).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import numpy as np

from mockinterview.errors import StoreError
from mockinterview.report import AnswerReport
from mockinterview.storage.recordings import RecordingSettings, WavWriter
from mockinterview.storage.store import Store
from mockinterview.storage.unfinished import close_answer, waiting
from mockinterview.types import SAMPLE_RATE, PipelineEvent, PipelineFinished, Question, Word, WordsCommitted


@dataclass(frozen=True, slots=True)
class RecorderSettings:
    """How an answer is saved while it is recorded."""

    flush_interval_s: float = 0.1
    """Captured audio is appended to the recording at least this often (a crash loses at most this much)."""

    finish_timeout_s: float = 10.0
    """How long `finish`/`abort` wait for the saver thread to write what is queued."""

    recording: RecordingSettings = field(default_factory=RecordingSettings)
    """How the WAV file is written."""


INTERRUPTED = "interrupted (Ctrl-C)"
"""Reason stored when the user stops an answer with Ctrl-C."""


class InterruptWatch:
    """Notes a Ctrl-C (SIGINT) during a `with` block, even when a lower layer handles the KeyboardInterrupt
    itself (the pipeline stops capture on Ctrl-C and returns what it has). A no-op off the main thread."""

    def __init__(self) -> None:
        self.interrupted = False
        self._previous: Any = None
        self._installed = False

    def _handler(self, signum: int, frame: Any) -> None:
        self.interrupted = True
        if callable(self._previous):
            self._previous(signum, frame)
        elif self._previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    def __enter__(self) -> InterruptWatch:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.getsignal(signal.SIGINT)
            signal.signal(signal.SIGINT, self._handler)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False


class AnswerRecorder:
    """Saves one answer as it is given. Create it when the answer starts; `finish` or `abort` it."""

    def __init__(self, store: Store, question_id: int, *, settings: RecorderSettings | None = None,
                 sample_rate: int = SAMPLE_RATE, record: bool = True) -> None:
        self.store = store
        self.settings = settings or RecorderSettings()
        self.handle = store.begin_answer(question_id, record=record)
        self.answer_id = self.handle.answer_id
        self.recording_path = self.handle.recording_path
        self.errors: list[StoreError] = []
        """Save failures so far (disk full, database locked ...); words that failed are retried."""
        self.close_error: StoreError | None = None
        """Why the database did not take the answer's end: an AnswerSetAside names the file that keeps it."""
        self.pipeline_error: str | None = None
        self.words_saved = 0
        self.closed = False
        self._recorded_s = 0.0
        self._interrupts = InterruptWatch()
        self._frames: deque[bytes] = deque()
        self._words: deque[list[Word]] = deque()
        self._lock = threading.Lock()  # serialises flushes (saver thread vs. finish)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._writer: WavWriter | None = None
        self._audio_failed = False
        if self.recording_path is not None:
            try:
                self._writer = WavWriter(self.recording_path, sample_rate, self.settings.recording)
            except StoreError as exc:
                store.mark_incomplete(self.answer_id, f"recording could not be created: {exc}")
                raise
        self._thread = threading.Thread(target=self._run, name=f"answer-{self.answer_id}-saver", daemon=True)
        self._thread.start()

    # ---- listeners (pipeline threads: queue only) -------------------------------------------------

    def on_frame(self, frame: bytes) -> None:
        """Frame listener: one captured int16 frame."""
        self._frames.append(frame)

    def on_event(self, event: PipelineEvent) -> None:
        """Pipeline listener: committed words are saved at once; a pipeline error is remembered."""
        if isinstance(event, WordsCommitted):
            if event.utterance.words:
                self._words.append(list(event.utterance.words))
                self._wake.set()
        elif isinstance(event, PipelineFinished) and event.error:
            self.pipeline_error = event.error

    # ---- saving -------------------------------------------------------------------------------------

    @property
    def problem(self) -> StoreError | None:
        """The latest save failure, while it lasts: None once queued words are saved again."""
        return self.errors[-1] if self.errors and (self._words or self._audio_failed) else None

    @property
    def recorded_s(self) -> float:
        """Seconds of audio written to the recording so far."""
        return self._writer.seconds if self._writer else self._recorded_s

    def _run(self) -> None:
        while True:
            self._wake.wait(self.settings.flush_interval_s)
            self._wake.clear()
            if self._stop.is_set():  # the final flush is `_shutdown`'s
                return
            self.flush()

    def _fail(self, exc: StoreError) -> None:
        if not self.errors or str(self.errors[-1]) != str(exc):
            self.errors.append(exc)

    def flush(self) -> None:
        """Write queued audio and words now (called by the saver thread; safe from any thread)."""
        with self._lock:
            self._flush_audio()
            self._flush_words()

    def _flush_audio(self) -> None:
        chunks: list[bytes] = []
        while self._frames:
            chunks.append(self._frames.popleft())
        if not chunks or self._writer is None:
            return
        try:
            self._writer.write(b"".join(chunks))
        except StoreError as exc:
            # disk full or gone: keep what is on disk, stop writing audio, keep saving words if possible
            self._audio_failed = True
            self._fail(exc)
            self._close_writer()

    def _flush_words(self) -> None:
        while self._words:
            batch = self._words[0]
            try:
                self.store.append_words(self.answer_id, batch)
            except StoreError as exc:
                self._fail(exc)  # left queued: retried at the next flush
                return
            self._words.popleft()
            self.words_saved += len(batch)

    def _close_writer(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            self._recorded_s = writer.seconds
            try:
                writer.close()
            except StoreError as exc:
                self._fail(exc)

    def _shutdown(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(self.settings.finish_timeout_s)
        with self._lock:
            self._flush_audio()
            # the database refusing words gets one more try that does not wait: closing the answer waits for it
            with waiting(self.store, 0) if self.problem is not None else contextlib.nullcontext():
                self._flush_words()
            self._close_writer()

    # ---- ending -------------------------------------------------------------------------------------

    @property
    def interrupted(self) -> bool:
        """True if Ctrl-C was pressed inside this recorder's `with` block."""
        return self._interrupts.interrupted

    def finish(self, report: AnswerReport | None, *, complete: bool | None = None,
               reason: str | None = None) -> None:
        """Close the answer with its report. It is "complete" unless the pipeline reported an error, Ctrl-C
        was pressed inside the `with` block, or `complete=False`.

        A busy database is waited for; if it still cannot take the answer, raises AnswerSetAside (the report
        and the words are kept in the file it names, saved later), or StoreError if not even that worked (what
        was saved before stays)."""
        if self.closed:
            return
        self._shutdown()
        self.closed = True
        if complete is None:
            complete = self.pipeline_error is None and not self.interrupted
        if not complete and reason is None:
            if self.interrupted:
                reason = INTERRUPTED
            elif self.pipeline_error:
                reason = f"audio input failed: {self.pipeline_error}"
            else:
                reason = "not finished"
        self._close(report, complete, reason)

    def abort(self, reason: str) -> None:
        """Close the answer as incomplete, keeping its words and audio (Ctrl-C, error, no report). Never raises:
        a failure is in `errors` (and the answer's words in the file of `set_aside`, if one could be written)."""
        if self.closed:
            return
        self._shutdown()
        self.closed = True
        try:
            self._close(None, False, reason)
        except StoreError as exc:
            self._fail(exc)

    def _close(self, report: AnswerReport | None, complete: bool, reason: str | None) -> None:
        unsaved = [w for batch in self._words for w in batch]
        try:
            close_answer(self.store, self.handle, report=report, complete=complete, reason=reason, unsaved=unsaved,
                         recorded_s=self.recorded_s if self.recording_path is not None else None)
        except StoreError as exc:
            self.close_error = exc
            raise
        finally:
            self._words.clear()
        if report is None:
            self.words_saved += len(unsaved)

    def __enter__(self) -> AnswerRecorder:
        self._interrupts.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._interrupts.__exit__()
        if self.closed:
            return
        if exc_type is None:
            self.abort("ended without a report")
        elif issubclass(exc_type, KeyboardInterrupt):
            self.abort(INTERRUPTED)
        else:
            self.abort(f"stopped by an error: {str(exc).splitlines()[0] if str(exc) else exc_type.__name__}")


def save_scored_answer(store: Store, report: AnswerReport, *, question: Question | str | None = None,
                       session_id: int | None = None, mode: str = "score", audio: Any = None,
                       sample_rate: int = SAMPLE_RATE) -> tuple[int, int]:
    """Save an answer scored after the fact (e.g. `score FILE`): one session unless `session_id` is given,
    the question, the report, and `audio` (int16 PCM array or bytes) as its recording. Returns
    (session_id, answer_id)."""
    created = session_id is None
    if session_id is None:
        session_id = store.start_session(mode)
    question_id = store.add_question(session_id, question or "(no question given)")
    recorder = AnswerRecorder(store, question_id, sample_rate=sample_rate, record=audio is not None)
    with recorder:
        if audio is not None:
            pcm = audio.astype(np.int16).tobytes() if isinstance(audio, np.ndarray) else bytes(audio)
            recorder.on_frame(pcm)
        recorder.finish(report)  # the report's words are saved with it
    if created:
        store.end_session(session_id)
    return session_id, recorder.answer_id

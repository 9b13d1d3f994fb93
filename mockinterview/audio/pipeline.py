"""The live pipeline: source -> bounded frame queue -> VAD segmenter -> streaming transcriber -> listeners.

Three threads: capture (reads the source; never blocks a real-time source), segmenter (VAD, levels,
recording taps, utterance boundaries) and the transcriber worker (commits closed utterances; when idle,
refreshes partial words and decodes speculatively as soon as speech pauses).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from mockinterview.audio.budget import BudgetSettings, ComputeBudget, CpuProbe
from mockinterview.audio.memory import release_freed_memory
from mockinterview.audio.model import ModelLoader
from mockinterview.audio.sources import AudioSource, FileSource
from mockinterview.audio.streaming import StreamState, TranscriberWorker
from mockinterview.audio.transcriber import TranscriberOptions
from mockinterview.audio.vad import (
    SilenceBegan,
    UtteranceClosed,
    UtteranceOpened,
    VadSegmenter,
    VadSettings,
    make_classifier,
)
from mockinterview.types import (
    AudioLevel,
    PipelineEvent,
    PipelineFinished,
    PipelineListener,
    PipelineStats,
    SpeechEnded,
    SpeechStarted,
    Transcript,
)

FrameListener = Callable[[bytes], None]


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """Settings of the whole pipeline."""

    vad: VadSettings = field(default_factory=VadSettings)
    transcriber: TranscriberOptions = field(default_factory=TranscriberOptions)
    budget: BudgetSettings = field(default_factory=BudgetSettings)
    """How the transcriber sheds work and picks its threads in real time (audio/budget.py)."""
    frame_queue_frames: int = 1000
    """Frames buffered between capture and the segmenter (1000 x 30 ms = 30 s) before frames are dropped."""
    level_every_frames: int = 3
    """An AudioLevel event is sent every this many frames (3 = every 90 ms)."""


class Pipeline:
    """Runs one source through VAD and the transcriber, sending events to listeners.

    Capture starts at once; the transcriber waits for the model loader, so no speech is lost while it loads.
    """

    def __init__(
        self,
        source: AudioSource,
        model: ModelLoader,
        *,
        listeners: Sequence[PipelineListener] = (),
        frame_listeners: Sequence[FrameListener] = (),
        settings: PipelineSettings | None = None,
        pace: float = 1.0,
    ) -> None:
        self.source = source
        self.settings = settings or PipelineSettings()
        self.loader = model
        self.listeners = list(listeners)
        self.frame_listeners = list(frame_listeners)
        self.stats = PipelineStats(pace=pace)
        self.state = StreamState(frame_s=self.settings.vad.frame_s, unpaced=pace <= 0)
        self.segmenter = VadSegmenter(self.settings.vad)
        self.error: BaseException | None = None
        self._frames: queue.Queue[bytes | None] = queue.Queue(maxsize=self.settings.frame_queue_frames)
        self.budget = ComputeBudget(self.settings.budget, active=pace > 0,
                                    probe=CpuProbe() if pace > 0 and self.settings.budget.enabled else None)
        self._worker = TranscriberWorker(
            None, self.settings.transcriber, self.state, self.stats, self._emit, self.budget
        )
        self._threads = [
            threading.Thread(target=self._capture, name="capture", daemon=True),
            threading.Thread(target=self._segment, name="segmenter", daemon=True),
            threading.Thread(target=self._work, name="transcriber", daemon=True),
        ]
        self._done = threading.Event()

    # -- lifecycle --------------------------------------------------------------------------------------
    def start(self) -> Pipeline:
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> None:
        """End capture now; what was captured is still transcribed (wait() returns it)."""
        self.source.stop()

    def abandon(self) -> None:
        """End capture and drop what is not transcribed yet: the transcriber ends after its current piece
        (for when nobody will read the rest)."""
        self.source.stop()
        self.state.drop_pending()

    def wait(self, timeout: float | None = None) -> Transcript:
        """Block until every captured utterance is committed; re-raise a source or listener failure."""
        if not self._done.wait(timeout):
            raise TimeoutError("pipeline still running")
        if self.error is not None:
            raise self.error
        return self.transcript()

    def wait_captured(self, seconds: float) -> None:
        """Block until `seconds` of audio were captured or the pipeline ended."""
        while not self._done.is_set() and self.state.now() < seconds:
            self._done.wait(0.05)

    def behind_s(self) -> float:
        """How far the committed words are behind: wall seconds since the oldest speech not committed ended."""
        return self._worker.behind_s()

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def audio(self) -> np.ndarray:
        """The audio captured so far: int16 16 kHz mono from time 0."""
        with self.state.cond:
            return np.frombuffer(bytes(self.state.audio), dtype=np.int16)

    def transcript(self) -> Transcript:
        audio = self.audio()
        return Transcript(
            words=list(self.state.committed),
            speech=self.segmenter.speech_timeline(),
            duration_s=self.stats.audio_s,
            model=self.loader.name,
            stats=self.stats,
            utterances=list(self.state.utterances),
            audio=audio,
            styled=list(self.state.styled),
        )

    # -- events -----------------------------------------------------------------------------------------
    def _emit(self, event: PipelineEvent) -> None:
        for listener in self.listeners:
            try:
                listener(event)
            except Exception as exc:  # noqa: BLE001 - a listener failure must not stop capture
                if self.error is None:
                    self.error = exc

    # -- threads ----------------------------------------------------------------------------------------
    def _capture(self) -> None:
        realtime = getattr(self.source, "realtime", True)
        try:
            for frame in self.source.frames():
                if realtime:
                    try:
                        self._frames.put_nowait(frame)
                    except queue.Full:
                        self.stats.dropped_frames += 1
                else:
                    self._frames.put(frame)
        except BaseException as exc:  # noqa: BLE001 - reported through wait()
            self.error = exc
        finally:
            self.stats.dropped_frames += getattr(self.source, "dropped", 0)
            self._frames.put(None)

    def _segment(self) -> None:
        classify = make_classifier(self.settings.vad)
        seg, state = self.segmenter, self.state
        every = self.settings.level_every_frames
        try:
            while (frame := self._frames.get()) is not None:
                state.add_frame(frame, time.monotonic())
                self.stats.frames += 1
                self.stats.audio_s = seg.now + self.settings.vad.frame_s
                for tap in self.frame_listeners:
                    tap(frame)
                speech, level = classify(frame)
                if self.stats.frames % every == 0:
                    self._emit(AudioLevel(seg.now, level))
                for ev in seg.feed(speech):
                    self._on_segment_event(ev)
            for ev in seg.flush():
                self._on_segment_event(ev)
        except BaseException as exc:  # noqa: BLE001
            if self.error is None:
                self.error = exc
            self.source.stop()
        finally:
            state.finish()

    def _on_segment_event(self, ev: UtteranceOpened | UtteranceClosed | SilenceBegan) -> None:
        if isinstance(ev, UtteranceOpened):
            self.state.open(ev.index, ev.start)
            self._emit(SpeechStarted(ev.index, ev.start))
        elif isinstance(ev, SilenceBegan):
            self.state.request_speculation(ev.index, ev.time)
        else:
            self.stats.utterances += 1
            self._emit(SpeechEnded(ev.index, ev.start, ev.end))
            self.state.close(ev)

    def _work(self) -> None:
        try:
            self._worker.model = self.loader.get()
            self._worker.run()
        except BaseException as exc:  # noqa: BLE001
            if self.error is None:
                self.error = exc
            self.source.stop()
            self._drain()
        finally:
            committed = self.stats.utterance_latencies_s
            self.stats.tail_latency_s = round(committed[-1], 3) if committed else None
            self.stats.behind_s_max = round(max([self.budget.behind_max_s, *committed]), 2)
            self.stats.shed = self.budget.shed_counts()
            self._emit(PipelineFinished(self.stats, str(self.error) if self.error else None))
            self._done.set()
            release_freed_memory()  # the answer's decodes are over: keep a long session's memory flat

    def _drain(self) -> None:
        while True:
            try:
                self._frames.get_nowait()
            except queue.Empty:
                return


def transcribe_file(
    path: str | Path,
    *,
    pace: float = 0.0,
    model: Any = None,
    listeners: Sequence[PipelineListener] = (),
    frame_listeners: Sequence[FrameListener] = (),
    settings: PipelineSettings | None = None,
    options: TranscriberOptions | None = None,
) -> Transcript:
    """Stream a file through the pipeline at `pace` x real time and return the transcript.

    `model` is a loaded WhisperModel, a ModelLoader, a model name/path, or None for the bundled tiny.en.
    """
    source = FileSource(path, pace)
    if options is not None:
        base = settings or PipelineSettings()
        settings = replace(base, transcriber=options)
    return run_source(source, model=model, listeners=listeners, frame_listeners=frame_listeners,
                      settings=settings, pace=pace)


def run_source(
    source: AudioSource,
    *,
    model: Any = None,
    listeners: Sequence[PipelineListener] = (),
    frame_listeners: Sequence[FrameListener] = (),
    settings: PipelineSettings | None = None,
    pace: float = 1.0,
    max_seconds: float | None = None,
) -> Transcript:
    """Run a source to its end (or `max_seconds`, or Ctrl-C) and return what was transcribed."""
    pipeline = Pipeline(
        source, as_loader(model), listeners=listeners, frame_listeners=frame_listeners,
        settings=settings, pace=pace,
    ).start()
    try:
        if max_seconds is not None:
            pipeline.wait_captured(max_seconds)
            pipeline.stop()
        return pipeline.wait()
    except KeyboardInterrupt:
        pipeline.stop()
        return pipeline.wait()


def as_loader(model: Any) -> ModelLoader:
    """Turn a model argument (None, name, path, ModelLoader or a loaded WhisperModel) into a started loader."""
    if isinstance(model, ModelLoader):
        return model
    if model is None or isinstance(model, str | Path):
        return ModelLoader(None if model is None else str(model)).start()
    return ModelLoader.ready_with(model, getattr(model, "name", "") or "custom")


__all__ = ["Pipeline", "PipelineSettings", "transcribe_file", "run_source", "as_loader"]

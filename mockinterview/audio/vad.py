"""Voice activity: a pure segmenter state machine over per-frame speech decisions, and the webrtcvad classifier.

The segmenter never ends an answer: it only opens and closes utterances (stretches of speech separated by
silence) and records a fine-grained speech timeline.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from mockinterview.types import SAMPLE_RATE, Span


@dataclass(frozen=True, slots=True)
class VadSettings:
    """Settings of the voice activity detector and the utterance segmenter."""

    frame_ms: int = 30
    """Frame length fed to webrtcvad (10, 20 or 30 ms)."""
    aggressiveness: int = 2
    """webrtcvad mode 0 (lenient) .. 3 (strict about what counts as speech)."""
    min_dbfs: float = -50.0
    """Energy gate: frames quieter than this RMS level are silence whatever webrtcvad says."""
    onset_window: int = 8
    """Frames looked at to decide that speech has started."""
    onset_voiced: int = 5
    """Voiced frames needed within `onset_window` to open an utterance (5 of 8 = 150 ms of voice)."""
    padding_ms: int = 240
    """Audio kept before the detected onset and after the last voiced frame, so word edges are not clipped."""
    hangover_ms: int = 450
    """Silence needed after speech to close an utterance. Shorter pauses stay inside one utterance."""
    speculate_ms: int = 150
    """Silence after which the transcriber may start decoding the utterance before it closes."""
    max_utterance_s: float = 16.0
    """An utterance longer than this is closed at the next unvoiced frame, so a long run of speech without a
    pause is committed in pieces whose decode stays short (live on corpus dev-01 and dev-02: 90th-percentile
    latency 0.95 s at 16 s against 1.50 s at 24 s, WER 9.2% against 8.8%)."""
    hard_max_utterance_s: float = 28.0
    """An utterance is closed here even in continuous voice."""
    timeline_gap_ms: int = 150
    """Voiced runs separated by less than this are one span of the speech timeline."""

    @property
    def frame_s(self) -> float:
        return self.frame_ms / 1000

    @property
    def frame_bytes(self) -> int:
        return SAMPLE_RATE * self.frame_ms // 1000 * 2


@dataclass(frozen=True, slots=True)
class UtteranceOpened:
    """Speech began; `start` includes the padding before the onset."""

    index: int
    start: float


@dataclass(frozen=True, slots=True)
class UtteranceClosed:
    """Speech ended. `start`/`end` bound the voiced frames; `audio_start`/`audio_end` include padding."""

    index: int
    start: float
    end: float
    audio_start: float
    audio_end: float


@dataclass(frozen=True, slots=True)
class SilenceBegan:
    """Speech paused `speculate_ms` ago in an open utterance (`time` = end of its last voiced frame)."""

    index: int
    time: float


SegmenterEvent = UtteranceOpened | UtteranceClosed | SilenceBegan


@dataclass
class VadSegmenter:
    """Turns per-frame speech decisions into utterance boundaries and a speech timeline.

    Pure: feed it `(is_speech)` for consecutive frames; it returns events. Times are frame-accurate.
    """

    settings: VadSettings = field(default_factory=VadSettings)
    frames: int = 0
    index: int = 0
    open_start: float | None = None
    voiced_start: float | None = None
    last_voiced_end: float | None = None
    timeline: list[Span] = field(default_factory=list)
    _recent: deque[bool] = field(default_factory=deque)
    _run_start: float | None = None
    _run_end: float | None = None
    _silent_frames: int = 0

    @property
    def is_open(self) -> bool:
        return self.open_start is not None

    @property
    def now(self) -> float:
        return self.frames * self.settings.frame_s

    def feed(self, is_speech: bool) -> list[SegmenterEvent]:
        """Advance one frame."""
        s = self.settings
        t0 = self.now
        self.frames += 1
        t1 = self.now
        events: list[SegmenterEvent] = []
        self._recent.append(is_speech)
        if len(self._recent) > s.onset_window:
            self._recent.popleft()
        if is_speech:
            self._extend_timeline(t0, t1)
        if not self.is_open:
            if is_speech and sum(self._recent) >= s.onset_voiced:
                first = self._first_voiced_time()
                self.open_start = max(0.0, first - s.padding_ms / 1000)
                self.voiced_start = first
                self.last_voiced_end = t1
                self._silent_frames = 0
                events.append(UtteranceOpened(self.index, self.open_start))
            return events
        assert self.voiced_start is not None and self.last_voiced_end is not None
        if is_speech:
            self.last_voiced_end = t1
            self._silent_frames = 0
        else:
            self._silent_frames += 1
            if self._silent_frames * s.frame_ms == s.speculate_ms:
                events.append(SilenceBegan(self.index, self.last_voiced_end))
        length = t1 - self.voiced_start
        if (
            self._silent_frames * s.frame_ms >= s.hangover_ms
            or (length >= s.max_utterance_s and not is_speech)
            or length >= s.hard_max_utterance_s
        ):
            events.append(self._close())
        return events

    def flush(self) -> list[SegmenterEvent]:
        """End of input: close an open utterance and the timeline."""
        self._close_run()
        return [self._close()] if self.is_open else []

    def speech_timeline(self) -> list[Span]:
        """Voiced spans so far (including a run still open)."""
        spans = list(self.timeline)
        if self._run_start is not None and self._run_end is not None:
            spans.append(Span(self._run_start, self._run_end))
        return spans

    def _first_voiced_time(self) -> float:
        n = len(self._recent)
        for k, voiced in enumerate(self._recent):
            if voiced:
                return (self.frames - n + k) * self.settings.frame_s
        return self.now

    def _close(self) -> UtteranceClosed:
        assert self.open_start is not None and self.voiced_start is not None
        assert self.last_voiced_end is not None
        s = self.settings
        audio_end = min(self.now, self.last_voiced_end + s.padding_ms / 1000)
        event = UtteranceClosed(
            self.index, self.voiced_start, self.last_voiced_end, self.open_start, audio_end
        )
        self.index += 1
        self.open_start = self.voiced_start = self.last_voiced_end = None
        self._silent_frames = 0
        self._recent.clear()
        return event

    def _extend_timeline(self, t0: float, t1: float) -> None:
        gap = self.settings.timeline_gap_ms / 1000
        if self._run_end is not None and t0 - self._run_end <= gap + 1e-9:
            self._run_end = t1
            return
        self._close_run()
        self._run_start, self._run_end = t0, t1

    def _close_run(self) -> None:
        if self._run_start is not None and self._run_end is not None:
            self.timeline.append(Span(self._run_start, self._run_end))
        self._run_start = self._run_end = None


def frame_dbfs(frame: bytes) -> float:
    """RMS level of an int16 frame in dBFS (-96 for digital silence)."""
    samples = np.frombuffer(frame, dtype=np.int16).astype(np.float32)
    if samples.size == 0:
        return -96.0
    rms = float(np.sqrt(np.mean(samples * samples)))
    return 20 * math.log10(max(rms, 0.5) / 32768.0)


def make_classifier(settings: VadSettings) -> Callable[[bytes], tuple[bool, float]]:
    """A frame classifier: webrtcvad behind an energy gate. Returns (is_speech, dBFS)."""
    import webrtcvad

    vad = webrtcvad.Vad(settings.aggressiveness)

    def classify(frame: bytes) -> tuple[bool, float]:
        level = frame_dbfs(frame)
        if level < settings.min_dbfs:
            return False, level
        return vad.is_speech(frame, SAMPLE_RATE), level

    return classify

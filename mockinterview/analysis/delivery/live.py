"""Live timing while the candidate speaks: elapsed time, cues, window, speaking time, pace, pauses, fillers.

`LiveTimer` is pure: it is fed pipeline events and audio-clock ticks and returns the `LiveEvent`s the UI
shows. It keeps no threads and reads no clock; the caller decides where `now` comes from (the audio position).
Given the answer's audio so far, it counts fillers exactly as the final report does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mockinterview.analysis.delivery.fillers import FillerHit
from mockinterview.analysis.delivery.timing import DeliverySettings, find_fillers
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.report import Window
from mockinterview.types import (
    AudioLevel,
    HesitationWords,
    PartialWords,
    PipelineEvent,
    PipelineFinished,
    Span,
    SpeechEnded,
    SpeechStarted,
    Word,
    WordsCommitted,
)


@dataclass(frozen=True, slots=True)
class AnswerStarted:
    """The first speech of the answer: elapsed time counts from here."""

    time: float


@dataclass(frozen=True, slots=True)
class Cue:
    """A time cue reached: `name` is challenge | minimum | wrap_up | over."""

    time: float
    elapsed_s: float
    name: str
    message: str


@dataclass(frozen=True, slots=True)
class WindowChanged:
    """The window verdict for the elapsed time changed (rushed -> ideal -> long -> over)."""

    time: float
    window: Window


@dataclass(frozen=True, slots=True)
class LongPause:
    """A silence over the long-pause threshold inside the answer: once `ongoing` as it happens, once ended."""

    start: float
    end: float
    ongoing: bool = False


@dataclass(frozen=True, slots=True)
class FillerHeard:
    """A filler newly heard: in committed words, or an um/uh only the hesitation pass wrote."""

    time: float
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class AnswerFinished:
    """The source ended; the snapshot holds the last live figures."""

    time: float
    stats: LiveStats


LiveEvent = AnswerStarted | Cue | WindowChanged | LongPause | FillerHeard | AnswerFinished


@dataclass(frozen=True, slots=True)
class LiveStats:
    """What the live panel shows at one moment."""

    now: float
    started: bool
    elapsed_s: float
    speaking_s: float
    words: int
    wpm: float
    fillers: int
    fillers_per_min: float
    window: Window
    long_pauses: int
    speaking: bool


CUE_MESSAGES = (
    ("challenge", "reach the challenge"),
    ("minimum", "minimum reached"),
    ("wrap_up", "wrap up"),
    ("over", "over time"),
)
"""Cue names and messages, in time order (their times are `CoachingTargets.marks`)."""


class LiveTimer:
    """Turns pipeline events and audio-clock ticks into live cues and figures."""

    def __init__(self, settings: DeliverySettings | None = None,
                 audio: Callable[[], np.ndarray] | None = None, targets: CoachingTargets = DEFAULT_TARGETS) -> None:
        """`audio` returns the answer's audio so far (int16 16 kHz mono from time 0): with it the filler count
        gets the final report's audio checks (pauses that set words off, um/uh heard or not). `targets` set
        the cues, the window and the long-pause length (a follow-up passes `targets.followup()`)."""
        self.settings = settings or DeliverySettings()
        self.targets = targets
        self._audio = audio
        self._cues = [(t, name, msg) for t, (name, msg) in zip(targets.marks, CUE_MESSAGES, strict=True)]
        self._next_cue = 0
        self.start: float | None = None
        self.now = 0.0
        self._open_since: float | None = None
        self._last_speech_end: float | None = None
        self._pause_flagged = False
        self.pauses: list[tuple[float, float]] = []
        self.speech: list[Span] = []
        """Closed utterances' speech spans."""
        self.committed: list[Word] = []
        self.styled: list[Word] = []
        """The hesitation pass's words so far (evidence only)."""
        self.words: list[Word] = []
        """The committed words plus the um/uh only the hesitation pass (or the audio) heard, in time order,
        `filler=True` on fillers: the live transcript, as the final report would give it so far."""
        self._partial: tuple[Word, ...] = ()
        self.hits: list[FillerHit] = []
        """The fillers counted so far (indices into `words`)."""
        self._reported: set[tuple[str, float]] = set()
        self._window = targets.window(0.0)
        self._levels: list[float] = []
        self._last_level_time: float | None = None
        self._level_speech = 0.0
        self._quiet_run = 0.0

    # ---- input -------------------------------------------------------------------------------------

    def feed(self, event: PipelineEvent) -> list[LiveEvent]:
        """Take one pipeline event; return the live events it causes (in time order)."""
        out: list[LiveEvent] = []
        if isinstance(event, SpeechStarted):
            out += self._speech_started(event.time)
            out += self.tick(event.time)
        elif isinstance(event, SpeechEnded):
            if self._open_since is None:  # an end without a start: take the span as given
                out += self._speech_started(event.start)
            self.speech.append(Span(event.start, event.end))
            self._open_since = None
            self._last_speech_end = event.end
            self._pause_flagged = False
            out += self.tick(event.end)
        elif isinstance(event, PartialWords):
            self._partial = event.words
        elif isinstance(event, WordsCommitted):
            self._partial = ()
            out += self._commit(event.utterance.words)
            if event.utterance.words:
                out += self.tick(event.utterance.words[-1].end)
        elif isinstance(event, HesitationWords):
            self.styled.extend(event.words)
            out += self._recount()
        elif isinstance(event, AudioLevel):
            self._level(event)
            out += self.tick(event.time)
        elif isinstance(event, PipelineFinished):
            out.append(AnswerFinished(self.now, self.snapshot()))
        return out

    def tick(self, now_audio_s: float) -> list[LiveEvent]:
        """Advance the audio clock; return cues, window changes and ongoing pauses reached by `now`."""
        self.now = max(self.now, now_audio_s)
        out: list[LiveEvent] = []
        if self.start is None:
            return out
        elapsed = self.now - self.start
        while self._next_cue < len(self._cues) and elapsed >= self._cues[self._next_cue][0]:
            t, name, msg = self._cues[self._next_cue]
            out.append(Cue(self.start + t, t, name, msg))
            self._next_cue += 1
        window = self.targets.window(elapsed)
        if window != self._window:
            self._window = window
            out.append(WindowChanged(self.now, window))
        last = self._last_speech_end
        if (self._open_since is None and last is not None and not self._pause_flagged
                and self.now - last > self.targets.long_pause_s):
            self._pause_flagged = True
            out.append(LongPause(last, self.now, ongoing=True))
        return out

    # ---- output ------------------------------------------------------------------------------------

    def snapshot(self) -> LiveStats:
        """Current live figures.

        Speaking time comes from the input levels when the pipeline sends them (pauses inside an utterance
        do not count), else from the utterances' voiced spans.
        """
        elapsed = self.now - self.start if self.start is not None else 0.0
        if self._levels:
            speaking = self._level_speech
        else:
            closed = sum(max(0.0, sp.end - sp.start) for sp in self.speech)
            speaking = closed + (max(0.0, self.now - self._open_since) if self._open_since else 0.0)
        n_words = len(self.committed) + len(self._partial)
        wpm = n_words / (speaking / 60.0) if speaking > 0 else 0.0
        minutes = elapsed / 60.0
        return LiveStats(
            now=self.now, started=self.start is not None, elapsed_s=elapsed, speaking_s=speaking,
            words=n_words, wpm=wpm, fillers=len(self.hits),
            fillers_per_min=len(self.hits) / minutes if minutes > 0 else 0.0,
            window=self._window, long_pauses=len(self.pauses), speaking=self._open_since is not None,
        )

    # ---- internals ---------------------------------------------------------------------------------

    def _level(self, event: AudioLevel) -> None:
        """Count the time since the previous reading as speech if this reading is loud enough."""
        s = self.settings
        prev, self._last_level_time = self._last_level_time, event.time
        if self.start is None or prev is None:
            return
        self._levels.append(event.dbfs)
        threshold = max(s.live_level_floor_dbfs, float(np.percentile(self._levels, 90)) - s.live_level_range_db)
        step = min(max(0.0, event.time - prev), s.live_level_max_step_s)
        if event.dbfs >= threshold:
            if self._quiet_run <= s.live_level_bridge_s:
                self._level_speech += self._quiet_run
            self._level_speech += step
            self._quiet_run = 0.0
        else:
            self._quiet_run += step

    def _speech_started(self, time: float) -> list[LiveEvent]:
        out: list[LiveEvent] = []
        if self.start is None:
            self.start = time
            out.append(AnswerStarted(time))
        last = self._last_speech_end
        if last is not None and time - last > self.targets.long_pause_s:
            self.pauses.append((last, time))
            out.append(LongPause(last, time, ongoing=False))
        self._open_since = time
        return out

    def _commit(self, words: tuple[Word, ...]) -> list[LiveEvent]:
        """Add committed words; report the fillers they bring."""
        self.committed.extend(words)
        return self._recount()

    def _recount(self) -> list[LiveEvent]:
        """Count fillers over the committed words plus the um/uh only the hesitation pass heard, with the audio
        checks when the audio is known (as the final report does); report each filler once, when first heard."""
        s = self.settings
        speech = self.speech + ([Span(self._open_since, self.now)] if self._open_since is not None else [])
        found = find_fillers(self.committed, speech, s, self._audio() if self._audio else None, self.styled)
        self.words, self.hits = found.marked, found.hits
        out: list[LiveEvent] = []
        for h in self.hits:
            ws = [self.words[i] for i in h.indices]
            key = (h.kind, round(ws[0].start, 2))
            if key not in self._reported:
                self._reported.add(key)
                out.append(FillerHeard(ws[0].start, h.kind, " ".join(w.text for w in ws)))
        return out

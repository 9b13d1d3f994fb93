"""The streaming transcriber: shared stream state and the worker that turns utterances into words."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mockinterview.audio.transcriber import (
    TranscriberOptions,
    build_prompt,
    confine_to_speech,
    decode,
    decode_hesitations,
)
from mockinterview.audio.vad import UtteranceClosed
from mockinterview.types import (
    HesitationWords,
    PartialWords,
    PipelineEvent,
    PipelineStats,
    Span,
    Utterance,
    Word,
    WordsCommitted,
)


@dataclass
class OpenUtterance:
    index: int
    audio_start: float


@dataclass
class Speculation:
    """A decode made when speech paused; reused as the commit if no speech followed."""

    index: int
    voiced_end: float
    words: list[Word]


@dataclass
class StreamState:
    """What the segmenter thread shares with the transcriber worker, guarded by one condition."""

    frame_s: float
    audio: bytearray = field(default_factory=bytearray)
    arrivals: list[float] = field(default_factory=list)
    """Wall-clock arrival time of each frame, to measure latency."""
    open_utt: OpenUtterance | None = None
    closed: deque[UtteranceClosed] = field(default_factory=deque)
    speculate: tuple[int, float] | None = None
    finished: bool = False
    committed: list[Word] = field(default_factory=list)
    styled: list[Word] = field(default_factory=list)
    """Words of the hesitation pass (TranscriberOptions.hesitation_prompt): filler evidence, not transcript."""
    utterances: list[Utterance] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)
    unpaced: bool = False
    """Input arrives faster than real time (a file at pace 0): commit only full batches, in a fixed way, so
    the transcript does not depend on how fast this machine decodes; no partials or speculation."""

    def add_frame(self, frame: bytes, wall: float) -> None:
        with self.cond:
            self.audio.extend(frame)
            self.arrivals.append(wall)

    def open(self, index: int, audio_start: float) -> None:
        with self.cond:
            self.open_utt = OpenUtterance(index, audio_start)
            self.cond.notify_all()

    def request_speculation(self, index: int, voiced_end: float) -> None:
        with self.cond:
            self.speculate = (index, voiced_end)
            self.cond.notify_all()

    def close(self, ev: UtteranceClosed) -> None:
        with self.cond:
            self.open_utt = None
            self.speculate = None
            self.closed.append(ev)
            self.cond.notify_all()

    def finish(self) -> None:
        with self.cond:
            self.finished = True
            self.cond.notify_all()

    def drop_pending(self) -> None:
        """Forget the speech not transcribed yet (closed, open or speculated) and finish."""
        with self.cond:
            self.closed.clear()
            self.open_utt = None
            self.speculate = None
            self.finished = True
            self.cond.notify_all()

    def now(self) -> float:
        """Audio time captured so far."""
        return len(self.arrivals) * self.frame_s

    def pcm(self, start: float, end: float) -> np.ndarray:
        """int16 samples between two audio times."""
        a = int(start / self.frame_s) * int(self.frame_s * 16000) * 2
        b = int(round(end / self.frame_s)) * int(self.frame_s * 16000) * 2
        with self.cond:
            chunk = bytes(self.audio[a:b])
        return np.frombuffer(chunk, dtype=np.int16)

    def arrival(self, t: float) -> float:
        """Wall-clock time at which audio time `t` had been captured."""
        k = min(max(int(round(t / self.frame_s)) - 1, 0), len(self.arrivals) - 1)
        return self.arrivals[k]


class TranscriberWorker:
    """Commits closed utterances (batched when behind); partials and speculation when idle; then the
    hesitation pass of what was committed."""

    def __init__(
        self,
        model: Any,
        options: TranscriberOptions,
        state: StreamState,
        stats: PipelineStats,
        emit: Callable[[PipelineEvent], None],
    ) -> None:
        self.model = model
        self.options = options
        self.state = state
        self.stats = stats
        self.emit = emit
        self._spec: Speculation | None = None
        self._last_partial = 0.0
        self._shown: list[tuple[str, float, float]] = []
        """(word, audio start, wall time first shown) of partial words of the open utterance."""
        self._passes: deque[list[UtteranceClosed]] = deque()
        """Committed batches waiting for their hesitation pass (run when nothing live is due)."""

    def run(self) -> None:
        st = self.state
        while True:
            with st.cond:
                task = self._next_task()
                while task is None:
                    st.cond.wait(self._partial_wait())
                    task = self._next_task()
            kind, payload = task
            if kind == "done":
                return
            if kind == "commit":
                self._commit(payload)
            elif kind == "hesitations":
                self._hesitation_pass(payload)
            elif kind == "speculate":
                self._speculate(*payload)
            else:
                self._partial(payload)

    # -- scheduling (called with the lock held) ----------------------------------------------------------
    def _next_task(self) -> tuple[str, Any] | None:
        st = self.state
        if st.unpaced and not st.finished and not self._batch_full():
            return self._pass_task()
        if st.closed:
            batch = [st.closed.popleft()]
            while st.closed and st.closed[0].audio_end - batch[0].audio_start <= self.options.max_batch_s:
                batch.append(st.closed.popleft())
            return "commit", batch
        if st.finished:
            return self._pass_task() or ("done", None)
        if st.speculate is not None:
            req, st.speculate = st.speculate, None
            return "speculate", req
        utt = st.open_utt
        if utt and self._partial_wait() == 0 and st.now() - utt.audio_start >= self.options.min_partial_audio_s:
            return "partial", utt
        return self._pass_task()

    def _pass_task(self) -> tuple[str, Any] | None:
        """The oldest committed batch still waiting for its hesitation pass, if any."""
        return ("hesitations", self._passes.popleft()) if self._passes else None

    def _batch_full(self) -> bool:
        closed = self.state.closed
        return bool(closed) and closed[-1].audio_end - closed[0].audio_start > self.options.max_batch_s

    def _partial_wait(self) -> float | None:
        if self.state.open_utt is None or self.state.unpaced:
            return None
        due = self._last_partial + self.options.partial_interval_s
        return max(0.0, due - time.monotonic())

    # -- work -------------------------------------------------------------------------------------------
    def _prompt(self) -> str | None:
        return build_prompt(self.options, self.state.committed)

    def _partial(self, utt: OpenUtterance) -> None:
        self._last_partial = time.monotonic()
        end = self.state.now()
        res = decode(self.model, self.state.pcm(utt.audio_start, end), utt.audio_start, self.options,
                     prompt=self._prompt(), partial=True)
        self._show(utt.index, res.words)

    def _speculate(self, index: int, voiced_end: float) -> None:
        st = self.state
        utt = st.open_utt
        if utt is None or utt.index != index:
            return
        self._last_partial = time.monotonic()
        res = decode(self.model, st.pcm(utt.audio_start, voiced_end + 0.2), utt.audio_start, self.options,
                     prompt=self._prompt())
        self.stats.hallucinations_dropped += res.dropped_segments
        self._spec = Speculation(index, voiced_end, res.words)
        self._show(index, res.words)

    def _show(self, index: int, words: list[Word]) -> None:
        now = time.monotonic()
        known = {(w, round(s, 1)) for w, s, _ in self._shown}
        self._shown.extend((w.norm, w.start, now) for w in words if (w.norm, round(w.start, 1)) not in known)
        self.stats.partial_updates += 1
        self.emit(PartialWords(index, tuple(words)))

    def _commit(self, batch: list[UtteranceClosed]) -> None:
        st = self.state
        spec = self._spec
        if len(batch) == 1 and spec and spec.index == batch[0].index and spec.voiced_end == batch[0].end:
            u = batch[0]  # the speculation saw no speech spans: drop words outside them, fill what it skipped
            res = confine_to_speech(self.model, st.pcm(u.audio_start, u.audio_end), u.audio_start, self.options,
                                    spec.words, [Span(u.start, u.end)])
            self.stats.hallucinations_dropped += res.dropped_segments
            words = res.words
        else:
            first, last = batch[0], batch[-1]
            res = decode(self.model, st.pcm(first.audio_start, last.audio_end), first.audio_start,
                         self.options, prompt=self._prompt(),
                         speech=[Span(u.start, u.end) for u in batch])
            self.stats.hallucinations_dropped += res.dropped_segments
            words = res.words
        self._spec = None
        now = time.monotonic()
        for k, u in enumerate(batch):
            hi = batch[k + 1].start if k + 1 < len(batch) else float("inf")
            lo = u.audio_start if k == 0 else u.start
            mine = [w for w in words if lo <= (w.start + w.end) / 2 < hi]
            utt = Utterance(u.index, u.start, u.end, tuple(mine))
            with st.cond:
                st.committed.extend(mine)
                st.utterances.append(utt)
            self._record_lags(mine, now)
            self.stats.utterance_latencies_s.append(max(0.0, now - st.arrival(u.end)))
            self.emit(WordsCommitted(utt))
        self._shown.clear()
        if self.options.hesitation_prompt:
            self._passes.append(batch)

    def _hesitation_pass(self, batch: list[UtteranceClosed]) -> None:
        """Decode a committed stretch again with the hesitation prompt, at one temperature. Queued by the
        commit and run when no commit, speculation or partial is due, so live words never wait for it."""
        st = self.state
        first, last = batch[0], batch[-1]
        t0 = time.monotonic()
        res = decode_hesitations(self.model, st.pcm(first.audio_start, last.audio_end), first.audio_start,
                                 self.options, [Span(u.start, u.end) for u in batch])
        with st.cond:
            st.styled.extend(res.words)
        self.stats.hesitation_pass_s.append(round(time.monotonic() - t0, 3))
        self.emit(HesitationWords(first.audio_start, last.audio_end, tuple(res.words)))

    def _record_lags(self, words: list[Word], now: float) -> None:
        for w in words:
            shown = now
            for text, start, wall in self._shown:
                if text == w.norm and abs(start - w.start) < 0.6:
                    shown = min(shown, wall)
            self.stats.word_lags_s.append(max(0.0, shown - self.state.arrival(w.end)))

"""The streaming transcriber: shared stream state and the worker that turns utterances into words."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mockinterview.audio.budget import BudgetSettings, ComputeBudget
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
    hesitation pass of what was committed. In real time it keeps to a compute budget (audio/budget.py)."""

    def __init__(
        self,
        model: Any,
        options: TranscriberOptions,
        state: StreamState,
        stats: PipelineStats,
        emit: Callable[[PipelineEvent], None],
        budget: ComputeBudget | None = None,
    ) -> None:
        self.model = model
        self.options = options
        self.state = state
        self.stats = stats
        self.emit = emit
        self.budget = budget or ComputeBudget(BudgetSettings(), active=False)
        self._working: UtteranceClosed | None = None
        """The first utterance of the batch being committed (it counts as waiting until committed)."""
        self._final_deadline: float | None = None
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
                    st.cond.wait(self._wait_s())
                    task = self._next_task()
            kind, payload = task
            if kind == "done":
                self._settle_budget()
                return
            self._choose_threads()
            t0 = time.monotonic()
            if kind == "commit":
                audio_s = self._commit(payload)
            elif kind == "hesitations":
                audio_s = self._hesitation_pass(payload)
            elif kind == "speculate":
                audio_s = self._speculate(*payload)
            else:
                audio_s = self._partial(payload)
            # speculation is a commit's decode made early: one speed for both
            self.budget.worked("commit" if kind == "speculate" else kind, t0, time.monotonic(), audio_s,
                               required=kind in ("commit", "hesitations"))

    def behind_s(self, now: float | None = None) -> float:
        """Wall seconds since the oldest utterance not yet committed ended (0 when none is waiting)."""
        with self.state.cond:
            return self._behind(time.monotonic() if now is None else now)

    def _behind(self, now: float) -> float:
        st = self.state
        first = self._working or (st.closed[0] if st.closed else None)
        return 0.0 if first is None else max(0.0, now - st.arrival(first.end))

    def _choose_threads(self) -> None:
        threads = self.budget.choose_threads()
        if threads and hasattr(self.model, "use_threads"):
            self.model.use_threads(threads)
        self.stats.threads = getattr(self.model, "threads", 0)

    def _settle_budget(self) -> None:
        """Hesitation passes still waiting when the input ended and the report's deadline came are shed."""
        if self._passes:
            self.budget.count("hesitation_pass", len(self._passes))
            self._passes.clear()

    # -- scheduling (called with the lock held) ----------------------------------------------------------
    def _next_task(self) -> tuple[str, Any] | None:
        st, budget = self.state, self.budget
        if st.unpaced and not st.finished and not self._batch_full():
            return self._pass_task()
        now = time.monotonic()
        budget.observe_behind(self._behind(now), now)
        if st.finished and self._final_deadline is None:
            self._final_deadline = now + budget.settings.final_commit_s + budget.settings.final_extras_s
        if st.closed and (st.finished or self._commit_due(now)):
            batch = [st.closed.popleft()]
            while st.closed and st.closed[0].audio_end - batch[0].audio_start <= self.options.max_batch_s:
                batch.append(st.closed.popleft())
            if len(batch) > 1 and budget.sheds("batch"):
                budget.count("batch", len(batch) - 1)
            self._working = batch[0]
            return "commit", batch
        if st.finished:
            return self._final_pass_task(now) or ("done", None)
        if st.speculate is not None:
            req, st.speculate = st.speculate, None
            if not budget.sheds("speculation"):
                return "speculate", req
            budget.count("speculation")
        utt = st.open_utt
        if utt and self._partial_wait() == 0 and st.now() - utt.audio_start >= self.options.min_partial_audio_s:
            if not budget.sheds("partials"):
                return "partial", utt
            budget.count("partials")
            self._last_partial = now
        if budget.sheds("hesitation_pass") and (utt is not None or st.closed):
            return None  # deferred to a silence
        return self._pass_task()

    def _commit_due(self, now: float) -> bool:
        """With `batch` shed, closed speech waits until `BudgetSettings.batch_s` of it gathered or the oldest
        waited that long."""
        if not self.budget.sheds("batch"):
            return True
        closed, s = self.state.closed, self.budget.settings
        return closed[-1].audio_end - closed[0].audio_start >= s.batch_s or self._behind(now) >= s.batch_s

    def _pass_task(self) -> tuple[str, Any] | None:
        """The oldest committed batch still waiting for its hesitation pass, if any."""
        return ("hesitations", self._passes.popleft()) if self._passes else None

    def _final_pass_task(self, now: float) -> tuple[str, Any] | None:
        """After the input ended: in real time, a waiting hesitation pass runs only if it is expected to end
        by the report's deadline (`BudgetSettings.final_commit_s` + `final_extras_s` after the end)."""
        budget = self.budget
        if not budget.active or not self._passes:
            return self._pass_task()
        batch = self._passes[0]
        expected = budget.expected_s("hesitations", batch[-1].audio_end - batch[0].audio_start, "commit")
        if expected is None or now + expected <= (self._final_deadline or now):
            return self._pass_task()
        return None

    def _wait_s(self) -> float | None:
        """How long to sleep for lack of work: until the next partial is due, or a while when the budget may
        change its mind (shed work waiting, a commit held for its batch)."""
        wait = self._partial_wait()
        if self.budget.active and (self.budget.level or self._passes or self.state.closed):
            wait = min(wait, 0.25) if wait is not None else 0.25
        return wait

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

    def _partial(self, utt: OpenUtterance) -> float:
        self._last_partial = time.monotonic()
        end = self.state.now()
        res = decode(self.model, self.state.pcm(utt.audio_start, end), utt.audio_start, self.options,
                     prompt=self._prompt(), partial=True)
        self._show(utt.index, res.words)
        return end - utt.audio_start

    def _commit_beam(self, behind_s: float, audio_s: float) -> int:
        """The commit's beam width: the options' unless the budget sheds it, the commit is far behind, or the
        input ended and a beam decode would keep the scorecard waiting (`BudgetSettings.final_commit_s`)."""
        budget, beam = self.budget, self.options.beam_size
        if not budget.active or beam == 1:
            return beam
        s = budget.settings
        greedy = budget.sheds("beam") or behind_s >= s.catchup_greedy_s
        if self.state.finished and not greedy:
            expected = budget.expected_s("commit", audio_s)
            greedy = expected is not None and expected > s.final_commit_s
        if greedy:
            budget.count("beam")
        return 1 if greedy else beam

    def _speculate(self, index: int, voiced_end: float) -> float:
        st = self.state
        utt = st.open_utt
        if utt is None or utt.index != index:
            return 0.0
        self._last_partial = time.monotonic()
        greedy = self.budget.sheds("beam")
        res = decode(self.model, st.pcm(utt.audio_start, voiced_end + 0.2), utt.audio_start, self.options,
                     prompt=self._prompt(), beam_size=1 if greedy else None)
        self.stats.hallucinations_dropped += res.dropped_segments
        self._spec = Speculation(index, voiced_end, res.words)
        self._show(index, res.words)
        return 0.0 if greedy else voiced_end + 0.2 - utt.audio_start  # the beam's speed is what is measured

    def _show(self, index: int, words: list[Word]) -> None:
        now = time.monotonic()
        known = {(w, round(s, 1)) for w, s, _ in self._shown}
        self._shown.extend((w.norm, w.start, now) for w in words if (w.norm, round(w.start, 1)) not in known)
        self.stats.partial_updates += 1
        self.emit(PartialWords(index, tuple(words)))

    def _commit(self, batch: list[UtteranceClosed]) -> float:
        st = self.state
        spec = self._spec
        audio_s = batch[-1].audio_end - batch[0].audio_start
        reused = bool(len(batch) == 1 and spec and spec.index == batch[0].index and spec.voiced_end == batch[0].end)
        beam = self.options.beam_size
        if spec is not None and reused:
            u = batch[0]  # the speculation saw no speech spans: drop words outside them, fill what it skipped
            res = confine_to_speech(self.model, st.pcm(u.audio_start, u.audio_end), u.audio_start, self.options,
                                    spec.words, [Span(u.start, u.end)])
            self.stats.hallucinations_dropped += res.dropped_segments
            words = res.words
        else:
            first, last = batch[0], batch[-1]
            beam = self._commit_beam(self.behind_s(), audio_s)
            res = decode(self.model, st.pcm(first.audio_start, last.audio_end), first.audio_start,
                         self.options, prompt=self._prompt(), beam_size=beam,
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
                if k + 1 == len(batch):
                    self._working = None
            self._record_lags(mine, now)
            self.stats.utterance_latencies_s.append(max(0.0, now - st.arrival(u.end)))
            self.emit(WordsCommitted(utt))
        self._shown.clear()
        if self.options.hesitation_prompt:
            self._passes.append(batch)
        # a reused speculation or a greedy decode says nothing of the beam's speed
        return 0.0 if reused or beam != self.options.beam_size else audio_s

    def _hesitation_pass(self, batch: list[UtteranceClosed]) -> float:
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
        return last.audio_end - first.audio_start

    def _record_lags(self, words: list[Word], now: float) -> None:
        for w in words:
            shown = now
            for text, start, wall in self._shown:
                if text == w.norm and abs(start - w.start) < 0.6:
                    shown = min(shown, wall)
            self.stats.word_lags_s.append(max(0.0, shown - self.state.arrival(w.end)))

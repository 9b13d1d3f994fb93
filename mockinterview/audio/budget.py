"""The transcriber's compute budget: keep committed words close behind the speaker on a busy machine.

The live worker does more than decode the speech: partial refreshes, speculative decodes, beam-5 commits and a
hesitation pass after each commit. On an idle machine all of it fits; with other programs running it may not,
and a backlog that only grows leaves the live screen minutes behind. The budget watches two things as the
worker runs:
  * how far commits are behind: wall-clock seconds since the oldest closed utterance not yet committed ended;
  * how busy the worker is: the share of recent wall time it spent decoding.
When commits fall `shed_behind_s` behind it sheds one more kind of work, in `SHED_ORDER`, and when it has
caught up and has idle time again it restores one, so the work follows the machine.

Threads: CTranslate2's threads meet at a barrier many times per token, so a thread that shares its core with
another program stalls the others; on two cores with one busy, two threads decode slower than one. The
worker counts the cores other processes keep busy (the system's CPU time less this process's) and decodes
with the cores that are free.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from dataclasses import dataclass

SHED_ORDER = ("hesitation_pass", "partials", "speculation", "beam", "batch")
"""What is given up first when the worker falls behind, and restored last:
  hesitation_pass  the second decode of committed speech with the hesitation prompt (filler evidence only): it
                   is deferred to the silences between utterances (it never delays words on screen), and
                   where it never runs the audio's own um/uh finder covers the stretch
                   (analysis/delivery/pass_fillers.py `beyond_pass`);
  partials         greedy refreshes of the open utterance (the screen then gets words at pauses and commits);
  speculation      decoding an utterance at a 150 ms pause before it closes;
  beam             commits decoded greedily instead of with `TranscriberOptions.beam_size`;
  batch            commits wait for `BudgetSettings.batch_s` of closed speech (fewer, longer decodes)."""


@dataclass(frozen=True, slots=True)
class BudgetSettings:
    """When the live worker sheds and restores work, and how many threads it decodes with."""

    enabled: bool = True
    """Adapt at all. Input faster than real time (a file at pace 0) never sheds: its transcript must not
    depend on how fast the machine is."""
    shed_behind_s: float = 1.5
    """Commits this far behind (wall seconds since the oldest waiting utterance ended) shed one more kind of
    work."""
    shed_step_s: float = 1.0
    """At most one more kind of work is shed per this many seconds (each step needs time to take effect)."""
    restore_after_s: float = 6.0
    """One kind of work is restored after commits have kept up (never `restore_behind_s` behind) this long..."""
    restore_behind_s: float = 0.8
    """...where keeping up means commits at most this far behind..."""
    restore_max_busy: float = 0.5
    """...and the worker spent at most this share of the last `busy_window_s` on required work (commits and
    hesitation passes; partials and speculation only fill idle time). Restoring a kind of work about doubles
    that share, so it must leave room for it."""
    busy_window_s: float = 8.0
    """Wall time over which the worker's busy share is measured."""
    batch_s: float = 8.0
    """With `batch` shed, closed speech is committed once this much has gathered (or it waited
    `shed_behind_s`)."""
    catchup_greedy_s: float = 4.0
    """A commit this far behind is decoded greedily whatever is shed: the beam costs more than the lag."""
    final_commit_s: float = 0.35
    """After the answer ends, the speech still waiting is decoded with the beam only when that is expected to
    take at most this long (from the measured speed), else greedily: the scorecard waits on it."""
    final_extras_s: float = 0.25
    """After the answer ends, deferred hesitation passes run only while their expected time fits in this;
    the rest are left to the audio's um/uh finder."""
    probe_interval_s: float = 1.0
    """How often the cores other processes use are measured."""
    free_core_tolerance: float = 0.4
    """A core counts as free when other processes use less than this share of it (brief bursts of other
    programs do not cost a thread)."""
    max_threads: int = 0
    """Most decoding threads (0: one per core this process may run on)."""


def allowed_cores() -> int:
    """Cores this process may run on (its CPU affinity, not the cores the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class CpuProbe:
    """Cores that other processes keep busy, from the system's CPU times less this process's own."""

    def __init__(self) -> None:
        import psutil  # type: ignore[import-untyped]  # no stubs installed

        self._psutil = psutil
        self._me = psutil.Process()
        self._last = self._sample()

    def _sample(self) -> tuple[float, float]:
        t = self._psutil.cpu_times()
        busy = t.user + t.system + getattr(t, "nice", 0.0) + getattr(t, "irq", 0.0) + \
            getattr(t, "softirq", 0.0) + getattr(t, "steal", 0.0)
        mine = self._me.cpu_times()
        return time.monotonic(), busy - (mine.user + mine.system)

    def others_busy(self) -> float | None:
        """Cores other processes used since the last call (None if too little time passed)."""
        now = self._sample()
        wall = now[0] - self._last[0]
        if wall < 0.2:
            return None
        busy = max(0.0, (now[1] - self._last[1]) / wall)
        self._last = now
        return busy


def threads_for(cores: int, others_busy: float, tolerance: float, most: int = 0) -> int:
    """Decoding threads for `cores` cores of which other processes keep `others_busy` busy."""
    free = int(cores - others_busy + tolerance)
    return max(1, min(cores, most or cores, free))


class ComputeBudget:
    """The worker's running account: shed level, lag, busy share, measured speeds, shed counts, threads."""

    def __init__(self, settings: BudgetSettings, *, active: bool = True, probe: CpuProbe | None = None) -> None:
        self.settings = settings
        self.active = active and settings.enabled
        self.level = 0
        """How many kinds of work of SHED_ORDER are shed now."""
        self.shed: Counter[str] = Counter()
        """Work skipped, by kind of SHED_ORDER."""
        self.behind_max_s = 0.0
        self._last_step = float("-inf")
        self._kept_up_since: float | None = None
        self._busy: deque[tuple[float, float]] = deque()
        self._speed: dict[str, float] = {}
        """Wall seconds of decoding per second of audio, by kind of decode (smoothed)."""
        self.cores = allowed_cores()
        self.threads = 0
        self._probe = probe
        self._next_probe = 0.0
        self._vote: int | None = None

    # -- shedding ---------------------------------------------------------------------------------------
    def sheds(self, kind: str) -> bool:
        return self.active and self.level > SHED_ORDER.index(kind)

    def observe_behind(self, behind_s: float, now: float | None = None) -> None:
        """Take the commits' lag: shed one more kind of work when far behind, restore one when caught up."""
        now = time.monotonic() if now is None else now
        self.behind_max_s = max(self.behind_max_s, behind_s)
        if not self.active:
            return
        s = self.settings
        if behind_s >= s.shed_behind_s:
            self._kept_up_since = None
            if self.level < len(SHED_ORDER) and now - self._last_step >= s.shed_step_s:
                self.level += 1
                self._last_step = now
            return
        if behind_s > s.restore_behind_s:
            self._kept_up_since = None
            return
        if self._kept_up_since is None:
            self._kept_up_since = now
        if (self.level and now - self._kept_up_since >= s.restore_after_s
                and self.busy_share(now) <= s.restore_max_busy):
            self.level -= 1
            self._last_step = self._kept_up_since = now

    def count(self, kind: str, n: int = 1) -> None:
        self.shed[kind] += n

    # -- measurements -----------------------------------------------------------------------------------
    def worked(self, kind: str, start: float, end: float, audio_s: float, *, required: bool = True) -> None:
        """One decode of `kind` took wall time [start, end] for `audio_s` seconds of audio (0: not a measure
        of speed); `required` work counts in the busy share."""
        if required:
            self._busy.append((start, end))
        if audio_s > 0.5:
            rate = (end - start) / audio_s
            old = self._speed.get(kind)
            self._speed[kind] = rate if old is None else 0.7 * old + 0.3 * rate

    def expected_s(self, kind: str, audio_s: float, fallback: str | None = None) -> float | None:
        """Expected wall time of a decode of `kind` over `audio_s` seconds (None before any was measured)."""
        rate = self._speed.get(kind, self._speed.get(fallback or ""))
        return None if rate is None else rate * audio_s

    def busy_share(self, now: float) -> float:
        window = self.settings.busy_window_s
        while self._busy and self._busy[0][1] < now - window:
            self._busy.popleft()
        busy = sum(min(b, now) - max(a, now - window) for a, b in self._busy if b > now - window)
        return min(1.0, busy / window)

    # -- threads ----------------------------------------------------------------------------------------
    def choose_threads(self, now: float | None = None) -> int | None:
        """A new thread count when the free cores changed (asked between decodes), else None."""
        now = time.monotonic() if now is None else now
        if self._probe is None or now < self._next_probe:
            return None
        self._next_probe = now + self.settings.probe_interval_s
        others = self._probe.others_busy()
        if others is None:
            return None
        s = self.settings
        want = threads_for(self.cores, others, s.free_core_tolerance, s.max_threads)
        if want == self.threads:
            self._vote = None
            return None
        if self.threads and self._vote != want:  # a change (not the first choice) must be seen twice in a row
            self._vote = want
            return None
        self._vote = None
        self.threads = want
        return want

    def shed_counts(self) -> dict[str, int]:
        """Work skipped, every kind of SHED_ORDER (zero when none was)."""
        return {k: self.shed[k] for k in SHED_ORDER}

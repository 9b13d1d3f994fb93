"""The interviewer's voice: piper synthesizes (a separate program), sounddevice plays, a gate mutes the mic.

Playback is one output stream kept open for the whole session (a suspended sound server takes up to a second
to wake up). For each buffer PortAudio tells the time its first sample reaches the speaker
(`outputBufferDacTime`), on the same stream clock as a capture stream's `inputBufferAdcTime`, so the voice
knows exactly when it is audible: `SpeechGate` keeps those spans and `MicrophoneSource` replaces every captured
frame that may hold the voice with silence before the VAD sees it.

Questions are synthesized ahead (`prefetch`) while the previous scorecard is shown: then `speak` starts within
tens of milliseconds, where synthesis on demand takes 0.1-1.5 s on two busy cores.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from mockinterview.audio.voice_engine import Engine, PiperProcess, Sentence, find_engine, sentences


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """How the interviewer's voice plays and how the microphone is gated around it."""

    gate_before_s: float = 0.05
    """Captured frames from this long before the voice's first audible sample are muted too: the error of the
    stream timestamps (within 12 ms measured on PulseAudio) with room to spare."""
    gate_after_s: float = 0.30
    """Captured frames up to this long after the voice's last audible sample stay muted: timestamp error plus a
    room's echo (a loud speaker in a room with RT60 0.8 s stays above the VAD's energy gate for up to 300 ms).
    A candidate who starts within this of the last word loses that much of the first syllable. Raise it for
    speakers whose reported latency is unreliable (Bluetooth)."""
    latency_s: float = 0.1
    """Output latency asked of PortAudio: a buffer against a starved callback on a busy machine. The gate uses
    the stream's timestamps, so a longer latency costs start delay, not gate accuracy."""
    sentence_timeout_s: float = 20.0
    """A sentence piper has not written this long after playback reached it ends the utterance (the engine is
    stuck); the gate then lifts."""
    cache_size: int = 8
    """Synthesized questions kept (the next question, its follow-ups, and the one on screen for a retry)."""


DEFAULT_VOICE = VoiceSettings()

SPANS_KEPT = 8
"""Voice spans the gate keeps: a captured frame is never older than the last few."""


class SpeechGate:
    """When the voice was audible, in stream time. The output callback is the only writer (`begin`, `extend`);
    the capture callback reads through `muted()`. The spans are an immutable tuple swapped whole, so neither
    audio thread ever waits on a lock."""

    def __init__(self, before_s: float = DEFAULT_VOICE.gate_before_s,
                 after_s: float = DEFAULT_VOICE.gate_after_s) -> None:
        self.before_s = before_s
        self.after_s = after_s
        self._spans: tuple[tuple[float, float], ...] = ()

    def begin(self, start: float) -> None:
        """The voice's first sample reaches the speaker at stream time `start`."""
        self._spans = (*self._spans[-(SPANS_KEPT - 1):], (start, start))

    def extend(self, end: float) -> None:
        """Audio written so far plays until stream time `end` (the span grows as buffers are written, so a
        stalled or closed output stream leaves a span that has ended)."""
        if self._spans:
            start, old = self._spans[-1]
            self._spans = (*self._spans[:-1], (start, max(old, end)))

    def spans(self) -> list[tuple[float, float]]:
        return list(self._spans)

    def muted(self, adc_time: float, duration: float, now: float | None = None) -> bool:
        """True when a captured frame may hold the voice: its capture time (`inputBufferAdcTime`, lasting
        `duration` s) overlaps a span widened by the margins, or it was delivered (`now`, the callback's
        `currentTime`) inside one. Delivery never comes before capture, so the second test holds when the
        capture stamps are wrong, as PulseAudio's are for a second or two after a stream opens."""
        for start, end in self._spans:
            lo, hi = start - self.before_s, end + self.after_s
            if adc_time < hi and adc_time + duration > lo:
                return True
            if now is not None and lo <= now < hi:
                return True
        return False


class Speech:
    """A text being (or already) synthesized: its sentences in order."""

    def __init__(self, text: str, parts: list[Sentence]) -> None:
        self.text = text
        self.parts = parts

    @property
    def ready(self) -> bool:
        return all(p.done.is_set() for p in self.parts)

    def wait(self, timeout: float) -> bool:
        """Block until every sentence is synthesized (or failed); False on timeout."""
        deadline = time.monotonic() + timeout
        return all(p.done.wait(max(0.0, deadline - time.monotonic())) for p in self.parts)

    def audio(self, timeout: float = DEFAULT_VOICE.sentence_timeout_s) -> np.ndarray:
        """All the samples (waits for synthesis)."""
        return np.concatenate([p.wait(timeout) for p in self.parts]) if self.parts else np.zeros(0, np.int16)


class Playback:
    """One speaking of a `Speech`, with when it was heard (stream time; 0 = not yet)."""

    def __init__(self, speech: Speech, speak_at: float) -> None:
        self.speech = speech
        self.speak_at = speak_at
        """Stream time of the `speak()` call."""
        self.start_dac = 0.0
        """Stream time its first sample reached the speaker."""
        self.end_dac = 0.0
        """Stream time just after its last sample left the speaker."""
        self.done = threading.Event()

    @property
    def first_audio_s(self) -> float | None:
        """Seconds from `speak()` to the first sample at the speaker (None until it played)."""
        return self.start_dac - self.speak_at if self.start_dac else None


class Interviewer:
    """Reads questions aloud. Unavailable (`reason` says why) when piper or the voice is not installed, piper
    fails, or no output device opens: then `prefetch` and `speak` return None and the app stays text-only."""

    def __init__(self, settings: VoiceSettings = DEFAULT_VOICE, *, engine: Engine | None = None,
                 device: int | str | None = None) -> None:
        self.settings = settings
        self.engine = engine if engine is not None else find_engine()
        self.reason = self.engine.reason
        self.device = device
        """Output device (index or name; None: the default output)."""
        self.gate = SpeechGate(settings.gate_before_s, settings.gate_after_s)
        self.synth: PiperProcess | None = None
        self.underruns = 0
        """Output buffers PortAudio reported late while the voice was speaking (a click; spans stay right)."""
        self._stream: Any = None
        self._cache: collections.OrderedDict[str, Speech] = collections.OrderedDict()
        self._lock = threading.Lock()
        self._current: Playback | None = None
        self._part = 0
        self._pos = 0
        self._stalled_since = 0.0

    @property
    def available(self) -> bool:
        return not self.reason

    @property
    def started(self) -> bool:
        return self._stream is not None

    # -- lifecycle ------------------------------------------------------------------------------------------
    def start(self) -> Interviewer:
        """Start piper (it loads the voice in the background) and open the output stream; on failure the voice
        becomes unavailable with the reason."""
        if not self.available or self.synth is not None:
            return self
        try:
            self.synth = PiperProcess(self.engine)
        except OSError as exc:
            self.reason = f"cannot run {self.engine.program} ({exc})"
            return self
        try:
            import sounddevice as sd

            self._stream = sd.OutputStream(samplerate=self.synth.rate, channels=1, dtype="int16",
                                           latency=self.settings.latency_s, device=self.device,
                                           callback=self._callback)
            self._stream.start()
        except Exception as exc:  # noqa: BLE001 - OSError (no PortAudio), PortAudioError, ValueError (device)
            self.reason = f"cannot open the audio output ({str(exc).splitlines()[0] if str(exc) else exc})"
            self.stop()
        return self

    def stop(self) -> None:
        """Silence the voice, close the output and end piper."""
        self.cancel()
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:  # noqa: BLE001 - closing a dead device must not raise
                pass
        synth, self.synth = self.synth, None
        if synth is not None:
            synth.close()

    # -- speaking -------------------------------------------------------------------------------------------
    def prefetch(self, text: str) -> Speech | None:
        """Start synthesizing `text` now (e.g. while a scorecard is shown) so `speak(text)` starts at once."""
        synth = self.synth
        if not self.available or synth is None:
            return None
        if text in self._cache:
            self._cache.move_to_end(text)
            return self._cache[text]
        if not synth.alive:
            self.reason = synth.failure()
            return None
        speech = Speech(text, [synth.say(s) for s in sentences(text)])
        self._cache[text] = speech
        while len(self._cache) > self.settings.cache_size:
            self._cache.popitem(last=False)
        return speech

    def speak(self, text: str) -> Playback | None:
        """Play `text` (synthesized ahead or not), replacing what is playing; returns at once."""
        if self._stream is None:
            return None
        speech = self.prefetch(text)
        if speech is None:
            return None
        playback = Playback(speech, self.stream_time())
        with self._lock:
            self._finish_current()
            self._current, self._part, self._pos, self._stalled_since = playback, 0, 0, 0.0
        return playback

    def cancel(self) -> None:
        """Stop speaking now (audio already handed to the device still plays; the gate covers it)."""
        with self._lock:
            self._finish_current()

    def cached(self, text: str) -> Speech | None:
        """The synthesis of `text` if it was prefetched (and is still kept)."""
        return self._cache.get(text)

    @property
    def now_playing(self) -> Playback | None:
        with self._lock:
            return self._current

    @property
    def is_speaking(self) -> bool:
        """True while an utterance plays or its last audio is still on its way to the speaker."""
        with self._lock:
            if self._current is not None:
                return True
        spans = self.gate.spans()
        return bool(spans) and self._stream is not None and self.stream_time() < spans[-1][1]

    def stream_time(self) -> float:
        """Now on the stream clock, the clock of the gate's spans and of capture timestamps."""
        stream = self._stream
        return stream.time if stream is not None else time.monotonic()

    # -- the output callback (PortAudio's thread: copy samples, never block) ---------------------------------
    def _finish_current(self, end_dac: float = 0.0) -> None:
        playback, self._current = self._current, None
        if playback is None:
            return
        spans = self.gate.spans()
        if playback.start_dac:
            playback.end_dac = end_dac or (spans[-1][1] if spans else 0.0)
        playback.done.set()

    def _callback(self, out: Any, frames: int, time_info: Any, status: Any) -> None:
        buf = out[:, 0]
        buf[:] = 0
        rate = self.synth.rate if self.synth is not None else 22050
        with self._lock:
            playback = self._current
            if playback is None:
                return
            if status.output_underflow:
                self.underruns += 1
            dac = time_info.outputBufferDacTime
            parts = playback.speech.parts
            filled = 0
            while filled < frames and self._part < len(parts):
                part = parts[self._part]
                if not part.done.is_set():  # not synthesized yet: silence now, the rest when it comes
                    self._stalled_since = self._stalled_since or time_info.currentTime
                    if time_info.currentTime - self._stalled_since > self.settings.sentence_timeout_s:
                        self._part = len(parts)  # piper is stuck: give up on this utterance
                    break
                self._stalled_since = 0.0
                audio = part.audio if part.audio is not None else np.zeros(0, np.int16)
                n = min(frames - filled, audio.size - self._pos)
                if n > 0:
                    buf[filled:filled + n] = audio[self._pos:self._pos + n]
                    if not playback.start_dac:
                        playback.start_dac = dac + filled / rate
                        self.gate.begin(playback.start_dac)
                    filled += n
                    self._pos += n
                    self.gate.extend(dac + filled / rate)
                if self._pos >= audio.size:
                    self._part, self._pos = self._part + 1, 0
            if self._part >= len(parts):
                self._finish_current(dac + filled / rate if filled else 0.0)

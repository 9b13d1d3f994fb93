"""Audio sources: the microphone (sounddevice) and files (faster-whisper's decoder), both as 16 kHz int16 frames."""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from mockinterview.audio import pulse
from mockinterview.errors import AudioSourceError
from mockinterview.types import SAMPLE_RATE

FRAME_MS = 30
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000

FrameGate = Callable[[float, float, float], bool]
"""Whether a captured frame must be muted, from its capture time (`inputBufferAdcTime`), its length in
seconds and the time it was delivered (`currentTime`), all in stream time (`audio.voice.SpeechGate.muted`)."""


class AudioSource(Protocol):
    """Delivers 30 ms frames of 16 kHz mono int16 PCM, in real time or paced."""

    name: str
    realtime: bool
    """True when frames arrive on their own clock (a microphone or a paced file): never block them."""

    def frames(self) -> Iterator[bytes]: ...

    def stop(self) -> None: ...


def decode_file(path: str | Path) -> np.ndarray:
    """Decode any audio file PyAV/FFmpeg reads to 16 kHz mono int16; raise AudioSourceError naming the file."""
    p = Path(path)
    if not p.exists():
        raise AudioSourceError(f"{p}: no such audio file")
    if p.is_dir():
        raise AudioSourceError(f"{p}: is a directory, not an audio file")
    if p.is_file() and p.stat().st_size == 0:
        raise AudioSourceError(f"{p}: is empty (0 bytes); record or choose another file")
    try:
        from faster_whisper.audio import decode_audio

        audio = decode_audio(str(p), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # noqa: BLE001 - PyAV raises many types for bad input
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AudioSourceError(
            f"{p}: cannot decode audio ({reason}); use wav, flac, mp3, ogg or m4a"
        ) from None
    if audio.size == 0:
        raise AudioSourceError(f"{p}: holds no audio samples; record or choose another file")
    pcm: np.ndarray = (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16)
    return pcm


@dataclass
class FileSource:
    """Plays a decoded file as frames at `pace` times real time (0 = as fast as possible)."""

    path: str | Path
    pace: float = 0.0

    def __post_init__(self) -> None:
        if self.pace < 0:
            raise AudioSourceError(f"--pace {self.pace}: must be 0 (as fast as possible) or more")
        self.name = str(self.path)
        self.audio = decode_file(self.path)
        self.realtime = self.pace > 0
        self._stopped = threading.Event()

    @property
    def duration_s(self) -> float:
        return self.audio.size / SAMPLE_RATE

    def frames(self) -> Iterator[bytes]:
        pcm = self.audio
        n = pcm.size // FRAME_SAMPLES
        start = time.monotonic()
        for k in range(n + (1 if pcm.size % FRAME_SAMPLES else 0)):
            if self._stopped.is_set():
                return
            chunk = pcm[k * FRAME_SAMPLES : (k + 1) * FRAME_SAMPLES]
            if chunk.size < FRAME_SAMPLES:
                chunk = np.pad(chunk, (0, FRAME_SAMPLES - chunk.size))
            if self.pace > 0:
                due = start + (k + 1) * FRAME_MS / 1000 / self.pace
                delay = due - time.monotonic()
                if delay > 0:
                    self._stopped.wait(delay)
            yield chunk.tobytes()

    def stop(self) -> None:
        self._stopped.set()


def _sounddevice() -> Any:
    """Import sounddevice, turning a missing PortAudio into a clear error."""
    try:
        import sounddevice
    except OSError as exc:
        raise AudioSourceError(
            f"PortAudio library not found ({exc}); install it, e.g. `apt-get install libportaudio2`"
        ) from None
    return sounddevice


def list_input_devices() -> list[dict[str, Any]]:
    """Input devices PortAudio sees: index, name, channels, default sample rate, default flag."""
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except Exception as exc:  # noqa: BLE001
        raise AudioSourceError(f"cannot query audio devices: {exc}") from None
    return [
        {
            "index": i,
            "name": d["name"],
            "channels": d["max_input_channels"],
            "samplerate": d["default_samplerate"],
            "default": i == default_in,
        }
        for i, d in enumerate(devices)
        if d["max_input_channels"] > 0
    ]


@dataclass
class MicrophoneSource:
    """Records 16 kHz mono int16 from an input device; frames queue up in the PortAudio callback.

    `device` is an index, a name substring, a PulseAudio source name (see `mockinterview devices`), or None
    for the default input. Frames the consumer does not take in time are dropped and counted (`dropped`),
    never blocking the audio callback. A device that goes away mid-answer ends `frames()` at once with an
    AudioSourceError: PortAudio ends the stream, or (PulseAudio) the source we record from disappears and the
    server quietly moves the recording elsewhere.
    """

    device: int | str | None = None
    gate: FrameGate | None = field(default=None, kw_only=True)
    """Mutes frames that may hold the interviewer's voice: they become silence, so the capture clock (and
    every timestamp after) stays right while the VAD and the recording hear nothing."""
    queue_frames: int = 400
    """Frames buffered between the audio callback and the reader (400 x 30 ms = 12 s)."""
    stall_timeout_s: float = 3.0
    """A device that delivers no audio for this long is treated as dead (unplugged, driver gone)."""
    check_interval_s: float = 0.25
    """How often the reader checks that the stream still runs and its PulseAudio source still exists."""
    watch_attempts: int = 8
    """The recording stream is looked for on the PulseAudio server at each of the first this many checks, then
    at every this many (a device outside PulseAudio is never found, and costs one query per 2 s)."""

    def __post_init__(self) -> None:
        self.realtime = True
        self.dropped = 0
        self.muted = 0
        """Frames the gate replaced with silence."""
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=self.queue_frames)
        self._stream: Any = None
        self._stopping = False
        self._ended = threading.Event()
        self.pulse_source: str | None = None
        """The PulseAudio source recorded through ALSA's "pulse" device (None: whatever `device` is)."""
        sd = _sounddevice()
        self._sd = sd
        device = self.device
        if isinstance(device, str) and device.isdigit():
            device = int(device)
        try:
            info = sd.query_devices(device, "input")
        except Exception as exc:  # noqa: BLE001 - ValueError / PortAudioError
            source = pulse.find_source(device) if isinstance(device, str) else None
            if source is None:
                what = "no default input device" if device is None else f"input device {device!r} not found"
                raise AudioSourceError(
                    f"microphone: {what} ({exc}); plug one in or pick one from `mockinterview devices`"
                ) from None
            self.pulse_source, device = source.name, pulse.PULSE_DEVICE
            info = {"name": source.description}
        self.device = device
        self.name = f"microphone: {info['name']}"

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        if self.gate is not None and self.gate(time_info.inputBufferAdcTime, frames / SAMPLE_RATE,
                                               time_info.currentTime):
            indata = bytes(len(indata))
            self.muted += 1
        try:
            self._queue.put_nowait(bytes(indata))
        except queue.Full:
            self.dropped += 1

    def _finished(self) -> None:
        """PortAudio ended the stream: by `stop()`, or because the device failed."""
        if not self._stopping:
            self._ended.set()

    def _open(self) -> None:
        saved = os.environ.get(pulse.SOURCE_ENV)
        if self.pulse_source is not None:
            os.environ[pulse.SOURCE_ENV] = self.pulse_source  # read by ALSA's pulse plugin as the stream opens
        try:
            self._stream = self._sd.RawInputStream(
                samplerate=SAMPLE_RATE, blocksize=FRAME_SAMPLES, channels=1, dtype="int16", device=self.device,
                callback=self._callback, finished_callback=self._finished,
            )
            self._stream.start()
        except Exception as exc:  # noqa: BLE001
            raise AudioSourceError(f"{self.name}: cannot open for recording ({exc})") from None
        finally:
            if self.pulse_source is not None:
                if saved is None:
                    os.environ.pop(pulse.SOURCE_ENV, None)
                else:
                    os.environ[pulse.SOURCE_ENV] = saved

    def frames(self) -> Iterator[bytes]:
        self._open()
        watch = pulse.SourceWatch()
        watching, attempts = False, 0
        last_frame = last_check = time.monotonic()
        try:
            while True:
                try:
                    frame = self._queue.get(timeout=self.check_interval_s)
                except queue.Empty:
                    frame = b""
                now = time.monotonic()
                if frame is None:
                    return
                if frame:
                    last_frame = now
                    yield frame
                if now - last_check >= self.check_interval_s or not frame:
                    last_check = now
                    # the stream shows up on the server soon after it starts (later on a busy machine)
                    if not watching and (attempts < self.watch_attempts or attempts % self.watch_attempts == 0):
                        watching = watch.start()
                    attempts += 1
                    self._check(watch, now - last_frame)
        except AudioSourceError:
            self._abandon_stream()
            raise
        finally:
            watch.close()
            self._close_stream()

    def _check(self, watch: pulse.SourceWatch, silent_s: float) -> None:
        if self._stopping:  # we closed the stream ourselves: the frames still queued are read out, not mourned
            return
        if self._ended.is_set():
            raise AudioSourceError(f"{self.name}: the microphone is gone (its stream ended: unplugged or switched "
                                   "off?)")
        why = watch.gone()
        if why:
            raise AudioSourceError(f"{self.name}: the microphone is gone ({why})")
        if silent_s >= self.stall_timeout_s:
            raise AudioSourceError(f"{self.name}: no audio for {self.stall_timeout_s:.0f} s; check the microphone "
                                   "is plugged in, then try again")

    def stop(self) -> None:
        self._stopping = True
        self._close_stream()
        try:
            self._queue.put_nowait(None)
        except queue.Full:
            self._queue.get_nowait()
            self._queue.put_nowait(None)

    def _abandon_stream(self) -> None:
        """Close a failed stream on a thread of its own: closing a dead device can block for minutes. PortAudio's
        exit handler is dropped too: it closes every stream and terminates PortAudio, which can wait forever on
        the failed stream's thread; the process ends without it (the system frees the device)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            self._stopping = True
            _ABANDONED.set()
            atexit.unregister(getattr(self._sd, "_exit_handler", _no_exit_handler))
            threading.Thread(target=self._close, args=(stream,), name="close-microphone", daemon=True).start()

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            self._close(stream)

    @staticmethod
    def _close(stream: Any) -> None:
        for step in (stream.stop, stream.close):  # close even if stopping failed
            with contextlib.suppress(Exception):  # closing a dead device must not raise
                step()


_ABANDONED = threading.Event()


def streams_abandoned() -> bool:
    """True once a failed microphone stream was left to close on its own thread in this process: PortAudio may
    still be inside it, so the process should end without the interpreter's teardown (`os._exit`)."""
    return _ABANDONED.is_set()


def _no_exit_handler() -> None:
    """Stands for sounddevice's exit handler where it has none."""

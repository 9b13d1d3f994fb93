"""Audio sources: the microphone (sounddevice) and files (faster-whisper's decoder), both as 16 kHz int16 frames."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

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

    `device` is an index, a name substring, or None for the default input. Frames the consumer does not
    take in time are dropped and counted (`dropped`), never blocking the audio callback.
    """

    device: int | str | None = None
    gate: FrameGate | None = field(default=None, kw_only=True)
    """Mutes frames that may hold the interviewer's voice: they become silence, so the capture clock (and
    every timestamp after) stays right while the VAD and the recording hear nothing."""
    queue_frames: int = 400
    """Frames buffered between the audio callback and the reader (400 x 30 ms = 12 s)."""
    stall_timeout_s: float = 3.0
    """A device that delivers no audio for this long is treated as dead (unplugged, driver gone)."""

    def __post_init__(self) -> None:
        self.realtime = True
        self.dropped = 0
        self.muted = 0
        """Frames the gate replaced with silence."""
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=self.queue_frames)
        self._stream: Any = None
        sd = _sounddevice()
        self._sd = sd
        device = self.device
        if isinstance(device, str) and device.isdigit():
            device = int(device)
        try:
            info = sd.query_devices(device, "input")
        except Exception as exc:  # noqa: BLE001 - ValueError / PortAudioError
            what = "no default input device" if device is None else f"input device {device!r} not found"
            raise AudioSourceError(
                f"microphone: {what} ({exc}); plug one in or pick one from `mockinterview devices`"
            ) from None
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

    def frames(self) -> Iterator[bytes]:
        try:
            self._stream = self._sd.RawInputStream(
                samplerate=SAMPLE_RATE,
                blocksize=FRAME_SAMPLES,
                channels=1,
                dtype="int16",
                device=self.device,
                callback=self._callback,
            )
            self._stream.start()
        except Exception as exc:  # noqa: BLE001
            raise AudioSourceError(f"{self.name}: cannot open for recording ({exc})") from None
        try:
            while True:
                try:
                    frame = self._queue.get(timeout=self.stall_timeout_s)
                except queue.Empty:
                    raise AudioSourceError(
                        f"{self.name}: no audio for {self.stall_timeout_s:.0f} s; check the microphone is "
                        "plugged in, then try again"
                    ) from None
                if frame is None:
                    return
                yield frame
        finally:
            self._close_stream()

    def stop(self) -> None:
        self._close_stream()
        try:
            self._queue.put_nowait(None)
        except queue.Full:
            self._queue.get_nowait()
            self._queue.put_nowait(None)

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception:  # noqa: BLE001 - closing a dead device must not raise
                pass

"""Playback of a recorded answer on the default output device (sounddevice, imported lazily)."""

from __future__ import annotations

import contextlib
import wave
from pathlib import Path
from typing import Any

from mockinterview.errors import AudioSourceError


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as exc:
        raise AudioSourceError(
            f"PortAudio library not found ({exc}); install libportaudio2 to play recordings") from None
    return sounddevice


def read_wav(path: Path) -> tuple[bytes, int]:
    """The int16 mono PCM and sample rate of a recording."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.readframes(w.getnframes()), w.getframerate()
    except (OSError, EOFError, wave.Error) as exc:
        raise AudioSourceError(f"{path}: cannot read the recording ({exc})") from None


class Player:
    """Plays one recording at a time; `stop()` ends it."""

    def __init__(self) -> None:
        self.playing: Path | None = None

    def check_output(self) -> None:
        """Raise AudioSourceError when there is no output device."""
        sd = _sounddevice()
        try:
            sd.query_devices(kind="output")
        except Exception as exc:  # noqa: BLE001 - PortAudioError / ValueError
            raise AudioSourceError(f"no audio output device to play the recording on ({exc})") from None

    def play(self, path: Path) -> float:
        """Start playing `path`; returns its length in seconds."""
        if not path.is_file():
            raise AudioSourceError(f"{path}: the recording is missing")
        self.check_output()
        import numpy as np

        pcm, rate = read_wav(path)
        audio = np.frombuffer(pcm, dtype=np.int16)
        try:
            _sounddevice().play(audio, rate)
        except Exception as exc:  # noqa: BLE001
            raise AudioSourceError(f"cannot play the recording ({exc})") from None
        self.playing = path
        return audio.size / rate if rate else 0.0

    def stop(self) -> None:
        if self.playing is not None:
            self.playing = None
            with contextlib.suppress(Exception):  # stopping must never fail
                _sounddevice().stop()

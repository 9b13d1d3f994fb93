"""Playback of a recorded answer on the default output device (sounddevice, imported lazily)."""

from __future__ import annotations

import contextlib
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

    def play(self, pcm: bytes, rate: int, source: Path) -> float:
        """Start playing int16 mono `pcm` at `rate` (the recording `source`); returns its length in seconds."""
        import numpy as np

        audio = np.frombuffer(pcm, dtype=np.int16)
        try:
            _sounddevice().play(audio, rate)
        except Exception as exc:  # noqa: BLE001
            raise AudioSourceError(f"cannot play the recording ({exc})") from None
        self.playing = source
        return audio.size / rate if rate else 0.0

    def play_span(self, pcm: bytes, rate: int, source: Path, start_s: float, end_s: float) -> float:
        """Play only `start_s` to `end_s` (seconds) of int16 mono `pcm`; returns the seconds played."""
        a, b = (max(0, int(t * rate)) * 2 for t in (start_s, end_s))
        return self.play(pcm[a:b], rate, source)

    def stop(self) -> None:
        if self.playing is not None:
            self.playing = None
            with contextlib.suppress(Exception):  # stopping must never fail
                _sounddevice().stop()

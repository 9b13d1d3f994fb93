"""PulseAudio (and PipeWire's Pulse server): the sources a user can record from, and whether ours is still there.

PortAudio reaches PulseAudio through ALSA's "pulse" device and sees only that one device, so the sources come
from the server itself (pulsectl, over libpulse). When a source disappears (a headset unplugged, its module
unloaded) PulseAudio moves the recording to another source without telling PortAudio, and a stream the server
ends may just stop delivering audio: `SourceWatch` notices both. Everything here is optional: without a Pulse
server (or libpulse) the lists are empty and nothing is watched.
"""

from __future__ import annotations

import os
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

SOURCE_ENV = "PULSE_SOURCE"
"""Environment variable that picks the source ALSA's "pulse" device records from."""

PULSE_DEVICE = "pulse"
"""The PortAudio device that records from a PulseAudio source."""


@dataclass(frozen=True, slots=True)
class PulseSource:
    """A source the Pulse server offers."""

    name: str
    description: str
    channels: int
    samplerate: int
    monitor: bool
    """True for the monitor of an output (what is played), not a microphone."""
    default: bool


def _client(name: str) -> Any:
    """A connected pulsectl client, or None where there is no Pulse server (or no libpulse)."""
    try:
        import pulsectl

        return pulsectl.Pulse(f"mockinterview-{name}", connect=True)
    except Exception:  # noqa: BLE001 - ImportError, OSError (no libpulse), PulseError (no server)
        return None


@contextmanager
def _connected(name: str) -> Any:
    client = _client(name)
    try:
        yield client
    finally:
        if client is not None:
            client.close()


def list_sources() -> list[PulseSource]:
    """The Pulse server's sources, microphones first; [] without a server."""
    with _connected("devices") as pulse:
        if pulse is None:
            return []
        try:
            default = pulse.server_info().default_source_name
            found = [PulseSource(s.name, s.description, s.channel_count, s.sample_spec.rate,
                                 s.proplist.get("device.class") == "monitor", s.name == default)
                     for s in pulse.source_list()]
        except Exception:  # noqa: BLE001 - the server went away meanwhile
            return []
    return sorted(found, key=lambda s: (s.monitor, s.name))


def find_source(name: str) -> PulseSource | None:
    """The source named `name` (exactly), if the Pulse server has one."""
    return next((s for s in list_sources() if s.name == name), None)


class SourceWatch:
    """The recording stream of this process and its source when `start` is called: `gone` says when either
    disappears (the source removed, or the stream ended by the server as a dying device would).

    Call `start` once the stream runs and `gone` from one thread only (libpulse clients are not thread-safe).
    """

    def __init__(self) -> None:
        self._pulse: Any = None
        self._stream: int | None = None
        self._source: int | None = None
        self.description = ""

    def start(self) -> bool:
        """Find our newest recording stream and its source; False (and nothing watched) if there is none."""
        self._pulse = _client("watch")
        if self._pulse is None:
            return False
        try:
            pid = str(os.getpid())
            ours = [o for o in self._pulse.source_output_list() if o.proplist.get("application.process.id") == pid]
            if not ours:
                self.close()
                return False
            stream = max(ours, key=lambda o: o.index)
            self.description = self._pulse.source_info(stream.source).description
            self._stream, self._source = stream.index, stream.source
        except Exception:  # noqa: BLE001
            self.close()
            return False
        return True

    def gone(self) -> str | None:
        """Why the microphone is gone (None while it is there)."""
        if self._pulse is None or self._source is None:
            return None
        try:
            if all(s.index != self._source for s in self._pulse.source_list()):
                return f"{self.description} was removed"
            if all(o.index != self._stream for o in self._pulse.source_output_list()):
                return "the sound server ended its stream"
        except Exception:  # noqa: BLE001 - the server itself is gone: so is the source
            return "the sound server went away"
        return None

    def close(self) -> None:
        if self._pulse is not None:
            with suppress(Exception):
                self._pulse.close()
        self._pulse = None

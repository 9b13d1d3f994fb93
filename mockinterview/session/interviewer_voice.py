"""The interviewer's voice in a practice or drill session: what it reads, when, and what it prepares ahead.

Questions and follow-ups are read aloud as they appear, only when answers come from the microphone: a file
given with `--input` (or the bundled sample answer) starts playing as the question appears, so a voice would
talk over the answer, and there is no sound path from a speaker into a file anyway. The next questions are
synthesized while the scorecard is shown, so the voice starts at once. The microphone is gated around the voice
(`audio.voice.SpeechGate`), so the interviewer never reaches the transcript, and the answer's timer starts at
the candidate's first word. Without the optional extra (`pip install 'mockinterview[voice]'`) everything works
as text; `reason` says why there is no voice.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from mockinterview.audio.voice import DEFAULT_VOICE, Interviewer, Playback, VoiceSettings
from mockinterview.session.inputs import AnswerInput, MicrophoneInput


class InterviewerVoice:
    """Reads a session's questions aloud through an `Interviewer`, which `start()` brings up in the background."""

    def __init__(self, voice: Interviewer, *, on: bool = True) -> None:
        self.voice = voice
        self.on = on
        """The user's choice (a key toggles it); the voice speaks only while on and available."""
        self._lock = threading.Lock()
        self._started = False
        self._wanted: str | None = None
        """The question on screen, read once the voice has started."""

    @classmethod
    def create(cls, settings: VoiceSettings = DEFAULT_VOICE, *, on: bool = True) -> InterviewerVoice:
        """The voice of the installed engine (nothing runs until `start()`)."""
        return cls(Interviewer(settings), on=on)

    @property
    def available(self) -> bool:
        return self.voice.available

    @property
    def reason(self) -> str:
        """Why there is no voice (empty when there is one)."""
        return self.voice.reason

    def attach(self, inputs: AnswerInput | None) -> None:
        """Gate the microphone around the voice (file inputs have no sound path from the speaker)."""
        if isinstance(inputs, MicrophoneInput) and self.available:
            inputs.gate = self.voice.gate.muted

    def start(self) -> None:
        """Start piper and open the output (blocking: call it from a worker thread), then read the question on
        screen, if any."""
        self.voice.start()
        with self._lock:
            self._started = True
            wanted = self._wanted
        if wanted is not None and self.on:
            self.voice.speak(wanted)

    @staticmethod
    def speaks_for(inputs: AnswerInput | None) -> bool:
        """Questions are read only when the answer comes from the microphone."""
        return inputs is not None and inputs.kind == "microphone"

    def ask(self, text: str, inputs: AnswerInput | None) -> Playback | None:
        """A question appears on screen: read it aloud (now, or as soon as the voice has started)."""
        with self._lock:
            self._wanted = text if self.speaks_for(inputs) else None
            if self._wanted is None or not self._started:
                self.voice.cancel()
                return None
        return self.voice.speak(text) if self.on else None

    def prepare(self, texts: Iterable[str]) -> None:
        """Synthesize what will be asked next (while a scorecard is shown) so it is read without delay."""
        for text in texts:
            self.voice.prefetch(text)

    def silence(self) -> None:
        """Stop reading now: the candidate started answering (the question stays on screen; the microphone,
        gated while the voice speaks, would lose their first words), or answers now come from a file."""
        with self._lock:
            self._wanted = None
        self.voice.cancel()

    def set_on(self, on: bool, inputs: AnswerInput | None = None) -> None:
        """Turn the voice on (reading the question on screen again) or off (silencing it at once)."""
        self.on = on
        with self._lock:
            wanted = self._wanted if self._started else None
        if not on:
            self.voice.cancel()
        elif wanted is not None and self.speaks_for(inputs):
            self.voice.speak(wanted)

    def status(self, inputs: AnswerInput | None) -> str:
        """One short phrase for the status line."""
        if not self.available:
            return "no voice"
        if not self.speaks_for(inputs):
            return "voice silent for file answers"
        return "voice on" if self.on else "voice off"

    @property
    def speaking(self) -> bool:
        return self.voice.is_speaking

    def close(self) -> None:
        """Silence the voice and end piper (at the end of the session)."""
        self.voice.stop()

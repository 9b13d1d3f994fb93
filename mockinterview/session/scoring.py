"""A recorded answer's transcript scored: the STAR+ report with the model and pipeline figures it carries."""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence

from mockinterview.analysis import language
from mockinterview.analysis.prosody.pitch import PitchTrack
from mockinterview.analysis.scorer import DEFAULT_SETTINGS, ScorerSettings, score_answer
from mockinterview.analysis.star import coach_model, offq_model
from mockinterview.analysis.star.labeler import Unit
from mockinterview.analysis.star.off_question import unit_text
from mockinterview.errors import UserError
from mockinterview.report import AnswerReport
from mockinterview.types import Transcript

NO_SPEECH = "no speech was heard"
"""Why an answer without a single transcribed word gets no scorecard (and the reason stored for it)."""


class NoSpeech(UserError):
    """The recording holds no words (silence, a noise): there is nothing to score."""

    def __init__(self) -> None:
        super().__init__(f"No scorecard: {NO_SPEECH}")


class ParseAhead:
    """Parses an answer's sentences on a background thread while it is spoken (as the live labeler commits
    them), so off_question finds them parsed when the answer is scored."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._seen: set[str] = set()
        self._thread: threading.Thread | None = None

    def feed(self, units: Sequence[Unit]) -> None:
        """The live units so far; all but the last (which may still grow) are parsed ahead."""
        for u in units[:-1]:
            text = unit_text(u.words)
            if text and text not in self._seen:
                self._seen.add(text)
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="parse-ahead", daemon=True)
                    self._thread.start()
                self._queue.put(text)

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)

    def _run(self) -> None:
        while (text := self._queue.get()) is not None:
            offq_model.warm([text])


def load_in_background() -> None:
    """Start loading what scoring needs besides the speech model (the English parser and the learned STAR+
    weights and off_question's), so neither the first question nor the first scorecard waits for them."""
    language.load_in_background(coach_model.load_models, offq_model.default_models)


def score_recording(transcript: Transcript, *, question: str | None, probes: tuple[str, ...] = (),
                    settings: ScorerSettings = DEFAULT_SETTINGS, pitch: PitchTrack | None = None,
                    category: str | None = None) -> AnswerReport:
    """Score `transcript` (words, speech, audio and the hesitation pass's words) as the answer to `question`;
    `probes` are the bank's own follow-ups, `pitch` the utterances pitch-tracked while the answer was spoken,
    `category` the bank's category of the question (None: read from its text). Raises NoSpeech when the
    transcript has no words: the audio's own hesitation finder would otherwise turn a tone or a breath into an
    "uh" and grade it."""
    t = transcript
    if not t.words:
        raise NoSpeech()
    report = score_answer(t.words, t.speech, question=question, audio=t.audio, styled=t.styled, probes=probes,
                          settings=settings, pitch=pitch, category=category)
    report.model, report.pipeline = t.model, t.stats.figures()
    return report

"""A recorded answer's transcript scored: the STAR+ report with the model and pipeline figures it carries."""

from __future__ import annotations

from mockinterview.analysis.prosody.pitch import PitchTrack
from mockinterview.analysis.scorer import DEFAULT_SETTINGS, ScorerSettings, score_answer
from mockinterview.errors import UserError
from mockinterview.report import AnswerReport
from mockinterview.types import Transcript

NO_SPEECH = "no speech was heard"
"""Why an answer without a single transcribed word gets no scorecard (and the reason stored for it)."""


class NoSpeech(UserError):
    """The recording holds no words (silence, a noise): there is nothing to score."""

    def __init__(self) -> None:
        super().__init__(f"No scorecard: {NO_SPEECH}")


def score_recording(transcript: Transcript, *, question: str | None, probes: tuple[str, ...] = (),
                    settings: ScorerSettings = DEFAULT_SETTINGS, pitch: PitchTrack | None = None) -> AnswerReport:
    """Score `transcript` (words, speech, audio and the hesitation pass's words) as the answer to `question`;
    `probes` are the bank's own follow-ups, `pitch` the utterances pitch-tracked while the answer was spoken.
    Raises NoSpeech when the transcript has no words: the audio's own hesitation finder would otherwise turn a
    tone or a breath into an "uh" and grade it."""
    t = transcript
    if not t.words:
        raise NoSpeech()
    report = score_answer(t.words, t.speech, question=question, audio=t.audio, styled=t.styled, probes=probes,
                          settings=settings, pitch=pitch)
    report.model, report.pipeline = t.model, t.stats.figures()
    return report

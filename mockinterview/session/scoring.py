"""A recorded answer's transcript scored: the STAR+ report with the model and pipeline figures it carries."""

from __future__ import annotations

from mockinterview.analysis.prosody.pitch import PitchTrack
from mockinterview.analysis.scorer import DEFAULT_SETTINGS, ScorerSettings, score_answer
from mockinterview.analysis.star import coach_model
from mockinterview.report import AnswerReport
from mockinterview.types import Transcript


def load_in_background() -> None:
    """Start loading what scoring needs besides the speech model (the English parser and the learned STAR+
    weights), so neither the first question nor the first scorecard waits for it."""
    coach_model.load_in_background()


def score_recording(transcript: Transcript, *, question: str | None, probes: tuple[str, ...] = (),
                    settings: ScorerSettings = DEFAULT_SETTINGS, pitch: PitchTrack | None = None) -> AnswerReport:
    """Score `transcript` (words, speech, audio and the hesitation pass's words) as the answer to `question`;
    `probes` are the bank's own follow-ups, `pitch` the utterances pitch-tracked while the answer was spoken."""
    t = transcript
    report = score_answer(t.words, t.speech, question=question, audio=t.audio, styled=t.styled, probes=probes,
                          settings=settings, pitch=pitch)
    report.model, report.pipeline = t.model, t.stats.figures()
    return report

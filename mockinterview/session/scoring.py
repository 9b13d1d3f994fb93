"""A recorded answer's transcript scored: the STAR+ report with the model and pipeline figures it carries."""

from __future__ import annotations

from mockinterview.analysis.prosody.pitch import PitchTrack
from mockinterview.analysis.scorer import DEFAULT_SETTINGS, ScorerSettings, score_answer
from mockinterview.report import AnswerReport
from mockinterview.types import Transcript


def score_recording(transcript: Transcript, *, question: str | None, probes: tuple[str, ...] = (),
                    settings: ScorerSettings = DEFAULT_SETTINGS, pitch: PitchTrack | None = None) -> AnswerReport:
    """Score `transcript` (words, speech, audio and the hesitation pass's words) as the answer to `question`;
    `probes` are the bank's own follow-ups, `pitch` the utterances pitch-tracked while the answer was spoken."""
    t = transcript
    report = score_answer(t.words, t.speech, question=question, audio=t.audio, styled=t.styled, probes=probes,
                          settings=settings, pitch=pitch)
    report.model, report.pipeline = t.model, t.stats.figures()
    return report

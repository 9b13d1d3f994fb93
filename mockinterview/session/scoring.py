"""A recorded answer's transcript scored: the STAR+ report with the model and pipeline figures it carries."""

from __future__ import annotations

from mockinterview.analysis.scorer import DEFAULT_SETTINGS, ScorerSettings, score_answer
from mockinterview.analysis.star import offq_model
from mockinterview.report import AnswerReport
from mockinterview.types import Transcript


def load_in_background() -> None:
    """Start loading what scoring needs besides the speech model (the parser off_question reads stories
    with), so the first scorecard does not wait for it."""
    offq_model.load_in_background()


def score_recording(transcript: Transcript, *, question: str | None, probes: tuple[str, ...] = (),
                    settings: ScorerSettings = DEFAULT_SETTINGS, category: str | None = None) -> AnswerReport:
    """Score `transcript` (words, speech, audio and the hesitation pass's words) as the answer to `question`;
    `probes` are the bank's own follow-ups, `category` the bank's category of the question (None: read from
    its text)."""
    t = transcript
    report = score_answer(t.words, t.speech, question=question, audio=t.audio, styled=t.styled, probes=probes,
                          settings=settings, category=category)
    report.model, report.pipeline = t.model, t.stats.figures()
    return report

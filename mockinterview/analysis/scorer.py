"""The STAR+ scorer: timed words in, a scored `AnswerReport` out; plus the live labeler and .txt timings.

    report = score_answer(words, speech, question="Tell me about a failure.", audio=pcm)

Steps: delivery figures (`delivery.analyze_delivery`) -> sentences from Whisper punctuation and pauses ->
S/T/A/R/X/O label per sentence, read from its parse -> sections and their share of speaking time ->
flags -> scores -> feedback quoting the speaker -> follow-up questions; with the audio, the prosody
(`prosody.analyze_prosody`: the monotone flag and delivery feedback on flat or rising stretches).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy

from mockinterview.analysis.delivery.acoustics import SoundTimeline
from mockinterview.analysis.delivery.timing import DeliverySettings, analyze_delivery
from mockinterview.analysis.prosody.answer import analyze_prosody
from mockinterview.analysis.prosody.feedback import prosody_feedback, with_delivery_feedback
from mockinterview.analysis.prosody.pitch import PitchTrack
from mockinterview.analysis.prosody.settings import ProsodySettings
from mockinterview.analysis.star.feedback import FeedbackSettings, build_feedback
from mockinterview.analysis.star.flags import FlagSettings, find_flags, pronoun_counts
from mockinterview.analysis.star.followups import FollowupSettings, choose_followups
from mockinterview.analysis.star.labeler import LabelerSettings, Unit, label_sentences, models_for
from mockinterview.analysis.star.off_question import (
    DEFAULT_OFFQ_SETTINGS,
    OffQuestionSettings,
    Verdict,
    off_question,
    unit_text,
)
from mockinterview.analysis.star.probes import DEFAULT_PROBE_SETTINGS, ProbeSettings, answer_probes
from mockinterview.analysis.star.scores import ScoreSettings, score_all
from mockinterview.analysis.star.sections import merge_sections, shares
from mockinterview.analysis.star.sentences import SentenceSettings, split_sentences
from mockinterview.analysis.targets import CoachingTargets
from mockinterview.report import AnswerReport, Feedback, Flag, Timing
from mockinterview.types import Span, Word


@dataclass(frozen=True)
class ScorerSettings:
    """Every setting of the scorer, grouped by step. `targets` holds docs/COACHING.md's numbers (window, Situation
    share, challenge time, pace band, filler rates, long pause); every step that judges against them reads
    them from there.
    """

    targets: CoachingTargets = field(default_factory=CoachingTargets)
    """What the answer is coached toward."""

    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    """Timing engine settings (window, pauses, fillers)."""

    sentences: SentenceSettings = field(default_factory=SentenceSettings)
    """Sentence segmentation of the timed words."""

    labeler: LabelerSettings = field(default_factory=LabelerSettings)
    """The learned weights of the section labels and the judgements."""

    flags: FlagSettings = field(default_factory=FlagSettings)
    """Flag thresholds."""

    scores: ScoreSettings = field(default_factory=ScoreSettings)
    """Score formulas' weights and penalties."""

    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)
    """Feedback wording limits."""

    followups: FollowupSettings = field(default_factory=FollowupSettings)
    """How many follow-up questions."""

    probes: ProbeSettings = DEFAULT_PROBE_SETTINGS
    """Follow-ups that quote the answer's own words."""

    off_question: OffQuestionSettings = DEFAULT_OFFQ_SETTINGS
    """When a story does not answer the question asked (the off_question flag)."""

    off_question_max_overall: int = 60
    """An answer flagged off_question scores at most this overall: a well-told story of the wrong kind still
    does not answer the question."""
    prosody: ProsodySettings = field(default_factory=ProsodySettings)
    """Pitch, loudness, uptalk, pauses and rate (from the audio), and the monotone threshold."""

    estimate_wpm: float = 150.0
    """Pace assumed when timings are estimated from text."""

    estimate_sentence_pause_s: float = 0.6
    """Silence assumed after a sentence when timings are estimated from text."""

    estimate_comma_pause_s: float = 0.2
    """Silence assumed after a comma when timings are estimated from text."""


DEFAULT_SETTINGS = ScorerSettings()


def score_answer(words: Sequence[Word], speech: Sequence[Span], *, question: str | None = None,
                 audio: numpy.ndarray | None = None, settings: ScorerSettings = DEFAULT_SETTINGS,
                 timing: Timing = Timing.MEASURED, probes: tuple[str, ...] = (),
                 styled: Sequence[Word] = (), pitch: PitchTrack | None = None,
                 category: str | None = None) -> AnswerReport:
    """Grade one answer: delivery, sections, shares, pronouns, flags, scores, feedback and follow-ups.

    `words` are committed words with absolute times, `speech` the VAD speech spans, `audio` optionally the
    answer as int16 16 kHz PCM (better filler counts, and the prosody), `styled` the hesitation pass's words
    (more fillers), `pitch` the raw pitch track of the utterances tracked while the answer was spoken.
    `timing` is "estimated" for text input. `question` and `probes` (the bank's own follow-ups) are used for
    follow-up questions; `question` and its bank `category` (None: read from the question's text) decide
    whether the story answers what was asked (off_question).
    """
    t = settings.targets
    delivery = analyze_delivery(words, speech, settings.delivery, audio, styled, t)
    sentences = split_sentences(delivery.words, settings.sentences)
    units = label_sentences(sentences, settings.labeler)
    sections = merge_sections(units)
    timing_info = shares(sections, speech)
    findings = find_flags(units, timing_info, delivery, settings.flags, t, models_for(settings.labeler))
    verdict = off_question(question, [(str(u.label), unit_text(u.words)) for u in units], category or None,
                           settings=settings.off_question)
    if verdict.flag:
        findings.flags.append(Flag.OFF_QUESTION)
    share = {k: round(v, 3) for k, v in timing_info.share.items()}
    scores = score_all(timing_info.share, findings, delivery, settings.scores, t)
    if verdict.flag:
        scores["overall"] = min(scores["overall"], settings.off_question_max_overall)
    all_i, all_we = pronoun_counts(" ".join(w.text for w in delivery.words))
    feedback = build_feedback(units, findings, delivery, timing_info.share, settings.feedback, t)
    prosody = None
    if audio is not None and len(audio):
        heard = analyze_prosody(audio, delivery.words, speech, settings.prosody, raw=pitch,
                                sound=SoundTimeline.of(audio, speech, settings.delivery.acoustics))
        prosody = heard.figures
        findings.flags += [Flag.MONOTONE] if heard.monotone else []
        feedback = with_delivery_feedback(feedback, prosody_feedback(heard, delivery.words, settings.prosody,
                                                                     settings.feedback.quote_max_words))
    content = answer_probes([(str(u.label), u.text) for u in units], settings.probes)
    followups = choose_followups(findings, settings.followups, probes, content)
    if verdict.flag:
        feedback, followups = _off_question_feedback(verdict, feedback, followups, settings)
    return AnswerReport(
        delivery=delivery,
        transcript=" ".join(w.text.strip() for w in words),
        sections=sections,
        section_share=share,
        pronouns={"i": all_i, "we": all_we, "action_i": findings.action_i, "action_we": findings.action_we},
        flags=findings.flags,
        scores=scores,
        feedback=feedback,
        followups=followups,
        timing=timing,
        prosody=prosody,
    )


def _off_question_feedback(verdict: Verdict, feedback: list[Feedback], followups: list[str],
                           settings: ScorerSettings) -> tuple[list[Feedback], list[str]]:
    """off_question leads the feedback (a story of the wrong kind makes the rest moot) and its probe leads the
    follow-ups."""
    item = Feedback(str(Flag.OFF_QUESTION), f"{verdict.message} A senior answer picks a story of the kind asked "
                    f"for, and says in its first sentence why it fits.", verdict.quote)
    probe = f"Can you give me an example of {verdict.asked}?"
    feedback = [item, *feedback][: settings.feedback.max_items]
    followups = [probe, *(q for q in followups if q != probe)][: settings.followups.max_questions]
    return feedback, followups


def label_units(words: Sequence[Word], settings: ScorerSettings = DEFAULT_SETTINGS) -> list[Unit]:
    """The final-pass labelled sentences of an answer, each with what decided its label."""
    return label_sentences(split_sentences(words, settings.sentences), settings.labeler)


_TOKEN = re.compile(r"\S+")


def estimate_timings(text: str, settings: ScorerSettings = DEFAULT_SETTINGS) -> tuple[list[Word], list[Span]]:
    """Words with estimated times for a text answer (about `estimate_wpm`, pauses at sentence ends/commas).

    Speech spans run from a sentence's first word to its last; the silences between sentences are the pauses.
    """
    slot = 60.0 / settings.estimate_wpm
    t = 0.5
    words: list[Word] = []
    speech: list[Span] = []
    span_start: float | None = None
    tokens = _TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        if span_start is None:
            span_start = t
        start, end = t, t + slot * 0.9
        words.append(Word(tok, round(start, 3), round(end, 3)))
        t += slot
        last = i == len(tokens) - 1
        if tok.endswith((".", "!", "?")) or last:
            speech.append(Span(round(span_start, 3), round(end, 3)))
            span_start = None
            t += settings.estimate_sentence_pause_s
        elif tok.endswith((",", ";", ":")):
            t += settings.estimate_comma_pause_s
    return words, speech

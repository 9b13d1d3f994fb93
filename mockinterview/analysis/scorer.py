"""The STAR+ scorer: timed words in, a scored `AnswerReport` out; plus the live labeler and .txt timings.

    report = score_answer(words, speech, question="Tell me about a failure.", audio=pcm)

Steps: delivery figures (`delivery.analyze_delivery`) -> sentences from Whisper punctuation and pauses ->
S/T/A/R/X/O label per sentence or clause, each with its cue -> sections and their share of speaking time ->
flags -> scores -> feedback quoting the speaker -> follow-up questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy

from mockinterview.analysis.cues import pronoun_counts
from mockinterview.analysis.delivery import DeliverySettings, analyze_delivery
from mockinterview.analysis.feedback import FeedbackSettings, build_feedback
from mockinterview.analysis.flags import FlagSettings, find_flags
from mockinterview.analysis.followups import FollowupSettings, choose_followups
from mockinterview.analysis.labeler import LabelerSettings, Unit, label_greedy, label_sentences
from mockinterview.analysis.scores import ScoreSettings, score_all
from mockinterview.analysis.sections import merge_sections, shares
from mockinterview.analysis.sentences import SentenceSettings, split_sentences
from mockinterview.report import AnswerReport
from mockinterview.types import Span, Utterance, Word


@dataclass(frozen=True)
class ScorerSettings:
    """Every setting of the scorer, grouped by step. The defaults are COACHING.md's numbers:

    flags.long_situation_share 0.20 and flags.challenge_by_s 60 s (long_situation), flags.too_short_s 120 s,
    flags.too_long_s 240 s, flags.filler_heavy_per_min 4, flags.we_heavy_* ("we" at least 3 times and at least
    half of "I"+"we" in the actions), scores.overall_weights (structure .20, ownership .20, impact .25,
    reflection .15, delivery .20).
    """

    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    """Timing engine settings (window, pauses, fillers)."""

    sentences: SentenceSettings = field(default_factory=SentenceSettings)
    """Sentence segmentation of the timed words."""

    labeler: LabelerSettings = field(default_factory=LabelerSettings)
    """Clause cutting and the label model."""

    flags: FlagSettings = field(default_factory=FlagSettings)
    """Flag thresholds."""

    scores: ScoreSettings = field(default_factory=ScoreSettings)
    """Score formulas' weights and penalties."""

    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)
    """Feedback wording limits."""

    followups: FollowupSettings = field(default_factory=FollowupSettings)
    """How many follow-up questions."""

    estimate_wpm: float = 150.0
    """Pace assumed when timings are estimated from text."""

    estimate_sentence_pause_s: float = 0.6
    """Silence assumed after a sentence when timings are estimated from text."""

    estimate_comma_pause_s: float = 0.2
    """Silence assumed after a comma when timings are estimated from text."""


DEFAULT_SETTINGS = ScorerSettings()


def score_answer(words: Sequence[Word], speech: Sequence[Span], *, question: str | None = None,
                 audio: numpy.ndarray | None = None, settings: ScorerSettings = DEFAULT_SETTINGS,
                 timing: str = "measured", probes: tuple[str, ...] = (),
                 styled: Sequence[Word] = ()) -> AnswerReport:
    """Grade one answer: delivery, sections, shares, pronouns, flags, scores, feedback and follow-ups.

    `words` are committed words with absolute times, `speech` the VAD speech spans, `audio` optionally the
    answer as int16 16 kHz PCM (better filler counts), `styled` the hesitation pass's words (more fillers).
    `timing` is "estimated" for text input. `question` and `probes` (the bank's own follow-ups) are used for
    follow-up questions.
    """
    delivery = analyze_delivery(words, speech, settings.delivery, audio, styled)
    sentences = split_sentences(delivery.words, settings.sentences)
    units = label_sentences(sentences, settings.labeler)
    sections = merge_sections(units)
    timing_info = shares(sections, speech)
    findings = find_flags(units, timing_info, delivery, settings.flags)
    share = {k: round(v, 3) for k, v in timing_info.share.items()}
    scores = score_all(timing_info.share, findings, delivery, settings.scores)
    all_i, all_we = pronoun_counts(" ".join(w.text for w in delivery.words))
    return AnswerReport(
        delivery=delivery,
        transcript=" ".join(w.text.strip() for w in words),
        sections=sections,
        section_share=share,
        pronouns={"i": all_i, "we": all_we, "action_i": findings.action_i, "action_we": findings.action_we},
        flags=findings.flags,
        scores=scores,
        feedback=build_feedback(units, findings, delivery, timing_info.share, settings.feedback),
        followups=choose_followups(findings, settings.followups, probes),
        timing=timing,
    )


def label_units(words: Sequence[Word], settings: ScorerSettings = DEFAULT_SETTINGS) -> list[Unit]:
    """The final-pass labelled units (sentences or clauses) of an answer, each with its cue."""
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


# ---- live -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LiveState:
    """What the live view shows about the answer's structure so far."""

    units: tuple[Unit, ...]
    """Provisional labelled sentences/clauses so far (the last one may still grow)."""

    phase: str
    """Label of the latest unit ("" before any words)."""

    situation_s: float
    """Seconds spent in the Situation so far (first word to last word of each S unit)."""

    elapsed_s: float
    """Seconds since the answer's first word."""

    challenge_reached: bool
    """True once a unit that is neither S nor O has been heard."""

    reach_challenge_cue: bool
    """True on the one update where the challenge cue fires: `challenge_by_s` passed still in S/O."""


class LiveLabeler:
    """Incremental labeling: feed committed utterances (and clock ticks), read the provisional structure.

    Each sentence gets a provisional label as soon as its words are committed, from its own cues and the
    label before it; `final()` relabels the whole answer with everything in view.
    """

    def __init__(self, settings: ScorerSettings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self.words: list[Word] = []
        self.units: tuple[Unit, ...] = ()
        self._cue_fired = False
        self._now = 0.0

    @property
    def answer_start(self) -> float | None:
        return self.words[0].start if self.words else None

    def feed(self, utterance: Utterance) -> LiveState:
        """Add an utterance's committed words and relabel provisionally."""
        self.words.extend(w for w in utterance.words if w.text.strip())
        self.words.sort(key=lambda w: w.start)
        if self.words:
            sentences = split_sentences(self.words, self.settings.sentences)
            self.units = tuple(label_greedy(sentences, self.words[0].start, self.settings.labeler))
        return self.tick(max(self._now, utterance.end))

    def tick(self, now: float) -> LiveState:
        """The state at audio time `now` (fires the challenge cue on time even between utterances)."""
        self._now = max(self._now, now)
        start = self.answer_start
        elapsed = 0.0 if start is None else max(0.0, self._now - start)
        reached = any(u.label not in ("S", "O") for u in self.units)
        fire = (start is not None and not reached and not self._cue_fired
                and elapsed >= self.settings.flags.challenge_by_s)
        if fire:
            self._cue_fired = True
        situation = sum(u.end - u.start for u in self.units if u.label == "S")
        phase = self.units[-1].label if self.units else ""
        return LiveState(self.units, phase, situation, elapsed, reached, fire)

    def final(self) -> list[Unit]:
        """The final pass over everything heard so far."""
        return label_units(self.words, self.settings)

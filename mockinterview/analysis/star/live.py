"""The live pass of the STAR+ labeler: a provisional structure while the answer is spoken.

Each sentence gets a provisional label as soon as its words are committed, from its own grammar and the label
before it; `LiveLabeler.final()` relabels the whole answer with everything in view. Sentences are parsed once,
as they are committed: the parse cache (`analysis/language.py`) hands them to the final pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockinterview.analysis.star.labeler import DEFAULT_LABELER, LabelerSettings, Unit, label_greedy, label_sentences
from mockinterview.analysis.star.section_timing import PREAMBLE_LABELS
from mockinterview.analysis.star.sentences import SentenceSettings, split_sentences
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.report import Label
from mockinterview.types import Utterance, Word

DEFAULT_SENTENCES = SentenceSettings()


@dataclass(frozen=True, slots=True)
class LiveState:
    """What the live view shows about the answer's structure so far."""

    units: tuple[Unit, ...]
    """Provisional labelled sentences/clauses so far (the last one may still grow)."""

    phase: Label | None
    """Label of the latest unit (None before any words)."""

    situation_s: float
    """Seconds spent in the Situation so far (first word to last word of each S unit)."""

    elapsed_s: float
    """Seconds since the answer's first word."""

    challenge_reached: bool
    """True once a unit that is neither S nor O has been heard."""

    reach_challenge_cue: bool
    """True on the one update where the challenge cue fires: the targets' `challenge_by_s` passed still in S/O."""


class LiveLabeler:
    """Incremental labeling: feed committed utterances (and clock ticks), read the provisional structure.

    Each sentence gets a provisional label as soon as its words are committed, from its own grammar and the
    label before it; `final()` relabels the whole answer with everything in view.
    """

    def __init__(self, sentences: SentenceSettings = DEFAULT_SENTENCES, labeler: LabelerSettings = DEFAULT_LABELER,
                 targets: CoachingTargets = DEFAULT_TARGETS) -> None:
        self.sentence_settings = sentences
        self.labeler_settings = labeler
        self.targets = targets
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
            sentences = split_sentences(self.words, self.sentence_settings)
            self.units = tuple(label_greedy(sentences, self.labeler_settings))
        return self.tick(max(self._now, utterance.end))

    def tick(self, now: float) -> LiveState:
        """The state at audio time `now` (fires the challenge cue on time even between utterances)."""
        self._now = max(self._now, now)
        start = self.answer_start
        elapsed = 0.0 if start is None else max(0.0, self._now - start)
        reached = any(u.label not in PREAMBLE_LABELS for u in self.units)
        fire = (start is not None and not reached and not self._cue_fired
                and elapsed >= self.targets.challenge_by_s)
        if fire:
            self._cue_fired = True
        situation = sum(u.end - u.start for u in self.units if u.label == Label.S)
        phase = self.units[-1].label if self.units else None
        return LiveState(self.units, phase, situation, elapsed, reached, fire)

    def final(self) -> list[Unit]:
        """The final pass over everything heard so far."""
        return label_sentences(split_sentences(self.words, self.sentence_settings), self.labeler_settings)

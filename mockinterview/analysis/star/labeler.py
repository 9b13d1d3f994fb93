"""STAR+ labels (S T A R X O) for every sentence, each with the grammar that decided it.

The section model (`section_model.py`, weights in `data/star_weights.json`) reads each sentence's parse
(`analysis/language.py`): who does what, tense, mood and voice, figures, names and the words themselves. The
final pass decodes the whole answer (Viterbi over learned transitions, with each sentence's place in the
answer); the live pass labels each sentence as soon as its words are committed, from what came before it. A
sentence parsed by the live pass is not parsed again when the answer is scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mockinterview.analysis import language
from mockinterview.analysis.star.coach_model import Models, load_models
from mockinterview.analysis.star.section_model import SectionModel, sentence_rows
from mockinterview.analysis.star.sentences import Sentence, TimedWords
from mockinterview.report import LABEL_NAMES, Label
from mockinterview.types import Word

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class LabelerSettings:
    """Which learned weights label the answer."""

    weights: str = ""
    """Path of a weights file written by `python -m mockinterview.analysis.star.train`; "" is the shipped
    file (`data/star_weights.json`)."""


DEFAULT_LABELER = LabelerSettings()


@dataclass(frozen=True, slots=True)
class Unit(TimedWords):
    """A labelled sentence: its words, label, what decided it, the model's confidence, and its parse."""

    words: tuple[Word, ...]
    label: Label
    cue: str
    confidence: float
    sentence: int
    provisional: bool = False


def models_for(settings: LabelerSettings = DEFAULT_LABELER) -> Models:
    """The learned weights the settings name (read once per file)."""
    return load_models(settings.weights)


def parse_sentences(sentences: Sequence[TimedWords]) -> list[Doc]:
    """Each sentence's parse (cached by text, so the live pass's work is reused)."""
    return language.parse([s.text for s in sentences])


_NAMES = {"I": "'I'", "we": "'we'", "you": "'you'", "other": "someone else", "ours": "our people",
          "thing": "a thing", "it": "'it'", "there": "'there'", "none": "no subject", "self": "the speaker"}


def describe(feature: str) -> str:
    """A feature name as a reader would say it."""
    kind, _, value = feature.partition("=")
    if kind == "w":
        return f"the word '{value}'"
    if kind == "b":
        return f"the words '{value.replace('_', ' ')}'"
    if kind in ("subj", "root") and "|" in value:
        who, _, mood = value.partition("|")
        return f"{_NAMES.get(who, who)} as subject ({mood.replace('_', ' ')})"
    if kind == "sv":
        who, _, verb = value.partition("_")
        return f"{_NAMES.get(who, who)} + '{verb}'"
    if kind in ("first", "rootlemma"):
        return f"'{value}' {'opening it' if kind == 'first' else 'as its main verb'}"
    if feature.startswith("pos") and feature[3:].isdigit():
        return "its place in the answer"
    named = {"qty": "a figure", "qty_hedged": "an estimated figure", "named": "a named thing",
             "first_sentence": "it opens the answer", "last_sentence": "it closes the answer",
             "passive_noagent": "a passive with no one named", "question": "a question"}
    return named.get(feature, feature.replace("|", " ").replace("_", " "))


def _units(sentences: Sequence[Sentence], model: SectionModel, rows: list[dict[str, float]], labels: list[str],
           em: np.ndarray, provisional: bool) -> list[Unit]:
    out = []
    for i, (sent, code) in enumerate(zip(sentences, labels, strict=True)):
        k = "STARXO".index(code)
        reasons = model.reasons(rows[i], code)
        own = int(em[i].argmax())
        if own != k and i and labels[i - 1] == code:
            cue = f"context: continues the {LABEL_NAMES[Label(code)]} part"
        else:
            cue = ", ".join(describe(r) for r in reasons) or "context"
        out.append(Unit(sent.words, Label(code), cue, float(np.exp(em[i][k])), sent.index, provisional))
    return out


def label_sentences(sentences: Sequence[Sentence], settings: LabelerSettings = DEFAULT_LABELER,
                    models: Models | None = None) -> list[Unit]:
    """Final pass: label every sentence with the whole answer in view."""
    if not sentences:
        return []
    m = (models or models_for(settings)).sections
    rows = sentence_rows(parse_sentences(sentences))
    labels, em = m.decode(rows)
    return _units(sentences, m, rows, labels, em, provisional=False)


def label_greedy(sentences: Sequence[Sentence], settings: LabelerSettings = DEFAULT_LABELER,
                 models: Models | None = None) -> list[Unit]:
    """Live pass: each sentence labelled from its own grammar and the label before it (no look-ahead, no
    position: the answer's length is not known yet)."""
    if not sentences:
        return []
    m = (models or models_for(settings)).live_sections
    rows = sentence_rows(parse_sentences(sentences), positions=False)
    labels, em = m.greedy(rows)
    return _units(sentences, m, rows, labels, em, provisional=True)

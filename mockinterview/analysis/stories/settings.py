"""The story bank's settings and the text helpers its analyses share.

The analyses themselves live beside this module: `story_match` (which story an answer tells),
`story_recital` (recited wording, changed numbers) and `story_coverage` (categories, must-haves and
principles covered; variety). All are pure: text and records in, data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StorySettings:
    """Thresholds of the story bank. Scores and shares are 0..1 unless said otherwise."""

    # ---- matching an answer to a story ----
    match_auto_score: float = 0.30
    """An answer is linked to its best story automatically when the match score reaches this..."""
    match_min_margin: float = 0.06
    """...and beats the second-best story by at least this much (else it is only suggested)."""
    match_suggest_score: float = 0.22
    """Below this best score no story is suggested: the answer tells a story not in the bank. (On the
    benchmark sets a story's own answers scored 0.38-0.92 and the best unrelated story 0.11-0.24.)"""
    weight_words: float = 0.35
    """Weight of the word TF-IDF cosine (unigrams and bigrams) between the answer and the story's text
    (title, facts and the answers already linked to it)."""
    weight_chars: float = 0.15
    """Weight of the character n-gram TF-IDF cosine (robust to misheard or inflected words)."""
    weight_facts: float = 0.35
    """Weight of the share (IDF-weighted) of the title's and facts' key words that the answer uses."""
    weight_numbers: float = 0.15
    """Weight of the share of the facts' numbers that the answer states (same value, same kind)."""
    char_ngram_min: int = 3
    """Shortest character n-gram (inside word boundaries, like scikit-learn's char_wb)."""
    char_ngram_max: int = 5
    """Longest character n-gram."""
    history_answers: int = 3
    """How many of a story's latest linked answers join its title and facts as text to match against."""

    # ---- recitation ----
    recitation_ngram: int = 4
    """Word n-gram length for "word for word" repetition (fillers dropped, case and punctuation ignored)."""
    recitation_threshold: float = 0.55
    """An answer is flagged as recited when this share of its word n-grams repeats an earlier telling..."""
    sentence_repeat_similarity: float = 0.6
    """A sentence counts as repeated when its word-trigram Jaccard similarity with an earlier sentence
    reaches this (so one misheard word does not hide a re-read sentence)."""
    recitation_sentence_share: float = 0.6
    """...or when this share of its words sits in repeated sentences."""
    recitation_min_words: int = 40
    """Answers shorter than this are not judged for recitation (too little to tell)."""

    # ---- consistent numbers ----
    number_context_words: int = 5
    """Content words taken on each side of a number to know what it measures."""
    number_context_similarity: float = 0.3
    """Two numbers of the same unit measure the same thing when their contexts (content words of the same
    sentence) share this much: shared words over the smaller context's size."""
    number_tolerance: float = 0.02
    """Relative difference under which two values are the same ("4.2 seconds" vs "four point two seconds")."""

    # ---- coverage and variety ----
    polished_score: float = 70.0
    """Best overall score (0-100) at which a practised story counts as polished."""
    target_stories_min: int = 5
    """A senior set holds at least this many stories..."""
    target_stories_max: int = 7
    """...and at most this many."""
    variety_min_stories: int = 3
    """The all-work-stories note is given once the bank holds this many stories."""
    non_work_suggested: int = 2
    """How many non-work stories to suggest."""


DEFAULT_STORY_SETTINGS = StorySettings()

FILLERS = frozenset({"um", "uh", "er", "ah", "hmm", "erm", "mm", "uhm"})
"""Hesitation words dropped before comparing wordings (they are never part of a story)."""

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i i'd i'm i've if in into is it it's its itself just let's me
more most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that that's the their theirs them themselves then there these they this those
through to too under until up very was we we'd we're we've were what when where which while who whom why
will with would you your yours yourself yourselves yeah okay ok like know mean really actually basically
sort kind got get gets going went thing things lot lots pretty just said say says told one well
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
"""Words that say nothing about which story is told."""

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def words_of(text: str) -> list[str]:
    """Lowercase words and numbers of `text`, punctuation and hesitations dropped ("4,000" -> "4000")."""
    clean = re.sub(r"(?<=\d),(?=\d{3})", "", text.lower()).replace("’", "'")
    return [w for w in _WORD.findall(clean) if w not in FILLERS]


def stem(word: str) -> str:
    """A light suffix stripper, enough to meet "migrated"/"migrating"/"migration" half way."""
    for suffix, keep in (("ations", 5), ("ation", 5), ("ing", 4), ("ies", 3), ("ied", 3), ("ed", 4), ("es", 4),
                         ("s", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep - 1 and not word.endswith("ss"):
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def content_words(text: str) -> list[str]:
    """Stemmed words of `text` that carry meaning (no stopwords, no one-letter words)."""
    return [stem(w) for w in words_of(text) if w not in STOPWORDS and len(w) > 1]


def split_text_sentences(text: str) -> list[str]:
    """Sentences of a transcript, cut at . ! ? (Whisper punctuates what it hears)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]

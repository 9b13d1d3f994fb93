"""English word classes the filler rules read, and the rules for "so", "right", "you know" and "I mean" built on them.

Only closed classes are listed (pronouns, modals, forms of "be", conjunctions, discourse words): they are the
same for every speaker and story, so the rules they feed do not depend on anyone's wording. What a "so" does
is read from them: "so we could ..." states a purpose and "so many" a degree, while a "so" that only discourse
words ("yeah", "okay") or hesitations precede, or that one follows, opens a thought as a filler. Where the
words leave it open ("..., so I called them" against "... . So I called them") the audio's pauses decide (a
breath before it, or a pause on both sides); Whisper's full stops never do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockinterview.analysis.numbers import NUMBER_VALUES

if TYPE_CHECKING:
    from mockinterview.analysis.delivery.fillers import WordContext


@dataclass(frozen=True)
class FillerGrammar:
    """Closed word classes (lowercase, as `Word.norm` gives them)."""

    subject_forms: frozenset[str] = frozenset({"i", "we", "they", "he", "she"})
    """Pronouns in the subject form: they start a clause and are never an object ("like us", not "like we")."""

    purpose_modals: frozenset[str] = frozenset({
        "could", "couldn't", "would", "wouldn't", "might", "can", "can't",
        "i'd", "we'd", "you'd", "they'd", "he'd", "she'd", "it'd", "nobody'd",
    })
    """Modals of a purpose clause: "so (that) we could ...", "so nobody would ...", "so we'd ..." (the
    contractions carry the subject)."""

    purpose_subject_words: int = 3
    """The most words a purpose clause's subject may take before its modal ("so the whole team could")."""

    clause_links: frozenset[str] = frozenset({
        "and", "but", "or", "because", "then", "when", "while", "if", "which", "who",
    })
    """Conjunctions and relative words: a clause boundary (a purpose clause's subject never spans one)."""

    discourse: frozenset[str] = frozenset({
        "yeah", "yes", "yep", "okay", "ok", "alright", "well", "anyway", "anyways", "sure", "now", "right",
    })
    """Discourse words: they manage the talk, not the story ("yeah, so ...", "so, anyway, ...")."""

    fillers_after_so: frozenset[str] = frozenset({"like", "basically", "anyway"})
    """Filler words that, right after "so", make it a discourse marker too ("so, like, at our clinic ...")."""

    so_idiom_after: frozenset[str] = frozenset({
        "far", "many", "much", "few", "little", "long", "on", "forth", "often", "called", "to",
    })
    """Words after "so" that make it part of a phrase ("so far", "so many", "and so on", "so-called")."""

    so_idiom_before: frozenset[str] = frozenset({
        "or", "if", "even", "think", "thought", "guess", "hope", "believe", "suppose", "say", "said", "says",
        "do", "did", "does", "done", "doing", "not", "just", "why", "more", "less", "and",
    })
    """Words before "so" that make it part of a phrase ("or so", "I think so", "if so", "even so", "do so",
    "and so on") or an adverb of degree ("not so fast", "just so")."""

    be_forms: frozenset[str] = frozenset({
        "is", "are", "was", "were", "be", "been", "being", "am", "it's", "that's", "there's", "he's", "she's",
        "i'm", "we're", "they're", "you're", "what's", "'s",
    })
    """Forms of "be"."""

    no_noun_after_a: frozenset[str] = frozenset({
        "i", "we", "they", "he", "she", "you", "where", "when", "what", "which", "who", "why", "how", "and",
        "but", "because", "the", "this", "these", "those", "our", "my", "their", "his", "her", "your", "to",
        "of", "in", "on", "at", "for", "with", "from", "is", "was", "were", "are", "i'm", "i'd", "i've", "i'll",
        "we're", "we'd", "we've", "we'll", "he's", "he'd", "she's", "she'd", "they're", "they'd", "they've",
        "it's", "that's",
    })
    """Words that cannot follow the article "a" (no noun phrase starts with them). A hesitation can ("a, um,
    budget"): an "a" before one stays the article."""

    singular_s_endings: tuple[str, ...] = ("ss", "'s", "us", "is")
    """Endings of nouns that end in "s" and are singular ("process", "status", "analysis") or possessive."""

    hedged_adverbs: frozenset[str] = frozenset({
        "really", "totally", "literally", "constantly", "completely", "super", "pretty", "very", "just",
        "basically", "actually", "honestly", "seriously", "maybe", "probably", "almost", "nearly", "roughly",
        "approximately", "barely", "hardly", "incredibly", "insanely", "way",
    })
    """Adverbs of degree and stance. "like" right before one is the hedge ("like constantly", "like pretty
    fast"): "like" as a preposition takes a noun phrase, as a verb an object. ("like always" is "as always".)"""

    right_meaning_before: frozenset[str] = frozenset({
        "the", "a", "all", "that's", "it's", "is", "was", "were", "are", "be", "you're", "he's", "she's",
        "they're", "we're", "i'm", "exactly", "just", "turn", "turned", "quite", "not", "alright", "get", "got",
        "that", "on", "to", "it",
    })
    """Words before a set-off "right" that make it an adjective or adverb ("that's right", "all right",
    "turn right", "got it right") rather than a tag question."""

    noun_phrase_openers: frozenset[str] = frozenset({
        "the", "a", "an", "these", "those", "my", "your", "our", "their", "his", "its", "some", "every", "each",
    })
    """Articles and possessives: a noun phrase starts with them. Right after "you know" they begin the object of
    "know" ("you know the drill")."""


def _so_purpose(c: WordContext, i: int) -> bool:
    """ "so (that) we could ...", "so the team would ...", "so we'd ...": a purpose clause, never a filler."""
    g = c.s.grammar
    k = i + 2 if c.norm(i + 1) == "that" else i + 1
    for j in range(k, min(len(c.w), k + g.purpose_subject_words + 1)):
        word = c.norm(j)
        if word in g.purpose_modals:
            return j > k or "'" in word  # a subject first, or one inside the contraction
        if word in g.be_forms or word in g.clause_links or word in c.s.hesitations or c.w[j].filler:
            return False  # "so we were ...", "so the team fixed it and ..."
    return False


def so_opens_thought(c: WordContext, i: int) -> bool:
    """A "so" that opens a thought as a filler, not one that joins two clauses or states a purpose."""
    g = c.s.grammar
    nxt = c.norm(i + 1)
    idiom_before = c.norm(i - 1) in g.so_idiom_before and not c.set_off_before(i)
    if nxt in g.so_idiom_after or idiom_before:
        return False
    if nxt in g.discourse or nxt in c.s.hesitations or nxt in g.fillers_after_so:
        return True  # "so, um, ...", "so yeah", "so like, ...": only talk management after it
    if _so_purpose(c, i) or (nxt == "that" and c.norm(i + 2) not in g.be_forms):
        return False  # "so we could ...", "so that nobody ..."; but "so that was the plan" opens a thought
    if c.after_openers(i):
        return True  # "yeah, so ...", "um, so ...": only talk management before it
    if not c.silences:
        return c.starts_thought(i)
    pause = c.silence_len_before(i)
    return pause >= c.s.so_breath_s or (pause >= c.s.so_silence_s and c.silence_after(i))


def right_tag(c: WordContext, i: int) -> bool:
    """A tag question ("it scales, right? and ...") set off on both sides after a clause, or "right," opening
    a thought."""
    if c.starts_thought(i) or c.after_openers(i):
        return c.set_off_after(i) and i + 1 < len(c.w)
    return (c.set_off_before(i) and c.set_off_after(i)
            and c.norm(i - 1) not in c.s.grammar.right_meaning_before)


def you_know_filler(c: WordContext, i: int) -> bool:
    """ "you know" (words i, i+1) as a filler, not the verb with its object or clause ("if you know where to
    look", "you know the drill", "I know you know the risks").

    A noun phrase right after "know" is its object when "you know" opens a thought or runs on from the word before;
    a pause before it inside a clause makes it an aside ("it was, you know a big monolith").
    """
    s = c.s
    if c.norm(i - 1) in s.you_know_meaning_before and not c.set_off_before(i):
        return False
    if c.set_off_after(i + 1):
        return True
    if c.norm(i + 2) in s.grammar.noun_phrase_openers:
        return c.set_off_before(i) and not (c.starts_thought(i) or c.after_openers(i))
    return c.norm(i + 2) not in s.you_know_meaning_after


def i_mean_filler(c: WordContext, i: int) -> bool:
    """ "I mean" (words i, i+1) as a filler: set off after, and not the verb of a clause ("what I mean is")."""
    if c.norm(i - 1) in c.s.mean_meaning_before and not c.set_off_before(i):
        return False
    return c.set_off_after(i + 1)


def a_before_a_count(c: WordContext, i: int) -> bool:
    """Word i, an "a", stands before a count above one and the plural noun it counts ("gave him a two pieces of
    feedback"): the article is singular, so it was a hesitation. "a two-week trial", "a 30 day cutoff" and "a
    hundred people" (a scale word, or a round figure Whisper writes in digits) keep their article."""
    n = c.norm(i + 1)
    count = int(n) if n.isdigit() else NUMBER_VALUES.get(n, 0)
    if not 1 < count < 100 or i + 2 >= len(c.w) or c.w[i + 2].text.lstrip().startswith("-"):
        return False
    noun = c.norm(i + 2)
    return noun.endswith("s") and not noun.endswith(c.s.grammar.singular_s_endings)

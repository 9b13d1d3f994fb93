"""Filler detection on timed words: hesitation sounds and lexical fillers told apart from the same words
used for meaning ("I like that approach", "tools like Kafka", "what kind of customer", "if you know where
to look").

The rules read the word's grammar (the word classes around it, filler_grammar.py) and the silences in the audio
around it. Whisper's commas set a word off like a pause does; its full stops never decide anything when the audio
is known (Whisper writes them where a natural voice only takes a comma's breath). Without audio (a typed answer)
the written punctuation stands in for the pauses. Each rule is one small function so the unit tests can pin it
with tricky sentences.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from mockinterview.analysis.delivery.filler_grammar import (
    FillerGrammar,
    a_before_a_count,
    i_mean_filler,
    right_tag,
    so_opens_thought,
    you_know_filler,
)
from mockinterview.analysis.numbers import FRACTIONS, NUMBER_WORDS, SCALES
from mockinterview.types import Span, Word

SENTENCE_END = (".", "?", "!", "…")


@dataclass(frozen=True)
class FillerSettings:
    """Vocabulary and thresholds of the filler rules."""

    hesitations: dict[str, str] = field(default_factory=lambda: {
        "um": "um", "umm": "um", "ummm": "um", "uhm": "um", "erm": "um", "mm": "um", "mmm": "um", "hm": "hmm",
        "uh": "uh", "uhh": "uh", "uhhh": "uh", "er": "er", "err": "er", "ah": "ah", "ahh": "ah",
        "hmm": "hmm", "hmmm": "hmm",
    })
    """Hesitation sounds (as Whisper spells them) and the name each is counted under. Always fillers."""

    oh_as: str = "uh"
    """Whisper often spells the hesitation "uh" as "Oh" ("Oh and the app lost ..." for "Uh, when the app
    lost ..."; "I, oh, I keep ..." for "I, uh, I keep ..."). An "oh" with no punctuation after it, or one inside
    a clause, is counted under this name; "Oh, I see" opening a thought (an interjection) and "two oh four" (a
    digit) are not. Empty: never."""

    a_as: str = "uh"
    """Whisper writes a hesitation "uh" as "a" ("the step was a where people left"). An "a" that no noun phrase
    can follow (a wh-word, pronoun, preposition, conjunction, another determiner: `FillerGrammar.no_noun_after_a`)
    is counted under this name, unless the speaker restarts the phrase ("with a, with a ..."); so is one before a
    count and its plural noun ("a two pieces": `a_before_a_count`). Empty: never."""

    opener_misreads: dict[str, str] = field(default_factory=lambda: {"i'm": "um", "i'll": "uh", "i": "uh"})
    """Whisper hears an answer that opens "Um, sure." as "I'm sure." ("Uh, sure," as "I'll sure," or "I sure,").
    One of these words opening the answer, right before an acknowledgment that is set off, is counted as the
    hesitation named here; "I'm sure you hear this a lot" and "I'm okay with either" are not. Empty: never."""

    acknowledgments: frozenset[str] = frozenset({"sure", "okay", "ok", "yeah", "yes", "alright", "right"})
    """Words that acknowledge the question at the start of an answer ("Um, sure.")."""

    always: frozenset[str] = frozenset({"basically"})
    """Single words that are fillers wherever they occur."""

    pause_s: float = 0.15
    """A silence at least this long next to a word acts like a comma around it (speech has no punctuation)."""

    silence_min_s: float = 0.1
    """A silence in the audio at least this long (longer than a stop closure) counts as a pause."""

    silence_tolerance_s: float = 0.12
    """With the audio's silences: a silence ending up to this far into a word (or starting this far before
    its end) still sets the word off; Whisper's word edges drift over the pauses around them."""

    sentence_gap_s: float = 0.6
    """A silence at least this long before a word starts a new thought (with the audio: whatever Whisper wrote
    there; without it, a full stop does too)."""

    so_silence_s: float = 0.2
    """With the audio's silences: a "so" after a clause is a filler only after at least this much silence, and
    only if a pause also sets it off from what follows ("..., so, I was ..."), or after `so_breath_s`. Without
    a breath the "so" joins two clauses and means "therefore"."""

    so_breath_s: float = 0.3
    """With the audio's silences: a "so" after at least this much silence starts a new thought, a pause after
    it or not ("Let me think [0.4 s] so this was ...")."""

    grammar: FillerGrammar = field(default_factory=FillerGrammar)
    """The closed word classes the rules read (what a "so", a "right" does in its clause)."""

    determiners: frozenset[str] = frozenset({
        "a", "an", "the", "this", "that", "these", "those", "what", "which", "some", "any", "every", "each",
        "one", "same", "different", "all", "no", "other", "another", "whatever", "my", "our", "your", "their",
        "his", "her", "its", "certain", "right", "wrong", "new", "first", "only", "of",
    })
    """Words before "kind of"/"sort of" that make it a noun phrase ("what kind of customer")."""

    like_verb_before: frozenset[str] = frozenset({
        "i", "you", "we", "they", "he", "she", "people", "users", "customers", "would", "wouldn't", "to",
        "i'd", "we'd", "you'd", "they'd", "he'd", "she'd", "don't", "didn't", "doesn't", "do", "did", "does",
        "might", "will", "won't", "really", "also", "still", "always", "never", "genuinely", "actually",
        "should", "could", "may", "not", "definitely", "particularly", "especially", "who",
    })
    """Words before "like" that make it the verb ("I like that approach", "didn't like the idea")."""

    like_subject_before: frozenset[str] = frozenset({
        "i", "you", "we", "they", "he", "she", "people", "users", "customers", "who", "really", "would",
        "i'd", "we'd", "you'd", "they'd", "don't", "didn't", "doesn't", "also", "still", "always", "never",
    })
    """Words before "like" that keep it the verb even before an amount ("we like 3 retries")."""

    like_compare_before: frozenset[str] = frozenset({
        "look", "looks", "looked", "looking", "sound", "sounds", "sounded", "seem", "seems", "seemed",
        "feel", "feels", "felt", "feeling", "just", "more", "much", "something", "anything", "nothing",
        "everything", "things", "stuff", "exactly", "act", "acts", "acted", "treat", "treated", "treats",
        "behave", "behaves", "behaved", "smell", "smells", "taste", "tastes", "what", "very", "not", "lot",
        "lots", "ones", "one", "others", "cases", "tools", "systems", "services", "companies", "teams",
        "languages", "frameworks", "products", "platforms", "areas", "problems", "issues", "features",
    })
    """Words before "like" that make it a comparison or example ("looked like a leak", "tools like Kafka").
    Used only when no pause or comma sets "like" apart; "was, like, backing up" stays a filler."""

    like_example_words: int = 2
    """A "like" with a comma before it only is a comparison ("treat candidates, like customers.") when its
    clause ends within this many words after it; the filler runs on into a clause ("networks, like everyone on
    the team went through ...")."""

    like_be_before: frozenset[str] = frozenset({
        "was", "is", "are", "were", "be", "been", "being", "it's", "that's", "i'm", "we're", "they're",
        "he's", "she's", "there's",
    })
    """Forms of "be" before "like": in spoken answers "it was like a mess" is a filler (or a quote)."""

    like_be_compare_after: frozenset[str] = frozenset({
        "that", "this", "it", "before", "them", "him", "her", "me", "us", "yours", "mine", "ours", "new",
    })
    """Words after "be like" that make it a comparison after all ("it was like that for years")."""

    number_words: frozenset[str] = NUMBER_WORDS | FRACTIONS | {"dozens", *(f"{s}s" for s in SCALES)}
    """Amount words (`analysis.numbers`' vocabulary, and "dozens", "hundreds", ...): "like" right before an
    amount is the hedging filler ("like ninety days")."""

    you_know_meaning_before: frozenset[str] = frozenset({
        "if", "do", "did", "does", "don't", "didn't", "as", "whether", "unless", "what", "how", "who", "whom",
        "that", "all", "because", "when", "where", "so", "everything", "anything", "one", "someone", "people",
    })
    """Words before "you know" that make "know" the verb ("if you know where to look", "do you know")."""

    you_know_meaning_after: frozenset[str] = frozenset({
        "what", "how", "where", "why", "who", "when", "whether", "if", "that", "him", "her", "them", "me",
        "us", "it", "this", "everything", "anything", "nothing", "someone", "somebody", "exactly", "about",
        "more", "enough", "better",
    })
    """Words right after "you know" (no comma) that make it the verb ("you know how it is"); so do the words that
    open a noun phrase (`FillerGrammar.noun_phrase_openers`) unless a pause cuts it into a clause."""

    actually_meaning_before: frozenset[str] = frozenset({"what", "how", "who", "whether", "which", "where"})
    """Words before "actually" that make it mean "in fact" ("what actually happened")."""

    mean_meaning_before: frozenset[str] = frozenset({"what", "which", "whatever", "you", "to", "i'd"})
    """Words before "I mean" that make "mean" the verb ("what I mean is")."""


@dataclass(frozen=True, slots=True)
class FillerHit:
    """One filler use: the canonical name it is counted under and the indices of its words."""

    kind: str
    indices: tuple[int, ...]


def _ends_clause(w: Word) -> bool:
    return w.text.rstrip().endswith((",", ";", ":", "—", "-", *SENTENCE_END))


def _ends_sentence(w: Word) -> bool:
    return w.text.rstrip().rstrip("\"')").endswith(SENTENCE_END)


class WordContext:
    """Neighbourhood queries over one word list."""

    def __init__(self, words: Sequence[Word], settings: FillerSettings, silences: Sequence[Span] = ()) -> None:
        self.w = words
        self.s = settings
        self.silences = sorted(silences, key=lambda p: p.start)
        self.silences_by_end = sorted(self.silences, key=lambda p: p.end)
        self._ends = [p.end for p in self.silences_by_end]
        self._starts = [p.start for p in self.silences]

    def _mid(self, i: int) -> float:
        return (self.w[i].start + self.w[i].end) / 2

    def silence_before(self, i: int) -> bool:
        """The audio has a silence between the middle of word i-1 and the start of word i, or one at the start
        of word i's span (Whisper stretches a word back over the pause before it)."""
        if not self.silences:
            return False
        lo = self._mid(i - 1) if i > 0 else float("-inf")
        k = bisect_left(self._ends, lo)
        return k < len(self._ends) and self.silences_by_end[k].start <= self.w[i].start + self.s.silence_tolerance_s

    def silence_after(self, i: int) -> bool:
        """The audio has a silence between the end of word i and the middle of word i+1, or one at the end of
        word i's span (Whisper stretches a word on over the pause after it)."""
        if not self.silences:
            return False
        hi = self._mid(i + 1) if i + 1 < len(self.w) else float("inf")
        k = bisect_left(self._ends, self.w[i].end - self.s.silence_tolerance_s)
        return k < len(self._ends) and self.silences_by_end[k].start <= hi

    def pause_between(self, i: int) -> bool:
        """The audio has a silence anywhere between the middles of words i and i+1 (a looser test than
        `silence_after`, for a pause some other evidence already points at)."""
        if not self.silences or i + 1 >= len(self.w):
            return False
        lo, hi = self._mid(i), self._mid(i + 1)
        k = bisect_left(self._ends, lo)
        return k < len(self._ends) and self.silences_by_end[k].start < hi

    def silence_len_before(self, i: int) -> float:
        """The longest silence in the audio that reaches between the middle of word i-1 and the start of word
        i (its whole length: Whisper's word edges drift into the silences around them)."""
        lo = self._mid(i - 1) if i > 0 else float("-inf")
        hi = self.w[i].start + self.s.silence_tolerance_s
        return max((p.end - p.start for p in self.silences if p.end > lo and p.start < hi), default=0.0)

    def norm(self, i: int) -> str:
        return self.w[i].norm if 0 <= i < len(self.w) else ""

    def gap_before(self, i: int) -> float:
        return self.w[i].start - self.w[i - 1].end if i > 0 else float("inf")

    def gap_after(self, i: int) -> float:
        return self.w[i + 1].start - self.w[i].end if i + 1 < len(self.w) else float("inf")

    def starts_thought(self, i: int) -> bool:
        """First word, after a long silence (the audio's, when known: the gap between Whisper's word times also
        holds the word edges it misplaced), right after fillers that start one, or, without the audio, after a
        full stop."""
        if i == 0:
            return True
        prev = self.w[i - 1]
        if self.silences:
            return self.silence_len_before(i) >= self.s.sentence_gap_s or (prev.filler and self.starts_thought(i - 1))
        return (_ends_sentence(prev) or (prev.filler and self.starts_thought(i - 1))
                or self.gap_before(i) >= self.s.sentence_gap_s)

    def after_openers(self, i: int) -> bool:
        """Only discourse words ("yeah", "okay") and fillers come between the start of a thought and word i."""
        k = i - 1
        while k >= 0 and (self.w[k].filler or self.norm(k) in self.s.grammar.discourse):
            if self.starts_thought(k) or self.set_off_before(k):
                return True
            k -= 1
        return k < 0

    def set_off_before(self, i: int) -> bool:
        """A comma, sentence start or pause before word i."""
        return (i == 0 or _ends_clause(self.w[i - 1]) or self.gap_before(i) >= self.s.pause_s
                or self.silence_before(i))

    def set_off_after(self, i: int) -> bool:
        """A comma, sentence end or pause after word i (the last word counts as set off)."""
        return (i + 1 >= len(self.w) or _ends_clause(self.w[i]) or self.gap_after(i) >= self.s.pause_s
                or self.silence_after(i))


def _is_amount(word: str, settings: FillerSettings) -> bool:
    return bool(word) and (word[0].isdigit() or word.lstrip("$").split("-")[0] in settings.number_words)


def _like(c: WordContext, i: int) -> bool:
    if c.w[i].text.lstrip().startswith("-"):
        return False  # "app -like": Whisper's piece of a hyphenated word ("SQL-like") is a suffix
    prev, nxt, after, before = c.norm(i - 1), c.norm(i + 1), c.set_off_after(i), c.set_off_before(i)
    comma_before = i == 0 or _ends_clause(c.w[i - 1])
    if prev in c.s.like_compare_before and not (comma_before or _ends_clause(c.w[i])):
        return False  # "tools like Kafka": only written commas overrule (a stop closure is not a pause)
    if nxt in c.s.grammar.hedged_adverbs and prev not in c.s.like_verb_before:
        return True  # "followed up like constantly": a comparison takes a noun phrase, not an adverb
    if nxt in c.s.grammar.subject_forms and prev in c.s.like_verb_before:
        return True  # "we also like we rebuilt it": the verb takes an object ("us"), never "we"
    if _is_amount(nxt, c.s) and prev not in c.s.like_subject_before:
        return True  # "to like ninety days", "like 40 percent": the hedge before an amount
    if prev in c.s.like_verb_before and not after:
        return False  # "I like that", "didn't like the idea"
    if after and (before or c.starts_thought(i)):
        return True  # ", like, "
    if after:
        return prev not in c.s.like_verb_before  # "it was like, backing up" / but "I really like" + pause
    if prev in c.s.like_be_before:  # "it was like a mess", "it was, like, me" / "it was like that"
        return comma_before or nxt not in c.s.like_be_compare_after
    # "networks, like everyone ..." (comma before only); "tools like Kafka", "looked like a leak" are not;
    # nor "treat candidates, like customers." (an example that closes its clause)
    return before and c.w[i - 1].text.rstrip().endswith(",") and not _closes_soon(c, i)


def _closes_soon(c: WordContext, i: int) -> bool:
    """The clause ends within `like_example_words` words after word i."""
    stop = min(len(c.w), i + 1 + c.s.like_example_words)
    return any(_ends_clause(c.w[k]) for k in range(i + 1, stop))


def _kind_sort_of(c: WordContext, i: int) -> bool:
    """A hedge unless a determiner makes it a noun ("what kind of customer"); a pause between them is a
    restart ("on a, kind of a shorter trial")."""
    return c.norm(i - 1) not in c.s.determiners or c.set_off_before(i)


def _oh(c: WordContext, i: int) -> bool:
    """An "oh" inside a clause ("I, oh, I keep ...", "Oh and the app ...") is a hesitation; one that opens a
    thought and is set off ("Oh, I see") is an interjection; "two oh four" is a digit."""
    if _is_amount(c.norm(i - 1), c.s) or _is_amount(c.norm(i + 1), c.s):
        return False
    return not _ends_clause(c.w[i]) or not (c.starts_thought(i) or c.after_openers(i))


def _misread_opener(c: WordContext, i: int) -> bool:
    """Word i opens the answer (after fillers other than hesitations) and an acknowledgment set off by a comma,
    full stop or pause follows it: "I'm sure. Last spring ..." for "Um, sure. Last spring ..."."""
    if any(not w.filler or w.norm in c.s.hesitations for w in c.w[:i]):
        return False
    return c.norm(i + 1) in c.s.acknowledgments and c.set_off_after(i + 1)


def _actually(c: WordContext, i: int) -> bool:
    return c.norm(i - 1) not in c.s.actually_meaning_before


def detect_fillers(words: Sequence[Word], settings: FillerSettings = FillerSettings(),
                   silences: Sequence[Span] = ()) -> list[FillerHit]:
    """Find filler uses in time-ordered words; each multi-word filler is one hit covering all its words.

    `silences` (optional, from the audio) are short pauses that set words off like commas do.
    """
    return mark_fillers(words, settings, silences)[1]


def mark_fillers(words: Sequence[Word], settings: FillerSettings = FillerSettings(),
                 silences: Sequence[Span] = ()) -> tuple[list[Word], list[FillerHit]]:
    """The words with `filler=True` on every word of every filler, and the hits (see `detect_fillers`)."""
    words = list(words)
    c = WordContext(words, settings, silences)
    hits: list[FillerHit] = []
    i, n = 0, len(words)
    while i < n:
        w, nxt = c.norm(i), c.norm(i + 1)
        hit: FillerHit | None = None
        if w in settings.hesitations:
            hit = FillerHit(settings.hesitations.get(w, w), (i,))
        elif w == "oh" and settings.oh_as and _oh(c, i):
            hit = FillerHit(settings.oh_as, (i,))
        elif w == "a" and settings.a_as and (
                (nxt in settings.grammar.no_noun_after_a and (nxt, c.norm(i + 2)) != (c.norm(i - 1), "a"))
                or a_before_a_count(c, i)):
            hit = FillerHit(settings.a_as, (i,))
        elif w in settings.always:
            hit = FillerHit(w, (i,))
        elif w in settings.opener_misreads and _misread_opener(c, i):
            hit = FillerHit(settings.opener_misreads[w], (i,))
        elif w == "okay" and nxt == "so" and (c.set_off_before(i) or c.after_openers(i)):
            hit = FillerHit("okay so", (i, i + 1))
        elif w in ("kind", "sort") and nxt == "of" and not _ends_clause(words[i]) and _kind_sort_of(c, i):
            hit = FillerHit(f"{w} of", (i, i + 1))
        elif w == "you" and nxt == "know" and not _ends_clause(words[i]) and you_know_filler(c, i):
            hit = FillerHit("you know", (i, i + 1))
        elif w == "i" and nxt == "mean" and i + 1 < n and not _ends_clause(words[i]) and i_mean_filler(c, i):
            hit = FillerHit("I mean", (i, i + 1))
        elif w == "like" and _like(c, i):
            hit = FillerHit("like", (i,))
        elif w == "so" and so_opens_thought(c, i):
            hit = FillerHit("so", (i,))
        elif w == "right" and right_tag(c, i):
            hit = FillerHit("right", (i,))
        elif w == "actually" and _actually(c, i):
            hit = FillerHit("actually", (i,))
        if hit is not None:
            hits.append(hit)
            for k in hit.indices:  # marked at once: "so" after a marked "um" is still sentence-initial
                words[k] = replace(words[k], filler=True)
            i = hit.indices[-1] + 1
        else:
            i += 1
    return words, hits


def count_by_kind(hits: Sequence[FillerHit]) -> dict[str, int]:
    """Hits per canonical filler name, most frequent first."""
    counts: dict[str, int] = {}
    for h in hits:
        counts[h.kind] = counts.get(h.kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

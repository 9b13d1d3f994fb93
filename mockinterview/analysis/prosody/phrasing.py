"""Where the phrases break: statement endings, and whether each pause falls mid-phrase or at a boundary.

Judged from the words around a pause, not from Whisper's punctuation alone: Whisper puts a comma or a full stop
at most pauses, and a question mark or a comma after a raised statement. On synthetic answers with pauses at
random words, the word rules judged 0.76 of held-out pauses right (0.74 in a noisy room) where the punctuation
alone judged 0.67.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.analysis.delivery.fillers import FillerSettings
from mockinterview.analysis.prosody.settings import PhrasingSettings
from mockinterview.types import Span, Word

HESITATIONS = frozenset(FillerSettings().hesitations)
"""Hesitation spellings (the filler rules' own): looked through when judging a pause by its neighbours."""


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


CLOSED_FINAL = _set("""
a an the my our your their his her its every each i we they he she i'm we're you're they're i've we've
i'd we'd i'll we'll it's that's there's and or but nor because if although though unless whereas whether
""")
"""Words after which a phrase cannot end (determiners, subject pronouns, conjunctions): a pause right after one
is mid-phrase whatever the punctuation says."""

OPEN_FINAL = _set("""
of to in on at by for with from into onto about over under between through during without within upon
than as per via like is are was were be been being am do does did have has had will would can could
shall should may might must very really quite more most less much many such just not
""")
"""Prepositions, auxiliaries, intensifiers: they end a phrase only when stranded ("the team I worked with."),
so a pause after one is mid-phrase unless it is marked as an end and a clause opener follows."""

NEVER_INITIAL = _set("""
of to than 's n't against among into onto about between through like as per via upon under
""")
"""Words that continue the phrase before them (complements, comparisons): a pause right before one is
mid-phrase, even where Whisper wrote a full stop."""

INITIAL_IF_MARKED = _set("""
in at after before during since over on for by from with across the a an our my their his her this
these those that
""")
"""Words that open a sentence as often as they continue a phrase ("In 2019 we...", "The team..."): a pause
before one is a boundary only after a sentence-final mark."""

CLAUSE_OPENERS = _set("""
and but so because then when while although though unless which who where whereas once what why how i
we he she they you it there i'm we're they're you're he's she's it's that's there's what's i've we've
i'd we'd i'll we'll first second third finally next also however instead now looking honestly overall
yes yeah sure okay
""")
"""Words that open a clause: a pause before one (after a word that can end a phrase) is a boundary."""

INTERJECTIONS = _set("sure yeah yes okay ok right well so no")
"""Words that form a phrase of their own: a marked pause after one is a boundary."""

CONTINUATIONS = _set("and or but because which who whom whose that where while if than to of as")
"""Words that carry a sentence on: a pause before one, without a full stop, is inside the sentence (where a
continuation rise is normal), so the word before it ends no statement."""

WH = _set("what why how where when who which whose whom")
"""Question words."""

AUX = _set("""
do does did is are was were can could would will should shall have has had may might isn't aren't
wasn't weren't don't doesn't didn't can't couldn't wouldn't won't shouldn't haven't hasn't
""")
"""Auxiliaries: before a subject they open a question."""

SUBJECTS = _set("i you we they he she it that this there the a an my your our their his her")
"""Words that open a subject (after an auxiliary: a question by inversion)."""

TAGS = _set("right yeah okay ok correct no")
"""Tag questions ("..., right?")."""

LEADS = ("so", "and", "but", "okay", "well", "like")
"""Words passed over at a sentence's start when judging whether it is a question."""

_PUNCT_END = re.compile(r"[.!?…,;:\-\u2013\u2014][\"')\]]*$")
_FULL_STOP = re.compile(r"[.!…][\"')\]]*$")


@dataclass(frozen=True, slots=True)
class Pause:
    """A silence between two words, judged as a phrase boundary or mid-phrase."""

    start: float
    end: float
    before: str
    after: str
    midphrase: bool


def _spoken(w: Word) -> bool:
    return bool(w.norm) and w.norm not in HESITATIONS


def _neighbour(words: Sequence[Word], i: int, step: int) -> Word | None:
    """The nearest word from index `i` on in direction `step` that is not a hesitation."""
    while 0 <= i < len(words):
        if _spoken(words[i]):
            return words[i]
        i += step
    return None


def _stop(text: str) -> bool:
    t = text.strip()
    return bool(_FULL_STOP.search(t)) or t.endswith("?")


def is_midphrase(before: Word, after: Word) -> bool:
    """Whether a pause between these two words breaks a phrase. The words decide first: after a function word,
    or before a complement, the pause is mid-phrase; before a clause opener it is a boundary; before a word that
    may open a sentence it is a boundary only after a sentence-final mark; between content words mid-phrase."""
    b, a = before.norm, after.norm
    if b in CLOSED_FINAL or a in NEVER_INITIAL or after.text.strip().startswith("'"):
        return True
    if b in OPEN_FINAL:
        return not (_stop(before.text) and a in CLAUSE_OPENERS)
    if a in CLAUSE_OPENERS or (b in INTERJECTIONS and _PUNCT_END.search(before.text.strip())):
        return False
    if a in INITIAL_IF_MARKED:
        return not _stop(before.text)
    return True


def _mids(words: Sequence[Word]) -> np.ndarray:
    return np.array([(w.start + w.end) / 2 for w in words])


def judge_pauses(words: Sequence[Word], pauses: Sequence[Span]) -> list[Pause]:
    """Each pause between two words, judged. Whisper stretches words over pauses, so a pause belongs after the
    last word whose middle precedes the pause's middle."""
    mids = _mids(words)
    out: list[Pause] = []
    for p in pauses:
        k = int(np.searchsorted(mids, (p.start + p.end) / 2))
        before, after = _neighbour(words, k - 1, -1), _neighbour(words, k, 1)
        if before is not None and after is not None:
            out.append(Pause(p.start, p.end, before.text, after.text, is_midphrase(before, after)))
    return out


def is_question(sentence: Sequence[Word]) -> bool:
    """A question by its words (wh-word + auxiliary, auxiliary + subject, or a tag with a question mark), not by
    Whisper's question mark alone, which a rising statement gets too."""
    w = [x.norm for x in sentence if _spoken(x)]
    while w and w[0] in LEADS:
        w = w[1:]
    if len(w) >= 2 and ((w[0] in WH and w[1] in AUX) or (w[0] in AUX and w[1] in SUBJECTS)):
        return True
    return bool(w) and w[-1] in TAGS and sentence[-1].text.strip().endswith("?")


def statement_endings(words: Sequence[Word], pauses: Sequence[Span], s: PhrasingSettings) -> list[int]:
    """Indexes of the words that end a statement: before a full stop or question mark, before a long pause that
    no continuation word follows, or the answer's last word; not in a question (by its words), and not a word
    after which a phrase cannot end."""
    mids = _mids(words)
    before_gap = {int(np.searchsorted(mids, (p.start + p.end) / 2)) - 1 for p in pauses
                  if p.end - p.start >= s.ending_pause_s}
    out, start = [], 0
    for i, w in enumerate(words):
        if not _spoken(w):
            continue
        nxt = _neighbour(words, i + 1, 1)
        continues = nxt is not None and nxt.norm in CONTINUATIONS
        if not (nxt is None or _stop(w.text) or (i in before_gap and not continues)):
            continue
        sentence, start = words[start: i + 1], i + 1
        if w.norm in CLOSED_FINAL or (nxt is not None and w.norm in OPEN_FINAL and is_midphrase(w, nxt)):
            continue
        if not is_question(sentence):
            out.append(i)
    return out

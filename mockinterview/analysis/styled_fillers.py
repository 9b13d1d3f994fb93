"""Filler evidence from the hesitation pass: the same speech decoded again with a disfluent prompt.

Plain decoding gives the more accurate transcript, but Whisper drops most "um"/"uh" from it and many of the
commas that set a lexical filler apart ("it was, like, backing up" comes out "it was like backing up"). The
hesitation pass (audio/transcriber.py `HESITATION_PROMPT`) writes both. Its words are never shown; from them
the transcript gains
  * the um/uh it lacks, as new filler words at the times the pass heard them;
  * the lexical fillers the rules find on the pass's words, marked on the same words of the transcript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from mockinterview.analysis.fillers import FillerHit, FillerSettings, mark_fillers
from mockinterview.types import Span, Word


@dataclass(frozen=True)
class StyledSettings:
    """How words of the hesitation pass are matched with the transcript's."""

    enabled: bool = True
    """Use the hesitation pass's words when the transcript has them."""

    same_hesitation_s: float = 0.5
    """A pass hesitation within this many seconds of one the transcript has is that one."""

    same_word_s: float = 0.5
    """A pass word matches a transcript word of the same spelling whose middle is this close to its middle."""

    word_probability: float = 0.5
    """Hesitations taken from the pass get this probability (the transcript's decode did not write them)."""


def _mid(w: Word) -> float:
    return (w.start + w.end) / 2


def styled_hesitations(words: Sequence[Word], styled: Sequence[Word], fillers: FillerSettings,
                       settings: StyledSettings = StyledSettings()) -> list[Word]:
    """The pass's um/uh that the transcript does not have, as filler words (spelling kept, comma dropped)."""
    known = [_mid(w) for w in words if w.norm in fillers.hesitations]
    out = []
    for w in styled:
        if w.norm in fillers.hesitations and all(abs(_mid(w) - k) > settings.same_hesitation_s for k in known):
            out.append(Word(w.norm, w.start, w.end, settings.word_probability, filler=True))
            known.append(_mid(w))
    return out


def _match(word: Word, words: Sequence[Word], taken: set[int], within: float) -> int | None:
    best, gap = None, within
    for i, w in enumerate(words):
        if i not in taken and w.norm == word.norm and abs(_mid(w) - _mid(word)) <= gap:
            best, gap = i, abs(_mid(w) - _mid(word))
    return best


def styled_lexical_hits(words: Sequence[Word], hits: Sequence[FillerHit], styled: Sequence[Word],
                        fillers: FillerSettings, silences: Sequence[Span] = (),
                        settings: StyledSettings = StyledSettings()) -> tuple[list[Word], list[FillerHit]]:
    """`words` and `hits` plus the lexical fillers found on the pass's words, mapped onto the same words of the
    transcript (a filler whose words the transcript lacks, or already counted, is left out)."""
    words = list(words)
    taken = {i for h in hits for i in h.indices}
    styled_words, styled_hits = mark_fillers(styled, fillers, silences)
    added = []
    for h in styled_hits:
        if styled_words[h.indices[0]].norm in fillers.hesitations:
            continue
        found = []
        for k in h.indices:
            i = _match(styled_words[k], words, taken | set(found), settings.same_word_s)
            if i is None:
                break
            found.append(i)
        else:
            added.append(FillerHit(h.kind, tuple(found)))
            taken.update(found)
            for i in found:
                words[i] = replace(words[i], filler=True)
    return words, sorted([*hits, *added], key=lambda h: h.indices[0])

"""Filler evidence from the hesitation pass: the same speech decoded again with a disfluent prompt.

Plain decoding gives the more accurate transcript, but Whisper drops most "um"/"uh" from it and many of the
commas that set a lexical filler apart ("it was, like, backing up" comes out "it was like backing up"). The
hesitation pass (audio/transcriber.py `HESITATION_PROMPT`) writes both. Its words are never shown; from them
the transcript gains
  * the um/uh it lacks, as new filler words at the times the pass heard them (`styled_hesitations`);
  * the lexical fillers its punctuation, where the audio pauses, and its reading of misheard fillers reveal
    (`styled_lexical_hits`).
Where the pass ran, the audio's own um/uh finder is not used (`beyond_pass`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from mockinterview.analysis.delivery.acoustics import SoundTimeline
from mockinterview.analysis.delivery.fillers import SENTENCE_END, FillerHit, FillerSettings, WordContext, mark_fillers
from mockinterview.types import Span, Word


@dataclass(frozen=True)
class StyledSettings:
    """How words of the hesitation pass are matched with the transcript's."""

    enabled: bool = True
    """Use the hesitation pass's words when the transcript has them."""

    same_hesitation_s: float = 0.5
    """A pass hesitation within this many seconds of one the transcript has is that one."""

    same_word_s: float = 0.5
    """A pass word is paired with a transcript word (see `pair_words`) only if their middles are this close."""

    word_probability: float = 0.5
    """Hesitations taken from the pass get this probability (the transcript's decode did not write them)."""

    hole_s: float = 2.0
    """A gap of at least this long between two of the pass's words, over which the transcript has words, is a
    hole: the pass lost its place there (see `hole_words`)."""

    hole_words: int = 3
    """Transcript words a gap must hold to be a hole."""

    hole_edge_s: float = 1.0
    """Pass hesitations that end this close before a hole are left out: a decoder about to lose its place
    writes the prompt's "Uh, uh," over words it did not hear, then skips."""

    echo_instant_s: float = 0.02
    """A pass um/uh shorter than this (placed on no sound of its own) between two copies of the same words is
    the decoder writing a phrase again ("Um, yeah. Um, yeah." over one "Um, yeah."; "Best Matrix, uh, Best
    Matrix"); it is left out. Up to `echo_words` words are compared on each side."""

    echo_words: int = 3
    """The longest phrase (in words) compared on each side of an instant pass um/uh (`echo_instant_s`)."""

    instant_reach_s: float = 0.5
    """An um/uh shorter than `echo_instant_s` (the decoder put it between two words, often in the silence
    after its sound) is placed on the nearest stretch of sound within this many seconds that no other word of
    its decode covers; with none there it stays where it was (and is dropped if no sound backs it)."""

    pass_reach_s: float = 1.0
    """The pass ran over a stretch if it wrote a word within this many seconds of it. There the um/uh the
    audio recovery (hesitations.py) finds are left out: the pass hears hesitations better, and the recovery's
    finds between the pass's words are mostly syllables of words with drifted timestamps (0: left out only
    where a word of the pass lies on them; cross-validated, that costs more precision than it adds recall)."""


def _mid(w: Word) -> float:
    return (w.start + w.end) / 2


def styled_hesitations(words: Sequence[Word], styled: Sequence[Word], fillers: FillerSettings,
                       settings: StyledSettings = StyledSettings()) -> list[Word]:
    """The pass's um/uh (and the "oh"s it wrote for an uh) that the transcript does not have (as um/uh, or as a
    word the rules count as one: "oh", "a", "I'm"), as filler words (spelling kept, comma dropped), less those
    just before the pass's holes."""
    sounds = set(fillers.hesitations.values())
    known = [_mid(words[h.indices[0]]) for h in mark_fillers(words, fillers)[1] if h.kind in sounds]
    edge = settings.hole_edge_s
    holes = pass_holes(words, styled, settings)
    heard = [w for i, w in enumerate(styled) if w.norm in fillers.hesitations and not _echo(styled, i, settings)]
    out = []
    for w in [*_opener_hesitation(styled, fillers), *heard, *_oh_hesitations(styled, fillers)]:
        if any(h.start - edge < w.end <= h.start for h in holes):
            continue
        if all(abs(_mid(w) - k) > settings.same_hesitation_s for k in known):
            out.append(Word(w.norm, w.start, w.end, settings.word_probability, filler=True))
            known.append(_mid(w))
    return out


def _echo(styled: Sequence[Word], i: int, settings: StyledSettings) -> bool:
    """Pass word i takes no time and the words after it repeat the words before it (see `echo_instant_s`)."""
    if styled[i].end - styled[i].start >= settings.echo_instant_s:
        return False
    for n in range(1, settings.echo_words + 1):
        before, after = styled[max(0, i - n):i], styled[i + 1:i + 1 + n]
        if len(before) == len(after) == n and [w.norm for w in before] == [w.norm for w in after]:
            return True
    return False


def _oh_hesitations(styled: Sequence[Word], fillers: FillerSettings) -> list[Word]:
    """The pass's "oh"s that the filler rules count as a hesitation ("I, oh, I keep ..."), spelled as counted."""
    if not fillers.oh_as:
        return []
    hits = mark_fillers(styled, fillers)[1]
    return [replace(styled[h.indices[0]], text=fillers.oh_as) for h in hits if styled[h.indices[0]].norm == "oh"]


def _opener_hesitation(words: Sequence[Word], fillers: FillerSettings) -> list[Word]:
    """The first word as the hesitation it stands for, when it is one misheard as a word ("I'll sure," for
    "Uh, sure,"; `FillerSettings.opener_misreads`): the rule of fillers.py run on the first three words."""
    head = sorted(words, key=lambda w: (w.start, w.end))[:3]
    hits = mark_fillers(head, fillers)[1]
    if not hits or hits[0].indices != (0,) or head[0].norm not in fillers.opener_misreads:
        return []
    return [replace(head[0], text=fillers.opener_misreads[head[0].norm])]


def with_pass_hesitations(words: Sequence[Word], styled: Sequence[Word], fillers: FillerSettings,
                          settings: StyledSettings = StyledSettings(),
                          sound: SoundTimeline | None = None) -> list[Word]:
    """`words` plus the pass's um/uh they lack (`styled_hesitations`; none when the pass is off), in time
    order; with the audio's `sound`, each instant um/uh (the transcript's or the pass's) is placed on its sound
    (`instant_reach_s`)."""
    extra = styled_hesitations(words, styled, fillers, settings) if styled and settings.enabled else []
    if sound is not None:
        extra = [on_own_sound(w, styled, sound, fillers, settings) for w in extra]
        first = [w.norm in fillers.hesitations and (k == 0 or words[k - 1].norm not in fillers.hesitations)
                 for k, w in enumerate(words)]  # the rest of a run at one instant is an echo (hesitations.py)
        words = [on_own_sound(w, words, sound, fillers, settings) if first[k] else w for k, w in enumerate(words)]
    return sorted([*words, *extra], key=lambda w: (w.start, w.end))


def on_own_sound(w: Word, decoded: Sequence[Word], sound: SoundTimeline, fillers: FillerSettings,
                 settings: StyledSettings = StyledSettings()) -> Word:
    """An instant hesitation moved onto the nearest sound island within `instant_reach_s` that the other words
    of its decode (`decoded`) leave (mostly) uncovered; unchanged if it has length or no such island is near."""
    if w.end - w.start >= settings.echo_instant_s:
        return w
    reach = settings.instant_reach_s
    lo, hi = w.start - 2 * reach, w.end + 2 * reach  # the islands looked at lie within reach of it
    spoken = [p for p in decoded if p.norm not in fillers.hesitations and p.end > max(p.start, lo) and p.start < hi]

    def covered(isl: Span) -> float:
        a, b = max(isl.start, lo), min(isl.end, hi)
        return sum(max(0.0, min(b, p.end) - max(a, p.start)) for p in spoken) / (b - a)

    near = [isl for isl in sound.islands
            if isl.end > w.start - reach and isl.start < w.end + reach and isl.end > isl.start and covered(isl) < 0.5]
    if not near:
        return w
    isl = min(near, key=lambda i: max(i.start - w.end, w.start - i.end, 0.0))
    return replace(w, start=isl.start, end=isl.end)


def pass_holes(words: Sequence[Word], styled: Sequence[Word],
               settings: StyledSettings = StyledSettings()) -> list[Span]:
    """Gaps of `hole_s` or more between consecutive pass words that hold `hole_words` transcript words."""
    ordered = sorted(styled, key=lambda w: (w.start, w.end))
    holes = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start - a.end >= settings.hole_s:
            inside = sum(a.end < _mid(w) < b.start for w in words)
            if inside >= settings.hole_words:
                holes.append(Span(a.end, b.start))
    return holes


_PUNCT = ",;:" + "".join(SENTENCE_END)


def _bare(text: str) -> str:
    return text.rstrip().rstrip(_PUNCT)


def _trailing(text: str) -> str:
    t = text.rstrip()
    return t[len(t.rstrip(_PUNCT)):]


def pair_words(words: Sequence[Word], styled: Sequence[Word], within: float) -> list[tuple[int, int, bool]]:
    """(transcript index, pass index, same spelling) for the words the two decodes give for the same sound:
    words they agree on, in order, and one-for-one substitutions ("do no" / "you know"), each pair no more
    than `within` seconds apart (middle to middle)."""
    sm = SequenceMatcher(None, [w.norm for w in words], [w.norm for w in styled], autojunk=False)
    pairs = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            pairs += [(i1 + k, j1 + k, op == "equal") for k in range(i2 - i1)
                      if abs(_mid(words[i1 + k]) - _mid(styled[j1 + k])) <= within]
    return pairs


def styled_lexical_hits(words: Sequence[Word], hits: Sequence[FillerHit], styled: Sequence[Word],
                        fillers: FillerSettings, silences: Sequence[Span] = (),
                        settings: StyledSettings = StyledSettings()) -> tuple[list[Word], list[FillerHit]]:
    """`words` and `hits` plus the lexical fillers the pass's punctuation and words reveal.

    The rules run again on the transcript's words with two things taken from the pass:
      * its punctuation after a word, where the audio has a pause after that word (with no audio, always):
        a comma the pass wrote over continuous sound is the prompt's style, not the speaker's;
      * its words where the two decodes heard different words for the same sound, when the pass's words form
        a lexical filler of their own ("someone to, you know, happen" for "someone to do no happen").
    A filler found this way that overlaps one already counted is left out; a substituted word keeps the
    transcript's timing and takes the pass's spelling only if it is part of a filler found.
    """
    words = list(words)
    taken = {i for h in hits for i in h.indices}
    ctx = WordContext(words, fillers, silences)
    pass_words, pass_hits = mark_fillers(styled, fillers, silences)
    in_pass_filler = {j for h in pass_hits if pass_words[h.indices[0]].norm not in fillers.hesitations
                      for j in h.indices}
    seen = list(words)
    swapped: set[int] = set()
    for i, j, same in pair_words(words, styled, settings.same_word_s):
        text = words[i].text if same else styled[j].text
        if not same:
            if j not in in_pass_filler:
                continue
            swapped.add(i)
        mark = _trailing(styled[j].text)
        if mark and (not silences or ctx.pause_between(i)):
            text = _bare(text) + mark
        elif not same:
            text = _bare(text) + _trailing(words[i].text)
        seen[i] = replace(words[i], text=text)
    _, found = mark_fillers(seen, fillers, silences)
    added = []
    for h in found:
        if taken.intersection(h.indices) or seen[h.indices[0]].norm in fillers.hesitations:
            continue
        added.append(h)
        taken.update(h.indices)
        for i in h.indices:
            text = _bare(seen[i].text) + _trailing(words[i].text) if i in swapped else words[i].text
            words[i] = replace(words[i], text=text, filler=True)
    return words, sorted([*hits, *added], key=lambda h: h.indices[0])


def beyond_pass(found: Sequence[Word], styled: Sequence[Word],
                settings: StyledSettings = StyledSettings()) -> list[Word]:
    """The words of `found` that lie where the pass did not run (no pass word within `pass_reach_s`)."""
    reach = settings.pass_reach_s
    return [w for w in found
            if not any(p.start < w.end + reach and p.end > w.start - reach for p in styled)]

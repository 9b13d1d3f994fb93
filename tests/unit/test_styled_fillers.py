"""Fillers taken from the hesitation pass's words and put on the transcript's words."""

from __future__ import annotations

from mockinterview.analysis.delivery import DeliverySettings, analyze_delivery
from mockinterview.analysis.fillers import FillerSettings, mark_fillers
from mockinterview.analysis.styled_fillers import StyledSettings, styled_hesitations, styled_lexical_hits
from mockinterview.types import Span, Word


def timed(text: str, start: float = 0.0, step: float = 0.3) -> list[Word]:
    return [Word(t, round(start + i * step, 3), round(start + i * step + 0.25, 3)) for i, t in enumerate(text.split())]


def test_hesitations_the_transcript_lacks_are_added_as_fillers() -> None:
    plain = timed("I decided to take it on.")
    styled = [Word("Um,", -0.6, -0.2), *timed("I decided to take it on.")]
    added = styled_hesitations(plain, styled, FillerSettings())
    assert [(w.text, w.filler, w.start) for w in added] == [("um", True, -0.6)]


def test_a_hesitation_the_transcript_has_is_not_added_twice() -> None:
    plain = [Word("Um,", -0.5, -0.2), *timed("I decided.")]
    styled = [Word("um,", -0.6, -0.3), *timed("I decided.")]
    assert styled_hesitations(plain, styled, FillerSettings()) == []


def test_lexical_filler_found_on_the_pass_is_marked_on_the_transcript() -> None:
    """The pass writes the commas ("our networks, like, everyone") that set "like" apart."""
    plain = timed("we used our networks like everyone did")
    styled = [*timed("we used our"), Word("networks,", 0.9, 1.15), Word("like,", 1.2, 1.45),
              *timed("everyone did", 1.5)]
    words, hits = mark_fillers(plain)
    assert hits == []
    words, hits = styled_lexical_hits(words, hits, styled, FillerSettings())
    assert [(h.kind, h.indices) for h in hits] == [("like", (4,))]
    assert [w.text for w in words if w.filler] == ["like"]


def test_a_pass_filler_whose_words_the_transcript_lacks_is_left_out() -> None:
    plain = timed("we used our networks everyone did")
    styled = [*timed("we used our"), Word("networks,", 0.9, 1.15), Word("like,", 1.2, 1.45),
              *timed("everyone did", 1.5)]
    words, hits = styled_lexical_hits(plain, [], styled, FillerSettings())
    assert hits == [] and not any(w.filler for w in words)


def test_a_filler_counted_on_the_transcript_is_not_counted_again() -> None:
    plain = timed("So, you know, it broke.")
    words, hits = mark_fillers(plain)
    again, both = styled_lexical_hits(words, hits, plain, FillerSettings())
    assert [h.kind for h in both] == [h.kind for h in hits] == ["so", "you know"]


def test_delivery_counts_the_pass_and_can_switch_it_off() -> None:
    plain = timed("I asked our networks like everyone did.")
    styled = [Word("Um,", -0.6, -0.2), *timed("I asked our"), Word("networks,", 0.9, 1.15),
              Word("like,", 1.2, 1.45), *timed("everyone did.", 1.5)]
    speech = [Span(-0.6, 2.4)]
    d = analyze_delivery(plain, speech, styled=styled)
    assert d.fillers.by_word == {"like": 1, "um": 1}
    assert [w.text for w in d.words][:2] == ["um", "I"]
    off = DeliverySettings(styled=StyledSettings(enabled=False))
    assert analyze_delivery(plain, speech, off, styled=styled).fillers.total == 0

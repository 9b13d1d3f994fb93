"""Fillers taken from the hesitation pass's words and put on the transcript's words."""

from __future__ import annotations

from conftest import timed_words

from mockinterview.analysis.delivery.acoustics import AcousticSettings, SoundTimeline
from mockinterview.analysis.delivery.fillers import FillerSettings, mark_fillers
from mockinterview.analysis.delivery.pass_fillers import (
    StyledSettings,
    beyond_pass,
    on_own_sound,
    pass_holes,
    styled_hesitations,
    styled_lexical_hits,
)
from mockinterview.analysis.delivery.timing import DeliverySettings, analyze_delivery
from mockinterview.types import Span, Word


def timed(text: str, start: float = 0.0, step: float = 0.3) -> list[Word]:
    return timed_words(text, start, step=step, length=0.25)


def test_hesitations_the_transcript_lacks_are_added_as_fillers() -> None:
    plain = timed("I decided to take it on.")
    styled = [Word("Um,", -0.6, -0.2), *timed("I decided to take it on.")]
    added = styled_hesitations(plain, styled, FillerSettings())
    assert [(w.text, w.filler, w.start) for w in added] == [("um", True, -0.6)]


def test_a_hesitation_the_transcript_has_is_not_added_twice() -> None:
    plain = [Word("Um,", -0.5, -0.2), *timed("I decided.")]
    styled = [Word("um,", -0.6, -0.3), *timed("I decided.")]
    assert styled_hesitations(plain, styled, FillerSettings()) == []


def test_an_opening_hesitation_the_pass_misheard_as_a_word_is_added() -> None:
    """Live, the transcript lost "Uh, sure," altogether; the pass wrote it as "I'll sure,"."""
    plain = timed("Let me think about it.", start=1.5)
    styled = [*timed("I'll sure,"), *timed("let me think about it.", start=1.5)]
    added = styled_hesitations(plain, styled, FillerSettings())
    assert [(w.text, w.filler, w.start) for w in added] == [("uh", True, 0.0)]
    # the transcript misheard it too: counted once, on the transcript
    plain = [*timed("I'll sure,"), *timed("let me think about it.", start=1.5)]
    added = styled_hesitations(plain, styled, FillerSettings())
    settings = DeliverySettings()
    report = analyze_delivery(plain, [Span(0.0, 3.0)], settings, styled=styled)
    assert report.fillers.by_word == {"uh": 1}
    assert added == []
    # "I'm sure you hear this a lot" is no hesitation
    styled = timed("I'm sure you hear this a lot.")
    assert styled_hesitations(styled, styled, FillerSettings()) == []


def test_a_hesitation_the_pass_wrote_at_one_instant_between_two_copies_of_a_phrase_is_left_out() -> None:
    """The decoder wrote "Um, yeah." again at the instant the first one ended; the speaker said it once."""
    plain = [Word("Um,", 0.36, 0.96), Word("yeah.", 1.14, 1.32), *timed("Hiring is my best example.", 1.65)]
    styled = [Word("Um,", 0.68, 0.98), Word("yeah.", 1.14, 1.2), Word("Um,", 1.2, 1.2), Word("yeah.", 1.2, 1.34),
              *timed("Hiring is my best example.", 1.65)]
    assert styled_hesitations(plain, styled, FillerSettings()) == []
    # a real um the aligner squeezed to an instant is kept: the words around it differ
    plain = timed("the data you want it helps to agree")
    styled = [*timed("the data you want,"), Word("um,", 1.25, 1.25), *timed("it helps to agree", 1.3)]
    assert [w.text for w in styled_hesitations(plain, styled, FillerSettings())] == ["um"]


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


def test_a_pass_comma_over_continuous_sound_is_not_taken() -> None:
    """"when I say she owns it, I mean she owns it": the pass wrote "I mean," but the speaker ran on."""
    plain = timed("when I say she owns it, I mean she owns it")
    styled = [*plain[:7], Word("mean,", plain[7].start, plain[7].end), *plain[8:]]
    pause_before_i = [Span(1.76, 1.86)]  # after "it," only
    _, hits = styled_lexical_hits(plain, [], styled, FillerSettings(), pause_before_i)
    assert hits == []
    pause_after_mean = [*pause_before_i, Span(2.36, 2.46)]
    _, hits = styled_lexical_hits(plain, [], styled, FillerSettings(), pause_after_mean)
    assert [(h.kind, h.indices) for h in hits] == [("I mean", (6, 7))]


def test_a_filler_the_transcript_heard_as_other_words_is_taken_from_the_pass() -> None:
    plain = timed("we need someone to do no happen to look")
    styled = timed("we need someone to, you know, happen to look")
    pauses = [Span(1.14, 1.26), Span(1.74, 1.86)]  # around "do no" / "you know"
    words, hits = styled_lexical_hits(plain, [], styled, FillerSettings(), pauses)
    assert [(h.kind, h.indices) for h in hits] == [("you know", (4, 5))]
    assert [w.text for w in words] == ["we", "need", "someone", "to", "you", "know", "happen", "to", "look"]
    assert [(w.start, w.end) for w in words] == [(w.start, w.end) for w in plain]


def test_other_words_the_pass_heard_are_not_taken_without_a_filler() -> None:
    plain = timed("we need someone to do no happen")
    styled = [*plain[:4], Word("to", 1.2, 1.45), Word("go", 1.5, 1.75), plain[6]]
    words, hits = styled_lexical_hits(plain, [], styled, FillerSettings(), [Span(1.14, 1.26)])
    assert hits == [] and [w.text for w in words] == [w.text for w in plain]


def test_pass_hesitations_written_just_before_the_pass_skipped_words_are_left_out() -> None:
    """The pass wrote "actions. Uh," and then nothing for 6 s the transcript has words for."""
    plain = timed("we moved to the actions and wrote a migration guide for every team", 0.0, 0.5)
    styled = [*plain[:5], Word("Uh,", 2.6, 2.9), Word("every", 6.0, 6.25), Word("team", 6.5, 6.75)]
    assert styled_hesitations(plain, styled, FillerSettings()) == []
    assert pass_holes(plain, styled) == [Span(2.9, 6.0)]
    resumed = [*plain[:5], Word("um,", 5.5, 5.7), Word("every", 6.0, 6.25), Word("team", 6.5, 6.75)]
    assert [w.text for w in styled_hesitations(plain, resumed, FillerSettings())] == ["um"]  # picked up again
    ok = [*plain[:3], Word("um,", 1.3, 1.4), *plain[3:]]
    assert [w.text for w in styled_hesitations(plain, ok, FillerSettings())] == ["um"]


def test_audio_finds_are_kept_only_where_the_pass_did_not_run() -> None:
    styled = timed("we moved to the actions", 0.0, 0.5)
    on_word, near = Word("uh", 2.05, 2.2, filler=True), Word("uh", 2.6, 2.8, filler=True)
    far = Word("uh", 9.0, 9.2, filler=True)
    assert beyond_pass([on_word, near, far], styled) == [far]
    assert beyond_pass([on_word, near, far], styled, StyledSettings(pass_reach_s=0.0)) == [near, far]


def test_an_oh_the_pass_wrote_inside_a_clause_is_the_uh_it_heard() -> None:
    """The pass wrote "I, oh, I kept" where the speaker hesitated; "Oh, I see" opening the answer is no hesitation."""
    plain = [Word("I", 0.0, 0.2), *timed("kept a log.", start=1.0)]
    styled = [Word("I,", 0.0, 0.2), Word("oh,", 0.4, 0.7), *timed("I kept a log.", start=0.8)]
    added = styled_hesitations(plain, styled, FillerSettings())
    assert [(w.text, w.filler) for w in added] == [("uh", True)]
    opener = timed("Oh, I see the problem.")
    assert styled_hesitations(timed("I see the problem.", start=0.3), opener, FillerSettings()) == []


def test_an_instant_pass_hesitation_is_placed_on_the_sound_no_pass_word_covers() -> None:
    """The pass put "um," at one instant in the silence after its sound; the sound is the island next to it."""
    import numpy as np

    islands = [Span(0.1, 0.6), Span(0.85, 1.05), Span(1.35, 1.7)]
    sound = SoundTimeline(np.zeros(1), np.zeros(1, dtype=bool), islands, AcousticSettings())
    styled = [Word("Right,", 0.0, 0.8), Word("um,", 1.2, 1.2), Word("okay,", 1.4, 1.7)]
    placed = on_own_sound(Word("um", 1.2, 1.2, filler=True), styled, sound, FillerSettings())
    assert (placed.start, placed.end) == (0.85, 1.05)
    # every island nearby is a word's: it stays where the pass put it
    covered = [Word("Right,", 0.0, 1.1), Word("um,", 1.2, 1.2), Word("okay,", 1.3, 1.7)]
    assert on_own_sound(Word("um", 1.2, 1.2, filler=True), covered, sound, FillerSettings()).start == 1.2
    # a hesitation the pass gave a length keeps it
    long_um = Word("um", 1.1, 1.3, filler=True)
    assert on_own_sound(long_um, styled, sound, FillerSettings()) == long_um


def test_a_pass_hesitation_the_transcript_heard_as_a_word_is_not_added_twice() -> None:
    """The transcript wrote "a" (an uh the rules count) where the pass wrote "uh"."""
    plain = timed("on busy nights she'd, a she'd page the nurse.")
    styled = timed("on busy nights she'd, uh, she'd page the nurse.")
    assert styled_hesitations(plain, styled, FillerSettings()) == []

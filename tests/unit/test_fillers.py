"""Filler rules on tricky sentences: the same words used as fillers and for meaning."""

from __future__ import annotations

import pytest
from conftest import timed_words

from mockinterview.analysis.delivery.fillers import FillerSettings, count_by_kind, detect_fillers, mark_fillers
from mockinterview.types import Span, Word


def words(text: str, gaps: dict[int, float] | None = None, step: float = 0.3) -> list[Word]:
    """Timed words, 0.25 s each, 0.05 s apart; `gaps[i]` adds silence before word i."""
    return timed_words(text, step=step, gaps=gaps)


def kinds(text: str, **kw) -> list[str]:
    return [h.kind for h in detect_fillers(words(text, **kw))]


@pytest.mark.parametrize("text", [
    "I like that approach a lot.",
    "We used tools like Kafka and Flink.",
    "It looked like a leak in the cache.",
    "What kind of customer was it?",
    "I didn't like the idea of waiting two months.",
    "It has to look like production.",
    "You have to treat candidates like customers.",
    "Something like grep but aware of JSON fields.",
    "I'd like to add one thing.",
    "If you know where to look, the profile tells you.",
    "Do you know what happened next?",
    "What I mean is that we shipped.",
    "When I say she owns it, I mean she owns it.",
    "We built some sort of queue.",
    "I now do that kind of audit first.",
    "Okay, one comes to mind right away.",
    "It was the right call.",
    "Builds were so slow that people gave up.",
    "I was responsible for the design, so I needed one approach.",
    "That's what actually happened.",
    "If that's okay.",
    "You have to treat candidates, like customers.",
    "Oh, I see what happened.",
    "It returned two oh four.",
    "That kind of delay hurts a clinic.",
    "I'd like just one more week.",
    "We met on Friday like always.",
    "We kept a ledger with a spreadsheet -like layout.",
    "We also like them a lot.",
    "It broke like we expected.",
    "It was a, a rough quarter for plan a.",
    "We moved it over with a, with a cutover script.",
    "We booked a two -week trial with the clinic.",
    "We hired a hundred people that spring.",
    "A 30 day notice went to every tenant.",
    "She ran a 2 class workshop.",
])
def test_meaningful_uses_are_not_fillers(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Um, sure.", ["um"]),
    ("Uh, I think so.", ["uh"]),
    ("Hmm, let me think.", ["hmm"]),
    ("Er, that was it.", ["er"]),
    ("It was, like, a year before.", ["like"]),
    ("The queue was, like, backing up.", ["like"]),
    ("It was, you know, a little fuzzy.", ["you know"]),
    ("It had been, I mean, it had been slipping.", ["I mean"]),
    ("It was getting kind of tense in meetings.", ["kind of"]),
    ("I sort of knew those labels would be biased.", ["sort of"]),
    ("So the first thing I did was write it down.", ["so"]),
    ("Basically a payments processor.", ["basically"]),
    ("This one's actually from outside work.", ["actually"]),
    ("It scales, right? And it is cheap.", ["right"]),
    ("Okay so here is the story.", ["okay so"]),
    ("We moved fast on offers, like, within two days.", ["like"]),
    ("We used our networks, like everyone on the team went through theirs.", ["like"]),
    ("Oh and the app lost connectivity.", ["uh"]),
    ("We ran a, kind of a pilot with three clinics.", ["kind of"]),
    ("We rebuilt it, and I, oh, I kept a log of every change.", ["uh"]),
    ("I chased the supplier like constantly that spring.", ["like"]),
    ("The slow part was a where the forms got stuck.", ["uh"]),
    ("We also like we rebuilt the intake form.", ["like"]),
    ("The clinic was busy. So, like at the front desk we had a queue.", ["so", "like"]),
    ("Then a we moved the whole team.", ["uh"]),
    ("On busy nights she'd, a she'd page the charge nurse.", ["uh"]),
    ("The audit had to be done like pretty fast.", ["like"]),
    ("I sent the landlord a three reminders.", ["uh"]),
    ("The restart took a 20 minutes.", ["uh"]),
])
def test_fillers_found(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


def test_you_know_before_a_noun_phrase_is_the_verb_unless_a_pause_cuts_the_clause() -> None:
    """ "know" takes the noun phrase as its object when "you know" opens the thought or runs on from the word
    before; a pause before it in mid-clause makes it an aside whose second comma Whisper dropped."""
    assert kinds("You know the drill by now.") == []
    assert kinds("By March you know the regulars by name.") == []
    assert kinds("I think you know our reasons.") == []
    assert kinds("The boiler was, you know an old model.") == ["you know"]
    assert kinds("the boiler was you know an old model", gaps={3: 0.3}) == ["you know"]
    assert kinds("The boiler was, you know, an old model.") == ["you know"]
    assert kinds("Yeah, you know, the boiler failed.") == ["you know"]


def test_multiword_filler_counted_once_and_every_word_marked() -> None:
    marked, hits = mark_fillers(words("It was, you know, fine."))
    assert [h.kind for h in hits] == ["you know"]
    assert [w.text for w in marked if w.filler] == ["you", "know,"]


def test_so_after_full_stop_or_long_silence_is_sentence_initial() -> None:
    assert kinds("It broke. So we fixed it.") == ["so"]
    # no punctuation at all, but a long silence before "so" acts like a sentence break
    assert kinds("it broke so we fixed it", gaps={2: 0.8}) == ["so"]
    assert kinds("it broke so we fixed it") == []


def test_pause_sets_like_apart_without_commas() -> None:
    # "it got [pause] like [pause] backed up": Whisper dropped the commas, the silences remain
    assert kinds("the queue got like backed up", gaps={3: 0.3, 4: 0.3}) == ["like"]
    assert kinds("the queue got like backed up") == []


def test_be_like_is_a_filler_unless_a_comparison() -> None:
    assert kinds("It was like a mess.") == ["like"]
    assert kinds("It was like that for years.") == []
    assert kinds("At that point it was, like me and one other engineer.") == ["like"]


def test_like_before_an_amount_is_a_hedge() -> None:
    assert kinds("Chargebacks take up to like 90 days.") == ["like"]
    assert kinds("It took like twenty minutes.") == ["like"]
    assert kinds("Something like 40 percent of jobs failed.") == []
    assert kinds("I like 3 things about it.") == []


def test_audio_silences_set_words_off_when_whisper_stretched_them() -> None:
    ws = words("the queue got like backed up")  # no gaps between Whisper's words
    like = ws[3]
    # silences inside the stretched neighbours: one before "like", one after
    silences = [Span(like.start - 0.15, like.start - 0.02), Span(like.end + 0.02, like.end + 0.14)]
    assert [h.kind for h in detect_fillers(ws, silences=silences)] == ["like"]
    far = [Span(like.start - 2.0, like.start - 1.8)]
    assert detect_fillers(ws, silences=far) == []


def test_whispers_full_stop_never_decides_a_so_when_the_audio_is_known() -> None:
    """Whisper writes a full stop where a natural voice takes a comma's breath; only the pauses count."""
    ws = words("The vendor missed the date. So we moved the launch.")
    so = ws[5]
    assert [h.kind for h in detect_fillers(ws)] == ["so"]  # no audio: the full stop stands in for the pause
    closure = [Span(so.start - 0.1, so.start - 0.02)]  # a stop closure, not a breath
    assert detect_fillers(ws, silences=closure) == []
    comma_pause = [Span(so.start - 0.3, so.start - 0.02)]  # "..., so we moved": "so" runs into its clause
    assert detect_fillers(ws, silences=comma_pause) == []
    set_off = [*comma_pause, Span(so.end + 0.02, so.end + 0.25)]  # "..., so, we moved": a pause after it too
    assert [h.kind for h in detect_fillers(ws, silences=set_off)] == ["so"]
    breath = [Span(so.start - 0.45, so.start - 0.02)]
    assert [h.kind for h in detect_fillers(ws, silences=breath)] == ["so"]


def test_a_word_gap_is_no_thought_break_when_the_audio_pause_is_short() -> None:
    """Whisper's times leave 0.8 s before "so", but the speaker paused 0.28 s: a comma pause."""
    ws = words("the printer jammed again, so Priya called support", gaps={4: 0.8})
    assert [h.kind for h in detect_fillers(ws)] == ["so"]  # no audio: the gap decides
    so = ws[4]
    comma_pause = [Span(so.start - 0.5, so.start - 0.22)]
    assert detect_fillers(ws, silences=comma_pause) == []
    breath = [Span(so.start - 0.75, so.start - 0.02)]
    assert [h.kind for h in detect_fillers(ws, silences=breath)] == ["so"]


def test_so_after_a_long_breath_starts_a_thought_despite_a_comma() -> None:
    """Whisper wrote a comma where the speaker stopped, breathed 0.4 s and began again."""
    ws = words("Give me a second, so this happened at a bakery.")
    so = ws[4]
    assert detect_fillers(ws) == []  # no audio: the comma decides
    comma_pause = [Span(so.start - 0.3, so.start - 0.02)]
    assert detect_fillers(ws, silences=comma_pause) == []
    breath = [Span(so.start - 0.42, so.start - 0.02)]
    assert [h.kind for h in detect_fillers(ws, silences=breath)] == ["so"]


@pytest.mark.parametrize("text", [
    "The badge reader failed. So the nurses could not get in.",
    "We froze the schema. So that nobody broke the export again.",
    "We froze the schema. So we'd know who changed it.",
    "Ticket volume doubled. So many of them were duplicates.",
    "It took a week or so to settle.",
    "Would it hold? I think so.",
    "It has held up. So far, no outages.",
    "Costs fell and so on.",
])
def test_so_in_a_purpose_clause_or_a_phrase_is_no_filler_even_after_a_full_stop(text: str) -> None:
    """Grammar, not the full stop: a purpose clause ("so the nurses could"), "so that", "so many", "or so"."""
    assert "so" not in kinds(text)


def test_so_after_a_breath_with_a_purpose_clause_is_still_no_filler() -> None:
    ws = words("we cached the tokens so the mobile app could start offline")
    so = ws[4]
    breath = [Span(so.start - 0.5, so.start - 0.02)]
    assert detect_fillers(ws, silences=breath) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Yeah, so our clinic ran two shifts.", ["so"]),
    ("Yeah, so, the clinic ran two shifts.", ["so"]),
    ("Um, yeah, so the clinic ran two shifts.", ["um", "so"]),
    ("The clinic ran two shifts, so, um, we split the rota.", ["so", "um"]),
    ("So that was the plan.", ["so"]),
    ("The rota slipped, so yeah, that was that.", ["so"]),
    ("We closed the ward, okay so the next part is the audit.", ["okay so"]),
    ("The delay was okay so we kept the date.", []),
])
def test_so_among_discourse_words_is_a_filler_whatever_the_punctuation(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The cache was stale, right? So we flushed it.", ["right", "so"]),
    ("The forecast was off, right, and nobody said it.", ["right"]),
    ("You got it right.", []),
    ("Is that right?", []),
    ("We turned right at the depot.", []),
    ("Right, the depot had two doors.", ["right"]),
])
def test_right_as_a_tag_question_by_its_place_in_the_clause(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(("text", "gaps", "expected"), [
    ("I'm sure. Last spring our service timed out.", None, ["um"]),  # "Um, sure. Last spring ..."
    ("I'll sure, let me think.", None, ["uh"]),
    ("I sure, our data team kept missing reports.", None, ["uh"]),
    ("I'm sure this one still stings.", {2: 0.3}, ["um"]),  # the pause after "sure" stands for the full stop
    ("I'm sure you hear this one a lot.", None, []),
    ("I'm okay with either story.", None, []),
    ("I'm sure that I can answer this.", None, []),
    ("Sure, I'm the engineer who owned billing.", None, []),  # not the answer's first word
    ("We shipped it. I'm sure, looking back, it was right.", None, []),
])
def test_answer_opening_hesitation_misheard_as_a_word(text: str, gaps: dict[int, float] | None,
                                                      expected: list[str]) -> None:
    assert kinds(text, gaps=gaps) == expected


def test_misheard_opener_is_not_counted_twice_next_to_the_hesitation_itself() -> None:
    """The hesitation pass added the "um" that the transcript heard as "I'm"."""
    ws = words("I'm um okay, let me think.")
    assert [h.kind for h in detect_fillers(ws)] == ["um"]
    ws = words("Um I'm sure, let me think.")
    assert [h.kind for h in detect_fillers(ws)] == ["um"]


def test_pauses_inside_a_stretched_word_span_still_set_it_off() -> None:
    """Whisper stretched "like" back and on over both pauses around it ("a fix, like, the next day")."""
    ws = [Word("we", 0.0, 0.2), Word("wanted", 0.2, 0.5), Word("a", 0.5, 0.6), Word("fix", 0.6, 0.9),
          Word("like", 0.9, 1.7), Word("the", 1.7, 1.8), Word("next", 1.8, 2.0), Word("day", 2.0, 2.3)]
    assert detect_fillers(ws) == []
    silences = [Span(0.93, 1.12), Span(1.38, 1.64)]  # the word's sound is 1.12-1.38
    assert [h.kind for h in detect_fillers(ws, silences=silences)] == ["like"]


def test_so_after_um_is_still_sentence_initial() -> None:
    assert kinds("Um, so the first thing.") == ["um", "so"]


def test_every_kind_is_counted_by_name() -> None:
    hits = detect_fillers(words("Um, so, like, it was, you know, um, basically fine."))
    assert count_by_kind(hits) == {"um": 2, "basically": 1, "like": 1, "so": 1, "you know": 1}


def test_hesitation_spellings_are_normalised() -> None:
    assert kinds("Umm, uhh, hmmm, erm.") == ["um", "uh", "hmm", "um"]


def test_settings_change_the_rules() -> None:
    settings = FillerSettings(always=frozenset({"basically", "literally"}))
    assert [h.kind for h in detect_fillers(words("It was literally broken."), settings)] == ["literally"]


def test_recovered_hesitation_words_count() -> None:
    ws = [Word("I", 0.0, 0.2), Word("um", 0.4, 0.8, filler=True), Word("decided", 1.0, 1.4)]
    assert [h.kind for h in detect_fillers(ws)] == ["um"]

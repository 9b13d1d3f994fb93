"""The learned judgements on sentences written for these tests, in wordings neither the training data nor the
corpus uses: blame versus owning a failure (active, passive, circumstances), figures and honest estimates,
vagueness, and the shared parser they read. Assertions are about which side of the decision a sentence
falls on, with margins, never about exact probabilities."""

import math

import pytest

from mockinterview.analysis import language
from mockinterview.analysis.star import grammar, judgements
from mockinterview.analysis.star.coach_model import load_models

BLAMING = [
    "The crop insurance paperwork was rejected twice by the county office, so the farm never got its payout.",
    "Our launch was buried because the airline strike that week took over every news site.",
    "The choir sounded thin because half the tenors were pulled into the cathedral's Easter rehearsals.",
    "The renovation overran because the plumbers the landlord hired kept not showing up.",
    "Ticket sales were doomed once the council moved the marathon onto our opening weekend.",
]
OWNING = [
    "The renovation overran, and that's on me: I booked the plumbers before the walls were even open.",
    "I misread the council's notice about the marathon, so I never moved our opening weekend.",
    "Half the tenors were away, and I should have rearranged the parts a month earlier instead of hoping.",
    "I filled in the crop insurance forms in a hurry and got the acreage wrong on both of them.",
]
NEUTRAL = [
    "I rebuilt the volunteer rota so every Saturday had two people who could open the hall.",
    "The ferry company added a second sailing, and we moved the school trip to the earlier one.",
]


def probs(kind: str, sentences: list[str]) -> list[float]:
    model = getattr(load_models(), kind)
    return list(model.prob(language.parse(sentences)))


def test_blame_on_others_and_circumstances_is_recognised():
    p = probs("blame", BLAMING)
    assert sum(x >= 0.5 for x in p) >= len(p) - 1, p
    assert min(p) > 0.3, p


def test_owning_the_same_failures_is_not_blame():
    p = probs("blame", OWNING)
    assert max(p) < 0.5, p
    own, blaming = probs("owning", OWNING), probs("owning", BLAMING)
    assert sum(own) / len(own) > 2 * sum(blaming) / len(blaming)
    assert max(blaming) < 0.5


def test_plain_actions_are_neither():
    assert max(probs("blame", NEUTRAL)) < 0.5
    assert max(probs("owning", NEUTRAL)) < 0.5


@pytest.mark.parametrize("sentence", [
    "I can't swear to the number, but it was somewhere near three hundred extra covers a month.",
    "Nobody measured it properly; my guess is the queue shrank by about a third.",
    "The waiting time halved over the winter.",
    "We took in roughly forty-five thousand pounds, which was well above the target.",
])
def test_figures_and_honest_estimates_are_figures(sentence):
    assert grammar.quantities(language.parse([sentence])[0])


@pytest.mark.parametrize("sentence", [
    "It went really well and the regulars were delighted.",
    "In 2019 I was the first person they hired for the role.",
    "I took one look at the schedule and called the printer.",
])
def test_no_figure(sentence):
    assert grammar.quantities(language.parse([sentence])[0]) == []


def test_change_is_read_from_the_grammar():
    doc = language.parse(["Refund requests went from sixty a week to nine."])[0]
    assert grammar.states_change(doc)
    assert not grammar.states_change(language.parse(["We served ninety people that night."])[0])


def test_vague_versus_specific_sentences():
    vague = probs("vague", ["I sorted out the issues and made things run more smoothly.",
                            "I engaged with everyone involved and we found a way forward."])
    specific = probs("vague", ["I moved the bread delivery from six to four thirty so the Harlow café had "
                               "stock before the commuter rush.",
                               "We logged every Zendesk ticket tagged billing for three weeks and sorted them by "
                               "plan type."])
    assert min(vague) > max(specific)
    assert max(specific) < 0.5


def test_parses_are_cached_by_text_and_hesitations_are_dropped():
    a = language.parse(["Um, I rewired the, uh, porch light."])[0]
    b = language.parse(["I rewired the porch light."])[0]
    assert a is b
    assert "um" not in [t.lower_ for t in a]
    assert language.clean("Uh,  so   we   ran it") == "so we ran it"


def test_subject_pronouns_come_from_the_parse():
    doc = language.parse(["We drafted the menu, and I priced every dish myself."])[0]
    assert grammar.subject_pronouns(doc) == (1, 1)


def test_the_sentence_encoding_is_scaled_and_places_like_sentences_together():
    import numpy as np

    near_a, near_b, far = (np.array(grammar.context_vector(d)) for d in language.parse([
        "The caterer delivered the wrong trays twice.",
        "The florist sent the wrong bouquets two times.",
        "I walked the new volunteers through the fire exits.",
    ]))
    assert abs(float(np.linalg.norm(near_a)) - grammar.CONTEXT_SCALE) < 1e-6
    assert float(near_a @ near_b) > float(near_a @ far)


def test_blame_evidence_keeps_the_scene_apart_from_the_story():
    labels = ["S", "S", "A", "R", "X"]
    background, story, top, own = judgements.blame_evidence(labels, [0.9, 0.5, 0.1, 0.6, 0.2],
                                                            [0.0, 0.0, 0.7, 0.1, 0.0], "STO")
    assert background == pytest.approx(1.4)
    assert story == pytest.approx(0.9)
    assert top == pytest.approx(math.log(0.9 / 0.1))
    assert own == pytest.approx(0.7)
    assert judgements.blame_evidence([], [], [], "STO") == [0.0, 0.0, pytest.approx(math.log(1e-4 / (1 - 1e-4))),
                                                             0.0]


OPENING = ("I coordinate the summer programme at a community sailing club, and last year we planned a regatta "
           "for sixty young sailors from four clubs. ")
ROLE = "I was in charge of the entry list, the boats and the safety cover on the water. "
DONE = ("I booked six rescue boats from the harbour trust in March, and I wrote a briefing card for every "
        "volunteer driver. I moved the entry deadline a week earlier so I could balance the fleets. ")


def test_an_excuse_in_the_outcome_is_blame_but_the_same_trouble_as_scene_setting_is_not():
    from conftest import text_report

    excuse = ("In the end the regatta was a shambles, and frankly that was the harbour trust's doing: they "
              "handed two of our rescue boats to a yacht race the night before and never even called. "
              "Nobody could have run a safe event with the cover we were left with. ")
    owned = ("The harbour trust had double-booked two of the rescue boats, so on the morning I cut the "
             "course to the sheltered bay and ran four short races instead of six. All sixty sailors raced, "
             "and the clubs asked to come back next year. The lesson for me is to confirm every boat in "
             "writing the week before. ")
    report = text_report(OPENING + ROLE + DONE + excuse)
    assert "blame" in report.flags
    assert "blame" not in text_report(OPENING + ROLE + DONE + owned).flags
    quoted = next(f for f in report.feedback if f.kind == "blame").quote.removesuffix(" …")
    assert quoted and quoted in excuse, "the blame feedback quotes the sentence that was judged"

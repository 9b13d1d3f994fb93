"""S/T/A/R/X/O labels read from the parse: final pass, live pass, the shipped weights and the live challenge cue.

The answers here are written for these tests, in wordings the training data and the corpus do not use; the
assertions are about the shape of the labelling, not single words.
"""

import pytest

from mockinterview.analysis.scorer import estimate_timings, label_units
from mockinterview.analysis.star.coach_model import fingerprint, load_models
from mockinterview.analysis.star.labeler import describe, label_greedy, label_sentences
from mockinterview.analysis.star.live import LiveLabeler
from mockinterview.analysis.star.sentences import split_sentences
from mockinterview.analysis.star.traindata import load_answers, load_sentences
from mockinterview.report import LABELS
from mockinterview.types import Utterance

STRONG = (
    "Okay, I have one from the bike shop. "
    "Two summers ago I managed the repair counter at a busy bike shop near the university. "
    "Repairs were taking nine days on average, and students kept walking out to the chain store across town. "
    "I was responsible for getting the turnaround under three days before the autumn term. "
    "I sorted every incoming bike into quick fixes and full overhauls at the counter, with a tag on each. "
    "I moved one mechanic to quick fixes only, and I ordered the ten most common parts in bulk every Monday. "
    "By October the average repair took two and a half days, and counter sales rose about twenty percent. "
    "Looking back, I would have asked the mechanics for the triage idea on day one, since they knew the bikes best."
)


def labels_of(text: str) -> str:
    """The section sequence (consecutive equal labels collapsed) of a text answer."""
    words, _ = estimate_timings(text)
    out = ""
    for u in label_units(words):
        if not out or out[-1] != u.label:
            out += u.label
    return out


def test_textbook_answer_in_order():
    assert labels_of(STRONG) == "OSTARX"


def test_every_sentence_says_what_decided_it():
    words, _ = estimate_timings(STRONG)
    units = label_units(words)
    assert len(units) == 8
    assert all(u.cue for u in units)
    assert all(0.0 < u.confidence <= 1.0 for u in units)


def test_feature_names_read_as_words():
    assert describe("w=triage") == "the word 'triage'"
    assert "'I'" in describe("subj=I|past")
    assert describe("qty_hedged") == "an estimated figure"


def test_an_answer_without_a_task_part():
    text = (
        "The village hall's heating bill had tripled and the committee had no idea why. "
        "I read the meter every evening for a month and logged it against the booking diary. "
        "I fitted timers on the two storage heaters in the back room and labelled every switch. "
        "The bill came down by forty percent the next quarter. "
        "If I did it again, I would start with the meter logs rather than the invoices."
    )
    labels = labels_of(text)
    assert labels.startswith("S") and labels.endswith("ARX")


def test_long_background_is_situation():
    text = (
        "So this was at a regional theatre with a tiny staff and a very old building. "
        "The box office still ran on a paper ledger that only one volunteer understood. "
        "There had been three managers in two years, and each one had left half a plan behind. "
        "Ticket sales had been falling since the car park closed for rebuilding. "
        "On top of that, the main sponsor was reviewing whether to renew at all. "
        "I was the new operations lead, and the season's opening was my responsibility. "
        "I moved the ledger into a spreadsheet and trained two more volunteers on it."
    )
    words, _ = estimate_timings(text)
    units = label_units(words)
    assert [u.label for u in units[:5]] == ["S"] * 5
    assert labels_of(text) == "STA"


def test_closing_remark_is_other():
    assert labels_of(STRONG + " Anyway, that's roughly how it went.").endswith("XO")


def test_written_training_data_is_large_and_valid():
    answers = load_answers() + load_answers("star_train_")
    sentences = [s for a in answers for s in a.sentences]
    assert len(answers) >= 80 and len(sentences) >= 700
    assert {lb for a in answers for lb in a.labels} == set(LABELS)
    singles = load_sentences()
    assert sum("blame" in tags for _, tags, _ in singles) >= 80
    assert sum("own" in tags for _, tags, _ in singles) >= 20


def test_shipped_weights_are_current():
    """data/star_weights.json must be written again (python -m mockinterview.analysis.star.train) after the
    training data or the feature code changes."""
    assert load_models().sections.coef.shape[0] == len(LABELS)
    import json

    from mockinterview.analysis.star.coach_model import shipped_path

    assert json.loads(shipped_path().read_text())["fingerprint"] == fingerprint()


def test_greedy_pass_labels_every_sentence_provisionally():
    words, _ = estimate_timings(STRONG)
    units = label_greedy(split_sentences(words))
    assert units and all(u.provisional for u in units)
    assert units[0].label == "O" and units[-1].label == "X"


def _utterances(text: str, start_index: int = 0):
    words, _ = estimate_timings(text)
    out, cur = [], []
    for w in words:
        cur.append(w)
        if w.text.endswith("."):
            out.append(Utterance(len(out) + start_index, cur[0].start, cur[-1].end, tuple(cur)))
            cur = []
    return out


def test_live_labeler_phase_and_situation_time():
    live = LiveLabeler()
    states = [live.feed(u) for u in _utterances(STRONG)]
    assert states[0].phase == "O"
    assert states[1].phase == "S" and states[1].situation_s > 3
    assert states[3].phase == "T" and states[3].challenge_reached
    assert states[-1].phase == "X"
    assert not any(s.reach_challenge_cue for s in states)
    final = "".join(u.label for u in live.final())
    assert final.startswith("OSST") and final.endswith("X")


def test_live_cue_fires_once_when_still_in_situation_at_one_minute():
    history = " ".join(
        f"Back then the orchard had lost {n} of its pickers and the packing shed was running half empty."
        for n in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
    live = LiveLabeler()
    fired = []
    for u in _utterances(history):
        st = live.feed(u)
        fired.append(st.reach_challenge_cue)
        assert st.phase == "S"
    assert st.elapsed_s > 60
    assert fired.count(True) == 1
    assert not live.tick(st.elapsed_s + 10).reach_challenge_cue


def test_live_cue_fires_on_tick_during_silence():
    live = LiveLabeler()
    st = live.feed(_utterances("Back then the orchard had lost half its pickers to the harvest up north.")[0])
    assert not st.reach_challenge_cue
    assert live.tick(st.elapsed_s + 0.1).elapsed_s < 60
    assert live.tick(61.0).reach_challenge_cue


BEFORE = {
    "T": "Our community garden had forty plots and a waiting list nobody trusted. ",
    "A": "Our community garden had forty plots and a waiting list nobody trusted. As secretary, fixing it was mine. ",
}
BEFORE["R"] = BEFORE["A"] + "I drew up a rota that paired each new volunteer with someone who had done two seasons. "
BEFORE["X"] = BEFORE["R"] + "Within a year the waiting list was down from sixty names to fifteen. "


@pytest.mark.parametrize("text,label", [
    ("The biggest thing it taught me is to walk the plots before I redraw any plan.", "X"),
    ("If the same thing came up tomorrow, I'd ask the longest-waiting members to help set the rules.", "X"),
    ("Complaints about plot allocations fell from a dozen a month to one.", "R"),
    ("Keeping the allotment waiting list fair was my job as secretary.", "T"),
    ("I published the list on the noticeboard with each name's joining date next to it.", "A"),
])
def test_sentence_labels_in_context(text, label):
    words, _ = estimate_timings(BEFORE[label] + text)
    units = label_sentences(split_sentences(words))
    assert units[-1].label == label

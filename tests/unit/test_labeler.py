"""S/T/A/R/X/O labels with cues: final pass, live pass, training data and the live challenge cue."""

import pytest

from mockinterview.analysis.scorer import estimate_timings, label_units
from mockinterview.analysis.star.labeler import (
    LabelerSettings,
    default_model,
    label_greedy,
    label_sentences,
    load_training_answers,
    split_units,
)
from mockinterview.analysis.star.live import LiveLabeler
from mockinterview.analysis.star.sentences import split_sentences
from mockinterview.report import LABELS
from mockinterview.types import Utterance

STRONG = (
    "Sure, happy to. "
    "At my last company I was on the payments team, and our checkout API was timing out during sales. "
    "I owned the reliability work, and my goal was to cut timeouts before the holiday season. "
    "I profiled the service with pprof and found that every request opened a new Postgres connection. "
    "I added a connection pool and moved the fraud check to an async queue. "
    "Timeouts dropped from about four percent of requests to under 0.1 percent, and revenue during the sale "
    "went up by two million dollars. "
    "Looking back, I would load test before the season, and now I always check connection handling first."
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


def test_every_unit_has_a_cue_quoting_the_words():
    words, _ = estimate_timings(STRONG)
    units = label_units(words)
    assert all(u.cue for u in units)
    x = [u for u in units if u.label == "X"]
    assert x and "looking back" in x[0].cue
    assert any("i owned" in u.cue for u in units if u.label == "T")
    assert all(0.0 < u.confidence <= 1.0 for u in units)


def test_result_before_last_action_and_reflection_in_the_middle():
    text = (
        "Our nightly billing job kept failing and nobody owned it. "
        "I took ownership of fixing it. "
        "I split the job into hourly batches in Airflow. "
        "Failures went from eight a month to zero. "
        "Looking back, I should have asked for help sooner. "
        "I also wrote a runbook and added a PagerDuty alert."
    )
    assert labels_of(text) == "STARXA"


def test_long_situation_is_labelled_situation():
    text = (
        "So this was at a logistics company, a pretty big one, with about four hundred engineers. "
        "The team had been through two reorgs and the ownership of things was a little fuzzy. "
        "There was a legacy routing service written in Perl that nobody really understood anymore. "
        "On top of that, the data science team was migrating to a new feature store that kept slipping. "
        "And our monitoring was pretty thin, the alerting was mostly on whether the service was up. "
        "I was the engineer on call that month, and I owned the decision about what to do. "
        "I rewrote the routing rules in Go and added a shadow mode to compare results."
    )
    words, _ = estimate_timings(text)
    units = label_units(words)
    assert [u.label for u in units[:5]] == ["S"] * 5
    assert labels_of(text) == "STA"


def test_closing_remark_is_other():
    text = STRONG + " So yeah, that's the story."
    assert labels_of(text).endswith("XO")


def test_clauses_split_only_with_enough_words():
    words, _ = estimate_timings("I profiled the whole service for a week, and then I rewrote the slow query path.")
    units = split_units(split_sentences(words), LabelerSettings())
    assert len(units) == 2
    words, _ = estimate_timings("Yes, I did, and it worked.")
    assert len(split_units(split_sentences(words), LabelerSettings())) == 1


def test_training_data_is_large_and_valid():
    answers = load_training_answers()
    assert len(answers) >= 30
    sentences = [s for a in answers for s in a]
    assert len(sentences) >= 250
    assert {lbl for lbl, _ in sentences} == set(LABELS)


def test_model_is_trained_once_and_has_weights():
    m = default_model(LabelerSettings())
    assert m is default_model(LabelerSettings())
    assert m.weights.shape == (len(LABELS), len(m.features))


def test_greedy_pass_labels_every_unit_provisionally():
    words, _ = estimate_timings(STRONG)
    units = label_greedy(split_sentences(words), words[0].start, LabelerSettings())
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
    assert states[2].phase == "T" and states[2].challenge_reached
    assert states[-1].phase == "X"
    assert not any(s.reach_challenge_cue for s in states)
    final = "".join(u.label for u in live.final())
    assert final.startswith("OSST") and final.endswith("XX")


def test_live_cue_fires_once_when_still_in_situation_at_one_minute():
    history = " ".join(
        f"Back then the team had been through reorg number {n} and the ownership of things was fuzzy."
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
    st = live.feed(_utterances("Back then the team had been through two reorgs and nobody owned the service.")[0])
    assert not st.reach_challenge_cue
    assert live.tick(st.elapsed_s + 0.1).elapsed_s < 60
    assert live.tick(61.0).reach_challenge_cue


@pytest.mark.parametrize("text,label", [
    ("What I learned is that you have to watch real users.", "X"),
    ("Next time I'd involve the mobile team earlier.", "X"),
    ("Latency dropped from 850 milliseconds to 110.", "R"),
    ("I was responsible for the migration plan.", "T"),
    ("I wrote a script that replays production queries against the new cluster.", "A"),
])
def test_sentence_cues_in_context(text, label):
    context = "At my last company our search service was slow and customers complained. "
    words, _ = estimate_timings(context + text)
    units = label_sentences(split_sentences(words))
    assert units[-1].label == label


def test_shipped_weights_are_current():
    """data/star_model.json must be regenerated (python -m mockinterview.analysis.star.label_model) after changes."""
    import numpy as np

    from mockinterview.analysis.star.label_model import _stored, fingerprint, train

    answers = load_training_answers()
    for positions in (True, False):
        stored = _stored(fingerprint(answers, LabelerSettings(), positions))
        assert stored is not None, "stale data/star_model.json"
        fresh = train(answers, LabelerSettings(), positions)
        assert stored.features == fresh.features
        assert np.allclose(stored.weights, fresh.weights, atol=1e-4)

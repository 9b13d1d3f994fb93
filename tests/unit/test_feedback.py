"""Feedback quotes the speaker, strongest issue first; follow-ups target what the answer lacked."""

from conftest import make_delivery, text_report

from mockinterview.analysis.scorer import estimate_timings, score_answer
from mockinterview.analysis.star.feedback import FeedbackSettings, build_feedback, quote
from mockinterview.analysis.star.flags import Findings
from mockinterview.analysis.star.followups import STANDARD, choose_followups
from mockinterview.commands.report_text import format_report

WEAK = (
    "We had a dashboard that was slow and customers were not happy. "
    "The team needed to make it faster. "
    "We looked at the problem and we identified the slow parts. "
    "We implemented caching and we cleaned up the queries. "
    "We also tested everything and we released it to customers. "
    "In the end it improved our metrics and everyone was happy."
)
STRONG = (
    "At my last company our search page took four seconds to load, and customers were leaving. "
    "I owned the performance work, and my goal was to get it under one second. "
    "I profiled the page with Datadog and found three slow calls to the Postgres catalog. "
    "I rewrote the query to use a covering index and added a Redis cache in front of it. "
    "Load time went from 4.2 seconds to 1.1 seconds, and conversion rose by six percent. "
    "Looking back, I would add latency alerts earlier, and now I always profile before I optimise."
)


def test_every_issue_message_quotes_the_speaker():
    r = text_report(WEAK)
    issues = [f for f in r.feedback if f.kind != "strength"]
    assert {f.kind for f in issues} >= {"we_heavy", "no_numbers", "no_reflection", "generic", "too_short"}
    for f in issues:
        assert f.quote and f.quote.split()[0].lower() in r.transcript.lower()


def test_we_message_counts_and_quotes_actions():
    fb = next(f for f in text_report(WEAK).feedback if f.kind == "we_heavy")
    assert "'we' 6 times" in fb.message and "'I' 0 times" in fb.message
    assert "we identified the slow parts" in fb.message
    assert "senior answer" in fb.message


def test_no_numbers_quotes_the_vague_result():
    fb = next(f for f in text_report(WEAK).feedback if f.kind == "no_numbers")
    assert "improved our metrics" in fb.quote


def test_strongest_issue_first():
    kinds = [f.kind for f in text_report(WEAK).feedback]
    assert kinds.index("we_heavy") < kinds.index("no_numbers") < kinds.index("too_short")


def test_strong_answer_gets_praise_with_a_quote():
    r = text_report(STRONG)
    praise = [f for f in r.feedback if f.kind == "strength"]
    assert praise and "4.2 seconds" in praise[0].quote


def test_quote_is_cut_to_max_words():
    q = quote(" ".join(f"w{i}" for i in range(30)) + ".", 5)
    assert q == "w0 w1 w2 w3 w4 …"
    assert quote("Short and sweet.", 5) == "Short and sweet"


def test_max_items_setting():
    words, speech = estimate_timings(WEAK)
    r = score_answer(words, speech)
    fb = build_feedback([], Findings(flags=r.flags), r.delivery, r.section_share, FeedbackSettings(max_items=2))
    assert len(fb) <= 3


def _quoted(probe: str) -> str:
    return probe.split("'")[1]


def test_followups_quote_the_answer_then_target_gaps_then_a_standard_probe():
    r = text_report(WEAK)
    assert len(r.followups) == 3
    assert _quoted(r.followups[0]) in WEAK  # the answer's own words, exactly
    assert r.followups[1] == "You said 'we' 6 times - what did you personally do?"
    assert r.followups[-1] in STANDARD


def test_followups_for_a_strong_answer_quote_it_and_keep_a_standard_probe():
    r = text_report(STRONG)
    assert 2 <= len(r.followups) <= 3
    assert _quoted(r.followups[0]) in STRONG
    assert any(q in STANDARD for q in r.followups)


def test_followups_use_question_probes_and_never_repeat():
    f = Findings(flags=["no_reflection"])
    out = choose_followups(f, probes=("Who disagreed with you?",))
    assert out[0] == "What would you do differently?"
    assert out[1] == "Who disagreed with you?"
    assert len(out) == len(set(out)) == 3


def test_format_report_shows_scores_feedback_and_sections():
    text = format_report(text_report(WEAK))
    assert "Overall" in text and "Feedback" in text and "Follow-up questions" in text
    assert "[we_heavy]" in text and "[A]" in text and "estimated" in text


def test_length_feedback_names_the_part_to_trim():

    words, speech = estimate_timings(STRONG)
    r = score_answer(words, speech)
    from mockinterview.analysis.scorer import label_units

    units = label_units(words)
    long = make_delivery(300.0, speaking=280.0, wpm=150.0)
    fb = build_feedback(units, Findings(flags=["too_long"]), long, r.section_share)
    assert fb[0].kind == "too_long" and "5:00" in fb[0].message and "Action alone took" in fb[0].message
    assert fb[0].quote and fb[0].quote.rstrip(" …") in " ".join(u.text for u in units)

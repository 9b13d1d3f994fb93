"""Follow-ups built from the answer's own words: spans picked by grammar and quoted exactly."""

from __future__ import annotations

from mockinterview.analysis.star.probes import ProbeSettings, answer_probes


def quoted(probe: str) -> str:
    return probe.split("'", 1)[1].rsplit("'", 1)[0]


def test_a_we_decision_is_quoted_and_asked_whose_call_it_was() -> None:
    parts = [("S", "Our billing service kept timing out at month end."),
             ("A", "After two days of profiling we decided to rewrite it in Go, and I led the port.")]
    probes = answer_probes(parts)
    assert probes[0].startswith("You said 'we decided to rewrite it")
    assert "Whose call" in probes[0]
    assert quoted(probes[0]) in parts[1][1]


def test_a_duration_and_a_result_figure_are_quoted_exactly() -> None:
    parts = [("A", "I planned the rollout, which took about three weeks across four regions."),
             ("R", "Checkout errors fell by forty percent in the first month.")]
    probes = answer_probes(parts)
    assert any("about three weeks" in p and "critical path" in p for p in probes)
    assert all(quoted(p) in " ".join(t for _, t in parts) for p in probes)


def test_a_vague_result_is_asked_for_a_number() -> None:
    probes = answer_probes([("A", "I rewrote the onboarding guide."), ("R", "In the end it went well for everyone.")])
    assert probes and "number" in probes[0] and "went well" in probes[0]


def test_at_most_the_set_number_of_probes_each_of_another_kind() -> None:
    parts = [("A", "We decided to move to Kafka, which took six weeks."), ("R", "Costs fell by 30%.")]
    assert len(answer_probes(parts, ProbeSettings(max_probes=1))) == 1
    probes = answer_probes(parts)
    assert len(probes) == 2 and len({p.split("'")[-1] for p in probes}) == 2


def test_nothing_to_quote_gives_no_probe() -> None:
    assert answer_probes([("A", "I talked to people."), ("R", "It was fine.")]) == []
    assert answer_probes([]) == []


def test_an_amount_or_a_date_is_not_a_duration() -> None:
    parts = [("A", "First I pulled three months of incident data from two years ago.")]
    assert not any("critical path" in p for p in answer_probes(parts))


def test_a_quote_starts_on_a_word() -> None:
    parts = [("R", "We cut failed payments from 2 % to 0 .3 % in 6 weeks.")]
    probes = answer_probes(parts)
    assert probes and all(quoted(p)[:1].isalpha() for p in probes)
    assert all(quoted(p) in parts[0][1] for p in probes)


def test_a_cut_quote_ends_where_a_phrase_can_end() -> None:
    """Cut to its word limit, a quote does not stop on a preposition, an article or a waiting pronoun."""
    decision = answer_probes([("A", "After the outage we decided to move the nightly jobs onto a separate cluster.")])
    assert quoted(decision[0]) == "we decided to move the nightly jobs"
    vague = answer_probes([("R", "The new intake form went well with the nurses and their managers.")])
    assert quoted(vague[0]) == "The new intake form went well"
    waiting = answer_probes([("R", "The pilot was a success, and we then rolled it out to every ward.")])
    assert not quoted(waiting[0]).endswith(("and", "we"))


def test_a_quote_does_not_end_on_a_hesitation_or_drop_a_particle() -> None:
    hesitant = answer_probes([("R", "The pilot was a success with, uh, the night shift staff.")])
    assert quoted(hesitant[0]) == "The pilot was a success"
    particle = answer_probes([("A", "In the end we decided to hand it over.")])
    assert quoted(particle[0]) == "we decided to hand it over"


def test_a_quote_does_not_open_on_a_hesitation() -> None:
    probes = answer_probes([("A", "We were short on people and uh the handover took us about two weeks.")])
    assert quoted(probes[0]) == "the handover took us about two weeks"

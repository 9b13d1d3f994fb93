"""Practice and drill flows as pure state machines (fake reports; no audio, no store)."""

from __future__ import annotations

import pytest
from conftest import make_delivery

from mockinterview.report import AnswerReport, Feedback, Label, Section
from mockinterview.session.flow import (
    DrillFlow,
    FlowSettings,
    PracticeFlow,
    assess_followup,
    followup_report,
)
from mockinterview.session.selection import QuestionSelector
from mockinterview.types import Question


def q(n: int, cat: str = "failure") -> Question:
    return Question(f"{cat}-{n:02d}", f"Question {n} about {cat}?", cat, "core",
                    probes=(f"Probe A of {n}?", f"Probe B of {n}?", f"Probe C of {n}?"))


class Picker:
    def __init__(self, questions: list[Question]) -> None:
        self.questions = list(questions)
        self.recorded: list[tuple[str, float | None]] = []

    def next(self) -> Question:
        if not self.questions:
            raise LookupError("no more")
        return self.questions.pop(0)

    def record(self, question: Question, overall: float | None) -> None:
        self.recorded.append((question.id, overall))


def rep(duration: float = 150.0, flags: tuple[str, ...] = (), followups: tuple[str, ...] = (),
        overall: int = 70, delivery: int | None = 80) -> AnswerReport:
    scores = {"overall": overall, "structure": 60}
    if delivery is not None:
        scores["delivery"] = delivery
    return AnswerReport(
        make_delivery(duration, wpm=140.0), "text", flags=list(flags),
        scores=scores, followups=list(followups),
        feedback=[Feedback("we_heavy", "Say I."), Feedback("filler_heavy", "Fewer fillers.", "um, like")],
    )


GAP = "You said 'we' 9 times - what did you personally do?"
STD = ("What would you do differently?", "How did others react?")


def run(flow, reports):
    prompts = [flow.start()]
    for r in reports:
        nxt = flow.answered(r)
        if nxt is None:
            break
        prompts.append(nxt)
    return prompts


def test_practice_asks_each_question_once_with_its_followups() -> None:
    picker = Picker([q(1), q(2, "mentoring"), q(3, "launch"), q(4)])
    flow = PracticeFlow(picker, FlowSettings(practice_questions=3), seed=1)
    assert flow.current is None and not flow.done
    p = flow.start()
    seen = []
    while p is not None:
        seen.append(p)
        if p.kind == "main":
            flagged = p.question.id == "failure-01"
            r = rep(flags=("we_heavy",) if flagged else (), followups=(GAP, *STD) if flagged else STD)
        else:
            r = rep(duration=45)
        p = flow.answered(r)
    assert flow.done and flow.current is None
    mains = [x for x in seen if x.kind == "main"]
    assert [m.question.id for m in mains] == ["failure-01", "mentoring-02", "launch-03"]
    followups = {m.index: [x for x in seen if x.parent == m.index] for m in mains}
    assert [len(v) for v in followups.values()] == [3, 2, 2]  # a gap probe after a flagged answer
    first = followups[mains[0].index]
    assert first[0].text == GAP and first[0].source == "gap"
    assert first[1].source == "probe" and first[1].text in q(1).probes
    assert first[2].source == "standard" and first[2].text in STD
    for m in mains[1:]:
        probe, standard = followups[m.index]
        assert probe.source == "probe" and probe.text in m.question.probes
        assert standard.source == "standard" and standard.text in STD
    assert [x.index for x in seen] == list(range(len(seen)))
    assert picker.recorded == [("failure-01", 70), ("mentoring-02", 70), ("launch-03", 70)]
    assert all(t.assessment is not None for t in flow.turns if t.prompt.kind == "followup")


def test_practice_is_reproducible_with_a_seed_and_ends_when_questions_run_out() -> None:
    def texts(seed: int) -> list[str]:
        flow = PracticeFlow(Picker([q(1), q(2)]), FlowSettings(practice_questions=5), seed=seed)
        return [p.text for p in run(flow, [rep()] * 20)]

    assert texts(3) == texts(3)
    assert len({tuple(texts(s)) for s in range(6)}) > 1  # the probe choice varies with the seed
    flow = PracticeFlow(Picker([q(1), q(2)]), FlowSettings(practice_questions=5), seed=3)
    prompts = run(flow, [rep()] * 20)
    assert flow.done and sum(p.kind == "main" for p in prompts) == 2


def test_practice_with_the_real_selector_never_repeats() -> None:
    questions = [q(k, cat) for k in range(3) for cat in ("failure", "mentoring", "launch")]
    flow = PracticeFlow(QuestionSelector(questions, seed=11), FlowSettings(practice_questions=6))
    prompts = run(flow, [rep()] * 30)
    ids = [p.question.id + p.question.category for p in prompts if p.kind == "main"]
    assert len(ids) == 6 and len(set(ids)) == 6
    cats = [p.question.category for p in prompts if p.kind == "main"]
    assert all(a != b for a, b in zip(cats, cats[1:], strict=False))
    assert flow.seed == 11  # taken from the selector


def test_skipping_a_main_question_skips_its_followups() -> None:
    flow = PracticeFlow(Picker([q(1), q(2)]), FlowSettings(practice_questions=2), seed=0)
    first = flow.start()
    second = flow.skip()
    assert first.kind == "main" and second.kind == "main" and second.question.id == "failure-02"
    assert flow.turns[0].skipped and flow.turns[0].report is None
    follow = flow.answered(rep())
    assert follow.kind == "followup" and follow.parent == second.index
    while follow is not None:
        assert follow.kind == "followup"
        follow = flow.answered(rep(duration=40))
    assert flow.done
    with pytest.raises(RuntimeError):
        flow.answered(rep())


def test_a_followup_quotes_the_answer_and_a_standard_probe_follows() -> None:
    flow = PracticeFlow(Picker([q(1)]), FlowSettings(practice_questions=1), seed=3)
    flow.start()
    said = "We decided to rewrite the importer, and I shipped it over about three weeks."
    report = rep(followups=STD)
    report.sections = [Section(Label.A, 0.0, 9.0, said)]
    first = flow.answered(report)
    assert first.source == "answer" and first.text.split("'")[1] in said
    second = flow.answered(rep(duration=40))
    assert second.source == "standard" and second.text in STD
    assert flow.answered(rep(duration=40)) is None


def test_a_question_without_probes_falls_back_to_the_scorers_followups() -> None:
    bare = Question("general-01", "Tell me about yourself.", "general", "general")
    flow = PracticeFlow(Picker([bare]), FlowSettings(practice_questions=1), seed=0)
    flow.start()
    nxt = flow.answered(rep(followups=STD))
    assert nxt.text == STD[0] and nxt.source == "standard"


def test_drill_runs_standard_probes_then_gaps_then_question_probes() -> None:
    flow = DrillFlow(q(7), FlowSettings(drill_followups=5), seed=2)
    story = flow.start()
    assert story.kind == "main" and story.text == q(7).text
    nxt = flow.answered(rep(flags=("we_heavy", "no_numbers"),
                            followups=(GAP, "What was the measurable result?", *STD)))
    texts = [nxt.text]
    while (nxt := flow.answered(rep(duration=40))) is not None:
        texts.append(nxt.text)
    assert texts[:4] == [*STD, GAP, "What was the measurable result?"]
    assert texts[4] in q(7).probes and len(texts) == 5
    assert flow.done and len(flow.turns) == 6


def test_drill_on_the_users_own_story_dedupes_gap_probes() -> None:
    flow = DrillFlow("Tell me about the outage you led.", FlowSettings(drill_followups=4), seed=0)
    assert flow.start().source == "story"
    nxt = flow.answered(rep(flags=("no_reflection",), followups=("What would you do differently?", STD[1])))
    texts = [nxt.text]
    while (nxt := flow.answered(rep(duration=60))) is not None:
        texts.append(nxt.text)
    assert texts == list(STD)  # nothing else to ask; no duplicates


@pytest.mark.parametrize(("duration", "window", "length"), [
    (12.0, "rushed", 64), (30.0, "ideal", 100), (75.0, "ideal", 100), (90.0, "ideal", 100),
    (100.0, "long", 80), (150.0, "over", 0),
])
def test_followup_length_window(duration: float, window: str, length: int) -> None:
    a = assess_followup(rep(duration=duration, delivery=80), FlowSettings())
    assert (a.window, a.length_score) == (window, length)
    assert a.overall == round(0.5 * 80 + 0.5 * length)
    assert ("30-90 s" in a.message) == (window != "ideal")


def test_followup_report_keeps_delivery_and_length_only() -> None:
    r = followup_report(rep(duration=20, flags=("we_heavy", "filler_heavy", "no_numbers"), followups=STD),
                        FlowSettings())
    assert set(r.scores) == {"overall", "length", "delivery"}
    assert r.flags == ["filler_heavy", "too_short"]
    assert [f.kind for f in r.feedback] == ["length", "filler_heavy"]
    assert r.followups == [] and r.delivery.window == "rushed"
    no_delivery = followup_report(rep(duration=60, delivery=None), FlowSettings())
    assert no_delivery.scores == {"overall": 100, "length": 100}


def test_rescore_only_touches_followups() -> None:
    flow = DrillFlow(q(1), seed=0)
    story = flow.start()
    r = rep()
    assert flow.rescore(story, r) is r
    follow = flow.answered(r)
    assert set(flow.rescore(follow, rep(duration=40)).scores) == {"overall", "length", "delivery"}

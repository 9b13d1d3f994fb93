"""The story bank over a realistic practice history: four sessions of scored answers in a real store.

The history (tests/fixtures/stories/history.json) holds six stories and twelve answers: first tellings,
near-verbatim re-reads with speech-recognition slips, retellings in new words, one retelling whose outage
grew from 45 to 90 minutes, and one answer telling a story that is not in the bank. Each answer is scored
with the real STAR+ scorer (timings estimated from the text), saved as the practice flow saves it, then
passed to `story_notes_for_answer` as `score` and the practice flow call it; the user then confirms the
true story, as they would in the review.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import text_report

from mockinterview.cli import main
from mockinterview.report import Feedback
from mockinterview.session.answer import save_scored_answer
from mockinterview.session.selection import QuestionSelector
from mockinterview.session.stories import preferred_categories, story_coverage, story_notes_for_answer
from mockinterview.storage.store import Store, open_store
from mockinterview.storage.stories import add_story, confirm_link, get_attempt, story_attempts
from mockinterview.types import CATEGORIES, Question

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "history.json"
MIN_ACCURACY = 0.9
"""Share of answers whose story (or "no story") the matcher must get right before the user confirms."""


@dataclass
class Replay:
    """The store after the history was replayed, and what the story bank said on the way."""

    store: Store
    home: Path
    story_ids: dict[str, int]
    answer_ids: dict[str, int] = field(default_factory=dict)
    verdicts: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    notes: dict[str, list[Feedback]] = field(default_factory=dict)
    overall: dict[str, float] = field(default_factory=dict)


def load_history() -> dict:
    return json.loads(HISTORY.read_text())


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    data = load_history()
    home = tmp_path_factory.mktemp("stories-home")
    store = open_store(home)
    ids = {s["key"]: add_story(store, s["title"], s["facts"], categories=s["categories"],
                               principles=s["principles"], must_have=s["must_have"], non_work=s["non_work"])
           for s in data["stories"]}
    run = Replay(store, home, ids)
    for session in data["sessions"]:
        session_id = store.start_session("practice")
        for answer in session:
            bank, qid = answer["ref"].split("/")
            question = Question(qid, answer["question"], answer["category"], bank)
            report = text_report(answer["text"], question.text)
            _, answer_id = save_scored_answer(store, report, question=question, session_id=session_id,
                                              mode="practice")
            run.answer_ids[answer["id"]] = answer_id
            run.overall[answer["id"]] = float(report.scores["overall"])
            run.notes[answer["id"]] = story_notes_for_answer(store, answer_id)
            attempt = get_attempt(store, answer_id)
            state = "linked" if attempt.story_id is not None else (
                "suggested" if attempt.suggested_id is not None else "none")
            run.verdicts[answer["id"]] = (state, attempt.story_id or attempt.suggested_id)
            truth = ids[answer["story"]] if answer["story"] else None
            confirm_link(store, answer_id, truth)  # the user confirms or changes the link
        store.end_session(session_id)
    yield run
    store.close()


def kinds(notes: list[Feedback]) -> list[str]:
    return [n.kind for n in notes]


def test_matching_accuracy_on_answers_whose_story_is_known(replay: Replay,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = load_history()
    answers = [a for s in data["sessions"] for a in s]
    right = auto_right = auto = 0
    rows = []
    for a in answers:
        truth = replay.story_ids[a["story"]] if a["story"] else None
        state, guess = replay.verdicts[a["id"]]
        correct = (guess == truth) if truth is not None else state == "none"
        right += correct
        if state == "linked":
            auto += 1
            auto_right += guess == truth
        rows.append(f"{a['id']:>3} {a['telling']:<15} truth={truth} {state}={guess} {'ok' if correct else 'WRONG'}")
    accuracy = right / len(answers)
    with capsys.disabled():
        print(f"\nstory matching on the practice history: {right}/{len(answers)} right ({accuracy:.0%}); "
              f"linked automatically {auto}, of which right {auto_right}")
        print("\n".join("  " + r for r in rows))
    assert accuracy >= MIN_ACCURACY
    assert auto_right == auto  # an automatic link is never wrong here
    assert replay.verdicts["X1"][0] == "none"  # a story not in the bank is left alone


def test_recitation_flagged_for_re_read_answers_only(replay: Replay) -> None:
    expected = set(load_history()["expected"]["recited"])
    flagged = {aid for aid, notes in replay.notes.items() if "story_recited" in kinds(notes)}
    assert flagged == expected
    note = next(n for n in replay.notes["O2"] if n.kind == "story_recited")
    assert note.message.endswith("repeats your last attempt word for word: know the facts, vary the words")
    assert int(note.message.split("%")[0]) >= 80
    assert note.quote  # the repeated words themselves


def test_changed_number_caught_and_equal_numbers_left_alone(replay: Replay) -> None:
    warned = {aid: [n for n in notes if n.kind == "story_numbers"] for aid, notes in replay.notes.items()}
    assert {aid for aid, ns in warned.items() if ns} == {"U3"}
    messages = [n.message for n in warned["U3"]]
    assert any("'90 minutes'" in m and "your last telling said '45 minutes'" in m for m in messages)
    assert any("'90 minutes'" in m and "your story's facts said '45 minute'" in m for m in messages)
    # "4,000" read as "four thousand" and "eleven days" as "11 days" are the same numbers
    assert "story_numbers" not in kinds(replay.notes["O2"])


def test_links_confirmed_and_attempts_in_order(replay: Replay) -> None:
    outage = story_attempts(replay.store, replay.story_ids["outage"])
    assert [a.answer_id for a in outage] == [replay.answer_ids[k] for k in ("U1", "U2", "U3")]
    assert all(a.confirmed for a in outage)
    assert get_attempt(replay.store, replay.answer_ids["X1"]).story_id is None


def test_coverage_computed_from_the_history(replay: Replay) -> None:
    cov = story_coverage(replay.store)
    cats = {i.id: i for i in cov.categories}
    assert {c for c, i in cats.items() if i.covered} == {
        "launch", "failure", "mentoring", "disagree_leadership", "peer_conflict"}
    assert cats["incomplete_information"].status == "unpractised"
    assert cats["simplification"].status == "missing"
    o = replay.overall
    assert cats["launch"].attempts == 3
    assert cats["launch"].best == max(o["O1"], o["O2"], o["O3"])
    assert cats["launch"].latest == o["O3"]
    assert cats["failure"].best == max(o["U1"], o["U2"], o["U3"]) and cats["failure"].latest == o["U3"]
    assert cats["peer_conflict"].best == cats["peer_conflict"].latest == o["C1"]
    must = {i.id: i for i in cov.must_have}
    assert all(i.covered for i in must.values())
    assert must["mentoring"].best == max(o["P1"], o["P2"])
    principles = {i.id: i for i in cov.principles}
    assert principles["dive_deep"].status == "unpractised"
    assert principles["earn_trust"].attempts == 3  # Priya twice, the schema conflict once
    assert all(principles[p].covered for p in principles if p != "dive_deep")


def test_gaps_named_plainly(replay: Replay) -> None:
    gaps = story_coverage(replay.store).gaps
    assert ("No simplification story yet: you are not ready for "
            "'Tell me about a time you simplified something overly complex'") in gaps
    assert any(g.startswith("Your incomplete-information story 'Choosing a message queue with partial data' "
                            "is not practised yet") for g in gaps)
    assert any(g.startswith("Your Dive Deep story") for g in gaps)
    assert not any("No failure story" in g for g in gaps)


def test_variety_note_on_an_all_work_bank(replay: Replay) -> None:
    notes = story_coverage(replay.store).variety
    assert any(n.startswith("All 6 of your stories are work stories") for n in notes)


def test_question_selection_prefers_the_gaps(replay: Replay) -> None:
    # every must-have scored 70+ here, so only the uncovered category and the unpractised one are gaps
    assert preferred_categories(replay.store) == ["incomplete_information", "simplification"]
    # with the banks' questions, the unpractised Dive Deep maps to the category its questions carry
    questions = [Question(f"{c}-1", f"A {c} question", c, "b", principles=("dive_deep",) if c == "failure" else ())
                 for c in CATEGORIES]
    prefer = preferred_categories(replay.store, questions)
    assert prefer == ["failure", "incomplete_information", "simplification"]
    selector = QuestionSelector(questions, seed=1, prefer_categories=prefer)
    weights = selector.category_weights()
    assert weights["simplification"] == pytest.approx(2 * weights["peer_conflict"])


def test_coverage_command_on_the_history(replay: Replay, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(replay.home))
    with pytest.raises(SystemExit) as done:
        main(["stories", "coverage", "--json"])
    assert done.value.code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stories"] == 6 and data["non_work"] == 0
    launch = next(c for c in data["categories"] if c["id"] == "launch")
    assert launch["attempts"] == 3 and launch["latest"] == replay.overall["O3"]
    with pytest.raises(SystemExit):
        main(["stories", "coverage"])
    text = capsys.readouterr().out
    assert "Categories (5/7 practised)" in text
    assert "No simplification story yet" in text


def test_a_non_work_story_answers_the_variety_note(tmp_path: Path) -> None:
    with open_store(tmp_path / "h") as store:
        for key in ("one", "two", "three"):
            add_story(store, f"Work story {key}", categories=["launch"])
        assert any("work stories" in n for n in story_coverage(store).variety)
        add_story(store, "Rebuilding the food bank's volunteer rota", categories=["simplification"], non_work=True)
        assert not any("work stories" in n for n in story_coverage(store).variety)


def test_notes_without_a_bank_and_for_an_uncertain_match(tmp_path: Path) -> None:
    data = load_history()
    text = next(a["text"] for s in data["sessions"] for a in s if a["id"] == "U1")
    with open_store(tmp_path / "h") as store:
        _, answer = save_scored_answer(store, text_report(text))
        assert story_notes_for_answer(store, answer) == []  # no stories: nothing to say
        facts = next(s["facts"] for s in data["stories"] if s["key"] == "outage")
        add_story(store, "Payments retry outage", facts, categories=["failure"])
        twin = add_story(store, "Payments retry outage, the postmortem", facts, categories=["failure"])
        notes = story_notes_for_answer(store, answer)
        assert kinds(notes) == ["story_suggest"]
        assert notes[0].message.startswith("This sounds like your story 'Payments retry outage")
        suggested = get_attempt(store, answer).suggested_id
        assert notes[0].message.endswith(f"`mockinterview stories link {answer} {suggested}`")
        assert get_attempt(store, answer).story_id is None  # a suggestion is not practice until confirmed
        confirm_link(store, answer, twin)
        assert story_notes_for_answer(store, answer) == []  # the user's link stands, no second telling yet
        assert get_attempt(store, answer).story_id == twin

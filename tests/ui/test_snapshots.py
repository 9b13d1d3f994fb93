"""Snapshot tests of every screen (pytest-textual-snapshot), from fixed data so they never change by themselves.

Each test's docstring says what must be visible. Time-dependent text is frozen: the live view is drawn from
a fixed `LiveView`, the scorecard and review from saved report JSON, sessions carry fixed dates.
Update after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from conftest import fixture_report
from story_helpers import fill_story_bank
from ui_helpers import MissingMicrophone, QuietMicrophone, fill_store

from mockinterview.analysis.delivery.live import Cue, LiveStats
from mockinterview.audio.model import ModelLoader
from mockinterview.cli import make_app
from mockinterview.session.app_settings import AppSettings
from mockinterview.session.flow import Prompt
from mockinterview.session.live_answer import LiveView
from mockinterview.session.run import Asked
from mockinterview.session.selection import QuestionSelector
from mockinterview.storage.store import open_store
from mockinterview.types import Question, Word
from mockinterview.ui.screens.answer import AnswerScreen
from mockinterview.ui.screens.drill import DrillSummaryScreen
from mockinterview.ui.screens.scorecard import ScorecardScreen
from mockinterview.ui.widgets.level_meter import LevelMeter

SIZE = (120, 44)

QUESTION = Question("fail-1", "Tell me about a time you failed. What happened and what did you learn?", "failure",
                    "core", probes=("What would you do differently?",))

LIVE_WORDS = [
    ("So", 0.6, 0.8), ("last", 0.9, 1.1), ("year", 1.1, 1.4), ("I", 1.5, 1.6), ("owned", 1.6, 1.9),
    ("the", 1.9, 2.0), ("migration", 2.0, 2.6), ("of", 2.6, 2.7), ("our", 2.7, 2.9), ("checkout", 2.9, 3.4),
    ("service.", 3.4, 3.9), ("Um,", 4.6, 4.9), ("the", 5.0, 5.1), ("old", 5.1, 5.3), ("integration", 5.3, 5.9),
    ("failed", 5.9, 6.3), ("about", 6.3, 6.6), ("2%", 6.6, 7.0), ("of", 7.0, 7.1), ("payments.", 7.1, 7.7),
    ("I", 8.5, 8.6), ("designed", 8.6, 9.1), ("a", 9.1, 9.2), ("dual", 9.2, 9.5), ("write", 9.5, 9.8),
    ("path", 9.8, 10.2),
]


def practice_app(*, inputs=None, loader=None, minimal: bool = False):
    """A practice app on a fixed question with a loader that is not started (the model is "loading")."""
    app = make_app("practice", seed=1, loader=loader or ModelLoader(), settings=AppSettings(minimal_live=minimal))
    app.context.selector = QuestionSelector([QUESTION], seed=1)
    app.context.inputs = inputs if inputs is not None else QuietMicrophone()
    app.context.start_model = False
    return app


def frozen_live_view() -> LiveView:
    committed = tuple(Word(t, s, e) for t, s, e in LIVE_WORDS)
    stats = LiveStats(now=95.0, started=True, elapsed_s=94.4, speaking_s=80.0, words=120, wpm=138.0, fillers=3,
                      fillers_per_min=1.9, window="rushed", long_pauses=0, speaking=True)
    return LiveView(stats=stats, phase="A", situation_share=0.16, committed=committed,
                    partial=(Word("and", 10.4, 10.6), Word("I", 10.6, 10.7), Word("wrote", 10.7, 11.0)),
                    filler_starts=frozenset({0.6, 4.6}), level_dbfs=-22.0,
                    cue=Cue(60.6, 60.0, "challenge", "reach the challenge"), words_changed=True)


async def show_live(pilot) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, AnswerScreen)
    screen.query_one(LevelMeter).active = True
    screen._set_state("listening")
    screen._show_live(frozen_live_view())
    await pilot.pause()


def test_question_while_model_loads(snap_compare):
    """The first question with its category ("Question 1 · failure"), the yellow "Loading the speech model"
    line, the input line "microphone (default input) press space to start answering", an empty timer bar
    with the 1:00 2:00 3:00 4:00 marks, "mic off", the transcript placeholder, and the keys in the footer."""
    assert snap_compare(practice_app(), terminal_size=SIZE)


def test_live_answer_full_view(snap_compare):
    """Mid-answer at 1:34: the timer bar filled to 1:34 in blue (under 2:00) with the cue "reach the challenge",
    a green level meter, "138 wpm · 3 fillers · A Action · situation 16%", and the live transcript: committed
    words with "So" and "Um," marked as fillers, then the greyed partial words "and I wrote"."""
    loader = ModelLoader.ready_with(object(), "tiny.en")
    assert snap_compare(practice_app(loader=loader), terminal_size=SIZE, run_before=show_live)


def test_live_answer_minimal_view(snap_compare):
    """The minimal live view: the same answer shows only the question, the timer bar and the level meter; no
    transcript, no figures (the calm view a speaker can choose with v)."""
    loader = ModelLoader.ready_with(object(), "tiny.en")
    assert snap_compare(practice_app(loader=loader, minimal=True), terminal_size=SIZE, run_before=show_live)


def test_no_microphone_message(snap_compare):
    """No input device: a red line "no input device found: plug in a microphone, or use the bundled sample
    answer", then "Press s to run on the bundled sample answer, r to try the microphone again, q to quit."."""

    async def settle(pilot):
        await pilot.pause(0.5)

    assert snap_compare(practice_app(inputs=MissingMicrophone()), terminal_size=SIZE, run_before=settle)


def test_missing_model_message(snap_compare):
    """A model that cannot be loaded: a red "Speech model unavailable:" line naming the missing directory and
    what to do, then "Fix it and start again; press q to quit."."""
    loader = ModelLoader("/nonexistent/models/tiny").start()
    with pytest.raises(Exception):  # noqa: B017 - any ModelError
        loader.get()

    async def settle(pilot):
        await pilot.pause(0.3)

    assert snap_compare(practice_app(loader=loader), terminal_size=SIZE, run_before=settle)


def test_help_screen(snap_compare):
    """The help box over the question lists every key of the answer screen (space start answer, v minimal
    view, n skip question; enter done, s sample answer and r retry greyed "(not now)"), the app's (q quit, b stories,
    "?, f1" help) and ctrl+p for the command palette."""
    assert snap_compare(practice_app(), terminal_size=SIZE, press=["question_mark"])


def _scorecard_app(report_name: str, pending: Prompt | None):
    app = practice_app(loader=ModelLoader.ready_with(object(), "tiny.en"))
    asked = Asked(QUESTION.text, 1, "main", QUESTION.category, 1, QUESTION)

    async def show(pilot):
        await pilot.app.switch_screen(ScorecardScreen(asked, fixture_report(report_name), pending))
        await pilot.pause()

    return app, show


def test_scorecard(snap_compare):
    """The scorecard of a saved answer: "Overall 79/100" and the five sub-scores coloured, the section timeline
    (S T A R X R blocks over 0:00-0:29) with the legend of shares, delivery "0:28 (rushed) ... 172 wpm", the flags
    "generic story" and "under 2:00", feedback with the speaker's words quoted, then "Follow-up question: answer
    it out loud" with the follow-up in bold and "Press a to answer again, f to answer the follow-up, n to skip to
    the next question, q to quit"."""
    followup = Prompt(1, "What would you do differently?", "followup", QUESTION, 0, "probe")
    app, show = _scorecard_app("story-report.json", followup)
    assert snap_compare(app, terminal_size=(120, 60), run_before=show)


def test_drill_summary(snap_compare):
    """The drill summary: "Drill · story 1", the story question, and a table of the rapid follow-ups with length,
    wpm, fillers and score (one answered, one "no speech was heard"), then "2 follow-up(s) left unanswered"."""
    app = practice_app(loader=ModelLoader.ready_with(object(), "tiny.en"))
    story = Asked(QUESTION.text, 1, "main", QUESTION.category, 1, QUESTION)
    first = Asked("What would you do differently?", 2, "followup", "failure", 1, None, story)
    second = Asked("How did others react?", 3, "followup", "failure", 1, None, story)
    results = [(first, fixture_report("followup-report.json"), None), (second, None, "no speech was heard")]

    async def show(pilot):
        await pilot.app.switch_screen(DrillSummaryScreen(story, results, 2))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)


def _review_app():
    with open_store() as store:
        fill_store(store)
    return make_app("review")


def test_review_sessions(snap_compare):
    """The list of past sessions, newest first: #3 2026-03-16, #2 2026-03-09 (one follow-up), #1 2026-03-02,
    each with its mode, number of questions and the overall score of each answer, coloured."""
    assert snap_compare(_review_app(), terminal_size=SIZE)


def test_review_session_answers(snap_compare):
    """Session 3 opened: its question with status complete, length 0:28, words and overall score."""
    assert snap_compare(_review_app(), terminal_size=SIZE, press=["enter"])


def test_review_answer_transcript(snap_compare):
    """One answer: scores, timeline, delivery, flags, feedback, then the transcript with each section on its own
    line behind a coloured S/T/A/R/X label, fillers marked, and the recording line with "press p to play"; the
    footer offers o (all attempts at the question) and c (compare with the previous attempt)."""
    assert snap_compare(_review_app(), terminal_size=(120, 70), press=["enter", "enter"])


def test_review_trends(snap_compare):
    """Trends: five plots (overall score, fillers per minute, situation share, answer length, pitch spread) over
    the three sessions #1 #2 #3, with the title "Trends across sessions · 3 sessions with scored answers"; the
    pitch spread plot is empty (the stored reports carry no prosody)."""
    assert snap_compare(_review_app(), terminal_size=SIZE, press=["t"])


def test_stories_screen(snap_compare):
    """The story bank opened with b: "Story bank · 6 stories (0 non-work) · 6 gaps", the table of stories with their
    answers, best and latest scores (79 green, 33 red) and tags, the first story in full (categories, must-have,
    principles, practice "2 answers best 79 latest 79", its key facts), then the coverage: categories 4/7,
    must-have stories 4/5, principles 5/6, each covered item with its story and scores, each gap in amber in the
    words of `stories coverage` ("No simplification story yet: you are not ready for ..."), the variety note
    "All 6 of your stories are work stories: add one or two non-work stories ...", and the keys a, e, d, escape."""
    with open_store() as store:
        fill_story_bank(store)

    async def open_bank(pilot):
        await pilot.press("b")
        await pilot.pause()

    assert snap_compare(practice_app(), terminal_size=(120, 72), run_before=open_bank)

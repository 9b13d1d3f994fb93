"""The session debrief: what a session of several questions showed, as an interviewer would sum it up.

From the session's scored main answers: the strongest and weakest dimension (mean sub-scores), the flags that
recurred with the speaker's own words, time used against the window (`CoachingTargets`), story variety (the
stories told, whether any came from outside work, the story bank's variety notes) and the next drill: the
question whose answer was weakest on the weakest dimension, drilled with rapid follow-ups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mockinterview.analysis.star.off_question import story_setting
from mockinterview.analysis.stories.coverage import variety_notes
from mockinterview.analysis.stories.recital import recitation
from mockinterview.analysis.stories.settings import DEFAULT_STORY_SETTINGS, StorySettings
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.errors import UserError
from mockinterview.formatting import mmss
from mockinterview.report import SCORE_NAMES, Flag, Window
from mockinterview.session.flow import FlowSettings
from mockinterview.session.run import PracticeRun
from mockinterview.session.selection import QuestionSelector, question_key
from mockinterview.storage.records import AnswerRecord, AnswerStatus, QuestionRecord, SessionRecord
from mockinterview.storage.store import Store
from mockinterview.storage.stories import get_attempt, list_stories
from mockinterview.types import Question, QuestionKind, SessionMode

DIMENSION_NAMES = {"structure": "structure", "ownership": "ownership", "impact": "impact (quantified results)",
                   "reflection": "reflection", "delivery": "delivery"}
"""How each sub-score is named in the debrief."""

DRILL_FOCUS = {
    "structure": "reach the challenge fast and keep the Situation short",
    "ownership": "say what you personally decided and did",
    "impact": "end with the measured result",
    "reflection": "close with what you would do differently",
    "delivery": "pause instead of filling, and land in the window",
}
"""What the recommended drill works on, per weakest dimension."""


@dataclass(frozen=True, slots=True)
class DebriefSettings:
    """How the debrief reads a session."""

    min_answers: int = 2
    """A debrief needs at least this many scored main answers (a session of several questions)."""

    recurring_min: int = 2
    """A flag recurs when it is on at least this many main answers."""

    quotes_per_flag: int = 2
    """Quotes shown for each recurring flag."""

    same_story_share: float = 0.35
    """Two answers of a session whose word n-grams overlap this much tell the same story."""


DEFAULT_DEBRIEF_SETTINGS = DebriefSettings()


@dataclass(frozen=True, slots=True)
class RecurringFlag:
    """A flag on several answers, with what the speaker said each time."""

    flag: str
    answers: int
    quotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimeUse:
    """Length of the main answers against the target window."""

    lengths_s: tuple[float, ...]
    in_window: int
    rushed: int
    long: int
    target: str
    """The window as text, e.g. "2:00-3:00"."""
    total_s: float


@dataclass(frozen=True, slots=True)
class DrillPick:
    """The drill the coach recommends: one question, drilled with rapid follow-ups."""

    question: str
    ref: str | None
    category: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Debrief:
    """A session summed up (see the module docstring)."""

    session_id: int
    answers: int
    dimensions: dict[str, float]
    strongest: tuple[str, float]
    weakest: tuple[str, float]
    recurring: tuple[RecurringFlag, ...]
    time: TimeUse
    variety: tuple[str, ...]
    drill: DrillPick | None
    overall_mean: float | None = None
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        t = self.time
        return {
            "answers": self.answers, "overall_mean": self.overall_mean,
            "dimensions": {k: round(v, 1) for k, v in self.dimensions.items()},
            "strongest": {"name": self.strongest[0], "score": round(self.strongest[1], 1)},
            "weakest": {"name": self.weakest[0], "score": round(self.weakest[1], 1)},
            "recurring_flags": [{"flag": r.flag, "answers": r.answers, "quotes": list(r.quotes)}
                                for r in self.recurring],
            "time": {"lengths_s": [round(x, 1) for x in t.lengths_s], "in_window": t.in_window, "rushed": t.rushed,
                     "long": t.long, "window": t.target, "total_s": round(t.total_s, 1)},
            "variety": list(self.variety),
            "next_drill": None if self.drill is None else {
                "question": self.drill.question, "ref": self.drill.ref, "category": self.drill.category,
                "reason": self.drill.reason},
        }

    def markdown(self) -> list[str]:
        """The debrief as Markdown lines (the export's last section)."""
        s, w, t = self.strongest, self.weakest, self.time
        lines = ["## Session debrief", "",
                 f"- Strongest: {DIMENSION_NAMES[s[0]]} ({s[1]:.0f}); weakest: {DIMENSION_NAMES[w[0]]} ({w[1]:.0f})"]
        for r in self.recurring:
            quotes = "; ".join(f'"{q}"' for q in r.quotes)
            lines.append(f"- Recurring: **{r.flag}** on {r.answers} answers{': ' + quotes if quotes else ''}")
        lines.append(f"- Time: {t.in_window} of {len(t.lengths_s)} answers in the {t.target} window "
                     f"({', '.join(mmss(x) for x in t.lengths_s)}; {t.rushed} rushed, {t.long} long)")
        lines += [f"- Variety: {v}" for v in self.variety]
        if self.drill is not None:
            lines.append(f"- Next drill: '{self.drill.question}': {self.drill.reason}")
        return [*lines, ""]


def _mains(session: SessionRecord) -> list[tuple[QuestionRecord, AnswerRecord]]:
    """Each main question with its last scored, complete answer."""
    out = []
    for q in session.questions:
        if q.kind != QuestionKind.MAIN:
            continue
        scored = [a for a in q.answers if a.status == AnswerStatus.COMPLETE and a.report is not None]
        if scored:
            out.append((q, scored[-1]))
    return out


def _quote_of(answer: AnswerRecord, flag: str) -> str:
    assert answer.report is not None
    return next((f.quote for f in answer.report.feedback if f.kind == flag and f.quote), "")


def _variety(mains: Sequence[tuple[QuestionRecord, AnswerRecord]], story_ids: Sequence[int | None],
             non_work: Sequence[bool | None], notes: Sequence[str], settings: DebriefSettings,
             story_settings: StorySettings) -> list[str]:
    out: list[str] = []
    texts = [a.report.transcript if a.report else "" for _, a in mains]
    repeats = [(i, j) for i in range(len(texts)) for j in range(i) if recitation(
        texts[i], texts[j], story_settings).ngram_share >= settings.same_story_share
        or (story_ids[i] is not None and story_ids[i] == story_ids[j])]
    if repeats:
        i, j = repeats[0]
        out.append(f"Answers {j + 1} and {i + 1} tell the same story: prepare another for one of those questions")
    else:
        out.append(f"{len(mains)} different stories for {len(mains)} questions")
    known = [n for n in non_work if n is not None]
    if known and not any(known) and len(known) == len(mains):
        out.append("All were work stories: a non-work story (a side project, volunteering, a personal challenge) "
                   "gives variety")
    elif any(known):
        out.append(f"{sum(known)} from outside work")
    return out + [n for n in notes if n not in out]


def session_debrief(session: SessionRecord, *, targets: CoachingTargets = DEFAULT_TARGETS,
                    story_ids: Sequence[int | None] = (), non_work: Sequence[bool | None] = (),
                    variety_notes: Sequence[str] = (), settings: DebriefSettings = DEFAULT_DEBRIEF_SETTINGS,
                    story_settings: StorySettings = DEFAULT_STORY_SETTINGS) -> Debrief | None:
    """The debrief of `session` (None with fewer than `min_answers` scored main answers). `story_ids` and
    `non_work` give, per scored main answer in order, its linked story and whether it was told from outside
    work (None: unknown); `variety_notes` are the story bank's notes."""
    mains = _mains(session)
    if len(mains) < settings.min_answers:
        return None
    reports = [a.report for _, a in mains if a.report is not None]
    dims = {n: sum(r.scores[n] for r in reports if n in r.scores) / max(1, sum(n in r.scores for r in reports))
            for n in SCORE_NAMES if any(n in r.scores for r in reports)}
    strongest = max(dims.items(), key=lambda kv: kv[1])
    weakest = min(dims.items(), key=lambda kv: kv[1])
    recurring = []
    for flag in Flag:
        having = [a for _, a in mains if a.report is not None and flag in a.report.flags]
        if len(having) >= settings.recurring_min:
            quotes = tuple(q for q in (_quote_of(a, flag) for a in having) if q)[: settings.quotes_per_flag]
            recurring.append(RecurringFlag(str(flag), len(having), quotes))
    lengths = tuple(r.delivery.duration_s for r in reports)
    windows = [targets.window(x) for x in lengths]
    time = TimeUse(lengths, windows.count(Window.IDEAL), windows.count(Window.RUSHED),
                   sum(w in (Window.LONG, Window.OVER) for w in windows), targets.target_text, sum(lengths))
    ids = list(story_ids) + [None] * (len(mains) - len(story_ids))
    nw = list(non_work) + [None] * (len(mains) - len(non_work))
    variety = _variety(mains, ids, nw, variety_notes, settings, story_settings)
    name = weakest[0]
    q, _ = min(mains, key=lambda qa: qa[1].report.scores.get(name, 100) if qa[1].report else 100)
    drill = DrillPick(q.text, q.ref, q.category,
                      f"your weakest dimension was {DIMENSION_NAMES[name]} ({weakest[1]:.0f}): drill this story with "
                      f"rapid follow-ups and {DRILL_FOCUS[name]}")
    overall = [r.overall for r in reports if r.overall is not None]
    return Debrief(session.id, len(mains), dims, strongest, weakest, tuple(recurring), time, tuple(variety), drill,
                   round(sum(overall) / len(overall), 1) if overall else None)


def debrief_for(store: Store, session: SessionRecord, targets: CoachingTargets = DEFAULT_TARGETS,
                settings: DebriefSettings = DEFAULT_DEBRIEF_SETTINGS) -> Debrief | None:
    """`session_debrief` with what the store knows: each answer's story link, whether it was told from
    outside work (read from its sections), and the story bank's variety notes."""
    mains = _mains(session)
    if len(mains) < settings.min_answers:
        return None
    ids: list[int | None] = []
    for _, a in mains:
        try:
            ids.append(get_attempt(store, a.id).story_id)
        except UserError:
            ids.append(None)
    settings_read = [story_setting([(str(s.label), s.text) for s in a.report.sections]) if a.report else None
                     for _, a in mains]
    non_work = [None if s in (None, "unclear") else s == "non_work" for s in settings_read]
    stories = list_stories(store)
    notes = variety_notes(stories) if stories else []
    return session_debrief(session, targets=targets, story_ids=ids, non_work=non_work, variety_notes=notes,
                           settings=settings)


def drill_run(store: Store, pick: DrillPick, questions: Sequence[Question], bank: str | None,
              settings: FlowSettings, seed: int | None = None) -> PracticeRun:
    """A drill session on `pick`'s question (the bank's own, with its probes, when it is among `questions`)."""
    question = next((q for q in questions if question_key(q) == pick.ref), None) or Question(
        "recommended", pick.question, pick.category or "general")
    return PracticeRun(store, QuestionSelector([question], seed=seed), SessionMode.DRILL, bank, settings)

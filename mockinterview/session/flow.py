"""Practice and drill flows: pure state machines that say which question comes next.

Practice: a sequence of main questions (from a picker such as `QuestionSelector`), each answered once and
followed by a probe quoting the answer's own words, the scorer's targeted follow-up when the answer has gaps
(else one of the bank's own probes), and one of the two standard probes. Drill: one story, then a fast run
of follow-ups: the standard probes, a probe quoting the answer, the answer's gaps, then the question's probes.
Follow-up answers are scored for delivery and length only, in their own shorter window
(`CoachingTargets.followup()`), see `followup_report`.

No I/O here: the caller records and scores answers and feeds the reports back with `answered()`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.formatting import mmss
from mockinterview.report import AnswerReport, Feedback, Flag, Window
from mockinterview.types import Question, QuestionKind, SessionMode


@dataclass(frozen=True, slots=True)
class FlowSettings:
    """Shape of practice and drill sessions, and how follow-up answers are judged."""

    practice_questions: int = 3
    """Main questions in a practice session."""
    practice_followups_with_gaps: int = 3
    """Follow-ups after a main answer the scorer flagged (answer probe + gap probe + standard probe)."""
    practice_followups_clean: int = 2
    """Follow-ups after a main answer with no flags (answer probe, else a bank probe + standard probe)."""
    drill_followups: int = 4
    """Follow-ups in the fast run after the drill story."""
    standard_followups: tuple[str, ...] = ("What would you do differently?", "How did others react?")
    """Probes every drilled story gets, first (docs/COACHING.md)."""
    targets: CoachingTargets = DEFAULT_TARGETS
    """What answers are coached toward; a follow-up is judged on `targets.followup()`, its shorter window."""

    def targets_for(self, kind: QuestionKind) -> CoachingTargets:
        """The targets of a "main" or a "followup" answer."""
        return self.targets.followup() if kind == QuestionKind.FOLLOWUP else self.targets
    length_penalty_per_s: float = 2.0
    """Length score points lost per second outside the follow-up window (from 100, floored at 0)."""
    followup_delivery_weight: float = 0.5
    """Weight of the delivery score in a follow-up's overall score; the rest is the length score."""
    followup_feedback_kinds: tuple[str, ...] = (Flag.FILLER_HEAVY,)
    """Scorer feedback kept on a follow-up answer (delivery only; structure is not judged there)."""


class QuestionPicker(Protocol):
    """Where main questions come from (`QuestionSelector` fits). `next()` raises when none is left."""

    def next(self) -> Question: ...


@dataclass(frozen=True, slots=True)
class Prompt:
    """One thing to ask: a main question, or a follow-up to the main question at `parent`."""

    index: int
    """Position in the session, from 0."""
    text: str
    kind: QuestionKind
    question: Question | None = None
    """The bank question (main prompts from a bank; a follow-up carries its main question)."""
    parent: int | None = None
    """Index of the main prompt a follow-up follows."""
    source: str = "bank"
    """Where the text came from: bank, story, standard, gap (the scorer's targeted probe), probe (the bank's
    own) or answer (a probe quoting the answer's words)."""


@dataclass(frozen=True, slots=True)
class FollowupAssessment:
    """How a follow-up answer did on length and delivery."""

    duration_s: float
    window: Window
    """rushed (< min), ideal, long (> max), over (> over_s)."""
    length_score: int
    delivery_score: int | None
    overall: int
    message: str


@dataclass(slots=True)
class Turn:
    """A prompt and what came of it (report None = skipped)."""

    prompt: Prompt
    report: AnswerReport | None = None
    assessment: FollowupAssessment | None = None
    skipped: bool = False


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", text.lower()).strip()


def _unique(texts: Sequence[tuple[str, str]], taken: set[str]) -> list[tuple[str, str]]:
    out = []
    for text, source in texts:
        key = _norm(text)
        if text.strip() and key not in taken:
            taken.add(key)
            out.append((text, source))
    return out


def assess_followup(report: AnswerReport, settings: FlowSettings) -> FollowupAssessment:
    """Judge a follow-up answer on its length (the follow-up window) and its delivery score."""
    s = settings
    t = s.targets.followup()
    d = report.delivery.duration_s
    window = t.window(d)
    outside = max(0.0, t.ideal_from_s - d, d - t.long_from_s)
    length = int(round(max(0.0, 100.0 - s.length_penalty_per_s * outside)))
    delivery = report.scores.get("delivery")
    overall = length if delivery is None else int(round(
        s.followup_delivery_weight * delivery + (1 - s.followup_delivery_weight) * length))
    span = mmss(d)
    window_text = f"{t.ideal_from_s:.0f}-{t.long_from_s:.0f} s"
    message = {
        Window.RUSHED: f"Follow-up answers land best in {window_text}; this one took {span}. "
                  "Add the one concrete detail the question asks for.",
        Window.IDEAL: f"Good length for a follow-up ({span}).",
        Window.LONG: f"Follow-up answers land best in {window_text}; this one took {span}. "
                "Answer the question first, then stop.",
        Window.OVER: f"Follow-up answers land best in {window_text}; this one took {span}, which loses the "
                "interviewer. Lead with the answer in one sentence.",
    }[window]
    return FollowupAssessment(d, window, length, delivery, overall, message)


def followup_report(report: AnswerReport, settings: FlowSettings) -> AnswerReport:
    """The scorer's report re-scored for a follow-up: delivery and length only, no STAR judgement."""
    a = assess_followup(report, settings)
    flags = [f for f in report.flags if f in settings.followup_feedback_kinds]
    if a.window == Window.RUSHED:
        flags.append(Flag.TOO_SHORT)
    elif a.window in (Window.LONG, Window.OVER):
        flags.append(Flag.TOO_LONG)
    scores = {"overall": a.overall, "length": a.length_score}
    if a.delivery_score is not None:
        scores["delivery"] = a.delivery_score
    feedback = [Feedback("length", a.message)] + [
        f for f in report.feedback if f.kind in settings.followup_feedback_kinds]
    return replace(report, delivery=replace(report.delivery, window=a.window), flags=flags, scores=scores,
                   feedback=feedback, followups=[])


@dataclass
class _Base:
    settings: FlowSettings
    seed: int | None
    turns: list[Turn] = field(default_factory=list)
    _queue: list[Prompt] = field(default_factory=list)
    _current: Prompt | None = None
    _started: bool = False
    _rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    @property
    def current(self) -> Prompt | None:
        """The prompt waiting for an answer (None before `start()` and when done)."""
        return self._current

    @property
    def done(self) -> bool:
        return self._started and self._current is None

    @property
    def upcoming(self) -> tuple[Prompt, ...]:
        """The prompt waiting for an answer, then the follow-ups queued after it (what the voice reads next)."""
        return (self._current, *self._queue) if self._current is not None else ()

    @property
    def followups_left(self) -> int:
        """Follow-ups of the current main question still to come, the current prompt included."""
        current = 1 if self._current is not None and self._current.kind == QuestionKind.FOLLOWUP else 0
        return current + sum(1 for p in self._queue if p.kind == QuestionKind.FOLLOWUP) if current else 0

    def start(self) -> Prompt | None:
        """The first prompt (the same one if already started)."""
        if not self._started:
            self._started = True
            self._current = self._next_main()
        return self._current

    def _index(self) -> int:
        return len(self.turns)

    def rescore(self, prompt: Prompt, report: AnswerReport) -> AnswerReport:
        """The report to save for `prompt`: unchanged for a main question, `followup_report` for a follow-up."""
        return report if prompt.kind == QuestionKind.MAIN else followup_report(report, self.settings)

    def answered(self, report: AnswerReport | None) -> Prompt | None:
        """Record the report of the current prompt's answer (None = skipped) and return the next prompt."""
        prompt = self._current
        if prompt is None:
            raise RuntimeError("no question is waiting for an answer")
        turn = Turn(prompt, report, skipped=report is None)
        if report is not None and prompt.kind == QuestionKind.FOLLOWUP:
            turn.assessment = assess_followup(report, self.settings)
        self.turns.append(turn)
        if prompt.kind == QuestionKind.MAIN:
            self._queue = self._followups(prompt, report) if report is not None else []
            self._on_main(prompt, report)
        self._current = self._advance()
        return self._current

    def skip(self) -> Prompt | None:
        """Skip the current prompt (a skipped main question gets no follow-ups)."""
        return self.answered(None)

    def _advance(self) -> Prompt | None:
        if self._queue:
            return self._queue.pop(0)
        return self._next_main()

    def _make_followups(self, parent: Prompt, texts: list[tuple[str, str]]) -> list[Prompt]:
        return [Prompt(self._index() + k, text, QuestionKind.FOLLOWUP, parent.question, parent.index, source)
                for k, (text, source) in enumerate(texts)]

    # hooks
    def _next_main(self) -> Prompt | None:
        raise NotImplementedError

    def _followups(self, prompt: Prompt, report: AnswerReport) -> list[Prompt]:
        raise NotImplementedError

    def _on_main(self, prompt: Prompt, report: AnswerReport | None) -> None:
        pass


class PracticeFlow(_Base):
    """Main questions from `picker`, each followed by one or two follow-ups."""

    mode = SessionMode.PRACTICE

    def __init__(self, picker: QuestionPicker, settings: FlowSettings | None = None,
                 seed: int | None = None) -> None:
        super().__init__(settings or FlowSettings(), seed if seed is not None else getattr(picker, "seed", None))
        self.picker = picker
        self._mains = 0

    def _next_main(self) -> Prompt | None:
        if self._mains >= self.settings.practice_questions:
            return None
        try:
            question = self.picker.next()
        except (StopIteration, LookupError) + _exhausted():
            return None
        self._mains += 1
        return Prompt(self._index(), question.text, QuestionKind.MAIN, question, None, "bank")

    def _followups(self, prompt: Prompt, report: AnswerReport) -> list[Prompt]:
        s = self.settings
        want = s.practice_followups_with_gaps if report.flags else s.practice_followups_clean
        probes = list(prompt.question.probes) if prompt.question else []
        self._rng.shuffle(probes)
        content = _answer_probes(report)
        gaps = _gap_probes(report, probes, s) if report.flags else []
        standard = list(s.standard_followups)
        self._rng.shuffle(standard)
        taken = {_norm(prompt.text)}
        head = _unique([*((t, "answer") for t in content[:1]), *((t, "gap") for t in gaps[:1]),
                        *((t, "probe") for t in probes), *((t, "gap") for t in gaps[1:])], taken)[: want - 1]
        return self._make_followups(prompt, head + _unique([(t, "standard") for t in standard], taken)[:1])

    def _on_main(self, prompt: Prompt, report: AnswerReport | None) -> None:
        record = getattr(self.picker, "record", None)
        if report is not None and prompt.question is not None and callable(record):
            record(prompt.question, report.scores.get("overall"))


class DrillFlow(_Base):
    """One story, then a fast run of follow-ups: standard probes, the answer's gaps, the question's probes."""

    mode = SessionMode.DRILL

    def __init__(self, story: Question | str, settings: FlowSettings | None = None,
                 seed: int | None = None) -> None:
        super().__init__(settings or FlowSettings(), seed)
        self.story = story

    def _next_main(self) -> Prompt | None:
        if self.turns:
            return None  # one story per drill
        if isinstance(self.story, Question):
            return Prompt(0, self.story.text, QuestionKind.MAIN, self.story, None, "bank")
        return Prompt(0, self.story, QuestionKind.MAIN, None, None, "story")

    def _followups(self, prompt: Prompt, report: AnswerReport) -> list[Prompt]:
        probes = list(prompt.question.probes) if prompt.question else []
        self._rng.shuffle(probes)
        standard = [(t, "standard") for t in self.settings.standard_followups]
        content = [(t, "answer") for t in _answer_probes(report)[:1]]
        gaps = [(t, "gap") for t in _gap_probes(report, probes, self.settings)]
        picks = _unique([*standard, *content, *gaps, *((t, "probe") for t in probes)], {_norm(prompt.text)})
        return self._make_followups(prompt, picks[: self.settings.drill_followups])


def _answer_probes(report: AnswerReport) -> list[str]:
    """Follow-ups quoting this answer's own words (from its sections)."""
    from mockinterview.analysis.star.probes import answer_probes

    return answer_probes([(str(s.label), s.text) for s in report.sections])


def _gap_probes(report: AnswerReport, probes: Sequence[str], settings: FlowSettings) -> list[str]:
    """The scorer's follow-ups aimed at this answer's gaps (not its standard probes, the bank's, nor those
    quoting the answer)."""
    from mockinterview.analysis.star.followups import STANDARD

    generic = {_norm(t) for t in (*STANDARD, *settings.standard_followups, *probes, *_answer_probes(report))}
    gaps = [t for t in report.followups if _norm(t) not in generic]
    if not gaps and report.flags and report.followups:
        gaps = report.followups[:1]  # e.g. no reflection: "What would you do differently?" is the gap probe
    return gaps


def _exhausted() -> tuple[type[BaseException], ...]:
    """The selector's "no questions left" error, if the selection module provides one."""
    try:
        from mockinterview.session.selection import QuestionsExhausted
    except ImportError:  # pragma: no cover - selection is part of the package
        return ()
    return (QuestionsExhausted,)

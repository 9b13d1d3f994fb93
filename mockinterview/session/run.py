"""One practice or drill run in the store, driven by the session layer's flow (`PracticeFlow`/`DrillFlow`).

The flow decides what comes next (main questions, then their follow-ups); this class records each question
in the store when it is actually put on screen, rescored follow-up reports, and skips.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockinterview.errors import StoreError
from mockinterview.report import AnswerReport
from mockinterview.session.flow import DrillFlow, FlowSettings, PracticeFlow, Prompt
from mockinterview.session.scoring import load_in_background
from mockinterview.session.selection import QuestionSelector
from mockinterview.storage.store import Store
from mockinterview.storage.unfinished import pick_up, set_aside_for
from mockinterview.types import Question, QuestionKind, SessionMode


@dataclass(slots=True)
class Asked:
    """A question on screen: a bank question (main) or a follow-up to one."""

    text: str
    question_id: int
    kind: QuestionKind = QuestionKind.MAIN
    category: str = ""
    number: int = 1
    """1-based number of the main question in this run (follow-ups carry their parent's)."""
    question: Question | None = None
    parent: Asked | None = None
    prompt: Prompt | None = None
    """The flow's prompt this question came from."""

    @property
    def probes(self) -> tuple[str, ...]:
        return self.question.probes if self.question else ()

    @property
    def main(self) -> Asked:
        return self.parent or self


class PracticeRun:
    """A practice or drill session: questions from `selector`, order and follow-ups from the flow."""

    def __init__(self, store: Store, selector: QuestionSelector, mode: SessionMode = SessionMode.PRACTICE,
                 bank: str | None = None, settings: FlowSettings | None = None) -> None:
        self.store = store
        self.selector = selector
        self.mode = mode
        self.bank = bank
        self.settings = settings or FlowSettings()
        load_in_background()
        self.flow: PracticeFlow | DrillFlow
        if mode == SessionMode.DRILL:
            self.flow = DrillFlow(selector.next(), self.settings, seed=selector.seed)
        else:
            self.flow = PracticeFlow(selector, self.settings)
        self.session_id: int | None = None
        self.pending: Prompt | None = None
        """The flow's next prompt, not yet on screen (None: the run is over)."""
        self._by_index: dict[int, Asked] = {}
        self.main_count = 0
        self._started = False

    def _session(self) -> int:
        if self.session_id is None:
            self.session_id = self.store.start_session(self.mode, seed=self.selector.seed, bank=self.bank)
        return self.session_id

    def first(self) -> Asked | None:
        """The first question, recorded as asked."""
        if not self._started:
            self._started = True
            self.pending = self.flow.start()
        return self.ask()

    def ask(self) -> Asked | None:
        """Put the pending prompt on screen: record it in the store and return it (None when over)."""
        prompt = self.pending
        if prompt is None:
            return None
        session = self._session()
        if prompt.kind == QuestionKind.MAIN:
            self.main_count += 1
            subject: Question | str = prompt.question if prompt.question is not None else prompt.text
            qid = self.store.add_question(session, subject)
            asked = Asked(prompt.text, qid, QuestionKind.MAIN, prompt.question.category if prompt.question else "",
                          self.main_count, prompt.question, None, prompt)
        else:
            parent = self._by_index.get(prompt.parent) if prompt.parent is not None else None
            category = parent.category if parent else ""
            qid = self.store.add_question(session, prompt.text, kind=QuestionKind.FOLLOWUP,
                                          parent=parent.question_id if parent else None,
                                          category=category or None)
            number = parent.number if parent else self.main_count
            asked = Asked(prompt.text, qid, QuestionKind.FOLLOWUP, category, number, None, parent, prompt)
        self._by_index[prompt.index] = asked
        return asked

    def rescore(self, asked: Asked, report: AnswerReport) -> AnswerReport:
        """The report to save: a follow-up is judged on delivery and length only (the flow's rule)."""
        return self.flow.rescore(asked.prompt, report) if asked.prompt is not None else report

    def answered(self, asked: Asked, report: AnswerReport | None) -> None:
        """Tell the flow how `asked` went (None = skipped); the next prompt becomes pending."""
        if self.flow.current is not None and asked.prompt is not None and self.flow.current.index == asked.prompt.index:
            self.pending = self.flow.answered(report)

    def skip_followups(self) -> None:
        """Skip the pending follow-ups: the next main question (if any) becomes pending."""
        while self.pending is not None and self.pending.kind == QuestionKind.FOLLOWUP:
            self.pending = self.flow.skip()

    @property
    def followups_left(self) -> int:
        """Follow-ups of the current question not asked yet (0 when the next prompt is a main question)."""
        return self.flow.followups_left

    @property
    def upcoming(self) -> list[str]:
        """What will be asked next, in order: the pending prompt, then the follow-ups queued after it."""
        return [p.text for p in self.flow.upcoming]

    @property
    def next_kind(self) -> QuestionKind | None:
        """"followup", "main" or None (the run is over)."""
        return self.pending.kind if self.pending is not None else None

    def end(self) -> None:
        """Close the session, first saving any answer that was set aside while the database was busy or full
        (`storage.unfinished`); if the database still fails, the StoreError says where such answers are kept."""
        pick_up(self.store)
        if self.session_id is None:
            return
        try:
            self.store.end_session(self.session_id)
        except StoreError as exc:
            kept = set_aside_for(self.store)
            if kept:
                raise StoreError(f"{exc} - answers not saved yet are kept in {kept[0][0].parent} and saved the next "
                                 "time mockinterview opens the database") from exc
            raise

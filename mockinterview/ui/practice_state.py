"""The bookkeeping of one practice or drill run: the stored session, questions asked, follow-ups pending."""

from __future__ import annotations

from dataclasses import dataclass, field

from mockinterview.session.selection import QuestionSelector
from mockinterview.storage.store import Store
from mockinterview.types import Question


@dataclass(slots=True)
class Asked:
    """A question on screen: a bank question (main) or a follow-up to one."""

    text: str
    question_id: int
    kind: str = "main"
    category: str = ""
    number: int = 1
    """1-based number of the main question in this run (follow-ups carry their parent's)."""
    question: Question | None = None
    parent: Asked | None = None
    followups: list[str] = field(default_factory=list)
    """Follow-ups still to ask about this main question (filled from its report)."""

    @property
    def probes(self) -> tuple[str, ...]:
        return self.question.probes if self.question else ()

    @property
    def main(self) -> Asked:
        return self.parent or self


class PracticeRun:
    """A practice or drill session in the store, asking questions from `selector`."""

    def __init__(self, store: Store, selector: QuestionSelector, mode: str = "practice",
                 bank: str | None = None) -> None:
        self.store = store
        self.selector = selector
        self.mode = mode
        self.bank = bank
        self.session_id: int | None = None
        self.asked: list[Asked] = []
        self.main_count = 0

    def _session(self) -> int:
        if self.session_id is None:
            self.session_id = self.store.start_session(self.mode, seed=self.selector.seed, bank=self.bank)
        return self.session_id

    def next_question(self) -> Asked:
        """Draw the next bank question and record it as asked."""
        question = self.selector.next()
        qid = self.store.add_question(self._session(), question)
        self.main_count += 1
        asked = Asked(question.text, qid, "main", question.category, self.main_count, question)
        self.asked.append(asked)
        return asked

    def followup(self, parent: Asked, text: str) -> Asked:
        """Record a follow-up to `parent` as asked (removing it from the pending ones)."""
        main = parent.main
        if text in main.followups:
            main.followups.remove(text)
        qid = self.store.add_question(self._session(), text, kind="followup", parent=main.question_id,
                                      category=main.category)
        asked = Asked(text, qid, "followup", main.category, main.number, None, main)
        self.asked.append(asked)
        return asked

    def answered(self, asked: Asked, overall: float | None) -> None:
        """Fold a main answer's score into the selection history."""
        if asked.kind == "main" and asked.question is not None:
            self.selector.record(asked.question, overall)

    def end(self) -> None:
        if self.session_id is not None:
            self.store.end_session(self.session_id)

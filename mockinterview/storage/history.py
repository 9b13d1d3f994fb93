"""Every attempt at one question: the answers given to it in any session, oldest first.

A bank question is the same question wherever it was asked (its `ref`); a question typed without a bank is
the same when its text is.
"""

from __future__ import annotations

from mockinterview.errors import StoreError
from mockinterview.storage.records import AnswerRecord
from mockinterview.storage.store import Store


def question_attempts(store: Store, answer_id: int) -> list[AnswerRecord]:
    """The answers to the question `answer_id` answered (main questions only), in the order given."""
    with store.using("reading a question's attempts") as conn:
        row = conn.execute("SELECT q.ref, q.text, q.kind FROM answers a JOIN questions q ON q.id = a.question_id"
                           " WHERE a.id = ?", (answer_id,)).fetchone()
        if row is None:
            raise StoreError(f"{store.path}: no answer {answer_id}")
        ref, text, kind = row
        if ref is not None:
            where, args = "q.ref = ?", (ref,)
        else:
            where, args = "q.ref IS NULL AND q.text = ?", (text,)
        ids = [r[0] for r in conn.execute(
            "SELECT a.id FROM answers a JOIN questions q ON q.id = a.question_id"
            f" WHERE q.kind = ? AND {where} ORDER BY a.id", (kind, *args))]
    return [store.get_answer(i) for i in ids]

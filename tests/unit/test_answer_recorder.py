"""AnswerRecorder with a real store, fed frames and events the way the pipeline feeds them."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from conftest import make_report, timed_words, wait_until

from mockinterview.errors import StoreError
from mockinterview.report import AnswerReport
from mockinterview.session.answer import INTERRUPTED, AnswerRecorder, RecorderSettings, save_scored_answer
from mockinterview.storage.recordings import read_wav
from mockinterview.storage.store import Store
from mockinterview.types import PipelineFinished, PipelineStats, SpeechStarted, Utterance, Word, WordsCommitted


def commit(index: int, *texts: str) -> WordsCommitted:
    ws = tuple(timed_words(texts, index, step=0.2, length=0.15))
    return WordsCommitted(Utterance(index, ws[0].start, ws[-1].end, ws))


def frame(k: int) -> bytes:
    return np.full(480, k % 3000, dtype=np.int16).tobytes()


def report_for(ws: list[Word], overall: int = 75) -> AnswerReport:
    return make_report(ws, scores={"overall": overall})


def test_frames_and_words_are_saved_while_the_answer_runs(store: Store) -> None:
    qid = store.add_question(store.start_session("practice"), "Q")
    with AnswerRecorder(store, qid, settings=RecorderSettings(flush_interval_s=0.02)) as rec:
        capture = threading.Thread(target=lambda: [rec.on_frame(frame(k)) for k in range(200)])
        capture.start()
        rec.on_event(SpeechStarted(0, 0.1))
        rec.on_event(commit(1, "I", "led", "it."))
        capture.join()
        wait_until(lambda: rec.words_saved >= 3, what="the first words saved")
        # saved before the answer ends
        assert [w.text for w in store.get_answer(rec.answer_id).words] == ["I", "led", "it."]
        rec.on_event(commit(2, "It", "worked."))
        rec.finish(None)
    answer = store.get_answer(rec.answer_id)
    assert answer.status == "complete"
    assert [w.text for w in answer.words] == ["I", "led", "it.", "It", "worked."]
    pcm, rate = read_wav(answer.recording_path)
    assert rate == 16000 and pcm == b"".join(frame(k) for k in range(200))


def test_finish_with_report_saves_scores_and_final_words(store: Store) -> None:
    qid = store.add_question(store.start_session("practice"), "Q")
    with AnswerRecorder(store, qid) as rec:
        rec.on_event(commit(0, "So", "I", "fixed", "it."))
        final = [Word("So", 0.0, 0.15, filler=True), Word("I", 0.2, 0.35), Word("fixed", 0.4, 0.55),
                 Word("it.", 0.6, 0.75)]
        rec.finish(report_for(final, 81))
    a = store.get_answer(rec.answer_id)
    assert a.status == "complete" and a.overall == 81 and a.words[0].filler


def test_pipeline_error_marks_the_answer_incomplete_with_the_reason(store: Store) -> None:
    qid = store.add_question(store.start_session("practice"), "Q")
    with AnswerRecorder(store, qid) as rec:
        rec.on_frame(frame(1))
        rec.on_event(commit(0, "half", "way"))
        rec.on_event(PipelineFinished(PipelineStats(), error="microphone: device disappeared"))
        rec.finish(report_for([Word("half", 0, 0.2), Word("way", 0.3, 0.5)]))
    a = store.get_answer(rec.answer_id)
    assert a.status == "incomplete" and a.incomplete_reason == "audio input failed: microphone: device disappeared"
    assert len(a.words) == 2 and a.report is not None


@pytest.mark.parametrize(("exc", "reason"), [(KeyboardInterrupt(), INTERRUPTED),
                                             (RuntimeError("decoder crashed\ntrace"),
                                              "stopped by an error: decoder crashed")])
def test_leaving_the_block_by_an_exception_keeps_what_was_captured(store: Store, exc: BaseException,
                                                                   reason: str) -> None:
    qid = store.add_question(store.start_session("practice"), "Q")
    with pytest.raises(type(exc)), AnswerRecorder(store, qid) as rec:
        for k in range(10):
            rec.on_frame(frame(k))
        rec.on_event(commit(0, "captured", "words"))
        raise exc
    a = store.get_answer(rec.answer_id)
    assert a.status == "incomplete" and a.incomplete_reason == reason
    assert [w.text for w in a.words] == ["captured", "words"]
    assert read_wav(a.recording_path)[0] == b"".join(frame(k) for k in range(10))


def test_leaving_the_block_without_finishing_is_incomplete(store: Store) -> None:
    qid = store.add_question(store.start_session("practice"), "Q")
    with AnswerRecorder(store, qid) as rec:
        rec.on_event(commit(0, "x"))
    assert store.get_answer(rec.answer_id).status == "incomplete"


def test_words_that_fail_to_save_are_retried(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    qid = store.add_question(store.start_session("practice"), "Q")
    real = store.append_words
    failures = [2]

    def flaky(answer_id: int, words: list[Word]) -> None:
        if failures[0] > 0:
            failures[0] -= 1
            raise StoreError(f"{store.path}: the session database is locked by another process")
        real(answer_id, words)

    monkeypatch.setattr(store, "append_words", flaky)
    with AnswerRecorder(store, qid, settings=RecorderSettings(flush_interval_s=0.01)) as rec:
        rec.on_event(commit(0, "first"))
        rec.on_event(commit(1, "second"))
        # the saver hits the lock twice and retries at its next flushes until the words are in
        wait_until(lambda: rec.words_saved == 2, what="the words saved once the lock cleared")
        rec.finish(None)
    assert [w.text for w in store.get_answer(rec.answer_id).words] == ["first", "second"]
    assert rec.errors and "locked" in str(rec.errors[0])


def test_words_that_never_save_raise_on_finish(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    qid = store.add_question(store.start_session("practice"), "Q")

    def broken(answer_id: int, words: list[Word]) -> None:
        raise StoreError(f"{store.path}: disk full while saving words; free some space and retry")

    monkeypatch.setattr(store, "append_words", broken)
    rec = AnswerRecorder(store, qid)
    rec.on_event(commit(0, "lost?"))
    with pytest.raises(StoreError, match="disk full"):
        rec.finish(None)
    assert store.get_answer(rec.answer_id).status == "incomplete"


def test_save_scored_answer(store: Store) -> None:
    ws = [Word("I", 0.5, 0.6), Word("shipped", 0.7, 1.0), Word("it.", 1.1, 1.3)]
    audio = (np.sin(np.arange(16000) / 10) * 3000).astype(np.int16)
    sid, aid = save_scored_answer(store, report_for(ws, 66), question="Tell me about a launch.", audio=audio)
    a = store.get_answer(aid)
    assert a.status == "complete" and a.overall == 66 and [w.text for w in a.words] == ["I", "shipped", "it."]
    assert read_wav(a.recording_path)[0] == audio.tobytes()
    (session,) = store.list_sessions()
    assert session.id == sid and session.mode == "score" and session.ended_at


def test_ctrl_c_handled_below_still_marks_the_answer_interrupted(store: Store) -> None:
    import os
    import signal

    qid = store.add_question(store.start_session("practice"), "Q")
    with AnswerRecorder(store, qid) as rec:
        rec.on_event(commit(0, "cut", "short"))
        try:  # like the pipeline, which stops capture on Ctrl-C and returns what it has
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass
        rec.finish(report_for([Word("cut", 0, 0.2), Word("short", 0.3, 0.5)]))
    a = store.get_answer(rec.answer_id)
    assert rec.interrupted and a.status == "incomplete" and a.incomplete_reason == INTERRUPTED
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored

"""The interviewer's voice without sound: the gate on synthetic spans and frames, the playback timing, finding
the engine, and the microphone callback muting frames."""

from __future__ import annotations

import queue
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from mockinterview.audio.sources import FRAME_SAMPLES, MicrophoneSource
from mockinterview.audio.voice import SPANS_KEPT, Interviewer, Playback, Speech, SpeechGate, VoiceSettings
from mockinterview.audio.voice_engine import Engine, Sentence, find_engine, sentences
from mockinterview.session.inputs import FileInputs, MicrophoneInput
from mockinterview.session.interviewer_voice import InterviewerVoice

FRAME_S = 0.03


def gate_with(*spans: tuple[float, float], before: float = 0.05, after: float = 0.3) -> SpeechGate:
    gate = SpeechGate(before, after)
    for start, end in spans:
        gate.begin(start)
        gate.extend(end)
    return gate


def test_frames_overlapping_the_voice_and_its_margins_are_muted():
    gate = gate_with((100.0, 104.0))
    assert not gate.muted(99.90, FRAME_S)  # ends 20 ms before the 50 ms margin
    assert gate.muted(99.93, FRAME_S)  # reaches into the margin before the voice
    assert gate.muted(102.0, FRAME_S)
    assert gate.muted(104.29, FRAME_S)  # inside the 300 ms after the last sample (echo, stamp error)
    assert not gate.muted(104.30, FRAME_S)
    assert not gate.muted(110.0, FRAME_S)


def test_a_frame_delivered_during_the_voice_is_muted_even_with_a_wrong_capture_stamp():
    gate = gate_with((100.0, 104.0))
    # PulseAudio's capture stamps can be 0.25-0.5 s off just after a stream opens: the delivery time still tells
    assert gate.muted(99.0, FRAME_S, now=100.2)
    assert gate.muted(99.0, FRAME_S, now=104.2)
    assert not gate.muted(99.0, FRAME_S, now=99.5)
    assert not gate.muted(105.0, FRAME_S, now=105.03)


def test_every_kept_span_gates_and_old_ones_are_dropped():
    spans = [(10.0 * k, 10.0 * k + 2.0) for k in range(SPANS_KEPT + 2)]
    gate = gate_with(*spans)
    assert len(gate.spans()) == SPANS_KEPT
    assert gate.muted(spans[-1][0] + 1, FRAME_S) and gate.muted(spans[-3][0] + 1, FRAME_S)
    assert not gate.muted(spans[0][0] + 1, FRAME_S), "spans older than the last few are forgotten"
    assert not gate.muted(spans[-1][0] - 3, FRAME_S), "between spans the microphone is open"


def test_a_span_grows_with_the_audio_written_and_never_shrinks():
    gate = gate_with((5.0, 5.0))
    assert not gate.muted(5.5, FRAME_S)
    gate.extend(6.0)
    assert gate.muted(6.2, FRAME_S)
    gate.extend(5.5)
    assert gate.spans() == [(5.0, 6.0)]


def test_the_microphone_callback_replaces_muted_frames_with_silence():
    gate = gate_with((100.0, 101.0))
    source = object.__new__(MicrophoneSource)  # only the callback is exercised: no device here
    source.gate, source.muted, source.dropped, source._queue = gate.muted, 0, 0, queue.Queue()
    loud = np.full(FRAME_SAMPLES, 1000, np.int16).tobytes()
    for k in range(100):  # 3 s of frames, ADC stamps from 99 s on, delivered 10 ms after capture
        t = 99.0 + k * FRAME_S
        source._callback(loud, FRAME_SAMPLES, SimpleNamespace(inputBufferAdcTime=t, currentTime=t + 0.01), None)
    frames = [source._queue.get_nowait() for _ in range(100)]
    assert all(len(f) == len(loud) for f in frames), "muted frames keep their length, so the clock stays right"
    silent = [k for k, f in enumerate(frames) if not any(f)]
    first, last = silent[0] * FRAME_S + 99.0, silent[-1] * FRAME_S + 99.0
    assert silent == list(range(silent[0], silent[-1] + 1))
    assert first == pytest.approx(100.0 - 0.05 - FRAME_S, abs=FRAME_S) and last == pytest.approx(101.3, abs=FRAME_S)
    assert source.muted == len(silent)


def test_sentences_split_for_piper_one_per_line():
    text = "Tell me about a launch.\nStart with   what was at stake. Why? 3 teams were involved."
    assert sentences(text) == ["Tell me about a launch.", "Start with what was at stake.", "Why?",
                               "3 teams were involved."]
    assert sentences("e.g. the v2.1 rollout") == ["e.g. the v2.1 rollout"]


def test_a_missing_piper_or_voice_leaves_a_reason(monkeypatch, tmp_path):
    monkeypatch.setenv("MOCKINTERVIEW_PIPER", str(tmp_path / "piper"))
    engine = find_engine()
    assert not engine.available and "is not a program" in engine.reason and "mockinterview[voice]" in engine.reason
    monkeypatch.setenv("MOCKINTERVIEW_PIPER", sys.executable)  # any program will do to look for the voice
    monkeypatch.setenv("MOCKINTERVIEW_VOICE", str(tmp_path / "voice.onnx"))
    assert "missing" in find_engine().reason
    (tmp_path / "voice.onnx").write_bytes(b"")
    assert "missing" in find_engine().reason, "the .onnx.json must lie beside the model"
    (tmp_path / "voice.onnx.json").write_text('{"audio": {"sample_rate": 22050}}')
    engine = find_engine()
    assert engine.available and engine.program == sys.executable and engine.voice == tmp_path / "voice.onnx"
    assert "piper" not in sys.modules, "piper is GPL: it is run, never imported"


def test_without_an_engine_the_voice_is_silent_and_says_why():
    voice = Interviewer(engine=Engine(reason="the piper program is not installed")).start()
    assert not voice.available and voice.reason.startswith("the piper program")
    assert voice.prefetch("Hello.") is None and voice.speak("Hello.") is None
    voice.stop()


# -- the playback timing, driven through the output callback with synthetic buffers ---------------------------
RATE = 22050


def ready(samples: int) -> Sentence:
    s = Sentence("x")
    s.audio = np.ones(samples, np.int16)
    s.done.set()
    return s


def play(voice: Interviewer, parts: list[Sentence], buffers: int, *, frames: int = 2205,
         t0: float = 50.0) -> tuple[Playback, list[np.ndarray]]:
    """Feed `buffers` output buffers of `frames` samples, buffer k reaching the speaker at t0 + k * 0.1 s."""
    playback = Playback(Speech("x", parts), t0)
    voice._current, voice._part, voice._pos = playback, 0, 0
    outs = []
    for k in range(buffers):
        out = np.full((frames, 1), 7, np.int16)
        t = t0 + k * frames / RATE
        voice._callback(out, frames, SimpleNamespace(outputBufferDacTime=t + 0.1, currentTime=t),
                        SimpleNamespace(output_underflow=False))
        outs.append(out[:, 0].copy())
    return playback, outs


def test_the_span_runs_from_the_first_to_just_after_the_last_sample():
    voice = Interviewer(engine=Engine(reason="no engine in this test"))
    playback, outs = play(voice, [ready(3000), ready(1410)], buffers=4)
    assert playback.done.is_set() and voice._current is None
    assert playback.start_dac == pytest.approx(50.1)
    assert playback.end_dac == pytest.approx(50.1 + 4410 / RATE)
    assert voice.gate.spans() == [(playback.start_dac, playback.end_dac)]
    assert int(np.concatenate(outs).sum()) == 4410, "the samples, then silence"
    assert playback.first_audio_s == pytest.approx(0.1)


def test_a_sentence_not_synthesized_yet_is_waited_for_in_silence():
    voice = Interviewer(engine=Engine(reason="no engine in this test"))
    late = Sentence("late")
    playback, outs = play(voice, [ready(2205), late], buffers=3)
    assert not playback.done.is_set(), "still speaking: the rest comes when piper writes it"
    assert not outs[1].any() and not outs[2].any()
    assert voice.gate.spans() == [(pytest.approx(50.1), pytest.approx(50.2))]
    late.audio = np.ones(2205, np.int16)
    late.done.set()
    out = np.zeros((2205, 1), np.int16)
    voice._callback(out, 2205, SimpleNamespace(outputBufferDacTime=50.4, currentTime=50.3),
                    SimpleNamespace(output_underflow=False))
    assert out.all() and voice.gate.spans() == [(pytest.approx(50.1), pytest.approx(50.5))]


def test_a_stuck_engine_ends_the_utterance_and_the_gate_lifts():
    voice = Interviewer(VoiceSettings(sentence_timeout_s=0.25), engine=Engine(reason="no engine in this test"))
    playback, _ = play(voice, [ready(2205), Sentence("never written")], buffers=6)
    assert playback.done.is_set() and playback.end_dac == pytest.approx(50.2)
    assert not voice.gate.muted(50.2 + 0.31, FRAME_S)


def test_cancel_ends_the_playback_at_the_audio_already_written():
    voice = Interviewer(engine=Engine(reason="no engine in this test"))
    playback, _ = play(voice, [ready(22050)], buffers=2)
    voice.cancel()
    assert playback.done.is_set() and playback.end_dac == pytest.approx(50.3)
    assert voice.gate.spans() == [(pytest.approx(50.1), pytest.approx(50.3))]


def test_a_sentence_waits_with_a_timeout():
    s = Sentence("x")
    with pytest.raises(TimeoutError):
        s.wait(0.01)
    threading.Timer(0.01, lambda: (setattr(s, "error", "piper exited (boom)"), s.done.set())).start()
    with pytest.raises(RuntimeError, match="boom"):
        s.wait(5)


def test_the_status_line_says_whether_the_voice_speaks_and_how_to_get_it():
    missing = InterviewerVoice(Interviewer(engine=Engine(reason="the piper program is not installed; ...")))
    mic = MicrophoneInput()
    missing.attach(mic)
    assert missing.status(mic) == "no voice" and mic.gate is None
    voice = InterviewerVoice(Interviewer(engine=Engine(program="piper", voice=Path("voice.onnx"))))
    voice.attach(mic)
    assert mic.gate is not None, "the microphone is gated around the voice"
    assert voice.status(mic) == "voice on"
    voice.set_on(False, mic)
    assert voice.status(mic) == "voice off"
    assert voice.status(FileInputs([Path("a.flac")])) == "voice silent for file answers"
    assert voice.ask("Tell me about a launch.", FileInputs([Path("a.flac")])) is None

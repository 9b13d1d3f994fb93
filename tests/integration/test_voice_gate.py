"""The interviewer's voice on a real sound path: piper speaks into a PulseAudio null sink whose monitor is the
microphone (a speaker bleeding into the mic at full level, the worst case), then a spoken answer plays into it.

The gated microphone must give a transcript without a single interviewer word, and an answer timer that
starts at the candidate's first word; the same microphone without the gate (recorded alongside) must hear
the questions, which shows the voice really reached the microphone. The sink is this test's own, so audio
others play on the shared virtual microphone cannot interfere.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))
from virtual_mic import own_virtual_mic, play_into  # noqa: E402

from mockinterview.audio.pipeline import Pipeline, transcribe_file  # noqa: E402
from mockinterview.audio.sources import FRAME_SAMPLES, MicrophoneSource  # noqa: E402
from mockinterview.audio.voice import Interviewer, SpeechGate  # noqa: E402
from mockinterview.session.banks import all_questions, load_banks  # noqa: E402
from mockinterview.types import SAMPLE_RATE  # noqa: E402

pytestmark = [pytest.mark.mic, pytest.mark.model, pytest.mark.voice]

FRAME_S = FRAME_SAMPLES / SAMPLE_RATE
COMMON = frozenset((  # function words: anyone may say them, so they cannot tell who spoke
    "a", "an", "the", "to", "of", "and", "or", "in", "on", "for", "you", "your", "i", "me", "my", "we", "what",
    "how", "did", "do", "was", "were", "with", "that", "this", "it", "is", "about", "tell", "time",
))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


class LoggedGate:
    """The voice's gate, recording for every captured frame its stamps and whether it was muted."""

    def __init__(self, gate: SpeechGate) -> None:
        self.gate = gate
        self.frames: list[tuple[float, float, bool]] = []

    def __call__(self, adc: float, duration: float, now: float) -> bool:
        muted = self.gate.muted(adc, duration, now)
        self.frames.append((adc, now, muted))
        return muted

    def capture_s(self, stream_time: float) -> float:
        """Seconds into the capture of a stream time (by the frames' capture stamps, settled by then)."""
        adc = np.maximum.accumulate(np.array([f[0] for f in self.frames]))
        return float(np.interp(stream_time, adc, np.arange(adc.size) * FRAME_S))


def record(source: MicrophoneSource, frames: list[bytes]) -> threading.Thread:
    thread = threading.Thread(target=lambda: frames.extend(source.frames()), daemon=True)
    thread.start()
    return thread


def write_wav(path: Path, frames: list[bytes]) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(b"".join(frames))
    return path


@pytest.fixture
def sink_and_voice(voice_installed):
    with own_virtual_mic(f"mockinterview_voicegate_{os.getpid()}") as device:
        voice = Interviewer().start()  # plays into this test's sink (PULSE_SINK)
        try:
            assert voice.available, voice.reason
            yield os.environ["PULSE_SINK"], device, voice
        finally:
            voice.stop()


def test_no_interviewer_words_reach_the_transcript(sink_and_voice, short_answer, whisper_model, tmp_path):
    sink, device, voice = sink_and_voice
    answer_path, gold = short_answer
    core = all_questions(load_banks(["core"]))
    questions = [core[0].text, core[5].text]
    for q in questions:
        assert voice.prefetch(q).wait(120), "piper synthesized the questions"
    said = {w for s in gold["sentences"] for w in words(s["text"])}
    distinct = {w for q in questions for w in words(q)} - COMMON - said

    gate = LoggedGate(voice.gate)
    gated = MicrophoneSource(device, gate=gate)
    raw, raw_frames = MicrophoneSource(device), []
    events = []
    pipeline = Pipeline(gated, whisper_model, listeners=[events.append]).start()
    raw_thread = record(raw, raw_frames)
    answers_at = []
    for k, q in enumerate(questions):
        if k:  # the first question starts as the microphone opens, while its stamps are still unsettled
            pipeline.wait_captured(pipeline.state.now() + 1.0)
        playback = voice.speak(q)
        assert playback is not None and playback.done.wait(60), "the question was spoken"
        while voice.is_speaking:
            threading.Event().wait(0.01)
        answers_at.append(voice.stream_time())
        assert play_into(sink, str(answer_path)).wait(60) == 0
    pipeline.wait_captured(pipeline.state.now() + 1.0)
    pipeline.stop()
    raw.stop()
    transcript = pipeline.wait(timeout=300)
    raw_thread.join(10)

    assert transcript.stats.dropped_frames == 0
    assert gated.muted > 0 and any(m for _, _, m in gate.frames)
    heard = set(words(transcript.text))
    assert not heard & distinct, f"interviewer words in the transcript: {sorted(heard & distinct)}"
    for word in ("page", "seconds", "index"):
        assert word in heard, f"the answer itself is transcribed: {transcript.text}"

    # speech is heard only while an answer plays: never while the voice speaks, and the timer starts at the
    # candidate's first word (0.6 s into the recording), not at the voice
    starts = [gate.capture_s(t) for t in answers_at]
    windows = [(s - 0.3, s + gold["duration"] + 1.0) for s in starts]
    for span in transcript.speech:
        assert any(a <= span.start <= b for a, b in windows), f"speech at {span.start:.2f} s outside the answers"
    first = transcript.speech[0].start + 0.24  # VAD spans open with 240 ms of padding
    assert first == pytest.approx(starts[0] + gold["sentences"][0]["start"], abs=0.5)

    # the control: the same microphone without the gate hears the interviewer
    raw_text = transcribe_file(write_wav(tmp_path / "ungated.wav", raw_frames), model=whisper_model).text
    leaked = set(words(raw_text)) & distinct
    assert len(leaked) >= 5, f"without the gate the questions should be heard: {raw_text}"


def test_a_prefetched_question_starts_playing_at_once(sink_and_voice):
    _, _, voice = sink_and_voice
    texts = [q.text for q in all_questions(load_banks(["core"]))[:3]]
    delays = []
    for text in texts:
        assert voice.prefetch(text).wait(120)
        playback = voice.speak(text)
        assert playback is not None and playback.done.wait(60)
        delays.append(playback.first_audio_s)
    # the figure itself is measured by benchmarks/bench_voice.py; here only a bound no loaded machine misses
    assert max(delays) < 2.0, delays
    assert all(d > 0 for d in delays)

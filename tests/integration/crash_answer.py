"""Record one paced answer into the store, reporting progress on stdout; the crash tests kill it midway.

usage: python crash_answer.py AUDIO PACE REPEAT OUT_WAV     (the store is in $MOCKINTERVIEW_HOME)

AUDIO is played REPEAT times in a row (written to OUT_WAV first), so a slow transcriber on a busy machine
still commits words while audio is being captured.

Prints one JSON object per line: {"ready": answer_id, "recording": path} once recording starts, then
{"committed": [...words...]} for each commit received and {"saved": N} whenever the saved word count
grows, and {"finished": true} if the whole file was processed.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import wave

from mockinterview.audio.model import ModelLoader
from mockinterview.audio.pipeline import transcribe_file
from mockinterview.audio.sources import decode_file
from mockinterview.session.answer import AnswerRecorder
from mockinterview.storage.store import open_store
from mockinterview.types import SAMPLE_RATE, WordsCommitted


def say(obj: object) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> None:
    source, pace, repeat, audio = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    pcm = decode_file(source).tobytes()
    with wave.open(audio, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm * repeat)
    model = ModelLoader().start().get()
    store = open_store()
    session = store.start_session("practice", seed=1, bank="fixtures")
    question = store.add_question(session, "Tell me about a project you owned end to end.")
    with AnswerRecorder(store, question) as recorder:

        def on_event(event: object) -> None:
            recorder.on_event(event)  # type: ignore[arg-type]
            if isinstance(event, WordsCommitted):
                say({"committed": [w.text for w in event.utterance.words]})

        def watch() -> None:
            last = 0
            while not recorder.closed:
                if recorder.words_saved != last:
                    last = recorder.words_saved
                    say({"saved": last, "recorded_s": round(recorder.recorded_s, 2)})
                time.sleep(0.02)

        threading.Thread(target=watch, daemon=True).start()
        say({"ready": recorder.answer_id, "recording": str(recorder.recording_path)})
        transcribe_file(audio, pace=pace, model=model, listeners=[on_event],
                        frame_listeners=[recorder.on_frame])
        if not recorder.interrupted:
            say({"finished": True})
        recorder.finish(None)  # incomplete ("interrupted (Ctrl-C)") if Ctrl-C stopped the pipeline


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Speak mockinterview/samples/sample-answer.txt (one sentence a line) to sample-answer.flac with festival.

The bundled sample answer lets a user without a microphone see the whole practice flow. Each sentence is
synthesized on its own (festival's cmu_us_slt_arctic_hts voice, slowed with sox to about an interview pace)
and the sentences are joined with short pauses. Needs festival, festvox-us-slt-hts and sox (Debian).

usage: scripts/make_sample_answer.py [TEXT] [OUT.flac]
"""

from __future__ import annotations

import array
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

RATE = 16000
STRETCH = 1.15
"""Festival speaks about 175 wpm; slowing it by this factor brings it near a calm interview pace."""
PAUSES_S = (0.45, 0.6, 0.35, 0.8, 0.5, 0.7)
"""Pauses after the sentences, used in turn (a fixed pattern, so the file is reproducible)."""
LEAD_S = 0.6
"""Silence before the first word."""
TRIM_LEVEL = 200
"""Samples below this amplitude at a sentence's edges are trimmed (festival's leading/trailing silence)."""

SAMPLES = Path(__file__).resolve().parents[1] / "mockinterview" / "samples"


def speak(text: str, out: Path) -> None:
    """`text` spoken by festival's slt voice into the 16 kHz mono WAV `out`, slowed to an interview pace."""
    raw = out.with_suffix(".raw.wav")
    txt = out.with_suffix(".txt")
    txt.write_text(text)
    subprocess.run(["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", str(txt), "-o", str(raw)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out), "tempo", "-s",
                    f"{1 / STRETCH:.3f}"], check=True)


def synth(text: str, out: Path) -> bytes:
    """`text` spoken (see `speak`) as PCM, with the silence at its edges trimmed."""
    speak(text, out)
    with wave.open(str(out)) as w:
        samples = array.array("h", w.readframes(w.getnframes()))
    i, j = 0, len(samples)
    while i < j and abs(samples[i]) < TRIM_LEVEL:
        i += 1
    while j > i and abs(samples[j - 1]) < TRIM_LEVEL:
        j -= 1
    return samples[i:j].tobytes()


def main() -> None:
    text = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLES / "sample-answer.txt"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else SAMPLES / "sample-answer.flac"
    sentences = [line.strip() for line in text.read_text().splitlines() if line.strip()]
    pcm = b"\0\0" * int(LEAD_S * RATE)
    with tempfile.TemporaryDirectory() as tmp:
        for k, sentence in enumerate(sentences):
            pcm += synth(sentence, Path(tmp) / f"{k}.wav")
            pcm += b"\0\0" * int(PAUSES_S[k % len(PAUSES_S)] * RATE)
        wav = Path(tmp) / "answer.wav"
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(pcm)
        subprocess.run(["sox", str(wav), "-C", "8", str(out)], check=True)
    print(f"{out}: {len(pcm) / 2 / RATE:.1f} s, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

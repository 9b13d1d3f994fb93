#!/usr/bin/env python3
"""The interviewer's voice: time to first audio, real-time factor and memory of the piper process.

Time to first audio (TTFA) runs from the call that starts a question to the first sample of it heard in a
PulseAudio null sink's monitor (captured with its own stream timestamps, on the clock of the output stream);
the time PortAudio reports for the sample reaching the device (DAC time) is printed beside it.
- cold: piper is spawned at the question (what a session without a warm process would pay);
- warm: piper is loaded and idle, the question is synthesized when it appears;
- prefetched: synthesized ahead, as the app does while a scorecard is shown (the product's path).
The real-time factor is synthesis seconds per second of speech. The questions are the shipped banks', taken
round-robin so every bank is in. The machine is shared: the load average and a fixed single-threaded task
(`sum(i * i for i in range(3e6))`) are timed at the start and the end, and the medians are also given as
ratios to that task. Run it quietly and away from the shared virtual microphone (it uses a sink of its own):

    flock /tmp/quiet.lock .venv/bin/python benchmarks/bench_voice.py [--n 0] [--cold 8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from pathlib import Path

import numpy as np

from mockinterview.audio.voice import Interviewer, Playback
from mockinterview.audio.voice_engine import PiperProcess
from mockinterview.session.banks import load_banks

SINK = f"mockinterview_benchvoice_{os.getpid()}"
RATE, FRAME = 16000, 480


def questions(n: int) -> list[str]:
    """n questions of the shipped banks (0: all), round-robin across the banks."""
    banks = [[q.text for q in bank.questions] for bank in load_banks()]
    out: list[str] = []
    for k in range(max(len(b) for b in banks)):
        out += [b[k] for b in banks if k < len(b)]
    return out[:n] if n else out


def baseline_s() -> float:
    t = time.perf_counter()
    sum(i * i for i in range(3_000_000))
    return time.perf_counter() - t


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
    return int(fields["Rss"].split()[0]) / 1024, int(fields["Pss"].split()[0]) / 1024


def stats(xs: list[float]) -> str:
    xs = sorted(xs)
    p90 = xs[min(len(xs) - 1, round(0.9 * (len(xs) - 1)))]
    return f"median {statistics.median(xs) * 1000:6.0f} ms   p90 {p90 * 1000:6.0f} ms"


class Monitor:
    """Records the sink's monitor with capture timestamps, to see when sound really arrives."""

    def __init__(self) -> None:
        import sounddevice as sd

        self.frames: list[tuple[float, bytes]] = []
        self.stream = sd.RawInputStream(samplerate=RATE, blocksize=FRAME, channels=1, dtype="int16",
                                        device="pulse", callback=self._callback)
        self.stream.start()
        time.sleep(2.0)  # PulseAudio's capture stamps settle in a second or two

    def _callback(self, data, frames, time_info, status) -> None:
        self.frames.append((time_info.inputBufferAdcTime, bytes(data)))

    def first_sound_after(self, t: float, timeout: float = 60.0) -> float:
        """Stream time of the first non-zero sample captured after stream time t (the sink is digital)."""
        deadline, k = time.monotonic() + timeout, 0
        while time.monotonic() < deadline:
            while k < len(self.frames):
                adc, frame = self.frames[k]
                k += 1
                nz = np.flatnonzero(np.frombuffer(frame, dtype=np.int16))
                if adc + FRAME / RATE >= t and nz.size:
                    return adc + nz[0] / RATE
            time.sleep(0.005)
        raise TimeoutError("no sound reached the monitor")

    def close(self) -> None:
        self.stream.close()


def heard(voice: Interviewer, monitor: Monitor, text: str, since: float) -> tuple[float, float, Playback]:
    """speak(text); (seconds until heard in the monitor, until the DAC time PortAudio gave), from `since`."""
    playback = voice.speak(text)
    assert playback is not None, voice.reason
    at = monitor.first_sound_after(since)
    while not playback.start_dac:
        time.sleep(0.002)
    return at - since, playback.start_dac - since, playback


def quiet(voice: Interviewer) -> None:
    """Stop the voice and let what is still on its way play out."""
    voice.cancel()
    time.sleep(0.5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=0, help="questions (0 = every shipped question)")
    ap.add_argument("--cold", type=int, default=8, help="questions timed with a cold start (each spawns piper)")
    args = ap.parse_args()
    texts = questions(args.n)
    load0, base0 = os.getloadavg(), baseline_s()
    print(f"machine: {os.cpu_count()} cores; load average {load0[0]:.1f} {load0[1]:.1f}; "
          f"baseline task {base0 * 1000:.0f} ms")
    module = subprocess.run(["pactl", "load-module", "module-null-sink", f"sink_name={SINK}"],
                            capture_output=True, text=True, check=True).stdout.strip()
    os.environ.update(PULSE_SINK=SINK, PULSE_SOURCE=f"{SINK}.monitor")
    voice = Interviewer()
    try:
        voice.start()
        if not voice.available:
            raise SystemExit(f"bench_voice: no voice: {voice.reason}")
        monitor = Monitor()
        assert voice.synth is not None
        voice.synth.say("Ready.").wait(120)
        run(voice, monitor, texts, args.cold, base0)
        monitor.close()
    finally:
        voice.stop()
        subprocess.run(["pactl", "unload-module", module], capture_output=True)
    load1 = os.getloadavg()
    print(f"load average at the end {load1[0]:.1f} {load1[1]:.1f}; baseline task {baseline_s() * 1000:.0f} ms")


def run(voice: Interviewer, monitor: Monitor, texts: list[str], cold_n: int, base: float) -> None:
    print(f"{len(texts)} questions from the shipped banks; times to first audio, heard in the sink "
          "(DAC time reported by PortAudio in brackets):")
    cold, cold_dac = [], []
    for text in texts[:cold_n]:  # a fresh piper for each: spawn, load the voice, synthesize the first sentence
        assert voice.synth is not None
        voice.synth.close()
        voice._cache.clear()
        since = voice.stream_time()
        voice.synth = PiperProcess(voice.engine)
        at, dac, _ = heard(voice, monitor, text, since)
        cold.append(at)
        cold_dac.append(dac)
        quiet(voice)
    voice._cache.clear()
    warm, warm_dac, rtf, speech_s = [], [], [], []
    for text in texts:  # warm, synthesized when the question appears
        at, dac, playback = heard(voice, monitor, text, voice.stream_time())
        warm.append(at)
        warm_dac.append(dac)
        audio = playback.speech.audio()
        parts = playback.speech.parts
        rtf.append((max(p.ready_at for p in parts) - parts[0].sent_at) / (audio.size / voice.synth.rate))
        speech_s.append(audio.size / voice.synth.rate)
        quiet(voice)
    pre, pre_dac = [], []
    for text in texts:  # prefetched while the scorecard is shown, then asked
        speech = voice.prefetch(text)
        assert speech is not None and speech.wait(120)
        at, dac, _ = heard(voice, monitor, text, voice.stream_time())
        pre.append(at)
        pre_dac.append(dac)
        quiet(voice)
    for name, xs, dacs in (("cold (piper spawned)", cold, cold_dac), ("warm, on demand", warm, warm_dac),
                           ("prefetched", pre, pre_dac)):
        if xs:
            print(f"  {name:22s} {stats(xs)}   ({stats(dacs)})   n={len(xs)}   "
                  f"median = {statistics.median(xs) / base:.2f}x the baseline task")
    print(f"real-time factor: median {statistics.median(rtf):.3f}, max {max(rtf):.3f}, over {sum(speech_s):.0f} s "
          f"of speech (questions of {min(speech_s):.1f}-{max(speech_s):.1f} s)")
    assert voice.synth is not None
    rss, pss = memory_mb(voice.synth.pid)
    print(f"piper process memory: RSS {rss:.0f} MB, PSS {pss:.0f} MB; output underruns while speaking: "
          f"{voice.underruns}")


if __name__ == "__main__":
    main()

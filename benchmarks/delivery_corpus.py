"""Shared by the delivery benchmarks: the gold corpus, transcription (cached) and speech spans.

Three routes to words and speech spans (`--via`):
  pipeline    `mockinterview.audio.pipeline.transcribe_file` at pace 0, the product path (slow here: it also
              decodes partials and speculations);
  utterances  the pipeline's own VAD segmenter and `decode`/`build_prompt`, one decode per closed utterance
              as at live pace, without threads or partials (the default: same commits, a fraction of the CPU);
  shim        one faster-whisper pass over the whole file + webrtcvad spans (what Whisper does on its own).
Transcripts are cached as JSON under benchmarks/out/cache so re-running a benchmark costs seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from mockinterview.audio.transcriber import HESITATION_PROMPT
from mockinterview.types import SAMPLE_RATE, Span, Word

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CACHE = REPO / "benchmarks" / "out" / "cache"

CACHE_VERSION = "-confined-speculation"
"""Part of every cache key: bump it when the decoder changes so old transcripts are not reused."""

PROMPTS = {
    "disfluent": "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking.",
    "disfluent-uh": HESITATION_PROMPT,
}
"""Disfluent initial prompts: they nudge Whisper to keep hesitations in its text. The first is the classic
one; the second also shows "uh", which the first never does."""

DISFLUENT_PROMPT = PROMPTS["disfluent"]


@dataclass
class GoldAnswer:
    id: str
    voice: str
    audio: Path
    fillers: list[str]
    sentences: list[dict]

    @property
    def start(self) -> float:
        return self.sentences[0]["start"]

    @property
    def end(self) -> float:
        return self.sentences[-1]["end"]

    def pauses(self, min_s: float) -> list[tuple[float, float]]:
        """Gold silences over `min_s` between sentences."""
        out = []
        for a, b in zip(self.sentences, self.sentences[1:], strict=False):
            if b["start"] - a["end"] > min_s:
                out.append((a["end"], b["start"]))
        return out


def load_corpus(corpus: Path) -> list[GoldAnswer]:
    """Every answer of the corpus and of its disfluent/ subfolder, in id order."""
    answers = []
    for d in (corpus, corpus / "disfluent"):
        for g in sorted(d.glob("*.gold.json")):
            meta = json.loads(g.read_text())
            answers.append(GoldAnswer(meta["id"], meta["voice"], d / meta["audio"], meta["fillers"],
                                      meta["sentences"]))
    return answers


@dataclass
class Transcribed:
    words: list[Word]
    speech: list[Span]
    audio: np.ndarray
    seconds: float
    via: str
    styled: list[Word] = field(default_factory=list)
    """Words of the hesitation pass (utterances and pipeline routes, unprompted transcripts only)."""


def _decode(path: Path) -> np.ndarray:
    from faster_whisper import decode_audio

    x = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    return (np.clip(x, -1.0, 1.0) * 32767).astype(np.int16)


def vad_spans(audio: np.ndarray, aggressiveness: int = 2, frame_ms: int = 30, merge_gap_s: float = 0.3,
              min_span_s: float = 0.09) -> list[Span]:
    """webrtcvad speech spans (for the shim only; the pipeline has its own segmenter)."""
    import webrtcvad

    vad = webrtcvad.Vad(aggressiveness)
    n = SAMPLE_RATE * frame_ms // 1000
    spans: list[list[float]] = []
    for k in range(len(audio) // n):
        frame = audio[k * n:(k + 1) * n].tobytes()
        if vad.is_speech(frame, SAMPLE_RATE):
            t0, t1 = k * frame_ms / 1000, (k + 1) * frame_ms / 1000
            if spans and t0 - spans[-1][1] <= merge_gap_s:
                spans[-1][1] = t1
            else:
                spans.append([t0, t1])
    return [Span(a, b) for a, b in spans if b - a >= min_span_s]


def _pipeline_transcribe(path: Path, prompt: str | None, pace: float = 0.0):
    try:
        from mockinterview.audio.pipeline import transcribe_file
    except ImportError:
        return None
    options = None
    if prompt:
        from mockinterview.audio.transcriber import TranscriberOptions

        options = TranscriberOptions(initial_prompt=prompt, hesitation_prompt=None)
    t = transcribe_file(str(path), pace=pace, options=options)
    return t.words, t.speech, t.styled


_MODEL = None


def _model():
    """The product's model (bundled tiny.en, encoder over the audio present)."""
    global _MODEL
    if _MODEL is None:
        from mockinterview.audio.model import load_model, resolve_model

        _MODEL = load_model(resolve_model(), cpu_threads=2)
    return _MODEL


def _shim_transcribe(path: Path, prompt: str | None, audio: np.ndarray):
    segments, _ = _model().transcribe(audio.astype(np.float32) / 32768.0, language="en", word_timestamps=True,
                                    vad_filter=False, initial_prompt=prompt)
    words = [Word(w.word.strip(), round(w.start, 3), round(w.end, 3), round(w.probability, 3))
             for s in segments for w in (s.words or [])]
    return words, vad_spans(audio), []


def _utterance_transcribe(prompt: str | None, audio: np.ndarray, previous: bool = False):
    """The pipeline's commit path without threads: VAD segmenter, then one decode per closed utterance."""
    from mockinterview.audio.transcriber import TranscriberOptions, build_prompt, decode, decode_hesitations
    from mockinterview.audio.vad import UtteranceClosed, VadSegmenter, VadSettings, make_classifier

    vs = VadSettings()
    seg, classify = VadSegmenter(vs), make_classifier(vs)
    n = vs.frame_bytes // 2
    closed: list[UtteranceClosed] = []
    for k in range(len(audio) // n):
        closed += [e for e in seg.feed(classify(audio[k * n:(k + 1) * n].tobytes())[0])
                   if isinstance(e, UtteranceClosed)]
    closed += [e for e in seg.flush() if isinstance(e, UtteranceClosed)]
    options = TranscriberOptions(initial_prompt=prompt, condition_on_previous=previous)
    model = _model()
    words: list[Word] = []
    styled: list[Word] = []
    for u in closed:
        a, b = int(u.audio_start * SAMPLE_RATE), int(u.audio_end * SAMPLE_RATE)
        res = decode(model, audio[a:b], u.audio_start, options, prompt=build_prompt(options, words),
                     speech=[Span(u.start, u.end)])
        words += res.words
        if prompt is None and options.hesitation_prompt:  # the pipeline's hesitation pass
            styled += decode_hesitations(model, audio[a:b], u.audio_start, options, [Span(u.start, u.end)]).words
    return words, seg.speech_timeline(), styled


def cache_path(path: Path, prompt: str | None = None, via: str = "utterances", previous: bool = False,
               pace: float = 0.0) -> Path:
    """Where `transcribe` keeps the transcript of `path` for these options (`via` not "auto")."""
    paced = f"-pace{pace:g}" if pace and via == "pipeline" else ""
    tag = ("prev" if previous else "noprev") + CACHE_VERSION + paced
    key = hashlib.sha1(f"{path.read_bytes().hex()[:4096]}{os.path.getsize(path)}{prompt}{via}{tag}".encode())
    return CACHE / f"{path.stem}-{via}-{key.hexdigest()[:10]}.json"


def transcribe(path: Path, prompt: str | None = None, via: str = "utterances",
               refresh: bool = False, previous: bool = False, pace: float = 0.0) -> Transcribed:
    """Words and speech spans for one file, cached by file content, prompt and route.

    `previous=True` (utterances route only) also feeds the confirmed text into each decode's prompt (the
    product does not: TranscriberOptions.condition_on_previous). `pace` (pipeline route only): play the file at
    that many times real time, as a microphone would deliver it (0: as fast as possible, as `score` does).
    """
    audio = _decode(path)
    use = via
    if via == "auto":
        use = "pipeline" if _pipeline_available() else "shim"
    cache = cache_path(path, prompt, use, previous, pace)
    if cache.exists() and not refresh:
        d = json.loads(cache.read_text())
        return Transcribed([Word(**w) for w in d["words"]], [Span(**s) for s in d["speech"]], audio,
                           d["seconds"], use, [Word(**w) for w in d["styled"]])
    t0 = time.perf_counter()
    got = _pipeline_transcribe(path, prompt, pace) if use == "pipeline" else None
    if use == "utterances":
        got = _utterance_transcribe(prompt, audio, previous)
    if got is None:
        use = "shim"
        got = _shim_transcribe(path, prompt, audio)
    words, speech, styled = got
    secs = time.perf_counter() - t0
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"words": [asdict(w) for w in words], "speech": [asdict(s) for s in speech],
                                 "styled": [asdict(w) for w in styled], "seconds": secs}))
    return Transcribed(list(words), list(speech), audio, secs, use, list(styled))


def _pipeline_available() -> bool:
    try:
        from mockinterview.audio.pipeline import transcribe_file  # noqa: F401
    except ImportError:
        return False
    return True

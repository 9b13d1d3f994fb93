"""Decoding one stretch of speech with faster-whisper, guarded against Whisper's known failures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mockinterview.types import SAMPLE_RATE, Span, Word

HESITATION_PROMPT = "Um, so, uh, I was, um, thinking, uh, about it. Uh, and, um, we, uh, did it."
"""Initial prompt that keeps hesitations in Whisper's text: dense "um" and "uh" between short plain clauses.
On the corpus it found more um/uh, and cost less accuracy, than a prompt with fewer of them ("Um, uh, let me
think, like, hmm... Uh, okay, so, um, here's what I'm, like, thinking."); see benchmarks/bench_fillers.py."""


@dataclass(frozen=True, slots=True)
class TranscriberOptions:
    """How speech is decoded. Defaults favour accuracy for commits and speed for partials."""

    language: str = "en"
    beam_size: int = 5
    """Beam width for committed words (faster-whisper's default)."""
    partial_beam_size: int = 1
    """Beam width for partial (provisional) words: greedy, for speed."""
    temperature: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6)
    """Fallback temperatures when a decode fails the compression or log-prob checks."""
    seed: int | None = 0
    """Seed for the sampling those fallbacks use, set before every decode so the same audio always gives the
    same words (a score must not change between two runs on one recording). None leaves it random."""
    condition_on_previous: bool = False
    """Feed the end of the confirmed transcript as the prompt for the next utterance. Off: on the 14 corpus
    answers it raised WER at pace 0 (11.06% with 200 characters of prompt, 10.91% with 100, 10.73% without)
    and did not help live (pace 1 on dev-01, -02, -05: 10.7% with, 10.5% without)."""
    prompt_chars: int = 200
    """How much confirmed text (characters) is fed as the prompt."""
    initial_prompt: str | None = None
    """Text placed before the confirmed text in every prompt of the transcript's decodes."""
    hesitation_prompt: str | None = HESITATION_PROMPT
    """After each commit the same speech is decoded once more with this prompt. Those "styled"
    words keep the um/uh and commas that plain decoding drops; they are evidence for the filler counts only.
    The transcript stays the plain decode: on the 14 corpus answers the prompt as the transcript's own prompt
    raised content-word WER from 10.2% to 10.8%. None: no second pass."""
    hesitation_beam_size: int = 5
    """Beam width of the hesitation pass (one temperature, no fallbacks). On the 18 corpus answers at pace 0,
    filler recall/precision and the pass's share of the time: beam 5 0.83/0.97, 99 of 202 s; beam 3
    0.82/0.96, 87 of 185 s; beam 2 0.82/0.93; greedy 0.74/0.94, 69 of 163 s."""
    partial_interval_s: float = 1.0
    """Wall-clock seconds between partial refreshes while an utterance is open."""
    min_partial_audio_s: float = 0.5
    """No partial is decoded for less open speech than this."""
    max_batch_s: float = 28.0
    """When behind (e.g. pace 0), closed utterances are decoded together up to this much audio."""
    no_speech_threshold: float = 0.6
    """A segment whose no-speech probability is above this and whose mean log-prob is below
    `log_prob_threshold` is dropped as non-speech."""
    log_prob_threshold: float = -1.0
    compression_ratio_threshold: float = 2.4
    """Decodes more repetitive than this (gzip ratio) are retried at a higher temperature."""
    hallucination_phrases: tuple[str, ...] = (
        "thank you", "thanks for watching", "thank you for watching", "thanks", "you", "bye",
        "subtitles by the amara.org community", "please subscribe", "so", "okay", "oh",
    )
    """Texts Whisper invents on silence or noise: dropped when a segment consists only of one of them and
    its words are not confidently heard (see `hallucination_min_prob`)."""
    hallucination_min_prob: float = 0.75
    """A blocklisted segment survives only when its mean word probability is at least this."""
    min_word_prob: float = 0.0
    """Words below this probability are dropped (0 keeps all)."""
    max_repeats: int = 2
    """A phrase of 1-6 words repeated back to back more than this many times is cut to this many."""
    max_tokens_per_s: float = 8.0
    """Decoding stops after this many tokens per second of audio (+16): fast speech needs about 5, so a
    decoding loop is cut short instead of running to Whisper's 448-token limit."""
    span_tolerance_s: float = 0.25
    """A word must overlap VAD speech (widened by this much) to be kept: silence is never transcribed."""
    min_tail_s: float = 1.0
    """After a pass, faster-whisper decodes again from the last word it placed. That second pass is run only
    when at least this much speech (VAD speech for commits, audio for partials) is left after that word;
    otherwise it would only see trailing silence, cost an encoder pass plus fallback decodes, and invent
    lines such as "We'll see you next time."."""
    instant_s: float = 0.02
    """A word shorter than this was not aligned to any sound of its own."""
    max_instant_run: int = 2
    """A run of more than this many back-to-back instant words is dropped: it is the decoder repeating an
    earlier phrase after the audio ran out ("...changing my mind. made sure I stayed open to changing" all
    at one instant), not speech."""
    min_hole_s: float = 1.5
    """Whisper sometimes skips whole clauses (more often with a style prompt: it jumped from one sentence to
    the next and left nine seconds of speech out). After a commit decode, every stretch of VAD speech at least
    this long with no word in it is decoded again on its own, without the prompt, and its words are put in
    place."""
    hole_context_s: float = 0.2
    """Audio this far either side of a hole is decoded with it (the words at its edges)."""
    hole_pad_s: float = 0.3
    """Speech this close to a decoded word counts as that word's (word edges drift)."""
    max_word_s: float = 1.2
    """A word covers at most this much speech when looking for holes: the aligner sometimes stretches one
    word over the seconds the decoder skipped ("it's" over 5 s)."""


_NORM = re.compile(r"[^a-z0-9' ]+")


def _norm_text(text: str) -> str:
    return " ".join(_NORM.sub(" ", text.lower()).split())


def collapse_repeats(words: Sequence[Word], max_repeats: int, max_n: int = 6) -> list[Word]:
    """Cut phrases repeated back to back more than `max_repeats` times (a Whisper decoding loop)."""
    out = list(words)
    for n in range(1, max_n + 1):
        i = 0
        result: list[Word] = []
        while i < len(out):
            gram = [w.norm for w in out[i : i + n]]
            reps = 1
            while (
                len(gram) == n
                and [w.norm for w in out[i + reps * n : i + (reps + 1) * n]] == gram
            ):
                reps += 1
            if reps > max_repeats and len(gram) == n:
                result.extend(out[i : i + max_repeats * n])
                i += reps * n
            else:
                result.append(out[i])
                i += 1
        out = result
    return out


def within_speech(word: Word, spans: Sequence[Span], tolerance: float) -> bool:
    """True when the word overlaps a speech span widened by `tolerance` at its start and begins before the
    span ends: words Whisper crams after the last voiced frame are invented, not heard."""
    return any(word.end > s.start - tolerance and word.start < s.end for s in spans)


def _unheard_s(after: float, end: float, speech: Sequence[Span]) -> float:
    """Seconds of speech (or of audio, when no speech spans are given) after `after`."""
    if not speech:
        return max(0.0, end - after)
    return sum(max(0.0, s.end - max(s.start, after)) for s in speech)


@dataclass
class DecodeResult:
    words: list[Word]
    dropped_segments: int = 0


def decode(
    model: Any,
    audio: np.ndarray,
    offset: float,
    options: TranscriberOptions,
    *,
    prompt: str | None = None,
    partial: bool = False,
    speech: Sequence[Span] = (),
    fill_holes: bool = True,
    beam_size: int | None = None,
) -> DecodeResult:
    """Decode int16 `audio` (under 30 s) starting at `offset` seconds; return words with absolute times.

    One decoding pass over the whole chunk without timestamp tokens; word times come from cross-attention
    alignment. faster-whisper's further pass from the last placed word runs only while `min_tail_s` of speech
    is left (on trailing silence it invents "Thank you for watching").
    Words outside `speech` (when given) are dropped, as are hallucinated and looping segments; stretches of
    `speech` the decoder skipped are decoded again on their own (`min_hole_s`; not for partials).
    `partial`: one greedy pass at temperature 0 (`beam_size` overrides the width).
    """
    if audio.size < SAMPLE_RATE // 10:
        return DecodeResult([])
    samples = audio.astype(np.float32) / 32768.0
    if options.seed is not None:
        import ctranslate2  # loaded with the model; imported here to keep startup light

        ctranslate2.set_random_seed(options.seed)
    segments, _info = model.transcribe(
        samples,
        language=options.language,
        beam_size=beam_size or (options.partial_beam_size if partial else options.beam_size),
        temperature=options.temperature if not partial else 0.0,
        word_timestamps=True,
        vad_filter=False,
        condition_on_previous_text=False,
        without_timestamps=True,
        max_new_tokens=int(audio.size / SAMPLE_RATE * options.max_tokens_per_s) + 16,
        initial_prompt=prompt or None,
        no_speech_threshold=options.no_speech_threshold,
        log_prob_threshold=options.log_prob_threshold,
        compression_ratio_threshold=options.compression_ratio_threshold,
    )
    words: list[Word] = []
    dropped = 0
    end_s = offset + audio.size / SAMPLE_RATE
    for seg in segments:
        seg_words = [
            Word(w.word.strip(), round(offset + float(w.start), 3), round(offset + float(w.end), 3),
                 round(float(w.probability), 3))
            for w in (seg.words or [])
            if w.word.strip()
        ]
        if not seg_words:
            continue
        mean_prob = sum(w.probability for w in seg_words) / len(seg_words)
        if (
            _norm_text(seg.text) in options.hallucination_phrases
            and mean_prob < options.hallucination_min_prob
        ):
            dropped += 1
            continue
        words.extend(w for w in seg_words if w.probability >= options.min_word_prob)
        if _unheard_s(seg_words[-1].end, end_s, speech) < options.min_tail_s:
            break  # before the generator decodes the tail
    words = drop_instant_runs(words, options.instant_s, options.max_instant_run)
    if speech:
        res = confine_to_speech(model, audio, offset, options, words, speech, fill_holes=fill_holes and not partial)
        words, dropped = res.words, dropped + res.dropped_segments
    return DecodeResult(collapse_repeats(words, options.max_repeats), dropped)


def confine_to_speech(model: Any, audio: np.ndarray, offset: float, options: TranscriberOptions,
                      words: Sequence[Word], speech: Sequence[Span], *, fill_holes: bool = True) -> DecodeResult:
    """`words` decoded from int16 `audio` (starting at `offset`) less those outside `speech`, plus, with
    `fill_holes`, the words of every stretch of `speech` the decoder skipped (`min_hole_s`), decoded again
    on its own without a prompt."""
    kept = [w for w in words if within_speech(w, speech, options.span_tolerance_s)]
    dropped = int(len(words) != len(kept))
    if fill_holes:
        for hole in speech_holes(kept, speech, options, offset, offset + audio.size / SAMPLE_RATE):
            pad = options.hole_context_s
            a, b = (round((t - offset) * SAMPLE_RATE) for t in (hole.start - pad, hole.end + pad))
            a = max(0, a)
            more = decode(model, audio[a:b], offset + a / SAMPLE_RATE, options, prompt=None,
                          speech=[hole], fill_holes=False)  # unprompted: the prompt made the skip
            kept.extend(w for w in more.words if hole.start <= (w.start + w.end) / 2 <= hole.end)
            dropped += more.dropped_segments
        kept.sort(key=lambda w: (w.start, w.end))
    return DecodeResult(kept, dropped)


def decode_hesitations(model: Any, audio: np.ndarray, offset: float, options: TranscriberOptions,
                       speech: Sequence[Span]) -> DecodeResult:
    """The hesitation pass over committed speech: `options.hesitation_prompt`, one temperature, its own beam."""
    return decode(model, audio, offset, options, prompt=options.hesitation_prompt, partial=True,
                  beam_size=options.hesitation_beam_size, speech=speech)


def drop_instant_runs(words: Sequence[Word], instant_s: float, max_run: int) -> list[Word]:
    """Words less runs of more than `max_run` consecutive words each shorter than `instant_s`."""
    out: list[Word] = []
    run: list[Word] = []
    for w in [*words, None]:
        if w is not None and w.end - w.start < instant_s:
            run.append(w)
            continue
        if len(run) <= max_run:
            out.extend(run)
        run = []
        if w is not None:
            out.append(w)
    return out


def speech_holes(words: Sequence[Word], speech: Sequence[Span], options: TranscriberOptions,
                 start: float, end: float) -> list[Span]:
    """Stretches of speech inside [start, end], at least `min_hole_s` long, that no word comes near."""
    o = options
    covered = sorted((w.start - o.hole_pad_s, min(w.end, w.start + o.max_word_s) + o.hole_pad_s) for w in words)
    holes = []
    for sp in speech:
        t, stop = max(sp.start, start), min(sp.end, end)
        for a, b in covered:
            if b <= t or a >= stop:
                continue
            if a - t >= o.min_hole_s:
                holes.append(Span(t, a))
            t = max(t, b)
        if stop - t >= o.min_hole_s:
            holes.append(Span(t, stop))
    return holes


def build_prompt(options: TranscriberOptions, confirmed: Sequence[Word]) -> str | None:
    """The prompt for the next decode: the style prompt plus the tail of the confirmed transcript."""
    parts = []
    if options.initial_prompt:
        parts.append(options.initial_prompt)
    if options.condition_on_previous and confirmed:
        tail = " ".join(w.text for w in confirmed[-60:])
        parts.append(tail[-options.prompt_chars :])
    return " ".join(parts) or None

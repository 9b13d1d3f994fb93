"""Recovering "um"/"uh" that Whisper's text left out, from the audio between committed words.

Whisper was trained on transcripts that normalise hesitations away, so it often drops them. Two remedies,
measured by benchmarks/bench_fillers.py:

* in the decoder: a second decode of each committed stretch with a disfluent prompt
  (audio/transcriber.py `HESITATION_PROMPT`) writes most of them; analysis/styled_fillers.py takes them from
  there. This is the larger gain;
* here, in the audio: a hesitation that stands alone is a short island of voiced sound that no recognised
  word accounts for. The detector
  1. takes the answer's sound islands (acoustics.SoundTimeline);
  2. gives every recognised word to the island it overlaps most (Whisper's word edges drift and it often
     stretches a word over a neighbouring hesitation, so "overlaps at all" would hide most of them);
  3. keeps islands with no word, of hesitation length, with silence on both sides, mostly uncovered by word
     spans, away from hesitations Whisper did write, mostly voiced, on a steady pitch;
  4. names each one "um" if its end is nasal (energy falls away from the upper band) else "uh".
  Hesitations run into the next word ("uh I started") have no island of their own and stay out of reach.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.analysis.delivery.acoustics import AcousticSettings, SoundTimeline, frames
from mockinterview.analysis.delivery.fillers import FillerSettings
from mockinterview.types import SAMPLE_RATE, Span, Word

HESITATION_SPELLINGS = frozenset(FillerSettings().hesitations)
"""Default spellings of a written hesitation: the filler rules' own (`FillerSettings.hesitations`)."""


@dataclass(frozen=True)
class HesitationSettings:
    """Thresholds of the voiced-gap hesitation detector."""

    enabled: bool = True
    """Look for hesitations in the audio at all (needs the answer's PCM)."""

    min_s: float = 0.15
    """Shortest island taken for a hesitation."""

    max_s: float = 1.2
    """Longest island taken for a hesitation (longer unexplained sound is more likely missed words)."""

    min_voiced: float = 0.5
    """Share of an island's frames that must be voiced (periodic)."""

    voicing_threshold: float = 0.45
    """Normalised autocorrelation peak (70-400 Hz lags) above which a frame counts as voiced."""

    max_pitch_spread_st: float = 3.5
    """Largest standard deviation of pitch (semitones) inside a hesitation: "um"/"uh" are held on one note."""

    min_silence_before_s: float = 0.15
    """Silence needed before the island: a hesitation starts after a pause ("budget, um, so"), while the last
    syllable of a word Whisper cut short follows its word after a mere stop closure."""

    min_silence_after_s: float = 0.08
    """Silence needed after the island: a hesitation stands apart from the next word."""

    min_speech_overlap: float = 0.5
    """Share of the island that the VAD must have called speech (when speech spans are given)."""

    max_word_cover: float = 0.5
    """Largest share of the island that recognised words' spans may cover. An island inside a word's span
    is that word's syllable with a drifted timestamp, not a dropped hesitation."""

    known_hesitation_s: float = 1.0
    """An island this close to a hesitation Whisper did write is that one (its timestamp drifted)."""

    nasal_tail_db: float = 12.0
    """How much more the upper band (1-4 kHz) falls than the lower band (< 500 Hz) from the island's first
    third to its last third for it to be named "um" (the closed-lip /m/) rather than "uh"."""

    word_probability: float = 0.5
    """Recovered words get this probability (they are inferred, not recognised)."""

    min_written_s: float = 0.04
    """A hesitation Whisper wrote that lasts less than this and starts within `echo_gap_s` of the previous
    hesitation was not aligned to a sound of its own: the decoder ran on through the disfluent prompt
    ("notification. Um, uh, um, uh," all at one instant). It is dropped; the first of the run stays."""

    echo_gap_s: float = 0.15
    """See `min_written_s`."""

    min_written_sound: float = 0.1
    """Share of a written hesitation's span (widened by `written_margin_s`) that must be sound in the audio. The
    decoder often stretches a quiet hesitation over the pauses around it, so a small share is enough; one copied
    from the prompt into a pause has none."""

    written_margin_s: float = 0.1
    """How far a written hesitation's span is widened before its sound is measured (word edges drift)."""


@dataclass(frozen=True, slots=True)
class Island:
    """A stretch of sound, with the features the detector judges it by."""

    start: float
    end: float
    voiced: float = 0.0
    pitch_spread_st: float = 0.0
    nasal_drop_db: float = 0.0

    @property
    def duration(self) -> float:
        return self.end - self.start


def assign_words(words: Sequence[Word], islands: Sequence[Span]) -> list[int]:
    """How many words each island holds: a word goes to the island it overlaps most, else the nearest."""
    held = [0] * len(islands)
    if not islands:
        return held
    starts = np.array([i.start for i in islands])
    ends = np.array([i.end for i in islands])
    for w in words:
        ov = np.minimum(ends, w.end) - np.maximum(starts, w.start)
        k = int(np.argmax(ov))
        if ov[k] <= 0:
            mid = (w.start + w.end) / 2
            k = int(np.argmin(np.minimum(np.abs(starts - mid), np.abs(ends - mid))))
        held[k] += 1
    return held


def describe(audio: np.ndarray, span: Span, acoustics: AcousticSettings, s: HesitationSettings,
             sample_rate: int = SAMPLE_RATE) -> Island:
    """Voicing, pitch steadiness and nasal ending of one island."""
    a, b = int(span.start * sample_rate), int(span.end * sample_rate)
    f = frames(audio[a:b], acoustics, sample_rate)
    f = f - f.mean(axis=1, keepdims=True)
    lo, hi = sample_rate // 400, sample_rate // 70
    spec = np.fft.rfft(f * np.hanning(f.shape[1]), n=2048)
    ac = np.fft.irfft(np.abs(spec) ** 2)[:, : hi + 1]
    ac = ac / (ac[:, :1] + 1e-12)
    lag = lo + np.argmax(ac[:, lo:hi], axis=1)
    peak = ac[np.arange(len(ac)), lag]
    voiced = peak > s.voicing_threshold
    spread = 0.0
    if voiced.sum() >= 3:
        f0 = sample_rate / lag[voiced]
        spread = float(np.std(12 * np.log2(f0 / np.median(f0))))
    power = np.abs(spec) ** 2
    freqs = np.fft.rfftfreq(2048, 1 / sample_rate)
    low = power[:, freqs < 500].sum(axis=1) + 1e-12
    up = power[:, (freqs >= 1000) & (freqs < 4000)].sum(axis=1) + 1e-12
    third = max(1, len(f) // 3)
    ratio = 10 * np.log10(up / low)
    nasal_drop = float(np.mean(ratio[:third]) - np.mean(ratio[-third:]))
    return Island(span.start, span.end, float(voiced.mean()) if len(voiced) else 0.0, spread, nasal_drop)


def _speech_share(span: Span, speech: Sequence[Span]) -> float:
    cov = sum(max(0.0, min(span.end, sp.end) - max(span.start, sp.start)) for sp in speech)
    return cov / span.duration if span.duration > 0 else 0.0


def _covered(span: Span, words: Sequence[Word]) -> float:
    cov = sum(max(0.0, min(span.end, w.end) - max(span.start, w.start)) for w in words)
    return cov / span.duration if span.duration > 0 else 1.0


def island_gates(words: Sequence[Word], speech: Sequence[Span], islands: Sequence[Span],
                 settings: HesitationSettings = HesitationSettings(),
                 spellings: Collection[str] = HESITATION_SPELLINGS) -> list[str | None]:
    """Per island, the first rule that keeps it from being a hesitation candidate ("word", "length",
    "silence before", "silence after", "speech", "cover", "written"), or None for a candidate."""
    s = settings
    held = assign_words(words, islands)
    known = [(w.start + w.end) / 2 for w in words if w.norm in spellings]
    out: list[str | None] = []
    for k, (span, n) in enumerate(zip(islands, held, strict=True)):
        before = span.start - islands[k - 1].end if k else float("inf")
        after = islands[k + 1].start - span.end if k + 1 < len(islands) else float("inf")
        mid = (span.start + span.end) / 2
        out.append("word" if n else
                   "length" if not s.min_s <= span.duration <= s.max_s else
                   "silence before" if before < s.min_silence_before_s else
                   "silence after" if after < s.min_silence_after_s else
                   "speech" if speech and _speech_share(span, speech) < s.min_speech_overlap else
                   "cover" if _covered(span, words) > s.max_word_cover else
                   "written" if any(abs(k_mid - mid) <= s.known_hesitation_s for k_mid in known) else None)
    return out


def hesitation_candidates(words: Sequence[Word], speech: Sequence[Span], audio: np.ndarray,
                          sound: SoundTimeline | None = None,
                          settings: HesitationSettings = HesitationSettings(),
                          sample_rate: int = SAMPLE_RATE,
                          spellings: Collection[str] = HESITATION_SPELLINGS) -> list[Island]:
    """Islands that no word accounts for, of hesitation length, with their features (before judging them).
    `spellings`: how a hesitation the words already have is written."""
    sound = sound or SoundTimeline.of(audio, speech, sample_rate=sample_rate)
    gates = island_gates(words, speech, sound.islands, settings, spellings)
    return [describe(audio, span, sound.settings, settings, sample_rate)
            for span, gate in zip(sound.islands, gates, strict=True) if gate is None]


def is_hesitation(island: Island, settings: HesitationSettings = HesitationSettings()) -> bool:
    """Voiced enough and held on one note."""
    return island.voiced >= settings.min_voiced and island.pitch_spread_st <= settings.max_pitch_spread_st


def unheard_hesitations(words: Sequence[Word], sound: SoundTimeline | None,
                        settings: HesitationSettings = HesitationSettings(),
                        spellings: Collection[str] = HESITATION_SPELLINGS) -> set[int]:
    """Indices of hesitations (words spelled as in `spellings`) Whisper wrote that no sound backs: echoes of
    the one before them (see `min_written_s`), or (with the audio's sound timeline) lying over silence."""
    s = settings
    out = set()
    for i, w in enumerate(words):
        if w.norm not in spellings:
            continue
        prev = words[i - 1] if i else None
        echo = (prev is not None and prev.norm in spellings and w.end - w.start < s.min_written_s
                and w.start - prev.end < s.echo_gap_s)
        silent = sound is not None and sound.sound_share(w.start - s.written_margin_s,
                                                         w.end + s.written_margin_s) < s.min_written_sound
        if echo or silent:
            out.add(i)
    return out


def recover_hesitations(words: Sequence[Word], speech: Sequence[Span], audio: np.ndarray,
                        sound: SoundTimeline | None = None,
                        settings: HesitationSettings = HesitationSettings(),
                        sample_rate: int = SAMPLE_RATE,
                        spellings: Collection[str] = HESITATION_SPELLINGS) -> list[Word]:
    """New filler words ("um"/"uh") for voiced stretches of `audio` that no word covers."""
    out = []
    for isl in hesitation_candidates(words, speech, audio, sound, settings, sample_rate, spellings):
        if is_hesitation(isl, settings):
            text = "um" if isl.nasal_drop_db >= settings.nasal_tail_db else "uh"
            out.append(Word(text, isl.start, isl.end, settings.word_probability, filler=True))
    return out

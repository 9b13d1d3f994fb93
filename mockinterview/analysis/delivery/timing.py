"""The timing engine's final figures: duration, speaking time, pace, fillers, long pauses, window verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from mockinterview.analysis.delivery.acoustics import AcousticSettings, SoundTimeline
from mockinterview.analysis.delivery.fillers import FillerHit, FillerSettings, count_by_kind, mark_fillers
from mockinterview.analysis.delivery.hesitations import HesitationSettings, recover_hesitations, unheard_hesitations
from mockinterview.analysis.delivery.pass_fillers import (
    StyledSettings,
    beyond_pass,
    styled_lexical_hits,
    with_pass_hesitations,
)
from mockinterview.analysis.targets import DEFAULT_TARGETS, CoachingTargets
from mockinterview.report import Delivery, FillerCounts
from mockinterview.types import Span, Word


@dataclass(frozen=True)
class DeliverySettings:
    """How the timing engine measures (the targets it measures against are `CoachingTargets`)."""

    count_hesitations_in_wpm: bool = False
    """Whether um/uh (written by Whisper or recovered from the audio) count as words for wpm."""

    edge_search_s: float = 0.6
    """With audio: how far outside the coarse edges (first/last word or VAD span) sound still belongs to the
    answer; inside them, the first and last sound are the edges."""

    acoustics: AcousticSettings = field(default_factory=AcousticSettings)
    """How the audio is cut into sound and silence (edges, pauses, hesitations)."""

    live_level_range_db: float = 30.0
    """Live: an input level within this many dB of the speaker's level (90th percentile so far) is speech."""

    live_level_floor_dbfs: float = -50.0
    """Live: an input level below this is never speech (the pipeline's own energy gate)."""

    live_level_bridge_s: float = 0.2
    """Live: quiet readings between loud ones, lasting no longer than this, are speech (stop closures, the
    readings that fell on an unvoiced consonant), as the VAD timeline bridges short gaps."""

    live_level_max_step_s: float = 0.3
    """Live: the most time one level reading may stand for (a gap in readings is not all speech)."""

    fillers: FillerSettings = field(default_factory=FillerSettings)
    """Rules of the lexical filler detector."""

    hesitations: HesitationSettings = field(default_factory=HesitationSettings)
    """Rules of the um/uh recovery from audio."""

    styled: StyledSettings = field(default_factory=StyledSettings)
    """How the hesitation pass's words add fillers to the transcript."""


def speaking_seconds(speech: Sequence[Span], start: float | None = None, end: float | None = None) -> float:
    """Total speech time, optionally clipped to [start, end]."""
    total = 0.0
    for s in speech:
        lo = s.start if start is None else max(s.start, start)
        hi = s.end if end is None else min(s.end, end)
        if hi > lo:
            total += hi - lo
    return total


def long_pauses(words: Sequence[Word], speech: Sequence[Span], min_s: float,
                bounds: tuple[float, float] | None = None, sound: SoundTimeline | None = None) -> list[Span]:
    """Silences longer than `min_s` strictly inside the answer.

    With the audio's sound timeline, silence is where no frame is sound (exact). Without it, silence is
    between VAD speech spans, or between words when there are no spans. Whisper stretches words over pauses,
    so words never fill a silence the VAD or the audio found.
    """
    if bounds is None:
        bounds = answer_bounds(words, speech, None, DeliverySettings())
        if bounds is None:
            return []
    start, end = bounds
    if sound is not None:
        return [Span(round(p.start, 3), round(p.end, 3)) for p in sound.silences(start, end, min_s)]
    spans = [(s.start, s.end) for s in speech] if speech else [(w.start, w.end) for w in words]
    spans = sorted((max(a, start), min(b, end)) for a, b in spans if b > start and a < end)
    pauses: list[Span] = []
    for (_, prev_end), (nxt, _) in zip(spans, spans[1:], strict=False):
        if nxt - prev_end > min_s:
            pauses.append(Span(round(prev_end, 3), round(nxt, 3)))
    return pauses


def answer_bounds(words: Sequence[Word], speech: Sequence[Span], sound: SoundTimeline | None,
                  settings: DeliverySettings) -> tuple[float, float] | None:
    """First speech to last speech: the union of words and VAD spans, tightened to the sound when known.

    Whisper sometimes shifts the first words of a file by seconds, and VAD spans carry padding; the first and
    last sound island near those coarse edges are exact.
    """
    starts = [w.start for w in words[:1]] + [s.start for s in speech[:1]]
    ends = [w.end for w in words[-1:]] + [s.end for s in speech[-1:]]
    if not starts:
        return None
    start, end = min(starts), max(ends)
    if sound is not None:
        first = sound.first_sound_after(start - settings.edge_search_s)
        last = sound.last_sound_before(end + settings.edge_search_s)
        if first is not None and last is not None and first < last:
            start, end = first, last
    return start, end


@dataclass
class FillerFinding:
    """The filler step of the timing engine (`find_fillers`)."""

    heard: list[Word]
    """The words plus the pass's um/uh, less the um/uh Whisper wrote where nothing was heard."""
    marked: list[Word]
    """`heard` plus the um/uh recovered from the audio, in time order, `filler=True` on every filler word."""
    hits: list[FillerHit]
    sound: SoundTimeline | None
    """The audio's sound islands (None without audio)."""


def find_fillers(words: Sequence[Word], speech: Sequence[Span], settings: DeliverySettings = DeliverySettings(),
                 audio: np.ndarray | None = None, styled: Sequence[Word] = ()) -> FillerFinding:
    """Fillers of one answer: the final report's and the live count's (see `analyze_delivery` for the inputs)."""
    use_styled = bool(styled) and settings.styled.enabled
    sound = None
    if audio is not None and len(audio):
        sound = SoundTimeline.of(audio, speech, settings.acoustics)
    words = with_pass_hesitations(words, styled, settings.fillers, settings.styled, sound)
    unheard = unheard_hesitations(words, sound, settings.hesitations, settings.fillers.hesitations)
    words = [w for i, w in enumerate(words) if i not in unheard]
    recovered: list[Word] = []
    if sound is not None and audio is not None and settings.hesitations.enabled:
        recovered = recover_hesitations(words, speech, audio, sound, settings.hesitations,
                                        spellings=settings.fillers.hesitations)
        if use_styled:
            recovered = beyond_pass(recovered, styled, settings.styled)
    merged = sorted([*words, *recovered], key=lambda w: (w.start, w.end))
    silences = sound.silences(0.0, float("inf"), settings.fillers.silence_min_s) if sound is not None else []
    marked, hits = mark_fillers(merged, settings.fillers, silences)
    if use_styled:
        marked, hits = styled_lexical_hits(marked, hits, styled, settings.fillers, silences, settings.styled)
    return FillerFinding(words, marked, hits, sound)


def analyze_delivery(words: Sequence[Word], speech: Sequence[Span],
                     settings: DeliverySettings = DeliverySettings(),
                     audio: np.ndarray | None = None, styled: Sequence[Word] = (),
                     targets: CoachingTargets = DEFAULT_TARGETS) -> Delivery:
    """Delivery figures for one answer.

    `words` are committed words (absolute seconds), `speech` the VAD speech spans, `audio` optionally the
    whole answer as int16 16 kHz mono PCM (enables edge refinement and um/uh recovery), `styled` optionally
    the words of the hesitation pass (more um/uh and lexical fillers). The returned words are the input words
    with `filler=True` on fillers (every word of a multi-word filler), plus recovered um/uh as new words, in
    time order, less the um/uh Whisper wrote where nothing was heard.
    """
    speech = sorted(speech, key=lambda s: s.start)
    found = find_fillers(words, speech, settings, audio, styled)
    words, marked, hits, sound = found.heard, found.marked, found.hits, found.sound
    bounds = answer_bounds(words, speech, sound, settings)
    if bounds is None:
        return Delivery(0.0, 0.0, marked, FillerCounts(), 0.0, [], targets.window(0.0))
    start, end = bounds
    duration = max(0.0, end - start)
    speaking = speaking_seconds(speech, start, end) if speech else duration
    hesitations = settings.fillers.hesitations
    n_words = len(marked) if settings.count_hesitations_in_wpm else sum(w.norm not in hesitations for w in words)
    wpm = n_words / (speaking / 60.0) if speaking > 0 else 0.0
    minutes = duration / 60.0
    fillers = FillerCounts(
        total=len(hits),
        per_minute=round(len(hits) / minutes, 2) if minutes > 0 else 0.0,
        by_word=count_by_kind(hits),
    )
    pauses = long_pauses(words, speech, targets.long_pause_s, bounds, sound)
    return Delivery(duration_s=duration, speaking_s=speaking, words=marked, fillers=fillers, wpm=wpm,
                    pauses=pauses, window=targets.window(duration))

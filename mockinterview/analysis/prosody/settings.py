"""Every number of the prosody analysis, with the measurements behind the defaults.

The defaults were chosen on spoken gold made for the purpose (`benchmarks/bench_prosody.py` makes it and
prints the figures): espeak-ng renderings of corpus answers with a narrow and a wide pitch range, statements
whose last words are raised, the corpus's festival (slt, kal) and neural (piper joe) voices, and room copies of
all of them (quieter, band-limited, reverb, fan and room noise). Thresholds were cross-validated over two folds
by answer, every copy of an answer in one fold.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PitchSettings:
    """How F0 is tracked and when a frame counts as voiced."""

    floor_hz: float = 65.0
    """Lowest F0 searched (a deep male voice; creak below this is left unvoiced)."""

    ceiling_hz: float = 450.0
    """Highest F0 searched (a high female voice, with headroom for a rise)."""

    hop_s: float = 0.01
    """Frame step of the pitch track."""

    window_s: float = 0.032
    """YIN integration window; longer than the longest period (1 / floor_hz)."""

    decimate: int = 4
    """The signal is low-passed and decimated by this factor first: 4 kHz keeps F0 and its first harmonics and
    quarters the cost."""

    yin_threshold: float = 0.15
    """YIN takes the first dip of the normalised difference under this (the paper's value)."""

    max_aperiodicity: float = 0.35
    """A frame whose best normalised difference is above this is unvoiced. Vowels sit near 0.05 (0.2 for the
    neural voice), noise and fricatives near 1, and the room copies add about 0.1. At 0.25 half the neural
    voice's voicing was lost; at 0.45 frames more than 3 st off a reference tracker (Praat) doubled."""

    level_range_db: float = 25.0
    """A voiced frame is within this many dB of the speech level (90th percentile of the tracked frames'
    levels): quiet periodic sound (hum, reverb tails) is not the voice."""

    min_snr_db: float = 6.0
    """A voiced frame is at least this many dB above the room's noise floor (levels outside speech)."""

    min_run_s: float = 0.05
    """Voiced runs shorter than this are dropped (clicks, isolated frames)."""

    jump_st: float = 5.0
    """A frame more than this many semitones from the median of its neighbours is an octave or tracking error."""

    median_frames: int = 7
    """Neighbourhood (frames) of that median."""

    level_band_hz: tuple[float, float] = (80.0, 1800.0)
    """Levels are measured in this band: a fan's rumble under the voice and hiss above it do not count (the
    broadband level of the room copies' noise sits only ~14 dB under speech; in this band ~25 dB)."""

    span_pad_s: float = 0.05
    """Speech spans are widened by this before tracking, so the first and last periods are seen whole."""

    noise_max_s: float = 20.0
    """The noise floor is measured on at most this much audio outside speech."""

    noise_min_s: float = 0.5
    """With less audio than this outside speech there is no noise floor (no frame is judged against it)."""


@dataclass(frozen=True)
class PhrasingSettings:
    """Where statements end and which pauses are judged."""

    pause_min_s: float = 0.5
    """Silences at least this long are the pauses judged mid-phrase or at a boundary."""

    ending_pause_s: float = 0.6
    """A silence this long after a word ends a statement even without a full stop, unless a continuation word
    follows: Whisper often writes a comma, or a question mark, where a statement ended high."""


@dataclass(frozen=True)
class IntonationSettings:
    """When a statement ending rises, and what counts as a flat stretch."""

    tail_s: float = 0.12
    """The last this-many seconds of the final word's last voiced run give its ending pitch: a statement's fall
    happens in its last 100-200 ms, and a longer tail would take in the accent before it."""

    reference_s: float = 10.0
    """The ending is compared with the speaker's median pitch within this many seconds of the final word (local,
    so a voice that drifts over an answer is followed)."""

    end_slack_s: float = 0.15
    """Whisper's word ends drift; voicing up to this long after the final word's end still belongs to it."""

    min_frames: int = 5
    """An ending's last voiced run needs at least this many frames (shorter trailing blips are passed over), and
    its reference as many, or the ending is not judged."""

    rise_st: float = 1.0
    """An ending this many semitones or more above the speaker's median around it rises (uptalk). Plain espeak
    statements end 2-6 st under it, endings raised by +60% at a median +1.1 st; the corpus voices' declaratives
    end at a median -1.6 st, 17% of them at +1 st or more. Cross-validated choices were +1.06 and -1.29 st: the
    higher keeps most declaratives of natural voices from counting. The gold is weak (synthetic raises): revisit
    with recordings of people."""

    flat_range_st: float = 2.0
    """A stretch whose pitch stays within this range (10th-90th percentile) is flat: about the smallest
    difference in pitch range listeners reliably hear between stretches of speech (2-3 st)."""

    flat_min_s: float = 10.0
    """...when it lasts at least this long (seconds of speech; pauses between utterances do not count)."""

    flat_step_s: float = 1.0
    """Step of the search for flat stretches."""

    flat_min_voiced: float = 0.3
    """A window needs at least this share of voiced frames to be judged flat (not a run of consonants)."""


@dataclass(frozen=True)
class ProsodySettings:
    """Every number of the prosody analysis and of its judgements."""

    pitch: PitchSettings = field(default_factory=PitchSettings)
    """Pitch tracking and the voicing decision."""

    phrasing: PhrasingSettings = field(default_factory=PhrasingSettings)
    """Statement endings and judged pauses."""

    intonation: IntonationSettings = field(default_factory=IntonationSettings)
    """Rising endings and flat stretches."""

    spread_percentiles: tuple[float, float] = (10.0, 90.0)
    """Pitch and loudness spread: the distance between these percentiles (robust to a few tracking errors). A
    pure tone reads 0 st; an even 100-200 Hz sweep 9.6 st (12 st from end to end)."""

    monotone_below_st: float = 3.45
    """An answer whose pitch spread is under this many semitones is monotone. Flat renderings measured 0.8-1.4 st
    (espeak, range x-low) and 2.6-3.42 st (the neural voice with its pitch movement cut to 0.3, the highest in a
    room); the least lively voice measured 3.47-3.98 st (festival slt), lively renderings 4.9-17 st, the neural
    voice as spoken 6.4-8.5 st. Chosen on each fold (every copy of an answer in one), the midpoint between the
    flattest and the least lively came out at 3.45 st both ways and classified the other fold without error.
    The margin to slt is narrow because slt itself is nearly flat: check recordings of people near the line."""

    min_voiced_s: float = 5.0
    """With fewer seconds of voicing than this there are no pitch or loudness figures (too little to judge)."""

    rate_window_s: float = 10.0
    """Speaking-rate variation: words per second over consecutive windows of this much speech. Steady espeak
    reads 0.06-0.13 (word length alone), sentences alternately x-slow and x-fast 0.35-0.66 when sentences are
    longer than a window; it measures drift across the answer, not sentence-to-sentence alternation."""

    min_rate_windows: int = 3
    """Fewer windows than this give no rate variation."""

    live_window_s: float = 20.0
    """The live indicator shows the spreads of the last this-many seconds."""

    live_min_voiced_s: float = 2.0
    """The live indicator shows nothing until the window holds this much voicing."""

    flat_whole_share: float = 0.8
    """A monotone answer's feedback names its flattest stretch only when that covers less than this share of the
    answer (else the whole answer was flat, and it says so)."""

    uptalk_feedback_share: float = 0.5
    """Feedback on rising endings when more than this share of the judged statement endings rise (a habit, not
    the odd rise: the corpus voices reading declaratives rise at 0.07-0.38 of their endings, statements raised
    on purpose at 0.8-1.0)."""

    uptalk_feedback_min: int = 3
    """...and at least this many endings rise."""


DEFAULT_PROSODY = ProsodySettings()
"""The defaults (for function arguments)."""

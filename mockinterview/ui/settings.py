"""Settings of the Textual app: every threshold the screens use, named and documented."""

from __future__ import annotations

from dataclasses import dataclass, field

from mockinterview.analysis.delivery import DeliverySettings


@dataclass(frozen=True, slots=True)
class UiSettings:
    """How the app behaves and what it shows."""

    refresh_s: float = 0.1
    """The live view is redrawn at most this often (pipeline events are batched in between)."""

    background_delay_s: float = 0.1
    """Model loading and the first answer's input start this long after the first question is drawn, so
    their imports and decoding never delay it."""

    quit_wait_s: float = 20.0
    """On quit, how long to wait for the transcriber to finish its current piece (and a scored answer to be
    saved) before the app closes anyway."""

    model_poll_s: float = 0.25
    """How often the loading state of the speech model is checked."""

    minimal_live: bool = False
    """Start answers in the minimal live view (timer and level only); `v` toggles it."""

    auto_start: bool = False
    """With a microphone: listen as soon as a question is shown (the answer starts at the first speech)."""

    timer_span_s: float = 300.0
    """The timer bar spans 0 to this many seconds (5:00, past the 4:00 mark)."""

    followup_span_factor: float = 1.25
    """The short timer bar of a follow-up spans 0 to this times its "over" time (the flow's window)."""

    level_floor_dbfs: float = -60.0
    """The level meter is empty at or below this input level."""

    level_speech_dbfs: float = -35.0
    """Levels above this are drawn as speech (green); below as background noise."""

    transcript_words: int = 600
    """The live transcript keeps this many most recent words on screen."""

    sample_pace: float = 1.0
    """Pace at which the bundled sample answer plays when there is no microphone."""

    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    """Window and cue times of a main answer (2:00-3:00 target)."""


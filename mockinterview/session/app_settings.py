"""Settings of the interactive app: its timings, meters and views, named and documented.

Headless, so the command line builds them and tests set them; the coaching targets the screens show (window,
marks, Situation share) are `FlowSettings.targets`, not repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AppMode(StrEnum):
    """What the interactive app runs: a practice session, a follow-up drill, or the review of past sessions."""

    PRACTICE = "practice"
    DRILL = "drill"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class AppSettings:
    """How the app behaves and what it shows."""

    refresh_s: float = 0.1
    """The live view is redrawn at most this often (pipeline events are batched in between)."""

    background_delay_s: float = 0.1
    """Model loading and the first answer's input start this long after the first question is drawn, so
    their imports and decoding never delay it."""

    quit_wait_s: float = 20.0
    """On quit, how long to wait for the transcriber to finish its current piece (and a scored answer to be
    saved) before the app closes anyway."""

    lost_input_wait_s: float = 3.0
    """When the microphone goes away mid-answer, how long the words still being transcribed are waited for
    before the answer is closed with what is committed (its audio is in the recording either way)."""

    model_poll_s: float = 0.25
    """How often the loading state of the speech model is checked."""

    minimal_live: bool = False
    """Start answers in the minimal live view (timer and level only); `v` toggles it."""

    auto_start: bool = False
    """With a microphone: listen as soon as a question is shown (the answer starts at the first speech)."""

    voice: bool = True
    """Read questions and follow-ups aloud when the optional voice is installed and answers come from the
    microphone; `i` toggles it, and the choice holds for the rest of the run."""

    timer_span_factor: float = 1.25
    """A timer bar spans 0 to this times the targets' "over" time (5:00 for a main answer, past its 4:00
    mark)."""

    level_floor_dbfs: float = -60.0
    """The level meter is empty at or below this input level."""

    level_speech_dbfs: float = -35.0
    """Levels above this are drawn as speech (green); below as background noise."""

    behind_note_s: float = 3.0
    """While the committed words are at least this far behind the speaker, the live line says so
    ("transcribing, 6 s behind")."""

    transcript_words: int = 600
    """The live transcript keeps this many most recent words on screen."""

    sample_pace: float = 1.0
    """Pace at which the bundled sample answer plays when there is no microphone."""

    stretch_lead_s: float = 3.0
    """Review plays a rising statement ending from this long before its last word, so it is heard as the end
    of its sentence (a flat stretch plays from its start)."""

    stretch_tail_s: float = 0.5
    """...and on to this long after the stretch."""

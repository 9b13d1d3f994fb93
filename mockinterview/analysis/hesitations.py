"""Recovering "um"/"uh" that Whisper's text left out, from the audio between committed words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.types import Span, Word


@dataclass(frozen=True)
class HesitationSettings:
    """Thresholds of the voiced-gap hesitation detector."""

    enabled: bool = True
    """Look for hesitations in the audio at all (needs the answer's PCM)."""


def recover_hesitations(words: Sequence[Word], speech: Sequence[Span], audio: np.ndarray,
                        settings: HesitationSettings = HesitationSettings(),
                        sample_rate: int = 16_000) -> list[Word]:
    """New filler words ("um"/"uh") for voiced stretches of `audio` that no word covers."""
    return []

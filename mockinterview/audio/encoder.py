"""Short-context encoding: Whisper's encoder run over the audio present plus a margin, not 30 s of padding.

faster-whisper pads every chunk's mel features with zero columns to 30 s (3000 frames) and encodes all of
them. The encoder's cost is fixed by that length, about 0.3 s on two CPU cores with tiny.en, which dominates
the decode of a few seconds of speech. CTranslate2 accepts shorter inputs, so the padding is cut to a margin
after the last real frame; the decoder attends over fewer, but all the real, frames.

Recent encoder outputs are kept: the hesitation pass decodes the stretch just committed again, with another
prompt, from the same features.

The model can change its thread count between decodes (`use_threads`): CTranslate2 fixes a model's threads
when it loads, so each count used gets its own copy of the weights (tiny.en: about 40 MB), loaded once.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from typing import Any

import numpy as np

FRAMES_PER_S = 100
"""Whisper's mel frames are 10 ms apart."""
FULL_FRAMES = 30 * FRAMES_PER_S
"""Whisper's input window: 30 s."""
FRAME_STEP = FRAMES_PER_S
"""Kept lengths are rounded up to this many frames (1 s), so few distinct shapes reach the encoder."""
ENCODER_MARGIN_S = 2.0
"""Padding kept after the last audio frame. Live (pace 1) WER on corpus dev-01 and dev-02 was 11.5% with 0.5 s,
9.8% with 1 s, 8.8% with 2 s and 9.5% with the full 30 s window."""

RECENT_ENCODINGS = 6
"""Encoder outputs kept for reuse (a commit's windows plus the partials decoded before its hesitation pass;
each is at most 1500 x 384 floats for tiny.en)."""


def content_frames(features: np.ndarray) -> int:
    """Frames before faster-whisper's zero padding (real log-mel frames are never all zero)."""
    frames = features if features.ndim == 2 else features[0]
    nonzero = np.flatnonzero(np.any(frames != 0, axis=0))
    return int(nonzero[-1]) + 1 if nonzero.size else 0


def kept_frames(content: int, margin_frames: int, total: int = FULL_FRAMES) -> int:
    """How many frames to encode: the content plus the margin, rounded up to `FRAME_STEP`, at most `total`."""
    want = -(-(content + margin_frames) // FRAME_STEP) * FRAME_STEP
    return max(FRAME_STEP, min(total, want))


@functools.cache
def short_context_model_class() -> type:
    """A WhisperModel whose encoder skips the padding beyond `encoder_margin_s` after the audio."""
    from faster_whisper import WhisperModel

    class ShortContextWhisperModel(WhisperModel):  # type: ignore[misc]  # faster_whisper has no type information
        encoder_margin_s: float = ENCODER_MARGIN_S

        def __init__(self, path: str, *args: Any, **kwargs: Any) -> None:
            super().__init__(path, *args, **kwargs)
            self.recent: OrderedDict[bytes, Any] = OrderedDict()
            """Encoder outputs by a hash of their kept features, newest last (`RECENT_ENCODINGS` of them)."""
            self.threads: int = kwargs.get("cpu_threads", 0)
            self._path, self._compute_type = path, kwargs.get("compute_type", "default")
            self._by_threads: dict[int, Any] = {self.threads: self.model}
            self._loading = threading.Lock()

        def preload_threads(self, threads: int) -> Any:
            """The copy of the model that decodes with `threads` threads, loaded now if it was not."""
            with self._loading:
                if threads not in self._by_threads:
                    import ctranslate2

                    self._by_threads[threads] = ctranslate2.models.Whisper(
                        self._path, device="cpu", compute_type=self._compute_type, intra_threads=threads)
                return self._by_threads[threads]

        def use_threads(self, threads: int) -> None:
            """Decode with `threads` CPU threads from now on."""
            if threads != self.threads:
                self.model, self.threads = self.preload_threads(threads), threads

        def encode(self, features: np.ndarray) -> Any:
            margin = round(self.encoder_margin_s * FRAMES_PER_S)
            keep = kept_frames(content_frames(features), margin, features.shape[-1])
            kept = np.ascontiguousarray(features[..., :keep])
            key = hashlib.blake2b(kept.tobytes(), digest_size=16).digest()
            recent = self.recent
            if key in recent:  # the same audio decoded again (the hesitation pass): one encoder run
                recent.move_to_end(key)
                return recent[key]
            out = super().encode(kept)
            recent[key] = out
            while len(recent) > RECENT_ENCODINGS:
                recent.popitem(last=False)
            return out

    return ShortContextWhisperModel

"""The short-context encoder on real speech: same words as Whisper's full 30 s window, encoded shorter."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from mockinterview.audio.encoder import content_frames
from mockinterview.audio.model import load_model, resolve_model
from mockinterview.audio.transcriber import TranscriberOptions, decode

pytestmark = pytest.mark.model


def test_short_context_hears_the_same_words(short_answer, whisper_model):
    path, _ = short_answer
    audio, rate = sf.read(str(path), dtype="int16")
    assert rate == 16000
    short = whisper_model.get()
    full = load_model(resolve_model(None), encoder_margin_s=None)
    shapes = []
    encode = type(short).encode

    def spy(self, features):
        out = encode(self, features)
        shapes.append((content_frames(features), out.shape[1]))
        return out

    type(short).encode = spy
    try:
        mine = decode(short, audio, 0.0, TranscriberOptions())
    finally:
        type(short).encode = encode
    theirs = decode(full, audio, 0.0, TranscriberOptions())
    assert [w.norm for w in mine.words] == [w.norm for w in theirs.words]
    assert np.allclose([w.start for w in mine.words], [w.start for w in theirs.words], atol=0.2)
    content, encoded = shapes[0]
    assert content == pytest.approx(len(audio) / 160, abs=2), shapes
    assert content <= encoded * 2 < 3000  # an encoder position is 2 mel frames

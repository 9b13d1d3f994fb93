"""The short-context encoder on real speech: same words as Whisper's full 30 s window, encoded shorter."""

from __future__ import annotations

import jiwer
import pytest
import soundfile as sf
from conftest import word_error_rate

from mockinterview.analysis.numbers import spell_numbers
from mockinterview.audio.encoder import content_frames
from mockinterview.audio.model import load_model, resolve_model
from mockinterview.audio.transcriber import TranscriberOptions, decode

pytestmark = pytest.mark.model

SAME_WORDS_WER = 0.15
"""The short encoder may hear a word or two differently from the full 30 s window (int8 kernels round
differently with the shorter input): measured 0.09 between the two decodes of this fixture with both AVX2 and
AVX-512 kernels (the full window writes "day to base" for "database", 3 of 33 words). At most this word error
rate between the two; the words both heard must be timed alike."""

NO_WORSE = 0.05
"""The short encoder must hear the script about as well as the full window (measured: 0.03 against 0.13)."""


def test_short_context_hears_the_same_words(short_answer, whisper_model):
    path, gold = short_answer
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
    mine_text, theirs_text = (" ".join(w.text for w in d.words) for d in (mine, theirs))
    assert word_error_rate(theirs_text, mine_text) <= SAME_WORDS_WER, (mine_text, theirs_text)
    script = " ".join(s["text"] for s in gold["sentences"])
    assert word_error_rate(script, mine_text) <= word_error_rate(script, theirs_text) + NO_WORSE
    ref, hyp = ([w for w in d.words if w.norm] for d in (theirs, mine))
    key = lambda w: spell_numbers(w.norm).replace(" ", "")  # noqa: E731 - one token a word, "4" = "four"
    aligned = jiwer.process_words(" ".join(map(key, ref)), " ".join(map(key, hyp)))
    chunks = aligned.alignments[0]
    same = [(ref[c.ref_start_idx + k], hyp[c.hyp_start_idx + k], k, c) for c in chunks if c.type == "equal"
            for k in range(c.ref_end_idx - c.ref_start_idx)]
    assert len(same) >= (1 - SAME_WORDS_WER) * len(ref)
    # a word next to one heard differently may start where the other decode's longer guess ended
    edge = {(id(c), 0) for c in chunks[1:]} | {(id(c), c.ref_end_idx - c.ref_start_idx - 1) for c in chunks[:-1]}
    inner = [(a, b) for a, b, k, c in same if (id(c), k) not in edge]
    assert all(abs(a.start - b.start) <= 0.2 for a, b in inner), inner
    content, encoded = shapes[0]
    assert content == pytest.approx(len(audio) / 160, abs=2), shapes
    assert content <= encoded * 2 < 3000  # an encoder position is 2 mel frames


def test_decoding_the_same_audio_again_reuses_the_encoder_output(short_answer, whisper_model):
    """The hesitation pass decodes a committed stretch again: the encoder runs once for both decodes."""
    from faster_whisper import WhisperModel

    path, _ = short_answer
    audio, _ = sf.read(str(path), dtype="int16")
    model = whisper_model.get()
    model.recent.clear()  # forget what earlier tests encoded
    calls = []
    encode = WhisperModel.encode

    def spy(self, features):
        calls.append(features.shape)
        return encode(self, features)

    WhisperModel.encode = spy
    try:
        options = TranscriberOptions()
        plain = decode(model, audio, 0.0, options)
        after_plain = len(calls)
        styled = decode(model, audio, 0.0, options, prompt=options.hesitation_prompt, partial=True, beam_size=5)
        after_styled = len(calls)
        other = decode(model, audio[: len(audio) // 2], 0.0, options)
    finally:
        WhisperModel.encode = encode
    assert plain.words and styled.words and other.words
    assert after_plain >= 1 and after_styled == after_plain, calls  # the second decode encoded nothing
    assert len(calls) > after_styled  # other audio is encoded

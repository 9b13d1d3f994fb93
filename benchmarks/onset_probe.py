"""Can the onset of sound after a pause tell a hesitation run into the next word ("uh I talked") from a word?

usage: .venv/bin/python benchmarks/onset_probe.py [--corpus ../shared/corpus] [--extra DIR ...] [--folds K]

Most um/uh the product misses (benchmarks/filler_losses.py: "no free island") open a stretch of sound after a
pause and run straight into the next word, and neither decode writes them. This probe asks whether the opening
0.24 s of such a stretch, with or without what Whisper says about its first word, separates them from words, with
a logistic regression cross-validated by written answer (every copy of an answer in one fold: bench_fillers
`folds_of`). Features:
  acoustic  per 40 ms window (five): 10 cepstra of 24 log bands (100-5000 Hz), voicing, level under the loudest
            frame; pitch spread of the voiced frames; mean frame-to-frame cepstral change;
  whisper   the probability of the transcript's first word there, and how long it lasts per letter against the
            answer's median (Whisper stretches a word over a hesitation it drops);
  belief    Whisper's own log-probability that the speech from the onset opens with um/uh: one decoder step
            over the next BELIEF_S of audio, after the hesitation pass's prompt.
Labels: "start" examples are onsets at a gold sentence start (positive when the sentence opens with um/uh; exact);
"mid" adds onsets inside the transcript gap where the alignment places a gold um/uh (filler_losses.py), when the
gap holds no other onset. Negatives are onsets inside sentences without any um/uh, or at the start of one that
does not open with one. Printed per voice: true and false hits among onsets no counted hesitation lies near (the
ones the product would gain), at each probability threshold.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_fillers import answer_group, corpus_arguments, folds_of, load_answers, scope_of  # noqa: E402
from delivery_corpus import GoldAnswer, transcribe  # noqa: E402
from filler_losses import gold_hesitations  # noqa: E402

from mockinterview.analysis.delivery.acoustics import AcousticSettings, SoundTimeline, frames  # noqa: E402
from mockinterview.analysis.delivery.timing import DeliverySettings, find_fillers  # noqa: E402
from mockinterview.audio.model import ModelLoader  # noqa: E402
from mockinterview.audio.transcriber import HESITATION_PROMPT  # noqa: E402
from mockinterview.types import SAMPLE_RATE, Span  # noqa: E402

ONSET_S, WINDOWS, BANDS, CEPSTRA, FFT = 0.24, 5, 24, 10, 1024
AT_START_S, NEAR_START_S, KNOWN_S, PAUSE_S = 0.06, 0.3, 1.0, 0.15
THRESHOLDS = (0.9, 0.95, 0.98)
BELIEF_S = 4.0
_EDGES = np.geomspace(100.0, 5000.0, BANDS + 1)
_FREQS = np.fft.rfftfreq(FFT, 1 / SAMPLE_RATE)
_BANDS = [(a <= _FREQS) & (b > _FREQS) for a, b in zip(_EDGES[:-1], _EDGES[1:], strict=True)]
_K = np.arange(BANDS)
_DCT = np.sqrt(2 / BANDS) * np.cos(np.pi * (_K[:, None] + 0.5) * _K[None, :] / BANDS)
HESITATIONS = frozenset({"um", "uh", "er", "ah", "hmm", "umm", "uhm", "erm"})


def acoustic(audio: np.ndarray, start: float, s: AcousticSettings) -> list[float]:
    a = int(start * SAMPLE_RATE)
    f = frames(audio[a:a + int(ONSET_S * SAMPLE_RATE)], s)
    f = f - f.mean(axis=1, keepdims=True)
    power = np.abs(np.fft.rfft(f * np.hanning(f.shape[1]), n=FFT)) ** 2
    lo, hi = SAMPLE_RATE // 400, SAMPLE_RATE // 70
    ac = np.fft.irfft(power)[:, : hi + 1]
    ac = ac / (ac[:, :1] + 1e-12)
    lag = lo + np.argmax(ac[:, lo:hi], axis=1)
    peak = ac[np.arange(len(ac)), lag]
    cep = (10 * np.log10(np.stack([power[:, b].sum(axis=1) for b in _BANDS], axis=1) + 1e-9) @ _DCT)[:, 1:CEPSTRA + 1]
    level = 10 * np.log10(power.sum(axis=1) + 1e-12)
    n, out = len(peak), []
    for w in range(WINDOWS):
        rows = slice(min(4 * w, n - 1), min(4 * w + 4, n))
        out += [*cep[rows].mean(axis=0), float(peak[rows].mean()), float(level[rows].mean() - level.max())]
    voiced = peak > 0.45
    semitones = 12 * np.log2(SAMPLE_RATE / lag[voiced] / 100.0)
    flux = float(np.mean(np.linalg.norm(np.diff(cep, axis=0), axis=1))) if n > 1 else 0.0
    return [*out, float(np.std(semitones)) if voiced.sum() > 2 else 5.0, flux]


class Belief:
    """Whisper's log-probability that the audio from a time opens with a hesitation word."""

    def __init__(self) -> None:
        from faster_whisper.tokenizer import Tokenizer

        self.model = ModelLoader().start().get()
        tok = Tokenizer(self.model.hf_tokenizer, self.model.model.is_multilingual, task="transcribe",
                        language="en")
        self.hesitations = sorted({tok.encode(" " + w)[0] for w in ("uh", "um", "Uh", "Um")})
        self.prompt = [tok.sot_prev, *tok.encode(" " + HESITATION_PROMPT), *tok.sot_sequence, tok.no_timestamps]

    def __call__(self, audio: np.ndarray, start: float) -> float:
        from faster_whisper.audio import pad_or_trim

        a = max(0, int((start - 0.1) * SAMPLE_RATE))
        clip = audio[a:a + int(BELIEF_S * SAMPLE_RATE)].astype(np.float32) / 32768.0
        encoded = self.model.encode(pad_or_trim(self.model.feature_extractor(clip)))
        [r] = self.model.model.generate(encoded, [self.prompt], beam_size=1, max_length=len(self.prompt) + 2,
                                        return_logits_vocab=True, suppress_blank=False)
        logits = np.asarray(r.logits[0][0], dtype=np.float64)
        return float(np.logaddexp.reduce(logits[self.hesitations]) - np.logaddexp.reduce(logits))


def _norm(t: str) -> str:
    return t.strip(".,!?;:\"'").lower()


def exact_label(t: float, a: GoldAnswer) -> int | None:
    """1/0 where the gold says exactly whether a hesitation opens the sound at `t`, else None."""
    for s in a.sentences:
        if abs(t - s["start"]) <= AT_START_S:
            return int(_norm(s["text"].split()[0]) in HESITATIONS)
        if abs(t - s["start"]) <= NEAR_START_S:
            return None
        if s["start"] <= t <= s["end"]:
            return None if any(_norm(w) in HESITATIONS for w in s["text"].split()) else 0
    return 0


def collect(answers: list[GoldAnswer]) -> dict[str, np.ndarray | list]:
    settings = DeliverySettings()
    sounds = set(settings.fillers.hesitations.values())
    rows: dict[str, list] = {k: [] for k in ("x", "w", "b", "y", "mid", "new", "answer")}
    belief = Belief()
    for a in answers:
        t = transcribe(a.audio, None, via="pipeline")
        speech = sorted(t.speech, key=lambda s: s.start)
        found = find_fillers(t.words, speech, settings, t.audio, t.styled)
        sound = found.sound or SoundTimeline.of(t.audio, speech, settings.acoustics)
        known = [(found.marked[h.indices[0]].start + found.marked[h.indices[0]].end) / 2
                 for h in found.hits if h.kind in sounds]
        gaps = [g.gap for g in gold_hesitations(a, t.words, settings)]
        rate = float(np.median([(w.end - w.start) / max(1, len(w.norm)) for w in t.words if w.norm] or [0.08]))
        isl = sound.islands
        onsets = [s for k, s in enumerate(isl)
                  if s.duration >= PAUSE_S and (k == 0 or s.start - isl[k - 1].end >= PAUSE_S)]
        for o in onsets:
            y, mid = exact_label(o.start, a), False
            if y is None:
                inside = [g for g in gaps if g.start <= o.start <= g.end]
                if len(inside) != 1 or sum(_in(p, inside[0]) for p in onsets) != 1:
                    continue
                y, mid = 1, True
            first = next((w for w in t.words if w.end > o.start + 0.02), None)
            if first is None:
                continue
            stretch = max(0.01, (first.end - max(first.start, o.start)) / max(1, len(first.norm))) / rate
            rows["x"].append(acoustic(t.audio, o.start, sound.settings))
            rows["w"].append([first.probability, float(np.log(stretch))])
            rows["b"].append([belief(t.audio, o.start)])
            rows["y"].append(y)
            rows["mid"].append(mid)
            rows["new"].append(all(abs(o.start - k) > KNOWN_S for k in known))
            rows["answer"].append(a)
    return {k: (v if k == "answer" else np.array(v)) for k, v in rows.items()}


def _in(p: Span, gap: Span) -> bool:
    return gap.start <= p.start <= gap.end


def cross_validated(x: np.ndarray, y: np.ndarray, answers: list[GoldAnswer], k: int) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    fold = {answer_group(a): f for f, test in enumerate(folds_of(answers, k)) for a in test}
    of = np.array([fold[answer_group(a)] for a in answers])
    prob = np.zeros(len(y))
    for f in range(k):
        tr = of != f
        mean, scale = x[tr].mean(axis=0), x[tr].std(axis=0) + 1e-6
        m = LogisticRegression(C=0.1, class_weight="balanced", max_iter=5000).fit((x[tr] - mean) / scale, y[tr])
        prob[~tr] = m.predict_proba((x[~tr] - mean) / scale)[:, 1]
    return prob


def main() -> None:
    ap = corpus_arguments(__doc__)
    ap.add_argument("--folds", type=int, default=6)
    args = ap.parse_args()
    from sklearn.metrics import roc_auc_score

    answers = [a for c in (args.corpus, *args.extra) for a in load_answers(c)]
    d = collect(answers)
    scopes = sorted({scope_of(a) for a in d["answer"]})
    for labels in ("start", "mid"):
        keep = np.ones(len(d["y"]), dtype=bool) if labels == "mid" else ~d["mid"]
        y, new, owners = d["y"][keep], d["new"][keep], [a for a, k in zip(d["answer"], keep, strict=True) if k]
        print(f"labels {labels}: {len(y)} onsets, {int(y.sum())} hesitations, {int(y[new].sum())} not counted today")
        sets = (("acoustic", d["x"]), ("acoustic+whisper", np.hstack([d["x"], d["w"]])), ("belief", d["b"]),
                ("whisper+belief", np.hstack([d["w"], d["b"]])), ("all", np.hstack([d["x"], d["w"], d["b"]])))
        for name, x in sets:
            prob = cross_validated(x[keep], y, owners, args.folds)
            print(f"  {name}: AUC {roc_auc_score(y, prob):.3f}; new true+false hits / missed hesitations per voice")
            for th in THRESHOLDS:
                cells = []
                for scope in scopes:
                    m = np.array([scope_of(a) == scope for a in owners]) & new
                    hit = m & (prob >= th)
                    cells.append(f"{scope} +{int((hit & (y == 1)).sum())}/-{int((hit & (y == 0)).sum())} "
                                 f"of {int((m & (y == 1)).sum())}")
                print(f"    P >= {th}: " + "; ".join(cells))


if __name__ == "__main__":
    main()

"""Spoken gold for bench_prosody.py, made here from the corpus's written answers (cached under benchmarks/out).

- pairs: a corpus answer spoken whole by espeak-ng with `<prosody range="x-low">` (flat) and `range="x-high"`
  (lively), 150 wpm; the voices rotate over male and female espeak voices;
- neural pairs: the corpus's piper (joe) answers re-pitched with WORLD (pyworld, optional): the F0 movement
  around the speaker's mean scaled by 0.3 (flat) and 1.5 (lively);
- statements: six plain declarative statements per file, 0.8 s apart, from answers not used for the pairs:
  plain, raised (the last two words of each in `<prosody pitch="+60%">`) and mixed (every other one raised);
- room copies of all of them, with the corpus's roomify chain (voice 8 dB quieter, 90-7500 Hz, reverb, pink
  and brown noise) in sox's repeatable mode, so every run makes the same noise.
espeak-ng and sox are Debian packages; `ensure_tools(install=True)` installs them when run as root.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import soundfile as sf

RATE = 16000
VOICES = ["en-us", "en-us+f3", "en-gb", "en-us+m3", "en-gb-x-rp+f4", "en-us+f2", "en-029"]
"""espeak-ng voices, used in turn: both male and female registers."""
PAIR_IDS = [f"dev-{i:02d}" for i in range(1, 55, 4)]
"""Answers spoken as flat/lively pairs: every fourth."""
SPEED = "150"
"""espeak-ng words per minute: an interview pace."""
ROOM = ("gain -8 highpass 90 lowpass 7500 reverb 25 50 60", 0.012, 0.02)
"""The corpus's roomify chain: voice effects, pink noise volume, brown noise volume."""
TOOLS = ("espeak-ng", "sox")
"""Programs the gold needs (Debian packages of the same names)."""
VERSION = "1"
"""Bump to remake cached gold after changing how it is made."""


@dataclass
class GoldFile:
    """One spoken gold file."""

    path: Path
    kind: str  # pair | uptalk
    family: str  # espeak | piper
    answer: str  # corpus answer id, or the statement group
    voice: str
    label: str  # flat | lively | plain | raised | mixed
    cond: str = "clean"  # clean | room
    statements: list[dict] = field(default_factory=list)
    """Uptalk files: each statement's text, start, end and whether it was raised."""

    def audio(self) -> np.ndarray:
        x, _ = sf.read(self.path, dtype="int16")
        return x


def ensure_tools(install: bool) -> list[str]:
    """The tools still missing (after installing them with apt-get when `install` and running as root)."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing and install and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=False)
        missing = [t for t in TOOLS if shutil.which(t) is None]
    return missing


def _sox(*args: str) -> None:
    subprocess.run(["sox", "-R", *args], check=True, capture_output=True)


def speak(ssml: str, voice: str) -> np.ndarray:
    """SSML through espeak-ng, as 16 kHz int16, silence at both ends trimmed."""
    with tempfile.TemporaryDirectory() as td:
        raw, out = f"{td}/raw.wav", f"{td}/out.wav"
        subprocess.run(["espeak-ng", "-m", "-v", voice, "-s", SPEED, "-w", raw, f"<speak>{ssml}</speak>"],
                       check=True)
        _sox(raw, "-r", str(RATE), "-c", "1", "-b", "16", out)
        x, _ = sf.read(out, dtype="int16")
    loud = np.flatnonzero(np.abs(x.astype(np.int32)) >= 200)
    return x[loud[0]: loud[-1] + 1] if len(loud) else x


def silence(s: float) -> np.ndarray:
    return np.zeros(int(s * RATE), dtype=np.int16)


def roomify(x: np.ndarray) -> np.ndarray:
    """The corpus's room copy of `x` (same length)."""
    effects, pink, brown = ROOM
    with tempfile.TemporaryDirectory() as td:
        src, voice, p, b, out = (f"{td}/{n}.wav" for n in ("src", "voice", "pink", "brown", "out"))
        sf.write(src, x, RATE, subtype="PCM_16")
        d = f"{len(x) / RATE:.4f}"
        _sox(src, voice, *effects.split(), "trim", "0", d)
        _sox("-n", "-r", str(RATE), "-c", "1", "-b", "16", p, "synth", d, "pinknoise", "vol", str(pink))
        _sox("-n", "-r", str(RATE), "-c", "1", "-b", "16", b, "synth", d, "brownnoise", "vol", str(brown))
        _sox("-m", "-v", "1", voice, "-v", "1", p, "-v", "1", b, "-b", "16", out)
        y, _ = sf.read(out, dtype="int16")
    return y


def room_noise(seconds: float) -> np.ndarray:
    """The room copies' noise alone (pink + brown), no voice."""
    return roomify(np.zeros(int(seconds * RATE), dtype=np.int16))


def _save(g: GoldFile, x: np.ndarray) -> list[GoldFile]:
    """Write `g` and its room copy; return both."""
    g.path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(g.path, x, RATE)
    room = GoldFile(g.path.with_name(g.path.stem + "-room.flac"), g.kind, g.family, g.answer, g.voice, g.label,
                    "room", g.statements)
    sf.write(room.path, roomify(x), RATE)
    return [g, room]


def answers(corpus: Path) -> dict[str, dict]:
    return {a["id"]: a for a in json.loads((corpus / "answers.json").read_text())}


def make_pairs(corpus: Path, out: Path) -> list[GoldFile]:
    made = []
    for k, aid in enumerate(PAIR_IDS):
        voice = VOICES[k % len(VOICES)]
        text = escape(" ".join(s["text"] for s in answers(corpus)[aid]["sentences"]))
        for label, rng in (("flat", "x-low"), ("lively", "x-high")):
            x = np.concatenate([silence(0.6), speak(f'<prosody range="{rng}">{text}</prosody>', voice),
                                silence(1.0)])
            made += _save(GoldFile(out / f"pair-{aid}-{label}.flac", "pair", "espeak", aid, voice, label), x)
    return made


def statements(corpus: Path, n: int) -> list[str]:
    """Plain declaratives of 8-22 words, one each from answers not spoken as pairs."""
    found = []
    for aid, a in sorted(answers(corpus).items()):
        if aid in PAIR_IDS:
            continue
        for s in a["sentences"]:
            words = s["text"].strip().split()
            if 8 <= len(words) <= 22 and s["text"].strip().endswith(".") and "?" not in s["text"] \
                    and words[0].lower().strip(",") not in ("um", "uh", "so", "and"):
                found.append(s["text"].strip())
                break
        if len(found) == n:
            break
    return found


def raised(text: str, n_words: int = 2) -> str:
    w = text.split()
    return escape(" ".join(w[:-n_words])) + f' <prosody pitch="+60%">{escape(" ".join(w[-n_words:]))}</prosody>'


def make_statements(corpus: Path, out: Path) -> list[GoldFile]:
    made = []
    found = statements(corpus, 24)
    for g in range(4):
        voice = VOICES[g % len(VOICES)]
        for label in ("plain", "raised", "mixed"):
            parts, t, gold = [silence(0.6)], 0.6, []
            for i, st in enumerate(found[6 * g: 6 * g + 6]):
                up = label == "raised" or (label == "mixed" and i % 2 == 0)
                seg = speak(raised(st) if up else escape(st), voice)
                gold.append({"text": st, "raised": up, "start": round(t, 3), "end": round(t + len(seg) / RATE, 3)})
                parts += [seg, silence(0.8)]
                t += len(seg) / RATE + 0.8
            made += _save(GoldFile(out / f"up-{g + 1}-{label}.flac", "uptalk", "espeak", f"group-{g + 1}", voice,
                                   label, statements=gold), np.concatenate(parts))
    return made


def make_piper_pairs(corpus: Path, out: Path) -> list[GoldFile]:
    """WORLD analysis and resynthesis of the piper answers with the F0 movement scaled (needs pyworld)."""
    import pyworld as pw

    made = []
    joe = [aid for aid, a in sorted(answers(corpus).items())
           if json.loads((corpus / f"{aid}.gold.json").read_text())["voice"] == "joe"]
    for aid in joe[::2]:
        x, sr = sf.read(corpus / f"{aid}.flac", dtype="float64")
        f0, t = pw.dio(x, sr, f0_floor=65, f0_ceil=450, frame_period=5)
        f0 = pw.stonemask(x, f0, t, sr)
        sp, ap = pw.cheaptrick(x, f0, t, sr), pw.d4c(x, f0, t, sr)
        v = f0 > 0
        mean = np.mean(np.log2(f0[v]))
        for label, scale in (("flat", 0.3), ("lively", 1.5)):
            g = f0.copy()
            g[v] = 2 ** (mean + scale * (np.log2(f0[v]) - mean))
            y = pw.synthesize(g, sp, ap, sr, frame_period=5)[: len(x)]
            y = np.clip(y / max(1.0, np.abs(y).max() / 0.9) * 32767, -32768, 32767).astype(np.int16)
            made += _save(GoldFile(out / f"piper-{aid}-{label}.flac", "pair", "piper", aid, "joe+world", label), y)
    return made


def load_or_make(corpus: Path, out: Path, piper: bool) -> list[GoldFile]:
    """The gold files, made once and listed in OUT/gold.json."""
    index = out / "gold.json"
    if index.exists():
        meta = json.loads(index.read_text())
        if meta["version"] == VERSION and (meta["piper"] or not piper):
            return [GoldFile(**{**f, "path": Path(f["path"])}) for f in meta["files"]]
    made = make_pairs(corpus, out / "espeak") + make_statements(corpus, out / "espeak")
    if piper:
        made += make_piper_pairs(corpus, out / "piper")
    files = [{**g.__dict__, "path": str(g.path)} for g in made]
    index.write_text(json.dumps({"version": VERSION, "piper": piper, "files": files}, indent=1))
    return made

"""Shared fixtures and factories: committed audio, the real tiny.en model loaded once, an isolated data dir,
timed words, reports and stores built one way for every test file (`from conftest import ...`)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import jiwer
import pytest

from mockinterview.analysis.numbers import spell_numbers
from mockinterview.analysis.targets import DEFAULT_TARGETS
from mockinterview.report import AnswerReport, Delivery, Feedback, FillerCounts, Flag, Label, Section, Timing
from mockinterview.storage.store import Store, open_store
from mockinterview.types import Span, Word

FIXTURES = Path(__file__).parent / "fixtures"


# ---- factories -------------------------------------------------------------------------------------------


def timed_words(text: str | Sequence[str], start: float = 0.0, step: float = 0.4, length: float | None = None,
                gaps: dict[int, float] | None = None) -> list[Word]:
    """The words of `text` (split on spaces, or a sequence of words), one every `step` s from `start`, each
    `length` s long (default: `step` less 0.05 s); `gaps[i]` adds that much silence before word i."""
    tokens = text.split() if isinstance(text, str) else list(text)
    size = step - 0.05 if length is None else length
    out, t = [], start
    for i, tok in enumerate(tokens):
        t += (gaps or {}).get(i, 0.0)
        out.append(Word(tok, round(t, 3), round(t + size, 3)))
        t += step
    return out


def make_delivery(duration: float = 150.0, *, words: Sequence[Word] = (), speaking: float | None = None,
                  fillers: FillerCounts | None = None, per_min: float = 0.0, wpm: float = 145.0,
                  pauses: int | Sequence[Span] = 0) -> Delivery:
    """Delivery figures of an answer `duration` s long (speaking 90% of it unless given); the window follows
    from the default targets; `pauses` is a count of 2.5 s long pauses or the pauses themselves."""
    counts = fillers if fillers is not None else FillerCounts(int(per_min * duration / 60), per_min, {})
    spans = [Span(i, i + 2.5) for i in range(pauses)] if isinstance(pauses, int) else list(pauses)
    return Delivery(duration, duration * 0.9 if speaking is None else speaking, list(words), counts, wpm, spans,
                    DEFAULT_TARGETS.window(duration))


def make_report(words: Sequence[Word] = (), *, delivery: Delivery | None = None, overall: int = 70,
                scores: dict[str, int] | None = None, flags: Sequence[Flag] = (),
                sections: Sequence[Section] | None = None, feedback: Sequence[Feedback] = (),
                followups: Sequence[str] = ()) -> AnswerReport:
    """A report of `words` (transcript, duration and one Situation section from them) with the given parts."""
    ws = list(words)
    if delivery is None:
        delivery = make_delivery(ws[-1].end - ws[0].start if ws else 0.0, words=ws)
    text = " ".join(w.text for w in ws)
    if sections is None:
        sections = [Section(Label.S, ws[0].start, ws[-1].end, text)] if ws else []
    return AnswerReport(delivery=delivery, transcript=text, sections=list(sections), flags=list(flags),
                        scores={"overall": overall, "structure": 60} if scores is None else scores,
                        feedback=list(feedback), followups=list(followups))


def text_report(text: str, question: str | None = None) -> AnswerReport:
    """The real scorer's report of a text answer (timings estimated from its words)."""
    from mockinterview.analysis.scorer import estimate_timings, score_answer

    words, speech = estimate_timings(text)
    return score_answer(words, speech, question=question, timing=Timing.ESTIMATED)


def fixture_report(name: str) -> AnswerReport:
    """A saved `score --json` report from tests/fixtures/ui/ (reports of real spoken answers)."""
    return AnswerReport.from_json(json.loads((FIXTURES / "ui" / name).read_text()))


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    """Poll `condition` until it holds (threads and processes run at their own pace on a loaded machine)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        threading.Event().wait(0.01)


# ---- comparing model output ---------------------------------------------------------------------------

WER_TEXT = jiwer.Compose([
    jiwer.ToLowerCase(), jiwer.SubstituteRegexes({"%": " percent ", r"\$": " dollars ", "-": " "}),
    jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(), jiwer.Strip(), jiwer.ReduceToListOfListOfWords(),
])
"""How both sides of a comparison are read: lowercase, no punctuation, numbers as words ("5%" = "five percent")."""


def word_error_rate(reference: str, hypothesis: str) -> float:
    """jiwer's word error rate of `hypothesis` against `reference`, numbers spelled out on both sides.

    tiny.en's int8 kernels differ between CPUs (AVX2, AVX-512) and a live source cuts speech differently under
    load, so a test on model output bounds this rate instead of expecting particular words.
    """
    return float(jiwer.wer(spell_numbers(reference), spell_numbers(hypothesis), reference_transform=WER_TEXT,
                           hypothesis_transform=WER_TEXT))


def prefix_error_rate(reference: str, hypothesis: str) -> float:
    """The character error rate of a transcript cut short (a crash, a stop): `hypothesis` against the start of
    the reference it matches best. Characters, not words: on a dozen words one word heard as two ("check out")
    would weigh as much as a lost sentence."""
    ref, hyp = (" ".join(WER_TEXT(spell_numbers(t))[0]) for t in (reference, hypothesis))
    if not hyp:
        return 1.0
    ends = range(max(1, len(hyp) - 12), min(len(ref), len(hyp) + 12) + 1)
    return min(float(jiwer.cer(ref[:end], hyp)) for end in ends)


# ---- fixtures --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def short_answer() -> tuple[Path, dict]:
    """A 15 s spoken answer (three sentences) and its gold timings."""
    audio = FIXTURES / "audio" / "short-answer.flac"
    gold = json.loads((FIXTURES / "audio" / "short-answer.gold.json").read_text())
    return audio, gold


@pytest.fixture(scope="session")
def whisper_model():
    """The bundled tiny.en model, loaded once for the whole run."""
    from mockinterview.audio.model import ModelLoader

    return ModelLoader().start()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own data dir, so nothing touches the user's real sessions."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(home))
    return home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh session store of its own."""
    s = open_store(tmp_path / "home")
    yield s
    s.close()


@pytest.fixture(autouse=True)
def no_voice_by_default(monkeypatch) -> None:
    """Tests run as on a machine without the optional voice, so no test reads questions into a shared sound
    device by accident; the voice's own tests (marked `voice`) turn it back on with `voice_installed`."""
    monkeypatch.setenv("MOCKINTERVIEW_PIPER", "/nonexistent/piper")


@pytest.fixture
def voice_installed(monkeypatch) -> None:
    """The installed voice (the `voice` extra); the test fails when it is missing, since CI installs it."""
    monkeypatch.delenv("MOCKINTERVIEW_PIPER", raising=False)
    from mockinterview.audio.voice_engine import find_engine

    engine = find_engine()
    if not engine.available:
        pytest.fail(f"the voice is not installed ({engine.reason}); run scripts/setup.sh")

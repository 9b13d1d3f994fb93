"""The layer rules of ARCHITECTURE.md: dependencies point down only, and only ui/ imports textual."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "mockinterview"

LAYERS = ["core", "storage", "audio", "analysis", "session", "cli", "ui"]
"""Bottom to top. A module may import its own layer and the layers below it."""

CORE = {"types", "report", "errors", "__init__"}


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    top = rel.parts[0]
    if top in ("storage", "audio", "analysis", "session", "ui"):
        return top
    if top in ("commands",) or rel.stem == "cli":
        return "cli"
    return "core" if rel.stem in CORE else "cli"


def imports(path: Path) -> list[tuple[str, bool]]:
    """(module, lazy) for every import; lazy = inside a function."""
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found.extend((n, False) for n in names)
    lazy = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    lazy.update(a.name for a in node.names)
                elif isinstance(node, ast.ImportFrom):
                    lazy.add(node.module or "")
    return [(n, n in lazy) for n, _ in found]


SOURCES = sorted(PACKAGE.rglob("*.py"))

APP_FACTORY = ("cli.py", "make_app")
"""The one place below ui/ allowed to import ui/: the app factory, lazily (inside the function)."""


def imported_in_function(path: Path, function: str) -> set[str]:
    """Modules imported inside the top-level function `function` of `path`."""
    found: set[str] = set()
    for fn in ast.parse(path.read_text()).body:
        if isinstance(fn, ast.FunctionDef) and fn.name == function:
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    found.update(a.name for a in node.names)
                elif isinstance(node, ast.ImportFrom):
                    found.add(node.module or "")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_point_down(path):
    mine = LAYERS.index(layer_of(path))
    for module, _ in imports(path):
        if not module.startswith("mockinterview."):
            continue
        target = PACKAGE.joinpath(*module.split(".")[1:])
        target = target.with_suffix(".py") if target.with_suffix(".py").exists() else target / "__init__.py"
        if not target.exists():
            continue
        theirs = LAYERS.index(layer_of(target))
        if (str(path.relative_to(PACKAGE)) == APP_FACTORY[0] and layer_of(target) == "ui"
                and module in imported_in_function(path, APP_FACTORY[1])
                and all(lazy for m, lazy in imports(path) if m == module)):
            continue
        assert theirs <= mine, f"{path.relative_to(PACKAGE)} ({LAYERS[mine]}) imports {module} ({LAYERS[theirs]})"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_ui_imports_textual(path):
    if layer_of(path) == "ui":
        return
    for module, _ in imports(path):
        assert module.split(".")[0] not in ("textual", "textual_plotext"), f"{path} imports {module}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_heavy_audio_libraries_are_imported_lazily(path):
    for module, lazy in imports(path):
        if module.split(".")[0] in ("sounddevice", "faster_whisper", "ctranslate2"):
            assert lazy, f"{path} imports {module} at module level; import it inside the function that needs it"

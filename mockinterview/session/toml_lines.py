"""Line numbers of TOML tables and keys, which `tomllib` does not report.

`scan(text)` walks a document that `tomllib` has already accepted and records, for every table
header, the line it is on and the line of each key assigned inside it. Strings (single- and
multi-line), comments and multi-line arrays or inline tables are skipped, so a "[" or "key ="
inside a value is never mistaken for a header or a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY_RE = re.compile(r"""\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(?=[.=])""")


@dataclass(slots=True)
class TableLines:
    """One table of the document: where its header is and where each of its keys is assigned."""

    name: tuple[str, ...]
    """Dotted name parts, e.g. ("question",); () for the root table before any header."""
    line: int
    """1-based line of the header (1 for the root table)."""
    array: bool = False
    """True for an array-of-tables header `[[name]]`."""
    keys: dict[str, int] = field(default_factory=dict)
    """First part of each key assigned in this table -> 1-based line of the assignment."""


def _split_dotted(name: str) -> tuple[str, ...]:
    """Split `a."b.c".d` into ("a", "b.c", "d")."""
    parts: list[str] = []
    pos = 0
    while pos < len(name):
        match = _KEY_RE.match(name, pos) or _KEY_RE.match(name + "=", pos)
        if not match:
            break
        parts.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
        rest = name[pos:].lstrip()
        if not rest.startswith("."):
            break
        pos = len(name) - len(rest) + 1
    return tuple(parts)


def _header(stripped: str) -> tuple[tuple[str, ...], bool] | None:
    """Parse a `[name]` or `[[name]]` header line (comments allowed after it)."""
    array = stripped.startswith("[[")
    opener, closer = ("[[", "]]") if array else ("[", "]")
    body = stripped[len(opener):]
    end = _closing(body, closer)
    if end < 0:
        return None
    return _split_dotted(body[:end].strip()), array


def _closing(body: str, closer: str) -> int:
    """Index of `closer` in a header body, skipping quoted parts."""
    quote = ""
    for i, ch in enumerate(body):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif body.startswith(closer, i):
            return i
    return -1


class _ValueState:
    """Tracks open multi-line strings and brackets across lines."""

    def __init__(self) -> None:
        self.ml_quote = ""  # '"""' or "'''" while inside a multi-line string
        self.depth = 0  # open [ and { inside a value

    @property
    def at_top(self) -> bool:
        return not self.ml_quote and self.depth == 0

    def feed(self, text: str) -> None:
        i, n = 0, len(text)
        while i < n:
            if self.ml_quote:
                if self.ml_quote == '"""' and text[i] == "\\":
                    i += 2
                    continue
                if text.startswith(self.ml_quote, i):
                    i += 3
                    while i < n and text[i] == self.ml_quote[0]:
                        i += 1
                    self.ml_quote = ""
                    continue
                i += 1
                continue
            ch = text[i]
            if ch == "#":
                return
            if text.startswith('"""', i) or text.startswith("'''", i):
                self.ml_quote = text[i:i + 3]
                i += 3
            elif ch == '"':
                i += 1
                while i < n and text[i] != '"':
                    i += 2 if text[i] == "\\" else 1
                i += 1
            elif ch == "'":
                end = text.find("'", i + 1)
                i = n if end < 0 else end + 1
            elif ch in "[{":
                self.depth += 1
                i += 1
            elif ch in "]}":
                self.depth = max(0, self.depth - 1)
                i += 1
            else:
                i += 1


def key_on(line: str) -> str | None:
    """The key assigned on a line ("key = ..."), if any."""
    match = _KEY_RE.match(line)
    return next(g for g in match.groups() if g is not None) if match else None


def scan(text: str) -> list[TableLines]:
    """Tables of a valid TOML document in order, the root table first."""
    tables = [TableLines(name=(), line=1)]
    state = _ValueState()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not state.at_top:
            state.feed(raw + "\n")
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            parsed = _header(stripped)
            if parsed is not None:
                tables.append(TableLines(name=parsed[0], line=number, array=parsed[1]))
            continue
        match = _KEY_RE.match(raw)
        if match:
            key = next(g for g in match.groups() if g is not None)
            tables[-1].keys.setdefault(key, number)
            eq = raw.find("=", match.end())
            state.feed(raw[eq + 1:] + "\n" if eq >= 0 else "\n")
        else:
            state.feed(raw + "\n")
    return tables


def array_tables(tables: list[TableLines], name: str) -> list[TableLines]:
    """The `[[name]]` tables in order, each with the keys of its own sub-tables (`[name.sub]`) added.

    The i-th entry is the i-th element of the array `name` that `tomllib` returns.
    """
    found: list[TableLines] = []
    for table in tables:
        if table.name == (name,) and table.array:
            found.append(TableLines(name=table.name, line=table.line, array=True, keys=dict(table.keys)))
        elif len(table.name) > 1 and table.name[0] == name and found:
            found[-1].keys.setdefault(table.name[1], table.line)
    return found


def line_of(tables: list[TableLines], name: tuple[str, ...], default: int = 1) -> int:
    """Line of the first header named `name` (or of the root key name[0] when there is no header)."""
    for table in tables:
        if table.name == name:
            return table.line
    if len(name) == 1 and name[0] in tables[0].keys:
        return tables[0].keys[name[0]]
    for table in tables:
        if table.name[:1] == name[:1]:
            return table.line
    return default

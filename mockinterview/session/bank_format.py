"""The bank file format: parse and validate one TOML bank, with problems that name file, line and field.

The format is documented for users in question_banks/README.md. `tomllib` gives no line numbers, so
`toml_lines.scan` finds the line of every [[question]] table and of each field in it; a syntax error's
line comes from the `tomllib.TOMLDecodeError`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockinterview.errors import BankError
from mockinterview.session import toml_lines
from mockinterview.types import CATEGORIES, MUST_HAVE, PRINCIPLES, Question

BANK_SUFFIX = ".toml"
"""Bank files end in this."""
GENERAL = "general"
"""Category for questions outside the seven story categories."""

ALLOWED_CATEGORIES = (*CATEGORIES, GENERAL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters, refused in bank text (line breaks and tabs in multi-line strings are spaced out)."""
QUESTION_FIELDS = ("id", "text", "category", "principles", "must_have", "probes")
REQUIRED_FIELDS = ("id", "text", "category", "probes")
BANK_FIELDS = ("title", "description")
TOP_LEVEL = ("bank", "question")


@dataclass(frozen=True, slots=True)
class BankSettings:
    """Limits applied when validating a bank."""

    min_probes: int = 2
    """Fewest follow-up probes a question may have."""
    max_probes: int = 4
    """Most follow-up probes a question may have."""
    max_text_chars: int = 400
    """Longest question or probe text: an interviewer asks it in one breath."""
    id_pattern: str = r"^[a-z0-9][a-z0-9_-]*$"
    """Question ids: lowercase letters, digits, '-' and '_' (they appear in "bank/id" keys)."""
    name_pattern: str = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
    """Bank names (file names without .toml)."""
    suggest_cutoff: float = 0.6
    """Similarity (0-1) above which an unknown name gets a "did you mean" suggestion."""
    max_file_bytes: int = 1 << 20
    """Largest bank file read (1 MiB, thousands of questions): a bigger "bank" is the wrong file (or a device
    such as /dev/zero), and is refused without reading the rest of it."""


DEFAULT_SETTINGS = BankSettings()


@dataclass(frozen=True, slots=True)
class BankIssue:
    """One problem in a bank file."""

    path: Path
    line: int | None
    problem: str
    field: str | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        what = f"field '{self.field}': " if self.field else ""
        return f"{where}{what}{self.problem}" + (f" ({self.fix})" if self.fix else "")


@dataclass(frozen=True, slots=True)
class Bank:
    """A loaded, valid bank."""

    name: str
    path: Path
    questions: tuple[Question, ...]
    title: str = ""
    description: str = ""
    shipped: bool = False

    def question(self, question_id: str) -> Question:
        """The question with this id; BankError if there is none."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise BankError(f"bank '{self.name}' has no question '{question_id}' ({self.path})")


def suggest(value: str, allowed: Iterable[str], cutoff: float) -> str:
    close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""


_FRIENDLIER = {
    "Illegal character '\\n'": "string not closed before the end of the line",
    "Invalid statement": "not a 'key = value' line or a [table] header",
}
"""tomllib messages reworded for people who do not write TOML every day."""


def _decode_issue(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> BankIssue:
    """Turn a TOML syntax error into an issue with its line (Python 3.11 only puts it in the message)."""
    message = str(exc)
    line = getattr(exc, "lineno", None)
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    if line is None and match:
        line = int(match.group(1))
    problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    problem = _FRIENDLIER.get(problem, problem)
    if "(at end of document)" in problem:
        problem = problem.replace(" (at end of document)", " at end of file")
        line = line or max(1, len(text.splitlines()))
    line = line or 1
    lines = text.splitlines()
    key = toml_lines.key_on(lines[line - 1]) if line <= len(lines) else None
    return BankIssue(path, line, f"TOML syntax: {problem}", key,
                     fix="check quotes, brackets, commas and '=' on that line")


class _Validator:
    """Checks one parsed bank document and collects issues with their lines."""

    def __init__(self, path: Path, text: str, settings: BankSettings) -> None:
        self.path = path
        self.settings = settings
        self.tables = toml_lines.scan(text)
        self.issues: list[BankIssue] = []

    def issue(self, line: int, problem: str, field: str | None = None, fix: str | None = None) -> None:
        self.issues.append(BankIssue(self.path, line, problem, field, fix))

    def string(self, value: Any, line: int, field: str, where: str,
               empty_fix: str = "write the text or remove the question") -> str | None:
        if not isinstance(value, str):
            self.issue(line, f"must be a string{where}, not {_type_name(value)}", field,
                       f'write it in quotes: {field} = "..."')
            return None
        if self.control(value, line, field, where):
            return None
        text = " ".join(value.split())
        if not text:
            what = "a probe is" if field == "probes" else "is"
            self.issue(line, f"{what} empty{where}", field, empty_fix)
            return None
        if len(text) > self.settings.max_text_chars:
            self.issue(line, f"is {len(text)} characters long{where}", field,
                       f"keep it under {self.settings.max_text_chars}: an interviewer asks it in one breath")
        return text

    def control(self, value: str, line: int, field: str, where: str) -> bool:
        """Report a control character in `value` (True if there is one): shown in a terminal, ESC or BEL
        would retitle or reprogram it."""
        found = _CONTROL.search(value.replace("\n", " ").replace("\t", " "))
        if found:
            self.issue(line, f"holds the control character U+{ord(found.group()):04X}{where}", field,
                       "remove it: a question bank is plain text")
        return found is not None

    def names(self, value: Any, line: int, field: str, where: str, allowed: Sequence[str]) -> tuple[str, ...]:
        example = f'{field} = ["{allowed[0]}"]'
        if isinstance(value, str):
            self.issue(line, f"must be a list{where}", field, f"put it in brackets: {field} = [\"{value}\"]")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.issue(line, f"must be a list of strings{where}", field, f"e.g. {example}")
            return ()
        out: list[str] = []
        for v in value:
            if v not in allowed:
                hint = suggest(v, allowed, self.settings.suggest_cutoff)
                self.issue(line, f"unknown value '{v}'{where}", field, f"use one of: {', '.join(allowed)}{hint}")
            elif v in out:
                self.issue(line, f"'{v}' listed twice{where}", field, "list each value once")
            else:
                out.append(v)
        return tuple(out)

    def bank_table(self, value: Any) -> tuple[str, str]:
        line = toml_lines.line_of(self.tables, ("bank",))
        if not isinstance(value, dict):
            self.issue(line, "must be a table", "bank", 'write it as [bank] with title = "..."')
            return "", ""
        keys = next((t.keys for t in self.tables if t.name == ("bank",)), {})
        for key in value:
            if key not in BANK_FIELDS:
                hint = suggest(key, BANK_FIELDS, self.settings.suggest_cutoff)
                self.issue(keys.get(key, line), "unknown field in [bank]", key,
                           f"allowed: {', '.join(BANK_FIELDS)}{hint}")
        title = value.get("title", "")
        description = value.get("description", "")
        for name, v in (("title", title), ("description", description)):
            if not isinstance(v, str):
                self.issue(keys.get(name, line), f"must be a string, not {_type_name(v)}", name,
                           f'write it in quotes: {name} = "..."')
            else:
                self.control(v, keys.get(name, line), name, " in [bank]")
        return (title if isinstance(title, str) else ""), (description if isinstance(description, str) else "")

    def question(self, index: int, value: Any, lines: toml_lines.TableLines | None,
                 bank: str, seen: dict[str, int]) -> Question | None:
        header = lines.line if lines else toml_lines.line_of(self.tables, ("question",))
        keys = lines.keys if lines else {}
        where_num = f"question #{index + 1}"
        if not isinstance(value, dict):
            self.issue(header, f"{where_num} must be a table", "question", "start each question with [[question]]")
            return None
        qid = value.get("id")
        where = f" in question '{qid}'" if isinstance(qid, str) and qid.strip() else f" in {where_num}"
        s = self.settings
        before = len(self.issues)
        for key in value:
            if key not in QUESTION_FIELDS:
                hint = suggest(key, QUESTION_FIELDS, s.suggest_cutoff)
                self.issue(keys.get(key, header), f"unknown field{where}", key,
                           f"allowed: {', '.join(QUESTION_FIELDS)}{hint}")
        for key in REQUIRED_FIELDS:
            if key not in value:
                self.issue(header, f"missing{where}", key, f"add {key} = ... under this [[question]]")
        line = keys.get("id", header)
        ident = self.string(qid, line, "id", where) if "id" in value else None
        if ident is not None:
            if not re.match(s.id_pattern, ident):
                self.issue(line, f"'{ident}' is not a valid id", "id",
                           "use lowercase letters, digits, '-' and '_', e.g. id = \"failure-03\"")
            elif ident in seen:
                self.issue(line, f"duplicate id '{ident}' (first used on line {seen[ident]})", "id",
                           "give every question in a bank its own id")
            else:
                seen[ident] = line
        text = self.string(value["text"], keys.get("text", header), "text", where) if "text" in value else None
        category = value.get("category")
        if "category" in value:
            line = keys.get("category", header)
            if not isinstance(category, str):
                self.issue(line, f"must be a string{where}, not {_type_name(category)}", "category",
                           'e.g. category = "failure"')
            elif category not in ALLOWED_CATEGORIES:
                hint = suggest(category, ALLOWED_CATEGORIES, s.suggest_cutoff)
                self.issue(line, f"unknown category '{category}'{where}", "category",
                           f"use one of: {', '.join(ALLOWED_CATEGORIES)}{hint}")
        principles = self.names(value.get("principles", []), keys.get("principles", header),
                                "principles", where, PRINCIPLES)
        must_have = self.names(value.get("must_have", []), keys.get("must_have", header),
                               "must_have", where, MUST_HAVE)
        probes: list[str] = []
        if "probes" in value:
            line = keys.get("probes", header)
            raw = value["probes"]
            if not isinstance(raw, list):
                self.issue(line, f"must be a list of strings{where}", "probes",
                           'e.g. probes = ["What did you personally do?", "What would you do differently?"]')
            else:
                for probe in raw:
                    text_ok = self.string(probe, line, "probes", where, "write the probe or remove it")
                    if text_ok is not None:
                        probes.append(text_ok)
                if not s.min_probes <= len(raw) <= s.max_probes:
                    self.issue(line, f"has {len(raw)} probe{'' if len(raw) == 1 else 's'}{where}", "probes",
                               f"give {s.min_probes} to {s.max_probes} follow-up probes")
        if len(self.issues) > before or ident is None or text is None:
            return None
        return Question(id=ident, text=text, category=str(category), bank=bank, principles=principles,
                        must_have=must_have, probes=tuple(probes))


def _type_name(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "true/false", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def parse_bank(path: Path, settings: BankSettings = DEFAULT_SETTINGS,
               shipped: bool = False) -> tuple[Bank | None, list[BankIssue]]:
    """Read and validate one bank file: the bank when valid, and every issue found."""
    try:
        with open(path, "rb") as f:
            raw = f.read(settings.max_file_bytes + 1)
    except FileNotFoundError:
        return None, [BankIssue(path, None, "no such file", fix="check the path")]
    except OSError as exc:
        return None, [BankIssue(path, None, f"cannot read: {exc.strerror or exc}", fix="check the permissions")]
    if len(raw) > settings.max_file_bytes:
        return None, [BankIssue(path, None, f"is larger than {settings.max_file_bytes // 1024} KiB, too big for a "
                                            "question bank", fix="check the path: a bank is a small TOML file")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [BankIssue(path, line, "not valid UTF-8 text", fix="save the file as UTF-8")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_decode_issue(path, text, exc)]
    check = _Validator(path, text, settings)
    name = path.stem
    if not re.match(settings.name_pattern, name):
        check.issue(1, f"file name gives bank name '{name}'", None,
                    "rename the file using letters, digits, '-' and '_', e.g. my_bank.toml")
    for key in data:
        if key not in TOP_LEVEL:
            hint = suggest(key, TOP_LEVEL, settings.suggest_cutoff)
            check.issue(toml_lines.line_of(check.tables, (key,)), "unknown top-level table or key", key,
                        f"a bank has an optional [bank] table and [[question]] tables{hint}")
    title, description = check.bank_table(data["bank"]) if "bank" in data else ("", "")
    raw_questions = data.get("question", [])
    questions: list[Question] = []
    if not isinstance(raw_questions, list):
        check.issue(toml_lines.line_of(check.tables, ("question",)), "must be an array of tables", "question",
                    "start each question with [[question]]")
    elif not raw_questions:
        check.issue(1, "the bank has no questions", "question", "add at least one [[question]] table")
    else:
        table_lines = toml_lines.array_tables(check.tables, "question")
        seen: dict[str, int] = {}
        texts: dict[str, str] = {}
        for index, value in enumerate(raw_questions):
            lines = table_lines[index] if index < len(table_lines) else None
            question = check.question(index, value, lines, name, seen)
            if question is None:
                continue
            norm = question.text.lower()
            if norm in texts:
                check.issue(lines.keys.get("text", lines.line) if lines else 1,
                            f"same text as question '{texts[norm]}' in question '{question.id}'", "text",
                            "remove one of them or reword it")
                continue
            texts[norm] = question.id
            questions.append(question)
    if check.issues:
        check.issues.sort(key=lambda i: i.line or 0)
        return None, check.issues
    bank = Bank(name=name, path=path, questions=tuple(questions), title=title, description=description,
                shipped=shipped)
    return bank, []


def load_bank(path: Path, settings: BankSettings = DEFAULT_SETTINGS, shipped: bool = False) -> Bank:
    """Load one bank file; BankError naming the first problem (file, line, field) if it is not valid."""
    bank, issues = parse_bank(path, settings, shipped)
    if bank is None:
        more = f" [+{len(issues) - 1} more; run `mockinterview banks check {path}`]" if len(issues) > 1 else ""
        raise BankError(f"{issues[0]}{more}")
    return bank

"""Question banks: find them, load them, validate them with errors that name file, line and field.

A bank is one TOML file (format: question_banks/README.md); its name is the file name without
".toml". Banks are looked up in, highest precedence first:

1. each directory in the environment variable MOCKINTERVIEW_BANKS (os.pathsep-separated),
2. `<data dir>/banks/`, where the data dir is MOCKINTERVIEW_HOME or the platform user data dir,
3. the banks shipped with the package.

A bank found earlier hides a bank of the same name found later, so a user can replace a shipped bank
by writing a file with the same name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mockinterview.errors import BankError
from mockinterview.session.bank_format import (
    ALLOWED_CATEGORIES,
    BANK_SUFFIX,
    DEFAULT_SETTINGS,
    GENERAL,
    Bank,
    BankIssue,
    BankSettings,
    load_bank,
    parse_bank,
    suggest,
)
from mockinterview.storage.paths import default_home
from mockinterview.types import Question

__all__ = [
    "ALLOWED_CATEGORIES", "BANK_SUFFIX", "DEFAULT_SETTINGS", "GENERAL", "Bank", "BankIssue", "BankSettings",
    "CheckedFile", "all_questions", "bank_files", "check_path", "discover", "find_question",
    "load_bank", "load_banks", "parse_bank", "shipped_bank_dir", "user_bank_dirs",
]

ENV_BANKS = "MOCKINTERVIEW_BANKS"
"""Extra bank directories, separated by os.pathsep."""
USER_BANKS_SUBDIR = "banks"
"""Directory under the data dir that holds the user's own banks."""


# ---- where banks live ----------------------------------------------------------------------------


def shipped_bank_dir() -> Path:
    """The directory of the banks installed with the package (falls back to a source checkout)."""
    try:
        return Path(str(resources.files("mockinterview.question_banks")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "question_banks"


def user_bank_dirs(env: Mapping[str, str] | None = None) -> list[Path]:
    """The user's bank directories, highest precedence first; a named but missing one is an error."""
    env = os.environ if env is None else env
    dirs: list[Path] = []
    for entry in env.get(ENV_BANKS, "").split(os.pathsep):
        if not entry.strip():
            continue
        path = Path(entry.strip()).expanduser()
        if not path.is_dir():
            raise BankError(f"{ENV_BANKS}: no such directory: {path} (create it or fix the variable)")
        dirs.append(path)
    dirs.append(default_home(env) / USER_BANKS_SUBDIR)
    return dirs


def bank_files(directory: Path) -> list[Path]:
    """The *.toml files directly in `directory`, sorted; hidden files are skipped."""
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir() if p.suffix == BANK_SUFFIX and p.is_file() and not p.name.startswith(".")
    )


# ---- the banks a session uses --------------------------------------------------------------------


def discover(env: Mapping[str, str] | None = None) -> list[tuple[Path, bool]]:
    """Bank files that are in effect, as (path, shipped), sorted by bank name; hidden ones are left out."""
    chosen: dict[str, tuple[Path, bool]] = {}
    sources = [(d, False) for d in user_bank_dirs(env)] + [(shipped_bank_dir(), True)]
    for directory, shipped in sources:
        for path in bank_files(directory):
            chosen.setdefault(path.stem, (path, shipped))
    return [chosen[name] for name in sorted(chosen)]


def load_banks(names: Sequence[str] | None = None, env: Mapping[str, str] | None = None,
               settings: BankSettings = DEFAULT_SETTINGS) -> list[Bank]:
    """All banks in effect (or only `names`), loaded and validated; BankError on the first bad file."""
    found = discover(env)
    if names:
        by_name = {path.stem: (path, shipped) for path, shipped in found}
        missing = [n for n in names if n not in by_name]
        if missing:
            hint = suggest(missing[0], by_name, settings.suggest_cutoff)
            raise BankError(f"no bank named '{missing[0]}' (available: {', '.join(sorted(by_name))}{hint})")
        found = [by_name[n] for n in dict.fromkeys(names)]
    return [load_bank(path, settings, shipped) for path, shipped in found]


def all_questions(banks: Iterable[Bank]) -> list[Question]:
    """Every question of these banks."""
    return [q for bank in banks for q in bank.questions]


def find_question(banks: Iterable[Bank], key: str) -> Question:
    """The question with key "bank/id"; BankError if there is none."""
    bank_name, _, question_id = key.partition("/")
    for bank in banks:
        if bank.name == bank_name:
            return bank.question(question_id)
    raise BankError(f"no bank named '{bank_name}' for question '{key}'")


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """The result of checking one bank file."""

    path: Path
    bank: Bank | None
    issues: tuple[BankIssue, ...]


def check_path(path: Path, settings: BankSettings = DEFAULT_SETTINGS) -> list[CheckedFile]:
    """Validate a bank file, or every *.toml directly in a directory."""
    if path.is_dir():
        files = bank_files(path)
        if not files:
            issue = BankIssue(path, None, f"no *{BANK_SUFFIX} bank files in this directory",
                              fix="a bank is a .toml file directly in the directory")
            return [CheckedFile(path, None, (issue,))]
    else:
        files = [path]
    results = []
    for file in files:
        bank, issues = parse_bank(file, settings)
        results.append(CheckedFile(file, bank, tuple(issues)))
    return results

"""`mockinterview banks [--json]` lists the banks in effect; `banks check PATH` validates a user's bank."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from mockinterview.formatting import printable
from mockinterview.session.banks import (
    ENV_BANKS,
    Bank,
    check_path,
    load_banks,
    shipped_bank_dir,
    user_bank_dirs,
)

CHECK_FAILED_EXIT = 2
"""Exit code of `banks check` when any file has a problem (the CLI's code for bad input)."""


def _counts(bank: Bank) -> str:
    counts = Counter(q.category for q in bank.questions)
    return ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))


@click.group("banks", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {name, path, questions}.")
@click.pass_context
def banks(ctx: click.Context, as_json: bool) -> None:
    """List the question banks in effect with their question counts.

    User banks are *.toml files in the directories of MOCKINTERVIEW_BANKS and in <data dir>/banks/;
    a user bank with the name of a shipped bank replaces it. Format: question_banks/README.md.
    """
    if ctx.invoked_subcommand is not None:
        return
    loaded = load_banks()
    if as_json:
        rows = [{"name": b.name, "path": str(b.path), "questions": len(b.questions)} for b in loaded]
        click.echo(json.dumps(rows, indent=1))
        return
    width = max((len(b.name) for b in loaded), default=4)
    click.echo(f"{'NAME':<{width}}  QUESTIONS  SOURCE   PATH")
    for b in loaded:
        source = "shipped" if b.shipped else "user"
        click.echo(f"{b.name:<{width}}  {len(b.questions):>9}  {source:<7}  {b.path}")
    total = sum(len(b.questions) for b in loaded)
    click.echo(f"{len(loaded)} banks, {total} questions")
    user_dirs = ", ".join(str(d) for d in user_bank_dirs())
    click.echo(f"user bank directories ({ENV_BANKS}, then data dir): {user_dirs}", err=True)


@banks.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def check(ctx: click.Context, path: Path) -> None:
    """Validate a bank file, or every *.toml in a directory: OK with counts, or each problem as
    FILE:LINE: field: problem (exit 2)."""
    results = check_path(path)
    shipped = {p.stem for p in shipped_bank_dir().glob("*.toml")}
    problems = 0
    for result in results:
        if result.bank is None:
            for issue in result.issues:
                click.echo(printable(str(issue)))
            problems += len(result.issues)
            continue
        bank = result.bank
        click.echo(f"OK  {bank.path}: bank '{bank.name}', {len(bank.questions)} questions ({_counts(bank)})")
        if bank.name in shipped and bank.path.parent.resolve() != shipped_bank_dir().resolve():
            click.echo(f"    note: as a user bank it replaces the shipped bank '{bank.name}'")
    good = [r.bank for r in results if r.bank is not None]
    if problems:
        files = sum(1 for r in results if r.bank is None)
        click.echo(f"{problems} problem{'s' if problems != 1 else ''} in {files} file{'s' if files != 1 else ''}",
                   err=True)
        ctx.exit(CHECK_FAILED_EXIT)
    if len(good) > 1:
        click.echo(f"OK  {len(good)} banks, {sum(len(b.questions) for b in good)} questions")


COMMANDS = [banks]

"""`mockinterview sessions [--json]`: the stored practice sessions and their answers."""

from __future__ import annotations

import json

import click

from mockinterview.formatting import mmss, printable
from mockinterview.storage.paths import db_path, resolve_home
from mockinterview.storage.records import SessionSummary
from mockinterview.storage.store import open_store, store_exists
from mockinterview.types import QuestionKind


def load_sessions() -> list[SessionSummary]:
    """Every stored session; an empty list when nothing was ever saved (the data dir is not created)."""
    if not store_exists():
        return []
    with open_store() as store:
        return store.list_sessions()


def _status(status: str) -> str:
    return {"recording": "recording now"}.get(status, status)


@click.command("sessions")
@click.option("--json", "as_json", is_flag=True,
              help='Print a JSON list of {"id", "started_at", "mode", "answers": [...]}.')
def sessions(as_json: bool) -> None:
    """List stored sessions with each answer's status, length and overall score."""
    found = load_sessions()
    if as_json:
        click.echo(json.dumps([s.to_json() for s in found], indent=1))
        return
    if not found:
        click.echo(f"No sessions yet (store: {db_path(resolve_home())}). Practise with `mockinterview practice`.")
        return
    for s in found:
        extra = "".join(f"  {k} {v}" for k, v in (("seed", s.seed), ("bank", s.bank)) if v is not None)
        click.echo(printable(f"#{s.id}  {s.started_at.replace('T', ' ')[:16]}  {s.mode}{extra}"))
        main = 0
        for a in s.answers:
            if a.kind == QuestionKind.MAIN:
                main += 1
                mark = f"{main:>2}."
            else:
                mark = "  >"
            overall = "-" if a.overall is None else f"{a.overall:.0f}"
            click.echo(printable(f"  {mark} {_status(a.status):<13} {mmss(a.duration_s):>5} {a.words:>5} words"
                                 f"  overall {overall:>3}  {a.question}"))
        if not s.answers:
            click.echo("      (no answers)")
    click.echo(f"{len(found)} sessions; export one with `mockinterview export ID --format md`")


COMMANDS = [sessions]

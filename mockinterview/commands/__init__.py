"""Command-line commands, one module per command or group (the cli layer)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click


def echo_listing(rows: Sequence[Any], as_json: bool, empty: str) -> bool:
    """Print `rows` as a JSON list (`--json`), or `empty` when there are none; True when that was all to print."""
    if as_json:
        click.echo(json.dumps(rows, indent=1))
        return True
    if not rows:
        click.echo(empty)
        return True
    return False

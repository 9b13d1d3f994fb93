"""Command-line commands, one module per command or group (the cli layer)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from mockinterview.formatting import one_line


def echo_listing(rows: Sequence[Any], as_json: bool, empty: str) -> bool:
    """Print `rows` as a JSON list (`--json`), or `empty` when there are none; True when that was all to print."""
    if as_json:
        click.echo(json.dumps(rows, indent=1))
        return True
    if not rows:
        click.echo(empty)
        return True
    return False


def end_at_once(message: str | None, code: int) -> NoReturn:
    """Print `message` (if any) as the one error line and end the process without the interpreter's teardown:
    native code still running (a transcriber inside the speech model) or left broken (PortAudio after a device
    failed) can hang or crash in it. What matters is saved before this is called."""
    if message:
        click.echo(f"mockinterview: error: {one_line(message)}", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

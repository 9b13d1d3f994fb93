"""The `mockinterview` command line. Exit codes: 0 ok, 2 bad input or usage, 1 unexpected error."""

from __future__ import annotations

import importlib
import sys

import click

from mockinterview import __version__
from mockinterview.errors import UserError

COMMAND_MODULES = (
    "mockinterview.commands.transcribe",
    "mockinterview.commands.devices",
    "mockinterview.commands.banks",
    "mockinterview.commands.sessions",
    "mockinterview.commands.export",
    "mockinterview.commands.score",
)
"""Modules that each define `COMMANDS`: a list of click commands to add to the group."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mockinterview")
def cli() -> None:
    """Offline spoken mock-interview coach for behavioral interviews."""


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def fail(message: str, code: int = 2) -> None:
    """Print one line on stderr and exit."""
    click.echo(f"mockinterview: error: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: user errors become one line and exit 2, never a traceback."""
    try:
        rc = cli.main(args=argv, prog_name="mockinterview", standalone_mode=False)
    except click.exceptions.Abort:
        fail("interrupted", 130)
    except click.ClickException as exc:
        fail(exc.format_message(), 2)
    except UserError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - last-resort one-line report
        fail(f"unexpected {type(exc).__name__}: {exc}", 1)
    sys.exit(rc if isinstance(rc, int) else 0)

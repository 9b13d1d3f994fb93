"""`mockinterview devices`: list microphones."""

from __future__ import annotations

import click

from mockinterview.audio.sources import list_input_devices
from mockinterview.commands import echo_listing


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def devices(as_json: bool) -> None:
    """List audio input devices (use the index or a name with --device)."""
    found = list_input_devices()
    if echo_listing(found, as_json, "No input devices found: plug in a microphone, or use --input AUDIO to "
                    "play a file."):
        return
    for d in found:
        mark = "*" if d["default"] else " "
        click.echo(f"{mark} {d['index']:>3}  {d['name']}  ({d['channels']} ch, {d['samplerate']:.0f} Hz)")


COMMANDS = [devices]

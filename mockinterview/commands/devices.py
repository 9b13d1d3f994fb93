"""`mockinterview devices`: list microphones: PortAudio's input devices and the PulseAudio sources."""

from __future__ import annotations

import click

from mockinterview.audio.pulse import list_sources
from mockinterview.audio.sources import list_input_devices
from mockinterview.commands import echo_listing
from mockinterview.formatting import printable


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def devices(as_json: bool) -> None:
    """List audio input devices (use the index or a name with --device)."""
    found = list_input_devices()
    sources = list_sources()
    rows = found + [{"index": None, "name": s.name, "description": s.description, "channels": s.channels,
                     "samplerate": float(s.samplerate), "default": s.default, "pulse_source": True,
                     "monitor": s.monitor} for s in sources] if as_json else found
    if echo_listing(rows, as_json, "No input devices found: plug in a microphone, or use --input AUDIO to "
                    "play a file."):
        return
    for d in found:
        mark = "*" if d["default"] else " "
        click.echo(printable(f"{mark} {d['index']:>3}  {d['name']}  ({d['channels']} ch, {d['samplerate']:.0f} Hz)"))
    if sources:
        click.echo("PulseAudio sources (give the name to --device; * is the default source):")
        for s in sources:
            kind = "  (monitor of an output: what is played)" if s.monitor else ""
            mark = "*" if s.default else " "
            click.echo(printable(f"{mark}      {s.name}  {s.description}  ({s.channels} ch, {s.samplerate} Hz){kind}"))


COMMANDS = [devices]

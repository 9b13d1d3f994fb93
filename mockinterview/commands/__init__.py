"""Command-line commands, one module per command or group (the cli layer)."""

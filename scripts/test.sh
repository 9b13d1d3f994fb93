#!/usr/bin/env bash
# Run the whole test suite: set-up if needed, start the PulseAudio virtual microphone, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# PulseAudio (as a user daemon, also as root) backs the virtual microphone the microphone tests record from.
if ! pactl info >/dev/null 2>&1; then
  pulseaudio --daemonize=yes --exit-idle-time=-1 --disallow-exit >/dev/null 2>&1 || true
fi
# The layer contracts of docs/ARCHITECTURE.md (pyproject.toml [tool.importlinter]).
.venv/bin/lint-imports --no-cache
# Static types of the package (pyproject.toml [tool.mypy]: strict).
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"

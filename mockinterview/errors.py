"""Errors the user can fix. The CLI prints their message as one line and exits with code 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or environment: the message names the thing and how to fix it."""

    exit_code = 2


class AudioSourceError(UserError):
    """The microphone, PortAudio or an audio file cannot be used."""


class ModelError(UserError):
    """The Whisper model cannot be found or loaded."""


class BankError(UserError):
    """A question bank is missing or malformed."""


class StoreError(UserError):
    """The session store cannot be opened or written."""


class Interrupted(UserError):
    """Ctrl-C: the message says what was saved. The process ends at once (exit 130) without waiting for a
    transcriber that may still be inside the speech model."""

    exit_code = 130

"""Background loaders (the speech model, the English parser) that the process waits for as it exits.

They run native code (CTranslate2, spaCy) on daemon threads; the interpreter's teardown under such a thread
aborts the process ("terminate called without an active exception"), so a command that ends while one is
still loading (a file with no speech, a bad answer refused early) waits for it instead. The wait runs as the
threading module shuts down, before any `atexit` handler: those include libraries' own finalizers (blis),
and a loader still running after them crashes.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from collections.abc import Callable

EXIT_WAIT_S = 10.0
"""How long the process, as it exits, waits for each loader still running."""

_loaders: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def join_at_exit(thread: threading.Thread) -> threading.Thread:
    """Have the process wait (up to EXIT_WAIT_S) for `thread` before it tears down; returns `thread`."""
    _loaders.add(thread)
    return thread


def _settle() -> None:
    for thread in list(_loaders):
        if thread.is_alive():
            thread.join(EXIT_WAIT_S)


_at_shutdown: Callable[[Callable[[], None]], object] | None = getattr(threading, "_register_atexit", None)
"""Runs a callable as the threading module shuts down (CPython; concurrent.futures uses it too)."""
(_at_shutdown or atexit.register)(_settle)

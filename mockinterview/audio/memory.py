"""Native memory freed by an answer's decodes goes back to the system when the answer ends.

CTranslate2 decodes on several threads, and glibc gives threads their own malloc arenas and keeps what a
decode freed there for later use. A process that answers question after question then grows by tens of MB per
answer although nothing stays alive. `malloc_trim(0)` hands the free pages of every arena back.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache
from typing import Any


@cache
def _malloc_trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the process runs on
    except (OSError, AttributeError):  # a C library without it (musl)
        return None


def release_freed_memory() -> bool:
    """Return freed heap pages to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True

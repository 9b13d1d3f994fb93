"""Which process owns an open answer, and whether that process still runs (to spot crashed recordings).

An owner tag is "HOST:PID:START" where START is the process start time (Linux: boot id + start ticks from
/proc), so a reused PID after a crash or a reboot is not mistaken for the recorder that died.
"""

from __future__ import annotations

import os
import socket
import sys
from functools import cache


def _proc_fields(pid: int) -> list[str]:
    """Fields 3.. of /proc/PID/stat (state, ppid, ...), or [] where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode("ascii", "replace")
    except OSError:
        return []
    # the command name (field 2) may hold spaces and parens: split after its closing paren
    return stat[stat.rindex(")") + 2:].split()


def _start_token(pid: int) -> str:
    """An identifier of the process start (empty where the platform gives none)."""
    try:
        start_ticks = _proc_fields(pid)[19]
        with open("/proc/sys/kernel/random/boot_id") as f:
            boot = f.read().strip()[:8]
        return f"{boot}.{start_ticks}"
    except (OSError, ValueError, IndexError):
        return ""


@cache
def _owner_of(pid: int) -> str:
    return f"{socket.gethostname()}:{pid}:{_start_token(pid)}"


def current_owner() -> str:
    """The owner tag of this process (recomputed after a fork)."""
    return _owner_of(os.getpid())


def owner_alive(owner: str | None) -> bool:
    """True if the process tagged `owner` still runs on this host (unknown or foreign hosts count as dead)."""
    if not owner:
        return False
    if owner == current_owner():
        return True
    try:
        host, pid_text, start = owner.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname() or pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    except OSError:
        return False
    fields = _proc_fields(pid)
    if fields and fields[0] in ("Z", "X"):  # killed, not yet reaped by its parent
        return False
    return not start or _start_token(pid) == start

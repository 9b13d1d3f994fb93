"""Native memory stays flat: few malloc arenas, and freed memory handed back after an answer (glibc's mallopt
and malloc_trim, where the C library has them)."""

from __future__ import annotations

import platform
import subprocess
import sys
import threading

import psutil

from mockinterview.audio.memory import limit_malloc_arenas, release_freed_memory


def test_memory_freed_on_another_thread_goes_back_to_the_system():
    if platform.libc_ver()[0] != "glibc":
        assert release_freed_memory() is False
        return
    me = psutil.Process()

    def churn() -> None:  # a thread's own arena, as a decode thread has: many blocks, most freed
        kept, blocks = [], [bytearray(64 * 1024) for _ in range(3000)]
        kept.extend(blocks[::300])
        del blocks
        threading.current_thread().kept = kept  # type: ignore[attr-defined]

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()
    before = me.memory_info().rss
    assert release_freed_memory() is True
    assert me.memory_info().rss <= before


ARENAS_SCRIPT = """
import ctypes, sys, tempfile, threading
from mockinterview.audio.memory import limit_malloc_arenas
if sys.argv[1] == "limit":
    assert limit_malloc_arenas(2)
barrier = threading.Barrier(6)
def work():
    barrier.wait()
    threading.current_thread().kept = [bytearray(100_000) for _ in range(20)]
    barrier.wait()  # all alive at once: none hands its arena to the next
threads = [threading.Thread(target=work) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile() as out:
    f = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(f))
    libc.fclose(ctypes.c_void_p(f))
    print(open(out.name).read().count("<heap nr="))
"""


def test_threads_share_the_limited_malloc_arenas():
    """Six threads that allocate get arenas of their own by default, and share two once the process limits
    them (read from glibc's own malloc_info)."""
    if platform.libc_ver()[0] != "glibc":
        assert limit_malloc_arenas() is False
        return

    def heaps(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", ARENAS_SCRIPT, mode], capture_output=True, text=True, check=True)
        return int(out.stdout)

    assert heaps("default") > 2
    assert heaps("limit") <= 2

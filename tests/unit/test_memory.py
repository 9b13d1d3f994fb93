"""Freed native memory is handed back after an answer (glibc's malloc_trim, where the C library has it)."""

from __future__ import annotations

import platform
import threading

import psutil

from mockinterview.audio.memory import release_freed_memory


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

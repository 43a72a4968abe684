"""Memory the program frees goes back to the system (glibc on Linux).

The analysis views' workers allocate large arrays (a depth simulation's weight matrices,
up to hundreds of MB). Once one large block had been freed, glibc raised its thresholds
(up to 32 MB for mmap, 64 MB for trimming) and served the workers' later arrays from
per-thread heaps, whose free pages it kept: over 1 500 operations of the soak, RSS rose
217 → 735 MB while Python and Qt held 60–208 MB of it (no leak: 441 MB free inside
malloc). After a worker's task, :func:`trim_soon` hands the free pages back
(``malloc_trim``) on a thread of its own: RSS 228 → 258 MB in the same soak.

Fixing glibc's thresholds instead (a trim threshold of 128 kB, or large blocks always
mapped) gave memory back too but cost speed (training in the app halved at 128 kB: every
free at the top of a heap handed back pages the next step asked for again) or did not
reach the blocks freed in the middle of a heap.

A new process starts at those 128 kB until its first large free: the Train tab's worker
process trained at half the engine's speed in the window (305 against 585 steps/s per run,
the same race). :func:`settle_heap` sets the thresholds glibc itself reaches after large
frees, from the start; the worker calls it first.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys
import threading
import time

#: Seconds between two trims at least.
TRIM_EVERY_S = 2.0

_libc: ctypes.CDLL | None = None
_loaded = False
_trimming = threading.Lock()
_last_trim = -float("inf")


def _malloc_trim():
    """glibc's ``malloc_trim``, or None elsewhere."""
    global _libc, _loaded
    if not _loaded:
        _loaded = True
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError):
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                _libc = libc if hasattr(libc, "malloc_trim") else None
    return None if _libc is None else _libc.malloc_trim


#: ``mallopt`` parameters (glibc's malloc.h) and the values glibc's own dynamic
#: adjustment reaches on a 64-bit system (``DEFAULT_MMAP_THRESHOLD_MAX``, twice that).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
SETTLED_MMAP_THRESHOLD = 32 * 1024 * 1024
SETTLED_TRIM_THRESHOLD = 2 * SETTLED_MMAP_THRESHOLD


def settle_heap() -> bool:
    """Keep up to ``SETTLED_TRIM_THRESHOLD`` of freed memory at the top of malloc's heaps
    and map only blocks above ``SETTLED_MMAP_THRESHOLD``, from now on (a process that
    computes with many mid-sized arrays, freed and asked for again at every step). Whether
    glibc took them (False elsewhere)."""
    _malloc_trim()
    if _libc is None or not hasattr(_libc, "mallopt"):
        return False
    mmap = _libc.mallopt(M_MMAP_THRESHOLD, SETTLED_MMAP_THRESHOLD)
    trim = _libc.mallopt(M_TRIM_THRESHOLD, SETTLED_TRIM_THRESHOLD)
    return bool(mmap and trim)


def trim_soon() -> threading.Thread | None:
    """Hand the free pages inside malloc's heaps back to the system, on a thread of its own
    (``malloc_trim``: 0.3–75 ms, the heaps locked meanwhile), at most once every
    ``TRIM_EVERY_S``. The thread started, or None (too soon, one running, not glibc)."""
    global _last_trim
    trim = _malloc_trim()
    now = time.monotonic()
    if trim is None or now - _last_trim < TRIM_EVERY_S or not _trimming.acquire(False):
        return None
    _last_trim = now
    ended = threading.Event()
    from actgui.collector import worker_starting  # (Qt: imported when a window trims)

    worker_starting(ended)  # (no cycle collection on that thread)

    def run() -> None:
        try:
            trim(0)
        finally:
            _trimming.release()
            ended.set()

    thread = threading.Thread(target=run, name="actgui-trim", daemon=True)
    thread.start()
    return thread


__all__ = ["TRIM_EVERY_S", "settle_heap", "trim_soon"]

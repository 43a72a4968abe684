"""Memory the program frees goes back to the system (glibc on Linux).

The analysis views' workers allocate large arrays (a depth simulation's weight matrices,
up to hundreds of MB). Once one large block had been freed, glibc raised its thresholds
(up to 32 MB for mmap, 64 MB for trimming) and served the workers' later arrays from
per-thread heaps that it never gave back: over 1 500 operations of the soak, RSS rose
217 → 735 MB while Python and Qt held 60–208 MB of it (no leak: 441 MB free inside
malloc). Fixing the trim threshold at 128 kB (which also keeps the mmap threshold at its
default) kept RSS at 214–363 MB in the same run.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys

#: ``mallopt``'s parameter for the trim threshold (glibc's ``M_TRIM_THRESHOLD``).
M_TRIM_THRESHOLD = -1
TRIM_THRESHOLD = 128 * 1024

_done = False


def give_back_freed_memory() -> bool:
    """Ask glibc to return freed memory to the system from now on (once per process; call
    it before worker threads start). Whether it applied (False off glibc)."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        _done = bool(libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    return _done


__all__ = ["give_back_freed_memory"]

"""Cooperative cancellation that reaches into code that knows nothing of workers: no Qt.

A worker runs a task inside :func:`cancellable`, giving the task's ``cancelled()``; deep
inside, code whose running time the user controls (a formula of your own evaluated on a
grid, its kink search, its high-precision reference, a training step of a large network)
calls :func:`checkpoint`, which raises :class:`Cancelled` once ``cancelled()`` is True.
Outside any :func:`cancellable` block (the GUI thread, a test, the command line),
:func:`checkpoint` costs one attribute look-up and never raises.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

_LOCAL = threading.local()


class Cancelled(Exception):  # noqa: N818 - the name the callers catch
    """The task was asked to stop (by its worker, or because the window closes)."""


@contextlib.contextmanager
def cancellable(cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """Within this block, on this thread, :func:`checkpoint` raises :class:`Cancelled`
    when ``cancelled()`` is True (None: never). Blocks nest; the innermost decides."""
    previous = getattr(_LOCAL, "cancelled", None)
    _LOCAL.cancelled = cancelled
    try:
        yield
    finally:
        _LOCAL.cancelled = previous


def checkpoint() -> None:
    """Raise :class:`Cancelled` if this thread's task has been asked to stop."""
    cancelled = getattr(_LOCAL, "cancelled", None)
    if cancelled is not None and cancelled():
        raise Cancelled


__all__ = ["Cancelled", "cancellable", "checkpoint"]

"""Coalescing: many requests, one call, on the next pass of the event loop (QtCore only).

Views mark themselves stale on every model signal and refresh once: a burst of
changes (a dragged spinbox, Clear all, a pan) costs one refresh. A view that is
read before the event loop ran (a test, an export) calls :meth:`Coalesced.flush`
first, so nothing ever reads stale state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid


class Coalesced:
    """Calls ``fn`` once, the next time the event loop runs, however often it is requested."""

    def __init__(self, fn: Callable[[], None], parent: QObject) -> None:
        self._fn = fn
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run)

    def request(self, *_args: object) -> None:
        """Ask for a call on the next pass of the event loop (signal arguments are ignored).

        Nothing happens once the parent (and with it the timer) is gone: a model may
        outlive a view whose parts are still connected to it.
        """
        if isValid(self._timer) and not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        """Whether a call has been requested and has not happened yet."""
        return isValid(self._timer) and self._timer.isActive()

    def flush(self) -> None:
        """Make a requested call now (and not again later); nothing if none is pending."""
        if self.pending():
            self._run()

    def cancel(self) -> None:
        """Drop a pending call (the caller has just done the work itself)."""
        if isValid(self._timer):
            self._timer.stop()

    def _run(self) -> None:
        self._timer.stop()
        self._fn()

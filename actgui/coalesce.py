"""Coalescing: many requests, one call, on the next pass of the event loop (QtCore only).

Views mark themselves stale on every model signal and refresh once: a burst of
changes (a dragged spinbox, Clear all, a pan) costs one refresh. A view that is
read before the event loop ran (a test, an export) calls :meth:`Coalesced.flush`
first, so nothing ever reads stale state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Coalesced:
    """Calls ``fn`` once, the next time the event loop runs, however often it is requested."""

    def __init__(self, fn: Callable[[], None], parent: QObject) -> None:
        self._fn = fn
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run)

    def request(self, *_args: object) -> None:
        """Ask for a call on the next pass of the event loop (signal arguments are ignored)."""
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        """Whether a call has been requested and has not happened yet."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Make a requested call now (and not again later); nothing if none is pending."""
        if self._timer.isActive():
            self._run()

    def _run(self) -> None:
        self._timer.stop()
        self._fn()

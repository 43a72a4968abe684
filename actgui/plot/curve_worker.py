"""The curves of a costly function of your own, computed off the GUI thread.

A formula's cost is the user's: a sum of 18 ``max(sin(1/x), cos(k/x))`` kinks 3 600
times in view, and each pan or drag re-evaluated f, f′ and f″ on a grid holding every
kink (0.2–0.4 s on the GUI thread). A function of your own is computed here the first time (its
cost is unknown: a formula's evaluation is the user's), and from then on if that took
longer than ``HEAVY_S``; the plot keeps its last curves until the new ones arrive.
Built-in functions are always computed at once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from actgui.activations import Activation
from actgui.analysis.sampling import Curves, curves_of
from actgui.worker import KeyedRunners

log = logging.getLogger(__name__)

#: Seconds one computation of a function of your own's curves may take on the GUI
#: thread; slower ones are computed on the worker from then on.
HEAVY_S = 0.02


@dataclass(frozen=True)
class CurveRequest:
    """Everything one computation depends on (the function itself, not its key: the
    registry may change meanwhile)."""

    act: Activation
    orders: tuple[int, ...]
    params: tuple[tuple[str, float], ...]
    x_range: tuple[float, float]
    n: int
    number_format: str = "float64"

    def compute(self, **worker: object) -> Curves:
        return curves_of(
            self.act, self.orders, dict(self.params), *self.x_range, self.n, self.number_format
        )

    def compute_timed(self, **worker: object) -> tuple[Curves, float]:
        """The curves, and the seconds they took (on the worker)."""
        started = time.perf_counter()
        curves = self.compute()
        return curves, time.perf_counter() - started


class CurveWorker(QObject):
    """One computation per function at a time, newest request next.

    A request made while the function's last one is computing waits for it rather
    than cancelling it (a drag would otherwise show nothing until it stops): then only
    the newest waiting request is computed. ``delivered(key, request, curves, seconds)``:
    the curves and how long they took.
    """

    delivered = Signal(str, object, object, float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runners = KeyedRunners(self)
        self._runners.finished.connect(self._on_finished)
        self._runners.failed.connect(self._on_failed)
        self._computing: dict[str, CurveRequest] = {}
        self._next: dict[str, CurveRequest] = {}

    def pending(self, key: str) -> bool:
        """Whether curves of ``key`` are being computed or waiting to be."""
        return key in self._computing or key in self._next

    def want(self, key: str, request: CurveRequest) -> None:
        """Compute ``request`` for ``key`` (after the one computing, if any)."""
        if self._computing.get(key) == request:
            self._next.pop(key, None)
            return
        if key in self._computing:
            self._next[key] = request
            return
        self._computing[key] = request
        self._runners.runner(key).start(request.compute_timed)

    def forget(self, key: str) -> None:
        """``key`` is gone: its computations are cancelled and nothing is delivered."""
        self._runners.forget(key)
        self._computing.pop(key, None)
        self._next.pop(key, None)

    def stop(self, msecs: int = 5000) -> bool:
        """Cancel every computation; wait up to ``msecs`` for them (on closing)."""
        self._next.clear()
        return self._runners.stop(msecs)

    def _on_finished(self, key: str, result: tuple[Curves, float]) -> None:
        request = self._computing.pop(key, None)
        if request is None:
            return  # (forgotten meanwhile)
        following = self._next.pop(key, None)
        if following is not None:
            self.want(key, following)
        curves, seconds = result
        self.delivered.emit(key, request, curves, seconds)

    def _on_failed(self, key: str, message: str) -> None:
        log.warning("Curves of %s failed: %s", key, message)
        self._computing.pop(key, None)
        following = self._next.pop(key, None)
        if following is not None:
            self.want(key, following)


__all__ = ["HEAVY_S", "CurveRequest", "CurveWorker"]

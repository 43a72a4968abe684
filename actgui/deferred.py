"""The analysis views' numbers, computed off the GUI thread (QtCore only).

The analysis views ask for the statistics, signal propagation, initialisation gains and
output distribution of every enabled function at each refresh. Their cost is in the
user's hands: all 37 built-in functions' statistics take about 0.4 s for each new μ, their
gains 3 s, and a function of your own costs what its formula costs (a sum of nineteen
``max(sin(1/x), cos(k/x))`` has 3600 kinks: its gains took a minute). So every number is
computed on a worker of its own, one at a time, on an immutable snapshot of the function
(the :class:`~actgui.activations.Activation` itself, not its key), and remembered: a view
that asks again gets it at once. Until a number is there the view shows the last one of
that function (``latest``), or that it is being computed; ``ready`` then asks it to
refresh. A newer request for the same function and quantity replaces an older one (a drag
of μ computes the last value, not every step), and :meth:`stop` cancels everything on
closing: a formula of your own stops at its next checkpoint.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, Signal

from actgui.activations import REGISTRY, Activation
from actgui.analysis import memo
from actgui.analysis.distribution import output_distribution
from actgui.analysis.meanfield import edge_of_chaos, init_gains, signal_propagation
from actgui.analysis.stats import gaussian_stats
from actgui.text.messages import message_of
from actgui.worker import TaskRunner

log = logging.getLogger(__name__)

#: Results kept (least recently used dropped first).
KEEP = 1024

#: kind → (remembered computation for a built-in, computation on an Activation).
_KINDS: dict[str, tuple[Callable, Callable]] = {
    "stats": (
        memo.stats,
        lambda act, p, mu, sigma, eps: gaussian_stats(act, mu, sigma, eps, **p),
    ),
    "propagation": (
        memo.propagation,
        lambda act, p, sigma_w, sigma_b: signal_propagation(act, sigma_w, sigma_b, **p),
    ),
    "gains": (memo.gains, lambda act, p: init_gains(act, **p)),
    "distribution": (
        memo.distribution,
        lambda act, p, mu, sigma: output_distribution(act, mu, sigma, **p),
    ),
    # The Precision view's curves and numbers in a format (its index in FORMATS), of an
    # order, over [x_min, x_max]: cheap for a built-in, the user's for a formula.
    "precision": (
        lambda key, p, fmt, order, lo, hi: _profile(REGISTRY[key], p, fmt, order, lo, hi),
        lambda act, p, fmt, order, lo, hi: _profile(act, p, fmt, order, lo, hi),
    ),
    # The Jacobian-spectrum theory and its density curve at (σ_w, σ_b, depth), one kind per
    # kind of weights (each its own slot: asking for one does not replace the other); the
    # curve is 0.02–0.13 s of Newton steps.
    **{
        f"spectrum_{weights}": (
            lambda key, p, w, b, depth, k=weights: _spectrum(REGISTRY[key], p, w, b, depth, k),
            lambda act, p, w, b, depth, k=weights: _spectrum(act, p, w, b, depth, k),
        )
        for weights in ("gaussian", "orthogonal")
    },
    # (σ_w, q*) on the edge of chaos at σ_b, or () where there is none.
    "edge": (
        lambda key, p, sigma_b: edge_of_chaos(key, sigma_b, **p) or (),
        lambda act, p, sigma_b: edge_of_chaos(act, sigma_b, **p) or (),
    ),
}


def _profile(act: Activation, p: dict, fmt: float, order: float, lo: float, hi: float):
    from actgui.analysis.formats import FORMATS
    from actgui.analysis.precision import profile

    return profile(act, FORMATS[int(fmt)], int(order), lo, hi, **p)


def _spectrum(act: Activation, p: dict, w: float, b: float, depth: float, weights: str):
    """(SpectrumTheory, x, share per decade) for the Jacobian-spectrum view."""
    from actgui.analysis.free_spectrum import theory_of

    theory = theory_of(act, p, w, b, int(depth), weights)
    return (theory, *theory.curve())


@dataclass(frozen=True)
class Failed:
    """A computation that raised: what to tell the user instead of a number (a
    :class:`~actgui.text.messages.Message` when the computation said it with one)."""

    message: str


def _compute(kind: str, act: Activation, params: dict, args: tuple, **_worker) -> object:
    remembered, direct = _KINDS[kind]
    try:
        if act.family != "custom":  # (stable objects: shared with analysis.memo's users)
            return remembered(act.key, params, *args)
        return direct(act, params, *args)
    except (ValueError, ArithmeticError) as exc:  # a refusal is shown, not raised
        return Failed(message_of(exc))  # (a Message kept: the view translates it)


class Deferred(QObject):
    """Statistics, propagation, gains and distributions, computed on a worker and
    remembered (None until they are there)."""

    #: A result computed on the worker arrived: the views refresh.
    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # (one at a time: training keeps the other core)
        self._results: OrderedDict[tuple, object] = OrderedDict()
        #: (kind, key) → (the function, its last result).
        self._latest: dict[tuple[str, str], tuple[Activation, object]] = {}
        #: (kind, key) → (its runner, the request it computes).
        self._slots: dict[tuple[str, str], tuple[TaskRunner, tuple | None]] = {}

    def get(self, kind: str, key: str, params: Mapping[str, float], *args: float) -> object:
        """The result of ``kind`` ("stats", "propagation", "gains", "distribution", "edge",
        "precision", "spectrum_gaussian", "spectrum_orthogonal") for
        ``key`` at ``params`` and ``args`` (as ``analysis.memo`` takes them) if it has been
        computed; else None, and it is computed (``ready`` follows). A :class:`Failed` if
        it cannot be."""
        act = REGISTRY.get(key)
        if act is None:
            return None
        frozen = tuple(sorted((name, float(v)) for name, v in params.items()))
        request = (kind, act, frozen, tuple(float(a) for a in args))
        if request in self._results:
            self._results.move_to_end(request)
            return self._results[request]
        slot = (kind, key)
        runner, running = self._slots.get(slot, (None, None))
        if running == request:
            return None
        if runner is None:
            runner = TaskRunner(self, pool=self._pool)
            runner.finished.connect(lambda result, s=slot: self._on_finished(s, result))
            runner.failed.connect(lambda message, s=slot: self._on_failed(s, message))
        self._slots[slot] = (runner, request)
        runner.start(_compute, kind, act, dict(frozen), request[3])
        return None

    def latest(self, kind: str, key: str) -> object:
        """The last result of ``kind`` delivered for ``key``, whatever its inputs (what a
        view shows while the current one is computed); None if there is none."""
        hit = self._latest.get((kind, key))
        if hit is None or hit[0] is not REGISTRY.get(key):  # (none, or of an edited function)
            return None
        return hit[1]

    def pending(self) -> bool:
        """Whether a computation is running or waiting."""
        return any(runner.is_running() for runner, _ in self._slots.values())

    def clear(self) -> None:
        """Forget the results."""
        self._results.clear()
        self._latest.clear()

    def stop(self, msecs: int = 1000) -> bool:
        """Cancel every computation and wait up to ``msecs`` for the worker (on closing).
        Whether it ended."""
        for runner, _ in self._slots.values():
            runner.cancel()
        self._slots = {slot: (runner, None) for slot, (runner, _) in self._slots.items()}
        return self._pool.waitForDone(msecs)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the computations (tests). Whether they all ended."""
        return self._pool.waitForDone(msecs)

    def _store(self, slot: tuple[str, str], result: object) -> None:
        runner, request = self._slots.get(slot, (None, None))
        if request is None:
            return
        self._slots[slot] = (runner, None)
        self._results[request] = result
        self._latest[slot] = (request[1], result)
        while len(self._results) > KEEP:
            self._results.popitem(last=False)
        self.ready.emit()

    def _on_finished(self, slot: tuple[str, str], result: object) -> None:
        self._store(slot, result)

    def _on_failed(self, slot: tuple[str, str], message: str) -> None:
        log.warning("Could not compute %s of %s: %s", slot[0], slot[1], message)
        self._store(slot, Failed(message))


__all__ = ["Deferred", "Failed"]

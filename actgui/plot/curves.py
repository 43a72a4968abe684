"""The curves: one ``PlotCurveItem`` per (function, order), created once, updated with setData."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPen

from actgui.activations import ORDERS, REGISTRY, Activation
from actgui.activations.custom import FAMILY as CUSTOM
from actgui.analysis.sampling import Curves
from actgui.model import ExplorerModel
from actgui.plot.clip import clip_to_band, outside
from actgui.plot.curve_worker import HEAVY_S, CurveRequest, CurveWorker
from actgui.plot.palette import PlotColors
from actgui.plot.parts import CurveColor, CurvePen, PlotPart, widened

CurveKey = tuple[str, int]
#: The stacking step between curves (z = level + rank × Z_STEP; other items sit at ±10 and
#: beyond, so a thousand curves stay between their levels).
Z_STEP = 1e-6
#: Pixels of path beyond which a curve is drawn with a hairline (about five times the
#: length of a curve crossing the plot once).
DENSE_PX = 10_000.0
#: (x, value at x) of the jumps of one curve inside the sampled range.
JumpPoints = tuple[np.ndarray, np.ndarray]


class BandedCurve(pg.PlotCurveItem):
    """A curve item whose path is cut to a band one view height above and below the
    view (:func:`~actgui.plot.clip.clip_to_band`): what shows is the same, and Qt never
    strokes a segment thousands of view heights long. ``getData()`` is the whole curve.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._band: tuple[float, float] | None = None  # (None: the path is not cut)
        self._drawn: tuple[np.ndarray, np.ndarray] | None = None  # the path's points
        self._length: tuple[tuple, float] = ((), 0.0)

    def band(self) -> tuple[float, float] | None:
        """The y-band the path was last cut to, or None if it is the whole curve."""
        return self._band

    def _wanted_band(self) -> tuple[float, float] | None:
        view = self.getViewBox()
        y = self.yData
        if view is None or y is None or y.size == 0:
            return None
        y0, y1 = view.viewRange()[1]
        height = y1 - y0
        if not (np.isfinite(height) and height > 0.0):
            return None
        lo, hi = y0 - height, y1 + height
        return (lo, hi) if outside(y, lo, hi) else None

    def viewRangeChanged(self) -> None:  # noqa: N802 (pyqtgraph's hook)
        """The view's range changed: cut the path again if that changes it."""
        super().viewRangeChanged()
        if self.isVisible():
            self.view_changed()

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's hook)
        """The view's transform changed: so did the bounding rectangle's padding of a few
        pixels, not the data's bounds. (pyqtgraph dropped both: every curve shown found its
        data's min and max again at every move of the y-range.)"""
        self._boundingRect = None
        self.prepareGeometryChange()

    def view_changed(self) -> None:
        """Cut the path to the view's band again if that changes it."""
        band = self._wanted_band()
        if band != self._band and (band is not None or self._band is not None):
            self.path = None
            self.update()

    def generatePath(self, x, y):  # noqa: N802 (pyqtgraph override)
        self._band = self._wanted_band()
        if self._band is not None and not self.opts["stepMode"]:
            x, y = clip_to_band(x, y, *self._band)
        self._drawn = (x, y)
        return super().generatePath(x, y)

    def _shouldUseDrawLineSegments(self, pen) -> bool:  # noqa: N802 (pyqtgraph override)
        return False  # (segments are drawn from the whole data: always the path)

    def screen_length(self) -> float:
        """How long the path drawn in this view is on screen, in pixels."""
        self.getPath()  # (made for this view: the points it is made of)
        view = self.getViewBox()
        if self._drawn is None or view is None:
            return 0.0
        pw, ph = view.viewPixelSize()
        key = (id(self.path), pw, ph)
        if self._length[0] != key:  # (painted again in the same view: known)
            x, y = self._drawn
            with np.errstate(invalid="ignore", over="ignore"):
                steps = np.hypot(np.diff(x) / pw, np.diff(y) / ph)
            self._length = (key, float(np.sum(steps[np.isfinite(steps)])))
        return self._length[1]

    def paint(self, p, opt, widget) -> None:
        pen = self.opts["pen"]
        if pen.widthF() <= 1.0 or self.screen_length() <= DENSE_PX:
            super().paint(p, opt, widget)
            return
        # Wide antialiased pens cost Qt ~1 ms per 1000 px of path: a curve that zigzags
        # across the view at every sample (sin(exp(27x))) took 0.3 s per repaint. It
        # fills the area it covers whatever the pen: drawn with a hairline of its colour.
        thin = QPen(pen)
        thin.setWidthF(1.0)
        thin.setCosmetic(True)
        self.opts["pen"] = thin
        try:
            super().paint(p, opt, widget)
        finally:
            self.opts["pen"] = pen


class CurveSet(PlotPart):
    """Owns the curve items; recomputes the stale visible ones from the model on request.

    Each curve keeps the (min, max) of its values inside the visible x-range, so
    the view fits y without rescanning every item.
    """

    def __init__(self, plot_item: pg.PlotItem, pen_for: CurvePen) -> None:
        self._pen_for = pen_for
        self._plot_item = plot_item
        self._items: dict[CurveKey, pg.PlotCurveItem] = {}
        self._stale: set[CurveKey] = set()
        #: The curves shown (kept here: asking each of the 111 items cost ~0.1 ms a change).
        self._shown: set[CurveKey] = set()
        self._bounds: dict[CurveKey, tuple[float, float] | None] = {}
        self._pens: dict[CurveKey, object] = {}
        #: Computes the curves of costly functions of your own (None: all at once).
        self.worker: CurveWorker | None = None
        self._heavy: set[str] = set()  # (functions of your own found costly)
        #: The function of your own each key's cost was measured for (one not measured
        #: yet is computed on the worker: its cost is the user's formula's).
        self._timed: dict[str, Activation] = {}
        #: Every registered curve in registry order, with its rank (its stacking order).
        self._ranks: dict[CurveKey, int] = {}
        self._next_rank = 0
        self._raised: str | None = None  # (the key drawn above the others)
        self.add_keys(REGISTRY)

    def add_keys(self, keys: Iterable[str]) -> None:
        """Functions registered since: their items are made when first shown or asked for.

        (A curve never shown has no item: 99 of the 111 at start, each ~0.3 ms to make
        and a listener to every move of the view.)"""
        for key in keys:
            for order in ORDERS:
                self._ranks[key, order] = self._next_rank
                self._next_rank += 1

    def _item(self, key: str, order: int) -> BandedCurve:
        """The item of (key, order), made hidden if it was not yet."""
        curve = self._items.get((key, order))
        if curve is None:
            rank = self._ranks[key, order]  # (KeyError for an unregistered key)
            curve = BandedCurve(pen=self._pen_for(key, order), antialias=True, connect="finite")
            curve.setObjectName(f"curve_{key}_d{order}")
            curve.setVisible(False)
            curve.setZValue(self._z(key, rank))
            self._plot_item.addItem(curve)
            self._items[key, order] = curve
        return curve

    def _z(self, key: str, rank: int) -> float:
        """Registry order within two levels: the raised function's curves above the rest.
        (Items made in any order stack as if made in registry order, as they once were.)"""
        return (1.0 if key == self._raised else 0.0) + rank * Z_STEP

    def remove_keys(self, keys: Iterable[str]) -> None:
        """Drop the items of functions no longer registered."""
        for key in keys:
            self._heavy.discard(key)
            self._timed.pop(key, None)
            if self.worker is not None:
                self.worker.forget(key)
            for order in ORDERS:
                curve = self._items.pop((key, order), None)
                if curve is not None:
                    self._plot_item.removeItem(curve)
                self._ranks.pop((key, order), None)
                self._stale.discard((key, order))
                self._shown.discard((key, order))
                self._bounds.pop((key, order), None)

    # -- queries ---------------------------------------------------------------
    def item(self, key: str, order: int) -> pg.PlotCurveItem:
        """The item drawing the ``order``-th derivative of ``key``."""
        return self._item(key, order)

    def items(self) -> dict[CurveKey, pg.PlotCurveItem]:
        """All curve items by (key, order), shown or not, in registry order."""
        return {ko: self._item(*ko) for ko in self._ranks}

    def visible(self) -> list[CurveKey]:
        """(key, order) of every curve drawn, in registry order."""
        shown = self._shown
        return [ko for ko in self._ranks if ko in shown]

    def is_current(self) -> bool:
        """Whether every shown curve was computed from the model's present state."""
        return self._stale.isdisjoint(self._shown)

    def visible_bounds(self) -> list[tuple[float, float]]:
        """(min, max) of each shown curve inside the visible x-range (curves with values)."""
        shown = self._shown
        return [b for ko, b in self._bounds.items() if b is not None and ko in shown]

    # -- changes ---------------------------------------------------------------
    def mark_stale(self, keys: Iterable[str] | None = None) -> None:
        """Every curve of ``keys`` (all functions if None) needs recomputing."""
        for key in REGISTRY if keys is None else keys:
            self._stale.update((key, order) for order in ORDERS)

    def show(self, key: str, order: int, shown: bool) -> bool:
        """Show or hide one curve; whether it now needs computing."""
        if not shown and (key, order) not in self._items:
            if (key, order) not in self._ranks:
                raise KeyError((key, order))
            self._shown.discard((key, order))  # (never made: nothing to hide)
            return False
        curve = self._item(key, order)
        if curve.isVisible() != shown:
            curve.setVisible(shown)
            if shown:
                curve.view_changed()  # (its path may be cut to an older view)
        if shown:
            self._shown.add((key, order))
            self._stale.add((key, order))
        else:
            self._shown.discard((key, order))
        return shown

    def compute(
        self,
        model: ExplorerModel,
        n_samples: int,
        on_jumps: Callable[[str, int, JumpPoints], None],
        at_once: bool = False,
    ) -> None:
        """Recompute every stale curve that is shown (hidden ones stay stale until shown):
        now, or for a costly function of your own on the ``worker`` (unless ``at_once``:
        an export), its curves kept until :meth:`deliver` has the new ones.

        ``on_jumps(key, order, points)`` receives where each recomputed curve jumps.
        """
        x_range = model.x_range()
        wanted: dict[str, list[int]] = {}
        for key, order in sorted(self._stale & self._shown):
            wanted.setdefault(key, []).append(order)
        for key, orders in wanted.items():
            act = REGISTRY[key]
            params = model.params(key)
            request = CurveRequest(
                act,
                tuple(orders),
                tuple(sorted(params.items())),
                x_range,
                n_samples,
                model.number_format(),
            )
            mine = act.family == CUSTOM
            costly = key in self._heavy or (mine and self._timed.get(key) is not act)
            if self.worker is not None and costly and not at_once:
                self.worker.want(key, request)
                continue
            started = time.perf_counter()
            self._apply(key, request, request.compute(), on_jumps)
            if mine:
                self._timed_as(key, act, time.perf_counter() - started)

    def deliver(
        self,
        model: ExplorerModel,
        key: str,
        request: CurveRequest,
        curves: Curves,
        on_jumps: Callable[[str, int, JumpPoints], None],
        seconds: float | None = None,
    ) -> bool:
        """Curves from the worker, drawn if they are of the model's present state (else
        a newer request follows). Whether they were. ``seconds``: how long they took,
        which decides where the function's next curves are computed."""
        if seconds is not None and REGISTRY.get(key) is request.act:
            self._timed_as(key, request.act, seconds)
        if (
            REGISTRY.get(key) is not request.act
            or model.x_range() != request.x_range
            or model.number_format() != request.number_format
            or tuple(sorted(model.params(key).items())) != request.params
        ):
            return False
        self._apply(key, request, curves, on_jumps)
        return True

    def _timed_as(self, key: str, act: Activation, seconds: float) -> None:
        """``act``'s curves took ``seconds``: on the worker from now on if over HEAVY_S.
        Only its first computation can find it cheap: a costly function stays costly
        (zoomed into a quiet stretch, it is cheap for a moment, not for good)."""
        first = self._timed.get(key) is not act
        self._timed[key] = act
        if seconds > HEAVY_S:
            self._heavy.add(key)
        elif first:
            self._heavy.discard(key)

    def waiting(self, key: str) -> bool:
        """Whether ``key``'s shown curves wait for the worker."""
        return self.worker is not None and self.worker.pending(key)

    def _apply(self, key, request: CurveRequest, curves: Curves, on_jumps) -> None:
        x_min, x_max = request.x_range
        for order in request.orders:
            curve = self._items.get((key, order))
            if curve is None:
                continue
            y = curves.values[order]
            curve.setData(curves.x, y)
            self._bounds[key, order] = _visible_bounds(curves.x, y, x_min, x_max)
            on_jumps(key, order, curves.jumps[order])
            self._stale.discard((key, order))

    def restyle(self, keys: Iterable[str] | None = None) -> None:
        """Give the curves of ``keys`` (all if None) their pens from ``pen_for``."""
        for key in REGISTRY if keys is None else keys:
            for order in ORDERS:
                curve = self._items.get((key, order))
                if curve is not None:  # (one made later takes its pen then)
                    curve.setPen(self._pen_for(key, order))

    def raise_key(self, key: str | None) -> None:
        """Draw the curves of ``key`` above all others (the rest at the same level)."""
        self._raised = key
        for (k, order), curve in self._items.items():
            z = self._z(k, self._ranks[k, order])
            if curve.zValue() != z:
                curve.setZValue(z)

    # -- PlotPart ----------------------------------------------------------------
    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        self.restyle()

    def set_presentation(self, presentation) -> None:
        self.restyle()

    def begin_export(self, scale: float) -> None:
        self._pens = {ko: c.opts["pen"] for ko, c in self._items.items()}
        for ko, curve in self._items.items():
            curve.setPen(widened(self._pens[ko], scale))

    def end_export(self) -> None:
        for ko, pen in self._pens.items():
            self._items[ko].setPen(pen)
        self._pens = {}


def _visible_bounds(x: np.ndarray, y: np.ndarray, lo: float, hi: float):
    """(min, max) of the finite y where lo ≤ x ≤ hi, or None if there is none."""
    part = y[np.searchsorted(x, lo, side="left") : np.searchsorted(x, hi, side="right")]
    part = part[np.isfinite(part)]
    if part.size == 0:
        return None
    return float(part.min()), float(part.max())

"""The curves: one ``PlotCurveItem`` per (function, order), created once, updated with setData."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pyqtgraph as pg

from actgui.activations import ORDERS, REGISTRY, Activation
from actgui.analysis.sampling import curve_values, sample_grid
from actgui.model import ExplorerModel
from actgui.plot.palette import PlotColors
from actgui.plot.parts import CurveColor, CurvePen, PlotPart, widened

CurveKey = tuple[str, int]
#: (x, value at x) of the jumps of one curve inside the sampled range.
JumpPoints = tuple[np.ndarray, np.ndarray]


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
        self._bounds: dict[CurveKey, tuple[float, float] | None] = {}
        self._pens: dict[CurveKey, object] = {}
        self.add_keys(REGISTRY)

    def add_keys(self, keys: Iterable[str]) -> None:
        """Items for functions registered since (hidden until enabled)."""
        for key in keys:
            for order in ORDERS:
                curve = pg.PlotCurveItem(
                    pen=self._pen_for(key, order), antialias=True, connect="finite"
                )
                curve.setObjectName(f"curve_{key}_d{order}")
                curve.setVisible(False)
                self._plot_item.addItem(curve)
                self._items[key, order] = curve

    def remove_keys(self, keys: Iterable[str]) -> None:
        """Drop the items of functions no longer registered."""
        for key in keys:
            for order in ORDERS:
                curve = self._items.pop((key, order), None)
                if curve is not None:
                    self._plot_item.removeItem(curve)
                self._stale.discard((key, order))
                self._bounds.pop((key, order), None)

    # -- queries ---------------------------------------------------------------
    def item(self, key: str, order: int) -> pg.PlotCurveItem:
        """The item drawing the ``order``-th derivative of ``key``."""
        return self._items[key, order]

    def items(self) -> dict[CurveKey, pg.PlotCurveItem]:
        """All curve items by (key, order), shown or not."""
        return dict(self._items)

    def visible(self) -> list[CurveKey]:
        """(key, order) of every curve drawn, in registry order."""
        return [ko for ko, c in self._items.items() if c.isVisible()]

    def is_current(self) -> bool:
        """Whether every shown curve was computed from the model's present state."""
        return not any(self._items[ko].isVisible() for ko in self._stale)

    def visible_bounds(self) -> list[tuple[float, float]]:
        """(min, max) of each shown curve inside the visible x-range (curves with values)."""
        return [
            b for ko, b in self._bounds.items() if b is not None and self._items[ko].isVisible()
        ]

    # -- changes ---------------------------------------------------------------
    def mark_stale(self, keys: Iterable[str] | None = None) -> None:
        """Every curve of ``keys`` (all functions if None) needs recomputing."""
        for key in REGISTRY if keys is None else keys:
            self._stale.update((key, order) for order in ORDERS)

    def show(self, key: str, order: int, shown: bool) -> bool:
        """Show or hide one curve; whether it now needs computing."""
        curve = self._items[key, order]
        if curve.isVisible() != shown:
            curve.setVisible(shown)
        if shown:
            self._stale.add((key, order))
        return shown

    def compute(
        self,
        model: ExplorerModel,
        n_samples: int,
        on_jumps: Callable[[str, int, JumpPoints], None],
    ) -> None:
        """Recompute every stale curve that is shown (hidden ones stay stale until shown).

        ``on_jumps(key, order, points)`` receives where each recomputed curve jumps.
        """
        x_min, x_max = model.x_range()
        grids: dict[str, np.ndarray] = {}
        for key, order in sorted(self._stale):
            curve = self._items[key, order]
            if not curve.isVisible():
                continue
            act = REGISTRY[key]
            params = model.params(key)
            x = grids.get(key)
            if x is None:
                x = grids[key] = sample_grid(x_min, x_max, n_samples, act.kinks(**params))
            jumps = act.jumps(order, **params)
            y = curve_values(act, order, x, params, jumps)
            curve.setData(x, y)
            self._bounds[key, order] = _visible_bounds(x, y, x_min, x_max)
            on_jumps(key, order, _jump_values(act, order, params, jumps, x[0], x[-1]))
            self._stale.discard((key, order))

    def restyle(self, keys: Iterable[str] | None = None) -> None:
        """Give the curves of ``keys`` (all if None) their pens from ``pen_for``."""
        for key in REGISTRY if keys is None else keys:
            for order in ORDERS:
                self._items[key, order].setPen(self._pen_for(key, order))

    def raise_key(self, key: str | None) -> None:
        """Draw the curves of ``key`` above all others (the rest at the same level)."""
        for (k, _order), curve in self._items.items():
            z = 1.0 if k == key else 0.0
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


def _jump_values(
    act: Activation, order: int, params: dict[str, float], jumps, lo: float, hi: float
) -> JumpPoints:
    """(x, value at x) of the ``jumps`` of one curve that lie inside (lo, hi)."""
    inside = np.array([k for k in jumps if lo < k < hi])
    if inside.size == 0:
        return inside, inside
    return inside, act.evaluate(order, inside, **params)

"""What the plot draws besides curves, grid and legend: values at jumps and kinks, the
slope bands functions declare (RReLU's training-time slopes), and the shading of
vanishing gradients.

Each display option has its own signal and refreshes only what depends on it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QColor, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem

from actgui.activations import REGISTRY
from actgui.analysis.sampling import MARGIN, vanishing_regions
from actgui.coalesce import Coalesced
from actgui.i18n import translate
from actgui.model import ExplorerModel
from actgui.plot.markers import Bands, Dots
from actgui.plot.palette import PlotColors
from actgui.plot.parts import CurveColor, PlotPart

_PRIMES = {0: "", 1: "′", 2: "″"}


class Decorations(PlotPart):
    """Owns the extra items and keeps them in step with the model and the shown curves."""

    def __init__(
        self, model: ExplorerModel, plot_item: pg.PlotItem, curve_color: Callable[[str], str]
    ) -> None:
        self._model = model
        self._curve_color = curve_color
        # (x, value at x) of each curve's jumps, as last computed by the view.
        self._jumps: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}
        self._visible: list[tuple[str, int]] = []
        self._vanishing_inputs = None

        self.dots = Dots()
        self.dots.setObjectName("jump_markers")
        self.dots.setZValue(10)
        plot_item.addItem(self.dots, ignoreBounds=True)

        # A function that declares a slope band (RReLU: its training-time slopes lie
        # anywhere in [lower, upper]) gets a band for x < 0.
        self.bands: dict[str, QGraphicsPolygonItem] = {}
        for key, act in REGISTRY.items():
            if act.band is None:
                continue
            band = QGraphicsPolygonItem()
            band.setPen(pg.mkPen(None))
            band.setZValue(-10)
            band.setVisible(False)
            plot_item.addItem(band, ignoreBounds=True)
            self.bands[key] = band
        self.recolor(self.bands)

        # Where |f′| < ε for the selected function (computed from the registry).
        self.vanishing = Bands("#7f7f7f", 40)
        self.vanishing.setObjectName("vanishing_bands")
        self.vanishing.setZValue(-20)
        plot_item.addItem(self.vanishing, ignoreBounds=True)

        self._dots_update = Coalesced(self._update_dots, plot_item)
        self._vanishing_update = Coalesced(self._update_vanishing, plot_item)
        model.show_kinks_changed.connect(self._dots_update.request)
        model.vanishing_changed.connect(self._vanishing_update.request)
        model.selected_changed.connect(self._vanishing_update.request)

    def recolor(self, keys) -> None:
        """The colours of ``keys`` changed: their bands follow (dots are coloured when drawn)."""
        for key in keys:
            band = self.bands.get(key)
            if band is not None:
                fill = QColor(self._curve_color(key))
                fill.setAlpha(45)
                band.setBrush(fill)

    # -- PlotPart ----------------------------------------------------------------
    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        self._curve_color = curve_color
        self.dots.set_rim(colors.background)
        self.recolor(self.bands)
        self._update_dots()

    def begin_export(self, scale: float) -> None:
        self.flush()
        self.dots.set_scale(scale)

    def end_export(self) -> None:
        self.dots.set_scale(1.0)

    def flush(self) -> None:
        """Apply any pending option change now."""
        self._dots_update.flush()
        self._vanishing_update.flush()

    def set_jumps(self, key: str, order: int, points: tuple[np.ndarray, np.ndarray]) -> None:
        """Remember where the curve (key, order) jumps and the value it takes there."""
        self._jumps[key, order] = points

    def update(self, visible: list[tuple[str, int]]) -> None:
        """Redraw for the ``visible`` curves (after curves or the x-range changed)."""
        self._visible = visible
        # Done here, so an option change waiting for the same pass is not done twice.
        self._dots_update.cancel()
        self._vanishing_update.cancel()
        self._update_dots()
        self._update_bands()
        self._update_vanishing()

    def _update_dots(self) -> None:
        visible = self._visible
        xs, ys, colors, tips = [], [], [], []
        show_kinks = self._model.show_kinks()
        x_min, x_max = self._model.x_range()
        for key, order in visible:
            act = REGISTRY[key]
            params = self._model.params(key)
            if show_kinks:
                points = [k for k in act.kinks(**params) if x_min <= k <= x_max]
                px = np.array(points)
                py = act.evaluate(order, px, **params) if points else px
            elif (key, order) in self._jumps:
                px, py = self._jumps[key, order]
            else:
                continue
            if act.in_pytorch:
                tip = QCoreApplication.translate("PlotView", "%1: %2 — PyTorch uses %3")
            else:
                tip = QCoreApplication.translate("PlotView", "%1: %2 — value %3")
            tip = tip.replace("%1", translate(act.name))
            color = self._curve_color(key)  # (once: a function may kink thousands of times)
            xs += px.tolist()
            ys += py.tolist()
            colors += [color] * px.size
            prime = _PRIMES[order]
            tips += [
                tip.replace("%2", f"f{prime}({x:g})").replace("%3", f"{y:.10g}")
                for x, y in zip(px.tolist(), py.tolist(), strict=True)
            ]
        self.dots.setData(xs, ys, colors, tips)

    def _update_bands(self) -> None:
        x_min, x_max = self._model.x_range()
        left = x_min - MARGIN * (x_max - x_min)
        for key, band in self.bands.items():
            spec = REGISTRY[key].band
            show = self._model.is_enabled(key) and self._model.is_order_shown(0) and left < 0
            if show:
                low, high = self._model.param(key, spec.low), self._model.param(key, spec.high)
                corners = [QPointF(left, low * left), QPointF(0, 0), QPointF(left, high * left)]
                band.setPolygon(QPolygonF(corners))
            band.setVisible(show)

    def _update_vanishing(self) -> None:
        shade, eps = self._model.vanishing()
        key = self._model.selected_key()
        if not shade or key is None:
            self._vanishing_inputs = None
            self.vanishing.setData([])
            return
        params = self._model.params(key)
        inputs = (key, tuple(params.items()), eps, self._model.x_range())
        if inputs == self._vanishing_inputs:
            return  # unchanged: the bisection is not repeated on every refresh
        self._vanishing_inputs = inputs
        self.vanishing.setData(vanishing_regions(REGISTRY[key], params, eps, *inputs[3]))

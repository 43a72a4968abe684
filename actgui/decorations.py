"""What the plot draws besides curves, grid and legend: values at jumps and kinks, RReLU's
slope band, and the shading of vanishing gradients."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QColor, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem

from actgui.activations import REGISTRY
from actgui.i18n import translate
from actgui.markers import Bands, Dots
from actgui.model import ExplorerModel
from actgui.palette import color_for
from actgui.sampling import MARGIN, vanishing_regions

#: The function whose training-time slope range is shaded as a band.
BAND_KEY = "rrelu"
_PRIMES = {0: "", 1: "′", 2: "″"}


class Decorations:
    """Owns the extra items and keeps them in step with the model and the shown curves."""

    def __init__(
        self, model: ExplorerModel, plot_item: pg.PlotItem, curve_color: Callable[[str], str]
    ) -> None:
        self._model = model
        self._curve_color = curve_color
        # (x, value at x) of each curve's jumps, as last computed by the view.
        self._jumps: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}
        self._vanishing_inputs = None

        self.dots = Dots()
        self.dots.setObjectName("jump_markers")
        self.dots.setZValue(10)
        plot_item.addItem(self.dots, ignoreBounds=True)

        # RReLU's training-time slopes lie anywhere in [lower, upper]: a band for x < 0.
        self.band = QGraphicsPolygonItem()
        fill = QColor(color_for(BAND_KEY))
        fill.setAlpha(45)
        self.band.setBrush(fill)
        self.band.setPen(pg.mkPen(None))
        self.band.setZValue(-10)
        plot_item.addItem(self.band, ignoreBounds=True)

        # Where |f′| < ε for the selected function (computed from the registry).
        self.vanishing = Bands("#7f7f7f", 40)
        self.vanishing.setObjectName("vanishing_bands")
        self.vanishing.setZValue(-20)
        plot_item.addItem(self.vanishing, ignoreBounds=True)

    def set_jumps(self, key: str, order: int, points: tuple[np.ndarray, np.ndarray]) -> None:
        """Remember where the curve (key, order) jumps and the value it takes there."""
        self._jumps[key, order] = points

    def update(self, visible: list[tuple[str, int]]) -> None:
        """Redraw for the ``visible`` curves and the model's options."""
        self._update_dots(visible)
        self._update_band()
        self._update_vanishing()

    def _update_dots(self, visible: list[tuple[str, int]]) -> None:
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
            name = translate(act.name)
            for x, y in zip(px.tolist(), py.tolist(), strict=True):
                xs.append(x)
                ys.append(y)
                colors.append(self._curve_color(key))
                where = f"f{_PRIMES[order]}({x:g})"
                tips.append(tip.replace("%1", name).replace("%2", where).replace("%3", f"{y:.10g}"))
        self.dots.setData(xs, ys, colors, tips)

    def _update_band(self) -> None:
        show = self._model.is_enabled(BAND_KEY) and self._model.is_order_shown(0)
        x_min, x_max = self._model.x_range()
        left = x_min - MARGIN * (x_max - x_min)
        if show and left < 0:
            lower, upper = (self._model.param(BAND_KEY, n) for n in ("lower", "upper"))
            corners = [QPointF(left, lower * left), QPointF(0, 0), QPointF(left, upper * left)]
            self.band.setPolygon(QPolygonF(corners))
        self.band.setVisible(show and left < 0)

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

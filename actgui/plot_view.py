"""The pyqtgraph plot: one curve item per (function, order), updated in place from the model."""

from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPen

from actgui.activations import ORDERS, REGISTRY
from actgui.grid import GridLines
from actgui.model import MIN_X_SPAN, X_LIMIT, ExplorerModel
from actgui.palette import DASH_PATTERNS, ORDER_LABELS, color_for
from actgui.sampling import curve_values, sample_grid

#: Fewest samples across the view, whatever its pixel width.
MIN_SAMPLES = 400
LEGEND_GREY = "#555555"


def make_pen(color: str, order: int, width: float = 1.0) -> QPen:
    """The pen for a curve of derivative ``order``: solid f, dashed f′, dotted f″."""
    pen = pg.mkPen(color=color, width=width)
    pen.setCosmetic(True)
    pattern = DASH_PATTERNS[order]
    if pattern is not None:
        pen.setDashPattern(list(pattern))
    return pen


class _LegendSample(ItemSample):
    """A legend sample that reports a click instead of hiding the curve behind the model's back."""

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (pyqtgraph override)
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.sigClicked.emit(self.item)


class PlotView(pg.PlotWidget):
    """Draws the model's curves; re-samples only curves whose inputs changed.

    Every change marks curves stale and starts a zero-delay timer: the stale
    curves are recomputed once, when the event loop next runs, so a burst of
    changes (a dragged spinbox, a pan) costs one recomputation and one paint.
    A paint that comes first (``repaint()``, ``grab()``) recomputes them itself,
    so no frame ever shows stale curves.
    """

    #: Emitted after stale curves were recomputed (tests and benchmarks count it).
    refreshed = Signal()
    #: (x, y) in data coordinates while the mouse moves over the plot.
    cursor_moved = Signal(float, float)

    def __init__(self, model: ExplorerModel, parent=None) -> None:
        super().__init__(parent, background="w")
        self.setObjectName("plot")
        self._model = model
        self._n_samples = MIN_SAMPLES
        self._stale: set[tuple[str, int]] = set()
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)

        item = self.getPlotItem()
        item.setLabel("bottom", "x")
        item.setLabel("left", "y")
        for name in ("bottom", "left"):
            axis = item.getAxis(name)
            axis.setPen("k")
            axis.setTextPen("k")
        self.grid = GridLines(item)
        item.setMenuEnabled(False)
        self._vb = item.getViewBox()
        self._vb.setLimits(xMin=-X_LIMIT, xMax=X_LIMIT, minXRange=MIN_X_SPAN)
        self._vb.disableAutoRange(axis=pg.ViewBox.XAxis)
        self._vb.enableAutoRange(axis=pg.ViewBox.YAxis)
        self._vb.setAutoVisible(y=True)

        self._curves: dict[tuple[str, int], pg.PlotCurveItem] = {}
        for key in REGISTRY:
            for order in ORDERS:
                curve = pg.PlotCurveItem(
                    pen=make_pen(color_for(key), order), antialias=True, connect="finite"
                )
                curve.setObjectName(f"curve_{key}_d{order}")
                curve.setVisible(False)
                item.addItem(curve)
                self._curves[key, order] = curve

        self._legend = pg.LegendItem(offset=(10, 10), sampleType=_LegendSample, labelTextColor="k")
        self._legend.setParentItem(item.getViewBox())
        self._legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        self._legend.setPen(pg.mkPen("#bbbbbb"))
        self._legend.sigSampleClicked.connect(self._on_legend_clicked)
        # Proxies (never added to the plot) give the legend fixed samples: one per
        # function in its colour, one per order in grey showing the line style.
        self._legend_keys = {
            key: pg.PlotCurveItem(pen=make_pen(color_for(key), 0), antialias=True)
            for key in REGISTRY
        }
        self._legend_orders = {
            order: pg.PlotCurveItem(pen=make_pen(LEGEND_GREY, order), antialias=True)
            for order in ORDERS
        }

        model.enabled_changed.connect(self._on_enabled_changed)
        model.params_changed.connect(self._on_params_changed)
        model.order_changed.connect(self._on_order_changed)
        model.x_range_changed.connect(self._on_model_x_range_changed)
        self._vb.sigXRangeChanged.connect(self._on_view_x_range_changed)
        self._vb.sigResized.connect(self._on_resized)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

        self._on_model_x_range_changed(*model.x_range())
        self._sync_all()

    # -- public ----------------------------------------------------------
    def curve(self, key: str, order: int) -> pg.PlotCurveItem:
        """The curve item drawing the ``order``-th derivative of ``key``."""
        return self._curves[key, order]

    def curve_items(self) -> dict[tuple[str, int], pg.PlotCurveItem]:
        """All curve items by (key, order), shown or not."""
        return dict(self._curves)

    def legend(self) -> pg.LegendItem:
        """The legend item."""
        return self._legend

    def visible_curves(self) -> list[tuple[str, int]]:
        """(key, order) of every curve currently drawn, in registry order."""
        return [ko for ko, c in self._curves.items() if c.isVisible()]

    def sample_count(self) -> int:
        """Samples across the view: at least one per device pixel."""
        return self._n_samples

    def is_current(self) -> bool:
        """Whether every shown curve has been computed from the model's present state."""
        return not any(self._curves[ko].isVisible() for ko in self._stale)

    def reset_view(self) -> None:
        """Show the model's x-range again and let y follow the data."""
        self._on_model_x_range_changed(*self._model.x_range())
        self._vb.enableAutoRange(axis=pg.ViewBox.YAxis)

    def refresh(self) -> None:
        """Recompute every stale curve that is shown (hidden ones stay stale until shown)."""
        self._refresh_timer.stop()
        x_min, x_max = self._model.x_range()
        grids: dict[str, object] = {}
        for key, order in sorted(self._stale):
            curve = self._curves[key, order]
            if not curve.isVisible():
                continue
            act = REGISTRY[key]
            params = self._model.params(key)
            x = grids.get(key)
            if x is None:
                x = grids[key] = sample_grid(x_min, x_max, self._n_samples, act.kinks(**params))
            curve.setData(x, curve_values(act, order, x, params))
            self._stale.discard((key, order))
        # Settle auto-range (and with it axes and grid) now rather than during the
        # paint, where a changed range would ask for a second paint of the frame.
        self.scene().prepareForPaint()
        self.refreshed.emit()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if not self.is_current():
            self.refresh()  # before pyqtgraph's prepareForPaint, so auto-range sees new data
        super().paintEvent(event)

    # -- model → view ------------------------------------------------------
    def _schedule(self, keys=None) -> None:
        for key in REGISTRY if keys is None else keys:
            self._stale.update((key, order) for order in ORDERS)
        self._refresh_timer.start()

    def _sync_all(self) -> None:
        for key, order in self._curves:
            self._update_visibility(key, order)
        self._rebuild_legend()
        self._schedule()

    def _update_visibility(self, key: str, order: int) -> None:
        shown = self._model.is_enabled(key) and self._model.is_order_shown(order)
        self._curves[key, order].setVisible(shown)

    def _on_enabled_changed(self, key: str, _enabled: bool) -> None:
        for order in ORDERS:
            self._update_visibility(key, order)
        self._rebuild_legend()
        self._refresh_timer.start()

    def _on_params_changed(self, key: str) -> None:
        self._schedule([key])

    def _on_order_changed(self, order: int, _shown: bool) -> None:
        for key in REGISTRY:
            self._update_visibility(key, order)
        self._rebuild_legend()
        self._refresh_timer.start()

    def _on_model_x_range_changed(self, x_min: float, x_max: float) -> None:
        if self._vb.viewRange()[0] != [x_min, x_max]:
            self._vb.setXRange(x_min, x_max, padding=0)
        self._schedule()

    def _rebuild_legend(self) -> None:
        self._legend.clear()
        for key in self._model.enabled_keys():
            self._legend.addItem(self._legend_keys[key], REGISTRY[key].name)
        orders = self._model.shown_orders()
        if self._model.enabled_keys() and len(orders) > 1:
            for order in orders:
                self._legend.addItem(self._legend_orders[order], ORDER_LABELS[order])
        self._legend.setVisible(bool(self._model.enabled_keys()))

    # -- view → model ------------------------------------------------------
    def _on_legend_clicked(self, proxy) -> None:
        for key, item in self._legend_keys.items():
            if item is proxy:
                self._model.set_enabled(key, False)
                return
        for order, item in self._legend_orders.items():
            if item is proxy:
                self._model.set_order_shown(order, False)
                return

    def _on_view_x_range_changed(self, _vb, x_range) -> None:
        # Mouse pan and zoom move the view; the model follows (the view's limits
        # keep the range valid, so this never raises).
        x_min, x_max = (float(v) for v in x_range)
        if (x_min, x_max) != self._model.x_range():
            self._model.set_x_range(x_min, x_max)

    def _on_resized(self) -> None:
        ratio = self.devicePixelRatioF()
        n = max(MIN_SAMPLES, int(self._vb.width() * ratio) + 1)
        if n != self._n_samples:
            self._n_samples = n
            self._schedule()

    def _on_mouse_moved(self, pos: QPointF) -> None:
        if self._vb.sceneBoundingRect().contains(pos):
            p = self._vb.mapSceneToView(pos)
            self.cursor_moved.emit(p.x(), p.y())

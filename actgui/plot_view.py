"""The pyqtgraph plot: one curve item per (function, order), updated in place from the model."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem

from actgui.activations import ORDERS, REGISTRY
from actgui.decorations import Decorations
from actgui.grid import GridLines
from actgui.legend import ModelLegend
from actgui.model import DEFAULT_X_RANGE, MIN_X_SPAN, X_LIMIT, ExplorerModel
from actgui.palette import color_for, make_pen
from actgui.sampling import curve_values, sample_grid
from actgui.theme import PLOT_COLORS, curve_color

#: Fewest samples across the view, whatever its pixel width.
MIN_SAMPLES = 400
#: Arrow keys move a pinned cursor by this fraction of the view (Shift: ten times more).
CURSOR_STEP = 1 / 200


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
        # y follows the visible part of the shown curves, computed here from bounds
        # kept per curve: pyqtgraph's own auto-range re-scanned every item on every
        # change (~0.8 ms of a 5 ms frame). A manual zoom or pan stops the following;
        # Reset View resumes it.
        self._vb.disableAutoRange()
        self._y_follows = True
        self._y_bounds: dict[tuple[str, int], tuple[float, float] | None] = {}
        self._vb.sigRangeChangedManually.connect(self._on_manual_range)
        item.hideButtons()

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

        # Dots at jumps (and kinks), RReLU's slope band, vanishing-gradient shading.
        self.decorations = Decorations(model, item, self.curve_color)
        self.jump_markers = self.decorations.dots
        self.band = self.decorations.band
        self.vanishing_bands = self.decorations.vanishing

        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        self.cursor_line.setObjectName("cursor_line")
        self.cursor_line.setZValue(20)
        self.cursor_line.setVisible(False)
        item.addItem(self.cursor_line, ignoreBounds=True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys step a pinned cursor

        self.legend = ModelLegend(model, self._vb)
        self._theme = "light"

        model.enabled_changed.connect(self._on_enabled_changed)
        model.params_changed.connect(self._on_params_changed)
        model.order_changed.connect(self._on_order_changed)
        model.x_range_changed.connect(self._on_model_x_range_changed)
        model.cursor_changed.connect(self._on_cursor_changed)
        model.options_changed.connect(self._refresh_timer.start)
        model.selected_changed.connect(self._refresh_timer.start)
        self._vb.sigXRangeChanged.connect(self._on_view_x_range_changed)
        self._vb.sigResized.connect(self._on_resized)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

        self._on_model_x_range_changed(*model.x_range())
        for key, order in self._curves:
            self._update_visibility(key, order)

    # -- public ----------------------------------------------------------
    def curve(self, key: str, order: int) -> pg.PlotCurveItem:
        """The curve item drawing the ``order``-th derivative of ``key``."""
        return self._curves[key, order]

    def curve_items(self) -> dict[tuple[str, int], pg.PlotCurveItem]:
        """All curve items by (key, order), shown or not."""
        return dict(self._curves)

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
        """Return to the default x-range and let y follow the data again."""
        self._model.set_x_range(*DEFAULT_X_RANGE)
        self._on_model_x_range_changed(*self._model.x_range())
        self._y_follows = True
        self._fit_y()

    def follows_y(self) -> bool:
        """Whether the y-range follows the shown curves (until a manual zoom or pan)."""
        return self._y_follows

    def _fit_y(self) -> None:
        """Fit y to the visible part of the shown curves, if y follows them."""
        if not self._y_follows:
            return
        bounds = [
            b for ko, b in self._y_bounds.items() if b is not None and self._curves[ko].isVisible()
        ]
        if not bounds:
            return
        lo, hi = min(b[0] for b in bounds), max(b[1] for b in bounds)
        if hi - lo < 1e-300:  # a constant: give it some height
            pad = max(abs(lo) * 0.1, 0.5)
            lo, hi = lo - pad, hi + pad
        pad = (hi - lo) * 0.03
        target = [lo - pad, hi + pad]
        if self._vb.viewRange()[1] != target:
            self._vb.setYRange(*target, padding=0)

    def _on_manual_range(self, *_args) -> None:
        self._y_follows = False

    def theme(self) -> str:
        """ "light" or "dark": the plot's current colours."""
        return self._theme

    def curve_color(self, key: str) -> str:
        """The colour of ``key``'s curves, visible on this theme's background."""
        return curve_color(color_for(key), self._theme)

    def set_theme(self, theme: str) -> None:
        """Recolour background, axes, grid, legend and curves for "light" or "dark"."""
        colors = PLOT_COLORS[theme]
        self._theme = theme
        self.setBackground(colors.background)
        item = self.getPlotItem()
        for name in ("bottom", "left"):
            axis = item.getAxis(name)
            axis.setPen(colors.foreground)
            axis.setTextPen(colors.foreground)
        self.grid.set_colors(colors.grid_major, colors.grid_minor)
        for (key, order), curve in self._curves.items():
            curve.setPen(make_pen(self.curve_color(key), order))
        self.legend.set_colors(
            colors.legend_fill, colors.legend_border, colors.foreground, self.curve_color
        )
        self.jump_markers.set_rim(colors.background)
        self._on_cursor_changed()
        self._update_decorations()

    @contextlib.contextmanager
    def exporting(self, scale: float = 1.0, theme: str | None = None) -> Iterator[None]:
        """While rendering an export: pens ``scale`` times wider, no cursor line, and
        the colours of ``theme`` if given (so curves stay visible on a white page).

        Every pen here is cosmetic (a fixed number of device pixels), which
        keeps lines thin at any zoom but also at any export scale; widening them
        for the render keeps a 4× image looking like the screen, only sharper.
        """
        if not self.is_current():
            self.refresh()
        undo: list[Callable[[], None]] = []
        if theme is not None and theme != self._theme:
            shown = self._theme
            self.set_theme(theme)
            undo.append(lambda: self.set_theme(shown))
        cursor_shown = self.cursor_line.isVisible()
        self.cursor_line.setVisible(False)
        undo.append(lambda: self.cursor_line.setVisible(cursor_shown))
        if scale != 1.0:

            def widen(pen: QPen) -> QPen:
                wide = QPen(pen)
                wide.setWidthF(max(pen.widthF(), 1.0) * scale)
                return wide

            for curve in [*self._curves.values(), *self.legend.proxies()]:
                pen = curve.opts["pen"]
                curve.setPen(widen(pen))
                undo.append(lambda c=curve, p=pen: c.setPen(p))
            for name in ("bottom", "left"):
                axis = self.getPlotItem().getAxis(name)
                pen, text_pen = axis.pen(), axis.textPen()
                axis.setPen(widen(pen))
                axis.setTextPen(text_pen)
                undo.append(lambda a=axis, p=pen, t=text_pen: (a.setPen(p), a.setTextPen(t)))
            for item in (*self.grid.items, self.jump_markers):
                item.set_scale(scale)
                undo.append(lambda i=item: i.set_scale(1.0))
            self.legend.set_cached(False)
            undo.append(lambda: self.legend.set_cached(True))
            fixed = bool(
                self.legend.item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
            )
            self.legend.set_fixed_size(False)
            undo.append(lambda: self.legend.set_fixed_size(fixed))
        try:
            yield
        finally:
            for step in reversed(undo):
                step()

    def refresh(self) -> None:
        """Recompute every stale curve that is shown (hidden ones stay stale until shown)."""
        self._refresh_timer.stop()
        x_min, x_max = self._model.x_range()
        grids: dict[str, np.ndarray] = {}
        for key, order in sorted(self._stale):
            curve = self._curves[key, order]
            if not curve.isVisible():
                continue
            act = REGISTRY[key]
            params = self._model.params(key)
            x = grids.get(key)
            if x is None:
                x = grids[key] = sample_grid(x_min, x_max, self._n_samples, act.kinks(**params))
            jumps = act.jumps(order, **params)
            y = curve_values(act, order, x, params, jumps)
            curve.setData(x, y)
            self._y_bounds[key, order] = _visible_bounds(x, y, x_min, x_max)
            self.decorations.set_jumps(
                key, order, _jump_values(act, order, params, jumps, x[0], x[-1])
            )
            self._stale.discard((key, order))
        self._update_decorations()
        # Settle the y-range (and with it axes and grid) now rather than during the
        # paint, where a changed range would ask for a second paint of the frame.
        self._fit_y()
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

    def _update_visibility(self, key: str, order: int) -> None:
        shown = self._model.is_enabled(key) and self._model.is_order_shown(order)
        self._curves[key, order].setVisible(shown)
        if shown:
            self._stale.add((key, order))
            self._refresh_timer.start()

    def _update_decorations(self) -> None:
        self.decorations.update(self.visible_curves())

    def _on_cursor_changed(self) -> None:
        x, pinned = self._model.cursor()
        self.cursor_line.setVisible(x is not None)
        if x is not None:
            self.cursor_line.setPos(x)
            style = Qt.PenStyle.SolidLine if pinned else Qt.PenStyle.DashLine
            colors = PLOT_COLORS[self._theme]
            color = colors.cursor_pinned if pinned else colors.cursor
            self.cursor_line.setPen(pg.mkPen(color, style=style))

    def _on_enabled_changed(self, key: str, _enabled: bool) -> None:
        for order in ORDERS:
            self._update_visibility(key, order)
        self._update_decorations()
        self._fit_y()

    def _on_params_changed(self, key: str) -> None:
        self._schedule([key])

    def _on_order_changed(self, order: int, _shown: bool) -> None:
        for key in REGISTRY:
            self._update_visibility(key, order)
        self._update_decorations()
        self._fit_y()

    def _on_model_x_range_changed(self, x_min: float, x_max: float) -> None:
        if self._vb.viewRange()[0] != [x_min, x_max]:
            self._vb.setXRange(x_min, x_max, padding=0)
        self._schedule()

    # -- view → model ------------------------------------------------------
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
            self._model.hover(p.x())
            self.cursor_moved.emit(p.x(), p.y())
        else:
            self._model.hover(None)

    def _on_mouse_clicked(self, event) -> None:
        # A click (not a drag) on the plot pins the cursor there; a double click unpins.
        if event.button() != Qt.MouseButton.LeftButton or event.isAccepted():
            return
        if not self._vb.sceneBoundingRect().contains(event.scenePos()):
            return
        x = self._vb.mapSceneToView(event.scenePos()).x()
        self._model.set_cursor(x, pinned=not event.double())

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._model.hover(None)
        super().leaveEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        x, pinned = self._model.cursor()
        key = event.key()
        if pinned and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            x_min, x_max = self._model.x_range()
            step = (x_max - x_min) * CURSOR_STEP
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                step *= 10
            self._model.set_cursor(x + (step if key == Qt.Key.Key_Right else -step), True)
            event.accept()
        elif pinned and key == Qt.Key.Key_Escape:
            self._model.set_cursor(x, False)
            event.accept()
        else:
            super().keyPressEvent(event)


def _visible_bounds(x: np.ndarray, y: np.ndarray, lo: float, hi: float):
    """(min, max) of the finite y where lo ≤ x ≤ hi, or None if there is none."""
    part = y[np.searchsorted(x, lo, side="left") : np.searchsorted(x, hi, side="right")]
    part = part[np.isfinite(part)]
    if part.size == 0:
        return None
    return float(part.min()), float(part.max())


def _jump_values(act, order: int, params, jumps, lo: float, hi: float):
    """(x, value at x) of the ``jumps`` of one curve that lie inside (lo, hi)."""
    inside = np.array([k for k in jumps if lo < k < hi])
    if inside.size == 0:
        return inside, inside
    return inside, act.evaluate(order, inside, **params)

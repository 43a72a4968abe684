"""The pyqtgraph plot: composes its parts and keeps them in step with the model.

The parts (``plot.parts.PlotPart``): axes, grid, curves, decorations, cursor and
legend. ``PlotView`` owns the x-range both ways, the y fit, the sample count and
the once-per-event-loop refresh; each part recolours itself for a theme and
prepares itself for an export.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsView

from actgui.activations import ORDERS, REGISTRY
from actgui.analysis.sampling import Curves
from actgui.model import (
    DEFAULT_X_RANGE,
    MIN_X_SPAN,
    X_LIMIT,
    Y_LIMIT,
    Y_SPAN_ULPS,
    ExplorerModel,
    clamp_x_range,
)
from actgui.plot.axes import Axes, tick_offset
from actgui.plot.cursor import Cursor
from actgui.plot.curve_worker import CurveRequest, CurveWorker
from actgui.plot.curves import CurveSet
from actgui.plot.decorations import Decorations
from actgui.plot.grid import GridLines
from actgui.plot.legend import ModelLegend
from actgui.plot.palette import PLOT_COLORS, make_pen
from actgui.plot.parts import PlotPart
from actgui.preferences import Presentation
from actgui.text.markup import plain

#: Fewest samples across the view, whatever its pixel width.
MIN_SAMPLES = 400
#: The samples are reduced to the view's width once it is below this share of them.
SHRINK_SAMPLES_BELOW = 0.75
#: The selected function's curves are this much wider than the others (and on top).
SELECTED_WIDTH = 1.6
#: A title's size relative to the plot's other text.
TITLE_SCALE = 1.3


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

    def __init__(self, model: ExplorerModel, parent=None, passive: bool = False) -> None:
        """``passive``: only draw the model, never write to it (a copy for an export)."""
        super().__init__(parent, background=PLOT_COLORS["light"].background, viewBox=_SaneViewBox())
        self.setObjectName("plot")
        self._model = model
        self._passive = passive
        self._theme = "light"
        self._presentation = Presentation()
        self._selected = model.selected_key()
        self._n_samples = MIN_SAMPLES
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)

        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        self._vb = item.getViewBox()
        self._vb.setLimits(xMin=-X_LIMIT, xMax=X_LIMIT, minXRange=MIN_X_SPAN)
        # While the model's y is automatic, y follows the visible part of the shown
        # curves, computed here from bounds kept per curve: pyqtgraph's own auto-range
        # re-scanned every item on every change (~0.8 ms of a 5 ms frame). A manual
        # zoom or pan turns automatic y off (the Auto box shows it); Reset View or the
        # Auto box turns it back on.
        self._vb.disableAutoRange()
        self._syncing = False  # re-entrancy guard while the view is put back in range
        self._vb.sigRangeChangedManually.connect(self._on_manual_range)

        self.axes = Axes(item)
        self.grid = GridLines(item)
        self.curves = CurveSet(item, self.pen_for)
        self.decorations = Decorations(model, item, self.curve_color)
        self.cursor = Cursor(model, item)
        self.legend = ModelLegend(model, self._vb)
        #: Every part, for theme changes and exports (a new part is added here only).
        self.parts: tuple[PlotPart, ...] = (
            self.axes,
            self.grid,
            self.curves,
            self.decorations,
            self.cursor,
            self.legend,
        )
        # Short names for the items tests and tools look at.
        self.jump_markers = self.decorations.dots
        self.vanishing_bands = self.decorations.vanishing
        self.cursor_line = self.cursor.line
        self.cursor.moved.connect(self.cursor_moved)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys step a pinned cursor
        # One rectangle around what changed is repainted, not pyqtgraph's minimal region:
        # a changed curve's region is a few thin strips (a nearly flat Leaky ReLU), and
        # Qt stroked each of the 111 curves against every strip: 30 ms frames, one in
        # four of scene (c)'s changes (p95 34 → 15 ms measured, medians unchanged).
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)

        model.enabled_changed.connect(self._on_enabled_changed)
        model.params_changed.connect(self._on_params_changed)
        model.order_changed.connect(self._on_order_changed)
        model.x_range_changed.connect(self._on_model_x_range_changed)
        model.number_format_changed.connect(self._on_number_format_changed)
        model.selected_changed.connect(self._on_selected_changed)
        model.y_range_changed.connect(self._on_model_y_range_changed)
        model.auto_y_changed.connect(self._on_auto_y_changed)
        model.functions_changed.connect(self._on_functions_changed)
        self._vb.sigXRangeChanged.connect(self._on_view_x_range_changed)
        self._vb.sigYRangeChanged.connect(self._on_view_y_range_changed)
        self._vb.sigResized.connect(self._on_resized)

        self.curves.raise_key(self._selected)
        self._on_model_x_range_changed(*model.x_range())
        if not model.auto_y():
            self._on_model_y_range_changed(*model.y_range())
        self._update_visibility(REGISTRY, ORDERS)

    # -- public ----------------------------------------------------------
    def model(self) -> ExplorerModel:
        """The model this view draws."""
        return self._model

    def curve(self, key: str, order: int) -> pg.PlotCurveItem:
        """The curve item drawing the ``order``-th derivative of ``key``."""
        return self.curves.item(key, order)

    def curve_items(self) -> dict[tuple[str, int], pg.PlotCurveItem]:
        """All curve items by (key, order), shown or not."""
        return self.curves.items()

    def visible_curves(self) -> list[tuple[str, int]]:
        """(key, order) of every curve currently drawn, in registry order."""
        return self.curves.visible()

    def sample_count(self) -> int:
        """Samples across the view: at least one per device pixel."""
        return self._n_samples

    def is_current(self) -> bool:
        """Whether every shown curve has been computed from the model's present state."""
        return self.curves.is_current()

    def reset_view(self) -> None:
        """Return to the default x-range and let y follow the data again."""
        self._model.set_x_range(*DEFAULT_X_RANGE)
        self._on_model_x_range_changed(*self._model.x_range())
        self._model.set_auto_y(True)
        self._fit_y()

    def follows_y(self) -> bool:
        """Whether the y-range follows the shown curves (the model's automatic y)."""
        return self._model.auto_y()

    def theme(self) -> str:
        """ "light" or "dark": the plot's current colours."""
        return self._theme

    def curve_color(self, key: str) -> str:
        """The colour of ``key``'s curves, visible on this theme's background."""
        return self._model.curve_color(key, self._theme)

    def pen_for(self, key: str, order: int):
        """The pen of a curve: its function's colour, its order's dashes, the line width,
        wider for the selected function."""
        width = self._presentation.pen_width
        if key == self._selected:
            width *= SELECTED_WIDTH
        return make_pen(self.curve_color(key), order, width)

    def set_theme(self, theme: str) -> None:
        """Recolour every part for "light" or "dark"."""
        colors = PLOT_COLORS[theme]
        self._theme = theme
        self.setBackground(colors.background)
        for part in self.parts:
            part.set_colors(colors, self.curve_color)
        self._apply_texts()

    def presentation(self) -> Presentation:
        """Line width, font size, title and axis labels in use."""
        return self._presentation

    def set_presentation(self, presentation: Presentation) -> None:
        """Draw with ``presentation``'s line width, font size, title and axis labels."""
        if presentation == self._presentation:
            return
        self._presentation = presentation
        for part in self.parts:
            part.set_presentation(presentation)
        self._apply_texts()

    def _apply_texts(self) -> None:
        """Title, axis labels and tick labels in the theme's colour at the chosen size."""
        p = self._presentation
        item = self.getPlotItem()
        color = PLOT_COLORS[self._theme].foreground
        if p.title:
            # pyqtgraph renders a label as HTML: "f(x) < 0" must stay text.
            size = f"{p.text_size * TITLE_SCALE:.3g}pt"
            item.setTitle(plain(p.title), color=color, size=size)
        else:
            item.setTitle(None)
        font = QFont(self.font())
        font.setPointSizeF(p.text_size)
        for name, text in (("bottom", "x"), ("left", "y")):
            axis = item.getAxis(name)
            axis.setStyle(tickFont=font, tickTextOffset=tick_offset(name, p.text_size))
            if p.axis_labels:
                axis.setLabel(text, color=color, **{"font-size": f"{p.text_size:.3g}pt"})
            axis.showLabel(p.axis_labels)
        # Room around the plot in proportion to the text: the title off the top edge, the
        # last x tick's label off the right one (half of it reaches past the axis' end).
        margin = round(p.margin)
        right = margin + round(QFontMetricsF(font).horizontalAdvance("0.00") / 2)
        item.setContentsMargins(margin, margin, right, margin)

    @contextlib.contextmanager
    def exporting(self, scale: float = 1.0, theme: str | None = None) -> Iterator[None]:
        """While rendering an export: every part drawn for an image ``scale`` times the
        screen size (pens ``scale`` times wider, no cursor line), in the colours of
        ``theme`` if given (so curves stay visible on a white page).

        Every pen here is cosmetic (a fixed number of device pixels), which keeps
        lines thin at any zoom but also at any export scale; widening them for the
        render keeps a 4× image looking like the screen, only sharper.
        """
        self.refresh(at_once=True)
        self.legend.placer.flush()  # (where it hides the fewest curves, now)
        shown = self._theme
        if theme is not None and theme != shown:
            self.set_theme(theme)
        begun: list[PlotPart] = []
        try:
            for part in self.parts:
                part.begin_export(scale)
                begun.append(part)
            yield
        finally:
            for part in reversed(begun):
                part.end_export()
            if self._theme != shown:
                self.set_theme(shown)

    def refresh(self, at_once: bool = False) -> None:
        """Recompute every stale curve that is shown (a costly function of your own on
        the worker, if there is one, unless ``at_once``), then decorations, legend and
        y-range."""
        self._refresh_timer.stop()
        self.curves.compute(self._model, self._n_samples, self.decorations.set_jumps, at_once)
        # Dots, bands, shading: all of them but those of curves the worker computes (their
        # kinks are found there; the old dots come back with the new curves).
        waiting = self.curves.waiting
        self.decorations.update([ko for ko in self.visible_curves() if not waiting(ko[0])])
        self.legend.flush()
        # Settle the y-range (and with it axes and grid) now rather than during the
        # paint, where a changed range would ask for a second paint of the frame.
        self._fit_y()
        self.scene().prepareForPaint()
        self.refreshed.emit()

    def compute_off_thread(self) -> CurveWorker:
        """From now on, the curves of a costly function of your own are computed on a
        worker (the window's choice; an export from the command line computes at once)."""
        worker = CurveWorker(self)
        worker.delivered.connect(self._on_delivered)
        self.curves.worker = worker
        return worker

    def _on_delivered(
        self, key: str, request: CurveRequest, curves: Curves, seconds: float
    ) -> None:
        jumps = self.decorations.set_jumps
        if self.curves.deliver(self._model, key, request, curves, jumps, seconds):
            self.refresh()  # (its dots, and y fitted to the new curves)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if not self.is_current() or self._refresh_timer.isActive():
            self.refresh()  # before pyqtgraph's prepareForPaint, so the frame is current
        super().paintEvent(event)

    # -- y -----------------------------------------------------------------
    def _fit_y(self) -> None:
        """Fit y to the visible part of the shown curves, if y follows them; the model
        learns the fitted range (the From/To fields show it)."""
        if not self._model.auto_y():
            return
        bounds = self.curves.visible_bounds()
        if not bounds:
            return
        lo, hi = min(b[0] for b in bounds), max(b[1] for b in bounds)
        if hi - lo < 1e-300:  # a constant: give it some height
            pad = max(abs(lo) * 0.1, 0.5)
            lo, hi = lo - pad, hi + pad
        pad = (0.5 * hi - 0.5 * lo) * 0.06  # halves first: hi − lo may overflow
        target = _valid_y_range(lo - pad, hi + pad)
        if self._passive:
            self._put_view_back(y=target)
            return
        self._model.set_y_range(*target)
        self._on_model_y_range_changed(*target)  # also when the model had it already

    def _on_manual_range(self, *_args) -> None:
        # A pan or zoom by hand holds y where the user put it.
        if self._passive:
            return
        self._model.set_auto_y(False)
        self._model.set_y_range(*_valid_y_range(*self._vb.viewRange()[1]))

    # -- model → view ------------------------------------------------------
    def _update_visibility(self, keys, orders) -> None:
        to_compute = False
        for key in keys:
            for order in orders:
                shown = self._model.is_enabled(key) and self._model.is_order_shown(order)
                to_compute |= self.curves.show(key, order, shown)
        if not to_compute:
            # Only hidden: nothing to recompute, decorations and y follow at once.
            self.decorations.update(self.visible_curves())
            self._fit_y()
        self._refresh_timer.start()

    def _on_functions_changed(self, added: list[str], removed: list[str]) -> None:
        self.curves.remove_keys(removed)
        self.legend.remove_keys(removed)
        self.curves.add_keys(added)
        self.legend.add_keys(added)
        self._update_visibility(added, ORDERS)

    def _on_enabled_changed(self, keys: list[str]) -> None:
        # A function switched on may take a colour another one freed.
        shown = [k for k in keys if self._model.is_enabled(k)]
        self.curves.restyle(shown)
        self.legend.recolor(shown)
        self.decorations.recolor(shown)
        self._update_visibility(keys, ORDERS)

    def _on_params_changed(self, key: str) -> None:
        self.curves.mark_stale([key])
        self._refresh_timer.start()

    def _on_number_format_changed(self, _fmt: str) -> None:
        self.curves.mark_stale()
        self._refresh_timer.start()

    def _on_order_changed(self, order: int, _shown: bool) -> None:
        self._update_visibility(REGISTRY, (order,))

    def _on_model_x_range_changed(self, x_min: float, x_max: float) -> None:
        if self._vb.viewRange()[0] != [x_min, x_max]:
            self._vb.setXRange(x_min, x_max, padding=0)
        self.curves.mark_stale()
        self._refresh_timer.start()

    def _on_selected_changed(self, key: str) -> None:
        previous, self._selected = self._selected, key or None
        self.curves.restyle([k for k in (previous, self._selected) if k])
        self.curves.raise_key(self._selected)

    def _on_model_y_range_changed(self, y_min: float, y_max: float) -> None:
        if self._vb.viewRange()[1] != [y_min, y_max]:
            self._put_view_back(y=(y_min, y_max))

    def _on_auto_y_changed(self, on: bool) -> None:
        if on:
            self._fit_y()

    # -- view → model ------------------------------------------------------
    def _on_view_x_range_changed(self, _vb, x_range) -> None:
        # Mouse pan and zoom move the view; the model follows. pyqtgraph's limits
        # are absolute and its arithmetic rounds, so the view can still ask for a
        # range the model refuses: the nearest valid one is taken and the view put
        # back to it, so view and model never disagree.
        if self._syncing or self._passive:
            return
        x_min, x_max = (float(v) for v in x_range)
        valid = clamp_x_range(x_min, x_max) or self._model.x_range()
        if valid != self._model.x_range():
            self._model.set_x_range(*valid)
        if valid != (x_min, x_max):
            self._put_view_back(x=valid)

    def _on_view_y_range_changed(self, _vb, y_range) -> None:
        if self._syncing:
            return
        y_min, y_max = (float(v) for v in y_range)
        valid = _valid_y_range(y_min, y_max)
        if valid != (y_min, y_max):
            self._put_view_back(y=valid)
        if not self._model.auto_y() and not self._passive:  # a pan or zoom: the model follows
            self._model.set_y_range(*valid)

    def _put_view_back(self, x=None, y=None) -> None:
        self._syncing = True
        try:
            if x is not None:
                self._vb.setXRange(*x, padding=0)
            if y is not None:
                self._vb.setYRange(*y, padding=0)
        finally:
            self._syncing = False

    def _on_resized(self) -> None:
        ratio = self.devicePixelRatioF()
        n = max(MIN_SAMPLES, int(self._vb.width() * ratio) + 1)
        # More samples as the view grows; fewer only once it lost a quarter. The width moves
        # with the y-axis's labels, and they with the curves sampled at that width: f′ of
        # sin(exp(27x)) peaks elsewhere with one sample more, the labels widened, the view
        # narrowed, and the plot resampled and repainted ~30 times a second, for good.
        if n > self._n_samples or n < SHRINK_SAMPLES_BELOW * self._n_samples:
            self._n_samples = n
            self.curves.mark_stale()
            self._refresh_timer.start()

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.cursor.mouse_left()
        super().leaveEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.cursor.key_pressed(event):
            event.accept()
        else:
            super().keyPressEvent(event)


def _sane_x_range(x_min: float, x_max: float) -> tuple[float, float]:
    """A far-out x-range as the nearest one the view can hold: its centre (pulled inside
    ±``X_LIMIT``) kept, its span at most the whole width; then made valid."""
    lo, hi = float(x_min), float(x_max)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo = lo if math.isfinite(lo) else -X_LIMIT
        hi = hi if math.isfinite(hi) else X_LIMIT
    lo, hi = min(lo, hi), max(lo, hi)
    if lo >= -X_LIMIT and hi <= X_LIMIT:
        return clamp_x_range(lo, hi) or (lo, hi)
    centre = min(max(0.5 * lo + 0.5 * hi, -X_LIMIT), X_LIMIT)
    half = min(0.5 * hi - 0.5 * lo, X_LIMIT)
    lo, hi = centre - half, centre + half
    if lo < -X_LIMIT:
        lo, hi = -X_LIMIT, -X_LIMIT + 2.0 * half
    elif hi > X_LIMIT:
        lo, hi = X_LIMIT - 2.0 * half, X_LIMIT
    return clamp_x_range(lo, hi) or (-X_LIMIT, X_LIMIT)


class _SaneViewBox(pg.ViewBox):
    """A view box that never hands pyqtgraph's limits a range beyond what it can show:
    its clamping cancels in floats (±1e300 became (0, 1e−12)) and ±1e308 gave NaN. Every
    range asked for (a pan, the model, a test) goes through :func:`_sane_x_range` and
    :func:`_valid_y_range` first."""

    def setRange(self, rect=None, xRange=None, yRange=None, *args, **kwargs):  # noqa: N802, N803
        x_range, y_range = xRange, yRange
        if rect is not None:
            rect = QRectF(rect)
            x_range = (rect.left(), rect.right()) if x_range is None else x_range
            y_range = (rect.top(), rect.bottom()) if y_range is None else y_range
            rect = None
        if x_range is not None:
            x_range = _sane_x_range(*x_range)
        if y_range is not None:
            y_range = _valid_y_range(*(float(v) for v in y_range))
        super().setRange(rect, x_range, y_range, *args, **kwargs)


def _valid_y_range(y_min: float, y_max: float) -> tuple[float, float]:
    """The finite y-range nearest to (y_min, y_max) that pyqtgraph's axes can tick: within
    ±``Y_LIMIT``, ordered, and at least ``Y_SPAN_ULPS`` float steps (and 1e-300) wide."""
    lo = y_min if math.isfinite(y_min) else -Y_LIMIT
    hi = y_max if math.isfinite(y_max) else Y_LIMIT
    lo, hi = min(lo, hi), max(lo, hi)
    lo, hi = min(max(lo, -Y_LIMIT), Y_LIMIT), max(min(hi, Y_LIMIT), -Y_LIMIT)
    span = max(1e-300, Y_SPAN_ULPS * math.ulp(max(abs(lo), abs(hi))))
    if hi - lo < span:
        mid = 0.5 * lo + 0.5 * hi
        lo, hi = max(mid - span / 2, -Y_LIMIT - span), min(mid + span / 2, Y_LIMIT + span)
    return lo, hi

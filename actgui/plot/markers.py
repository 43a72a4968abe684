"""Dots at given data points, drawn a fixed pixel size: the values at jumps.

``pyqtgraph.ScatterPlotItem.setData`` took ~0.6 ms for a handful of points
(it rebuilds per-spot records); this item just stores arrays and paints them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QTransform

from actgui.text.markup import auto_text

RADIUS = 3.5  # device pixels


class Dots(pg.GraphicsObject):
    """Filled circles with a white rim at (x, y) in data coordinates, one colour each."""

    def __init__(self) -> None:
        super().__init__()
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._colors: list[QColor] = []
        self._tips: list[str] = []
        self._rim = QPen(QColor("white"), 1.0)
        self._rim.setCosmetic(True)
        self._radius = RADIUS
        self.setAcceptHoverEvents(True)

    def points(self) -> list[tuple[float, float]]:
        """The (x, y) of every dot."""
        return list(zip(self._x.tolist(), self._y.tolist(), strict=True))

    def set_rim(self, color: str) -> None:
        """The colour around each dot (the background's, so dots stand out from lines)."""
        self._rim.setColor(QColor(color))
        self.update()

    def set_scale(self, scale: float) -> None:
        """Dots and rims ``scale`` times larger (for an export at that scale)."""
        self.prepareGeometryChange()
        self._radius = RADIUS * scale
        self._rim.setWidthF(scale)
        self.update()

    def pen(self) -> QPen:
        """The pen of the dots' rims."""
        return QPen(self._rim)

    def tooltips(self) -> list[str]:
        """The hover text of every dot."""
        return list(self._tips)

    def setData(self, x, y, colors: list[str], tips: list[str] | None = None) -> None:  # noqa: N802
        """Show dots at ``x``, ``y`` in ``colors``; nothing is redrawn if nothing changed."""
        x, y = np.asarray(x, float), np.asarray(y, float)
        tips = list(tips) if tips is not None else [""] * x.size
        # A dot at NaN or ±inf cannot be drawn (Qt warns from QPainterPath::arcTo).
        keep = np.isfinite(x) & np.isfinite(y)
        if not keep.all():
            x, y = x[keep], y[keep]
            colors = [c for c, k in zip(colors, keep, strict=True) if k]
            tips = [s for s, k in zip(tips, keep, strict=True) if k]
        qcolors = [QColor(c) for c in colors]
        self._tips = tips
        if np.array_equal(x, self._x) and np.array_equal(y, self._y) and qcolors == self._colors:
            return
        self.prepareGeometryChange()
        self._x, self._y, self._colors = x, y, qcolors
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        if self._x.size == 0:
            return QRectF()
        # The points' extent, widened by the dots' radius in data units.
        px, py = self.pixelWidth(), self.pixelHeight()
        if not (px > 0 and py > 0):
            px = py = 0.0
        rx, ry = (self._radius + 1) * px, (self._radius + 1) * py
        x0, x1 = float(self._x.min()), float(self._x.max())
        y0, y1 = float(self._y.min()), float(self._y.max())
        return QRectF(x0 - rx, y0 - ry, x1 - x0 + 2 * rx, y1 - y0 + 2 * ry)

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph hook)
        # The radius in data units depends on the zoom.
        self.prepareGeometryChange()

    def tooltip_at(self, pos: QPointF) -> str:
        """The text of the dot under ``pos`` (item coordinates), or ""."""
        if self._x.size == 0:
            return ""
        px, py = self.pixelWidth() or 1.0, self.pixelHeight() or 1.0
        with np.errstate(over="ignore", invalid="ignore"):  # far-away dots: inf, never nearest
            d2 = ((self._x - pos.x()) / px) ** 2 + ((self._y - pos.y()) / py) ** 2
        i = int(np.argmin(d2))
        return self._tips[i] if d2[i] <= (RADIUS + 3) ** 2 else ""

    def hoverMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # A tooltip guesses plain or rich: a name of your own ("<b>x</b>") stays text.
        self.setToolTip(auto_text(self.tooltip_at(event.pos())))

    def drawn(self, transform: QTransform, width: float, height: float) -> list[tuple]:
        """The dots a paint through ``transform`` onto a ``width`` × ``height`` device draws:
        (device x, device y, colour), one per pixel and colour, none off the device. A
        function of your own kinks thousands of times near 0 (max(sin(1/x), cos(2/x))):
        one drawEllipse per kink took 0.5 s per repaint; dots on one pixel look as one."""
        if self._x.size == 0:
            return []
        if transform.isAffine() and not transform.isRotating():
            with np.errstate(over="ignore", invalid="ignore"):
                dx = self._x * transform.m11() + transform.dx()
                dy = self._y * transform.m22() + transform.dy()
        else:  # (never for a plot; kept exact)
            mapped = [transform.map(QPointF(x, y)) for x, y in zip(self._x, self._y, strict=True)]
            dx = np.array([p.x() for p in mapped])
            dy = np.array([p.y() for p in mapped])
        margin = self._radius + 2.0
        on = np.isfinite(dx) & np.isfinite(dy)
        if width > 0 and height > 0:  # (a device without a size: nothing is left out)
            on &= (dx > -margin) & (dx < width + margin) & (dy > -margin) & (dy < height + margin)
        names = [c.rgba() for c in self._colors]
        palette = {rgba: i for i, rgba in enumerate(dict.fromkeys(names))}
        index = np.array([palette[n] for n in names], dtype=np.int64)
        cells = np.column_stack([np.round(dx[on]), np.round(dy[on]), index[on]])
        _, first = np.unique(cells, axis=0, return_index=True)
        chosen = np.flatnonzero(on)[np.sort(first)]
        return [(float(dx[i]), float(dy[i]), self._colors[i]) for i in chosen]

    def paint(self, painter: QPainter, *_args) -> None:
        if self._x.size == 0:
            return
        transform = painter.transform()
        device = painter.device()
        dots = self.drawn(transform, device.width(), device.height())
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._rim)
        for x, y, color in dots:
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x, y), self._radius, self._radius)
        painter.setTransform(transform)


class Bands(pg.GraphicsObject):
    """Translucent vertical bands over x-intervals, spanning the whole view height."""

    def __init__(self, color: str = "#999999", alpha: int = 50) -> None:
        super().__init__()
        fill = QColor(color)
        fill.setAlpha(alpha)
        self._brush = fill
        self._intervals: list[tuple[float, float]] = []

    def intervals(self) -> list[tuple[float, float]]:
        """The shaded (x_start, x_end) intervals."""
        return list(self._intervals)

    def setData(self, intervals: list[tuple[float, float]]) -> None:  # noqa: N802
        """Shade ``intervals`` from now on."""
        if intervals != self._intervals:
            self.prepareGeometryChange()
            self._intervals = list(intervals)
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        view = self.getViewBox()
        if not self._intervals or view is None:
            return QRectF()
        return view.viewRect()

    def paint(self, painter: QPainter, *_args) -> None:
        view = self.getViewBox()
        if view is None:
            return
        rect = view.viewRect()
        painter.setPen(QPen(QColor(0, 0, 0, 0)))
        painter.setBrush(self._brush)
        for a, b in self._intervals:
            painter.drawRect(QRectF(a, rect.top(), b - a, rect.height()))

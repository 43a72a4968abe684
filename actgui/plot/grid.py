"""A light background grid drawn as two plain line items.

pyqtgraph's built-in grid (``PlotItem.showGrid``) repaints the axes across the
whole view with translucent antialiased pens; measured here it took about
40 ms of a 45 ms frame. A ``PlotCurveItem`` of opaque segments still took
1.05 ms (its path goes through the stroker); ``QPainter.drawLines`` with a
one-pixel cosmetic pen takes the rasteriser's fast path.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPen

from actgui.plot.palette import PlotColors
from actgui.plot.parts import CurveColor, PlotPart

MAJOR_COLOR = "#cfcfcf"
MINOR_COLOR = "#e9e9e9"
Z_VALUE = -1000


class GridLines(PlotPart):
    """Major and minor grid lines at the axes' own tick positions, behind the curves."""

    def __init__(self, plot_item: pg.PlotItem) -> None:
        self._plot = plot_item
        self._vb = plot_item.getViewBox()
        self.items: list[_Lines] = []
        for z, color in enumerate((MINOR_COLOR, MAJOR_COLOR)):
            item = _Lines(color)
            item.setZValue(Z_VALUE + z)  # major over minor
            plot_item.addItem(item, ignoreBounds=True)
            self.items.insert(0, item)
        self._vb.sigRangeChanged.connect(self.update)
        self._vb.sigResized.connect(self.update)

    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        """Recolour the two levels (for a light or dark theme)."""
        for item, color in zip(self.items, (colors.grid_major, colors.grid_minor), strict=True):
            item.set_color(color)

    def begin_export(self, scale: float) -> None:
        for item in self.items:
            item.set_scale(scale)

    def end_export(self) -> None:
        for item in self.items:
            item.set_scale(1.0)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (mirrors Qt's name)
        """Show or hide both levels."""
        for item in self.items:
            item.setVisible(visible)

    def update(self, *_args) -> None:
        """Rebuild the segments for the current view range and pixel size."""
        (x0, x1), (y0, y1) = self._vb.viewRange()
        width, height = self._vb.width(), self._vb.height()
        if width <= 0 or height <= 0:
            return
        xs = self._plot.getAxis("bottom").tickValues(x0, x1, width)
        ys = self._plot.getAxis("left").tickValues(y0, y1, height)
        rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        for level, item in enumerate(self.items):
            vx = xs[level][1] if level < len(xs) else []
            vy = ys[level][1] if level < len(ys) else []
            if level == 1:  # minor lines where no major line is
                vx = [v for v in vx if not _near_any(v, xs[0][1], x1 - x0)]
                vy = [v for v in vy if not _near_any(v, ys[0][1], y1 - y0)]
            item.setData(_segments(vx, vy, (x0, x1), (y0, y1)), rect)


def _near_any(value: float, others, span: float) -> bool:
    return any(abs(value - o) <= 1e-9 * span for o in others)


def _segments(vx, vy, xr, yr) -> list[QLineF]:
    """Vertical lines at ``vx`` and horizontal lines at ``vy`` across the view."""
    (x0, x1), (y0, y1) = xr, yr
    return [QLineF(v, y0, v, y1) for v in vx] + [QLineF(x0, v, x1, v) for v in vy]


class _Lines(pg.GraphicsObject):
    """Straight lines in data coordinates, drawn with one cosmetic non-antialiased pen."""

    def __init__(self, color: str) -> None:
        super().__init__()
        self._pen = QPen(pg.mkColor(color), 1)
        self._pen.setCosmetic(True)
        self._lines: list[QLineF] = []
        self._rect = QRectF()

    def setData(self, lines: list[QLineF], rect: QRectF) -> None:  # noqa: N802 (pyqtgraph style)
        """Draw ``lines`` from now on; ``rect`` (the view) contains them all."""
        self.prepareGeometryChange()
        self._lines = lines
        self._rect = rect
        self.update()

    def set_color(self, color: str) -> None:
        """Draw in ``color`` from now on."""
        self._pen.setColor(pg.mkColor(color))
        self.update()

    def set_scale(self, scale: float) -> None:
        """Draw ``scale`` pixels wide (for an export at ``scale`` times the screen size)."""
        self._pen.setWidthF(scale)
        self.update()

    def pen(self) -> QPen:
        """The pen the lines are drawn with."""
        return QPen(self._pen)

    def lines(self) -> list[QLineF]:
        """The lines drawn, in data coordinates."""
        return list(self._lines)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return self._rect

    def paint(self, painter: QPainter, *_args) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(self._pen)
        painter.drawLines(self._lines)

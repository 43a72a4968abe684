"""Painting an SVG page with every shape in page coordinates: ``PageDevice``.

``shell.export`` paints the plot's scene through it onto Qt's SVG generator (see the
class for why Qt's own SVG output of the scene went wrong).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QPaintDevice,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QTransform,
)


class PageDevice(QPaintDevice):
    """A paint device that passes everything painted on it to ``out`` (a painter on
    the SVG generator) with every shape mapped to page coordinates.

    Painted directly, Qt's SVG engine writes what an item paints in the item's own
    coordinates inside a group carrying its transform: for the curves and the grid,
    data coordinates, scaled by about 50 and −90. That went wrong three ways: a cosmetic
    (one-pixel) pen is marked ``vector-effect="non-scaling-stroke"``, which librsvg
    ignores, widening every line by the group's scale into a blob; the coordinates are
    written to 6 significant digits, which a view zoomed in far from 0 ([100, 100.001])
    turns into jagged curves and lost grid lines; and the engine loses track of the clip
    across ``QPainter.restore()`` (the axes, drawn after the view's clipped children,
    kept the view's clip and vanished). Here the SVG painter gets shapes already in page
    coordinates, pens as wide as they are on the page and never cosmetic, and every
    clip as an explicit ``setClipPath``. Text and images keep their transform (their
    coordinates are pixels already).
    """

    def __init__(self, out: QPainter, size: QSize, dpi: int) -> None:
        super().__init__()
        self._engine = _PageEngine(out)
        self._size = size
        self._dpi = dpi

    def paintEngine(self) -> QPaintEngine:  # noqa: N802 (Qt override)
        return self._engine

    def metric(self, metric: QPaintDevice.PaintDeviceMetric) -> int:
        m = QPaintDevice.PaintDeviceMetric
        width, height, dpi = self._size.width(), self._size.height(), self._dpi
        values = {
            m.PdmWidth: width,
            m.PdmHeight: height,
            m.PdmWidthMM: round(width * 25.4 / dpi),
            m.PdmHeightMM: round(height * 25.4 / dpi),
            m.PdmNumColors: 0x7FFFFFFF,
            m.PdmDepth: 32,
            # At the scene's resolution, pyqtgraph's cached pictures play 1:1.
            m.PdmDpiX: dpi,
            m.PdmDpiY: dpi,
            m.PdmPhysicalDpiX: dpi,
            m.PdmPhysicalDpiY: dpi,
            m.PdmDevicePixelRatio: 1,
            m.PdmDevicePixelRatioScaled: round(QPaintDevice.devicePixelRatioFScale()),
        }
        value = values.get(metric)
        return super().metric(metric) if value is None else value


_Dirty = QPaintEngine.DirtyFlag


class _PageEngine(QPaintEngine):
    """The engine of :class:`PageDevice`."""

    def __init__(self, out: QPainter) -> None:
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self._out = out
        self._transform = QTransform()
        self._pen = QPen()
        self._brush = QBrush()
        self._clip: QPainterPath | None = None

    def begin(self, device) -> bool:
        return True

    def end(self) -> bool:
        return True

    def type(self) -> QPaintEngine.Type:
        return QPaintEngine.Type.User

    def updateState(self, state) -> None:  # noqa: N802 (Qt override)
        flags = state.state()
        out = self._out
        if flags & _Dirty.DirtyTransform:
            self._transform = state.transform()
        if flags & _Dirty.DirtyPen:
            self._pen = QPen(state.pen())
        if flags & _Dirty.DirtyBrush:
            self._brush = QBrush(state.brush())
        if flags & _Dirty.DirtyFont:
            out.setFont(state.font())
        if flags & _Dirty.DirtyOpacity:
            out.setOpacity(state.opacity())
        if flags & _Dirty.DirtyHints:
            out.setRenderHints(out.renderHints(), False)
            out.setRenderHints(state.renderHints(), True)
        # Composition modes: SVG has none (and Qt warns if asked for one).
        clip = flags & (_Dirty.DirtyClipPath | _Dirty.DirtyClipRegion | _Dirty.DirtyClipEnabled)
        if flags & (_Dirty.DirtyClipPath | _Dirty.DirtyClipRegion):
            operation = state.clipOperation()
            if operation == Qt.ClipOperation.NoClip:
                self._clip = None
            else:
                if flags & _Dirty.DirtyClipPath:
                    path = QPainterPath(state.clipPath())
                else:
                    path = QPainterPath()
                    path.addRegion(state.clipRegion())
                path = state.transform().map(path)  # the clip's own transform
                if operation == Qt.ClipOperation.IntersectClip and self._clip is not None:
                    path = self._clip.intersected(path)
                self._clip = path
        if clip:
            out.setTransform(QTransform())
            if self._clip is not None and state.isClipEnabled():
                out.setClipPath(self._clip)
            else:
                out.setClipping(False)

    # -- shapes: mapped to the page ------------------------------------------------
    def drawPath(self, path: QPainterPath) -> None:  # noqa: N802 (Qt override)
        self._draw(path, filled=True)

    def drawPolygon(self, points, mode) -> None:  # noqa: N802 (Qt override)
        path = QPainterPath()
        path.addPolygon(QPolygonF(list(points)))
        if mode == QPaintEngine.PolygonDrawMode.PolylineMode:
            self._draw(path, filled=False)
            return
        path.closeSubpath()
        winding = mode == QPaintEngine.PolygonDrawMode.WindingMode
        path.setFillRule(Qt.FillRule.WindingFill if winding else Qt.FillRule.OddEvenFill)
        self._draw(path, filled=True)

    def _draw(self, path: QPainterPath, filled: bool) -> None:
        out, t, pen = self._out, self._transform, QPen(self._pen)
        out.setTransform(QTransform())
        brush = QBrush(self._brush) if filled else QBrush()
        if brush.style() not in (Qt.BrushStyle.NoBrush, Qt.BrushStyle.SolidPattern):
            brush.setTransform(brush.transform() * t)  # a gradient in the item's coordinates
        stroked = pen.style() != Qt.PenStyle.NoPen
        if stroked and pen.widthF() == 0:
            pen.setWidthF(1.0)  # zero width: one pixel, cosmetic or not
        elif stroked and not pen.isCosmetic():
            scale = _uniform_scale(t)
            if scale is None:  # stretched unevenly: the outline of the stroke, filled
                out.setPen(Qt.PenStyle.NoPen)
                out.setBrush(brush)
                out.drawPath(t.map(path))
                out.setBrush(pen.brush())
                out.drawPath(t.map(QPainterPathStroker(pen).createStroke(path)))
                return
            pen.setWidthF(pen.widthF() * scale)
        pen.setCosmetic(False)  # on the page, a width is a width: no vector effect needed
        out.setPen(pen)
        out.setBrush(brush)
        out.drawPath(t.map(path))

    # -- text and images: pixels already, drawn with their transform -----------------
    def drawPixmap(self, rect, pixmap, source) -> None:  # noqa: N802 (Qt override)
        self._transformed(lambda out: out.drawPixmap(rect, pixmap, source))

    def drawImage(self, rect, image, source, flags=None) -> None:  # noqa: N802 (Qt override)
        flags = Qt.ImageConversionFlag.AutoColor if flags is None else flags
        self._transformed(lambda out: out.drawImage(rect, image, source, flags))

    def drawTiledPixmap(self, rect, pixmap, offset) -> None:  # noqa: N802 (Qt override)
        self._transformed(lambda out: out.drawTiledPixmap(rect, pixmap, offset))

    def drawTextItem(self, point, item) -> None:  # noqa: N802 (Qt override)
        def draw(out: QPainter) -> None:
            out.setPen(self._pen)
            out.setFont(item.font())
            out.drawText(point, item.text())

        self._transformed(draw)

    def _transformed(self, draw: Callable[[QPainter], None]) -> None:
        self._out.setTransform(self._transform)
        try:
            draw(self._out)
        finally:
            self._out.setTransform(QTransform())


def _uniform_scale(t: QTransform) -> float | None:
    """How much ``t`` scales every length, or None if it stretches some more than others."""
    a, b, c, d = t.m11(), t.m12(), t.m21(), t.m22()
    tolerance = 1e-9 * max(abs(a), abs(b), abs(c), abs(d), 1e-300)
    rotation = abs(a - d) <= tolerance and abs(b + c) <= tolerance
    reflection = abs(a + d) <= tolerance and abs(b - c) <= tolerance
    return math.hypot(a, b) if rotation or reflection else None

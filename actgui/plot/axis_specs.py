"""pyqtgraph 0.14's axis draw specs (ticks and their labels), made without its per-tick
Python overhead.

Every change of the y-range (Leaky ReLU's α dragged while y follows the curves) makes
pyqtgraph regenerate the left axis: ~52 ticks on three levels, a ``Point`` built from a
list for each end of each tick, and every label of every level measured with
``QPainter.boundingRect`` before the crowded levels are dropped. That took ~1.2 ms of a
~7 ms frame. :func:`draw_specs` computes the same specs — the same ticks, pens, label
rectangles and flags, in the same order (``tests/test_axis_specs.py`` compares them with
pyqtgraph's own over many ranges, sizes and fonts) — with plain ``QPointF`` and a cache of
label sizes, for the axes actgui uses: automatic ticks, no grid drawn by the axis, the
default tick alpha and no axis stopped at a tick (:func:`supported`). Any other axis goes
to pyqtgraph.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

#: Label sizes kept per font and device before the cache is emptied.
MAX_SIZES = 4096
#: (the four corners' offsets of the axis line, as pyqtgraph draws it) per orientation:
#: (start corner, start offset, end corner, end offset, tick axis, tick direction).
_LAYOUT = {
    "left": ("topRight", (-1.0, -1.0), "bottomRight", (-1.0, 1.0), 0, -1),
    "right": ("topLeft", (1.0, -1.0), "bottomLeft", (1.0, 1.0), 0, 1),
    "top": ("bottomLeft", (-1.0, -1.0), "bottomRight", (1.0, -1.0), 1, -1),
    "bottom": ("topLeft", (-1.0, 1.0), "topRight", (1.0, 1.0), 1, 1),
}
_ALIGN = Qt.AlignmentFlag
_FLAGS = {
    "left": _ALIGN.AlignRight | _ALIGN.AlignVCenter | Qt.TextFlag.TextDontClip,
    "right": _ALIGN.AlignLeft | _ALIGN.AlignVCenter | Qt.TextFlag.TextDontClip,
    "top": _ALIGN.AlignHCenter | _ALIGN.AlignBottom | Qt.TextFlag.TextDontClip,
    "bottom": _ALIGN.AlignHCenter | _ALIGN.AlignTop | Qt.TextFlag.TextDontClip,
}
_MEASURE_BOX = QRectF(0, 0, 100, 100)


def supported(axis: pg.AxisItem) -> bool:
    """Whether :func:`draw_specs` gives ``axis``'s specs (else ask pyqtgraph)."""
    style = axis.style
    return (
        axis._tickLevels is None
        and axis.grid is False
        and style["tickAlpha"] is None
        and tuple(style["stopAxisAtTick"]) == (False, False)
        and axis.orientation in _LAYOUT
    )


class LabelSizes:
    """Width and height of tick labels as pyqtgraph measures them (the bounding box of
    the text centred in a 100×100 box, its height × 0.8), per font and device."""

    def __init__(self) -> None:
        self._sizes: dict[tuple, tuple[float, float]] = {}

    def measurer(self, p: QPainter):
        """A function text → (width, height) for ``p``'s current font and device."""
        device = p.device()
        font = p.font()
        prefix = (font.key(), device.logicalDpiX(), device.logicalDpiY())
        sizes = self._sizes
        if len(sizes) > MAX_SIZES:
            sizes.clear()

        def size(text: str) -> tuple[float, float]:
            key = (*prefix, text)
            found = sizes.get(key)
            if found is None:
                box = p.boundingRect(_MEASURE_BOX, _ALIGN.AlignCenter, text)
                found = sizes[key] = (box.width(), box.height() * 0.8)
            return found

        return size


def draw_specs(axis: pg.AxisItem, p: QPainter, sizes: LabelSizes):
    """``(axis_spec, tick_specs, text_specs)`` exactly as ``pg.AxisItem.generateDrawSpecs``
    returns them for a :func:`supported` axis (and, like it, updating the axis' text
    space), or None where pyqtgraph returns None."""
    style = axis.style
    if style["tickFont"] is not None:
        p.setFont(style["tickFont"])
    bounds = axis.mapRectFromParent(axis.geometry())
    start_corner, (sx, sy), end_corner, (ex, ey), tick_axis, tick_dir = _LAYOUT[axis.orientation]
    start = getattr(bounds, start_corner)()
    end = getattr(bounds, end_corner)()
    span = (QPointF(start.x() + sx, start.y() + sy), QPointF(end.x() + ex, end.y() + ey))
    if tick_axis == 0:
        tick_stop = bounds.right() if axis.orientation == "left" else bounds.left()
    else:
        tick_stop = bounds.top() if axis.orientation == "bottom" else bounds.bottom()
    tick_start = tick_stop  # (the axis draws no grid: ticks start on its edge)

    ends = [axis.mapToDevice(point) for point in span]
    if None in ends:
        return None
    length = math.hypot(ends[1].x() - ends[0].x(), ends[1].y() - ends[0].y())
    if length == 0:
        return None

    lo, hi = axis.range
    levels = axis.tickValues(lo, hi, length)
    dif = hi - lo
    if dif == 0:
        x_scale, offset = 1, 0
    elif tick_axis == 0:
        x_scale = -bounds.height() / dif
        offset = lo * x_scale - bounds.height()
    else:
        x_scale = bounds.width() / dif
        offset = lo * x_scale
    ends_px = [lo * x_scale - offset, hi * x_scale - offset]
    x_min, x_max = min(ends_px), max(ends_px)

    tick_specs = []
    positions: list[list[float | None]] = []
    for i, (_spacing, ticks) in enumerate(levels):
        tick_end = tick_stop + style["tickLength"] / ((i * 0.5) + 1.0) * tick_dir
        pen = axis.tickPen()
        if pen.brush().style() == Qt.BrushStyle.SolidPattern:
            pen = QPen(pen)
            color = QColor(pen.color())
            color.setAlpha(int(255 / (i + 1)))
            pen.setColor(color)
        level: list[float | None] = []
        for v in ticks:
            x = (v * x_scale) - offset
            if x < x_min or x > x_max:
                level.append(None)
                continue
            level.append(x)
            if tick_axis == 0:
                tick_specs.append((pen, QPointF(tick_start, x), QPointF(tick_end, x)))
            else:
                tick_specs.append((pen, QPointF(x, tick_start), QPointF(x, tick_end)))
        positions.append(level)
    axis_spec = (axis.pen(), span[0], span[1])

    text_specs: list = []
    if not style["showValues"]:
        return axis_spec, tick_specs, text_specs
    size_of = sizes.measurer(p)
    text_offset = max(0, style["tickLength"]) + style["tickTextOffset"][tick_axis]
    flags = _FLAGS[axis.orientation]
    visible = axis.boundingRect()
    scale = axis.autoSIPrefixScale * axis.scale
    measured: list[tuple[float, float]] = []  # every label measured so far, all levels
    last_size2 = 0
    for i in range(min(len(levels), style["maxTextLevel"] + 1)):
        spacing, values = levels[i]
        strings = axis.tickStrings(values, scale, spacing)
        if len(strings) == 0:
            continue
        level_sizes: list[tuple[float, float] | None] = []
        for j, text in enumerate(strings):
            if positions[i][j] is None:
                level_sizes.append(None)
            else:
                level_sizes.append(size_of(text))
                measured.append(level_sizes[-1])
        if measured:
            along, across = (1, 0) if tick_axis == 0 else (0, 1)
            text_size = np.sum([s[along] for s in measured])
            text_size2 = np.max([s[across] for s in measured])
        else:
            text_size = text_size2 = 0
        if i > 0:  # the top level is always labelled; the others while there is room
            fill = float(text_size) / length
            if any(len(text_specs) >= n and fill >= limit for n, limit in style["textFillLimits"]):
                break
        last_size2 = text_size2
        for j, text in enumerate(strings):
            if level_sizes[j] is None:
                continue
            x = positions[i][j]
            width, height = level_sizes[j]
            if axis.orientation == "left":
                rect = QRectF(tick_stop - text_offset - width, x - (height / 2), width, height)
            elif axis.orientation == "right":
                rect = QRectF(tick_stop + text_offset, x - (height / 2), width, height)
            elif axis.orientation == "top":
                rect = QRectF(x - width / 2.0, tick_stop - text_offset - height, width, height)
            else:
                rect = QRectF(x - width / 2.0, tick_stop + text_offset, width, height)
            if visible & rect != rect:
                continue
            text_specs.append((rect, flags, text))
    axis._updateMaxTextSize(last_size2)
    return axis_spec, tick_specs, text_specs

"""Pens for the plot, from the shared colours and line styles of ``actgui.style``."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QPen

from actgui.style import (  # noqa: F401 (re-exported for the plot's parts)
    DASH_PATTERNS,
    OKABE_ITO,
    ORDER_LABELS,
    PLOT_COLORS,
    PlotColors,
    color_for,
    curve_color,
)


def make_pen(color: str, order: int, width: float = 1.0) -> QPen:
    """The pen for a curve of derivative ``order``: solid f, dashed f′, dotted f″."""
    pen = pg.mkPen(color=color, width=width)
    pen.setCosmetic(True)
    pattern = DASH_PATTERNS[order]
    if pattern is not None:
        pen.setDashPattern(list(pattern))
    return pen

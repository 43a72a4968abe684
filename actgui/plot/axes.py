"""The plot's two axes as a plot part: their colours, and pens widened for an export."""

from __future__ import annotations

import pyqtgraph as pg

from actgui.plot.palette import PLOT_COLORS, PlotColors
from actgui.plot.parts import CurveColor, PlotPart, widened

AXES = ("bottom", "left")


class Axes(PlotPart):
    """The x and y axes of ``plot_item``, labelled x and y."""

    def __init__(self, plot_item: pg.PlotItem) -> None:
        self._axes = [plot_item.getAxis(name) for name in AXES]
        plot_item.setLabel("bottom", "x")
        plot_item.setLabel("left", "y")
        self._saved: list = []
        self.set_colors(PLOT_COLORS["light"], str)

    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        for axis in self._axes:
            axis.setPen(colors.foreground)
            axis.setTextPen(colors.foreground)

    def begin_export(self, scale: float) -> None:
        self._saved = [(axis.pen(), axis.textPen()) for axis in self._axes]
        for axis, (pen, text_pen) in zip(self._axes, self._saved, strict=True):
            axis.setPen(widened(pen, scale))
            axis.setTextPen(text_pen)  # text grows with the painter's transform already

    def end_export(self) -> None:
        for axis, (pen, text_pen) in zip(self._axes, self._saved, strict=True):
            axis.setPen(pen)
            axis.setTextPen(text_pen)
        self._saved = []

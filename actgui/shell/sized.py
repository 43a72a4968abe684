"""A plot of a chosen size for an export, whatever the window's size.

A slide wants a 1920×1080 (or 1280×720, or square) figure with the text at the
chosen size; the plot on screen is whatever shape the window leaves it. For a
preset size the export renders a second ``PlotView`` of the same model, laid
out at that size but never shown on screen, with the shown plot's theme and
presentation; the on-screen plot is not touched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from actgui.plot.lab import LabPlot
from actgui.plot.view import PlotView


def _lay_out(copy, size: tuple[int, int], refresh) -> None:
    """Lay ``copy`` out at ``size`` off screen; two passes, as the layout settles the axes'
    widths, which move the view box (``refresh()`` draws it again after each)."""
    copy.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    copy.resize(*size)
    copy.show()
    for _ in range(2):
        QApplication.processEvents()
        refresh()


@contextlib.contextmanager
def plot_of_size(plot: PlotView, size: tuple[int, int] | None) -> Iterator[PlotView]:
    """``plot`` itself if ``size`` is None, else a laid-out copy ``size`` pixels large."""
    if size is None:
        yield plot
        return
    # A copy of the model too: the export draws the state of this moment, and a copy
    # left waiting for its deletion is connected to nothing that can still change.
    copy = PlotView(plot.model().copy(), passive=True)
    try:
        copy.set_theme(plot.theme())
        copy.set_presentation(plot.presentation())
        _lay_out(copy, size, copy.refresh)
        yield copy
    finally:
        model = copy.model()
        copy.close()
        copy.deleteLater()
        model.deleteLater()


@contextlib.contextmanager
def lab_plot_of_size(plot: LabPlot, size: tuple[int, int] | None) -> Iterator[LabPlot]:
    """``plot`` itself if ``size`` is None, else a laid-out copy of an analysis plot drawn
    by the same owner, ``size`` pixels large (never shown on screen)."""
    if size is None:
        yield plot
        return
    item = plot.getPlotItem()
    copy = LabPlot(plot.objectName() + "_export", *plot.axis_labels())  # (as typed: not escaped)
    try:
        copy.getPlotItem().setLogMode(
            x=item.ctrl.logXCheck.isChecked(), y=item.ctrl.logYCheck.isChecked()
        )
        for side in ("bottom", "left"):  # a loss of 0.6 is not "600 (x0.001)"
            axis = item.getAxis(side)
            copy.getPlotItem().getAxis(side).enableAutoSIPrefix(axis.autoSIPrefix)
        copy.set_line_width(plot.line_width(), redraw=False)
        copy.set_text_size(plot.text_size(), redraw=False)
        copy.set_legend_shown(plot.legend_shown())
        copy.set_drawer(plot.drawer())
        copy.set_theme(plot.theme())
        _lay_out(copy, size, copy.redraw)
        yield copy
    finally:
        copy.close()
        copy.deleteLater()
        plot.redraw()  # the owner's drawing state points at the plot on screen again

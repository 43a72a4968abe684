"""Tick labels never run together: at every font size, on narrow and wide plots, the
labels an axis draws keep apart (fewer ticks when crowded: "0 200400600800" was the
Train tab's step axis)."""

import itertools

import numpy as np
import pytest
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication

from actgui.plot.lab import LabPlot, Line
from actgui.preferences import FONT_SIZES


def settled(widget) -> None:
    """Painted and laid out again until the axes have the room their labels ask for
    (pyqtgraph widens an axis for its labels at a paint, then lays the plot out)."""
    for _ in range(3):
        widget.grab()
        QApplication.processEvents()


def drawn_labels(axis) -> list:
    """The label rectangles the axis would draw now (its own draw specs)."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _flags, text in specs[2] if text]


def assert_apart(axis, vertical: bool, where) -> None:
    """The labels drawn do not touch; there are two where the axis is three labels long,
    one where it is one and a half (a label of the range's widest, "1000" or "−6")."""
    labels = drawn_labels(axis)
    boxes = sorted(labels, key=lambda lt: lt[0].top() if vertical else lt[0].left())
    metrics = QFontMetricsF(axis.style["tickFont"])
    length = axis.geometry().height() if vertical else axis.geometry().width()
    extent = (
        metrics.height() * 0.8
        if vertical
        else max(metrics.horizontalAdvance(t) for t in ("1000", "−6"))
    )
    wanted = 2 if length >= 3 * extent else 1 if length >= 1.5 * extent else 0
    assert len(boxes) >= wanted, (where, length, extent, labels)
    for (a, ta), (b, tb) in itertools.pairwise(boxes):
        if vertical:
            assert a.bottom() <= b.top() + 0.5, (where, ta, tb)
        else:
            assert a.right() + 2 <= b.left(), (where, ta, tb)


@pytest.mark.parametrize("width", [260, 420])
def test_lab_plot_step_axis_labels_keep_apart(qtbot, width):
    plot = LabPlot("plot_ticks", "step", "loss")
    qtbot.addWidget(plot)
    plot.resize(width, 260)
    plot.show()
    qtbot.waitExposed(plot)
    steps = np.arange(0, 1001.0)
    line = Line("loss", steps, 1.0 / (1.0 + steps), "#1f77b4")
    plot.set_drawer(lambda p: p.set_lines([line]), in_place=True)
    for size in FONT_SIZES:
        plot.set_text_size(size * 1.5)
        plot.redraw()
        plot.getPlotItem().getViewBox().autoRange(padding=0)
        settled(plot)
        for side, vertical in (("bottom", False), ("left", True)):
            axis = plot.getPlotItem().getAxis(side)
            assert_apart(axis, vertical, (width, size, side))


@pytest.mark.parametrize("font_size", FONT_SIZES)
def test_main_plot_labels_keep_apart_in_presentation_mode(window, qtbot, font_size):
    window.prefs.set_presentation_mode(True)
    window.prefs.set_presentation(font_size=font_size)
    qtbot.waitUntil(window.plot.is_current)
    settled(window.plot)
    for side, vertical in (("bottom", False), ("left", True)):
        axis = window.plot.getPlotItem().getAxis(side)
        assert_apart(axis, vertical, (font_size, side))


def test_large_values_keep_the_axis_title_short(qtbot):
    """Values of 1e30 are written in the ticks ("2e+30"), not as a factor appended to
    the axis title, which a short vertical axis cut off ("variance q (x1e…")."""
    plot = LabPlot("plot_big", "layer", "variance q")
    qtbot.addWidget(plot)
    plot.resize(360, 200)
    plot.show()
    qtbot.waitExposed(plot)
    layers = np.arange(1.0, 101.0)
    line = Line("q", layers, 1e28 * layers, "#1f77b4")
    plot.set_drawer(lambda p: p.set_lines([line]), in_place=True)
    plot.redraw()
    plot.getPlotItem().getViewBox().autoRange()
    settled(plot)
    axis = plot.getPlotItem().getAxis("left")
    assert "variance q" in axis.labelString() and "x1e" not in axis.labelString()
    texts = [text for _rect, text in drawn_labels(axis)]
    assert texts and all("e+" in text for text in texts if text != "0"), texts


def test_a_long_axis_title_is_cut_to_its_axis_and_whole_in_a_tooltip(qtbot):
    long_title = "gradient² ÷ output's, summed over the layer's units"
    plot = LabPlot("plot_titles", "layer", long_title)
    qtbot.addWidget(plot)
    plot.resize(320, 200)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_text_size(18)
    settled(plot)
    axis = plot.getPlotItem().getAxis("left")
    shown = axis.label.toPlainText().strip()
    metrics = QFontMetricsF(axis.label.font())
    assert "…" in shown and shown != long_title
    assert metrics.horizontalAdvance(shown) <= axis.geometry().height()
    assert axis.label.toolTip() == long_title
    assert plot.axis_labels() == ("layer", long_title)  # (what it is, for an export's copy)
    plot.resize(900, 1000)
    settled(plot)
    qtbot.waitUntil(lambda: axis.label.toPlainText().strip() == long_title)
    assert axis.label.toolTip() == ""

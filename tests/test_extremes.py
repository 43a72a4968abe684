"""The real plot under extreme zoom and pan, and bad input from the mouse. Offscreen.

pytest-qt fails a test on any exception raised inside a Qt slot or virtual method,
and Qt warnings are turned into failures here too, so these tests fail on a
traceback in the log as much as on a wrong number.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from actgui.activations import REGISTRY
from actgui.model import X_LIMIT, min_x_span

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen platform says this of every window; it is not about the plot.
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

EXTREMES = [
    (-1e-300, 1e-300),
    (-1e300, 1e300),
    (1e300 - 1e-10, 1e300 + 1e-10),
    (-1e-12, 1e-12),
    (5e5, 5e5 + 1e-14),
    (-2e6, -1.5e6),
    (3.0, 3.0),
    (2.0, -2.0),
    (-6.0, 6.0),
]


def settle(window):
    for _ in range(3):
        QApplication.processEvents()
    window.plot.refresh()
    window.plot.viewport().repaint()


def assert_consistent(window):
    """View and model agree, the model's range is valid, y is finite with a real span."""
    vb = window.plot.getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    lo, hi = window.model.x_range()
    assert (x0, x1) == (lo, hi)
    assert -X_LIMIT <= lo < hi <= X_LIMIT and hi - lo >= min_x_span(lo, hi)
    assert math.isfinite(y0) and math.isfinite(y1) and y1 > y0
    assert y1 - y0 >= 16 * math.ulp(max(abs(y0), abs(y1)))


@pytest.mark.parametrize("keys", [["relu", "sigmoid", "bent_identity"], list(REGISTRY)])
def test_view_ranges_at_the_extremes(window, qtbot, keys):
    window.model.set_enabled_keys(keys)
    window.model.set_order_shown(2, True)
    window.model.set_show_kinks(True)
    vb = window.plot.getViewBox()
    for x0, x1 in EXTREMES:
        vb.setXRange(x0, x1, padding=0)
        settle(window)
        assert_consistent(window)
        for key, order in window.plot.visible_curves():
            x, y = window.plot.curve(key, order).getData()
            finite_math = ~np.isin(x, REGISTRY[key].jumps(order, **window.model.params(key)))
            assert np.all(np.isfinite(x))
            assert np.all(np.isfinite(y[finite_math])), (key, order, x0, x1)


def test_y_extremes_stay_finite(window, qtbot):
    vb = window.plot.getViewBox()
    for y0, y1 in [(-1e308, 1e308), (1.0, 1.0), (1e300, 1e300 + 1e285), (-1e-320, 1e-320)]:
        vb.setYRange(y0, y1, padding=0)
        settle(window)
        assert_consistent(window)
    window.action_reset_view.trigger()
    settle(window)
    assert window.plot.follows_y()


def test_wheel_zoom_far_in_and_out_keeps_view_and_model_together(window, qtbot):
    vb = window.plot.getViewBox()
    centre = vb.mapViewToScene(QPointF(0.3, 0.0))
    for steps in (60, -60):
        for _ in range(abs(steps)):
            vb.scaleBy(x=0.25 if steps > 0 else 4.0, y=1.0, center=vb.mapSceneToView(centre))
            QApplication.processEvents()
            assert_consistent(window)
    settle(window)
    assert_consistent(window)


def test_mouse_over_a_degenerate_view_gives_no_nan_cursor(window, qtbot):
    vb = window.plot.getViewBox()
    vb.setXRange(1e300, 1e300, padding=0)  # clamped by the view
    settle(window)
    viewport = window.plot.viewport()
    qtbot.mouseMove(viewport, viewport.rect().center())
    x, _ = window.model.cursor()
    assert x is None or math.isfinite(x)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport.rect().center())
    x, _ = window.model.cursor()
    assert x is None or math.isfinite(x)


def test_readout_keeps_exact_values_at_the_extremes(window, qtbot):
    window.model.set_enabled_keys(["relu", "sigmoid"])
    for x in (-X_LIMIT, -1e-300, 5e-324, X_LIMIT):
        window.model.set_cursor(x, pinned=True)
        rows = window.readout.rows()
        assert rows["relu"][0] == ("0" if x <= 0 else f"{x:.10g}".replace("-", "−"))


def test_dots_at_non_finite_points_are_dropped_and_far_hover_is_quiet(window, qtbot):
    dots = window.plot.jump_markers
    dots.setData([0.0, np.nan, 1.0, np.inf], [0.0, 1.0, np.nan, 2.0], ["#000000"] * 4, list("abcd"))
    assert dots.points() == [(0.0, 0.0)] and dots.tooltips() == ["a"]
    dots.setData([1e300, -1e300], [1e300, -1e300], ["#000000"] * 2, ["far", "away"])
    with np.errstate(all="raise"):  # the suite's warnings-as-errors, for numpy too
        assert dots.tooltip_at(QPointF(0.0, 0.0)) == ""
    window.plot.viewport().repaint()

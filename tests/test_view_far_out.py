"""A view asked for a range far beyond what it can show keeps its centre and takes the
widest span allowed (pyqtgraph's own clamping cancelled ±1e300 to (0, 1e−12))."""

from __future__ import annotations

import math

import pytest

from actgui.model import X_LIMIT, ExplorerModel


@pytest.fixture
def view(qtbot):
    from actgui.plot.view import PlotView

    plot = PlotView(ExplorerModel())
    qtbot.addWidget(plot)
    plot.resize(800, 500)
    plot.show()
    qtbot.waitExposed(plot)
    return plot


@pytest.mark.parametrize(
    ("asked", "centre"),
    [((-1e300, 1e300), 0.0), ((-3e7, 5e7), 1e6 - 1e6), ((1e300, 1e300 + 1e290), X_LIMIT)],
)
def test_far_out_x_keeps_the_centre_and_the_widest_span(view, asked, centre):
    box = view.getPlotItem().getViewBox()
    box.setXRange(*asked, padding=0)
    lo, hi = box.viewRange()[0]
    model_lo, model_hi = view.model().x_range()
    assert (lo, hi) == pytest.approx((model_lo, model_hi), rel=1e-9, abs=1e-6)
    assert -X_LIMIT <= lo < hi <= X_LIMIT
    if centre == 0.0:
        assert (lo, hi) == pytest.approx((-X_LIMIT, X_LIMIT), rel=1e-9)
    else:
        assert hi == pytest.approx(X_LIMIT) and hi - lo > 1.0


def test_far_out_y_keeps_a_usable_range(view):
    view.model().set_auto_y(False)
    box = view.getPlotItem().getViewBox()
    box.setYRange(-1e308, 1e308, padding=0)
    lo, hi = box.viewRange()[1]
    assert math.isfinite(lo) and math.isfinite(hi) and lo < 0.0 < hi
    assert hi - lo > 1e200

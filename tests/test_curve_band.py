"""Curves far outside the view: the path Qt strokes is cut to a band around the view (a
custom f′ of ±1e193 under a y-range of ±2 froze the window for 1–100 s per repaint), and
a curve zigzagging across the view at every sample is drawn with a hairline (a wide
antialiased pen took 0.3 s per repaint). What is visible must not change: checked
against the crossings of the uncut polyline, computed segment by segment here."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QImage, QPainter

from actgui.plot.clip import clip_to_band
from actgui.plot.curves import DENSE_PX, BandedCurve


def crossings(x, y, level: float) -> list[float]:
    """The x where the polyline crosses y = level (one segment at a time, in plain
    Python; horizontal segments on the level are left out)."""
    out = []
    for i in range(len(x) - 1):
        x0, x1, y0, y1 = float(x[i]), float(x[i + 1]), float(y[i]), float(y[i + 1])
        if not all(map(math.isfinite, (x0, x1, y0, y1))) or y0 == y1:
            continue
        if min(y0, y1) <= level <= max(y0, y1):
            out.append(x0 + (level - y0) / (y1 - y0) * (x1 - x0))
    return sorted(out)


values = st.one_of(
    st.floats(-1e200, 1e200),
    st.floats(-3, 3),
    st.just(math.nan),
    st.just(math.inf),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(values, min_size=2, max_size=40), st.floats(-2.5, 2.5))
def test_cut_polyline_crosses_every_level_of_the_view_where_the_whole_one_does(ys, level):
    y = np.array(ys)
    x = np.linspace(0.0, 1.0, y.size)
    lo, hi = -3.0, 3.0  # the band: a view of [-1, 1] and one view height either side
    cx, cy = clip_to_band(x, y, lo, hi)
    finite = np.isfinite(cy)
    assert np.all((cy[finite] >= lo) & (cy[finite] <= hi))
    want, got = crossings(x, y, level), crossings(cx, cy, level)
    assert len(got) == len(want) and np.allclose(got, want, rtol=0, atol=1e-9)


def test_segments_inside_the_band_are_kept_as_they_are():
    x = np.linspace(-1, 1, 9)
    y = x**2
    cx, cy = clip_to_band(x, y, -5.0, 5.0)
    assert np.array_equal(cx, x) and np.array_equal(cy, y)


def test_non_finite_points_still_break_the_line():
    x = np.arange(5.0)
    y = np.array([0.0, 1e300, np.nan, -1e300, 0.0])
    _x, cy = clip_to_band(x, y, -1.0, 1.0)
    # Before and after the NaN: separate pieces, each inside the band.
    assert np.isnan(cy).any()
    assert np.nanmax(np.abs(cy)) <= 1.0


@pytest.fixture
def plot(qtbot):
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_path_of_a_huge_curve_stays_near_the_view_and_its_data_whole(plot):
    x = np.linspace(0.0, 5.0, 501)
    y = np.exp(90.0 * x) * np.sin(40.0 * x)  # to ±1e195
    curve = BandedCurve(x, y, pen="b", antialias=True, connect="finite")
    plot.addItem(curve)
    plot.setRange(xRange=(0, 5), yRange=(-2, 2), padding=0)
    rect = curve.getPath().boundingRect()
    assert rect.top() >= -6.0 - 1e-9 and rect.bottom() <= 6.0 + 1e-9  # was ±1e195
    assert np.array_equal(curve.getData()[1], y)  # the data (readout, tests) uncut
    # Zoomed out to the curve's size: cut again, to the new band.
    plot.setRange(yRange=(-1e196, 1e196), padding=0)
    assert curve.getPath().boundingRect().height() > 1e194
    assert curve.band() is None  # (nothing outside a band of three view heights now)


class _Pens(QPainter):
    """A painter that remembers the pen width of each path it draws."""

    def __init__(self, image):
        super().__init__(image)
        self.widths: list[float] = []

    def drawPath(self, path):
        self.widths.append(self.pen().widthF())
        super().drawPath(path)


def test_a_curve_crossing_the_view_at_every_sample_is_drawn_with_a_hairline(plot):
    x = np.linspace(0.0, 20.0, 525)
    dense = BandedCurve(x, np.where(np.arange(x.size) % 2, 1.0, -1.0), pen={"width": 3})
    smooth = BandedCurve(x, np.sin(x), pen={"width": 3})
    for item in (dense, smooth):
        plot.addItem(item)
    plot.setRange(xRange=(0, 20), yRange=(-2, 2), padding=0)
    assert dense.screen_length() > DENSE_PX > smooth.screen_length() > 0
    image = QImage(600, 400, QImage.Format.Format_ARGB32)
    for item, width in ((dense, 1.0), (smooth, 3.0)):
        painter = _Pens(image)
        item.paint(painter, None, None)
        painter.end()
        assert painter.widths == [width]
        assert item.opts["pen"].widthF() == 3.0  # (its own pen is kept)


def test_kink_dots_are_drawn_once_per_pixel_and_only_on_the_device():
    """Thousands of kinks near 0 were one drawEllipse each (0.5 s a repaint). Checked
    against the set of pixels the dots fall on, counted here."""
    from PySide6.QtGui import QTransform

    from actgui.plot.markers import Dots

    dots = Dots()
    k = np.arange(1, 4001)
    x = np.concatenate([1.0 / k, [50.0]])  # kinks piling up at 0, one far off the device
    dots.setData(x, np.zeros(x.size), ["#ff0000"] * 4000 + ["#0000ff"])
    transform = QTransform.fromTranslate(100.0, 200.0).scale(300.0, -100.0)  # x in 0–1: 300 px
    drawn = dots.drawn(transform, 640, 480)
    pixels = {round(100.0 + 300.0 / kk) for kk in k}
    assert len(drawn) == len(pixels)  # 4001 dots, this many pixels: one dot each
    assert {round(px) for px, _py, _c in drawn} == pixels
    # A second colour on the same pixel is its own dot.
    dots.setData([0.5, 0.5], [0.0, 0.0], ["#ff0000", "#0000ff"])
    assert len(dots.drawn(transform, 640, 480)) == 2

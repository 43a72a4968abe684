"""The axes' fast draw specs (``actgui.plot.axis_specs``) are pyqtgraph's, exactly.

The oracle is pyqtgraph's own ``AxisItem.generateDrawSpecs`` run on the same axis, range,
size and font: every tick (pen, ends), the axis line and every label (rectangle, flags,
text) must come out the same, in the same order, and the axis must reserve the same text
space afterwards.
"""

import math

import pyqtgraph as pg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QPainter, QPicture

from actgui.plot.axes import EndLabelAxis
from actgui.plot.axis_specs import LabelSizes, draw_specs, supported

ORIENTATIONS = ("left", "bottom", "right", "top")


@pytest.fixture(scope="module")
def plots(qapp):
    """One shown plot per axis class: every orientation is an axis of each."""
    made = {}
    for cls in (EndLabelAxis, pg.AxisItem):
        widget = pg.PlotWidget(axisItems={o: cls(o) for o in ORIENTATIONS})
        item = widget.getPlotItem()
        for o in ORIENTATIONS:
            item.showAxis(o)
        widget.resize(700, 500)
        widget.show()
        qapp.processEvents()
        made[cls] = widget
    yield made
    for widget in made.values():
        widget.close()


def _specs(axis, generate, font: QFont):
    picture = QPicture()
    painter = QPainter(picture)
    painter.setFont(font)
    try:
        specs = generate(painter)
        return specs, axis.textWidth, axis.textHeight
    finally:
        painter.end()


def _plain(specs):
    """Specs as comparable tuples of numbers and strings."""
    if specs is None:
        return None
    (axis_pen, a, b), ticks, texts = specs

    def pen(p):
        return (p.color().rgba(), p.widthF(), p.style(), p.isCosmetic())

    return (
        (pen(axis_pen), a.x(), a.y(), b.x(), b.y()),
        [(pen(p), p1.x(), p1.y(), p2.x(), p2.y()) for p, p1, p2 in ticks],
        [(r.x(), r.y(), r.width(), r.height(), int(f), t) for r, f, t in texts],
    )


ranges = st.tuples(
    st.floats(-1e9, 1e9, allow_nan=False),
    st.floats(1e-9, 1e9, allow_nan=False),
).map(lambda c: (c[0], c[0] + c[1]))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cls=st.sampled_from((EndLabelAxis, pg.AxisItem)),
    orientation=st.sampled_from(ORIENTATIONS),
    span=ranges,
    inverted=st.booleans(),
    points=st.sampled_from((6.0, 9.0, 14.0, 24.0)),
)
def test_fast_specs_equal_pyqtgraphs(plots, cls, orientation, span, inverted, points):
    axis = plots[cls].getPlotItem().getAxis(orientation)
    assert supported(axis)
    lo, hi = span
    axis.range = [hi, lo] if inverted else [lo, hi]
    font = QFont(axis.font())
    font.setPointSizeF(points)
    axis.style["tickFont"] = font
    sizes = LabelSizes()
    try:
        theirs = _specs(axis, lambda p: pg.AxisItem.generateDrawSpecs(axis, p), font)
        ours = _specs(axis, lambda p: draw_specs(axis, p, sizes), font)
        again = _specs(axis, lambda p: draw_specs(axis, p, sizes), font)  # (sizes known)
    finally:
        axis.style["tickFont"] = None
    assert _plain(ours[0]) == _plain(theirs[0])
    assert ours[1:] == theirs[1:]  # the same text space reserved
    assert _plain(again[0]) == _plain(theirs[0])


def test_a_typical_y_axis_has_ticks_and_labels(plots):
    """(The comparison above is not vacuous: the specs hold ticks of three levels.)"""
    axis = plots[EndLabelAxis].getPlotItem().getAxis("left")
    axis.range = [-3.9, 6.4]
    specs, _, _ = _specs(axis, lambda p: draw_specs(axis, p, LabelSizes()), axis.font())
    _, ticks, texts = specs
    alphas = {pen.color().alpha() for pen, _, _ in ticks}
    assert alphas == {255, 127, 85}
    assert [t for _, _, t in texts][:3] == ["−2", "0", "2"]


def test_hand_set_ticks_are_left_to_pyqtgraph(plots):
    axis = plots[EndLabelAxis].getPlotItem().getAxis("bottom")
    axis.setTicks([[(0.0, "zero"), (math.pi, "π")]])
    try:
        assert not supported(axis)
        axis.range = [-1.0, 4.0]
        specs, _, _ = _specs(axis, axis.generateDrawSpecs, axis.font())
        assert [t for _, _, t in specs[2]] == ["zero", "π"]
    finally:
        axis.setTicks(None)
    assert supported(axis)

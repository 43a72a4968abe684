"""Legends: placed where they hide the fewest data (as matplotlib's loc="best"), moved by
dragging (and then left there), hidden with View → Legends, never cut by the plot's edge."""

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction

from actgui.plot.lab import LabPlot, Line
from actgui.plot.legend_place import PLACES, best_place, line_points
from actgui.preferences import FONT_SIZES, Preferences

EIGHT = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "hardtanh"]


def brute_force_count(points, left, top, width, height) -> int:
    return sum(
        1 for x, y in points.tolist() if left <= x <= left + width and top <= y <= top + height
    )


def test_best_place_is_the_place_covering_fewest_points():
    """Needs no display. Against a point-by-point count at every place."""
    rng = np.random.default_rng(7)
    area, size, margin = (400.0, 300.0), (120.0, 80.0), 6.0
    for _ in range(40):
        # Points crowded in one random region, plus a few everywhere.
        centre = rng.uniform((0, 0), area)
        points = np.vstack([
            rng.normal(centre, 60.0, (300, 2)), rng.uniform((0, 0), area, (20, 2))
        ])  # fmt: skip
        order = list(PLACES)
        rng.shuffle(order)
        counts = {}
        for place in order:
            fx, fy = PLACES[place]
            left = margin + fx * (area[0] - size[0] - 2 * margin)
            top = margin + fy * (area[1] - size[1] - 2 * margin)
            counts[place] = brute_force_count(points, left, top, *size)
        fewest = min(counts.values())
        expected = next(p for p in order if counts[p] == fewest)  # the first preferred
        assert best_place(points, size, area, margin, order) == expected
        # The current place is kept unless another is clearly better.
        for current in order:
            kept = best_place(points, size, area, margin, order, current)
            if counts[current] - fewest <= max(2, counts[current] // 10):
                assert kept == current
            else:
                assert counts[kept] == fewest


def test_a_line_counts_where_it_runs_not_only_at_its_data():
    """Needs no display."""
    x = np.array([0.0, 100.0, np.nan, 200.0, 300.0])
    y = np.array([0.0, 0.0, np.nan, 50.0, 50.0])
    pts = line_points(x, y)
    on_first = np.sort(pts[pts[:, 1] == 0, 0])
    assert on_first[0] == 0 and on_first[-1] == 100 and np.diff(on_first).max() <= 3.0
    # The gap (NaN) is not a line: nothing between x = 100 and 200.
    assert not ((pts[:, 0] > 100) & (pts[:, 0] < 200)).any()


def scene_count(plot: LabPlot, lines) -> int:
    """Data points (Qt's own mapping from data to the scene) inside the legend's box."""
    vb = plot.getPlotItem().getViewBox()
    box = plot.getPlotItem().legend.sceneBoundingRect()
    count = 0
    for line in lines:
        for x, y in zip(line.x, line.y, strict=True):
            if box.contains(vb.mapViewToScene(QPointF(x, y))):
                count += 1
    return count


@pytest.fixture
def lab_plot(qtbot):
    plot = LabPlot("plot_test", "x", "y")
    qtbot.addWidget(plot)
    plot.resize(420, 320)
    plot.show()
    qtbot.waitExposed(plot)
    return plot


def falling(n=400):
    """A line from the top left to the bottom right, and one along the top."""
    x = np.linspace(0, 10, n)
    return [
        Line("down", x, 10 - x, "#1f77b4", name="falling"),
        Line("top", x, np.full(n, 9.5), "#d62728", name="flat at the top"),
    ]


def test_lab_legend_goes_where_it_hides_the_fewest_points(lab_plot, qtbot):
    lines = falling()
    lab_plot.set_drawer(lambda p: p.set_lines(lines, legend=("top-left", 1)), in_place=True)
    lab_plot.redraw()
    placer = lab_plot.legend_placer()
    qtbot.waitUntil(lambda: not placer.pending())
    legend = lab_plot.getPlotItem().legend
    assert placer.place != "top-left"
    assert scene_count(lab_plot, lines) == 0
    # At the corner it was asked for, it would have hidden part of both lines.
    placer.move_to("top-left")
    assert scene_count(lab_plot, lines) > 20
    del legend


def test_a_dragged_legend_stays_where_it_was_put(lab_plot, qtbot):
    lines = falling()
    lab_plot.set_drawer(lambda p: p.set_lines(lines, legend=("bottom-left", 1)), in_place=True)
    lab_plot.redraw()
    placer = lab_plot.legend_placer()
    qtbot.waitUntil(lambda: not placer.pending())
    legend = lab_plot.getPlotItem().legend
    start = legend.pos()
    drag = SimpleNamespace(
        button=lambda: Qt.MouseButton.LeftButton,
        accept=lambda: None,
        pos=lambda: QPointF(30, 40),
        lastPos=lambda: QPointF(0, 0),
    )
    legend.mouseDragEvent(drag)
    moved = legend.sceneBoundingRect()
    assert (legend.pos() - start).manhattanLength() > 50
    place = placer.place
    lines[:] = [Line("up", np.linspace(0, 10, 50), np.linspace(0, 10, 50), "#000000", name="up")]
    lab_plot.redraw()
    placer.flush()
    # One entry fewer: as short as it now is, at the corner nearest to where it was put.
    now = legend.sceneBoundingRect()
    assert placer.manual and placer.place == place
    assert now.left() == moved.left() and now.bottom() == pytest.approx(moved.bottom(), abs=0.5)


def action(window, name) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_legends_can_be_hidden_and_it_is_remembered(window, qtbot, settings):
    window.model.set_enabled_keys(EIGHT)
    window.show_labs("depth")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    main = window.plot.legend.item
    toggle = action(window, "action_legends")
    assert toggle.isChecked() and main.isVisible()
    toggle.trigger()
    assert not window.prefs.presentation().legend
    qtbot.waitUntil(lambda: not main.isVisible())
    for name, plot in window.labs.all_plots().items():
        legend = plot.getPlotItem().legend
        assert legend is None or not legend.isVisible(), name
    assert not Preferences(settings).presentation().legend
    toggle.trigger()
    qtbot.waitUntil(main.isVisible)


@pytest.mark.parametrize("font_size", FONT_SIZES)
def test_the_main_legend_is_never_cut_by_the_plot(window, qtbot, font_size):
    """Eight functions and three orders, in Presentation Mode, at every font size: the
    legend takes more columns rather than run out of the plot."""
    window.model.set_enabled_keys(EIGHT)
    for order in (0, 1, 2):
        window.model.set_order_shown(order, True)
    window.prefs.set_presentation_mode(True)
    window.prefs.set_presentation(font_size=font_size)
    legend = window.plot.legend
    qtbot.waitUntil(lambda: not legend.placer.pending() and not legend._rebuild.pending())
    inner = window.plot.getPlotItem().getViewBox().sceneBoundingRect()
    box = legend.item.sceneBoundingRect()
    assert inner.contains(box), (font_size, box, inner)


def test_infinite_values_break_a_line_without_a_warning():
    """Needs no display. A curve running off to ±inf (the y of exp at far x) has no
    segment to or from infinity, and no inf − inf (the suite turns warnings into errors)."""
    x = np.array([0.0, 1.0, np.inf, 3.0, 4.0, -np.inf])
    y = np.array([0.0, 1.0, 2.0, np.inf, 4.0, 5.0])
    pts = line_points(x, y)
    assert np.isfinite(pts).all()
    assert ((pts[:, 0] >= 0) & (pts[:, 0] <= 1)).all() or (pts[:, 0] == 4).any()

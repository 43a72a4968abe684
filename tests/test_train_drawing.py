"""The Train tab's regions plot: the held-out test points shown, the regions discretized,
and data drawn into the cells with the mouse (class A/B or curve points, erase, clear),
saved with the set-up. Positions are checked against the cells' geometry and the data's
box computed here, not with the code under test."""

from __future__ import annotations

import json

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from actgui.analysis.race import RaceConfig
from actgui.panels.labs.train_drawing import RegionTools
from actgui.panels.labs.train_regions import CLASS_COLORS, REGION_PIXELS

#: Sixteen points of two classes on a grid over [-1, 1]² (0.667 apart).
GRID = tuple(
    (float(a), float(b), int(i % 2))
    for i, (a, b) in enumerate((a, b) for b in np.linspace(-1, 1, 4) for a in np.linspace(-1, 1, 4))
)
AREA = 1.5  # the drawing area's half side, as the tool row's documentation gives it


@pytest.fixture
def view(window, qtbot):
    """The window with the Train tab shown, on a small race of ReLU and tanh."""
    window.show_labs("train")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    train = window.labs.train
    window.lab.train.set_config(
        RaceConfig(keys=("relu", "tanh"), n_points=120, hidden=(8, 8), steps=50)
    )
    window.labs.flush()
    built(qtbot, train)
    return train


@pytest.fixture
def tools(view, window):
    """The regions plot's tool row (the view's own if it has one)."""
    found = view.findChild(RegionTools)
    if found is not None:
        return found
    row = RegionTools(
        window.lab.train, view.controller, view.graphs.plot_regions, view.graphs.regions, view
    )
    row.edited.connect(view.form.error_label.hide)
    row.refused.connect(view.form.show_error)
    return row


def built(qtbot, view):
    """The race, once it is built (off the GUI thread), with its cells drawn."""
    qtbot.waitUntil(lambda: view.controller.race is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not view.controller.busy(), timeout=30_000)
    view.redraw()
    return view.controller.race


def drawn(qtbot, view, window, points) -> object:
    """A race on the drawing ``points``, built and drawn."""
    window.lab.train.update(dataset="drawn", points=tuple(points))
    return built(qtbot, view)


def box(points, classify=True):
    """The cells' box of a drawing: its points and the drawing area, widened by 8 %."""
    table = np.array(points, dtype=float).reshape(-1, 3 if classify else 2)[:, :2]
    table = np.vstack([table, [[-AREA, -AREA], [AREA, AREA]]])
    lo, hi = table.min(axis=0), table.max(axis=0)
    return lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo)


def origin(view, cell: int) -> tuple[float, float]:
    """Cell ``cell``'s lower left corner in view units, from the cells' layout."""
    columns, title, gap = view.graphs.regions.cells(view.graphs.plot_regions)
    return (cell % columns) * (1 + gap), -(cell // columns) * (1 + gap + title)


def at(view, cell: int, fx: float, fy: float) -> QPoint:
    """The viewport pixel at the fraction (fx, fy) of cell ``cell``."""
    plot = view.graphs.plot_regions
    ox, oy = origin(view, cell)
    scene = plot.getPlotItem().getViewBox().mapViewToScene(QPointF(ox + fx, oy + fy))
    return plot.mapFromScene(scene)


def pixel_size(view, lo, hi) -> np.ndarray:
    """The data units of one pixel of a cell, along x and y."""
    plot = view.graphs.plot_regions
    box_view = plot.getPlotItem().getViewBox()
    cell_px = (
        box_view.mapViewToScene(QPointF(1, 0)).x() - box_view.mapViewToScene(QPointF(0, 0)).x()
    )
    return (hi - lo) / cell_px


def click(view, point: QPoint) -> None:
    QTest.mouseClick(view.graphs.plot_regions.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_click_adds_a_point_where_it_is(view, window, tools, qtbot):
    drawn(qtbot, view, window, GRID)
    lo, hi = box(GRID)
    changes = []
    window.lab.train.config_changed.connect(changes.append)
    tools.tool_buttons["class_1"].click()
    click(view, at(view, 1, 0.25, 0.7))
    assert len(changes) == 1  # one change of the set-up per click
    config = window.lab.train.config()
    assert config.dataset == "drawn" and config.points[:-1] == GRID
    *xy, label = config.points[-1]
    expected = lo + np.array([0.25, 0.7]) * (hi - lo)
    assert label == 1
    assert np.all(np.abs(np.array(xy) - expected) <= pixel_size(view, lo, hi))
    built(qtbot, view)
    tools.tool_buttons["class_0"].click()
    click(view, at(view, 0, 0.6, 0.3))
    *xy, label = window.lab.train.config().points[-1]
    expected = lo + np.array([0.6, 0.3]) * (hi - lo)
    assert label == 0
    assert np.all(np.abs(np.array(xy) - expected) <= pixel_size(view, lo, hi))
    race = built(qtbot, view)
    assert race.inputs.shape[0] + race.test_inputs.shape[0] == len(GRID) + 2


def test_a_click_in_the_margin_lands_on_the_edge_and_the_box_stays(view, window, tools, qtbot):
    drawn(qtbot, view, window, GRID)
    before = view.graphs.regions.layout()
    tools.tool_buttons["class_0"].click()
    click(view, at(view, 0, 0.01, 0.99))  # in the 8 % margin, top left
    x, y, _label = window.lab.train.config().points[-1]
    assert (x, y) == (-AREA, AREA)
    built(qtbot, view)
    after = view.graphs.regions.layout()
    assert np.array_equal(after.low, before.low) and np.array_equal(after.high, before.high)


def test_drawing_on_a_built_in_data_set_starts_from_its_points(view, window, tools, qtbot):
    window.lab.train.update(test_fraction=0.25)
    race = built(qtbot, view)
    shown = {
        (float(a), float(b), int(c))
        for (a, b), c in zip(
            np.concatenate([race.inputs, race.test_inputs]),
            np.concatenate([race.targets, race.test_targets]),
            strict=True,
        )
    }
    assert len(shown) == 120
    tools.tool_buttons["class_0"].click()
    click(view, at(view, 0, 0.5, 0.5))
    points = window.lab.train.config().points
    assert len(points) == 121 and set(points[:-1]) == shown


def test_a_curve_is_drawn_with_points(view, window, tools, qtbot):
    window.lab.train.update(dataset="sin", n_points=40)
    built(qtbot, view)
    assert not tools.tool_buttons["class_0"].isVisibleTo(tools)
    assert tools.tool_buttons["point"].isVisibleTo(tools)
    assert not tools.check_discretize.isEnabled()
    curve = tuple((float(x), float(np.sin(x))) for x in np.linspace(-1, 1, 6))
    drawn(qtbot, view, window, curve)
    lo, hi = box(curve, classify=False)
    tools.tool_buttons["point"].click()
    click(view, at(view, 1, 0.4, 0.55))
    x, y = window.lab.train.config().points[-1]
    expected = lo + np.array([0.4, 0.55]) * (hi - lo)
    assert np.all(np.abs(np.array([x, y]) - expected) <= pixel_size(view, lo, hi))
    assert not built(qtbot, view).classify


def test_erase_removes_exactly_the_points_under_the_drag(view, window, tools, qtbot):
    drawn(qtbot, view, window, GRID)
    lo, hi = box(GRID)
    changes = []
    window.lab.train.config_changed.connect(changes.append)
    tools.tool_buttons["erase"].click()
    port = view.graphs.plot_regions.viewport()

    def spot(x: float, y: float) -> QPoint:  # a data point's pixel in cell 1
        f = (np.array([x, y]) - lo) / (hi - lo)
        return at(view, 1, f[0], f[1])

    # Along the bottom row from its first point to its second (two of sixteen).
    first, second = spot(-1.0, -1.0), spot(-1 / 3, -1.0)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, pos=first)
    QTest.mouseMove(port, (first + second) / 2)
    QTest.mouseMove(port, second)
    assert not changes  # nothing until the drag ends
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, pos=second)
    assert len(changes) == 1
    assert window.lab.train.config().points == GRID[2:]
    built(qtbot, view)
    # A drag over no point changes nothing.
    empty = spot(0.0, 0.0)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, pos=empty)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, pos=empty)
    assert len(changes) == 1


def test_clear_asks_for_points_and_drawing_goes_on(view, window, tools, qtbot):
    drawn(qtbot, view, window, GRID)
    tools.button_clear.click()
    assert window.lab.train.config().points == ()
    qtbot.waitUntil(lambda: view.controller.state() == "failed", timeout=30_000)
    assert "at least 4 points" in view.form.error_label.text()
    assert view.form.error_label.isVisibleTo(view)
    view.redraw()  # the empty cells, to draw in
    assert view.graphs.regions.layout() is not None
    tools.tool_buttons["class_1"].click()
    for i, fx in enumerate((0.2, 0.4, 0.6, 0.8)):
        click(view, at(view, 0, fx, 0.5))
        assert len(window.lab.train.config().points) == i + 1
        if i < 3:
            qtbot.waitUntil(lambda: view.controller.state() == "failed", timeout=30_000)
            view.redraw()  # (the drawing so far, in its cells)
    race = built(qtbot, view)
    assert race.inputs.shape[0] == 4 and not view.form.error_label.isVisibleTo(view)


def test_drawn_points_survive_save_and_open(view, window, tools, qtbot, tmp_path, monkeypatch):
    window.lab.train.update(dataset="drawn", points=())
    qtbot.waitUntil(lambda: view.controller.state() == "failed", timeout=30_000)
    view.redraw()
    tools.tool_buttons["class_0"].click()
    for fx, fy in ((0.2, 0.2), (0.3, 0.8), (0.7, 0.4), (0.9, 0.1), (0.5, 0.5)):
        click(view, at(view, 0, fx, fy))
    points = window.lab.train.config().points
    assert len(points) == 5
    path = tmp_path / "drawing.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    view.form.button_save_config.click()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["dataset"] == "drawn" and len(saved["points"]) == 5
    window.lab.train.update(dataset="moons")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    view.form.button_open_config.click()
    qtbot.waitUntil(lambda: not view.form.files.reading(), timeout=30_000)
    config = window.lab.train.config()
    assert config.dataset == "drawn" and config.points == points
    assert built(qtbot, view).inputs.shape[0] == 5


def scatter_points(plot, name: str) -> list[np.ndarray]:
    """The (x, y) of the points of every scatter item called ``name``, an array per item."""
    items = [i for i in plot.getPlotItem().items if isinstance(i, pg.ScatterPlotItem)]
    return [np.column_stack(i.getData()) for i in items if i.name() == name]


def test_show_test_data_draws_exactly_the_test_points(view, window, tools, qtbot):
    from actgui.shell.sized import lab_plot_of_size

    window.lab.train.update(test_fraction=0.3)
    race = built(qtbot, view)
    plot = view.graphs.plot_regions
    assert race.test_inputs.shape[0] == 36 and not scatter_points(plot, "test_points")
    tools.check_test.setChecked(True)
    shown = scatter_points(plot, "test_points")
    assert sum(len(s) for s in shown) == len(race.runs) * 36
    # Back in data units, cell by cell, with the box of every point computed here.
    every = np.concatenate([race.inputs, race.test_inputs])
    lo, hi = every.min(axis=0), every.max(axis=0)
    lo, hi = lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo)
    found = []
    for spots in shown:
        for cell in range(len(race.runs)):
            ox, oy = origin(view, cell)
            inside = (spots[:, 0] >= ox) & (spots[:, 0] <= ox + 1)
            if inside.any():
                assert inside.all() and (spots[:, 1] >= oy).all() and (spots[:, 1] <= oy + 1).all()
                found.append((cell, lo + (spots - [ox, oy]) * (hi - lo)))
    for cell in range(len(race.runs)):
        mine = np.concatenate([xy for c, xy in found if c == cell])
        assert np.allclose(np.sort(mine, axis=0), np.sort(race.test_inputs, axis=0))
    training = scatter_points(plot, "training_points")
    assert sum(len(s) for s in training) == len(race.runs) * race.inputs.shape[0]
    # Told apart from the training points by their outline, in both themes and in an export.
    for theme in ("light", "dark"):
        plot.set_theme(theme)
        items = [i for i in plot.getPlotItem().items if isinstance(i, pg.ScatterPlotItem)]
        outline = {i.name(): i.opts["pen"].color().name() for i in items}
        assert outline["test_points"] == QColor(plot.colors().foreground).name()
        assert outline["training_points"] == QColor(plot.colors().background).name()
    plot.set_theme("light")
    with lab_plot_of_size(plot, (900, 600)) as copy:
        assert sum(len(s) for s in scatter_points(copy, "test_points")) == len(race.runs) * 36
    tools.check_test.setChecked(False)
    assert not scatter_points(plot, "test_points")


def pictured(qtbot, view) -> None:
    """The pictures of the race as it is now, delivered by their worker."""
    view.redraw()
    race, serial = view.controller.race, view.controller.serial
    pictures = view.graphs.pictures

    def there() -> bool:
        have = pictures.latest(serial, REGION_PIXELS)
        return have is not None and have.tag == pictures.tag(race, serial, REGION_PIXELS)

    qtbot.waitUntil(there, timeout=30_000)
    view.redraw()


def image_colors(plot) -> set[tuple[int, ...]]:
    images = [i for i in plot.getPlotItem().items if isinstance(i, pg.ImageItem)]
    assert images
    return {tuple(c) for i in images for c in i.image.reshape(-1, 3).tolist()}


def test_discretize_shows_only_the_sure_class_colours(view, window, tools, qtbot):
    view.controller.step()
    qtbot.waitUntil(lambda: not view.controller.busy(), timeout=30_000)
    pictured(qtbot, view)
    plot = view.graphs.plot_regions
    assert len(image_colors(plot)) > 2  # paler where unsure
    tools.check_discretize.setChecked(True)
    back = np.array(QColor(plot.colors().background).getRgb()[:3], float)
    sure = [back + 0.6 * (np.array(QColor(c).getRgb()[:3], float) - back) for c in CLASS_COLORS[:2]]
    colors = image_colors(plot)
    assert 1 <= len(colors) <= 2
    for color in colors:
        assert min(np.abs(np.array(color) - s).max() for s in sure) <= 1.0, color
    tools.check_discretize.setChecked(False)
    assert len(image_colors(plot)) > 2

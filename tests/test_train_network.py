"""The Train tab's network of units (``panels.labs.train_network``): tiles, notes, links
under the mouse, the run chooser, live and hidden redraws, a diverged run."""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox

from actgui.analysis.race import Race, RaceConfig
from actgui.analysis.race_pictures import data_box
from actgui.analysis.unit_pictures import NAN_GREY
from actgui.panels.labs import train_network as tn


def race_of(hidden=(12, 5), steps=20, **changes) -> Race:
    config = RaceConfig(keys=("relu", "tanh"), n_points=120, hidden=hidden, steps=steps)
    race = Race(config.with_changes(**changes))
    race.advance()
    return race


def frozen(race: Race) -> list:
    return [run.frozen() for run in race.runs]


def box_of(race: Race):
    return data_box(race.inputs, race.targets, race.classify)


@pytest.fixture
def network(qtbot):
    widget = tn.TrainNetwork()
    qtbot.addWidget(widget)
    widget.resize(800, 450)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.stop()


def shown(widget, race, serial=1, qtbot=None) -> None:
    widget.show_runs(serial, frozen(race), box_of(race))
    steps = race.runs[max(widget.chosen(), 0)].steps
    qtbot.waitUntil(lambda: widget.pictures() is not None and widget.pictures().steps == steps)


def items(widget, kind) -> list:
    return [i for i in widget.plot.getPlotItem().items if isinstance(i, kind)]


def texts(widget) -> list[str]:
    return [i.toPlainText() for i in items(widget, pg.TextItem)]


def scene_point(widget, x: float, y: float) -> QPointF:
    return widget.plot.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))


def clearest_point(segments: np.ndarray, link: int) -> tuple[float, float]:
    """The point of segment ``link`` farthest from every other segment (between 20 % and
    80 % of its length): the mouse there is over that link only."""
    x0, y0, x1, y1 = segments[link]
    others = np.delete(segments, link, axis=0)
    best, far = (x0, y0), -1.0
    for t in np.linspace(0.2, 0.8, 61):
        p = np.array([x0 + t * (x1 - x0), y0 + t * (y1 - y0)])
        a, d = others[:, :2], others[:, 2:] - others[:, :2]
        u = np.clip(((p - a) * d).sum(axis=1) / (d * d).sum(axis=1), 0.0, 1.0)
        gap = np.hypot(*(a + u[:, None] * d - p).T).min()
        if gap > far:
            best, far = tuple(p), gap
    return best


def test_a_tile_per_shown_unit_and_a_note_under_a_large_layer(network, qtbot):
    race = race_of()
    shown(network, race, qtbot=qtbot)
    assert network.objectName() == "train_network"
    assert network.findChild(QComboBox, "combo_train_network_run") is network.combo
    # Two features, 8 of 12, 5, two classes.
    assert len(items(network, pg.ImageItem)) == 2 + 8 + 5 + 2
    words = texts(network)
    assert "+4 more" in words and sum(w.startswith("+") for w in words) == 1
    assert {"input", "layer 1\n12 units", "layer 2\n5 units", "output"} <= set(words)
    assert {"x₁", "x₂", "class 0", "class 1"} <= set(words)
    assert network.label_key.textFormat() == Qt.TextFormat.PlainText
    assert "own scale" in network.label_key.text()
    # The links: a few batches of pairs in two colours, never an item per link.
    curves = items(network, pg.PlotDataItem)
    assert len(curves) <= 2 * len(tn.LINK_WIDTHS) + 3
    blue = QColor(tn.value_colors("light")[1]).name()
    drawn = [c for c in curves if c.opts["pen"].color().name() == blue and c.xData is not None]
    pairs = sum(c.xData.size for c in drawn) // 2
    weights = network.pictures().links
    assert pairs == sum(int(np.sum(w >= 0)) for w in weights)


def test_hovering_a_link_gives_its_weight(network, qtbot):
    race = race_of()
    shown(network, race, qtbot=qtbot)
    layout = network._layout
    run = race.runs[0]
    view = network.plot.getPlotItem().getViewBox()
    for layer, src, dst in ((0, 1, 6), (1, 2, 3), (2, 4, 1)):
        link = int(np.nonzero((layout.ends == (layer, src, dst)).all(axis=1))[0][0])
        x, y = clearest_point(layout.segments, link)
        where = scene_point(network, x, y)
        # (what the scene says of a mouse move: QTest's moves are not sure to reach a
        # view offscreen, and a shown tooltip takes the next ones)
        network.plot.scene().sigMouseMoved.emit(where)
        pictures = network.pictures()
        ends = f"{tn.unit_title(pictures, layer, src)} → {tn.unit_title(pictures, layer + 1, dst)}"
        qtbot.waitUntil(lambda ends=ends: network.hover_text.startswith(ends + "\n"))
        weight = float(re.search(r"weight (\S+)", network.hover_text)[1].replace("−", "-"))
        assert weight == pytest.approx(run.net.weights[layer][src, dst], rel=1e-3, abs=1e-4)
        assert view.sceneBoundingRect().contains(scene_point(network, x, y))
    # Over a tile: the unit's output at that point.
    left, bottoms = layout.tiles[1]
    network._on_mouse_moved(scene_point(network, left + 0.5, bottoms[0] + 0.5))
    assert network.hover_text.startswith("layer 1 · unit 1\n")
    network._on_mouse_moved(scene_point(network, left - 0.6, bottoms[0] + 0.5))
    assert network.hover_text == ""


def test_the_chooser_switches_the_run(network, qtbot):
    race = race_of()
    shown(network, race, qtbot=qtbot)
    assert [network.combo.itemText(i) for i in range(2)] == ["ReLU", "tanh"]
    before = network.pictures()
    network.combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: network.pictures() is not None and network.pictures().tag[1] == 1)
    pictures = network.pictures()
    assert pictures is not before
    expected = race.runs[1].hidden_outputs(pictures.grid())[0][:, :8].T
    np.testing.assert_allclose(pictures.layers[1].values, expected)
    # A new step of the same race keeps the choice; a new race starts from the first run.
    race.step(3)
    shown(network, race, qtbot=qtbot)
    assert network.chosen() == 1 and network.pictures().steps == race.runs[1].steps
    shown(network, race_of(steps=2), serial=2, qtbot=qtbot)
    assert network.chosen() == 0


def test_a_large_network_is_drawn_from_the_worker(network, qtbot, gui_thread_calls):
    race = race_of(hidden=(64, 64, 64), steps=2)
    assert tn.picture_cost(race.runs[0], tn.PIXELS**2) > tn.NOW_COST
    calls = gui_thread_calls(tn, "unit_pictures")
    shown(network, race, qtbot=qtbot)
    assert calls == [False]
    assert len(items(network, pg.ImageItem)) == 2 + 3 * 8 + 2
    assert texts(network).count("+56 more") == 3


def test_a_low_plot_shows_fewer_units_larger(network, qtbot):
    race = race_of(hidden=(12, 5))
    shown(network, race, qtbot=qtbot)
    assert network.pictures().layers[1].shown == 8
    network.resize(800, 230)
    qtbot.waitUntil(lambda: network.pictures().layers[1].shown < 8)
    first, second = network.pictures().layers[1:3]
    assert first.shown >= 3 and second.shown == min(5, first.shown)
    assert f"+{12 - first.shown} more" in texts(network)
    assert len(items(network, pg.ImageItem)) == 2 + first.shown + second.shown + 2
    network.resize(800, 450)
    qtbot.waitUntil(lambda: network.pictures().layers[1].shown == 8)
    # A resize that shows as many units lays the drawing out again for its width.
    gap = network._layout.tiles[1][0] - network._layout.tiles[0][0]
    network.resize(500, 450)
    qtbot.waitUntil(lambda: network._layout.tiles[1][0] - network._layout.tiles[0][0] < gap)
    assert network.pictures().layers[1].shown == 8


def test_nothing_is_computed_while_hidden(network, qtbot):
    race = race_of(steps=3)
    network.hide()
    network.show_runs(1, frozen(race), box_of(race))
    assert network.pictures() is None
    assert not network._timer.isActive() and not network._runner.is_running()
    network.show()
    qtbot.waitUntil(lambda: network.pictures() is not None)


def test_following_a_race_copies_its_runs_only_when_due(network, qtbot):
    race = race_of(steps=3)
    calls = []

    def source():
        calls.append(race.runs[0].steps if race is not None else None)
        return (1, frozen(race), box_of(race)) if race is not None else None

    network.follow(source)
    network.hide()
    for _ in range(5):
        network.changed()
    assert calls == [] and not network._timer.isActive()
    network.show()
    qtbot.waitUntil(lambda: network.pictures() is not None)
    assert calls == [3]
    race.step(2)
    for _ in range(10):  # (a burst of news: one copy, when the pictures are next due)
        network.changed()
    qtbot.waitUntil(lambda: network.pictures().steps == 5)
    assert calls == [3, 5]
    race = None
    network.changed()
    qtbot.waitUntil(lambda: network.pictures() is None)
    assert network.combo.count() == 0


def test_a_diverged_run_is_drawn_grey(network, qtbot):
    race = Race(
        RaceConfig(
            keys=("prelu", "relu"),
            optimizer="sgd",
            learning_rate=1.0,
            hidden=(8, 8),
            n_points=100,
            steps=200,
        )
    )
    race.advance()
    assert race.runs[0].diverged
    shown(network, race, qtbot=qtbot)
    broken = frozen(race)
    for run in broken:
        run.net.weights[0][:] = np.nan
    network.show_runs(1, broken, box_of(race))
    race.step(1)  # (a new step: asked for again)
    network.show_runs(1, frozen(race)[:1] + broken[1:], box_of(race))
    network.combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: network.pictures() is not None and network.pictures().tag[1] == 1)
    tile = items(network, pg.ImageItem)[3].image
    assert np.all(tile == NAN_GREY)
    network.plot.set_theme("dark")  # (built again in the other colours)
    pens = {c.opts["pen"].color().name() for c in items(network, pg.PlotDataItem)}
    assert {QColor(c).name() for c in tn.value_colors("dark")} <= pens
    assert network.pictures().layers[1].values.shape == (8, tn.PIXELS**2)


def test_names_are_text(network, qtbot):
    race = race_of(steps=1)
    names = ["<img src=/dev/zero>", "<b>x</b>"]
    network.show_runs(1, frozen(race), box_of(race), names, ["#c54f1a", "#139272"])
    assert network.combo.itemText(0) == "<img src=/dev/zero>"
    swatch = network.combo.itemIcon(1).pixmap(12, 12).toImage()
    assert swatch.pixelColor(6, 6).name() == "#139272"
    qtbot.waitUntil(lambda: network.pictures() is not None)
    network.clear()
    assert network.combo.count() == 0 and network.pictures() is None
    assert items(network, pg.ImageItem) == []

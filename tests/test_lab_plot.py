"""LabPlot's one way to move items: lines and labels kept by key, shapes by signature."""

from __future__ import annotations

import numpy as np
import pytest

from actgui.plot.lab import Label, LabPlot, Line


@pytest.fixture
def plot(qtbot):
    made = LabPlot("plot_test", "x", "y")
    qtbot.addWidget(made)
    return made


def data_items(plot: LabPlot) -> list:
    return plot.getPlotItem().listDataItems()


def test_a_known_key_moves_its_item_and_a_missing_one_goes(plot):
    first = plot.set_lines([Line("a", [0, 1], [0, 1], "#ff0000"), Line("b", [0], [2], "#00ff00")])
    second = plot.set_lines([Line("a", [0, 1, 2], [5, 6, 7], "#ff0000")])
    assert second["a"] is first["a"]
    assert data_items(plot) == [first["a"]]  # "b" removed from the plot
    x, y = first["a"].getData()
    assert list(x) == [0, 1, 2] and list(y) == [5, 6, 7]


def test_a_changed_look_is_set_on_the_same_item(plot):
    item = plot.set_lines([Line("a", [0, 1], [0, 1], "#ff0000")])["a"]
    plot.set_lines([Line("a", [0, 1], [0, 1], "#0000ff", style=1)])
    assert item.opts["pen"].color().name() == "#0000ff"
    assert item.opts["pen"].style() != plot.pen("#0000ff").style()  # dashed, not solid


def test_markers_and_a_filled_histogram(plot):
    items = plot.set_lines(
        [
            Line("h", [0, 1, 2], [3, 4], "#123456", fill=70, step=True),
            Line("m", [1], [1], "#654321", symbol="t1", filled=True),
        ]
    )
    assert items["h"].opts["stepMode"] == "center" and items["h"].opts["fillLevel"] == 0.0
    assert items["h"].opts["fillBrush"].color().alpha() == 70
    assert items["m"].opts["pen"] is None and items["m"].opts["symbol"] == "t1"


def test_the_legend_lists_the_named_lines_in_order_and_follows_them(plot):
    plot.set_lines(
        [Line("a", [0], [0], "#f00", name="A"), Line("b", [0], [0], "#0f0"),
         Line("c", [0], [0], "#00f", name="C")],
        legend=("top-left", 1),
    )  # fmt: skip
    legend = plot.getPlotItem().legend
    assert [label.text for _sample, label in legend.items] == ["A", "C"]
    assert [c.name() for c in data_items(plot)] == ["A", None, "C"]
    plot.set_lines([Line("c", [0], [0], "#00f", name="<b>C</b>")], legend=("top-left", 1))
    assert [label.text for _sample, label in legend.items] == ["&lt;b&gt;C&lt;/b&gt;"]
    plot.set_lines([Line("c", [0], [0], "#00f")], legend=("top-left", 1))
    assert plot.getPlotItem().legend is None  # no named line: no legend


def test_two_lines_with_one_key_are_refused(plot):
    with pytest.raises(ValueError, match="two lines"):
        plot.set_lines([Line("a", [0], [0], "#f00"), Line("a", [1], [1], "#f00")])


def test_labels_are_kept_by_key_and_are_text(plot):
    plot.set_labels([Label(1, "<img src='x'>", 0.5, 0.5)])
    (text,) = [i for i in plot.getPlotItem().items if hasattr(i, "toPlainText")]
    plot.set_labels([Label(1, "moved", 2.0, 3.0, anchor=(1.0, 0.0))])
    assert text.toPlainText() == "moved" and (text.pos().x(), text.pos().y()) == (2.0, 3.0)
    plot.set_labels([])
    assert text not in plot.getPlotItem().items


def test_a_shape_is_built_once_per_signature_and_look(plot):
    built = []

    def build():
        built.append(plot.plot(np.arange(3.0), np.arange(3.0)))
        return built[-1]

    assert plot.shape(("race", 1), build) is plot.shape(("race", 1), build)
    assert len(built) == 1
    plot.shape(("race", 2), build)
    assert len(built) == 2 and data_items(plot) == [built[1]]  # the old one cleared
    plot.set_theme("dark", redraw=False)
    plot.shape(("race", 2), build)
    assert len(built) == 3  # the look changed: built again in the new colours


def test_an_in_place_drawer_moves_items_when_the_theme_changes(plot):
    def draw(p: LabPlot) -> None:
        p.set_lines([Line("a", [0, 1], [0, 1], p.colors().foreground)])

    plot.set_drawer(draw, in_place=True)
    plot.redraw()
    (item,) = data_items(plot)
    plot.set_theme("dark")
    assert data_items(plot) == [item]
    assert item.opts["pen"].color().name() == plot.colors().foreground.lower()


def test_an_export_copy_keeps_the_axes_titles_and_their_scale(plot, qtbot):
    """A copy at an export's size (shell.sized) shows the titles as typed, once escaped,
    and numbers without an SI factor where the plot shows none (0.6 read "600 (x0.001)")."""
    from actgui.shell.sized import lab_plot_of_size

    plot.set_axis_labels("a < b & c", "loss")
    plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
    plot.set_drawer(lambda p: p.set_lines([Line("a", [1.0, 2.0], [0.6, 0.7], "#000000")]))
    plot.redraw()
    with lab_plot_of_size(plot, (400, 300)) as copy:
        for side in ("bottom", "left"):
            mine, its = plot.getPlotItem().getAxis(side), copy.getPlotItem().getAxis(side)
            assert its.labelText == mine.labelText
            assert its.autoSIPrefix == mine.autoSIPrefix
        assert copy.getPlotItem().getAxis("left").autoSIPrefixScale == 1.0

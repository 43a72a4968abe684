"""The Train tab's Playground controls in the real window (issue 24): the share trained
on, input features, a width per layer, L1/L2 live, drawing from the data shown."""

from __future__ import annotations

import numpy as np
import pytest

from actgui.analysis.features import split_indices
from actgui.analysis.race import RaceConfig
from actgui.analysis.trainer import make_dataset


@pytest.fixture
def form(window, qtbot):
    window.show_labs("train")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    window.lab.train.set_config(
        RaceConfig(keys=("relu", "tanh"), n_points=120, hidden=(8, 8), steps=50)
    )
    window.labs.flush()
    return window.labs.train.form


def commit(box, text: str) -> None:
    """Type ``text`` into a spin box or line edit and press Enter."""
    edit = box.lineEdit() if hasattr(box, "lineEdit") else box
    edit.selectAll()
    edit.insert(text)
    edit.returnPressed.emit() if not hasattr(box, "lineEdit") else None
    if hasattr(box, "lineEdit"):
        box.interpretText()
    else:
        box.editingFinished.emit()


def test_the_share_trained_on_holds_out_the_rest(form, window, qtbot):
    box = form.inputs.spin_training_share
    assert box.value() == 100 and box.suffix() == " %"
    box.setValue(70)
    assert window.lab.train.config().test_fraction == pytest.approx(0.3)
    race = window.labs.train.controller.ensure_race()
    qtbot.waitUntil(lambda: window.labs.train.controller.race is not None, timeout=30_000)
    race = window.labs.train.controller.race
    x, _ = make_dataset("spirals", 120, 0.1, 0)
    _, held = split_indices(120, 0.3, 0)
    assert np.array_equal(race.test_inputs, x[held]) and len(race.inputs) == 84
    box.setValue(100)
    assert window.lab.train.config().test_fraction == 0.0


def test_feature_toggles_set_the_inputs_and_keep_one(form, window):
    checks = form.inputs.feature_checks
    assert [n for n, c in checks.items() if c.isChecked()] == ["x1", "x2"]
    checks["x1^2"].setChecked(True)
    checks["sin(x2)"].setChecked(True)
    assert window.lab.train.config().features == ("x1", "x2", "x1^2", "sin(x2)")
    for name in ("x1", "x2", "x1^2"):
        checks[name].setChecked(False)
    assert window.lab.train.config().features == ("sin(x2)",)
    checks["sin(x2)"].setChecked(False)  # the last one: refused, nothing changes
    assert window.lab.train.config().features == ("sin(x2)",)
    assert checks["sin(x2)"].isChecked() and form.error_label.isVisibleTo(form)
    assert "at least one input feature" in form.error_label.text()


def test_a_curve_offers_only_the_features_of_x1(form, window):
    checks = form.inputs.feature_checks
    checks["x1^2"].setChecked(True)
    form.combo_dataset.setCurrentIndex(form.combo_dataset.findData("sin"))
    assert window.lab.train.config().dataset == "sin"
    enabled = [n for n, c in checks.items() if c.isEnabled()]
    assert enabled == ["x1", "x1^2", "sin(x1)"]


@pytest.mark.parametrize(
    ("text", "widths"),
    [("16, 8, 4", (16, 8, 4)), ("32;2", (32, 2)), (" 5 ", (5,)), ("3 3 3", (3, 3, 3))],
)
def test_a_width_per_layer(form, window, text, widths):
    edit = form.inputs.edit_hidden
    edit.setText(text)
    edit.editingFinished.emit()
    assert window.lab.train.config().hidden == widths
    assert form.spin_layers.value() == len(widths)
    assert edit.text() == ", ".join(map(str, widths))


@pytest.mark.parametrize("text", ["", "0", "257", "1,2,3,4,5,6,7,8,9", "8, x", "-3", "1.5"])
def test_bad_widths_are_refused_with_a_message(form, window, text):
    before = window.lab.train.config().hidden
    edit = form.inputs.edit_hidden
    edit.setText(text)
    edit.editingFinished.emit()
    assert window.lab.train.config().hidden == before
    assert form.error_label.isVisibleTo(form) and "16, 8, 4" in form.error_label.text()


def test_more_layers_keep_the_widths(form, window):
    window.lab.train.update(hidden=(16, 8))
    form.spin_layers.setValue(4)
    assert window.lab.train.config().hidden == (16, 8, 8, 8)
    form.spin_layers.setValue(1)
    assert window.lab.train.config().hidden == (16,)
    form.spin_width.setValue(5)
    assert window.lab.train.config().hidden == (5,)


def test_l1_and_l2_apply_to_the_race_in_progress(form, window, qtbot):
    view = window.labs.train
    window.lab.train.update(steps=100_000)
    view.controller.start()
    qtbot.waitUntil(
        lambda: view.controller.race is not None and view.controller.race.steps > 5,
        timeout=30_000,
    )
    race = view.controller.race
    form.inputs.spin_l2.setValue(0.25)
    form.inputs.spin_l1.setValue(0.001)
    assert window.lab.train.config().l2 == 0.25

    def penalised() -> bool:
        records = view.controller.race.runs[0].records()
        return records["l2"][-1] == 0.25 and records["l1"][-1] == 0.001

    # (the worker takes the new rates at its next step: it may be a process)
    qtbot.waitUntil(penalised, timeout=30_000)
    view.controller.pause()
    assert view.controller.race is race  # the same race went on
    l2 = race.runs[0].records()["l2"]
    assert l2[0] == 0.0 and set(l2.tolist()) == {0.0, 0.25}


def test_drawing_starts_from_the_points_shown(form, window):
    form.combo_dataset.setCurrentIndex(form.combo_dataset.findData("drawn"))
    config = window.lab.train.config()
    x, y = make_dataset("spirals", 120, 0.1, 0)
    assert config.dataset == "drawn" and len(config.points) == 120
    assert [list(p[:2]) for p in config.points] == x.tolist()
    assert [p[2] for p in config.points] == y.tolist()
    assert not form.spin_points.isEnabled() and not form.spin_noise.isEnabled()


def test_a_run_has_its_functions_colour_from_the_main_plot(window, qtbot):
    from actgui.style import PALETTES, delta_e

    window.show_labs("train")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    window.model.set_enabled_keys(["sigmoid", "relu", "tanh"])
    view = window.labs.train
    window.lab.train.set_config(
        RaceConfig(
            keys=("sigmoid", "relu", "gelu"), n_points=60, hidden=(4,), steps=5, test_fraction=0.5
        )
    )
    window.labs.flush()
    qtbot.waitUntil(lambda: view.controller.race is not None, timeout=30_000)
    view.controller.start()
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=30_000)
    view.redraw()
    lines = view.graphs.plot_loss._lines
    main = window.plot
    for i, key in enumerate(("sigmoid", "relu")):
        expected = main.pen_for(key, 0).color().name()
        for style in (0, 1):  # training and test loss
            assert lines[(i, style)][1].opts["pen"].color().name() == expected
    # a function not on the main plot: its own colour there, distinct from the others
    gelu = lines[(2, 0)][1].opts["pen"].color().name()
    assert gelu == window.model.curve_color("gelu", "light")
    assert len({lines[(i, 0)][1].opts["pen"].color().name() for i in range(3)}) == 3
    # the classes' colours stand apart from every function's
    from actgui.panels.labs.train_regions import CLASS_COLORS

    for theme in ("light", "dark"):
        for cls in CLASS_COLORS[:2]:
            assert min(delta_e(cls, c) for c in PALETTES[theme]) > 15


def test_a_function_raced_twice_has_two_shades_of_its_colour(window, qtbot):
    from actgui.analysis.race import PRESETS
    from actgui.panels.labs.train_graphs import run_colors

    race = type("R", (), {})()
    tanh = stand_in_run("tanh")
    race.runs = [tanh, tanh]
    first, second = run_colors(race, "light", window.model.curve_color)
    assert first == window.model.curve_color("tanh", "light") and second != first
    assert PRESETS["orthogonal_tanh"].keys == ("tanh", "tanh")


def stand_in_run(key: str):
    """A stand-in run: only its activation is read."""
    from actgui.activations import REGISTRY

    run = type("Run", (), {})()
    run.act = REGISTRY[key]
    return run


def test_export_pytorch_script_and_weights_from_the_menu(form, window, qtbot, tmp_path,
                                                         monkeypatch):  # fmt: skip
    import ast
    import json

    from PySide6.QtWidgets import QFileDialog

    view = window.labs.train
    window.lab.train.update(test_fraction=0.25, l2=0.001, steps=20)
    qtbot.waitUntil(lambda: view.controller.ensure_race() is not None, timeout=30_000)
    view.controller.start()
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=30_000)
    target = {}

    def fake(parent, caption, directory, filters, selected=""):
        return str(target["path"]), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    actions = window.labs.export_actions
    target["path"] = tmp_path / "race"
    actions["pytorch"].trigger()
    written = view.exports.writer
    qtbot.waitUntil(lambda: not written.is_running(), timeout=30_000)
    assert (tmp_path / "race.npz").exists()
    script = (tmp_path / "race.py").read_text("utf-8")
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(script))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module)])
    }
    assert "actgui" not in imported and {"numpy", "torch"} <= imported
    arrays = np.load(tmp_path / "race.npz")
    race = view.controller.race
    assert any(np.array_equal(arrays[k], race.test_inputs) for k in arrays.files)
    target["path"] = tmp_path / "weights.json"
    actions["weights"].trigger()
    qtbot.waitUntil(lambda: not written.is_running(), timeout=30_000)
    data = json.loads((tmp_path / "weights.json").read_text("utf-8"))
    first = data["runs"][0]["layers"][0]["weight"]
    assert first["shape"] == list(race.runs[0].net.weights[0].shape)
    assert np.array_equal(np.array(first["values"]), race.runs[0].net.weights[0])
    assert "Saved" in window.statusBar().currentMessage()
    # a folder that does not exist: a message, no crash
    target["path"] = tmp_path / "missing" / "w.json"
    actions["weights"].trigger()
    qtbot.waitUntil(lambda: form.error_label.isVisibleTo(form), timeout=30_000)
    assert "w.json" in form.error_label.text()


def test_the_race_plots_wait_while_a_functions_parameters_change(form, window, qtbot,
                                                                  monkeypatch):  # fmt: skip
    """While α is dragged, the plots of a race in progress wait (the dragged plot's frames
    and the training come first), all drawn at once at least every YIELD_MAX_MS."""
    from actgui.panels.labs import train_graphs as tg

    view = window.labs.train
    window.lab.train.update(steps=100_000)
    view.controller.start()
    qtbot.waitUntil(lambda: view.controller.state() == "running", timeout=30_000)
    graphs = view.graphs
    drawn = []
    for name, plot in graphs.plots().items():
        monkeypatch.setattr(plot, "redraw", lambda n=name: drawn.append(n))
    now = [1000.0]
    monkeypatch.setattr(tg.time, "monotonic", lambda: now[0])
    graphs._last_draw = now[0]
    window.model.set_param("leaky_relu", "alpha", 0.2)  # a change on the main plot
    for _ in range(6):  # ticks within 0.3 s of the change: nothing drawn
        now[0] += 0.05
        graphs._on_redraw_timer()
    assert drawn == []
    now[0] = graphs._last_draw + tg.YIELD_MAX_MS / 1000.0 + 0.01  # a second without a draw
    window.model.set_param("leaky_relu", "alpha", 0.21)  # (the drag goes on)
    graphs._on_redraw_timer()
    assert sorted(drawn) == sorted(graphs.plots())  # every plot, at once
    drawn.clear()
    now[0] += tg.YIELD_MS / 1000.0 + 0.01  # the drag is over: one plot per tick again
    graphs._on_redraw_timer()
    assert len(drawn) == 1
    view.controller.pause()

"""The Train tab in the real window: Start/Pause/Step/Reset on the worker, live learning
rate, resets on other changes, the demonstrations, CSV data, configuration files,
exports, settings, closing while training; numbers checked independently."""

from __future__ import annotations

import csv
import json

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from actgui.activations import REGISTRY
from actgui.analysis.race import PRESETS, RaceConfig


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


def built(qtbot, view):
    """The race, once the worker has built it (it is built off the GUI thread)."""
    qtbot.waitUntil(lambda: view.controller.race is not None, timeout=30_000)
    return view.controller.race


def settled(qtbot, view) -> None:
    """Wait until no worker builds, trains or steps the race and its news arrived."""
    qtbot.waitUntil(lambda: not view.controller.busy(), timeout=30_000)


def finish(qtbot, view) -> None:
    view.controller.start()
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=30_000)


def pictured(qtbot, view) -> None:
    """Drawn, and the pictures of the race as it is now delivered by their worker."""
    from actgui.panels.labs.train_regions import REGION_PIXELS

    view.redraw()
    race, serial = view.controller.race, view.controller.serial

    def there() -> bool:
        have = view.graphs.pictures.latest(serial, REGION_PIXELS)
        return have is not None and have.tag == view.graphs.pictures.tag(
            race, serial, REGION_PIXELS
        )

    qtbot.waitUntil(there, timeout=30_000)


def test_first_race_is_of_the_plotted_functions(window, qtbot):
    window.show_labs("train")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    expected = window.model.enabled_keys()[:4]
    assert window.lab.train.config().keys == tuple(expected)
    combos = window.labs.train.form.combo_activations
    assert [c.currentData() for c in combos[: len(expected)]] == list(expected)


def test_start_runs_on_the_worker_to_the_last_step(view, window, qtbot):
    seen = []
    view.controller.state_changed.connect(seen.append)
    view.button_start.click()
    assert view.button_start.text() == "Pause"
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=30_000)
    assert seen[0] == "running" and seen[-1] == "finished"
    assert all(run.steps == 50 for run in view.controller.race.runs)
    view.redraw()
    assert "step 50 of 50" in view.label_status.text()
    assert view.button_start.text() == "Go on" and view.button_start.isEnabled()
    view.button_start.click()  # as many steps again
    assert window.lab.train.config().steps == 100
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=30_000)
    assert all(run.steps == 100 for run in view.controller.race.runs)


def test_pause_stops_and_start_goes_on(view, qtbot, window):
    window.lab.train.update(steps=100_000)
    view.button_start.click()
    race = view.controller.race
    qtbot.waitUntil(lambda: race.steps > 20, timeout=30_000)
    view.button_start.click()  # Pause
    assert view.controller.state() == "paused"
    settled(qtbot, view)  # (the worker's last numbers of the paused run have come)
    steps = race.steps
    assert race.steps == steps and steps < 100_000
    view.button_start.click()
    qtbot.waitUntil(lambda: race.steps > steps + 10, timeout=30_000)
    view.controller.pause()
    assert view.controller.race is race  # the same race went on


def test_step_and_reset(view, qtbot):
    race = view.controller.race
    view.button_step.click()
    assert view.controller.state() == "running"  # a step is taken on the worker
    settled(qtbot, view)
    view.button_step.click()
    settled(qtbot, view)
    assert [run.steps for run in race.runs] == [2, 2]
    assert view.controller.state() == "paused"
    first_loss = race.runs[0].loss[0]
    view.button_reset.click()
    assert view.controller.race is None and view.controller.state() == "building"
    view.button_step.click()  # asked for while it is being built: taken once it is there
    again = built(qtbot, view)
    settled(qtbot, view)
    assert again is not race and again.steps == 1
    assert again.runs[0].loss[0] == first_loss  # the same start, bit for bit


def test_learning_rate_changes_while_training(view, qtbot, window):
    window.lab.train.update(steps=100_000)
    view.button_start.click()
    race = view.controller.race
    qtbot.waitUntil(lambda: race.steps > 5, timeout=30_000)
    view.form.spin_learning_rate.setValue(0.2)
    view.form.spin_learning_rate.editingFinished.emit()
    qtbot.waitUntil(lambda: race.runs[0].learning_rates[-1] == 0.2, timeout=30_000)
    view.controller.pause()
    settled(qtbot, view)
    assert view.controller.race is race  # not reset
    rates = race.runs[0].learning_rates
    assert rates[0] == 0.01 and rates[-1] == 0.2


def test_other_changes_start_a_new_race(view, qtbot):
    view.button_step.click()
    settled(qtbot, view)
    race = view.controller.race
    view.form.combo_dataset.setCurrentIndex(view.form.combo_dataset.findData("moons"))
    assert built(qtbot, view) is not race and view.controller.race.steps == 0
    assert view.controller.state() == "ready"
    view.form.spin_layers.setValue(3)
    assert built(qtbot, view).config.hidden == (8, 8, 8)
    assert view.form.combo_layer.count() == 4  # each layer, then 1, 2, 3


def test_parameters_follow_until_the_first_step(view, window, qtbot):
    window.lab.train.update(keys=("leaky_relu", "relu"))
    window.model.set_param("leaky_relu", "alpha", 0.2)
    assert built(qtbot, view).params["leaky_relu"]["alpha"] == 0.2
    view.button_step.click()
    settled(qtbot, view)
    window.model.set_param("leaky_relu", "alpha", 0.3)
    assert view.controller.race.params["leaky_relu"]["alpha"] == 0.2
    assert "Reset" in view.label_status.text()


def test_demonstration_is_one_click(view, window, qtbot):
    view.preset_buttons["dying_relu"].click()
    assert window.lab.train.config() == PRESETS["dying_relu"]
    qtbot.waitUntil(lambda: view.controller.state() == "running")  # once it is built
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=60_000)
    runs = {run.act.key: run for run in view.controller.race.runs}
    assert runs["relu"].dead_fraction[-1, 0] > 0.5
    assert runs["leaky_relu"].dead_fraction[-1].max() == 0.0


def _forward(run, points: np.ndarray) -> np.ndarray:
    """The network's class probabilities, computed here from its weights and the
    activation's f (not with the trainer's code)."""
    a = points
    f = REGISTRY[run.act.key]
    for i, (w, b) in enumerate(zip(run.net.weights, run.net.biases, strict=True)):
        a = a @ w + b
        if i < len(run.net.weights) - 1:
            a = f.evaluate(0, a, **run.net.values)
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_prediction_panels_show_independent_accuracy(view, qtbot):
    finish(qtbot, view)
    pictured(qtbot, view)
    race = view.controller.race
    items = view.graphs.plot_regions.getPlotItem().items
    images = [i for i in items if isinstance(i, pg.ImageItem)]
    titles = [i.toPlainText() for i in items if isinstance(i, pg.TextItem)]
    assert len(images) == 2
    for run, title in zip(race.runs, titles, strict=True):
        right = np.mean(np.argmax(_forward(run, race.inputs), axis=1) == race.targets)
        assert title.endswith(f"{100 * round(right, 3):.4g} %"), (title, right)


def test_a_curve_for_one_dimensional_data(view, window, qtbot):
    window.lab.train.update(dataset="sin")
    finish(qtbot, view)
    view.redraw()
    items = view.graphs.plot_regions.getPlotItem().items
    assert not any(isinstance(i, pg.ImageItem) for i in items)
    assert sum(isinstance(i, pg.ScatterPlotItem) for i in items) == 2


def test_loss_plot_draws_every_run_on_a_log_axis(view, qtbot):
    finish(qtbot, view)
    view.redraw()
    curves = view.graphs.plot_loss.getPlotItem().listDataItems()
    assert len(curves) == 2 and view.graphs.plot_loss.getPlotItem().ctrl.logYCheck.isChecked()
    for curve, run in zip(curves, view.controller.race.runs, strict=True):
        x, y = curve.getOriginalDataset()
        assert x[0] == 1 and x[-1] == 50
        assert np.array_equal(y, run.loss)


def test_csv_data_good_and_bad(view, window, tmp_path, qtbot):
    good = tmp_path / "mine.csv"
    good.write_text("a,b,c\n" + "".join(f"{i},{-i},{i % 2}\n" for i in range(20)), "utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n3,x,1\n", "utf-8")
    before = window.lab.train.config()
    assert not view.form.files.load_data_file(str(bad))
    assert "line 2, column 2" in view.form.error_label.text() and view.form.error_label.isVisibleTo(
        view
    )
    assert window.lab.train.config() == before
    assert view.form.files.load_data_file(str(good))
    assert built(qtbot, view).inputs.shape == (20, 2)
    assert view.form.combo_dataset.currentText() == "File: mine.csv"
    assert not view.form.error_label.isVisibleTo(view)
    assert not view.form.spin_points.isEnabled()


def test_load_data_and_open_read_their_files_on_a_worker(
    view, window, tmp_path, qtbot, monkeypatch, gui_thread_calls
):
    """Load Data… and Open… read the CSV (and a set-up's CSV) on a worker: checking the
    largest allowed file, 20 MB, took 0.8 s on the GUI thread. The buttons wait meanwhile;
    a bad file's message comes the same way."""
    from actgui.analysis import race

    on_gui = gui_thread_calls(race, "load_csv")
    good = tmp_path / "mine.csv"
    good.write_text("".join(f"{i},{-i},{i % 2}\n" for i in range(20)), "utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n3,x,1\n", "utf-8")

    def choose(path) -> None:
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
        )

    choose(bad)
    view.form.button_load_csv.click()
    assert view.form.files.reading() and not view.form.button_open_config.isEnabled()
    qtbot.waitUntil(lambda: not view.form.files.reading(), timeout=30_000)
    assert "line 2, column 2" in view.form.error_label.text()
    choose(good)
    view.form.button_load_csv.click()
    qtbot.waitUntil(lambda: not view.form.files.reading(), timeout=30_000)
    assert window.lab.train.config().data_file == str(good)
    assert view.form.button_load_csv.isEnabled() and view.form.button_open_config.isEnabled()
    saved = view.form.files.save_config_file(tmp_path / "race.json")
    window.lab.train.update(dataset="moons", data_file="")
    choose(saved)
    view.form.button_open_config.click()
    qtbot.waitUntil(lambda: not view.form.files.reading(), timeout=30_000)
    assert window.lab.train.config().data_file == str(good)
    assert on_gui and not any(on_gui)


def test_configuration_file_round_trip(view, window, tmp_path):
    window.lab.train.update(keys=("leaky_relu", "selu"), learning_rate=0.05, seed=4)
    window.model.set_param("leaky_relu", "alpha", 0.25)
    path = view.form.files.save_config_file(tmp_path / "race.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["params"]["leaky_relu"] == {"alpha": 0.25}
    window.lab.train.update(keys=("relu",), learning_rate=0.001)
    window.model.set_param("leaky_relu", "alpha", 0.01)
    assert view.form.files.open_config_file(path)
    config = window.lab.train.config()
    assert config.keys == ("leaky_relu", "selu") and config.learning_rate == 0.05
    assert window.model.param("leaky_relu", "alpha") == 0.25
    assert view.form.spin_seed.value() == 4


def test_bad_configuration_file_changes_nothing(view, window, tmp_path):
    before = window.lab.train.config()
    path = tmp_path / "race.json"
    path.write_text('{"actgui_race": 1, "keys": ["no_such_function"]}', encoding="utf-8")
    assert not view.form.files.open_config_file(path)
    assert "no_such_function" in view.form.error_label.text()
    assert window.lab.train.config() == before


def test_exports_history_and_figures(view, window, tmp_path, monkeypatch, qtbot):
    finish(qtbot, view)
    shown = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text))
    )
    target = {}

    def fake(parent, caption, directory, filters, selected=""):
        return str(target["path"]), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    labs = window.labs
    target["path"] = tmp_path / "history.csv"
    labs.export_actions["data_train"].trigger()  # (written on a worker)
    qtbot.waitUntil(lambda: not window.exports.table_writer.is_running(), timeout=30_000)
    with open(target["path"], encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["activation", "step", "learning_rate", "loss"]
    assert len(rows) == 1 + 2 * 50
    tanh = [r for r in rows[1:] if r[0] == "tanh"]
    assert [float(r[3]) for r in tanh] == view.controller.race.runs[1].loss.tolist()
    for name in ("loss", "regions", "dead", "gradient"):
        target["path"] = tmp_path / f"{name}.png"
        labs.export_actions[f"image_train_{name}"].trigger()
        image = QImage(str(target["path"])).convertToFormat(QImage.Format.Format_RGB888)
        assert not image.isNull() and image.width() > 100
        w, h, stride = image.width(), image.height(), image.bytesPerLine()
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)[:, : 3 * w]
        assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 5, name
    assert not shown


def test_race_is_saved_and_restored(window, settings, qtbot):
    from actgui.app import build_window

    window.lab.train.set_config(
        RaceConfig(keys=("elu", "gelu"), dataset="xor", hidden=(4, 4, 4), seed=9, steps=77)
    )
    window.close()
    again = build_window(settings)
    qtbot.addWidget(again)
    config = again.lab.train.config()
    assert config.keys == ("elu", "gelu") and config.dataset == "xor"
    assert config.hidden == (4, 4, 4) and config.seed == 9 and config.steps == 77


def test_bad_saved_race_is_skipped(settings, qtbot):
    from actgui.app import build_window
    from actgui.settings import LAB_TRAIN

    settings.setValue(LAB_TRAIN, '{"actgui_race": 1, "steps": -5}')
    win = build_window(settings)
    qtbot.addWidget(win)
    assert win.lab.train.config().steps == RaceConfig().steps


def test_closing_while_training_stops_the_worker(view, window, qtbot):
    window.lab.train.update(steps=100_000)
    view.button_start.click()
    race = built(qtbot, view)
    qtbot.waitUntil(lambda: race.steps > 5, timeout=30_000)
    process = view.controller.process
    window.close()
    assert not process.alive() and not view.controller.busy()
    steps = race.steps
    qtbot.wait(100)  # event-loop passes for any late news; not a synchronisation
    assert race.steps == steps < 100_000


def test_a_function_of_your_own_races_and_leaves_when_deleted(view, window, qtbot):
    from actgui.activations.custom import Definition

    window.custom.add(Definition("my_swish", "My swish", "x*sigmoid(x)"), show=False)
    assert "my_swish" in REGISTRY
    combo = view.form.combo_activations[2]
    combo.setCurrentIndex(combo.findData("my_swish"))
    assert window.lab.train.config().keys == ("relu", "tanh", "my_swish")
    built(qtbot, view)
    finish(qtbot, view)
    run = view.controller.race.runs[2]
    # x·σ(x) is SiLU: the same network, the same numbers to rounding.
    from actgui.analysis import train

    silu = train("silu", "spirals", (8, 8), 50, 0.01, "adam", "he", 0, 120, 0.1)
    assert np.allclose(run.loss, silu.loss, rtol=1e-9)
    window.custom.remove("my_swish")
    assert window.lab.train.config().keys == ("relu", "tanh")
    assert view.form.combo_activations[2].findData("my_swish") == -1


def test_an_export_copy_draws_the_same_numbers(view, qtbot):
    from actgui.shell.sized import lab_plot_of_size

    finish(qtbot, view)
    view.redraw()
    race = view.controller.race
    expected = {
        "train_dead": [run.dead_fraction[:, 0] * 100.0 for run in race.runs],
        "train_gradient": [run.gradient_norm[:, 0] for run in race.runs],
        "train_loss": [run.loss for run in race.runs],
    }
    for name, wanted in expected.items():
        with lab_plot_of_size(view.plots()[name], (900, 600)) as copy:
            curves = copy.getPlotItem().listDataItems()
            firsts = curves if name == "train_loss" else curves[::2]  # layer 1 of each run
            for curve, values in zip(firsts, wanted, strict=True):
                assert np.array_equal(curve.getOriginalDataset()[1], values), name
            if name != "train_loss":
                assert copy.getPlotItem().legend is not None  # the layer key, in exports


def test_hidden_train_tab_computes_nothing(window, qtbot):
    train = window.labs.train
    redraws = []
    train.graphs.plot_loss.set_drawer(lambda plot: redraws.append(plot))
    for alpha in (0.1, 0.2, 0.3):
        window.model.set_param("leaky_relu", "alpha", alpha)
    window.lab.train.update(seed=5)
    qtbot.wait(200)  # event-loop passes for any (throttled) redraw; not a synchronisation
    assert train.controller.race is None and not redraws
    window.show_labs("train")
    qtbot.waitUntil(lambda: train.controller.race is not None and bool(redraws))


@pytest.mark.parametrize("tab", ["train", "precision"])
def test_the_dock_makes_room_the_first_time_the_tab_shows(window, qtbot, tab):
    window.resize(1280, 720)
    window.show_labs("stats")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    dock = window._labs_dock
    window.labs.show_view(tab)
    # (the layout settles over a few passes of the event loop: slow on a busy machine)
    qtbot.waitUntil(lambda: dock.height() >= window.height() // 2 - 2, timeout=30_000)

    def users_choice() -> bool:  # (asked again until the layout has settled and takes it)
        window.resizeDocks([dock], [320], Qt.Orientation.Vertical)
        return dock.height() < window.height() // 2 - 20

    qtbot.waitUntil(users_choice)  # the user's choice stays:
    window.labs.show_view("stats")
    window.labs.show_view(tab)
    qtbot.waitUntil(lambda: dock.height() < window.height() // 2 - 20, timeout=30_000)


def test_steps_changed_while_training_are_followed(view, window, qtbot):
    window.lab.train.update(steps=100_000)
    view.button_start.click()
    race = view.controller.race
    qtbot.waitUntil(lambda: race.steps > 5, timeout=30_000)
    # While the GUI thread reads the race the worker waits between two steps (at its gate,
    # or for the lock to record the step in progress): the steps cannot run past the new
    # number while it is set, whatever the speed of the machine.
    with view.controller.reading() as held:
        assert held is race
        target = race.steps + 100
        window.lab.train.update(steps=target)  # lowered while running
        assert race.config.steps == target and race.steps < target - 1
        assert view.controller.state() == "running"
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=30_000)
    assert view.controller.race is race
    assert race.steps == target
    assert all(run.diverged or run.steps == target for run in race.runs)
    reached = race.steps
    window.lab.train.update(steps=2)  # below the steps taken: Go on trains 2 more
    view.button_start.click()
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=30_000)
    assert race.steps == reached + 2


def test_pause_as_the_worker_ends_says_finished(view, qtbot):
    controller = view.controller
    built(qtbot, view)
    controller._arrived.disconnect(controller._on_messages)  # the worker's news waits
    controller.start()
    qtbot.waitUntil(lambda: "idle" in controller.process.waiting(), timeout=30_000)
    controller.pause()  # the worker is done; its news not yet delivered
    assert controller.state() == "paused"
    controller._arrived.connect(controller._on_messages)
    controller._on_messages()
    assert controller.state() == "finished" and controller.race.steps == 50
    assert view.button_start.text() == "Go on"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"dataset": "csv", "data_file": 123}, "data_file must be a file name"),
        ({"params": {"relu": {"nope": 1.0}}}, "relu has no parameter nope"),
        ({"keys": ["hardtanh"], "params": {"hardtanh": {"min_val": 2.0, "max_val": 1.0}}}, ""),
    ],
)
def test_bad_configuration_entries_change_nothing(view, window, tmp_path, entries, message):
    config = {"actgui_race": 1, "keys": ["relu"], **entries}
    path = tmp_path / "race.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    before = window.lab.train.config(), window.model.params("hardtanh")
    assert not view.form.files.open_config_file(path)
    assert message in view.form.error_label.text() and view.form.error_label.text()
    assert (window.lab.train.config(), window.model.params("hardtanh")) == before


def test_a_race_that_cannot_be_built_then_one_that_can(view, window, qtbot, tmp_path):
    """The CSV deleted under a race: building fails with a message, redrawing raises
    nothing (it raised "zip() argument 2 is shorter" on every redraw), and the next good
    set-up races again."""
    data = tmp_path / "gone.csv"
    data.write_text("".join(f"{i},{-i},{i % 2}\n" for i in range(20)), "utf-8")
    assert view.form.files.load_data_file(str(data))
    built(qtbot, view)
    view.redraw()  # its lines drawn, to be moved by the next redraw
    data.unlink()
    window.lab.train.update(seed=3)  # a new race from the file that is gone
    qtbot.waitUntil(lambda: view.controller.state() == "failed", timeout=30_000)
    assert "gone.csv" in view.form.error_label.text()
    view.redraw()
    assert view.graphs.plot_loss.getPlotItem().listDataItems() == []
    window.lab.train.update(dataset="moons")
    race = built(qtbot, view)
    view.redraw()
    assert len(view.graphs.plot_loss.getPlotItem().listDataItems()) == len(race.runs)


def test_pictures_of_the_networks_are_computed_off_the_gui_thread(view, qtbot, monkeypatch):
    """Every forward pass for the region cells and the accuracy ran on the GUI thread
    (1.8 s a redraw for four 8×256 networks on 10 000 points): now on a worker, and the
    cells show what it delivers."""
    import threading

    from actgui.analysis.trainer import Run

    threads = []
    predict = Run.predict

    def spy(self, points):
        threads.append(threading.current_thread() is threading.main_thread())
        return predict(self, points)

    monkeypatch.setattr(Run, "predict", spy)
    finish(qtbot, view)
    pictured(qtbot, view)
    assert threads and not any(threads)  # (each on the worker)
    titles = [
        i.toPlainText()
        for i in view.graphs.plot_regions.getPlotItem().items
        if isinstance(i, pg.TextItem)
    ]
    assert all(t.endswith("%") for t in titles)


def test_the_training_history_is_written_on_a_worker(view, window, qtbot, monkeypatch, tmp_path):
    """100 000 steps of four runs took 7 s to format on the GUI thread: now the numbers
    are copied and a worker formats and writes them; a failure is a message."""
    import threading

    import actgui.panels.labs.train_view as train_view

    finish(qtbot, view)
    threads = []
    rows = train_view.history_rows

    def spy(arrays):
        threads.append(threading.current_thread() is threading.main_thread())
        return rows(arrays)

    monkeypatch.setattr(train_view, "history_rows", spy)
    told = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a: told.append(a[2])))
    for target in (tmp_path / "history.csv", tmp_path / "missing" / "history.csv"):
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, t=target, **k: (str(t), ""))
        )
        window.labs.export_actions["data_train"].trigger()
        qtbot.waitUntil(lambda: not window.exports.table_writer.is_running(), timeout=30_000)
    assert threads == [False, False]
    assert (tmp_path / "history.csv").stat().st_size > 1000
    assert len(told) == 1 and "missing" in told[0]


def test_restore_defaults_closes_the_panel_before_resetting_the_race(
    view, window, qtbot, monkeypatch
):
    """Restore Defaults with the Train tab open: nothing is drawn into the closed panel (a
    redraw it had scheduled while shown ran after it was closed: 70-90 ms in all, now
    25-44); the race's new set-up is drawn when the tab is next shown."""
    from PySide6.QtWidgets import QMessageBox

    settled(qtbot, view)
    drawn = []
    redraw = view.redraw

    monkeypatch.setattr(view, "redraw", lambda: (drawn.append(view.isVisible()), redraw()))
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.RestoreDefaults
    )
    window.action_restore_defaults.trigger()
    assert not window.labs.isVisible()
    assert window.lab.train.config() == RaceConfig()
    qtbot.waitUntil(lambda: not view.graphs._redraw.isActive() and not view.controller.busy())
    assert drawn == []
    window.show_labs("train")
    qtbot.waitUntil(lambda: bool(drawn) and view.controller.race is not None, timeout=30_000)
    settled(qtbot, view)
    assert view.controller.race.config == RaceConfig() and all(drawn)


def _big_csv(path):
    """A CSV that takes a worker a while to read (10 000 rows of 640-digit numbers)."""
    pad = "0" * 640
    path.write_text("".join(f"{i}.{pad}1,-{i}.{pad}1,{i % 2}\n" for i in range(10_000)))
    return path


def test_a_file_still_read_when_the_set_up_changes_is_dropped(
    view, window, qtbot, monkeypatch, tmp_path
):
    """Restore Defaults while Load Data… reads: the defaults stay (the file read late took
    the race back to it), and the buttons work again."""
    from PySide6.QtWidgets import QApplication

    big = _big_csv(tmp_path / "big.csv")
    settled(qtbot, view)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(big), ""))
    )
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.RestoreDefaults
    )
    view.form.button_load_csv.click()
    assert view.form.files.reading()
    window.action_restore_defaults.trigger()
    assert not view.form.files.reading() and view.form.button_load_csv.isEnabled()
    assert view.form.files._reader.wait(30_000)  # (the read task, cancelled, has ended)
    QApplication.processEvents()  # (anything it sent would arrive now)
    assert window.lab.train.config() == RaceConfig()


def test_closing_while_a_file_is_read_stops_the_reader(view, window, qtbot, monkeypatch, tmp_path):
    big = _big_csv(tmp_path / "big.csv")
    settled(qtbot, view)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(big), ""))
    )
    view.form.button_load_csv.click()
    assert view.form.files.reading()
    window.close()
    assert window.workers_ended and not view.form.files.reading()


def test_a_deleted_function_leaves_the_race_before_the_panel_is_ever_built(window, qtbot):
    """The race kept a function of your own deleted while Why it trains had never been
    opened: opening it raised KeyError and the broken set-up was saved."""
    from actgui.activations.custom import Definition

    window.custom.add(Definition("bump", "Bump", "x*sigmoid(x)"), show=False)
    window.lab.train.set_config(RaceConfig(keys=("relu", "bump"), n_points=120, steps=5))
    assert window._labs is None  # (never shown)
    window.custom.remove("bump")
    assert window.lab.train.config().keys == ("relu",)
    window.show_labs("train")
    built(qtbot, window.labs.train)
    assert [run.act.key for run in window.labs.train.controller.race.runs] == ["relu"]


def test_cell_titles_fit_their_cells_and_say_the_rest_in_a_tooltip(view, window, qtbot):
    """At the largest text, each line of a cell's title is cut to the cell's width with
    "…" ("SELU / diverged at 16" ran past the last cell), the whole title in its tooltip."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFontMetricsF

    window.prefs.set_presentation_mode(True)
    window.prefs.set_presentation(font_size=24)
    window.lab.train.update(inits=("orthogonal", "edge_of_chaos"))
    built(qtbot, view)
    finish(qtbot, view)
    pictured(qtbot, view)
    plot = view.graphs.plot_regions
    box = plot.getPlotItem().getViewBox()
    width = box.mapViewToScene(QPointF(1, 0)).x() - box.mapViewToScene(QPointF(0, 0)).x()
    labels = [i for i in plot.getPlotItem().items if isinstance(i, pg.TextItem)]
    assert len(labels) == 2
    cut = 0
    for label in labels:
        metrics = QFontMetricsF(label.textItem.font())
        for line in label.toPlainText().split("\n"):
            assert metrics.horizontalAdvance(line) <= width + 1, (line, width)
        if "…" in label.toPlainText():
            cut += 1
            full = label.toolTip()
            assert "…" not in full and len(full) > len(label.toPlainText()) - 1, full
            assert "orthogonal" in full.lower() or "edge" in full.lower(), full
    assert cut, "at 36 pt the cells are narrower than their titles: some must be cut"

"""Random sequences of everything a user can do in the "Why it trains" panel (issue 22, item
7): every input of every tab typed or chosen in the real widgets, tabs switched, functions
toggled, parameters moved, functions of your own added and removed, races started, paused,
stepped and reset, set-up and data files that fail. After each step, nothing may have
reached ``sys.excepthook`` (what the app's safety hook would show in a dialog), Qt may have
said no warning, no worker task may have failed, and every box shows its model's value.

The panel is built alone, on its own models, as the main window builds it. Each step ends
with the panel quiet, so that the same sequence does the same on every machine: its
coalesced refresh done, no race being built or running (a started race is paused or reset
after a few steps), the depth view's worker computations started at once instead of after
their settling time and their results shown, the numbers of functions of your own there.
The phase diagram's grid is made coarse and the networks small so that a step costs
milliseconds, not seconds.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import traceback

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QPointF, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

import actgui.analysis.depth as depth_module
from actgui.activations import REGISTRY
from actgui.activations.custom import Definition, custom_definitions, remove_custom
from actgui.analysis import memo
from actgui.analysis.race import RaceConfig
from actgui.labs import LabModel
from actgui.model import ExplorerModel
from actgui.panels.labs import VIEWS, LabPanel
from actgui.shell.custom_menu import CustomFunctions

#: Functions of your own the machine adds and removes (their keys start with this).
PREFIX = "stateful_"
CUSTOM = {
    f"{PREFIX}swish": Definition(f"{PREFIX}swish", "Stateful swish", "x*sigmoid(beta*x)"),
    f"{PREFIX}leaky": Definition(f"{PREFIX}leaky", "Stateful leaky", "max(x, a*x)"),
    f"{PREFIX}relu": Definition(f"{PREFIX}relu", "Stateful relu", "where(x > 0, x, 0)"),
}
#: At most this many functions shown (the depth view computes a profile for each).
MAX_SHOWN = 4
#: Qt's words about the offscreen platform, not about the app.
NOISE = ("propagateSizeHints", "does not support raise")
WAIT_MS = 60_000


#: Typed numbers: anything in range, the ends, and values out of range the box refuses.
def floats_for(lo: float, hi: float, outside: tuple[float, ...] = ()) -> st.SearchStrategy:
    return st.one_of(
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
        st.sampled_from([lo, hi, *outside]),
    )


def ints_for(lo: int, hi: int, *special: int) -> st.SearchStrategy:
    return st.one_of(st.integers(lo, hi), st.sampled_from([lo, hi, *special]))


def number_text(value: float | int) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


class Trouble:
    """What must not happen: exceptions that reach ``sys.excepthook``, Qt warnings, failed
    worker tasks (logged by ``actgui.worker`` with their traceback)."""

    def __init__(self) -> None:
        self.exceptions: list[BaseException] = []
        self.messages: list[str] = []
        #: Every panel built, closed at the end whatever happened.
        self.panels: list[LabPanel] = []

    def excepthook(self, kind, value, tb) -> None:
        if value is None:
            value = kind()
        self.exceptions.append(value.with_traceback(tb))

    def qt_message(self, mode, _context, message: str) -> None:
        if mode == QtMsgType.QtDebugMsg or mode == QtMsgType.QtInfoMsg:
            return
        if any(noise in message for noise in NOISE):
            return
        self.messages.append(f"Qt {mode.name}: {message}")

    def clear(self) -> None:
        self.exceptions.clear()
        self.messages.clear()

    def check(self) -> None:
        if self.exceptions:
            first = self.exceptions[0]
            others = "".join("".join(traceback.format_exception(e)) for e in self.exceptions[1:])
            self.clear()
            if others:
                first.add_note("Also uncaught:\n" + others)
            raise first  # the app's own exception: Hypothesis tells the bugs apart
        if self.messages:
            text = "\n".join(self.messages)
            self.clear()
            raise AssertionError(text)


class _TaskLog(logging.Handler):
    """``actgui.worker`` logs a failing task with its traceback: that is trouble too."""

    def __init__(self, trouble: Trouble) -> None:
        super().__init__(logging.DEBUG)
        self._trouble = trouble

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and type(error).__name__ != "Cancelled":
            self._trouble.excepthook(*record.exc_info)


#: The number boxes other than the depth's (typed by ``type_number``): tab, attribute,
#: what is typed (ranges kept small where a computation grows with them).
BOXES = {
    "mu": ("stats", "spin_mu", floats_for(-100.0, 100.0, (150.0, -1e3))),
    "sigma": ("stats", "spin_sigma", floats_for(1e-3, 100.0, (0.0, -1.0, 1e-4))),
    "eps": ("stats", "spin_eps", floats_for(1e-6, 10.0, (0.0, 11.0))),
    "sigma_w": ("depth", "spin_sigma_w", floats_for(0.0, 12.0, (-1.0, 13.0))),
    "sigma_b": ("depth", "spin_sigma_b", floats_for(0.0, 10.0, (-1.0, 11.0))),
    "width": ("depth", "spin_width", ints_for(1, 64)),
    "inputs": ("depth", "spin_inputs", ints_for(2, 32, 1)),
    "seed": ("depth", "spin_seed", ints_for(0, 2**31 - 1)),
    "fan_in": ("gains", "spin_fan_in", ints_for(1, 1_000_000, 0)),
    "points": ("train", "spin_points", ints_for(2, 200, 1)),
    "noise": ("train", "spin_noise", floats_for(0.0, 10.0, (20.0,))),
    "layers": ("train", "spin_layers", ints_for(1, 4, 0, 9)),
    "units": ("train", "spin_width", ints_for(1, 16, 0)),
    "learning_rate": ("train", "spin_learning_rate", floats_for(1e-6, 10.0, (0.0, 20.0))),
    "batch": ("train", "spin_batch", ints_for(0, 64)),
    "steps": ("train", "spin_steps", ints_for(1, 60, 0)),
    "train_seed": ("train", "spin_seed", ints_for(0, 2**31 - 1)),
    "spectrum_sigma_w": ("spectrum", "spin_sigma_w", floats_for(0.0, 12.0, (-1.0, 13.0))),
    "spectrum_sigma_b": ("spectrum", "spin_sigma_b", floats_for(0.0, 10.0, (-1.0, 11.0))),
    "spectrum_width": ("spectrum", "spin_width", ints_for(2, 40, 1, 1001)),
    "spectrum_seed": ("spectrum", "spin_seed", ints_for(0, 2**31 - 1)),
}
#: The lists to choose from: tab, attribute.
COMBOS = {
    "quantity": ("depth", "combo_quantity"),
    "gains_show": ("gains", "combo_show"),
    "run_1": ("train", "combo_activations", 0),
    "run_2": ("train", "combo_activations", 1),
    "run_3": ("train", "combo_activations", 2),
    "run_4": ("train", "combo_activations", 3),
    "dataset": ("train", "combo_dataset"),
    "init": ("train", "combo_init"),
    "optimizer": ("train", "combo_optimizer"),
    "layer_shown": ("train", "combo_layer"),
    "spectrum_weights": ("spectrum", "combo_weights"),
}
#: Buttons and check boxes that are not the race's Start, Step and Reset.
BUTTONS = {
    "he": ("depth", "button_he"),
    "lecun": ("depth", "button_lecun"),
    "edge_of_chaos": ("depth", "button_eoc"),
    "simulate": ("depth", "check_simulate"),
    "race_the_plotted": ("train", "button_from_plot"),
    "isometry": ("spectrum", "button_isometry"),
    "relu_at_he": ("spectrum", "button_relu_he"),
    "spectrum_simulate": ("spectrum", "check_simulate"),
}


#: Set-up files (JSON): all but "good" are refused. Written once, before the machine runs
#: (a race is built on a worker, which may be reading a file while a later step runs).
SET_UPS = {
    "bad_json": '{"actgui_race": 1, "keys": ["relu"',
    "missing_csv": json.dumps(
        {"actgui_race": 1, "keys": ["relu"], "dataset": "csv", "data_file": "/nowhere/x.csv"}
    ),
    "unknown_key": json.dumps({"actgui_race": 1, "keys": ["no_such_function"]}),
    "bad_entry": json.dumps({"actgui_race": 1, "keys": ["relu"], "steps": -5}),
    "good": json.dumps(
        {
            "actgui_race": 1,
            "keys": ["elu", "relu"],
            "n_points": 50,
            "hidden": [4],
            "steps": 10,
            "params": {"elu": {"alpha": 0.5}},
        }
    ),
}
#: Data files (CSV): "missing" is not written, "bad" is refused.
DATA = {
    "missing": None,
    "bad": "1,2,0\n3,x,1\n",
    "good": "x1,x2,label\n" + "".join(f"{i / 10},{(-1) ** i * i / 7},{i % 2}\n" for i in range(24)),
}


def write_files(folder) -> None:
    for name, text in SET_UPS.items():
        (folder / f"{name}.json").write_text(text, encoding="utf-8")
    for name, text in DATA.items():
        if text is not None:
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")


class LabMachine(RuleBasedStateMachine):
    """A user in the "Why it trains" panel."""

    def __init__(self, qtbot, folder, trouble: Trouble) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.folder = folder
        self.trouble = trouble
        trouble.clear()
        self.added: list[str] = []
        self.model = ExplorerModel()
        self.model.set_enabled_keys(["relu", "tanh"])
        self.lab = LabModel()
        self.lab.set_network(depth=10)
        self.lab.set_simulation(width=30, inputs=8)
        self.lab.set_spectrum(width=24)
        self.lab.train.set_config(
            RaceConfig(keys=("relu", "tanh"), n_points=60, hidden=(4, 4), steps=20)
        )
        self.panel = LabPanel(self.model, self.lab)
        trouble.panels.append(self.panel)
        self.custom = CustomFunctions(self.panel, self.model, lambda: "light")
        self.panel.resize(1200, 640)
        self.panel.show()
        qtbot.waitExposed(self.panel)
        self.settle()

    # -- helpers ---------------------------------------------------------------------------
    @property
    def controller(self):
        return self.panel.train.controller

    def train_busy(self) -> bool:
        """Whether the race is being built, trained or stepped."""
        c = self.controller
        busy = getattr(c, "busy", c.runner.is_running)  # (building too, in newer versions)
        return c.state() in ("running", "building") or busy()

    def settle(self) -> None:
        """The panel quiet: its refresh done, no race being built or running, the depth
        view's worker computations (if its inputs changed) started at once, done and shown,
        and so the numbers of functions of your own that are computed off the GUI thread."""
        qtbot, panel = self.qtbot, self.panel
        depth = panel.depth
        deferred = getattr(panel, "deferred", None)  # (not in older versions)
        spectrum = getattr(panel, "spectrum", None)

        def quiet() -> bool:
            return not (
                panel.pending()
                or (deferred is not None and deferred.pending())
                or depth.runner.is_running()
                or depth.phase_runner.is_running()
                or (spectrum is not None and spectrum.runner.is_running())
                or self.train_busy()
            )

        for _ in range(20):
            QApplication.processEvents()  # singleShot(0)s: a shown tab's first refresh
            qtbot.waitUntil(quiet, timeout=WAIT_MS)
            depth.wait()  # starts what waits for its settling time; waits for the threads
            if spectrum is not None:
                spectrum.wait()
            qtbot.waitUntil(quiet, timeout=WAIT_MS)  # (and their results are delivered)
            QApplication.processEvents()
            if quiet():
                return
        raise AssertionError("the panel never came to rest")

    def show(self, name: str):
        """Bring the tab ``name`` to the front as the user does: a click on it."""
        panel = self.panel
        index = VIEWS.index(name)
        if panel.tabs.currentIndex() != index:
            bar = panel.tabs.tabBar()
            self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
            assert panel.view() == name
            QApplication.processEvents()
        return panel._view_widget(name)

    def widget(self, tab: str, name: str, index: int | None = None):
        """The widget ``name`` of the tab ``tab``, the tab brought to the front first."""
        view = self.show(tab)
        found = getattr(view.form if tab == "train" else view, name)  # (the Train tab's form)
        return found if index is None else found[index]

    def type_into(self, box, value) -> None:
        """Select the box's text, type ``value`` and press Enter."""
        box.selectAll()
        self.qtbot.keyClicks(box, number_text(value))
        self.qtbot.keyClick(box, Qt.Key.Key_Return)

    def click(self, button) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    # -- explorer: functions and parameters (any tab) --------------------------------------
    @rule(data=st.data(), on=st.booleans())
    def toggle_function(self, data, on):
        if on and len(self.model.enabled_keys()) >= MAX_SHOWN:
            on = False
        keys = [k for k in REGISTRY if self.model.is_enabled(k) != on]
        if keys:
            self.model.set_enabled(data.draw(st.sampled_from(keys), label="key"), on)
        self.settle()

    @rule(data=st.data())
    def select_function(self, data):
        self.model.set_selected(data.draw(st.sampled_from([None, *REGISTRY]), label="key"))
        self.settle()

    @rule(data=st.data(), where=st.floats(0.0, 1.0))
    def move_parameter(self, data, where):
        keys = [k for k in self.model.enabled_keys() if REGISTRY[k].params]
        if keys:
            key = data.draw(st.sampled_from(keys), label="key")
            param = data.draw(st.sampled_from(REGISTRY[key].params), label="param")
            value = param.minimum + where * (param.maximum - param.minimum)
            # (ValueError: a constraint between parameters; the explorer's box refuses it)
            with contextlib.suppress(ValueError):
                self.model.set_param(key, param.name, value)
        self.settle()

    @rule(key=st.sampled_from(sorted(CUSTOM)), show=st.booleans())
    def add_or_remove_custom(self, key, show):
        """Add the function of your own ``key`` (shown or not), or remove it if it is there."""
        if key in REGISTRY:
            self.custom.remove(key)
        else:
            if key not in self.added:
                self.added.append(key)  # first: removed at teardown even if adding fails
            shown = show and len(self.model.enabled_keys()) < MAX_SHOWN
            self.custom.add(CUSTOM[key], show=shown)
        self.settle()

    # -- every tab's inputs ------------------------------------------------------------------
    @rule(index=st.integers(0, len(VIEWS) - 1))
    def switch_tab(self, index):
        self.show(VIEWS[index])
        self.settle()

    @rule(depth=ints_for(1, 200, 2, 50, 100, 120, 0, 250))
    def type_depth(self, depth):
        self.type_into(self.widget("depth", "spin_depth"), depth)
        self.settle()

    @rule(which=st.sampled_from(sorted(BOXES)), data=st.data())
    def type_number(self, which, data):
        tab, name, strategy = BOXES[which]
        self.type_into(self.widget(tab, name), data.draw(strategy, label="value"))
        self.settle()

    @rule(which=st.sampled_from(sorted(COMBOS)), index=st.integers(0, 40))
    def choose(self, which, index):
        combo = self.widget(*COMBOS[which])
        if combo.count():
            combo.setCurrentIndex(index % combo.count())
        self.settle()

    @rule(which=st.sampled_from(sorted(BUTTONS)))
    def press(self, which):
        self.click(self.widget(*BUTTONS[which]))
        self.settle()

    @rule(row=st.integers(0, 10))
    def select_stats_row(self, row):
        table = self.widget("stats", "table")
        if table.rowCount():
            table.selectRow(row % table.rowCount())
        self.settle()

    @rule(w=st.floats(-0.5, 3.5), b=st.floats(-0.5, 1.5))
    def click_phase_diagram(self, w, b):
        plot = self.widget("depth", "phase_plot")
        point = plot.getPlotItem().getViewBox().mapViewToScene(QPointF(w, b))

        class Click:
            def button(self):
                return Qt.MouseButton.LeftButton

            def scenePos(self):
                return point

        plot.scene().sigMouseClicked.emit(Click())
        self.settle()

    # -- the race ----------------------------------------------------------------------------
    @rule(name=st.sampled_from(["dying_relu", "vanishing_gradients", "elu_selu_vs_relu"]))
    def demonstration(self, name):
        """A demonstration starts at once; the user pauses it (its races are long)."""
        view = self.show("train")
        self.click(view.preset_buttons[name])
        self.qtbot.waitUntil(lambda: self.controller.state() != "building", timeout=WAIT_MS)
        if self.controller.state() == "running":
            self.click(view.button_start)  # Pause
        self.settle()

    @rule(steps=st.integers(1, 15), then=st.sampled_from(["pause", "reset", "step"]))
    def start(self, steps, then):
        """Start, let ``steps`` steps pass (or the race end), then Pause, Reset or Step."""
        view = self.show("train")
        c = self.controller
        self.click(view.button_start)
        self.qtbot.waitUntil(lambda: c.state() != "building", timeout=WAIT_MS)
        if c.state() == "running":
            begin = getattr(c.race, "steps", 0)
            self.qtbot.waitUntil(
                lambda: c.state() != "running" or getattr(c.race, "steps", 0) >= begin + steps,
                timeout=WAIT_MS,
            )
            if then == "reset":
                self.click(view.button_reset)
            elif then == "step":
                self.click(view.button_step)  # (disabled while it runs)
            if c.state() == "running":
                self.click(view.button_start)  # Pause
        self.settle()

    @rule()
    def step(self):
        self.click(self.show("train").button_step)
        self.settle()

    @rule()
    def reset(self):
        self.click(self.show("train").button_reset)
        self.settle()

    @rule(kind=st.sampled_from(sorted(SET_UPS)))
    def open_set_up(self, kind):
        view = self.show("train")
        before = self.lab.train.config()
        taken = view.form.files.open_config_file(self.folder / f"{kind}.json")
        if kind == "good":
            assert taken and self.lab.train.config().keys == ("elu", "relu")
        else:
            assert not taken and self.lab.train.config() == before
            assert view.form.error_label.isVisibleTo(view) and view.form.error_label.text()
        self.settle()

    @rule(kind=st.sampled_from(sorted(DATA)))
    def load_data(self, kind):
        view = self.show("train")
        before = self.lab.train.config()
        taken = view.form.files.load_data_file(str(self.folder / f"{kind}.csv"))
        assert taken == (kind == "good")
        if not taken:
            assert self.lab.train.config() == before
        self.settle()

    # -- invariants ---------------------------------------------------------------------------
    @invariant()
    def nothing_went_wrong(self):
        """No exception, warning or failed task (checked first: a wrong box may follow
        from one), and every box shows its model's value."""
        self.trouble.check()
        p, lab = self.panel, self.lab
        stats, depth, train = p.stats, p.depth, p.train
        assert (stats.spin_mu.value(), stats.spin_sigma.value(), stats.spin_eps.value()) == (
            lab.input()
        )
        shown = (depth.spin_sigma_w.value(), depth.spin_sigma_b.value(), depth.spin_depth.value())
        assert shown == lab.network()
        shown = (depth.spin_width.value(), depth.spin_inputs.value(), depth.spin_seed.value())
        assert shown == lab.simulation()
        spectrum = p.spectrum
        shown = (spectrum.spin_sigma_w.value(), spectrum.spin_sigma_b.value())
        assert (*shown, spectrum.spin_depth.value()) == lab.network()
        width, kinds, seed = lab.spectrum()
        assert (spectrum.spin_width.value(), spectrum.spin_seed.value()) == (width, seed)
        assert spectrum.combo_weights.currentData() == kinds
        config = lab.train.config()
        assert [c.currentData() for c in train.form.combo_activations[: len(config.keys)]] == list(
            config.keys
        )
        assert train.form.combo_dataset.currentData() == config.dataset
        assert (
            train.form.spin_points.value(),
            train.form.spin_layers.value(),
            train.form.spin_width.value(),
            train.form.spin_batch.value() or None,
            train.form.spin_steps.value(),
            train.form.spin_seed.value(),
            train.form.spin_noise.value(),
            train.form.spin_learning_rate.value(),
            train.form.combo_init.currentData(),
            train.form.combo_optimizer.currentData(),
        ) == (
            config.n_points,
            len(config.hidden),
            config.hidden[0],
            config.batch_size,
            config.steps,
            config.seed,
            config.noise,
            config.learning_rate,
            config.init,
            config.optimizer,
        )

    def teardown(self):
        """No worker outlives the example, no function of your own outlives the test."""
        try:
            close(self.panel)
            self.trouble.panels.remove(self.panel)
        finally:
            for key in self.added:
                if key in REGISTRY:
                    try:
                        self.custom.remove(key)
                    except Exception:  # the model may be half-way: unregister at least
                        remove_custom(key)
            memo.clear()


def close(panel: LabPanel) -> None:
    """Stop every worker of ``panel``, wait for them, close it."""
    panel.train.controller.pause()
    panel.close_workers()  # (asks them to stop; waits a moment at most)
    panel.train.controller.stop(WAIT_MS)
    panel.depth.stop(WAIT_MS)
    deferred = getattr(panel, "deferred", None)  # (not in older versions)
    if deferred is not None:
        deferred.stop(WAIT_MS)
    if panel.isVisible():
        panel.close()
        panel.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def coarse_phase_grid(monkeypatch):
    """The phase diagram on a 6 × 4 grid between the same ends (the full 40 × 25 takes
    seconds per function: the machine would spend its time waiting)."""
    for name, points in (("PHASE_SIGMA_W", 6), ("PHASE_SIGMA_B", 4), ("EOC_SIGMA_B", 4)):
        grid = getattr(depth_module, name)
        monkeypatch.setattr(depth_module, name, np.linspace(grid[0], grid[-1], points))


SETTINGS = settings(
    max_examples=20,
    stateful_step_count=15,
    deadline=None,
    derandomize=True,
    database=None,
    # No "explain" phase: it replays the failing case many times, seconds each.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_random_sessions_in_the_labs(qtbot, tmp_path, coarse_phase_grid):
    trouble = Trouble()
    task_log = _TaskLog(trouble)
    worker_log = logging.getLogger("actgui.worker")
    old_level = worker_log.level
    worker_log.addHandler(task_log)
    worker_log.setLevel(logging.DEBUG)
    write_files(tmp_path)
    old_hook = sys.excepthook
    sys.excepthook = trouble.excepthook
    old_handler = qInstallMessageHandler(trouble.qt_message)
    try:
        run_state_machine_as_test(lambda: LabMachine(qtbot, tmp_path, trouble), settings=SETTINGS)
    finally:
        qInstallMessageHandler(old_handler)
        sys.excepthook = old_hook
        worker_log.removeHandler(task_log)
        worker_log.setLevel(old_level)
        for panel in trouble.panels:  # (one whose machine failed while built)
            close(panel)
        for definition in custom_definitions():  # (a machine that failed while built)
            if definition.key.startswith(PREFIX):
                remove_custom(definition.key)
        memo.clear()

"""Train and compare: a small network learns with up to four activations, side by side
(issue "Train and compare").

The view edits the :class:`~actgui.training.TrainModel` through its form
(``train_form``, files in ``train_files``) and shows what the
:class:`~actgui.training.RaceController` (built by the panel) reports: the status, the
fairness line and four plots (``train_graphs``, the small multiples in
``train_regions``). The buttons on top start, step and reset the race and set up the
demonstrations (``analysis.race.PRESETS``).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from actgui.analysis.race import MAX_RUNS, PRESETS, RaceConfig, history_rows
from actgui.model import ExplorerModel
from actgui.panels import name_from_labels
from actgui.panels.labs.common import push_button
from actgui.panels.labs.train_drawing import RegionTools
from actgui.panels.labs.train_exports import TrainExports
from actgui.panels.labs.train_form import TrainForm
from actgui.panels.labs.train_graphs import TrainGraphs
from actgui.panels.labs.train_inputs import one_dimensional
from actgui.panels.labs.train_names import run_name
from actgui.panels.labs.train_network import TrainNetwork
from actgui.panels.labs.train_regions import cell_data
from actgui.plot.lab import LabPlot
from actgui.training import RaceController, TrainModel
from actgui.worker import ms_left


def preset_titles() -> dict[str, tuple[str, str]]:
    """The demonstrations: name → (button text, what it shows)."""
    return {
        "dying_relu": (
            QCoreApplication.translate("TrainView", "Dying ReLU"),
            QCoreApplication.translate(
                "TrainView",
                "SGD at learning rate 1 on the spirals: most ReLU and ReLU6 units die (no "
                "gradient on any point, for good) and their loss stalls; Leaky ReLU and SiLU "
                "keep every unit and fit the data.",
            ),
        ),
        "vanishing_gradients": (
            QCoreApplication.translate("TrainView", "Vanishing gradients"),
            QCoreApplication.translate(
                "TrainView",
                "Six layers: sigmoid passes back at most a quarter of the gradient per layer, "
                "its first layers hardly learn and its loss stays at log 2; tanh, ReLU and "
                "SELU learn.",
            ),
        ),
        "elu_selu_vs_relu": (
            QCoreApplication.translate("TrainView", "ELU/SELU vs ReLU"),
            QCoreApplication.translate(
                "TrainView",
                "Four layers, LeCun's initialisation, SGD with momentum: SELU's self-normalising "
                "outputs train fastest, ELU and Leaky ReLU keep every unit, ReLU loses some.",
            ),
        ),
        "orthogonal_tanh": (
            QCoreApplication.translate("TrainView", "Orthogonal tanh"),
            QCoreApplication.translate(
                "TrainView",
                "Eight tanh layers of 16 on the edge of chaos, twice: Gaussian weights against "
                "orthogonal ones at the same scale. Orthogonal weights start with every "
                "singular value of the Jacobian near 1 (dynamical isometry). Over seeds 0–9 "
                "they reach a loss of 0.3 in 209 steps against 271 (median): at eight layers "
                "the effect is modest (at width 32 it turns round).",
            ),
        ),
        "overfitting": (
            QCoreApplication.translate("TrainView", "Overfitting"),
            QCoreApplication.translate(
                "TrainView",
                "Three layers of 32 units on 60 noisy points, half of them held out: the "
                "training loss falls to 0 while the test loss (dashed) turns up after about "
                "ten steps. Set the L2 rate to 0.01 and go on: it comes back down.",
            ),
        ),
        "overfitting_l2": (
            QCoreApplication.translate("TrainView", "L2 against overfitting"),
            QCoreApplication.translate(
                "TrainView",
                "The same race with an L2 rate of 0.01: the weights stay small, the training "
                "loss stays above 0 and the test loss stays low (ReLU: 0.24 against 1.5).",
            ),
        ),
        "what_units_compute": (
            QCoreApplication.translate("TrainView", "What units compute"),
            QCoreApplication.translate(
                "TrainView",
                "ReLU and tanh, two small layers, on the circles, seen on the Network page: "
                "each ReLU unit of the first layer is a half-plane with a crease, each tanh "
                "unit a smooth ridge.",
            ),
        ),
    }


class TrainView(QWidget):
    """Buttons and status on top, the set-up on the left, the four plots on the right."""

    def __init__(
        self,
        model: ExplorerModel,
        train: TrainModel,
        controller: RaceController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("view_train")
        self._model = model
        self._train = train
        self.controller = controller
        controller.eager = self.isVisible
        self.form = TrainForm(model, train, controller, self)
        self.graphs = TrainGraphs(controller, self.form.chosen_layer, model.curve_color, self)
        self.form.layer_chosen.connect(self.graphs.redraw_layers)
        self.exports = TrainExports(
            controller, self, self.form.show_error, self.form.error_label.hide, self._say
        )
        # What each unit computes, for a chosen run: a page of its own beside the plots.
        self.network = TrainNetwork(self)
        self.network.follow(self._network_runs)  # (pulled only when on screen and due)
        controller.updated.connect(self.network.changed)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("tabs_train_pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.graphs, QCoreApplication.translate("TrainView", "Plots"))
        self.pages.addTab(self.network, QCoreApplication.translate("TrainView", "Network"))
        self.pages.setTabToolTip(
            1,
            QCoreApplication.translate(
                "TrainView",
                "What each unit of a run's network computes over the input plane, and its weights",
            ),
        )
        self.graphs.drawn.connect(self._update_texts)

        self.label_fair = QLabel(self)
        self.label_fair.setObjectName("label_train_fair")
        self.label_fair.setWordWrap(True)
        under = QHBoxLayout()
        under.addWidget(self.label_fair, 1)
        under.addWidget(self.graphs.label_layers)
        # Drawing one's own points, and how the predictions show the data (over the cells).
        self.region_tools = RegionTools(
            train, controller, self.graphs.plot_regions, self.graphs.regions, self
        )
        self.region_tools.edited.connect(self.form.error_label.hide)  # a drawing taken
        self.region_tools.refused.connect(self.form.show_error)  # e.g. over 10 000 points
        self.pages.currentChanged.connect(
            lambda i: self.region_tools.setVisible(self.pages.widget(i) is self.graphs)
        )
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self.region_tools)
        right = QVBoxLayout()
        right.addLayout(tools)
        right.addWidget(self.pages, 1)
        right.addLayout(under)
        body = QHBoxLayout()
        body.addWidget(self.form)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._top_row())
        layout.addWidget(self.form.error_label)
        layout.addLayout(body, 1)

        controller.state_changed.connect(self._on_state)
        controller.failed.connect(self.form.show_error)
        train.config_changed.connect(lambda _config: self._update_fair())
        model.params_changed.connect(controller.params_changed)
        model.params_changed.connect(lambda _k: self._update_status())
        model.params_changed.connect(lambda _k: self.graphs.explorer_changed())
        enabled = model.enabled_keys()[:MAX_RUNS]
        if train.config() == RaceConfig() and enabled:
            train.update(keys=tuple(enabled))  # a first race: the plotted functions
        self._update_fair()
        self._on_state(controller.state())
        name_from_labels(self)

    # -- building ------------------------------------------------------------------------
    def _top_row(self) -> QVBoxLayout:
        self.button_start = push_button(
            self,
            QCoreApplication.translate("TrainView", "Start"),
            "button_train_start",
            QCoreApplication.translate(
                "TrainView", "Train every network until the last step, or pause"
            ),
            self.controller.toggle,
        )
        self.button_step = push_button(
            self,
            QCoreApplication.translate("TrainView", "Step"),
            "button_train_step",
            QCoreApplication.translate("TrainView", "One training step of every network"),
            self.controller.step,
        )
        self.button_reset = push_button(
            self,
            QCoreApplication.translate("TrainView", "Reset"),
            "button_train_reset",
            QCoreApplication.translate("TrainView", "Start again from the initial weights"),
            self.controller.reset,
        )
        self.label_status = QLabel(self)
        self.label_status.setObjectName("label_train_status")
        row = QHBoxLayout()
        for button in (self.button_start, self.button_step, self.button_reset):
            row.addWidget(button)
        row.addWidget(self.label_status, 1)
        demos = QHBoxLayout()
        demos.addWidget(QLabel(QCoreApplication.translate("TrainView", "Demonstrations:"), self))
        self.preset_buttons: dict[str, QPushButton] = {}
        for name, (title, tip) in preset_titles().items():
            button = push_button(
                self, title, f"button_train_preset_{name}", tip, lambda n=name: self.apply_preset(n)
            )
            demos.addWidget(button)
            self.preset_buttons[name] = button
        demos.addStretch(1)
        rows = QVBoxLayout()
        rows.addLayout(row)
        rows.addLayout(demos)
        return rows

    def apply_preset(self, name: str) -> None:
        """Set up the demonstration ``name`` (a key of ``PRESETS``) and start it."""
        self.controller.pause()
        self._train.set_config(PRESETS[name])
        self.controller.reset()
        self.controller.start()
        # (the demonstration of what units compute is seen on the network's page)
        page = self.network if name == "what_units_compute" else self.graphs
        self.pages.setCurrentWidget(page)

    # -- state -----------------------------------------------------------------------------
    def _update_fair(self) -> None:
        race = self.controller.race
        config = race.config if race is not None else self._train.config()
        if race is not None:
            n, held = race.inputs.shape[0], race.test_inputs.shape[0]
            classify = race.classify
        else:
            n, held = config.n_points, round(config.n_points * config.test_fraction)
            classify = not one_dimensional(config)
        if config.inits:
            text = QCoreApplication.translate(
                "TrainView",
                "The same %1 points, the same random draws and the same batches for every "
                "run; each run has its own initialisation, named in its title.",
            )
        elif config.init == "edge_of_chaos":
            text = QCoreApplication.translate(
                "TrainView",
                "A fair race: the same %1 points, the same initial draws of the weights "
                "(scaled to each activation's edge of chaos) and the same batches for every "
                "run; only the activation differs.",
            )
        else:
            text = QCoreApplication.translate(
                "TrainView",
                "A fair race: the same %1 points, the same initial weights and the same "
                "batches for every run; only the activation differs.",
            )
        parts = [text.replace("%1", str(n))]
        if held:
            parts.append(
                QCoreApplication.translate(
                    "TrainView",
                    "%1 more points are held out to test (dashed lines): no step trains on them.",
                ).replace("%1", str(held))
            )
        if classify:
            parts.append(
                QCoreApplication.translate(
                    "TrainView",
                    "Cells: the predicted class (pale where unsure) and the share of "
                    "training points right.",
                )
            )
        else:
            parts.append(
                QCoreApplication.translate(
                    "TrainView", "Cells: the fitted curve over the points and its training loss."
                )
            )
        self.label_fair.setText(" ".join(parts))

    # -- state -----------------------------------------------------------------------------
    def _on_state(self, state: str) -> None:
        if state == "ready":  # (a race is there: a failure said before is over)
            self.form.error_label.hide()
        running = state == "running"
        if running:
            text = QCoreApplication.translate("TrainView", "Pause")
        elif state == "finished":
            text = QCoreApplication.translate("TrainView", "Go on")
        else:
            text = QCoreApplication.translate("TrainView", "Start")
        self.button_start.setText(text)
        race = self.controller.race
        over = race is not None and all(run.diverged for run in race.runs)
        self.button_start.setEnabled(state != "failed" and not over)
        self.button_start.setToolTip(
            QCoreApplication.translate("TrainView", "As many steps again")
            if state == "finished"
            else QCoreApplication.translate(
                "TrainView", "Train every network until the last step, or pause"
            )
        )
        self.button_step.setEnabled(not running and state != "failed")
        self._update_status()
        if not running:
            self.graphs.schedule_redraw()

    def _update_status(self) -> None:
        race = self.controller.race
        if race is None:
            building = self.controller.state() == "building"
            self.label_status.setText(
                QCoreApplication.translate("TrainView", "setting up the networks…")
                if building
                else ""
            )
            return
        steps = race.steps
        total = str(race.config.steps)
        parts = [
            QCoreApplication.translate("TrainView", "step %1 of %2")
            .replace("%1", str(steps))
            .replace("%2", total)
        ]
        state = self.controller.state()
        if state == "running" and math.isfinite(race.rate):
            parts.append(
                QCoreApplication.translate("TrainView", "%1 steps/s per run").replace(
                    "%1", f"{race.rate:.0f}"
                )
            )
        elif state == "finished":
            parts.append(QCoreApplication.translate("TrainView", "done"))
        elif state == "paused":
            parts.append(QCoreApplication.translate("TrainView", "paused"))
        stale = self.controller.stale_params()
        if stale and steps > 0:
            parts.append(
                QCoreApplication.translate("TrainView", "parameters changed: Reset to use them")
            )
        self.label_status.setText(" · ".join(parts))

    def _update_texts(self) -> None:
        """The status and the fairness line."""
        self._update_status()
        self._update_fair()

    # -- drawing -----------------------------------------------------------------------------
    def plots(self) -> dict[str, LabPlot]:
        return {**self.graphs.plots(), "train_network": self.network.plot}

    def _network_runs(self) -> tuple | None:
        """The race's runs for the network page: frozen copies, made only when it draws."""
        with self.controller.reading() as race:
            if race is None:
                return None
            return (
                self.controller.serial,
                [run.frozen() for run in race.runs],
                cell_data(race).box(),  # (the predictions' box: every point, a drawing's area)
                [run_name(run, bool(race.config.inits)) for run in race.runs],
                self.graphs.run_colors(race, self.network.plot.theme()),
            )

    def refresh(self) -> None:
        """Build the race if there is none yet, and draw (the panel's refresh)."""
        self.graphs.hidden_changes = False
        self.controller.ensure_race()
        self.redraw()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.graphs.hidden_changes or self.controller.race is None:
            QTimer.singleShot(0, self.refresh)

    def redraw(self) -> None:
        """Draw every plot from the race's numbers now."""
        self.graphs.redraw()

    def stop(self, msecs: int = 5000) -> bool:
        """Stop training, the pictures and the file reader, and wait for the workers (on
        closing)."""
        self.graphs.stop(0)
        self.form.files.stop(0)
        self.exports.stop(0)
        self.network.stop(0)
        deadline = time.monotonic() + max(msecs, 0) / 1000.0
        stopped = self.controller.stop(msecs)
        return (
            self.graphs.stop(ms_left(deadline))
            and self.form.files.stop(ms_left(deadline))
            and self.exports.stop(ms_left(deadline))
            and self.network.stop(ms_left(deadline))
            and stopped
        )

    def _say(self, text: str) -> None:
        """A short note in the window's status bar (a file written)."""
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    # -- numbers ---------------------------------------------------------------------------
    def table(self) -> tuple[list[str], list[list[str]]]:
        """The race's history (every run, every step) for a CSV file."""
        header, rows = self.table_later()
        return header, rows()

    def table_later(self) -> tuple[list[str], Callable[[], list[list[str]]]]:
        """The history's header, and its rows as a function to call on any thread (a copy
        of the numbers is taken now; formatting 100 000 steps takes seconds)."""
        with self.controller.reading() as race:
            if race is None:  # (none yet: being built, or it could not be)
                return ["activation", "step"], list
            return race.history_header(), functools.partial(history_rows, race.history_arrays())

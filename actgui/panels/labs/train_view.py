"""Train and compare: a small network learns with up to four activations, side by side
(issue "Train and compare").

The view edits the :class:`~actgui.training.TrainModel` and shows what the
:class:`~actgui.training.RaceController` reports: the loss of every run on one plot
(log axis), the share of dead units and each layer's gradient norm over the steps, and
the decision regions (or the fitted curve) of every run in small multiples. It draws
inside ``RaceController.reading()``, which holds the worker at its next step boundary
(at most one step of one run). While the race runs, it updates one plot per tick, each
plot every ``REDRAW_MS``; a hidden tab builds and draws nothing.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.analysis.race import (
    CSV_DATASET,
    MAX_RUNS,
    PRESETS,
    Race,
    RaceConfig,
    history_rows,
    load_csv,
    read_config,
    save_config,
)
from actgui.analysis.race_pictures import (
    RacePictures,
    RunPicture,
    data_box,
    forward_cost,
    race_pictures,
)
from actgui.analysis.trainer import (
    INITS,
    MAX_LAYERS,
    MAX_POINTS,
    MAX_STEPS,
    MAX_WIDTH,
)
from actgui.i18n import translate
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel, ask_json_path
from actgui.panels.labs.common import fmt, int_box, number_box, percent
from actgui.panels.labs.train_pictures import PictureWorker
from actgui.plot.lab import LabPlot
from actgui.style import theme_color
from actgui.training import RaceController, TrainModel
from actgui.worker import TaskRunner, ms_left

#: Shortest time between two redraws while training (at most 8 a second).
REDRAW_MS = 125
#: Points per history line drawn (longer histories are thinned evenly; the CSV has all).
MAX_LINE_POINTS = 1500
#: Pixels of a decision-region image, per side: on screen, and in an exported figure.
REGION_PIXELS = 56
EXPORT_REGION_PIXELS = 200
#: Multiply-adds of an export's forward passes done at once (about 0.1 s); a larger
#: network's exported regions are the screen's pictures, computed on the worker.
EXPORT_NOW_COST = 5e7

#: Colours of the classes (Okabe–Ito orange and blue first, as in most textbooks' plots).
CLASS_COLORS = (
    "#E69F00",
    "#0072B2",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#999999",
    "#882255",
    "#117733",
)
#: Palette slots of the runs' colours (style.palette: vermillion, green, purple, black).
RUN_SLOTS = (1, 2, 3, 6)


def dataset_titles() -> dict[str, str]:
    """Built-in data sets and their names in the interface language."""
    return {
        "spirals": QCoreApplication.translate("TrainView", "Two spirals"),
        "circles": QCoreApplication.translate("TrainView", "Circles"),
        "xor": QCoreApplication.translate("TrainView", "XOR"),
        "moons": QCoreApplication.translate("TrainView", "Moons"),
        "gaussians": QCoreApplication.translate("TrainView", "Two Gaussians"),
        "sin": QCoreApplication.translate("TrainView", "sin x (fit a curve)"),
        "abs": QCoreApplication.translate("TrainView", "|x| (fit a curve)"),
        "step": QCoreApplication.translate("TrainView", "step (fit a curve)"),
    }


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
    }


def _layer_style(index: int, layers: int) -> int:
    """Solid for the first hidden layer, dashed for the last, dotted for those between."""
    if index == 0:
        return 0
    return 1 if index == layers - 1 else 2


def _layer_entries(layers: int) -> list[tuple[int, str]]:
    """(line style, "layer …") for the key of ``layers`` lines per run; [] for one."""
    if layers < 2:
        return []
    text = QCoreApplication.translate("TrainView", "layer %1")
    entries = [(0, text.replace("%1", "1"))]
    if layers > 2:
        between = "2" if layers == 3 else f"2–{layers - 1}"
        entries.append((2, text.replace("%1", between)))
    entries.append((1, text.replace("%1", str(layers))))
    return entries


#: How the line styles look in a line of text.
STYLE_GLYPHS = ("——", "– –", "···")


def thinned(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) with at most ``MAX_LINE_POINTS`` rows (every k-th, the last kept),
    steps counted from 1 (the callers drop the non-finite rows)."""
    n = values.shape[0]
    stride = max(1, math.ceil(n / MAX_LINE_POINTS))
    rows = np.arange(0, n, stride)
    if n and rows[-1] != n - 1:
        rows = np.append(rows, n - 1)
    return rows + 1.0, values[rows]


class _Resized(QObject):
    """Calls ``react()`` when the watched widget is resized."""

    def __init__(self, react, parent: QObject) -> None:
        super().__init__(parent)
        self._react = react

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self._react()
        return False


class TrainView(QWidget):
    """Controls of the race on the left, its four plots on the right."""

    def __init__(self, model: ExplorerModel, train: TrainModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("view_train")
        self._model = model
        self._train = train
        self.controller = RaceController(train, model.params, self)
        self.pictures = PictureWorker(self)
        self.pictures.ready.connect(self._on_pictures)
        #: Load Data… and Open… read their file there.
        self._reader = TaskRunner(self)
        self._reader.finished.connect(self._on_read)
        self._reader.failed.connect(self._on_read_failed)
        self._reading: tuple = ("", None)
        # A set-up changed while a file is read (Restore Defaults, another dataset): the
        # file is not wanted any more.
        train.config_changed.connect(lambda _config: self._drop_read())
        self.controller.eager = self.isVisible
        self._last_draw = -math.inf
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.timeout.connect(lambda: self._on_redraw_timer())  # (bench wraps redraw)
        self._columns = 2
        self._live: dict[str, tuple] = {}  # plot name: (signature, its items)
        self._hidden_changes = True
        self._turn = 0

        self._build_controls()
        self.plot_loss = LabPlot(
            "plot_train_loss",
            QCoreApplication.translate("TrainView", "step"),
            QCoreApplication.translate("TrainView", "loss"),
            self,
        )
        self.plot_loss.setLogMode(y=True)
        self.plot_loss.set_drawer(self._draw_loss)
        self.plot_dead = LabPlot(
            "plot_train_dead",
            QCoreApplication.translate("TrainView", "step"),
            QCoreApplication.translate("TrainView", "dead units (%)"),
            self,
        )
        self.plot_dead.set_drawer(self._draw_dead)
        self.plot_gradient = LabPlot(
            "plot_train_gradient",
            QCoreApplication.translate("TrainView", "step"),
            QCoreApplication.translate("TrainView", "gradient norm"),
            self,
        )
        self.plot_gradient.setLogMode(y=True)
        for plot in (self.plot_loss, self.plot_gradient):  # 10⁻³, never "(x1e+73)"
            plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.plot_gradient.set_drawer(self._draw_gradient)
        self.plot_regions = LabPlot("plot_train_regions", "", "", self)
        self.plot_regions.set_drawer(self._draw_regions)
        self.plot_loss.setToolTip(
            QCoreApplication.translate("TrainView", "Training loss of every run (log scale)")
        )
        self.plot_dead.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Share of each hidden layer's units with f′ = 0 on every training point: dead",
            )
        )
        self.plot_gradient.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Norm of each hidden layer's weight gradient: tiny means the layer barely learns",
            )
        )
        self.plot_regions.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "What each network predicts: the class regions (or the fitted curve) and the data",
            )
        )
        self.plots_area = QWidget(self)
        self.plots_area.setObjectName("area_train_plots")
        self._grid = QGridLayout(self.plots_area)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self.plots_area.installEventFilter(_Resized(self._place_plots, self))
        self._place_plots(force=True)

        self.label_fair = QLabel(self)
        self.label_fair.setObjectName("label_train_fair")
        self.label_fair.setWordWrap(True)
        self.label_layers = QLabel(self)
        self.label_layers.setObjectName("label_train_layers")
        self.label_layers.setToolTip(
            QCoreApplication.translate("TrainView", "Line styles of the hidden layers")
        )
        under = QHBoxLayout()
        under.addWidget(self.label_fair, 1)
        under.addWidget(self.label_layers)
        right = QVBoxLayout()
        right.addWidget(self.plots_area, 1)
        right.addLayout(under)
        body = QHBoxLayout()
        body.addWidget(self.controls_scroll)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._top_row())
        layout.addWidget(self.error_label)
        layout.addLayout(body, 1)

        self.controller.updated.connect(self._schedule_redraw)
        self.controller.state_changed.connect(self._on_state)
        self.controller.failed.connect(self._show_error)
        train.config_changed.connect(self._show_config)
        model.params_changed.connect(self.controller.params_changed)
        model.params_changed.connect(lambda _k: self._update_status())
        model.functions_changed.connect(self._on_functions_changed)
        enabled = model.enabled_keys()[:MAX_RUNS]
        if train.config() == RaceConfig() and enabled:
            train.update(keys=tuple(enabled))  # a first race: the plotted functions
        self._show_config(train.config())
        self._on_state(self.controller.state())

    # -- building ------------------------------------------------------------------------
    def _top_row(self) -> QHBoxLayout:
        self.button_start = QPushButton(QCoreApplication.translate("TrainView", "Start"), self)
        self.button_start.setObjectName("button_train_start")
        self.button_start.setToolTip(
            QCoreApplication.translate(
                "TrainView", "Train every network until the last step, or pause"
            )
        )
        self.button_start.clicked.connect(self.controller.toggle)
        self.button_step = QPushButton(QCoreApplication.translate("TrainView", "Step"), self)
        self.button_step.setObjectName("button_train_step")
        self.button_step.setToolTip(
            QCoreApplication.translate("TrainView", "One training step of every network")
        )
        self.button_step.clicked.connect(self.controller.step)
        self.button_reset = QPushButton(QCoreApplication.translate("TrainView", "Reset"), self)
        self.button_reset.setObjectName("button_train_reset")
        self.button_reset.setToolTip(
            QCoreApplication.translate("TrainView", "Start again from the initial weights")
        )
        self.button_reset.clicked.connect(self.controller.reset)
        self.label_status = QLabel(self)
        self.label_status.setObjectName("label_train_status")
        row = QHBoxLayout()
        for button in (self.button_start, self.button_step, self.button_reset):
            row.addWidget(button)
        row.addWidget(self.label_status, 1)
        row.addWidget(QLabel(QCoreApplication.translate("TrainView", "Demonstrations:"), self))
        self.preset_buttons: dict[str, QPushButton] = {}
        for name, (title, tip) in preset_titles().items():
            button = QPushButton(title, self)
            button.setObjectName(f"button_train_preset_{name}")
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, n=name: self.apply_preset(n))
            row.addWidget(button)
            self.preset_buttons[name] = button
        return row

    def _build_controls(self) -> None:
        self.error_label = ErrorLabel("label_train_error", self)
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setVerticalSpacing(3)
        row = 0

        def add(label: str, widget: QWidget, tip: str = "") -> None:
            nonlocal row
            text = QLabel(label, box)
            text.setBuddy(widget)
            if tip:
                widget.setToolTip(tip)
            grid.addWidget(text, row, 0)
            grid.addWidget(widget, row, 1)
            row += 1

        self.combo_activations: list[QComboBox] = []
        for i in range(MAX_RUNS):
            combo = QComboBox(box)
            combo.setObjectName(f"combo_train_activation_{i + 1}")
            combo.currentIndexChanged.connect(lambda _i: self._on_activations())
            self.combo_activations.append(combo)
            add(QCoreApplication.translate("TrainView", "Run %1").replace("%1", str(i + 1)), combo)
        self.button_from_plot = QPushButton(
            QCoreApplication.translate("TrainView", "Race the plotted functions"), box
        )
        self.button_from_plot.setObjectName("button_train_from_plot")
        self.button_from_plot.setToolTip(
            QCoreApplication.translate("TrainView", "The first four functions shown on the plot")
        )
        self.button_from_plot.clicked.connect(self.race_enabled)
        grid.addWidget(self.button_from_plot, row, 0, 1, 2)
        row += 1
        self._fill_activation_combos()

        self.combo_dataset = QComboBox(box)
        self.combo_dataset.setObjectName("combo_train_dataset")
        self.combo_dataset.currentIndexChanged.connect(lambda _i: self._on_dataset())
        add(QCoreApplication.translate("TrainView", "Data"), self.combo_dataset)
        self.button_load_csv = QPushButton(
            QCoreApplication.translate("TrainView", "Load CSV…"), box
        )
        self.button_load_csv.setObjectName("button_train_load_csv")
        self.button_load_csv.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Your own data: columns x1, x2, class label (0, 1, …) or x, y (a curve)",
            )
        )
        self.button_load_csv.clicked.connect(self._ask_csv)
        grid.addWidget(self.button_load_csv, row, 1)
        row += 1
        err = self.error_label
        self.spin_points = int_box(
            box, "spin_train_points", 2, MAX_POINTS, lambda v: self._set(n_points=v), err
        )
        add(
            QCoreApplication.translate("TrainView", "Points"),
            self.spin_points,
            QCoreApplication.translate("TrainView", "Size of the built-in data set"),
        )
        self.spin_noise = number_box(
            box, "spin_train_noise", 0.0, 10.0, lambda v: self._set(noise=v), err, step=0.05
        )
        add(
            QCoreApplication.translate("TrainView", "Noise"),
            self.spin_noise,
            QCoreApplication.translate("TrainView", "How far the points scatter"),
        )
        self.spin_layers = int_box(
            box, "spin_train_layers", 1, MAX_LAYERS, lambda _v: self._on_network(), err
        )
        add(
            QCoreApplication.translate("TrainView", "Hidden layers"),
            self.spin_layers,
            QCoreApplication.translate("TrainView", "Hidden layers of the network (1–8)"),
        )
        self.spin_width = int_box(
            box, "spin_train_width", 1, MAX_WIDTH, lambda _v: self._on_network(), err
        )
        add(
            QCoreApplication.translate("TrainView", "Units per layer"),
            self.spin_width,
            QCoreApplication.translate("TrainView", "Units in each hidden layer (1–256)"),
        )
        self.combo_init = QComboBox(box)
        self.combo_init.setObjectName("combo_train_init")
        for key, text in zip(
            INITS,
            (
                QCoreApplication.translate("TrainView", "He"),
                QCoreApplication.translate("TrainView", "LeCun"),
                QCoreApplication.translate("TrainView", "Glorot"),
                QCoreApplication.translate("TrainView", "Edge of chaos"),
            ),
            strict=True,
        ):
            self.combo_init.addItem(text, key)
        self.combo_init.currentIndexChanged.connect(
            lambda _i: self._set(init=self.combo_init.currentData())
        )
        add(
            QCoreApplication.translate("TrainView", "Initialisation"),
            self.combo_init,
            QCoreApplication.translate(
                "TrainView",
                "Scale of the initial weights: √2, 1 or Glorot's over √fan-in, or χ₁ = 1",
            ),
        )
        self.combo_optimizer = QComboBox(box)
        self.combo_optimizer.setObjectName("combo_train_optimizer")
        self.combo_optimizer.addItem(QCoreApplication.translate("TrainView", "Adam"), "adam")
        self.combo_optimizer.addItem(
            QCoreApplication.translate("TrainView", "SGD, momentum 0.9"), "sgd"
        )
        self.combo_optimizer.currentIndexChanged.connect(
            lambda _i: self._set(optimizer=self.combo_optimizer.currentData())
        )
        add(
            QCoreApplication.translate("TrainView", "Optimiser"),
            self.combo_optimizer,
            QCoreApplication.translate("TrainView", "Can change while training"),
        )
        self.spin_learning_rate = number_box(
            box, "spin_train_learning_rate", 1e-6, 10.0,
            lambda v: self._set(learning_rate=v), err, step=0.001,
        )  # fmt: skip
        add(
            QCoreApplication.translate("TrainView", "Learning rate"),
            self.spin_learning_rate,
            QCoreApplication.translate("TrainView", "Can change while training"),
        )
        self.spin_batch = int_box(
            box, "spin_train_batch", 0, MAX_POINTS, lambda v: self._set(batch_size=v or None), err
        )
        self.spin_batch.setSpecialValueText(QCoreApplication.translate("TrainView", "all"))
        add(
            QCoreApplication.translate("TrainView", "Batch"),
            self.spin_batch,
            QCoreApplication.translate("TrainView", "Points per step; “all”: the whole set"),
        )
        self.spin_steps = int_box(
            box, "spin_train_steps", 1, MAX_STEPS, lambda v: self._set(steps=v), err
        )
        self.spin_steps.setSingleStep(100)
        add(
            QCoreApplication.translate("TrainView", "Steps"),
            self.spin_steps,
            QCoreApplication.translate("TrainView", "Where Start stops; can change while training"),
        )
        self.spin_seed = int_box(
            box, "spin_train_seed", 0, 2**31 - 1, lambda v: self._set(seed=v), err
        )
        add(
            QCoreApplication.translate("TrainView", "Seed"),
            self.spin_seed,
            QCoreApplication.translate(
                "TrainView", "The same seed: the same data, weights and batches"
            ),
        )
        self.combo_layer = QComboBox(box)
        self.combo_layer.setObjectName("combo_train_layer")
        self.combo_layer.currentIndexChanged.connect(lambda _i: self._redraw_layers())
        add(
            QCoreApplication.translate("TrainView", "Layers shown"),
            self.combo_layer,
            QCoreApplication.translate(
                "TrainView", "Dead units and gradient norms of every hidden layer, or of one"
            ),
        )
        files = QHBoxLayout()
        self.button_save_config = QPushButton(QCoreApplication.translate("TrainView", "Save…"), box)
        self.button_save_config.setObjectName("button_train_save_config")
        self.button_save_config.setToolTip(
            QCoreApplication.translate("TrainView", "Save this race's set-up as a small JSON file")
        )
        self.button_save_config.clicked.connect(self._ask_save_config)
        self.button_open_config = QPushButton(QCoreApplication.translate("TrainView", "Open…"), box)
        self.button_open_config.setObjectName("button_train_open_config")
        self.button_open_config.setToolTip(
            QCoreApplication.translate("TrainView", "Set up a race saved in a JSON file")
        )
        self.button_open_config.clicked.connect(self._ask_open_config)
        files.addWidget(self.button_save_config)
        files.addWidget(self.button_open_config)
        grid.addLayout(files, row, 0, 1, 2)
        row += 1
        grid.setRowStretch(row, 1)
        self.controls_scroll = QScrollArea(self)
        self.controls_scroll.setObjectName("scroll_train_controls")
        self.controls_scroll.setWidget(box)
        self.controls_scroll.setWidgetResizable(True)
        self.controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.controls_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        width = box.sizeHint().width() + self.controls_scroll.verticalScrollBar().sizeHint().width()
        self.controls_scroll.setFixedWidth(width + 4)

    def _fill_activation_combos(self) -> None:
        chosen = self._train.config().keys
        keys = list(REGISTRY)
        names = {key: translate(REGISTRY[key].name) for key in keys}
        for i, combo in enumerate(self.combo_activations):
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem("—", None)
                for key in keys:
                    combo.addItem(names[key], key)
                wanted = chosen[i] if i < len(chosen) else None
                index = combo.findData(wanted) if wanted is not None else 0
                combo.setCurrentIndex(max(index, 0))

    def _on_functions_changed(self, _added: list, removed: list) -> None:
        """Functions of your own came or went: the lists follow, a deleted one leaves the race."""
        keys = tuple(k for k in self._train.config().keys if k not in removed)
        if keys != self._train.config().keys:
            self.controller.pause()
            self._train.update(keys=keys or RaceConfig().keys)
        self._fill_activation_combos()

    # -- editing the configuration -------------------------------------------------------
    def _set(self, **changes) -> None:
        try:
            self._train.update(**changes)
        except ValueError as exc:
            self._show_error(str(exc))
            self._show_config(self._train.config())
            return
        self.error_label.hide()

    def _on_activations(self) -> None:
        keys = []
        for combo in self.combo_activations:
            key = combo.currentData()
            if key is not None and key not in keys:
                keys.append(key)
        if not keys:
            self._show_error(
                QCoreApplication.translate("TrainView", "Choose at least one activation")
            )
            self._show_config(self._train.config())
            return
        self._set(keys=tuple(keys))

    def _on_dataset(self) -> None:
        name = self.combo_dataset.currentData()
        if name is not None and name != self._train.config().dataset:
            self._set(dataset=name)

    def _on_network(self) -> None:
        self._set(hidden=(self.spin_width.value(),) * self.spin_layers.value())

    def race_enabled(self) -> None:
        """Race the functions shown on the plot (the first four)."""
        keys = self._model.enabled_keys()[:MAX_RUNS]
        if keys:
            self._set(keys=tuple(keys))
        else:
            self._show_error(
                QCoreApplication.translate("TrainView", "No function is shown on the plot")
            )

    def apply_preset(self, name: str) -> None:
        """Set up the demonstration ``name`` (a key of ``PRESETS``) and start it."""
        self.controller.pause()
        self._train.set_config(PRESETS[name])
        self.controller.reset()
        self.controller.start()

    def load_data_file(self, path: str) -> bool:
        """Race on the CSV file ``path``; a bad file's message in the error line and
        nothing changed. Whether it was taken. (Load Data… reads it on a worker.)"""
        return self._use_data_file(path, _checked_csv(path))

    def _use_data_file(self, path: str, problem: Exception | None) -> bool:
        if problem is not None:
            self._refuse(path, problem)
            return False
        self._set(dataset=CSV_DATASET, data_file=str(path))
        return True

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("TrainView", "Load Data"),
            "",
            QCoreApplication.translate("TrainView", "CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self._read_later(_checked_csv, path, self._use_data_file)

    def _read_later(self, read, path, use) -> None:
        """``use(path, read(path))`` once a worker has read the file (a CSV of 20 MB took
        0.8 s to check on the GUI thread); the file buttons wait meanwhile."""
        self._files_busy(True)
        self._reading = (path, use)
        self._reader.start(_read_task, read, path)

    def _on_read(self, result: object) -> None:
        self._files_busy(False)
        path, use = self._reading
        use(path, result)

    def _on_read_failed(self, message: str) -> None:  # (a bug: the readers report the rest)
        self._files_busy(False)
        self._refuse(self._reading[0], RuntimeError(message))

    def _drop_read(self) -> None:
        if self._reader.is_running():
            self._reader.cancel()
            self._files_busy(False)

    def _files_busy(self, busy: bool) -> None:
        for button in (self.button_load_csv, self.button_open_config):
            button.setEnabled(not busy)

    def reading(self) -> bool:
        """Whether a file chosen with Load Data… or Open… is being read."""
        return self._reader.is_running()

    def current_config(self) -> RaceConfig:
        """The configuration with the racing functions' current parameters (what a file
        keeps)."""
        config = self._train.config()
        return config.with_changes(params={k: self._model.params(k) for k in config.keys})

    def save_config_file(self, path: str | Path) -> Path:
        """Write the race's set-up as JSON, whole or not at all (``OSError``); a CSV beside
        the file or below it is named relative to it (the two can move together)."""
        return save_config(path, self.current_config())

    def open_config_file(self, path: str | Path) -> bool:
        """Set up the race saved in ``path`` (its functions' parameters too); a bad file's
        message in the error line and nothing changed. Whether it was taken. (Open… reads
        the file, and its CSV, on a worker.)"""
        return self._use_config(path, _checked_config(path))

    def _use_config(self, path: str | Path, read: RaceConfig | Exception) -> bool:
        try:
            if isinstance(read, Exception):
                raise read
            config = read
            trial = self._model.copy()  # every parameter checked before any is set
            for key in config.keys:
                if key not in REGISTRY:
                    raise ValueError(f"no activation {key!r} here")
                values = config.params.get(key, REGISTRY[key].defaults())
                known = {p.name for p in REGISTRY[key].params}
                unknown = sorted(set(values) - known)
                if unknown:
                    raise ValueError(f"{key} has no parameter {', '.join(unknown)}")
                trial.set_params(key, values)
        except (ValueError, OSError) as exc:
            self._refuse(path, exc)
            return False
        self.controller.pause()
        for key in config.keys:
            self._model.set_params(key, trial.params(key))
        self._train.set_config(config.with_changes(params={}))
        self.controller.reset()
        self.error_label.hide()
        return True

    def _ask_save_config(self) -> None:
        path = ask_json_path(
            self,
            QCoreApplication.translate("TrainView", "Save Race"),
            "race.json",
            QCoreApplication.translate("TrainView", "Race set-ups (*.json)"),
        )
        if path is None:
            return
        try:
            self.save_config_file(path)
        except OSError as exc:
            text = QCoreApplication.translate("TrainView", "Cannot save %1: %2")
            self._show_error(text.replace("%1", path.name).replace("%2", exc.strerror or str(exc)))

    def _ask_open_config(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("TrainView", "Open Race"),
            "",
            QCoreApplication.translate("TrainView", "Race set-ups (*.json);;All files (*)"),
        )
        if path:
            self._read_later(_checked_config, path, self._use_config)

    def _refuse(self, path: str | Path, exc: Exception) -> None:
        """A file that cannot be used: why, in the error line."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        text = QCoreApplication.translate("TrainView", "Cannot use %1: %2")
        self._show_error(text.replace("%1", Path(path).name).replace("%2", reason))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    # -- showing the configuration --------------------------------------------------------
    def _show_config(self, config: RaceConfig) -> None:
        for i, combo in enumerate(self.combo_activations):
            with QSignalBlocker(combo):
                key = config.keys[i] if i < len(config.keys) else None
                combo.setCurrentIndex(max(combo.findData(key), 0) if key is not None else 0)
        with QSignalBlocker(self.combo_dataset):
            self.combo_dataset.clear()
            for name, title in dataset_titles().items():
                self.combo_dataset.addItem(title, name)
            if config.data_file:
                self.combo_dataset.addItem(
                    QCoreApplication.translate("TrainView", "File: %1").replace(
                        "%1", Path(config.data_file).name
                    ),
                    CSV_DATASET,
                )
            self.combo_dataset.setCurrentIndex(self.combo_dataset.findData(config.dataset))
        builtin = config.dataset != CSV_DATASET
        for box, value in (
            (self.spin_points, config.n_points),
            (self.spin_layers, len(config.hidden)),
            (self.spin_width, config.hidden[0]),
            (self.spin_batch, config.batch_size or 0),
            (self.spin_steps, config.steps),
            (self.spin_seed, config.seed),
        ):
            with QSignalBlocker(box):
                box.setValue(value)
        for box, value in (
            (self.spin_noise, config.noise),
            (self.spin_learning_rate, config.learning_rate),
        ):
            with QSignalBlocker(box):
                box.setValue(value)
        self.spin_points.setEnabled(builtin)
        self.spin_noise.setEnabled(builtin)
        for combo, value in (
            (self.combo_init, config.init),
            (self.combo_optimizer, config.optimizer),
        ):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(combo.findData(value))
        with QSignalBlocker(self.combo_layer):
            shown = self.combo_layer.currentData()
            self.combo_layer.clear()
            self.combo_layer.addItem(QCoreApplication.translate("TrainView", "each layer"), 0)
            for layer in range(1, len(config.hidden) + 1):
                self.combo_layer.addItem(
                    QCoreApplication.translate("TrainView", "layer %1").replace("%1", str(layer)),
                    layer,
                )
            index = self.combo_layer.findData(shown)
            self.combo_layer.setCurrentIndex(max(index, 0))
        self._update_fair()

    def _update_fair(self) -> None:
        race = self.controller.race
        config = race.config if race is not None else self._train.config()
        n = race.inputs.shape[0] if race is not None else config.n_points
        if config.init == "edge_of_chaos":
            text = QCoreApplication.translate(
                "TrainView",
                "A fair race: the same %1 points, the same initial draws of the weights "
                "(scaled to each activation's edge of chaos) and the same batches for every "
                "run; only the activation differs. Cells: the predicted class (pale where "
                "unsure) and the share of points right.",
            )
        else:
            text = QCoreApplication.translate(
                "TrainView",
                "A fair race: the same %1 points, the same initial weights and the same "
                "batches for every run; only the activation differs. Cells: the predicted "
                "class (pale where unsure) and the share of points right.",
            )
        self.label_fair.setText(text.replace("%1", str(n)))

    # -- state -----------------------------------------------------------------------------
    def _on_state(self, state: str) -> None:
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
            self._schedule_redraw()

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

    def _schedule_redraw(self) -> None:
        if not self.isVisible():
            self._hidden_changes = True  # drawn when shown: nothing is drawn for a hidden tab
            return
        if self._redraw.isActive():
            return
        since = (time.monotonic() - self._last_draw) * 1000.0
        self._redraw.start(round(min(max(REDRAW_MS - since, 0.0), REDRAW_MS)))

    def _on_redraw_timer(self) -> None:
        """While training, one plot per tick (a tick's work stays small beside a frame of
        the main plot), each still every ``REDRAW_MS`` (the regions every other time);
        otherwise all at once."""
        if not self.isVisible():  # closed since it was scheduled: drawn when shown again
            self._hidden_changes = True
            return
        if self.controller.state() != "running":
            self.redraw()
            return
        plots = list(self.plots().values())
        plot = plots[self._turn % len(plots)]
        if plot is self.plot_regions and (self._turn // len(plots)) % 2:
            plot = None  # the regions (a forward pass of every cell's pixels) every other turn
        self._turn += 1
        if plot is None:
            self._redraw.start(REDRAW_MS // len(plots))
            return
        with self.controller.reading():
            self._update(plot)
        if plot is self.plot_loss:
            self._update_texts()
        self._redraw.start(REDRAW_MS // len(plots))

    def refresh(self) -> None:
        """Build the race if there is none yet, and draw (the panel's refresh)."""
        self._hidden_changes = False
        self.controller.ensure_race()
        self.redraw()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._hidden_changes or self.controller.race is None:
            QTimer.singleShot(0, self.refresh)

    def redraw(self) -> None:
        """Draw every plot from the race's numbers now."""
        self._redraw.stop()
        # The worker waits meanwhile (blocked, it leaves the interpreter to this thread
        # instead of taking turns with it at every Qt call).
        with self.controller.reading():
            for plot in self.plots().values():
                self._update(plot)
        self._update_texts()
        self._last_draw = time.monotonic()

    def _update_texts(self) -> None:
        """The status, the fairness line and the layer key."""
        self._update_status()
        self._update_fair()
        self._update_layer_key()

    def _redraw_layers(self) -> None:
        self.plot_dead.redraw()
        self.plot_gradient.redraw()
        self._update_layer_key()

    def _update_layer_key(self) -> None:
        entries = _layer_entries(len(self._layers()))
        self.label_layers.setText("   ".join(f"{STYLE_GLYPHS[s]} {t}" for s, t in entries))

    def stop(self, msecs: int = 5000) -> bool:
        """Stop training and the pictures, and wait for the workers (on closing)."""
        self.pictures.stop(0)
        self._reader.cancel()
        deadline = time.monotonic() + max(msecs, 0) / 1000.0
        stopped = self.controller.stop(msecs)
        return (
            self.pictures.stop(ms_left(deadline))
            and self._reader.wait(ms_left(deadline))
            and stopped
        )

    # -- plots -------------------------------------------------------------------------------
    def plots(self) -> dict[str, LabPlot]:
        return {
            "train_loss": self.plot_loss,
            "train_regions": self.plot_regions,
            "train_dead": self.plot_dead,
            "train_gradient": self.plot_gradient,
        }

    def _place_plots(self, force: bool = False) -> None:
        """One row of four plots in a wide area, two by two otherwise."""
        area = self.plots_area
        columns = 4 if area.width() > 2.6 * max(area.height(), 1) else 2
        if columns == self._columns and not force:
            return
        self._columns = columns
        order = (self.plot_loss, self.plot_regions, self.plot_dead, self.plot_gradient)
        for plot in order:
            self._grid.removeWidget(plot)
        for i, plot in enumerate(order):
            self._grid.addWidget(plot, i // columns, i % columns)
        for c in range(4):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)

    def run_colors(self, race: Race, theme: str) -> list[str]:
        """A colour per run, by its place in the race (the same in every session, whatever
        the main plot shows): vermillion, green, purple and black (light grey in the dark
        theme); never the classes' orange and blue."""
        return [theme_color(RUN_SLOTS[i], theme) for i in range(len(race.runs))]

    def _signature(self, plot: LabPlot) -> tuple:
        extra = ()
        if plot is self.plot_regions:
            extra = self._cells(plot)[:2]
        elif plot in (self.plot_dead, self.plot_gradient):
            extra = tuple(self._layers())
        return (self.controller.serial, plot.theme(), plot.line_width(), extra)

    def _on_screen(self, plot: LabPlot) -> bool:
        """Whether ``plot`` is drawn for the screen (not an export, nor an export's copy)."""
        return plot in self.plots().values() and not plot.is_exporting()

    def _keep(self, plot: LabPlot, items: list) -> None:
        if plot in self.plots().values():
            self._live[plot.objectName()] = (self._signature(plot), items)

    def _update(self, plot: LabPlot) -> None:
        """New data into the plot's items, or the plot built anew if its make-up changed."""
        kept = self._live.get(plot.objectName())
        if kept is None or kept[0] != self._signature(plot):
            plot.redraw()
            return
        items = kept[1]
        if plot is self.plot_regions:
            self._update_cells(plot, items)
            return
        if plot is self.plot_loss:
            lines = self._loss_lines()
        else:
            lines = self._layer_lines(dead=plot is self.plot_dead)
        for item, (x, y, _color, _style) in zip(items, lines, strict=True):
            item.setData(x, y)

    def _loss_lines(self) -> list[tuple]:
        race = self.controller.race
        out = []
        for run in race.runs if race is not None else ():
            steps, loss = thinned(run.loss)
            keep = np.isfinite(loss)
            out.append((steps[keep], np.maximum(loss[keep], 1e-300), run, 0))
        return out

    def _layer_lines(self, dead: bool) -> list[tuple]:
        race = self.controller.race
        out = []
        layers = self._layers()
        for run in race.runs if race is not None else ():
            values = run.dead_fraction if dead else run.gradient_norm
            for j, layer in enumerate(layers):
                steps, column = thinned(values[:, layer])
                keep = np.isfinite(column)
                y = column[keep] * 100.0 if dead else np.maximum(column[keep], 1e-300)
                out.append((steps[keep], y, run, _layer_style(j, len(layers))))
        return out

    def _draw_lines(self, plot: LabPlot, lines: list[tuple]) -> list:
        race = self.controller.race
        colors = dict(zip(race.runs, self.run_colors(race, plot.theme()), strict=True))
        return [plot.plot(x, y, pen=plot.pen(colors[run], style)) for x, y, run, style in lines]

    def _draw_loss(self, plot: LabPlot) -> None:
        with self.controller.reading():
            self._draw_loss_now(plot)

    def _draw_loss_now(self, plot: LabPlot) -> None:
        race = self.controller.race
        if race is None:
            return
        items = self._draw_lines(plot, self._loss_lines())
        # Losses fall from the top left: the bottom left corner stays free.
        wide = plot.width() > 330 * plot.devicePixelRatioF() or plot.is_exporting()
        legend = plot.legend("bottom-left", 2 if len(items) > 2 and wide else 1)
        legend.clear()
        for item, run in zip(items, race.runs, strict=True):
            legend.addItem(item, translate(run.act.name))
        self._keep(plot, items)

    def _layers(self) -> list[int]:
        race = self.controller.race
        layers = len(race.config.hidden) if race is not None else 0
        chosen = self.combo_layer.currentData() or 0
        return [chosen - 1] if 0 < chosen <= layers else list(range(layers))

    def _draw_layer_plot(self, plot: LabPlot, corner: str, dead: bool) -> None:
        # (``dead`` from the drawer: an export's copy is not self.plot_dead)
        if self.controller.race is None:
            return
        items = self._draw_lines(plot, self._layer_lines(dead))
        layers = self._layers()
        entries = _layer_entries(len(layers))
        # On screen the key is a line under the plots (a legend would cover the lines of
        # these small plots); an exported figure carries it as a legend.
        if len(entries) > 1 and not self._on_screen(plot):
            legend = plot.legend(corner, 1)
            legend.clear()
            grey = plot.colors().foreground
            for style, text in entries:
                legend.addItem(pg.PlotDataItem([], [], pen=plot.pen(grey, style)), text)
        self._keep(plot, items)

    def _draw_dead(self, plot: LabPlot) -> None:
        with self.controller.reading():
            self._draw_layer_plot(plot, "top-left", dead=True)  # dead shares start low
        plot.getPlotItem().setYRange(0.0, 100.0, padding=0.05)

    def _draw_gradient(self, plot: LabPlot) -> None:
        with self.controller.reading():
            self._draw_layer_plot(plot, "bottom-left", dead=False)

    def _cells(self, plot: LabPlot) -> tuple[int, float, float]:
        """(columns, gap, title band) of the small multiples, in cell units."""
        race = self.controller.race
        n = len(race.runs) if race is not None else 1
        wide = plot.width() > 1.6 * max(plot.height(), 1)  # 16:9 included
        columns = n if (wide or n <= 2) else 2
        rows = math.ceil(n / columns)
        # Room for a title line above each cell: its text height in cell units.
        cell_px = min(plot.width() / max(columns, 1), plot.height() / rows) * 0.85
        text_px = 2.4 * plot.fontMetrics().height()  # two lines
        title = min(0.8, max(0.25, text_px / max(cell_px, 1.0)))
        return columns, round(title, 2), 0.12

    def _draw_regions(self, plot: LabPlot) -> None:
        with self.controller.reading():
            self._draw_regions_now(plot)

    def _draw_regions_now(self, plot: LabPlot) -> None:
        race = self.controller.race
        if race is None:
            return
        item = plot.getPlotItem()  # (an export's copy too) no axes: cells in their own units
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(False, False)
        item.getViewBox().setAspectLocked(True)
        colors = self.run_colors(race, plot.theme())
        columns, title, gap = self._cells(plot)
        x, y = race.inputs, race.targets
        box = data_box(x, y, race.classify)
        items = []
        for i, (run, color) in enumerate(zip(race.runs, colors, strict=True)):
            ox = (i % columns) * (1.0 + gap)
            oy = -(i // columns) * (1.0 + gap + title)
            if race.classify:
                shown = pg.ImageItem()
                plot.addItem(shown)
                self._class_points(plot, x, y, box, ox, oy)
            else:
                self._curve_points(plot, x, y, box, ox, oy)
                shown = plot.plot([], [], pen=plot.pen(color))
            frame = pg.PlotDataItem(
                [ox, ox + 1, ox + 1, ox, ox], [oy, oy, oy + 1, oy + 1, oy],
                pen=plot.pen(plot.colors().foreground),
            )  # fmt: skip
            plot.addItem(frame)
            label = plot.text("", color=color, anchor=(0, 1))
            label.setPos(ox, oy + 1.0 + 0.02)
            items.append((run, shown, label, box, ox, oy))
        self._update_cells(plot, items)
        rows = math.ceil(len(race.runs) / columns)
        plot.getPlotItem().getViewBox().setRange(
            xRange=(0.0, columns + (columns - 1) * gap),
            yRange=(-(rows - 1) * (1.0 + gap + title), 1.0 + title),
            padding=0.02,
        )
        self._keep(plot, items)

    def _on_pictures(self) -> None:
        """New pictures from the worker: into the region cells (nothing else redrawn)."""
        kept = self._live.get(self.plot_regions.objectName())
        if kept is not None and kept[0] == self._signature(self.plot_regions):
            self._update_cells(self.plot_regions, kept[1], ask=False)

    def _pictures_for(self, plot: LabPlot, ask: bool) -> RacePictures | None:
        """The pictures to draw on ``plot``: on screen the worker's newest (asking for
        the present step's), in an export those at its size, computed now if they are
        quick (else the screen's)."""
        race, serial = self.controller.race, self.controller.serial
        if race is None:
            return None
        if self._on_screen(plot):
            if ask:
                self.pictures.want(race, serial, REGION_PIXELS)
            return self.pictures.latest(serial, REGION_PIXELS)
        pixels = EXPORT_REGION_PIXELS
        if forward_cost(race.runs, pixels**2) <= EXPORT_NOW_COST:
            box = data_box(race.inputs, race.targets, race.classify)
            return race_pictures(race.runs, box, pixels, PictureWorker.tag(race, serial, pixels))
        return self.pictures.latest(serial, REGION_PIXELS)

    def _update_cells(self, plot: LabPlot, items: list, ask: bool = True) -> None:
        pictures = self._pictures_for(plot, ask)
        shown_runs = pictures.runs if pictures is not None else [None] * len(items)
        for (run, shown, label, (lo, hi), ox, oy), picture in zip(items, shown_runs, strict=True):
            if picture is None:
                label.setText(self._cell_title(run, None))
                continue
            if run.classify:
                shown.setImage(self._region_image(plot, picture), autoLevels=False)
                shown.setRect(ox, oy, 1.0, 1.0)  # (relative to the image's size)
            else:
                u = np.linspace(lo[0], hi[0], picture.fitted.size)
                keep = np.isfinite(picture.fitted)
                shown.setData(
                    ox + (u[keep] - lo[0]) / (hi[0] - lo[0]),
                    oy + np.clip((picture.fitted[keep] - lo[1]) / (hi[1] - lo[1]), 0.0, 1.0),
                )
            label.setText(self._cell_title(run, picture))

    def _cell_title(self, run, picture: RunPicture | None) -> str:
        name = translate(run.act.name)
        if run.diverged:
            return (
                QCoreApplication.translate("TrainView", "%1\ndiverged at %2")
                .replace("%1", name)
                .replace("%2", str(run.steps))
            )
        if run.steps == 0:
            return name
        if run.classify:
            if picture is None or picture.steps == 0:
                return f"{name}\n…"  # (being computed)
            return f"{name}\n{percent(round(picture.accuracy, 3))}"
        return f"{name}\n{fmt(float(run.loss[-1]), 2)}"

    def _region_image(self, plot: LabPlot, picture: RunPicture) -> np.ndarray:
        """RGB pixels of the predicted class over the data's box, paler where unsure."""
        p = picture.probabilities
        pixels = round(math.sqrt(p.shape[0]))
        k = p.shape[1]
        classes = np.array([QColor(c).getRgb()[:3] for c in CLASS_COLORS[:k]], dtype=float)
        background = np.array(QColor(plot.colors().background).getRgb()[:3], dtype=float)
        winner = np.argmax(p, axis=1)
        strength = np.clip((p.max(axis=1) - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
        strength = np.where(np.isfinite(strength), strength, 0.0)
        alpha = (0.15 + 0.45 * strength)[:, None]
        rgb = background + alpha * (classes[winner] - background)
        return np.clip(rgb, 0, 255).astype(np.ubyte).reshape(pixels, pixels, 3)

    def _class_points(self, plot: LabPlot, x, y, box, ox: float, oy: float) -> None:
        lo, hi = box
        scaled = (x - lo) / (hi - lo)
        edge = pg.mkPen(plot.colors().background)
        for label in range(int(y.max()) + 1):
            mine = y == label
            points = pg.ScatterPlotItem(
                ox + scaled[mine, 0], oy + scaled[mine, 1], size=plot.symbol_size(4.0),
                brush=pg.mkBrush(CLASS_COLORS[label]), pen=edge,
            )  # fmt: skip
            plot.addItem(points)

    def _curve_points(self, plot: LabPlot, x, y, box, ox: float, oy: float) -> None:
        lo, hi = box
        points = pg.ScatterPlotItem(
            ox + (x[:, 0] - lo[0]) / (hi[0] - lo[0]),
            oy + np.clip((y - lo[1]) / (hi[1] - lo[1]), 0.0, 1.0),
            size=plot.symbol_size(3.0), brush=pg.mkBrush(plot.colors().foreground), pen=None,
        )  # fmt: skip
        plot.addItem(points)

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


def _checked_csv(path: str | Path) -> Exception | None:
    """Why the CSV file ``path`` cannot be raced on, or None (read whole: Qt-free)."""
    try:
        load_csv(path)
    except (ValueError, OSError) as exc:
        return exc
    return None


def _checked_config(path: str | Path) -> RaceConfig | Exception:
    """The race set-up saved in ``path`` with its CSV checked, or why it cannot be used."""
    try:
        config = read_config(path)
        if config.dataset == CSV_DATASET:
            load_csv(config.data_file)
    except (ValueError, OSError) as exc:
        return exc
    return config


def _read_task(read, path, **_worker):
    """A worker's task: ``read(path)``."""
    return read(path)

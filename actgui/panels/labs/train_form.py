"""The Train tab's form: the race's set-up (activations, data, network, optimiser, steps,
seed) in controls that edit the :class:`~actgui.training.TrainModel`, and follow it.

Every edit goes through ``TrainModel.update``; a value it refuses shows its reason in
the error line and the controls go back to the set-up. Files (Load CSV…, Save…,
Open…) are :class:`~actgui.panels.labs.train_files.TrainFiles`' business.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.analysis.race import CSV_DATASET, DRAWN_DATASET, MAX_RUNS, RaceConfig, shown_points
from actgui.analysis.trainer import MAX_LAYERS, MAX_POINTS, MAX_STEPS, MAX_WIDTH
from actgui.i18n import translate, translated_error, translated_text
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel
from actgui.panels.labs.common import int_box, number_box, push_button
from actgui.panels.labs.train_files import TrainFiles
from actgui.panels.labs.train_inputs import InputControls
from actgui.panels.labs.train_names import init_titles
from actgui.training import RaceController, TrainModel

#: The init combo's entry for a race with an initialisation per run.
PER_RUN = "per_run"


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
        DRAWN_DATASET: QCoreApplication.translate("TrainView", "Your own points (drawn)"),
    }


class TrainForm(QScrollArea):
    """The set-up's controls, in a column that scrolls; its error line (``error_label``)
    is placed by the view."""

    #: "Layers shown" changed.
    layer_chosen = Signal()

    def __init__(
        self,
        model: ExplorerModel,
        train: TrainModel,
        controller: RaceController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scroll_train_controls")
        self._model = model
        self._train = train
        self._controller = controller
        self.error_label = ErrorLabel("label_train_error", self)
        self.files = TrainFiles(
            model, train, controller, self, self._set, self.show_error,
            self.error_label.hide, self._files_busy,
        )  # fmt: skip
        self._build_controls()
        train.config_changed.connect(self.show_config)
        model.functions_changed.connect(self._on_functions_changed)
        self.show_config(train.config())

    def chosen_layer(self) -> int:
        """The hidden layer chosen under "Layers shown" (from 1), or 0 for every one."""
        return self.combo_layer.currentData() or 0

    def _files_busy(self, busy: bool) -> None:
        for button in (self.button_load_csv, self.button_open_config):
            button.setEnabled(not busy)

    # -- building ------------------------------------------------------------------------
    def _build_controls(self) -> None:
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
        self.button_from_plot = push_button(
            box,
            QCoreApplication.translate("TrainView", "Race the plotted functions"),
            "button_train_from_plot",
            QCoreApplication.translate("TrainView", "The first four functions shown on the plot"),
            self.race_enabled,
        )
        grid.addWidget(self.button_from_plot, row, 0, 1, 2)
        row += 1
        self._fill_activation_combos()

        self.combo_dataset = QComboBox(box)
        self.combo_dataset.setObjectName("combo_train_dataset")
        self.combo_dataset.currentIndexChanged.connect(lambda _i: self._on_dataset())
        add(QCoreApplication.translate("TrainView", "Data"), self.combo_dataset)
        self.button_load_csv = push_button(
            box,
            QCoreApplication.translate("TrainView", "Load CSV…"),
            "button_train_load_csv",
            QCoreApplication.translate(
                "TrainView",
                "Your own data: columns x1, x2, class label (0, 1, …) or x, y (a curve)",
            ),
            self.files.ask_csv,
        )
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
        self.inputs = inputs = InputControls(box, self._set, self._train.config, err)
        add(QCoreApplication.translate("TrainView", "Trained on"), inputs.spin_training_share)
        add(QCoreApplication.translate("TrainView", "Inputs"), inputs.features)
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
            QCoreApplication.translate("TrainView", "Units in every hidden layer (1–256)"),
        )
        add(QCoreApplication.translate("TrainView", "Widths"), inputs.edit_hidden)
        self.combo_init = QComboBox(box)
        self.combo_init.setObjectName("combo_train_init")
        for key, text in init_titles().items():
            self.combo_init.addItem(text, key)
        self.combo_init.currentIndexChanged.connect(self._on_init)
        add(
            QCoreApplication.translate("TrainView", "Initialisation"),
            self.combo_init,
            QCoreApplication.translate(
                "TrainView",
                "Scale of the initial weights: √2, 1 or Glorot's over √fan-in, or χ₁ = 1; "
                "Gaussian, or orthogonal matrices at the χ₁ = 1 scale",
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
        add(QCoreApplication.translate("TrainView", "L1 rate"), inputs.spin_l1)
        add(QCoreApplication.translate("TrainView", "L2 rate"), inputs.spin_l2)
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
        self.combo_layer.currentIndexChanged.connect(lambda _i: self.layer_chosen.emit())
        add(
            QCoreApplication.translate("TrainView", "Layers shown"),
            self.combo_layer,
            QCoreApplication.translate(
                "TrainView", "Dead units and gradient norms of every hidden layer, or of one"
            ),
        )
        files = QHBoxLayout()
        self.button_save_config = push_button(
            box,
            QCoreApplication.translate("TrainView", "Save…"),
            "button_train_save_config",
            QCoreApplication.translate("TrainView", "Save this race's set-up as a small JSON file"),
            self.files.ask_save_config,
        )
        self.button_open_config = push_button(
            box,
            QCoreApplication.translate("TrainView", "Open…"),
            "button_train_open_config",
            QCoreApplication.translate("TrainView", "Set up a race saved in a JSON file"),
            self.files.ask_open_config,
        )
        files.addWidget(self.button_save_config)
        files.addWidget(self.button_open_config)
        grid.addLayout(files, row, 0, 1, 2)
        row += 1
        grid.setRowStretch(row, 1)
        self.setWidget(box)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Every control in it is a Tab stop, and it scrolls to the one with focus: no
        # stop of its own.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        width = box.sizeHint().width() + self.verticalScrollBar().sizeHint().width()
        self.setFixedWidth(width + 4)

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
        """Functions of your own came or went: the lists follow (a deleted one has left the
        race already: ``TrainModel.drop_functions``, wired by the window)."""
        self._fill_activation_combos()

    # -- editing the configuration -------------------------------------------------------
    def _set(self, **changes) -> None:
        try:
            self._train.update(**changes)
        except ValueError as exc:
            self.show_error(translated_error(exc))
            self.show_config(self._train.config())
            return
        self.error_label.hide()

    def _on_activations(self) -> None:
        config = self._train.config()
        runs: list[tuple[str, str]] = []  # (key, init)
        for i, combo in enumerate(self.combo_activations):
            key = combo.currentData()
            # In a race with an initialisation per run, each run keeps its own (a new one
            # takes the race's); elsewhere a function races once.
            init = config.inits[i] if i < len(config.inits) else config.init
            taken = runs if config.inits else [(k, init) for k, _ in runs]
            if key is not None and (key, init) not in taken:
                runs.append((key, init))
        keys = [key for key, _ in runs]
        if not keys:
            self.show_error(
                QCoreApplication.translate("TrainView", "Choose at least one activation")
            )
            self.show_config(self._train.config())
            return
        if config.inits:
            self._set(keys=tuple(keys), inits=tuple(init for _, init in runs))
        else:
            self._set(keys=tuple(keys))

    def _on_init(self, _index: int) -> None:
        init = self.combo_init.currentData()
        if init != PER_RUN:  # (the per-run entry stands for the demonstration's own)
            self._set(init=init)

    def _on_dataset(self) -> None:
        name = self.combo_dataset.currentData()
        config = self._train.config()
        if name == DRAWN_DATASET and config.points is None:
            # Drawing starts from the points shown (a CSV file's: those of its race).
            self._set(dataset=name, points=shown_points(config, self._controller.race))
        elif name is not None and name != config.dataset:
            self._set(dataset=name)

    def _on_network(self) -> None:
        """Layers: the widths kept, a new layer as wide as the last; units: every layer."""
        hidden, layers = self._train.config().hidden, self.spin_layers.value()
        if layers != len(hidden):
            self._set(hidden=(hidden + (hidden[-1],) * layers)[:layers])
        else:
            self._set(hidden=(self.spin_width.value(),) * layers)

    def race_enabled(self) -> None:
        """Race the functions shown on the plot (the first four)."""
        keys = self._model.enabled_keys()[:MAX_RUNS]
        if keys:
            self._set(keys=tuple(keys))
        else:
            self.show_error(
                QCoreApplication.translate("TrainView", "No function is shown on the plot")
            )

    def show_error(self, message: str) -> None:
        """``message`` in the error line (translated if it is a message of the Qt-free
        layers: a race that could not be built)."""
        self.error_label.setText(translated_text(message))
        self.error_label.show()

    # -- showing the configuration --------------------------------------------------------
    def show_config(self, config: RaceConfig) -> None:
        """Every control set to ``config`` (none of them reacting)."""
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
        builtin = config.dataset not in (CSV_DATASET, DRAWN_DATASET)
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
        self.inputs.show(config)
        self.spin_points.setEnabled(builtin)
        self.spin_noise.setEnabled(builtin)
        with QSignalBlocker(self.combo_init):
            per_run = self.combo_init.findData(PER_RUN)
            if config.inits and per_run < 0:
                text = QCoreApplication.translate("TrainView", "One per run")
                self.combo_init.addItem(text, PER_RUN)
            elif not config.inits and per_run >= 0:
                self.combo_init.removeItem(per_run)
            init = PER_RUN if config.inits else config.init
            self.combo_init.setCurrentIndex(self.combo_init.findData(init))
        with QSignalBlocker(self.combo_optimizer):
            self.combo_optimizer.setCurrentIndex(self.combo_optimizer.findData(config.optimizer))
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

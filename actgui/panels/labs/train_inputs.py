"""The Train form's Playground controls: the share of points trained on (the rest held
out for testing), the network's input features, a width per hidden layer ("16, 8, 4")
and the L1/L2 rates (which apply to a race in progress, like the learning rate).

:class:`InputControls` makes the widgets and follows the set-up; the form places them in
its grid and hands its ``set`` (``TrainModel.update`` with the refusal shown).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QSpinBox, QWidget

from actgui.analysis.datasets import DATASETS_1D
from actgui.analysis.features import FEATURES, FEATURES_1D
from actgui.analysis.race_config import DRAWN_DATASET, RaceConfig
from actgui.analysis.trainer import MAX_LAYERS, MAX_PENALTY, MAX_WIDTH
from actgui.panels import ErrorLabel
from actgui.panels.labs.common import int_box, number_box
from actgui.panels.numbers import NumberBox

#: How each feature reads on its toggle, and the end of its objectName.
FEATURE_TITLES = {
    "x1": ("x₁", "x1"),
    "x2": ("x₂", "x2"),
    "x1^2": ("x₁²", "x1_squared"),
    "x2^2": ("x₂²", "x2_squared"),
    "x1*x2": ("x₁x₂", "x1_x2"),
    "sin(x1)": ("sin x₁", "sin_x1"),
    "sin(x2)": ("sin x₂", "sin_x2"),
}


def widths_text(hidden: tuple[int, ...]) -> str:
    """The widths as the field shows them: "16, 8, 4"."""
    return ", ".join(map(str, hidden))


def parse_widths(text: str) -> tuple[int, ...] | None:
    """ "16, 8, 4" (commas, semicolons or spaces between) as widths, or None unless it is 1
    to ``MAX_LAYERS`` whole numbers from 1 to ``MAX_WIDTH``."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not 1 <= len(parts) <= MAX_LAYERS or not all(p.isdecimal() and len(p) <= 4 for p in parts):
        return None
    widths = tuple(int(p) for p in parts)
    return widths if all(1 <= w <= MAX_WIDTH for w in widths) else None


def one_dimensional(config: RaceConfig) -> bool:
    """Whether ``config``'s data has x only (a curve to fit), as far as the set-up says (a
    CSV file's columns are known when it is read: every feature is offered)."""
    if config.dataset in DATASETS_1D:
        return True
    return config.dataset == DRAWN_DATASET and bool(config.points) and len(config.points[0]) == 2


class InputControls:
    """The widgets; ``set(**changes)`` edits the set-up (its refusal shown in ``error``),
    ``current()`` is the set-up."""

    def __init__(
        self,
        parent: QWidget,
        set: Callable[..., None],
        current: Callable[[], RaceConfig],
        error: ErrorLabel,
    ) -> None:
        self._set = set
        self._current = current
        self._error = error
        self.spin_training_share: QSpinBox = int_box(
            parent, "spin_train_training_share", 10, 100, self._on_share, error
        )
        self.spin_training_share.setSuffix(" %")
        self.spin_training_share.setSingleStep(10)
        self.spin_training_share.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "The share of the points trained on; the others are held out to test "
                "(the same for every run, from the seed). 100 %: no test set.",
            )
        )
        self.edit_hidden = QLineEdit(parent)
        self.edit_hidden.setObjectName("edit_train_hidden")
        self.edit_hidden.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "The units of each hidden layer, first to last: 16, 8, 4 (1 to 8 layers of "
                "1 to 256 units)",
            )
        )
        self.edit_hidden.editingFinished.connect(self._on_widths)
        self.features = QWidget(parent)
        self.features.setObjectName("train_features")
        grid = QGridLayout(self.features)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        self.feature_checks: dict[str, QCheckBox] = {}
        for i, name in enumerate(FEATURES):
            text, slug = FEATURE_TITLES[name]
            check = QCheckBox(text, self.features)
            check.setObjectName(f"check_train_feature_{slug}")
            check.setAccessibleName(
                QCoreApplication.translate("TrainView", "Input feature %1").replace("%1", text)
            )
            check.toggled.connect(lambda _on: self._on_features())
            grid.addWidget(check, i // 4, i % 4)
            self.feature_checks[name] = check
        self.features.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "What the network sees of each point: its coordinates, their squares, their "
                "product, their sines (as in TensorFlow Playground)",
            )
        )
        self.spin_l1: NumberBox = self._penalty_box(parent, "spin_train_l1", "l1")
        self.spin_l2: NumberBox = self._penalty_box(parent, "spin_train_l2", "l2")
        self.spin_l1.setToolTip(
            QCoreApplication.translate(
                "TrainView", "L1 rate: adds rate × Σ|w| to the loss; can change while training"
            )
        )
        self.spin_l2.setToolTip(
            QCoreApplication.translate(
                "TrainView", "L2 rate: adds rate × Σw² to the loss; can change while training"
            )
        )

    def _penalty_box(self, parent: QWidget, name: str, field: str) -> NumberBox:
        box = number_box(
            parent, name, 0.0, MAX_PENALTY, lambda v: self._set(**{field: v}), self._error,
            step=0.001,
        )  # fmt: skip
        return box

    # -- edits -------------------------------------------------------------------------------
    def _on_share(self, percent: int) -> None:
        self._set(test_fraction=round(1.0 - percent / 100.0, 2))

    def _on_widths(self) -> None:
        widths = parse_widths(self.edit_hidden.text())
        if widths is None:
            self._error.setText(
                QCoreApplication.translate(
                    "TrainView",
                    "Hidden layers: 1 to 8 whole numbers from 1 to 256, one per layer, as in "
                    "16, 8, 4",
                )
            )
            self._error.show()
            return
        self._set(hidden=widths)

    def _on_features(self) -> None:
        # (the features of x₂ keep their state while 1-D data leaves them out)
        chosen = tuple(n for n, c in self.feature_checks.items() if c.isChecked())
        if not chosen:
            self._error.setText(
                QCoreApplication.translate("TrainView", "Choose at least one input feature")
            )
            self._error.show()
            self.show(self._current())
            return
        self._set(features=chosen)

    # -- following the set-up ------------------------------------------------------------
    def show(self, config: RaceConfig) -> None:
        """Every control set to ``config`` (none of them reacting)."""
        with QSignalBlocker(self.spin_training_share):
            self.spin_training_share.setValue(round(100 * (1.0 - config.test_fraction)))
        with QSignalBlocker(self.edit_hidden):
            self.edit_hidden.setText(widths_text(config.hidden))
        flat = one_dimensional(config)
        for name, check in self.feature_checks.items():
            with QSignalBlocker(check):
                check.setChecked(name in config.features)
                check.setEnabled(not flat or name in FEATURES_1D)
        for box, value in ((self.spin_l1, config.l1), (self.spin_l2, config.l2)):
            with QSignalBlocker(box):
                box.setValue(value)

"""Initialisation gains for every enabled function, side by side with PyTorch's
(issue "Why the choice matters", part 4)."""

from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.deferred import Deferred, Failed
from actgui.i18n import translate
from actgui.model import ExplorerModel
from actgui.panels import name_from_labels
from actgui.panels.labs.common import CopyTable, exact_text, fmt

#: Fields of InitGains, in the table's order.
FIELDS = ("forward", "backward", "edge_of_chaos_sigma_w", "pytorch")
DEFAULT_FAN_IN = 256
MAX_FAN_IN = 1_000_000


class GainsView(QWidget):
    """The gains table, as gains or as the ``std`` they give for a fan-in; a Copy button."""

    def __init__(
        self,
        model: ExplorerModel,
        parent: QWidget | None = None,
        deferred: Deferred | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("view_gains")
        self._model = model
        #: Where the numbers come from (a function of your own's: from a worker).
        self.deferred = deferred if deferred is not None else Deferred(self)
        self._text_color = lambda key: "#000000"
        self._headers: list[str] = []

        self.combo_show = QComboBox(self)
        self.combo_show.setObjectName("combo_gains_show")
        self.combo_show.addItem(self.tr("gains"), "gain")
        self.combo_show.addItem(self.tr("std = gain / √fan_in"), "std")
        self.combo_show.currentIndexChanged.connect(lambda _i: self.refresh())
        self.spin_fan_in = QSpinBox(self)
        self.spin_fan_in.setObjectName("spin_fan_in")
        self.spin_fan_in.setRange(1, MAX_FAN_IN)
        self.spin_fan_in.setValue(DEFAULT_FAN_IN)
        self.spin_fan_in.setKeyboardTracking(False)
        self.spin_fan_in.setToolTip(self.tr("Inputs per unit of the layer being initialised"))
        self.spin_fan_in.valueChanged.connect(lambda _v: self.refresh())
        self.button_copy = QPushButton(self.tr("Copy Table"), self)
        self.button_copy.setObjectName("button_copy_gains")
        self.button_copy.setToolTip(
            self.tr("Copy the whole table, every digit, as tab-separated text")
        )
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show"), self))
        row.addWidget(self.combo_show)
        row.addWidget(QLabel(self.tr("fan_in"), self))
        row.addWidget(self.spin_fan_in)
        row.addStretch(1)
        row.addWidget(self.button_copy)

        self.table = CopyTable("table_gains", self)
        self.table.setAccessibleName(self.tr("Init gains"))
        self.button_copy.clicked.connect(lambda: self.table.copy_selection(everything=True))
        self.table.setColumnCount(1 + len(FIELDS))
        self.caption = QLabel(self)
        self.caption.setObjectName("label_gains_caption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setText(
            self.tr(
                "Forward: keeps E[x²] of a layer's input from layer to layer, 1/√E[f(z)²]. "
                "Backward: keeps the gradient's size, 1/√E[f′(z)²] (z ~ N(0, 1) for both). "
                "Edge of chaos: σ_w with χ₁ = 1 at σ_b = 0, the deepest trainable scale "
                "(none for saturating functions that never reach it). PyTorch: "
                "torch.nn.init.calculate_gain, only for the functions it knows; it mixes "
                "definitions (tanh's 5/3, SELU's empirical 3/4). kaiming_normal_-style "
                "initialisation draws weights N(0, std²) with std = gain / √fan_in."
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.caption)
        name_from_labels(self)

    def set_text_colors(self, text_color) -> None:
        """Names in the table in ``text_color(key)``."""
        self._text_color = text_color
        self.table.forget_rows()

    def plots(self) -> dict:
        """No plot here."""
        return {}

    def shows_std(self) -> bool:
        """Whether the cells are std = gain/√fan_in (else the gains)."""
        return self.combo_show.currentData() == "std"

    def headers(self) -> list[str]:
        """Column titles, each with its definition."""
        if self.shows_std():
            return [
                self.tr("Function"),
                self.tr("std, forward gain"),
                self.tr("std, backward gain"),
                self.tr("std, edge of chaos"),
                self.tr("std, PyTorch gain"),
            ]
        return [
            self.tr("Function"),
            self.tr("Forward 1/√E[f(z)²]"),
            self.tr("Backward 1/√E[f′(z)²]"),
            self.tr("Edge of chaos σ_w (σ_b = 0)"),
            self.tr("PyTorch calculate_gain"),
        ]

    def values(self, latest: bool = False) -> list[tuple[str, list[float | None] | None]]:
        """(key, the four numbers shown) for every enabled function (None while the worker
        computes them; with ``latest``, the last ones it gave meanwhile)."""
        divide = math.sqrt(self.spin_fan_in.value()) if self.shows_std() else 1.0
        out: list[tuple[str, list[float | None] | None]] = []
        for key in self._model.enabled_keys():
            gains = self.deferred.get("gains", key, self._model.params(key))
            if gains is None and latest:
                gains = self.deferred.latest("gains", key)
            if gains is None or isinstance(gains, Failed):
                out.append((key, None if gains is None else [None] * len(FIELDS)))
                continue
            out.append(
                (
                    key,
                    [None if (v := getattr(gains, f)) is None else v / divide for f in FIELDS],
                )
            )
        return out

    def refresh(self) -> None:
        """Recompute the table for the enabled functions and their parameters."""
        shown = [
            (
                key,
                translate(REGISTRY[key].name),
                [(fmt(v), exact_text(v)) for v in values]
                if values is not None
                else [("…", "")] * len(FIELDS),
            )
            for key, values in self.values(latest=True)
        ]
        headers = self.headers()
        if headers != self._headers:
            self._headers = headers
            self.table.setHorizontalHeaderLabels(headers)
        with QSignalBlocker(self.table):
            self.table.show_rows(shown, self._text_color)

    def table_rows(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows for a CSV: keys and every digit."""
        header = ["key"] + [f"{'std_' if self.shows_std() else ''}{field}" for field in FIELDS]
        rows = [
            [key] + [exact_text(v) for v in (values or [None] * len(FIELDS))]
            for key, values in self.values()
        ]
        return header, rows

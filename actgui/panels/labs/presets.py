"""The Depth tab's σ_w presets: He's and LeCun's scales, and the edge of chaos of the
selected function at the current σ_b (found by the ``Deferred`` worker: a function of
your own can take seconds)."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from actgui.activations import REGISTRY
from actgui.deferred import Deferred, Failed
from actgui.i18n import translate
from actgui.labs import SIGMA_W_RANGE, LabModel
from actgui.model import ExplorerModel
from actgui.panels.labs.common import fmt, focus_key


class NetworkPresets(QObject):
    """Three buttons (children of ``parent``, which lays them out) that set the lab's σ_w;
    "no edge of chaos" is said on ``error_label``."""

    def __init__(
        self,
        model: ExplorerModel,
        lab: LabModel,
        deferred: Deferred,
        error_label: QLabel,
        parent: QWidget,
    ):
        super().__init__(parent)
        self._model = model
        self._lab = lab
        self._deferred = deferred
        self._error_label = error_label
        deferred.ready.connect(lambda: self._go_to_edge())
        self._want_edge: tuple | None = None  # the edge of chaos asked for, not yet known

        self.button_he = QPushButton(self.tr("He (σ_w² = 2)"), parent)
        self.button_he.setObjectName("button_preset_he")
        self.button_he.setToolTip(self.tr("σ_w = √2: Kaiming He's scale for ReLU networks"))
        self.button_he.clicked.connect(lambda: lab.set_network(sigma_w=math.sqrt(2.0)))
        self.button_lecun = QPushButton(self.tr("LeCun/Glorot (σ_w² = 1)"), parent)
        self.button_lecun.setObjectName("button_preset_lecun")
        self.button_lecun.setToolTip(
            self.tr("σ_w = 1: LeCun's scale (Glorot's when fan-in equals fan-out)")
        )
        self.button_lecun.clicked.connect(lambda: lab.set_network(sigma_w=1.0))
        self.button_eoc = QPushButton(self.tr("Edge of chaos"), parent)
        self.button_eoc.setObjectName("button_preset_eoc")
        self.button_eoc.setToolTip(self.tr("σ_w with χ₁ = 1 for the selected function at this σ_b"))
        self.button_eoc.clicked.connect(self.go_to_edge_of_chaos)

    def buttons(self) -> tuple[QPushButton, ...]:
        """He, LeCun/Glorot, edge of chaos: in the order shown."""
        return self.button_he, self.button_lecun, self.button_eoc

    def go_to_edge_of_chaos(self) -> None:
        """σ_w on the selected function's edge of chaos at the current σ_b (a message if
        none), once the worker has found it (a function of your own can take seconds)."""
        key = focus_key(self._model)
        if key is None:
            return
        _w, sigma_b, _d = self._lab.network()
        self._want_edge = (key, self._model.params(key), sigma_b)
        self._go_to_edge()

    def _go_to_edge(self) -> None:
        if self._want_edge is None:
            return
        key, params, sigma_b = self._want_edge
        if key not in REGISTRY:
            self._want_edge = None
            return
        edge = self._deferred.get("edge", key, params, sigma_b)
        if edge is None:
            return  # (asked again when the worker's news comes)
        self._want_edge = None
        if isinstance(edge, Failed) or edge == ():
            edge = None
        if edge is None or not SIGMA_W_RANGE[0] <= edge[0] <= SIGMA_W_RANGE[1]:
            self._error_label.setText(
                self.tr("%1 has no edge of chaos at σ_b = %2 (χ₁ never reaches 1).")
                .replace("%1", translate(REGISTRY[key].name))
                .replace("%2", fmt(sigma_b, 4))
            )
            self._error_label.show()
            return
        self._error_label.hide()
        self._lab.set_network(sigma_w=edge[0])

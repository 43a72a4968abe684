"""Side panel generated from the registry: a checkbox per function, a spinbox per parameter.

The panel holds no state of its own. Each control writes to the model through
its setter and is updated back from the model's signals with its own signals
blocked, so a round trip never loops.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import ORDERS, REGISTRY, Param
from actgui.model import X_LIMIT, ExplorerModel
from actgui.palette import ORDER_LABELS, color_for

#: Most decimals a spinbox will grow to so that it shows the model's value exactly.
MAX_DECIMALS = 12


def decimals_for(value: float, base: int) -> int:
    """Fewest decimals ≥ ``base`` that represent ``value`` exactly (at most ``MAX_DECIMALS``)."""
    for d in range(base, MAX_DECIMALS + 1):
        if round(value, d) == value:
            return d
    return MAX_DECIMALS


def set_spin_value(spin: QDoubleSpinBox, value: float, base_decimals: int) -> None:
    """Show ``value`` in ``spin`` exactly, without emitting ``valueChanged``.

    ``QDoubleSpinBox`` rounds to its decimals, so they grow when the model
    holds a value with more digits than the parameter's usual resolution.
    """
    if spin.value() == value:
        return  # touching the spinbox now would reformat the text the user is typing
    with QSignalBlocker(spin):
        spin.setDecimals(decimals_for(value, base_decimals))
        spin.setValue(value)


def _swatch(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(color))
    return QIcon(pix)


def make_param_spinbox(key: str, param: Param, parent: QWidget | None = None) -> QDoubleSpinBox:
    """A spinbox for one parameter, named ``spin_<key>_<param>``, with its range and step."""
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(f"spin_{key}_{param.name}")
    spin.setRange(param.minimum, param.maximum)
    spin.setSingleStep(param.step)
    spin.setDecimals(param.decimals)
    spin.setKeyboardTracking(True)  # every keystroke updates the plot
    spin.setAccelerated(True)
    spin.setToolTip(param.description)
    spin.setAccessibleName(f"{REGISTRY[key].name} {param.name}")
    return spin


class ControlPanel(QWidget):
    """Checkboxes for functions and orders, spinboxes for parameters and the x-range."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("control_panel")
        self._model = model
        self._checks: dict[str, QCheckBox] = {}
        self._spins: dict[tuple[str, str], QDoubleSpinBox] = {}
        self._order_checks: dict[int, QCheckBox] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_functions())
        layout.addWidget(self._build_orders())
        layout.addWidget(self._build_x_range())
        layout.addStretch(1)

        model.enabled_changed.connect(self._on_enabled_changed)
        model.params_changed.connect(self._on_params_changed)
        model.order_changed.connect(self._on_order_changed)
        model.x_range_changed.connect(self._on_x_range_changed)
        self.sync_from_model()

    # -- construction ------------------------------------------------------
    def _build_functions(self) -> QGroupBox:
        box = QGroupBox(self.tr("Functions"), self)
        grid = QGridLayout(box)
        grid.setColumnStretch(2, 1)
        row = 0
        for key, act in REGISTRY.items():
            check = QCheckBox(act.name, box)
            check.setObjectName(f"check_{key}")
            check.setIcon(_swatch(color_for(key)))
            check.setToolTip(act.description)
            check.toggled.connect(lambda on, k=key: self._model.set_enabled(k, on))
            grid.addWidget(check, row, 0)
            self._checks[key] = check
            for param in act.params or ():
                label = QLabel(param.label, box)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                spin = make_param_spinbox(key, param, box)
                label.setBuddy(spin)
                spin.valueChanged.connect(
                    lambda v, k=key, n=param.name: self._on_spin_changed(k, n, v)
                )
                grid.addWidget(label, row, 1)
                grid.addWidget(spin, row, 2)
                self._spins[key, param.name] = spin
                row += 1
            if not act.params:
                row += 1
        return box

    def _build_orders(self) -> QGroupBox:
        box = QGroupBox(self.tr("Show"), self)
        column = QVBoxLayout(box)
        tips = {
            0: self.tr("Draw each function (solid line)"),
            1: self.tr("Draw each first derivative (dashed line)"),
            2: self.tr("Draw each second derivative (dotted line)"),
        }
        for order in ORDERS:
            check = QCheckBox(self.tr("Show %1").replace("%1", ORDER_LABELS[order]), box)
            check.setObjectName(f"check_show_d{order}")
            check.setToolTip(tips[order])
            check.toggled.connect(lambda on, o=order: self._model.set_order_shown(o, on))
            column.addWidget(check)
            self._order_checks[order] = check
        return box

    def _build_x_range(self) -> QGroupBox:
        box = QGroupBox(self.tr("x-range"), self)
        form = QFormLayout(box)
        self._x_spins: list[QDoubleSpinBox] = []
        for name, label in (("x_min", self.tr("From")), ("x_max", self.tr("To"))):
            spin = QDoubleSpinBox(box)
            spin.setObjectName(f"spin_{name}")
            spin.setRange(-X_LIMIT, X_LIMIT)
            spin.setDecimals(3)
            spin.setSingleStep(1.0)
            # Commit on Enter or focus-out: while typing, "-1" on the way to "-10"
            # would otherwise be rejected as a range that ends before it starts.
            spin.setKeyboardTracking(False)
            spin.setToolTip(self.tr("Left and right end of the plotted x-interval"))
            spin.valueChanged.connect(self._on_x_spin_changed)
            form.addRow(label, spin)
            self._x_spins.append(spin)
        self._x_error = QLabel(box)
        self._x_error.setObjectName("label_x_range_error")
        self._x_error.setStyleSheet("color: #b00020")
        self._x_error.setWordWrap(True)
        self._x_error.hide()
        form.addRow(self._x_error)
        return box

    # -- widget → model ----------------------------------------------------
    def _on_spin_changed(self, key: str, name: str, value: float) -> None:
        try:
            self._model.set_param(key, name, value)
        except ValueError:
            self._on_params_changed(key)  # show the model's (unchanged) value again

    def _on_x_spin_changed(self, _value: float) -> None:
        lo, hi = (s.value() for s in self._x_spins)
        try:
            self._model.set_x_range(lo, hi)
        except ValueError as exc:
            self._x_error.setText(str(exc))
            self._x_error.show()
            self._on_x_range_changed(*self._model.x_range())
        else:
            self._x_error.hide()

    # -- model → widget ----------------------------------------------------
    def sync_from_model(self) -> None:
        """Make every control show the model's current state."""
        for key in REGISTRY:
            self._on_enabled_changed(key, self._model.is_enabled(key))
            self._on_params_changed(key)
        for order in ORDERS:
            self._on_order_changed(order, self._model.is_order_shown(order))
        self._on_x_range_changed(*self._model.x_range())

    def _on_enabled_changed(self, key: str, enabled: bool) -> None:
        check = self._checks[key]
        with QSignalBlocker(check):
            check.setChecked(enabled)

    def _on_params_changed(self, key: str) -> None:
        for param in REGISTRY[key].params:
            set_spin_value(
                self._spins[key, param.name], self._model.param(key, param.name), param.decimals
            )

    def _on_order_changed(self, order: int, shown: bool) -> None:
        check = self._order_checks[order]
        with QSignalBlocker(check):
            check.setChecked(shown)

    def _on_x_range_changed(self, x_min: float, x_max: float) -> None:
        # Enough decimals to tell the ends apart at this zoom (not every digit a
        # mouse pan produces); what is shown is what a later edit commits.
        decimals = min(MAX_DECIMALS, max(3, 3 - math.floor(math.log10(x_max - x_min))))
        for spin, value in zip(self._x_spins, (x_min, x_max), strict=True):
            with QSignalBlocker(spin):
                spin.setDecimals(decimals)
                spin.setValue(value)

"""The side panel: the function list, the order toggles and the x-range.

Like every control here, it holds no state of its own (see ``function_panel``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import ORDERS
from actgui.model import (
    MAX_VANISHING_EPS,
    MIN_VANISHING_EPS,
    NUMBER_FORMATS,
    X_LIMIT,
    Y_LIMIT,
    ExplorerModel,
)
from actgui.panels import ErrorLabel, name_from_labels
from actgui.panels.functions import FunctionPanel, set_spin_value
from actgui.panels.numbers import NumberBox, digits_to_tell_apart
from actgui.style import ORDER_LABELS


class ControlPanel(QWidget):
    """Checkboxes for functions and orders, spinboxes for parameters and the x-range."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("control_panel")
        self._model = model
        self._order_checks: dict[int, QCheckBox] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_orders())
        layout.addWidget(self._build_ranges())
        functions = QGroupBox(self.tr("Functions"), self)
        inner = QVBoxLayout(functions)
        inner.setContentsMargins(4, 4, 4, 4)
        self.functions = FunctionPanel(model, functions)
        inner.addWidget(self.functions)
        layout.addWidget(functions)
        layout.addStretch(1)

        model.order_changed.connect(self._on_order_changed)
        model.x_range_changed.connect(self._on_model_x_range_changed)
        model.y_range_changed.connect(self._on_y_range_changed)
        model.auto_y_changed.connect(self._on_auto_y_changed)
        model.show_kinks_changed.connect(self._on_show_kinks_changed)
        model.vanishing_changed.connect(self._on_vanishing_changed)
        model.number_format_changed.connect(self._on_number_format_changed)
        self.sync_from_model()
        name_from_labels(self)

    # -- construction ------------------------------------------------------
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
        self._kinks_check = QCheckBox(self.tr("Mark kinks and jumps"), box)
        self._kinks_check.setObjectName("check_show_kinks")
        self._kinks_check.setToolTip(
            self.tr("Dots where a shown curve has a kink or jump; hover one for its exact value")
        )
        self._kinks_check.toggled.connect(self._model.set_show_kinks)
        column.addWidget(self._kinks_check)
        row = QHBoxLayout()
        self._shade_check = QCheckBox(self.tr("Shade vanishing gradient"), box)
        self._shade_check.setObjectName("check_shade_vanishing")
        self._shade_check.setToolTip(self.tr("Shade where |f′(x)| < ε for the selected function"))
        self._shade_check.toggled.connect(lambda on: self._model.set_vanishing(shade=on))
        self._eps_spin = QDoubleSpinBox(box)
        self._eps_spin.setObjectName("spin_vanishing_eps")
        self._eps_spin.setPrefix("ε = ")
        self._eps_spin.setDecimals(4)
        self._eps_spin.setRange(MIN_VANISHING_EPS, MAX_VANISHING_EPS)
        self._eps_spin.setSingleStep(0.005)
        self._eps_spin.setToolTip(self.tr("Gradient magnitude counted as vanishing"))
        self._eps_spin.valueChanged.connect(lambda v: self._model.set_vanishing(eps=v))
        row.addWidget(self._shade_check)
        row.addWidget(self._eps_spin)
        column.addLayout(row)
        row = QHBoxLayout()
        label = QLabel(self.tr("Compute in"), box)
        self._format_combo = QComboBox(box)
        self._format_combo.setObjectName("combo_number_format")
        label.setBuddy(self._format_combo)
        for fmt in NUMBER_FORMATS:
            text = self.tr("float64 (exact)") if fmt == "float64" else fmt
            self._format_combo.addItem(text, fmt)
        self._format_combo.setToolTip(
            self.tr(
                "Draw the curves as a kernel computes them in this number format: the "
                "input rounded to it and every operation too (zoom in to see the steps); "
                "the readout shows that value beside the exact one"
            )
        )
        self._format_combo.currentIndexChanged.connect(
            lambda i: self._model.set_number_format(self._format_combo.itemData(i))
        )
        row.addWidget(label)
        row.addWidget(self._format_combo, 1)
        column.addLayout(row)
        return box

    def _build_ranges(self) -> QGroupBox:
        box = QGroupBox(self.tr("Range"), self)
        box.setObjectName("group_range")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self._x_spins: list[QDoubleSpinBox] = []
        # Named for a screen reader: the labels beside them are "x" and "–".
        names = {
            "x_min": self.tr("x from"),
            "x_max": self.tr("x to"),
            "y_min": self.tr("y from"),
            "y_max": self.tr("y to"),
        }
        for column, name in ((1, "x_min"), (3, "x_max")):
            spin = QDoubleSpinBox(box)
            spin.setObjectName(f"spin_{name}")
            spin.setAccessibleName(names[name])
            spin.setRange(-X_LIMIT, X_LIMIT)
            spin.setDecimals(3)
            spin.setSingleStep(1.0)
            # Commit on Enter or focus-out: while typing, "-1" on the way to "-10"
            # would otherwise be rejected as a range that ends before it starts.
            spin.setKeyboardTracking(False)
            spin.setToolTip(self.tr("Left and right end of the plotted x-interval"))
            spin.valueChanged.connect(self._on_x_spin_changed)
            grid.addWidget(spin, 0, column)
            self._x_spins.append(spin)
        self._y_spins: list[NumberBox] = []
        for column, name in ((1, "y_min"), (3, "y_max")):
            spin = NumberBox(box)
            spin.setObjectName(f"spin_{name}")
            spin.setAccessibleName(names[name])
            spin.setRange(-Y_LIMIT, Y_LIMIT)
            spin.setToolTip(
                self.tr("Bottom and top of the plotted y-interval; editing one turns Auto off")
            )
            spin.valueChanged.connect(self._on_y_spin_changed)
            grid.addWidget(spin, 1, column)
            self._y_spins.append(spin)
        for row, name in enumerate(("x", "y")):
            grid.addWidget(QLabel(name, box), row, 0)
            grid.addWidget(QLabel("–", box), row, 2)
        self._auto_y = QCheckBox(self.tr("Auto"), box)
        self._auto_y.setObjectName("check_auto_y")
        self._auto_y.setToolTip(
            self.tr(
                "Fit y to the shown curves. Off: y stays where it is while parameters change "
                "(a pan or zoom by hand turns it off)"
            )
        )
        self._auto_y.toggled.connect(self._model.set_auto_y)
        grid.addWidget(self._auto_y, 1, 4)
        self._x_error = ErrorLabel("label_x_range_error", box)
        self._y_error = ErrorLabel("label_y_range_error", box)
        grid.addWidget(self._x_error, 2, 0, 1, 5)
        grid.addWidget(self._y_error, 3, 0, 1, 5)
        return box

    def set_curve_colors(self, curve_color, keys=None) -> None:
        """Swatches in ``curve_color(key)``: the plot's colours for its theme (only for
        ``keys`` if given)."""
        self.functions.set_curve_colors(curve_color, keys)

    # -- widget → model ----------------------------------------------------
    def _on_x_spin_changed(self, _value: float) -> None:
        lo, hi = (s.value() for s in self._x_spins)
        try:
            self._model.set_x_range(lo, hi)
        except ValueError:
            self._x_error.setText(
                self.tr("The x-range must go from a smaller to a larger number, within ±1e6.")
            )
            self._x_error.show()
            self._on_x_range_changed(*self._model.x_range())
        else:
            self._x_error.hide()

    def _on_y_spin_changed(self, _value: float) -> None:
        lo, hi = (s.value() for s in self._y_spins)
        try:
            self._model.set_y_range(lo, hi)
        except ValueError:
            self._on_y_range_changed(*self._model.y_range())  # the fields show the model again
            self._y_error.setText(
                self.tr("The y-range must go from a smaller to a clearly larger number.")
            )
            self._y_error.show()
        else:
            self._y_error.hide()
            self._model.set_auto_y(False)  # typed by hand: hold it

    # -- model → widget ----------------------------------------------------
    def sync_from_model(self) -> None:
        """Make every control show the model's current state."""
        self.functions.sync_from_model()
        for order in ORDERS:
            self._on_order_changed(order, self._model.is_order_shown(order))
        self._on_x_range_changed(*self._model.x_range())
        self._on_y_range_changed(*self._model.y_range())
        self._on_auto_y_changed(self._model.auto_y())
        self._on_show_kinks_changed(self._model.show_kinks())
        self._on_vanishing_changed(*self._model.vanishing())
        self._on_number_format_changed(self._model.number_format())

    def _on_number_format_changed(self, fmt: str) -> None:
        with QSignalBlocker(self._format_combo):
            self._format_combo.setCurrentIndex(self._format_combo.findData(fmt))

    def _on_show_kinks_changed(self, on: bool) -> None:
        with QSignalBlocker(self._kinks_check):
            self._kinks_check.setChecked(on)

    def _on_vanishing_changed(self, shade: bool, eps: float) -> None:
        with QSignalBlocker(self._shade_check):
            self._shade_check.setChecked(shade)
        set_spin_value(self._eps_spin, eps, 4)

    def _on_order_changed(self, order: int, shown: bool) -> None:
        check = self._order_checks[order]
        with QSignalBlocker(check):
            check.setChecked(shown)

    def _on_model_x_range_changed(self, x_min: float, x_max: float) -> None:
        self._x_error.hide()  # a valid range arrived (Reset View, a pan): the old error is moot
        self._on_x_range_changed(x_min, x_max)

    def _on_x_range_changed(self, x_min: float, x_max: float) -> None:
        # Enough decimals to tell the ends apart at this zoom (not every digit a
        # mouse pan produces); what is shown is what a later edit commits.
        decimals = min(12, max(3, 3 - math.floor(math.log10(x_max - x_min))))
        for spin, value in zip(self._x_spins, (x_min, x_max), strict=True):
            with QSignalBlocker(spin):
                spin.setDecimals(decimals)
                spin.setValue(value)

    def _on_y_range_changed(self, y_min: float, y_max: float) -> None:
        self._y_error.hide()  # a valid range arrived: the old message is moot
        digits = digits_to_tell_apart(y_min, y_max)
        step = 10.0 ** math.floor(math.log10(y_max - y_min)) / 10 if y_max > y_min else 0.1
        for spin, value in zip(self._y_spins, (y_min, y_max), strict=True):
            with QSignalBlocker(spin):
                spin.set_significant(digits)
                spin.setSingleStep(step)
                spin.setValue(value)

    def _on_auto_y_changed(self, on: bool) -> None:
        with QSignalBlocker(self._auto_y):
            self._auto_y.setChecked(on)


if __name__ == "__main__":  # python -m actgui.panels.controls
    from actgui.panels import preview

    preview(ControlPanel, (320, 700))

"""The dialog for a function of your own: a name and a formula, checked as you type, with a
live preview of f, f′ and f″ and the message that says what is wrong."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import Definition
from actgui.activations.custom import (
    PARAM_DEFAULT,
    PARAM_RANGE,
    float_trouble,
    formula_texts,
    key_for,
)
from actgui.activations.formula import FUNCTIONS
from actgui.analysis.sampling import curve_values, sample_grid
from actgui.panels import ErrorLabel
from actgui.plot.lab import LabPlot
from actgui.style import PLOT_COLORS

#: The preview's x-range and samples.
PREVIEW_X = np.linspace(-6.0, 6.0, 601)
#: Quiet time after a key press before the formula is checked again.
CHECK_MS = 120


class CustomDialog(QDialog):
    """Asks for a name and a formula; ``definition()`` is the accepted result."""

    def __init__(
        self,
        parent: QWidget | None = None,
        definition: Definition | None = None,
        theme: str = "light",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dialog_custom")
        editing = definition is not None
        self.setWindowTitle(
            self.tr("Edit Custom Activation") if editing else self.tr("New Custom Activation")
        )
        self._key = definition.key if editing else None
        # Each parameter's (minimum, maximum, default) as edited in the table.
        self._ranges: dict[str, tuple[float, float, float]] = (
            {n: (lo, hi, d) for n, lo, hi, d in definition.ranges} if editing else {}
        )
        self._act = None

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("edit_custom_name")
        self.name_edit.setPlaceholderText(self.tr("e.g. My Swish"))
        self.name_edit.setToolTip(self.tr("The name shown in the panels and the legend"))
        self.formula_edit = QLineEdit(self)
        self.formula_edit.setObjectName("edit_custom_expression")
        self.formula_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.formula_edit.setPlaceholderText("x * sigmoid(beta * x)")
        self.formula_edit.setToolTip(self.tr("A formula in x; other names become parameters"))
        self.formula_edit.setMinimumWidth(420)
        if editing:
            self.name_edit.setText(definition.name)
            self.formula_edit.setText(definition.expression)
        names = ", ".join(sorted(f for f in FUNCTIONS if f != "where"))
        self.help = QLabel(
            self.tr(
                "Numbers, x, + − * / ** and %1; where(x > 0, a, b) for pieces (at equality it "
                "takes b); the built-in functions by key, e.g. gelu(x). Any other name is a "
                "parameter (default 1, range ±100)."
            ).replace("%1", names),
            self,
        )
        self.help.setObjectName("label_custom_help")
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        small = QFont(self.help.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        self.help.setFont(small)
        self.error_label = ErrorLabel("label_custom_error", self)
        self.info = QLabel(self)
        self.info.setObjectName("label_custom_info")
        self.info.setTextFormat(Qt.TextFormat.PlainText)  # (quotes the formula)
        self.info.setWordWrap(True)
        self.params_table = QTableWidget(0, 4, self)
        self.params_table.setObjectName("table_custom_params")
        self.params_table.setHorizontalHeaderLabels(
            [self.tr("Parameter"), self.tr("Minimum"), self.tr("Maximum"), self.tr("Default")]
        )
        self.params_table.verticalHeader().hide()
        self.params_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.params_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.params_table.setToolTip(self.tr("Each parameter's range and default: type a number"))
        self.params_table.setMaximumHeight(110)
        self.params_table.cellChanged.connect(self._on_range_edited)
        self.plot = LabPlot("plot_custom_preview", "x", "", self)
        self.plot.set_theme(theme, redraw=False)
        self.plot.set_drawer(self._draw)
        self.plot.setMinimumHeight(200)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttons_custom")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("f(x) ="), self.formula_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info)
        layout.addWidget(self.params_table)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self.name_edit.textChanged.connect(lambda _t: self._timer.start())
        self.formula_edit.textChanged.connect(lambda _t: self._timer.start())
        self.check()

    # -- the result ------------------------------------------------------------------
    def definition(self) -> Definition:
        """What the fields say (the key kept when editing, made from the name otherwise)."""
        name = " ".join(self.name_edit.text().split())
        key = self._key or key_for(name or "custom")
        ranges = tuple((n, *r) for n, r in self._ranges.items() if n in self._shown_params())
        return Definition(key, name, self.formula_edit.text().strip(), ranges)

    def _shown_params(self) -> list[str]:
        return [self.params_table.item(r, 0).text() for r in range(self.params_table.rowCount())]

    def _show_params(self, names: list[str]) -> None:
        """One row per parameter of the formula, with its range (kept across edits)."""
        if names == self._shown_params():
            return
        table = self.params_table
        with QSignalBlocker(table):
            table.setRowCount(len(names))
            for row, name in enumerate(names):
                low, high, default = self._ranges.get(name, (*PARAM_RANGE, PARAM_DEFAULT))
                label = QTableWidgetItem(name)
                label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, 0, label)
                for col, value in enumerate((low, high, default), start=1):
                    table.setItem(row, col, QTableWidgetItem(f"{value:g}"))
        table.setVisible(bool(names))

    def _on_range_edited(self, row: int, _column: int) -> None:
        table = self.params_table
        name = table.item(row, 0).text()
        try:
            values = tuple(float(table.item(row, c).text().replace("−", "-")) for c in (1, 2, 3))
        except ValueError:
            self.error_label.setText(self.tr("%1: type numbers for its range").replace("%1", name))
            self.error_label.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self._ranges[name] = values
        self.check()

    def check(self) -> bool:
        """Check the fields now: message or preview; OK only when they are usable."""
        self._timer.stop()
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            if not self.formula_edit.text().strip():
                raise ValueError(self.tr("Type a formula in x."))
            definition = self.definition()
            if not definition.name:
                raise ValueError(self.tr("Give it a name."))
            # The table lists the formula's parameters before their ranges are applied.
            names = Definition(definition.key, definition.name, definition.expression).build()
            self._show_params([p.name for p in names.params])
            definition = self.definition()
            act = definition.build()
        except ValueError as exc:
            self._act = None
            self.error_label.setText(str(exc))
            self.error_label.show()
            self.info.clear()
            ok_button.setEnabled(False)
            self.plot.redraw()
            return False
        self._act = act
        self.error_label.hide()
        params = ", ".join(f"{p.name} = {p.default:g}" for p in act.params) or self.tr("none")
        kinks = ", ".join(f"{k:.6g}" for k in act.kinks()) or self.tr("none")
        self.info.setText(
            self.tr("Key: %1 · parameters: %2 · kinks: %3 · f′(x) = %4")
            .replace("%1", definition.key)
            .replace("%2", params)
            .replace("%3", kinks)
            .replace("%4", formula_texts(definition.expression)[1])
        )
        trouble = float_trouble(act)
        if trouble:
            where = ", ".join(f"{x:g}" for x in trouble[:4])
            self.info.setText(
                self.info.text()
                + "\n"
                + self.tr(
                    "Warning: in floating point f overflows at x = %1, where its exact value "
                    "is finite; rewrite the formula (e.g. softplus(x) for log(1 + exp(x)))."
                ).replace("%1", where)
            )
        ok_button.setEnabled(True)
        self.plot.redraw()
        return True

    def accept(self) -> None:
        if self.check():
            super().accept()

    def _draw(self, plot: LabPlot) -> None:
        if self._act is None:
            return
        item = plot.getPlotItem()
        colors = PLOT_COLORS[plot.theme()]
        plot.legend("top-left", columns=3)  # before the curves, which it lists
        act, params = self._act, self._act.defaults()
        # As the main plot samples: kinks exactly, a jump as a gap (NaN), not a vertical line.
        x = sample_grid(PREVIEW_X[0], PREVIEW_X[-1], PREVIEW_X.size, act.kinks(**params))
        for order, name in ((0, "f"), (1, "f′"), (2, "f″")):
            y = curve_values(act, order, x, params)
            y = np.where(np.isfinite(y), y, np.nan)
            curve = pg.PlotDataItem(
                x, y, pen=plot.pen(colors.foreground, order), connect="finite", name=name
            )
            item.addItem(curve)

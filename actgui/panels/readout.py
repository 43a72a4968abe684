"""The cursor readout: x and, per shown function, f(x), f′(x), f″(x) straight from the registry.

Values are computed at the cursor's exact x (never interpolated from the plotted
samples) and shown to ten significant figures (``text.values``). Where x sits on
a kink at which a derivative does not exist, the cell says so and shows the value
PyTorch uses. The table is refreshed once per pass of the event loop, and a
parameter change recomputes only that function's row.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import ORDERS, REGISTRY
from actgui.coalesce import Coalesced
from actgui.i18n import translate
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel, name_from_labels
from actgui.style import ORDER_LABELS, color_for
from actgui.text.values import cell_parts

#: Where a value cell keeps its whole text (the cell shows the value and a * for a note).
FULL_TEXT = Qt.ItemDataRole.UserRole + 1


class ReadoutPanel(QWidget):
    """x (typed or followed) and a table of exact values at the cursor."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readout_panel")
        self._model = model
        self._keys: tuple[str, ...] = ()
        self._curve_color = color_for
        self._typed: float | None = None  # the last x typed in (shown as typed)

        self.x_edit = QLineEdit(self)
        self.x_edit.setObjectName("edit_cursor_x")
        self.x_edit.setPlaceholderText(self.tr("move over the plot, or type x and press Enter"))
        self._x_tip = self.tr(
            "Type an exact x (e.g. 0, -1e-7, 3.5) and press Enter to pin the cursor there"
        )
        self.x_edit.setToolTip(self._x_tip)
        self.x_edit.returnPressed.connect(self._on_x_entered)
        self.pin_check = QCheckBox(self.tr("Pinned"), self)
        self.pin_check.setObjectName("check_cursor_pinned")
        self.pin_check.setToolTip(
            self.tr("A pinned cursor stays put; click the plot to pin, arrow keys to step")
        )
        self.pin_check.toggled.connect(self._on_pin_toggled)
        self.error_label = ErrorLabel("label_cursor_error", self)

        top = QHBoxLayout()
        top.addWidget(QLabel("x =", self))
        top.addWidget(self.x_edit, 1)
        top.addWidget(self.pin_check)
        self.table = QTableWidget(0, 1 + len(ORDERS), self)
        self.table.setObjectName("table_readout")
        self.table.setAccessibleName(self.tr("Values at the cursor"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Rows one line of text high: every shown function fits at 1366×768.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        # Every digit visible (a narrow dock scrolls sideways rather than cutting values).
        # Columns grow to fit a longer value when one appears (update_table); Qt's
        # ResizeToContents re-measured every row on each change, ~1.5 ms of a drag step.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Function")] + [ORDER_LABELS[o] for o in ORDERS]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table)
        self.note_label = QLabel(
            self.tr(
                "* Kink or jump: the value PyTorch (or actgui) takes there; hover for details."
            ),
            self,
        )
        self.note_label.setObjectName("label_readout_note")
        self.note_label.setWordWrap(True)
        self.note_label.hide()
        layout.addWidget(self.note_label)

        # Rows whose values must be recomputed (None: every row).
        self._stale: set[str] | None = None
        self._update = Coalesced(self.update_table, self)
        model.cursor_changed.connect(self._on_cursor_changed)
        model.enabled_changed.connect(self._mark_all)
        model.order_changed.connect(self._mark_all)
        model.number_format_changed.connect(self._mark_all)
        model.params_changed.connect(self._on_params_changed)
        self.update_table()
        name_from_labels(self)

    def preferred_height(self, rows: int = 8) -> int:
        """Height that shows ``rows`` functions, the x box and a two-line footnote (in this
        font: a Chinese font has taller lines)."""
        layout = self.layout()
        spacing = max(layout.spacing(), 0)
        margins = layout.contentsMargins()
        table = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
            + self.table.horizontalScrollBar().sizeHint().height()
        )
        note = 2 * self.note_label.fontMetrics().lineSpacing()
        top = max(self.x_edit.sizeHint().height(), self.pin_check.sizeHint().height())
        return margins.top() + margins.bottom() + top + table + note + 3 * spacing

    def set_curve_colors(self, curve_color) -> None:
        """Use ``curve_color(key)`` for function names (the plot's colours for its theme)."""
        self._curve_color = curve_color
        self._keys = ()  # rebuild the name cells
        self.update_table()

    def _on_cursor_changed(self) -> None:
        # The x box and the pin follow at once (cheap); the values once per pass.
        self.error_label.hide()  # the cursor moved: a message about a typed x is moot
        self._show_cursor()
        self._mark_all()

    def _show_cursor(self) -> None:
        x, pinned = self._model.cursor()
        with QSignalBlocker(self.pin_check):
            self.pin_check.setChecked(pinned)
        self.pin_check.setEnabled(x is not None)
        if not self.x_edit.hasFocus():
            self.x_edit.setText(x_text(x, self._typed))
            self.x_edit.setToolTip(self._x_tip if x is None else f"x = {x!r}\n{self._x_tip}")

    def _mark_all(self, *_args) -> None:
        self._stale = None
        self._update.request()

    def _on_params_changed(self, key: str) -> None:
        if self._stale is not None:
            self._stale.add(key)
        self._update.request()

    def rows(self) -> dict[str, list[str]]:
        """The table as text: key → [f, f′, f″] cells ("" for orders not shown)."""
        self._update.flush()
        out = {}
        for row in range(self.table.rowCount()):
            key = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            out[key] = [self.table.item(row, 1 + o).data(FULL_TEXT) or "" for o in ORDERS]
        return out

    def update_table(self) -> None:
        """Recompute the stale rows' values at the cursor (cheap: one x per function).

        Only cells whose text changes are touched, so a parameter drag with no
        cursor on the plot costs no repaint of the table.
        """
        stale, self._stale = self._stale, set()
        self._show_cursor()
        x, _ = self._model.cursor()
        keys = self._model.enabled_keys()
        orders = self._model.shown_orders()
        grow: set[int] = set()
        if keys != self._keys:
            stale = None
            grow = set(range(self.table.columnCount()))
            self._keys = keys
            self.table.setRowCount(len(keys))
            for row, key in enumerate(keys):
                name = QTableWidgetItem(translate(REGISTRY[key].name))
                name.setData(Qt.ItemDataRole.UserRole, key)
                name.setForeground(QColor(self._curve_color(key)))
                self.table.setItem(row, 0, name)
                for order in ORDERS:
                    self.table.setItem(row, 1 + order, QTableWidgetItem(""))
        tr = QCoreApplication.translate
        for row, key in enumerate(keys):
            if stale is not None and key not in stale:
                continue
            act = REGISTRY[key]
            params = self._model.params(key) if x is not None else {}
            for order in ORDERS:
                shown = x is not None and order in orders
                value, full = cell_parts(act, order, x, params, tr) if shown else ("", "")
                if shown and self._model.number_format() != "float64":
                    # Beside the exact value, the one computed in the plot's format.
                    value, full = (
                        f"{t}  ({in_format_text(act, order, x, params, self._model)})"
                        for t in (value, full)
                    )
                # A note (a kink, a jump) goes to the tooltip; the cell is marked *.
                text = full if full == value else f"{value} *"
                item = self.table.item(row, 1 + order)
                if item.data(FULL_TEXT) != full:
                    item.setData(FULL_TEXT, full)
                    item.setText(text)
                    item.setToolTip(full)
                    if self._text_width(text) > self.table.columnWidth(1 + order):
                        grow.add(1 + order)
        for order in ORDERS:
            hidden = order not in orders
            if self.table.isColumnHidden(1 + order) != hidden:
                self.table.setColumnHidden(1 + order, hidden)
                grow.add(1 + order)
        for column in sorted(grow):
            self.table.resizeColumnToContents(column)
        marked = any(
            self.table.item(row, 1 + order).text().endswith(" *")
            for row in range(self.table.rowCount())
            for order in orders
        )
        if self.note_label.isVisibleTo(self) != marked:
            self.note_label.setVisible(marked)

    def _text_width(self, text: str) -> int:
        """Pixels a cell needs for ``text`` (with the cell's margins)."""
        return self.table.fontMetrics().horizontalAdvance(text) + 12

    def _on_x_entered(self) -> None:
        text = self.x_edit.text().strip().replace("−", "-")
        try:
            x = float(text)
            if not math.isfinite(x):
                raise ValueError
        except ValueError:
            self.error_label.setText(self.tr("Not a finite number: %1").replace("%1", text))
            self.error_label.show()
            return
        self.error_label.hide()
        self._typed = x
        self._model.set_cursor(x, pinned=True)

    def _on_pin_toggled(self, pinned: bool) -> None:
        x, _ = self._model.cursor()
        self._model.set_cursor(x, pinned)


#: Significant digits of an x the mouse chose (a pixel is far coarser than this).
MOUSE_DIGITS = 7


def in_format_text(act, order: int, x: float, params, model: ExplorerModel) -> str:
    """ "float16: 0.731": the value as computed in the model's number format."""
    from actgui.analysis.formats import shortest
    from actgui.analysis.precision import evaluate_act_in

    fmt = model.number_format()
    y = evaluate_act_in(act, [x], fmt, order, **params)
    return f"{fmt}: {shortest(float(y[0]), fmt)}"


def x_text(x: float | None, typed: float | None) -> str:
    """The x box's text: an x typed in exactly as typed (its shortest repr), an x the mouse
    chose to ``MOUSE_DIGITS`` significant digits; the values are computed at the exact x."""
    if x is None:
        return ""
    if x == typed:
        return repr(x)
    text = f"{x:.{MOUSE_DIGITS}g}"
    return "0" if text == "-0" else text


if __name__ == "__main__":  # python -m actgui.panels.readout
    from actgui.panels import preview

    preview(ReadoutPanel, (420, 240), lambda m: m.set_cursor(-1.0, pinned=True))

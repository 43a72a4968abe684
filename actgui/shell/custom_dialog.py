"""The dialog for a function of your own: a name and a formula, checked as you type, with a
live preview of f, f′ and f″ and the message that says what is wrong.

The check (parsing, the derivatives, the kink search, the float-overflow probe in mpmath)
runs on a worker: its length is the formula's (a 94-character ``sin(exp(9*x)*…)`` took
20 s), and the window never waits for it. OK is enabled once the fields as they are now
have passed; pressing it while a check runs accepts when the check passes."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

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

from actgui.activations import Activation, Definition
from actgui.activations.custom import (
    PARAM_DEFAULT,
    PARAM_RANGE,
    float_trouble,
    formula_texts,
    key_for,
)
from actgui.activations.formula import FUNCTIONS
from actgui.analysis.sampling import curve_values, sample_grid
from actgui.i18n import translated_text
from actgui.panels import ErrorLabel
from actgui.plot.lab import LabPlot
from actgui.style import PLOT_COLORS
from actgui.text.messages import message_of
from actgui.worker import TaskRunner

#: The preview's x-range and samples.
PREVIEW_X = np.linspace(-6.0, 6.0, 601)
#: Kinks listed under the formula (the rest counted).
KINKS_LISTED = 8
#: Quiet time after a key press before the formula is checked again.
CHECK_MS = 120


@dataclass(frozen=True)
class Checked:
    """What the worker found for one set of fields."""

    #: The definition checked (its ranges those of ``names`` only).
    definition: Definition
    #: The formula's parameters, in order ([] if it could not be read).
    names: tuple[str, ...]
    #: The function, or None if refused (``message`` says why: in English, a
    #: :class:`~actgui.text.messages.Message` translated when it is shown).
    act: Activation | None
    message: str = ""
    #: f′ as text, and where f overflows in floats although it is finite.
    d1_text: str = ""
    trouble: tuple[float, ...] = ()
    #: The preview's samples and f, f′, f″ on them (computed here too: a formula with
    #: kinks everywhere took 80 ms to evaluate on the GUI thread).
    preview: tuple[np.ndarray, tuple[np.ndarray, ...]] | None = None
    #: Its kinks at the defaults, as the info line lists them.
    kinks: tuple[float, ...] = ()


def check_definition(
    key: str,
    name: str,
    expression: str,
    ranges: dict[str, tuple[float, float, float]],
    **_worker,
) -> Checked:
    """Build the function the fields describe (Qt-free, for the worker): its parameters,
    the function with the ranges given for them, f′'s text and the overflow probe."""
    bare = Definition(key, name, expression)
    try:
        names = tuple(p.name for p in bare.build().params)
    except ValueError as exc:
        return Checked(bare, (), None, message_of(exc))
    definition = Definition(
        key, name, expression, tuple((n, *ranges[n]) for n in names if n in ranges)
    )
    try:
        act = definition.build() if definition.ranges else bare.build()
        act.properties.measure_now()  # (here rather than when the details show them)
    except ValueError as exc:
        return Checked(definition, names, None, message_of(exc))
    kinks = act.kinks()
    return Checked(
        definition, names, act, "", formula_texts(expression)[1], tuple(float_trouble(act)),
        preview_curves(act, kinks), kinks,
    )  # fmt: skip


def preview_curves(
    act: Activation, kinks: tuple[float, ...]
) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """The preview's samples (as the main plot samples: kinks exactly) and f, f′, f″ at the
    defaults, NaN where not finite (a jump is a gap, not a vertical line)."""
    params = act.defaults()
    x = sample_grid(PREVIEW_X[0], PREVIEW_X[-1], PREVIEW_X.size, kinks)
    ys = []
    for order in (0, 1, 2):
        y = curve_values(act, order, x, params)
        ys.append(np.where(np.isfinite(y), y, np.nan))
    return x, tuple(ys)


class CustomDialog(QDialog):
    """Asks for a name and a formula; ``definition()`` is the accepted result."""

    def __init__(
        self,
        parent: QWidget | None = None,
        definition: Definition | None = None,
        theme: str = "light",
        runner: TaskRunner | None = None,
    ) -> None:
        """``runner``: the worker for the checks, owned by someone who outlives the
        dialog (a check still running when the dialog is deleted then ends harmlessly);
        the dialog's own if None."""
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
        self._act: Activation | None = None
        #: The curves of the last function that passed (kept while a range is retyped).
        self._preview: tuple | None = None
        #: The last check's result (None while one runs, or before the first).
        self._checked: Checked | None = None
        self._accepting = False
        self._runner = runner if runner is not None else TaskRunner(self)
        self._runner.finished.connect(self._on_checked)
        self._runner.failed.connect(self._on_check_failed)

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
            self._checked = None
            self._accepting = False
            self._timer.stop()
            self._runner.cancel()  # (a check of the values before must not cover this)
            self.error_label.setText(self.tr("%1: type numbers for its range").replace("%1", name))
            self.error_label.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self._ranges[name] = values
        self.check()

    def check(self) -> None:
        """Check the fields: at once what needs no work (a formula, a name), the rest on
        the worker; the message or the preview follows, and OK only when they passed."""
        self._timer.stop()
        self._act = None
        self._checked = None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        if not self.formula_edit.text().strip():
            self._refuse(self.tr("Type a formula in x."))
            return
        definition = self.definition()
        if not definition.name:
            self._refuse(self.tr("Give it a name."))
            return
        self.info.setText(self.tr("Checking…"))
        self._runner.start(
            check_definition,
            definition.key,
            definition.name,
            definition.expression,
            dict(self._ranges),
        )

    def checking(self) -> bool:
        """Whether a check is waiting for a pause in the typing or running."""
        return self._timer.isActive() or self._runner.is_running()

    def is_ok(self) -> bool:
        """Whether the fields as they are now have passed the check."""
        return (
            self._checked is not None
            and self._checked.act is not None
            and not self.checking()
            and self._checked.definition == self.definition()
        )

    def activation(self) -> Activation | None:
        """The function the check built for :meth:`definition` (None unless it passed)."""
        return self._checked.act if self.is_ok() else None

    def _refuse(self, message: str) -> None:
        self._act = None
        self._accepting = False
        self.error_label.setText(message)
        self.error_label.show()
        self.info.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.plot.redraw()

    def _on_check_failed(self, message: str) -> None:
        # (the builder raising anything else than its refusal: said, never raised)
        self._refuse(translated_text(message))

    def _on_checked(self, result: Checked) -> None:
        self._show_params(list(result.names))
        if result.act is None:
            self._refuse(translated_text(result.message))
            return
        if result.definition != self.definition():  # typed on meanwhile: check again
            self.check()
            return
        self._checked = result
        act = self._act = result.act
        self._preview = result.preview
        self.error_label.hide()
        params = ", ".join(f"{p.name} = {p.default:g}" for p in act.params) or self.tr("none")
        # The first few: a formula may kink thousands of times (the list pushed the preview
        # under the buttons).
        kinks = ", ".join(f"{k:.6g}" for k in result.kinks[:KINKS_LISTED]) or self.tr("none")
        if len(result.kinks) > KINKS_LISTED:
            kinks += ", " + self.tr("… %1 in all").replace("%1", str(len(result.kinks)))
        text = (
            self.tr("Key: %1 · parameters: %2 · kinks: %3 · f′(x) = %4")
            .replace("%1", result.definition.key)
            .replace("%2", params)
            .replace("%3", kinks)
            .replace("%4", result.d1_text)
        )
        if result.trouble:
            where = ", ".join(f"{x:g}" for x in result.trouble[:4])
            text += "\n" + self.tr(
                "Warning: in floating point f overflows at x = %1, where its exact value "
                "is finite; rewrite the formula (e.g. softplus(x) for log(1 + exp(x)))."
            ).replace("%1", where)
        self.info.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.plot.redraw()
        if self._accepting:
            self._accepting = False
            super().accept()

    def accept(self) -> None:
        """OK: accepted now if the fields passed, or once the running check passes."""
        if self.is_ok():
            super().accept()
            return
        self._accepting = True
        if not self._runner.is_running():
            self.check()

    def done(self, result: int) -> None:
        """Closing: a check still running is cancelled and nothing more is shown here."""
        self._timer.stop()
        self._runner.cancel()
        for signal, slot in (
            (self._runner.finished, self._on_checked),
            (self._runner.failed, self._on_check_failed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # (already disconnected)
                signal.disconnect(slot)
        super().done(result)

    def _draw(self, plot: LabPlot) -> None:
        if self._act is None or self._preview is None:
            return
        item = plot.getPlotItem()
        colors = PLOT_COLORS[plot.theme()]
        plot.legend("top-left", columns=3)  # before the curves, which it lists
        x, ys = self._preview
        for order, (name, y) in enumerate(zip(("f", "f′", "f″"), ys, strict=True)):
            curve = pg.PlotDataItem(
                x, y, pen=plot.pen(colors.foreground, order), connect="finite", name=name
            )
            item.addItem(curve)

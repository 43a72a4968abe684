"""Pieces the analysis views share: which function they focus on, number boxes bound to
the lab model, number formatting, and read-only tables that copy what is selected."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from actgui.i18n import translated_error
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel
from actgui.panels.numbers import NumberBox

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: Significant digits in the tables (the cells' tooltips and the CSV give all 17).
TABLE_DIGITS = 6


def focus_key(model: ExplorerModel) -> str | None:
    """The function a single-function view shows: the selected one if it is enabled,
    else the first enabled one; None when none is enabled."""
    enabled = model.enabled_keys()
    selected = model.selected_key()
    if selected in enabled:
        return selected
    return enabled[0] if enabled else None


def fmt(value: float | None, digits: int = TABLE_DIGITS) -> str:
    """A number for a table cell: ``digits`` significant figures, a true minus, ∞, — for None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    return f"{value:.{digits}g}".replace("-", "−")


def percent(p: float) -> str:
    """A probability as a percentage: "50 %", "0.0317 %", "0 %"."""
    if p == 0:
        return "0 %"
    if p == 1:
        return "100 %"
    return f"{100.0 * p:.4g} %"


def push_button(
    parent: QWidget, text: str, name: str, tip: str, clicked: Callable[[], object]
) -> QPushButton:
    """A button named ``name`` (tests and tools find it so), with its tooltip, that calls
    ``clicked``."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: clicked())
    return button


def number_box(
    parent: QWidget,
    name: str,
    lo: float,
    hi: float,
    apply: Callable[[float], None],
    error: ErrorLabel,
    step: float = 0.1,
) -> NumberBox:
    """A ``NumberBox`` named ``name`` whose committed value goes to ``apply``; a refused
    value shows ``apply``'s message in ``error`` and changes nothing."""
    box = NumberBox(parent, significant=6)
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setAccelerated(True)
    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("−0.000000") + 30)
    box.valueChanged.connect(lambda v: _apply(apply, v, error))
    return box


def int_box(
    parent: QWidget,
    name: str,
    lo: int,
    hi: int,
    apply: Callable[[int], None],
    error: ErrorLabel,
) -> QSpinBox:
    """A ``QSpinBox`` named ``name`` (committed on Enter or focus-out) bound to ``apply``."""
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setKeyboardTracking(False)
    box.setAccelerated(True)
    box.valueChanged.connect(lambda v: _apply(apply, v, error))
    return box


def network_boxes(
    parent: QWidget, lab, error: ErrorLabel, prefix: str
) -> tuple[NumberBox, NumberBox, QSpinBox]:
    """σ_w, σ_b and depth boxes bound to ``lab.set_network`` (named ``<prefix>_sigma_w``,
    ``<prefix>_sigma_b``, ``<prefix>_depth``), with their tooltips."""
    from actgui.labs import DEPTH_RANGE, SIGMA_B_RANGE, SIGMA_W_RANGE

    sigma_w = number_box(
        parent, f"{prefix}_sigma_w", *SIGMA_W_RANGE, lambda v: lab.set_network(sigma_w=v), error
    )
    sigma_b = number_box(
        parent, f"{prefix}_sigma_b", *SIGMA_B_RANGE, lambda v: lab.set_network(sigma_b=v),
        error, step=0.05,
    )  # fmt: skip
    depth = int_box(
        parent, f"{prefix}_depth", *DEPTH_RANGE, lambda v: lab.set_network(depth=v), error
    )
    sigma_w.setToolTip(QCoreApplication.translate("NetworkBoxes", "Weights ~ N(0, σ_w²/fan_in)"))
    sigma_b.setToolTip(QCoreApplication.translate("NetworkBoxes", "Biases ~ N(0, σ_b²)"))
    depth.setToolTip(QCoreApplication.translate("NetworkBoxes", "Number of layers"))
    return sigma_w, sigma_b, depth


def run_progress(parent: QWidget, runner, progress_name: str, stop_name: str):
    """A progress bar and a *Stop* button for ``runner``'s simulations (children of
    ``parent``, which lays them out): shown while a task runs, busy until it reports its
    steps; *Stop* cancels it."""
    progress = QProgressBar(parent)
    progress.setObjectName(progress_name)
    progress.setTextVisible(False)
    progress.hide()
    stop = QPushButton(QCoreApplication.translate("RunProgress", "Stop"), parent)
    stop.setObjectName(stop_name)
    stop.setToolTip(QCoreApplication.translate("RunProgress", "Stop the running simulation"))
    stop.hide()

    def on_progress(done: int, total: int) -> None:
        progress.setRange(0, total)
        progress.setValue(done)

    def on_running(running: bool) -> None:
        progress.setRange(0, 0)  # busy until the task reports its steps
        progress.setVisible(running)
        stop.setVisible(running)

    runner.progress.connect(on_progress)
    runner.running_changed.connect(on_running)
    stop.clicked.connect(runner.cancel)
    return progress, stop


def show_values(boxes, values) -> None:
    """Put ``values`` into the spin ``boxes`` without their signals (the model's own values
    coming back: no echo to the model)."""
    for box, value in zip(boxes, values, strict=True):
        with QSignalBlocker(box):
            box.setValue(value)


def _apply(apply: Callable, value, error: ErrorLabel) -> None:
    try:
        apply(value)
    except ValueError as exc:
        error.setText(translated_error(exc))
        error.show()
        return
    error.hide()


class CopyTable(QTableWidget):
    """A read-only table: cells are selected and copied (Ctrl+C, context menu) as
    tab-separated text with every digit (each cell's tooltip holds the full value)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.action_copy = QAction(self.tr("Copy"), self)
        self.action_copy.setObjectName(f"action_copy_{name}")
        self.action_copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.action_copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action_copy.triggered.connect(self.copy_selection)
        self.addAction(self.action_copy)
        self._keys: list[str] | None = None

    def show_rows(
        self,
        rows: list[tuple[str, str, list[tuple[str, str]]]],
        text_color: Callable[[str], str],
    ) -> None:
        """Show ``rows`` of (key, name, [(text, every digit) per cell]).

        Items are made only when the functions listed change; otherwise only the texts
        that differ are set (a new item per cell on every step of a drag cost ~10 ms, in
        re-layouts of the resizing columns).
        """
        keys = [key for key, _, _ in rows]
        if keys != self._keys or self.columnCount() != 1 + (len(rows[0][2]) if rows else 0):
            self._keys = keys
            self.setRowCount(len(rows))
            for r, (key, name, cells) in enumerate(rows):
                item = QTableWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setForeground(QColor(text_color(key)))
                self.setItem(r, 0, item)
                for c in range(len(cells)):
                    cell = QTableWidgetItem()
                    cell.setTextAlignment(RIGHT)
                    self.setItem(r, c + 1, cell)
        for r, (_key, _name, cells) in enumerate(rows):
            for c, (text, exact) in enumerate(cells, start=1):
                item = self.item(r, c)
                if item.text() != text:
                    item.setText(text)
                if item.data(Qt.ItemDataRole.UserRole) != exact:
                    item.setData(Qt.ItemDataRole.UserRole, exact)
                    item.setToolTip(exact or self.tr("does not exist"))

    def forget_rows(self) -> None:
        """Make the next :meth:`show_rows` build its items afresh (colours changed)."""
        self._keys = None

    def copy_selection(self, everything: bool = False) -> str:
        """Put the selected cells (all of them if none is selected, or ``everything``) on
        the clipboard, with the column titles; each value with all its digits. Returns
        the text."""
        cells = [] if everything else self.selectedIndexes()
        rows = sorted({i.row() for i in cells}) or list(range(self.rowCount()))
        cols = sorted({i.column() for i in cells}) or list(range(self.columnCount()))
        lines = ["\t".join(self.horizontalHeaderItem(c).text() for c in cols)]
        for r in rows:
            out = []
            for c in cols:
                item = self.item(r, c)
                exact = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
                out.append(exact if exact is not None else (item.text() if item else ""))
            lines.append("\t".join(out))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        return text


def exact_text(value: float | None) -> str:
    """Every digit of a value, for copying and CSV ("" where there is none)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return repr(float(value))


class _Column(QScrollArea):
    """A scroll area as wide as its content and a scroll bar, whatever the font (its
    content's minimum width follows the text)."""

    def _wide(self, size: QSize, content: QSize) -> QSize:
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.width() + bar + 2 * self.frameWidth(), size.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        inside = self.widget()
        hint = super().minimumSizeHint()
        return hint if inside is None else self._wide(hint, inside.minimumSizeHint())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        inside = self.widget()
        hint = super().sizeHint()
        return hint if inside is None else self._wide(hint, inside.sizeHint())


def scrolled_column(widget: QWidget, name: str, parent: QWidget) -> QScrollArea:
    """``widget`` in a frameless area that scrolls it when it is taller than the room (a
    wrapped text grows taller as a splitter narrows it: without the area it was drawn
    over its neighbours), or wider (a larger font, the splitter not yet moved). Every
    control in it is a Tab stop and the area scrolls to the one with focus: it has no
    stop of its own."""
    area = _Column(parent)
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area

"""Docked panels and side panels, each a thin view of the model (and the preferences).

Each panel module ends with a preview: ``python -m actgui.panels.<name>`` shows that
panel alone, on a fresh model (Orange's habit: one piece on screen, quick to look at).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QTabBar,
    QWidget,
)

#: Error text on a light and on a dark window (both ≥ 4.5:1 against it).
ERROR_COLORS = {"light": "#b00020", "dark": "#ff8a80"}


def ask_json_path(parent: QWidget, title: str, name: str, filters: str) -> Path | None:
    """A save-file dialog for a JSON file (``.json`` added when no extension was typed);
    None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, name, filters)
    if not path:
        return None
    path = Path(path)
    return path if path.suffix else path.with_suffix(".json")


def refresh_style_sheets(root: QWidget) -> None:
    """Re-apply the style sheets under ``root`` after the application palette changed.

    A widget with a style sheet keeps the palette it was polished with: after a switch
    to the dark theme, its ``palette(...)`` colours and its text stay light-theme
    (near-black names on a dark panel). Setting the sheet again polishes it afresh.
    """
    for widget in [root, *root.findChildren(QWidget)]:
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


class ErrorLabel(QLabel):
    """A message in red that stays readable in the dark theme too (hidden until used).

    Plain text: a message quotes what was typed ("unknown name '<b>'"), never markup.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._recolor()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolor()
        super().changeEvent(event)

    def _recolor(self) -> None:
        window = self.palette().color(QPalette.ColorRole.Window)
        color = ERROR_COLORS["dark" if window.lightness() < 128 else "light"]
        palette = self.palette()
        if palette.color(QPalette.ColorRole.WindowText) != QColor(color):
            palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
            self.setPalette(palette)


def name_from_labels(root: QWidget) -> list[QWidget]:
    """Give each control under ``root`` that Tab reaches and that has no accessible name
    one (a screen reader announces a control by it; Qt finds one by itself only for a
    button's text or a buddy label): the label just before it in its layout (its row
    label in a form, the cell on its left in a grid) becomes its buddy, so the name is
    that label's text; else its placeholder text or tooltip becomes its name. Returns
    the controls named.

    Call it once a panel is built; a control made later (or with a better name than
    these) gets ``setAccessibleName`` where it is made. A label with an ``&`` is passed
    over: as a buddy it would turn the ``&`` into a shortcut.
    """
    named = []
    for widget in root.findChildren(QWidget):
        if not _needs_name(widget):
            continue
        label = _label_before(widget)
        if label is not None:
            label.setBuddy(widget)
        else:
            text = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
            text = text or widget.toolTip()
            if not text:
                continue
            if GuiQt.mightBeRichText(text):
                text = QTextDocumentFragment.fromHtml(text).toPlainText()
            widget.setAccessibleName(text)
        named.append(widget)
    return named


def _needs_name(widget: QWidget) -> bool:
    if (
        not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        or widget.focusProxy() is not None
        or widget.accessibleName()
        or isinstance(widget, (QLabel, QTabBar))
        or (isinstance(widget, QAbstractButton) and widget.text())
    ):
        return False
    parent = widget.parentWidget()
    return parent is None or not any(
        label.buddy() is widget
        for label in parent.findChildren(QLabel, "", Qt.FindDirectChildrenOnly)
    )


def _label_before(widget: QWidget) -> QLabel | None:
    """The QLabel laid out just before ``widget`` (None if it is something else)."""
    parent = widget.parentWidget()
    layout = _layout_holding(parent.layout(), widget) if parent is not None else None
    if layout is None:
        return None
    before = None
    if isinstance(layout, QFormLayout):
        before = layout.labelForField(widget)
    elif isinstance(layout, QGridLayout):
        row, column, _, _ = layout.getItemPosition(layout.indexOf(widget))
        item = layout.itemAtPosition(row, column - 1) if column > 0 else None
        before = item.widget() if item is not None else None
    elif isinstance(layout, QBoxLayout):
        index = layout.indexOf(widget)
        before = layout.itemAt(index - 1).widget() if index > 0 else None
    if (
        isinstance(before, QLabel)
        and before.buddy() is None
        and any(c.isalnum() for c in before.text())
        and "&" not in before.text()
    ):
        return before
    return None


def _layout_holding(layout: QLayout | None, widget: QWidget) -> QLayout | None:
    """The layout (``layout`` or one nested in it) that holds ``widget`` itself."""
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        inner = layout.itemAt(i).layout()
        found = _layout_holding(inner, widget)
        if found is not None:
            return found
    return None


def preview(make: Callable, size: tuple[int, int], setup: Callable | None = None) -> int:
    """Show ``make(model)`` alone on a fresh model (``setup(model)`` first); run until closed."""
    from PySide6.QtWidgets import QApplication

    from actgui.model import ExplorerModel

    app = QApplication.instance() or QApplication([])
    model = ExplorerModel()
    if setup is not None:
        setup(model)
    panel = make(model)
    panel.resize(*size)
    panel.show()
    return app.exec()

"""Docked panels and side panels, each a thin view of the model (and the preferences).

Each panel module ends with a preview: ``python -m actgui.panels.<name>`` shows that
panel alone, on a fresh model (Orange's habit: one piece on screen, quick to look at).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

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

"""The interface's scale: every text of the window, through the application's font.

Presentation Mode (F5) and the zoom (Ctrl+= / Ctrl+− / Ctrl+0) multiply the texts of the
widgets (panels, tables, menus, tooltips, dock titles) here, and the plots' texts and
lines through ``Preferences.presentation().scale``. The font the application started
with is the 100 % one: going back to it is exact, whatever came between.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QToolTip

_BASE: list[QFont] = []  # the application's font before any scale


def base_font(app: QApplication) -> QFont:
    """The application's font at 100 % (its font when this module first scaled it)."""
    if not _BASE:
        _BASE.append(QFont(app.font()))
    return QFont(_BASE[0])


def apply_interface_scale(app: QApplication, scale: float) -> bool:
    """Give every widget's text ``scale`` times its normal size; whether anything changed.
    (Widgets that chose a font of their own keep its other traits: bold stays bold.)"""
    font = base_font(app)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:  # a font given in pixels
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    if font == app.font():
        return False
    app.setFont(font)
    QToolTip.setFont(font)
    return True

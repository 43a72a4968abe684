"""Light and dark palettes for the widgets (the plot's colours are in ``plot.palette``)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from actgui.preferences import effective_theme

_DARK_ROLES = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2124",
    QPalette.ColorRole.AlternateBase: "#2b2d31",
    QPalette.ColorRole.ToolTipBase: "#2b2d31",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#35373c",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#2f6db5",  # white on it: 5.3:1 (WCAG AA)
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6fb1ff",
    QPalette.ColorRole.Midlight: "#45484e",
    QPalette.ColorRole.PlaceholderText: "#8a8a8a",
}


#: Selected items in the light theme: white text on it reaches 5.2:1.
LIGHT_HIGHLIGHT = "#1d6fb8"

_NATIVE_STYLE: list[str] = []  # the style the app started with, to go back to


def apply_app_theme(app: QApplication, theme: str) -> None:
    """Give the widgets a light or dark palette (Fusion style for an explicit choice; the
    platform's own style and palette for "system")."""
    if not _NATIVE_STYLE:
        _NATIVE_STYLE.append(app.style().name())
    if theme == "system":
        if app.style().name() != _NATIVE_STYLE[0]:
            app.setStyle(QStyleFactory.create(_NATIVE_STYLE[0]))
        app.setPalette(QPalette())  # Qt 6: the platform's palette, dark on a dark desktop
        return
    if app.style().name().lower() != "fusion":  # (set again, it re-polished every widget)
        app.setStyle(QStyleFactory.create("Fusion"))
    if effective_theme(theme) == "light":
        palette = app.style().standardPalette()
        # Fusion's highlight (#308cc6) gives white text only 3.7:1.
        palette.setColor(QPalette.ColorRole.Highlight, QColor(LIGHT_HIGHLIGHT))
        app.setPalette(palette)
        return
    palette = QPalette()
    for role, color in _DARK_ROLES.items():
        palette.setColor(role, QColor(color))
    for dimmed in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, dimmed, QColor("#7a7a7a"))
    app.setPalette(palette)

"""Light and dark looks for the window and the plot (pyqtgraph does not follow Qt's palette)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class PlotColors:
    """Colours of everything the plot draws besides the curves."""

    background: str
    foreground: str
    grid_major: str
    grid_minor: str
    legend_fill: tuple[int, int, int, int]
    legend_border: str
    cursor: str
    cursor_pinned: str


PLOT_COLORS = {
    "light": PlotColors(
        "#ffffff",
        "#000000",
        "#cfcfcf",
        "#e9e9e9",
        (255, 255, 255, 220),
        "#bbbbbb",
        "#888888",
        "#333333",
    ),
    "dark": PlotColors(
        "#1b1d21",
        "#d8d8d8",
        "#44474d",
        "#2e3035",
        (27, 29, 33, 220),
        "#55585e",
        "#9a9a9a",
        "#e0e0e0",
    ),
}


def effective(theme: str) -> str:
    """ "light" or "dark": ``theme`` itself, or the system's colour scheme for "system"."""
    if theme in ("light", "dark"):
        return theme
    hints = QGuiApplication.styleHints() if QGuiApplication.instance() else None
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def curve_color(color: str, theme: str) -> str:
    """A curve colour that stays visible on ``theme``'s background (black turns light grey)."""
    if theme == "dark" and QColor(color).lightness() < 60:
        return "#e0e0e0"
    return color


def apply_app_theme(app: QApplication, theme: str) -> None:
    """Give the widgets a light or dark palette (Fusion style for an explicit choice)."""
    name = effective(theme)
    if theme == "system":
        app.setPalette(app.style().standardPalette())
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    if name == "light":
        app.setPalette(app.style().standardPalette())
        return
    palette = QPalette()
    roles = {
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
        QPalette.ColorRole.Highlight: "#3d7fd1",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6fb1ff",
        QPalette.ColorRole.Midlight: "#45484e",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for dimmed in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, dimmed, QColor("#7a7a7a"))
    app.setPalette(palette)


def apply_plot_theme(plot, theme: str) -> None:
    """Recolour ``plot`` (a ``PlotView``) for ``theme`` ("system", "light" or "dark")."""
    plot.set_theme(effective(theme))

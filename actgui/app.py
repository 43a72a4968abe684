"""The one place where the model, the window and the settings are wired together."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from actgui import __version__
from actgui.main_window import MainWindow
from actgui.model import ExplorerModel
from actgui.settings import restore_model, save_model

ORGANIZATION = "actgui"
APPLICATION = "actgui"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
DEFAULT_SIZE = (1280, 760)

log = logging.getLogger(__name__)


def ensure_app(argv: Sequence[str] | None = None) -> QApplication:
    """The running ``QApplication``, created (with our names) if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    return app


def build_window(settings: QSettings | None = None) -> MainWindow:
    """Build the ready main window, restored from ``settings``, without running an event loop.

    ``settings`` replaces the user's own ``QSettings`` (tests pass one backed
    by a temporary file). The window saves its state there when it closes.
    """
    ensure_app()
    if settings is None:
        settings = QSettings()
    model = ExplorerModel()
    restore_model(model, settings)
    window = MainWindow(model, settings)
    window.resize(*DEFAULT_SIZE)
    geometry = settings.value(GEOMETRY)
    if geometry is not None and not window.restoreGeometry(geometry):
        log.warning("Ignoring unreadable window geometry in settings")
    state = settings.value(WINDOW_STATE)
    if state is not None and not window.restoreState(state):
        log.warning("Ignoring unreadable window layout in settings")

    def save() -> None:
        save_model(model, settings)
        settings.setValue(GEOMETRY, window.saveGeometry())
        settings.setValue(WINDOW_STATE, window.saveState())
        settings.sync()

    window.closing.connect(save)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    """Run the explorer; returns the process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = ensure_app(argv)
    window = build_window()
    window.show()
    return app.exec()

"""The one place where the model, the window and the settings are wired together."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, QStandardPaths, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from actgui import __version__
from actgui.cli import main_cli
from actgui.desktop import APP_ID, ICON_NAME, resource, setup_logging
from actgui.i18n import install_translators
from actgui.main_window import THEME, MainWindow
from actgui.model import ExplorerModel
from actgui.settings import restore_model, save_model
from actgui.theme import THEMES

ORGANIZATION = "actgui"
APPLICATION = "actgui"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
DEFAULT_SIZE = (1280, 760)
EXIT_AFTER_FIRST_PAINT = "ACTGUI_EXIT_AFTER_FIRST_PAINT"

log = logging.getLogger(__name__)


def ensure_app(argv: Sequence[str] | None = None) -> QApplication:
    """The running ``QApplication``, created (with our names and icon) if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # ties windows to actgui.desktop (StartupWMClass)
    app.setWindowIcon(QIcon(str(resource(ICON_NAME))))
    return app


def read_choice(settings: QSettings, key: str, choices: Sequence[str], default: str) -> str:
    """A string setting that must be one of ``choices``; anything else gives ``default``."""
    value = settings.value(key, default)
    if value not in choices:
        log.warning("Ignoring setting %s=%r: expected one of %s", key, value, ", ".join(choices))
        return default
    return str(value)


def _default_size() -> QSize:
    """DEFAULT_SIZE, shrunk to fit the screen's free area (a 1366×768 laptop, say)."""
    size = QSize(*DEFAULT_SIZE)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry().size()
        # Leave room for the window frame and title bar the window manager adds.
        size = size.boundedTo(QSize(free.width() - 20, free.height() - 60))
    return size


def _restore_bytes(settings: QSettings, key: str, restore) -> bool:
    """Feed a saved Qt blob (geometry, dock layout) to ``restore``, ignoring junk.

    Returns whether something was restored.
    """
    value = settings.value(key)
    if value is None:
        return False
    if not isinstance(value, QByteArray | bytes) or not restore(value):
        log.warning("Ignoring unreadable setting %s", key)
        return False
    return True


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
    window.resize(_default_size())
    _restore_bytes(settings, GEOMETRY, window.restoreGeometry)
    window.layout_restored = _restore_bytes(settings, WINDOW_STATE, window.restoreState)

    theme = read_choice(settings, THEME, THEMES, "system")
    window.set_theme_choice(theme)

    def save() -> None:
        save_model(model, settings)
        settings.setValue(GEOMETRY, window.saveGeometry())
        settings.setValue(WINDOW_STATE, window.saveState())
        settings.sync()

    window.closing.connect(save)
    return window


class _QuitAfterFirstPaint(QObject):
    """Quits the application once the plot has painted (start-up timing and smoke tests)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued, so the paint in progress completes first; then report when.
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        # Wall-clock time, so a parent process can subtract its own spawn time.
        print(f"first-paint-at {time.time():.6f}", flush=True)
        QApplication.quit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the explorer, or the command line (``--export``, ``--help``…); the exit status.

    With the environment variable ``ACTGUI_EXIT_AFTER_FIRST_PAINT=1`` the
    program exits as soon as the plot has been painted once, printing
    ``first-paint-at <unix time>`` (the benchmark's cold-start probe).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    status = main_cli(args)
    if status is not None:
        return status
    app = ensure_app()
    log_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    log_file = setup_logging(log_dir)
    if log_file is not None:
        log.info("No console: logging to %s", log_file)
    install_translators(app, QSettings())
    window = build_window()
    if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
        quitter = _QuitAfterFirstPaint(window)
        window.plot.viewport().installEventFilter(quitter)
    window.show()
    return app.exec()

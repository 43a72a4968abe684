"""The one place where the model, the preferences, the window and the settings are wired."""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, QStandardPaths, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from actgui.activations import Definition, add_custom
from actgui.collector import freeze_long_lived, worker_starting
from actgui.files import write_atomically
from actgui.i18n import install_translators
from actgui.labs import LabModel
from actgui.model import ExplorerModel
from actgui.preferences import Preferences
from actgui.setting_values import read_bytes
from actgui.settings import (
    GEOMETRY,
    WINDOW_STATE,
    check_saved,
    check_settings,
    restore_custom,
    restore_lab,
    restore_model,
    save_custom,
    save_lab,
    save_model,
)
from actgui.shell.cli import main_cli
from actgui.shell.cli_args import custom_arguments
from actgui.shell.desktop import ensure_app, setup_logging
from actgui.shell.main_window import MainWindow
from actgui.shell.safety import install_excepthook, route_qt_messages

DEFAULT_SIZE = (1280, 760)
#: Imported by a thread once the window is up, so their first use does not stall it.
WARM_UP_MODULES = ("scipy.special", "scipy.optimize", "scipy.integrate")
WARM_UP_MS = 1000
#: How often a thread running Python yields the interpreter (Python's default: 5 ms).
SWITCH_INTERVAL_S = 0.001
EXIT_AFTER_FIRST_PAINT = "ACTGUI_EXIT_AFTER_FIRST_PAINT"
#: With EXIT_AFTER_FIRST_PAINT: a file to write the names of the modules imported by the
#: first frame to, one per line (``tests/test_first_frame.py`` keeps that list short).
MODULES_AT_FIRST_PAINT = "ACTGUI_MODULES_AT_FIRST_PAINT"
#: When the objects made while starting (window, warm-up imports) leave the collector's
#: sight (``collector.freeze_long_lived``): after the warm-up imports have run.
FREEZE_MS = 2500

log = logging.getLogger(__name__)
T = TypeVar("T")


def _default_size() -> QSize:
    """DEFAULT_SIZE, shrunk to fit the screen's free area (a 1366×768 laptop, say)."""
    size = QSize(*DEFAULT_SIZE)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry().size()
        # Leave room for the window frame and title bar the window manager adds.
        size = size.boundedTo(QSize(free.width() - 20, free.height() - 60))
    return size


def build_window(
    settings: QSettings | None = None,
    prefs: Preferences | None = None,
    customs: Sequence[Definition] = (),
) -> MainWindow:
    """Build the ready main window, restored from ``settings``, without running an event loop.

    ``settings`` replaces the user's own ``QSettings`` (tests pass one backed
    by a temporary file); ``prefs``, preferences already read from them (``main``
    reads them first, for the language); ``customs``, functions of your own from the
    command line, added to (or replacing) the saved ones. Preferences are written there as they
    change; the model and the layout when the window closes.
    """
    # A worker computing in Python (a formula on a small grid, a small network) hands the
    # interpreter back every 5 ms by default, and the GUI thread needs it at each call into
    # Qt: with one busy, a function toggled and painted took 27.5 ms (median) instead of
    # 6.8; every 1 ms: 13.9 ms (benchmarks/gil.py), training as fast within the noise.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    ensure_app()
    if settings is None:
        settings = QSettings()
    # Your own functions first: the model and the panels are made for the whole registry
    # (and their parameters are known settings). Each step below reads what was saved: one
    # that fails anyway (a bug: its traceback is logged) leaves its defaults, never stops
    # the start.
    _restoring("your own functions", lambda: restore_custom(settings))
    for definition in customs:
        try:
            add_custom(definition)
        except ValueError as exc:  # (checked already: at most 50 with the saved ones)
            log.warning("Not adding --custom %s: %s", definition.key, exc)
    _restoring("the settings check", lambda: check_settings(settings))
    model = ExplorerModel()
    _restoring("the plot's state", lambda: restore_model(model, settings))
    if prefs is None:
        prefs = _restoring("the preferences", lambda: Preferences(settings))
        if prefs is None:
            prefs = Preferences()  # (in memory: not saved)
    lab = LabModel()
    _restoring("the analysis views' inputs", lambda: restore_lab(lab, settings))
    window = MainWindow(model, prefs, lab=lab)
    prefs.setParent(window)
    lab.setParent(window)
    window.resize(_default_size())
    _restoring("the window's size", lambda: read_bytes(settings, GEOMETRY, window.restoreGeometry))
    window.layout_restored = bool(
        _restoring("the layout", lambda: read_bytes(settings, WINDOW_STATE, window.restoreState))
    )

    def save() -> None:
        save_model(model, settings)
        save_custom(settings)
        save_lab(lab, settings)
        settings.setValue(GEOMETRY, window.saveGeometry())
        settings.setValue(WINDOW_STATE, window.saveState())
        settings.sync()
        check_saved(settings)

    window.closing.connect(save)
    # What the first use of the details' numbers or an analysis view imports (scipy's
    # special functions: 0.18 s of the GUI thread at the first parameter drag), imported
    # by a thread of its own once the window is up rather than at start-up.
    QTimer.singleShot(WARM_UP_MS, window, _warm_up_imports)
    # Your own functions' properties (a kink search each) are measured on a worker too.
    QTimer.singleShot(WARM_UP_MS, window.custom, window.custom.measure_later)
    return window


def _warm_up_imports() -> None:
    if all(name in sys.modules for name in WARM_UP_MODULES):
        return
    ended = threading.Event()
    worker_starting(ended)  # (no cycle collection on that thread: actgui.collector)

    def run() -> None:
        try:
            _import_all()
        finally:
            ended.set()

    threading.Thread(target=run, name="actgui-warm-up", daemon=True).start()


def _import_all() -> None:
    for name in WARM_UP_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # (a missing optional part is found again where it is used)
            log.debug("Could not import %s ahead of use", name, exc_info=True)


def _restoring(what: str, step: Callable[[], T]) -> T | None:
    """``step()``, or None if it raises: logged as an error with the traceback (the readers
    of ``actgui.settings`` report a bad entry themselves; this is for what they missed)."""
    try:
        return step()
    except Exception:
        log.error("Could not restore %s from the settings: using defaults", what, exc_info=True)
        return None


class _QuitAfterFirstPaint(QObject):
    """Quits the application once the plot has painted (start-up timing and smoke tests)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            listing = os.environ.get(MODULES_AT_FIRST_PAINT)
            if listing:
                text = "\n".join(sorted(sys.modules)) + "\n"
                try:  # (a probe: refused or failed, the start goes on and says why)
                    write_atomically(Path(listing), lambda tmp: tmp.write_text(text, "utf-8"))
                except OSError as exc:
                    log.warning("Could not list the modules in %s: %s", listing, exc)
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
    # (a frozen program's worker process, the Train tab's, runs and exits here; the entry
    # scripts call it earlier still, before the window's modules are imported)
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    status = main_cli(args, build_window)
    if status is not None:
        return status
    app = ensure_app()
    log_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    log_file = setup_logging(log_dir)
    if log_file is not None:
        log.info("No console: logging to %s", log_file)
    route_qt_messages()
    install_excepthook()
    settings = QSettings()
    prefs = Preferences(settings)  # read once: its language is needed before any widget
    install_translators(app, prefs.language())
    window = build_window(settings, prefs, custom_arguments(args))
    if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
        quitter = _QuitAfterFirstPaint(window)
        window.plot.viewport().installEventFilter(quitter)
    window.show()
    freeze_after_start(window)
    return app.exec()


def freeze_after_start(window: MainWindow, delay_ms: int = FREEZE_MS) -> None:
    """Leave the start's long-lived objects out of later collections, ``delay_ms`` after
    the window is up (the warm-up imports done) and again after the *Why it trains* panel
    was first shown (``collector.freeze_long_lived``)."""
    QTimer.singleShot(delay_ms, window, freeze_long_lived)

    def on_labs_shown(visible: bool) -> None:
        if visible:
            window.action_labs.toggled.disconnect(on_labs_shown)
            QTimer.singleShot(delay_ms, window, freeze_long_lived)

    window.action_labs.toggled.connect(on_labs_shown)

"""The safety net: an exception that escapes a slot, and Qt's own warnings, are logged and, for
exceptions, shown to the user in a dialog they can copy from; the app keeps running.

Without this, PySide prints a traceback to a console the user of a desktop icon never sees,
and Qt's warnings (a libpng write error, a painter given NaN) go nowhere.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)

log = logging.getLogger("actgui")
qt_log = logging.getLogger("actgui.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Qt messages that say nothing about actgui (the offscreen platform's, for one).
_NOISE = ("This plugin does not support propagateSizeHints()",)


def route_qt_messages(quiet: bool = False) -> None:
    """Send Qt's messages to the ``actgui.qt`` logger instead of stderr; ``quiet`` logs them
    at debug level (the command line, whose own one-line error says what went wrong)."""

    def handler(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message in _NOISE:
            return
        level = logging.DEBUG if quiet else _QT_LEVELS.get(mode, logging.WARNING)
        qt_log.log(level, "%s", message)

    qInstallMessageHandler(handler)


ShowError = Callable[[str, str], None]
#: [the open error dialog, {summary: repeats}] while one is on screen.
_dialog: list = []


def show_error_dialog(summary: str, details: str) -> None:
    """A non-blocking error dialog with the traceback under "Show Details…" (copyable).

    One dialog at a time: an error that repeats (a failing refresh raises again at every
    paint) is counted and added to the open dialog's details instead of opening more.
    The dialog has no parent, so closing another window never takes it along.
    """
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    if _dialog:
        box, seen = _dialog[0], _dialog[1]
        if summary in seen:
            seen[summary] += 1  # the same error again: counted, its traceback shown once
        else:
            seen[summary] = 0
            box.setDetailedText(box.detailedText() + "\n" + details)
        lines = [f"{n + 1}× {text}" if n else text for text, n in seen.items()]
        box.setInformativeText(_keeps_running() + "\n" + "\n".join(lines))
        return
    box = QMessageBox()
    box.setObjectName("dialog_unexpected_error")
    box.setIcon(QMessageBox.Icon.Critical)
    # An error message may quote what was typed ("unknown name '<b>'"): text, never markup.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(QCoreApplication.translate("Safety", "Unexpected error"))
    box.setText(summary)
    box.setInformativeText(_keeps_running())
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    _dialog[:] = [box, {summary: 0}]
    box.finished.connect(lambda _result: _dialog.clear())
    box.open()


def _keeps_running() -> str:
    return QCoreApplication.translate(
        "Safety",
        "actgui keeps running. The details are in the log; please include them if you report this.",
    )


def open_error_dialog():
    """The error dialog on screen, if any (tests)."""
    return _dialog[0] if _dialog else None


def make_excepthook(show: ShowError = show_error_dialog):
    """A ``sys.excepthook`` that logs the traceback and shows it; Ctrl+C still quits."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unexpected error:\n%s", details)
        try:
            show(f"{kind.__name__}: {value}", details)
        except Exception:  # the dialog itself must never take the app down
            log.exception("Could not show the error dialog")

    return hook


def install_excepthook(show: ShowError = show_error_dialog) -> None:
    """Log and show every exception that escapes to the top (a slot, an event handler)."""
    sys.excepthook = make_excepthook(show)

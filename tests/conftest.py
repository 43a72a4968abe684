"""Shared fixtures. Qt runs offscreen and never touches the user's real settings."""

import os

# Must happen before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path_factory):
    """A QSettings backed by a temporary INI file (in a folder of its own)."""
    folder = tmp_path_factory.mktemp("settings")
    return QSettings(str(folder / "actgui-test.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    """The real main window, built as the app builds it, shown and laid out."""
    from actgui.app import build_window

    win = build_window(settings)
    qtbot.addWidget(win)
    # The offscreen screen is 800×600; give the window a laptop's size.
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.plot.is_current)
    return win

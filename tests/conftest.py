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


@pytest.fixture(autouse=True)
def _functions_of_your_own_end_with_their_test():
    """A function of your own a test registers is gone after it, whether the test removed
    it or failed first (one left by a test made later tests of the registry fail)."""
    from actgui.activations.custom import custom_definitions, remove_custom

    before = {d.key for d in custom_definitions()}
    yield
    for definition in custom_definitions():
        if definition.key not in before:
            remove_custom(definition.key)


@pytest.fixture(autouse=True)
def _cycles_collected_between_tests():
    """While worker tasks may run, Python's automatic collector is off and the GUI thread
    collects on a timer (actgui.collector): after a test, what is due is collected and the
    collector is back on if no task runs."""
    yield
    from actgui.collector import check

    check()

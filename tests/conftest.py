"""Shared fixtures. Qt runs offscreen and never touches the user's real settings."""

import contextlib
import io
import os
import subprocess

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


def start_to_first_paint(
    home, args=("main.py",), timeout: float = 120, **env: str
) -> subprocess.CompletedProcess:
    """The program started as a user starts it (``python main.py`` unless ``args`` say
    otherwise), offscreen, with ``home`` as its home and config folder (plus ``env``), quitting
    once its first frame is painted (the start-up probe). Output as text."""
    import sys
    from pathlib import Path

    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ACTGUI_EXIT_AFTER_FIRST_PAINT="1",
        XDG_CONFIG_HOME=str(home),
        HOME=str(home),
    )
    environment.update(env)
    root = Path(__file__).resolve().parents[1]
    return subprocess.run(
        [sys.executable, *args],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_in_process(args) -> subprocess.CompletedProcess:
    """actgui's command line (``actgui.app.main(args)``) in this process: its exit status and
    what it printed, as a ``python -m actgui ARGS`` subprocess would give them. Qt's
    messages stay with pytest-qt (the command line would send them to its log)."""
    from actgui.app import main
    from actgui.shell import safety

    out, err = io.StringIO(), io.StringIO()
    routed = safety.route_qt_messages
    safety.route_qt_messages = lambda quiet=False: None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        safety.route_qt_messages = routed
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def _module_window(qapp, tmp_path_factory):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtTest import QTest

    from actgui.app import build_window

    path = tmp_path_factory.mktemp("settings") / "actgui-test.ini"
    win = build_window(QSettings(str(path), QSettings.Format.IniFormat))
    win.resize(1280, 720)
    win.show()
    assert QTest.qWaitForWindowExposed(win)
    yield win
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def module_window(_module_window, qtbot):
    """The main window of ``window``, built once for a test module (a window per test cost
    0.3 s, 37 times for a test of every function), with the model back at its defaults
    and the plot drawn. For tests that look at one function, parameter or order each and
    need no fresh settings, window state or dialogs."""
    win = _module_window
    win.model.restore_defaults()
    win.plot.reset_view()
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


@pytest.fixture
def gui_thread_calls(monkeypatch):
    """``spy(owner, name, when=None)`` wraps ``owner.name`` for the test: the list it
    returns gets, for each call (for which ``when(*args)`` is true), whether it ran on the
    GUI thread (work that must be done on a worker)."""
    import threading

    def spy(owner, name: str, when=None) -> list[bool]:
        seen: list[bool] = []
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            if when is None or when(*args, **kwargs):
                seen.append(threading.current_thread() is threading.main_thread())
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)
        return seen

    return spy


@pytest.fixture
def chosen_functions_file(tmp_path, monkeypatch):
    """``choose(prefix, ks, terms)``: a JSON file of functions of your own, key
    ``{prefix}_{k}`` for each k, a sum of ``terms`` ``max(sin(1/x), cos(j/x))`` from j = k
    (long to build, kinking everywhere), which the next Open dialog answers with; its
    entries."""
    import json

    from PySide6.QtWidgets import QFileDialog

    def choose(prefix: str, ks, terms: int) -> list[dict]:
        entries = [
            {"key": f"{prefix}_{k}", "name": f"{prefix.title()} {k}",
             "expression": " + ".join(f"max(sin(1/x), cos({j}/x))" for j in range(k, k + terms))}
            for k in ks
        ]  # fmt: skip
        source = tmp_path / f"{prefix}.json"
        source.write_text(json.dumps({"activations": entries}), encoding="utf-8")
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), ""))
        )
        return entries

    return choose

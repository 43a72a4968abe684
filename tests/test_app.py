"""Start-up, entry points and remembered state."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from conftest import start_to_first_paint

from actgui.app import build_window
from actgui.model import DEFAULT_ENABLED, DEFAULT_X_RANGE

ROOT = Path(__file__).resolve().parents[1]


def test_state_survives_close_and_reopen(qtbot, settings):
    win = build_window(settings)
    qtbot.addWidget(win)
    win.model.set_enabled_keys(["prelu", "elu"])
    win.model.set_param("prelu", "alpha", 0.123456789)
    win.model.set_order_shown(2, True)
    win.model.set_x_range(-3.5, 2.25)
    win.model.set_selected("gelu")
    win.model.set_show_kinks(True)
    win.model.set_vanishing(True, 0.05)
    win.prefs.set_theme("dark")
    win.close()

    again = build_window(settings)
    qtbot.addWidget(again)
    assert again.model.enabled_keys() == ("prelu", "elu")
    assert again.model.param("prelu", "alpha") == 0.123456789
    assert again.model.shown_orders() == (0, 1, 2)
    assert again.model.x_range() == (-3.5, 2.25)
    assert again.model.selected_key() == "gelu"
    assert again.model.show_kinks()
    assert again.model.vanishing() == (True, 0.05)
    assert again.prefs.theme() == "dark" and again.plot.theme() == "dark"


def test_garbage_settings_start_with_defaults_and_warn(qtbot, settings, caplog):
    settings.setValue("functions/enabled", "relu,not_a_function")
    settings.setValue("view/orders", "zero,one")
    settings.setValue("view/x_range", "5,-5")
    settings.setValue("params/elu.alpha", "nan")
    settings.setValue("params/leaky_relu.alpha", "7")
    settings.setValue("window/geometry", "garbage")
    settings.setValue("functions/selected", "nope")
    settings.setValue("view/show_kinks", "yes")
    settings.setValue("view/vanishing", "1,-3")
    settings.sync()
    with caplog.at_level(logging.WARNING):
        win = build_window(settings)
    qtbot.addWidget(win)
    assert win.model.enabled_keys() == ("relu",)
    assert win.model.shown_orders() == (0, 1)
    assert win.model.x_range() == DEFAULT_X_RANGE
    assert win.model.param("elu", "alpha") == 1.0
    assert win.model.param("leaky_relu", "alpha") == 0.01
    text = caplog.text
    assert win.model.selected_key() == "relu"
    assert not win.model.show_kinks() and win.model.vanishing() == (False, 0.01)
    for fragment in (
        "not_a_function",
        "view/orders",
        "view/x_range",
        "elu.alpha",
        "geometry",
        "functions/selected",
        "view/show_kinks",
        "view/vanishing",
    ):
        assert fragment in text


def test_fresh_settings_give_defaults(qtbot, settings):
    win = build_window(settings)
    qtbot.addWidget(win)
    assert win.model.enabled_keys() == DEFAULT_ENABLED


@pytest.mark.parametrize("command", [["main.py"], ["-m", "actgui"]])
def test_entry_points_open_and_paint(tmp_path, command):
    done = start_to_first_paint(tmp_path, command, timeout=60)
    assert done.returncode == 0, done.stderr


def test_modules_first_used_later_are_imported_by_a_thread_once_the_window_is_up(
    settings, qtbot, tmp_path, monkeypatch
):
    """scipy's special functions, first used at the first drag, were imported there on the
    GUI thread (0.18 s): now a thread imports what the app uses later, after start-up."""

    import actgui.app as app

    (tmp_path / "warm_probe.py").write_text(
        "import threading\nTHREAD = threading.current_thread().name\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(app, "WARM_UP_MODULES", ("warm_probe",))
    monkeypatch.setattr(app, "WARM_UP_MS", 10)
    monkeypatch.delitem(sys.modules, "warm_probe", raising=False)
    window = app.build_window(settings)
    qtbot.addWidget(window)
    assert "warm_probe" not in sys.modules  # (not while starting)
    # (a module is in sys.modules from the start of its import: wait for its end)
    qtbot.waitUntil(lambda: hasattr(sys.modules.get("warm_probe"), "THREAD"), timeout=10_000)
    assert sys.modules["warm_probe"].THREAD == "actgui-warm-up"
    assert set(app.WARM_UP_MODULES) == {"warm_probe"}


def test_the_window_makes_busy_workers_hand_the_interpreter_back_often(settings, qtbot):
    """Every 5 ms (Python's default) a Python-heavy worker doubled the time of a change
    drawn on the GUI thread (benchmarks/gil.py: 28.8 against 14.2 ms at 1 ms)."""

    from actgui.app import SWITCH_INTERVAL_S, build_window

    sys.setswitchinterval(0.005)
    window = build_window(settings)
    qtbot.addWidget(window)
    assert SWITCH_INTERVAL_S <= 0.001
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)


def test_the_starts_long_lived_objects_leave_the_collectors_sight(window, qtbot):
    """Frozen once the window is up and again once the labs panel was shown, so a full
    collection during a drag no longer walks the ~77 000 objects of the start."""
    import gc

    from actgui.app import freeze_after_start

    def examined(obj) -> bool:  # (what a collection looks at)
        return any(o is obj for o in gc.get_objects())

    assert gc.get_freeze_count() == 0  # (nothing freezes in tests unless asked)
    try:
        assert examined(window.plot.curves)
        freeze_after_start(window, delay_ms=0)
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
        assert not examined(window.plot.curves)
        window.show_labs("stats")
        labs = window.labs
        assert examined(labs.__dict__)
        qtbot.waitUntil(lambda: not examined(labs.__dict__))
    finally:
        gc.unfreeze()

"""The main plot's curves of a costly function of your own come from a worker: a sum of
max(sin(1/x), cos(k/x)) kinking thousands of times re-evaluated f, f′ and f″ on the GUI
thread at every pan or drag (0.2–0.4 s each). Values are checked against numpy
evaluating the same sum directly."""

from __future__ import annotations

import numpy as np

from actgui.activations import REGISTRY, Definition

TERMS = range(2, 20)
KINKY = " + ".join(f"max(sin(1/x), cos({k}/x))" for k in TERMS)


def direct(x: np.ndarray) -> np.ndarray:
    """The formula, summed here term by term."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return sum(np.maximum(np.sin(1 / x), np.cos(k / x)) for k in TERMS)


def pan(window, by: float) -> None:
    x0, x1 = window.model.x_range()
    window.model.set_x_range(x0 + by, x1 + by)
    window.plot.refresh()


def test_a_costly_function_of_your_own_is_computed_off_the_gui_thread(
    window, qtbot, gui_thread_calls
):
    import actgui.analysis.sampling as sampling

    window.custom.add(Definition("kinky", "Kinky", KINKY))
    try:
        window.model.set_enabled_keys(["kinky", "relu"])
        first(qtbot, window, "kinky")  # found costly
        curve = window.plot.curve("kinky", 0)
        before = curve.getData()[0].copy()
        on_gui = gui_thread_calls(
            sampling, "curve_values", lambda act, *_a, **_k: act.key == "kinky"
        )
        pan(window, 0.37)
        # The old curve is still drawn while the worker computes the new one.
        assert window.plot.curves.waiting("kinky")
        assert np.array_equal(curve.getData()[0], before)
        qtbot.waitUntil(lambda: not window.plot.curves.waiting("kinky"), timeout=30_000)
        assert on_gui and not any(on_gui)
        assert window.plot.is_current()
        x, y = curve.getData()
        x_min, x_max = window.model.x_range()
        assert x[0] <= x_min and x[-1] >= x_max  # the new range
        ok = np.isfinite(y)
        assert ok.sum() > 0.5 * y.size  # (NaN at the points it calls jumps)
        np.testing.assert_allclose(y[ok], direct(x[ok]), rtol=1e-12, atol=1e-12)
    finally:
        window.custom.remove("kinky")


def first(qtbot, window, key: str) -> None:
    """Draw ``key`` the first time: on the worker, which measures what it costs."""
    window.plot.refresh()
    assert window.plot.curves.waiting(key)
    qtbot.waitUntil(lambda: not window.plot.curves.waiting(key), timeout=30_000)
    assert window.plot.is_current()


def test_a_function_of_your_own_is_first_drawn_by_the_worker(window, qtbot, gui_thread_calls):
    """Its cost is the user's formula's: the first drawing, before it is known, is not
    made on the GUI thread either (a formula taking seconds froze the window once)."""
    import actgui.analysis.sampling as sampling

    on_gui = gui_thread_calls(
        sampling, "curve_values", lambda act, *_a, **_k: act.key == "slow_or_not"
    )
    window.custom.add(Definition("slow_or_not", "Slow or not", "x * tanh(exp(x))"))
    try:
        window.model.set_enabled_keys(["slow_or_not"])
        first(qtbot, window, "slow_or_not")
        assert on_gui and not any(on_gui)
        x, y = window.plot.curve("slow_or_not", 0).getData()
        with np.errstate(over="ignore"):
            np.testing.assert_allclose(y, x * np.tanh(np.exp(x)), rtol=1e-14, atol=0)
    finally:
        window.custom.remove("slow_or_not")


def test_a_cheap_function_of_your_own_is_drawn_at_once(window, qtbot, monkeypatch):
    import actgui.plot.curves as curves

    # What counts as cheap, far above max(x, 0)'s cost on any machine: its first timing on
    # the worker took over 20 ms once, in a CI run with every core busy, and the test failed.
    monkeypatch.setattr(curves, "HEAVY_S", 10.0)
    window.custom.add(Definition("cheap", "Cheap", "max(x, 0)"))
    try:
        window.model.set_enabled_keys(["cheap"])
        first(qtbot, window, "cheap")  # found cheap
        pan(window, 0.5)
        assert not window.plot.curves.waiting("cheap")
        x, y = window.plot.curve("cheap", 0).getData()
        assert x[0] < window.model.x_range()[0] and np.array_equal(y, np.maximum(x, 0.0))
    finally:
        window.custom.remove("cheap")


def test_curves_of_an_older_state_are_not_drawn_and_a_deleted_function_gets_none(window, qtbot):
    window.custom.add(Definition("kinky", "Kinky", KINKY))
    window.model.set_enabled_keys(["kinky"])
    first(qtbot, window, "kinky")
    worker = window.plot.curves.worker
    delivered = []
    worker.delivered.connect(lambda key, *_: delivered.append(key))
    pan(window, 0.2)
    assert worker.pending("kinky")
    pan(window, 0.3)  # a newer request waits for the one computing
    qtbot.waitUntil(lambda: not worker.pending("kinky"), timeout=30_000)
    x, _ = window.plot.curve("kinky", 0).getData()
    assert x[-1] > window.model.x_range()[1]  # the newest range, not the older one
    assert len(delivered) == 2
    pan(window, 0.4)
    assert worker.pending("kinky")
    window.custom.remove("kinky")  # while its curves are computed
    assert not worker.pending("kinky") and "kinky" not in REGISTRY
    from PySide6.QtCore import QCoreApplication

    assert worker._runners._pool.waitForDone(30_000)  # (its own pool: the task ended)
    QCoreApplication.processEvents()  # (anything it sent would arrive now: nothing does)
    assert len(delivered) == 2


def test_a_costly_function_stays_on_the_worker_after_a_cheap_moment(
    window, qtbot, gui_thread_calls
):
    """Zoomed into a stretch where it is cheap (x in [50, 50.5]: no kink), the costly sum is
    computed quickly once; zoomed back, it is still computed on the worker (it went back
    to the GUI thread: 0.15-0.36 s per refresh)."""
    import actgui.analysis.sampling as sampling

    window.custom.add(Definition("kinky", "Kinky", KINKY))
    window.model.set_enabled_keys(["kinky"])
    first(qtbot, window, "kinky")
    window.model.set_x_range(50.0, 50.5)
    window.plot.refresh()
    qtbot.waitUntil(lambda: not window.plot.curves.waiting("kinky"), timeout=30_000)
    on_gui = gui_thread_calls(sampling, "curve_values", lambda act, *_a, **_k: act.key == "kinky")
    window.model.set_x_range(-6.0, 6.0)
    window.plot.refresh()
    assert window.plot.curves.waiting("kinky")
    qtbot.waitUntil(lambda: not window.plot.curves.waiting("kinky"), timeout=30_000)
    assert on_gui and not any(on_gui)

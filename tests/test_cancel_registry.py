"""Workers and the registry they read: own tasks waited for, cancellation that reaches into
a formula of your own, a registry that never misses a function while another is added.

Needs no display (QtCore only).
"""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest

from actgui.activations import REGISTRY, Definition, add_custom, remove_custom
from actgui.cancel import Cancelled, cancellable, checkpoint


@pytest.fixture
def custom():
    """Adds functions of your own; removes them afterwards, even when a test fails."""
    added: list[str] = []

    def add(key: str, expression: str):
        act = add_custom(Definition(key, key, expression))
        added.append(key)
        return act

    yield add
    for key in added:
        if key in REGISTRY:
            remove_custom(key)


def test_checkpoint_raises_only_inside_a_cancelled_block():
    checkpoint()  # outside any block: nothing
    flag = [False]
    with cancellable(lambda: flag[0]):
        checkpoint()
        flag[0] = True
        with pytest.raises(Cancelled):
            checkpoint()
        with cancellable(None):  # the innermost block decides
            checkpoint()
    checkpoint()


def test_a_cancelled_formula_stops_inside_its_evaluation(custom):
    act = custom("slowish", "sin(exp(x)*exp(x)*exp(x)) + max(x, a*x)")
    x = np.linspace(-5.0, 5.0, 1000)
    calls = []

    def stop_on_second_call() -> bool:
        calls.append(1)
        return len(calls) > 1

    with cancellable(stop_on_second_call), pytest.raises(Cancelled):
        act.forward(x)
    assert len(calls) == 2  # it asked again after the first node, and stopped there


def test_a_worker_task_stuck_in_a_formula_ends_when_cancelled(qapp, custom):
    from actgui.worker import TaskRunner

    act = custom("forever", "x * sigmoid(b * x)")
    x = np.linspace(-5.0, 5.0, 100)
    started = threading.Event()

    def endless(*, progress, cancelled):
        started.set()
        while True:  # knows nothing of cancelled(): only the formula's checkpoints stop it
            act.forward(x)

    runner = TaskRunner()
    runner.start(endless)
    assert started.wait(10)
    runner.cancel()
    assert runner.wait(10_000)


def test_a_runner_waits_for_its_own_tasks_only(qapp):
    from actgui.worker import TaskRunner

    release = threading.Event()
    busy, idle = TaskRunner(), TaskRunner()

    def blocked(*, progress, cancelled):
        release.wait(30)

    busy.start(blocked)
    try:
        assert idle.wait(0)  # nothing of its own is running
        assert not busy.wait(0)
    finally:
        release.set()
    assert busy.wait(10_000)


def test_adding_a_function_never_hides_another_from_a_reader_thread(custom):
    """A worker reads the registry while functions of your own are added and replaced."""
    stop = threading.Event()
    misses = []

    def read() -> None:
        while not stop.is_set():
            for key in ("relu", "tanh", "gelu"):
                if key not in REGISTRY or REGISTRY.get(key) is None:
                    misses.append(key)
            try:
                REGISTRY["relu"]
                list(REGISTRY.items())
            except (KeyError, RuntimeError) as exc:
                misses.append(repr(exc))

    reader = threading.Thread(target=read)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often: a gap between two writes shows
    reader.start()
    try:
        for i in range(300):
            custom(f"reader_{i % 3}", f"x * {i + 1}")
            add_custom(Definition("reader_0", "reader_0", f"x + {i}"))  # a replacement
    finally:
        stop.set()
        reader.join()
        sys.setswitchinterval(interval)
    assert misses == []
    assert REGISTRY["reader_0"].forward(np.array([1.0]))[0] == 1.0 + 299


def test_properties_are_measured_once_and_again_after_a_cancelled_measurement():
    """``Measured``: threads reading at once measure once; a measurement that stops (a
    cancelled worker) leaves nothing half set and is made again by the next reader."""
    from actgui.activations.properties import INF, Measured, Properties

    calls: list[int] = []
    gate = threading.Event()
    known = Properties(0.0, INF, True, False, True, "C⁰", False, "left")

    def measure() -> Properties:
        calls.append(1)
        if len(calls) == 1:
            raise Cancelled
        gate.wait(5)
        return known

    props = Measured(measure)
    with pytest.raises(Cancelled):
        props.measure_now()
    assert not props.measured and "low" not in vars(props)
    readers = [threading.Thread(target=lambda: props.smoothness) for _ in range(4)]
    for reader in readers:
        reader.start()
    gate.set()
    for reader in readers:
        reader.join(5)
    assert len(calls) == 2 and props.measured
    assert props == known and known == props and props.range_text() == "[0, ∞)"


def test_measuring_your_functions_leaves_the_shared_pool_free(window, qtbot, monkeypatch):
    """Your functions' properties are measured on a pool of their own: with the shared pool
    down to one thread (a one-core machine), a task such as the New dialog's check no
    longer waits for the measurement of every function just added (0.65 s for six)."""
    from PySide6.QtCore import QThreadPool

    from actgui.activations import custom
    from actgui.worker import TaskRunner

    entered, release = threading.Event(), threading.Event()
    measure = custom._properties

    def held(act):  # the measurement waits here until the other task has run
        entered.set()
        release.wait(30)
        return measure(act)

    monkeypatch.setattr(custom, "_properties", held)
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(1)
    try:
        window.custom.add(Definition("held", "Held", "max(x, 0) * 2"), show=False)
        assert entered.wait(30)  # measured on the worker now
        runner, got = TaskRunner(), []
        runner.finished.connect(got.append)
        runner.start(lambda **_: 42)
        qtbot.waitUntil(lambda: got == [42], timeout=10_000)
    finally:
        release.set()
        pool.setMaxThreadCount(threads)
        window.custom.stop(-1)

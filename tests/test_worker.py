"""TaskRunner: Qt-free task functions off the GUI thread, results on it. Needs no window."""

import threading

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QThread

from actgui.analysis import Cancelled, simulate_network
from actgui.worker import TaskRunner


def test_a_simulation_runs_off_the_gui_thread_and_reports_on_it(qtbot):
    runner = TaskRunner()
    seen = []
    gui = QThread.currentThread()
    runner.progress.connect(lambda d, t: seen.append((d, t, QThread.currentThread() is gui)))
    with qtbot.waitSignal(runner.finished, timeout=30_000) as done:
        runner.start(simulate_network, "relu", 2**0.5, 0.0, 200, 12, 8, 0)
    direct = simulate_network("relu", 2**0.5, 0.0, 200, 12, 8, 0)
    np.testing.assert_array_equal(done.args[0].variance, direct.variance)
    assert seen and all(on_gui for *_, on_gui in seen)
    assert [d for d, *_ in seen] == sorted(d for d, *_ in seen) and seen[-1][0] == seen[-1][1]
    assert not runner.is_running()


def test_a_new_start_cancels_the_old_task_and_only_the_new_result_arrives(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    started = threading.Event()
    asked_to_stop = threading.Event()

    def slow(*, progress, cancelled):
        started.set()
        gate.wait(5)
        while not cancelled():
            gate.wait(0.001)
        asked_to_stop.set()
        raise Cancelled()

    def quick(value, *, progress, cancelled):
        return value

    results, failures = [], []
    runner.finished.connect(results.append)
    runner.failed.connect(failures.append)
    runner.start(slow)
    assert started.wait(5)  # (a task superseded before it starts is skipped)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(quick, 42)
        gate.set()
    assert asked_to_stop.wait(5)
    assert runner.wait(5000)
    # Whatever the old task sent was posted before wait() returned (its news comes before
    # its end): delivered now, all of it, rather than whatever arrives within 50 ms.
    QCoreApplication.sendPostedEvents()
    assert results == [42] and failures == []


def test_cancel_delivers_nothing(qtbot):
    runner = TaskRunner()
    results, states, steps = [], [], []
    runner.finished.connect(results.append)
    runner.running_changed.connect(states.append)
    runner.progress.connect(lambda d, t: steps.append(d))
    runner.start(simulate_network, "tanh", 1.0, 0.0, 300, 60, 8, 1)
    runner.cancel()
    assert states == [True, False] and not runner.is_running()
    assert runner.wait(20_000)
    QCoreApplication.sendPostedEvents()  # (all it sent, posted before wait() returned)
    assert results == [] and steps == [] and not runner.is_running()


def test_a_failing_task_reports_its_message(qtbot):
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.start(simulate_network, "relu", -1.0, 0.0, 10, 3, 2, 0)
    assert "ValueError" in failed.args[0] and "sigma_w" in failed.args[0]


@pytest.fixture(autouse=True)
def _drain():
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(30_000)


def test_keyed_runners_deliver_each_keys_newest_result_on_a_pool_of_their_own(qtbot):
    from actgui.worker import KeyedRunners

    runners = KeyedRunners()
    got, threads = [], []
    runners.finished.connect(lambda key, result: got.append((key, result)))

    def task(value, *, progress, cancelled):
        threads.append(threading.current_thread() is threading.main_thread())
        return value * 2

    runners.runner("a").start(task, 1)
    runners.runner("a").start(task, 2)  # replaces the first: only 4 arrives for "a"
    runners.runner("b").start(task, 10)
    runners.runner("c").start(task, 100)
    runners.forget("c")  # nothing arrives for "c"
    qtbot.waitUntil(lambda: not runners.running())
    assert runners.stop(5000)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    assert sorted(got) == [("a", 4), ("b", 20)]
    assert not any(threads)

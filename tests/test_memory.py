"""Freed memory goes back to the system: a worker's large arrays, freed, left RSS hundreds
of MB higher for good (glibc kept them in per-thread heaps once a large block had raised
its thresholds). Run in fresh processes: the allocator's state is per process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import sys, threading
import numpy as np
sys.path.insert(0, {root!r})

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

big = np.ones(8_000_000)
del big  # a large block freed: glibc raises its thresholds
before = rss()
pins = []

def work():  # a worker's arrays, 16 MB each, with something small kept after them
    for _ in range(20):
        blocks = [np.ones(2_000_000) for _ in range(10)]
        pins.append(np.ones(1000))
        del blocks

worker = threading.Thread(target=work)
worker.start()
worker.join()
if {fix}:  # what a TaskRunner does when a task has finished
    from actgui.memory import trim_soon
    trim_soon().join()
print(round(rss() - before))
"""


def grown_mb(fix: bool) -> int:
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=root, fix=fix)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_a_workers_freed_arrays_go_back_to_the_system():
    assert grown_mb(fix=False) > 100  # (what happened: the test would see it)
    assert grown_mb(fix=True) < 20


def test_a_finished_task_has_the_free_memory_trimmed_at_most_every_two_seconds(qtbot):
    import threading

    import actgui.memory as memory
    from actgui.worker import TaskRunner

    started = []
    original = memory.trim_soon

    def spy():
        thread = original()
        started.append(thread)
        return thread

    import actgui.worker as worker

    runner = TaskRunner()
    try:
        worker.trim_soon = spy
        memory._last_trim = -float("inf")
        for value in (1, 2):
            with qtbot.waitSignal(runner.finished, timeout=10_000):
                runner.start(lambda v, *, progress, cancelled: v, value)
    finally:
        worker.trim_soon = original
    assert len(started) == 2
    assert isinstance(started[0], threading.Thread)  # the first: a trim, on its own thread
    assert started[1] is None  # the second, at once after: too soon


def test_no_cyclic_garbage_is_collected_on_a_worker(window, qtbot):
    """A collection on a worker thread once hung the program (a PySide object's signals
    disconnected there while the GUI thread, holding the interpreter, waited to connect):
    while a worker task runs, one making garbage far past every threshold collects
    nothing; the GUI thread collects it, and switches the collector back on after."""
    import gc
    import weakref

    from actgui.worker import TaskRunner

    class Node:
        pass

    refs = []

    def churn(**_worker) -> bool:
        first = Node()
        first.me = first  # a cycle: only the collector frees it
        refs.append(weakref.ref(first))
        del first
        for _ in range(50_000):
            node = Node()
            node.me = node
        return refs[0]() is not None  # not collected on this thread

    runner, result = TaskRunner(), []
    runner.finished.connect(result.append)
    runner.start(churn)
    assert not gc.isenabled()
    qtbot.waitUntil(lambda: bool(result), timeout=30_000)
    assert result == [True]
    qtbot.waitUntil(lambda: refs[0]() is None and gc.isenabled(), timeout=5_000)

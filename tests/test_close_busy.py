"""Closing the window while everything is busy: every worker stops within the window's
wait (0.4 s), so the window closes at once and the process can end.

Before, closing while a race trained waited on Qt's global pool (5 s, with ~5 200 more
training steps meanwhile), a step of a large network or the analysis of a function of
your own with thousands of kinks could not be stopped (23 s, the process lingering 47 s
more), and the custom dialog's check ran on the GUI thread.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from actgui.activations import REGISTRY, Definition
from actgui.analysis.race import MAX_POINTS, RaceConfig

#: 3600 kinks: its statistics take seconds, its gains a minute.
KINKY = " + ".join(f"max(sin(1/x), cos({k}/x))" for k in range(2, 20))


@pytest.fixture
def kinky(window):
    window.custom.add(Definition("kinky", "Kinky", KINKY))
    try:
        yield "kinky"
    finally:
        if "kinky" in REGISTRY:
            window.custom.remove("kinky")


def test_closing_while_everything_is_busy_stops_every_worker(window, kinky, qtbot):
    labs = window.labs
    window.model.set_selected(kinky)
    window.show_labs("gains")
    qtbot.waitUntil(labs.isVisible)
    labs.flush()
    assert labs.deferred.pending()  # the gains of the kinky function, on the worker
    labs.show_view("depth")
    labs.flush()
    labs.depth.start_tasks()  # the phase diagram and the simulation of it
    assert labs.depth.phase_runner.is_running()
    window.lab.train.set_config(
        RaceConfig(keys=("gelu", "silu", "mish", "selu"), hidden=(256,) * 4,
                   n_points=MAX_POINTS // 2, steps=1000)
    )  # fmt: skip
    labs.show_view("train")
    controller = labs.train.controller
    controller.start()  # built on the worker, then trained: a step takes a second
    qtbot.waitUntil(lambda: controller.state() == "running", timeout=60_000)
    labs.train.redraw()  # the pictures of four 4×256 networks on 5 000 points: a worker's
    assert labs.train.graphs.pictures.running()
    window.close()
    assert window.workers_ended
    assert not controller.busy() and not labs.deferred.pending()
    assert not labs.train.graphs.pictures.running()
    # (a thread returns to its pool just after its task said it ended)
    assert QThreadPool.globalInstance().waitForDone(1000)


def test_closing_while_a_training_history_is_written_abandons_it(
    window, qtbot, monkeypatch, tmp_path
):
    """The history's formatting (seconds for 100 000 steps) went on after the window closed
    and kept the process alive: now it stops, and no file is left, whole or half."""
    from PySide6.QtWidgets import QFileDialog

    import actgui.panels.labs.train_view as train_view
    from actgui.cancel import checkpoint

    entered = []

    def endless(_arrays):
        entered.append(True)
        while True:
            checkpoint()

    monkeypatch.setattr(train_view, "history_rows", endless)
    target = tmp_path / "history.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.show_labs("train")
    qtbot.waitUntil(lambda: window.labs.train.controller.race is not None, timeout=30_000)
    window.labs.export_actions["data_train"].trigger()
    qtbot.waitUntil(lambda: bool(entered), timeout=10_000)
    window.close()
    assert window.workers_ended and not window.exports.table_writer.is_running()
    assert not target.exists() and not list(tmp_path.iterdir())


def test_closing_while_functions_of_your_own_are_read_measured_and_drawn(
    window, chosen_functions_file
):
    """The workers added for your own functions stop too: an Import… building its
    formulas, the properties (a kink search) of a function just added, and its first
    drawing on the curve worker."""
    chosen_functions_file("many", range(2, 40), 18)
    window.custom.add(Definition("kinky", "Kinky", KINKY))  # measured on the worker
    window.plot.refresh()  # drawn the first time on the curve worker
    assert window.plot.curves.waiting("kinky")
    window.custom.import_interactive()
    assert window.custom.importing()
    window.close()
    assert window.workers_ended
    assert not window.custom.importing()
    assert QThreadPool.globalInstance().waitForDone(1000)

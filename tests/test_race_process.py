"""Training beside the window (issue 24, item 5): the race in a worker process, read
through its mirror; the same numbers as a race stepped here, live settings, pause and step,
a killed worker, closing, a function of your own, a failure in the interface language.

The mirror tests need no display; the controller tests need only QtCore's event loop.
"""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from actgui.analysis.race import Race, RaceConfig
from actgui.analysis.race_mirror import RaceMirror, apply_snapshot, race_payload, run_snapshot
from actgui.text.messages import Message
from actgui.training import RaceController, TrainModel

CONFIG = RaceConfig(keys=("relu", "tanh"), n_points=120, hidden=(8, 8), steps=60)
#: Long enough to be caught running (pause, a live change, a kill, closing).
ENDLESS = CONFIG.with_changes(steps=100_000)
SLOW = 60_000  # ms: the first race spawns the worker (about a second; more on a busy machine)


def same_runs(ours, theirs) -> None:
    """Every record, step count and parameter equal, bit for bit."""
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine.steps == reference.steps and mine.diverged == reference.diverged
        got, wanted = mine.records(), reference.records()
        assert got.keys() == wanted.keys()
        for name in wanted:
            assert np.array_equal(got[name], wanted[name], equal_nan=True), name
        for a, b in zip(mine.net.tensors(), reference.net.tensors(), strict=True):
            assert np.array_equal(a, b)


# -- the mirror, without a process ---------------------------------------------------------
def test_the_mirror_reads_as_the_race_it_mirrors():
    """Snapshots taken while a race trains make a mirror equal to it: records, history
    table, pictures' predictions, hidden outputs (no process, no display)."""
    race = Race(CONFIG.with_changes(test_fraction=0.25))
    mirror = RaceMirror(7, race_payload(race), {})
    assert [r.steps for r in mirror.runs] == [0, 0] and mirror.tested
    sent = [0, 0]
    for until in (3, 4, 17, 30):
        race.advance(until)
        parameters = until != 4  # (a snapshot without parameters: they come later)
        runs = [run_snapshot(r, s, parameters) for r, s in zip(race.runs, sent, strict=True)]
        apply_snapshot(mirror, {"rate": race.rate, "runs": runs})
        sent = [r.steps for r in race.runs]
    same_runs(mirror.runs, race.runs)
    assert mirror.history_header() == race.history_header()
    for (a, x), (b, y) in zip(mirror.history_arrays(), race.history_arrays(), strict=True):
        assert a == b and np.array_equal(x, y)
    points = np.random.default_rng(1).normal(size=(50, 2))
    frozen = mirror.runs[1].frozen()
    assert np.array_equal(frozen.predict(points), race.runs[1].predict(points))
    assert frozen.accuracy() == race.runs[1].accuracy()
    for a, b in zip(
        frozen.hidden_outputs(points), race.runs[1].hidden_outputs(points), strict=True
    ):
        assert np.array_equal(a, b)
    with pytest.raises(RuntimeError):
        mirror.advance()


def test_weights_exported_from_a_mirror_say_the_step_they_are_of():
    """Records arrive at every snapshot, weights now and then: the weights' JSON names the
    step of the weights it holds, not the latest record's."""
    from actgui.analysis.torch_export import weights_json

    race = Race(CONFIG)
    mirror = RaceMirror(3, race_payload(race), {})
    race.advance(5)
    apply_snapshot(mirror, {"rate": 1.0, "runs": [run_snapshot(r, 0, True) for r in race.runs]})
    race.advance(9)
    apply_snapshot(mirror, {"rate": 1.0, "runs": [run_snapshot(r, 5, False) for r in race.runs]})
    assert mirror.steps == 9
    data = weights_json(mirror)
    assert [run["steps"] for run in data["runs"]] == [5, 5]
    assert weights_json(race)["runs"][0]["steps"] == 9


def test_a_snapshot_out_of_order_is_refused():
    race = Race(CONFIG)
    mirror = RaceMirror(1, race_payload(race), {})
    race.advance(5)
    late = {"rate": 1.0, "runs": [run_snapshot(r, 2, False) for r in race.runs]}
    with pytest.raises(ValueError, match="from step 2"):
        apply_snapshot(mirror, late)


# -- the controller and its worker process -------------------------------------------------
@pytest.fixture
def controller(qapp):
    train = TrainModel(CONFIG)
    made = RaceController(train, lambda key: {}, backend="process")
    yield made
    assert made.stop(1000)


def built(qtbot, controller):
    controller.ensure_race()
    qtbot.waitUntil(lambda: controller.race is not None, timeout=SLOW)
    return controller.race


def settled(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.busy(), timeout=SLOW)


def test_no_process_before_a_race_is_needed(controller):
    assert controller.process is None and controller.race is None


def test_the_process_trains_the_same_numbers_as_a_race_here(controller, qtbot):
    race = built(qtbot, controller)
    assert controller.process.alive() and controller.process.pid != os.getpid()
    with qtbot.waitSignal(controller.state_changed, check_params_cb=lambda s: s == "finished",
                          timeout=SLOW):  # fmt: skip
        controller.start()
    reference = Race(CONFIG)
    reference.advance()
    assert race.steps == 60 and race.finished()
    same_runs(race.runs, reference.runs)
    assert race.rate > 0


def test_pause_and_step_go_on_exactly(controller, qtbot):
    controller._train.set_config(ENDLESS)
    race = built(qtbot, controller)
    controller.step()
    assert controller.state() == "running"
    settled(qtbot, controller)
    controller.step()
    settled(qtbot, controller)
    assert [run.steps for run in race.runs] == [2, 2] and controller.state() == "paused"
    controller.start()
    qtbot.waitUntil(lambda: race.steps > 10, timeout=SLOW)
    controller.pause()
    assert controller.state() == "paused"
    settled(qtbot, controller)  # (the paused run's last numbers)
    paused_at = race.steps
    assert 10 < paused_at < 100_000
    reference = Race(ENDLESS)
    for theirs, ours in zip(reference.runs, race.runs, strict=True):
        theirs.step(ours.steps - theirs.steps)  # (paused between two runs' steps: each alone)
    same_runs(race.runs, reference.runs)  # a pause changes nothing of what follows
    controller.step()
    settled(qtbot, controller)
    reference.advance(paused_at + 1)
    assert race.steps == paused_at + 1
    same_runs(race.runs, reference.runs)


def test_a_new_learning_rate_applies_while_training(controller, qtbot):
    controller._train.set_config(ENDLESS)
    race = built(qtbot, controller)
    controller.start()
    qtbot.waitUntil(lambda: race.steps > 5, timeout=SLOW)
    controller._train.update(learning_rate=0.2, l2=0.5)
    assert race.config.learning_rate == 0.2  # the mirror's at once
    qtbot.waitUntil(lambda: race.runs[0].learning_rates[-1] == 0.2, timeout=SLOW)
    controller.pause()
    settled(qtbot, controller)
    assert controller.race is race  # not a new race
    for run in race.runs:
        rates, l2 = run.learning_rates, run.records()["l2"]
        changed = int(np.argmax(rates == 0.2))
        assert rates[0] == 0.01 and changed > 0 and np.all(rates[changed:] == 0.2)
        assert np.all(l2[:changed] == 0.0) and np.all(l2[changed:] == 0.5)


def test_a_killed_worker_says_so_and_reset_starts_another(controller, qtbot):
    controller._train.set_config(ENDLESS)
    built(qtbot, controller)
    controller.start()
    old = controller.process.pid
    with qtbot.waitSignal(controller.failed, timeout=SLOW) as failure:
        os.kill(old, signal.SIGKILL)
    message = failure.args[0]
    assert isinstance(message, Message) and "stopped unexpectedly" in message
    assert message.fields["code"] == -signal.SIGKILL
    assert controller.state() == "failed" and not controller.busy()
    controller.reset()  # a new worker, a new race
    race = built(qtbot, controller)
    assert controller.process.alive() and controller.process.pid != old
    controller._train.update(steps=20)
    with qtbot.waitSignal(controller.state_changed, check_params_cb=lambda s: s == "finished",
                          timeout=SLOW):  # fmt: skip
        controller.start()
    assert race.steps == 20


def test_start_after_the_worker_died_says_so_before_its_news_arrived(controller, qtbot):
    """The worker dies while paused and Start comes before the news of its death: Start
    must not start a worker that does not know the race (it waited for ever, "running");
    the death is said, and Start after it says it again."""
    controller._train.set_config(ENDLESS)
    built(qtbot, controller)
    process = controller.process
    old = process.pid
    os.kill(old, signal.SIGKILL)
    qtbot.waitUntil(lambda: not process.alive(), timeout=SLOW)
    with qtbot.waitSignal(controller.failed, timeout=SLOW) as failure:
        controller.toggle()  # (its news may not have been read yet)
    assert "stopped unexpectedly" in failure.args[0]
    qtbot.waitUntil(lambda: not controller.busy(), timeout=SLOW)
    assert controller.state() == "failed" and not process.alive()
    with qtbot.waitSignal(controller.failed, timeout=SLOW):
        controller.start()  # in state "failed": said again, never a silent hang
    qtbot.waitUntil(lambda: not controller.busy(), timeout=SLOW)
    controller.reset()  # a new worker, a new race
    built(qtbot, controller)
    assert controller.process.pid != old and controller.process.alive()


def test_closing_ends_the_worker_even_inside_a_long_step(qapp, qtbot):
    """Four 4×256 networks on 5 000 points: a step takes about a second. Closing does not
    wait for it: the worker is told, then terminated; it is gone (and reaped) on return."""
    config = RaceConfig(keys=("gelu", "silu", "mish", "selu"), hidden=(256,) * 4,
                        n_points=5000, steps=1000)  # fmt: skip
    controller = RaceController(TrainModel(config), lambda key: {}, backend="process")
    built(qtbot, controller)
    controller.start()
    process = controller.process
    assert controller.busy() and process.alive()
    assert controller.stop(500)
    assert not process.alive() and not controller.busy()
    assert process.close(0)  # (reaped: nothing left to wait for)


def test_a_function_of_your_own_races_in_the_worker(controller, qtbot):
    """The worker's registry has only the built-in functions: the definition goes with
    the race, and the numbers are those of the same function registered here."""
    from actgui.activations import REGISTRY, Definition, add_custom, remove_custom

    add_custom(Definition("proc_swish", "Process swish", "x * sigmoid(beta * x)",
                          (("beta", 0.1, 5.0, 1.5),)))  # fmt: skip
    try:
        config = CONFIG.with_changes(keys=("proc_swish", "relu"), steps=25)
        controller._train.set_config(config)
        race = built(qtbot, controller)
        assert race.runs[0].act is REGISTRY["proc_swish"]  # the window's own, for pictures
        with qtbot.waitSignal(controller.state_changed,
                              check_params_cb=lambda s: s == "finished", timeout=SLOW):  # fmt: skip
            controller.start()
        reference = Race(config)
        reference.advance()
        same_runs(race.runs, reference.runs)
        assert race.params["proc_swish"] == {"beta": 1.5}
    finally:
        remove_custom("proc_swish")


def test_the_worker_keeps_only_the_functions_of_your_own_of_its_race(controller, qtbot):
    """More races of functions of your own than the registry holds (one at a time, each
    deleted after): the worker forgets a race's functions with the race (it kept them
    all and refused the 51st)."""
    from actgui.activations import Definition, add_custom, remove_custom
    from actgui.activations.custom import MAX_CUSTOM

    small = CONFIG.with_changes(n_points=20, hidden=(2,), steps=1)
    for i in range(MAX_CUSTOM + 2):
        key = f"proc_once_{i}"
        add_custom(Definition(key, key, f"x * {i + 1}"))
        try:
            controller._train.set_config(small.with_changes(keys=(key,)))
            race = built(qtbot, controller)
            assert race.runs[0].act.key == key
        finally:
            remove_custom(key)
    assert controller.state() != "failed"


def test_a_refused_data_file_arrives_as_the_same_message(controller, qtbot, tmp_path):
    """A ``ValueError(Message)`` raised in the worker reaches the window as that Message
    (translatable), without its exception's type."""
    from actgui.analysis.race import checked_csv

    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,a\n3,4,b\n", encoding="utf-8")
    expected = checked_csv(bad).args[0]
    assert isinstance(expected, Message)
    controller._train.set_config(CONFIG.with_changes(dataset="csv", data_file=str(bad)))
    with qtbot.waitSignal(controller.failed, timeout=SLOW) as failure:
        controller.reset()
    got = failure.args[0]
    assert isinstance(got, Message) and got == expected
    assert got.template == expected.template and got.fields == expected.fields
    assert controller.race is None and controller.state() == "failed"


def test_the_thread_backend_still_trains_the_same_numbers(qapp, qtbot):
    """``backend="thread"`` (the code before issue 24, kept for the side-by-side
    benchmark): the same numbers, and a pause as it reaches the end says finished."""
    controller = RaceController(TrainModel(CONFIG), lambda key: {}, backend="thread")
    race = built(qtbot, controller)
    assert controller.process is None
    controller.start()
    assert controller.runner.wait(SLOW)  # the worker is done; its news not yet delivered
    controller.pause()
    assert controller.state() == "finished"
    reference = Race(CONFIG)
    reference.advance()
    same_runs(race.runs, reference.runs)
    assert controller.stop(1000)
    with pytest.raises(ValueError, match="backend"):
        RaceController(TrainModel(CONFIG), lambda key: {}, backend="fiber")


def test_switching_backends_ends_the_worker_and_trains_alike(controller, qtbot):
    race = built(qtbot, controller)
    process = controller.process
    controller.set_backend("thread")  # (the benchmark's side-by-side comparison)
    assert controller.race is None and controller.process is None
    assert not process.alive()
    on_thread = built(qtbot, controller)
    assert on_thread is not race and controller.process is None
    controller.step()
    settled(qtbot, controller)
    controller.set_backend("process")
    in_process = built(qtbot, controller)
    controller.step()
    settled(qtbot, controller)
    assert controller.process.alive() and controller.process is not process
    same_runs(in_process.runs, on_thread.runs)


def test_the_train_tab_says_its_worker_stopped_and_reset_recovers(window, qtbot):
    """The app's Train tab: the worker killed while training gives a clear message in
    the tab (no hang, no crash), Start waits for Reset, and Reset trains again."""
    window.show_labs("train")
    view = window.labs.train
    window.lab.train.set_config(ENDLESS)
    view.controller.start()
    qtbot.waitUntil(lambda: view.controller.state() == "running", timeout=SLOW)
    with qtbot.waitSignal(view.controller.failed, timeout=SLOW):
        os.kill(view.controller.process.pid, signal.SIGKILL)
    assert "training process stopped unexpectedly" in view.form.error_label.text()
    assert view.form.error_label.isVisible()
    assert not view.button_start.isEnabled() and view.button_reset.isEnabled()
    view.button_reset.click()
    qtbot.waitUntil(lambda: view.controller.state() == "ready", timeout=SLOW)
    window.lab.train.update(steps=30)
    view.button_start.click()
    qtbot.waitUntil(lambda: view.controller.state() == "finished", timeout=SLOW)
    assert view.controller.race.steps == 30


def test_reset_while_training_replaces_the_race_and_settles(controller, qtbot):
    """A new race asked for while the worker trains: it stops inside its step, says
    nothing more of the old race, and the new one is there, at step 0, not busy."""
    controller._train.set_config(ENDLESS)
    old = built(qtbot, controller)
    controller.start()
    qtbot.waitUntil(lambda: old.steps > 3, timeout=SLOW)
    controller.reset()
    new = built(qtbot, controller)
    settled(qtbot, controller)
    assert new is not old and new.steps == 0 and controller.state() == "ready"
    controller.step()
    settled(qtbot, controller)
    assert new.steps == 1


def test_closing_in_two_passes_asks_then_waits(controller, qtbot):
    """The window closes every worker at once first (no time: the process is only told),
    then waits for them in turn: the second pass sees the process gone and reaped."""
    controller._train.set_config(ENDLESS)
    built(qtbot, controller)
    controller.start()
    process = controller.process
    controller.stop(0)
    assert controller.stop(1000)
    assert not process.alive() and controller.process is process


def test_the_worker_settles_its_heap_first():
    """A fresh process trims malloc's heap at every step (training at half speed) until
    its thresholds are fixed: the worker fixes them before anything else."""
    import ast
    import inspect
    import sys

    from actgui.analysis import race_process
    from actgui.memory import settle_heap

    tree = ast.parse(inspect.getsource(race_process.serve))
    called = [
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]
    assert "settle_heap" in called
    assert called.index("settle_heap") < called.index("_Worker")
    assert settle_heap() is sys.platform.startswith("linux")

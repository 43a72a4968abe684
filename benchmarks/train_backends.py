"""Training beside the window against training in it, side by side in one window (issue 24).

``bench.py --only train`` calls :func:`bench_backends`: four networks (2×16 on 500 points)
race on a worker thread of the window's process (the code before issue 24,
``RaceController.set_backend("thread")``) and in a worker process (the app's), in short
alternating windows, so that this machine's drift (other programs come and go) weighs on
both alike; between them the engine alone trains on this thread for as long. Per backend:
steps per second per run with the window idle but for the Train tab's redraws, and while
α is dragged on its slider at 60 changes a second; the latency of the drag's frames
(change → the main plot's next paint); how long stopping takes (what closing waits for),
with this race and inside a step of four 8×256 networks on 10 000 points.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QSlider

BACKENDS = ("thread", "process")


class _PaintTimes(QObject):
    """Records when the widget it filters paints."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
        return False


def _stats(samples_s: list[float]) -> dict[str, float]:
    ms = np.array(samples_s) * 1e3
    return {"median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95))}


def _loop(seconds: float, tick=None) -> None:
    """Run the app's event loop for ``seconds`` (``tick()`` every 16 ms)."""
    loop = QEventLoop()
    timer = QTimer()
    if tick is not None:
        timer.setInterval(16)
        timer.timeout.connect(tick)
        timer.start()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()


def _built(window, config):
    controller = window.labs.train.controller
    window.lab.train.set_config(config)
    controller.reset()  # (built off the GUI thread: waited for, untimed)
    while controller.race is None and controller.building():
        QApplication.processEvents()
        time.sleep(0.01)
    return controller.race


def bench_backends(window, race: dict, values, rounds: int = 6, seconds: float = 2.0) -> dict:
    """Figures per backend (``race``: ``RaceConfig`` fields; ``values``: an iterator of α)."""
    from actgui.analysis.race import MAX_POINTS, Race, RaceConfig
    from actgui.memory import settle_heap

    # The engine at its best here too, as in the worker (a heap trimmed at every step
    # trains at half speed: whether this process's is depends on its history).
    settle_heap()
    window.show_labs("train")
    window.model.set_enabled_keys(("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu"))
    window.model.set_selected("leaky_relu")
    train = window.labs.train
    controller = train.controller
    knob = window.findChild(QSlider, "slider_leaky_relu_alpha")
    painted = _PaintTimes()
    viewport = window.plot.viewport()
    viewport.installEventFilter(painted)
    found = {b: {"idle": [0, 0.0], "drag": [0, 0.0], "frames": [], "stops": []} for b in BACKENDS}
    alone = [0, 0.0]
    engine = Race(RaceConfig(**race, steps=100_000))
    engine.advance(20)  # (warm-up)
    for _ in range(rounds):
        for backend in BACKENDS:
            controller.set_backend(backend)
            config = RaceConfig(**race, steps=100_000)
            mirror = _built(window, config)
            controller.start()
            _loop(0.3)  # warm-up
            figures = found[backend]
            for phase in ("idle", "drag"):
                changes: list[float] = []

                def change(changes=changes) -> None:
                    changes.append(time.perf_counter())
                    knob.setValue(knob.position_of(next(values)))

                painted.times.clear()
                race_now = controller.race
                steps, t0 = race_now.steps, time.perf_counter()
                _loop(seconds, change if phase == "drag" else None)
                figures[phase][0] += race_now.steps - steps
                figures[phase][1] += time.perf_counter() - t0
                for t in changes:
                    after = [p for p in painted.times if p >= t]
                    if after:
                        figures["frames"].append(after[0] - t)
            t0 = time.perf_counter()
            train.stop()
            figures["stops"].append(time.perf_counter() - t0)
            del mirror
        steps, t0 = engine.steps, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            engine.advance(engine.steps + 20)
        alone[0] += engine.steps - steps
        alone[1] += time.perf_counter() - t0
    viewport.removeEventFilter(painted)
    out: dict[str, object] = {"engine_alone_steps_per_s_per_run": alone[0] / alone[1]}
    for backend in BACKENDS:
        controller.set_backend(backend)
        figures = found[backend]
        large = RaceConfig(keys=("gelu", "silu", "mish", "selu"), hidden=(256,) * 8,
                           n_points=MAX_POINTS, steps=1000)  # fmt: skip
        _built(window, large)
        controller.start()
        _loop(3.0)  # (a step takes seconds: stopped inside one)
        t0 = time.perf_counter()
        train.stop()
        stop_large = time.perf_counter() - t0
        out[backend] = {
            "idle_steps_per_s_per_run": figures["idle"][0] / figures["idle"][1],
            "drag_steps_per_s_per_run": figures["drag"][0] / figures["drag"][1],
            "drag_frames": _stats(figures["frames"]),
            "drag_changes": len(figures["frames"]),
            "stop_s": max(figures["stops"]),
            "stop_large_s": stop_large,
        }
    controller.set_backend("process")  # (the app's)
    out.update(rounds=rounds, seconds_per_window=seconds)
    return out


def print_backends(found: dict) -> None:
    """The figures of :func:`bench_backends`, a paragraph per backend."""
    alone = found["engine_alone_steps_per_s_per_run"]
    print(
        f"training, 2×16 on 500 points, four runs, {found['rounds']} rounds of"
        f" {found['seconds_per_window']:g} s windows alternating (target: while α is dragged,"
        f" frame p95 ≤ 16 ms and ≥ 90 % of the engine alone); the engine alone, this thread,"
        f" in the same rounds: {alone:.0f} steps/s per run"
    )
    for backend, where in (("thread", "a worker thread (before)"),
                           ("process", "a worker process (now)")):  # fmt: skip
        t = found[backend]
        drag = t["drag_steps_per_s_per_run"]
        print(f"  on {where}:")
        print(f"    window idle: {t['idle_steps_per_s_per_run']:.0f} steps/s per run")
        print(
            f"    α dragged at 60/s: {drag:.0f} steps/s per run ({100 * drag / alone:.0f} % of"
            f" the engine alone); frames median {t['drag_frames']['median_ms']:.2f} ms, p95"
            f" {t['drag_frames']['p95_ms']:.2f} ms ({t['drag_changes']} changes)"
        )
        print(
            f"    stopping (what closing waits for): at most {1000 * t['stop_s']:.0f} ms;"
            f" {1000 * t['stop_large_s']:.0f} ms inside a step of four 8×256 networks on"
            " 10 000 points"
        )

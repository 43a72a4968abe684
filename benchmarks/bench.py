"""Latency from a parameter change to the painted frame, against matplotlib; start-up and memory.

    python benchmarks/bench.py [--changes 300] [--json-only]

Runs offscreen. Not part of the test suite: it prints figures, it does not
pass or fail. Needs matplotlib for the comparison (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QDoubleSpinBox  # noqa: E402

from actgui.activations import REGISTRY  # noqa: E402
from actgui.app import build_window  # noqa: E402

SEED = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu")
SIZE = (1280, 800)
SCENES = {
    "a": ("six seed functions, f and f′", SEED, (0, 1)),
    "b": ("every registry function, f and f′", tuple(REGISTRY), (0, 1)),
    "c": ("every registry function, f, f′ and f″", tuple(REGISTRY), (0, 1, 2)),
}


def stats(samples_s: list[float]) -> dict[str, float]:
    ms = np.array(samples_s) * 1e3
    return {"median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95))}


def alphas(n: int) -> list[float]:
    """Values a user dragging the spinbox would produce, never repeating the previous one."""
    return [round(0.01 + 0.005 * (i % 60), 3) for i in range(n)]


class _PaintCounter(QObject):
    """Counts paint events of the widget it filters."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def bench_scene(window, keys, orders, n: int) -> tuple[list[float], float]:
    """Change → painted frame, through the app's own event flow.

    Per change: set the spinbox (widget → model → view marks curves stale),
    then run the event loop until the plot has painted: the view's zero-delay
    refresh recomputes the stale curves, and the next pass paints the frame.
    Should the loop not paint (it always has here), ``viewport().repaint()``
    paints the frame instead.
    Returns the latencies and the mean number of paints per change.
    """
    app = QApplication.instance()
    model = window.model
    model.set_enabled_keys(keys)
    for order in (0, 1, 2):
        model.set_order_shown(order, order in orders)
    spin = window.findChild(QDoubleSpinBox, "spin_leaky_relu_alpha")
    viewport = window.plot.viewport()
    counter = _PaintCounter()
    viewport.installEventFilter(counter)
    times, paints = [], 0
    for i, value in enumerate(alphas(n + 20)):
        for _ in range(3):
            app.processEvents()  # idle: nothing pending when the change arrives
        before = counter.count
        t0 = time.perf_counter()
        spin.setValue(value)
        for _ in range(10):  # the refresh runs in one pass, its paint in the next
            app.processEvents()
            if counter.count > before:
                break
        else:
            viewport.repaint()
        times.append(time.perf_counter() - t0)
        if i >= 20:
            app.processEvents()  # count any follow-up paint (e.g. a changed auto-range)
            paints += counter.count - before
    viewport.removeEventFilter(counter)
    return times[20:], paints / n  # warm-up excluded


def bench_matplotlib(n: int) -> list[float]:
    """The seed's way: a matplotlib (Agg) figure of scene (a), fully re-drawn per change."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dpi = 100
    fig, ax = plt.subplots(figsize=(SIZE[0] / dpi, SIZE[1] / dpi), dpi=dpi)
    x = np.linspace(-6, 6, 1000)
    lines = {}
    for key in SEED:
        act = REGISTRY[key]
        (lines[key, 0],) = ax.plot(x, act.forward(x), label=act.name)
        (lines[key, 1],) = ax.plot(x, act.derivative(x), "--", color=lines[key, 0].get_color())
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.grid(True)
    ax.legend()
    fig.canvas.draw()
    times = []
    for value in alphas(n + 20):
        t0 = time.perf_counter()
        act = REGISTRY["leaky_relu"]
        lines["leaky_relu", 0].set_ydata(act.forward(x, alpha=value))
        lines["leaky_relu", 1].set_ydata(act.derivative(x, alpha=value))
        fig.canvas.draw()
        times.append(time.perf_counter() - t0)
    plt.close(fig)
    return times[20:]


# Runs main.py in a fresh interpreter, then prints the process's peak resident
# memory. VmHWM is per address space, so unlike ru_maxrss it does not inherit
# the size of the benchmark process that spawned it.
_CHILD = """
import runpy, sys
sys.argv = ["main.py"]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as exc:
    code = exc.code
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print("VMHWM_KB", status)
sys.exit(code)
"""


def bench_cold_start(runs: int) -> tuple[list[float], float]:
    """Wall time from spawning ``python main.py`` to the end of its first painted frame.

    The app prints the (wall-clock) time of its first paint and exits; the
    time it takes to tear itself down afterwards is not counted.

    Returns the times and the largest peak RSS (MB) of those runs.
    """
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            ACTGUI_EXIT_AFTER_FIRST_PAINT="1",
            XDG_CONFIG_HOME=home,
            HOME=home,
        )
        for _ in range(runs):
            spawned = time.time()
            done = subprocess.run(
                [sys.executable, "-c", _CHILD],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            painted = float(done.stdout.split("first-paint-at")[1].split()[0])
            times.append(painted - spawned)
            peaks.append(int(done.stdout.split("VMHWM_KB")[1].split()[0]) / 1024)
    return times, max(peaks)


def _vm_hwm_mb() -> float:
    text = Path("/proc/self/status").read_text()
    return int(text.split("VmHWM:")[1].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300, help="parameter changes per scene")
    parser.add_argument("--starts", type=int, default=7, help="cold starts to time")
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        window = build_window(settings)
        window.resize(*SIZE)
        window.show()
        app.processEvents()
        results: dict[str, object] = {}
        for name, (_, keys, orders) in SCENES.items():
            times, paints = bench_scene(window, keys, orders, args.changes)
            results[f"scene_{name}"] = {
                "curves": len(keys) * len(orders),
                "paints_per_change": paints,
                **stats(times),
            }
        app_rss_mb = _vm_hwm_mb()
        window.close()
    mpl = stats(bench_matplotlib(args.changes))
    starts, start_rss_mb = bench_cold_start(args.starts)
    results.update(
        matplotlib_scene_a=mpl,
        speedup_vs_matplotlib=mpl["median_ms"] / results["scene_a"]["median_ms"],
        cold_start_s={"median": statistics.median(starts), "max": max(starts)},
        peak_rss_mb={"app_cold_start": start_rss_mb, "benchmark_after_scenes": app_rss_mb},
        machine={
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "qt_platform": os.environ["QT_QPA_PLATFORM"],
        },
        size=list(SIZE),
        changes=args.changes,
        date=time.strftime("%Y-%m-%d"),
    )

    if not args.json_only:
        print(
            f"window {SIZE[0]}x{SIZE[1]}, {args.changes} changes of spin_leaky_relu_alpha per scene"
        )
        print(f"{'scene':<48}{'curves':>7}{'median ms':>11}{'p95 ms':>9}{'paints':>8}")
        for name, (label, _, _) in SCENES.items():
            r = results[f"scene_{name}"]
            print(
                f"({name}) {label:<44}{r['curves']:>7}{r['median_ms']:>11.2f}"
                f"{r['p95_ms']:>9.2f}{r['paints_per_change']:>8.2f}"
            )
        label = "matplotlib Agg, scene (a)"
        print(f"{label:<48}{12:>7}{mpl['median_ms']:>11.2f}{mpl['p95_ms']:>9.2f}")
        print(f"speed-up over matplotlib (scene a): {results['speedup_vs_matplotlib']:.1f}x")
        start = statistics.median(starts)
        print(f"cold start to first paint: median {start:.3f} s over {len(starts)} runs")
        print(
            f"peak RSS: app to first paint {start_rss_mb:.0f} MB; "
            f"benchmark process after scenes (a)-(c) {app_rss_mb:.0f} MB"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()

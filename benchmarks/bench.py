"""Latency from a parameter change, or a bulk toggle, to the painted frame, against matplotlib;
start-up and memory.

    python benchmarks/bench.py [--changes 300] [--clicks 20] [--only a,b,…,i,bulk,start]
                               [--train-rounds 6] [--json-only]

The training part (``--only train``, ``train_backends.py``) races four networks on a worker
thread of the window's process (the code before issue 24) and in a worker process (the
app's), alternately, each while α is dragged at 60 changes a second.

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
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QPushButton, QSlider  # noqa: E402

from actgui.activations import REGISTRY  # noqa: E402
from actgui.app import build_window  # noqa: E402

SEED = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu")
SIZE = (1280, 800)
#: name: (label, shown functions, shown orders, Leaky ReLU selected and the readout pinned,
#: the "Why it trains" view open beside the plot or None)
SCENES = {
    "a": ("the six classics, f and f′", SEED, (0, 1), False, None),
    "b": ("every registry function, f and f′", tuple(REGISTRY), (0, 1), False, None),
    "c": ("every registry function, f, f′ and f″", tuple(REGISTRY), (0, 1, 2), False, None),
    "d": ("as (a), details shown, readout pinned", SEED, (0, 1), True, None),
    "e": ("as (d), α dragged on its slider", SEED, (0, 1), True, None),
    "f": ("as (e), Why it trains: Statistics", SEED, (0, 1), True, "stats"),
    "g": ("as (e), Why it trains: Through depth", SEED, (0, 1), True, "depth"),
    "h": ("as (e), Why it trains: Init gains", SEED, (0, 1), True, "gains"),
    "i": ("as (d), Auto y, α swept so y moves", SEED, (0, 1), True, None),
}
#: Scenes whose changes come from the slider (slider_leaky_relu_alpha), not the spinbox.
SLIDER_SCENES = ("e", "f", "g", "h")
#: Scenes whose α sweeps 0.02 → 0.6 → 0.02 …: from α ≈ 0.25 on, Leaky ReLU's −6α is the
#: lowest point of the six classics, so the automatic y-range moves with α (about 60 % of
#: the changes; the benchmark counts them).
SWEEP_SCENES = ("i",)
#: Where scene (d) pins the readout's cursor.
PINNED_X = -1.0
#: name: (label, button's objectName, functions shown before the click); f and f′ shown.
BULK = {
    "clear_from_all": ("Clear all, every function shown", "button_clear_all", tuple(REGISTRY)),
    "seed_from_none": ("Six classics, nothing shown", "button_seed_set", ()),
    "seed_from_all": ("Six classics, every function shown", "button_seed_set", tuple(REGISTRY)),
}
BULK_ORDERS = (0, 1)
#: Untimed clicks before the timed ones.
BULK_WARMUP = 3
#: The training part's race: the issue's 2×16 network on 500 points, four activations.
RACE = dict(keys=("relu", "leaky_relu", "elu", "gelu"), n_points=500, hidden=(16, 16))
PARTS = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "train", "bulk", "format", "start")
#: The number formats the "format" part cycles through on the main plot (Compute in).
FORMAT_CYCLE = ("float16", "bfloat16", "float32", "float64")


def _freeze_as_the_app_does(window) -> None:
    """What ``actgui.app.main`` does once the window is up: the start's objects leave the
    cycle collector's sight. (Code older than that has no ``freeze_long_lived``: nothing
    then.)"""
    try:
        from actgui.collector import freeze_long_lived
    except ImportError:
        return
    freeze_long_lived()


def stats(samples_s: list[float]) -> dict[str, float]:
    ms = np.array(samples_s) * 1e3
    return {"median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95))}


def alphas(n: int) -> list[float]:
    """Values a user dragging the spinbox would produce, never repeating the previous one."""
    return [round(0.01 + 0.005 * (i % 60), 3) for i in range(n)]


def sweep(n: int) -> list[float]:
    """α dragged up and down between 0.02 and 0.6 in steps of 0.01 (scene (i))."""
    up = [round(0.02 + 0.01 * i, 3) for i in range(59)]  # 0.02 … 0.60
    cycle = up + up[-2:0:-1]  # … and back down to 0.03
    return [cycle[i % len(cycle)] for i in range(n)]


class _PaintCounter(QObject):
    """Counts paint events of the widget it filters."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _run_until_painted(app, viewport, counter: _PaintCounter, before: int) -> None:
    """Run the event loop until the plot has painted since ``before``.

    The view's zero-delay refresh recomputes stale curves in one pass, and the
    next pass paints the frame. Should the loop not paint (it always has here),
    ``viewport().repaint()`` paints the frame instead.
    """
    for _ in range(10):
        app.processEvents()
        if counter.count > before:
            return
    viewport.repaint()


def _settle(app, viewport, counter: _PaintCounter, before: int) -> None:
    """Untimed: run the event loop until the plot has painted since ``before`` (if the
    work since then needed a paint) and three passes in a row neither paint nor
    post anything that paints: all pending work has finished, nothing is queued."""
    quiet = 0
    for _ in range(200):
        seen = counter.count
        app.processEvents()
        quiet = quiet + 1 if counter.count == seen else 0
        if quiet >= 3:
            break
    if counter.count == before:  # nothing to paint, or the loop did not: paint anyway
        viewport.repaint()
        app.processEvents()


class _RefreshTimes:
    """Times every refresh of the analysis panel's views while active (its refreshes are
    throttled to ``MIN_INTERVAL_MS`` during a drag: some changes include one, most not)."""

    def __init__(self, labs) -> None:
        self._views = [labs.stats, labs.depth, labs.gains]
        self._train = labs.train
        self.times: list[float] = []

    def __enter__(self):
        for view in self._views:
            original = view.refresh

            def timed(original=original) -> None:
                t0 = time.perf_counter()
                original()
                self.times.append(time.perf_counter() - t0)

            view.refresh = timed
        original = self._train.redraw

        def timed_redraw() -> None:
            t0 = time.perf_counter()
            original()
            self.times.append(time.perf_counter() - t0)

        self._train.redraw = timed_redraw
        return self

    def __exit__(self, *_exc) -> None:
        for view in self._views:
            del view.refresh
        del self._train.redraw


def bench_scene(
    window,
    keys,
    orders,
    n: int,
    after_paint: bool = False,
    slider: bool = False,
    values=alphas,
):
    """Change → painted frame, through the app's own event flow.

    Per change: set the spinbox (widget → model → view marks curves stale),
    then run the event loop until the plot has painted (``_run_until_painted``).
    With ``after_paint``, one more pass of the event loop runs inside the timed
    interval, so work a panel coalesced into the same pass (a zero-delay refresh
    of the readout or the details) is counted too.
    ``values(n)`` gives the α of each change.
    Returns the latencies, the mean number of paints per change and the number of
    timed changes that moved the y-range.
    """
    app = QApplication.instance()
    model = window.model
    model.set_auto_y(True)
    model.set_enabled_keys(keys)
    for order in (0, 1, 2):
        model.set_order_shown(order, order in orders)
    spin = window.findChild(QDoubleSpinBox, "spin_leaky_relu_alpha")
    if slider:
        knob = window.findChild(QSlider, "slider_leaky_relu_alpha")
        spin = type("Drag", (), {"setValue": lambda _s, v: knob.setValue(knob.position_of(v))})()
    viewport = window.plot.viewport()
    counter = _PaintCounter()
    viewport.installEventFilter(counter)
    times, paints, y_moves = [], 0, 0
    for i, value in enumerate(values(n + 20)):
        for _ in range(3):
            app.processEvents()  # idle: nothing pending when the change arrives
        before = counter.count
        y_before = model.y_range()
        t0 = time.perf_counter()
        spin.setValue(value)
        _run_until_painted(app, viewport, counter, before)
        if after_paint:
            app.processEvents()
        times.append(time.perf_counter() - t0)
        if i >= 20:
            app.processEvents()  # count any follow-up paint (e.g. a changed auto-range)
            paints += counter.count - before
            y_moves += model.y_range() != y_before
    viewport.removeEventFilter(counter)
    return times[20:], paints / n, y_moves  # warm-up excluded


class _LegendCalls:
    """Counts calls of pyqtgraph's public ``LegendItem.clear``/``addItem`` on legends in
    one scene, by wrapping those methods while it is active (untimed clicks only)."""

    def __init__(self, scene) -> None:
        self.scene = scene
        self.clears = 0
        self.added = 0

    def __enter__(self):
        self._saved = pg.LegendItem.clear, pg.LegendItem.addItem
        clear, add = self._saved

        def counted_clear(legend, *args, **kwargs):
            if legend.scene() is self.scene:
                self.clears += 1
            return clear(legend, *args, **kwargs)

        def counted_add(legend, *args, **kwargs):
            if legend.scene() is self.scene:
                self.added += 1
            return add(legend, *args, **kwargs)

        pg.LegendItem.clear, pg.LegendItem.addItem = counted_clear, counted_add
        return self

    def __exit__(self, *_exc) -> None:
        pg.LegendItem.clear, pg.LegendItem.addItem = self._saved


def bench_format(window, clicks: int) -> dict[str, float]:
    """Compute in → painted frame: scene (d)'s plot (the six classics, f and f′, Leaky ReLU
    selected, the readout pinned) with the format cycled float16 → bfloat16 → float32 →
    float64 through the combo box, as a user picks it; ``clicks`` timed changes after a
    round of warm-up."""
    from PySide6.QtWidgets import QComboBox

    app = QApplication.instance()
    model = window.model
    model.set_enabled_keys(SEED)
    for order in (0, 1, 2):
        model.set_order_shown(order, order in (0, 1))
    model.set_selected("leaky_relu")
    model.set_cursor(PINNED_X, pinned=True)
    combo = window.findChild(QComboBox, "combo_number_format")
    viewport = window.plot.viewport()
    counter = _PaintCounter()
    viewport.installEventFilter(counter)
    times = []
    for i in range(len(FORMAT_CYCLE) + clicks):
        fmt = FORMAT_CYCLE[i % len(FORMAT_CYCLE)]
        before = counter.count
        t0 = time.perf_counter()
        combo.setCurrentIndex(combo.findData(fmt))
        _run_until_painted(app, viewport, counter, before)
        if i >= len(FORMAT_CYCLE):
            times.append(time.perf_counter() - t0)
        _settle(app, viewport, counter, counter.count)
    viewport.removeEventFilter(counter)
    model.set_number_format("float64")
    model.set_cursor(None)
    return stats(times)


def bench_bulk(window, clicks: int) -> dict[str, dict[str, float]]:
    """Click → painted frame for the panel's bulk buttons, through the app's own event flow.

    Per click: the starting set is restored through the model and the event loop
    run until that has painted and gone idle (untimed, ``_settle``); then the
    button is clicked and the loop run until the plot has painted. A last,
    untimed click counts the model's ``enabled_changed`` signals and the
    legend's re-listings (``LegendItem.clear``) and entries added.
    """
    app = QApplication.instance()
    model = window.model
    for order in (0, 1, 2):
        model.set_order_shown(order, order in BULK_ORDERS)
    viewport = window.plot.viewport()
    counter = _PaintCounter()
    viewport.installEventFilter(counter)
    signals = []
    model.enabled_changed.connect(lambda *_: signals.append(1))
    out = {}
    for name, (_, button_name, start) in BULK.items():
        button = window.findChild(QPushButton, button_name)
        times, paints = [], 0
        for i in range(BULK_WARMUP + clicks + 1):
            before = counter.count
            model.set_enabled_keys(start)
            _settle(app, viewport, counter, before)
            counting = i == BULK_WARMUP + clicks
            signals.clear()
            before = counter.count
            if counting:
                with _LegendCalls(window.plot.scene()) as legend:
                    button.click()
                    _settle(app, viewport, counter, before)
                break
            t0 = time.perf_counter()
            button.click()
            _run_until_painted(app, viewport, counter, before)
            times.append(time.perf_counter() - t0)
            _settle(app, viewport, counter, before)  # count any follow-up paint
            if i >= BULK_WARMUP:
                paints += counter.count - before
        times = times[BULK_WARMUP:]
        out[name] = {
            "curves_before": len(start) * len(BULK_ORDERS),
            "curves_after": len(model.enabled_keys()) * len(BULK_ORDERS),
            **stats(times),
            "max_ms": max(times) * 1e3,
            "paints_per_click": paints / clicks,
            "enabled_signals_per_click": len(signals),
            "legend_clears_per_click": legend.clears,
            "legend_entries_added_per_click": legend.added,
        }
    viewport.removeEventFilter(counter)
    return out


def bench_matplotlib(n: int, values=alphas, autoscale: bool = False) -> list[float]:
    """The seed's way: a matplotlib (Agg) figure of scene (a), fully re-drawn per change;
    with ``autoscale``, its y-limits fitted to the data again at every change (scene (i))."""
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
    for value in values(n + 20):
        t0 = time.perf_counter()
        act = REGISTRY["leaky_relu"]
        lines["leaky_relu", 0].set_ydata(act.forward(x, alpha=value))
        lines["leaky_relu", 1].set_ydata(act.derivative(x, alpha=value))
        if autoscale:
            ax.relim()
            ax.autoscale_view(scalex=False)
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


#: The standalone program, if built (``bash packaging/build.sh``).
FROZEN = ROOT / "dist" / "actgui" / "actgui"


def _start_env(home: str) -> dict[str, str]:
    """The environment of a timed start: offscreen, quits after its first paint, a
    throw-away home (no saved window or settings)."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ACTGUI_EXIT_AFTER_FIRST_PAINT="1",
        XDG_CONFIG_HOME=home,
        HOME=home,
    )


def bench_frozen_start(runs: int) -> list[float] | None:
    """Wall time from spawning the frozen program to its first painted frame (None if it
    has not been built)."""
    if not FROZEN.is_file():
        return None
    times = []
    with tempfile.TemporaryDirectory() as home:
        env = _start_env(home)
        for _ in range(runs):
            spawned = time.time()
            done = subprocess.run(
                [str(FROZEN)], env=env, check=True, capture_output=True, text=True
            )
            times.append(float(done.stdout.split("first-paint-at")[1].split()[0]) - spawned)
    return times


def bench_cold_start(runs: int) -> tuple[list[float], float]:
    """Wall time from spawning ``python main.py`` to the end of its first painted frame.

    The app prints the (wall-clock) time of its first paint and exits; the
    time it takes to tear itself down afterwards is not counted.

    Returns the times and the largest peak RSS (MB) of those runs.
    """
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as home:
        env = _start_env(home)
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


def _parts(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown part(s) {', '.join(unknown)}; choose from {','.join(PARTS)}"
        )
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300, help="parameter changes per scene")
    parser.add_argument("--clicks", type=int, default=20, help="timed clicks per bulk toggle")
    parser.add_argument("--starts", type=int, default=7, help="cold starts to time")
    parser.add_argument(
        "--only",
        type=_parts,
        default=list(PARTS),
        help=f"comma-separated parts to run, of {','.join(PARTS)} (default: all); "
        "matplotlib runs whenever (a) or (d) does",
    )
    parser.add_argument(
        "--train-rounds",
        type=int,
        default=6,
        help="rounds of the training part: on a worker thread, in a worker process, the"
        " engine alone (2 s each)",
    )
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    args = parser.parse_args()
    scenes = [name for name in SCENES if name in args.only]

    app = QApplication.instance() or QApplication([])
    results: dict[str, object] = {}
    app_rss_mb = None
    if scenes or {"bulk", "train", "format"} & set(args.only):
        with tempfile.TemporaryDirectory() as tmp:
            settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
            window = build_window(settings)
            window.resize(*SIZE)
            window.show()
            app.processEvents()
            _freeze_as_the_app_does(window)
            model = window.model
            for name in scenes:
                _, keys, orders, details, lab_view = SCENES[name]
                if lab_view is not None:
                    window.show_labs(lab_view)
                else:
                    window.action_labs.setChecked(False)
                app.processEvents()
                if details:
                    selected = model.selected_key()
                    model.set_selected("leaky_relu")
                    model.set_cursor(PINNED_X, pinned=True)
                window.labs.depth.stop()  # no simulation of an earlier scene running on
                with _RefreshTimes(window.labs) as refreshes:
                    times, paints, y_moves = bench_scene(
                        window,
                        keys,
                        orders,
                        args.changes,
                        details,
                        name in SLIDER_SCENES,
                        sweep if name in SWEEP_SCENES else alphas,
                    )
                if details:
                    model.set_cursor(None)
                    model.set_selected(selected)
                results[f"scene_{name}"] = {
                    "curves": len(keys) * len(orders),
                    "paints_per_change": paints,
                    "y_range_moves": y_moves,
                    **stats(times),
                }
                if lab_view is not None and refreshes.times:
                    results[f"scene_{name}"]["panel_refresh"] = {
                        "per_change": len(refreshes.times) / (args.changes + 20),
                        **stats(refreshes.times),
                    }
            if "bulk" in args.only:
                results["bulk"] = bench_bulk(window, args.clicks)
            if "format" in args.only:
                results["format_change"] = bench_format(window, args.clicks)
            if "train" in args.only:  # (beside the window and in it, alternating)
                from train_backends import bench_backends

                values = iter(alphas(1_000_000))
                results["training"] = bench_backends(window, RACE, values, args.train_rounds)
            app_rss_mb = _vm_hwm_mb()
            window.close()
    mpl = None
    if "a" in scenes or "d" in scenes:
        mpl = stats(bench_matplotlib(args.changes))
        results["matplotlib_scene_a"] = mpl
        for name in ("a", "d"):
            if name in scenes:
                speedup = mpl["median_ms"] / results[f"scene_{name}"]["median_ms"]
                key = "speedup_vs_matplotlib" if name == "a" else f"speedup_vs_matplotlib_{name}"
                results[key] = speedup
    if "i" in scenes:
        mpl_i = stats(bench_matplotlib(args.changes, sweep, autoscale=True))
        results["matplotlib_scene_i"] = mpl_i
        results["speedup_vs_matplotlib_i"] = mpl_i["median_ms"] / results["scene_i"]["median_ms"]
    starts = start_rss_mb = None
    if "start" in args.only:
        starts, start_rss_mb = bench_cold_start(args.starts)
        results["cold_start_s"] = {"median": statistics.median(starts), "max": max(starts)}
        frozen = bench_frozen_start(args.starts)
        if frozen is not None:
            results["frozen_cold_start_s"] = {
                "median": statistics.median(frozen),
                "max": max(frozen),
            }
    results["peak_rss_mb"] = {
        "app_cold_start": start_rss_mb,
        "benchmark_after_scenes": app_rss_mb,
    }
    results.update(
        machine={
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "qt_platform": os.environ["QT_QPA_PLATFORM"],
        },
        size=list(SIZE),
        changes=args.changes,
        clicks=args.clicks,
        parts=args.only,
        date=time.strftime("%Y-%m-%d"),
    )

    if not args.json_only:
        _print_table(args, scenes, results, mpl, starts, start_rss_mb, app_rss_mb)
    print(json.dumps(results))


def _print_table(args, scenes, results, mpl, starts, start_rss_mb, app_rss_mb) -> None:
    print(f"window {SIZE[0]}x{SIZE[1]}, {args.changes} changes of spin_leaky_relu_alpha per scene")
    if scenes:
        print(
            f"{'scene':<48}{'curves':>7}{'median ms':>11}{'p95 ms':>9}{'paints':>8}{'y moved':>9}"
        )
    for name in scenes:
        label = SCENES[name][0]
        r = results[f"scene_{name}"]
        print(
            f"({name}) {label:<44}{r['curves']:>7}{r['median_ms']:>11.2f}"
            f"{r['p95_ms']:>9.2f}{r['paints_per_change']:>8.2f}"
            f"{r['y_range_moves']:>5}/{args.changes}"
        )
        panel = r.get("panel_refresh")
        if panel is not None:
            print(
                f"    its panel refresh: median {panel['median_ms']:.2f} ms, p95 "
                f"{panel['p95_ms']:.2f} ms, {panel['per_change']:.2f} per change"
            )
    if "training" in results:
        from train_backends import print_backends

        print_backends(results["training"])
    if mpl is not None:
        label = "matplotlib Agg, scene (a)"
        print(f"{label:<48}{12:>7}{mpl['median_ms']:>11.2f}{mpl['p95_ms']:>9.2f}")
        for name in ("a", "d"):
            if name in scenes:
                speedup = mpl["median_ms"] / results[f"scene_{name}"]["median_ms"]
                print(f"speed-up over matplotlib (scene {name}): {speedup:.1f}x")
    mpl_i = results.get("matplotlib_scene_i")
    if mpl_i is not None:
        label = "matplotlib Agg, scene (i), autoscaled"
        print(f"{label:<48}{12:>7}{mpl_i['median_ms']:>11.2f}{mpl_i['p95_ms']:>9.2f}")
        print(f"speed-up over matplotlib (scene i): {results['speedup_vs_matplotlib_i']:.1f}x")
    if "format_change" in results:
        r = results["format_change"]
        print(
            f"Compute in changed (float16 → bfloat16 → float32 → float64), scene (d)'s plot: "
            f"median {r['median_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms"
        )
    if "bulk" in results:
        print(
            f"bulk toggles, f and f′, click → painted frame, {args.clicks} clicks each"
            " (target ≤ 50 ms)"
        )
        print(
            f"{'click':<36}{'curves':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
            f"{'paints':>8}{'signals':>9}{'legend':>8}"
        )
        for name, (label, _, _) in BULK.items():
            r = results["bulk"][name]
            curves = f"{r['curves_before']}→{r['curves_after']}"
            print(
                f"{label:<36}{curves:>9}{r['median_ms']:>11.2f}{r['p95_ms']:>9.2f}"
                f"{r['max_ms']:>9.2f}{r['paints_per_click']:>8.2f}"
                f"{r['enabled_signals_per_click']:>9}{r['legend_clears_per_click']:>8}"
            )
        print(
            "signals: the model's enabled_changed per click; legend: times the legend"
            " was re-listed (pyqtgraph LegendItem.clear) per click"
        )
    if starts is not None:
        start = statistics.median(starts)
        print(f"cold start to first paint: median {start:.3f} s over {len(starts)} runs")
        frozen = results.get("frozen_cold_start_s")
        if frozen is not None:
            print(f"  frozen program (dist/actgui/actgui): median {frozen['median']:.3f} s")
        else:
            print("  frozen program: not built (bash packaging/build.sh)")
        print(f"peak RSS: app to first paint {start_rss_mb:.0f} MB")
    if app_rss_mb is not None:
        print(f"peak RSS: benchmark process after the window scenes {app_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()

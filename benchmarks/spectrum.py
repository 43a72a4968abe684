"""The Jacobian-spectrum view's costs: the theory per change, and the simulation.

    python benchmarks/spectrum.py [--changes 40] [--json-only]

1. The engine alone: ``spectrum_theory`` (q*, the law of f′², mean and variance) and its
   density curve (``SpectrumTheory.curve``), for tanh, ReLU, sigmoid and GELU at depth 50.
2. The GUI-facing path, in the window (offscreen): the depth changed through its spin box,
   timed from the change to the end of the view's refresh on the GUI thread (what the
   window cannot paint during), and to the theory's curves drawn (the worker included).
3. One network simulated at width 1000, depth 50, each kind of weights.

Not part of the test suite: it prints figures, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from actgui.analysis.free_spectrum import spectrum_theory  # noqa: E402
from actgui.analysis.meanfield import edge_of_chaos  # noqa: E402
from actgui.analysis.spectrum import jacobian_spectrum  # noqa: E402

CASES = {
    "tanh": ("tanh", None, 0.001),
    "relu": ("relu", math.sqrt(2.0), 0.0),
    "sigmoid": ("sigmoid", None, 0.0),
    "gelu": ("gelu", 1.3, 0.3),
}


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": 1000.0 * statistics.median(ordered),
        "max_ms": 1000.0 * ordered[-1],
    }


def bench_engine(repeats: int = 5) -> dict[str, dict]:
    out = {}
    for name, (key, w, b) in CASES.items():
        w = w if w is not None else edge_of_chaos(key, b)[0]
        for weights in ("gaussian", "orthogonal"):
            moments, curves = [], []
            for _ in range(repeats):
                start = time.perf_counter()
                theory = spectrum_theory(key, w, b, 50, weights)
                middle = time.perf_counter()
                theory.curve()
                moments.append(middle - start)
                curves.append(time.perf_counter() - middle)
            out[f"{name}_{weights}"] = {
                "theory_ms": _ms(moments)["median_ms"],
                "curve_ms": _ms(curves)["median_ms"],
            }
    return out


def bench_window(changes: int) -> dict[str, dict]:
    from actgui.app import build_window

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        window = build_window(settings)
        window.resize(1366, 768)
        window.show()
        window.show_labs("spectrum:isometry")
        view = window.labs.spectrum
        view.check_simulate.setChecked(False)  # (the theory's path only)
        deadline = time.monotonic() + 30.0
        while time.monotonic() < deadline and not view.theories():
            app.processEvents()
        gui, drawn = [], []
        for i in range(changes):
            depth = 20 + (i % 60)  # (new depths: nothing remembered for most)
            start = time.perf_counter()
            view.spin_depth.setValue(depth)
            window.labs.flush()
            gui.append(time.perf_counter() - start)
            while not (
                len(view.theories()) == 2
                and all(t.depth == depth for t in view.theories().values())
            ):
                app.processEvents()
                time.sleep(0.001)  # (idle as the app is: a busy loop here slows the worker)
            drawn.append(time.perf_counter() - start)
        window.close()
    return {"refresh_on_gui_thread": _ms(gui), "change_to_theory_drawn": _ms(drawn)}


def bench_simulation() -> dict[str, float]:
    w = edge_of_chaos("tanh", 0.001)[0]
    out = {}
    for weights in ("gaussian", "orthogonal"):
        start = time.perf_counter()
        jacobian_spectrum("tanh", w, 0.001, 50, 1000, weights)
        out[f"{weights}_s"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    results = {
        "engine_depth_50": bench_engine(),
        "window": bench_window(args.changes),
        "simulation_width_1000_depth_50": bench_simulation(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }
    if not args.json_only:
        print(f"{'engine, depth 50':<28}{'theory ms':>11}{'curve ms':>10}")
        for name, row in results["engine_depth_50"].items():
            print(f"{name:<28}{row['theory_ms']:>11.1f}{row['curve_ms']:>10.1f}")
        for name, row in results["window"].items():
            print(f"{name:<28}median {row['median_ms']:.1f} ms, max {row['max_ms']:.1f} ms")
        sim = results["simulation_width_1000_depth_50"]
        print(
            f"simulation, width 1000, depth 50: Gaussian {sim['gaussian_s']:.2f} s, "
            f"orthogonal {sim['orthogonal_s']:.2f} s"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()

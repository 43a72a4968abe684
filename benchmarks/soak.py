"""A long session through the real widgets: random user operations, watching for growth.

    python benchmarks/soak.py [--ops 10000] [--seed 0] [--latency-changes 20000]

Runs offscreen. Each operation is what a user does with the mouse or keyboard: tick a
function, drag a parameter, type an x-range, zoom with the wheel, pan, move or pin the
cursor, select a function, switch theme, choose a language, float and re-dock a panel,
Clear all / Six classics, Restore Defaults. After a warm-up it records scene items, child
widgets, timers, translators and RSS, and reports whether they kept growing; then it
times a parameter change at the start and after ``--latency-changes`` changes.
``tests/test_soak.py`` runs a short version of the same operations.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDockWidget,
    QDoubleSpinBox,
    QMessageBox,
    QPushButton,
    QStatusBar,
)

from actgui.activations import REGISTRY


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux /proc; peak RSS elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def counts(window) -> dict[str, int]:
    """What a leak would grow: scene items, widgets, timers, actions, translators."""
    from actgui import i18n

    return {
        "scene_items": len(window.plot.scene().items()),
        "widgets": len(QApplication.allWidgets()),
        # Ours; the status bar makes and deletes one per timed message.
        "timers": sum(not isinstance(t.parent(), QStatusBar) for t in window.findChildren(QTimer)),
        "actions": len(window.findChildren(QAction)),
        "translators": len(i18n._installed),
    }


def wheel(widget, steps: int) -> None:
    """A mouse-wheel turn of ``steps`` notches over the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def operations(window, rng: random.Random) -> list[Callable[[], None]]:
    """The user's repertoire, each a no-argument callable drawing its own random choices."""
    model = window.model
    keys = list(REGISTRY)
    spins = [s for s in window.findChildren(QDoubleSpinBox) if s.objectName().startswith("spin_")]
    viewport = window.plot.viewport()
    docks = window.findChildren(QDockWidget)

    def find(cls, name):
        return window.findChild(cls, name)

    def tick():
        find(QCheckBox, f"check_{rng.choice(keys)}").click()

    def drag():
        spin = rng.choice(spins)
        for _ in range(rng.randint(1, 8)):
            spin.stepBy(rng.choice((-3, -1, 1, 3)))

    def type_value():
        spin = rng.choice(spins)
        spin.setValue(rng.uniform(spin.minimum(), spin.maximum()))

    def zoom():
        wheel(viewport, rng.choice((-6, -3, -1, 1, 3, 6)))

    def pan():
        vb = window.plot.getViewBox()
        (x0, x1), _ = vb.viewRange()
        vb.translateBy(x=(x1 - x0) * rng.uniform(-0.5, 0.5))

    def far():
        vb = window.plot.getViewBox()
        lo = rng.choice((-1e300, -1e6, -1e-12, 0.0, 3.0))
        vb.setXRange(lo, lo + 10 ** rng.uniform(-300, 300), padding=0)

    def cursor():
        point = QPoint(rng.randrange(viewport.width()), rng.randrange(viewport.height()))
        window.plot.scene().sigMouseMoved.emit(window.plot.mapToScene(point))
        if rng.random() < 0.2:
            model.set_cursor(model.x_range()[0] + rng.random(), pinned=rng.random() < 0.5)

    def select():
        find(QPushButton, f"name_{rng.choice(keys)}").click()

    def orders():
        find(QCheckBox, f"check_show_d{rng.randrange(3)}").click()

    def options():
        find(QCheckBox, rng.choice(("check_show_kinks", "check_shade_vanishing"))).click()

    def theme():
        find(QAction, f"action_theme_{rng.choice(('system', 'light', 'dark'))}").trigger()

    def language():
        find(QAction, f"action_language_{rng.choice(('system', 'en', 'zh_CN'))}").trigger()

    def dock():
        d = rng.choice(docks)
        d.setFloating(not d.isFloating())

    def bulk():
        find(QPushButton, rng.choice(("button_clear_all", "button_seed_set"))).click()

    def restore():
        restore_defaults(window)

    weighted = [
        (tick, 8), (drag, 10), (type_value, 4), (zoom, 6), (pan, 4), (far, 1), (cursor, 8),
        (select, 3), (orders, 2), (options, 2), (theme, 1), (language, 1), (dock, 1),
        (bulk, 2), (restore, 1),
    ]  # fmt: skip
    return [op for op, weight in weighted for _ in range(weight)]


def lab_operations(window, rng: random.Random) -> list[Callable[[], None]]:
    """The analysis views, a small race and functions of your own with markup names (the
    watchdog's hostile additions, ``--labs``): what a user does that starts worker tasks."""
    from actgui.activations import REGISTRY, Definition
    from actgui.analysis.race import RaceConfig
    from actgui.panels.labs import VIEWS

    labs = window.labs
    names = ('<img src="/nonexistent.png">', "<b>x</b>", "a & b")
    formulas = ("x * sigmoid(b * x)", "max(x, a*x) + 0.1*sin(3*x)", "where(x > 0, x, c*expm1(x))")

    def show_view():
        window.show_labs(rng.choice(VIEWS))

    def lab_input():
        window.lab.set_input(mu=round(rng.uniform(-2, 2), 2), sigma=round(rng.uniform(0.2, 3), 2))

    def lab_network():
        window.lab.set_network(sigma_w=round(rng.uniform(0.5, 3), 2), depth=rng.randint(1, 200))

    def race():
        controller = labs.train.controller
        if rng.random() < 0.3:
            window.lab.train.set_config(
                RaceConfig(keys=("relu", "tanh"), n_points=200, hidden=(16, 16), steps=400)
            )
        rng.choice((controller.start, controller.pause, controller.step, controller.reset))()

    def custom():
        mine = [k for k, a in REGISTRY.items() if a.family == "custom"]
        if mine and rng.random() < 0.5:
            window.custom.remove(rng.choice(mine))
        elif len(mine) < 3:
            key = f"soak_{rng.randrange(1000)}"
            if key not in REGISTRY:
                window.custom.add(Definition(key, rng.choice(names), rng.choice(formulas)))

    return [show_view, lab_input, lab_network, race, custom]


def run(
    window,
    n: int,
    seed: int,
    sample_every: int = 0,
    on_sample=None,
    stalls: list | None = None,
    labs: bool = False,
) -> None:
    """``n`` random operations, the event loop running after each as it would for a user.
    ``stalls``: (ms, operation) appended for each, the time the GUI thread spent on the
    operation and what it set off before the event loop was free again (the watchdog).
    ``labs``: the analysis views' operations too."""
    rng = random.Random(seed)
    ops = operations(window, rng) + (lab_operations(window, rng) * 3 if labs else [])
    for i in range(1, n + 1):
        op = rng.choice(ops)
        start = time.perf_counter()
        op()
        QApplication.processEvents()
        if stalls is not None:
            stalls.append((1000.0 * (time.perf_counter() - start), op.__name__))
        if sample_every and on_sample is not None and i % sample_every == 0:
            on_sample(i)


class _Paints(QObject):
    """Counts the paint events of the widget it filters."""

    count = 0

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def change_latency(window, n: int) -> float:
    """Median ms from a parameter change to the painted plot, over ``n`` changes (as
    ``bench.py`` times them: through the app's own event loop until the plot has painted)."""
    spin = window.findChild(QDoubleSpinBox, "spin_leaky_relu_alpha")
    paints = _Paints()
    viewport = window.plot.viewport()
    viewport.installEventFilter(paints)
    times = []
    for i in range(n):
        before = paints.count
        start = time.perf_counter()
        spin.setValue(0.015 + 0.005 * (i % 59))
        while paints.count == before and time.perf_counter() - start < 1.0:
            QApplication.processEvents()
        times.append(time.perf_counter() - start)
    viewport.removeEventFilter(paints)
    return statistics.median(times) * 1e3


def restore_defaults(window) -> None:
    """Trigger View → Restore Defaults and answer its question with yes (no one to ask)."""
    original = QMessageBox.question
    QMessageBox.question = lambda *_a, **_k: QMessageBox.StandardButton.RestoreDefaults
    try:
        window.action_restore_defaults.trigger()
    finally:
        QMessageBox.question = original


def settle(window) -> None:
    """The same state every time (what is shown changes the legend's entries and items)."""
    restore_defaults(window)
    window.plot.refresh()
    for _ in range(3):
        QApplication.processEvents()
    # Widgets deleted with deleteLater (a removed function's row) go when an event loop
    # returns; this loop is the soak's own, so they are deleted here, before counting.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency-changes", type=int, default=20000)
    parser.add_argument(
        "--labs", action="store_true", help="also the analysis views, races, your own functions"
    )
    args = parser.parse_args()

    from actgui.app import build_window

    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        samples = []

        def sample(i: int) -> None:
            settle(window)
            samples.append({"op": i, "rss_mb": round(rss_mb(), 1), **counts(window)})
            print(json.dumps(samples[-1]), flush=True)

        errors: list[str] = []
        hook = sys.excepthook
        sys.excepthook = lambda kind, value, _tb: errors.append(f"{kind.__name__}: {value}")
        stalls: list[tuple[float, str]] = []
        started = time.perf_counter()
        run(
            window, args.ops, args.seed, sample_every=max(1, args.ops // 10),
            on_sample=sample, stalls=stalls, labs=args.labs,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
        sys.excepthook = hook
        ordered = sorted(stalls, reverse=True)
        worst: dict[str, float] = {}
        for ms, name in ordered:
            worst.setdefault(name, round(ms, 1))
        warm, end = samples[min(2, len(samples) - 1)], samples[-1]
        settle(window)
        window.model.set_enabled_keys(("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu"))
        QApplication.processEvents()
        first = change_latency(window, 300)
        change_latency(window, max(0, args.latency_changes - 600))
        last = change_latency(window, 300)
        report = {
            "ops": args.ops,
            "seconds": round(elapsed, 1),
            "after_warm_up": warm,
            "at_end": end,
            "growth": {k: end[k] - warm[k] for k in end if k != "op"},
            "change_latency_ms": {"first_300": round(first, 2), "last_300": round(last, 2)},
            "uncaught_exceptions": errors,
            "gui_stall_ms": {
                "longest": round(ordered[0][0], 1) if ordered else 0.0,
                "p99": round(ordered[len(ordered) // 100][0], 1) if ordered else 0.0,
                "worst_by_operation": dict(list(worst.items())[:6]),
            },
            "latency_changes": args.latency_changes,
        }
        print(json.dumps(report))
        window.close()


if __name__ == "__main__":
    main()

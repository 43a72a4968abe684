"""``actgui --selftest FOLDER``: build the real window offscreen, export, check the files.

A frozen program that nobody starts before shipping is usually broken (a Qt plugin, a
data file, a lazily imported module left out). This runs the parts a user touches first
(the main window with its docks, several functions with f′ and f″, the details, a PNG,
an SVG and a CSV export) inside the program as shipped, and checks what it wrote with
independent readers: Qt's image reader, Qt's SVG renderer, Python's csv module. Hidden
from ``--help``; CI runs it on the PyInstaller bundle.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable
from pathlib import Path

#: The functions the self-test shows: a kink, a smooth one, an exponential, a threshold.
KEYS = ("relu", "elu", "gelu", "tanh", "softplus")
SIZE = (1280, 800)


class SelfTestError(Exception):
    """Something the self-test checked was wrong; the message says what."""


def run_selftest(folder: Path, build_window: Callable) -> list[str]:
    """Export into ``folder`` and check the files; the lines of a report (``SelfTestError``
    on the first failure). ``build_window(settings)`` is ``actgui.app.build_window``
    (passed in: the shell does not import the app that wires it)."""
    # Offscreen unless a platform is named (CI also runs it on xcb under Xvfb, so that the
    # bundled X11 plugin is loaded too); only effective before the QApplication exists.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    from actgui import __version__
    from actgui.resources import resource
    from actgui.shell.export import export_csv, export_image
    from actgui.shell.safety import route_qt_messages

    route_qt_messages(quiet=True)  # Qt's offscreen chatter to the log, not the report
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    report = [f"actgui {__version__} self-test in {folder}"]

    for name in ("actgui.svg", "actgui.desktop", "translations/actgui_zh_CN.qm"):
        if not resource(name).is_file():
            raise SelfTestError(f"resource missing: {name}")
    report.append("resources: icon, desktop entry, Chinese catalogue present")

    settings = QSettings(str(folder / "selftest-settings.ini"), QSettings.Format.IniFormat)
    settings.clear()
    window = build_window(settings)
    try:
        window.resize(*SIZE)
        window.show()
        QApplication.processEvents()
        model = window.model
        model.set_enabled_keys(KEYS)
        for order in (0, 1, 2):
            model.set_order_shown(order, True)
        model.set_selected("elu")
        model.set_cursor(0.5, pinned=True)
        for _ in range(3):
            QApplication.processEvents()
        window.plot.refresh()
        if window.plot.visible_curves() != [(k, o) for k in sorted_keys(KEYS) for o in (0, 1, 2)]:
            raise SelfTestError(f"curves shown: {window.plot.visible_curves()}")
        rows = window.readout.rows()
        if set(rows) != set(KEYS) or not all(all(cells) for cells in rows.values()):
            raise SelfTestError(f"readout incomplete: {rows}")
        if "ELU" not in window.details.text():
            raise SelfTestError("the details panel does not show ELU")
        platform = QApplication.platformName()
        report.append(
            f"window ({platform}): {len(KEYS)} functions, 15 curves, readout and details filled"
        )

        png = export_image(window.plot, folder / "selftest.png")
        image = QImage(str(png))
        plot_size = window.plot.getPlotItem().sceneBoundingRect().size().toSize()
        if image.isNull() or image.size() != plot_size:
            raise SelfTestError(f"PNG unreadable or of the wrong size: {image.size()}")
        inked = _inked_fraction(image)
        if not 0.005 < inked < 0.5:
            raise SelfTestError(f"PNG looks empty or filled ({inked:.1%} ink)")
        report.append(f"PNG: {image.width()}×{image.height()}, {inked:.1%} ink")

        svg = export_image(window.plot, folder / "selftest.svg")
        renderer = QSvgRenderer(str(svg))
        if not renderer.isValid():
            raise SelfTestError("SVG not readable by QSvgRenderer")
        drawn = QImage(image.size(), QImage.Format.Format_ARGB32)
        drawn.fill(0xFFFFFFFF)
        painter = QPainter(drawn)
        renderer.render(painter)
        painter.end()
        svg_ink = _inked_fraction(drawn)
        if abs(svg_ink - inked) > 0.5 * inked:
            raise SelfTestError(f"SVG renders unlike the PNG ({svg_ink:.1%} vs {inked:.1%} ink)")
        report.append(f"SVG: valid, renders with {svg_ink:.1%} ink")

        data = export_csv(window.plot, model, folder / "selftest.csv")
        with data.open(newline="", encoding="utf-8") as handle:
            table = list(csv.reader(handle))
        header = table[0]
        wanted = ["x"] + [k + s for k in sorted_keys(KEYS) for s in ("", "_d1", "_d2")]
        if header != wanted:
            raise SelfTestError(f"CSV header {header}")
        x_min, x_max = model.x_range()
        xs = [float(row[0]) for row in table[1:]]
        if xs[0] != x_min or xs[-1] != x_max or len(xs) < 1000:
            raise SelfTestError(f"CSV x from {xs[0]} to {xs[-1]} in {len(xs)} rows")
        relu = header.index("relu")
        if not all(math.isclose(float(r[relu]), max(float(r[0]), 0.0)) for r in table[1:]):
            raise SelfTestError("CSV relu column is not max(0, x)")
        report.append(f"CSV: {len(xs)} rows × {len(header)} columns, relu = max(0, x)")
        report.append(_check_labs(window))
        report.append(_check_training(window))
        report.append(_check_custom(window))
        report.append(_check_precision())
        report.append(_check_spectrum())
    finally:
        window.close()
        QApplication.processEvents()
    return report


def _check_precision() -> str:
    """bfloat16 (ml_dtypes, a compiled module the bundle must carry) computes σ, and the
    saturation point of σ in float16 is the first float16 number past ln 4095."""
    from actgui.analysis.precision import evaluate_in, saturation

    y = float(evaluate_in("sigmoid", [1.0], "bfloat16")[0])
    if y != 0.73046875:  # σ(1) = 0.7310585… rounded to bfloat16's 8 significant bits
        raise SelfTestError(f"σ(1) in bfloat16 reads {y!r}")
    upper = saturation("sigmoid", "float16").upper
    if upper != 8.3203125:
        raise SelfTestError(f"σ saturates in float16 from {upper!r}")
    return "precision: σ(1) in bfloat16 = 0.73046875, σ = 1 in float16 from x = 8.3203125"


def _check_spectrum() -> str:
    """The Jacobian spectrum (numpy.linalg's QR and SVD in the bundle, the free-probability
    density's Newton steps): ReLU at He's scale, 10 layers, has variance 2L = 20 with Gaussian
    weights, and a width-64 orthogonal network keeps half its singular values."""
    from actgui.analysis.free_spectrum import spectrum_theory
    from actgui.analysis.spectrum import jacobian_spectrum

    theory = spectrum_theory("relu", math.sqrt(2.0), 0.0, 10, "gaussian")
    if not math.isclose(theory.variance, 20.0, rel_tol=1e-12):
        raise SelfTestError(f"ReLU's Jacobian variance at depth 10 reads {theory.variance!r}")
    x, density = theory.curve(40)
    if not (x.size == 40 and density.max() > 0.0):
        raise SelfTestError("the spectrum's density could not be drawn")
    run = jacobian_spectrum("relu", math.sqrt(2.0), 0.0, 10, 64, "orthogonal")
    kept = run.resolved.size
    if not 16 <= kept <= 32:
        raise SelfTestError(f"{kept} of ReLU's 64 singular values are non-zero")
    return f"spectrum: ReLU's variance 2L = 20; {kept} of 64 singular values kept"


def _check_labs(window) -> str:
    """The "Why it trains" panel: statistics (scipy.special), the depth view's worker thread
    (a small simulation and the phase diagram: scipy.optimize) and the gains."""
    import time

    from PySide6.QtWidgets import QApplication

    labs = window.labs
    window.lab.set_network(depth=10)
    window.lab.set_simulation(width=64, inputs=8)
    window.model.set_selected("relu")

    def computed() -> None:
        """The view on screen with every number it asks for (computed on a worker)."""
        labs.flush()
        deadline = time.monotonic() + 120.0
        while labs.deferred.pending():
            if time.monotonic() > deadline:
                raise SelfTestError("the analysis worker did not finish in 120 s")
            QApplication.processEvents()
            time.sleep(0.01)  # waiting for a worker thread, not synchronising with the GUI
        labs.flush()

    window.show_labs("stats")
    computed()
    mean = {row[0]: row[1] for row in labs.table("stats")[1]}["relu"]
    if not math.isclose(float(mean), 1.0 / math.sqrt(2.0 * math.pi), rel_tol=1e-9):
        raise SelfTestError(f"ReLU's mean output at N(0, 1) reads {mean}")
    window.show_labs("depth")
    computed()
    depth = labs.depth
    depth.start_tasks()
    deadline = time.monotonic() + 120.0
    while depth.runner.is_running() or depth.phase_runner.is_running():
        if time.monotonic() > deadline:
            raise SelfTestError("the depth view's computations did not finish in 120 s")
        QApplication.processEvents()
        time.sleep(0.01)  # waiting for worker threads, not synchronising with the GUI
    result = depth._result
    if result is None or result.run is None or len(result.run.variance) != 10:
        raise SelfTestError("the simulated network gave no result")
    _header, rows = labs.table("phase")
    if len(rows) < 100:
        raise SelfTestError(f"phase diagram: {len(rows)} points")
    window.show_labs("gains")
    computed()
    gains = {row[0]: row[1] for row in labs.table("gains")[1]}
    if not math.isclose(float(gains["relu"]), math.sqrt(2.0), rel_tol=1e-9):
        raise SelfTestError(f"ReLU's forward gain reads {gains['relu']}")
    return (
        "why it trains: statistics, a simulated network (width 64, depth 10), "
        f"a {len(rows)}-point phase diagram, gains"
    )


def _check_training(window) -> str:
    """The Train tab: a small race in its worker process (started with "spawn": in the
    frozen program, the program itself again, through ``multiprocessing.freeze_support``),
    to its last step, its numbers read back through the pipe."""
    import time

    from PySide6.QtWidgets import QApplication

    from actgui.analysis.race import RaceConfig

    window.show_labs("train")
    window.lab.train.set_config(
        RaceConfig(keys=("relu", "leaky_relu"), n_points=100, hidden=(8, 8), steps=100)
    )
    controller = window.labs.train.controller
    errors: list[str] = []
    controller.failed.connect(errors.append)
    controller.reset()
    controller.start()
    deadline = time.monotonic() + 60.0
    while controller.state() in ("building", "running"):
        if time.monotonic() > deadline:
            raise SelfTestError("training did not finish in 60 s")
        QApplication.processEvents()
        time.sleep(0.01)  # waiting for a worker thread, not synchronising with the GUI
    race = controller.race
    if controller.state() != "finished" or race is None or race.steps != 100:
        raise SelfTestError(f"training ended {controller.state()!r}: {errors}")
    process = controller.process
    if process is None or not process.alive() or process.pid == os.getpid():
        raise SelfTestError("the race was not trained in a worker process")
    losses = [run.loss for run in race.runs]
    if not all(len(loss) == 100 and loss[-1] < loss[0] for loss in losses):
        raise SelfTestError("training did not lower the loss")
    window.labs.train.redraw()
    return (
        f"training: ReLU and Leaky ReLU raced 100 steps in a worker process (pid {process.pid}),"
        " both losses fell"
    )


def _check_custom(window) -> str:
    """A function of your own (the formula parser, its derivatives, the panel's new row)."""
    import numpy as np

    from actgui.activations import REGISTRY, Definition

    key = window.custom.add(Definition("selftest_swish", "Self-test swish", "x * sigmoid(x)"))
    try:
        x = np.linspace(-8.0, 8.0, 161)
        for order in (0, 1, 2):
            ours, theirs = REGISTRY[key].evaluate(order, x), REGISTRY["silu"].evaluate(order, x)
            if not np.allclose(ours, theirs, rtol=1e-11, atol=1e-15):
                raise SelfTestError(f"x·σ(x) differs from SiLU in derivative {order}")
        if not window.model.is_enabled(key):
            raise SelfTestError("a new function of your own is not shown")
    finally:
        window.custom.remove(key)
    return "your own function: x·σ(x) equals SiLU in f, f′, f″"


def sorted_keys(keys) -> list[str]:
    """``keys`` in registry order (the order of the plot's curves and CSV columns)."""
    from actgui.activations import REGISTRY

    return [k for k in REGISTRY if k in keys]


def _inked_fraction(image) -> float:
    """Fraction of pixels that differ clearly from the most common colour."""
    import numpy as np
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = rgb.height(), rgb.width(), rgb.bytesPerLine()
    data = np.frombuffer(rgb.constBits(), np.uint8).reshape(h, stride)[:, : 3 * w]
    pixels = data.reshape(h, w, 3).astype(int)
    colours, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    background = colours[np.argmax(counts)]
    return float((np.abs(pixels - background).sum(axis=2) > 60).mean())

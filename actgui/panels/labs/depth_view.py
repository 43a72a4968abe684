"""Signal propagation through depth: the gradient factor χ₁^l of every enabled function,
the mean-field lengths and correlations layer by layer, a simulated random network of
the focused function over them, and its phase diagram (``phase_view``) beside them (issue
"Why the choice matters", parts 2 and 3). The long computations (``actgui.analysis.depth``)
run on a worker thread (``actgui.worker``)."""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.analysis.depth import DepthResult, depth_table, depth_task
from actgui.deferred import Deferred, Failed
from actgui.i18n import translate
from actgui.labs import (
    INPUTS_RANGE,
    SEED_RANGE,
    WIDTH_RANGE,
    LabModel,
)
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel, name_from_labels
from actgui.panels.labs.common import (
    fmt,
    focus_key,
    int_box,
    network_boxes,
    run_progress,
    show_values,
)
from actgui.panels.labs.phase_view import PhaseView
from actgui.panels.labs.presets import NetworkPresets
from actgui.plot.lab import LabPlot, Line
from actgui.style import PLOT_COLORS, mixed
from actgui.worker import TaskRunner, ms_left

#: What the depth plot shows: (key, log y).
QUANTITIES = {"gradient": True, "variance": True, "correlation": False, "dead": False}
#: Quiet time after the last change before a worker computation starts (a drag of α
#: starts one run, not one per step).
SETTLE_MS = 150


#: How far toward the background a line computed for other inputs is drawn, while the
#: worker computes the present ones.
STALE_FADE = 0.7


def _settled(c_star: float) -> float:
    """c* as shown: within its accuracy (about 1e−8) of 0, it is 0 (SELU's 1.5e−12)."""
    return 0.0 if abs(c_star) < 1e-8 else c_star


# -- the view ------------------------------------------------------------------------


class DepthView(QWidget):
    """Network scales and presets, the depth plot with a simulation over it, the phase diagram."""

    def __init__(
        self,
        model: ExplorerModel,
        lab: LabModel,
        parent: QWidget | None = None,
        deferred: Deferred | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("view_depth")
        self._model = model
        self._lab = lab
        #: Where χ₁ and q* come from (a function of your own's: from a worker).
        self.deferred = deferred if deferred is not None else Deferred(self)
        self._result: DepthResult | None = None
        self._depth_for: tuple | None = None
        self._result_for: tuple | None = None  # (the inputs ``_result`` was computed for)

        self.error_label = ErrorLabel("label_lab_network_error", self)
        err = self.error_label
        self.spin_sigma_w, self.spin_sigma_b, self.spin_depth = network_boxes(
            self, lab, err, "spin_lab"
        )
        self.presets = NetworkPresets(model, lab, self.deferred, err, self)
        self.button_he, self.button_lecun, self.button_eoc = self.presets.buttons()
        self.combo_quantity = QComboBox(self)
        self.combo_quantity.setObjectName("combo_depth_quantity")
        for key, text in (
            ("gradient", self.tr("Gradient norm² ÷ output's (backward)")),
            ("variance", self.tr("Variance q (forward)")),
            ("correlation", self.tr("Correlation of two inputs")),
            ("dead", self.tr("Dead units")),
        ):
            self.combo_quantity.addItem(text, key)
        self.combo_quantity.currentIndexChanged.connect(lambda _i: self._on_quantity())

        row1 = QHBoxLayout()
        row1.addWidget(QLabel("σ_w", self))
        row1.addWidget(self.spin_sigma_w)
        row1.addWidget(QLabel("σ_b", self))
        row1.addWidget(self.spin_sigma_b)
        row1.addWidget(QLabel(self.tr("depth"), self))
        row1.addWidget(self.spin_depth)
        for button in self.presets.buttons():
            row1.addWidget(button)
        row1.addStretch(1)
        row1.addWidget(QLabel(self.tr("Show"), self))
        row1.addWidget(self.combo_quantity)

        self.check_simulate = QCheckBox(self.tr("Check with a random network:"), self)
        self.check_simulate.setObjectName("check_simulate")
        self.check_simulate.setChecked(True)
        self.check_simulate.setToolTip(
            self.tr(
                "Build a real network of the selected function at initialisation, run inputs "
                "forward and a gradient back, and mark what it measures over the theory"
            )
        )
        self.check_simulate.toggled.connect(lambda _on: self._schedule())
        self.spin_width = int_box(
            self, "spin_sim_width", *WIDTH_RANGE, lambda v: lab.set_simulation(width=v), err
        )
        self.spin_inputs = int_box(
            self, "spin_sim_inputs", *INPUTS_RANGE, lambda v: lab.set_simulation(inputs=v), err
        )
        self.spin_seed = int_box(
            self, "spin_sim_seed", *SEED_RANGE, lambda v: lab.set_simulation(seed=v), err
        )
        self.spin_width.setToolTip(self.tr("Units per layer of the simulated network (up to 2000)"))
        self.spin_inputs.setToolTip(self.tr("Inputs pushed through it at once"))
        self.spin_seed.setToolTip(
            self.tr("The seed of its random weights: the same seed, the same network")
        )
        self.runner = TaskRunner(self)
        self.progress, self.button_cancel = run_progress(
            self, self.runner, "progress_sim", "button_sim_cancel"
        )
        self.progress.setMaximumWidth(160)
        row2 = QHBoxLayout()
        row2.addWidget(self.check_simulate)
        row2.addWidget(QLabel(self.tr("width"), self))
        row2.addWidget(self.spin_width)
        row2.addWidget(QLabel(self.tr("inputs"), self))
        row2.addWidget(self.spin_inputs)
        row2.addWidget(QLabel(self.tr("seed"), self))
        row2.addWidget(self.spin_seed)
        row2.addWidget(self.progress)
        row2.addWidget(self.button_cancel)
        row2.addStretch(1)

        self.plot = LabPlot("plot_depth", "", "", self)
        self.plot.setAccessibleName(self.tr("Through depth"))
        self.plot.set_drawer(self._draw_depth, in_place=True)
        self.phase_view = PhaseView(model, lab, self)
        self.phase_plot = self.phase_view.plot
        self.phase_plot.setAccessibleName(self.tr("Phase diagram: χ₁ over σ_w and σ_b"))
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("splitter_depth")
        split.addWidget(self.plot)
        split.addWidget(self.phase_plot)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # (names are user text)
        self.summary.setObjectName("label_depth_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.error_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)

        self.runner.finished.connect(self._on_depth_result)
        self.runner.failed.connect(self._on_failed)
        self.phase_runner = self.phase_view.runner
        self.phase_runner.failed.connect(self._on_failed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.start_tasks)

        lab.network_changed.connect(self._show_network)
        lab.simulation_changed.connect(self._show_simulation)
        self._show_network(*lab.network())
        self._show_simulation(*lab.simulation())
        self._on_quantity(redraw=False)
        name_from_labels(self)

    # -- state shown in the boxes --------------------------------------------------------
    def _show_network(self, *values) -> None:
        show_values((self.spin_sigma_w, self.spin_sigma_b, self.spin_depth), values)

    def _show_simulation(self, *values) -> None:
        show_values((self.spin_width, self.spin_inputs, self.spin_seed), values)

    def quantity(self) -> str:
        """What the depth plot shows: "gradient", "variance", "correlation" or "dead"."""
        return self.combo_quantity.currentData()

    def set_quantity(self, quantity: str) -> None:
        """Show ``quantity`` (one of ``QUANTITIES``)."""
        index = self.combo_quantity.findData(quantity)
        if index < 0:
            raise ValueError(f"no quantity {quantity!r}; one of {', '.join(QUANTITIES)}")
        self.combo_quantity.setCurrentIndex(index)

    def _on_quantity(self, redraw: bool = True) -> None:
        q = self.quantity()
        labels = {
            "gradient": (
                QCoreApplication.translate("DepthView", "layers back from the output"),
                QCoreApplication.translate("DepthView", "gradient² ÷ output's"),
            ),
            "variance": (
                QCoreApplication.translate("DepthView", "layer"),
                QCoreApplication.translate("DepthView", "variance q"),
            ),
            "correlation": (
                QCoreApplication.translate("DepthView", "layer"),
                QCoreApplication.translate("DepthView", "correlation of two inputs"),
            ),
            "dead": (
                QCoreApplication.translate("DepthView", "layer"),
                QCoreApplication.translate("DepthView", "fraction of dead units"),
            ),
        }[q]
        self.plot.set_axis_labels(*labels)
        self.plot.getPlotItem().setLogMode(y=QUANTITIES[q])
        if redraw:
            self.plot.redraw()

    def plots(self) -> dict[str, LabPlot]:
        """The exportable plots, by a short name for a file."""
        return {"depth": self.plot, "phase": self.phase_plot}

    # -- computing --------------------------------------------------------------------------
    def refresh(self) -> None:
        """The live part now (χ₁ lines, the summary); the worker's parts after a settle."""
        self._update_depth()
        self.phase_view.refresh()
        self._update_summary()
        self._schedule()

    def _schedule(self) -> None:
        self._settle.start()

    def start_tasks(self) -> None:
        """Start the worker computations whose inputs changed (cancelling older ones)."""
        self._settle.stop()
        keys = self._model.enabled_keys()
        focus = focus_key(self._model)
        w, b, depth = self._lab.network()
        width, inputs, seed = self._lab.simulation()
        jobs = [(k, self._model.params(k)) for k in keys]
        simulate = self.check_simulate.isChecked()
        depth_for = self._inputs()
        if depth_for != self._depth_for:
            self._depth_for = depth_for
            if jobs:
                acts = [(REGISTRY[k], p) for k, p in jobs]  # (snapshots for the worker)
                self.runner.start(
                    depth_task, acts, focus, w, b, depth, width, inputs, seed, simulate
                )
            else:
                self.runner.cancel()
                self._result = None
                self.plot.redraw()
        self.phase_view.start_task(focus)

    def pending(self) -> bool:
        """Whether the worker computations wait for the inputs to settle."""
        return self._settle.isActive()

    def stop(self, msecs: int = 5000) -> bool:
        """Drop pending computations, cancel running ones and wait up to ``msecs`` for
        their threads (on closing; between benchmark scenes). Whether they ended."""
        self._settle.stop()
        for runner in (self.runner, self.phase_runner):
            runner.cancel()
        deadline = time.monotonic() + msecs / 1000.0
        ended = self.runner.wait(msecs)
        return self.phase_runner.wait(ms_left(deadline)) and ended

    def wait(self) -> None:
        """Start pending computations and wait for the worker threads (tests, closing)."""
        if self._settle.isActive():
            self.start_tasks()
        self.runner.wait()
        self.phase_runner.wait()

    def _inputs(self) -> tuple:
        """Everything the worker's numbers depend on, as they are now."""
        keys = self._model.enabled_keys()
        jobs = tuple((k, tuple(sorted(self._model.params(k).items()))) for k in keys)
        return (jobs, focus_key(self._model), *self._lab.network(), *self._lab.simulation(),
                self.check_simulate.isChecked())  # fmt: skip

    def _on_depth_result(self, result: DepthResult) -> None:
        self._result = result
        self._result_for = self._depth_for  # (the runner delivers its newest task only)
        self.plot.redraw()

    def _on_failed(self, message: str) -> None:
        self.error_label.setText(self.tr("Could not compute: %1").replace("%1", message))
        self.error_label.show()

    # -- numbers shown ----------------------------------------------------------------------
    def chi_lines(self) -> dict[str, float]:
        """χ₁ of each enabled function at the lab's σ_w, σ_b (NaN where lengths explode)."""
        w, b, _ = self._lab.network()
        out = {}
        for k in self._model.enabled_keys():
            sp = self._propagation(k, w, b)
            if sp is not None:
                out[k] = sp.chi
        return out

    def _propagation(self, key: str, w: float, b: float, latest: bool = True):
        """``signal_propagation`` of ``key``; None if it cannot be, or while the worker
        computes it (with ``latest``: the last one it gave meanwhile, if any)."""
        sp = self.deferred.get("propagation", key, self._model.params(key), w, b)
        if sp is None and latest:
            sp = self.deferred.latest("propagation", key)
        return None if sp is None or isinstance(sp, Failed) else sp

    def _update_summary(self) -> None:
        key = focus_key(self._model)
        if key is None:
            self.summary.setText(
                self.tr("Enable a function to see how signals pass through depth.")
            )
            return
        w, b, _ = self._lab.network()
        sp = self._propagation(key, w, b)
        if sp is None:
            self.summary.setText(
                self.tr("%1: computing…").replace("%1", translate(REGISTRY[key].name))
            )
            return
        phase = {
            "ordered": self.tr("ordered: gradients shrink by χ₁ per layer"),
            "critical": self.tr("critical: gradients keep their size"),
            "chaotic": self.tr("chaotic: gradients grow by χ₁ per layer"),
            "unbounded": self.tr("unbounded: every input grows without limit"),
        }[sp.phase]
        text = self.tr(
            "%1 at σ_w = %2, σ_b = %3: q* = %4, χ₁ = %5 (%6); c* = %7, depth scale ξ_c = %8."
        )
        for i, value in enumerate(
            (translate(REGISTRY[key].name), fmt(w, 4), fmt(b, 4), fmt(sp.q_star, 4),
             fmt(sp.chi, 4), phase, fmt(_settled(sp.c_star), 4), fmt(sp.depth_scale, 4)),
            start=1,
        ):  # fmt: skip
            text = text.replace(f"%{i}", value)
        self.summary.setText(text)

    # -- drawing ------------------------------------------------------------------------------
    def _depth_lines(self, theme: str) -> list[Line]:
        """What the depth plot shows, with y cut to what the axis can show (finite;
        positive on a log axis)."""
        keys = self._model.enabled_keys()
        q = self.quantity()
        log = QUANTITIES[q]
        w, b, depth = self._lab.network()
        layers = np.arange(depth, dtype=np.float64)
        result = self._result
        profiles = result.profiles if result is not None else {}
        # The worker's numbers for other inputs than those shown (a preset, a drag) are
        # drawn faded until their own come: never as if they were the answer.
        old = self._result_for != self._inputs()
        stale: set[str] = set()
        wanted: list[tuple] = []
        for key in keys:
            name = translate(REGISTRY[key].name)
            y = None
            if q == "gradient":
                sp = self._propagation(key, w, b)
                if sp is not None and self._propagation(key, w, b, latest=False) is None:
                    stale.add(key)
                chi = math.nan if sp is None else sp.chi
                if math.isfinite(chi) and chi > 0.0:
                    with np.errstate(over="ignore", under="ignore"):
                        y = chi**layers
                elif key in profiles:
                    # No fixed length (it grows without bound): the layer-by-layer
                    # prediction from the input's length instead of χ₁^l.
                    y = profiles[key].gradient_norm_sq[::-1]
                    stale.update([key] if old else [])
            elif q in ("variance", "correlation") and key in profiles:
                prof = profiles[key]
                y = prof.variance if q == "variance" else prof.correlation
                stale.update([key] if old else [])
            if y is not None:
                wanted.append((key, y, key, 0, name, False))
        if result is not None and result.focus in keys:
            key = result.focus
            if q == "gradient" and key in profiles:
                # The prediction from the actual input's length (χ₁ once q has settled).
                wanted.append(
                    ("profile", profiles[key].gradient_norm_sq[::-1], key, 1, None, False)
                )
            run = result.run
            if run is not None and len(run.variance) == depth:
                y = {
                    "gradient": run.gradient_norm_sq[::-1],
                    "variance": run.variance,
                    "correlation": run.correlation,
                    "dead": run.dead_fraction,
                }[q]
                name = QCoreApplication.translate("DepthView", "%1, random network (width %2)")
                name = name.replace("%1", translate(REGISTRY[key].name))
                name = name.replace("%2", str(result.width))
                wanted.append(("simulated", y, key, 0, name, True))
        lines = []
        step = max(1, depth // 50)  # markers at most about 50, not one per layer
        for ident, y, key, style, name, dots in wanted:
            y = np.asarray(y, dtype=np.float64)
            if y.shape != layers.shape:
                continue  # computed for another depth: the worker's new numbers will come
            ok = np.isfinite(y)
            if log:
                ok &= y > 0.0
            if dots:
                ok &= np.arange(depth) % step == 0
            if ok.any():
                color = self._model.curve_color(key, theme)
                if key in stale or (ident in ("profile", "simulated") and old):
                    color = mixed(color, PLOT_COLORS[theme].background, STALE_FADE)
                # Symbols only, in a PlotDataItem: it follows the log mode (a scatter does not).
                symbol = "o" if dots else None
                lines.append(Line(ident, layers[ok], y[ok], color, style, name=name, symbol=symbol))
        return lines

    def _update_depth(self) -> None:
        """Move the depth plot's lines to new data (a drag of α only moves one line)."""
        self.plot.redraw()

    def _draw_depth(self, plot: LabPlot) -> None:
        # Below the lines that start at 1 (gradients, correlations), out of their way.
        corner = "bottom-left" if self.quantity() != "dead" else "top-left"
        plot.set_lines(self._depth_lines(plot.theme()), legend=(corner, 3))

    # -- data for a CSV -------------------------------------------------------------------------
    def table(self) -> tuple[list[str], list[list[str]]]:
        """The depth plot's numbers: per layer, each function's theory and the simulation."""
        w, b, depth = self._lab.network()
        chis = {}
        for key in self._model.enabled_keys():
            sp = self._propagation(key, w, b, latest=False)
            chis[key] = math.nan if sp is None else sp.chi
        return depth_table(depth, chis, self._result)

    def phase_table(self) -> tuple[list[str], list[list[str]]]:
        """The phase diagram's grid as rows (σ_w, σ_b, χ₁)."""
        return self.phase_view.table()

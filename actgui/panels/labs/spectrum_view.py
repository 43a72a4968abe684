"""The Jacobian-spectrum view: how far a deep network at initialisation is from dynamical
isometry (issue "Dynamical isometry"). For the selected function at the lab's σ_w, σ_b
and depth: the histogram of the squared singular values of a real network's input–output
Jacobian, with Gaussian and with orthogonal weights, under the free-probability theory's
density, their means and variances, and a line saying whether the choice is close to
isometry.

The theory (``analysis.free_spectrum``) comes from ``Deferred``'s "spectrum" kind: its
moments cost 2–7 ms, its density curve 0.02–0.13 s of Newton steps, both on the worker.
The networks (``analysis.spectrum``) are simulated on a :class:`~actgui.worker.TaskRunner`
after the inputs settle, with progress and *Stop*; a run for other inputs is not shown.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.analysis.free_spectrum import WEIGHTS
from actgui.analysis.spectrum import SpectrumPair, spectrum_task
from actgui.deferred import Deferred, Failed
from actgui.i18n import translate, translated_error, translated_text
from actgui.labs import SEED_RANGE, SPECTRUM_WIDTH_RANGE, LabModel
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel, name_from_labels
from actgui.panels.labs.common import (
    exact_text,
    fmt,
    focus_key,
    int_box,
    network_boxes,
    push_button,
    run_progress,
    scrolled_column,
    show_values,
)
from actgui.panels.labs.presets import NetworkPresets
from actgui.panels.labs.spectrum_text import summary, verdict
from actgui.plot.lab import LabPlot, Line
from actgui.worker import TaskRunner, failure_problem

#: Quiet time after the last change before the networks are simulated.
SETTLE_MS = 150
#: Each kind of weights' colour (light theme, dark theme): not a function's (one function
#: is shown; the colours tell the weights apart).
COLORS = {"gaussian": ("#d95f02", "#fc8d62"), "orthogonal": ("#1b7f9e", "#66c2e0")}
#: The presets: name → (function, σ_w or None for its edge of chaos, σ_b, depth).
PRESETS = {
    "isometry": ("tanh", None, 0.001, 50),
    "he": ("relu", math.sqrt(2.0), 0.0, 50),
    "sigmoid": ("sigmoid", None, 0.0, 50),
    "selu": ("selu", 1.0, 0.0, 50),
}


class SpectrumView(QWidget):
    """Network scales and presets, the weights shown, the simulated width; one plot."""

    def __init__(
        self,
        model: ExplorerModel,
        lab: LabModel,
        parent: QWidget | None = None,
        deferred: Deferred | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("view_spectrum")
        self._model = model
        self._lab = lab
        self.deferred = deferred if deferred is not None else Deferred(self)
        self._theories: dict[str, tuple] = {}  # kind → (theory, x, share per decade)
        self._pair: SpectrumPair | None = None
        self._pair_for: tuple | None = None
        self._asked: tuple | None = None
        self._stopped: tuple | None = None  # the inputs whose run the user stopped
        self._problem_for: tuple | None = None  # the inputs the error line is about

        self.error_label = ErrorLabel("label_spectrum_error", self)
        err = self.error_label
        self.spin_sigma_w, self.spin_sigma_b, self.spin_depth = network_boxes(
            self, lab, err, "spin_spectrum"
        )
        self.presets = NetworkPresets(model, lab, self.deferred, err, self)
        for button, name in zip(self.presets.buttons(), ("he", "lecun", "eoc"), strict=True):
            button.setObjectName(f"button_spectrum_{name}")
        self.button_isometry = push_button(
            self, self.tr("Dynamical isometry"), "button_spectrum_isometry",
            self.tr("tanh on its edge of chaos with σ_b = 0.001 (q* ≈ 0.009), 50 layers"),
            lambda: self.show_part("isometry"),
        )  # fmt: skip
        self.button_relu_he = push_button(
            self, self.tr("ReLU at He"), "button_spectrum_relu_he",
            self.tr("ReLU with σ_w² = 2, no biases, 50 layers"),
            lambda: self.show_part("he"),
        )  # fmt: skip
        self.combo_weights = QComboBox(self)
        self.combo_weights.setObjectName("combo_spectrum_weights")
        for data, text in (
            ("both", self.tr("Gaussian and orthogonal")),
            ("gaussian", self.tr("Gaussian")),
            ("orthogonal", self.tr("Orthogonal")),
        ):
            self.combo_weights.addItem(text, data)
        self.combo_weights.setToolTip(
            self.tr("Weights N(0, σ_w²/N), or σ_w times a random orthogonal matrix")
        )
        self.combo_weights.currentIndexChanged.connect(
            lambda i: lab.set_spectrum(shown=self.combo_weights.itemData(i))
        )
        self.check_simulate = QCheckBox(self.tr("Simulate, width"), self)
        self.check_simulate.setObjectName("check_spectrum_simulate")
        self.check_simulate.setChecked(True)
        self.check_simulate.setToolTip(
            self.tr(
                "Build the network at initialisation, multiply out its input–output "
                "Jacobian and histogram its squared singular values (width 1000, depth 200: "
                "about 6 s with Gaussian weights, 24 s with orthogonal ones)"
            )
        )
        self.check_simulate.toggled.connect(lambda _on: self.refresh())
        self.spin_width = int_box(
            self, "spin_spectrum_width", *SPECTRUM_WIDTH_RANGE,
            lambda v: lab.set_spectrum(width=v), err,
        )  # fmt: skip
        self.spin_width.setToolTip(self.tr("Units per layer of the simulated networks (≤ 1000)"))
        self.spin_seed = int_box(
            self, "spin_spectrum_seed", *SEED_RANGE, lambda v: lab.set_spectrum(seed=v), err
        )
        self.spin_seed.setToolTip(self.tr("The same seed, the same network"))
        self.runner = TaskRunner(self)
        self.progress, self.button_stop = run_progress(
            self, self.runner, "progress_spectrum", "button_spectrum_stop"
        )

        # Left: the inputs and the words; right: a plot per kind of weights.
        form = QGridLayout()
        rows = (
            ("σ_w", self.spin_sigma_w),
            ("σ_b", self.spin_sigma_b),
            (self.tr("depth"), self.spin_depth),
            (self.tr("Weights"), self.combo_weights),
            (None, self.spin_width),
            (self.tr("seed"), self.spin_seed),
        )
        for r, (text, box) in enumerate(rows):
            label = self.check_simulate if text is None else QLabel(text, self)
            form.addWidget(label, r, 0)
            form.addWidget(box, r, 1)
        form.setColumnStretch(1, 1)
        scales = QGridLayout()
        for i, button in enumerate(self.presets.buttons()):
            scales.addWidget(button, i // 2, i % 2)
        presets = QHBoxLayout()
        presets.addWidget(self.button_isometry)
        presets.addWidget(self.button_relu_he)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.button_stop)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("label_spectrum_isometry")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("label_spectrum_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # (names are user text)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QWidget(self)
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addLayout(scales)
        column.addLayout(presets)
        column.addLayout(busy)
        column.addWidget(self.error_label)
        column.addWidget(self.summary)
        column.addStretch(1)
        side = scrolled_column(words, "scroll_spectrum", self)

        self.plots_by_kind: dict[str, LabPlot] = {}
        self._titles: dict[str, str] = {}
        for kind, title in (
            ("gaussian", self.tr("Gaussian weights")),
            ("orthogonal", self.tr("Orthogonal weights")),
        ):
            plot = LabPlot(
                f"plot_spectrum_{kind}",
                self.tr("σ², the Jacobian's squared singular values"),
                self.tr("share per decade"),
                self,
            )
            plot.getPlotItem().setLogMode(x=True)
            plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)  # (0.035, not 35 ×0.001)
            self._titles[kind] = title
            plot.setAccessibleName(title)
            plot.set_drawer(lambda p, k=kind: self._draw(p, k), in_place=True)
            self.plots_by_kind[kind] = plot
        # The plots side by side, the line on isometry over them (under them, it was the
        # first thing a short dock hid: at 1366×768 the panel scrolls).
        plots = QSplitter(Qt.Orientation.Horizontal, self)
        for plot in self.plots_by_kind.values():
            plots.addWidget(plot)
        right = QWidget(self)
        under = QVBoxLayout(right)
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.verdict)
        under.addWidget(plots, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("splitter_spectrum")
        split.addWidget(side)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split, 1)

        self.button_stop.clicked.connect(self._on_stop)
        self.runner.finished.connect(self._on_simulated)
        self.runner.failed.connect(self._on_failed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.start_task)
        self._want_preset: tuple | None = None
        self.deferred.ready.connect(self._finish_preset)

        lab.network_changed.connect(self._show_network)
        lab.spectrum_changed.connect(self._show_spectrum)
        self._show_network(*lab.network())
        self._show_spectrum()
        name_from_labels(self)

    # -- state -----------------------------------------------------------------------
    def _show_network(self, *values) -> None:
        show_values((self.spin_sigma_w, self.spin_sigma_b, self.spin_depth), values)

    def _show_spectrum(self) -> None:
        width, shown, seed = self._lab.spectrum()
        show_values((self.spin_width, self.spin_seed), (width, seed))
        with QSignalBlocker(self.combo_weights):
            self.combo_weights.setCurrentIndex(self.combo_weights.findData(shown))

    def kinds(self) -> tuple[str, ...]:
        """The kinds of weights shown."""
        shown = self._lab.spectrum()[1]
        return WEIGHTS if shown == "both" else (shown,)

    def show_part(self, name: str) -> None:
        """Set up the preset ``name`` of ``PRESETS`` ("isometry", "he", "sigmoid", "selu"):
        its function enabled and selected, its σ_b and depth, its σ_w (the edge of chaos,
        once the worker has found it), both kinds of weights. ``ValueError`` for others."""
        if name not in PRESETS:
            raise ValueError(f"no preset {name!r}; one of {', '.join(PRESETS)}")
        key, sigma_w, sigma_b, depth = PRESETS[name]
        self._model.set_enabled(key, True)
        self._model.set_selected(key)
        self._lab.set_spectrum(shown="both")
        if sigma_w is not None:
            self._want_preset = None
            self._lab.set_network(sigma_w=sigma_w, sigma_b=sigma_b, depth=depth)
            return
        self._lab.set_network(sigma_b=sigma_b, depth=depth)
        self._want_preset = (key, sigma_b)
        self._finish_preset()

    def _finish_preset(self) -> None:
        """σ_w of a preset on the edge of chaos, once the worker has it."""
        if self._want_preset is None:
            return
        key, sigma_b = self._want_preset
        edge = self.deferred.get("edge", key, self._model.params(key), sigma_b)
        if edge is None:
            return
        self._want_preset = None
        if not (isinstance(edge, tuple) and edge):  # (the presets' words)
            text = QCoreApplication.translate(
                "NetworkPresets", "%1 has no edge of chaos at σ_b = %2 (χ₁ never reaches 1)."
            )
            name = translate(REGISTRY[key].name) if key in REGISTRY else key
            self.error_label.setText(text.replace("%1", name).replace("%2", fmt(sigma_b, 4)))
            self.error_label.show()
            return
        try:
            self._lab.set_network(sigma_w=edge[0])
        except ValueError as exc:  # (beyond the σ_w box's range)
            self.error_label.setText(translated_error(exc))
            self.error_label.show()

    def plots(self) -> dict[str, LabPlot]:
        """The exportable plots, by a short name for a file."""
        return {f"spectrum_{kind}": plot for kind, plot in self.plots_by_kind.items()}

    # -- computing -------------------------------------------------------------------
    def _request(self) -> tuple | None:
        key = focus_key(self._model)
        if key is None:
            return None
        w, b, depth = self._lab.network()
        width, _shown, seed = self._lab.spectrum()
        params = tuple(sorted(self._model.params(key).items()))
        return key, params, w, b, depth, width, seed, self.kinds()

    def refresh(self) -> None:
        """The theory now (or as soon as the worker has it); the networks after a settle."""
        request = self._request()
        self._theories = {}
        if self._problem_for is not None and self._problem_for[:5] != (request or ())[:5]:
            self._problem_for = None  # (a message about other inputs)
            self.error_label.hide()
        failed = False
        if request is not None and request[2] > 0.0:
            key, params, w, b, depth = request[:5]
            for kind in self.kinds():
                got = self.deferred.get(f"spectrum_{kind}", key, dict(params), w, b, depth)
                if isinstance(got, tuple):
                    self._theories[kind] = got
                elif isinstance(got, Failed):
                    failed = True
                    self._show_problem(translated_text(got.message), request)
        self._update_text(request, failed)
        for kind, plot in self.plots_by_kind.items():
            plot.setVisible(kind in self.kinds())
            plot.redraw()
        if request != self._stopped:
            self._stopped = None
        if self.check_simulate.isChecked() and request is not None and request[2] > 0.0:
            if request != self._asked and request != self._stopped:
                self._settle.start()
        else:
            self._settle.stop()
            self.runner.cancel()
            self._asked = None

    def start_task(self) -> None:
        """Simulate the networks for the current inputs (cancelling an older run)."""
        self._settle.stop()
        request = self._request()
        if request is None or request in (self._asked, self._stopped) or not request[2] > 0.0:
            return
        self._asked = request
        key, params, w, b, depth, width, seed, kinds = request
        self.runner.start(
            spectrum_task, REGISTRY[key], dict(params), w, b, depth, width, seed, kinds
        )

    def pending(self) -> bool:
        """Whether the simulation waits for the inputs to settle."""
        return self._settle.isActive()

    def stop(self, msecs: int = 5000) -> bool:
        """Drop a pending run, cancel a running one and wait up to ``msecs`` for it."""
        self._settle.stop()
        self.runner.cancel()
        self._asked = None
        return self.runner.wait(msecs)

    def wait(self) -> None:
        """Start a pending run and wait for it (tests)."""
        if self._settle.isActive():
            self.start_task()
        self.runner.wait()

    def _on_simulated(self, pair: SpectrumPair) -> None:
        self._pair = pair
        self._pair_for = self._asked
        if self._problem_for is not None:
            self._problem_for = None
            self.error_label.hide()
        self.refresh()

    def _on_failed(self, message: str) -> None:
        problem = translated_text(failure_problem(message))  # (not "ValueError: …")
        text = self.tr("Could not simulate: %1").replace("%1", problem)
        self._show_problem(text, self._asked)

    def _show_problem(self, text: str, request: tuple | None) -> None:
        """``text`` on the error line until the inputs change (or a run succeeds)."""
        self._problem_for = request
        self.error_label.setText(text)
        self.error_label.show()

    def _on_stop(self) -> None:
        """*Stop*: these inputs are not simulated again until they change."""
        self._stopped, self._asked = self._asked, None

    def runs(self) -> dict[str, object]:
        """The simulated spectra for the current inputs, by kind (none while they run)."""
        if self._pair is None or self._pair_for != self._request():
            return {}
        found = {"gaussian": self._pair.gaussian, "orthogonal": self._pair.orthogonal}
        return {kind: run for kind, run in found.items() if run is not None}

    def theories(self) -> dict[str, object]:
        """The theory for the current inputs, by kind (none while the worker computes it)."""
        return {kind: got[0] for kind, got in self._theories.items()}

    # -- words -----------------------------------------------------------------------
    def _update_text(self, request, failed: bool = False) -> None:
        starts = {
            kind: (x[0], float(np.trapezoid(d, np.log10(x))))
            for kind, (_theory, x, d) in self._theories.items()
            if x.size
        }
        text = summary(request, self.kinds(), self.theories(), self.runs(), starts)
        self.summary.setText(text)
        self.verdict.setText("" if failed else verdict(request, self.theories()))

    # -- drawing ---------------------------------------------------------------------
    def _draw(self, plot: LabPlot, kind: str) -> None:
        color = COLORS[kind][plot.theme() == "dark"]
        lines = []
        run = self.runs().get(kind)
        if run is not None and run.resolved.size:
            logs = np.log10(run.resolved)
            bins = int(min(60, max(8, 2.0 * math.sqrt(logs.size))))
            lo, hi = float(logs.min()), float(logs.max())
            if hi - lo < 1e-6:
                lo, hi = lo - 0.05, hi + 0.05
            counts, edges = np.histogram(logs, bins=bins, range=(lo, hi))
            heights = counts / (run.width * (edges[1] - edges[0]))
            name = self.tr("network, width %1").replace("%1", str(run.width))
            lines.append(Line("net", 10.0**edges, heights, color, fill=70, step=True, name=name))
        got = self._theories.get(kind)
        if got is not None:
            theory, x, density = got
            name = self.tr("theory, width → ∞")
            if x.size:
                lines.append(Line("theory", x, density, color, width=2.0, name=name))
            elif theory.variance == 0.0 and theory.mean > 0.0:  # every value is the mean
                top = max([1.0] + [float(np.max(line.y)) for line in lines])
                m = theory.mean
                lines.append(Line("theory", [m, m], [0.0, top], color, 1, 2.0, name=name))
        plot.set_lines(lines, legend=("top-left", 1))
        plot.set_title(self._titles[kind])
        if lines:  # headroom over the highest bar or curve: the legend sits there
            top = max(float(np.nanmax(line.y)) for line in lines if len(line.y))
            if top > 0.0 and np.isfinite(top):
                plot.getPlotItem().setYRange(0.0, 1.45 * top, padding=0.0)

    # -- data for a CSV --------------------------------------------------------------
    def table_rows(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows for a CSV, every digit: per kind of weights the theory's mean,
        variance and density (x = σ², value = share per decade), and the network's mean,
        variance and squared singular values (x = σ²)."""
        header = ["weights", "what", "x", "value"]
        rows: list[list[str]] = []
        theories, runs = self._theories, self.runs()
        for kind in self.kinds():
            got = theories.get(kind)
            if got is not None:
                theory, x, density = got
                rows.append([kind, "theory_mean", "", exact_text(theory.mean)])
                rows.append([kind, "theory_variance", "", exact_text(theory.variance)])
                rows.append([kind, "theory_zero_share", "", exact_text(theory.zero_mass)])
                rows += [
                    [kind, "theory_density", exact_text(a), exact_text(d)]
                    for a, d in zip(x, density, strict=True)
                ]
            run = runs.get(kind)
            if run is not None:
                rows.append([kind, "network_mean", "", exact_text(run.mean)])
                rows.append([kind, "network_variance", "", exact_text(run.variance)])
                rows += [
                    [kind, "network_squared_singular_value", exact_text(v), ""]
                    for v in run.squared_singular_values
                ]
        return header, rows

    def busy(self) -> bool:
        """Whether numbers of this view are still being computed."""
        return self.deferred.pending() or self.runner.is_running() or self.pending()

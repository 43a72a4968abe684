"""Statistics of f(z) for a Gaussian input: a table for every enabled function and the
output distribution of the focused one (issue "Why the choice matters", part 1)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.deferred import Deferred, Failed
from actgui.i18n import translate
from actgui.labs import EPS_RANGE, MU_LIMIT, SIGMA_RANGE, LabModel
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel, name_from_labels
from actgui.panels.labs.common import (
    CopyTable,
    exact_text,
    fmt,
    focus_key,
    number_box,
    percent,
    show_values,
)
from actgui.plot.lab import Label, LabPlot, Line

#: (field of GaussianStats, column title, a probability shown as a percentage)
COLUMNS = (
    ("mean", "E[f(z)]", False),
    ("std", "SD[f(z)]", False),
    ("second_moment", "E[f(z)²]", False),
    ("zero_output_fraction", "P(f(z) = 0)", True),
    ("mean_gradient", "E[f′(z)]", False),
    ("mean_sq_gradient", "E[f′(z)²]", False),
    ("zero_gradient_fraction", "P(f′(z) = 0)", True),
    ("small_gradient_fraction", "P(|f′(z)| < ε)", True),
)


#: Below this, a statistic is shown as 0: the quadrature is accurate to about 1e−9 absolute
#: (tested to 1e−9), so smaller values are noise about 0.
NOISE = 1e-12


class StatsView(QWidget):
    """μ, σ, ε; the statistics table; the distribution of the focused function's output."""

    def __init__(
        self,
        model: ExplorerModel,
        lab: LabModel,
        parent: QWidget | None = None,
        deferred: Deferred | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("view_stats")
        self._model = model
        self._lab = lab
        #: Where the numbers come from (a function of your own's: from a worker).
        self.deferred = deferred if deferred is not None else Deferred(self)
        self._text_color = lambda key: "#000000"
        self._focus: str | None = None
        self._dist = None
        self._sized = False

        self.error_label = ErrorLabel("label_lab_input_error", self)
        mu, sigma, eps = lab.input()
        self.spin_mu = number_box(
            self, "spin_lab_mu", -MU_LIMIT, MU_LIMIT, lambda v: lab.set_input(mu=v),
            self.error_label,
        )  # fmt: skip
        self.spin_sigma = number_box(
            self, "spin_lab_sigma", *SIGMA_RANGE, lambda v: lab.set_input(sigma=v),
            self.error_label,
        )  # fmt: skip
        self.spin_eps = number_box(
            self, "spin_lab_eps", *EPS_RANGE, lambda v: lab.set_input(eps=v), self.error_label,
            step=0.001,
        )  # fmt: skip
        self.spin_mu.setToolTip(self.tr("Mean μ of the input z ~ N(μ, σ²)"))
        self.spin_sigma.setToolTip(self.tr("Standard deviation σ of the input z ~ N(μ, σ²)"))
        self.spin_eps.setToolTip(self.tr("A gradient counts as small where |f′(z)| < ε"))
        self._show_input(mu, sigma, eps)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Input z ~ N(μ, σ²):  μ"), self))
        row.addWidget(self.spin_mu)
        row.addWidget(QLabel("σ", self))
        row.addWidget(self.spin_sigma)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("small gradient: |f′| < ε ="), self))
        row.addWidget(self.spin_eps)
        row.addStretch(1)

        self.table = CopyTable("table_stats", self)
        self.table.setColumnCount(1 + len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Function")] + [c[1] for c in COLUMNS])
        self.table.itemSelectionChanged.connect(self._on_row_selected)
        self.table.setToolTip(
            self.tr(
                "Exact expectations over the Gaussian input, by quadrature split at the "
                "kinks (not sampled). Select cells and press Ctrl+C to copy every digit."
            )
        )
        self.table.setAccessibleName(self.tr("Statistics"))
        self.plot = LabPlot("plot_distribution", self.tr("f(z)"), self.tr("density"), self)
        self.plot.setAccessibleName(self.tr("Distribution of f(z)"))
        self.plot.set_drawer(self._draw, in_place=True)
        self.plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        split = self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("splitter_stats")
        split.addWidget(self.table)
        split.addWidget(self.plot)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(split, 1)
        lab.input_changed.connect(self._show_input)
        name_from_labels(self)

    def _show_input(self, *values) -> None:
        show_values((self.spin_mu, self.spin_sigma, self.spin_eps), values)

    def set_text_colors(self, text_color) -> None:
        """Names in the table in ``text_color(key)``."""
        self._text_color = text_color
        self.table.forget_rows()

    def plots(self) -> dict[str, LabPlot]:
        """The exportable plots, by a short name for a file."""
        return {"distribution": self.plot}

    # -- content ---------------------------------------------------------------------
    def rows(self) -> list[tuple[str, object]]:
        """(key, GaussianStats) for every enabled function at the lab's input (None while
        the worker computes them, a ``Failed`` if they cannot be)."""
        mu, sigma, eps = self._lab.input()
        return [
            (key, self.deferred.get("stats", key, self._model.params(key), mu, sigma, eps))
            for key in self._model.enabled_keys()
        ]

    def refresh(self) -> None:
        """Recompute the table and the distribution for the current state."""
        shown = []
        for key, fresh in self.rows():
            # (while the worker computes the new numbers, the last ones stay)
            stats = fresh if fresh is not None else self.deferred.latest("stats", key)
            cells = []
            for field, _title, is_p in COLUMNS:
                if stats is None or isinstance(stats, Failed):
                    cells.append(("…" if stats is None else "—", ""))
                    continue
                value = getattr(stats, field)
                # Quadrature noise about an exact 0 (tanh's mean: 1e−17) reads 0; the
                # tooltip and a copy keep the computed value.
                near = 0.0 if abs(value) < NOISE else value
                cells.append((percent(near) if is_p else fmt(near), exact_text(value)))
            shown.append((key, translate(REGISTRY[key].name), cells))
        with QSignalBlocker(self.table):
            self.table.show_rows(shown, self._text_color)
        if not self._sized and shown and self.splitter.width() > 0:
            # The first time: the table as wide as its columns, the plot gets the rest.
            self._sized = True
            table = self.table
            need = table.horizontalHeader().length() + 2 * table.frameWidth()
            need += table.verticalScrollBar().sizeHint().width()
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([min(need, total * 2 // 3), max(total - need, total // 3)])
        self._focus = focus_key(self._model)
        # The function the distribution shows: its name in bold.
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0)
            bold = name.data(Qt.ItemDataRole.UserRole) == self._focus
            if name.font().bold() != bold:
                font = name.font()
                font.setBold(bold)
                name.setFont(font)
        mu, sigma, _ = self._lab.input()
        dist = (
            None
            if self._focus is None
            else self.deferred.get(
                "distribution", self._focus, self._model.params(self._focus), mu, sigma
            )
        )
        if dist is None and self._focus is not None:
            dist = self.deferred.latest("distribution", self._focus)
        self._dist = None if isinstance(dist, Failed) else dist
        self.plot.redraw()

    def _on_row_selected(self) -> None:
        items = self.table.selectedItems()
        if items:
            key = self.table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
            if key and key != self._model.selected_key():
                self._model.set_selected(key)

    def _draw(self, plot: LabPlot) -> None:
        item = plot.getPlotItem()
        key, dist = self._focus, self._dist
        if key is None or dist is None or key not in REGISTRY:  # (deleted since: not shown)
            plot.set_title(None)
            plot.set_lines([])
            plot.set_labels([])
            return
        mu, sigma, _ = self._lab.input()
        color = self._model.curve_color(key, plot.theme())
        title = QCoreApplication.translate("StatsView", "%1(z), z ~ N(%2, %3²)").replace(
            "%1", translate(REGISTRY[key].name)
        )
        title = title.replace("%2", fmt(mu, 4)).replace("%3", fmt(sigma, 4))
        plot.set_title(title)
        top = float(dist.density.max()) if dist.density.size else 1.0
        ends = [v for v, _ in dist.masses]
        if dist.edges.size:
            ends += [float(dist.edges[0]), float(dist.edges[-1])]
        low, high = min(ends), max(ends)
        lines, labels = [], []
        if dist.density.size:
            lines.append(Line("density", dist.edges, dist.density, color, fill=70, step=True))
        # A point mass has no density: its stem rises above every bar, to the top of the
        # plot, so it does not read as a density value; its label gives its probability.
        stem_top = top * 1.12
        for i, (value, mass) in enumerate(dist.masses):
            lines.append(Line(("stem", i), [value, value], [0.0, stem_top], color, width=2.0))
            lines.append(
                Line(("top", i), [value], [stem_top], color, symbol="t1", symbol_size=9,
                     filled=True)
            )  # fmt: skip
            text = QCoreApplication.translate("StatsView", "point mass %1 at %2")
            text = text.replace("%1", percent(mass)).replace("%2", fmt(value, 4))
            # Written away from the nearer edge of the plot, so it is never cut off.
            right_half = value > 0.5 * (low + high)
            anchor = (1.0 if right_half else 0.0, 1.1)
            labels.append(Label(("mass", i), text, value, stem_top, anchor))
        plot.set_lines(lines)
        plot.set_labels(labels)
        pad = 0.05 * (high - low) or 0.5
        item.setXRange(low - pad, high + pad, padding=0)
        # Room above the tallest stem for its label.
        item.setYRange(0.0, top * (1.35 if dist.masses else 1.05), padding=0)


__all__ = ["COLUMNS", "StatsView"]

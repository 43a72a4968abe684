"""The Precision view: each enabled function as computed in float32, bfloat16 or float16,
its error in units in the last place, where it saturates and where its gradient is
numerically dead, and two functions compared (issue "Precision lab").

Every number comes from ``actgui.analysis.precision`` on a worker (``Deferred``'s
"precision" kind for each function; a :class:`~actgui.worker.TaskRunner` for the
comparison): a function of your own costs what its formula costs, never the GUI's time.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.analysis.formats import FORMATS
from actgui.deferred import Deferred, Failed
from actgui.i18n import translate, translated_text
from actgui.labs import DEFAULT_PRECISION, PRECISION_FORMATS, PRECISION_X_LIMIT, LabModel
from actgui.model import ExplorerModel
from actgui.panels import ErrorLabel, name_from_labels
from actgui.panels.labs.common import (
    CopyTable,
    exact_text,
    fmt,
    focus_key,
    number_box,
    percent,
    push_button,
    scrolled_column,
    show_values,
)
from actgui.plot.lab import Label, LabPlot, Line
from actgui.worker import TaskRunner

#: Saturation fields, in the table's order.
FIELDS = ("upper", "lower", "dead_above", "dead_below")
#: The pairs one click away: (key_a, key_b, button text).
PAIRS = (
    ("gelu", "gelu_tanh", "GELU ↔ tanh GELU"),
    ("gelu", "quick_gelu", "GELU ↔ QuickGELU"),
    ("silu", "hardswish", "SiLU ↔ Hardswish"),
    ("sigmoid", "hardsigmoid", "Sigmoid ↔ Hardsigmoid"),
)
#: The colour of the difference curve (not a function's).
DIFFERENCE_COLOR = "#7f7f7f"


def _compare(key_a, key_b, x_min, x_max, order, params_a, params_b, n=800, **_worker):
    """(Difference, x, f_a, f_b) for the comparison plot (on the worker)."""
    from actgui.analysis.precision import max_difference

    diff = max_difference(key_a, key_b, x_min, x_max, order, params_a, params_b)
    x = np.linspace(x_min, x_max, n)
    return (
        diff,
        x,
        REGISTRY[key_a].evaluate(order, x, **params_a),
        REGISTRY[key_b].evaluate(order, x, **params_b),
    )


class PrecisionView(QWidget):
    """Format, derivative and x-range; the table, three plots and the comparison."""

    def __init__(
        self,
        model: ExplorerModel,
        lab: LabModel,
        parent: QWidget | None = None,
        deferred: Deferred | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("view_precision")
        self._model = model
        self._lab = lab
        self.deferred = deferred if deferred is not None else Deferred(self)
        self._text_color = lambda key: "#000000"
        self._profiles: dict[str, object] = {}
        self._focus: str | None = None
        self._compared: tuple | None = None
        self._asked: tuple | None = None
        self._sized = False

        self.error_label = ErrorLabel("label_precision_error", self)
        self.combo_format = QComboBox(self)
        self.combo_format.setObjectName("combo_precision_format")
        for name in PRECISION_FORMATS:
            self.combo_format.addItem(name, name)
        self.combo_format.setToolTip(self.tr("The number format the functions are computed in"))
        self.combo_format.currentIndexChanged.connect(
            lambda i: lab.set_precision(fmt=self.combo_format.itemData(i))
        )
        self.combo_order = QComboBox(self)
        self.combo_order.setObjectName("combo_precision_order")
        for order, text in enumerate(("f(x)", "f′(x)", "f″(x)")):
            self.combo_order.addItem(text, order)
        self.combo_order.currentIndexChanged.connect(lambda i: lab.set_precision(order=i))
        self.spin_x_min = number_box(
            self, "spin_precision_x_min", -PRECISION_X_LIMIT, PRECISION_X_LIMIT,
            lambda v: lab.set_precision(x_min=v), self.error_label, step=1.0,
        )  # fmt: skip
        self.spin_x_max = number_box(
            self, "spin_precision_x_max", -PRECISION_X_LIMIT, PRECISION_X_LIMIT,
            lambda v: lab.set_precision(x_max=v), self.error_label, step=1.0,
        )  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Computed in"), self))
        row.addWidget(self.combo_format)
        row.addWidget(self.combo_order)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("x from"), self))
        row.addWidget(self.spin_x_min)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.spin_x_max)
        row.addStretch(1)

        self.table = CopyTable("table_precision", self)
        self.table.setAccessibleName(self.tr("Limits and largest errors"))
        self.table.setColumnCount(len(self.headers()))
        # Four rows at least (the plots share the rest of a short dock).
        rows = 4 * self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(rows + self.table.horizontalHeader().sizeHint().height() + 4)
        self.table.setHorizontalHeaderLabels(self.headers())
        self.table.setToolTip(
            self.tr(
                "Found on the numbers of the format, by bisection: where f, correctly "
                "rounded, equals its limit; where the gradient a framework computes is "
                "exactly 0 (from the output for sigmoid and tanh: σ(1 − σ), 1 − tanh²). "
                "Largest error: of the format's kernel over the x-range, in ulps."
            )
        )
        self.combo_a = QComboBox(self)
        self.combo_a.setObjectName("combo_compare_a")
        self.combo_b = QComboBox(self)
        self.combo_b.setObjectName("combo_compare_b")
        for combo, which in ((self.combo_a, "key_a"), (self.combo_b, "key_b")):
            combo.currentIndexChanged.connect(
                lambda i, c=combo, w=which: self._pick(w, c.itemData(i))
            )
        self._fill_combos()
        compare = QGridLayout()
        compare.addWidget(QLabel(self.tr("Compare"), self), 0, 0)
        compare.addWidget(self.combo_a, 0, 1)
        compare.addWidget(QLabel(self.tr("with"), self), 0, 2)
        compare.addWidget(self.combo_b, 0, 3)
        presets = QHBoxLayout()
        for i, (a, b, text) in enumerate(PAIRS):
            presets.addWidget(
                push_button(
                    self, text, f"button_compare_{i}",
                    self.tr("Compare these two over the x-range"),
                    lambda a=a, b=b: lab.set_precision(key_a=a, key_b=b),
                )
            )  # fmt: skip
        presets.addStretch(1)
        self.label_compare = QLabel(self)
        self.label_compare.setObjectName("label_compare")
        self.label_compare.setTextFormat(Qt.TextFormat.PlainText)
        self.label_compare.setWordWrap(True)
        self.label_compare.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label_dead = QLabel(self)
        self.label_dead.setObjectName("label_precision_dead")
        self.label_dead.setTextFormat(Qt.TextFormat.PlainText)
        self.label_dead.setWordWrap(True)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.label_dead)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(compare)
        column.addLayout(presets)
        column.addWidget(self.label_compare)
        column.addStretch(1)

        self.plot = LabPlot("plot_precision", "x", "f(x)", self)
        self.plot.set_drawer(self._draw_values, in_place=True)
        self.plot_error = LabPlot("plot_precision_error", "x", self.tr("error (ulps)"), self)
        self.plot_error.set_drawer(self._draw_errors, in_place=True)
        self.plot_compare = LabPlot("plot_compare", "x", "f(x)", self)
        self.plot.setAccessibleName(self.tr("Values in the format"))
        self.plot_error.setAccessibleName(self.tr("error (ulps)"))
        self.plot_compare.setAccessibleName(self.tr("Comparison"))
        self.plot_compare.set_drawer(self._draw_compare, in_place=True)
        for plot in (self.plot, self.plot_error, self.plot_compare):
            plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        # The three plots side by side above; the table and the comparison below.
        plots = QSplitter(Qt.Orientation.Horizontal, self)
        for plot in (self.plot, self.plot_error, self.plot_compare):
            plots.addWidget(plot)
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(scrolled_column(left, "scroll_precision_table", self))
        below.addWidget(right)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("splitter_precision")
        self.splitter.addWidget(plots)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.splitter, 1)

        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_compared)
        self.runner.failed.connect(self._on_compare_failed)
        lab.precision_changed.connect(self._show_state)
        model.functions_changed.connect(lambda *_: self._fill_combos())
        self._show_state()
        name_from_labels(self)

    # -- state -----------------------------------------------------------------------
    def _pick(self, which: str, key: str | None) -> None:
        if key:
            self._lab.set_precision(**{which: key})

    def _fill_combos(self) -> None:
        key_a, key_b = self._lab.precision()[4:]
        if key_a not in REGISTRY or key_b not in REGISTRY:  # a function of your own deleted
            self._lab.set_precision(
                key_a=key_a if key_a in REGISTRY else DEFAULT_PRECISION[4],
                key_b=key_b if key_b in REGISTRY else DEFAULT_PRECISION[5],
            )
        for combo in (self.combo_a, self.combo_b):
            with QSignalBlocker(combo):
                combo.clear()
                for key, act in REGISTRY.items():
                    combo.addItem(translate(act.name), key)
        self._show_state()

    def _show_state(self) -> None:
        fmt_, order, lo, hi, key_a, key_b = self._lab.precision()
        for combo, data in (
            (self.combo_format, fmt_),
            (self.combo_order, order),
            (self.combo_a, key_a),
            (self.combo_b, key_b),
        ):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(combo.findData(data))
        show_values((self.spin_x_min, self.spin_x_max), (lo, hi))

    def show_part(self, what: str) -> None:
        """Show a format ("float16") with f, or a pair compared ("gelu,gelu_tanh"): what
        the details' *Show* links ask for (``ValueError`` for anything else)."""
        if "," in what:
            key_a, _, key_b = what.partition(",")
            self._lab.set_precision(key_a=key_a, key_b=key_b)
        else:
            self._lab.set_precision(fmt=what, order=0)

    def set_text_colors(self, text_color) -> None:
        """Names in the table in ``text_color(key)``."""
        self._text_color = text_color
        self.table.forget_rows()

    def plots(self) -> dict[str, LabPlot]:
        """The exportable plots, by a short name for a file."""
        return {
            "precision": self.plot,
            "precision_error": self.plot_error,
            "precision_compare": self.plot_compare,
        }

    def headers(self) -> list[str]:
        """Column titles."""
        return [
            self.tr("Function"),
            self.tr("f = top from"),
            self.tr("f = bottom below"),
            self.tr("f′ = 0 from"),
            self.tr("f′ = 0 below"),
            self.tr("dead share"),
            self.tr("max error (ulps)"),
            self.tr("at x"),
        ]

    # -- content ---------------------------------------------------------------------
    def profiles(self, latest: bool = False) -> list[tuple[str, object]]:
        """(key, Profile or None while computing, or Failed) for every enabled function."""
        fmt_, order, lo, hi, _a, _b = self._lab.precision()
        out = []
        for key in self._model.enabled_keys():
            args = (FORMATS.index(fmt_), order, lo, hi)
            value = self.deferred.get("precision", key, self._model.params(key), *args)
            if value is None and latest:
                value = self.deferred.latest("precision", key)
            out.append((key, value))
        return out

    def refresh(self) -> None:
        """Recompute the table and the plots for the current state."""
        shown = []
        self._profiles = {}
        for key, prof in self.profiles(latest=True):
            if prof is None or isinstance(prof, Failed):
                cells = [("…" if prof is None else "—", "")] * (len(self.headers()) - 1)
            else:
                self._profiles[key] = prof
                s = prof.saturation
                cells = [(fmt(getattr(s, f)), exact_text(getattr(s, f))) for f in FIELDS]
                cells.append((percent(s.dead_share), exact_text(s.dead_share)))
                worst, at = prof.largest if prof.largest else (None, None)
                cells += [(fmt(worst, 3), exact_text(worst)), (fmt(at), exact_text(at))]
            shown.append((key, translate(REGISTRY[key].name), cells))
        with QSignalBlocker(self.table):
            self.table.show_rows(shown, self._text_color)
        if not self._sized and self.splitter.height() > 0:
            # The first time: the plots get two thirds (the table would take its whole
            # height hint, leaving the plots a strip).
            self._sized = True
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total * 2 // 3, total - total * 2 // 3])
        self._focus = focus_key(self._model)
        self.label_dead.setText(self._dead_sentence())
        self._ask_compare()
        for plot in (self.plot, self.plot_error, self.plot_compare):
            plot.redraw()

    def _dead_sentence(self) -> str:
        prof = self._profiles.get(self._focus or "")
        if prof is None:
            return ""
        s = prof.saturation
        name = translate(REGISTRY[self._focus].name)
        if s.dead_above is None and s.dead_below is None:
            return (
                self.tr("%1 in %2: no numerically dead gradient.")
                .replace("%1", name)
                .replace("%2", s.dtype)
            )
        parts = []
        if s.dead_above is not None:
            parts.append(f"x ≥ {fmt(s.dead_above, 5)}")
        if s.dead_below is not None:
            parts.append(f"x ≤ {fmt(s.dead_below, 5)}")
        return (
            self.tr("%1 in %2: the gradient is exactly 0 for %3 (shaded), %4 of its numbers.")
            .replace("%1", name)
            .replace("%2", s.dtype)
            .replace("%3", self.tr(" and ").join(parts))
            .replace("%4", percent(s.dead_share))
        )

    def _ask_compare(self) -> None:
        _f, order, lo, hi, key_a, key_b = self._lab.precision()
        if key_a not in REGISTRY or key_b not in REGISTRY:
            return
        request = (
            key_a, key_b, lo, hi, order, self._model.params(key_a), self._model.params(key_b)
        )  # fmt: skip
        if request == self._asked:
            return
        self._asked = request
        self.label_compare.setText(self.tr("Comparing…"))
        self.runner.start(_compare, *request)

    def _on_compared(self, result) -> None:
        self._compared = result
        diff = result[0]
        self.label_compare.setText(
            self.tr("Largest |%1 − %2| = %3 at x = %4; L2 distance %5 (over %6 to %7).")
            .replace("%1", translate(REGISTRY[diff.key_a].name) if diff.key_a in REGISTRY else "")
            .replace("%2", translate(REGISTRY[diff.key_b].name) if diff.key_b in REGISTRY else "")
            .replace("%3", fmt(diff.max_abs, 4))
            .replace("%4", fmt(diff.at, 6))
            .replace("%5", fmt(diff.l2, 4))
            .replace("%6", fmt(diff.x_min))
            .replace("%7", fmt(diff.x_max))
        )
        self.plot_compare.redraw()

    def _on_compare_failed(self, message: str) -> None:
        self._compared = None
        self._asked = None
        self.label_compare.setText(translated_text(message))
        self.plot_compare.redraw()

    def difference(self):
        """The last comparison's :class:`~actgui.analysis.difference.Difference`, or None."""
        return None if self._compared is None else self._compared[0]

    # -- drawing ---------------------------------------------------------------------
    def _color(self, key: str, plot: LabPlot) -> str:
        return self._model.curve_color(key, plot.theme())

    def _draw_values(self, plot: LabPlot) -> None:
        prof = self._profiles.get(self._focus or "")
        zones = ()
        if prof is not None:
            s = prof.saturation
            zones = (s.dead_below, s.dead_above)
        # (first: a new shading clears the plot)
        _f, _o, lo, hi, _a, _b = self._lab.precision()
        plot.shape(("dead", zones, lo, hi), lambda: self._shade(plot, zones))
        lines = []
        for key, prof in self._profiles.items():
            color = self._color(key, plot)
            name = translate(REGISTRY[key].name)
            lines.append(Line(("exact", key), prof.x, prof.exact, color, style=2))
            lines.append(Line(key, prof.steps_x, prof.steps_y, color, width=1.5, name=name))
        plot.set_lines(lines, legend=("top-left", 1))
        plot.set_title(self._lab.precision()[0])

    def _shade(self, plot: LabPlot, zones) -> list:
        import pyqtgraph as pg

        _f, _o, lo, hi, _a, _b = self._lab.precision()
        items = []
        below, above = zones if zones else (None, None)
        color = (128, 128, 128, 50)
        for start, end in ((lo, below), (above, hi)):
            if start is None or end is None or not start < end:
                continue
            region = pg.LinearRegionItem(
                (start, end), movable=False, brush=pg.mkBrush(color), pen=pg.mkPen(None)
            )
            region.setZValue(-10)
            plot.addItem(region)
            items.append(region)
        return items

    def _draw_errors(self, plot: LabPlot) -> None:
        lines = [
            Line(key, prof.error_x, prof.error_ulps, self._color(key, plot))
            for key, prof in self._profiles.items()
        ]
        plot.set_lines(lines)

    def _draw_compare(self, plot: LabPlot) -> None:
        if self._compared is None:
            plot.set_lines([])
            plot.set_labels([])
            return
        diff, x, fa, fb = self._compared
        ca = self._color(diff.key_a, plot) if diff.key_a in REGISTRY else DIFFERENCE_COLOR
        cb = self._color(diff.key_b, plot) if diff.key_b in REGISTRY else DIFFERENCE_COLOR
        name = lambda k: translate(REGISTRY[k].name) if k in REGISTRY else k  # noqa: E731
        plot.set_lines(
            [
                Line("a", x, fa, ca, name=name(diff.key_a)),
                Line("b", x, fb, cb, style=1, name=name(diff.key_b)),
                Line("diff", x, fa - fb, DIFFERENCE_COLOR, style=2, name=self.tr("difference")),
                Line("max", [diff.at], [diff.signed], DIFFERENCE_COLOR, symbol="o"),
            ],
            legend=("top-left", 1),
        )
        plot.set_labels([Label("max", f"  {fmt(diff.max_abs, 3)}", diff.at, diff.signed)])

    def table_rows(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows for a CSV: keys and every digit."""
        header = ["key", *FIELDS, "dead_share", "largest_error_ulps", "largest_error_at"]
        rows = []
        for key, prof in self.profiles():
            if prof is None or isinstance(prof, Failed):
                rows.append([key] + [""] * (len(header) - 1))
                continue
            s = prof.saturation
            worst, at = prof.largest if prof.largest else (None, None)
            rows.append(
                [key]
                + [exact_text(getattr(s, f)) for f in FIELDS]
                + [exact_text(s.dead_share), exact_text(worst), exact_text(at)]
            )
        return header, rows

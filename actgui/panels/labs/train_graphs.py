"""The Train tab's five plots: loss (training and test), accuracy or R² (training and
test), dead units and gradient norms of every run over the steps, and what each network
predicts (``train_regions``). A run is drawn in its function's colour on the main plot.

They draw inside ``RaceController.reading()``, which holds the worker at its next step
boundary (at most one step of one run). While the race runs, one plot is updated per
tick, each plot every ``REDRAW_MS``; otherwise all at once. A hidden tab builds and
draws nothing. Every plot moves its items (``LabPlot.set_lines``, ``LabPlot.shape``):
a new step gives the lines new data, nothing is built again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from actgui.analysis.race import Race
from actgui.panels.labs.train_names import run_name
from actgui.panels.labs.train_pictures import PictureWorker
from actgui.panels.labs.train_regions import RegionCells
from actgui.plot.lab import LabPlot, Line
from actgui.style import PLOT_COLORS, mixed
from actgui.training import RaceController

#: Shortest time between two redraws while training (at most 4 a second: each costs the
#: window's process CPU that the worker training beside it would otherwise have).
REDRAW_MS = 250
#: While a function's parameters change (α dragged on the main plot), the plots of a race
#: in progress wait until this long after the last change, all drawn at once at least
#: every ``YIELD_MAX_MS``: the dragged plot's frames and the training come first.
YIELD_MS = 300
YIELD_MAX_MS = 1000
#: Points per history line drawn (longer histories are thinned evenly; the CSV has all).
MAX_LINE_POINTS = 1500
#: How far a function's second run (raced twice, under another initialisation) is moved
#: from its colour toward the plot's foreground.
SECOND_RUN_SHIFT = 0.45
#: How the line styles look in a line of text.
STYLE_GLYPHS = ("——", "– –", "···")


def layer_style(index: int, layers: int) -> int:
    """Solid for the first hidden layer, dashed for the last, dotted for those between."""
    if index == 0:
        return 0
    return 1 if index == layers - 1 else 2


def layer_entries(layers: int) -> list[tuple[int, str]]:
    """(line style, "layer …") for the key of ``layers`` lines per run; [] for one."""
    if layers < 2:
        return []
    text = QCoreApplication.translate("TrainView", "layer %1")
    entries = [(0, text.replace("%1", "1"))]
    if layers > 2:
        between = "2" if layers == 3 else f"2–{layers - 1}"
        entries.append((2, text.replace("%1", between)))
    entries.append((1, text.replace("%1", str(layers))))
    return entries


def thinned(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) with at most ``MAX_LINE_POINTS`` rows (every k-th, the last kept),
    steps counted from 1 (the callers drop the non-finite rows)."""
    n = values.shape[0]
    stride = max(1, math.ceil(n / MAX_LINE_POINTS))
    rows = np.arange(0, n, stride)
    if n and rows[-1] != n - 1:
        rows = np.append(rows, n - 1)
    return rows + 1.0, values[rows]


def run_colors(race: Race, theme: str, curve_color: Callable[[str, str], str]) -> list[str]:
    """A colour per run: its function's on the main plot (``curve_color(key, theme)``), so
    a function looks the same in every view; a function raced twice (under two
    initialisations) has its colour moved toward the foreground the second time."""
    seen: set[str] = set()
    colors = []
    for run in race.runs:
        color = curve_color(run.act.key, theme)
        if run.act.key in seen:
            color = mixed(color, PLOT_COLORS[theme].foreground, SECOND_RUN_SHIFT)
        seen.add(run.act.key)
        colors.append(color)
    return colors


class TrainGraphs(QWidget):
    """The four plots, one row of four in a wide area and two by two otherwise; the key
    of the layers' line styles (``label_layers``) is placed by the view."""

    #: Drawn: the texts beside the plots may have changed.
    drawn = Signal()

    def __init__(
        self,
        controller: RaceController,
        chosen_layer: Callable[[], int],
        curve_color: Callable[[str, str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("area_train_plots")
        self.controller = controller
        self._chosen_layer = chosen_layer
        self._curve_color = curve_color
        self.pictures = PictureWorker(self)
        self.regions = RegionCells(controller, self.pictures, self.run_colors, self._on_screen)
        self.pictures.ready.connect(self._on_pictures)
        self._last_draw = -math.inf
        self._explorer_changed = -math.inf
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.timeout.connect(lambda: self._on_redraw_timer())  # (bench wraps redraw)
        self._columns = 2
        self.hidden_changes = True
        self._turn = 0

        def plot(name: str, y_label: str, draw, log: bool = False) -> LabPlot:
            step = QCoreApplication.translate("TrainView", "step")
            made = LabPlot(name, step if y_label else "", y_label, self)
            if log:
                made.setLogMode(y=True)
                made.getPlotItem().getAxis("left").enableAutoSIPrefix(False)  # 10⁻³
            made.set_drawer(draw, in_place=True)
            return made

        self.plot_loss = plot(
            "plot_train_loss",
            QCoreApplication.translate("TrainView", "loss"),
            self._draw_loss,
            True,
        )
        self.plot_accuracy = plot(
            "plot_train_accuracy",
            QCoreApplication.translate("TrainView", "accuracy (%)"),
            self._draw_accuracy,
        )
        self.plot_dead = plot(
            "plot_train_dead",
            QCoreApplication.translate("TrainView", "dead units (%)"),
            self._draw_dead,
        )
        self.plot_gradient = plot(
            "plot_train_gradient",
            QCoreApplication.translate("TrainView", "gradient norm"),
            self._draw_gradient,
            True,
        )
        self.plot_regions = plot("plot_train_regions", "", self.regions.draw)
        self.plot_loss.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Loss of every run (log scale): on the training points (solid) and on the "
                "held-out test points (dashed)",
            )
        )
        self.plot_accuracy.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Share of the points classified right (a curve: R², 1 is a perfect fit), "
                "training points solid, test points dashed",
            )
        )
        self.plot_dead.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Share of each hidden layer's units with f′ = 0 on every training point: dead",
            )
        )
        self.plot_gradient.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Norm of each hidden layer's weight gradient: tiny means the layer barely learns",
            )
        )
        self.plot_regions.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "What each network predicts: the class regions (or the fitted curve) and the data",
            )
        )
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self._place_plots(force=True)
        self.label_layers = QLabel(self)
        self.label_layers.setObjectName("label_train_layers")
        self.label_layers.setToolTip(
            QCoreApplication.translate("TrainView", "Line styles of the hidden layers")
        )
        controller.updated.connect(self.schedule_redraw)

    def plots(self) -> dict[str, LabPlot]:
        return {
            "train_loss": self.plot_loss,
            "train_accuracy": self.plot_accuracy,
            "train_regions": self.plot_regions,
            "train_dead": self.plot_dead,
            "train_gradient": self.plot_gradient,
        }

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_plots()

    def _place_plots(self, force: bool = False) -> None:
        """The predictions on the right, two rows high; in a wide area the four curves'
        plots two by two beside them, otherwise loss, accuracy and dead units in a column,
        the gradient norms under the predictions."""
        # (three columns unless the area is narrow or tall: two are three rows high)
        columns = 3 if self.width() >= 540 and self.width() > 1.2 * self.height() else 2
        if columns == self._columns and not force:
            return
        self._columns = columns
        curves = (self.plot_loss, self.plot_accuracy, self.plot_dead, self.plot_gradient)
        for plot in (*curves, self.plot_regions):
            self._grid.removeWidget(plot)
        if columns == 3:
            places = ((0, 0), (1, 0), (0, 1), (1, 1))
            regions = (0, 2, 2, 1)
        else:
            places = ((0, 0), (1, 0), (2, 0), (2, 1))
            regions = (0, 1, 2, 1)
        for plot, (row, column) in zip(curves, places, strict=True):
            self._grid.addWidget(plot, row, column)
        self._grid.addWidget(self.plot_regions, *regions)
        for c in range(3):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        for r in range(3):
            self._grid.setRowStretch(r, 1 if r < (2 if columns == 3 else 3) else 0)

    def run_colors(self, race: Race, theme: str) -> list[str]:
        """Each run's colour in ``theme`` (its function's)."""
        return run_colors(race, theme, self._curve_color)

    # -- when to draw --------------------------------------------------------------------
    def schedule_redraw(self) -> None:
        if not self.isVisible():
            self.hidden_changes = True  # drawn when shown: nothing is drawn for a hidden tab
            return
        if self._redraw.isActive():
            return
        since = (time.monotonic() - self._last_draw) * 1000.0
        self._redraw.start(round(min(max(REDRAW_MS - since, 0.0), REDRAW_MS)))

    def _on_redraw_timer(self) -> None:
        """While training, one plot per tick (a tick's work stays small beside a frame of
        the main plot), each still every ``REDRAW_MS`` (the regions every other time);
        otherwise all at once."""
        if not self.isVisible():  # closed since it was scheduled: drawn when shown again
            self.hidden_changes = True
            return
        if self.controller.state() != "running":
            self.redraw()
            return
        plots = list(self.plots().values())
        now = time.monotonic()
        if now - self._explorer_changed < YIELD_MS / 1000.0:
            if now - self._last_draw >= YIELD_MAX_MS / 1000.0:
                self.redraw()  # (every plot, then the next wait)
            self._redraw.start(REDRAW_MS)
            return
        plot = plots[self._turn % len(plots)]
        if plot is self.plot_regions and (self._turn // len(plots)) % 2:
            plot = None  # the regions (a forward pass of every cell's pixels) every other turn
        self._turn += 1
        if plot is not None:
            plot.redraw()
            if plot is self.plot_loss:
                self._update_layer_key()
                self.drawn.emit()
        self._redraw.start(REDRAW_MS // len(plots))

    def explorer_changed(self) -> None:
        """A function's parameters changed on the main plot (a drag, maybe): a race in
        progress is drawn less often until it stops (see ``YIELD_MS``)."""
        self._explorer_changed = time.monotonic()

    def redraw(self) -> None:
        """Draw every plot from the race's numbers now."""
        self._redraw.stop()
        self.hidden_changes = False
        # The worker waits meanwhile (blocked, it leaves the interpreter to this thread
        # instead of taking turns with it at every Qt call).
        with self.controller.reading():
            for plot in self.plots().values():
                plot.redraw()
        self._update_layer_key()
        self._last_draw = time.monotonic()
        self.drawn.emit()

    def _on_pictures(self) -> None:
        """New pictures from the worker: into the cells on screen (a hidden tab draws
        them when shown; an export in progress draws its own)."""
        plot = self.plot_regions
        if not plot.isVisible():
            self.hidden_changes = True
        elif not plot.is_exporting():
            self.regions.draw(plot, ask=False)

    def redraw_layers(self) -> None:
        """Another choice of the layers shown."""
        self.plot_dead.redraw()
        self.plot_gradient.redraw()
        self._update_layer_key()

    def _update_layer_key(self) -> None:
        entries = layer_entries(len(self._layers()))
        self.label_layers.setText("   ".join(f"{STYLE_GLYPHS[s]} {t}" for s, t in entries))

    def stop(self, msecs: int) -> bool:
        """Stop the pictures' worker, waiting up to ``msecs`` for it."""
        return self.pictures.stop(msecs)

    # -- drawing ---------------------------------------------------------------------------
    def _on_screen(self, plot: LabPlot) -> bool:
        """Whether ``plot`` is drawn for the screen (not an export, nor an export's copy)."""
        return plot in self.plots().values() and not plot.is_exporting()

    def _draw_loss(self, plot: LabPlot) -> None:
        self._draw_pairs(plot, "loss", "test_loss", "bottom-left")

    def _draw_accuracy(self, plot: LabPlot) -> None:
        race = self.controller.race
        classify = race is None or race.classify
        title = (
            QCoreApplication.translate("TrainView", "accuracy (%)")
            if classify
            else QCoreApplication.translate("TrainView", "R² (1: a perfect fit)")
        )
        if plot.axis_labels()[1] != title:
            plot.set_axis_labels(plot.axis_labels()[0], title)
        # (the loss plot names the runs on screen, in the same colours; an export, alone,
        # carries its own legend)
        corner = None if self._on_screen(plot) else "bottom-right"
        self._draw_pairs(plot, "score", "test_score", corner, 100.0 if classify else 1.0)
        if classify:
            plot.getPlotItem().setYRange(0.0, 100.0, padding=0.05)

    def _draw_pairs(
        self, plot: LabPlot, train: str, test: str, corner: str | None, scale: float | None = None
    ) -> None:
        """Every run's ``train`` record (solid) and its ``test`` record (dashed, when
        points are held out); ``scale`` None: a loss (log scale, kept positive)."""
        with self.controller.reading():
            race = self.controller.race
            runs = race.runs if race is not None else []
            colors = self.run_colors(race, plot.theme()) if race is not None else []
            lines = []
            for i, (run, color) in enumerate(zip(runs, colors, strict=True)):
                name = run_name(run, bool(race.config.inits))
                for style, record in ((0, train), (1, test)):
                    steps, values = thinned(getattr(run, record))
                    keep = np.isfinite(values)
                    if style and not keep.any():
                        continue
                    y = np.maximum(values[keep], 1e-300) if scale is None else values[keep] * scale
                    label = name if style == 0 else None
                    lines.append(Line((i, style), steps[keep], y, color, style, name=label))
        # Losses fall from the top left: the bottom left corner stays free. (Names with an
        # initialisation each are twice as long: one column then.)
        wide = plot.width() > 330 * plot.devicePixelRatioF() or plot.is_exporting()
        long_names = race is not None and bool(race.config.inits)
        named = sum(1 for line in lines if line.name)
        columns = 2 if named > 2 and wide and not long_names else 1
        if corner is None:
            plot.set_lines(lines)
            plot.remove_legend()
        else:
            plot.set_lines(lines, legend=(corner, columns))

    def _layers(self) -> list[int]:
        race = self.controller.race
        layers = len(race.config.hidden) if race is not None else 0
        chosen = self._chosen_layer()
        return [chosen - 1] if 0 < chosen <= layers else list(range(layers))

    def _draw_layer_plot(self, plot: LabPlot, corner: str, dead: bool) -> None:
        # (``dead`` from the drawer: an export's copy is not self.plot_dead)
        with self.controller.reading():
            race = self.controller.race
            layers = self._layers()
            lines = []
            runs = race.runs if race is not None else []
            colors = self.run_colors(race, plot.theme()) if race is not None else []
            for i, (run, color) in enumerate(zip(runs, colors, strict=True)):
                values = run.dead_fraction if dead else run.gradient_norm
                for j, layer in enumerate(layers):
                    steps, column = thinned(values[:, layer])
                    keep = np.isfinite(column)
                    y = column[keep] * 100.0 if dead else np.maximum(column[keep], 1e-300)
                    style = layer_style(j, len(layers))
                    lines.append(Line((i, layer), steps[keep], y, color, style))
        # On screen the key is a line under the plots (a legend would cover the lines of
        # these small plots); an exported figure carries it as a legend.
        plot.set_lines(lines)
        entries = layer_entries(len(layers)) if lines and not self._on_screen(plot) else []
        if not entries:
            plot.remove_legend()
            return
        legend = plot.legend(corner, 1)
        legend.clear()
        grey = plot.colors().foreground
        for style, text in entries:  # (samples of the styles, not lines of the plot)
            legend.addItem(pg.PlotDataItem([], [], pen=plot.pen(grey, style)), text)

    def _draw_dead(self, plot: LabPlot) -> None:
        self._draw_layer_plot(plot, "top-left", dead=True)  # dead shares start low
        plot.getPlotItem().setYRange(0.0, 100.0, padding=0.05)

    def _draw_gradient(self, plot: LabPlot) -> None:
        self._draw_layer_plot(plot, "bottom-left", dead=False)

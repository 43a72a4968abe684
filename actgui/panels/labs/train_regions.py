"""The Train tab's small multiples: what each network predicts, a cell per run.

A cell shows the predicted class over the data's box (paler where unsure) with the data
on top, or, for a 1-D fit, the fitted curve over the points; its title gives the share
of points right (or the loss). The pictures come from the
:class:`~actgui.panels.labs.train_pictures.PictureWorker` on screen, and are computed
at an export's size when that is quick. The cells are built once per race and layout
(``LabPlot.shape``) and then only moved.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF

from actgui.analysis.race import Race
from actgui.analysis.race_pictures import RacePictures, RunPicture, data_box, forward_cost
from actgui.analysis.race_pictures import race_pictures as compute_pictures
from actgui.panels.labs.common import fmt, percent
from actgui.panels.labs.train_names import run_name
from actgui.panels.labs.train_pictures import PictureWorker
from actgui.plot.lab import LabPlot
from actgui.training import RaceController

#: Pixels of a decision-region image, per side: on screen, and in an exported figure.
REGION_PIXELS = 56
EXPORT_REGION_PIXELS = 200
#: Multiply-adds of an export's forward passes done at once (about 0.1 s); a larger
#: network's exported regions are the screen's pictures, computed on the worker.
EXPORT_NOW_COST = 5e7

#: Colours of the classes (Okabe–Ito orange and blue first, as in most textbooks' plots).
CLASS_COLORS = (
    "#E69F00",
    "#0072B2",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#999999",
    "#882255",
    "#117733",
)


class RegionCells:
    """Draws the small multiples of ``controller``'s race on a plot. ``run_colors(race,
    theme)`` gives the runs' colours; ``on_screen(plot)`` tells the plot on screen from an
    export's."""

    def __init__(
        self,
        controller: RaceController,
        pictures: PictureWorker,
        run_colors: Callable[[Race, str], list[str]],
        on_screen: Callable[[LabPlot], bool],
    ) -> None:
        self._controller = controller
        self._pictures = pictures
        self._run_colors = run_colors
        self._on_screen = on_screen

    def draw(self, plot: LabPlot, ask: bool = True) -> None:
        """Build the cells if the race or their layout changed, and show the newest
        pictures in them (asking the worker for the present step's unless not ``ask``)."""
        with self._controller.reading():
            race = self._controller.race
            if race is None:
                plot.shape(None, lambda: None)
                return
            columns, title, gap = self.cells(plot)
            items = plot.shape(
                (self._controller.serial, columns, title),
                lambda: self._build(plot, race, columns, title, gap),
            )
            self._update(plot, items, ask)

    def cells(self, plot: LabPlot) -> tuple[int, float, float]:
        """(columns, title band, gap) of the small multiples, in cell units."""
        race = self._controller.race
        n = len(race.runs) if race is not None else 1
        wide = plot.width() > 1.6 * max(plot.height(), 1)  # 16:9 included
        columns = n if (wide or n <= 2) else 2
        rows = math.ceil(n / columns)
        # Room for the title above each cell: its text height in cell units (two lines, or
        # three with an initialisation per run).
        cell_px = min(plot.width() / max(columns, 1), plot.height() / rows) * 0.85
        lines = 3 if race is not None and race.config.inits else 2
        text_px = (lines + 0.4) * QFontMetricsF(plot.text_font()).height()
        title = min(0.8, max(0.25, text_px / max(cell_px, 1.0)))
        return columns, round(title, 2), 0.12

    def _build(self, plot: LabPlot, race: Race, columns: int, title: float, gap: float) -> list:
        item = plot.getPlotItem()  # (an export's copy too) no axes: cells in their own units
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(False, False)
        item.getViewBox().setAspectLocked(True)
        colors = self._run_colors(race, plot.theme())
        x, y = race.inputs, race.targets
        box = data_box(x, y, race.classify)
        items = []
        for i, (run, color) in enumerate(zip(race.runs, colors, strict=True)):
            ox = (i % columns) * (1.0 + gap)
            oy = -(i // columns) * (1.0 + gap + title)
            if race.classify:
                shown = pg.ImageItem()
                plot.addItem(shown)
                _class_points(plot, x, y, box, ox, oy)
            else:
                _curve_points(plot, x, y, box, ox, oy)
                shown = plot.plot([], [], pen=plot.pen(color))
            frame = pg.PlotDataItem(
                [ox, ox + 1, ox + 1, ox, ox], [oy, oy, oy + 1, oy + 1, oy],
                pen=plot.pen(plot.colors().foreground),
            )  # fmt: skip
            plot.addItem(frame)
            label = plot.text("", color=color, anchor=(0, 1))
            label.setPos(ox, oy + 1.0 + 0.02)
            items.append((run, shown, label, box, ox, oy))
        rows = math.ceil(len(race.runs) / columns)
        item.getViewBox().setRange(
            xRange=(0.0, columns + (columns - 1) * gap),
            yRange=(-(rows - 1) * (1.0 + gap + title), 1.0 + title),
            padding=0.02,
        )
        return items

    def _pictures_for(self, plot: LabPlot, ask: bool) -> RacePictures | None:
        """The pictures to draw on ``plot``: on screen the worker's newest (asking for
        the present step's), in an export those at its size, computed now if they are
        quick (else the screen's)."""
        race, serial = self._controller.race, self._controller.serial
        if race is None:
            return None
        if self._on_screen(plot):
            if ask:
                self._pictures.want(race, serial, REGION_PIXELS)
            return self._pictures.latest(serial, REGION_PIXELS)
        pixels = EXPORT_REGION_PIXELS
        if forward_cost(race.runs, pixels**2) <= EXPORT_NOW_COST:
            box = data_box(race.inputs, race.targets, race.classify)
            tag = PictureWorker.tag(race, serial, pixels)
            return compute_pictures(race.runs, box, pixels, tag)
        return self._pictures.latest(serial, REGION_PIXELS)

    def _update(self, plot: LabPlot, items: list, ask: bool) -> None:
        pictures = self._pictures_for(plot, ask)
        race = self._controller.race
        per_run = race is not None and bool(race.config.inits)
        shown_runs = pictures.runs if pictures is not None else [None] * len(items)
        view = plot.getPlotItem().getViewBox()
        cell_px = view.mapViewToScene(QPointF(1, 0)).x() - view.mapViewToScene(QPointF(0, 0)).x()
        metrics = QFontMetricsF(plot.text_font())
        for (run, shown, label, (lo, hi), ox, oy), picture in zip(items, shown_runs, strict=True):
            if picture is None:
                set_title(label, cell_title(run, None, per_run), cell_px, metrics)
                continue
            if run.classify:
                shown.setImage(region_image(plot, picture), autoLevels=False)
                shown.setRect(ox, oy, 1.0, 1.0)  # (relative to the image's size)
            else:
                u = np.linspace(lo[0], hi[0], picture.fitted.size)
                keep = np.isfinite(picture.fitted)
                shown.setData(
                    ox + (u[keep] - lo[0]) / (hi[0] - lo[0]),
                    oy + np.clip((picture.fitted[keep] - lo[1]) / (hi[1] - lo[1]), 0.0, 1.0),
                )
            set_title(label, cell_title(run, picture, per_run), cell_px, metrics)


def set_title(label: pg.TextItem, text: str, width: float, metrics: QFontMetricsF) -> None:
    """``text`` on ``label``, each line cut to ``width`` pixels with "…" (the whole text in
    its tooltip then): "SELU / diverged at 16" ran past the last cell's edge."""
    lines = text.split("\n")
    fitted = [
        metrics.elidedText(line, Qt.TextElideMode.ElideRight, max(width, 1.0)) for line in lines
    ]
    shown = "\n".join(fitted)
    if label.toPlainText() != shown:
        label.setText(shown)
    label.setToolTip("" if fitted == lines else text)


def cell_title(run, picture: RunPicture | None, per_run: bool = False) -> str:
    """A cell's title: the activation (and its initialisation when the race has one
    ``per_run``), and the share of points right (or the loss)."""
    name = run_name(run, per_run, "\n")  # (a cell is narrow: the init on its own line)
    if run.diverged:
        return (
            QCoreApplication.translate("TrainView", "%1\ndiverged at %2")
            .replace("%1", name)
            .replace("%2", str(run.steps))
        )
    if run.steps == 0:
        return name
    if run.classify:
        if picture is None or picture.steps == 0:
            return f"{name}\n…"  # (being computed)
        return f"{name}\n{percent(round(picture.accuracy, 3))}"
    return f"{name}\n{fmt(float(run.loss[-1]), 2)}"


def region_image(plot: LabPlot, picture: RunPicture) -> np.ndarray:
    """RGB pixels of the predicted class over the data's box, paler where unsure."""
    p = picture.probabilities
    pixels = round(math.sqrt(p.shape[0]))
    k = p.shape[1]
    classes = np.array([QColor(c).getRgb()[:3] for c in CLASS_COLORS[:k]], dtype=float)
    background = np.array(QColor(plot.colors().background).getRgb()[:3], dtype=float)
    winner = np.argmax(p, axis=1)
    strength = np.clip((p.max(axis=1) - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
    strength = np.where(np.isfinite(strength), strength, 0.0)
    alpha = (0.15 + 0.45 * strength)[:, None]
    rgb = background + alpha * (classes[winner] - background)
    return np.clip(rgb, 0, 255).astype(np.ubyte).reshape(pixels, pixels, 3)


def _class_points(plot: LabPlot, x, y, box, ox: float, oy: float) -> None:
    lo, hi = box
    scaled = (x - lo) / (hi - lo)
    edge = pg.mkPen(plot.colors().background)
    for label in range(int(y.max()) + 1):
        mine = y == label
        points = pg.ScatterPlotItem(
            ox + scaled[mine, 0], oy + scaled[mine, 1], size=plot.symbol_size(4.0),
            brush=pg.mkBrush(CLASS_COLORS[label]), pen=edge,
        )  # fmt: skip
        plot.addItem(points)


def _curve_points(plot: LabPlot, x, y, box, ox: float, oy: float) -> None:
    lo, hi = box
    points = pg.ScatterPlotItem(
        ox + (x[:, 0] - lo[0]) / (hi[0] - lo[0]),
        oy + np.clip((y - lo[1]) / (hi[1] - lo[1]), 0.0, 1.0),
        size=plot.symbol_size(3.0), brush=pg.mkBrush(plot.colors().foreground), pen=None,
    )  # fmt: skip
    plot.addItem(points)

"""The Train tab's small multiples: what each network predicts, a cell per run.

A cell shows the predicted class over the data's box (paler where unsure, or only the
winner with ``discretize``) with the data on top (the held-out test points too with
``show_test``, outlined), or, for a 1-D fit, the fitted curve over the points; its title
gives the share of points right (or the loss). The box covers the training and the test
points, and for a drawing at least the square ``[-DRAW_AREA, DRAW_AREA]²`` (drawing in
it never moves it). The pictures come from the
:class:`~actgui.panels.labs.train_pictures.PictureWorker` on screen, and are computed
at an export's size when that is quick. The cells are built once per race and layout
(``LabPlot.shape``) and then only moved; while a drawing's race is built, or cannot be
(too few points), the cells show the drawing alone (``sketch``), so drawing goes on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF

from actgui.activations import REGISTRY
from actgui.analysis.features import split_indices
from actgui.analysis.race import DRAWN_DATASET, Race, RaceConfig
from actgui.analysis.race_pictures import RacePictures, RunPicture, data_box, forward_cost
from actgui.analysis.race_pictures import race_pictures as compute_pictures
from actgui.i18n import translate
from actgui.panels.labs.common import fmt, percent
from actgui.panels.labs.train_names import init_titles, run_name
from actgui.panels.labs.train_pictures import PictureWorker
from actgui.plot.lab import LabPlot
from actgui.training import RaceController

#: Pixels of a decision-region image, per side: on screen, and in an exported figure.
REGION_PIXELS = 56
EXPORT_REGION_PIXELS = 200
#: Multiply-adds of an export's forward passes done at once (about 0.1 s); a larger
#: network's exported regions are the screen's pictures, computed on the worker.
EXPORT_NOW_COST = 5e7
#: A drawing's box covers at least [-DRAW_AREA, DRAW_AREA] on each axis (Playground's
#: scale: the built-in data sets lie about in [-1, 1]).
DRAW_AREA = 1.5
#: How strongly a sure prediction colours its region (and every pixel, discretized).
SURE_STRENGTH = 0.6

#: Colours of the classes: a warm light and a cool dark one first (Playground's orange
#: and blue in spirit), apart from every run's colour (the main plot's palettes, Okabe–Ito
#: orange and blue among them) and from each other with any colour vision; then
#: Okabe–Ito's.
CLASS_COLORS = (
    "#FF9977",
    "#007788",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#999999",
    "#882255",
    "#117733",
)


@dataclass(frozen=True)
class Sketch:
    """A drawing to show while its race is being built or cannot be (too few points):
    the cells of ``config``'s runs with its points (``classify``: rows of three)."""

    config: RaceConfig
    classify: bool


@dataclass(frozen=True)
class CellData:
    """The points the cells show: training and test, inputs and targets (for a 1-D fit
    x in one column and y as the target)."""

    inputs: np.ndarray
    targets: np.ndarray
    test_inputs: np.ndarray
    test_targets: np.ndarray
    classify: bool
    #: Whether they are a drawing (its box covers the drawing area).
    drawn: bool

    def box_points(self) -> tuple[np.ndarray, np.ndarray]:
        """(inputs, targets) that ``data_box`` frames: every point, and for a drawing the
        corners of the drawing area."""
        x = np.concatenate([self.inputs, self.test_inputs])
        y = np.concatenate([self.targets, self.test_targets])
        if self.drawn or x.shape[0] == 0:
            r = DRAW_AREA
            corners = [[-r, -r], [r, r]] if self.classify else [[-r], [r]]
            x = np.concatenate([x.reshape(-1, len(corners[0])), np.array(corners)])
            y = np.concatenate([y, [0, 0] if self.classify else [-r, r]])
        return x, y

    def box(self) -> tuple[np.ndarray, np.ndarray]:
        """(low, high) corners of the cells in data units (x, y)."""
        return data_box(*self.box_points(), self.classify)

    def area(self) -> tuple[np.ndarray, np.ndarray]:
        """Where a point drawn into these cells goes (a click beyond is moved to its
        edge): the points' extent and the drawing area, so that drawing never moves the
        box."""
        x, y = self.box_points()
        xy = x[:, :2] if self.classify else np.column_stack([x[:, 0], y])
        r = DRAW_AREA
        return np.minimum(xy.min(axis=0), -r), np.maximum(xy.max(axis=0), r)


@dataclass(frozen=True)
class CellLayout:
    """Where the cells lie on the plot: cell ``i`` spans [ox, ox + 1] × [oy, oy + 1] in
    view units (``origin``), and maps to the data box [low, high]."""

    columns: int
    title: float
    gap: float
    count: int
    low: np.ndarray
    high: np.ndarray
    #: Where a drawn point may go (``CellData.area``).
    area_low: np.ndarray
    area_high: np.ndarray
    classify: bool

    def origin(self, i: int) -> tuple[float, float]:
        """(ox, oy): the lower left corner of cell ``i``."""
        return (i % self.columns) * (1.0 + self.gap), -(i // self.columns) * (
            1.0 + self.gap + self.title
        )

    def cell_at(self, x: float, y: float) -> int | None:
        """The cell under the view point (x, y), or None (a title, a gap, outside)."""
        for i in range(self.count):
            ox, oy = self.origin(i)
            if ox <= x <= ox + 1.0 and oy <= y <= oy + 1.0:
                return i
        return None

    def to_data(self, x: float, y: float) -> np.ndarray | None:
        """The data point under the view point (x, y), or None outside every cell."""
        i = self.cell_at(x, y)
        if i is None:
            return None
        ox, oy = self.origin(i)
        return self.low + np.array([x - ox, y - oy]) * (self.high - self.low)

    def to_view(self, i: int, xy: np.ndarray) -> np.ndarray:
        """Data points ``xy`` (n × 2) where cell ``i`` shows them, in view units."""
        return np.array(self.origin(i)) + (np.asarray(xy) - self.low) / (self.high - self.low)


def cell_data(race: Race) -> CellData:
    """The points of ``race`` (a race or its mirror) as the cells show them."""
    classify = race.classify
    return CellData(
        race.inputs, race.targets, race.test_inputs, race.test_targets, classify,
        race.config.dataset == DRAWN_DATASET,
    )  # fmt: skip


def sketch_cell_data(sketch: Sketch) -> CellData:
    """The points of a drawing, split into training and test points as its race will
    split them."""
    config = sketch.config
    width = 3 if sketch.classify else 2
    table = np.array(config.points or (), dtype=np.float64).reshape(-1, width)
    x = table[:, :2] if sketch.classify else table[:, :1]
    y = table[:, 2].astype(np.int64) if sketch.classify else table[:, 1]
    n = table.shape[0]
    if n >= 2:
        rows, held = split_indices(n, config.test_fraction, config.seed)
    else:
        rows, held = np.arange(n), np.arange(0)
    return CellData(x[rows], y[rows], x[held], y[held], sketch.classify, True)


class _Framed:
    """What ``PictureWorker.want`` reads of a race: its runs and kind, and as its
    points those the cells' box frames (the test points too, and a drawing's area)."""

    def __init__(self, race: Race, data: CellData) -> None:
        self.runs = race.runs
        self.classify = race.classify
        self.inputs, self.targets = data.box_points()


class RegionCells:
    """Draws the small multiples of ``controller``'s race on a plot. ``run_colors(race,
    theme)`` gives the runs' colours; ``on_screen(plot)`` tells the plot on screen from an
    export's.

    ``show_test`` and ``discretize`` are the user's choices (the plot is drawn again by
    whoever changes them); ``sketch()`` gives the drawing shown while there is no race
    (None: nothing). ``layout()`` is where the cells on screen are."""

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
        self.show_test = False
        self.discretize = False
        self.sketch: Callable[[], Sketch | None] = lambda: None
        self._layout: CellLayout | None = None
        #: Each run's colour in the last race's cells, by (theme, place, (key, init)).
        self._colors: dict[tuple, str] = {}

    def layout(self) -> CellLayout | None:
        """Where the cells on screen are and what they show (None: no cells)."""
        return self._layout

    def draw(self, plot: LabPlot, ask: bool = True) -> None:
        """Build the cells if the race or their layout changed, and show the newest
        pictures in them (asking the worker for the present step's unless not ``ask``)."""
        with self._controller.reading():
            race = self._controller.race
            if race is None:
                self._draw_sketch(plot)
                return
            columns, title, gap = self.cells(plot)
            items = plot.shape(
                (self._controller.serial, columns, title, self.show_test),
                lambda: self._build(plot, race, columns, title, gap),
            )
            self._update(plot, items, ask)

    def cells(self, plot: LabPlot) -> tuple[int, float, float]:
        """(columns, title band, gap) of the small multiples, in cell units."""
        race = self._controller.race
        sketch = self.sketch() if race is None else None
        config = race.config if race is not None else sketch.config if sketch else None
        n = len(config.keys) if config is not None else 1
        wide = plot.width() > 1.6 * max(plot.height(), 1)  # 16:9 included
        columns = n if (wide or n <= 2) else 2
        rows = math.ceil(n / columns)
        # Room for the title above each cell: its text height in cell units (two lines, or
        # three with an initialisation per run).
        cell_px = min(plot.width() / max(columns, 1), plot.height() / rows) * 0.85
        lines = 3 if config is not None and config.inits else 2
        text_px = (lines + 0.4) * QFontMetricsF(plot.text_font()).height()
        title = min(0.8, max(0.25, text_px / max(cell_px, 1.0)))
        return columns, round(title, 2), 0.12

    def _draw_sketch(self, plot: LabPlot) -> None:
        sketch = self.sketch()
        if sketch is None:
            plot.shape(None, lambda: None)
            if self._on_screen(plot):
                self._layout = None
            return
        columns, title, gap = self.cells(plot)
        config = sketch.config
        signature = (
            "sketch", config.points, config.keys, config.inits, config.test_fraction,
            config.seed, sketch.classify, columns, title, self.show_test,
        )  # fmt: skip
        plot.shape(signature, lambda: self._build_sketch(plot, sketch, columns, title, gap))

    def _build_sketch(
        self, plot: LabPlot, sketch: Sketch, columns: int, title: float, gap: float
    ) -> None:
        config = sketch.config
        n = len(config.keys)
        # (the colours the same runs had in the last race's cells: else the text's)
        fallback = plot.colors().foreground
        runs = zip(config.keys, config.inits or (None,) * n, strict=True)
        colors = [self._colors.get((plot.theme(), i, run), fallback) for i, run in enumerate(runs)]
        inits = config.inits
        names = []
        for i, key in enumerate(config.keys):
            name = translate(REGISTRY[key].name) if key in REGISTRY else key
            names.append(f"{name}\n{init_titles()[inits[i]]}" if inits else name)
        layout = self._cells_frame(plot, sketch_cell_data(sketch), n, columns, title, gap)
        for i, (name, color) in enumerate(zip(names, colors, strict=True)):
            ox, oy = layout.origin(i)
            label = plot.text(name, color=color, anchor=(0, 1))
            label.setPos(ox, oy + 1.0 + 0.02)

    def _cells_frame(
        self, plot: LabPlot, data: CellData, n: int, columns: int, title: float, gap: float
    ) -> CellLayout:
        """The frames of ``n`` cells with ``data``'s points in them, the view over them;
        their layout (kept as ``layout()`` for the plot on screen)."""
        item = plot.getPlotItem()  # (an export's copy too) no axes: cells in their own units
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(False, False)
        item.getViewBox().setAspectLocked(True)
        low, high = data.box()
        area_low, area_high = data.area()
        layout = CellLayout(columns, title, gap, n, low, high, area_low, area_high, data.classify)
        for i in range(n):
            ox, oy = layout.origin(i)
            frame = pg.PlotDataItem(
                [ox, ox + 1, ox + 1, ox, ox], [oy, oy, oy + 1, oy + 1, oy],
                pen=plot.pen(plot.colors().foreground),
            )  # fmt: skip
            frame.setZValue(1)
            plot.addItem(frame)
            _points(plot, layout, i, data.inputs, data.targets, data.classify, test=False)
            if self.show_test:
                _points(plot, layout, i, data.test_inputs, data.test_targets, data.classify, True)
        rows = math.ceil(n / columns)
        item.getViewBox().setRange(
            xRange=(0.0, columns + (columns - 1) * gap),
            yRange=(-(rows - 1) * (1.0 + gap + title), 1.0 + title),
            padding=0.02,
        )
        if self._on_screen(plot):
            self._layout = layout
        return layout

    def _build(self, plot: LabPlot, race: Race, columns: int, title: float, gap: float) -> list:
        colors = self._run_colors(race, plot.theme())
        inits = race.config.inits or (None,) * len(race.runs)
        for i, (key, init, color) in enumerate(zip(race.config.keys, inits, colors, strict=True)):
            self._colors[(plot.theme(), i, (key, init))] = color
        data = cell_data(race)
        layout = self._cells_frame(plot, data, len(race.runs), columns, title, gap)
        box = (layout.low, layout.high)
        items = []
        for i, (run, color) in enumerate(zip(race.runs, colors, strict=True)):
            ox, oy = layout.origin(i)
            if race.classify:
                shown = pg.ImageItem()
                shown.setZValue(-1)  # (under the points)
                plot.addItem(shown)
            else:
                shown = plot.plot([], [], pen=plot.pen(color))
            label = plot.text("", color=color, anchor=(0, 1))
            label.setPos(ox, oy + 1.0 + 0.02)
            items.append((run, shown, label, box, ox, oy))
        return items

    def _pictures_for(self, plot: LabPlot, ask: bool) -> RacePictures | None:
        """The pictures to draw on ``plot``: on screen the worker's newest (asking for
        the present step's), in an export those at its size, computed now if they are
        quick (else the screen's)."""
        race, serial = self._controller.race, self._controller.serial
        if race is None:
            return None
        data = cell_data(race)
        if self._on_screen(plot):
            if ask:  # (over the cells' box: the worker frames the points it is given)
                self._pictures.want(_Framed(race, data), serial, REGION_PIXELS)
            return self._pictures.latest(serial, REGION_PIXELS)
        pixels = EXPORT_REGION_PIXELS
        if forward_cost(race.runs, pixels**2) <= EXPORT_NOW_COST:
            tag = PictureWorker.tag(race, serial, pixels)
            return compute_pictures(race.runs, data.box(), pixels, tag)
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
                image = region_image(plot, picture, self.discretize)
                shown.setImage(image, autoLevels=False)
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


def region_image(plot: LabPlot, picture: RunPicture, discretize: bool = False) -> np.ndarray:
    """RGB pixels of the predicted class over the data's box, paler where unsure (or, if
    ``discretize``, every pixel as sure as can be: only the winner counts)."""
    p = picture.probabilities
    pixels = round(math.sqrt(p.shape[0]))
    k = p.shape[1]
    classes = np.array([QColor(c).getRgb()[:3] for c in CLASS_COLORS[:k]], dtype=float)
    background = np.array(QColor(plot.colors().background).getRgb()[:3], dtype=float)
    winner = np.argmax(p, axis=1)
    if discretize or k < 2:  # (a drawing of one class: sure everywhere)
        strength = np.ones(p.shape[0])
    else:
        strength = np.clip((p.max(axis=1) - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
        strength = np.where(np.isfinite(strength), strength, 0.0)
    alpha = (0.15 + (SURE_STRENGTH - 0.15) * strength)[:, None]
    rgb = background + alpha * (classes[winner] - background)
    return np.clip(rgb, 0, 255).astype(np.ubyte).reshape(pixels, pixels, 3)


def _points(
    plot: LabPlot,
    layout: CellLayout,
    cell: int,
    x: np.ndarray,
    y: np.ndarray,
    classify: bool,
    test: bool,
) -> None:
    """Cell ``cell``'s training points (filled, edged in the background's colour) or test
    points (``test``: outlined in the foreground's colour, as Playground draws them; for a
    curve hollow), named "training_points" or "test_points"."""
    if x.shape[0] == 0:
        return
    name = "test_points" if test else "training_points"
    colors = plot.colors()
    if not classify:
        xy = layout.to_view(cell, np.column_stack([x[:, 0], y]))
        scatter = pg.ScatterPlotItem(
            xy[:, 0], xy[:, 1], size=plot.symbol_size(4.0 if test else 3.0), name=name,
            brush=pg.mkBrush(None) if test else pg.mkBrush(colors.foreground),
            pen=plot.pen(colors.foreground, width=1.2) if test else None,
        )  # fmt: skip
        plot.addItem(scatter)
        return
    xy = layout.to_view(cell, x[:, :2])
    edge = plot.pen(colors.foreground) if test else pg.mkPen(colors.background)
    for label in range(int(y.max()) + 1):
        mine = y == label
        if not mine.any():
            continue
        scatter = pg.ScatterPlotItem(
            xy[mine, 0], xy[mine, 1], size=plot.symbol_size(5.0 if test else 4.0), name=name,
            brush=pg.mkBrush(CLASS_COLORS[label % len(CLASS_COLORS)]), pen=edge,
        )  # fmt: skip
        plot.addItem(scatter)

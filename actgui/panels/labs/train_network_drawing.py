"""How :mod:`~actgui.panels.labs.train_network` draws a network on its plot: the tiles,
their titles, the links in a few batches by |weight|, and the colours of values (the
classes': salmon below 0, teal above)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFontMetricsF

from actgui.analysis.unit_pictures import (
    NetworkLayout,
    UnitPictures,
    diverging_rgb,
    fit_room,
    shaded_rgb,
)
from actgui.panels.labs.train_inputs import FEATURE_TITLES
from actgui.panels.labs.train_regions import CLASS_COLORS
from actgui.plot.lab import LabPlot
from actgui.style import PLOT_COLORS, mixed
from actgui.text import fill

#: Link widths by |w| / the largest shown |w| (four buckets), in line widths, and alphas.
LINK_WIDTHS = (0.6, 1.2, 2.0, 3.2)
LINK_ALPHAS = (90, 150, 210, 255)
#: How far a negative value's colour is darkened on a light background.
LIGHT_SHADE = 0.2


def value_colors(theme: str) -> tuple[str, str]:
    """(negative, positive) colours of values and weights in ``theme``: the classes'
    (salmon and teal, as Playground's orange and blue are its classes'), apart from every
    function's colour; the salmon darkened on a light background, where links are thin."""
    negative, positive = CLASS_COLORS[0], CLASS_COLORS[1]
    if theme == "light":
        negative = mixed(negative, PLOT_COLORS[theme].foreground, LIGHT_SHADE)
    return negative, positive


def _rgb(color: str) -> np.ndarray:
    return np.array(QColor(color).getRgb()[:3], dtype=float)


def unit_title(pictures: UnitPictures, layer: int, unit: int) -> str:
    """A unit's name: its feature ("x₁²"), "layer 2 · unit 5", "class 1" or "output"."""
    shown = pictures.layers[layer]
    if shown.kind == "input":
        name = shown.names[unit]
        return FEATURE_TITLES.get(name, (name,))[0]  # ("x₁²", as the set-up's toggles)
    if shown.kind == "output":
        if pictures.classify:
            return fill(QCoreApplication.translate("TrainView", "class %1"), unit)
        return QCoreApplication.translate("TrainView", "output")
    return fill(QCoreApplication.translate("TrainView", "layer %1 · unit %2"), layer, unit + 1)


def column_title(pictures: UnitPictures, layer: int) -> str:
    """A column's title: "input", "layer 1\\n16 units", "output"."""
    kind = pictures.layers[layer].kind
    if kind == "input":
        return QCoreApplication.translate("TrainView", "input")
    if kind == "output":
        return QCoreApplication.translate("TrainView", "output")
    size = pictures.layers[layer].size
    text = (
        QCoreApplication.translate("TrainView", "layer %1\n%2 units")
        if size != 1
        else QCoreApplication.translate("TrainView", "layer %1\n1 unit")
    )
    return fill(text, layer, size)


class NetworkDrawing:
    """Puts a picture's network on a :class:`LabPlot`: built once per structure, size and
    theme (``LabPlot.shape``), then its images, curves and links moved."""

    def draw(self, plot: LabPlot, pictures: UnitPictures | None) -> NetworkLayout | None:
        if pictures is None:
            plot.shape(None, lambda: None)
            plot.getPlotItem().hideAxis("left")
            plot.getPlotItem().hideAxis("bottom")
            return None
        room = {k: round(v, 2) for k, v in self._room(plot, pictures).items()}
        layout = NetworkLayout(pictures, room["gap"])
        structure = (
            pictures.dims, pictures.classify,
            tuple((la.kind, la.size, la.shown, la.names) for la in pictures.layers),
            tuple(room.values()),
        )  # fmt: skip
        items = plot.shape(structure, lambda: self._build(plot, pictures, layout, room))
        self._update(plot, items, pictures, layout)
        return layout

    @staticmethod
    def _room(plot: LabPlot, pictures: UnitPictures) -> dict[str, float]:
        """:func:`fit_room` for the plot's size, text and names."""
        size = plot.getPlotItem().getViewBox().size()
        w, h = max(size.width(), 50.0), max(size.height(), 50.0)
        metrics = QFontMetricsF(plot.text_font())
        line = metrics.height()
        shown = [la.shown for la in pictures.layers]
        more = any(la.more for la in pictures.layers)
        names = (unit_title(pictures, 0, unit) for unit in range(shown[0]))
        left = max(metrics.horizontalAdvance(name) for name in names) + 0.5 * line
        widest = unit_title(pictures, len(shown) - 1, shown[-1] - 1)  # ("class 9")
        right = metrics.horizontalAdvance(widest) + 0.5 * line if pictures.classify else 0.3 * line
        return fit_room(shown, more, w, h, line, left, right)

    def _build(
        self, plot: LabPlot, pictures: UnitPictures, layout: NetworkLayout, room: dict
    ) -> dict:
        item = plot.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(False, False)
        view = item.getViewBox()
        view.setAspectLocked(True)
        colors = plot.colors()
        links = {}
        for sign, color in zip((-1, 1), value_colors(plot.theme()), strict=True):
            for bucket, (width, alpha) in enumerate(zip(LINK_WIDTHS, LINK_ALPHAS, strict=True)):
                pen = plot.pen(color, width=width)
                pen.setColor(QColor.fromRgb(*QColor(color).getRgb()[:3], alpha))
                curve = pg.PlotDataItem([], [], connect="pairs", pen=pen)
                curve.setZValue(-1)  # (under the tiles)
                plot.addItem(curve)
                links[sign, bucket] = curve
        count = sum(len(bottoms) for _left, bottoms in layout.tiles)
        tiles = [pg.ImageItem() for _ in range(count)] if pictures.dims == 2 else []
        for tile in tiles:
            plot.addItem(tile)
        curves = zero = None
        if pictures.dims == 1:
            zero = pg.PlotDataItem([], [], connect="pairs", pen=plot.pen(colors.grid_major))
            curves = pg.PlotDataItem([], [], connect="finite", pen=plot.pen(colors.foreground))
            plot.addItem(zero)
            plot.addItem(curves)
        plot.addItem(
            pg.PlotDataItem(*layout.frames(), connect="pairs", pen=plot.pen(colors.grid_major))
        )
        last = len(layout.tiles) - 1
        for i, (left, bottoms) in enumerate(layout.tiles):
            title = plot.text(column_title(pictures, i), anchor=(0.5, 1.0))
            title.setPos(left + 0.5, 0.05)
            more = pictures.layers[i].more
            if more:
                note = fill(QCoreApplication.translate("TrainView", "+%1 more"), more)
                note = plot.text(note, anchor=(0.5, 0.0))
                note.setPos(left + 0.5, bottoms[-1] - 0.05)
            # The features' names left of the inputs, the classes right of the outputs.
            if i == 0 or (i == last and pictures.classify):
                for unit, b in enumerate(bottoms):
                    label = plot.text(unit_title(pictures, i, unit), anchor=(float(i == 0), 0.5))
                    label.setPos(left - 0.08 if i == 0 else left + 1.08, b + 0.5)
        view.setRange(
            xRange=(-room["left"], layout.width + room["right"]),
            yRange=(-layout.height - room["notes"], room["title"]),
            padding=0.0,
        )
        return {"links": links, "tiles": tiles, "curves": curves, "zero": zero}

    def _update(
        self, plot: LabPlot, items: dict, pictures: UnitPictures, layout: NetworkLayout
    ) -> None:
        if pictures.dims == 2:
            self._update_images(plot, items["tiles"], pictures, layout)
        else:
            curve, zero = layout.curves(pictures)
            items["curves"].setData(*curve)
            items["zero"].setData(*zero)
        weights = layout.weights
        bucket = layout.link_buckets(len(LINK_WIDTHS))
        for (sign, b), curve in items["links"].items():
            s = layout.segments[(bucket == b) & ((weights < 0) == (sign < 0))]
            curve.setData(s[:, [0, 2]].ravel(), s[:, [1, 3]].ravel())

    @staticmethod
    def _update_images(
        plot: LabPlot, tiles: list, pictures: UnitPictures, layout: NetworkLayout
    ) -> None:
        background = _rgb(plot.colors().background)
        ends = [_rgb(c) for c in value_colors(plot.theme())]
        places = [(i, unit, left, bottom) for i, (left, bottoms) in enumerate(layout.tiles)
                  for unit, bottom in enumerate(bottoms)]  # fmt: skip
        for tile, (i, unit, left, bottom) in zip(tiles, places, strict=True):
            values = pictures.layers[i].values[unit]
            if pictures.layers[i].kind == "output" and pictures.classify:
                color = _rgb(CLASS_COLORS[unit % len(CLASS_COLORS)])
                rgb = shaded_rgb(np.clip(values, 0.0, 1.0), color, background)
            else:
                rgb = diverging_rgb(values / pictures.scale_of(i, unit), *ends, background)
            tile.setImage(rgb, autoLevels=False)
            tile.setRect(left, bottom, 1.0, 1.0)

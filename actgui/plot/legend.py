"""The plot's legend, kept in step with the model, and whose clicks go to the model."""

from __future__ import annotations

import math

import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem

from actgui.activations import ORDERS, REGISTRY
from actgui.coalesce import Coalesced
from actgui.i18n import translate
from actgui.model import ExplorerModel
from actgui.plot.legend_place import LegendPlacer
from actgui.plot.palette import ORDER_LABELS, PLOT_COLORS, PlotColors, color_for, make_pen
from actgui.plot.parts import CurveColor, PlotPart, widened
from actgui.text.markup import plain

#: Narrowest line in a legend sample, in pixels.
LEGEND_MIN_WIDTH = 2.0
#: Entries per legend column before another column is started.
ROWS_PER_COLUMN = 14
#: A legend row's height against its label font's line height (pyqtgraph's label margins).
ROW_HEIGHT = 1.4
#: Where the legend goes, in order of preference, when it covers the curves as little.
PREFERRED_PLACES = (
    "top-left", "bottom-right", "top-right", "bottom-left", "top", "bottom", "left", "right",
)  # fmt: skip


def _descendants(item: QGraphicsItem) -> list[QGraphicsItem]:
    out = []
    for child in item.childItems():
        out += [child, *_descendants(child)]
    return out


class _Sample(ItemSample):
    """A legend sample that reports a click instead of hiding the curve behind the model's back."""

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (pyqtgraph override)
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.sigClicked.emit(self.item)


class ModelLegend(PlotPart):
    """One entry per shown function (its colour) and per shown order (its line style).

    Clicking a function's sample turns the function off in the model; clicking
    an order's sample hides that order. The checkboxes follow the model, so the
    panel and the plot never disagree. The entries are rebuilt at most once per
    pass of the event loop, however many functions a user action switched.
    """

    def __init__(self, model: ExplorerModel, view_box: pg.ViewBox) -> None:
        self._model = model
        self._width = 1.0
        self._curve_color: CurveColor = color_for
        self._order_color = PLOT_COLORS["light"].legend_order_sample
        self.item = pg.LegendItem(offset=(10, 10), sampleType=_Sample, labelTextColor="k")
        self.item.setParentItem(view_box)
        self.item.setBrush(pg.mkBrush(255, 255, 255, 220))
        self.item.setPen(pg.mkPen("#bbbbbb"))
        self.item.sigSampleClicked.connect(self._on_clicked)
        # Proxies (never added to the plot) give the legend fixed samples.
        self._keys: dict[str, pg.PlotCurveItem] = {}
        self.add_keys(REGISTRY)
        grey = PLOT_COLORS["light"].legend_order_sample
        self._orders = {
            order: pg.PlotCurveItem(pen=make_pen(grey, order), antialias=True) for order in ORDERS
        }
        self._export_state: tuple | None = None
        self._shown = True
        #: Where the legend hides the fewest curves (top left first, as it always was).
        self.placer = LegendPlacer(self.item, view_box, PREFERRED_PLACES)
        self._rebuild = Coalesced(self.rebuild, view_box)
        self._view_box = view_box
        view_box.sigResized.connect(self._rebuild.request)  # (columns for the new height)
        model.enabled_changed.connect(self._rebuild.request)
        model.order_changed.connect(self._rebuild.request)
        self.rebuild()

    def add_keys(self, keys) -> None:
        """Samples for functions registered since."""
        for key in keys:
            self._keys[key] = pg.PlotCurveItem(pen=make_pen(color_for(key), 0), antialias=True)

    def remove_keys(self, keys) -> None:
        """Forget the samples of functions no longer registered (they are switched off)."""
        for key in keys:
            self._keys.pop(key, None)
        self._rebuild.request()

    # -- PlotPart ----------------------------------------------------------------
    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        """Recolour box, border, labels and samples (``curve_color(key)`` gives a curve's)."""
        self.item.setBrush(pg.mkBrush(*colors.legend_fill))
        self.item.setPen(pg.mkPen(colors.legend_border))
        self.item.setLabelTextColor(colors.foreground)
        self._curve_color = curve_color
        self._order_color = colors.legend_order_sample
        self._restyle_samples()
        self.rebuild()

    def set_presentation(self, presentation) -> None:
        """Samples as wide as the curves, labels at the plot's font size."""
        self._width = presentation.pen_width
        self._shown = presentation.legend
        self.item.setLabelTextSize(f"{presentation.text_size:.3g}pt")
        self._restyle_samples()
        self.rebuild()

    def _sample_width(self) -> float:
        # Short samples of a 1 px line are hard to tell apart (a pale pink, a khaki): two
        # pixels at least. The legend is cached as pixmaps, so this costs no paint time.
        return max(LEGEND_MIN_WIDTH, self._width)

    def _restyle_samples(self) -> None:
        for key, proxy in self._keys.items():
            proxy.setPen(make_pen(self._curve_color(key), 0, self._sample_width()))
        for order, proxy in self._orders.items():
            proxy.setPen(make_pen(self._order_color, order, self._sample_width()))

    def recolor(self, keys) -> None:
        """The colours of ``keys`` changed (another function took or freed a colour)."""
        for key in keys:
            self._keys[key].setPen(make_pen(self._curve_color(key), 0, self._sample_width()))
        self._rebuild.request()

    def begin_export(self, scale: float) -> None:
        """Samples ``scale`` times wider, drawn afresh (never from the screen's cached
        pixmaps, which an SVG or PDF would embed as pictures), and the legend growing with
        the image instead of keeping its pixel size."""
        self.flush()
        pens = [(proxy, proxy.opts["pen"]) for proxy in self.proxies()]
        fixed = bool(self.item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        border = self.item.pen()
        self._export_state = (pens, fixed, border)
        self.set_cached(False)
        if scale == 1.0:
            return
        for proxy, pen in pens:
            proxy.setPen(widened(pen, scale))
        self.item.setPen(widened(border, scale))
        self.set_fixed_size(False)

    def end_export(self) -> None:
        if self._export_state is None:
            return
        pens, fixed, border = self._export_state
        for proxy, pen in pens:
            proxy.setPen(pen)
        self.item.setPen(border)
        self.set_cached(True)
        self.set_fixed_size(fixed)
        self._export_state = None

    # -- queries -------------------------------------------------------------------
    def proxies(self) -> list[pg.PlotCurveItem]:
        """The items whose pens the legend samples draw."""
        return [*self._keys.values(), *self._orders.values()]

    def labels(self) -> list[str]:
        """The entry texts as drawn, top to bottom (after any pending rebuild)."""
        self.flush()
        return [label.item.toPlainText() for _, label in self.item.items]

    def flush(self) -> None:
        """Rebuild now if a rebuild is pending (before reading or rendering the legend)."""
        self._rebuild.flush()

    def rebuild(self) -> None:
        """Re-list the entries from the model, keeping those still wanted.

        pyqtgraph makes a label per entry and sizes the box after each one: a tick that
        re-listed 13 entries took 0.14 s. Entries still wanted keep their sample and label
        (only laid out again); new ones are made; gone ones are removed.
        """
        legend = self.item
        keys = self._model.enabled_keys()
        orders = self._model.shown_orders() if keys and len(self._model.shown_orders()) > 1 else ()
        # pyqtgraph's labels are HTML: a name of your own is text ("<b>x</b>", "a & b").
        wanted = [(self._keys[key], plain(translate(REGISTRY[key].name)), key) for key in keys]
        wanted += [(self._orders[order], plain(ORDER_LABELS[order]), None) for order in orders]
        have = {(id(sample.item), label.text): (sample, label) for sample, label in legend.items}
        style = (pg.mkColor(legend.opts["labelTextColor"]).name(), legend.opts["labelTextSize"])
        entries, restyled = [], False
        for proxy, text, key in wanted:
            entry = have.pop((id(proxy), text), None)
            if entry is None:
                entry = self._entry(proxy, text, key)
            elif getattr(entry[1], "actgui_style", None) != style:
                entry[1].setText(text)  # (in the theme's colour, at the font size, now)
                restyled = True  # (another size: laid out again)
            entry[1].actgui_style = style
            entries.append(entry)
        columns = max(1, math.ceil(len(entries) / self._rows_that_fit()))
        if restyled or entries != legend.items or columns != legend.columnCount:
            layout = legend.layout
            for i in range(layout.count() - 1, -1, -1):
                layout.removeAt(i)
            for entry in have.values():  # no longer wanted (already out of the layout)
                for item in entry:
                    item.close()
                    scene = item.scene()
                    if scene is not None:  # (PySide leaves a closed item in its scene)
                        scene.removeItem(item)
            legend.items = entries
            legend.columnCount = columns
            legend.rowCount = math.ceil(len(entries) / columns)
            for sample, label in entries:
                legend._addItemToLayout(sample, label)
            legend.updateSize()
        legend.setVisible(bool(keys) and self._shown)
        self.set_cached(True)
        self.placer.request()

    def _rows_that_fit(self) -> int:
        """Rows of entries in a column: at most ROWS_PER_COLUMN, and no more than the plot's
        height holds at the labels' size (a large font gets more columns, never a legend
        running out of the plot)."""
        font = QFont()
        font.setPointSizeF(float(self.item.opts["labelTextSize"].removesuffix("pt")))
        row = QFontMetricsF(font).height() * ROW_HEIGHT
        room = self._view_box.boundingRect().height() - 2 * self.placer.margin - row
        return max(1, min(ROWS_PER_COLUMN, int(room // row)))

    def _entry(self, proxy: pg.PlotCurveItem, text: str, key: str | None) -> tuple:
        """A sample and a label, as ``LegendItem.addItem`` makes them (a function's label
        selects it when clicked)."""
        legend = self.item
        label = pg.LabelItem(
            text, color=legend.opts["labelTextColor"], justify="left",
            size=legend.opts["labelTextSize"],
        )  # fmt: skip
        label.setParentItem(legend)
        sample = _Sample(proxy)
        sample.setParentItem(legend)
        sample.sigClicked.connect(legend.sigSampleClicked)
        if key is not None:
            label.mouseClickEvent = lambda ev, k=key: self._on_label_clicked(ev, k)
        return sample, label

    def set_cached(self, cached: bool) -> None:
        """Keep the entries as pixmaps (on screen: they change only in ``rebuild``).

        An export at another scale turns this off, or the pixmaps would be drawn
        at screen size.
        """
        mode = QGraphicsItem.CacheMode
        for child in _descendants(self.item):
            child.setCacheMode(mode.DeviceCoordinateCache if cached else mode.NoCache)

    def set_fixed_size(self, fixed: bool) -> None:
        """On screen the legend keeps its pixel size whatever the transform; an export at
        another scale turns that off so the legend grows with the rest of the image."""
        flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
        self.item.setFlag(flag, fixed)

    def _on_label_clicked(self, event, key: str) -> None:
        """Clicking a function's name in the legend selects it (its sample turns it off)."""
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._model.set_selected(key)

    def _on_clicked(self, proxy) -> None:
        for key, item in self._keys.items():
            if item is proxy:
                self._model.set_enabled(key, False)
                return
        for order, item in self._orders.items():
            if item is proxy:
                self._model.set_order_shown(order, False)
                return

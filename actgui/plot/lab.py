"""A small plot for the analysis views: themed, redrawn from data, exportable like the main one.

The "why it trains" views (statistics, depth, phase diagram, training) draw with
pyqtgraph too. A :class:`LabPlot` holds no state of its own beyond what is on it: its
owner's drawing function (:meth:`LabPlot.set_drawer`) puts the content on, with pens
from :meth:`LabPlot.pen`, and the plot calls it again when the theme changes or an
export widens the pens (``exporting`` has the signature ``shell.export`` expects of the
main plot).

One way to move what is on a plot: a drawer names its lines and labels
(:class:`Line`, :class:`Label`) and hands them to :meth:`LabPlot.set_lines` /
:meth:`LabPlot.set_labels`, which create, update in place or remove items by their
``key``; content that is not lines (images, small multiples) is built through
:meth:`LabPlot.shape`, kept while its signature holds. A drawer that places everything
so is *in place* (``set_drawer(draw, in_place=True)``): it is called again without
clearing the plot, so a new step of training, a drag of α or a theme change moves the
items instead of building them again.
Texts on it are text, never markup (pyqtgraph's labels are HTML): legend entries, axis
labels and a title set with :meth:`LabPlot.set_title` are escaped here
(``text.markup.plain``), so a function of your own called "<b>x</b>" reads as typed.
One-pixel cosmetic pens and no pyqtgraph grid: both are what keeps a redraw cheap in
this paint engine (README, "Performance").
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPen

from actgui.plot.axes import tick_offset
from actgui.plot.axis_titles import AxisTitles
from actgui.plot.legend_place import PLACES, LegendPlacer
from actgui.plot.palette import make_pen
from actgui.plot.ticks import RoomyTicks
from actgui.preferences import DEFAULT_FONT_SIZE, PLOT_MARGIN
from actgui.style import PLOT_COLORS
from actgui.text.markup import plain

#: A legend's text size against the plot's other texts.
LEGEND_SIZE = 8 / 9


class _StillSample(pg.ItemSample):
    """A legend sample that ignores clicks (pyqtgraph's would hide the curve)."""

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (pyqtgraph override)
        event.accept()


class _TextLegend(pg.LegendItem):
    """A legend whose entries are text: names are escaped for pyqtgraph's HTML labels,
    whether added to it directly or through a curve's ``name``."""

    def addItem(self, item, name) -> None:  # noqa: N802 (pyqtgraph override)
        super().addItem(item, plain(name))


@dataclass(frozen=True, eq=False)
class Line:
    """A line (or a row of markers) on a :class:`LabPlot`, known by its ``key``.

    ``style``: solid (0), dashed (1), dotted (2); ``width`` times the plot's line width.
    ``name``: its legend entry (None: none). ``symbol``: markers of that pyqtgraph shape
    (``"o"``, ``"t1"``…) and no line, outlined, or filled without outline if ``filled``.
    ``fill``: the alpha (0–255) of the area between the line and 0, or None.
    ``step``: ``x`` holds ``len(y) + 1`` edges (a histogram)."""

    key: Hashable
    x: Any
    y: Any
    color: str
    style: int = 0
    width: float = 1.0
    name: str | None = None
    symbol: str | None = None
    symbol_size: float = 6.0
    filled: bool = False
    fill: int | None = None
    step: bool = False

    def look(self) -> tuple:
        """Everything but the data: what, when it changes, is set on the item anew."""
        return (self.color, self.style, self.width, self.symbol, self.symbol_size,
                self.filled, self.fill, self.step)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Label:
    """A text on a :class:`LabPlot` at (``x``, ``y``), known by its ``key``; ``anchor`` as
    ``pg.TextItem``'s, ``color`` None for the theme's foreground."""

    key: Hashable
    text: str
    x: float
    y: float
    anchor: tuple[float, float] = (0.0, 0.0)
    color: str | None = None


class _LabAxis(RoomyTicks):
    """On a log axis, labels at 1, 2 and 5 times a power of ten only: with every minor tick
    labelled, a decade and a half ran together ("0.60.70.80.91"); fewer major ticks when
    their labels would run together (:class:`~actgui.plot.ticks.RoomyTicks`)."""

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        strings = super().logTickStrings(values, scale, spacing)
        return [text if _leading_digit(text) in "125" else "" for text in strings]


def _leading_digit(text: str) -> str:
    """The first non-zero digit of a tick label ("0.7" → "7", "2·10⁻³" → "2", "10⁴" → "1")."""
    return next((c for c in text if c in "123456789"), "1")


class LabPlot(pg.PlotWidget):
    """A themed plot whose content is drawn by its owner's ``draw(plot)`` function."""

    def __init__(self, name: str, x_label: str, y_label: str, parent=None) -> None:
        axes = {side: _LabAxis(side) for side in ("bottom", "left")}
        super().__init__(parent, enableMenu=False, axisItems=axes)
        self.setObjectName(name)
        self._theme = "light"
        self._scale = 1.0
        self._exporting = False
        self._line_width = 1.0
        self._text_size = float(DEFAULT_FONT_SIZE)
        self._legend_shown = True
        self._placer: LegendPlacer | None = None
        self._draw: Callable[[LabPlot], None] | None = None
        self._in_place = False
        self._labels = (x_label, y_label)
        # (cut to their axes' length when those are short: whole in a tooltip)
        self._titles = AxisTitles(self.getPlotItem())
        self._forget()
        item = self.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        for side in ("bottom", "left"):
            # Large and small values in their ticks ("2e+30", "0.6"), never a factor in the
            # axis title: "variance q (x1e+30)" ran past the end of a short axis.
            item.getAxis(side).enableAutoSIPrefix(False)
        self.setMinimumSize(160, 120)
        self.set_theme("light")

    # -- drawing -------------------------------------------------------------------
    def set_drawer(self, draw: Callable[[LabPlot], None], in_place: bool = False) -> None:
        """``draw(plot)`` puts everything on the plot; called by :meth:`redraw`. Unless
        ``in_place`` (the drawer places everything with :meth:`set_lines`,
        :meth:`set_labels` and :meth:`shape`), the plot is cleared first."""
        self._draw = draw
        self._in_place = in_place

    def in_place(self) -> bool:
        """Whether the drawer moves the plot's items (see :meth:`set_drawer`)."""
        return self._in_place

    def drawer(self) -> Callable[[LabPlot], None] | None:
        """The owner's drawing function (an export draws a copy with it)."""
        return self._draw

    def line_width(self) -> float:
        """The width of a plain line, in pixels."""
        return self._line_width

    def redraw(self) -> None:
        """Draw the plot again from its owner's data: the items moved if the drawer is in
        place, else the plot cleared first."""
        if not self._in_place:
            self.clear_items()
        if self._draw is not None:
            self._draw(self)

    def clear_items(self) -> None:
        """Take everything off the plot."""
        self.getPlotItem().clear()
        self._forget()

    def _forget(self) -> None:
        self._lines: dict[Hashable, tuple[tuple, pg.PlotDataItem]] = {}
        self._legend_entries: tuple = ()
        self._texts: dict[Hashable, pg.TextItem] = {}
        self._shape: tuple[Hashable, object] | None = None

    def _look(self) -> tuple:
        """What every item's look depends on besides its own description."""
        return (self._theme, self._line_width, self._text_size, self._scale)

    def set_lines(
        self, lines: Iterable[Line], legend: tuple[str, int] | None = None
    ) -> dict[Hashable, pg.PlotDataItem]:
        """Show exactly ``lines``: an item per key, created for a new key, given new data
        (and a new look if it changed) for a known one, removed for a key not listed.
        With ``legend`` (corner, columns) the lines that have a name are its entries, in
        their order (the legend is refilled only when those change). The items by key."""
        item = self.getPlotItem()
        common = self._look()
        kept: dict[Hashable, tuple[tuple, pg.PlotDataItem]] = {}
        named: list[tuple[Hashable, str]] = []
        for line in lines:
            if line.key in kept:
                raise ValueError(f"two lines with the key {line.key!r}")
            look = (line.look(), common)
            old = self._lines.get(line.key)
            if old is None:
                curve = pg.PlotDataItem(line.x, line.y, **self._options(line))
                item.addItem(curve)
            else:
                curve = old[1]
                if old[0] == look:
                    curve.setData(line.x, line.y)
                else:
                    curve.setData(line.x, line.y, **self._options(line))
            curve.opts["name"] = line.name  # (its name() without pyqtgraph's own legend entry)
            kept[line.key] = (look, curve)
            if line.name is not None:
                named.append((line.key, line.name))
        for key, (_look, curve) in self._lines.items():
            if key not in kept:
                item.removeItem(curve)
        self._lines = kept
        if legend is not None and not named:
            self.remove_legend()
        elif legend is not None:
            shown = self.getPlotItem().legend
            if (
                (named, legend, common) != self._legend_entries
                or shown is None
                or len(shown.items) != len(named)
            ):
                box = self.legend(*legend)
                box.clear()
                for key, name in named:
                    box.addItem(kept[key][1], name)
                self._legend_entries = (named, legend, common)
        if self._placer is not None:
            self._placer.request()  # (the data moved: the legend may hide them now)
        return {key: curve for key, (_look, curve) in kept.items()}

    def remove_legend(self) -> None:
        """Take the legend off the plot, if it has one."""
        item = self.getPlotItem()
        if self._placer is not None:
            self._placer.close()
            self._placer = None
        if item.legend is not None:
            item.legend.clear()
            if item.legend.scene() is not None:
                item.legend.scene().removeItem(item.legend)
            item.legend = None
        self._legend_entries = ()

    def _options(self, line: Line) -> dict:
        """pyqtgraph's options for ``line`` (every one, so a changed look replaces all)."""
        if line.symbol is not None:
            options = {
                "pen": None,
                "symbol": line.symbol,
                "symbolSize": self.symbol_size(line.symbol_size),
                "symbolPen": pg.mkPen(None if line.filled else line.color),
                "symbolBrush": pg.mkBrush(line.color if line.filled else None),
            }
        else:
            options = {"pen": self.pen(line.color, line.style, line.width), "symbol": None}
        if line.fill is not None:
            shade = QColor(line.color)
            shade.setAlpha(line.fill)
            options.update(fillLevel=0.0, brush=pg.mkBrush(shade))
        else:
            options.update(fillLevel=None, brush=None)
        options["stepMode"] = "center" if line.step else None
        return options

    def set_labels(self, labels: Iterable[Label]) -> None:
        """Show exactly ``labels`` (as :meth:`set_lines` does lines); their text is text."""
        fg = self.colors().foreground
        kept: dict[Hashable, pg.TextItem] = {}
        for label in labels:
            if label.key in kept:
                raise ValueError(f"two labels with the key {label.key!r}")
            text = self._texts.get(label.key)
            if text is None:
                text = self.text("")
            text.setText(label.text, color=label.color or fg)
            text.setAnchor(label.anchor)
            text.setPos(label.x, label.y)
            kept[label.key] = text
        for key, text in self._texts.items():
            if key not in kept:
                self.getPlotItem().removeItem(text)
        self._texts = kept

    def shape(self, signature: Hashable, build: Callable[[], object]) -> object:
        """What ``build()`` put on the plot and returned, kept while ``signature`` (with
        the theme, the line width and an export's scale) stays the same; when it
        changes, the plot is cleared and built again. For content that is not lines
        (images, small multiples): its owner then moves what ``build`` returned."""
        signature = (signature, self._look())
        if self._shape is None or self._shape[0] != signature:
            self.clear_items()
            self._shape = (signature, build())
        return self._shape[1]

    def theme(self) -> str:
        """ "light" or "dark"."""
        return self._theme

    def colors(self):
        """The theme's ``PlotColors``."""
        return PLOT_COLORS[self._theme]

    def pen(self, color: str, style: int = 0, width: float = 1.0) -> QPen:
        """A cosmetic pen: solid (0), dashed (1) or dotted (2), ``width`` times the chosen
        line width (View → Line Width), widened for an export."""
        return make_pen(color, style, width * self._line_width * self._scale)

    def set_line_width(self, width: float, redraw: bool = True) -> None:
        """The width of a plain line in pixels (the main plot's choice); redrawn unless
        ``redraw`` is False."""
        if width != self._line_width:
            self._line_width = float(width)
            if redraw:
                self.redraw()

    def legend_placer(self) -> LegendPlacer | None:
        """What places the legend (None without one)."""
        return self._placer

    def legend_shown(self) -> bool:
        """Whether the legend is shown (View → Legends)."""
        return self._legend_shown

    def set_legend_shown(self, shown: bool) -> None:
        """Show or hide the legend (View → Legends)."""
        self._legend_shown = bool(shown)
        legend = self.getPlotItem().legend
        if legend is not None:
            legend.setVisible(self._legend_shown)

    def text_size(self) -> float:
        """The size of the plot's texts in points (ticks, axis titles, legend, labels)."""
        return self._text_size

    def set_text_size(self, points: float, redraw: bool = True) -> None:
        """Texts ``points`` large (the main plot's font size at the interface's scale);
        redrawn unless ``redraw`` is False."""
        if points != self._text_size:
            self._text_size = float(points)
            self.set_theme(self._theme, redraw=redraw)

    def text_font(self) -> QFont:
        """The widget's font at the plot's text size."""
        font = QFont(self.font())
        font.setPointSizeF(self._text_size)
        return font

    def symbol_size(self, size: float = 7.0) -> float:
        """A marker size in pixels, scaled for an export and with the text."""
        return size * self._scale * self._text_size / DEFAULT_FONT_SIZE

    def set_theme(self, theme: str, redraw: bool = True) -> None:
        """Background, axes and texts for "light" or "dark"; the content is redrawn (unless
        ``redraw`` is False: a hidden panel draws when it is next shown)."""
        self._theme = theme
        colors = PLOT_COLORS[theme]
        self.setBackground(colors.background)
        item = self.getPlotItem()
        font = self.text_font()
        grow = self._text_size / DEFAULT_FONT_SIZE
        for name in ("bottom", "left"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(colors.foreground))
            axis.setTextPen(pg.mkPen(colors.foreground))
            axis.setStyle(tickFont=font, tickTextOffset=tick_offset(name, self._text_size))
        self._titles.set(self._labels, colors.foreground, self._text_size)
        margin = round(PLOT_MARGIN * grow)
        item.setContentsMargins(margin, margin, margin, margin)
        if item.legend is not None:
            item.legend.setLabelTextSize(self._legend_size())
        if redraw:
            self.redraw()

    def axis_labels(self) -> tuple[str, str]:
        """The axis titles as given (text, not the escaped markup pyqtgraph shows)."""
        return self._labels

    def set_axis_labels(self, x_label: str, y_label: str) -> None:
        """New axis titles (a view whose quantity changed)."""
        self._labels = (x_label, y_label)
        self._titles.set(self._labels, PLOT_COLORS[self._theme].foreground, self._text_size)

    def _legend_size(self) -> str:
        return self.title_size(LEGEND_SIZE)

    def title_size(self, ratio: float = 1.0) -> str:
        """A size for pyqtgraph's labels, ``ratio`` times the plot's text ("9pt")."""
        return f"{self._text_size * ratio:.3g}pt"

    def set_title(self, text: str | None, size: str | None = None) -> None:
        """A title above the plot, as text (None or "" for none), in the theme's colour, at
        the plot's text size unless ``size`` ("12pt") is given."""
        item = self.getPlotItem()
        if not text:
            item.setTitle(None)
            return
        size = size or self.title_size()
        item.setTitle(plain(text), color=PLOT_COLORS[self._theme].foreground, size=size)

    @contextlib.contextmanager
    def exporting(self, scale: float = 1.0, theme: str | None = None) -> Iterator[None]:
        """While rendering an export: pens and markers ``scale`` times wider, in the
        colours of ``theme`` if given (as ``PlotView.exporting``)."""
        shown = self._theme
        self._scale = float(scale)
        self._exporting = True
        try:
            if theme is not None and theme != shown:
                self.set_theme(theme)
            else:
                self.redraw()
            legend = self.getPlotItem().legend
            if legend is not None:  # its entries placed before it is rendered
                legend.layout.activate()
            if self._placer is not None:  # where it hides the fewest data in this image
                self._placer.update()
            yield
        finally:
            self._scale = 1.0
            self._exporting = False
            if self._theme != shown:
                self.set_theme(shown)
            else:
                self.redraw()

    def is_exporting(self) -> bool:
        """Whether an export is drawing the plot (inside :meth:`exporting`)."""
        return self._exporting

    def legend(self, corner: str = "top-left", columns: int = 1) -> pg.LegendItem:
        """A legend, in ``columns`` columns, in the theme's colours, where it hides the
        fewest data, ``corner`` ("top-left", "bottom-left"…) first among equals; where the
        user dragged it, once dragged."""
        colors = PLOT_COLORS[self._theme]
        item = self.getPlotItem()
        if item.legend is None:  # as PlotItem.addLegend, with names kept as text
            item.legend = _TextLegend(sampleType=_StillSample)
            item.legend.setParentItem(item.getViewBox())
        legend = item.legend
        preferred = (corner, *(place for place in PLACES if place != corner))
        if self._placer is None or self._placer.legend is not legend:
            self._placer = LegendPlacer(legend, item.getViewBox(), preferred)
        self._placer.set_preferred(preferred)
        legend.setVisible(self._legend_shown)
        legend.setColumnCount(columns)
        legend.setBrush(pg.mkBrush(colors.legend_fill))
        legend.setPen(pg.mkPen(colors.legend_border))
        legend.setLabelTextColor(colors.foreground)
        legend.setLabelTextSize(self._legend_size())
        return legend

    def text(self, text: str, color: str | None = None, anchor=(0, 0)) -> pg.TextItem:
        """A text label (positioned by the caller) in the theme's foreground colour, at the
        plot's text size."""
        item = pg.TextItem(text, color=color or PLOT_COLORS[self._theme].foreground, anchor=anchor)
        item.setFont(self.text_font())
        self.getPlotItem().addItem(item)
        return item

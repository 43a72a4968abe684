"""A small plot for the analysis views: themed, redrawn from data, exportable like the main one.

The "why it trains" views (statistics, depth, phase diagram) draw with pyqtgraph too.
A :class:`LabPlot` holds no state of its own beyond what is on it: its owner draws
into it through :meth:`LabPlot.draw`, with pens from :meth:`LabPlot.pen`, and the plot
calls that drawing function again when the theme changes or an export widens the
pens (``exporting`` has the signature ``shell.export`` expects of the main plot).
Texts on it are text, never markup (pyqtgraph's labels are HTML): legend entries, axis
labels and a title set with :meth:`LabPlot.set_title` are escaped here
(``text.markup.plain``), so a function of your own called "<b>x</b>" reads as typed.
One-pixel cosmetic pens and no pyqtgraph grid: both are what keeps a redraw cheap in
this paint engine (README, "Performance").
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pyqtgraph as pg
from PySide6.QtGui import QFont, QPen

from actgui.plot.palette import make_pen
from actgui.style import PLOT_COLORS
from actgui.text.markup import plain


class _StillSample(pg.ItemSample):
    """A legend sample that ignores clicks (pyqtgraph's would hide the curve)."""

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (pyqtgraph override)
        event.accept()


class _TextLegend(pg.LegendItem):
    """A legend whose entries are text: names are escaped for pyqtgraph's HTML labels,
    whether added to it directly or through a curve's ``name``."""

    def addItem(self, item, name) -> None:  # noqa: N802 (pyqtgraph override)
        super().addItem(item, plain(name))


class LabPlot(pg.PlotWidget):
    """A themed plot whose content is drawn by its owner's ``draw(plot)`` function."""

    def __init__(self, name: str, x_label: str, y_label: str, parent=None) -> None:
        super().__init__(parent, enableMenu=False)
        self.setObjectName(name)
        self._theme = "light"
        self._scale = 1.0
        self._exporting = False
        self._line_width = 1.0
        self._draw: Callable[[LabPlot], None] | None = None
        self._labels = (x_label, y_label)
        item = self.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        self.setMinimumSize(160, 120)
        self.set_theme("light")

    # -- drawing -------------------------------------------------------------------
    def set_drawer(self, draw: Callable[[LabPlot], None]) -> None:
        """``draw(plot)`` puts everything on the (cleared) plot; called by :meth:`redraw`."""
        self._draw = draw

    def drawer(self) -> Callable[[LabPlot], None] | None:
        """The owner's drawing function (an export draws a copy with it)."""
        return self._draw

    def line_width(self) -> float:
        """The width of a plain line, in pixels."""
        return self._line_width

    def redraw(self) -> None:
        """Clear the plot and draw it again from its owner's data."""
        self.getPlotItem().clear()
        if self._draw is not None:
            self._draw(self)

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

    def symbol_size(self, size: float = 7.0) -> float:
        """A marker size in pixels, scaled for an export."""
        return size * self._scale

    def set_theme(self, theme: str, redraw: bool = True) -> None:
        """Background, axes and texts for "light" or "dark"; the content is redrawn (unless
        ``redraw`` is False: a hidden panel draws when it is next shown)."""
        self._theme = theme
        colors = PLOT_COLORS[theme]
        self.setBackground(colors.background)
        item = self.getPlotItem()
        font = QFont(self.font())
        for name, text in zip(("bottom", "left"), self._labels, strict=True):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(colors.foreground))
            axis.setTextPen(pg.mkPen(colors.foreground))
            axis.setStyle(tickFont=font)
            axis.setLabel(plain(text), color=colors.foreground)
        if redraw:
            self.redraw()

    def set_axis_labels(self, x_label: str, y_label: str) -> None:
        """New axis titles (a view whose quantity changed)."""
        self._labels = (x_label, y_label)
        colors = PLOT_COLORS[self._theme]
        item = self.getPlotItem()
        item.getAxis("bottom").setLabel(plain(x_label), color=colors.foreground)
        item.getAxis("left").setLabel(plain(y_label), color=colors.foreground)

    def set_title(self, text: str | None, size: str = "9pt") -> None:
        """A title above the plot, as text (None or "" for none), in the theme's colour."""
        item = self.getPlotItem()
        if not text:
            item.setTitle(None)
            return
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
        """A legend in a corner ("top-left", "bottom-left"…), in ``columns`` columns, in the
        theme's colours."""
        colors = PLOT_COLORS[self._theme]
        item = self.getPlotItem()
        if item.legend is None:  # as PlotItem.addLegend, with names kept as text
            item.legend = _TextLegend(sampleType=_StillSample)
            item.legend.setParentItem(item.getViewBox())
        legend = item.legend
        vertical, horizontal = corner.split("-")
        legend.setOffset((6 if horizontal == "left" else -6, 6 if vertical == "top" else -6))
        legend.setColumnCount(columns)
        legend.setBrush(pg.mkBrush(colors.legend_fill))
        legend.setPen(pg.mkPen(colors.legend_border))
        legend.setLabelTextColor(colors.foreground)
        legend.setLabelTextSize("8pt")
        return legend

    def text(self, text: str, color: str | None = None, anchor=(0, 0)) -> pg.TextItem:
        """A text label (positioned by the caller) in the theme's foreground colour."""
        item = pg.TextItem(text, color=color or PLOT_COLORS[self._theme].foreground, anchor=anchor)
        self.getPlotItem().addItem(item)
        return item

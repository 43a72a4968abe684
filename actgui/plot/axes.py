"""The plot's two axes as a plot part: their colours, pens widened for an export, and
labels at the ends of the range.

pyqtgraph hides a tick label that would stick out past the end of its axis, so the
default x-range [−6, 6] showed no −6 and no 6. Here a tick on (or within half a pixel
of) an end of the range is labelled, its label moved inward just enough to stay within
the axis (so it neither leaves the image nor runs into the other axis), and dropped
only if it would then touch its neighbour's label.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

from actgui.plot.axis_specs import LabelSizes, draw_specs, supported
from actgui.plot.palette import PLOT_COLORS, PlotColors
from actgui.plot.parts import CurveColor, PlotPart, widened
from actgui.plot.ticks import RoomyTicks
from actgui.preferences import DEFAULT_FONT_SIZE

AXES = ("bottom", "left")
ALL_SIDES = (*AXES, "top", "right")
#: Tick levels remembered per axis (by range and length) before the memo is emptied.
MEMO_TICKS = 8
#: Least gap (px) between an end label moved inward and its neighbour's label.
LABEL_GAP = 4


class Axes(PlotPart):
    """The x and y axes of ``plot_item``, labelled x and y."""

    def __init__(self, plot_item: pg.PlotItem) -> None:
        # The hidden top and right axes follow the view too: as EndLabelAxis they skip
        # pyqtgraph's new HTML for their (unchanged) label at every move of the range.
        plot_item.setAxisItems({name: EndLabelAxis(name) for name in ALL_SIDES})
        for name in ALL_SIDES[len(AXES) :]:
            plot_item.hideAxis(name)  # (setAxisItems shows every axis it is given)
        self._axes = [plot_item.getAxis(name) for name in AXES]
        plot_item.setLabel("bottom", "x")
        plot_item.setLabel("left", "y")
        self._saved: list = []
        self.set_colors(PLOT_COLORS["light"], str)

    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        for axis in self._axes:
            axis.setPen(colors.foreground)
            axis.setTextPen(colors.foreground)

    def begin_export(self, scale: float) -> None:
        self._saved = [(axis.pen(), axis.textPen()) for axis in self._axes]
        for axis, (pen, text_pen) in zip(self._axes, self._saved, strict=True):
            axis.setPen(widened(pen, scale))
            axis.setTextPen(text_pen)  # text grows with the painter's transform already

    def end_export(self) -> None:
        for axis, (pen, text_pen) in zip(self._axes, self._saved, strict=True):
            axis.setPen(pen)
            axis.setTextPen(text_pen)
        self._saved = []


class EndLabelAxis(RoomyTicks):
    """An axis that labels the ends of its range when they fall on a tick (see the module).

    It draws what pyqtgraph's axis draws, with less work per change of range: the draw
    specs from :mod:`actgui.plot.axis_specs`, the ticks of a range asked for again (the
    grid asks too) remembered, and the axis label's HTML set again only when it changed.
    """

    def __init__(self, *args, **kwargs) -> None:
        self._sizes = LabelSizes()
        self._ticks: dict[tuple, list] = {}  # recent tickValues, by their arguments
        self._label_html: str | None = None  # the HTML last given to the axis label
        super().__init__(*args, **kwargs)

    def _updateLabel(self) -> None:  # noqa: N802 (pyqtgraph's name)
        # pyqtgraph sets the label's HTML again at every change of range (to follow an
        # SI prefix): a new text layout and geometry, though the label rarely changes.
        html = self.labelString()
        if html != self._label_html:
            self.label.setHtml(html)
            self._label_html = html
        self._adjustSize()
        self.picture = None
        self.update()

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        """pyqtgraph's labels with a true minus sign (−6, not the hyphen of -6)."""
        return [text.replace("-", "−") for text in super().tickStrings(values, scale, spacing)]

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803
        """pyqtgraph's ticks, with a tick of any level that lies within half a pixel
        outside an end moved onto that end (so it is drawn, and labelled as the round
        value: a label's digits follow its level's spacing)."""
        font = self.style["tickFont"]
        state = (self.logMode, self.scale, self._tickDensity, repr(self._tickSpacing))
        key = (minVal, maxVal, size, state, self.style["maxTickLevel"], font and font.key())
        memo = self._ticks.get(key)
        if memo is None:
            if len(self._ticks) >= MEMO_TICKS:
                self._ticks.clear()
            levels = self._tick_values(minVal, maxVal, size)
            # (the spacing chose which levels are labelled: RoomyTicks)
            memo = self._ticks[key] = (levels, self.style["maxTextLevel"])
        levels, self.style["maxTextLevel"] = memo
        return [(spacing, list(values)) for spacing, values in levels]

    def _tick_values(self, minVal: float, maxVal: float, size: float):  # noqa: N803
        levels = super().tickValues(minVal, maxVal, size)
        if self.logMode or size <= 0 or not levels:
            return levels
        lo, hi = sorted((minVal, maxVal))
        tolerance = 0.5 * (hi - lo) / size
        present = [v for _, values in levels for v in values]
        for end in (lo, hi):
            if any(abs(v - end) <= tolerance for v in present):
                continue
            for spacing, values in levels:
                if spacing and abs(round(end / spacing) * spacing - end) <= tolerance:
                    values.append(end)
                    values.sort()
                    present.append(end)
                    break
        return levels

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph's name)
        """pyqtgraph's specs, with every label inside the axis' length (pyqtgraph leaves
        out a horizontal axis' labels that stick out past an end, and lets a vertical
        axis' stick out, to be cut off by the image's edge), plus the labels of the
        range's ends when they are on a tick. pyqtgraph decides which levels are
        labelled as if the end labels were not there."""
        if supported(self):
            specs = draw_specs(self, p, self._sizes)
        else:
            specs = super().generateDrawSpecs(p)
        if specs is None or not self.style["showValues"]:
            return specs
        axis_spec, tick_specs, text_specs = specs
        text_specs = self._within_axis(text_specs)
        if self._tickLevels is None:  # not for ticks set by hand
            text_specs += self._end_labels(p, text_specs)
        return axis_spec, tick_specs, text_specs

    def _within_axis(self, text_specs: list) -> list:
        """Labels sticking out past an end moved inward; dropped if they then come closer
        than ``LABEL_GAP`` to another label."""
        horizontal = self.orientation in ("top", "bottom")
        start, stop = _extent(self.mapRectFromParent(self.geometry()), horizontal)
        kept, moved = [], []
        for rect, flags, text in text_specs:
            a, b = _extent(rect, horizontal)
            shift = max(0.0, start - a) - max(0.0, b - stop)
            if shift == 0:
                kept.append((rect, flags, text))
            elif b - a <= stop - start:
                rect = rect.translated(shift, 0) if horizontal else rect.translated(0, shift)
                moved.append((rect, flags, text))
        for spec in moved:
            extent = _extent(spec[0], horizontal)
            if all(_apart(extent, _extent(other[0], horizontal)) for other in kept):
                kept.append(spec)
        return kept

    def _end_ticks(self, levels: list, labelled: int, near: float) -> list[tuple[float, str]]:
        """(end, label) for each end of the range within ``near`` of a tick of the first
        ``labelled`` ``levels``; the label is the tick's."""
        scale = self.autoSIPrefixScale * self.scale
        found = []
        for end in sorted(self.range):
            for spacing, values in levels[:labelled]:
                ticks = [v for v in values if abs(v - end) <= near]
                if ticks:
                    found.append((end, self.tickStrings(ticks[:1], scale, spacing)[0]))
                    break
        return found

    def _length(self) -> float:
        """The axis' length in device pixels, as pyqtgraph measures it for its ticks."""
        bounds = self.mapRectFromParent(self.geometry())
        if self.orientation in ("top", "bottom"):
            ends = (bounds.topLeft(), bounds.topRight())
        else:
            ends = (bounds.topRight(), bounds.bottomRight())
        points = [self.mapToDevice(point) for point in ends]
        if None in points:
            return 0.0
        return (points[1] - points[0]).manhattanLength()

    def _end_labels(self, p, text_specs: list) -> list:
        """Text specs for the end ticks, within the axis and clear of the other labels."""
        lo, hi = sorted(self.range)
        length = self._length()
        if length <= 0 or hi <= lo:
            return []
        levels = self.tickValues(lo, hi, length)
        drawn = {text for _, _, text in text_specs}
        # A level is labelled if pyqtgraph drew any of its labels (the top level always).
        scale = self.autoSIPrefixScale * self.scale
        labelled = 1
        for i, (spacing, values) in enumerate(levels[1:], start=1):
            if drawn & set(self.tickStrings(values, scale, spacing)):
                labelled = i + 1
        bounds = self.mapRectFromParent(self.geometry())
        horizontal = self.orientation in ("top", "bottom")
        inverted = self.range[0] > self.range[1]
        added: list = []
        near = 0.5 * (hi - lo) / length  # half a pixel
        for value, text in self._end_ticks(levels, labelled, near):
            if text in drawn:
                continue  # pyqtgraph drew it: a label that fits
            at_start = (value == lo) != inverted  # the left end, or a vertical axis' bottom
            rect, flags = self._label_rect(p, text, bounds, horizontal, at_start)
            extent = _extent(rect, horizontal)
            if all(_apart(extent, _extent(r, horizontal)) for r, _, _ in text_specs + added):
                added.append((rect, flags, text))
        return added

    def _label_rect(self, p, text: str, bounds: QRectF, horizontal: bool, at_start: bool):
        """Where pyqtgraph would put ``text``'s label at an end, moved inward to the end."""
        width, height = self._sizes.measurer(p)(text)  # (as pyqtgraph measures labels)
        offset = (
            max(0, self.style["tickLength"]) + self.style["tickTextOffset"][1 if horizontal else 0]
        )
        align = Qt.AlignmentFlag
        if horizontal:
            x = bounds.left() if at_start else bounds.right() - width
            if self.orientation == "bottom":
                rect = QRectF(x, bounds.top() + offset, width, height)
                flags = align.AlignHCenter | align.AlignTop
            else:
                rect = QRectF(x, bounds.bottom() - offset - height, width, height)
                flags = align.AlignHCenter | align.AlignBottom
        else:
            y = bounds.bottom() - height if at_start else bounds.top()
            if self.orientation == "left":
                rect = QRectF(bounds.right() - offset - width, y, width, height)
                flags = align.AlignRight | align.AlignVCenter
            else:
                rect = QRectF(bounds.left() + offset, y, width, height)
                flags = align.AlignLeft | align.AlignVCenter
        return rect, flags | Qt.TextFlag.TextDontClip


def _extent(rect: QRectF, horizontal: bool) -> tuple[float, float]:
    return (rect.left(), rect.right()) if horizontal else (rect.top(), rect.bottom())


def _apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[1] + LABEL_GAP <= b[0] or b[1] + LABEL_GAP <= a[0]


def tick_offset(side: str, text_size: float) -> int:
    """The room between an axis and its tick labels, in pixels, growing with the text
    (pyqtgraph's 2 px below a plot and 5 px left of it at 9 pt)."""
    return round((2 if side in ("bottom", "top") else 5) * text_size / DEFAULT_FONT_SIZE)

"""The interface every part of the plot implements, and the pen arithmetic they share.

``PlotView`` keeps a list of its parts and calls these methods on all of them: a
new part that draws lines gets the theme and the export scaling by implementing
them, with no list of items to maintain elsewhere. A test walks every item of
the scene during a 4× export and fails on any line still one pixel wide.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPen

from actgui.plot.palette import PlotColors
from actgui.preferences import Presentation

CurveColor = Callable[[str], str]
#: (key, order) → the pen of that curve as shown now (colour, style, width, emphasis).
CurvePen = Callable[[str, int], QPen]


class PlotPart:
    """One thing the plot draws: it recolours itself and prepares itself for an export."""

    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        """Take the colours of a theme; ``curve_color(key)`` gives a function's colour."""

    def set_presentation(self, presentation: Presentation) -> None:
        """Take a line width and font size (a part with neither ignores it)."""

    def begin_export(self, scale: float) -> None:
        """Draw as for an image ``scale`` times the screen size (lines ``scale`` px wide)."""

    def end_export(self) -> None:
        """Return to the on-screen look after :meth:`begin_export`."""


def widened(pen: QPen, scale: float) -> QPen:
    """A copy of ``pen`` ``scale`` times wider (a cosmetic 0-width pen counts as 1 px)."""
    wide = QPen(pen)
    wide.setWidthF(max(pen.widthF(), 1.0) * scale)
    return wide

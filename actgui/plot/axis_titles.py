"""Axis titles that stay within their axes: cut in the middle with "…" when the axis is
shorter than the title (a short plot, a large font: the depth plot's "gradient² ÷
output's" read "tput's"), the whole title in the tooltip then; as text, never markup."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from shiboken6 import isValid

from actgui.text.markup import plain

#: Room left at the ends of an axis for its title, in pixels.
TITLE_MARGIN = 8.0
SIDES = ("bottom", "left")


class AxisTitles:
    """The bottom and left titles of ``plot_item``, fitted again whenever an axis is
    laid out anew."""

    def __init__(self, plot_item: pg.PlotItem) -> None:
        self._item = plot_item
        self._texts: tuple[str, str] = ("", "")
        self._color = "#000000"
        self._points = 9.0
        self._shown: dict[str, tuple] = {}
        for side in SIDES:
            plot_item.getAxis(side).geometryChanged.connect(self.fit)

    def set(self, texts: tuple[str, str], color: str, points: float) -> None:
        """Titles ``texts`` (bottom, left) in ``color``, ``points`` large."""
        self._texts, self._color, self._points = tuple(texts), color, float(points)
        self.fit()

    def fit(self) -> None:
        """Each title cut to its axis' length (set again only when what is shown changes)."""
        if not isValid(self._item):
            return  # (a plot being deleted: an axis moves as the other one goes)
        font = QFont()
        font.setPointSizeF(self._points)
        metrics = QFontMetricsF(font)
        for side, text in zip(SIDES, self._texts, strict=True):
            axis = self._item.getAxis(side)
            if not isValid(axis):
                continue
            length = axis.geometry().height() if side == "left" else axis.geometry().width()
            shown = text
            if length > 0 and metrics.horizontalAdvance(text) > length - TITLE_MARGIN:
                room = max(length - TITLE_MARGIN, 1.0)
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room)
            state = (shown, self._color, self._points)
            if self._shown.get(side) == state:
                continue
            self._shown[side] = state
            axis.setLabel(plain(shown), color=self._color, **{"font-size": f"{self._points:.3g}pt"})
            axis.label.setToolTip("" if shown == text else text)

    def shown(self, side: str) -> str:
        """The title as drawn on ``side`` now (cut or whole)."""
        return self._shown.get(side, ("",))[0]

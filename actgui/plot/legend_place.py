"""Legends placed where they hide the fewest data, as matplotlib's ``loc="best"``.

:func:`best_place` is the geometry (numpy only): of the places along the plot's edges, the
one whose box covers the fewest points of the curves, the preferred one on a tie, and the
current one kept unless another is clearly better (a legend that jumped at every step of
a drag would be worse than one that covers a little). :class:`LegendPlacer` applies it to
a pyqtgraph legend once the data or the view have stopped changing for
:data:`SETTLE_MS` (never during a drag of α: no cost per frame, no jumping), until the user
drags the legend, which then stays where it was put.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer

#: Where a legend may go: (horizontal, vertical) anchors, 0 left/top, 1 right/bottom.
PLACES: dict[str, tuple[float, float]] = {
    "top-left": (0.0, 0.0),
    "top-right": (1.0, 0.0),
    "bottom-left": (0.0, 1.0),
    "bottom-right": (1.0, 1.0),
    "top": (0.5, 0.0),
    "bottom": (0.5, 1.0),
    "left": (0.0, 0.5),
    "right": (1.0, 0.5),
}
#: Points per pixel of a line's length sampled for the count (a line crossing the box
#: between two far-apart data points still counts).
STEP_PX = 3.0
#: Most points counted per line (longer ones are strided).
MAX_POINTS = 20_000
#: Smallest a legend is drawn to fit its plot (below it, the plot is too small to read).
MIN_LEGEND_SCALE = 0.3
#: Quiet time after a change of the data or the view before the legend is placed again.
SETTLE_MS = 150


def covered(points: np.ndarray, box: tuple[float, float, float, float]) -> int:
    """How many ``points`` ((n, 2) pixels) lie inside ``box`` (left, top, width, height)."""
    left, top, width, height = box
    x, y = points[:, 0], points[:, 1]
    return int(
        np.count_nonzero((x >= left) & (x <= left + width) & (y >= top) & (y <= top + height))
    )


def place_box(
    place: str, size: tuple[float, float], area: tuple[float, float], margin: float
) -> tuple[float, float, float, float]:
    """The legend's box (left, top, width, height) at ``place`` in an ``area`` (width,
    height) of pixels, ``margin`` pixels off its edges."""
    fx, fy = PLACES[place]
    (w, h), (aw, ah) = size, area
    left = margin + fx * (aw - w - 2 * margin)
    top = margin + fy * (ah - h - 2 * margin)
    return left, top, w, h


def best_place(
    points: np.ndarray,
    size: tuple[float, float],
    area: tuple[float, float],
    margin: float = 6.0,
    preferred: Sequence[str] = tuple(PLACES),
    current: str | None = None,
) -> str:
    """The place in ``preferred`` (in order of preference) where a legend of ``size`` covers
    the fewest ``points``; ``current`` is kept unless another covers clearly fewer (two
    points and a tenth of its own count fewer)."""
    counts = {p: covered(points, place_box(p, size, area, margin)) for p in preferred}
    best = min(preferred, key=lambda p: counts[p])  # (the first of equals: the preferred)
    if current in counts and counts[current] - counts[best] <= max(2, counts[current] // 10):
        return current
    return best


def line_points(x: np.ndarray, y: np.ndarray, step: float = STEP_PX) -> np.ndarray:
    """The points of a polyline (pixels), with points added along segments longer than
    ``step`` so that a line is counted where it runs, not only at its data; non-finite
    values break the line."""
    keep = np.isfinite(x) & np.isfinite(y)
    if keep.sum() == 0:
        return np.empty((0, 2))
    if len(x) > MAX_POINTS:
        stride = len(x) // MAX_POINTS + 1
        x, y, keep = x[::stride], y[::stride], keep[::stride]
    x, y = np.where(keep, x, 0.0), np.where(keep, y, 0.0)  # (no inf − inf: never joined)
    dx, dy = np.diff(x), np.diff(y)
    joined = keep[:-1] & keep[1:]
    length = np.hypot(dx, dy)
    extra = np.where(joined, np.minimum(np.ceil(length / step), 200), 0).astype(int)
    starts = np.repeat(np.arange(len(dx)), extra)
    # The fraction along each segment: 1/n, 2/n, … (its end is the next data point).
    within = np.arange(extra.sum()) - np.repeat(np.cumsum(extra) - extra, extra)
    t = (within + 1) / np.repeat(np.maximum(extra, 1), extra)
    added = np.column_stack([x[starts] + t * dx[starts], y[starts] + t * dy[starts]])
    return np.vstack([np.column_stack([x[keep], y[keep]]), added])


class LegendPlacer:
    """Keeps ``legend`` (a child of ``view_box``) where it hides the fewest data.

    ``preferred``: the places in order of preference (the first one at the start and on
    ties). :meth:`request` after the data changed; a change of the view or the plot's
    size asks by itself. A drag by the user ends the automatic placing for this legend.
    """

    def __init__(
        self,
        legend: pg.LegendItem,
        view_box: pg.ViewBox,
        preferred: Sequence[str] = tuple(PLACES),
        margin: float = 6.0,
    ) -> None:
        self.legend = legend
        self.view_box = view_box
        self.preferred = tuple(preferred)
        self.margin = margin
        self.place: str | None = None
        self.manual = False
        self._timer = QTimer(view_box, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.update)
        view_box.sigRangeChanged.connect(self.request)
        view_box.sigResized.connect(self.request)
        dragged = legend.mouseDragEvent

        def drag(event) -> None:  # (pyqtgraph calls the instance's method)
            self.manual = True
            dragged(event)

        legend.mouseDragEvent = drag
        self.move_to(self.preferred[0])

    def close(self) -> None:
        """Stop placing (the legend is being taken off its plot)."""
        self._timer.stop()
        for signal in (self.view_box.sigRangeChanged, self.view_box.sigResized):
            signal.disconnect(self.request)

    def request(self, *_args: object) -> None:
        """Place the legend again once nothing has changed for :data:`SETTLE_MS`."""
        self._timer.start()

    def pending(self) -> bool:
        """Whether a placing is waiting."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Place it now if a placing is pending (before an export or a test reads it)."""
        if self._timer.isActive():
            self._timer.stop()
            self.update()

    def set_preferred(self, preferred: Sequence[str]) -> None:
        """Other places in order of preference (a drawer whose corner changed)."""
        if tuple(preferred) != self.preferred:
            self.preferred = tuple(preferred)
            self.request()

    def update(self) -> None:
        """The legend's size for the plot's, and the best place for the data on the plot
        now (unless the user placed it: then only the size)."""
        if not self.legend.isVisible() or self.legend.scene() is None:
            return
        rect = self.legend.boundingRect()
        area = self.view_box.boundingRect()
        if area.width() <= 0 or area.height() <= 0 or rect.width() <= 0 or rect.height() <= 0:
            return
        # Never cut by the plot's edges: a legend larger than the plot (a large font on a
        # small plot) is drawn smaller, just as much as it must.
        scale = min(
            1.0,
            (area.width() - 2 * self.margin) / rect.width(),
            (area.height() - 2 * self.margin) / rect.height(),
        )
        scale = max(scale, MIN_LEGEND_SCALE)
        if abs(self.legend.scale() - scale) > 1e-3:
            self.legend.setScale(scale)
        if self.manual:
            return
        size = (rect.width() * self.legend.scale(), rect.height() * self.legend.scale())
        place = best_place(
            self.data_points(), size, (area.width(), area.height()),
            self.margin, self.preferred, self.place,
        )  # fmt: skip
        self.move_to(place)

    def move_to(self, place: str) -> None:
        """Put the legend at ``place`` (one of :data:`PLACES`)."""
        if place == self.place:
            return
        self.place = place
        fx, fy = PLACES[place]
        offset = (self.margin * (1 - 2 * fx) if fx != 0.5 else 0.0,
                  self.margin * (1 - 2 * fy) if fy != 0.5 else 0.0)  # fmt: skip
        self.legend.opts["offset"] = offset
        self.legend.anchor(itemPos=(fx, fy), parentPos=(fx, fy), offset=offset)

    def data_points(self) -> np.ndarray:
        """Every shown line's and marker's points in the view box's pixels."""
        box = self.view_box
        view = box.viewRect()
        area = box.boundingRect()
        if view.width() <= 0 or view.height() <= 0:
            return np.empty((0, 2))
        sx, sy = area.width() / view.width(), area.height() / view.height()
        parts = [np.empty((0, 2))]
        for item in box.addedItems:
            if not isinstance(item, pg.PlotDataItem | pg.PlotCurveItem | pg.ScatterPlotItem):
                continue
            if not item.isVisible():
                continue
            x, y = item.getData()
            if x is None or y is None or len(x) == 0:
                continue
            x, y = np.asarray(x, float), np.asarray(y, float)
            if len(x) == len(y) + 1:  # a histogram's edges: its outline of steps
                x, y = np.repeat(x, 2)[1:-1], np.repeat(y, 2)
            if len(x) != len(y):
                continue
            x = (x - view.left()) * sx
            y = (view.bottom() - y) * sy
            markers = isinstance(item, pg.ScatterPlotItem) or (
                isinstance(item, pg.PlotDataItem)
                and (item.opts.get("pen") is None or item.opts.get("symbol") is not None)
            )
            if markers:
                parts.append(np.column_stack([x, y])[np.isfinite(x) & np.isfinite(y)])
            else:
                parts.append(line_points(x, y))
        return np.vstack(parts)

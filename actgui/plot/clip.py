"""A curve cut to a horizontal band before Qt strokes it.

Qt's raster engine strokes every segment of a path whole, however far outside the
widget it runs: a custom function's f′ oscillating between ±1e193 under a y-range of
a few units took 1.3–51 s per repaint (the window frozen), dashed pens the longest.
:func:`clip_to_band` replaces each segment by its part inside a band a little taller
than the view, so what is visible is exactly what the full curve draws.
"""

from __future__ import annotations

import numpy as np


def clip_to_band(
    x: np.ndarray, y: np.ndarray, lo: float, hi: float
) -> tuple[np.ndarray, np.ndarray]:
    """The polyline (``x``, ``y``) with every segment cut to ``lo ≤ y ≤ hi``.

    Each segment is replaced by its part inside the band (its end points moved along it
    to where it crosses ``lo`` or ``hi``); a segment wholly above or below becomes a
    piece of the band's edge, joining its neighbours' crossings on the same side, so the
    polyline stays one line and nothing is drawn inside the band that was not there.
    A non-finite point breaks the line as before (NaN, for ``connect="finite"``).
    Points of segments wholly inside are kept once, not doubled.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size < 2:
        return x.copy(), np.clip(y, lo, hi)
    x0, x1, y0, y1 = x[:-1], x[1:], y[:-1], y[1:]
    finite = np.isfinite(x0) & np.isfinite(x1) & np.isfinite(y0) & np.isfinite(y1)
    with np.errstate(all="ignore"):  # (non-finite points: dropped below)
        dy = y1 - y0
        t_lo, t_hi = (lo - y0) / dy, (hi - y0) / dy
    flat = dy == 0.0
    t_in = np.where(flat, 0.0, np.maximum(np.minimum(t_lo, t_hi), 0.0))
    t_out = np.where(flat, 1.0, np.minimum(np.maximum(t_lo, t_hi), 1.0))
    crosses = finite & (t_in <= t_out) & ~(flat & ((y0 < lo) | (y0 > hi)))
    # Inside a crossing segment, the ends at its crossings; outside, the ends on the edge
    # of their own side (both ends are on the same side: else it would cross).
    t_in = np.where(crosses, t_in, 0.0)
    t_out = np.where(crosses, t_out, 1.0)
    with np.errstate(all="ignore"):
        ax, bx = x0 + t_in * (x1 - x0), x0 + t_out * (x1 - x0)
    # An end moved to a crossing lies on the edge of its own side (decided by the side,
    # not by which crossing is nearer: the two may round to the same t).
    ay, by = np.clip(y0, lo, hi), np.clip(y1, lo, hi)
    ax[~finite] = ay[~finite] = bx[~finite] = by[~finite] = np.nan
    px = np.column_stack([ax, bx]).ravel()
    py = np.column_stack([ay, by]).ravel()
    # A segment's end point is the next one's start whenever neither moved it: once.
    keep = np.ones(px.size, dtype=bool)
    same = (px[1:-1:2] == px[2::2]) & (py[1:-1:2] == py[2::2])
    keep[1:-1:2] = ~same
    return px[keep], py[keep]


def outside(y: np.ndarray, lo: float, hi: float) -> bool:
    """Whether any finite value of ``y`` lies outside [``lo``, ``hi``]."""
    with np.errstate(invalid="ignore"):
        return bool(np.any((y < lo) | (y > hi)))


__all__ = ["clip_to_band", "outside"]

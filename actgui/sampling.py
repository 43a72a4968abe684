"""Sample grids for plotting: uniform, with every kink sampled exactly and jumps as gaps.

No Qt here: the plot view asks for arrays and hands them to pyqtgraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from actgui.activations import Activation

#: Extra width sampled beyond each side of the visible range, as a fraction of
#: it, so a small pan shows curve rather than empty space before re-sampling.
MARGIN = 0.05


def sample_grid(x_min: float, x_max: float, n: int, kinks: Iterable[float] = ()) -> np.ndarray:
    """``n`` evenly spaced points over [x_min, x_max], widened by ``MARGIN``, plus exact kinks.

    Each kink inside the sampled interval contributes three points: the float
    just below it, the kink itself and the float just above it, so a corner is
    drawn sharp at any zoom and a jump can be split into two one-sided pieces.
    """
    if n < 2:
        raise ValueError(f"need at least 2 samples, got {n}")
    pad = (x_max - x_min) * MARGIN
    lo, hi = x_min - pad, x_max + pad
    grid = np.linspace(lo, hi, n)
    inside = np.array([k for k in kinks if lo < k < hi], dtype=np.float64)
    if inside.size == 0:
        return grid
    extra = np.concatenate([np.nextafter(inside, -np.inf), inside, np.nextafter(inside, np.inf)])
    return np.unique(np.concatenate([grid, extra]))


def curve_values(
    act: Activation,
    order: int,
    x: np.ndarray,
    params: Mapping[str, float],
    jumps: Sequence[float] | None = None,
) -> np.ndarray:
    """The ``order``-th derivative of ``act`` on ``x``, NaN exactly at each jump.

    With ``connect="finite"`` the NaN breaks the line, so the left and right
    pieces end at the one-sided limits instead of being joined by a vertical
    segment that the function does not have. ``jumps`` saves recomputing
    ``act.jumps(order, **params)`` when the caller has it.
    """
    y = act.evaluate(order, x, **params)
    if jumps is None:
        jumps = act.jumps(order, **params)
    if jumps:
        idx = np.searchsorted(x, jumps)
        hit = idx < x.size
        idx = idx[hit]
        idx = idx[x[idx] == np.asarray(jumps)[hit]]
        y[idx] = np.nan
    return y

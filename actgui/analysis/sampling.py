"""Sample grids for plotting: uniform, with every kink sampled exactly and jumps as gaps.

No Qt here: the plot view asks for arrays and hands them to pyqtgraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from actgui.activations import Activation
from actgui.cancel import checkpoint
from actgui.validation import integer

#: Extra width sampled beyond each side of the visible range, as a fraction of
#: it, so a small pan shows curve rather than empty space before re-sampling.
MARGIN = 0.05


def sample_grid(x_min: float, x_max: float, n: int, kinks: Iterable[float] = ()) -> np.ndarray:
    """``n`` evenly spaced points over [x_min, x_max], widened by ``MARGIN``, plus exact kinks.

    Each kink inside the sampled interval contributes three points: the float
    just below it, the kink itself and the float just above it, so a corner is
    drawn sharp at any zoom and a jump can be split into two one-sided pieces.
    """
    n = integer("n", n, 2)
    pad = (x_max - x_min) * MARGIN
    lo, hi = x_min - pad, x_max + pad
    grid = np.linspace(lo, hi, n)
    inside = np.array([k for k in kinks if lo < k < hi], dtype=np.float64)
    if inside.size == 0:
        return grid
    extra = np.concatenate([np.nextafter(inside, -np.inf), inside, np.nextafter(inside, np.inf)])
    return _sorted_unique(np.concatenate([grid, extra]))


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique(x)`` for a 1-D float array, as numpy computes it (sorted, then each
    value unlike its predecessor), without its first call importing ``numpy.ma`` (20 ms
    of the first frame, measured)."""
    x = np.sort(x)
    keep = np.empty(x.shape, dtype=bool)
    keep[:1] = True
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    return x[keep]


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


@dataclass(frozen=True)
class Curves:
    """The curves of one function over one range: what the plot draws of it."""

    x: np.ndarray
    #: order → its values at ``x`` (NaN at jumps).
    values: dict[int, np.ndarray]
    #: order → (x, value at x) of its jumps inside the sampled range.
    jumps: dict[int, tuple[np.ndarray, np.ndarray]]


def curves_of(
    act: Activation,
    orders: Sequence[int],
    params: Mapping[str, float],
    x_min: float,
    x_max: float,
    n: int,
    number_format: str = "float64",
    **_worker: object,
) -> Curves:
    """The ``orders`` of ``act`` on one grid of ``n`` points (kinks included) over
    [x_min, x_max] widened by ``MARGIN``, and where each jumps (a worker's task too: the
    ``progress``/``cancelled`` a worker passes are not needed, it cancels between orders).

    With another ``number_format`` than float64 the values are computed in it
    (:func:`format_staircase`); the jumps stay the exact function's.
    """
    x = sample_grid(x_min, x_max, n, act.kinks(**params))
    values, jumps = {}, {}
    steps = None
    if number_format != "float64":
        from actgui.analysis.precision import format_staircase

        steps = format_staircase(act, orders, params, x[0], x[-1], n, number_format)
        x = steps[0]
    for order in orders:
        checkpoint()
        at = act.jumps(order, **params)
        if steps is not None:
            values[order] = steps[1][order]
        else:
            values[order] = curve_values(act, order, x, params, at)
        inside = np.array([k for k in at if x[0] < k < x[-1]], dtype=np.float64)
        jumps[order] = (inside, act.evaluate(order, inside, **params) if inside.size else inside)
    return Curves(x, values, jumps)


def vanishing_regions(
    act: Activation,
    params: Mapping[str, float],
    eps: float,
    x_min: float,
    x_max: float,
    n: int = 2001,
) -> list[tuple[float, float]]:
    """Intervals of [x_min, x_max] (widened by ``MARGIN``) where |f′(x)| < ``eps``.

    Found on a fine grid with the kinks in it, then each boundary is refined by
    bisection on the registry's own f′, so the edges do not depend on pixels.
    """
    x = sample_grid(x_min, x_max, n, act.kinks(**params))
    small = np.abs(act.derivative(x, **params)) < eps
    if not small.any():
        return []
    edges = np.flatnonzero(np.diff(small.astype(np.int8)))  # last index before each change
    starts = ([0] if small[0] else []) + [i + 1 for i in edges if small[i + 1]]
    ends = [i for i in edges if small[i]] + ([x.size - 1] if small[-1] else [])

    # Each boundary between a small index and its neighbour outside, bisected on f′ until
    # the midpoint is one of the two ends; all of them at once (one evaluation of f′ per
    # step for every boundary: one at a time took 80 ms for a formula with many).
    inner = [x[i] for i in starts if i != 0] + [x[j] for j in ends if j != x.size - 1]
    outer = [x[i - 1] for i in starts if i != 0] + [x[j + 1] for j in ends if j != x.size - 1]
    inside, outside = np.array(inner, dtype=np.float64), np.array(outer, dtype=np.float64)
    for _ in range(60):
        mid = 0.5 * (inside + outside)
        moving = (mid != inside) & (mid != outside)
        if not moving.any():
            break
        small_mid = np.abs(act.derivative(mid, **params)) < eps
        inside = np.where(moving & small_mid, mid, inside)
        outside = np.where(moving & ~small_mid, mid, outside)
    refined = iter(inside.tolist())
    lows = [float(x[0]) if i == 0 else next(refined) for i in starts]
    highs = [float(x[-1]) if j == x.size - 1 else next(refined) for j in ends]
    regions = list(zip(lows, highs, strict=True))
    return regions

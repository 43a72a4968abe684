"""Where a formula switches: the x of its kinks and jumps, found numerically.

The expressions whose sign change is a switch (:func:`switches`: the argument of abs and
relu, a − b of min and max, l − r of a where, u − k for each kink k of a registry
function) are evaluated on a fixed grid from −1e300 to 1e300, and every change of sign is
bisected to adjacent floats.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np

from actgui.activations.formula.calculus import depends
from actgui.activations.formula.numeric import evaluate
from actgui.activations.formula.tree import Node, children
from actgui.cancel import checkpoint


#: Where switch points are looked for: a dense grid near 0 and a logarithmic one far out.
@functools.cache
def _search_grid() -> np.ndarray:
    """Made on first use, not at import (it cost 20 ms of every start-up)."""
    near = np.linspace(-64.0, 64.0, 25601)
    far = np.logspace(-300.0, 300.0, 1201)
    grid = np.unique(np.concatenate([-far, [0.0], far, near]))
    grid.setflags(write=False)
    return grid


def switches(n: Node) -> list[Node]:
    """Expressions g(x) whose zeros are where the formula may switch: the argument of
    abs, relu, sign and step; a − b of min and max; l − r of a where; u − k for each
    kink k of a registry function."""
    out: list[Node] = []

    def walk(m: Node) -> None:
        kind = m[0]
        if kind == "call" and m[1] in ("abs", "relu", "sign", "step"):
            out.append(m[2])
        elif kind == "call" and m[1] in ("min", "max"):
            out.append(("sub", m[2], m[3]))
        elif kind == "where":
            out.append(("sub", m[1][1], m[1][2]))
        elif kind == "reg":
            out.append(("reg-kinks", m[1], m[3]))
        for child in children(m):
            walk(child)

    walk(n)
    return out


#: Most switch points kept per switching expression (those nearest 0): a formula that
#: switches more often is no activation one can look at (abs(sin(1e9·x))).
MAX_KINKS = 200


def kink_positions(
    n: Node, params: Mapping[str, float], registry: Mapping | None = None
) -> tuple[float, ...]:
    """Every x at which a switching expression g of the tree changes sign, found on a grid
    from −1e300 to 1e300 (dense on [−64, 64]) and bisected to adjacent floats: where g > 0
    starts or stops holding, and where g < 0 does (a run of exact zeros between, as x³
    underflowing near 0, gives both its ends). At most ``MAX_KINKS`` per expression."""
    found: set[float] = set()
    for g in switches(n):
        if g[0] == "reg-kinks":
            key, u = g[1], g[2]
            for k in registry[key].kinks():
                found.update(_switch_points(("sub", u, ("num", k)), params, registry))
        else:
            found.update(_switch_points(g, params, registry))
    return tuple(sorted(found))


def _switch_points(g: Node, params, registry) -> list[float]:
    if not depends(g):
        return []
    grid = _search_grid()
    values = np.broadcast_to(evaluate(g, grid, params, registry), grid.shape)
    ok = np.isfinite(values)
    # Cells where g > 0 starts or stops holding, then those where g < 0 does (most are
    # the same cells: bisected side by side, each step one evaluation for both).
    found, sides = [], []
    for side in (np.greater, np.less):
        holds = side(values, 0.0)
        cells = np.flatnonzero(ok[:-1] & ok[1:] & (holds[:-1] != holds[1:]))
        if cells.size > MAX_KINKS:
            cells = cells[np.argsort(np.abs(grid[cells]))[:MAX_KINKS]]
        found.append(cells)
        sides.append(np.full(cells.size, side is np.greater))
    cells, greater = np.concatenate(found), np.concatenate(sides)
    if not cells.size:
        return []
    left = np.where(greater, values[cells] > 0.0, values[cells] < 0.0)
    # Bisected on the floats' order (their bit patterns as integers), not their values:
    # adjacent floats in at most 64 halvings from anywhere (halving values took up to
    # ~2100 from ±1e300).
    lo, hi = _ordinal(grid[cells]), _ordinal(grid[cells + 1])
    for _ in range(70):
        checkpoint()
        open_ = hi - lo > 1
        if not open_.any():
            break
        mid = (lo >> 1) + (hi >> 1) + (lo & hi & 1)  # (no overflow)
        v = np.broadcast_to(evaluate(g, _from_ordinal(mid), params, registry), mid.shape)
        same = np.where(greater, v > 0.0, v < 0.0) == left
        lo = np.where(open_ & same, mid, lo)
        hi = np.where(open_ & ~same, mid, hi)
    lo, hi = _from_ordinal(lo), _from_ordinal(hi)
    # Of the two floats around the switch, the one where |g| is smaller (g = 0 exactly
    # on a kink that is a float, like x = α in abs(x − α)).
    vl = np.abs(np.broadcast_to(evaluate(g, lo, params, registry), lo.shape))
    vh = np.abs(np.broadcast_to(evaluate(g, hi, params, registry), hi.shape))
    return [float(v) for v in np.where(vl <= vh, lo, hi)]


_MAGNITUDE = np.int64(0x7FFF_FFFF_FFFF_FFFF)


def _ordinal(x: np.ndarray) -> np.ndarray:
    """Each float's place in the order of all floats, as an int64 (−0 and +0 both 0)."""
    bits = np.ascontiguousarray(x, dtype=np.float64).view(np.int64)
    return np.where(bits < 0, -(bits & _MAGNITUDE), bits)


def _from_ordinal(k: np.ndarray) -> np.ndarray:
    """The floats at places ``k`` (:func:`_ordinal`'s inverse; +0 for 0)."""
    k = np.asarray(k, dtype=np.int64)
    return np.where(k < 0, -np.abs(k).view(np.float64), k.view(np.float64))

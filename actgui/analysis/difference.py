"""How far one activation strays from another: the largest difference, where, and the L2
distance over an interval (GELU against its tanh approximation, SiLU against Hardswish…).

Qt-free. The largest |f_a − f_b| is found exactly: a grid only brackets the extrema,
then a root finder (Brent's) solves (f_a − f_b)′ = 0 in each bracket, with the
registry's next derivative; for f″ (whose derivative the registry does not have) the
bracketed maximum is refined by Brent's bounded search on |f_a″ − f_b″| itself. The
ends of the interval and every kink of either function are candidates too.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from actgui.activations import REGISTRY, check_order
from actgui.cancel import checkpoint
from actgui.validation import number

#: Grid points that bracket the extrema (between two kinks at most this many apart).
BRACKETS = 4097


@dataclass(frozen=True)
class Difference:
    """The largest |f_a − f_b| of the ``order``-th derivatives on [x_min, x_max], the x
    where it is (the leftmost if several), f_a − f_b there (signed) and the L2 distance
    √∫(f_a − f_b)² dx."""

    key_a: str
    key_b: str
    order: int
    x_min: float
    x_max: float
    max_abs: float
    at: float
    signed: float
    l2: float


def max_difference(
    key_a: str,
    key_b: str,
    x_min: float,
    x_max: float,
    order: int = 0,
    params_a: Mapping[str, float] | None = None,
    params_b: Mapping[str, float] | None = None,
) -> Difference:
    """The largest difference between ``key_a`` and ``key_b`` (their ``order``-th
    derivatives, at ``params_a`` / ``params_b``, defaults where None) on [x_min, x_max],
    where it occurs, and their L2 distance there.

    ``ValueError`` for an empty or infinite interval or bad parameters, ``KeyError``
    for an unknown function.
    """
    from scipy import integrate, optimize  # lazily: scipy costs start-up time

    order = check_order(order)
    x_min = number("x_min", x_min, -1e300, 1e300)
    x_max = number("x_max", x_max, -1e300, 1e300)
    if not x_min < x_max:
        raise ValueError(f"x_min must be below x_max, got {x_min!r} and {x_max!r}")
    acts = [REGISTRY[k] for k in (key_a, key_b)]  # KeyError names the key
    pa = acts[0].resolve(**(params_a or {}))
    pb = acts[1].resolve(**(params_b or {}))

    def diff(x, k=order):
        x = np.asarray(x, dtype=np.float64)
        return acts[0].evaluate(k, x, **pa) - acts[1].evaluate(k, x, **pb)

    kinks = sorted({k for k in (*acts[0].kinks(**pa), *acts[1].kinks(**pb)) if x_min < k < x_max})
    edges = [x_min, *kinks, x_max]
    # Each kink and the floats beside it (a one-sided limit may be the largest).
    near = [v for k in kinks for v in (np.nextafter(k, -np.inf), k, np.nextafter(k, np.inf))]
    candidates = [x_min, x_max, *near]
    with np.errstate(all="ignore"):
        for lo, hi in itertools.pairwise(edges):
            checkpoint()  # (on a worker: a formula of your own may be slow)
            grid = np.linspace(lo, hi, BRACKETS)
            values = np.abs(diff(grid))
            candidates.append(float(grid[int(np.nanargmax(values))]))
            if order < 2:
                slope = diff(grid, order + 1)
                candidates.extend(grid[slope == 0.0].tolist())
                change = np.flatnonzero(np.sign(slope[:-1]) * np.sign(slope[1:]) < 0)
                for i in change:
                    root = optimize.brentq(
                        lambda t: float(diff(t, order + 1)),
                        grid[i],
                        grid[i + 1],
                        xtol=1e-300,
                        rtol=4 * np.finfo(float).eps,
                        maxiter=200,
                    )
                    candidates.append(root)
            else:
                inner = (
                    np.flatnonzero((values[1:-1] >= values[:-2]) & (values[1:-1] >= values[2:])) + 1
                )
                for i in inner:
                    found = optimize.minimize_scalar(
                        lambda t: -abs(float(diff(t))),
                        bounds=(grid[i - 1], grid[i + 1]),
                        method="bounded",
                        options={"xatol": 1e-14 * max(1.0, abs(grid[i]))},
                    )
                    candidates.append(float(found.x))
        xs = np.array(candidates, dtype=np.float64)
        ds = diff(xs)
    finite = np.isfinite(ds)
    if not finite.any():
        raise ValueError("the two functions' difference is not finite anywhere on the interval")
    size = np.where(finite, np.abs(ds), -1.0)
    best = float(size.max())
    # The leftmost of the largest (ties are common where both are linear).
    i = int(np.flatnonzero(size == best)[np.argmin(xs[size == best])])
    pieces = 0.0
    with np.errstate(all="ignore"):
        for lo, hi in itertools.pairwise(edges):
            checkpoint()
            # (full_output: a message, not a warning, where quad doubts its accuracy)
            value, *_ = integrate.quad(
                lambda t: float(diff(t)) ** 2, lo, hi, limit=200, epsrel=1e-12, full_output=1
            )
            pieces += value
    return Difference(
        key_a, key_b, order, x_min, x_max, best, float(xs[i]), float(ds[i]), math.sqrt(pieces)
    )


__all__ = ["BRACKETS", "Difference", "max_difference"]

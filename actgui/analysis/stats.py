"""What an activation does to a Gaussian input: moments, gradient moments and dead fractions.

For z ~ N(mu, sigma²), :func:`gaussian_stats` gives E[f(z)], SD[f(z)], E[f(z)²],
P(f(z) = 0), E[f′(z)], E[f′(z)²], P(f′(z) = 0) and P(|f′(z)| < eps). No Qt, and
no Monte Carlo: every number is deterministic.

How
---
*Expectations* are integrals in the standardised variable t = (x − mu)/sigma
against the normal density φ(t), over t ∈ [−38, 38] (φ is below 1e−313
beyond; every registry function grows at most linearly). The interval is cut
at fixed points and at the function's kinks (``act.kinks``, which include every
jump), so the integrand is analytic on each piece, and each piece is integrated
by an adaptive Gauss–Legendre rule: a piece is accepted when the 10-point rule
on it and on its two halves agree to 1e−13 of ∫|g|φ, else it is halved. All
pieces of a pass are evaluated in one vectorised call. The standard deviation
is a second pass over the accepted nodes, Σ w (f − mean)², so it does not
cancel. Against mpmath the moments agree to about 1e−15 relative (the tests ask
for 1e−9). A fast oscillation (sinc or snake with sigma in the hundreds) stops
being refined at 1000 pieces, which bounds the time (tens of ms) but not the
error there.

*Probabilities* are normal masses of sets found as intervals:

- f = 0 (and f′ = 0): between two kinks each formula is analytic, so it is
  either identically zero on the piece or zero at isolated points only (measure
  zero, like tanh at 0). A piece counts when f is exactly 0 at six points inside
  it. This also keeps float underflow (sigmoid far left) from counting as zero.
- |f′| < eps: f′ and f″ are sampled on a fine grid (0.01·sigma over
  mu ± 10·sigma, plus 0.01 over |x| ≤ 64 when sigma > 1, plus both sides of
  every kink). Each zero of f′ and f″ between grid points (a place where |f′|
  can dip or peak) is located by bisection and added, so that |f′| is monotone
  between neighbouring points; each boundary of the set is then found by
  bisection on the registry's own f′. Beyond mu ± 10·sigma (mass < 2e−23) the
  set is taken to continue as it is at the window's edge.

Masses come from ``scipy.special.ndtr`` on whichever side keeps the digits, and
a set that is empty or the whole line gives exactly 0 or 1.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from actgui.activations import REGISTRY, Activation
from actgui.validation import number

F = TypeVar("F", bound=Callable)

#: |t| beyond which the standard normal density is below 1e−313 (the tails are dropped).
T_MAX = 38.0
#: Fixed cuts of [−T_MAX, T_MAX] in t; the kinks (mapped to t) are added to them.
_CUTS = np.array(
    [-38, -20, -12, -9, -7, -5.5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5.5, 7, 9, 12, 20, 38],
    dtype=np.float64,
)
_GL_X, _GL_W = np.polynomial.legendre.leggauss(10)
#: x positions that grade the cuts where sigma is large (see ``_pieces``); sorted by size.
_LANDMARKS = np.array([-0.1, 0.1, -0.5, 0.5, -2.0, 2.0, -8.0, 8.0])
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
#: Relative tolerance of one piece (against ∫|g|φ over it) and of the whole (against E|g|).
_RTOL = 1e-13
_ATOL_REL = 1e-15
#: At most this many halvings of a piece.
_MAX_PASSES = 48
#: Half-width of the window (in sigmas) searched for the set |f′| < eps.
T_SET = 10.0
#: Grid spacing for that search: in t (times sigma), and in x near the origin.
_SET_DT = 0.01
_SET_DX = 0.01
_SET_X = 64.0
#: Points inside a piece between kinks at which "identically zero" is tested.
_FINITE_AT = np.array([0.0123, 0.2718, 0.5, 0.7071, 0.9876])
_OFFSETS = np.array([0.0123, 0.2718, 0.5, 1.37, 3.14, 7.7])
_WHOLE_LINE = np.array([-3.1, -0.7, 0.0123, 0.37, 1.6, 4.2])

#: An integrand: ``g(x, t) -> array (m, n)``: m functions at the n points x = mu + sigma·t.
Integrand = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class GaussianStats:
    """Statistics of f(z) and f′(z) for z ~ N(mu, sigma²) (see :func:`gaussian_stats`)."""

    mean: float
    std: float
    second_moment: float
    zero_output_fraction: float
    mean_gradient: float
    mean_sq_gradient: float
    zero_gradient_fraction: float
    small_gradient_fraction: float


# ---------------------------------------------------------------------------
# Entry points: warnings and the activation (their arguments: actgui.validation)
# ---------------------------------------------------------------------------


def quiet(fn: F) -> F:
    """Run an analysis entry point without numpy's floating-point warnings: a function of
    your own may overflow (x·1e300) or be undefined (x/a at a = 0) where the quadrature
    looks; the results then say so by being inf or NaN, which the views show as such,
    instead of RuntimeWarnings printed on the console (or, in the tests, raised)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def activation(key: str | Activation) -> Activation:
    """The registry entry ``key``; ``KeyError`` naming it if there is none. An
    :class:`Activation` is taken as it is: a worker given one computes with that very
    function even if the registry changes meanwhile (a function of your own edited)."""
    if isinstance(key, Activation):
        return key
    try:
        return REGISTRY[key]
    except (KeyError, TypeError):
        raise KeyError(f"no activation {key!r} is registered") from None


# ---------------------------------------------------------------------------
# Quadrature
# ---------------------------------------------------------------------------


def _phi(t: np.ndarray) -> np.ndarray:
    return _INV_SQRT_2PI * np.exp(-0.5 * t * t)


def _pieces(mu: np.ndarray, sigma: np.ndarray, kinks: np.ndarray):
    """Initial pieces (a, b, row) in t for every row: fixed cuts plus the kinks.

    Where sigma is large, the functions' features near x = 0 (their natural scale
    is about 1) shrink in t: cuts at x = ±0.1, ±0.5, ±2 and ±8 that fall inside
    |t| < 1 grade the pieces towards them, saving halvings.
    """
    if kinks.size == 0 and np.all(sigma <= _LANDMARKS[-1]):
        n = _CUTS.size - 1
        rows = mu.size
        return np.tile(_CUTS[:-1], rows), np.tile(_CUTS[1:], rows), np.repeat(np.arange(rows), n)
    a, b, row = [], [], []
    for r in range(mu.size):
        tk = (np.concatenate([kinks, _LANDMARKS]) - mu[r]) / sigma[r]
        keep = np.abs(tk) < T_MAX
        keep[kinks.size :] &= np.abs(tk[kinks.size :]) < 1.0
        cuts = np.unique(np.concatenate([_CUTS, tk[keep]]))
        a.append(cuts[:-1])
        b.append(cuts[1:])
        row.append(np.full(cuts.size - 1, r))
    return np.concatenate(a), np.concatenate(b), np.concatenate(row)


def _rule(g: Integrand, a, b, row, mu, sigma):
    """10-point Gauss–Legendre estimates of ∫ g φ and ∫ |g| φ over each piece: (m, P) each."""
    half = 0.5 * (b - a)
    t = (0.5 * (a + b))[:, None] + half[:, None] * _GL_X
    x = mu[row][:, None] + sigma[row][:, None] * t
    w = half[:, None] * _GL_W * _phi(t)
    values = np.asarray(g(x.ravel(), t.ravel()), dtype=np.float64)
    values = values.reshape(values.shape[0], *t.shape)
    with np.errstate(invalid="ignore", over="ignore"):
        weighted = values * w
        return weighted.sum(axis=-1), np.abs(weighted).sum(axis=-1), values, w


def integrate(
    g: Integrand,
    mu: np.ndarray | float,
    sigma: np.ndarray | float,
    kinks: tuple[float, ...] | np.ndarray = (),
    keep: bool = False,
    max_pieces: int = 1000,
) -> np.ndarray | tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """∫ g(mu + sigma·t, t) φ(t) dt for each row (mu_r, sigma_r): an array (m, rows).

    Adaptive Gauss–Legendre on [−38, 38] cut at fixed points and at ``kinks``
    (x positions, mapped to t per row). Once more than ``max_pieces`` pieces per row
    would need halving (a fast oscillation, as sinc or snake far out), the
    current estimates are accepted. With ``keep``, also returns the accepted
    nodes' weights and values, ``(weights (N,), values (m, N), rows (N,))``, so
    that further integrands of the same values cost no evaluation.
    """
    mu, sigma = (
        np.array(v, dtype=np.float64)
        for v in np.broadcast_arrays(np.atleast_1d(mu), np.atleast_1d(sigma))
    )
    a, b, row = _pieces(mu, sigma, np.asarray(kinks, dtype=np.float64))
    whole, scale_parts, _, _ = _rule(g, a, b, row, mu, sigma)
    m = whole.shape[0]
    scale = np.zeros((m, mu.size))
    np.add.at(scale.T, row, scale_parts.T)
    atol = _ATOL_REL * scale  # per function and row
    total = np.zeros((m, mu.size))
    kept_w, kept_v, kept_r = [], [], []
    for passes in range(_MAX_PASSES):
        mid = 0.5 * (a + b)
        ha = np.concatenate([a, mid])
        hb = np.concatenate([mid, b])
        hrow = np.concatenate([row, row])
        est, absolute, values, w = _rule(g, ha, hb, hrow, mu, sigma)
        p = a.size
        left, right = est[:, :p], est[:, p:]
        halves = left + right
        with np.errstate(invalid="ignore", over="ignore"):
            err = np.abs(halves - whole)
            limit = _RTOL * (absolute[:, :p] + absolute[:, p:]) + atol[:, row]
            ok = np.all((err <= limit) | ~np.isfinite(err), axis=0)
        if passes == _MAX_PASSES - 1 or np.count_nonzero(~ok) > max_pieces * mu.size:
            ok[:] = True
        if ok.any():
            np.add.at(total.T, row[ok], halves[:, ok].T)
            if keep:
                both = np.concatenate([ok, ok])
                kept_w.append(w[both].ravel())
                kept_v.append(values[:, both, :].reshape(m, -1))
                kept_r.append(np.repeat(hrow[both], _GL_X.size))
        if ok.all():
            break
        bad = ~ok
        a = np.concatenate([a[bad], mid[bad]])
        b = np.concatenate([mid[bad], b[bad]])
        row = np.concatenate([row[bad], row[bad]])
        whole = np.concatenate([left[:, bad], right[:, bad]], axis=1)
    if keep:
        return total, (
            np.concatenate(kept_w),
            np.concatenate(kept_v, axis=1),
            np.concatenate(kept_r),
        )
    return total


# ---------------------------------------------------------------------------
# Sets and their normal masses
# ---------------------------------------------------------------------------


_SQRT1_2 = 0.7071067811865476


def ndtr(x: float) -> float:
    """Φ(x), the standard normal CDF, for one number: cephes' ``ndtr`` (scipy's) with the
    C library's erf and erfc, without importing scipy.special for it (0.18 s on the GUI
    thread at the first drag, for the details' sentences)."""
    u = x * _SQRT1_2
    z = abs(u)
    if z < _SQRT1_2:
        return 0.5 + 0.5 * math.erf(u)
    y = 0.5 * math.erfc(z)
    return 1.0 - y if u > 0.0 else y


def normal_mass(intervals: list[tuple[float, float]], mu: float, sigma: float) -> float:
    """P(a ≤ z ≤ b summed over ``intervals``) for z ~ N(mu, sigma²), from the digit-keeping side."""
    total = 0.0
    for a, b in intervals:
        ta = (a - mu) / sigma if math.isfinite(a) else a
        tb = (b - mu) / sigma if math.isfinite(b) else b
        if ta == -math.inf and tb == math.inf:
            total += 1.0
        elif ta >= 0.0:
            total += float(ndtr(-ta) - ndtr(-tb))
        elif tb <= 0.0:
            total += float(ndtr(tb) - ndtr(ta))
        else:  # straddles the mean: 1 − both tails
            total += float(1.0 - ndtr(ta) - ndtr(-tb))
    return min(max(total, 0.0), 1.0)


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def piece_points(a: float, b: float) -> np.ndarray:
    """A few points spread strictly inside the piece (a, b) between two kinks (either end
    may be infinite): where a piece is probed for being identically 0 or constant."""
    if math.isinf(a) and math.isinf(b):
        return _WHOLE_LINE
    if math.isinf(a):
        return b - _OFFSETS
    if math.isinf(b):
        return a + _OFFSETS
    pts = a + (b - a) * _FINITE_AT
    return pts[(pts > a) & (pts < b)]


def zero_set(act: Activation, order: int, params: dict[str, float]) -> list[tuple[float, float]]:
    """The intervals on which the ``order``-th derivative is identically 0 (up to a null set).

    Between consecutive kinks each formula is analytic: a piece on which it is 0
    at six spread points is taken as identically zero; isolated zeros (tanh at 0)
    form a null set and are left out.
    """
    kinks = np.asarray(act.kinks(**params), dtype=np.float64)
    ends = np.concatenate([[-np.inf], kinks, [np.inf]])
    probes, owner = [], []
    for i in range(ends.size - 1):
        pts = piece_points(float(ends[i]), float(ends[i + 1]))
        if pts.size == 0:
            continue
        probes.append(pts)
        owner.append(np.full(pts.size, i))
    if not probes:
        return []
    x = np.concatenate(probes)
    which = np.concatenate(owner)
    nonzero = act.evaluate(order, x, **params) != 0.0
    dead = np.ones(ends.size - 1, dtype=bool)
    dead[np.unique(which[nonzero])] = False
    present = np.zeros(ends.size - 1, dtype=bool)
    present[np.unique(which)] = True
    dead &= present
    return _merge([(float(ends[i]), float(ends[i + 1])) for i in np.flatnonzero(dead)])


def _bisect_roots(fn, lo: np.ndarray, hi: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Vectorised bisection for sign changes of ``fn`` in [lo, hi] (fn(lo)·fn(hi) < 0)."""
    if lo.size == 0:
        return lo
    side = np.sign(fn(lo))
    lo, hi = lo.copy(), hi.copy()
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        if np.all((mid == lo) | (mid == hi)):
            break
        same = np.sign(fn(mid)) == side
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    return 0.5 * (lo + hi)


def _bisect_edges(pred, inside: np.ndarray, outside: np.ndarray, iterations: int = 60):
    """Vectorised bisection of a predicate's boundary: pred(inside) True, pred(outside) False."""
    if inside.size == 0:
        return inside
    inside, outside = inside.copy(), outside.copy()
    for _ in range(iterations):
        mid = 0.5 * (inside + outside)
        if np.all((mid == inside) | (mid == outside)):
            break
        hit = pred(mid)
        inside = np.where(hit, mid, inside)
        outside = np.where(hit, outside, mid)
    return inside


def small_gradient_set(
    act: Activation, params: dict[str, float], mu: float, sigma: float, eps: float
) -> list[tuple[float, float]]:
    """Intervals where |f′(x)| < eps, over mu ± 10·sigma and continued beyond as at its edges."""
    lo, hi = mu - T_SET * sigma, mu + T_SET * sigma
    grids = [mu + sigma * np.linspace(-T_SET, T_SET, round(2 * T_SET / _SET_DT) + 1)]
    if sigma > 1.0:
        a, b = max(lo, -_SET_X), min(hi, _SET_X)
        if a < b:
            grids.append(np.arange(a, b, _SET_DX))
    kinks = np.asarray([k for k in act.kinks(**params) if lo < k < hi], dtype=np.float64)
    below, above = np.nextafter(kinks, -np.inf), np.nextafter(kinks, np.inf)
    x = np.unique(np.concatenate([*grids, below, above]))
    x = x[(x >= lo) & (x <= hi) & ~np.isin(x, kinks)]  # kinks: their neighbours stand in

    def d1(v: np.ndarray) -> np.ndarray:
        return act.evaluate(1, v, **params)

    def d2(v: np.ndarray) -> np.ndarray:
        return act.evaluate(2, v, **params)

    # Cells that straddle a kink (its two neighbouring floats) hold no extremum to find.
    smooth = ~np.isin(x[:-1], below)
    g1, g2 = d1(x), d2(x)
    extra = []
    for values, fn in ((g1, d1), (g2, d2)):
        cells = np.flatnonzero(smooth & (np.sign(values[:-1]) * np.sign(values[1:]) < 0))
        extra.append(_bisect_roots(fn, x[cells], x[cells + 1], iterations=50))
    if extra[0].size or extra[1].size:
        x = np.unique(np.concatenate([x, *extra]))
        g1 = d1(x)
    small = np.abs(g1) < eps
    if not small.any():
        return []
    if small.all():
        return [(-math.inf, math.inf)]
    change = np.flatnonzero(small[:-1] != small[1:])
    left_in = small[change]
    inside = np.where(left_in, x[change], x[change + 1])
    outside = np.where(left_in, x[change + 1], x[change])
    edges = _bisect_edges(lambda v: np.abs(d1(v)) < eps, inside, outside)
    # Cells around a kink: the edge is the kink itself.
    at_kink = np.isin(x[change], below)
    edges = np.where(at_kink, np.nextafter(x[change], np.inf), edges)
    starts = ([-math.inf] if small[0] else []) + [
        float(e) for e, li in zip(edges, left_in, strict=True) if not li
    ]
    ends = [float(e) for e, li in zip(edges, left_in, strict=True) if li] + (
        [math.inf] if small[-1] else []
    )
    return list(zip(starts, ends, strict=True))


# ---------------------------------------------------------------------------
# The statistics
# ---------------------------------------------------------------------------


def _moments(act: Activation, params: dict[str, float], mu: float, sigma: float):
    """E[f], E[f²], E[f′], E[f′²] and Var f (two-pass, on the accepted nodes)."""

    def g(x: np.ndarray, _t: np.ndarray) -> np.ndarray:
        f = act.evaluate(0, x, **params)
        d = act.evaluate(1, x, **params)
        with np.errstate(over="ignore"):
            return np.stack([f, f * f, d, d * d])

    total, (w, values, _) = integrate(g, mu, sigma, act.kinks(**params), keep=True)
    mean, second, grad, grad2 = (float(v) for v in total[:, 0])
    with np.errstate(over="ignore", invalid="ignore"):
        var = float(np.sum(w * (values[0] - mean) ** 2)) if math.isfinite(mean) else math.inf
    return mean, second, grad, grad2, var


@quiet
def gaussian_stats(
    key: str, mu: float = 0.0, sigma: float = 1.0, eps: float = 0.01, **params: float
) -> GaussianStats:
    """Moments of f(z) and f′(z) and dead fractions for z ~ N(mu, sigma²), by quadrature."""
    act = activation(key)
    mu = number("mu", mu)
    sigma = number("sigma", sigma, 0.0, low_open=True)
    eps = number("eps", eps, 0.0, low_open=True)
    p = act.resolve(**params)
    mean, second, grad, grad2, var = _moments(act, p, mu, sigma)
    std = math.sqrt(var) if var > 0.0 else 0.0
    return GaussianStats(
        mean=mean,
        std=std,
        second_moment=second,
        zero_output_fraction=normal_mass(zero_set(act, 0, p), mu, sigma),
        mean_gradient=grad,
        mean_sq_gradient=grad2,
        zero_gradient_fraction=normal_mass(zero_set(act, 1, p), mu, sigma),
        small_gradient_fraction=normal_mass(small_gradient_set(act, p, mu, sigma, eps), mu, sigma),
    )

"""The mean-field maps' fixed points, χ₁ and the edge of chaos (no Qt).

See :mod:`actgui.analysis.meanfield` for the maps V and C.

Which fixed point
-----------------
``q_star`` is the **largest** fixed point of V on [0, ∞), found by scanning
V(q) − q over q ∈ {0} ∪ [1e−8, 1e24] (two points a decade; for a bounded f only
up to 1.5·(σ_w² sup f² + σ_b²), beyond which V(q) < q) and refining the last
sign change with ``brentq`` — never by iterating V, which cannot reach a
repelling fixed point. Where |V(q) − q| ≤ 1e−11·q (the quadrature's error) no
sign is read; two fixed points closer than a factor √10 with V − q of one sign
around them (a near-tangency) can be missed.

Lengths above q* settle on it when it is stable (``slope`` = V′(q*) < 1). When
it is repelling (``slope`` > 1) it is the threshold above which lengths grow
without bound, and lengths below it fall to a smaller, stable fixed point. The
largest is chosen over "the stable one reached from q = 1" because at χ₁ = 1,
V′(q*) = 1 + σ_w² E[f f″], which is > 1 for SiLU, GELU and their kin: all their
edge-of-chaos points are repelling fixed points, so a rule keeping only stable
ones would give them no edge of chaos (and would jump as q = 1 crosses the
threshold). Every other number refers to this q*.
Special cases:

- no fixed point, or only q = 0 with V(q) > q for every q > 0 (ReLU with
  σ_w² > 2 and σ_b = 0; ReLU with σ_w² = 2 and σ_b > 0): every non-zero input
  grows without bound: ``q_star = inf``, ``phase = "unbounded"`` and every other
  field NaN;
- V(q) = q for every q (a positively homogeneous f at its critical σ_w with
  σ_b = 0: ReLU at σ_w² = 2, identity at σ_w = 1): every length is kept, the
  others do not depend on it, and ``q_star`` is reported as 1 (an input of unit
  variance);
- q* = 0 (tanh with σ_w ≤ 1, σ_b = 0): values there are the limits q → 0⁺
  (χ₁ = σ_w² f′(0)², the mean of the one-sided squares at a kink).

The numbers
-----------
``chi`` is χ₁ = σ_w² E[f′(√q* z)²] (f′ almost everywhere: a jump of f does not
count), ``phase`` is "ordered" for χ₁ < 1 − 1e−9, "critical" within 1e−9 of 1,
"chaotic" above. ``c_star`` is the stable fixed point of C reached from
correlations just below 1. By Mehler's formula C is a power series in c with
non-negative coefficients, so C(c) − c is convex on [0, 1]; with C(1) = 1 and
C′(1) = χ₁ this gives c* = 1 when χ₁ ≤ 1 (within the tolerance) and otherwise
the single root of C(c) = c in [0, 1), found by a safeguarded Newton iteration
started at the root of Mehler's series cut at 24 terms (left of c*, since the
dropped terms are ≥ 0; Newton on a convex function then climbs without
overshooting, usually in one or two steps).
A function with a jump (step, threshold, hardshrink) has C′(1) = ∞, so there
c* < 1 whatever χ₁ says. ``chi_c`` = C′(c*) = σ_w² E[f′(u₁) f′(u₂)] (with the
jumps' delta terms), equal to χ₁ at c* = 1, and ``depth_scale`` ξ_c = −1/ln χ_c
(inf where χ_c is within 1e−9 of 1, 0 where χ_c = 0).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from actgui.analysis.meanfield.gaussian import _Q_GRID, _Model, _pair
from actgui.analysis.stats import quiet
from actgui.validation import number

#: |χ − 1| below this is "critical" (and the depth scale infinite).
CRITICAL_TOL = 1e-9
#: Relative size of V(q) − q below which V(q) = q is taken to hold for every q.
_CONTINUUM_TOL = 1e-11
#: Terms of Mehler's series used for the first guess of c*.
_MEHLER_TERMS = 24


@dataclass(frozen=True)
class SignalPropagation:
    """The mean-field fixed points and their slopes (see :func:`signal_propagation`)."""

    q_star: float
    slope: float
    chi: float
    c_star: float
    chi_c: float
    depth_scale: float
    phase: str


# ---------------------------------------------------------------------------
# The length map's fixed point
# ---------------------------------------------------------------------------


def _length_fixed_point(model: _Model, w2: float, b2: float) -> float:
    """The largest fixed point of V (inf if none but a repelling 0; 1.0 if V(q) = q for all q)."""
    from scipy.optimize import brentq

    qs = np.concatenate([[0.0], model.q_grid(w2, b2)])
    with np.errstate(over="ignore", invalid="ignore"):
        d = w2 * model.moments(qs, ("f2",))[0] + b2 - qs
    # |V(q) − q| within the quadrature's error of q: no sign can be read there.
    noise = np.abs(d) <= _CONTINUUM_TOL * qs
    if d[0] == 0.0 and np.all(noise[1:]):
        return 1.0
    s = np.sign(np.where(np.isfinite(d), d, 1.0))
    s[1:][noise[1:]] = 0.0
    known = np.flatnonzero(s != 0.0)
    pairs = [(i, j) for i, j in itertools.pairwise(known) if s[i] != s[j]]
    if pairs:
        i, j = pairs[-1]

        def excess(q: float) -> float:
            return w2 * float(model.moments(np.array([q]), ("f2",))[0, 0]) + b2 - q

        return float(brentq(excess, qs[i], qs[j], xtol=1e-300, rtol=1e-15, maxiter=300))
    if d[0] == 0.0 and known.size and np.all(s[known] < 0.0):
        return 0.0  # q = 0 attracts every length (tanh with σ_w ≤ 1, σ_b = 0)
    return math.inf


def _correlation_fixed_point(
    model: _Model, w2: float, b2: float, q: float, chi: float
) -> tuple[float, float]:
    """(c*, C′(c*)) for the correlation map at length q (see the module notes)."""
    if q == 0.0 or not (model.jumps.size or chi > 1.0 + CRITICAL_TOL):
        return 1.0, chi

    def g_and_slope(c: float) -> tuple[float, float]:
        ff, dd = _pair(model, q, c, derivative=True)
        return (w2 * ff + b2) / q - c, w2 * dd - 1.0

    coef = model.hermite(q, _MEHLER_TERMS)
    if w2 * coef[0] + b2 == 0.0:  # C(0) = 0: c* = 0 (an odd f without bias)
        return 0.0, g_and_slope(0.0)[1] + 1.0
    # Start from the root of the truncated series: it lies left of c* (the dropped terms
    # are ≥ 0), where Newton on the convex C(c) − c climbs to c* without overshooting.
    powers = np.arange(coef.size)
    c = 0.0
    for _ in range(100):
        value = (w2 * np.sum(coef * c**powers) + b2) / q - c
        slope = w2 * np.sum(powers[1:] * coef[1:] * c ** powers[:-1]) / q - 1.0
        if not (value > 0.0 and slope < 0.0):
            break
        nxt = c - value / slope
        if not nxt < 1.0 or nxt - c <= 1e-12:
            break
        c = nxt
    lo, hi = 0.0, 1.0
    for _ in range(60):
        g, slope = g_and_slope(c)
        if g == 0.0:
            return float(c), slope + 1.0
        if g > 0.0:
            lo = c
        else:
            hi = c
        step = c - g / slope if slope < 0.0 else math.nan
        if g > 0.0 and step >= 1.0:  # the root is within rounding of 1
            return 1.0, slope + 1.0
        nxt = step if lo < step < hi else 0.5 * (lo + hi)
        if abs(nxt - c) <= 1e-10:  # Newton's next error is far below the quadrature's
            return float(nxt), slope + 1.0
        c = nxt
    return float(c), g_and_slope(c)[1] + 1.0


# ---------------------------------------------------------------------------
# Signal propagation and the edge of chaos
# ---------------------------------------------------------------------------


def _phase(chi: float) -> str:
    if abs(chi - 1.0) <= CRITICAL_TOL:
        return "critical"
    return "ordered" if chi < 1.0 else "chaotic"


def _depth(chi_c: float) -> float:
    if abs(chi_c - 1.0) <= CRITICAL_TOL or chi_c > 1.0:
        return math.inf
    if chi_c <= 0.0:
        return 0.0
    return -1.0 / math.log(chi_c)


def _weights(sigma_w: object, sigma_b: object) -> tuple[float, float]:
    """(σ_w², σ_b²) from finite σ_w ≥ 0 and σ_b ≥ 0, else ``ValueError``."""
    w = number("sigma_w", sigma_w, 0.0)
    b = number("sigma_b", sigma_b, 0.0)
    return w * w, b * b


@quiet
def signal_propagation(
    key: str, sigma_w: float, sigma_b: float, **params: float
) -> SignalPropagation:
    """The length map's fixed point q*, its slope, χ₁, c*, χ_c, ξ_c and the phase."""
    model = _Model(key, params)
    w2, b2 = _weights(sigma_w, sigma_b)
    return _propagate(model, w2, b2)


def _propagate(model: _Model, w2: float, b2: float) -> SignalPropagation:
    q = _length_fixed_point(model, w2, b2)
    if math.isinf(q):
        nan = math.nan
        return SignalPropagation(q, nan, nan, nan, nan, nan, "unbounded")
    chi = w2 * float(model.moments(np.array([q]), ("d2",))[0, 0])
    slope = w2 * model.length_slope(q)
    c_star, chi_c = _correlation_fixed_point(model, w2, b2, q, chi)
    return SignalPropagation(
        q_star=q,
        slope=slope,
        chi=chi,
        c_star=c_star,
        chi_c=chi_c,
        depth_scale=_depth(chi_c),
        phase=_phase(chi),
    )


@quiet
def edge_of_chaos(key: str, sigma_b: float, **params: float) -> tuple[float, float] | None:
    """(σ_w, q*) with χ₁ = 1 at the bias scale σ_b, or None if there is no edge of chaos.

    On the edge, q = σ_w² E[f(√q z)²] + σ_b² and σ_w² E[f′(√q z)²] = 1, so
    σ_w² = 1/E[f′²] and σ_b² = q − E[f²]/E[f′²]: the q solving the second for
    the given σ_b (scanned over {0} ∪ [1e−8, 1e24], refined by ``brentq``) gives
    σ_w. A candidate counts only if q is the fixed point :func:`signal_propagation`
    picks at that σ_w (the largest); of several, the smallest σ_w is returned.
    Where every q is a fixed point (ReLU at σ_b = 0) q* is reported as 1.
    """
    from scipy.optimize import brentq

    model = _Model(key, params)
    _, b2 = _weights(1.0, sigma_b)
    qs = np.concatenate([[0.0], _Q_GRID])
    m = model.moments(qs, ("f2", "d2"))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        gap = qs - m[0] / m[1] - b2
    usable = np.isfinite(gap) & (m[1] > 0.0)
    if b2 == 0.0 and usable[0] and np.all(np.abs(gap[1:]) <= _CONTINUUM_TOL * qs[1:]):
        w = 1.0 / math.sqrt(m[1, 1])
        return (w, 1.0) if _length_fixed_point(model, w * w, 0.0) == 1.0 else None

    def excess(q: float) -> float:
        mm = model.moments(np.array([q]), ("f2", "d2"))[:, 0]
        return q - mm[0] / mm[1] - b2

    found: list[tuple[float, float]] = []
    # Signs within the quadrature's error of q cannot be read (ReLU-like tails at large q).
    sign = np.where(usable & (np.abs(gap) > _CONTINUUM_TOL * qs), np.sign(gap), 0.0)
    candidates = [0.0] if usable[0] and gap[0] == 0.0 else []
    known = np.flatnonzero(sign != 0.0)
    for i, j in itertools.pairwise(known):
        if sign[i] != sign[j]:
            candidates.append(float(brentq(excess, qs[i], qs[j], xtol=1e-300, rtol=1e-15)))
    for q in candidates:
        d2 = float(model.moments(np.array([q]), ("d2",))[0, 0])
        if not d2 > 0.0:
            continue
        w2 = 1.0 / d2
        picked = _length_fixed_point(model, w2, b2)
        if math.isfinite(picked) and abs(picked - q) <= 1e-7 * max(q, 1e-12) + 1e-300:
            found.append((math.sqrt(w2), picked))
    return min(found) if found else None

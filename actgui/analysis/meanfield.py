"""Mean-field signal propagation through a deep random network (no Qt).

Weights are N(0, σ_w²/fan_in) and biases N(0, σ_b²), as in Poole et al. 2016
("Exponential expressivity in deep neural networks through transient chaos"),
Schoenholz et al. 2017 ("Deep Information Propagation") and Hayou et al. 2019
("On the Impact of the Activation Function on Deep Neural Networks Training").
A pre-activation's variance q follows the *length map*

    V(q) = σ_w² E[f(√q z)²] + σ_b²,   z ~ N(0, 1),

and the correlation c of two inputs at that length follows the *correlation map*

    C(c) = (σ_w² E[f(u₁) f(u₂)] + σ_b²) / q*,  (u₁, u₂) ~ N(0, q*[[1, c], [c, 1]]).

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

The one-dimensional expectations (V, χ₁, V′) use the adaptive quadrature of
:mod:`actgui.analysis.stats`; V′ adds the kinks' and jumps' delta terms to
σ_w² E[f′² + f f″]. The two-dimensional ones are integrated in polar
coordinates (z₁, z₂) = r(cos φ, sin φ), so that u₁ = √q r cos φ and
u₂ = √q r cos(φ − θ) with c = cos θ: nothing narrows as c → 1, and the kinks
are cut exactly (in r along each ray, and in φ where two kink curves cross or a
ray's kink crosses the origin), with Gauss–Legendre on each piece; C(c) is
accurate to about 1e−8, c* to about 1e−8.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from actgui.analysis.stats import activation, integrate, quiet, real
from actgui.cancel import checkpoint

#: |χ − 1| below this is "critical" (and the depth scale infinite).
CRITICAL_TOL = 1e-9
#: The q scan for fixed points: 0 and this log-spaced grid.
_Q_GRID = np.logspace(-8.0, 24.0, 65)
#: Relative size of V(q) − q below which V(q) = q is taken to hold for every q.
_CONTINUUM_TOL = 1e-11

_GL = {n: np.polynomial.legendre.leggauss(n) for n in (8, 12)}
_R_MAX = 9.0
#: Fixed cuts of each ray r ∈ [0, 9] (kink positions and a graded start are added).
_R_CUTS = np.array([0.0, 1.5, 3.0, 4.5, 6.0, _R_MAX])
#: Most kinks the two-input expectation breaks its pieces at (those nearest 0): its nodes
#: grow with their square (200 kinks asked for 3.5 GB, 32 for 23 million nodes; no
#: built-in function has more than 3).
_PAIR_KINKS = 8
#: Terms of Mehler's series used for the first guess of c*.
_MEHLER_TERMS = 24
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


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


@dataclass(frozen=True)
class InitGains:
    """Weight-scale gains for f (see :func:`init_gains`); None where one does not exist."""

    forward: float | None
    backward: float | None
    edge_of_chaos_sigma_w: float | None
    pytorch: float | None


# ---------------------------------------------------------------------------
# One-dimensional expectations over N(0, q)
# ---------------------------------------------------------------------------


class _Model:
    """An activation at fixed parameters, with the expectations the maps need."""

    def __init__(self, key: str, params: dict[str, float]) -> None:
        self.act = activation(key)
        self.p = self.act.resolve(**params)
        # A function of your own may be inf or NaN beside a kink: its jumps are then NaN,
        # quietly (no RuntimeWarning printed); the results say so by being NaN.
        with np.errstate(all="ignore"):
            self._prepare()

    def _prepare(self) -> None:
        self.kinks = np.asarray(self.act.kinks(**self.p), dtype=np.float64)
        self.jumps = np.asarray(self.act.jumps(0, **self.p), dtype=np.float64)
        k = self.kinks
        lo, hi = np.nextafter(k, -np.inf), np.nextafter(k, np.inf)
        f_lo, f_hi = self.f(0, lo), self.f(0, hi)
        d_lo, d_hi = self.f(1, lo), self.f(1, hi)
        # Jumps of f·f′ and of f² at each kink: where f is continuous, f(k)·Δf′ and 0
        # (one-sided values at the neighbouring floats would leave a spurious 1e−324).
        cont = ~np.isin(k, self.jumps)
        self.jump_ff1 = np.where(cont, self.f(0, k) * (d_hi - d_lo), f_hi * d_hi - f_lo * d_lo)
        self.jump_f2 = np.where(cont, 0.0, f_hi * f_hi - f_lo * f_lo)
        j = self.jumps
        self.jump_f = self.f(0, np.nextafter(j, np.inf)) - self.f(0, np.nextafter(j, -np.inf))
        # sup f² for a bounded f (finite limits at ±inf): V(q) < q beyond σ_w²·sup f² + σ_b².
        ends = self.f(0, np.array([-np.inf, np.inf]))
        if np.all(np.isfinite(ends)):
            grid = np.concatenate([np.linspace(-64.0, 64.0, 12801), k, ends])
            self.bound: float | None = float(np.max(self.f(0, grid) ** 2)) * 1.01
        else:
            self.bound = None
        zero = np.array([-0.0, 0.0])
        zero = np.nextafter(zero, np.array([-np.inf, np.inf]))
        self.f0 = self.f(0, zero)  # one-sided values at 0
        self.d0 = self.f(1, zero)
        self.dd0 = self.f(2, zero)

    def f(self, order: int, x: np.ndarray) -> np.ndarray:
        return self.act.evaluate(order, x, **self.p)

    def q_grid(self, w2: float, b2: float) -> np.ndarray:
        """The q scanned for fixed points: up to 1e24, or to the bound on V for a bounded f."""
        if self.bound is None:
            return _Q_GRID
        top = 1.5 * (w2 * self.bound + b2)
        return np.concatenate([_Q_GRID[top > _Q_GRID], [top]])

    def moments(self, q: np.ndarray, which: tuple[str, ...]) -> np.ndarray:
        """Rows of E[·(√q z)] for each q: "f2" → f², "d2" → f′², "curv" → f′² + f f″."""
        q = np.atleast_1d(np.asarray(q, dtype=np.float64))
        out = np.empty((len(which), q.size))
        pos = q > 0.0

        def g(x: np.ndarray, _t: np.ndarray) -> np.ndarray:
            f = self.f(0, x) if {"f2", "curv"} & set(which) else None
            d = self.f(1, x) if {"d2", "curv"} & set(which) else None
            rows = []
            with np.errstate(over="ignore", invalid="ignore"):
                for w in which:
                    if w == "f2":
                        rows.append(f * f)
                    elif w == "d2":
                        rows.append(d * d)
                    else:
                        rows.append(d * d + f * self.f(2, x))
            return np.stack(rows)

        if pos.any():
            out[:, pos] = integrate(g, 0.0, np.sqrt(q[pos]), self.kinks, max_pieces=64)
        if (~pos).any():  # q → 0⁺: the mean of the one-sided values at 0
            f, d, dd = self.f0, self.d0, self.dd0
            limits = {"f2": f * f, "d2": d * d, "curv": d * d + f * dd}
            for i, w in enumerate(which):
                out[i, ~pos] = 0.5 * (limits[w][0] + limits[w][1])
        return out

    def length_slope(self, q: float) -> float:
        """dE[f(√q z)²]/dq = E[f′² + f f″] + Σ_k p_q(k)(Δ(f f′)_k + Δ(f²)_k·k/(2q))."""
        smooth = float(self.moments(np.array([q]), ("curv",))[0, 0])
        k = self.kinks
        if q == 0.0:
            at_zero = self.jump_ff1[k == 0.0]
            return math.inf if np.any(at_zero != 0.0) else smooth
        with np.errstate(under="ignore"):
            density = np.exp(-0.5 * k * k / q) * (_INV_SQRT_2PI / math.sqrt(q))
        return smooth + float(np.sum(density * (self.jump_ff1 + self.jump_f2 * k / (2.0 * q))))

    def hermite(self, q: float, n: int) -> np.ndarray:
        """a_k² for k ≤ n, a_k = E[f(√q z) He_k(z)]/√k!: E[f(u₁)f(u₂)] = Σ a_k² c^k (Mehler)."""

        def g(x: np.ndarray, t: np.ndarray) -> np.ndarray:
            f = self.f(0, x)
            rows = [f, f * t]
            h_prev, h = np.ones_like(t), t
            for k in range(1, n):
                h_prev, h = h, (t * h - math.sqrt(k) * h_prev) / math.sqrt(k + 1)
                rows.append(f * h)
            return np.stack(rows)

        with np.errstate(over="ignore", invalid="ignore"):
            a = integrate(g, 0.0, math.sqrt(q), self.kinks)[:, 0]
            return a * a


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


# ---------------------------------------------------------------------------
# Two-dimensional expectations for the correlation map
# ---------------------------------------------------------------------------


def _nodes(breaks: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Legendre nodes and weights on consecutive pieces of each row of ``breaks``."""
    x, w = _GL[n]
    a, b = breaks[..., :-1], breaks[..., 1:]
    half = 0.5 * (b - a)
    mid = 0.5 * (a + b)
    shape = (*breaks.shape[:-1], -1)
    nodes = (mid[..., None] + half[..., None] * x).reshape(shape)
    return nodes, (half[..., None] * w).reshape(shape)


def _pair(model: _Model, q: float, c: float, derivative: bool) -> tuple[float, float]:
    """(E[f(u₁) f(u₂)], E[f′(u₁) f′(u₂)] or NaN) for corr(u₁, u₂) = c and variance q.

    Polar coordinates: u₁ = √q r cos φ, u₂ = √q r cos(φ − θ) with c = cos θ, weight
    r e^(−r²/2)/(2π). Along each ray the kinks of both factors cut [0, 9] (with
    pieces graded geometrically towards r = 0 at the scale 1/√q of the functions'
    features); in φ the pieces break where a kink at 0 changes sides (cos φ = 0,
    cos(φ − θ) = 0), where the two factors' kink positions cross, and around the
    first of these at the angles where a kink reaches the fixed r-cuts. 12 × 8
    Gauss–Legendre points per piece: about 1e−8 relative in the worst case tried.
    """
    theta = math.acos(min(max(c, -1.0), 1.0))
    root = math.sqrt(q)
    scale = min(1.0 / root, 0.25)
    kinks = model.kinks
    if kinks.size > _PAIR_KINKS:
        # (a function of your own with hundreds of kinks: every pair of them crossing would
        # need gigabytes of nodes; the nearest to 0 carry the weight of the Gaussian)
        kinks = np.sort(kinks[np.argsort(np.abs(kinks))[:_PAIR_KINKS]])
    crit = np.array([0.5, 1.5]) * math.pi
    crit = np.concatenate([crit, crit + theta])
    breaks = [np.linspace(0.0, 2.0 * math.pi, 9), crit]
    breaks += [crit + g * scale for g in (-2.0, -0.5, 0.5, 2.0)]
    nz = kinks[kinks != 0.0]
    if nz.size:
        if theta > 0.0:
            k1, k2 = np.meshgrid(nz, nz)
            v = np.arctan2(k2 - k1 * math.cos(theta), k1 * math.sin(theta)).ravel()
            breaks += [v, v + math.pi]
        reach = np.arcsin(np.minimum(1.0, np.abs(nz)[:, None] / (root * _R_CUTS[None, 1:-1])))
        breaks += [crit[:, None] + sign * reach.ravel()[None, :] for sign in (-1.0, 1.0)]
    phi_b = np.concatenate([np.mod(np.concatenate([b.ravel() for b in breaks]), 2.0 * math.pi)])
    phi_b = np.unique(np.concatenate([phi_b, [2.0 * math.pi]]))
    phi, w_phi = _nodes(phi_b, 12)
    ca, cb = np.cos(phi), np.cos(phi - theta)
    graded = scale * 2.0 ** np.arange(-2, 8)
    r_b = np.concatenate([[0.0], graded[graded < _R_CUTS[1]], _R_CUTS[1:]])
    r_b = np.tile(r_b, (phi.size, 1))
    if kinks.size:
        with np.errstate(divide="ignore", invalid="ignore"):
            cuts = kinks[None, :] / (root * np.concatenate([ca, cb])[:, None])
        cuts = cuts.reshape(2, phi.size, kinks.size).transpose(1, 0, 2).reshape(phi.size, -1)
        cuts = np.where((cuts > 0.0) & (cuts < _R_MAX), cuts, _R_MAX)
        r_b = np.sort(np.concatenate([r_b, cuts], axis=1), axis=1)
    checkpoint()  # (a window closing: the nodes below are the long part)
    r, w_r = _nodes(r_b, 8)
    weight = (w_phi[:, None] * w_r * r * np.exp(-0.5 * r * r)).ravel() / (2.0 * math.pi)
    x1 = (root * r * ca[:, None]).ravel()
    x2 = (root * r * cb[:, None]).ravel()
    with np.errstate(over="ignore", invalid="ignore"):
        ff = float(np.sum(weight * model.f(0, x1) * model.f(0, x2)))
        if not derivative:
            return ff, math.nan
        dd = float(np.sum(weight * model.f(1, x1) * model.f(1, x2)))
    if model.jumps.size:
        dd += _jump_terms(model, q, c)
    return ff, dd


def _jump_terms(model: _Model, q: float, c: float) -> float:
    """The delta terms of E[f′(u₁) f′(u₂)] from the jumps of f (Price's theorem)."""
    j, df = model.jumps, model.jump_f
    s = math.sqrt(max(1.0 - c * c, 0.0))
    if s == 0.0:
        return math.inf
    density = np.exp(-0.5 * j * j / q) * (_INV_SQRT_2PI / math.sqrt(q))
    # E[f′(u₂) | u₁ = x_j]: u₂ ~ N(c·x_j, q(1 − c²)).
    given = integrate(lambda x, _t: model.f(1, x)[None], c * j, math.sqrt(q) * s, model.kinks)[0]
    cross = 2.0 * float(np.sum(df * density * given))
    a, b = np.meshgrid(j, j)
    quad = (a * a - 2.0 * c * a * b + b * b) / (2.0 * q * s * s)
    p2 = np.exp(-quad) / (2.0 * math.pi * q * s)
    return cross + float(np.sum(np.outer(df, df) * p2))


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
# Public API
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
    w = real("sigma_w", sigma_w)
    b = real("sigma_b", sigma_b)
    for name, v in (("sigma_w", w), ("sigma_b", b)):
        if v < 0.0:
            raise ValueError(f"{name} must be ≥ 0, got {v!r}")
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


#: torch.nn.init.calculate_gain's value, for the keys PyTorch has one for.
def _pytorch_gain(key: str, params: dict[str, float]) -> float | None:
    if key in ("identity", "sigmoid"):
        return 1.0
    if key == "tanh":
        return 5.0 / 3.0
    if key == "relu":
        return math.sqrt(2.0)
    if key == "leaky_relu":
        return math.sqrt(2.0 / (1.0 + params["alpha"] ** 2))
    if key == "selu":
        return 0.75
    return None


def _gain(value: float) -> float | None:
    return 1.0 / math.sqrt(value) if math.isfinite(value) and value > 0.0 else None


@quiet
def init_gains(key: str, **params: float) -> InitGains:
    """Gains 1/√E[f(z)²] and 1/√E[f′(z)²] (z ~ N(0, 1)), the σ_b = 0 edge of chaos and PyTorch's."""
    model = _Model(key, params)
    m = model.moments(np.array([1.0]), ("f2", "d2"))[:, 0]
    edge = edge_of_chaos(key, 0.0, **params)
    return InitGains(
        forward=_gain(float(m[0])),
        backward=_gain(float(m[1])),
        edge_of_chaos_sigma_w=None if edge is None else edge[0],
        pytorch=_pytorch_gain(model.act.key, model.p),
    )


# ---------------------------------------------------------------------------
# Layer by layer: the theory a simulated network is compared with
# ---------------------------------------------------------------------------

#: Above this q the length is taken to have overflowed (as ``network.OVERFLOW``², about).
_Q_OVERFLOW = 1e300
#: Relative change of q and c below which the maps have settled (the rest is filled in).
_SETTLED = 1e-13


@dataclass(frozen=True, eq=False)
class DepthProfile:
    """Mean-field prediction per layer, laid out as :class:`~actgui.analysis.NetworkRun`.

    ``variance`` q^l, ``gradient_norm_sq`` ‖∂ℓ/∂h^l‖² relative to the last layer and
    ``correlation`` c^l of the first two inputs, for layers 0 … depth−1 of the network
    :func:`~actgui.analysis.simulate_network` builds: inputs with E[x²] = 1 per
    coordinate, so q⁰ = σ_w² + σ_b² and c⁰ = (σ_w² ρ + σ_b²)/(σ_w² + σ_b²). From there
    q^(l+1) = V(q^l), c^(l+1) = (σ_w² E[f(u₁)f(u₂)] + σ_b²)/q^(l+1) with u ~ N(0, q^l
    [[1, c^l], [c^l, 1]]), and the gradient shrinks or grows by σ_w² E[f′(√q^l z)²] per
    layer going down: once q has settled at q*, by χ₁ per layer. A length beyond 1e300
    has overflowed: from there ``variance`` is inf and the others NaN (as in a run).
    """

    variance: np.ndarray
    gradient_norm_sq: np.ndarray
    correlation: np.ndarray


@quiet
def depth_profile(
    key: str,
    sigma_w: float,
    sigma_b: float,
    depth: int,
    *,
    input_correlation: float = 0.5,
    **params: float,
) -> DepthProfile:
    """The mean-field q^l, gradient ratio and c^l of each layer (see :class:`DepthProfile`)."""
    model = _Model(key, params)
    w2, b2 = _weights(sigma_w, sigma_b)
    rho = real("input_correlation", input_correlation)
    if not -1.0 <= rho <= 1.0:
        raise ValueError(f"input_correlation must be in [-1, 1], got {rho!r}")
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= 10_000:
        raise ValueError(f"depth must be a whole number in [1, 10000], got {depth!r}")
    q = np.full(depth, np.inf)
    c = np.full(depth, np.nan)
    d2 = np.full(depth, np.nan)
    q_l = w2 + b2
    c_l = (w2 * rho + b2) / q_l if q_l > 0.0 else 1.0
    settled = False
    for layer in range(depth):
        if not q_l <= _Q_OVERFLOW:
            break
        q[layer], c[layer] = q_l, c_l
        if settled:
            d2[layer] = d2[layer - 1]
            continue
        f2, d2[layer] = model.moments(np.array([q_l]), ("f2", "d2"))[:, 0]
        q_next = w2 * f2 + b2
        if q_l == 0.0 or q_next == 0.0:
            c_next = 1.0
        else:
            ff = _pair(model, q_l, min(c_l, 1.0), derivative=False)[0]
            c_next = min((w2 * ff + b2) / q_next, 1.0)
        settled = (
            abs(q_next - q_l) <= _SETTLED * q_l and abs(c_next - c_l) <= _SETTLED and layer > 0
        )
        q_l, c_l = q_next, c_next
    gradient = np.full(depth, np.nan)
    reached = np.isfinite(q)
    if reached.all():
        # Going down from the top: layer l's gradient is layer l+1's times σ_w² E[f′²](q^l).
        factors = w2 * d2
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            gradient[-1] = 1.0
            gradient[:-1] = np.cumprod(factors[-2::-1])[::-1]
    for arr in (q, gradient, c):
        arr.setflags(write=False)
    return DepthProfile(variance=q, gradient_norm_sq=gradient, correlation=c)


@quiet
def phase_chi(
    key: str,
    sigma_ws: np.ndarray,
    sigma_bs: np.ndarray,
    *,
    progress=None,
    cancelled=None,
    **params: float,
) -> np.ndarray:
    """χ₁ over a grid: entry [i, j] at σ_b = ``sigma_bs[i]``, σ_w = ``sigma_ws[j]``.

    The phase diagram's numbers: the largest fixed point q* of the length map and
    χ₁ = σ_w² E[f′(√q* z)²] there, as :func:`signal_propagation` computes them (without
    the correlation map, which the diagram does not need); inf where lengths grow
    without bound. ``progress(done, total)`` after each row, ``cancelled()`` before
    each (raising :class:`~actgui.analysis.Cancelled`), for a worker thread.
    """
    from actgui.analysis.network import Cancelled

    model = _Model(key, params)
    ws = np.asarray(sigma_ws, dtype=np.float64)
    bs = np.asarray(sigma_bs, dtype=np.float64)
    out = np.empty((bs.size, ws.size))
    for i, b in enumerate(bs):
        if cancelled is not None and cancelled():
            raise Cancelled
        for j, w in enumerate(ws):
            w2, b2 = _weights(w, b)
            q = _length_fixed_point(model, w2, b2)
            if math.isinf(q):
                out[i, j] = math.inf
            else:
                out[i, j] = w2 * float(model.moments(np.array([q]), ("d2",))[0, 0])
        if progress is not None:
            progress(i + 1, bs.size)
    return out

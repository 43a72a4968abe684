"""The free-probability prediction for the spectrum of a deep network's input–output
Jacobian (Pennington, Schoenholz and Ganguli 2017, "Resurrecting the sigmoid in deep
learning through dynamical isometry"). No Qt.

The network is that of :mod:`actgui.analysis.spectrum`: L layers of width N → ∞,
h^l = W^l x^(l−1) + b^l, x^l = f(h^l), at the mean-field fixed point q* (every
pre-activation ~ N(0, q*)), and J = D_L W_L ⋯ D_1 W_1 with D_l = diag f′(h^l). In the
wide limit the D_l² and the W_l W_lᵀ are asymptotically free, so the S-transform of JJᵀ
is the product of theirs:

    S_JJᵀ(m) = (S_D²(m) · S_WWᵀ(m))^L,

with S_WWᵀ(m) = 1/(σ_w²(1 + m)) for Gaussian weights (Marchenko–Pastur, ratio 1) and
1/σ_w² for orthogonal ones, and S_D² that of the law of t = f′(h)², h ~ N(0, q*).

Moments
-------
Write S(m) = (1/m₁)(1 − (s²/m₁²) m + O(m²)) for a law of mean m₁ and variance s². The
product of S-transforms multiplies the 1/m₁ and adds the s²/m₁², so with
μ_k = E[f′(h)^(2k)] and χ = σ_w² μ₁ (the mean-field χ₁):

    mean     = χ^L
    variance = χ^(2L) · L · (μ₂/μ₁² − 1 + s_W),   s_W = 1 (Gaussian), 0 (orthogonal).

Closed forms (the tests check them): ReLU at σ_w² = 2, σ_b = 0 has t ∈ {0, 1} with
probability ½ each, so μ₁ = μ₂ = ½, χ = 1: mean 1 for both kinds of weights, variance
2L with Gaussian weights and L with orthogonal ones. A function with f′(0)² = 1 at
q* = 0 (tanh, σ_b = 0, σ_w ≤ 1) has t ≡ 1: mean σ_w^(2L), variance L σ_w^(4L) with
Gaussian weights and 0 with orthogonal ones (J is σ_w^L times an orthogonal matrix).
Half of ReLU's squared singular values are exactly 0 (``zero_mass`` = P(f′(h) = 0): the
free product of laws with atoms p at 0 has an atom max p at 0).

Density
-------
``density(x)`` inverts the S-transform numerically, as the curves of the paper's
figures. With m = M(z) = Σ_k m_k z^(−k) the moment generating function of JJᵀ,
z = (1 + m)/(m S(m)); and S_D²(m) = (1 + m)/(m u) where u solves M_D²(u) = m, with
M_D²(u) = E[t/(u − t)]. In u alone (m = M_D²(u)), per x:

    log(1 + 1/m) − L log s(u) = log(z/χ^L),   s = μ₁/(m u) (Gaussian), μ₁(1 + m)/(m u) (orthogonal)

(all logs principal: s stays near the positive axis, 1 + 1/m in the upper half-plane;
dividing by χ^L keeps every quantity in range at any depth). The root is followed from
z = i·R (R far above the spectrum, where m ≈ 1/z) down the imaginary axis to i·x and then
round to the real axis at x (arg z from π/2 to 0 in geometric steps, Newton's method at
each), which keeps it on the physical branch; the density of the squared singular values
is then −Im m/(π x), and x ρ(x) = −Im m/π per unit of ln x. The law of t is held as
the nodes of a Gauss–Legendre rule on 64 pieces of z ∈ [−12, 12] cut at the kinks
(equal values merged, so ReLU's law is one atom), from which μ₁ and μ₂ also come:
the density's moments agree with ``mean`` and ``variance`` (the tests integrate it to
1e−6). Depth 1 with orthogonal weights is the law of σ_w² t itself, whose atoms (and
the nodes') this does not resolve; from depth 2 on, or with Gaussian weights, the free
product smooths them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from actgui.activations import Activation
from actgui.analysis.meanfield.fixed_points import _length_fixed_point
from actgui.analysis.meanfield.gaussian import _Model
from actgui.analysis.stats import quiet
from actgui.validation import choice, integer, number

#: The kinds of weights.
WEIGHTS = ("gaussian", "orthogonal")
#: The deepest network the theory takes (its cost does not grow with depth).
MAX_DEPTH = 10**9
#: Gauss–Legendre pieces and nodes per piece for the law of f′(h)² (z ∈ [−12, 12]). Fewer
#: pieces, or the tails beyond |z| = 8.7 left out, cost the density's moments their 1e−6
#: (2e−6 for tanh at depth 50 with orthogonal weights) and μ₂ its 1e−12 at q* = 2.5.
#: Values of the law merged into one for the coarse scan that finds where the density is.
_COARSE_MERGE = 4
_PIECES, _NODES, _Z = 64, 8, 12.0
#: Newton steps on each level of the path, and at the end (on the real axis).
_STEPS, _FINAL_STEPS = 2, 8
#: Levels down the imaginary axis per unit of ln|z|, and of arg z per decade.
_AXIS_STEP = 0.35
_ANGLE_LEVELS = 2
_SMALLEST_ANGLE = 1e-12


@dataclass(frozen=True, eq=False)
class SpectrumTheory:
    """The wide-network prediction (see the module's docstring); NaN where lengths explode."""

    key: str
    sigma_w: float
    sigma_b: float
    depth: int
    weights: str
    q_star: float
    #: σ_w² E[f′(h)²]: the mean of JJᵀ's spectrum grows as χ^L.
    chi: float
    #: V′(q*), the length map's slope: above 1 q* repels, and a real network's lengths
    #: leave it (SiLU's and GELU's edges of chaos), so the theory holds for its first layers.
    slope: float
    #: E[f′(h)²] and E[f′(h)⁴], h ~ N(0, q*).
    mu1: float
    mu2: float
    mean: float
    variance: float
    #: The share of squared singular values that are exactly 0: P(f′(h) = 0).
    zero_mass: float
    #: The law of t = f′(h)² > 0: its values and their probabilities.
    _t: np.ndarray = field(repr=False)
    _p: np.ndarray = field(repr=False)

    @property
    def relative_variance(self) -> float:
        """variance / mean² = L (μ₂/μ₁² − 1 + s_W): 0 at perfect isometry."""
        return self.depth * (self.mu2 / self.mu1**2 - 1.0 + (self.weights == "gaussian"))

    def density(self, x: np.ndarray | float) -> np.ndarray:
        """ρ(x), the density of the squared singular values at each x > 0 (0 at x ≤ 0;
        ``zero_mass`` is the atom at 0 besides it)."""
        x = np.asarray(x, dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            per_log = self.log_density(x)
            return np.where(x > 0.0, per_log / x, 0.0)

    def curve(self, points: int = 160) -> tuple[np.ndarray, np.ndarray]:
        """(x, share per decade) where the spectrum lies: ln 10 · x ρ(x) at ``points``
        log-spaced x, from where it rises above 1e−4 of its peak (at most 30 decades below
        the mean) to just past its top edge. Empty where there is no density to draw
        (variance 0: every value is the mean; lengths that explode; J = 0)."""
        empty = np.zeros(0), np.zeros(0)
        if not (self.variance > 0.0 and math.isfinite(self.variance) and self.mean > 0.0):
            return empty
        centre = math.log10(self.mean)
        top = centre + math.log10(1e3 * (1.0 + self.relative_variance))
        coarse = np.linspace(centre - 30.0, top, 81)
        # (where the density is: from a law of a quarter as many values, each the mean of
        # four neighbours, which finds the support as well at a quarter of the cost)
        n = self._t.size // _COARSE_MERGE * _COARSE_MERGE
        if n >= 4 * _COARSE_MERGE:
            order = np.argsort(self._t)
            t, p = self._t[order][:n], self._p[order][:n]
            p4 = p.reshape(-1, _COARSE_MERGE).sum(axis=1)
            t4 = (t * p).reshape(-1, _COARSE_MERGE).sum(axis=1) / p4
            t4, p4 = np.append(t4, self._t[order][n:]), np.append(p4, self._p[order][n:])
        else:
            t4, p4 = self._t, self._p
        d = self._per_ln_x(np.log(10.0) * coarse, t4, p4)
        seen = np.flatnonzero(d > 1e-4 * d.max()) if d.max() > 0.0 else np.zeros(0, int)
        if seen.size == 0:
            return empty
        step = coarse[1] - coarse[0]
        lo, hi = coarse[seen[0]] - step, coarse[seen[-1]] + step
        x = 10.0 ** np.linspace(max(lo, coarse[0]), hi, points)
        return x, math.log(10.0) * self.log_density(x)

    def log_density(self, x: np.ndarray | float) -> np.ndarray:
        """x ρ(x): the density per unit of ln x (a histogram of ln σ² follows it)."""
        x = np.asarray(x, dtype=np.float64)
        out = np.zeros(x.shape)
        ok = (x > 0.0) & np.isfinite(x)
        if not np.isfinite(self.variance) or self.mu1 == 0.0:
            out[ok] = math.nan
            return out
        with np.errstate(divide="ignore"):
            out[ok] = self._per_ln_x(np.log(x[ok]), self._t, self._p) / math.pi
        return out

    def _per_ln_x(self, ln_x: np.ndarray, t: np.ndarray, p: np.ndarray) -> np.ndarray:
        """π x ρ(x) at each exp(ln_x), for the law of f′² given as values ``t``, weights ``p``."""
        with np.errstate(divide="ignore", over="ignore", under="ignore", invalid="ignore"):
            m = _m_of(
                ln_x - self.depth * math.log(self.chi), t, p, self.mu1, self.depth, self.weights
            )
        return np.maximum(-m.imag, 0.0)


def spectrum_theory(
    key: str | Activation,
    sigma_w: float,
    sigma_b: float,
    depth: int,
    weights: str = "gaussian",
    **params: float,
) -> SpectrumTheory:
    """The wide-limit spectrum of JJᵀ for ``depth`` layers of ``key`` (see the module).

    ``key`` a registry key (or the function itself); ``sigma_w`` > 0 and ``sigma_b`` ≥ 0;
    ``depth`` from 1 to 10⁹ (the moments are closed forms and the density costs the same at
    any depth); ``weights`` "gaussian" or "orthogonal"; ``params`` the activation's
    (defaults for those left out). Bad arguments raise ``ValueError``.
    """
    return theory_of(key, params, sigma_w, sigma_b, depth, weights)


@quiet
def theory_of(
    key: str | Activation,
    params: dict[str, float],
    sigma_w: float,
    sigma_b: float,
    depth: int,
    weights: str = "gaussian",
) -> SpectrumTheory:
    """:func:`spectrum_theory` with the parameters as a dict (a function of your own may
    name one ``depth``)."""
    sigma_w = number("sigma_w", sigma_w, 0.0, low_open=True)
    sigma_b = number("sigma_b", sigma_b, 0.0)
    depth = integer("depth", depth, 1, MAX_DEPTH)
    weights = choice("weights", weights, WEIGHTS)
    try:
        model = _Model(key, params)
    except (KeyError, TypeError) as exc:
        raise ValueError(str(exc).strip("'\"")) from None
    q = _length_fixed_point(model, sigma_w * sigma_w, sigma_b * sigma_b)
    t, p, zero = _law(model, q) if math.isfinite(q) else (np.zeros(0), np.zeros(0), math.nan)
    if t.size or zero == 1.0:
        mu1, mu2 = float(np.dot(p, t)), float(np.dot(p, t * t))
    else:
        mu1 = mu2 = math.nan
    chi = sigma_w * sigma_w * mu1
    slope = sigma_w * sigma_w * model.length_slope(q) if math.isfinite(q) else math.nan
    s_w = 1.0 if weights == "gaussian" else 0.0
    if mu1 == 0.0:  # f′ = 0 everywhere the inputs go: J = 0
        mean = variance = 0.0
    else:
        # (numpy's floats: χ^L past 1e308 is inf, not an OverflowError; below 1e−308, 0)
        mean = float(np.float64(chi) ** depth)
        variance = float(np.float64(mean) * mean * depth * (mu2 / (mu1 * mu1) - 1.0 + s_w))
    return SpectrumTheory(
        key=model.act.key,
        sigma_w=sigma_w,
        sigma_b=sigma_b,
        depth=depth,
        weights=weights,
        q_star=q,
        chi=chi,
        slope=slope,
        mu1=mu1,
        mu2=mu2,
        mean=mean,
        variance=variance,
        zero_mass=zero,
        _t=t,
        _p=p,
    )


def _law(model: _Model, q: float) -> tuple[np.ndarray, np.ndarray, float]:
    """The law of t = f′(√q z)², z ~ N(0, 1): (values > 0, probabilities, P(t = 0))."""
    if q == 0.0:  # the limit q → 0⁺: the one-sided values at 0, half each
        t = model.d0 * model.d0
        p = np.array([0.5, 0.5])
    else:
        root = math.sqrt(q)
        cuts = model.kinks / root
        cuts = cuts[np.abs(cuts) < _Z]
        breaks = np.unique(np.concatenate([np.linspace(-_Z, _Z, _PIECES + 1), cuts]))
        x, w = np.polynomial.legendre.leggauss(_NODES)
        half = 0.5 * np.diff(breaks)
        mid = 0.5 * (breaks[:-1] + breaks[1:])
        z = (mid[:, None] + half[:, None] * x).ravel()
        p = (half[:, None] * w).ravel() * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
        d = model.f(1, root * z)
        t = d * d
    values, index = np.unique(t, return_inverse=True)
    mass = np.bincount(index.ravel(), weights=p)
    mass /= mass.sum()  # (the rule's total is 1 − 2e−33 short of 1: the tails beyond ±12)
    zero = float(mass[values == 0.0].sum())
    keep = (values > 0.0) & (mass > 0.0)
    return values[keep], mass[keep], zero


def _m_of(log_x: np.ndarray, t: np.ndarray, p: np.ndarray, mu1: float, depth: int, weights):
    """M(x + i0) of JJᵀ/χ^L at each exp(log_x), followed from far up the imaginary axis."""
    orth = weights == "orthogonal"
    if log_x.size == 0:
        return np.zeros(0, dtype=complex)
    tc, pc = t[None, :], (p * t)[None, :]
    big = depth * (float(np.dot(p, t * t)) / mu1**2 - 1.0 + (not orth))

    def newton(u: np.ndarray, log_z: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
        for _ in range(steps):
            r = 1.0 / (u[:, None] - tc)
            q = pc * r
            m = q.sum(axis=1)
            dm = -(q * r).sum(axis=1)
            if orth:
                log_s = np.log(mu1 * (1.0 + m) / (m * u))
                d_log_s = dm / (1.0 + m) - dm / m - 1.0 / u
            else:
                log_s = np.log(mu1 / (m * u))
                d_log_s = -dm / m - 1.0 / u
            h = np.log(1.0 + 1.0 / m) - depth * log_s - log_z
            dh = -dm / (m * (1.0 + m)) - depth * d_log_s
            step = h / dh
            u = np.where(np.isfinite(step), u - step, u)
        d = u[:, None] - tc
        return u, (pc / d).sum(axis=1)

    # Down the imaginary axis, one point at a time, from far above the spectrum.
    top = math.log(1e3 * (1.0 + big))
    low = min(float(log_x.min()), top)
    rungs = np.arange(top, low - _AXIS_STEP, -_AXIS_STEP)
    z0 = 1j * math.exp(top)
    m0 = 1.0 / z0 + (1.0 + big) / z0**2
    u = np.array([mu1 / m0])
    path = np.empty(rungs.size, dtype=complex)
    for i, r in enumerate(rungs):
        u, _ = newton(u, np.array([r + 0.5j * math.pi]), _STEPS)
        path[i] = u[0]
    # Each x from the rung nearest to it, round to the real axis.
    nearest = np.clip(np.rint((top - log_x) / _AXIS_STEP).astype(int), 0, rungs.size - 1)
    u = path[nearest]
    levels = math.ceil(_ANGLE_LEVELS * math.log10(0.5 * math.pi / _SMALLEST_ANGLE))
    for k in range(levels + 1):
        angle = 0.5 * math.pi * (_SMALLEST_ANGLE / (0.5 * math.pi)) ** (k / levels)
        u, _ = newton(u, log_x + 1j * angle, _STEPS)
    u, m = newton(u, log_x + 0j, _FINAL_STEPS)
    return m

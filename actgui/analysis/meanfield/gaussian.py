"""Gaussian expectations of an activation, as the mean-field maps need them (no Qt).

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

import math

import numpy as np

from actgui.analysis.stats import activation, integrate
from actgui.cancel import checkpoint

#: The q scan for fixed points: 0 and this log-spaced grid.
_Q_GRID = np.logspace(-8.0, 24.0, 65)

_GL = {n: np.polynomial.legendre.leggauss(n) for n in (8, 12)}
_R_MAX = 9.0
#: Fixed cuts of each ray r ∈ [0, 9] (kink positions and a graded start are added).
_R_CUTS = np.array([0.0, 1.5, 3.0, 4.5, 6.0, _R_MAX])
#: Most kinks the two-input expectation breaks its pieces at (those nearest 0): its nodes
#: grow with their square (200 kinks asked for 3.5 GB, 32 for 23 million nodes; no
#: built-in function has more than 3).
_PAIR_KINKS = 8
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


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

"""The mean-field theory layer by layer, and the phase diagram's grid of χ₁ (no Qt)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from actgui.analysis.meanfield.fixed_points import _length_fixed_point, _weights
from actgui.analysis.meanfield.gaussian import _Model, _pair
from actgui.analysis.stats import quiet
from actgui.validation import integer, number

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
    rho = number("input_correlation", input_correlation, -1.0, 1.0)
    depth = integer("depth", depth, 1, 10_000)
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

"""Smooth gated units: x times a soft gate (GELU, SiLU, Mish) and the softplus they build on."""

from __future__ import annotations

import math

import numpy as np

from actgui.activations.base import (
    BIG,
    MAX,
    SUBNORMAL_EXP,
    Activation,
    Param,
    clip,
    exp_halves,
    exp_times,
    expit,
    expit_pair,
    patch,
    scaled,
    softplus1,
)
from actgui.activations.docs import SIG, Docs, X, pw
from actgui.activations.properties import INF, Properties

FAMILY = "gated"
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_SQRT1_2 = math.sqrt(0.5)
#: tanh-GELU's constants, as PyTorch has them (M_SQRT2 * M_2_SQRTPI * 0.5 is this double).
_K = math.sqrt(2.0 / math.pi)
_C = 0.044715
#: Left of this, Φ(x) nears the bottom of the float range (Φ(−37) ≈ 5.7e−300): x·Φ(x)
#: and Φ + xφ are formed from erfcx instead, with e^(−x²/2) applied last.
_GELU_TAIL = -37.0


def _special():
    from scipy import special  # lazily: scipy.special costs 0.2 s at start-up

    return special


def _gelu(x: np.ndarray) -> np.ndarray:
    xc = np.maximum(x, -BIG)  # −inf·Φ(−inf) would be NaN; the limit is 0
    return patch(xc * _special().ndtr(xc), xc < _GELU_TAIL, _gelu_tail, xc)


def _gelu_tail(x: np.ndarray) -> np.ndarray:
    # Φ(x) = ½·erfcx(−x/√2)·e^(−x²/2): scipy's ndtr underflows to 0 before Φ does.
    return exp_times(0.5 * x * _special().erfcx(-_SQRT1_2 * x), -0.5 * x * x)


def _gelu_d1(x: np.ndarray) -> np.ndarray:
    xc = clip(x)
    pdf = _INV_SQRT_2PI * np.exp(-0.5 * xc * xc)
    return patch(_special().ndtr(xc) + xc * pdf, xc < _GELU_TAIL, _gelu_d1_tail, xc)


def _gelu_d1_tail(x: np.ndarray) -> np.ndarray:
    c = 0.5 * _special().erfcx(-_SQRT1_2 * x) + _INV_SQRT_2PI * x
    return exp_times(c, -0.5 * x * x)


def _gelu_d2(x: np.ndarray) -> np.ndarray:
    xc = clip(x)
    return exp_times(_INV_SQRT_2PI * (2.0 - xc * xc), -0.5 * xc * xc)


def _gelu_tanh_parts(x: np.ndarray):
    # 0.5(1 + tanh u) = σ(2u) keeps the far-left tail that 1 + tanh(u) rounds to 0.
    # Beyond |x| = 50, σ(2u) is exactly 0 or 1 and its derivative exactly 0.
    xc = clip(x, 50.0)
    x2 = xc * xc
    u = _K * (xc + _C * (x2 * xc))
    du = _K * (1.0 + 3.0 * _C * x2)
    ddu = _K * 6.0 * _C * xc
    return xc, u, du, ddu


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    xc, u, _, _ = _gelu_tanh_parts(x)
    # x itself right of 50 (σ = 1 there, x may be inf); −50·0 left of −50.
    y = np.maximum(x, -50.0) * expit(2.0 * u)
    return patch(y, 2.0 * u < SUBNORMAL_EXP, exp_halves, xc, 2.0 * u)


def _gelu_tanh_d1(x: np.ndarray) -> np.ndarray:
    xc, u, du, _ = _gelu_tanh_parts(x)
    s, q = expit_pair(2.0 * u)
    y = s + 2.0 * xc * q * du
    # Far left σ(2u) = σ′(2u) = e^(2u): formed with e^(2u) applied last.
    return patch(y, 2.0 * u < SUBNORMAL_EXP, exp_halves, 1.0 + 2.0 * xc * du, 2.0 * u)


def _gelu_tanh_d2(x: np.ndarray) -> np.ndarray:
    xc, u, du, ddu = _gelu_tanh_parts(x)
    _, q = expit_pair(2.0 * u)
    c = 4.0 * du + 2.0 * xc * (ddu - 2.0 * du * du * np.tanh(u))
    return patch(q * c, 2.0 * np.abs(u) > -SUBNORMAL_EXP, exp_halves, c, -2.0 * np.abs(u))


def swish(x: np.ndarray, beta: float) -> np.ndarray:
    """x·σ(βx), the gate shared by SiLU, Swish and QuickGELU."""
    if beta == 0.0:
        return 0.5 * x
    z = beta * x if beta <= 1.0 else scaled(beta, x)  # ±inf is fine for σ
    # At x = −inf σ = 0: −MAX·0 is the limit 0 where −inf·0 would be NaN.
    xm = np.maximum(x, -MAX)
    # Far left σ(z) = e^z is subnormal: x·e^z is formed with e^z applied last.
    return patch(xm * expit(z), z < SUBNORMAL_EXP, exp_halves, xm, np.maximum(z, -MAX))


def swish_d1(x: np.ndarray, beta: float) -> np.ndarray:
    """σ(z) + z·σ′(z) with z = βx, from e = e^(−|z|) and d = 1 + e.

    For z < 0 it is e((1 + z) + e)/d², where σ + zσ′ would cancel by up to 3×: 1 + z
    is exact on [−2, −½] (around the root z ≈ −1.28); for z ≥ 0 it is
    (1 + e(1 + z))/d², all terms positive.
    """
    if beta == 0.0:
        return np.full_like(x, 0.5)
    z = scaled(beta, x)
    e = np.exp(-np.abs(z))
    d = 1.0 + e
    y = np.where(z < 0, e * ((1.0 + z) + e), 1.0 + e * (1.0 + z)) / (d * d)
    return patch(y, z < SUBNORMAL_EXP, exp_halves, 1.0 + z, z)


def swish_d2(x: np.ndarray, beta: float) -> np.ndarray:
    """β·σ′(z)·(2 − z·tanh(z/2)) with z = βx."""
    if beta == 0.0:
        return np.zeros_like(x)
    z = scaled(beta, x)
    _, q = expit_pair(z)
    c = beta * (2.0 - z * np.tanh(0.5 * z))
    return patch(q * c, np.abs(z) > -SUBNORMAL_EXP, exp_halves, c, -np.abs(z))


def _silu(x: np.ndarray) -> np.ndarray:
    return swish(x, 1.0)


def _silu_d1(x: np.ndarray) -> np.ndarray:
    return swish_d1(x, 1.0)


def _silu_d2(x: np.ndarray) -> np.ndarray:
    return swish_d2(x, 1.0)


# Mish's derivatives in terms of one exponential: with e = eˣ, tanh(softplus(x)) =
# e(e + 2)/N, N = e² + 2e + 2, and f′ = e·W₁/N², f″ = e·W₂/N³ with W₁, W₂ polynomials
# in e and x (sympy); for x > 0 the same in m = e^(−x). Their terms share a sign except
# next to the roots of f′ and f″, where t + x·sech²(sp)·σ(x) would cancel.


def _mish_m(x: np.ndarray):
    xc = clip(x)
    m = np.exp(-np.abs(xc))  # eˣ for x ≤ 0, e^(−x) for x > 0
    return xc, m, xc > 0


def _mish(x: np.ndarray) -> np.ndarray:
    xm = np.maximum(x, -BIG)  # x itself (x·1 at +inf); −inf·0 would be NaN
    # Far left tanh(softplus(x)) = eˣ is subnormal: x·eˣ with eˣ applied last.
    return patch(xm * np.tanh(softplus1(xm)), xm < SUBNORMAL_EXP, exp_halves, xm, xm)


def _mish_d1(x: np.ndarray) -> np.ndarray:
    xc, m, pos = _mish_m(x)
    # x > 0: (1 + 4m + (4x + 6)m² + (4x + 4)m³)/(1 + 2m + 2m²)²
    # x ≤ 0: e·(4(x + 1) + (4x + 6)e + 4e² + e³)/(e² + 2e + 2)²
    a, b = 4.0 * xc + 4.0, 4.0 * xc + 6.0
    num = np.where(pos, 1.0 + m * (4.0 + m * (b + m * a)), m * (a + m * (b + m * (4.0 + m))))
    den = np.where(pos, 1.0 + 2.0 * m * (1.0 + m), 2.0 + m * (2.0 + m))
    return patch(num / (den * den), xc < SUBNORMAL_EXP, exp_halves, 1.0 + xc, xc)


def _mish_d2(x: np.ndarray) -> np.ndarray:
    xc, m, pos = _mish_m(x)
    # x > 0: m²((8 − 8x) + (24 − 12x)m + (8x + 32)m² + (8x + 16)m³)/(1 + 2m + 2m²)³
    # x ≤ 0: e·(8(x + 2) + (8x + 32)e + (24 − 12x)e² + (8 − 8x)e³)/(e² + 2e + 2)³
    a, b = 8.0 - 8.0 * xc, 24.0 - 12.0 * xc
    c, d = 8.0 * xc + 32.0, 8.0 * xc + 16.0
    poly = np.where(pos, a + m * (b + m * (c + m * d)), d + m * (c + m * (b + m * a)))
    den = np.where(pos, 1.0 + 2.0 * m * (1.0 + m), 2.0 + m * (2.0 + m))
    den3 = den * den * den
    y = np.where(pos, m * m, m) * poly / den3
    # Where eˣ (left) or e^(−2x) (right) is subnormal, it is applied last.
    y = patch(y, xc < SUBNORMAL_EXP, exp_halves, 2.0 + xc, xc)
    return patch(y, 2.0 * xc > -SUBNORMAL_EXP, exp_halves, poly / den3, -2.0 * xc)


def _softplus(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    z = scaled(beta, x)
    y = np.where(z > threshold, x, softplus1(np.minimum(z, threshold)) / beta)
    # Far left log1p(e^z)/β = e^z/β, subnormal: divided by β before it is rounded.
    return patch(y, z < SUBNORMAL_EXP, exp_halves, 1.0 / beta, z)


def _softplus_d1(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    z = scaled(beta, x)
    return np.where(z > threshold, 1.0, expit(z))


def _softplus_d2(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    # PyTorch's double backward is 0 from βx == threshold on (f′ still uses σ there).
    z = scaled(beta, x)
    _, q = expit_pair(z)
    y = np.where(z < threshold, beta * q, 0.0)
    return patch(y, z < SUBNORMAL_EXP, exp_halves, beta, z)


def _softplus_kinks(beta: float, threshold: float) -> tuple[float, ...]:
    return (threshold / beta,)


ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "gelu",
        "GELU",
        (),
        _gelu,
        _gelu_d1,
        _gelu_d2,
        description="x·Φ(x), Φ the standard normal CDF (exact form); used in BERT and GPT.",
        family=FAMILY,
        properties=Properties(-0.16997120747940217, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"{X}·Φ({X})",
            f_note="Φ the standard normal CDF",
            d1=f"Φ({X}) + {X}·φ({X}) ; φ({X}) = <i>e</i><sup>−{X}²/2</sup>/√(2π)",
            d2=f"(2 − {X}<sup>2</sup>)·φ({X})",
            principle="Gaussian Error Linear Unit: weights the input by the probability that a "
            "standard normal variable is below it, a smooth, probabilistic ReLU.",
            pros="Smooth everywhere; dips slightly below zero (minimum ≈ −0.17), which "
            "empirically helps large models.",
            cons="Costlier than ReLU (erf); non-monotonic.",
            use="Transformers: BERT, GPT and most of their successors.",
        ),
        color=4,
    ),
    Activation(
        "gelu_tanh",
        "GELU (tanh)",
        (),
        _gelu_tanh,
        _gelu_tanh_d1,
        _gelu_tanh_d2,
        description=("PyTorch's approximate='tanh': ½x(1 + tanh(√(2/π)(x + 0.044715x³)))."),
        family=FAMILY,
        properties=Properties(-0.17004075057081885, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"½{X}(1 + tanh <i>u</i>) ; <i>u</i> = √(2/π)({X} + 0.044715{X}<sup>3</sup>)",
            d1=f"½(1 + tanh <i>u</i>) + ½{X}·sech<sup>2</sup>(<i>u</i>)·<i>u</i>′ ; "
            f"<i>u</i> = √(2/π)({X} + 0.044715{X}<sup>3</sup>)",
            d1_note="see the exact GELU; the difference is below 0.001 everywhere",
            d2=f"sech<sup>2</sup>(<i>u</i>)·(<i>u</i>′ + ½{X}·<i>v</i>)"
            f" ; <i>v</i> = <i>u</i>″ − 2<i>u</i>′<sup>2</sup> tanh <i>u</i>"
            f" ; <i>u</i>′ = √(2/π)(1 + 0.134145{X}<sup>2</sup>)"
            f" ; <i>u</i>″ = 0.26829·√(2/π)·{X}",
            principle="The tanh approximation of GELU, PyTorch's approximate='tanh'.",
            pros="Avoids erf; matches published GPT-2 weights exactly.",
            cons="An approximation; on modern hardware the exact form is usually as fast.",
            use="Reproducing models trained with the approximation (GPT-2, BERT's original code).",
        ),
        color=5,
    ),
    Activation(
        "silu",
        "SiLU",
        (),
        _silu,
        _silu_d1,
        _silu_d2,
        description="x·σ(x) (also called Swish-1); smooth, non-monotonic, dips to ≈ −0.278.",
        family=FAMILY,
        properties=Properties(-0.27846454275882637, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"{X}·{SIG}({X})",
            d1=f"{SIG}({X})·(1 + {X}(1 − {SIG}({X})))",
            d2=f"{SIG}′({X})·(2 + {X}(1 − 2{SIG}({X}))) ; {SIG}′ = {SIG}(1 − {SIG})",
            principle="Sigmoid-weighted linear unit (Swish with β = 1): the input gated by its "
            "own sigmoid.",
            pros="Smooth, non-monotonic, unbounded above and bounded below; often trains "
            "slightly better than ReLU in deep networks.",
            cons="Costs a sigmoid per unit; non-monotonic (minimum ≈ −0.278).",
            use="EfficientNet, YOLOv5+, many vision and language models.",
        ),
        color=6,
    ),
    Activation(
        "mish",
        "Mish",
        (),
        _mish,
        _mish_d1,
        _mish_d2,
        description="x·tanh(softplus(x)); smooth, non-monotonic, dips to ≈ −0.309.",
        family=FAMILY,
        properties=Properties(-0.30884341301705354, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"{X}·tanh(softplus({X})) = {X}·tanh(ln(1 + <i>e</i><sup>{X}</sup>))",
            d1=f"tanh(sp) + {X}·sech<sup>2</sup>(sp)·{SIG}({X}) ; sp = softplus({X})",
            d2=f"{SIG}({X})·sech<sup>2</sup>(sp)·(2 + {X}·<i>g</i>) ; "
            f"<i>g</i> = 1 − {SIG}({X})·(1 + 2 tanh(sp))",
            principle="A self-gated smooth activation similar to SiLU, with a slightly deeper "
            "dip (minimum ≈ −0.309).",
            pros="Smooth, non-monotonic; reported gains in object detection.",
            cons="Three transcendental functions per unit.",
            use="YOLOv4 and some detection backbones.",
        ),
        color=7,
    ),
    Activation(
        "softplus",
        "Softplus",
        (
            Param("beta", "β", 1.0, 0.01, 10.0, 0.1, 2, "Sharpness: log(1 + e^(βx))/β."),
            Param(
                "threshold",
                "threshold",
                20.0,
                0.0,
                50.0,
                1.0,
                2,
                "Above βx = threshold PyTorch returns x itself.",
            ),
        ),
        _softplus,
        _softplus_d1,
        _softplus_d2,
        _softplus_kinks,
        description=(
            "log(1 + e^(βx))/β, a smooth ReLU; PyTorch switches to x where βx > threshold."
        ),
        family=FAMILY,
        # PyTorch's switch to x at βx > threshold leaves a 2e−9 step in f′ at x = 20
        # (σ(20) vs 1); mathematically softplus is C∞.
        properties=Properties(0.0, INF, False, False, True, "C⁰", False, "left"),
        docs=Docs(
            f=pw((f"ln(1 + <i>e</i><sup>β{X}</sup>)/β", f"β{X} ≤ threshold"), (X, "")),
            d1=pw((f"{SIG}(β{X})", f"β{X} ≤ threshold"), ("1", "")),
            d2=pw((f"β{SIG}′(β{X})", f"β{X} &lt; threshold"), ("0", ""))
            + f" ; {SIG}′ = {SIG}(1 − {SIG})",
            principle="A smooth approximation of ReLU; β sets how sharp the corner is. "
            "PyTorch returns x itself where βx > threshold, for numerical stability.",
            pros="Smooth and strictly positive; its derivative is the sigmoid.",
            cons="Never exactly zero (no sparsity); costlier than ReLU; the threshold switch "
            "leaves a tiny step.",
            use="Where a positive output is required: variances and scales in probabilistic "
            "models.",
        ),
        color=0,
    ),
)

"""Smooth gated units: x times a soft gate (GELU, SiLU, Mish) and the softplus they build on."""

from __future__ import annotations

import math

import numpy as np

from actgui.activations.base import (
    Activation,
    Param,
    clip,
    expit,
    expit_d1,
    scaled,
    sech2,
    softplus1,
)
from actgui.activations.docs import SIG, Docs, X, pw
from actgui.activations.properties import INF, Properties

FAMILY = "gated"
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
#: tanh-GELU's constants, as PyTorch has them.
_K = math.sqrt(2.0 / math.pi)
_C = 0.044715


def _ndtr(x: np.ndarray) -> np.ndarray:
    """Φ(x), accurate in both tails (Φ(−30) ≈ 4.9e−198, not 0)."""
    from scipy.special import ndtr  # lazily: scipy.special costs 0.2 s at start-up

    return ndtr(x)


def _pdf(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e100)
    return _INV_SQRT_2PI * np.exp(-0.5 * xc * xc)


def _gelu(x: np.ndarray) -> np.ndarray:
    return x * _ndtr(x)


def _gelu_d1(x: np.ndarray) -> np.ndarray:
    return _ndtr(x) + clip(x, 1e100) * _pdf(x)


def _gelu_d2(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e100)
    return _pdf(x) * (2.0 - xc * xc)


def _gelu_tanh_parts(x: np.ndarray):
    # 0.5(1 + tanh u) = σ(2u) keeps the far-left tail that 1 + tanh(u) rounds to 0.
    # Beyond |x| = 50, σ(2u) is exactly 0 or 1 and its derivative exactly 0.
    xc = clip(x, 50.0)
    u = _K * (xc + _C * xc**3)
    du = _K * (1.0 + 3.0 * _C * xc * xc)
    ddu = _K * 6.0 * _C * xc
    return xc, u, du, ddu, expit(2.0 * u), expit_d1(2.0 * u)


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    return x * _gelu_tanh_parts(x)[4]


def _gelu_tanh_d1(x: np.ndarray) -> np.ndarray:
    xc, _, du, _, s, q = _gelu_tanh_parts(x)
    return s + 2.0 * xc * q * du


def _gelu_tanh_d2(x: np.ndarray) -> np.ndarray:
    xc, u, du, ddu, _, q = _gelu_tanh_parts(x)
    return 4.0 * du * q + 2.0 * xc * q * (ddu - 2.0 * du * du * np.tanh(u))


def _silu(x: np.ndarray) -> np.ndarray:
    return x * expit(x)


def _silu_d1(x: np.ndarray) -> np.ndarray:
    return expit(x) + x * expit_d1(x)


def _silu_d2(x: np.ndarray) -> np.ndarray:
    return expit_d1(x) * (2.0 - x * np.tanh(0.5 * x))


def _mish_parts(x: np.ndarray):
    sp = softplus1(x)
    return np.tanh(sp), sech2(sp), expit(x)


def _mish(x: np.ndarray) -> np.ndarray:
    return x * np.tanh(softplus1(x))


def _mish_d1(x: np.ndarray) -> np.ndarray:
    t, s2, sig = _mish_parts(x)
    return t + x * s2 * sig


def _mish_d2(x: np.ndarray) -> np.ndarray:
    t, s2, sig = _mish_parts(x)
    xc = clip(x)  # beyond ±1e150 the factor s2·sig is exactly 0 anyway
    return s2 * sig * (2.0 + xc * (expit(-x) - 2.0 * t * sig))


def _softplus(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    z = scaled(beta, x)
    return np.where(z > threshold, x, softplus1(np.minimum(z, threshold)) / beta)


def _softplus_d1(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    z = scaled(beta, x)
    return np.where(z > threshold, 1.0, expit(z))


def _softplus_d2(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    # PyTorch's double backward is 0 from βx == threshold on (f′ still uses σ there).
    z = scaled(beta, x)
    return np.where(z < threshold, beta * expit_d1(z), 0.0)


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
            f=f"½{X}(1 + tanh(√(2/π)({X} + 0.044715{X}<sup>3</sup>)))",
            d1=f"½(1 + tanh <i>u</i>) + ½{X}·sech<sup>2</sup>(<i>u</i>)·<i>u</i>′ ; "
            f"<i>u</i> = √(2/π)({X} + 0.044715{X}<sup>3</sup>)",
            d1_note="see the exact GELU; the difference is below 0.001 everywhere",
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
            f=pw((f"(1/β)·ln(1 + <i>e</i><sup>β{X}</sup>)", f"β{X} ≤ threshold"), (X, "")),
            d1=pw((f"{SIG}(β{X})", f"β{X} ≤ threshold"), ("1", "")),
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

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
    ),
)

"""Well-known activations that PyTorch does not ship, each with its source."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import (
    Activation,
    Param,
    at_zero,
    clip,
    expit,
    expit_d1,
    scaled,
    sech2,
    zeros,
)

FAMILY = "extra"
QUICK_GELU_BETA = 1.702


def _swish(x: np.ndarray, beta: float) -> np.ndarray:
    return x * expit(scaled(beta, x))


def _swish_d1(x: np.ndarray, beta: float) -> np.ndarray:
    z = scaled(beta, x)
    return expit(z) + z * expit_d1(z)


def _swish_d2(x: np.ndarray, beta: float) -> np.ndarray:
    z = scaled(beta, x)
    return beta * expit_d1(z) * (2.0 - z * np.tanh(0.5 * z))


def _squareplus_parts(x: np.ndarray, b: float):
    h = np.hypot(x, np.sqrt(b))  # √(x² + b) without overflow
    neg = x < 0
    # (h − x)/2, halved before subtracting so that it cannot overflow; > 0 where used.
    return h, neg, np.where(neg, 0.5 * h - 0.5 * x, 1.0)


def _squareplus(x: np.ndarray, b: float) -> np.ndarray:
    # For x < 0 the sum x + h cancels; b/(2(h − x)) is the same number, accurately.
    h, neg, half = _squareplus_parts(x, b)
    return np.where(neg, 0.25 * b / half, 0.5 * x + 0.5 * h)


def _squareplus_d1(x: np.ndarray, b: float) -> np.ndarray:
    h, neg, half = _squareplus_parts(x, b)
    return np.where(neg, 0.25 * b / h / half, 0.5 * (1.0 + x / h))


def _squareplus_d2(x: np.ndarray, b: float) -> np.ndarray:
    h = np.hypot(x, np.sqrt(b))
    return (0.5 * b / h) / h / h


def _bent(x: np.ndarray) -> np.ndarray:
    # (√(x²+1) − 1)/2 = x²/(2(√(x²+1) + 1)), which does not cancel near 0.
    # Beyond |x| ≈ 1.2e308 the true value exceeds the float range: inf, quietly.
    h = np.hypot(x, 1.0)
    with np.errstate(over="ignore"):
        return 0.5 * x * (x / (h + 1.0)) + x


def _bent_d1(x: np.ndarray) -> np.ndarray:
    return 0.5 * x / np.hypot(x, 1.0) + 1.0


def _bent_d2(x: np.ndarray) -> np.ndarray:
    h = np.hypot(x, 1.0)
    return (0.5 / h) / h / h


def _gaussian(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e10)
    return np.exp(-xc * xc)


def _gaussian_d1(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e10)
    return -2.0 * xc * np.exp(-xc * xc)


def _gaussian_d2(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e10)
    return (4.0 * xc * xc - 2.0) * np.exp(-xc * xc)


# sinc near 0: the closed forms cancel, their Taylor series do not (|x| < 0.1).
_SINC_SMALL = 0.1
_SINC_SERIES = (
    (1.0, -1.0 / 6.0, 1.0 / 120.0, -1.0 / 5040.0, 1.0 / 362880.0, -1.0 / 39916800.0),
    (-1.0 / 3.0, 1.0 / 30.0, -1.0 / 840.0, 1.0 / 45360.0, -1.0 / 3991680.0),
    (-1.0 / 3.0, 1.0 / 10.0, -1.0 / 168.0, 1.0 / 6480.0, -1.0 / 443520.0),
)


def _sinc_eval(order: int, x: np.ndarray) -> np.ndarray:
    small = np.abs(x) < _SINC_SMALL
    xs = np.where(small, x, 0.0)
    series = np.polynomial.polynomial.polyval(xs * xs, _SINC_SERIES[order])
    if order == 1:
        series = series * xs
    r = 1.0 / np.where(small, 1.0, x)
    s, c = np.sin(x), np.cos(x)
    closed = (s * r, c * r - s * r * r, (2.0 * r * r - 1.0) * s * r - 2.0 * c * r * r)[order]
    return np.where(small, series, closed)


def _isru_w(x: np.ndarray, alpha: float) -> np.ndarray:
    """1/√(1 + αx²), written so that neither x² nor 1/x² overflows."""
    if alpha == 0.0:
        return np.ones_like(x)
    big = np.abs(x) > 1.0
    r = 1.0 / np.where(big, x, 1.0)
    xs = np.where(big, 0.0, x)
    inner = 1.0 / np.sqrt(1.0 + alpha * xs * xs)
    outer = np.abs(r) / np.sqrt(r * r + alpha)
    return np.where(big, outer, inner)


def _isru(x: np.ndarray, alpha: float) -> np.ndarray:
    return x * _isru_w(x, alpha)


def _isru_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    return _isru_w(x, alpha) ** 3


def _isru_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    w = _isru_w(x, alpha)
    return -3.0 * alpha * (x * w) * w**4


def _sqnl(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -2.0, 2.0)
    return xc - np.sign(xc) * xc * xc / 4.0


def _sqnl_d1(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -2.0, 2.0)
    return 1.0 - np.abs(xc) / 2.0


def _sqnl_d2(x: np.ndarray) -> np.ndarray:
    inside = (x >= -2.0) & (x <= 2.0)
    return np.where(inside, np.where(x >= 0, -0.5, 0.5), 0.0)


def _arctan_d1(x: np.ndarray) -> np.ndarray:
    xc = clip(x)
    return 1.0 / (1.0 + xc * xc)


def _arctan_d2(x: np.ndarray) -> np.ndarray:
    xc = clip(x)
    r = 1.0 / (1.0 + xc * xc)
    return -2.0 * xc * r * r


def _snake(x: np.ndarray, alpha: float) -> np.ndarray:
    s = np.sin(scaled(alpha, x))
    return x + s * s / alpha


def _snake_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    return 1.0 + np.sin(scaled(2.0 * alpha, x))


def _snake_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    return 2.0 * alpha * np.cos(scaled(2.0 * alpha, x))


def _lisht(x: np.ndarray) -> np.ndarray:
    return x * np.tanh(x)


def _lisht_d1(x: np.ndarray) -> np.ndarray:
    return np.tanh(x) + x * sech2(x)


def _lisht_d2(x: np.ndarray) -> np.ndarray:
    return 2.0 * sech2(x) * (1.0 - x * np.tanh(x))


def _step(x: np.ndarray) -> np.ndarray:
    return np.where(x >= 0, 1.0, 0.0)


_BETA = Param("beta", "β", 1.0, 0.0, 10.0, 0.1, 2, "Gate sharpness: x·σ(βx).")

ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "swish",
        "Swish",
        (_BETA,),
        _swish,
        _swish_d1,
        _swish_d2,
        description="x·σ(βx); β = 1 is SiLU, β → ∞ approaches ReLU.",
        source="Ramachandran, Zoph & Le (2017), Searching for Activation Functions, "
        "arXiv:1710.05941",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "quick_gelu",
        "QuickGELU",
        (),
        lambda x: _swish(x, QUICK_GELU_BETA),
        lambda x: _swish_d1(x, QUICK_GELU_BETA),
        lambda x: _swish_d2(x, QUICK_GELU_BETA),
        description="x·σ(1.702x), a fast approximation of GELU (used in OpenAI's CLIP).",
        source="Hendrycks & Gimpel (2016), Gaussian Error Linear Units, arXiv:1606.08415",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "squareplus",
        "Squareplus",
        (Param("b", "b", 4.0, 0.01, 100.0, 0.5, 2, "Curvature near 0; b → 0 gives ReLU."),),
        _squareplus,
        _squareplus_d1,
        _squareplus_d2,
        description="(x + √(x² + b))/2: a softplus-like rectifier with only a square root.",
        source="Barron (2021), Squareplus: A Softplus-Like Algebraic Rectifier, arXiv:2112.11687",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "bent_identity",
        "Bent identity",
        (),
        _bent,
        _bent_d1,
        _bent_d2,
        description="(√(x² + 1) − 1)/2 + x: identity bent upwards; slope between ½ and 3/2.",
        source="Listed in the activation-function tables of Wikipedia and of neural-net texts",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "gaussian",
        "Gaussian",
        (),
        _gaussian,
        _gaussian_d1,
        _gaussian_d2,
        description="e^(−x²): a bump, the kernel of radial-basis-function networks.",
        source="Broomhead & Lowe (1988), Multivariable Functional Interpolation and "
        "Adaptive Networks (RBF networks)",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "sinc",
        "Sinc",
        (),
        lambda x: _sinc_eval(0, x),
        lambda x: _sinc_eval(1, x),
        lambda x: _sinc_eval(2, x),
        description="sin(x)/x with sinc(0) = 1 (unnormalised; torch.sinc is sin(πx)/(πx)).",
        source="Listed in Wikipedia's table of activation functions (cardinal sine)",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "isru",
        "ISRU",
        (Param("alpha", "α", 1.0, 0.0, 10.0, 0.1, 2, "Saturation: outputs lie in ±1/√α."),),
        _isru,
        _isru_d1,
        _isru_d2,
        description="x/√(1 + αx²): inverse square root unit, a cheap tanh-like squashing.",
        source="Carlile et al. (2017), Improving Deep Learning by Inverse Square Root "
        "Linear Units (ISRLUs), arXiv:1710.09967",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "sqnl",
        "SQNL",
        (),
        _sqnl,
        _sqnl_d1,
        _sqnl_d2,
        lambda: (-2.0, 0.0, 2.0),
        description="Square non-linearity: x ∓ x²/4 on [−2, 2], ±1 outside; f″ jumps.",
        source="Wuraola & Patel (2018), SQNL: A New Computationally Efficient "
        "Activation Function, IJCNN",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "arctan",
        "ArcTan",
        (),
        np.arctan,
        _arctan_d1,
        _arctan_d2,
        description="arctan(x): squashes to (−π/2, π/2), with slowly (1/x²) vanishing slope.",
        source="Listed in Wikipedia's table of activation functions",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "snake",
        "Snake",
        (Param("alpha", "α", 1.0, 0.01, 10.0, 0.1, 2, "Frequency of the ripple; > 0."),),
        _snake,
        _snake_d1,
        _snake_d2,
        description="x + sin²(αx)/α: a rising ripple, for learning periodic functions.",
        source="Liu Ziyin, Hartwig & Ueda (2020), Neural Networks Fail to Learn Periodic "
        "Functions and How to Fix It, NeurIPS, arXiv:2006.08195",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "lisht",
        "LiSHT",
        (),
        _lisht,
        _lisht_d1,
        _lisht_d2,
        description="x·tanh(x): linearly scaled tanh, non-negative and symmetric.",
        source="Roy et al. (2019), LiSHT: Non-Parametric Linearly Scaled Hyperbolic "
        "Tangent Activation Function, arXiv:1901.05894",
        family=FAMILY,
        in_pytorch=False,
    ),
    Activation(
        "step",
        "Binary step",
        (),
        _step,
        zeros,
        zeros,
        at_zero,
        description="1 for x ≥ 0, else 0: the perceptron's unit; its slope is 0 wherever defined.",
        source="Rosenblatt (1958), The Perceptron; McCulloch & Pitts (1943)",
        family=FAMILY,
        in_pytorch=False,
    ),
)

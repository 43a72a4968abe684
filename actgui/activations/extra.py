"""Well-known activations that PyTorch does not ship, each with its source (part one).

Gated and algebraic rectifiers and the bumps; the squashing functions and the
rest of the "Beyond PyTorch" family are in ``extra_squashing``. Each entry
carries an mpmath ``reference``: f from its definition, which the tests
differentiate to check f′ and f″.
"""

from __future__ import annotations

import numpy as np

from actgui.activations.base import (
    Activation,
    Param,
    clip,
    expit,
    expit_d1,
    scaled,
)
from actgui.activations.docs import SIG, Docs, X, pw
from actgui.activations.properties import INF, Properties

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
        properties=Properties(-0.27846454275882637, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"{X}·{SIG}(β{X})",
            d1=f"{SIG}(β{X}) + β{X}·{SIG}(β{X})(1 − {SIG}(β{X}))",
            principle="Found by automated search: the input gated by a sigmoid of itself; β "
            "interpolates between x/2 (β = 0) and ReLU (β → ∞).",
            pros="Smooth, non-monotonic; matched or beat ReLU on ImageNet-scale models.",
            cons="Costs a sigmoid; β is one more choice (β = 1 is SiLU).",
            use="Mobile and vision models (as SiLU).",
        ),
        color=1,
        reference=lambda mp, x, beta: x / (1 + mp.exp(-beta * x)),
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
        properties=Properties(-0.16361018963299698, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"{X}·{SIG}(1.702{X})",
            d1=f"{SIG}(1.702{X}) + 1.702{X}·{SIG}(1.702{X})(1 − {SIG}(1.702{X}))",
            principle="The sigmoid approximation of GELU given in the GELU paper.",
            pros="One sigmoid instead of erf.",
            cons="Differs from GELU by up to about 0.02; models trained with one should not be "
            "run with the other.",
            use="OpenAI's CLIP.",
        ),
        color=2,
        reference=lambda mp, x: x / (1 + mp.exp(-mp.mpf("1.702") * x)),
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
        properties=Properties(0.0, INF, False, False, True, "C∞", False, "left"),
        docs=Docs(
            f=f"({X} + √({X}<sup>2</sup> + <i>b</i>)) / 2",
            d1=f"(1 + {X}/√({X}<sup>2</sup> + <i>b</i>)) / 2",
            principle="A softplus-like rectifier that needs only a square root; b sets the "
            "curvature at 0.",
            pros="Cheap and smooth; positive; no exp or log.",
            cons="Approaches 0 slowly (like b/(4|x|)) on the left.",
            use="Where softplus is used and speed matters.",
        ),
        color=3,
        reference=lambda mp, x, b: (x + mp.sqrt(x * x + b)) / 2,
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
        properties=Properties(-INF, INF, False, False, True, "C∞", True, "none"),
        docs=Docs(
            f=f"(√({X}<sup>2</sup> + 1) − 1)/2 + {X}",
            d1=f"{X}/(2√({X}<sup>2</sup> + 1)) + 1",
            principle="The identity bent upwards: slope ½ far left, 3/2 far right.",
            pros="Smooth, monotonic, never saturates.",
            cons="Unbounded on both sides; little evidence of benefit.",
            use="Listed in surveys; rarely used in practice.",
        ),
        color=4,
        reference=lambda mp, x: (mp.sqrt(x * x + 1) - 1) / 2 + x,
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
        properties=Properties(0.0, 1.0, False, True, False, "C∞", False, "both"),
        docs=Docs(
            f=f"<i>e</i><sup>−{X}<sup>2</sup></sup>",
            d1=f"−2{X}<i>e</i><sup>−{X}<sup>2</sup></sup>",
            principle="A bump: responds to inputs near 0 only.",
            pros="Local response, as in radial-basis-function networks.",
            cons="Saturates on both sides; non-monotonic.",
            use="RBF networks, some implicit neural representations.",
        ),
        color=5,
        reference=lambda mp, x: mp.exp(-x * x),
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
        properties=Properties(-0.21723362821118974, 1.0, True, True, False, "C∞", False, "both"),
        docs=Docs(
            f=pw((f"sin({X})/{X}", f"{X} ≠ 0"), ("1", f"{X} = 0")),
            d1=f"cos({X})/{X} − sin({X})/{X}<sup>2</sup>",
            d1_note="0 at x = 0",
            principle="The cardinal sine: a decaying oscillation.",
            pros="Smooth; oscillation can represent periodic structure.",
            cons="Many local extrema; small gradients far out.",
            use="Signal-processing inspired networks; a curiosity as a general activation.",
        ),
        color=6,
        reference=lambda mp, x: mp.sin(x) / x if x != 0 else mp.mpf(1),
    ),
)

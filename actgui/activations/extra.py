"""Well-known activations that PyTorch does not ship, each with its source (part one).

Gated and algebraic rectifiers and the bumps; the squashing functions and the
rest of the "Beyond PyTorch" family are in ``extra_squashing``. Each entry
carries an mpmath ``reference``: f from its definition, which the tests
differentiate to check f′ and f″.
"""

from __future__ import annotations

import math

import numpy as np

from actgui.activations.base import (
    MAX,
    Activation,
    Param,
    at_infinity,
    clip,
    exp_times,
    finite,
    patch,
)
from actgui.activations.docs import SIG, Docs, X, pw
from actgui.activations.gated import swish, swish_d1, swish_d2
from actgui.activations.properties import INF, Properties

FAMILY = "extra"
QUICK_GELU_BETA = 1.702


def _squareplus_parts(x: np.ndarray, b: float):
    xc = clip(x, MAX)  # ±inf → ±MAX, where every formula below has its limit
    # √(x² + b): from x² + b (one rounding) where x² cannot overflow, else by hypot.
    xs = clip(x, 1e150)
    h = np.where(np.abs(xc) <= 1e150, np.sqrt(xs * xs + b), np.hypot(xc, np.sqrt(b)))
    neg = xc < 0
    # (h − x)/2, halved before subtracting so that it cannot overflow; > 0 where used.
    return xc, h, neg, np.where(neg, 0.5 * h - 0.5 * xc, 1.0)


def _squareplus(x: np.ndarray, b: float) -> np.ndarray:
    # For x < 0 the sum x + h cancels; b/(2(h − x)) is the same number, accurately.
    _, h, neg, half = _squareplus_parts(x, b)
    y = np.where(neg, 0.25 * b / half, 0.5 * x + 0.5 * h)
    return at_infinity(x, y, 0.0, np.inf)  # b/(4|x|) at x = −MAX is not 0 yet


def _squareplus_d1(x: np.ndarray, b: float) -> np.ndarray:
    xc, h, neg, half = _squareplus_parts(x, b)
    return np.where(neg, 0.25 * b / h / half, 0.5 * (1.0 + xc / h))


def _squareplus_d2(x: np.ndarray, b: float) -> np.ndarray:
    # b/(2(x² + b)^(3/2)): from d = x² + b (one rounding) where x² cannot overflow.
    xc = clip(x, 1e100)
    d = xc * xc + b
    y = 0.5 * b / (d * np.sqrt(d))
    return patch(y, np.abs(x) > 1e100, _squareplus_d2_far, x, b)


def _squareplus_d2_far(x: np.ndarray, b: float) -> np.ndarray:
    h = np.hypot(clip(x, MAX), np.sqrt(b))
    return (0.5 * b / h) / h / h


def _bent(x: np.ndarray) -> np.ndarray:
    # (√(x²+1) − 1)/2 = x²/(2(√(x²+1) + 1)), which does not cancel near 0.
    # Beyond |x| ≈ 1.2e308 the true value exceeds the float range: inf, quietly.
    xc = clip(x, MAX)
    h = np.hypot(xc, 1.0)
    with np.errstate(over="ignore"):
        y = 0.5 * xc * (xc / (h + 1.0)) + xc
    return at_infinity(x, y, -np.inf, np.inf)


def _bent_d1(x: np.ndarray) -> np.ndarray:
    xc = clip(x, MAX)
    return 0.5 * xc / np.hypot(xc, 1.0) + 1.0


def _bent_d2(x: np.ndarray) -> np.ndarray:
    h = np.hypot(x, 1.0)
    return (0.5 / h) / h / h


def _gaussian(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e10)
    return np.exp(-xc * xc)


def _gaussian_d1(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e10)
    return exp_times(-2.0 * xc, -xc * xc)


def _gaussian_d2(x: np.ndarray) -> np.ndarray:
    xc = clip(x, 1e10)
    return exp_times(4.0 * xc * xc - 2.0, -xc * xc)


# sinc near 0: the closed forms cancel, their Taylor series do not. Below |x| = 1.5
# the series (12 terms, in x²) is used; beyond, the closed forms lose at most a few
# ulps (except next to the roots of f′ and f″, where the value itself is tiny).
_SINC_SMALL = 1.5
_SINC_TERMS = 12
_SINC_SERIES = tuple(
    tuple(
        (-1.0) ** k * math.perm(2 * k, order) / math.factorial(2 * k + 1)
        for k in range((order + 1) // 2, _SINC_TERMS + (order + 1) // 2)
    )
    for order in (0, 1, 2)
)


def _horner(coefficients: tuple[float, ...], s: np.ndarray) -> np.ndarray:
    y = np.full_like(s, coefficients[-1])
    for c in coefficients[-2::-1]:
        y = y * s + c
    return y


def _sinc_series(order: int, x: np.ndarray) -> np.ndarray:
    y = _horner(_SINC_SERIES[order], x * x)
    return y * x if order == 1 else y


def _sinc_eval(order: int, x: np.ndarray) -> np.ndarray:
    xf = finite(x)  # sin(±inf) would be NaN; every order's limit there is 0
    small = np.abs(xf) < _SINC_SMALL
    r = 1.0 / np.where(small, 1.0, xf)
    s = np.sin(xf)
    if order == 0:
        closed = s * r
    elif order == 1:
        closed = (np.cos(xf) - s * r) * r
    else:
        closed = ((2.0 * r * r - 1.0) * s - 2.0 * np.cos(xf) * r) * r
    y = patch(closed, small, lambda v: _sinc_series(order, v), xf)
    return at_infinity(x, y, 0.0, 0.0)


_BETA = Param("beta", "β", 1.0, 0.0, 10.0, 0.1, 2, "Gate sharpness: x·σ(βx).")

ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "swish",
        "Swish",
        (_BETA,),
        swish,
        swish_d1,
        swish_d2,
        description="x·σ(βx); β = 1 is SiLU, β → ∞ approaches ReLU.",
        source="Ramachandran, Zoph & Le (2017), Searching for Activation Functions, "
        "arXiv:1710.05941",
        family=FAMILY,
        in_pytorch=False,
        properties=Properties(-0.27846454275882637, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"{X}·{SIG}(β{X})",
            d1=f"{SIG}(β{X}) + β{X}·{SIG}(β{X})(1 − {SIG}(β{X}))",
            d2=f"β{SIG}′(<i>z</i>)·(2 + <i>z</i>(1 − 2{SIG}(<i>z</i>))) ; <i>z</i> = β{X} ; "
            f"{SIG}′ = {SIG}(1 − {SIG})",
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
        lambda x: swish(x, QUICK_GELU_BETA),
        lambda x: swish_d1(x, QUICK_GELU_BETA),
        lambda x: swish_d2(x, QUICK_GELU_BETA),
        description="x·σ(1.702x), a fast approximation of GELU (used in OpenAI's CLIP).",
        source="Hendrycks & Gimpel (2016), Gaussian Error Linear Units, arXiv:1606.08415",
        family=FAMILY,
        in_pytorch=False,
        properties=Properties(-0.16361018963299698, INF, True, False, False, "C∞", True, "left"),
        docs=Docs(
            f=f"{X}·{SIG}(1.702{X})",
            d1=f"{SIG}(<i>z</i>) + <i>z</i>·{SIG}(<i>z</i>)(1 − {SIG}(<i>z</i>))"
            f" ; <i>z</i> = 1.702{X}",
            d2=f"1.702{SIG}′(<i>z</i>)·(2 + <i>z</i>(1 − 2{SIG}(<i>z</i>)))"
            f" ; <i>z</i> = 1.702{X} ; {SIG}′ = {SIG}(1 − {SIG})",
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
            d2=f"<i>b</i> / (2({X}<sup>2</sup> + <i>b</i>)<sup>3/2</sup>)",
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
            d2=f"1 / (2({X}<sup>2</sup> + 1)<sup>3/2</sup>)",
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
            d2=f"(4{X}<sup>2</sup> − 2)<i>e</i><sup>−{X}<sup>2</sup></sup>",
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
            d2=f"((2 − {X}<sup>2</sup>)sin {X} − 2{X} cos {X})/{X}<sup>3</sup> ; f″(0) = −1/3",
            principle="The cardinal sine: a decaying oscillation.",
            pros="Smooth; oscillation can represent periodic structure.",
            cons="Many local extrema; small gradients far out.",
            use="Signal-processing inspired networks; a curiosity as a general activation.",
        ),
        color=6,
        reference=lambda mp, x: mp.sin(x) / x if x != 0 else mp.mpf(1),
    ),
)

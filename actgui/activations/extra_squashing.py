"""Well-known activations that PyTorch does not ship, each with its source (part two).

The squashing functions (ISRU, SQNL, ArcTan), Snake, LiSHT and the binary step;
part one is ``extra``. Each entry carries an mpmath ``reference``: f from its
definition, which the tests differentiate to check f′ and f″.
"""

from __future__ import annotations

import math

import numpy as np

from actgui.activations.base import (
    BIG,
    Activation,
    Param,
    at_zero,
    clip,
    exp_halves,
    patch,
    scaled,
    sech2,
    zeros,
)
from actgui.activations.docs import Docs, X, pw
from actgui.activations.properties import INF, Properties

FAMILY = "extra"


def _isru_parts(x: np.ndarray, alpha: float):
    """x limited to ±1e150 (beyond, f is ±1/√α to the last bit), d = 1 + αx², √d."""
    xc = clip(x)
    d = 1.0 + alpha * (xc * xc)
    return xc, d, np.sqrt(d)


def _isru(x: np.ndarray, alpha: float) -> np.ndarray:
    if alpha == 0.0:
        return x.copy()
    xc, _, sd = _isru_parts(x, alpha)
    return xc / sd


def _isru_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    if alpha == 0.0:
        return np.ones_like(x)
    _, d, sd = _isru_parts(x, alpha)
    return (1.0 / d) / sd  # (1 + αx²)^(−3/2); d·√d would overflow for |x| > 1e100


def _isru_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    if alpha == 0.0:
        return np.zeros_like(x)
    xc, d, sd = _isru_parts(x, alpha)
    return ((-3.0 * alpha) * xc / d) / d / sd


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
    y = 1.0 / (1.0 + clip(x) ** 2)
    # Beyond 1e150, 1/(1 + x²) = 1/x² to the last bit, and x² may overflow: (1/x)².
    return patch(y, np.abs(x) > BIG, lambda v: (1.0 / v) ** 2, x)


def _arctan_d2(x: np.ndarray) -> np.ndarray:
    xc = clip(x)  # beyond 1e150, −2x/(1 + x²)² = −2/x³ is below 1e−450: 0 either way
    d = 1.0 + xc * xc
    return (-2.0 * xc / d) / d


def _snake_split(x: np.ndarray):
    """x with ±inf replaced by 0 (sin(inf) would warn), and where x was ±inf (or None)."""
    inf = np.isinf(x)
    if not inf.any():
        return x, None
    return np.where(inf, 0.0, x), inf


def _snake(x: np.ndarray, alpha: float) -> np.ndarray:
    xf, inf = _snake_split(x)
    u = scaled(alpha, xf)
    s2 = np.sin(u) ** 2
    # Where |αx| < 4, x and sin²(αx)/α may cancel; (αx + sin²(αx))/α does not lose the
    # digits of sin² there (its slope in αx, 1 + sin 2αx, is the one f has).
    y = np.where(np.abs(u) < 4.0, (u + s2) / alpha, xf + s2 / alpha)
    return y if inf is None else np.where(inf, x, y)


def _snake_near_root(u: np.ndarray) -> np.ndarray:
    # 1 + sin 2u = 2·sin²(u + π/4) = (sin u + cos u)²: no cancellation next to the double
    # roots, and no rounded u + π/4 (whose error would count twice, squared, there).
    s = np.sin(u) + np.cos(u)
    return s * s


def _snake_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    xf, inf = _snake_split(x)
    u = scaled(alpha, xf)
    y = 1.0 + np.sin(2.0 * u)  # within 2.5 ulps down to 1/8
    y = patch(y, y < 0.125, _snake_near_root, u)
    return y if inf is None else np.where(inf, np.nan, y)  # no limit at ±inf


def _snake_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    xf, inf = _snake_split(x)
    y = 2.0 * alpha * np.cos(scaled(2.0 * alpha, xf))
    return y if inf is None else np.where(inf, np.nan, y)


def _lisht(x: np.ndarray) -> np.ndarray:
    return x * np.tanh(x)


def _lisht_d1(x: np.ndarray) -> np.ndarray:
    xc = clip(x)
    return np.tanh(xc) + xc * sech2(xc)


def _lisht_d2(x: np.ndarray) -> np.ndarray:
    xc = clip(x)
    c = 1.0 - xc * np.tanh(xc)
    ax = np.abs(xc)
    # Where sech² is subnormal (|x| > 354), 2c·sech²x = 8c·e^(−2|x|) with e^(−2|x|) last.
    return patch(2.0 * sech2(xc) * c, ax > 354.0, exp_halves, 8.0 * c, -2.0 * ax)


def _step(x: np.ndarray) -> np.ndarray:
    return np.where(x >= 0, 1.0, 0.0)


ACTIVATIONS: tuple[Activation, ...] = (
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
        properties=Properties(-1.0, 1.0, False, False, True, "C∞", True, "both"),
        docs=Docs(
            f=f"{X} / √(1 + α{X}<sup>2</sup>)",
            d1=f"(1 + α{X}<sup>2</sup>)<sup>−3/2</sup>",
            d2=f"−3α{X}(1 + α{X}<sup>2</sup>)<sup>−5/2</sup>",
            principle="Inverse square root unit: a tanh-like curve from a square root.",
            pros="Cheaper than tanh on some hardware; bounded in ±1/√α.",
            cons="Saturates like tanh.",
            use="Proposed for recurrent networks; rarely used.",
        ),
        color=7,
        reference=lambda mp, x, alpha: x / mp.sqrt(1 + alpha * x * x),
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
        properties=Properties(-1.0, 1.0, True, True, True, "C¹", True, "both"),
        docs=Docs(
            f=pw(
                ("1", f"{X} &gt; 2"),
                (f"{X} − {X}<sup>2</sup>/4", f"0 ≤ {X} ≤ 2"),
                (f"{X} + {X}<sup>2</sup>/4", f"−2 ≤ {X} &lt; 0"),
                ("−1", f"{X} &lt; −2"),
            ),
            d1=f"1 − |{X}|/2",
            d1_note="on [−2, 2], 0 outside",
            d2=pw(("−½", f"0 ≤ {X} ≤ 2"), ("½", f"−2 ≤ {X} &lt; 0"), ("0", f"|{X}| &gt; 2")),
            principle="A tanh-shaped square non-linearity: two parabola pieces and two constants.",
            pros="No transcendental functions; C¹.",
            cons="Saturates exactly beyond ±2; f″ jumps.",
            use="Hardware-friendly tanh replacement.",
        ),
        color=0,
        reference=lambda mp, x: (
            mp.mpf(1) if x > 2 else mp.mpf(-1) if x < -2 else x - mp.sign(x) * x * x / 4
        ),
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
        properties=Properties(-math.pi / 2, math.pi / 2, False, False, True, "C∞", True, "both"),
        docs=Docs(
            f=f"arctan({X})",
            d1=f"1 / (1 + {X}<sup>2</sup>)",
            d2=f"−2{X} / (1 + {X}<sup>2</sup>)<sup>2</sup>",
            principle="The inverse tangent: a sigmoid-shaped curve with range (−π/2, π/2).",
            pros="Zero-centred; saturates more slowly (slope ~ 1/x²) than tanh.",
            cons="Still saturating.",
            use="Occasional tanh alternative.",
        ),
        color=1,
        reference=lambda mp, x: mp.atan(x),
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
        properties=Properties(-INF, INF, False, False, True, "C∞", True, "none"),
        docs=Docs(
            f=f"{X} + sin<sup>2</sup>(α{X})/α",
            d1=f"1 + sin(2α{X})",
            d2=f"2α cos(2α{X})",
            principle="The identity plus a periodic ripple, so networks can extrapolate "
            "periodic signals that ReLU or tanh networks cannot.",
            pros="Monotonic (slope between 0 and 2), unbounded, periodic component.",
            cons="α must be chosen or learned; the slope touches 0 periodically.",
            use="Audio synthesis (BigVGAN, DAC) and time series with periodic structure.",
        ),
        color=2,
        reference=lambda mp, x, alpha: x + mp.sin(alpha * x) ** 2 / alpha,
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
        properties=Properties(0.0, INF, True, False, False, "C∞", False, "none"),
        docs=Docs(
            f=f"{X}·tanh({X})",
            d1=f"tanh({X}) + {X}·sech<sup>2</sup>({X})",
            d2=f"2 sech<sup>2</sup>({X})·(1 − {X} tanh({X}))",
            principle="Linearly scaled tanh: symmetric and non-negative.",
            pros="Non-saturating for large |x|; smooth.",
            cons="Not monotonic (decreasing for x < 0); outputs are never negative.",
            use="Proposed for image and sentiment classification; rare.",
        ),
        color=3,
        reference=lambda mp, x: x * mp.tanh(x),
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
        properties=Properties(0.0, 1.0, True, True, True, "jump", False, "both"),
        docs=Docs(
            f=pw(("1", f"{X} ≥ 0"), ("0", "")),
            d1="0",
            d1_note="undefined at 0",
            d2="0",
            principle="The binary threshold unit of the perceptron and the McCulloch-Pitts neuron.",
            pros="The simplest decision; historical importance.",
            cons="Zero derivative everywhere it exists: gradient descent cannot train it.",
            use="Perceptron learning rule, binarised networks with straight-through estimators.",
        ),
        color=4,
        reference=lambda mp, x: mp.mpf(1) if x >= 0 else mp.mpf(0),
    ),
)

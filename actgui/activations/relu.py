"""The ReLU family: piecewise-linear with a kink at 0 (ReLU6 has one at 6 too)."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import MAX, Activation, Order, Param, SlopeBand, at_zero, clip, zeros
from actgui.activations.docs import Docs, X, pw
from actgui.activations.properties import INF, Properties

FAMILY = "relu"


def _relu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.0)


def _relu_d1(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, 1.0, 0.0)


def _leaky(x: np.ndarray, alpha: float) -> np.ndarray:
    # With α = 0, 0·(−inf) would be NaN; the limit is 0 (−0.0 for x < 0, as PyTorch's 0·x).
    return np.where(x > 0, x, alpha * (x if alpha else clip(x, MAX)))


def _leaky_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    # PyTorch takes the negative-side slope at x == 0.
    return np.where(x > 0, 1.0, alpha)


def _rrelu(x: np.ndarray, lower: float, upper: float) -> np.ndarray:
    # Evaluation mode: a Leaky ReLU whose slope is the mean of the sampling range.
    return _leaky(x, 0.5 * (lower + upper))


def _rrelu_d1(x: np.ndarray, lower: float, upper: float) -> np.ndarray:
    return _leaky_d1(x, 0.5 * (lower + upper))


def _relu6(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0.0, 6.0)


def _relu6_d1(x: np.ndarray) -> np.ndarray:
    # PyTorch (hardtanh_backward): 0 on both kinks.
    return np.where((x > 0) & (x < 6), 1.0, 0.0)


def _alpha(default: float, minimum: float, maximum: float, step: float, text: str) -> Param:
    return Param("alpha", "α", default, minimum, maximum, step, 3, text)


_SLOPE = "Slope for x < 0"
_SLOPE_LC = "slope for x < 0"
#: f of Leaky ReLU and PReLU.
_LEAKY_F = pw((X, f"{X} &gt; 0"), (f"α{X}", ""))

ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "relu",
        "ReLU",
        (),
        _relu,
        _relu_d1,
        zeros,
        at_zero,
        description="max(0, x); PyTorch uses f′(0) = 0.",
        family=FAMILY,
        properties=Properties(0.0, INF, True, False, True, "C⁰", False, "left"),
        docs=Docs(
            f=pw((X, f"{X} &gt; 0"), ("0", "")) + f" = max(0, {X})",
            d1=pw(("1", f"{X} &gt; 0"), ("0", f"{X} ≤ 0")),
            d1_note="PyTorch takes 0 at the kink",
            d2="0",
            principle="Passes positive inputs unchanged and replaces negative ones by zero: the "
            "simplest non-linearity that is still piecewise linear.",
            pros="Very cheap (a comparison). The gradient is exactly 1 for every active unit, "
            "so it does not shrink through depth the way sigmoid and tanh gradients do; this "
            "is what made deep networks trainable. Roughly half the units output exactly 0, a "
            "sparse representation.",
            cons="A unit whose input stays negative gets zero gradient and may never recover "
            "(the 'dying ReLU' problem, e.g. after a large update or with a high learning "
            "rate). Outputs are non-negative, not zero-centred. Not differentiable at 0.",
            use="The default hidden activation of convolutional and fully connected networks.",
        ),
        color=2,
    ),
    Activation(
        "leaky_relu",
        "Leaky ReLU",
        (_alpha(0.01, 0.0, 1.0, 0.01, f"{_SLOPE} (PyTorch: negative_slope)."),),
        _leaky,
        _leaky_d1,
        zeros,
        at_zero,
        description="x for x > 0, αx otherwise; PyTorch uses f′(0) = α.",
        family=FAMILY,
        properties=Properties(-INF, INF, False, False, True, "C⁰", True, "none"),
        docs=Docs(
            f=_LEAKY_F,
            d1=pw(("1", f"{X} &gt; 0"), ("α", f"{X} ≤ 0")),
            d1_note="α at the kink in PyTorch",
            d2="0",
            principle="A ReLU with a small fixed slope α (typically 0.01) for negative inputs.",
            pros="Negative inputs still pass a small gradient, so units cannot die the way "
            "ReLU units can; almost as cheap as ReLU.",
            cons="α is one more hyper-parameter, and the small negative slope gives only a "
            "weak signal; improvements over ReLU are often small and task-dependent.",
            use="Drop-in replacement for ReLU where dead units are a concern, e.g. GAN "
            "discriminators.",
        ),
        color=3,
    ),
    Activation(
        "prelu",
        "PReLU",
        (_alpha(0.25, -1.0, 1.0, 0.05, f"Learned {_SLOPE_LC} (PyTorch: weight)."),),
        _leaky,
        _leaky_d1,
        zeros,
        at_zero,
        description="Leaky ReLU whose slope α is learned; PyTorch uses f′(0) = α.",
        family=FAMILY,
        properties=Properties(-INF, INF, False, False, True, "C⁰", True, "none"),
        docs=Docs(
            f=_LEAKY_F,
            d1=pw(("1", f"{X} &gt; 0"), ("α", f"{X} ≤ 0")) + " ; ∂f/∂α = min(0, <i>x</i>)",
            d2="0",
            principle="Leaky ReLU whose negative slope α is a parameter learned by gradient "
            "descent along with the weights (per network or per channel).",
            pros="The data choose the slope, so the layer can be close to ReLU or close to "
            "linear as needed; it adds very few parameters.",
            cons="The extra parameters can overfit small data sets; weight decay should "
            "usually not be applied to α. Slightly more work than a fixed leak.",
            use="Image classification networks (it was introduced with a very deep ImageNet "
            "model); anywhere Leaky ReLU helps and the slope is not known in advance.",
        ),
        color=4,
    ),
    Activation(
        "rrelu",
        "RReLU",
        (
            Param("lower", "lower", 0.125, 0.0, 1.0, 0.01, 3, "Smallest random slope for x < 0."),
            Param(
                "upper", "upper", 1.0 / 3.0, 0.0, 1.0, 0.01, 3, "Largest random slope for x < 0."
            ),
        ),
        _rrelu,
        _rrelu_d1,
        zeros,
        at_zero,
        description=(
            "Randomized Leaky ReLU. In training the slope for x < 0 is drawn from "
            "[lower, upper] (shaded); in evaluation it is their mean, drawn here."
        ),
        family=FAMILY,
        constraints=(Order("lower", "upper", strict=False),),
        properties=Properties(-INF, INF, False, False, True, "C⁰", True, "none"),
        docs=Docs(
            f=pw((X, f"{X} &gt; 0"), (f"<i>a</i>{X}", "")),
            f_note="a ~ U(lower, upper) in training, (lower + upper)/2 in evaluation",
            d1=pw(("1", f"{X} &gt; 0"), ("<i>a</i>", f"{X} ≤ 0")),
            d2="0",
            principle="Randomized Leaky ReLU: during training each negative slope is drawn at "
            "random from [lower, upper] (the shaded band); at evaluation the mean slope is "
            "used.",
            pros="The random slope acts as a regulariser, like a little noise injected for "
            "negative inputs.",
            cons="Training is stochastic and evaluation differs from training; two extra "
            "hyper-parameters.",
            use="Small image-classification benchmarks where it was reported to reduce "
            "overfitting.",
        ),
        color=0,
        band=SlopeBand("lower", "upper"),
    ),
    Activation(
        "relu6",
        "ReLU6",
        (),
        _relu6,
        _relu6_d1,
        zeros,
        lambda: (0.0, 6.0),
        description="min(max(0, x), 6); PyTorch uses f′ = 0 at both kinks.",
        family=FAMILY,
        properties=Properties(0.0, 6.0, True, True, True, "C⁰", False, "both"),
        docs=Docs(
            f=f"min(max(0, {X}), 6)",
            d1=pw(("1", f"0 &lt; {X} &lt; 6"), ("0", "")),
            d2="0",
            principle="A ReLU capped at 6.",
            pros="The bounded range suits low-precision (fixed-point, 8-bit) inference.",
            cons="Zero gradient both below 0 and above 6.",
            use="Mobile networks (MobileNet v1/v2).",
        ),
        color=1,
    ),
)

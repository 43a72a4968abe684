"""Hard, piecewise-linear functions (cheap to compute) and the shrinkage functions."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import Activation, Order, Param, patch, sech2, zeros
from actgui.activations.docs import Docs, X, pw
from actgui.activations.properties import INF, Properties

HARD = "hard"
SHRINK = "shrink"


def _between(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """1 strictly inside (low, high), else 0: PyTorch's gradient is 0 on both kinks."""
    return np.where((x > low) & (x < high), 1.0, 0.0)


def _hardtanh(x: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    return np.clip(x, min_val, max_val)


def _hardtanh_d1(x: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    return _between(x, min_val, max_val)


def _hardsigmoid(x: np.ndarray) -> np.ndarray:
    # PyTorch's min(max(x + 3, 0), 6)/6: x + 3 is exact next to −3, where x/6 + ½ cancels.
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


#: PyTorch's hardsigmoid backward multiplies by a float32 1/6 (0.16666667163…),
#: even in float64; we return PyTorch's number, not the exact 1/6.
_HARDSIGMOID_SLOPE = float(np.float32(1.0 / 6.0))


def _hardsigmoid_d1(x: np.ndarray) -> np.ndarray:
    return _between(x, -3.0, 3.0) * _HARDSIGMOID_SLOPE


def _hardswish(x: np.ndarray) -> np.ndarray:
    # Not (x·6)/6, which overflows; x is floored at −4 (the factor is 0 there) so that
    # x = −inf gives 0, not −inf·0.
    return np.maximum(x, -4.0) * (np.clip(x + 3.0, 0.0, 6.0) / 6.0)


def _hardswish_d1(x: np.ndarray) -> np.ndarray:
    # PyTorch: 0 from x = -3 down, 1 from x = 3 up, x/3 + 1/2 strictly between, here
    # as (x + 1.5)/3, which is exact next to its root −1.5 where x/3 + ½ cancels.
    inner = (np.clip(x, -3.0, 3.0) + 1.5) / 3.0
    return np.where(x <= -3.0, 0.0, np.where(x >= 3.0, 1.0, inner))


def _hardswish_d2(x: np.ndarray) -> np.ndarray:
    return _between(x, -3.0, 3.0) / 3.0


def _at_three(**_: float) -> tuple[float, ...]:
    return (-3.0, 3.0)


def _threshold(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    return np.where(x > threshold, x, value)


def _threshold_d1(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    return np.where(x > threshold, 1.0, 0.0)


def _softshrink(x: np.ndarray, lambd: float) -> np.ndarray:
    return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0))


def _outside(x: np.ndarray, lambd: float) -> np.ndarray:
    """1 where |x| > λ, else 0 (PyTorch's shrink gradients, 0 on the kinks)."""
    return np.where(np.abs(x) > lambd, 1.0, 0.0)


def _hardshrink(x: np.ndarray, lambd: float) -> np.ndarray:
    return np.where(np.abs(x) > lambd, x, 0.0)


def _at_lambd(lambd: float) -> tuple[float, ...]:
    return (-lambd, lambd)


#: Below |x| = 1, x − tanh x cancels (by up to all its digits near 0); there it is
#: x·q/(1 + q), q = x²/(3 + x²/(5 + … x²/19)) from Lambert's continued fraction
#: tanh x = x/(1 + q), whose nine levels are exact to the last bit for |x| < 1.2.
_TANHSHRINK_SMALL = 1.0
_TANHSHRINK_LEVELS = 9


def _tanhshrink_small(x: np.ndarray) -> np.ndarray:
    s = x * x
    t = np.full_like(s, 2.0 * _TANHSHRINK_LEVELS + 1.0)
    for k in range(_TANHSHRINK_LEVELS - 1, 0, -1):
        t = (2.0 * k + 1.0) + s / t
    q = s / t
    return x * q / (1.0 + q)


def _tanhshrink(x: np.ndarray) -> np.ndarray:
    return patch(x - np.tanh(x), np.abs(x) < _TANHSHRINK_SMALL, _tanhshrink_small, x)


def _tanhshrink_d1(x: np.ndarray) -> np.ndarray:
    t = np.tanh(x)
    return t * t


def _tanhshrink_d2(x: np.ndarray) -> np.ndarray:
    return 2.0 * np.tanh(x) * sech2(x)


def _lambd(text: str) -> Param:
    return Param("lambd", "λ", 0.5, 0.0, 5.0, 0.1, 2, text)


ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "hardtanh",
        "Hardtanh",
        (
            Param("min_val", "min", -1.0, -10.0, 10.0, 0.1, 2, "Lower clipping value."),
            Param("max_val", "max", 1.0, -10.0, 10.0, 0.1, 2, "Upper clipping value."),
        ),
        _hardtanh,
        _hardtanh_d1,
        zeros,
        lambda min_val, max_val: (min_val, max_val),
        description="x clipped to [min, max]; PyTorch uses f′ = 0 at both kinks.",
        family=HARD,
        constraints=(Order("min_val", "max_val", strict=True),),
        properties=Properties(-1.0, 1.0, True, True, True, "C⁰", True, "both"),
        docs=Docs(
            f="min(max(<i>x</i>, min), max)",
            d1=pw(("1", f"min &lt; {X} &lt; max"), ("0", "")),
            d2="0",
            principle="tanh replaced by its piecewise-linear outline: identity between the two "
            "clipping values.",
            pros="Very cheap; bounded; zero-centred for symmetric limits.",
            cons="Zero gradient outside [min, max].",
            use="Embedded and quantised networks; bounding activations.",
        ),
        color=1,
    ),
    Activation(
        "hardsigmoid",
        "Hardsigmoid",
        (),
        _hardsigmoid,
        _hardsigmoid_d1,
        zeros,
        _at_three,
        description="Piecewise-linear sigmoid: clip(x/6 + ½, 0, 1); used in MobileNetV3.",
        family=HARD,
        properties=Properties(0.0, 1.0, True, True, True, "C⁰", False, "both"),
        docs=Docs(
            f=f"min(max({X}/6 + ½, 0), 1)",
            d1=pw(("1/6", f"−3 &lt; {X} &lt; 3"), ("0", "")),
            d2="0",
            principle="A piecewise-linear sigmoid.",
            pros="Cheap to compute and to quantise.",
            cons="Zero gradient beyond ±3.",
            use="MobileNetV3 (squeeze-and-excitation gates).",
        ),
        color=2,
    ),
    Activation(
        "hardswish",
        "Hardswish",
        (),
        _hardswish,
        _hardswish_d1,
        _hardswish_d2,
        _at_three,
        description="x·hardsigmoid(x), a cheap SiLU; PyTorch uses f′(−3) = 0, f′(3) = 1.",
        family=HARD,
        properties=Properties(-0.375, INF, True, False, False, "C⁰", True, "left"),
        docs=Docs(
            f=f"{X}·min(max({X} + 3, 0), 6)/6",
            d1=pw(("0", f"{X} ≤ −3"), (f"{X}/3 + ½", f"−3 &lt; {X} &lt; 3"), ("1", f"{X} ≥ 3")),
            d2=pw(("1/3", f"−3 &lt; {X} &lt; 3"), ("0", "")),
            principle="SiLU with the sigmoid replaced by the hard sigmoid.",
            pros="Keeps most of SiLU's benefit at a fraction of the cost on mobile hardware.",
            cons="The derivative jumps at ±3; non-monotonic.",
            use="MobileNetV3.",
        ),
        color=3,
    ),
    Activation(
        "threshold",
        "Threshold",
        (
            Param("threshold", "threshold", 1.0, -10.0, 10.0, 0.1, 2, "x is kept above this."),
            Param("value", "value", 0.0, -10.0, 10.0, 0.1, 2, "Output at or below threshold."),
        ),
        _threshold,
        _threshold_d1,
        zeros,
        lambda threshold, value: (threshold,),
        description="x where x > threshold, otherwise a constant value: a jump unless equal.",
        family=HARD,
        properties=Properties(0.0, INF, True, False, True, "jump", False, "left"),
        docs=Docs(
            f=pw((X, f"{X} &gt; threshold"), ("value", "")),
            d1=pw(("1", f"{X} &gt; threshold"), ("0", "")),
            d2="0",
            principle="Keeps inputs above a threshold and replaces the rest by a constant.",
            pros="Generalises ReLU (threshold = value = 0).",
            cons="A jump unless value equals threshold; zero gradient below.",
            use="Rarely as an activation; a utility layer.",
        ),
        color=4,
    ),
    Activation(
        "identity",
        "Identity",
        (),
        lambda x: x.copy(),
        lambda x: np.ones_like(x),
        zeros,
        description="f(x) = x: no non-linearity (a linear layer), for comparison.",
        family=HARD,
        properties=Properties(-INF, INF, False, False, True, "C∞", True, "none"),
        docs=Docs(
            f=X,
            d1="1",
            d2="0",
            principle="No non-linearity at all.",
            pros="A reference for comparison; exact gradient flow.",
            cons="A stack of linear layers is still one linear map: it cannot learn non-linear "
            "functions.",
            use="Output layers of regression models; residual shortcuts.",
        ),
        color=5,
    ),
    Activation(
        "softshrink",
        "Softshrink",
        (_lambd("Half-width of the zero band; x moves towards 0 by λ outside it."),),
        _softshrink,
        lambda x, lambd: _outside(x, lambd),
        zeros,
        _at_lambd,
        description="Soft thresholding: 0 on [−λ, λ], x ∓ λ outside (as in sparse coding).",
        family=SHRINK,
        properties=Properties(-INF, INF, False, False, True, "C⁰", True, "none"),
        docs=Docs(
            f=pw((f"{X} − λ", f"{X} &gt; λ"), (f"{X} + λ", f"{X} &lt; −λ"), ("0", "")),
            d1=pw(("1", f"|{X}| &gt; λ"), ("0", "")),
            d2="0",
            principle="Soft thresholding: zero inside [−λ, λ], shifted towards zero outside.",
            pros="Produces exact zeros (sparsity); the proximal operator of the L1 norm.",
            cons="Zero gradient inside the band.",
            use="Sparse coding, unrolled optimisation networks (LISTA), denoising.",
        ),
        color=6,
    ),
    Activation(
        "hardshrink",
        "Hardshrink",
        (_lambd("Half-width of the zero band."),),
        _hardshrink,
        lambda x, lambd: _outside(x, lambd),
        zeros,
        _at_lambd,
        description="Hard thresholding: 0 on [−λ, λ], x outside; jumps at ±λ.",
        family=SHRINK,
        properties=Properties(-INF, INF, False, False, True, "jump", True, "none"),
        docs=Docs(
            f=pw((X, f"|{X}| &gt; λ"), ("0", "")),
            d1=pw(("1", f"|{X}| &gt; λ"), ("0", "")),
            d2="0",
            principle="Hard thresholding: keeps inputs whose magnitude exceeds λ, zeroes the rest.",
            pros="Sparsity without shrinking large values.",
            cons="Jumps at ±λ.",
            use="Sparse representations, wavelet-style denoising.",
        ),
        color=7,
    ),
    Activation(
        "tanhshrink",
        "Tanhshrink",
        (),
        _tanhshrink,
        _tanhshrink_d1,
        _tanhshrink_d2,
        description="x − tanh(x): flat (≈ x³/3) near 0, linear far out.",
        family=SHRINK,
        properties=Properties(-INF, INF, False, False, True, "C∞", True, "none"),
        docs=Docs(
            f=f"{X} − tanh({X})",
            d1=f"tanh<sup>2</sup>({X})",
            d2=f"2 tanh({X})·(1 − tanh<sup>2</sup>({X}))",
            principle="What is left of the identity after subtracting tanh: flat near 0 "
            "(≈ x³/3), linear far out.",
            pros="Smooth; suppresses small inputs.",
            cons="Tiny gradients near 0.",
            use="Rare; some sparse-coding models.",
        ),
        color=0,
    ),
)

"""Hard, piecewise-linear functions (cheap to compute) and the shrinkage functions."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import Activation, Order, Param, sech2, zeros

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
    return np.clip(x / 6.0 + 0.5, 0.0, 1.0)


#: PyTorch's hardsigmoid backward multiplies by a float32 1/6 (0.16666667163…),
#: even in float64; we return PyTorch's number, not the exact 1/6.
_HARDSIGMOID_SLOPE = float(np.float32(1.0 / 6.0))


def _hardsigmoid_d1(x: np.ndarray) -> np.ndarray:
    return _between(x, -3.0, 3.0) * _HARDSIGMOID_SLOPE


def _hardswish(x: np.ndarray) -> np.ndarray:
    return x * (np.clip(x + 3.0, 0.0, 6.0) / 6.0)  # not (x·6)/6, which overflows


def _hardswish_d1(x: np.ndarray) -> np.ndarray:
    # PyTorch: 0 from x = -3 down, 1 from x = 3 up, x/3 + 1/2 strictly between.
    inner = np.clip(x, -3.0, 3.0) / 3.0 + 0.5
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


def _tanhshrink(x: np.ndarray) -> np.ndarray:
    # x − tanh x cancels for small x; its series keeps the digits there.
    small = np.abs(x) < 0.01
    xs = np.where(small, x, 0.0)
    x2 = xs * xs
    series = xs * x2 * (1.0 / 3.0 - x2 * (2.0 / 15.0 - x2 * (17.0 / 315.0 - x2 * 62.0 / 2835.0)))
    return np.where(small, series, x - np.tanh(x))


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
    ),
)

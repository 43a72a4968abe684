"""The ReLU family: piecewise-linear with a kink at 0 (ReLU6 has one at 6 too)."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import Activation, Order, Param, at_zero, zeros

FAMILY = "relu"


def _relu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.0)


def _relu_d1(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, 1.0, 0.0)


def _leaky(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * x)


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
    ),
)

"""Registry of activation functions: values and derivatives, with no Qt.

Every function here follows PyTorch's float64 semantics (``torch.nn.functional``
for the value, autograd for the first and second derivative), including the
value the gradient takes exactly on a kink: ``relu'(0) == 0``,
``leaky_relu'(0) == alpha``, ``elu'(0) == alpha`` and ``elu''(0) == 0``.

All formulas are vectorised over float64 arrays, take the *input* ``x`` (never
the function's output) and are written so that no branch of an ``np.where``
overflows, anywhere on the float64 line.

Example
-------
>>> import numpy as np
>>> from actgui.activations import REGISTRY
>>> REGISTRY["leaky_relu"].derivative(np.array([-1.0, 0.0, 2.0]), alpha=0.1)
array([0.1, 0.1, 1. ])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

__all__ = ["ORDERS", "REGISTRY", "Activation", "Param", "check_order"]

#: The derivative orders every activation provides: f, f′ and f″.
ORDERS: tuple[int, ...] = (0, 1, 2)

ArrayFn = Callable[..., np.ndarray]


@dataclass(frozen=True)
class Param:
    """One scalar parameter of an activation, with its valid range and UI hints."""

    name: str
    label: str
    default: float
    minimum: float
    maximum: float
    step: float
    decimals: int
    description: str = ""

    def validate(self, value: float) -> float:
        """Return ``value`` as a float, or raise ``ValueError`` if it is unusable."""
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be a number, got {value!r}") from None
        if math.isnan(value):
            raise ValueError(f"{self.name} must be a number, got NaN")
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"{self.name}={value:g} is outside its range [{self.minimum:g}, {self.maximum:g}]"
            )
        return value


@dataclass(frozen=True)
class Activation:
    """An element-wise activation function with its first and second derivative.

    ``kinks`` maps the parameter values to the x positions where f, f′ or f″ is
    not smooth; plotting samples those exactly and splits a curve at a jump.
    """

    key: str
    name: str
    params: tuple[Param, ...]
    _f: ArrayFn = field(repr=False)
    _d1: ArrayFn = field(repr=False)
    _d2: ArrayFn = field(repr=False)
    _kinks: Callable[..., tuple[float, ...]] = field(repr=False, default=lambda **_: ())
    description: str = ""

    def param(self, name: str) -> Param:
        """The parameter called ``name`` (``KeyError`` if there is none)."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"{self.key} has no parameter {name!r}")

    def defaults(self) -> dict[str, float]:
        """Every parameter at its default value."""
        return {p.name: p.default for p in self.params}

    def resolve(self, **params: float) -> dict[str, float]:
        """Complete and validate ``params``: defaults for the missing ones.

        Raises ``TypeError`` for a name this function does not take and
        ``ValueError`` for a NaN or out-of-range value.
        """
        known = {p.name for p in self.params}
        unknown = sorted(set(params) - known)
        if unknown:
            raise TypeError(f"{self.key}() got unexpected parameter(s): {', '.join(unknown)}")
        return {p.name: p.validate(params.get(p.name, p.default)) for p in self.params}

    def forward(self, x: npt.ArrayLike, **params: float) -> np.ndarray:
        """f(x), element-wise, as float64."""
        return self.evaluate(0, x, **params)

    def derivative(self, x: npt.ArrayLike, **params: float) -> np.ndarray:
        """f′(x), element-wise, as float64 (PyTorch's value on a kink)."""
        return self.evaluate(1, x, **params)

    def second_derivative(self, x: npt.ArrayLike, **params: float) -> np.ndarray:
        """f″(x), element-wise, as float64 (PyTorch's value on a kink)."""
        return self.evaluate(2, x, **params)

    def evaluate(self, order: int, x: npt.ArrayLike, **params: float) -> np.ndarray:
        """The ``order``-th derivative (0, 1 or 2) of f at ``x``."""
        fn = (self._f, self._d1, self._d2)[check_order(order)]
        x = np.asarray(x, dtype=np.float64)
        return np.asarray(fn(x, **self.resolve(**params)), dtype=np.float64)

    def kinks(self, **params: float) -> tuple[float, ...]:
        """Sorted x positions where f, f′ or f″ is not smooth."""
        return tuple(sorted(self._kinks(**self.resolve(**params))))

    def jumps(self, order: int, **params: float) -> tuple[float, ...]:
        """The kinks at which the ``order``-th derivative jumps (left and right limits differ).

        The one-sided limits are the values at the neighbouring floats, which for
        these functions equal the limits to within rounding.
        """
        kinks = self.kinks(**params)
        if not kinks:
            return ()
        k = np.asarray(kinks)
        left = self.evaluate(order, np.nextafter(k, -np.inf), **params)
        right = self.evaluate(order, np.nextafter(k, np.inf), **params)
        jumped = ~np.isclose(left, right, rtol=1e-9, atol=1e-12)
        return tuple(float(v) for v in k[jumped])


def check_order(order: int) -> int:
    """Return ``order`` if it is 0, 1 or 2, else raise ``ValueError``."""
    if order not in ORDERS:
        raise ValueError(f"derivative order must be 0, 1 or 2, got {order!r}")
    return order


# ---------------------------------------------------------------------------
# Formulas. Each takes float64 x and already-validated parameters.
# ---------------------------------------------------------------------------


def _zeros(x: np.ndarray, **_: float) -> np.ndarray:
    return np.zeros_like(x)


def _at_zero(**_: float) -> tuple[float, ...]:
    return (0.0,)


def expit(x: np.ndarray) -> np.ndarray:
    """The logistic sigmoid 1/(1+e^(−x)), without overflow on either side.

    Written with numpy alone: ``scipy.special`` costs a fifth of a second at
    start-up. ``e = exp(−|x|)`` is never above 1, so neither branch overflows.
    """
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return expit(x)


def _sigmoid_d1(x: np.ndarray) -> np.ndarray:
    # σ(x)·σ(-x) keeps full relative accuracy far out, where σ(x)·(1-σ(x)) is 0.
    return expit(x) * expit(-x)


def _sigmoid_d2(x: np.ndarray) -> np.ndarray:
    # σ'' = σ'·(1 - 2σ) and 1 - 2σ(x) = -tanh(x/2).
    return -_sigmoid_d1(x) * np.tanh(0.5 * x)


def _tanh(x: np.ndarray) -> np.ndarray:
    return np.tanh(x)


def _tanh_d1(x: np.ndarray) -> np.ndarray:
    # sech²x = 4e/(1+e)² with e = exp(-2|x|): accurate where 1 - tanh² cancels to 0.
    # |x| is capped so that -2|x| cannot overflow; exp(-800) is 0 already.
    e = np.exp(-2.0 * np.minimum(np.abs(x), 400.0))
    return 4.0 * e / (1.0 + e) ** 2


def _tanh_d2(x: np.ndarray) -> np.ndarray:
    return -2.0 * np.tanh(x) * _tanh_d1(x)


def _relu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.0)


def _relu_d1(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, 1.0, 0.0)


def _leaky(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * x)


def _leaky_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    # PyTorch takes the negative-side slope at x == 0.
    return np.where(x > 0, 1.0, alpha)


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _elu_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def _elu_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    # PyTorch's double backward gives 0 at x == 0 itself (strictly negative side only).
    return np.where(x < 0, alpha * np.exp(np.minimum(x, 0.0)), 0.0)


def _alpha(default: float, minimum: float, maximum: float, step: float, decimals: int, text: str):
    return Param("alpha", "α", default, minimum, maximum, step, decimals, text)


_ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "sigmoid",
        "Sigmoid",
        (),
        _sigmoid,
        _sigmoid_d1,
        _sigmoid_d2,
        description="σ(x) = 1 / (1 + e^(−x)); squashes to (0, 1).",
    ),
    Activation(
        "tanh",
        "tanh",
        (),
        _tanh,
        _tanh_d1,
        _tanh_d2,
        description="Hyperbolic tangent; zero-centred, squashes to (−1, 1).",
    ),
    Activation(
        "relu",
        "ReLU",
        (),
        _relu,
        _relu_d1,
        _zeros,
        _at_zero,
        description="max(0, x); PyTorch uses f′(0) = 0.",
    ),
    Activation(
        "leaky_relu",
        "Leaky ReLU",
        (_alpha(0.01, 0.0, 1.0, 0.01, 3, "Slope for x < 0 (PyTorch: negative_slope)."),),
        _leaky,
        _leaky_d1,
        _zeros,
        _at_zero,
        description="x for x > 0, αx otherwise; PyTorch uses f′(0) = α.",
    ),
    Activation(
        "prelu",
        "PReLU",
        (_alpha(0.25, -1.0, 1.0, 0.05, 3, "Learned slope for x < 0 (PyTorch: weight)."),),
        _leaky,
        _leaky_d1,
        _zeros,
        _at_zero,
        description="Leaky ReLU whose slope α is learned; PyTorch uses f′(0) = α.",
    ),
    Activation(
        "elu",
        "ELU",
        (_alpha(1.0, 0.0, 5.0, 0.1, 2, "Value approached as x → −∞ is −α."),),
        _elu,
        _elu_d1,
        _elu_d2,
        _at_zero,
        description="x for x > 0, α(eˣ − 1) otherwise; PyTorch uses f′(0) = α, f″(0) = 0.",
    ),
)

#: Public entry point: activation key → :class:`Activation`, in display order.
REGISTRY: Mapping[str, Activation] = MappingProxyType({a.key: a for a in _ACTIVATIONS})

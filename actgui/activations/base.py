"""The registry's building blocks: ``Param``, ``Activation`` and stable numpy helpers.

No Qt here, and no scipy or mpmath at import time (scipy costs a fifth of a
second at start-up; the few functions that need ``scipy.special`` import it on
first use, and mpmath reaches a reference formula only as an argument).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from actgui.activations.docs import Docs
from actgui.activations.properties import SMOOTHNESS, Properties
from actgui.validation import number

#: The derivative orders every activation provides: f, f′ and f″.
ORDERS: tuple[int, ...] = (0, 1, 2)

ArrayFn = Callable[..., np.ndarray]


def check_order(order: int) -> int:
    """Return ``order`` as an int if it is the integer 0, 1 or 2, else raise ``ValueError``.

    Numpy integers are accepted; a float, a bool, an array or anything else is not,
    so ``evaluate(x, 0.5)`` (x where the order belongs) fails with a message that
    says so rather than somewhere inside the formulas.
    """
    if type(order) is int and 0 <= order <= 2:  # the common case, quickly
        return order
    if isinstance(order, bool) or not isinstance(order, numbers.Integral) or order not in ORDERS:
        shown = repr(order) if len(repr(order)) <= 40 else repr(order)[:37] + "..."
        raise ValueError(
            f"derivative order must be 0, 1 or 2, got {shown} "
            "(the order comes first: evaluate(order, x, **params))"
        )
    return int(order)


@dataclass(frozen=True)
class Param:
    """One scalar parameter of an activation, with its valid (closed) range and UI hints.

    A parameter that must stay positive (CELU's α) has a small positive minimum.
    """

    name: str
    label: str
    default: float
    minimum: float
    maximum: float
    step: float
    decimals: int
    description: str = ""

    def validate(self, value: float) -> float:
        """Return ``value`` as a float, or raise ``ValueError`` if it is unusable (the rules of
        ``actgui.validation``: a number, not text or a bool, in the parameter's range)."""
        return number(self.name, value, self.minimum, self.maximum)


@dataclass(frozen=True)
class Order:
    """A constraint between two parameters: ``low`` below ``high`` (or equal if not strict)."""

    low: str
    high: str
    strict: bool = True

    def check(self, key: str, values: dict[str, float]) -> None:
        """Raise ``ValueError`` naming both parameters if ``values`` break the constraint."""
        lo, hi = values[self.low], values[self.high]
        if lo > hi or (self.strict and lo == hi):
            relation = "<" if self.strict else "≤"
            raise ValueError(
                f"{key}: {self.low} must be {relation} {self.high}, got {self.low}={lo!r}, "
                f"{self.high}={hi!r}"
            )


@dataclass(frozen=True)
class SlopeBand:
    """A band the plot shades: for x < 0 the slopes lie between ``low``·x and ``high``·x.

    ``low`` and ``high`` name two parameters of the function (RReLU's training-time
    slope is drawn from [lower, upper]: ``SlopeBand("lower", "upper")``).
    """

    low: str
    high: str


def _no_kinks(**_: float) -> tuple[float, ...]:
    return ()


@dataclass(frozen=True)
class Activation:
    """An element-wise activation function with its derivatives, and everything shown about it.

    ``kinks`` maps the parameter values to the x positions where f, f′ or f″ is
    not smooth; plotting samples those exactly and splits a curve at a jump.
    ``family`` groups functions in the side panel; ``source`` cites where a
    function that PyTorch lacks comes from.

    The keyword fields complete the entry (the registry's ``validate`` checks them):
    ``properties`` declared at the default parameters; ``docs``, the formulas and
    prose of the info panel; ``color``, a stable colour slot (an index into the
    palette, taken modulo its length); ``band``, an optional :class:`SlopeBand`
    the plot shades; ``reference``, f written again from its mathematical
    definition with mpmath, ``reference(mp, x, **params) -> mpf`` with ``mp`` the
    mpmath module passed in: required where PyTorch has no such function (tests
    compare f, f′ and f″ with it at 50 digits), optional elsewhere.
    """

    key: str
    name: str
    params: tuple[Param, ...]
    _f: ArrayFn = field(repr=False)
    _d1: ArrayFn = field(repr=False)
    _d2: ArrayFn = field(repr=False)
    _kinks: Callable[..., tuple[float, ...]] = field(repr=False, default=_no_kinks)
    description: str = ""
    family: str = ""
    source: str = ""
    in_pytorch: bool = True
    constraints: tuple[Order, ...] = ()
    #: Declared properties at the default parameters (``activations.properties``).
    properties: Properties | None = field(default=None, compare=False, kw_only=True)
    #: Formulas, notes and prose of the info panel.
    docs: Docs | None = field(default=None, compare=False, kw_only=True)
    #: Colour slot: index into the palette (modulo its length); None is refused by validate.
    color: int | None = field(default=None, compare=False, kw_only=True)
    #: Plot extra: the band of training-time slopes for x < 0 (RReLU), or None.
    band: SlopeBand | None = field(default=None, compare=False, kw_only=True)
    #: f from its mathematical definition, ``reference(mp, x, **params) -> mpf``.
    reference: Callable[..., Any] | None = field(
        default=None, repr=False, compare=False, kw_only=True
    )

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
        ``ValueError`` for a NaN or out-of-range value, or for values that
        break a constraint between parameters (hardtanh's min_val < max_val).
        """
        known = {p.name for p in self.params}
        unknown = sorted(set(params) - known)
        if unknown:
            raise TypeError(f"{self.key}() got unexpected parameter(s): {', '.join(unknown)}")
        values = {p.name: p.validate(params.get(p.name, p.default)) for p in self.params}
        for constraint in self.constraints:
            constraint.check(self.key, values)
        return values

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
        """The ``order``-th derivative (0, 1 or 2) of f at ``x``.

        A NaN in ``x`` gives NaN at that place, for every function and order.
        """
        fn = (self._f, self._d1, self._d2)[check_order(order)]
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(fn(x, **self.resolve(**params)), dtype=np.float64)
        nan = np.isnan(x)
        if nan.any():  # whatever a comparison or a clip made of it: NaN in, NaN out
            y = np.where(nan, np.nan, y)
        return y

    def kinks(self, **params: float) -> tuple[float, ...]:
        """Sorted, distinct x positions where f, f′ or f″ is not smooth."""
        return tuple(sorted(set(self._kinks(**self.resolve(**params)))))

    def smoothness(self, **params: float) -> str:
        """ "jump", "C⁰", "C¹" or "C∞", from the jumps the registry finds at the kinks.

        Between kinks every formula here is analytic, so a function without a
        jump in f, f′ or f″ is C∞ (to the order this explorer sees).
        """
        for order in ORDERS:
            if self.jumps(order, **params):
                return SMOOTHNESS[order]
        return SMOOTHNESS[-1]

    def jumps(self, order: int, **params: float) -> tuple[float, ...]:
        """The kinks at which the ``order``-th derivative jumps (left and right limits differ).

        The one-sided limits are the values at the neighbouring floats, which for
        these functions equal the limits to within rounding.
        """
        check_order(order)
        values = self.resolve(**params)
        # Pure in (function, order, parameters), and asked for on every readout cell, details
        # refresh and curve: remembered (a few hundred entries at most in a session).
        cache_key = (self.key, id(self), order, tuple(values.items()))
        hit = _JUMPS.get(cache_key)
        # (The entry holds the function itself: an id is reused once an object is gone, and
        # functions of your own come and go.)
        if hit is not None and hit[0] is self:
            return hit[1]
        kinks = self.kinks(**values)
        if not kinks:
            found = ()
        else:
            k = np.asarray(kinks)
            left = self.evaluate(order, np.nextafter(k, -np.inf), **values)
            right = self.evaluate(order, np.nextafter(k, np.inf), **values)
            jumped = ~np.isclose(left, right, rtol=1e-9, atol=1e-12)
            found = tuple(float(v) for v in k[jumped])
        if len(_JUMPS) >= _JUMPS_MAX:
            _JUMPS.clear()
        _JUMPS[cache_key] = (self, found)
        return found


#: Memo of ``Activation.jumps``; cleared whole when full (a drag makes new entries only).
_JUMPS: dict[tuple, tuple[Activation, tuple[float, ...]]] = {}
_JUMPS_MAX = 4096


# ---------------------------------------------------------------------------
# Stable building blocks shared by the formulas
# ---------------------------------------------------------------------------

#: Largest |x| fed to a product or power that could overflow; every formula
#: using it has saturated (to 0, ±1 or a linear tail) long before.
BIG = 1e150
#: The largest float: ``clip(x, MAX)`` turns ±inf into finite numbers and nothing else.
MAX = float(np.finfo(np.float64).max)
#: e^z is subnormal below z = ln 2^−1022 ≈ −708.4 (and 0 below −745.1).
SUBNORMAL_EXP = -708.0


def clip(x: np.ndarray, limit: float = BIG) -> np.ndarray:
    """``x`` limited to ±``limit``, so ``x*x`` or ``a*x`` cannot overflow (NaN stays NaN)."""
    # The method: a third of np.clip's overhead. asanyarray: an array computing in a
    # narrower format (``analysis.formats.InFormat``) stays one.
    return np.asanyarray(x).clip(-limit, limit)


def scaled(a: float, x: np.ndarray) -> np.ndarray:
    """``a*x``, finite and at most 1e300 in size: x is limited to ±1e300/max(|a|, 1).

    ±inf becomes a finite number too, so ``0*x`` is 0 rather than NaN.
    """
    return a * clip(x, 1e300 / max(abs(a), 1.0))


def patch(y: np.ndarray, where: np.ndarray, fn: ArrayFn, *args: npt.ArrayLike) -> np.ndarray:
    """``y`` with ``fn(*args)`` put where ``where`` holds; ``fn`` sees only those elements.

    For the rare inputs that need another formula (far tails, series near 0):
    the common path keeps its speed, as ``fn`` runs only when ``where`` is not
    all False. ``args`` are broadcast to the shape of ``where``.
    """
    where = np.asarray(where)
    if not where.any():
        return y
    # A copy, even of a 0-d y; float64 unless y computes in a narrower format (then it
    # stays in it: ``analysis.formats.InFormat``).
    dtype = y.dtype if isinstance(y, np.ndarray) and y.dtype.kind == "f" else np.float64
    y = np.array(np.broadcast_to(y, where.shape), dtype=dtype, subok=True)
    y[where] = fn(*(np.broadcast_to(a, where.shape)[where] for a in args))
    return y


def exp_halves(c: npt.ArrayLike, z: np.ndarray) -> np.ndarray:
    """``c·e^z`` as (c·e^(z/2))·e^(z/2): one rounding into the subnormal range, at the end."""
    h = np.exp(0.5 * z)
    return (c * h) * h


def exp_times(c: npt.ArrayLike, z: np.ndarray) -> np.ndarray:
    """``c·e^z`` (z ≤ 709), keeping its last bits where e^z is subnormal.

    There (z < −708) a rounded subnormal e^z, multiplied by a large c, would carry
    c/2 units of 2^−1074 of error; instead the product is formed as
    (c·e^(z/2))·e^(z/2), both factors normal, so that it is rounded into the
    subnormal range only once, at the end.
    """
    return patch(c * np.exp(z), np.asarray(z) < SUBNORMAL_EXP, exp_halves, c, z)


def expit(x: np.ndarray) -> np.ndarray:
    """The logistic sigmoid 1/(1+e^(−x)), without overflow on either side.

    ``e = exp(−|x|)`` is never above 1, so neither branch overflows, and the
    far tail keeps its digits (σ(−40) ≈ 4.2e−18, not 0).
    """
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def expit_d1(x: np.ndarray) -> np.ndarray:
    """σ′(x) = σ(x)·σ(−x): full relative accuracy far out, where σ(1−σ) is 0."""
    return expit(x) * expit(-x)


def expit_pair(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(σ(z), σ′(z)) from one exponential: with e = e^(−|z|) and d = 1 + e,
    σ = (1 or e)/d and σ′ = σ(z)·σ(−z) = e/d², never rounded to 0 while representable."""
    e = np.exp(-np.abs(z))
    d = 1.0 + e
    return np.where(z >= 0, 1.0, e) / d, e / (d * d)


def sech2(x: np.ndarray) -> np.ndarray:
    """sech²x = 4e/(1+e)² with e = exp(−2|x|): accurate where 1 − tanh² cancels to 0.

    Where e is subnormal (|x| > 354) it is 4·e^(−|x|)·e^(−|x|), rounded once.
    """
    ax = np.minimum(np.abs(x), 400.0)  # exp(-800) is 0 already
    e = np.exp(-2.0 * ax)
    return patch(4.0 * e / (1.0 + e) ** 2, ax > 354.0, exp_halves, 4.0, -2.0 * ax)


def softplus1(x: np.ndarray) -> np.ndarray:
    """log(1 + eˣ), stable everywhere: max(x, 0) + log1p(e^(−|x|))."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def at_infinity(x: np.ndarray, y: np.ndarray, minus: float, plus: float) -> np.ndarray:
    """``y`` with ``minus`` at x = −inf and ``plus`` at x = +inf (the limits there)."""
    inf = np.isinf(x)
    if not inf.any():
        return y
    return np.where(inf, np.where(x > 0, plus, minus), y)


def finite(x: np.ndarray) -> np.ndarray:
    """``x`` with ±inf replaced by 0, for formulas whose value at ±inf comes from
    :func:`at_infinity` (sin(inf) would be NaN with a warning)."""
    return np.where(np.isinf(x), 0.0, x)


def zeros(x: np.ndarray, **_: float) -> np.ndarray:
    """f″ of a piecewise-linear function: 0 everywhere (PyTorch's value on a kink too)."""
    return np.zeros_like(x)


def at_zero(**_: float) -> tuple[float, ...]:
    """The one kink of the ReLU family."""
    return (0.0,)

"""What float32, bfloat16 and float16 do to each activation (issue "Precision lab").

Qt-free. :func:`evaluate_in` computes f, f′ or f″ the way a straightforward kernel in a
narrow format does: the registry's own formula with every operation rounded to the
format (``analysis.formats``). :func:`round_to` is what a perfect kernel returns, the
exact value correctly rounded. :func:`saturation` finds, on the floats of a format,
where f rounds to its limits and where the gradient a framework computes is exactly 0:
the numerically dead zones, a second kind of vanishing gradient. :func:`max_difference`
(``analysis.difference``) measures how far one function strays from another.

Hand-derived points the tests check (p significand bits with the hidden one: 53, 24,
8 and 11; the spacing of the format just below 1 is 2^−p, half of it 2^−(p+1), and a
tie rounds to 1, whose last bit is even):

- σ(x) rounds to 1 where 1 − σ(x) = 1/(1 + eˣ) ≤ 2^−(p+1), that is from
  x = ln(2^(p+1) − 1) on: float16 ln 4095 ≈ 8.3178, bfloat16 ln 511 ≈ 6.2364,
  float32 ln(2^25 − 1) ≈ 17.329.
- tanh(x) rounds to 1 where 1 − tanh x = 2/(e^(2x) + 1) ≤ 2^−(p+1), from
  x = ½·ln(2^(p+2) − 1) on: float16 ½ ln 8191 ≈ 4.5054, bfloat16 ½ ln 1023 ≈ 3.4652.
- The gradient from the output, σ(1 − σ) and 1 − tanh², is 0 exactly where the output
  rounds to 1 (or, for tanh, −1), so their dead zones start at those same points.

(The points found are floats of the format: the first from which on, going outwards,
the rounding happens; the float before it does not round.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from actgui.activations import REGISTRY, Activation, check_order
from actgui.analysis.difference import Difference, max_difference
from actgui.analysis.formats import (
    FORMATS,
    format_floats,
    format_info,
    from_ordinal,
    in_format,
    largest_ordinal,
    ordinal,
    round_to,
    ulp,
)
from actgui.cancel import checkpoint

#: The derivative as training frameworks compute it from the output y = f(x) (PyTorch's
#: sigmoid_backward and tanh_backward), where they do; others use the input.
FROM_OUTPUT: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": lambda y: y * (1.0 - y),
    "tanh": lambda y: 1.0 - y * y,
}


def _act(key: str | Activation) -> Activation:
    if isinstance(key, Activation):  # (a snapshot, on a worker: the registry may change)
        return key
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"no activation {key!r}") from None


def evaluate_in(
    key: str, x: npt.ArrayLike, dtype: str, order: int = 0, **params: float
) -> np.ndarray:
    """f (``order`` 0), f′ or f″ of the activation ``key`` as computed *in* the format
    ``dtype`` (one of :data:`~actgui.analysis.formats.FORMATS`): ``x`` rounded to the
    format, every operation of the registry's formula rounded to it, the result an array
    of the format's dtype. For ``"float64"`` it is the registry's own value.

    NaN in gives NaN out, as in the registry.
    """
    return evaluate_act_in(_act(key), x, dtype, order, **params)


def evaluate_act_in(
    act: Activation, x: npt.ArrayLike, dtype: str, order: int = 0, **params: float
) -> np.ndarray:
    """:func:`evaluate_in` for an :class:`Activation` rather than its key (the plot's
    curves hold the function itself: the registry may change meanwhile)."""
    order = check_order(order)
    info = format_info(dtype)
    x64 = np.asarray(x, dtype=np.float64)
    if dtype == "float64":
        return act.evaluate(order, x64, **params)
    values = act.resolve(**params)
    fn = (act._f, act._d1, act._d2)[order]
    y = in_format(fn, dtype, x64, **values)
    y = np.broadcast_to(y, x64.shape).astype(info.dtype)
    nan = np.isnan(x64)
    if nan.any():
        y = np.where(nan, np.array(np.nan, dtype=info.dtype), y)
    return y


def error_ulps(
    key: str | Activation, x: npt.ArrayLike, dtype: str, order: int = 0, **params: float
):
    """(computed − exact) / ulp of the format at the exact value, at the format's number
    nearest each x (float64; NaN where the exact value is not finite)."""
    act = _act(key)
    xf = round_to(x, dtype).astype(np.float64)
    exact = act.evaluate(check_order(order), xf, **params)
    computed = evaluate_in(key, xf, dtype, order, **params).astype(np.float64)
    with np.errstate(invalid="ignore"):
        err = (computed - exact) / ulp(exact, dtype)
    return np.where(np.isfinite(exact), err, np.nan)


@dataclass(frozen=True)
class Saturation:
    """Where f, correctly rounded to a format, equals its limits, and where the gradient
    a framework computes is exactly 0 (floats of the format; None where there is none).

    ``upper``: the x from which on, going to +∞, f rounds to its upper limit (f(+∞));
    ``lower``: the x from which on, going to −∞, f rounds to its lower limit (f(−∞)).
    ``dead_above`` / ``dead_below``: the same for the derivative, computed from the
    output where frameworks do (``FROM_OUTPUT``: σ(1 − σ), 1 − tanh²) with the output
    correctly rounded, else the exact derivative correctly rounded; None on a side
    where f is flat by design (ReLU's left, Hardtanh's flats): that is not numerical.
    ``dead_share``: the share of the format's finite numbers in the dead zones.
    """

    key: str
    dtype: str
    upper: float | None
    lower: float | None
    dead_above: float | None
    dead_below: float | None
    upper_limit: float | None
    lower_limit: float | None
    from_output: bool
    dead_share: float


def saturation(key: str | Activation, dtype: str, **params: float) -> Saturation:
    """The saturation points and numerically dead zones of ``key`` in ``dtype``.

    Found by bisection on the floats of the format (in their order: neighbouring
    numbers differ by one in :func:`~actgui.analysis.formats.from_ordinal`): the
    predicate is evaluated at the first number of every binade on both sides, then
    bisected between the outermost number where it fails and the next where it holds,
    to the first number from which on it holds.
    """
    act = _act(key)
    values = act.resolve(**params)
    format_info(dtype)  # (a bad format is refused before any work)
    limits = act.evaluate(0, np.array([-np.inf, np.inf]), **values)
    lower_limit, upper_limit = (float(v) if np.isfinite(v) else None for v in limits)

    def rounds_to(limit: float) -> Callable[[np.ndarray], np.ndarray]:
        target = round_to(limit, dtype)
        return lambda x: round_to(act.evaluate(0, x, **values), dtype) == target

    from_output = act.key in FROM_OUTPUT and act.family != "custom"

    def dead(x: np.ndarray) -> np.ndarray:
        if from_output:
            y = round_to(act.evaluate(0, x, **values), dtype)
            g = in_format(FROM_OUTPUT[act.key], dtype, y.astype(np.float64))
        else:
            g = round_to(act.evaluate(1, x, **values), dtype)
        return g.astype(np.float64) == 0.0

    upper = _first_from(rounds_to(upper_limit), dtype, +1) if upper_limit is not None else None
    lower = _first_from(rounds_to(lower_limit), dtype, -1) if lower_limit is not None else None
    flat_right, flat_left = _flat_tails(act, values)
    dead_above = None if flat_right else _first_from(dead, dtype, +1)
    dead_below = None if flat_left else _first_from(dead, dtype, -1)
    top = largest_ordinal(dtype)
    dead_count = 0
    for point, side in ((dead_above, +1), (dead_below, -1)):
        if point is not None:
            k = int(ordinal(np.array([point]), dtype)[0])
            dead_count += top - side * k + 1
    share = dead_count / (2 * top + 1)  # (+0 and −0 counted once)
    return Saturation(
        act.key,
        dtype,
        upper,
        lower,
        dead_above,
        dead_below,
        upper_limit,
        lower_limit,
        from_output,
        share,
    )


def _flat_tails(act: Activation, values: Mapping[str, float]) -> tuple[bool, bool]:
    """Whether f is flat by design beyond its outermost kinks (f′ = f″ = 0 exactly one
    and two units beyond them): (on the right, on the left)."""
    kinks = act.kinks(**values)
    right = (max(kinks) if kinks else 0.0) + np.array([1.0, 2.0])
    left = (min(kinks) if kinks else 0.0) - np.array([1.0, 2.0])
    out = []
    for x in (right, left):
        d1 = act.evaluate(1, x, **values)
        d2 = act.evaluate(2, x, **values)
        out.append(bool(np.all(d1 == 0.0) and np.all(d2 == 0.0)))
    return out[0], out[1]


def _first_from(holds: Callable[[np.ndarray], np.ndarray], dtype: str, side: int):
    """The format's number from which on, going to +∞ (``side`` +1) or −∞ (−1),
    ``holds`` is true; None if it fails at the largest finite number on that side."""
    info = format_info(dtype)
    top = largest_ordinal(dtype)
    mant = info.precision - 1
    # The first number of every binade (and the subnormals' first), on both sides, in
    # order along the direction of travel.
    starts = np.unique(np.concatenate([[0, 1], np.arange(1, top >> mant) << mant, [top]]))
    ks = np.concatenate([-starts[::-1], starts[1:]])  # ascending, 0 once
    if side < 0:
        ks = ks[::-1]
    ok = holds(from_ordinal(ks, dtype))
    if not ok[-1]:
        return None
    failed = np.flatnonzero(~ok)
    if failed.size == 0:
        return float(from_ordinal(ks[0], dtype))
    lo, hi = int(ks[failed[-1]]), int(ks[failed[-1] + 1])  # fails at lo, holds at hi
    while abs(hi - lo) > 1:
        checkpoint()  # (on a worker: a formula of your own may be slow)
        mid = (lo + hi) // 2 if side > 0 else -((-lo - hi) // 2)
        if holds(from_ordinal(np.array([mid]), dtype))[0]:
            hi = mid
        else:
            lo = mid
    return float(from_ordinal(hi, dtype))


@dataclass(frozen=True)
class Profile:
    """What the Precision view draws of one function in one format over [x_min, x_max]:
    the exact curve, the curve as computed in the format (a staircase where the format's
    numbers are fewer than the samples), its error in ulps at the format's numbers, the
    saturation points and the largest error."""

    x: np.ndarray
    exact: np.ndarray
    steps_x: np.ndarray
    steps_y: np.ndarray
    error_x: np.ndarray
    error_ulps: np.ndarray
    saturation: Saturation
    largest: tuple[float, float] | None


def profile(
    key: str | Activation,
    dtype: str,
    order: int,
    x_min: float,
    x_max: float,
    n: int = 1500,
    **params: float,
) -> Profile:
    """The :class:`Profile` of ``key``'s ``order``-th derivative in ``dtype``."""
    act = _act(key)
    order = check_order(order)
    values = act.resolve(**params)
    x = np.linspace(x_min, x_max, n)
    exact = act.evaluate(order, x, **values)
    checkpoint()
    steps_x, steps = format_staircase(act, (order,), values, x_min, x_max, n, dtype)
    checkpoint()
    numbers = format_floats(dtype, x_min, x_max, 4 * n)
    if numbers is None:
        k = ordinal(np.array([x_min, x_max]), dtype, ceil=(True, False))
        numbers = from_ordinal(np.unique(np.linspace(k[0], k[1], 4 * n).round()), dtype)
    errors = error_ulps(act, numbers, dtype, order, **values)
    return Profile(
        x,
        exact,
        steps_x,
        steps[order],
        numbers,
        errors,
        saturation(act, dtype, **values),
        largest_error(act, dtype, x_min, x_max, order, **values),
    )


def format_staircase(
    act: Activation,
    orders: Sequence[int],
    params: Mapping[str, float],
    lo: float,
    hi: float,
    n: int,
    number_format: str,
) -> tuple[np.ndarray, dict[int, np.ndarray]]:
    """(x, order → values) of ``act`` computed in ``number_format`` over [lo, hi].

    Where the format has at most ``n`` numbers in the interval, the curve is the
    staircase a kernel in that format draws: each number's value held over the inputs
    that round to it (up to the midpoints between neighbours), with vertical risers.
    Otherwise (the steps are narrower than the samples) the ``n`` samples' inputs are
    rounded to the format and the values computed there.
    """
    numbers = format_floats(number_format, lo, hi, n)
    if numbers is None or numbers.size < 2:
        x = np.linspace(lo, hi, n)
        return x, {
            o: evaluate_act_in(act, x, number_format, o, **params).astype(np.float64)
            for o in orders
        }
    mids = 0.5 * (numbers[:-1] + numbers[1:])
    edges = np.concatenate([[min(lo, numbers[0])], mids, [max(hi, numbers[-1])]])
    x = np.repeat(edges, 2)[1:-1]  # each number's [left edge, right edge]
    out = {}
    for o in orders:
        y = evaluate_act_in(act, numbers, number_format, o, **params).astype(np.float64)
        out[o] = np.repeat(y, 2)
    return x, out


def largest_error(
    key: str | Activation, dtype: str, x_min: float, x_max: float, order: int = 0, **params: float
) -> tuple[float, float] | None:
    """(largest |error| in ulps of the format, the x where it is) of :func:`evaluate_in`
    over [x_min, x_max]: at every number of the format there (float16, bfloat16), or at
    2^16 of them evenly spread in order (float32, float64). None where nothing is finite."""
    k_lo, k_hi = (int(k) for k in ordinal(np.array([x_min, x_max]), dtype, ceil=(True, False)))
    if k_hi < k_lo:
        return None
    count = k_hi - k_lo + 1
    ks = np.arange(k_lo, k_hi + 1) if count <= 1 << 16 else np.linspace(k_lo, k_hi, 1 << 16)
    x = from_ordinal(np.unique(np.round(ks).astype(np.int64)), dtype)
    err = np.abs(error_ulps(key, x, dtype, order, **params))
    if not np.isfinite(err).any():
        return None
    i = int(np.nanargmax(np.where(np.isfinite(err), err, -1.0)))
    return float(err[i]), float(x[i])


__all__ = [
    "FORMATS",
    "FROM_OUTPUT",
    "Difference",
    "Profile",
    "Saturation",
    "error_ulps",
    "evaluate_act_in",
    "evaluate_in",
    "format_staircase",
    "largest_error",
    "max_difference",
    "profile",
    "round_to",
    "saturation",
]

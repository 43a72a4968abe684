"""The precision engine (issue "Precision lab"): computing in float32, bfloat16 and float16,
correct rounding, saturation points and dead zones, checked against independent
computations: numpy's own float16/float32 and ml_dtypes' bfloat16 arithmetic, exact
rational arithmetic, mpmath at 60 digits and points derived by hand."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import ml_dtypes
import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actgui.activations import REGISTRY
from actgui.analysis.formats import FORMATS, round_to, ulp
from actgui.analysis.precision import evaluate_in, largest_error, saturation

BF16 = ml_dtypes.bfloat16
#: Significand bits with the hidden one, as the formats' definitions give them.
PRECISION = {"float64": 53, "float32": 24, "bfloat16": 8, "float16": 11}
NARROW = ("float32", "bfloat16", "float16")


def every_number(dtype) -> np.ndarray:
    """Every finite number of a 16-bit format, ascending (from its bit patterns)."""
    top = {np.dtype(np.float16): 0x7C00, np.dtype(BF16): 0x7F80}[np.dtype(dtype)]
    positive = np.arange(0, top, dtype=np.uint16).view(dtype)
    return np.concatenate([-positive[:0:-1], positive])


def bits(a: np.ndarray) -> np.ndarray:
    return a.view({2: np.uint16, 4: np.uint32, 8: np.uint64}[a.dtype.itemsize])


# -- correct rounding ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    fmt=st.sampled_from(NARROW),
    k=st.integers(-(2**30), 2**30),
    frac=st.sampled_from([0, 1, 2, 3]),
)
def test_round_to_is_nearest_with_ties_to_even(fmt, k, frac):
    # Two neighbouring numbers of the format, a point between them (a quarter, half —
    # the tie — or three quarters of the way), rounded: checked in exact rationals.
    dtype = {"float32": np.float32, "bfloat16": BF16, "float16": np.float16}[fmt]
    # The bit pattern of the largest finite number (the formats' definitions).
    top = {"float32": 0x7F7FFFFF, "bfloat16": 0x7F7F, "float16": 0x7BFF}[fmt]
    k = k % top
    uint = np.uint32 if fmt == "float32" else np.uint16
    a, b = (float(np.array([v], dtype=uint).view(dtype)[0]) for v in (k, k + 1))
    v = a + (b - a) * frac / 4  # exact in float64: 16 or 32-bit numbers and quarters
    got = Fraction(float(round_to(v, fmt)))
    da, db = abs(Fraction(v) - Fraction(a)), abs(Fraction(b) - Fraction(v))
    if da != db:
        assert got == Fraction(a if da < db else b)
    else:  # a tie: the one whose last bit is 0
        assert got == Fraction(a if k % 2 == 0 else b)


def test_ulp_is_the_spacing_of_the_format():
    for fmt, dtype in (("float16", np.float16), ("bfloat16", BF16)):
        x = every_number(dtype)
        x = x[(x >= 0) & np.isfinite(x)][:-1]
        nxt = np.array(np.arange(1, x.size + 1), dtype=np.uint16).view(dtype)
        spacing = nxt.astype(np.float64) - x.astype(np.float64)
        assert np.array_equal(ulp(x.astype(np.float64), fmt), spacing)
    assert ulp(1.0, "float32") == 2.0**-23 and ulp(1.0, "float64") == 2.0**-52


# -- computing in a format ------------------------------------------------------------


def _kernels(dtype):
    """The registry's formulas written again with numpy arrays of ``dtype`` (numpy's own
    float16/float32 and ml_dtypes' bfloat16 arithmetic; constants of the same type)."""
    one = dtype(1)

    def sigmoid(x):
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, one, e) / (one + e)

    def softplus(x):  # β = 1, threshold = 20
        y = np.where(x > dtype(20), x, np.maximum(x, dtype(0)) + np.log1p(np.exp(-np.abs(x))))
        h = np.exp(dtype(0.5) * x)
        return np.where(x < dtype(-708.0), (one * h) * h, y)

    return {
        "sigmoid": sigmoid,
        "tanh": np.tanh,
        "softsign": lambda x: x / (one + np.abs(x)),
        "elu": lambda x: np.where(x > 0, x, one * np.expm1(np.minimum(x, dtype(0)))),
        "relu6": lambda x: np.minimum(np.maximum(x, dtype(0)), dtype(6)),
        "softplus": softplus,
        "silu": lambda x: x * sigmoid(x),
    }


@pytest.mark.parametrize("fmt", ["float16", "bfloat16"])
def test_evaluate_in_matches_the_formats_own_arithmetic_bit_for_bit(fmt):
    dtype = np.float16 if fmt == "float16" else BF16
    x = every_number(dtype)
    for key, kernel in _kernels(dtype).items():
        with np.errstate(all="ignore"):
            expected = kernel(x)
        assert expected.dtype == np.dtype(dtype)
        got = evaluate_in(key, x.astype(np.float64), fmt)
        assert got.dtype == np.dtype(dtype)
        same = (bits(got) == bits(expected)) | (np.isnan(got) & np.isnan(expected))
        assert same.all(), (key, x[~same][:5], got[~same][:5], expected[~same][:5])


def test_evaluate_in_float32_matches_numpys_float32_arithmetic():
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.normal(0, 6, 20000), rng.uniform(-200, 200, 2000)]).astype(np.float32)
    for key, kernel in _kernels(np.float32).items():
        with np.errstate(all="ignore"):
            expected = kernel(x)
        got = evaluate_in(key, x.astype(np.float64), "float32")
        assert np.array_equal(bits(got), bits(expected)), key


@pytest.mark.parametrize("fmt", NARROW)
def test_every_function_and_order_computes_in_the_format_without_warnings(fmt):
    info_p = PRECISION[fmt]
    x = np.linspace(-12.0, 12.0, 1201)
    for key, act in REGISTRY.items():
        for order in (0, 1, 2):
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                got = evaluate_in(key, x, fmt, order)
            exact = act.evaluate(order, round_to(x, fmt).astype(np.float64))
            assert got.dtype.name == fmt
            finite = np.isfinite(exact)
            assert np.isfinite(got.astype(np.float64)[finite]).all(), (key, order)
            # Close to the truth: within 256 units of the format at the curve's scale
            # (more near a zero that cancellation makes: GELU′ near −0.75 is 878 ulps of
            # its own tiny value off in float16, but not of the curve).
            scale = np.max(np.abs(exact[finite]), initial=0.0)
            error = np.abs(got.astype(np.float64)[finite] - exact[finite])
            assert (error <= 256 * 2.0 ** (1 - info_p) * max(scale, 1e-30)).all(), (key, order)


def test_evaluate_in_float64_is_the_registry_and_nan_stays_nan():
    x = np.array([-3.0, 0.0, 0.5, np.nan])
    for fmt in FORMATS:
        y = evaluate_in("gelu", x, fmt).astype(np.float64)
        assert np.isnan(y[3]) and np.isfinite(y[:3]).all()
    assert np.array_equal(
        evaluate_in("mish", x[:3], "float64", 2), REGISTRY["mish"].evaluate(2, x[:3])
    )


def test_evaluate_in_refuses_bad_input():
    with pytest.raises(ValueError, match="format"):
        evaluate_in("relu", [1.0], "float8")
    with pytest.raises(ValueError, match="order"):
        evaluate_in("relu", [1.0], "float16", 3)
    with pytest.raises(KeyError):
        evaluate_in("sigmod", [1.0], "float16")
    with pytest.raises(ValueError):
        evaluate_in("elu", [1.0], "float16", alpha=float("nan"))


def test_a_custom_style_parameter_is_used_in_the_format():
    # Leaky ReLU's α is rounded where it meets x: α·x in float16 is float16's product.
    x = np.array([-3.0, -1.0 / 3.0])
    got = evaluate_in("leaky_relu", x, "float16", alpha=0.1)
    expected = np.float16(0.1) * x.astype(np.float16)
    assert np.array_equal(bits(got), bits(expected))


# -- saturation points and dead zones ---------------------------------------------------


@pytest.fixture(autouse=True)
def _sixty_digits():
    with mpmath.workdps(60):
        yield


def _previous(value: float, fmt: str, towards: float) -> float:
    """The format's number next to ``value`` towards ``towards``."""
    dtype = {"float32": np.float32, "bfloat16": BF16, "float16": np.float16}[fmt]
    one = np.array([value], dtype=dtype)
    step = 1 if (towards > value) == (value >= 0) else -1
    if value == 0:
        return float(
            np.array([1], dtype=np.uint16 if fmt != "float32" else np.uint32).view(dtype)[0]
        ) * (1 if towards > 0 else -1)
    u = bits(one).astype(np.int64) + step
    return float(u.astype(bits(one).dtype).view(dtype)[0])


@pytest.mark.parametrize("fmt", NARROW)
def test_sigmoid_and_tanh_saturate_where_derived_by_hand(fmt):
    p = PRECISION[fmt]
    half = mpmath.mpf(2) ** -(p + 1)  # half the spacing just below 1
    cases = {
        # 1 − σ(x) = 1/(1 + eˣ) ≤ 2^−(p+1)  ⇔  x ≥ ln(2^(p+1) − 1)
        "sigmoid": (
            mpmath.log(2 ** (p + 1) - 1),
            lambda x: 1 / (1 + mpmath.exp(x)),
        ),
        # 1 − tanh x = 2/(e^(2x) + 1) ≤ 2^−(p+1)  ⇔  x ≥ ½·ln(2^(p+2) − 1)
        "tanh": (
            mpmath.log(2 ** (p + 2) - 1) / 2,
            lambda x: 2 / (mpmath.exp(2 * x) + 1),
        ),
    }
    for key, (threshold, gap) in cases.items():
        s = saturation(key, fmt)
        before = _previous(s.upper, fmt, -math.inf)
        # The found point is the first number of the format at or past the threshold …
        assert before < threshold <= s.upper, (key, fmt, before, s.upper)
        # … where f rounds to 1 (its gap below 1 at most half a spacing), and the number
        # before it does not.
        assert gap(mpmath.mpf(s.upper)) <= half < gap(mpmath.mpf(before))
        # The gradient from the output is exactly 0 from the same point on.
        assert s.dead_above == s.upper and s.from_output
    assert saturation("tanh", fmt).lower == -saturation("tanh", fmt).upper
    assert saturation("tanh", fmt).dead_below == -saturation("tanh", fmt).upper


def test_the_issues_numbers():
    # "in float16, σ(x) rounds to exactly 1 from x ≈ 8.3 on … tanh from x ≈ 4.5
    # (bfloat16: ≈ 3.5)"; "bfloat16 from ≈ 6.2".
    assert saturation("sigmoid", "float16").upper == pytest.approx(8.3, abs=0.05)
    assert saturation("sigmoid", "bfloat16").dead_above == pytest.approx(6.2, abs=0.06)
    assert saturation("tanh", "float16").upper == pytest.approx(4.5, abs=0.05)
    assert saturation("tanh", "bfloat16").upper == pytest.approx(3.5, abs=0.05)


def test_sigmoid_rounds_to_zero_below_half_the_smallest_subnormal():
    # σ(x) rounds to 0 where σ(x) ≤ 2^−25, half of float16's smallest number 2^−24
    # (a tie rounds to 0, whose last bit is even): mpmath on both sides of the point.
    s = saturation("sigmoid", "float16")
    sig = lambda x: 1 / (1 + mpmath.exp(-mpmath.mpf(x)))  # noqa: E731
    assert sig(s.lower) <= mpmath.mpf(2) ** -25 < sig(_previous(s.lower, "float16", math.inf))
    assert s.dead_below == s.lower  # σ(1 − σ) = σ there: 0 exactly where σ is


@pytest.mark.parametrize("fmt", ["float16", "bfloat16"])
def test_bisection_finds_the_outermost_change_on_every_number(fmt):
    # Every number of the format checked (an independent, exhaustive scan): from the point
    # found outwards the rounding holds at every number, and at the one before it fails.
    dtype = np.float16 if fmt == "float16" else BF16
    x = every_number(dtype).astype(np.float64)
    for key, act in REGISTRY.items():
        s = saturation(key, fmt)
        f = round_to(act.evaluate(0, x), fmt).astype(np.float64)
        limits = act.evaluate(0, np.array([-np.inf, np.inf]))
        for point, limit, outward in ((s.upper, limits[1], 1), (s.lower, limits[0], -1)):
            if not np.isfinite(limit):
                assert point is None, key
                continue
            target = float(round_to(limit, fmt))
            holds = f == target
            if point is None:
                assert not holds[-1 if outward > 0 else 0], key
                continue
            i = int(np.flatnonzero(x == point)[0]) if point != 0 else int(np.flatnonzero(x == 0)[0])
            beyond = holds[i:] if outward > 0 else holds[: i + 1]
            assert beyond.all(), (key, point)
            j = i - outward
            if 0 <= j < x.size:
                assert not holds[j], (key, point)


def test_flat_by_design_is_not_a_numerical_dead_zone():
    assert saturation("relu", "float16").dead_below is None
    assert saturation("hardtanh", "bfloat16").dead_above is None
    assert saturation("hardtanh", "bfloat16").upper == 1.0
    assert saturation("relu", "float16").upper is None  # unbounded


def test_dead_zone_of_a_gradient_from_the_input():
    # ELU's f′ = eˣ on the left underflows to 0 in float16 where eˣ ≤ 2^−25:
    # x ≤ −25·ln 2 ≈ −17.33; the first float16 number at or below that.
    s = saturation("elu", "float16")
    assert not s.from_output
    d = lambda x: mpmath.exp(mpmath.mpf(x))  # noqa: E731
    assert d(s.dead_below) <= mpmath.mpf(2) ** -25 < d(_previous(s.dead_below, "float16", 0.0))


def test_dead_share_counts_the_numbers_of_the_format():
    # float16's σ: dead from 8.3203125 up and from −17.34375 down; count them by bits.
    s = saturation("sigmoid", "float16")
    x = every_number(np.float16).astype(np.float64)
    dead = (x >= s.dead_above) | (x <= s.dead_below)
    assert s.dead_share == pytest.approx(dead.sum() / (x.size), abs=1e-12)


def test_largest_error_of_the_formats():
    # Over every float16 number in [−10, 10], the largest error of σ in ulps, against an
    # mpmath computation at the x reported and an exhaustive scan of all the numbers.
    worst, at = largest_error("sigmoid", "float16", -10.0, 10.0)
    x = every_number(np.float16)
    x = x[(x >= -10) & (x <= 10)]
    with np.errstate(all="ignore"):
        computed = _kernels(np.float16)["sigmoid"](x).astype(np.float64)
    exact = np.array([float(1 / (1 + mpmath.exp(-mpmath.mpf(float(v))))) for v in x])
    errors = np.abs(computed - exact) / ulp(exact, "float16")
    assert worst == pytest.approx(errors.max(), rel=1e-9)
    assert at == float(x[int(np.argmax(errors))])


def test_a_formula_of_your_own_computes_in_the_format_like_a_built_in():
    # Its formula's operations stay in float16 (the evaluator keeps the narrow array): the
    # same bits as numpy's own float16 arithmetic on the same formula.
    from actgui.activations.custom import custom_activation
    from actgui.analysis.precision import evaluate_act_in

    x = every_number(np.float16)
    for formula, kernel in (
        ("x/(1 + abs(x))", lambda v: v / (np.float16(1) + np.abs(v))),
        ("x*tanh(x) + x**2/8", lambda v: v * np.tanh(v) + v**2 / np.float16(8)),
    ):
        act = custom_activation("mine_in_format", formula)
        with np.errstate(all="ignore"):
            expected = kernel(x)
        got = evaluate_act_in(act, x.astype(np.float64), "float16")
        same = (bits(got) == bits(expected)) | (np.isnan(got) & np.isnan(expected))
        assert same.all(), (formula, x[~same][:5], got[~same][:5], expected[~same][:5])

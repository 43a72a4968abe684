"""``max_difference`` (issue "Precision lab"): the largest difference between two
activations, where, and their L2 distance, against mpmath at 40 digits and closed forms."""

from __future__ import annotations

import math

import mpmath
import pytest

from actgui.analysis.precision import max_difference


@pytest.fixture(autouse=True)
def _forty_digits():
    with mpmath.workdps(40):
        yield


def gelu(x):
    return x / 2 * (1 + mpmath.erf(x / mpmath.sqrt(2)))


def gelu_tanh(x):
    k = mpmath.sqrt(2 / mpmath.pi)
    return x / 2 * (1 + mpmath.tanh(k * (x + mpmath.mpf("0.044715") * x**3)))


def quick_gelu(x):
    return x / (1 + mpmath.exp(-mpmath.mpf("1.702") * x))


def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _extremum(f, g, guess, order=0):
    """mpmath's own: the root of (f − g)^(order+1) near ``guess``, and |f − g|^(order) there."""
    d = lambda x: mpmath.diff(f, x, order) - mpmath.diff(g, x, order)  # noqa: E731
    root = mpmath.findroot(lambda x: mpmath.diff(d, x), mpmath.mpf(guess))
    return root, abs(d(root))


@pytest.mark.parametrize(
    ("a", "b", "fa", "fb"),
    [("gelu", "gelu_tanh", gelu, gelu_tanh), ("gelu", "quick_gelu", gelu, quick_gelu)],
)
def test_gelu_against_its_approximations(a, b, fa, fb):
    d = max_difference(a, b, -6.0, 6.0)
    root, size = _extremum(fa, fb, d.at)
    assert d.max_abs == pytest.approx(float(size), rel=1e-12)
    assert d.at == pytest.approx(float(root), abs=1e-7)
    assert abs(d.signed) == d.max_abs
    # No larger difference anywhere: mpmath on 2 001 points of the interval.
    grid = [mpmath.mpf(-6) + 12 * mpmath.mpf(i) / 2000 for i in range(2001)]
    assert max(abs(fa(x) - fb(x)) for x in grid) <= size * (1 + 1e-12)
    l2 = mpmath.sqrt(mpmath.quad(lambda x: (fa(x) - fb(x)) ** 2, [-6, -2, 0, 2, 6]))
    assert d.l2 == pytest.approx(float(l2), rel=1e-9)


def test_sigmoid_against_hardsigmoid_in_closed_form():
    # h(x) = (x + 3)/6 between −3 and 3: (σ − h)′ = σ(1 − σ) − 1/6 = 0 at
    # σ = (1 ± √(1 − 4/6))/2, x = ±ln(σ/(1 − σ)); the difference is odd about 0, the
    # leftmost of the two is reported. (The registry's h′ is PyTorch's float32 1/6, off by
    # 7e−9: the root moves by ~1e−7, the largest value by ~1e−16.)
    s = mpmath.mpf(1) / 6
    p = (1 + mpmath.sqrt(1 - 4 * s)) / 2
    x = -mpmath.log(p / (1 - p))
    expected = abs(sigmoid(x) - (s * x + mpmath.mpf(1) / 2))
    d = max_difference("sigmoid", "hardsigmoid", -6.0, 6.0)
    assert d.at == pytest.approx(float(x), abs=1e-6)
    assert d.max_abs == pytest.approx(float(expected), rel=1e-12)


def test_silu_against_hardswish_peaks_at_the_kink():
    # On [−6, 6] hardswish(x) = x from 3 on while SiLU lags: the largest gap is at the
    # kink, 3 − 3σ(3), one of its one-sided limits.
    d = max_difference("silu", "hardswish", -6.0, 6.0)
    expected = 3 - 3 * sigmoid(mpmath.mpf(3))
    assert d.at == pytest.approx(3.0, abs=1e-12)
    assert d.max_abs == pytest.approx(float(expected), rel=1e-12)


@pytest.mark.parametrize("order", [1, 2])
def test_derivatives_differ_as_mpmath_says(order):
    d = max_difference("gelu", "gelu_tanh", -4.0, 4.0, order=order)
    root, size = _extremum(gelu, gelu_tanh, d.at, order)
    assert d.max_abs == pytest.approx(float(size), rel=1e-9)
    assert d.at == pytest.approx(float(root), abs=1e-5)


def test_parameters_are_used_and_checked():
    # Leaky ReLU with α against ReLU on [−2, 1]: the gap is 2α at x = −2 (an end).
    d = max_difference("leaky_relu", "relu", -2.0, 1.0, params_a={"alpha": 0.3})
    assert (d.max_abs, d.at) == (pytest.approx(0.6, rel=1e-15), -2.0)
    assert d.l2 == pytest.approx(math.sqrt(0.09 * 8 / 3), rel=1e-12)  # √∫₋₂⁰ (0.3x)² dx
    with pytest.raises(ValueError, match="below"):
        max_difference("relu", "elu", 1.0, 1.0)
    with pytest.raises(ValueError):
        max_difference("relu", "elu", -math.inf, 1.0)
    with pytest.raises(ValueError):
        max_difference("relu", "elu", -1.0, 1.0, params_b={"alpha": -5.0})
    with pytest.raises(KeyError):
        max_difference("relu", "nope", -1.0, 1.0)

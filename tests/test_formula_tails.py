"""Formulas far out in the tails: σ, σ′ and sech² (tanh′) against mpmath, in ulps.

Error is measured in units of the last place of the exact value: the spacing of floats
there, 2⁻¹⁰⁷⁴ once the value is subnormal (|x| > 354 for sech²). There one ulp is a
large part of the value, so being a few ulps off is being percents off: the tail must be
within one ulp (sech²(371) is 2.27e−322, not 2.17e−322; sech²(373) is 5e−324, not 0).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from actgui.activations import REGISTRY
from actgui.activations.formula import derivative, evaluate, parse


def ulps(got: float, exact: mpmath.mpf) -> float:
    """|got − exact| in units of the last place of ``exact``."""
    return float(abs(mpmath.mpf(float(got)) - exact) / mpmath.mpf(math.ulp(float(exact))))


def errors(text: str, order: int, exact, x: np.ndarray) -> np.ndarray:
    tree = parse(text)
    for _ in range(order):
        tree = derivative(tree)
    y = np.broadcast_to(evaluate(tree, x, {}), x.shape)
    with mpmath.workdps(50):
        return np.array(
            [ulps(yi, exact(mpmath.mpf(float(xi)))) for xi, yi in zip(x, y, strict=True)]
        )


def sech2(t):
    return mpmath.sech(t) ** 2


def sigmoid(t):
    return 1 / (1 + mpmath.exp(-t))


def dsigmoid(t):
    return mpmath.exp(-t) / (1 + mpmath.exp(-t)) ** 2


def test_tanh_derivative_is_correctly_rounded_deep_in_the_tail():
    f1 = derivative(parse("tanh(x)"))
    x = np.array([371.0, -371.0, 373.0, -373.0])
    with mpmath.workdps(50):
        exact = [float(sech2(mpmath.mpf(v))) for v in x]
    assert exact[0] == 2.27e-322 and exact[2] == 5e-324
    assert evaluate(f1, x, {}).tolist() == exact


def test_tanh_derivative_within_an_ulp_where_it_is_subnormal():
    x = np.linspace(355.0, 380.0, 501)
    x = np.concatenate([x, -x])
    err = errors("tanh(x)", 1, sech2, x)
    assert err.max() <= 1.0, (err.max(), x[np.argmax(err)])


def test_tanh_derivative_within_a_few_ulps_elsewhere():
    x = np.linspace(-355.0, 355.0, 1421)
    err = errors("tanh(x)", 1, sech2, x)
    assert err.max() <= 3.0, (err.max(), x[np.argmax(err)])


@pytest.mark.parametrize(
    ("text", "order", "exact"),
    [("sigmoid(x)", 0, sigmoid), ("sigmoid(x)", 1, dsigmoid), ("softplus(x)", 1, sigmoid)],
)
def test_sigmoid_and_its_derivative_far_out(text, order, exact):
    x = np.array([-745.0, -700.0, -40.0, -1.0, 0.0, 1.0, 40.0, 700.0, 745.0])
    err = errors(text, order, exact, x)
    assert err.max() <= 1.0, (err.max(), x[np.argmax(err)])


@pytest.mark.parametrize(("text", "key"), [("tanh(x)", "tanh"), ("sigmoid(x)", "sigmoid")])
def test_a_formula_agrees_with_the_builtin_to_the_bit(text, key):
    """The same stable σ, σ′ and sech² as the registry's: no drift between copies."""
    x = np.concatenate([np.linspace(-400.0, 400.0, 8001), [-745.0, 745.0, -np.inf, np.inf]])
    f = parse(text)
    f1 = derivative(f)
    builtin = REGISTRY[key]
    np.testing.assert_array_equal(evaluate(f, x, {}), builtin.evaluate(0, x))
    np.testing.assert_array_equal(evaluate(f1, x, {}), builtin.evaluate(1, x))

"""The edges of the float line and of the API: ±inf, NaN, and arguments in the wrong order.

At ±inf every function returns its limit where the limit exists (sigmoid(−inf) = 0,
softsign(inf) = 1, silu(−inf) = 0, elu(−inf) = −α, every derivative's limit, …), and
where the limit is infinite it returns ±inf as PyTorch does (relu(inf) = inf). Where
there is no limit (Snake's f′ = 1 + sin 2αx) the answer is NaN. PyTorch 2.13 itself
returns NaN for some of these limits (softsign(±inf); GELU, tanh-GELU, SiLU, Mish and
Hardswish at −inf; f′ and f″ of GELU, tanh-GELU, SiLU and Mish at ±inf); the registry
returns the limit there.

NaN in gives NaN out, for every function and every order. (PyTorch propagates NaN
through f, but some of its backward formulas turn it into a number, e.g. relu′(NaN)
= 1; a derivative at "not a number" is NaN here.)
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from actgui.activations import ORDERS, REGISTRY
from actgui.activations.exponential import SELU_ALPHA, SELU_SCALE

INF, NAN = math.inf, math.nan

#: key → params → ((f, f′, f″) at −inf, (f, f′, f″) at +inf)
LIMITS = {
    "sigmoid": lambda: ((0, 0, 0), (1, 0, 0)),
    "tanh": lambda: ((-1, 0, 0), (1, 0, 0)),
    "logsigmoid": lambda: ((-INF, 1, 0), (0, 0, 0)),
    "softsign": lambda: ((-1, 0, 0), (1, 0, 0)),
    "relu": lambda: ((0, 0, 0), (INF, 1, 0)),
    "leaky_relu": lambda alpha: ((-INF * alpha if alpha else 0, alpha, 0), (INF, 1, 0)),
    "prelu": lambda alpha: ((-INF * alpha if alpha else 0, alpha, 0), (INF, 1, 0)),
    "rrelu": lambda lower, upper: (
        (-INF if lower + upper else 0, (lower + upper) / 2, 0),
        (INF, 1, 0),
    ),
    "relu6": lambda: ((0, 0, 0), (6, 0, 0)),
    "elu": lambda alpha: ((-alpha, 0, 0), (INF, 1, 0)),
    "selu": lambda: ((-SELU_SCALE * SELU_ALPHA, 0, 0), (INF, SELU_SCALE, 0)),
    "celu": lambda alpha: ((-alpha, 0, 0), (INF, 1, 0)),
    "gelu": lambda: ((0, 0, 0), (INF, 1, 0)),
    "gelu_tanh": lambda: ((0, 0, 0), (INF, 1, 0)),
    "silu": lambda: ((0, 0, 0), (INF, 1, 0)),
    "mish": lambda: ((0, 0, 0), (INF, 1, 0)),
    "softplus": lambda beta, threshold: ((0, 0, 0), (INF, 1, 0)),
    "hardtanh": lambda min_val, max_val: ((min_val, 0, 0), (max_val, 0, 0)),
    "hardsigmoid": lambda: ((0, 0, 0), (1, 0, 0)),
    "hardswish": lambda: ((0, 0, 0), (INF, 1, 0)),
    "threshold": lambda threshold, value: ((value, 0, 0), (INF, 1, 0)),
    "identity": lambda: ((-INF, 1, 0), (INF, 1, 0)),
    "softshrink": lambda lambd: ((-INF, 1, 0), (INF, 1, 0)),
    "hardshrink": lambda lambd: ((-INF, 1, 0), (INF, 1, 0)),
    "tanhshrink": lambda: ((-INF, 1, 0), (INF, 1, 0)),
    "swish": lambda beta: ((0, 0, 0), (INF, 1, 0)) if beta else ((-INF, 0.5, 0), (INF, 0.5, 0)),
    "quick_gelu": lambda: ((0, 0, 0), (INF, 1, 0)),
    "squareplus": lambda b: ((0, 0, 0), (INF, 1, 0)),
    "bent_identity": lambda: ((-INF, 0.5, 0), (INF, 1.5, 0)),
    "gaussian": lambda: ((0, 0, 0), (0, 0, 0)),
    "sinc": lambda: ((0, 0, 0), (0, 0, 0)),
    "isru": lambda alpha: (
        ((-1 / math.sqrt(alpha), 0, 0), (1 / math.sqrt(alpha), 0, 0))
        if alpha
        else ((-INF, 1, 0), (INF, 1, 0))
    ),
    "sqnl": lambda: ((-1, 0, 0), (1, 0, 0)),
    "arctan": lambda: ((-math.pi / 2, 0, 0), (math.pi / 2, 0, 0)),
    "snake": lambda alpha: ((-INF, NAN, NAN), (INF, NAN, NAN)),
    "lisht": lambda: ((INF, -1, 0), (INF, 1, 0)),
    "step": lambda: ((0, 0, 0), (1, 0, 0)),
}

#: Parameter sets besides the defaults: the ends of the ranges, where a limit changes.
EDGE_PARAMS = {
    "leaky_relu": [{"alpha": 0.0}, {"alpha": 1.0}],
    "prelu": [{"alpha": -0.5}, {"alpha": 0.0}],
    "rrelu": [{"lower": 0.0, "upper": 0.0}, {"lower": 0.05, "upper": 0.6}],
    "elu": [{"alpha": 0.0}, {"alpha": 2.5}],
    "celu": [{"alpha": 0.3}, {"alpha": 0.01}],
    "softplus": [{"beta": 0.01, "threshold": 0.0}, {"beta": 10.0, "threshold": 50.0}],
    "hardtanh": [{"min_val": -0.5, "max_val": 2.0}],
    "threshold": [{"threshold": -0.5, "value": 2.0}],
    "softshrink": [{"lambd": 0.0}, {"lambd": 1.5}],
    "hardshrink": [{"lambd": 0.0}, {"lambd": 1.5}],
    "swish": [{"beta": 0.0}, {"beta": 0.01}, {"beta": 10.0}],
    "squareplus": [{"b": 0.01}, {"b": 100.0}],
    "isru": [{"alpha": 0.0}, {"alpha": 0.01}, {"alpha": 10.0}],
    "snake": [{"alpha": 0.01}, {"alpha": 10.0}],
}


def param_sets(key: str) -> list[dict[str, float]]:
    act = REGISTRY[key]
    return [act.resolve(**p) for p in [act.defaults(), *EDGE_PARAMS.get(key, [])]]


def test_every_function_has_its_limits():
    assert set(LIMITS) == set(REGISTRY)


@pytest.mark.parametrize("key", list(REGISTRY))
def test_infinite_input_gives_the_limit(key):
    act = REGISTRY[key]
    x = np.array([-INF, INF])
    for params in param_sets(key):
        at_minus, at_plus = LIMITS[key](**params)
        for order in ORDERS:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                got = act.evaluate(order, x, **params)
            want = np.array([at_minus[order], at_plus[order]], dtype=np.float64)
            np.testing.assert_allclose(
                got, want, rtol=1e-15, atol=0, err_msg=f"{key} order {order} at {params}"
            )


@pytest.mark.parametrize("key", list(REGISTRY))
def test_nan_in_gives_nan_out(key):
    act = REGISTRY[key]
    x = np.array([-1.0, NAN, 0.5, NAN, -INF, INF, 3.0])
    nan = np.isnan(x)
    for params in param_sets(key):
        for order in ORDERS:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                got = act.evaluate(order, x, **params)
                one = act.evaluate(order, NAN, **params)
            assert np.isnan(got[nan]).all(), (key, order, params)
            assert not np.isnan(got[np.isfinite(x)]).any(), (key, order, params)
            assert one.shape == () and np.isnan(one), (key, order, params)


@pytest.mark.parametrize(
    "order", [0.5, 1.0, -1, 3, 7, True, "1", None, np.array([1.0, 2.0]), [0, 1]]
)
def test_a_bad_order_is_a_value_error_naming_the_argument_order(order):
    with pytest.raises(ValueError, match=r"derivative order must be 0, 1 or 2.*evaluate\(order, x"):
        REGISTRY["relu"].evaluate(order, np.zeros(3))


def test_x_given_where_the_order_belongs_is_a_value_error():
    x = np.linspace(-1.0, 1.0, 5)
    for wrong in ((x, 0.5), (0.5, x), ([0.1, 0.2], 1), (x, 1)):
        with pytest.raises(ValueError, match="derivative order must be 0, 1 or 2"):
            REGISTRY["sigmoid"].evaluate(*wrong)


def test_numpy_integer_orders_are_accepted():
    x = np.array([-1.0, 2.0])
    for order in (np.int64(1), np.int32(2), np.uint8(0)):
        assert REGISTRY["relu"].evaluate(order, x).shape == (2,)


@pytest.mark.parametrize("key", ["sigmoid", "relu", "softplus"])
@pytest.mark.parametrize("order", [7, -1, 0.5, 1.0])
def test_jumps_checks_its_order_like_evaluate(key, order):
    with pytest.raises(ValueError, match="derivative order must be 0, 1 or 2"):
        REGISTRY[key].jumps(order)


def test_jumps_still_takes_numpy_integers():
    assert REGISTRY["relu"].jumps(np.int64(1)) == (0.0,)

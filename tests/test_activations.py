"""Numerics of the registry against PyTorch's own numbers. Needs no display and no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actgui.activations import ORDERS, REGISTRY, Activation

REFERENCE = json.loads((Path(__file__).parent / "data" / "reference.json").read_text("utf-8"))
CASES = REFERENCE["cases"]
RTOL, ATOL = 1e-9, 1e-12
ORDER_FIELDS = {0: "f", 1: "d1", 2: "d2"}


def test_import_does_not_load_qt():
    code = (
        "import sys, actgui.activations\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6',"
        " 'shiboken6', 'pyqtgraph')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seed_functions_and_parameter_names_are_the_public_api():
    expected = {
        "sigmoid": {},
        "tanh": {},
        "relu": {},
        "leaky_relu": {"alpha": 0.01},
        "prelu": {"alpha": 0.25},
        "elu": {"alpha": 1.0},
    }
    for key, defaults in expected.items():
        assert REGISTRY[key].key == key
        assert REGISTRY[key].defaults() == defaults


def test_reference_covers_every_registry_function():
    assert {c["key"] for c in CASES} == set(REGISTRY)


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c['key']}-{'-'.join(map(str, c['params'].values()))}" for c in CASES]
)
def test_matches_pytorch(case, order):
    act = REGISTRY[case["key"]]
    x = np.array(case["x"])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        got = act.evaluate(order, x, **case["params"])
    expected = np.array(case[ORDER_FIELDS[order]])
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL, err_msg=str(case["params"]))


def test_pytorch_values_on_the_kink():
    zero = np.array([0.0])
    assert REGISTRY["relu"].derivative(zero)[0] == 0.0
    assert REGISTRY["leaky_relu"].derivative(zero, alpha=0.2)[0] == 0.2
    assert REGISTRY["prelu"].derivative(zero, alpha=-0.5)[0] == -0.5
    assert REGISTRY["elu"].derivative(zero, alpha=2.5)[0] == 2.5
    assert REGISTRY["elu"].second_derivative(zero, alpha=2.5)[0] == 0.0


def _param_sets(act: Activation) -> list[dict[str, float]]:
    """Defaults and, for each parameter, a value a quarter and three quarters into its range."""
    sets = [act.defaults()]
    for frac in (0.25, 0.75):
        sets.append({p.name: p.minimum + frac * (p.maximum - p.minimum) for p in act.params})
    return sets


@pytest.mark.parametrize("key", list(REGISTRY))
def test_derivatives_match_central_differences_away_from_kinks(key):
    act = REGISTRY[key]
    h = 1e-5
    x = np.linspace(-8, 8, 1601)
    for params in _param_sets(act):
        kinks = np.array(act.kinks(**params))
        if kinks.size:
            x = x[np.min(np.abs(x[:, None] - kinks[None, :]), axis=1) > 10 * h]
        for order in (1, 2):
            below = act.evaluate(order - 1, x - h, **params)
            numeric = (act.evaluate(order - 1, x + h, **params) - below) / (2 * h)
            exact = act.evaluate(order, x, **params)
            np.testing.assert_allclose(exact, numeric, rtol=1e-6, atol=1e-7, err_msg=f"{params}")


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from(list(REGISTRY)),
    xs=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20),
    frac=st.floats(0, 1),
)
def test_finite_everywhere_without_warnings(key, xs, frac):
    act = REGISTRY[key]
    params = {p.name: p.minimum + frac * (p.maximum - p.minimum) for p in act.params}
    x = np.array(xs)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for order in ORDERS:
            assert np.all(np.isfinite(act.evaluate(order, x, **params)))


def test_missing_parameters_take_defaults():
    x = np.array([-2.0, 3.0])
    np.testing.assert_array_equal(
        REGISTRY["leaky_relu"].forward(x), REGISTRY["leaky_relu"].forward(x, alpha=0.01)
    )


def test_unknown_parameter_is_a_type_error():
    with pytest.raises(TypeError, match="beta"):
        REGISTRY["elu"].forward(np.zeros(1), beta=1.0)
    with pytest.raises(TypeError, match="alpha"):
        REGISTRY["relu"].forward(np.zeros(1), alpha=1.0)


@pytest.mark.parametrize("bad", [float("nan"), -0.5, 1.5, "abc"])
def test_nan_or_out_of_range_is_a_value_error(bad):
    with pytest.raises(ValueError, match="alpha"):
        REGISTRY["leaky_relu"].forward(np.zeros(1), alpha=bad)


def test_scalar_and_list_inputs_give_float64_arrays():
    assert REGISTRY["tanh"].forward(0.5).dtype == np.float64
    assert REGISTRY["relu"].forward([1, -1]).tolist() == [1.0, 0.0]


def test_derivative_order_is_checked():
    with pytest.raises(ValueError, match="order"):
        REGISTRY["relu"].evaluate(3, np.zeros(1))


def test_jumps_are_found_where_left_and_right_limits_differ():
    assert REGISTRY["relu"].jumps(0) == ()
    assert REGISTRY["relu"].jumps(1) == (0.0,)
    assert REGISTRY["relu"].jumps(2) == ()
    assert REGISTRY["leaky_relu"].jumps(1, alpha=1.0) == ()
    assert REGISTRY["elu"].jumps(1, alpha=1.0) == ()
    assert REGISTRY["elu"].jumps(1, alpha=0.5) == (0.0,)
    assert REGISTRY["elu"].jumps(2, alpha=1.0) == (0.0,)
    assert REGISTRY["sigmoid"].jumps(1) == ()


def test_far_tails_keep_their_digits():
    # The naive σ(x)(1-σ(x)) and 1 - tanh² round to exactly 0 here.
    assert REGISTRY["sigmoid"].derivative(np.array([40.0]))[0] == pytest.approx(np.exp(-40.0))
    assert REGISTRY["tanh"].derivative(np.array([20.0]))[0] == pytest.approx(4 * np.exp(-40.0))

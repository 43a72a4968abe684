"""Numerics of the registry against PyTorch's own numbers. Needs no display and no Qt.

Functions PyTorch lacks are checked against their mpmath references in test_registry.py.
"""

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
        " 'shiboken6', 'pyqtgraph', 'scipy', 'mpmath')]\n"
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
    # Every PyTorch function is checked against PyTorch's own numbers; every
    # other one against its mpmath reference (tests/test_registry.py).
    assert {c["key"] for c in CASES} == {k for k, a in REGISTRY.items() if a.in_pytorch}
    beyond = [a for a in REGISTRY.values() if not a.in_pytorch]
    assert beyond
    assert all(callable(a.reference) for a in beyond)


def _case_id(c):
    return f"{c['key']}-{'-'.join(f'{v:g}' for v in c['params'].values())}"


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_matches_pytorch(case, order):
    expected = case[ORDER_FIELDS[order]]
    if expected is None:
        pytest.skip(f"PyTorch has no order-{order} derivative of {case['key']}")
    act = REGISTRY[case["key"]]
    x = np.array(case["x"])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        got = act.evaluate(order, x, **case["params"])
    assert got.dtype == np.float64
    # null: PyTorch's own value overflowed to NaN where the true value is finite.
    known = np.array([v is not None for v in expected])
    want = np.array([v if v is not None else np.nan for v in expected])
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(
        got[known], want[known], rtol=RTOL, atol=ATOL, err_msg=f"{case['params']} x={x[known]}"
    )


def test_pytorch_values_on_the_kink():
    zero = np.array([0.0])
    assert REGISTRY["hardswish"].derivative(np.array([-3.0, 3.0])).tolist() == [0.0, 1.0]
    assert REGISTRY["relu6"].derivative(np.array([0.0, 6.0])).tolist() == [0.0, 0.0]
    assert REGISTRY["celu"].derivative(zero, alpha=2.0)[0] == 1.0
    assert REGISTRY["relu"].derivative(zero)[0] == 0.0
    assert REGISTRY["leaky_relu"].derivative(zero, alpha=0.2)[0] == 0.2
    assert REGISTRY["prelu"].derivative(zero, alpha=-0.5)[0] == -0.5
    assert REGISTRY["elu"].derivative(zero, alpha=2.5)[0] == 2.5
    assert REGISTRY["elu"].second_derivative(zero, alpha=2.5)[0] == 0.0


def _param_sets(act: Activation) -> list[dict[str, float]]:
    """Defaults and two other points of the parameter box that satisfy the constraints."""
    sets = [act.defaults()]
    for frac in (0.25, 0.6):
        # Later parameters a little further into their range: min_val < max_val.
        sets.append(
            {
                p.name: p.minimum + (frac + 0.1 * i) * (p.maximum - p.minimum)
                for i, p in enumerate(act.params)
            }
        )
    for params in sets:
        act.resolve(**params)
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
    xs=st.lists(st.floats(-1e300, 1e300, allow_nan=False), min_size=1, max_size=20),
    frac=st.floats(0, 0.85),
)
def test_finite_everywhere_without_warnings(key, xs, frac):
    act = REGISTRY[key]
    # Later parameters a little further into their range, so min_val < max_val holds.
    params = {
        p.name: p.minimum + (frac + 0.1 * i) * (p.maximum - p.minimum)
        for i, p in enumerate(act.params)
    }
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


#: Functions whose true value exceeds the float range near ±1.8e308 (1.5x, 1.05x).
OVERFLOWING = {"bent_identity", "selu"}
EXTREMES = np.array([-1.7976931348623157e308, -1e300, -5e-324, 0.0, 5e-324, 1e300, 1.79e308])


@pytest.mark.parametrize("key", list(REGISTRY))
def test_extremes_of_the_float_line_give_no_nan_and_no_warning(key):
    act = REGISTRY[key]
    for params in _param_sets(act):
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for order in ORDERS:
                y = act.evaluate(order, EXTREMES, **params)
                assert not np.isnan(y).any(), (order, params)
                if not (order == 0 and key in OVERFLOWING):
                    assert np.isfinite(y).all(), (order, params)
                else:  # inf only where the true value is beyond the largest float
                    assert np.isfinite(y[np.abs(EXTREMES) < 1e308]).all()


@pytest.mark.parametrize(
    ("key", "order", "x", "expected"),
    [
        ("gelu", 0, -30.0, -1.4720141781444561e-196),  # -30·Φ(-30)
        ("gelu", 1, -30.0, -1.3715636486357588e-194),  # Φ(-30) - 30·φ(-30)
        ("softplus", 0, -40.0, 4.248354255291589e-18),  # log1p(e^-40)
        ("sigmoid", 1, -40.0, 4.248354255291589e-18),  # ≈ e^-40
        ("tanhshrink", 0, 1e-4, 3.333333333199999e-13),  # x³/3 − 2x⁵/15
        ("sinc", 2, 1e-9, -1.0 / 3.0),
        ("squareplus", 0, -1e8, 1e-8),  # b/(4|x|) for b = 4
        ("bent_identity", 0, 1e-9, 1e-9 + 2.5e-19),
    ],
)
def test_tiny_true_values_keep_their_digits(key, order, x, expected):
    got = REGISTRY[key].evaluate(order, np.array([x]))[0]
    assert got == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("key", "params", "match"),
    [
        ("hardtanh", {"min_val": 1.0, "max_val": 1.0}, "min_val must be < max_val"),
        ("hardtanh", {"min_val": 2.0}, "min_val must be < max_val"),
        ("rrelu", {"lower": 0.5, "upper": 0.2}, "lower must be ≤ upper"),
    ],
)
def test_parameters_that_depend_on_each_other_are_checked(key, params, match):
    with pytest.raises(ValueError, match=match):
        REGISTRY[key].forward(np.zeros(1), **params)


def test_rrelu_equal_bounds_are_allowed():
    assert REGISTRY["rrelu"].forward(np.array([-2.0]), lower=0.2, upper=0.2)[0] == -0.4


def test_every_function_has_family_description_and_beyond_pytorch_a_source():
    from actgui.activations import FAMILIES

    for key, act in REGISTRY.items():
        assert act.family in FAMILIES, key
        assert act.description, key
        assert act.in_pytorch or act.source, key


def test_jumps_in_f_itself():
    assert REGISTRY["threshold"].jumps(0) == (1.0,)
    assert REGISTRY["threshold"].jumps(0, threshold=0.5, value=0.5) == ()
    assert REGISTRY["hardshrink"].jumps(0) == (-0.5, 0.5)
    assert REGISTRY["step"].jumps(0) == (0.0,)
    assert REGISTRY["softplus"].jumps(0, threshold=2.0) == (2.0,)
    assert REGISTRY["softshrink"].jumps(0) == ()

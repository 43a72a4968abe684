"""actgui.validation: one rule set for numbers, integers, flags and choices, and every public
entry point giving the same answer for the same bad value (which is what shows there is
only one rule set)."""

import math
from fractions import Fraction

import numpy as np
import pytest

from actgui.validation import choice, flag, integer, number

# -- the rules themselves --------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [0, 3, -2.5, 1e-300, np.float64(0.5), np.float32(0.5), np.int64(4), np.uint8(7), np.int8(-1)],
)
def test_numbers_are_ints_floats_and_numpy_real_scalars(value):
    out = number("x", value)
    assert type(out) is float and out == float(value)


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        np.True_,
        "1",
        "1.4",
        "0",
        b"1",
        None,
        [1.0],
        (1.0,),
        np.array(1.0),
        np.array([1.0]),
        1 + 0j,
        Fraction(1, 2),
        object(),
    ],
)
def test_anything_else_is_not_a_number(value):
    with pytest.raises(ValueError, match=r"^x must be a finite number, not "):
        number("x", value)


def test_nan_is_never_a_number_and_infinities_only_when_allowed():
    for bad in (math.nan, np.float64("nan"), math.inf, -math.inf, np.float32("inf")):
        with pytest.raises(ValueError):
            number("x", bad)
    with pytest.raises(ValueError, match=r"^x must be a number, not nan$"):
        number("x", math.nan, allow_inf=True)
    assert number("x", math.inf, allow_inf=True) == math.inf
    with pytest.raises(ValueError, match="x must be a number ≥ 0, not -inf"):
        number("x", -math.inf, 0.0, allow_inf=True)
    # An int beyond the float range is infinite, not an OverflowError.
    with pytest.raises(ValueError, match="x must be a finite number"):
        number("x", 10**400)
    assert number("x", -(10**400), allow_inf=True) == -math.inf


def test_number_bounds_are_inclusive_unless_open():
    assert number("x", 0, 0, 1) == 0.0 and number("x", 1, 0, 1) == 1.0
    for bad, low_open, high_open in ((0, True, False), (1, False, True)):
        with pytest.raises(ValueError):
            number("x", bad, 0, 1, low_open=low_open, high_open=high_open)
    assert number("x", 0.5, 0, 1, low_open=True, high_open=True) == 0.5
    with pytest.raises(ValueError):
        number("x", math.nextafter(1.0, 2.0), 0, 1)


@pytest.mark.parametrize(
    ("kwargs", "value", "message"),
    [
        ({}, "abc", "sigma_w must be a finite number, not 'abc'"),
        ({"low": 0.0}, "abc", "sigma_w must be a finite number ≥ 0, not 'abc'"),
        ({"low": 0.0, "low_open": True}, 0.0, "sigma_w must be a finite number > 0, not 0.0"),
        ({"high": 10}, 11, "sigma_w must be a finite number ≤ 10, not 11"),
        ({"high": 10, "high_open": True}, 10, "sigma_w must be a finite number < 10, not 10"),
        ({"low": 0, "high": 10}, math.inf, r"sigma_w must be a number in [0, 10], not inf"),
        ({"low": 1e-8, "high": 10.0}, 0.0, "sigma_w must be a number in [1e-08, 10], not 0.0"),
        ({"low": 0.0, "high": 1.0, "low_open": True}, True, "in (0, 1], not True"),
        ({"low": 0.001, "high": 100.0}, [1], "sigma_w must be a number in [0.001, 100], not [1]"),
    ],
)
def test_number_messages_say_the_whole_requirement(kwargs, value, message):
    with pytest.raises(ValueError) as info:
        number("sigma_w", value, **kwargs)
    assert str(info.value).endswith(message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (np.int64(3), 3), (np.uint16(3), 3), (3.0, 3), (np.float64(3.0), 3), (-0.0, 0)],
)
def test_integers_include_integral_floats(value, expected):
    out = integer("n", value)
    assert type(out) is int and out == expected


@pytest.mark.parametrize(
    "value",
    [2.5, np.float64(2.5), True, False, np.True_, "3", "3.0", None, math.nan, math.inf, [3]],
)
def test_anything_else_is_not_an_integer(value):
    with pytest.raises(ValueError, match=r"^n must be an integer, not "):
        integer("n", value)


def test_integer_bounds_are_inclusive():
    assert integer("n", 1, 1, 3) == 1 and integer("n", 3.0, 1, 3) == 3
    with pytest.raises(ValueError, match=r"^n must be an integer in \[1, 3\], not 4$"):
        integer("n", 4, 1, 3)
    with pytest.raises(ValueError, match=r"^seed must be an integer ≥ 0, not -1$"):
        integer("seed", -1, 0)
    with pytest.raises(ValueError, match=r"^n must be an integer ≤ 2147483647, not 1e\+300$"):
        integer("n", 1e300, high=2**31 - 1)
    assert integer("seed", 2**70) == 2**70  # no bound: no size limit either


def test_flags_are_bools_only():
    for value in (True, False, np.True_, np.False_):
        out = flag("on", value)
        assert type(out) is bool and out == bool(value)
    for bad in (1, 0, 1.0, np.int64(1), "false", "True", None, [True]):
        with pytest.raises(ValueError, match=r"^on must be True or False, not "):
            flag("on", bad)


def test_choices_are_names():
    assert choice("optimizer", "adam", ("sgd", "adam")) == "adam"
    for bad in ("SGD", "", 1, None, ["adam"]):
        with pytest.raises(ValueError, match=r"^optimizer must be one of 'sgd', 'adam', not "):
            choice("optimizer", bad, ("sgd", "adam"))


def test_a_long_value_is_cut_in_the_message():
    with pytest.raises(ValueError) as info:
        number("x", "y" * 10_000)
    assert len(str(info.value)) < 120 and str(info.value).endswith("…")

"""Declared properties against the functions' own numbers. Needs no display and no Qt."""

from __future__ import annotations

import numpy as np
import pytest

from actgui.activations import REGISTRY, Properties

KEYS = list(REGISTRY)
#: Dense grid plus far points, kinks included exactly.
GRID = np.union1d(np.linspace(-50, 50, 200_001), [-1e6, -1e4, -1e3, 1e3, 1e4, 1e6])
FAR = 1e4


def grid_for(key: str) -> np.ndarray:
    return np.union1d(GRID, REGISTRY[key].kinks())


@pytest.mark.parametrize("key", KEYS)
def test_every_function_declares_properties(key):
    assert isinstance(REGISTRY[key].properties, Properties)


@pytest.mark.parametrize("key", KEYS)
def test_range_holds_and_its_ends_are_reached_or_approached(key):
    act, props = REGISTRY[key], REGISTRY[key].properties
    x = grid_for(key)
    y = act.forward(x)
    assert y.min() >= props.low - 1e-12 and y.max() <= props.high + 1e-12
    # Open ends are not reached on moderate x (far out, rounding may reach them).
    moderate = y[np.abs(x) <= 15]
    if not props.low_attained and props.bounded_below:
        assert moderate.min() > props.low
    if not props.high_attained and props.bounded_above:
        assert moderate.max() < props.high
    # Ends are what the values reach or approach; unbounded ends are left behind.
    for bound, attained, extreme in (
        (props.low, props.low_attained, y.min()),
        (props.high, props.high_attained, y.max()),
    ):
        if np.isinf(bound):
            assert abs(extreme) > 1e3
        elif attained:  # an interior minimum falls between grid points: ~f″h²/2
            assert extreme == pytest.approx(bound, abs=1e-7)
        else:
            assert extreme == pytest.approx(bound, abs=1e-3)


@pytest.mark.parametrize("key", KEYS)
def test_monotonic_matches_the_sign_of_the_derivative(key):
    act = REGISTRY[key]
    x = grid_for(key)
    d1 = act.derivative(x)
    if act.properties.monotonic:
        assert d1.min() >= -1e-12
        assert np.all(np.diff(act.forward(x)) >= -1e-12)
    else:
        assert d1.min() < -1e-6


@pytest.mark.parametrize("key", KEYS)
def test_smoothness_matches_the_jumps_at_the_kinks(key):
    act = REGISTRY[key]
    assert act.smoothness() == act.properties.smoothness


@pytest.mark.parametrize("key", KEYS)
def test_zero_centred_means_zero_at_zero_and_both_signs(key):
    act = REGISTRY[key]
    y = act.forward(grid_for(key))
    both = bool(y.min() < 0 < y.max())
    at_zero = abs(act.forward(np.array([0.0]))[0]) < 1e-15
    assert act.properties.zero_centred == (both and at_zero)


@pytest.mark.parametrize("key", KEYS)
def test_saturation_sides_match_the_derivative_far_out(key):
    act = REGISTRY[key]
    left, right = (abs(v) < 1e-3 for v in act.derivative(np.array([-FAR, FAR])))
    expected = {(False, False): "none", (True, False): "left", (False, True): "right"}
    assert act.properties.saturates == expected.get((left, right), "both")

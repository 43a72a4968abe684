"""Sample grids and gaps. Needs no display."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actgui.activations import REGISTRY
from actgui.analysis.sampling import MARGIN, curve_values, sample_grid


def test_grid_spans_range_with_margin_and_is_sorted():
    x = sample_grid(-2.0, 2.0, 101)
    assert x.size == 101
    assert x[0] == pytest.approx(-2.0 - 4 * MARGIN)
    assert x[-1] == pytest.approx(2.0 + 4 * MARGIN)
    assert np.all(np.diff(x) > 0)


def test_kink_is_sampled_exactly_with_both_neighbours():
    x = sample_grid(-1.0, 1.0, 100, kinks=[0.0, 0.3])
    for k in (0.0, 0.3):
        i = np.searchsorted(x, k)
        assert x[i] == k
        assert x[i - 1] == np.nextafter(k, -np.inf)
        assert x[i + 1] == np.nextafter(k, np.inf)
    assert np.all(np.diff(x) > 0)


def test_kink_outside_the_range_adds_nothing():
    assert sample_grid(1.0, 2.0, 50, kinks=[0.0]).size == 50


def test_tiny_range_still_has_the_corner():
    x = sample_grid(-1e-6, 1e-6, 1000, kinks=[0.0])
    y = REGISTRY["relu"].forward(x)
    i = np.searchsorted(x, 0.0)
    assert y[i] == 0.0 and y[: i + 1].max() == 0.0 and np.all(y[i + 2 :] > 0)


def test_jump_becomes_a_gap_between_one_sided_limits():
    x = sample_grid(-1.0, 1.0, 11, kinks=[0.0])
    y = curve_values(REGISTRY["relu"], 1, x, {})
    i = np.searchsorted(x, 0.0)
    assert np.isnan(y[i])
    assert y[i - 1] == 0.0 and y[i + 1] == 1.0
    assert np.count_nonzero(np.isnan(y)) == 1


def test_continuous_curves_have_no_gap():
    x = sample_grid(-1.0, 1.0, 11, kinks=[0.0])
    assert not np.isnan(curve_values(REGISTRY["relu"], 0, x, {})).any()
    assert not np.isnan(curve_values(REGISTRY["elu"], 1, x, {"alpha": 1.0})).any()
    assert np.isnan(curve_values(REGISTRY["elu"], 1, x, {"alpha": 0.5})).sum() == 1


def test_too_few_samples_is_rejected():
    with pytest.raises(ValueError):
        sample_grid(0.0, 1.0, 1)


@given(
    st.lists(
        st.one_of(st.sampled_from([0.0, -0.0, 1.0, -1.0, 5e-324]), st.floats(-1e3, 1e3)),
        min_size=1,
        max_size=60,
    )
)
def test_the_grids_distinct_points_are_numpys(values):
    """sample_grid's own sorted-distinct step (np.unique's first call imports numpy.ma:
    20 ms of the first frame) gives what np.unique gives."""
    from actgui.analysis.sampling import _sorted_unique

    x = np.array(values, dtype=np.float64)
    np.testing.assert_array_equal(_sorted_unique(x), np.unique(x))

"""A short soak: random user operations through the real widgets (offscreen); nothing a leak
would grow keeps growing after a warm-up. The long run is ``python benchmarks/soak.py``."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import soak

from actgui.activations import REGISTRY

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # What the offscreen platform says of every window and floating dock, not about us.
    pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise"),
]


@pytest.mark.parametrize("seed", [1, 2])
def test_a_random_session_leaks_nothing_and_stays_consistent(window, qtbot, seed):
    def settled_counts():
        soak.settle(window)
        return soak.counts(window)

    # Made once, on first need, is not a leak: the details panel's rows for the function
    # with most parameters.
    for key in REGISTRY:
        window.model.set_selected(key)
        window.info.text()
    soak.run(window, 150, seed)
    warm = settled_counts()
    soak.run(window, 250, seed + 100)
    end = settled_counts()
    assert end == warm
    # Still consistent: view and model agree, every shown curve is finite where its math is.
    window.plot.refresh()
    (x0, x1), (y0, y1) = window.plot.getViewBox().viewRange()
    assert (x0, x1) == window.model.x_range()
    assert math.isfinite(y0) and math.isfinite(y1) and y0 < y1
    for key, order in window.plot.visible_curves():
        x, y = window.plot.curve(key, order).getData()
        jumps = REGISTRY[key].jumps(order, **window.model.params(key))
        assert np.all(np.isfinite(x))
        assert np.all(np.isfinite(y[~np.isin(x, jumps)])), (key, order)

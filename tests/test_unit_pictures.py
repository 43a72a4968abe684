"""What each unit computes (``analysis.unit_pictures``), against a forward pass written
out here by hand from the run's weights. Needs no display."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from actgui.analysis.race import Race, RaceConfig
from actgui.analysis.race_pictures import data_box
from actgui.analysis.trainer import Run, make_dataset
from actgui.analysis.unit_pictures import (
    GAP_X,
    MAX_UNITS,
    NAN_GREY,
    NetworkLayout,
    diverging_rgb,
    fit_room,
    picture_cost,
    shaded_rgb,
    unit_pictures,
)


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def grid_2d(box, pixels):
    """The pixels' centres as the pictures promise them: x fastest in columns."""
    (x0, y0), (x1, y1) = box[0][:2], box[1][:2]
    u, v = np.linspace(x0, x1, pixels), np.linspace(y0, y1, pixels)
    return np.array([(a, b) for a in u for b in v])


def trained(key, hidden, features=("x1", "x2"), dataset="spirals", steps=25, **kw):
    x, y = make_dataset(dataset, 120)
    run = Run(key, x, y, hidden, features=features, **kw)
    run.step(steps)
    return run.frozen(), data_box(x, y, run.classify)


def relu(h):
    return np.maximum(h, 0.0)


def test_a_relu_unit_is_a_creased_half_plane():
    run, box = trained("relu", (5, 3))
    pictures = unit_pictures(run, box, 12)
    grid = grid_2d(box, 12)
    (w0, w1, w2), (b0, b1, b2) = run.net.weights, run.net.biases
    h1 = relu(grid @ w0 + b0)
    h2 = relu(h1 @ w1 + b1)
    logits = h2 @ w2 + b2
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    inputs, first, second, output = pictures.layers
    assert [layer.kind for layer in pictures.layers] == ["input", "hidden", "hidden", "output"]
    np.testing.assert_allclose(inputs.values, grid.T)
    np.testing.assert_allclose(first.values, h1.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(second.values, h2.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(output.values, p.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(output.values, run.predict(grid).T, rtol=1e-12, atol=1e-12)
    # Each first-layer unit: zero on one side of its line w·x + b = 0, linear on the other.
    on = grid @ w0 + b0 > 0
    assert np.all(first.values.T[~on] == 0.0) and np.all(first.values.T[on] > 0.0)
    assert [w.shape for w in pictures.links] == [(2, 5), (5, 3), (3, 2)]
    for shown, w in zip(pictures.links, run.net.weights, strict=True):
        np.testing.assert_array_equal(shown, w)
    np.testing.assert_array_equal(first.biases, b0)
    assert pictures.steps == 25 and pictures.classify and pictures.dims == 2
    assert pictures.grid().shape == (144, 2)
    np.testing.assert_allclose(pictures.grid(), grid)


def test_a_tanh_unit_of_features_is_a_smooth_ridge():
    features = ("x1", "x1^2", "sin(x2)")
    run, box = trained("tanh", (4,), features)
    pictures = unit_pictures(run, box, 9)
    grid = grid_2d(box, 9)
    columns = np.column_stack([grid[:, 0], grid[:, 0] ** 2, np.sin(grid[:, 1])])
    inputs, hidden, _output = pictures.layers
    assert inputs.names == features
    np.testing.assert_allclose(inputs.values, columns.T, rtol=1e-14)
    expected = np.tanh(columns @ run.net.weights[0] + run.net.biases[0])
    np.testing.assert_allclose(hidden.values, expected.T, rtol=1e-12, atol=1e-14)
    # Each feature's tile has its own scale, the hidden units one between them.
    assert pictures.input_scales == pytest.approx(np.abs(columns).max(axis=0))
    assert pictures.scale == pytest.approx(np.percentile(np.abs(expected), 99))
    assert pictures.scale_of(1, 2) == pictures.scale
    assert pictures.scale_of(0, 1) == pictures.input_scales[1]


def test_large_layers_show_their_first_units():
    run, box = trained("leaky_relu", (20, 9, 3), steps=3)
    pictures = unit_pictures(run, box, 6)
    inputs, first, second, third, output = pictures.layers
    assert (first.size, first.shown, first.more) == (20, MAX_UNITS, 12)
    assert (second.size, second.shown, second.more) == (9, MAX_UNITS, 1)
    assert (third.size, third.shown, third.more) == (3, 3, 0)
    assert inputs.more == output.more == 0
    expected = run.hidden_outputs(pictures.grid())
    np.testing.assert_array_equal(first.values, expected[0][:, :MAX_UNITS].T)
    w = run.net.weights
    assert [s.shape for s in pictures.links] == [(2, 8), (8, 8), (8, 3), (3, 2)]
    np.testing.assert_array_equal(pictures.links[1], w[1][:8, :8])
    np.testing.assert_array_equal(pictures.links[2], w[2][:8, :])
    capped = unit_pictures(run, box, 6, cap=2)
    assert [layer.shown for layer in capped.layers] == [2, 2, 2, 2, 2]
    assert capped.layers[1].more == 18 and capped.links[0].shape == (2, 2)


def test_a_1d_fit_is_curves_along_x():
    run, box = trained("tanh", (6,), ("x1", "sin(x1)"), dataset="sin", steps=40)
    pictures = unit_pictures(run, box, curve_points=50)
    x = np.linspace(box[0][0], box[1][0], 50)
    columns = np.column_stack([x, np.sin(x)])
    hidden = np.tanh(columns @ run.net.weights[0] + run.net.biases[0])
    fitted = hidden @ run.net.weights[1] + run.net.biases[1]
    assert pictures.dims == 1 and not pictures.classify and pictures.pixels == 50
    np.testing.assert_allclose(pictures.layers[0].values, columns.T)
    np.testing.assert_allclose(pictures.layers[1].values, hidden.T, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(pictures.layers[2].values, fitted.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(pictures.layers[2].values[0], run.predict(x[:, None]), rtol=1e-12)
    value, point = pictures.value_at(1, 3, 0.999, 0.0)
    assert value == pictures.layers[1].values[3, -1] and point == pytest.approx([x[-1]])
    layout = NetworkLayout(pictures)
    (cx, cy), (zx, zy) = layout.curves(pictures)
    assert cx.shape == cy.shape == (9 * 51,)  # two features, six units, one fit
    assert zx.size == zy.size == 2 * 8  # a zero line in every tile but the fit's
    left, bottoms = layout.tiles[1]
    mine = slice(5 * 51, 5 * 51 + 50)  # (after two features and three units)
    t = np.clip(0.5 + 0.5 * hidden[:, 3] / pictures.scale, 0.0, 1.0)
    np.testing.assert_allclose(cx[mine], left + np.linspace(0.0, 1.0, 50))
    np.testing.assert_allclose(cy[mine], bottoms[3] + 0.02 + 0.96 * t)
    lo, hi = box
    fit = np.clip((fitted[:, 0] - lo[1]) / (hi[1] - lo[1]), 0.0, 1.0)
    np.testing.assert_allclose(cy[-51:-1], layout.tiles[2][1][0] + 0.02 + 0.96 * fit)


def test_a_diverged_run_is_blank_and_raises_nothing():
    race = Race(
        RaceConfig(
            keys=("prelu",),
            optimizer="sgd",
            learning_rate=1.0,
            hidden=(8, 8),
            n_points=100,
            steps=200,
        )
    )
    race.advance()
    run = race.runs[0]
    assert run.diverged
    box = data_box(race.inputs, race.targets, True)
    pictures = unit_pictures(run.frozen(), box, 8)
    assert pictures.diverged and np.isfinite(pictures.scale) and pictures.scale > 0
    # Weights of infinity and NaN: pictures of NaN (drawn grey), a scale still finite.
    broken = run.frozen()
    broken.net.weights[0][:] = np.nan
    broken.net.weights[1][0, 0] = np.inf
    pictures = unit_pictures(broken, box, 8)
    assert np.all(np.isnan(pictures.layers[1].values))
    assert np.all(np.isnan(pictures.layers[-1].values))
    assert np.isnan(pictures.links[1][0, 0]) and pictures.scale == 1.0
    layout = NetworkLayout(pictures)
    buckets = layout.link_buckets(4)
    assert np.all(buckets[~np.isfinite(layout.weights)] == -1)


def test_the_layout_finds_the_link_and_the_tile_under_a_point():
    run, box = trained("relu", (10, 4), steps=5)
    pictures = unit_pictures(run, box, 10)
    layout = NetworkLayout(pictures, gap=2.0)
    assert layout.segments.shape == (2 * 8 + 8 * 4 + 4 * 2, 4)
    for link in (0, 17, 40, len(layout.weights) - 1):
        x0, y0, x1, y1 = layout.segments[link]
        layer, src, dst = layout.ends[link]
        assert layout.weights[link] == pictures.links[layer][src, dst]
        t = 0.3
        assert layout.link_at(x0 + t * (x1 - x0), y0 + t * (y1 - y0), 0.05) == link
    left, bottoms = layout.tiles[1]
    assert left == pytest.approx(3.0)
    layer, unit, u, v = layout.tile_at(left + 0.25, bottoms[2] + 0.75)
    assert (layer, unit) == (1, 2) and (u, v) == pytest.approx((0.25, 0.75))
    assert layout.tile_at(left + 1.5, bottoms[2]) is None
    value, point = pictures.value_at(1, 2, 0.25, 0.75)
    grid = pictures.grid().reshape(10, 10, 2)
    assert point == pytest.approx(grid[2, 7])
    assert value == pictures.layers[1].values[2].reshape(10, 10)[2, 7]
    buckets = layout.link_buckets(4)
    top = np.argmax(np.abs(layout.weights))
    assert buckets[top] == 3 and buckets.min() >= 0


def test_room_fills_the_width_and_keeps_the_texts():
    room = fit_room([2, 8, 8, 2], True, 800.0, 400.0, 15.0, 30.0, 60.0)
    assert GAP_X <= room["gap"] <= 4.0
    tile = 15.0 * 2.4 / room["title"]
    rows = 8 * 1.25 - 0.25
    assert tile * (rows + room["title"] + room["notes"]) == pytest.approx(400.0)
    many = fit_room([2] + [8] * 8 + [2], True, 800.0, 400.0, 15.0, 30.0, 60.0)
    assert many["gap"] == GAP_X
    width = 30.0 + 60.0 + (10 + 9 * GAP_X) * (15.0 * 2.4 / many["title"])
    assert width == pytest.approx(800.0)


def test_the_largest_network_costs_a_fraction_of_a_second():
    """Not a timing test: the cost in multiply-adds the view uses to pick the worker."""
    run, box = trained("relu", (256,) * 8, steps=0)
    assert picture_cost(run, 576) == 576 * (2 * 256 + 7 * 256 * 256 + 256 * 2)
    pictures = unit_pictures(run, box, 24)
    assert all(layer.shown == 8 for layer in pictures.layers[1:-1])


def test_tile_colours_diverge_from_the_background():
    negative, positive, background = np.array([200, 100, 0]), np.array([0, 0, 200]), 255.0
    t = np.array([-1.0, -0.25, 0.0, 0.25, 1.0, np.nan, 5.0, -np.inf, 0.01])
    rgb = diverging_rgb(t, negative, positive, np.full(3, background)).reshape(9, 3)
    assert rgb.dtype == np.ubyte
    assert rgb[0].tolist() == [200, 100, 0] and rgb[4].tolist() == [0, 0, 200]
    assert rgb[2].tolist() == [255, 255, 255]
    quarter = background + 0.25 * (negative - background)  # in proportion: ridges as they are
    np.testing.assert_allclose(rgb[1], quarter, atol=1)
    assert rgb[5].tolist() == list(NAN_GREY) == rgb[7].tolist()
    assert rgb[6].tolist() == [0, 0, 200]  # (beyond the scale: the end)
    p = np.array([0.0, 0.5, 1.0, np.nan])
    shades = shaded_rgb(p, np.array([0, 0, 0]), np.full(3, 200.0)).reshape(4, 3)
    assert shades[:, 0].tolist() == [200, 100, 0, NAN_GREY[0]]


def test_each_hidden_layer_has_its_own_colour_scale():
    """A first layer's small outputs are not washed out by a later layer's large ones."""
    from actgui.analysis.race import Race, RaceConfig
    from actgui.analysis.race_pictures import data_box
    from actgui.analysis.unit_pictures import unit_pictures

    race = Race(RaceConfig(keys=("relu",), hidden=(6, 4), n_points=80, steps=30))
    race.advance()
    run = race.runs[0].frozen()
    pictures = unit_pictures(run, data_box(race.inputs, race.targets, True), 16)
    for layer in (1, 2):
        values = np.abs(pictures.layers[layer].values)
        expected = np.percentile(values[np.isfinite(values)], 99)
        assert pictures.scale_of(layer, 0) == pytest.approx(expected, rel=1e-12)
    assert pictures.scale_of(1, 0) != pictures.scale_of(2, 0)

"""The Qt-free trainer (actgui.analysis.train): exact gradients with the registry's f′,
reproducibility, and the dying-ReLU race. Needs no display."""

from __future__ import annotations

import numpy as np
import pytest

from actgui.activations import REGISTRY
from actgui.analysis.trainer import DATASETS_1D, DATASETS_2D, _Net, make_dataset, train

SMOOTH = [k for k, a in REGISTRY.items() if a.smoothness() == "C∞" and a.family != "custom"]


def _numeric_gradients(net: _Net, x, y, classify: bool, h: float = 1e-6):
    out = []
    for tensor in net.tensors():
        g = np.zeros_like(tensor)
        for index in np.ndindex(tensor.shape):
            keep = tensor[index]
            tensor[index] = keep + h
            up = net.loss_and_gradients(x, y, classify)[0]
            tensor[index] = keep - h
            down = net.loss_and_gradients(x, y, classify)[0]
            tensor[index] = keep
            g[index] = (up - down) / (2 * h)
        out.append(g)
    return out


@pytest.mark.parametrize("key", SMOOTH)
def test_backprop_matches_central_differences_for_every_smooth_activation(key):
    act = REGISTRY[key]
    x, y = make_dataset("moons", 12, 0.1, seed=3)
    net = _Net(act, act.defaults(), (2, 5, 4, 2), "lecun", seed=1)
    _loss, grads, _dead, _out = net.loss_and_gradients(x, y, True)
    numeric = _numeric_gradients(net, x, y, True)
    for g, n in zip(grads, numeric, strict=True):
        scale = max(np.max(np.abs(n)), 1e-8)
        assert np.max(np.abs(g - n)) / scale <= 1e-6, key


def test_prelu_alpha_gradient_and_regression_loss():
    act = REGISTRY["prelu"]
    x, y = make_dataset("sin", 10, 0.0, seed=2)
    net = _Net(act, act.defaults(), (1, 4, 3, 1), "lecun", seed=5)
    # Away from the kink: shift the inputs so no pre-activation sits at 0.
    _loss, grads, *_ = net.loss_and_gradients(x, y, False)
    numeric = _numeric_gradients(net, x, y, False)
    assert len(grads) == len(numeric) == 3 * 2 + 2  # two learnable α, one per hidden layer
    for g, n in zip(grads, numeric, strict=True):
        assert np.allclose(g, n, rtol=1e-5, atol=1e-8)


def test_same_seed_same_history_bit_for_bit():
    first = train("gelu", "xor", (8, 8), steps=40, learning_rate=0.05, seed=11, batch_size=32)
    again = train("gelu", "xor", (8, 8), steps=40, learning_rate=0.05, seed=11, batch_size=32)
    other = train("gelu", "xor", (8, 8), steps=40, learning_rate=0.05, seed=12, batch_size=32)
    assert np.array_equal(first.loss, again.loss)
    assert all(np.array_equal(a, b) for a, b in zip(first.weights, again.weights, strict=True))
    assert not np.array_equal(first.loss, other.loss)


def test_relu_dies_at_a_high_learning_rate_and_leaky_relu_does_not():
    """The race of the seed text: same data, same initial weights, same steps."""
    relu = train("relu", "spirals", (16, 16), steps=300, learning_rate=1.0, optimizer="sgd")
    leaky = train("leaky_relu", "spirals", (16, 16), steps=300, learning_rate=1.0, optimizer="sgd")
    assert relu.dead_fraction[-1].max() >= 0.25
    assert np.all(leaky.dead_fraction[-1] == 0.0)
    assert leaky.loss[-1] < relu.loss[-1]


def test_every_dataset_and_a_normal_run_learns():
    for name in DATASETS_2D + DATASETS_1D:
        x, y = make_dataset(name, 50, 0.1, seed=0)
        assert x.shape == ((50, 2) if name in DATASETS_2D else (50, 1)) and len(y) == 50
    run = train("tanh", "moons", (16,), steps=300, learning_rate=0.02)
    assert run.loss[-1] < 0.5 * run.loss[0]


@pytest.mark.parametrize(
    "kwargs",
    [{"hidden": ()}, {"hidden": (0,)}, {"steps": 0}, {"learning_rate": -1.0},
     {"optimizer": "lbfgs"}, {"init": "xavier"}, {"dataset": "mnist"}],
)  # fmt: skip
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(ValueError):
        train("relu", **{"steps": 5, **kwargs})

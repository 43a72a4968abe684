"""PReLU's learned α in the trainer behaves like PyTorch's ``nn.PReLU`` (issue 22, item 8).

The registry bounds PReLU's α to [−1, 1] (the explorer's spin box); the trainer once
clipped the learned α to that range in the forward pass but not in its gradient, so past
|α| = 1 the loss left PyTorch's and the α gradient was no longer the loss's.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from actgui.analysis.trainer import Run

# A fixed small regression: 16 points on [−3, 3], y = x (x > 0) and 3x (x ≤ 0), hidden
# layers (3, 2) of PReLU from α = 0.81, full batch, squared error, SGD (momentum 0.9).
# The weights are set by hand (fan-in × fan-out, used as x @ W + b), not drawn from the seed.
X = [-3.0 + 6.0 * i / 15.0 for i in range(16)]
Y = [x if x > 0 else 3.0 * x for x in X]
WEIGHTS = (
    [[-0.61, 0.17, 2.11]],
    [[1.02, -2.23], [-0.11, -0.7], [0.5, -0.14]],
    [[1.55], [0.74]],
)
BIASES = ([0.18, 0.04, -0.01], [0.07, 0.26], [0.11])
ALPHA0 = 0.81
LEARNING_RATE = 0.003

# Generated with PyTorch 2.13.0 (CPU), float64 throughout: nn.Sequential of nn.Linear
# (weight = WEIGHTS[i].T, bias = BIASES[i]) and nn.PReLU(num_parameters=1, init=ALPHA0)
# after each hidden layer, loss = F.mse_loss(net(x)[:, 0], y), torch.optim.SGD(lr=0.003,
# momentum=0.9); the loss of each of 12 steps (before its update, as the trainer records
# it) and both α after the 12th update. Both α pass 1 at the fifth step; the old clipped
# trainer agreed to 2e−16 for four steps, then was 3 % off, and 148 % at the eighth.
TORCH_LOSSES = (
    9.195969048551781,
    7.924908009930786,
    5.9107850970746565,
    4.061466845023609,
    3.3753379041756837,
    3.3030563326510247,
    1.905062366921756,
    0.4926590071685528,
    0.9752153694283925,
    1.901305803031136,
    1.6373298638549896,
    1.1393000016083317,
)
TORCH_FINAL_ALPHAS = (1.3601304619317176, 1.4592850150581356)


def _fixed_run(optimizer: str = "sgd") -> Run:
    run = Run(
        "prelu",
        np.array(X)[:, None],
        np.array(Y),
        hidden=(3, 2),
        learning_rate=LEARNING_RATE,
        optimizer=optimizer,
        alpha=ALPHA0,
    )
    for w, b, weights, biases in zip(WEIGHTS, BIASES, run.net.weights, run.net.biases, strict=True):
        weights[...] = w
        biases[...] = b
    return run


def test_prelu_training_matches_pytorch_past_alpha_one():
    run = _fixed_run()
    run.step(len(TORCH_LOSSES))
    np.testing.assert_allclose(run.loss, TORCH_LOSSES, rtol=1e-12, atol=0)
    np.testing.assert_allclose(run.alphas, TORCH_FINAL_ALPHAS, rtol=1e-12, atol=0)
    assert min(run.alphas) > 1.0  # trained past the registry's range, as PyTorch does


def _classification_run() -> Run:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(40, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    return Run("prelu", x, y, hidden=(5, 4), seed=0, alpha=0.25)


@pytest.mark.parametrize(
    ("make", "alphas"),
    [(_fixed_run, (1.3, -1.2)), (_classification_run, (1.7, -1.4))],
    ids=["regression", "classification"],
)
def test_alpha_gradient_is_the_finite_difference_of_the_loss_beyond_one(make, alphas):
    run = make()
    net, x, y = run.net, run.x, run.y
    for a, value in zip(net.alphas, alphas, strict=True):
        a[0] = value
    loss, grads, *_ = net.loss_and_gradients(x, y, run.classify)
    analytic = [float(g[0]) for g in grads[-len(alphas) :]]
    step = 1e-5

    def loss_at(layer: int, shift: float) -> float:
        saved = net.alphas[layer][0]
        net.alphas[layer][0] = saved + shift
        value = net.loss_and_gradients(x, y, run.classify)[0]
        net.alphas[layer][0] = saved
        return value

    # The loss is smooth in α between kinks: central differences err by O(step²·|L‴|)
    # (nil where no kink is crossed) plus rounding, about ε·|L|/step.
    tolerance = 1e3 * np.finfo(float).eps * max(1.0, loss) / step + step**2 * max(1.0, loss)
    for layer, gradient in enumerate(analytic):
        central = (loss_at(layer, step) - loss_at(layer, -step)) / (2.0 * step)
        assert abs(gradient) > 0.1  # the test means something: α matters here
        assert central == pytest.approx(gradient, rel=0, abs=tolerance)


def test_a_non_finite_alpha_diverges_instead_of_raising():
    run = _fixed_run()
    run.net.alphas[0][0] = math.nan
    assert run.step(3) == 1
    assert run.diverged
    assert math.isnan(run.loss[0])

"""The random-network simulation: reproducibility, mean-field theory, dead ReLU nets, callbacks.

No Qt. Warnings are errors (pyproject), so every run here also checks that the
simulation stays free of overflow and invalid-value warnings.
"""

import math
import os
import subprocess
import sys

import numpy as np
import pytest

from actgui.activations import REGISTRY
from actgui.analysis import network
from actgui.analysis.network import Cancelled, NetworkRun, simulate_network

FIELDS = ("variance", "gradient_norm_sq", "correlation", "dead_fraction")


def assert_same(a: NetworkRun, b: NetworkRun) -> None:
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


# ---------------------------------------------------------------------------
# Shape, reproducibility, the equivalent code paths
# ---------------------------------------------------------------------------


def test_importing_loads_no_qt():
    code = "import sys, actgui.analysis.network; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert not {m.split(".")[0] for m in out.stdout.split()} & {"PySide6", "shiboken6", "pyqtgraph"}


def test_fields_are_read_only_arrays_of_length_depth():
    run = simulate_network("tanh", 1.2, 0.1, 30, 7, 5, 0)
    for name in FIELDS:
        arr = getattr(run, name)
        assert arr.shape == (7,) and arr.dtype == np.float64
        assert not arr.flags.writeable
    assert run.gradient_norm_sq[-1] == 1.0
    assert run.overflow_layer is None


def test_same_seed_same_run_other_seed_other_run():
    args = ("gelu", 1.3, 0.2, 300, 6, 8)
    first = simulate_network(*args, 7)
    assert_same(first, simulate_network(*args, 7))
    other = simulate_network(*args, 8)
    for name in ("variance", "gradient_norm_sq", "correlation"):
        assert not np.array_equal(getattr(first, name)[:-1], getattr(other, name)[:-1]), name


def test_checkpoints_and_redrawn_weights_give_the_same_run(monkeypatch):
    """Recomputing stretches (memory-bound mode) and redrawing weights change no number."""
    args = ("selu", 1.1, 0.3, 300, 12, 6, 3)
    plain = simulate_network(*args)
    totals = []
    monkeypatch.setattr(network, "STORE_BYTES", 0)
    monkeypatch.setattr(network, "WEIGHT_CACHE_BYTES", 0)
    again = simulate_network(*args, progress=lambda done, total: totals.append(total))
    assert_same(plain, again)
    assert set(totals) == {3 * 12}  # forward, recompute, backward


def test_one_thread_draws_the_same_numbers(monkeypatch):
    args = ("tanh", 1.5, 0.1, 300, 4, 4, 11)  # width ≥ PARALLEL_WIDTH: drawn in blocks
    plain = simulate_network(*args)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert_same(plain, simulate_network(*args))


def test_matches_a_hand_built_network_and_finite_difference_gradients():
    """Rebuild the run's network from its own weights; gradients by central differences."""
    key, sigma_w, sigma_b, width, depth, n = "tanh", 1.4, 0.3, 5, 4, 3
    act = REGISTRY[key]
    built = network._Run(act, {}, sigma_w, sigma_b, width, depth, n, 5, 0.5)
    weights = [
        np.array(built.weights.take(layer)) * sigma_w / math.sqrt(width) for layer in range(depth)
    ]
    built.weights.close()
    biases = built.biases
    g = np.random.Generator(np.random.SFC64(built.top_seed)).standard_normal((n, width))

    def top(layer, h):  # loss Σ g·h^(L−1), from the pre-activations of ``layer``
        for k in range(layer + 1, depth):
            h = act.forward(h) @ weights[k].T + biases[k]
        return float(np.sum(g * h))

    hs, h = [], built.x @ weights[0].T + biases[0]
    for layer in range(depth):
        hs.append(h)
        if layer + 1 < depth:
            h = act.forward(h) @ weights[layer + 1].T + biases[layer + 1]
    norms = []
    for layer, h in enumerate(hs):
        grad = np.empty_like(h)
        for idx in np.ndindex(h.shape):
            up, down = h.copy(), h.copy()
            up[idx] += 1e-6
            down[idx] -= 1e-6
            grad[idx] = (top(layer, up) - top(layer, down)) / 2e-6
        norms.append(np.sum(grad**2))

    run = simulate_network(key, sigma_w, sigma_b, width, depth, n, 5)
    np.testing.assert_allclose(run.gradient_norm_sq, np.array(norms) / norms[-1], rtol=1e-7)
    np.testing.assert_allclose(run.variance, [np.mean(h * h) for h in hs], rtol=1e-12)
    corr = [h[0] @ h[1] / math.sqrt((h[0] @ h[0]) * (h[1] @ h[1])) for h in hs]
    np.testing.assert_allclose(run.correlation, corr, rtol=1e-12)


def test_input_correlation_sets_the_first_layer_correlation():
    # Layer 0 correlation = x₁·x₂ / (|x₁||x₂|) up to the weights' noise, O(1/√N).
    for rho in (-0.8, 0.0, 0.5, 1.0):
        run = simulate_network("relu", 1.0, 0.0, 1000, 1, 2, 4, input_correlation=rho)
        assert run.correlation[0] == pytest.approx(rho, abs=0.1)


def test_one_input_has_no_correlation():
    run = simulate_network("relu", 1.5, 0.0, 20, 5, 1, 0)
    assert np.isnan(run.correlation).all()
    assert np.isfinite(run.variance).all()


# ---------------------------------------------------------------------------
# Mean-field theory
# ---------------------------------------------------------------------------

_HERMITE = np.polynomial.hermite_e.hermegauss(200)
_LEGENDRE = np.polynomial.legendre.leggauss(200)


def gaussian_mean(fn, q: float, kinked: bool) -> float:
    """E[fn(√q z)] for z ~ N(0, 1).

    Gauss–Hermite (200 nodes) for smooth ``fn``. Where ``fn`` jumps or bends at 0
    (f′² of the ReLU family, ELU, SELU), Gauss–Hermite across the jump is off by
    up to 0.5 % (SELU's f′²), so each half-line is integrated on its own with
    Gauss–Legendre on [0, 12] (the Gaussian tail beyond 12 is below 1e-32).
    """
    if not kinked:
        z, w = _HERMITE
        return float(np.sum(w * fn(math.sqrt(q) * z)) / math.sqrt(2 * math.pi))
    t, w = _LEGENDRE
    t, w = 6.0 * (t + 1.0), 6.0 * w
    density = w * np.exp(-0.5 * t * t) / math.sqrt(2 * math.pi)
    return float(sum(np.sum(density * fn(s * math.sqrt(q) * t)) for s in (1.0, -1.0)))


def mean_field(key: str, sigma_w: float, sigma_b: float, depth: int, kinked: bool):
    """q^l from q^0 = σ_w² + σ_b² (inputs of unit variance), and χ^l = σ_w² E[f′(√q^l z)²]."""
    act = REGISTRY[key]
    q, qs, chis = sigma_w**2 + sigma_b**2, [], []
    for _ in range(depth):
        qs.append(q)
        chis.append(sigma_w**2 * gaussian_mean(lambda x: act.derivative(x) ** 2, q, kinked))
        q = sigma_w**2 * gaussian_mean(lambda x: act.forward(x) ** 2, q, kinked) + sigma_b**2
    return np.array(qs), np.array(chis)


def test_quadrature_rules_agree_on_a_smooth_function():
    f = REGISTRY["tanh"].forward
    assert gaussian_mean(lambda x: f(x) ** 2, 0.8, False) == pytest.approx(
        gaussian_mean(lambda x: f(x) ** 2, 0.8, True), rel=1e-12
    )


THEORY = [  # key, σ_w, σ_b, kinked at 0
    ("relu", math.sqrt(2.0), 0.0, True),
    ("tanh", 1.5, 0.1, False),
    ("sigmoid", 2.0, 0.5, False),
    ("leaky_relu", math.sqrt(2.0), 0.1, True),
    ("elu", 1.2, 0.1, True),
    ("selu", 1.0, 0.0, True),  # self-normalising: q stays at 1
]


@pytest.mark.parametrize(("key", "sigma_w", "sigma_b", "kinked"), THEORY)
def test_variance_and_gradient_follow_mean_field_theory(key, sigma_w, sigma_b, kinked):
    """Width 1000, 10 layers, 32 inputs, 8 seeds, against the recursion computed here.

    Tolerance: 4 standard errors of the mean over the seeds (estimated from their
    spread) plus 1 % of the prediction. The spread is the honest noise scale: a
    finite network's q^l random-walks (per layer and input, ~√(2/N) to √(5/N) ≈
    4–7 % at N = 1000, only partly averaged over inputs, which become
    correlated), so a fixed relative tolerance would have to be ~20 % for ReLU at
    layer 10 yet could be 1 % for tanh. The 1 % covers the O(1/N) finite-width
    bias and the uncertainty of a standard error estimated from 8 samples. A
    wrong weight scale, bias or activation moves these numbers by 10–100 %.
    """
    seeds, depth = 8, 10
    q, chi = mean_field(key, sigma_w, sigma_b, depth, kinked)
    runs = [simulate_network(key, sigma_w, sigma_b, 1000, depth, 32, s) for s in range(seeds)]

    variance = np.array([r.variance for r in runs])
    se = variance.std(axis=0, ddof=1) / math.sqrt(seeds)
    error = np.abs(variance.mean(axis=0) - q)
    assert np.all(error <= 4 * se + 0.01 * q), (error / q, se / q)
    if key == "selu":
        np.testing.assert_allclose(q, 1.0, rtol=1e-3)

    # ‖δ^l‖² / ‖δ^(l+1)‖² ≈ χ^l: the factor that carries the gradient through layer l's f′.
    grads = np.array([r.gradient_norm_sq for r in runs])
    ratio = grads[:, :-1] / grads[:, 1:]
    se = ratio.std(axis=0, ddof=1) / math.sqrt(seeds)
    error = np.abs(ratio.mean(axis=0) - chi[:-1])
    assert np.all(error <= 4 * se + 0.01 * chi[:-1]), (error / chi[:-1], se / chi[:-1])
    # and the whole product down to layer 0 (its noise adds up over the 9 factors)
    product = np.prod(chi[:-1])
    bottom = grads[:, 0]
    error = abs(bottom.mean() - product)
    assert error <= 4 * bottom.std(ddof=1) / math.sqrt(seeds) + 0.03 * product, error / product


# ---------------------------------------------------------------------------
# Dead ReLU networks
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "depth"), [(2, 5), (3, 10)])
def test_relu_network_dies_with_the_predicted_probability(width, depth):
    """Zero biases, symmetric weights: a fixed input dies at each layer with probability 2^−N.

    "Dead at layer l" means every pre-activation of the (single) input at layer l
    is ≤ 0, i.e. ``dead_fraction[l] == 1`` with n_inputs = 1 (f′(0) = 0, as in
    PyTorch). Given a live layer below, the N pre-activations of the next one are
    independent and symmetric, so each is ≤ 0 with probability 1/2; a dead layer
    outputs 0, so every layer above is 0 and dead too. Hence
    P(dead at layer l) = 1 − (1 − 2^−N)^l, checked at every layer within 4
    binomial standard errors over 2000 seeds.
    """
    trials = 2000
    dead = np.array(
        [
            simulate_network("relu", 1.0, 0.0, width, depth, 1, s).dead_fraction == 1.0
            for s in range(trials)
        ]
    )
    layers = np.arange(1, depth + 1)
    p = 1.0 - (1.0 - 2.0**-width) ** layers
    se = np.sqrt(p * (1.0 - p) / trials)
    assert np.all(np.abs(dead.mean(axis=0) - p) <= 4 * se), (dead.mean(axis=0), p)
    # absorbing: once dead, dead above
    assert np.all(dead[:, 1:] >= dead[:, :-1])


def test_dead_network_has_zero_gradient_below_the_top():
    run = next(
        r
        for s in range(100)
        if (r := simulate_network("relu", 1.0, 0.0, 2, 6, 1, s)).dead_fraction[-2] == 1.0
    )
    assert np.all(run.gradient_norm_sq[:-1] == 0.0)
    assert run.variance[-1] == 0.0  # h = b = 0 above a dead layer


# ---------------------------------------------------------------------------
# Overflow and extreme scales
# ---------------------------------------------------------------------------


def test_exploding_network_stops_at_the_float_ceiling():
    calls = []
    run = simulate_network("relu", 1e6, 0.0, 100, 50, 4, 0, progress=lambda *a: calls.append(a))
    k = run.overflow_layer
    assert k is not None and 10 < k < 50
    assert np.all(np.isfinite(run.variance[:k])) and run.variance[k - 1] > 1e250
    assert np.all(np.isinf(run.variance[k:]))
    assert np.all(np.isnan(run.correlation[k:])) and np.all(np.isnan(run.dead_fraction[k:]))
    assert np.all(np.isnan(run.gradient_norm_sq))
    assert calls[-1] == (100, 100)


@pytest.mark.parametrize(("sigma_w", "sigma_b"), [(1e300, 0.0), (1.0, 1e308), (1.7e308, 1.7e308)])
def test_huge_scales_overflow_at_the_first_layer(sigma_w, sigma_b):
    assert simulate_network("tanh", sigma_w, sigma_b, 50, 3, 2, 0).overflow_layer == 0


def test_tiny_scales_underflow_to_zero():
    run = simulate_network("relu", 1e-200, 0.0, 50, 3, 2, 0)
    assert np.all(run.variance == 0.0)
    assert run.gradient_norm_sq.tolist() == [0.0, 0.0, 1.0]


def test_gradient_ratio_beyond_the_float_range_is_inf(monkeypatch):
    # log-tracked: σ_w = 10 gives ratios of 100^l; pretend the float range ends at 1e10
    run = simulate_network("identity", 10.0, 0.0, 40, 8, 2, 0)
    assert run.gradient_norm_sq[0] == pytest.approx(1e14, rel=0.5)
    monkeypatch.setattr(network, "_LOG_MAX", math.log(1e10))
    capped = simulate_network("identity", 10.0, 0.0, 40, 8, 2, 0).gradient_norm_sq
    big = run.gradient_norm_sq >= 1e10
    assert big.any() and np.all(np.isinf(capped[big]))
    np.testing.assert_array_equal(capped[~big], run.gradient_norm_sq[~big])


# ---------------------------------------------------------------------------
# Progress and cancellation
# ---------------------------------------------------------------------------


def test_progress_counts_every_layer_pass_up_to_the_total():
    calls = []
    simulate_network("elu", 1.2, 0.1, 40, 9, 3, 0, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(i, 18) for i in range(1, 19)]


@pytest.mark.parametrize("after", [0, 3, 12])  # before the first, in forward, in backward
def test_cancelled_raises_between_layers(after):
    calls = []
    with pytest.raises(Cancelled):
        simulate_network(
            "tanh",
            1.5,
            0.1,
            40,
            8,
            3,
            0,
            progress=lambda d, t: calls.append(d),
            cancelled=lambda: len(calls) >= after,
        )
    assert calls == list(range(1, after + 1))


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

GOOD = {
    "key": "relu",
    "sigma_w": 1.0,
    "sigma_b": 0.0,
    "width": 10,
    "depth": 3,
    "n_inputs": 2,
    "seed": 0,
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"key": "nope"}, "unknown activation 'nope'"),
        ({"key": None}, "unknown activation None"),
        ({"sigma_w": 0.0}, "sigma_w must be a finite number > 0, not 0.0"),
        ({"sigma_w": -1.0}, "sigma_w must be a finite number > 0"),
        ({"sigma_w": math.inf}, "sigma_w must be a finite number > 0, not inf"),
        ({"sigma_w": math.nan}, "sigma_w must be a finite number > 0, not nan"),
        ({"sigma_w": "1"}, "sigma_w must be a finite number > 0, not '1'"),
        ({"sigma_b": -0.5}, "sigma_b must be a finite number ≥ 0"),
        ({"sigma_b": math.inf}, "sigma_b must be a finite number ≥ 0"),
        ({"width": 0}, r"width must be an integer in \[1, 2000\], not 0"),
        ({"width": 2001}, r"width must be an integer in \[1, 2000\]"),
        ({"width": 10.5}, r"width must be an integer in \[1, 2000\], not 10.5"),
        ({"width": True}, "width must be an integer"),
        ({"depth": 0}, r"depth must be an integer in \[1, 200\]"),
        ({"depth": 201}, r"depth must be an integer in \[1, 200\]"),
        ({"n_inputs": 0}, r"n_inputs must be an integer in \[1, 2000\]"),
        ({"n_inputs": 2001}, r"n_inputs must be an integer in \[1, 2000\]"),
        ({"seed": -1}, "seed must be an integer ≥ 0, not -1"),
        ({"seed": 1.5}, "seed must be an integer ≥ 0, not 1.5"),
        ({"input_correlation": 1.5}, r"input_correlation must be a number in \[-1, 1\]"),
        ({"input_correlation": -2.0}, r"input_correlation must be a number in \[-1, 1\]"),
        ({"alpha": 0.1}, "unexpected parameter"),
        ({"key": "leaky_relu", "alpha": 2.0}, "alpha must be a number in \\[0, 1\\], not 2.0"),
        ({"key": "leaky_relu", "alpha": math.nan}, "alpha must be a number"),
    ],
)
def test_bad_arguments_are_refused_clearly(change, message):
    with pytest.raises(ValueError, match=message):
        simulate_network(**{**GOOD, **change})


def test_numpy_scalars_are_accepted():
    run = simulate_network(
        "leaky_relu",
        np.float32(1.5),
        np.float64(0.1),
        np.int64(10),
        np.int32(3),
        np.int16(2),
        np.uint8(1),
        alpha=np.float64(0.2),
    )
    assert run.variance.shape == (3,)

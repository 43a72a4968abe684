"""The layer-by-layer mean-field theory, the phase grid and the output distribution
(actgui.analysis.depth_profile, phase_chi, output_distribution). Needs no display."""

import math

import numpy as np
import pytest
from scipy import integrate, special, stats

from actgui.analysis import (
    depth_profile,
    output_distribution,
    phase_chi,
    signal_propagation,
    simulate_network,
)


def test_first_layer_and_relu_at_he_are_exact():
    prof = depth_profile("relu", math.sqrt(2.0), 0.0, 30)
    # q⁰ = σ_w²·E[x²] + σ_b² with unit inputs; ReLU at σ_w² = 2 keeps every length.
    assert prof.variance == pytest.approx(np.full(30, 2.0), rel=1e-12)
    assert prof.gradient_norm_sq == pytest.approx(np.ones(30), rel=1e-9)
    assert prof.correlation[0] == pytest.approx(0.5, rel=1e-15)
    # The ReLU correlation map in closed form (Cho & Saul's arc-cosine kernel).
    c = 0.5
    for layer in range(1, 30):
        c = (math.sqrt(1 - c * c) + (math.pi - math.acos(c)) * c) / math.pi
        assert prof.correlation[layer] == pytest.approx(c, abs=1e-7)


def test_gradient_is_the_product_of_the_per_layer_factors():
    w, b, depth = 1.3, 0.2, 12
    prof = depth_profile("tanh", w, b, depth)

    # Independent: E[tanh′(√q z)²] by scipy quadrature at each layer's q.
    def d2(q):
        g = lambda z: (1 - np.tanh(math.sqrt(q) * z) ** 2) ** 2 * stats.norm.pdf(z)  # noqa: E731
        return integrate.quad(g, -12, 12, epsabs=1e-13)[0]

    factors = [w * w * d2(q) for q in prof.variance]
    expected = [math.prod(factors[layer : depth - 1]) for layer in range(depth)]
    assert prof.gradient_norm_sq == pytest.approx(expected, rel=1e-8)
    # And the length map, step by step.
    for layer in range(depth - 1):
        root = math.sqrt(prof.variance[layer])
        f2 = integrate.quad(
            lambda z, r=root: np.tanh(r * z) ** 2 * stats.norm.pdf(z), -12, 12, epsabs=1e-13
        )[0]
        assert prof.variance[layer + 1] == pytest.approx(w * w * f2 + b * b, rel=1e-9)


@pytest.mark.parametrize(
    ("key", "sigma_w", "sigma_b"),
    [("tanh", 1.5, 0.1), ("selu", 1.0, 0.0), ("sigmoid", 1.0, 0.3), ("elu", 1.2, 0.1)],
)
def test_a_wide_network_follows_the_profile(key, sigma_w, sigma_b):
    """Width 1000: the simulated q^l and c^l stay within a few standard errors of theory."""
    depth = 15
    prof = depth_profile(key, sigma_w, sigma_b, depth)
    runs = [simulate_network(key, sigma_w, sigma_b, 1000, depth, 16, seed) for seed in range(3)]
    q = np.array([r.variance for r in runs])
    c = np.array([r.correlation for r in runs])
    # Finite-width fluctuations of a mean over N units are O(1/√N) relative: 3.2 % at
    # N = 1000; allow 5 of them for q (averaged over 3 seeds) and 0.1 for c.
    assert q.mean(axis=0) == pytest.approx(prof.variance, rel=0.1)
    assert np.abs(c.mean(axis=0) - prof.correlation).max() < 0.1


def test_unbounded_lengths_read_inf_from_the_overflow_on():
    prof = depth_profile("relu", 10.0, 0.0, 200)  # q grows by 50 per layer
    first = int(np.flatnonzero(np.isinf(prof.variance))[0])
    assert prof.variance[first - 1] <= 1e300 < prof.variance[first - 1] * 50.0
    assert np.all(np.isinf(prof.variance[first:]))
    assert np.all(np.isnan(prof.gradient_norm_sq))
    assert np.all(np.isnan(prof.correlation[first:]))


@pytest.mark.parametrize("bad", [{"depth": 0}, {"depth": 2.5}, {"input_correlation": 2.0}])
def test_profile_refuses_bad_arguments(bad):
    kwargs = {"depth": 5} | bad
    depth = kwargs.pop("depth")
    with pytest.raises(ValueError):
        depth_profile("tanh", 1.0, 0.0, depth, **kwargs)


@pytest.mark.parametrize("key", ["relu", "tanh", "gelu", "elu"])
def test_phase_grid_matches_signal_propagation(key):
    ws = np.array([0.5, 1.0, 1.5, 2.5])
    bs = np.array([0.0, 0.4])
    chi = phase_chi(key, ws, bs)
    for i, b in enumerate(bs):
        for j, w in enumerate(ws):
            sp = signal_propagation(key, w, b)
            if sp.phase == "unbounded":
                assert chi[i, j] == math.inf
            else:
                assert chi[i, j] == pytest.approx(sp.chi, rel=1e-12)


def test_phase_grid_reports_progress_and_can_be_cancelled():
    from actgui.analysis import Cancelled

    seen = []
    phase_chi("tanh", [1.0], [0.0, 0.1, 0.2], progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(Cancelled):
        phase_chi("tanh", [1.0], [0.0, 0.1], cancelled=lambda: True)


def test_relu_output_has_half_its_mass_at_zero():
    d = output_distribution("relu")
    assert d.masses == ((0.0, 0.5),)
    assert d.continuous == 0.5
    # The continuous part is the half-normal: its histogram integrates to its share
    # (less the 0.1 % cut from each end) and its density follows φ.
    widths = np.diff(d.edges)
    assert np.sum(d.density * widths) == pytest.approx(0.5 * 0.998, rel=1e-3)
    mid = 0.5 * (d.edges[1:] + d.edges[:-1])
    exact = (stats.norm.cdf(d.edges[1:]) - stats.norm.cdf(d.edges[:-1])) / widths
    assert d.density == pytest.approx(exact, rel=2e-3)
    assert mid[0] > 0.0


def test_point_masses_of_step_hardtanh_and_threshold():
    assert output_distribution("step").masses == ((0.0, 0.5), (1.0, 0.5))
    clamp = special.ndtr(-1.0)
    masses = dict(output_distribution("hardtanh").masses)
    assert masses == pytest.approx({-1.0: clamp, 1.0: clamp}, rel=1e-14)
    masses = dict(output_distribution("threshold", threshold=0.5, value=-2.0).masses)
    assert masses == pytest.approx({-2.0: special.ndtr(0.5)}, rel=1e-14)
    # A smooth function has none, and its histogram follows the change of variables.
    d = output_distribution("sigmoid", mu=0.5, sigma=2.0)
    assert d.masses == ()
    y = 0.5 * (d.edges[1:] + d.edges[:-1])
    exact = stats.norm.pdf(special.logit(y), 0.5, 2.0) / (y * (1 - y))
    # (the density at the bin's middle, against the bin's mean: second order in the width)
    assert d.density[1:-1] == pytest.approx(exact[1:-1], rel=0.01)

"""The Jacobian spectrum (issue "Dynamical isometry"): the free-probability theory against
closed forms, mpmath and its own density's moments, and a real random network against
the theory within tolerances sized to its width."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from actgui.analysis.free_spectrum import spectrum_theory
from actgui.analysis.meanfield import edge_of_chaos
from actgui.analysis.random_matrices import orthogonal
from actgui.analysis.spectrum import jacobian_spectrum, spectrum_task
from actgui.cancel import Cancelled

RELU_HE = ("relu", math.sqrt(2.0), 0.0)


def _edge(key: str, sigma_b: float) -> tuple[str, float, float]:
    return key, edge_of_chaos(key, sigma_b)[0], sigma_b


# -- closed forms --------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 7, 50, 200])
def test_relu_at_he_has_mean_one_and_variance_2l_or_l(depth):
    # t = relu′(h)² ∈ {0, 1} with probability ½ each: μ₁ = μ₂ = ½, χ = 2·½ = 1, and
    # var/mean² = L(μ₂/μ₁² − 1 + s_W) = L(2 − 1 + 1) = 2L (Gaussian), L(2 − 1) = L (orthogonal).
    gauss = spectrum_theory(*RELU_HE, depth, "gaussian")
    orth = spectrum_theory(*RELU_HE, depth, "orthogonal")
    assert gauss.mean == pytest.approx(1.0, rel=1e-14)
    assert orth.mean == pytest.approx(1.0, rel=1e-14)
    assert gauss.variance == pytest.approx(2.0 * depth, rel=1e-13)
    assert orth.variance == pytest.approx(1.0 * depth, rel=1e-13)
    assert gauss.zero_mass == pytest.approx(0.5, abs=1e-15)


@pytest.mark.parametrize("depth", [3, 40])
def test_tanh_at_q_zero_is_a_scaled_product_of_weights(depth):
    # σ_b = 0, σ_w = 0.8 < 1: q* = 0, f′(0)² = 1, so J = D…: the weights alone.
    # Mean σ_w^(2L); variance L σ_w^(4L) (Marchenko–Pastur's 1 per layer) or 0 (orthogonal).
    w = 0.8
    gauss = spectrum_theory("tanh", w, 0.0, depth, "gaussian")
    orth = spectrum_theory("tanh", w, 0.0, depth, weights="orthogonal")
    assert gauss.q_star == 0.0
    assert gauss.mean == pytest.approx(w ** (2 * depth), rel=1e-13)
    assert gauss.variance == pytest.approx(depth * w ** (4 * depth), rel=1e-12)
    assert orth.variance == 0.0


@pytest.mark.parametrize("q", [0.01, 0.3, 2.5])
def test_the_moments_of_tanh_prime_squared_match_mpmath(q):
    # μ_k = E[sech^(4k)(√q z)] at 30 digits, independently of the theory's quadrature.
    theory = spectrum_theory("tanh", 1.0, 0.0, 1)  # (any; the law is read at q below)
    from actgui.analysis.free_spectrum import _law
    from actgui.analysis.meanfield.gaussian import _Model

    t, p, zero = _law(_Model("tanh", {}), q)
    with mpmath.workdps(30):
        root = mpmath.sqrt(q)

        def moment(k):
            def g(z):
                return mpmath.sech(root * z) ** (4 * k) * mpmath.npdf(z)

            return mpmath.quad(g, [-mpmath.inf, 0, mpmath.inf])

        mu1, mu2 = float(moment(1)), float(moment(2))
    assert float(np.dot(p, t)) == pytest.approx(mu1, rel=1e-13)
    assert float(np.dot(p, t * t)) == pytest.approx(mu2, rel=1e-13)
    assert zero == 0.0
    assert theory.weights == "gaussian"


def test_the_mean_is_chi_to_the_depth():
    # χ of the mean-field engine (independent code: adaptive quadrature) to the power L.
    from actgui.analysis.meanfield import signal_propagation

    for key, w, b in (("tanh", 1.3, 0.2), ("selu", 1.0, 0.0), ("gelu", 1.6, 0.1)):
        chi = signal_propagation(key, w, b).chi
        theory = spectrum_theory(key, w, b, 30, "orthogonal")
        assert theory.chi == pytest.approx(chi, rel=1e-12)
        assert theory.mean == pytest.approx(chi**30, rel=1e-10)


# -- the density -----------------------------------------------------------------------------


def _edge_of_support(theory, inside: float, outside: float) -> float:
    """ln x where the density starts (bisection on ln x between a point inside the support
    and one outside)."""
    for _ in range(80):
        mid = 0.5 * (inside + outside)
        if theory.log_density(np.exp(mid)) > 1e-30:
            inside = mid
        else:
            outside = mid
    return inside


def _moments(theory) -> tuple[float, float]:
    """∫ x ρ and ∫ x² ρ by Gauss–Legendre in θ with ln x = a + (b − a)(1 − cos θ)/2 between the
    support's edges (square-root edges become smooth in θ)."""
    ln_mean = math.log(theory.mean)
    grid = ln_mean + np.linspace(-40.0, 12.0, 2001)
    d = theory.log_density(np.exp(grid))
    inside = np.flatnonzero(d > 1e-8)
    top = _edge_of_support(theory, grid[inside[-1]], grid[-1])
    # (a tail beyond e^−40 relative is cut: its x-moments are below 1e−17)
    has_edge = d[0] <= 1e-30
    bottom = _edge_of_support(theory, grid[inside[0]], grid[0]) if has_edge else grid[0]
    theta, w = np.polynomial.legendre.leggauss(800)
    theta = 0.5 * math.pi * (theta + 1.0)
    w = w * 0.5 * math.pi
    s = bottom + (top - bottom) * (1.0 - np.cos(theta)) / 2.0
    ds = (top - bottom) * np.sin(theta) / 2.0
    x = np.exp(s)
    density = theory.log_density(x)
    return float(np.sum(w * ds * density * x)), float(np.sum(w * ds * density * x * x))


@pytest.mark.parametrize(
    ("net", "depth", "weights"),
    [
        (RELU_HE, 2, "gaussian"),
        (RELU_HE, 10, "orthogonal"),
        (RELU_HE, 50, "gaussian"),
        (("tanh", 0.0, 0.01), 50, "orthogonal"),
        (("tanh", 0.0, 0.01), 20, "gaussian"),
        (("sigmoid", 0.0, 0.05), 10, "orthogonal"),
        (("selu", 1.0, 0.0), 20, "orthogonal"),
        (("gelu", 0.0, 0.1), 10, "gaussian"),
        (("tanh", 1.3, 0.0), 5, "orthogonal"),
    ],
)
def test_the_density_has_the_theorys_mean_and_variance(net, depth, weights):
    key, w, b = net
    if w == 0.0:
        key, w, b = _edge(key, b)
    theory = spectrum_theory(key, w, b, depth, weights)
    m1, m2 = _moments(theory)
    assert m1 == pytest.approx(theory.mean, rel=1e-6)
    assert m2 - m1 * m1 == pytest.approx(theory.variance, rel=1e-6)


def test_the_density_is_zero_off_the_positive_axis_and_nan_where_lengths_explode():
    theory = spectrum_theory(*RELU_HE, 5, "gaussian")
    assert np.all(theory.density(np.array([-1.0, 0.0, 1e300])) == 0.0)
    exploding = spectrum_theory("relu", 2.0, 0.0, 5)  # σ_w² = 4: no fixed point
    assert math.isinf(exploding.q_star)
    assert math.isnan(exploding.mean)
    assert np.isnan(exploding.density(np.array([1.0]))).all()


def test_bad_arguments_are_refused():
    for args in (("relu", 0.0, 0.0, 3), ("relu", 1.0, -1.0, 3), ("relu", 1.0, 0.0, 0)):
        with pytest.raises(ValueError):
            spectrum_theory(*args)
    with pytest.raises(ValueError, match="weights"):
        spectrum_theory("relu", 1.0, 0.0, 3, "uniform")
    with pytest.raises(ValueError):
        spectrum_theory("no_such_function", 1.0, 0.0, 3)
    with pytest.raises(ValueError):
        jacobian_spectrum("relu", 1.0, 0.0, 3, 1001)
    with pytest.raises(ValueError):
        jacobian_spectrum("relu", 1.0, 0.0, 201, 10)


# -- a real network against the theory -------------------------------------------------


def test_orthogonal_matrices_are_orthogonal_and_haar_signed():
    rng = np.random.default_rng(3)
    q = orthogonal(50, 50, rng)
    assert np.abs(q.T @ q - np.eye(50)).max() < 1e-13
    tall = orthogonal(30, 10, rng)
    wide = orthogonal(10, 30, rng)
    assert np.abs(tall.T @ tall - np.eye(10)).max() < 1e-13
    assert np.abs(wide @ wide.T - np.eye(10)).max() < 1e-13
    # Haar: E[Q₁₁] = 0; without the sign fix numpy's QR makes R₁₁ < 0, so Q₁₁ has the sign of
    # −G₁₁ … and E[Q₁₁²] = 1/n; averaged over 4000 draws of 4×4 the mean is 0 ± 0.008·4.
    firsts = np.array([orthogonal(4, 4, rng)[0, 0] for _ in range(4000)])
    assert abs(firsts.mean()) < 0.04
    assert firsts.var() == pytest.approx(0.25, rel=0.1)


def _upper_tail(theory, v: np.ndarray) -> np.ndarray:
    """P(σ² > v) by the theory: ∫ from ln v to the top of the support, trapezoids on a fine
    log grid (the top is finite; the heavy left tail is never integrated)."""
    grid = np.linspace(math.log(v.min()), math.log(theory.mean) + 12.0, 1501)
    d = theory.log_density(np.exp(grid))
    cum = np.concatenate([[0.0], np.cumsum(0.5 * (d[1:] + d[:-1]) * np.diff(grid))])
    tail = cum[-1] - cum
    return np.interp(np.log(v), grid, tail)


CASES = [
    (RELU_HE, 5),
    (RELU_HE, 20),
    (("tanh", 0.0, 0.01), 20),
    (("tanh", 0.0, 0.3), 5),
    (("sigmoid", 0.0, 0.05), 5),
    (("selu", 1.0, 0.0), 10),
    # (GELU's edge-of-chaos fixed points repel: a real network's lengths leave q* and the
    # theory, taken at q*, stops describing it; here q* = 0.196 attracts, χ = 0.57.)
    (("gelu", 1.3, 0.3), 10),
]


@pytest.mark.parametrize("weights", ["gaussian", "orthogonal"])
@pytest.mark.parametrize(("net", "depth"), CASES)
def test_a_network_of_width_400_follows_the_theory(net, depth, weights):
    """The sample's mean within 4·√(2·L·b/N) of χ^L (b = var/mean² per layer: the trace's
    relative spread over networks, measured at 0.7–1.3 times this), and its distribution
    within 0.06 of the theory's (Kolmogorov–Smirnov over the values above float64's
    resolution; measured 0.005–0.03)."""
    key, w, b = net
    if w == 0.0:
        key, w, b = _edge(key, b)
    width = 400
    run = jacobian_spectrum(key, w, b, depth, width, weights, seed=11)
    theory = spectrum_theory(key, w, b, depth, weights)
    assert run.squared_singular_values.shape == (width,)
    assert np.all(np.diff(run.squared_singular_values) >= 0.0)
    tolerance = 4.0 * math.sqrt(2.0 * max(theory.relative_variance, 0.01) / width)
    assert run.mean == pytest.approx(theory.mean, rel=tolerance)
    values = run.resolved
    empirical = (values.size - np.arange(1, values.size + 1)) / width  # P(σ² > each)
    predicted = _upper_tail(theory, values)
    assert np.max(np.abs(empirical - predicted)) < 0.06


def test_relu_loses_half_its_directions_exactly():
    run = jacobian_spectrum(*RELU_HE, 8, 300, "orthogonal", seed=2)
    below = int(np.sum(run.squared_singular_values <= run.resolution))
    # The rank is the fewest active units of a layer: 150 − O(√300) of them lost at most.
    assert 150 <= below <= 150 + 40


def test_orthogonal_tanh_near_q_zero_is_nearly_isometric():
    key, w, b = _edge("tanh", 0.001)  # q* = 0.0093
    run = jacobian_spectrum(key, w, b, 50, 200, "orthogonal", seed=0)
    gauss = jacobian_spectrum(key, w, b, 50, 200, "gaussian", seed=0)
    theory = spectrum_theory(key, w, b, 50, "orthogonal")
    assert theory.variance < 0.035
    assert run.variance < 0.05 < 10.0 < gauss.variance
    # All but a few singular values within a factor 2 of 1. (One direction, the signal's
    # own length, shrinks by V′(q*) < 1 a layer: an outlier at σ ≈ 0.01, 1 in N, which
    # the wide limit does not count.)
    sv = np.sqrt(run.squared_singular_values)
    assert np.quantile(sv, 0.01) > 0.7 and np.quantile(sv, 0.99) < 1.4
    # The outlier: σ of the input's direction ≈ V′(q*)^L (the length map's slope per layer).
    assert sv.min() == pytest.approx(theory.slope**50, rel=0.15)


def test_a_seed_gives_the_same_network_and_another_seed_another():
    a = jacobian_spectrum("tanh", 1.2, 0.1, 4, 60, "orthogonal", seed=5)
    b = jacobian_spectrum("tanh", 1.2, 0.1, 4, 60, "orthogonal", seed=5)
    c = jacobian_spectrum("tanh", 1.2, 0.1, 4, 60, "orthogonal", seed=6)
    assert np.array_equal(a.squared_singular_values, b.squared_singular_values)
    assert not np.array_equal(a.squared_singular_values, c.squared_singular_values)
    assert not a.squared_singular_values.flags.writeable


def test_the_task_reports_progress_over_both_kinds_and_stops_when_cancelled():
    from actgui.activations import REGISTRY

    seen = []
    pair = spectrum_task(
        REGISTRY["tanh"], {}, 1.1, 0.1, 6, 30, 0, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (14, 14) and len(seen) == 14
    assert pair.gaussian.weights == "gaussian" and pair.orthogonal.weights == "orthogonal"
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        spectrum_task(REGISTRY["tanh"], {}, 1.1, 0.1, 50, 30, 0, cancelled=cancelled)
    assert len(calls) < 10


def test_deep_exploding_networks_do_not_overflow_the_jacobian():
    # ReLU is positively homogeneous and σ_b = 0: the signs, so D, do not depend on σ_w, and
    # J scales as σ_w^L exactly. At σ_w = 8, 100 layers: (8/√2)^200 = 32^100 = 3e150 times
    # He's spectrum; J is rescaled per layer, so neither overflows.
    big = jacobian_spectrum("relu", 8.0, 0.0, 100, 40, "orthogonal", seed=4)
    he = jacobian_spectrum(*RELU_HE, 100, 40, "orthogonal", seed=4)
    top = he.squared_singular_values > 1e-6 * he.squared_singular_values[-1]
    assert np.all(np.isfinite(big.squared_singular_values))
    np.testing.assert_allclose(
        big.squared_singular_values[top], he.squared_singular_values[top] * 32.0**100, rtol=1e-6
    )


# -- the density's shape against closed forms (not only its first two moments) ------------


@pytest.mark.parametrize("x", [0.05, 0.5, 1.0, 2.0, 3.0, 3.9])
def test_one_gaussian_layer_of_the_identity_is_marchenko_pastur(x):
    # J = W, N×N with entries N(0, 1/N): JJᵀ follows Marchenko–Pastur with ratio 1,
    # ρ(x) = √(x(4 − x))/(2πx) on [0, 4].
    theory = spectrum_theory("identity", 1.0, 0.0, 1, "gaussian")
    expected = math.sqrt(x * (4.0 - x)) / (2.0 * math.pi * x)
    assert float(theory.density(x)) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("x", [0.2, 0.5, 1.0, 2.5, 5.0, 5.8])
def test_one_relu_layer_at_he_is_a_marchenko_pastur_of_half_the_rows(x):
    # JJᵀ = D W Wᵀ D keeps the rows of the N/2 active units: its non-zero eigenvalues are
    # those of 2·(1/N) G Gᵀ with G (N/2)×N standard normal: Marchenko–Pastur with ratio
    # λ = 1/2, scaled by 2, and they are half of JJᵀ's N eigenvalues.
    lam = 0.5
    a, b = (1.0 - math.sqrt(lam)) ** 2, (1.0 + math.sqrt(lam)) ** 2
    y = x / 2.0
    mp = math.sqrt((b - y) * (y - a)) / (2.0 * math.pi * lam * y)
    theory = spectrum_theory(*RELU_HE, 1, "gaussian")
    assert float(theory.density(x)) == pytest.approx(0.5 * mp / 2.0, rel=1e-9)


@pytest.mark.parametrize("depth", [2, 3, 5])
def test_a_product_of_gaussian_matrices_has_fuss_catalan_moments(depth):
    # The identity with σ_w = 1: JJᵀ of L Ginibre factors, whose k-th moment is the
    # Fuss–Catalan number C((L+1)k, k)/(Lk + 1): the third one tests the density's shape.
    theory = spectrum_theory("identity", 1.0, 0.0, depth, "gaussian")
    top = math.log((depth + 1) ** (depth + 1) / depth**depth)  # the support's top edge
    theta, w = np.polynomial.legendre.leggauss(800)
    theta = 0.5 * math.pi * (theta + 1.0)
    w = w * 0.5 * math.pi
    bottom = top - 60.0
    s = bottom + (top - bottom) * (1.0 - np.cos(theta)) / 2.0
    ds = (top - bottom) * np.sin(theta) / 2.0
    x = np.exp(s)
    d = theory.log_density(x)
    for k in (1, 2, 3):
        fuss_catalan = math.comb((depth + 1) * k, k) / (depth * k + 1)
        assert float(np.sum(w * ds * d * x**k)) == pytest.approx(fuss_catalan, rel=1e-7)


# -- found by a red-team pass -----------------------------------------------------------


def test_values_past_float64_are_inf_never_nan_and_not_resolved():
    # ReLU at σ_w = 10, 181 layers: the top values pass 1.8e308 while the scale does not;
    # SELU at σ_w = 10, 200 layers: the scale overflows (0 × ∞ was NaN).
    run = jacobian_spectrum("relu", 10.0, 0.0, 181, 400, "gaussian", seed=0)
    assert not np.isnan(run.squared_singular_values).any()
    assert np.isinf(run.squared_singular_values).any()
    assert np.all(np.isfinite(run.resolved)) and run.resolved.size > 0
    assert math.isfinite(run.mean)
    selu = jacobian_spectrum("selu", 10.0, 0.0, 200, 50, "gaussian", seed=0)
    assert not np.isnan(selu.squared_singular_values).any()


def test_a_sigma_w_whose_square_underflows_gives_a_zero_jacobian():
    run = jacobian_spectrum("tanh", 1e-170, 0.0, 5, 20, "gaussian")
    assert run.mean == 0.0 and run.variance == 0.0


def test_the_theory_overflows_to_inf_and_refuses_absurd_depths():
    # tanh at σ_w = 12: χ ≈ 6.7, and χ^1000 ≈ 1e826 is past float64 (an OverflowError
    # from Python's float power before).
    theory = spectrum_theory("tanh", 12.0, 0.0, 1000, "gaussian")
    assert theory.chi > 2.0 and theory.mean == math.inf
    tiny = spectrum_theory("tanh", 0.1, 0.0, 200, "orthogonal")  # χ = 0.01: 1e−400
    assert tiny.mean == 0.0 and tiny.mu1 == 1.0
    with pytest.raises(ValueError, match="depth"):
        spectrum_theory("relu", 1.0, 0.0, 10**400)

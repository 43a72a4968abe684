"""gaussian_stats: closed forms, every registry function against Monte Carlo, mpmath checks."""

import math

import mpmath as mp
import numpy as np
import pytest

from actgui.activations import REGISTRY
from actgui.analysis import GaussianStats, gaussian_stats

FIELDS = (
    "mean",
    "std",
    "second_moment",
    "zero_output_fraction",
    "mean_gradient",
    "mean_sq_gradient",
    "zero_gradient_fraction",
    "small_gradient_fraction",
)
FRACTIONS = ("zero_output_fraction", "zero_gradient_fraction", "small_gradient_fraction")
#: (mu, sigma) at which every function is checked against Monte Carlo.
SETTINGS = ((0.0, 1.0), (0.5, 2.0))
DRAWS = 1_000_000


def phi_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


# ---------------------------------------------------------------------------
# Closed forms
# ---------------------------------------------------------------------------


def test_relu_at_the_standard_normal():
    s = gaussian_stats("relu")
    assert isinstance(s, GaussianStats)
    assert s.mean == pytest.approx(1.0 / math.sqrt(2.0 * math.pi), abs=1e-12)
    assert s.second_moment == pytest.approx(0.5, abs=1e-12)
    assert s.std == pytest.approx(math.sqrt(0.5 - 1.0 / (2.0 * math.pi)), abs=1e-12)
    assert s.zero_output_fraction == pytest.approx(0.5, abs=1e-12)
    assert s.mean_gradient == pytest.approx(0.5, abs=1e-12)
    assert s.mean_sq_gradient == pytest.approx(0.5, abs=1e-12)
    assert s.zero_gradient_fraction == pytest.approx(0.5, abs=1e-12)
    assert s.small_gradient_fraction == pytest.approx(0.5, abs=1e-12)


def test_selu_keeps_mean_zero_and_variance_one():
    # SELU's λ and α are chosen so that N(0, 1) maps to mean 0, variance 1 (Klambauer et al.).
    s = gaussian_stats("selu")
    assert s.mean == pytest.approx(0.0, abs=1e-6)
    assert s.std**2 == pytest.approx(1.0, abs=1e-6)


def test_symmetric_means():
    assert gaussian_stats("sigmoid").mean == pytest.approx(0.5, abs=1e-14)
    assert gaussian_stats("tanh").mean == pytest.approx(0.0, abs=1e-14)
    # σ(x) + σ(−x) = 1 and E[f′] = E[z f]: the logistic's mean slope is E[σ(z)(1 − σ(z))].
    s = gaussian_stats("sigmoid")
    assert s.mean_gradient == pytest.approx(s.mean - s.second_moment, abs=1e-14)


def test_leaky_relu_is_never_zero():
    s = gaussian_stats("leaky_relu", alpha=0.01)
    assert s.zero_output_fraction == 0.0
    assert s.zero_gradient_fraction == 0.0
    assert s.small_gradient_fraction == 0.0  # slopes 0.01 and 1, neither below 0.01


def test_leaky_relu_with_zero_slope_is_relu():
    s = gaussian_stats("leaky_relu", mu=0.3, sigma=1.7, alpha=0.0)
    r = gaussian_stats("relu", mu=0.3, sigma=1.7)
    for name in FIELDS:
        assert getattr(s, name) == pytest.approx(getattr(r, name), abs=1e-15)


def test_hardtanh_gradient_is_dead_outside_its_interval():
    s = gaussian_stats("hardtanh")
    assert s.zero_gradient_fraction == pytest.approx(2.0 * phi_cdf(-1.0), abs=1e-14)
    assert s.small_gradient_fraction == pytest.approx(2.0 * phi_cdf(-1.0), abs=1e-14)
    assert s.zero_output_fraction == 0.0
    s = gaussian_stats("hardtanh", mu=0.2, sigma=0.5, min_val=-0.5, max_val=2.0)
    expected = phi_cdf((-0.5 - 0.2) / 0.5) + phi_cdf(-(2.0 - 0.2) / 0.5)
    assert s.zero_gradient_fraction == pytest.approx(expected, abs=1e-14)


@pytest.mark.parametrize("eps", [0.5, 0.01, 1e-6])
def test_tanh_small_gradient_closed_form(eps):
    # sech²x < eps ⟺ |x| > artanh √(1 − eps)
    edge = math.atanh(math.sqrt(1.0 - eps))
    s = gaussian_stats("tanh", mu=0.4, sigma=1.5, eps=eps)
    expected = phi_cdf((-edge - 0.4) / 1.5) + phi_cdf(-(edge - 0.4) / 1.5)
    assert s.small_gradient_fraction == pytest.approx(expected, abs=1e-12)


def test_sets_follow_the_parameters():
    s = gaussian_stats("threshold", threshold=0.3, value=0.0)
    assert s.zero_output_fraction == pytest.approx(phi_cdf(0.3), abs=1e-14)
    s = gaussian_stats("softshrink", mu=-0.2, lambd=0.7)
    expected = phi_cdf(0.7 + 0.2) - phi_cdf(-0.7 + 0.2)
    assert s.zero_output_fraction == pytest.approx(expected, abs=1e-14)
    assert s.zero_gradient_fraction == pytest.approx(expected, abs=1e-14)
    s = gaussian_stats("relu6", sigma=3.0)
    assert s.zero_output_fraction == pytest.approx(0.5, abs=1e-14)
    assert s.zero_gradient_fraction == pytest.approx(0.5 + phi_cdf(-2.0), abs=1e-14)


def test_step_has_no_gradient_anywhere():
    s = gaussian_stats("step", mu=0.7, sigma=0.9)
    assert s.zero_gradient_fraction == 1.0
    assert s.small_gradient_fraction == 1.0
    assert s.mean_gradient == 0.0
    assert s.zero_output_fraction == pytest.approx(phi_cdf(-0.7 / 0.9), abs=1e-14)
    assert s.mean == pytest.approx(phi_cdf(0.7 / 0.9), abs=1e-14)


def test_isolated_zeros_have_no_mass():
    assert gaussian_stats("tanh").zero_output_fraction == 0.0  # 0 only at x = 0
    assert gaussian_stats("sinc").zero_output_fraction == 0.0  # zeros at isolated points
    assert gaussian_stats("gelu").zero_gradient_fraction == 0.0  # f′ = 0 at one point
    assert gaussian_stats("gaussian").zero_gradient_fraction == 0.0


def test_float_underflow_is_not_a_zero():
    # Far left the float sigmoid underflows to 0, but σ(x) > 0: no mass is counted.
    assert float(REGISTRY["sigmoid"].forward(np.array([-800.0]))[0]) == 0.0
    s = gaussian_stats("sigmoid", mu=-800.0, sigma=1.0)
    assert s.zero_output_fraction == 0.0
    assert s.zero_gradient_fraction == 0.0
    assert s.small_gradient_fraction == 1.0


def test_validation():
    with pytest.raises(KeyError, match="nope"):
        gaussian_stats("nope")
    for bad in (0.0, -1.0, math.nan, math.inf, "x", True):
        with pytest.raises(ValueError, match="sigma"):
            gaussian_stats("relu", sigma=bad)
    for bad in (math.nan, -math.inf, None):
        with pytest.raises(ValueError, match="mu"):
            gaussian_stats("relu", mu=bad)
    for bad in (0.0, -0.1, math.nan):
        with pytest.raises(ValueError, match="eps"):
            gaussian_stats("relu", eps=bad)
    with pytest.raises(ValueError, match="alpha"):
        gaussian_stats("leaky_relu", alpha=2.0)
    with pytest.raises(ValueError, match="min_val"):
        gaussian_stats("hardtanh", min_val=1.0, max_val=0.0)
    with pytest.raises(TypeError, match="beta"):
        gaussian_stats("relu", beta=1.0)


def test_extreme_inputs_stay_well_defined():
    # Tests run with warnings as errors: none may be raised on the way.
    for key in REGISTRY:
        for mu, sigma in ((0.0, 1e-12), (1e4, 0.5), (-40.0, 300.0), (0.0, 1e150)):
            s = gaussian_stats(key, mu=mu, sigma=sigma)
            for name in FRACTIONS:
                assert 0.0 <= getattr(s, name) <= 1.0
            for name in ("mean", "std", "second_moment", "mean_gradient", "mean_sq_gradient"):
                assert not math.isnan(getattr(s, name)), (key, mu, sigma, name)
            assert s.std >= 0.0 and s.second_moment >= 0.0 and s.mean_sq_gradient >= 0.0


def test_a_tiny_sigma_gives_the_values_at_mu():
    for key in ("tanh", "gelu", "softplus", "snake"):
        act = REGISTRY[key]
        s = gaussian_stats(key, mu=0.3, sigma=1e-12)
        f = float(act.forward(np.array([0.3]))[0])
        d = float(act.derivative(np.array([0.3]))[0])
        assert s.mean == pytest.approx(f, rel=1e-10)
        assert s.mean_gradient == pytest.approx(d, rel=1e-10)
        assert s.std == pytest.approx(abs(d) * 1e-12, rel=1e-6)


# ---------------------------------------------------------------------------
# Every registry function against a large seeded Monte Carlo sample
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def normal_draws():
    return np.random.default_rng(0).standard_normal(DRAWS)


def _close(name, exact, sample, se):
    assert abs(exact - sample) <= 6.0 * se + 1e-12, (name, exact, sample, se)


@pytest.mark.parametrize("mu,sigma", SETTINGS)
@pytest.mark.parametrize("key", list(REGISTRY))
def test_every_function_against_monte_carlo(key, mu, sigma, normal_draws):
    act = REGISTRY[key]
    s = gaussian_stats(key, mu=mu, sigma=sigma)
    x = mu + sigma * normal_draws
    f = act.forward(x)
    d = act.derivative(x)
    n = x.size
    root = math.sqrt(n)
    f2, d2 = f * f, d * d
    mean, m2 = f.mean(), f2.mean()
    _close("mean", s.mean, mean, math.sqrt(max(m2 - mean * mean, 0.0)) / root)
    _close("second_moment", s.second_moment, m2, math.sqrt(max(f2 @ f2 / n - m2 * m2, 0.0)) / root)
    c2 = (f - mean) ** 2
    var = c2.mean()
    if var > 0.0:  # delta method: SE(sd) = SE(var)/(2 sd)
        se_std = math.sqrt(max(c2 @ c2 / n - var * var, 0.0) / n) / (2.0 * math.sqrt(var))
        _close("std", s.std, math.sqrt(var), se_std)
    g, g2 = d.mean(), d2.mean()
    _close("mean_gradient", s.mean_gradient, g, math.sqrt(max(g2 - g * g, 0.0)) / root)
    se = math.sqrt(max(d2 @ d2 / n - g2 * g2, 0.0)) / root
    _close("mean_sq_gradient", s.mean_sq_gradient, g2, se)
    sampled = {
        "zero_output_fraction": np.mean(f == 0.0),
        "zero_gradient_fraction": np.mean(d == 0.0),
        "small_gradient_fraction": np.mean(np.abs(d) < 0.01),
    }
    for name, p_mc in sampled.items():
        p = getattr(s, name)
        if p in (0.0, 1.0):
            assert p_mc == p, (name, p, p_mc)
        else:
            _close(name, p, p_mc, math.sqrt(p * (1.0 - p) / n))


# ---------------------------------------------------------------------------
# Independent high-precision checks (mpmath quadrature, 25 digits)
# ---------------------------------------------------------------------------


def _mp_expect(g, mu, sigma, kinks=()):
    """E[g(mu + sigma·t)], t ~ N(0, 1), by mpmath quad over [−40, 40] cut at the kinks."""
    cuts = {mp.mpf(v) for v in range(-40, 41, 4)}
    cuts |= {(mp.mpf(k) - mu) / sigma for k in kinks if abs((k - mu) / sigma) < 40}
    pts = sorted(cuts)
    total = mp.quad(lambda t: g(mu + sigma * t) * mp.exp(-t * t / 2), pts)
    return total / mp.sqrt(2 * mp.pi)


def _gelu(x):
    return x * mp.ncdf(x)


def _softplus(x):  # PyTorch's softplus (β = 1) is linear above its threshold 20
    return x if x > 20 else mp.log1p(mp.exp(x))


def _elu_d1(x):
    return mp.mpf(1) if x > 0 else mp.exp(x)


def _tanh_d1(x):
    return mp.sech(x) ** 2


@pytest.mark.parametrize("mu,sigma", [(0.0, 1.0), (0.5, 2.0), (18.0, 3.0)])
def test_against_mpmath(mu, sigma):
    mp.mp.dps = 25
    mu_, sigma_ = mp.mpf(mu), mp.mpf(sigma)
    gelu = gaussian_stats("gelu", mu=mu, sigma=sigma)
    expected = _mp_expect(lambda x: _gelu(x) ** 2, mu_, sigma_)
    assert abs(gelu.second_moment - expected) <= 1e-9 * max(1.0, abs(expected))
    softplus = gaussian_stats("softplus", mu=mu, sigma=sigma)
    expected = _mp_expect(_softplus, mu_, sigma_, kinks=(20.0,))
    assert abs(softplus.mean - expected) <= 1e-9 * max(1.0, abs(expected))
    elu = gaussian_stats("elu", mu=mu, sigma=sigma)
    expected = _mp_expect(lambda x: _elu_d1(x) ** 2, mu_, sigma_, kinks=(0.0,))
    assert abs(elu.mean_sq_gradient - expected) <= 1e-9
    tanh = gaussian_stats("tanh", mu=mu, sigma=sigma)
    m1 = _mp_expect(mp.tanh, mu_, sigma_)
    m2 = _mp_expect(lambda x: mp.tanh(x) ** 2, mu_, sigma_)
    assert abs(tanh.std - mp.sqrt(m2 - m1 * m1)) <= 1e-9
    assert abs(tanh.mean_gradient - _mp_expect(_tanh_d1, mu_, sigma_)) <= 1e-9


def test_ndtr_without_scipy_against_mpmath():
    """Φ for one number from the C library's erf/erfc (the details' numbers no longer import
    scipy.special on the GUI thread), checked against mpmath at 40 digits; within the
    conditioning of x/√2's rounding (up to 2x² ulps far out), as scipy's own."""
    import mpmath

    from actgui.analysis.stats import ndtr

    mpmath.mp.dps = 40
    for x in [*np.linspace(-37.0, 8.0, 901), -1e-300, 0.0, 1e-300, -0.70710678]:
        exact = float(mpmath.ncdf(mpmath.mpf(float(x))))
        assert abs(ndtr(float(x)) - exact) <= max(4.0, 2 * x * x) * np.spacing(exact), x

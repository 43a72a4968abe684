"""Mean-field signal propagation: fixed points, edge of chaos and init gains.

Independent checks use mpmath quadrature (25 digits) for the one-dimensional
Gaussian expectations, closed forms (ReLU, the step function's arcsine kernel)
and a dense tensor Gauss–Hermite rule for the smooth tanh's two-dimensional one.
"""

import math

import mpmath as mp
import numpy as np
import pytest

from actgui.analysis import (
    InitGains,
    SignalPropagation,
    edge_of_chaos,
    init_gains,
    signal_propagation,
)
from actgui.analysis.meanfield.gaussian import _Model, _pair

mp.mp.dps = 25


def _mp_expect(g, q, kinks=()):
    """E[g(√q z)], z ~ N(0, 1), by mpmath quad over [−40, 40] cut at the kinks."""
    root = mp.sqrt(mp.mpf(q))
    cuts = {mp.mpf(v) for v in range(-40, 41, 4)}
    if q > 0:
        cuts |= {mp.mpf(k) / root for k in kinks if abs(k / math.sqrt(q)) < 40}
    total = mp.quad(lambda t: g(root * t) * mp.exp(-t * t / 2), sorted(cuts))
    return total / mp.sqrt(2 * mp.pi)


def _sech2(x):
    return mp.sech(x) ** 2


def _elu(x):
    return x if x > 0 else mp.expm1(x)


def _elu_d1(x):
    return mp.mpf(1) if x > 0 else mp.exp(x)


def _silu(x):
    return x / (1 + mp.exp(-x))


def _silu_d1(x):
    s = 1 / (1 + mp.exp(-x))
    return s * (1 + x * (1 - s))


def _gelu(x):
    return x * mp.ncdf(x)


def _gelu_d1(x):
    return mp.ncdf(x) + x * mp.npdf(x)


#: key → (f, f′, kinks) in mpmath
MP = {
    "tanh": (mp.tanh, _sech2, ()),
    "elu": (_elu, _elu_d1, (0.0,)),
    "silu": (_silu, _silu_d1, ()),
    "gelu": (_gelu, _gelu_d1, ()),
}


def _mp_length(key, q, sigma_w, sigma_b):
    f, _, kinks = MP[key]
    return sigma_w**2 * _mp_expect(lambda x: f(x) ** 2, q, kinks) + sigma_b**2


def _mp_chi(key, q, sigma_w):
    _, d, kinks = MP[key]
    return sigma_w**2 * _mp_expect(lambda x: d(x) ** 2, q, kinks)


# ---------------------------------------------------------------------------
# ReLU: closed forms, the single edge-of-chaos point and the unbounded phase
# ---------------------------------------------------------------------------


def test_relu_edge_of_chaos_is_sqrt_two():
    edge = edge_of_chaos("relu", 0.0)
    assert edge is not None
    sigma_w, q_star = edge
    assert sigma_w == pytest.approx(math.sqrt(2.0), abs=1e-9)
    # At σ_w² = 2, σ_b = 0 the length map is the identity: every q is a fixed point,
    # reported as q* = 1 (an input of unit variance).
    assert q_star == 1.0
    r = signal_propagation("relu", math.sqrt(2.0), 0.0)
    assert r.q_star == 1.0
    assert r.phase == "critical"
    assert r.chi == pytest.approx(1.0, abs=1e-12)
    assert r.c_star == 1.0 and r.depth_scale == math.inf


@pytest.mark.parametrize("sigma_w", [0.5, 1.0, 1.3, 1.41])
def test_relu_chi_is_half_sigma_w_squared(sigma_w):
    # σ_b = 0: q* = 0 and χ₁ = σ_w²/2 (the limit q → 0⁺, as at every q).
    r = signal_propagation("relu", sigma_w, 0.0)
    assert r.q_star == 0.0
    assert r.chi == pytest.approx(sigma_w**2 / 2.0, abs=1e-14)
    assert r.slope == pytest.approx(sigma_w**2 / 2.0, abs=1e-14)
    assert r.phase == "ordered"
    assert r.c_star == 1.0
    assert r.depth_scale == pytest.approx(-1.0 / math.log(sigma_w**2 / 2.0), rel=1e-12)
    # With a bias, q* = σ_b²/(1 − σ_w²/2) and χ₁ is unchanged.
    r = signal_propagation("relu", sigma_w, 0.3)
    assert r.q_star == pytest.approx(0.09 / (1.0 - sigma_w**2 / 2.0), rel=1e-12)
    assert r.chi == pytest.approx(sigma_w**2 / 2.0, abs=1e-14)


@pytest.mark.parametrize("sigma_w,sigma_b", [(1.5, 0.0), (2.0, 0.0), (math.sqrt(2.0), 0.1)])
def test_relu_unbounded(sigma_w, sigma_b):
    # σ_w² > 2 (or = 2 with a bias): V(q) > q for every q > 0, no fixed point to settle on.
    r = signal_propagation("relu", sigma_w, sigma_b)
    assert r.q_star == math.inf
    assert r.phase == "unbounded"
    assert all(math.isnan(v) for v in (r.slope, r.chi, r.c_star, r.chi_c, r.depth_scale))


def test_relu_has_no_edge_with_a_bias():
    assert edge_of_chaos("relu", 0.1) is None


def test_identity_keeps_every_length():
    r = signal_propagation("identity", 1.0, 0.0)
    assert (r.q_star, r.phase) == (1.0, "critical")
    assert edge_of_chaos("identity", 0.0) == (1.0, 1.0)


# ---------------------------------------------------------------------------
# tanh: criticality at (1, 0), the published edge of chaos, and χ₁ against mpmath
# ---------------------------------------------------------------------------


def test_tanh_is_critical_at_one_without_bias():
    r = signal_propagation("tanh", 1.0, 0.0)
    assert r.q_star == 0.0
    assert r.chi == 1.0
    assert r.phase == "critical"
    assert r.depth_scale == math.inf
    assert edge_of_chaos("tanh", 0.0) == (1.0, 0.0)
    assert signal_propagation("tanh", 0.9, 0.0).phase == "ordered"
    chaotic = signal_propagation("tanh", 1.1, 0.0)
    assert chaotic.phase == "chaotic" and chaotic.q_star > 0.0
    # tanh is odd: without a bias, C(0) = 0, so decorrelated inputs stay decorrelated.
    assert chaotic.c_star == 0.0


def test_tanh_edge_of_chaos_matches_schoenholz():
    # Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017 ("Deep Information Propagation",
    # ICLR): for tanh with σ_b² = 0.05 the order-to-chaos transition is at σ_w² ≈ 1.76.
    sigma_w, q_star = edge_of_chaos("tanh", math.sqrt(0.05))
    assert sigma_w**2 == pytest.approx(1.76, rel=5e-3)
    # And exactly: both conditions hold at 25 digits.
    assert abs(_mp_length("tanh", q_star, sigma_w, math.sqrt(0.05)) - q_star) < 1e-10
    assert abs(_mp_chi("tanh", q_star, sigma_w) - 1) < 1e-10


def test_tanh_edge_of_chaos_at_sigma_b_005():
    # σ_b = 0.05 itself: checked against the two conditions in mpmath (σ_w² ≈ 1.2601).
    sigma_w, q_star = edge_of_chaos("tanh", 0.05)
    assert sigma_w == pytest.approx(1.12253900, abs=1e-7)
    assert abs(_mp_length("tanh", q_star, sigma_w, 0.05) - q_star) < 1e-10
    assert abs(_mp_chi("tanh", q_star, sigma_w) - 1) < 1e-10
    r = signal_propagation("tanh", sigma_w, 0.05)
    assert r.phase == "critical" and r.depth_scale == math.inf
    assert r.q_star == pytest.approx(q_star, rel=1e-9)


@pytest.mark.parametrize(
    "key,sigma_w,sigma_b",
    [("tanh", 1.5, 0.3), ("tanh", 0.8, 0.5), ("elu", 1.3, 0.2), ("gelu", 1.2, 0.4)],
)
def test_fixed_point_and_chi_against_mpmath(key, sigma_w, sigma_b):
    r = signal_propagation(key, sigma_w, sigma_b)
    assert abs(_mp_length(key, r.q_star, sigma_w, sigma_b) - r.q_star) < 1e-10
    assert abs(_mp_chi(key, r.q_star, sigma_w) - r.chi) < 1e-10


def test_elu_edge_of_chaos():
    # Hayou et al. 2019 draw ELU's edge-of-chaos curve; at σ_b = 0.2 it is at σ_w ≈ 1.2293
    # (checked here against the two conditions in mpmath rather than a printed number).
    sigma_w, q_star = edge_of_chaos("elu", 0.2)
    assert sigma_w == pytest.approx(1.2292511, abs=1e-6)
    assert abs(_mp_length("elu", q_star, sigma_w, 0.2) - q_star) < 1e-10
    assert abs(_mp_chi("elu", q_star, sigma_w) - 1) < 1e-10
    # Without a bias ELU (f′(0) = 1) is critical at σ_w = 1 with q* = 0, like tanh.
    assert edge_of_chaos("elu", 0.0) == (1.0, 0.0)


# ---------------------------------------------------------------------------
# SiLU and GELU: the fixed point near the edge repels, and is still found
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["silu", "gelu"])
@pytest.mark.parametrize("factor", [0.98, 1.0, 1.01])
def test_repelling_fixed_point_is_a_true_root(key, factor):
    edge = edge_of_chaos(key, 0.2)
    assert edge is not None
    sigma_w = edge[0] * factor
    r = signal_propagation(key, sigma_w, 0.2)
    q = r.q_star
    assert math.isfinite(q)
    assert abs(_mp_length(key, q, sigma_w, 0.2) - q) < 1e-10
    # Repelling: V′(q*) > 1, so iterating V from either side walks away from q*.
    assert r.slope > 1.0
    above = _mp_length(key, q * (1 + 1e-4), sigma_w, 0.2) - q * (1 + 1e-4)
    below = _mp_length(key, q * (1 - 1e-4), sigma_w, 0.2) - q * (1 - 1e-4)
    assert above > 0 > below
    if factor == 1.0:
        assert r.phase == "critical"
        assert abs(_mp_chi(key, q, sigma_w) - 1) < 1e-10


def test_the_largest_of_two_fixed_points_is_returned():
    # SiLU at (1.6, 0.2) has a stable fixed point near q = 0.13 and a repelling one near
    # q = 1.47; q* is the largest, the threshold above which lengths grow without bound.
    r = signal_propagation("silu", 1.6, 0.2)
    assert r.q_star == pytest.approx(1.4688960, rel=1e-6)
    assert r.slope > 1.0
    signs = [_mp_length("silu", q, 1.6, 0.2) - q for q in (0.01, 0.5, 1.0, 3.0)]
    assert signs[0] > 0 > signs[1] and signs[2] < 0 < signs[3]


# ---------------------------------------------------------------------------
# The length map's slope and the correlation map
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key,params,q",
    [
        ("tanh", {}, 2.0),
        ("relu6", {}, 3.0),  # the kink at 6, where f ≠ 0, adds a delta term
        ("threshold", {"threshold": 0.5, "value": -1.0}, 2.0),  # a jump in f
        ("hardshrink", {}, 1.0),
    ],
)
def test_length_slope_against_finite_differences(key, params, q):
    model = _Model(key, params)

    def m(v):
        return float(model.moments(np.array([v]), ("f2",))[0, 0])

    h = 1e-4 * q
    fd = (8 * (m(q + h / 2) - m(q - h / 2)) - (m(q + h) - m(q - h))) / (6 * h)
    assert model.length_slope(q) == pytest.approx(fd, abs=1e-9)


@pytest.mark.parametrize("sigma_w,sigma_b", [(1.0, 0.1), (2.0, 0.5), (0.5, 0.0)])
def test_step_correlation_map_closed_form(sigma_w, sigma_b):
    # E[H(u₁)H(u₂)] = 1/4 + arcsin(c)/(2π): C′(1) = ∞, so c* < 1 though χ₁ = 0.
    from scipy.optimize import brentq

    r = signal_propagation("step", sigma_w, sigma_b)
    q = sigma_w**2 / 2 + sigma_b**2
    assert r.q_star == pytest.approx(q, rel=1e-14)
    assert r.chi == 0.0 and r.phase == "ordered"

    def excess(c):
        return (sigma_w**2 * (0.25 + math.asin(c) / (2 * math.pi)) + sigma_b**2) / q - c

    c_star = brentq(excess, 0.0, 1.0 - 1e-15, xtol=1e-15)
    assert r.c_star == pytest.approx(c_star, abs=1e-9)
    slope = sigma_w**2 / (2 * math.pi * math.sqrt(1 - c_star**2) * q)
    assert r.chi_c == pytest.approx(slope, abs=1e-9)
    assert r.depth_scale == pytest.approx(-1 / math.log(slope), rel=1e-8)


@pytest.mark.parametrize("sigma_w,sigma_b", [(1.5, 0.3), (2.5, 0.05), (1.2, 0.02)])
def test_tanh_correlation_map_against_gauss_hermite(sigma_w, sigma_b):
    from scipy.optimize import brentq

    r = signal_propagation("tanh", sigma_w, sigma_b)
    assert r.phase == "chaotic" and 0.0 < r.c_star < 1.0
    z, w = np.polynomial.hermite_e.hermegauss(300)
    w = w / math.sqrt(2 * math.pi)
    z1, z2 = np.meshgrid(z, z)
    weight = np.outer(w, w)
    root = math.sqrt(r.q_star)

    def pair(c):
        u1 = root * z1
        u2 = root * (c * z1 + math.sqrt(1 - c * c) * z2)
        return u1, u2

    def excess(c):
        u1, u2 = pair(c)
        return (sigma_w**2 * np.sum(weight * np.tanh(u1) * np.tanh(u2)) + sigma_b**2) / r.q_star - c

    c_star = brentq(excess, 0.0, 0.99, xtol=1e-14)
    u1, u2 = pair(c_star)
    slope = sigma_w**2 * np.sum(weight / np.cosh(u1) ** 2 / np.cosh(u2) ** 2)
    assert r.c_star == pytest.approx(c_star, abs=1e-8)
    assert r.chi_c == pytest.approx(slope, abs=1e-8)
    assert r.chi_c < 1.0 and r.depth_scale == pytest.approx(-1 / math.log(slope), rel=1e-6)


@pytest.mark.parametrize(
    "key,q", [("relu6", 115.0), ("hardtanh", 2.8), ("hardtanh", 30.0), ("tanh", 100.0)]
)
def test_two_dimensional_quadrature_at_the_ends(key, q):
    # c = 0: E[f(u₁)f(u₂)] = E[f]²; c = 1: E[f²] — both known from the 1-D quadrature.
    model = _Model(key, {})
    second = float(model.moments(np.array([q]), ("f2",))[0, 0])
    first = model.hermite(q, 1)
    assert _pair(model, q, 1.0, False)[0] == pytest.approx(second, rel=1e-8)
    assert _pair(model, q, 0.0, False)[0] == pytest.approx(first[0], rel=1e-8, abs=1e-14)


def test_kinked_chaotic_fixed_point_is_consistent():
    # hardtanh in its chaotic phase: C(c*) = c* and χ_c = C′(c*) by a difference quotient.
    r = signal_propagation("hardtanh", 2.0, 0.1)
    assert r.phase == "chaotic" and 0.0 < r.c_star < 1.0
    model = _Model("hardtanh", {})

    def corr(c):
        return (4.0 * _pair(model, r.q_star, c, False)[0] + 0.01) / r.q_star

    assert corr(r.c_star) == pytest.approx(r.c_star, abs=1e-9)
    h = 1e-4
    assert (corr(r.c_star + h) - corr(r.c_star - h)) / (2 * h) == pytest.approx(r.chi_c, abs=1e-6)


# ---------------------------------------------------------------------------
# Init gains
# ---------------------------------------------------------------------------


def test_init_gains():
    relu = init_gains("relu")
    assert isinstance(relu, InitGains)
    assert relu.forward == pytest.approx(math.sqrt(2.0), abs=1e-12)
    assert relu.backward == pytest.approx(math.sqrt(2.0), abs=1e-12)
    assert relu.edge_of_chaos_sigma_w == pytest.approx(math.sqrt(2.0), abs=1e-9)
    assert relu.pytorch == pytest.approx(math.sqrt(2.0))
    tanh = init_gains("tanh")
    expected = 1 / mp.sqrt(_mp_expect(lambda x: mp.tanh(x) ** 2, 1.0))
    assert tanh.forward == pytest.approx(float(expected), abs=1e-12)
    assert tanh.forward == pytest.approx(1.5925, abs=1e-4)
    assert tanh.pytorch == pytest.approx(5.0 / 3.0)
    assert tanh.edge_of_chaos_sigma_w == 1.0
    assert init_gains("selu").forward == pytest.approx(1.0, abs=1e-6)  # self-normalising
    assert init_gains("selu").pytorch == 0.75
    assert init_gains("sigmoid").pytorch == 1.0
    assert init_gains("identity").pytorch == 1.0
    assert init_gains("leaky_relu", alpha=0.2).pytorch == pytest.approx(math.sqrt(2 / 1.04))
    silu = init_gains("silu")
    assert silu.pytorch is None
    assert silu.edge_of_chaos_sigma_w is None  # without a bias its lengths blow up first
    step = init_gains("step")
    assert step.backward is None  # f′ = 0 almost everywhere
    assert step.forward == pytest.approx(math.sqrt(2.0), abs=1e-12)


# ---------------------------------------------------------------------------
# Validation and robustness
# ---------------------------------------------------------------------------


def test_validation():
    with pytest.raises(KeyError, match="nope"):
        signal_propagation("nope", 1.0, 0.0)
    with pytest.raises(KeyError):
        edge_of_chaos("nope", 0.0)
    with pytest.raises(KeyError):
        init_gains("nope")
    for bad in (-1.0, math.nan, math.inf, "x"):
        with pytest.raises(ValueError, match="sigma_w"):
            signal_propagation("tanh", bad, 0.0)
        with pytest.raises(ValueError, match="sigma_b"):
            signal_propagation("tanh", 1.0, bad)
        with pytest.raises(ValueError, match="sigma_b"):
            edge_of_chaos("tanh", bad)
    with pytest.raises(ValueError, match="alpha"):
        signal_propagation("elu", 1.0, 0.0, alpha=-1.0)
    with pytest.raises(TypeError):
        init_gains("relu", alpha=1.0)


def test_every_function_gives_a_consistent_answer():
    from actgui.activations import REGISTRY

    phases = {"ordered", "critical", "chaotic", "unbounded"}
    for key in REGISTRY:
        for sigma_w, sigma_b in ((0.0, 0.5), (1.0, 0.0), (1.5, 0.1), (3.0, 1.0)):
            r = signal_propagation(key, sigma_w, sigma_b)
            assert isinstance(r, SignalPropagation)
            assert r.phase in phases
            if r.phase == "unbounded":
                assert r.q_star == math.inf
                continue
            assert r.q_star >= 0.0 and r.chi >= 0.0
            assert 0.0 <= r.c_star <= 1.0 and r.chi_c >= 0.0 and r.depth_scale >= 0.0
            if sigma_w == 0.0:  # no weights: every input is the bias
                assert r.q_star == pytest.approx(0.25) and r.chi == 0.0 and r.c_star == 1.0

"""Exact to the last bits: every registry function, f, f′ and f″, against a 50-digit truth.

The truth is independent of the registry: each function is written again here from
its mathematical definition in mpmath at 50 significant digits, with f′ and f″
worked out by hand (and checked against mpmath's own numerical differentiation,
``mp.diff``). It mirrors only what PyTorch does on purpose: the constants it
rounds (CELU's backward takes α as a float32, Hardsigmoid's slope is a float32
1/6, SELU's α and λ and tanh-GELU's √(2/π) and 0.044715 are PyTorch's doubles),
its switch in Softplus (x itself where the *rounded* βx exceeds the threshold)
and its value exactly on a kink (relu′(0) = 0, leaky_relu′(0) = α, elu″(0) = 0,
hardswish′(−3) = 0, …). Everything else is exact mathematics: a correctly rounded
result is at most 0.5 ulp away from it.

Error measure. ``error = |ours − truth| / ulp(truth)``, where ulp(t) is the spacing
of float64 numbers at |t| (2^(e−52) for 2^e ≤ |t| < 2^(e+1)), never less than
2^−1074, the ulp of the smallest normal number 2^−1022 (and the spacing of all the
subnormals). So an exact zero or a subnormal truth is measured in units of the
smallest subnormal: a result that underflows to 0 where the truth is 1e−310 is
2·10^13 ulps off, while 0 for a truth of 1e−400 is exact (0.0 is its correctly
rounded value). A truth beyond the float range must come out as ±inf.

Tolerance. ``error ≤ ULPS + KAPPA·κ`` at every point, κ being the number of ulps
by which the truth itself moves when x moves by one ulp: for g = f, f′, f″,
``κ = (ulp(x)·|g′(x)| + ulp(x)²·|g″(x)|/2) / ulp(g(x))``, the Taylor estimate of
that move. g′ and g″ come from the analytic f′, f″ and from f‴, f⁗ taken by
forward differences of the 50-digit f″ (step 2^−60·|x|; from the side that stays
on the branch at a kink; written out for Snake, whose period a step at large x
would span). The first term is the condition number |x g′/g| in ulps (to within
the factor 2 of a binade); the second counts at a double root, where the first
vanishes (Snake's f′ = 1 + sin 2αx), and where one ulp of x spans radians.

* ``KAPPA = 2``: no float formula can promise better than κ. Rounding an
  intermediate argument such as βx, x/α, x² or 2u (a relative error ≤ 2^−53,
  less than one ulp of x relative to x) moves its result by less than κ ulps;
  2κ allows two such roundings (x³ = x·x·x, then a sum).
* ``ULPS = (4, 8, 8)`` for (f, f′, f″): a few correctly rounded operations (a
  library exp, tanh or sin within ½–1 ulp; each product, quotient or sum adds ½)
  stay below 4 ulps where nothing cancels, as in every f here; f′ and f″ are
  sums of products of three or four rounded factors whose terms may partly
  cancel away from any root (σ + zσ′, tanh + x·sech²·σ), so they get 8. Three
  functions get more, each saying why in ``TRUTH``: GELU (scipy's ndtr, erfc and
  erfcx are themselves up to 8–30 ulps off at exact arguments), tanh-GELU's f″
  (16) and Snake's f. These bounds also hold on many more random points and
  parameter sets than the test uses (seeds tried while choosing them: the worst
  error/bound ratio seen was 0.8).
* No κ allowance for the piecewise polynomials (``conditioned=False``: ReLU
  family, Hardtanh, Hardsigmoid, Hardswish, Threshold, shrinkers, SQNL, step):
  their formulas need no rounded argument, and κ would excuse a cancellation
  next to a root that exact arithmetic avoids (x/6 + ½ next to −3, where
  (x + 3)/6 is exact).
* Subnormal results are held to the same ulps of 2^−1074: a product c·s that
  rounds a subnormal s first and multiplies it by c afterwards is c/2 ulps off
  there, so the registry forms such products in the normal range first.

The points, per function and parameter set (~300 for the defaults, ~150 for each
other set): |x| log-uniform over [1e−300, 1e300] and log-uniform over [1e−8, 1e3],
both signs; uniform on [−40, 40]; ±0; every kink and its neighbours 1, 2 and 3 ulps
away; the float64 hazards where exp, x², x³ overflow or underflow (ln of the
largest float, of the smallest normal and subnormal, their halves, square roots
and cube roots), also scaled by each parameter; and a few points known to be hard
for the function (series cut-offs, roots where a naive formula cancels, the
subnormal tails). Parameters: the defaults, three random valid sets (fixed seeds)
and the edge cases listed in ``EDGE_PARAMS``. The truth is computed once per
module (``samples`` is cached): the whole file runs in about five seconds.

``python tests/test_exact.py`` prints the largest error per function and order.
"""

from __future__ import annotations

import functools
import math
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from actgui.activations import REGISTRY, Activation

mpmath = pytest.importorskip("mpmath")
mp = mpmath.mp

DPS = 50
#: The allowance beyond κ, in ulps, for f, f′ and f″ (see the module docstring).
ULPS = (4.0, 8.0, 8.0)
KAPPA = 2.0
RANDOM_SETS = 3

TINY = 2.0**-1074
MAX = float(np.finfo(np.float64).max)
#: e^z is taken as 0 below z = −EXP_FLOOR: e^−1e5 ≈ 1e−43430, which stays far below
#: the smallest float even multiplied by any polynomial of a float x (|x|³ ≤ 1e925).
EXP_FLOOR = 1e5

# ---------------------------------------------------------------------------
# Building blocks, in mpmath (all called under mp.workdps(DPS))
# ---------------------------------------------------------------------------


def _exp(z):
    """e^z, with e^z = 0 below −EXP_FLOOR (never called with a huge positive z)."""
    return mp.exp(z) if z > -EXP_FLOOR else mp.zero


def _sig(z):
    """σ(z) = 1/(1 + e^−z), forming only e^(−|z|)."""
    if z >= 0:
        return 1 / (1 + _exp(-z))
    e = _exp(z)
    return e / (1 + e)


def _sech2(z):
    """sech²z = 4e/(1 + e)² with e = e^(−2|z|)."""
    e = _exp(-2 * abs(z))
    return 4 * e / (1 + e) ** 2


def _softplus(z):
    """log(1 + e^z) = max(z, 0) + log1p(e^−|z|)."""
    return max(z, 0) + mp.log1p(_exp(-abs(z)))


def _ndtr(x):
    """Φ(x), the standard normal CDF, from erfc (no cancellation in either tail)."""
    if x < -1e4:  # Φ(x) < e^(−5e7)
        return mp.zero
    if x > 1e4:
        return mp.one
    return mp.erfc(-x / mp.sqrt(2)) / 2


def _npdf(x):
    return _exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def _boost(x, power: int):
    """Extra digits for a formula that cancels like xᵖᵒʷᵉʳ near 0 (|x| < 1)."""
    ax = abs(x)
    if ax == 0 or ax >= 1:
        return 0
    return int(-power * mp.log10(ax)) + 10


# ---------------------------------------------------------------------------
# The truth, function by function: (x: mpf, **params) -> (f, f′, f″)
# ---------------------------------------------------------------------------

#: PyTorch's SELU constants (its C++ doubles).
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
#: PyTorch's tanh-GELU constants: kBeta = M_SQRT2 * M_2_SQRTPI * 0.5 in double.
GELU_BETA = 1.41421356237309504880 * 1.12837916709551257390 * 0.5
GELU_KAPPA = 0.044715
#: PyTorch's Hardsigmoid backward slope: a float32 1/6.
HARDSIGMOID_SLOPE = float(np.float32(1.0 / 6.0))
QUICK_GELU_BETA = "1.702"


def _f32(v: float) -> float:
    return float(np.float32(v))


def sigmoid(x):
    s, sm = _sig(x), _sig(-x)
    d1 = s * sm
    return s, d1, -d1 * mp.tanh(x / 2)


def tanh(x):
    t, s2 = mp.tanh(x), _sech2(x)
    return t, s2, -2 * t * s2


def logsigmoid(x):
    d1 = _sig(-x)
    return -_softplus(-x), d1, -_sig(x) * d1


def softsign(x):
    r = 1 / (1 + abs(x))
    return x * r, r * r, -2 * mp.sign(x) * r**3


def relu(x):
    return (x, mp.one, mp.zero) if x > 0 else (mp.zero, mp.zero, mp.zero)


def leaky_relu(x, alpha):
    a = mp.mpf(alpha)
    return (x, mp.one, mp.zero) if x > 0 else (a * x, a, mp.zero)


def rrelu(x, lower, upper):
    return leaky_relu(x, (mp.mpf(lower) + mp.mpf(upper)) / 2)


def relu6(x):
    if x <= 0:
        return mp.zero, mp.zero, mp.zero
    if x >= 6:
        return mp.mpf(6), mp.zero, mp.zero
    return x, mp.one, mp.zero


def elu(x, alpha):
    # PyTorch: f′(0) = α (the negative branch), f″(0) = 0 (strictly negative side only).
    a = mp.mpf(alpha)
    if x > 0:
        return x, mp.one, mp.zero
    e = _exp(x)
    return a * mp.expm1(x), a * e, (a * e if x < 0 else mp.zero)


def selu(x):
    lam = mp.mpf(SELU_SCALE)
    f, d1, d2 = elu(x, SELU_ALPHA)
    return lam * f, lam * d1, lam * d2


def celu(x, alpha):
    # The forward divides by α in double (exact math here); the backward takes
    # 1/float32(α) as its input scale, so f′ and f″ carry s = 1/float32(α).
    a, s = mp.mpf(alpha), 1 / mp.mpf(_f32(alpha))
    if x > 0:
        return x, mp.one, mp.zero
    e = _exp(x * s)
    return a * mp.expm1(x / a), a * s * e, (a * s * s * e if x < 0 else mp.zero)


def gelu(x):
    big_phi, small_phi = _ndtr(x), _npdf(x)
    return x * big_phi, big_phi + x * small_phi, small_phi * (2 - x * x)


def gelu_tanh(x):
    # ½x(1 + tanh u) = x·σ(2u); d σ(2u)/du = 2q with q = σ(2u)σ(−2u); dq/du = −2q·tanh u.
    b, k = mp.mpf(GELU_BETA), mp.mpf(GELU_KAPPA)
    u = b * (x + k * x**3)
    du = b * (1 + 3 * k * x * x)
    ddu = 6 * b * k * x
    s, q = _sig(2 * u), _sig(2 * u) * _sig(-2 * u)
    d1 = s + 2 * x * q * du
    d2 = 4 * q * du + 2 * x * q * (ddu - 2 * du * du * mp.tanh(u))
    return x * s, d1, d2


def silu(x):
    return swish(x, 1.0)


def mish(x):
    sp = _softplus(x)
    t, s2, s = mp.tanh(sp), _sech2(sp), _sig(x)
    d1 = t + x * s2 * s
    d2 = s2 * s * (2 + x * (_sig(-x) - 2 * t * s))
    return x * t, d1, d2


def softplus(x, beta, threshold):
    # PyTorch compares the rounded product x*beta with the threshold.
    zf = float(x) * beta
    b = mp.mpf(beta)
    z = b * x
    f = x if zf > threshold else _softplus(z) / b
    d1 = mp.one if zf > threshold else _sig(z)
    d2 = b * _sig(z) * _sig(-z) if zf < threshold else mp.zero
    return f, d1, d2


def hardtanh(x, min_val, max_val):
    if x <= min_val:
        return mp.mpf(min_val), mp.zero, mp.zero
    if x >= max_val:
        return mp.mpf(max_val), mp.zero, mp.zero
    return x, mp.one, mp.zero


def hardsigmoid(x):
    if x <= -3:
        return mp.zero, mp.zero, mp.zero
    if x >= 3:
        return mp.one, mp.zero, mp.zero
    return (x + 3) / 6, mp.mpf(HARDSIGMOID_SLOPE), mp.zero


def hardswish(x):
    # PyTorch: f′ = 0 from −3 down, 1 from 3 up; f″ = 1/3 strictly between.
    if x <= -3:
        return mp.zero, mp.zero, mp.zero
    if x >= 3:
        return x, mp.one, mp.zero
    return x * (x + 3) / 6, (2 * x + 3) / 6, mp.one / 3


def threshold(x, threshold, value):
    return (x, mp.one, mp.zero) if x > threshold else (mp.mpf(value), mp.zero, mp.zero)


def identity(x):
    return x, mp.one, mp.zero


def softshrink(x, lambd):
    if x > lambd:
        return x - lambd, mp.one, mp.zero
    if x < -lambd:
        return x + lambd, mp.one, mp.zero
    return mp.zero, mp.zero, mp.zero


def hardshrink(x, lambd):
    return (x, mp.one, mp.zero) if abs(x) > lambd else (mp.zero, mp.zero, mp.zero)


def tanhshrink(x):
    with mp.extradps(_boost(x, 2)):
        f = x - mp.tanh(x)
    t = mp.tanh(x)
    return +f, t * t, 2 * t * _sech2(x)


def swish(x, beta):
    b = mp.mpf(beta)
    z = b * x
    s, sm = _sig(z), _sig(-z)
    return x * s, s + z * s * sm, b * s * sm * (2 - z * mp.tanh(z / 2))


def quick_gelu(x):
    return swish(x, mp.mpf(QUICK_GELU_BETA))


def squareplus(x, b):
    b = mp.mpf(b)
    h = mp.sqrt(x * x + b)
    d2 = b / (2 * h**3)
    if x < 0:  # (x + h)/2 = b/(2(h − x)) without cancellation
        return b / (2 * (h - x)), b / (2 * h * (h - x)), d2
    return (x + h) / 2, (1 + x / h) / 2, d2


def bent_identity(x):
    h = mp.sqrt(x * x + 1)
    return x * x / (2 * (h + 1)) + x, x / (2 * h) + 1, 1 / (2 * h**3)


def gaussian(x):
    e = _exp(-x * x)
    return e, -2 * x * e, (4 * x * x - 2) * e


def sinc(x):
    if x == 0:
        return mp.one, mp.zero, -mp.one / 3
    with mp.extradps(_boost(x, 2)):
        s, c = mp.sin(x), mp.cos(x)
        d1 = (x * c - s) / x**2
        d2 = ((2 - x * x) * s - 2 * x * c) / x**3
    return s / x, +d1, +d2


def isru(x, alpha):
    a = mp.mpf(alpha)
    w2 = 1 / (1 + a * x * x)  # w² with w = 1/√(1 + αx²)
    w = mp.sqrt(w2)
    return x * w, w2 * w, -3 * a * x * w2 * w2 * w


def sqnl(x):
    # f″ on the kinks as the registry has it: −½ on [0, 2], ½ on [−2, 0), 0 outside.
    if x > 2:
        return mp.one, mp.zero, mp.zero
    if x < -2:
        return -mp.one, mp.zero, mp.zero
    sign = 1 if x >= 0 else -1
    return x - sign * x * x / 4, 1 - abs(x) / 2, mp.mpf(-sign) / 2


def arctan(x):
    r = 1 / (1 + x * x)
    return mp.atan(x), r, -2 * x * r * r


def snake(x, alpha):
    # 1 + sin(2αx) = 2 sin²(αx + π/4), which has no cancellation at its double roots.
    a = mp.mpf(alpha)
    return x + mp.sin(a * x) ** 2 / a, 2 * mp.sin(a * x + mp.pi / 4) ** 2, 2 * a * mp.cos(2 * a * x)


def snake_higher(x, alpha):
    a = mp.mpf(alpha)
    return -4 * a**2 * mp.sin(2 * a * x), -8 * a**3 * mp.cos(2 * a * x)


def lisht(x):
    t, s2 = mp.tanh(x), _sech2(x)
    return x * t, t + x * s2, 2 * s2 * (1 - x * t)


def step(x):
    return (mp.one if x >= 0 else mp.zero), mp.zero, mp.zero


@dataclass(frozen=True)
class Truth:
    """f, f′, f″ of one function; where it is not smooth; points known to be hard for it."""

    fn: Callable[..., tuple]
    kinks: Callable[..., tuple[float, ...]] = field(default=lambda **p: ())
    hard: Callable[..., list[float]] = field(default=lambda **p: [])
    #: False for the piecewise polynomials: no argument needs rounding, so no κ allowance.
    conditioned: bool = True
    #: ULPS for (f, f′, f″) where this function's formulas need more (and say why).
    ulps: tuple[float, float, float] = ULPS
    #: (f‴, f⁗) written out, where forward differences cannot give them: a periodic
    #: f at large x, where a step of 2^−60·|x| spans many periods.
    higher: Callable[..., tuple] | None = None
    #: PyTorch's backward rounds a constant to float32 (CELU's α, Hardsigmoid's 1/6): f′
    #: and f″ are then the derivatives of f only to within 2^−24, relatively.
    float32_backward: bool = False


def _ulp_walk(x: float, steps: int = 3) -> list[float]:
    """x and its neighbours 1..steps ulps away on both sides."""
    out = [x]
    for direction in (-math.inf, math.inf):
        v = x
        for _ in range(steps):
            v = math.nextafter(v, direction)
            out.append(v)
    return out


def _near(*xs: float) -> list[float]:
    return [v for x in xs for s in (1.0, -1.0) for v in _ulp_walk(s * x)]


def _snake_roots(alpha: float) -> list[float]:
    # f′ = 0 (double roots) at αx = kπ − π/4.
    roots = _near(*((k * math.pi - math.pi / 4) / alpha for k in range(4)))
    return [*roots, 2.3535336262109396]  # the root issue 10 names, for α = 1


_ZERO = lambda **p: (0.0,)  # noqa: E731
_THREE = lambda **p: (-3.0, 3.0)  # noqa: E731
_TAIL = list(np.linspace(-746.0, -700.0, 9))

TRUTH: dict[str, Truth] = {
    "sigmoid": Truth(sigmoid, hard=lambda: [*_TAIL, 36.7, 37.0, 40.0]),
    "tanh": Truth(tanh, hard=lambda: [18.0, 19.1, 20.0, 0.55, 0.6]),
    "logsigmoid": Truth(logsigmoid, hard=lambda: [*_TAIL, 18.0, 37.0, 40.0]),
    "softsign": Truth(softsign, _ZERO),
    "relu": Truth(relu, _ZERO, conditioned=False),
    "leaky_relu": Truth(leaky_relu, _ZERO, conditioned=False),
    "prelu": Truth(leaky_relu, _ZERO, conditioned=False),
    "rrelu": Truth(rrelu, _ZERO, conditioned=False),
    "relu6": Truth(relu6, lambda: (0.0, 6.0), conditioned=False),
    "elu": Truth(elu, _ZERO),
    "selu": Truth(selu, _ZERO),
    "celu": Truth(celu, _ZERO, float32_backward=True),
    # x·Φ(x) takes Φ from scipy's ndtr, which rounds x/√2 and whose erfc is itself off
    # by several ulps at exact arguments (against mpmath: erfc(t) up to 30 ulps near
    # t = 6, erfcx(t) 7.5 near 0). Near x = −1.3, where Φ is worse conditioned than
    # x·Φ(x), that reaches ~8 ulps of f.
    "gelu": Truth(
        gelu,
        ulps=(8.0, 8.0, 8.0),
        hard=lambda: [
            *np.linspace(-39.0, -37.0, 17),
            *_near(37.0),
            -0.7517915241,
            1.4142135623730951,
            8.3,
        ],
    ),
    # f″ = σ′(2u)·(4u′ + 2x(u″ − 2u′² tanh u)): for x ≈ 1.5…2.5 the last term cancels
    # the others by up to 3×, and it carries u′²'s ~3 ulps: up to ~11 ulps measured.
    "gelu_tanh": Truth(
        gelu_tanh,
        hard=lambda: [*np.linspace(-26.0, -18.0, 17), 1.0, 1.886, 50.0],
        ulps=(4.0, 8.0, 16.0),
    ),
    "silu": Truth(silu, hard=lambda: [*_TAIL, -1.2784645427610738]),
    "mish": Truth(mish, hard=lambda: [*_TAIL, 20.0, 30.0]),
    "softplus": Truth(
        softplus,
        lambda beta, threshold: (threshold / beta,),
        lambda beta, threshold: [*_near(threshold / beta), -745.0 / beta, -709.0 / beta],
    ),
    "hardtanh": Truth(hardtanh, lambda min_val, max_val: (min_val, max_val), conditioned=False),
    "hardsigmoid": Truth(
        hardsigmoid,
        _THREE,
        lambda: [-3.0 + 2.0**-k for k in range(1, 52, 5)] + [-0.5],
        conditioned=False,
        float32_backward=True,
    ),
    "hardswish": Truth(
        hardswish,
        _THREE,
        lambda: [-3.0 + 2.0**-k for k in range(1, 52, 5)] + _near(1.5, 1e-300, 3e-161),
        conditioned=False,
    ),
    "threshold": Truth(threshold, lambda threshold, value: (threshold,), conditioned=False),
    "identity": Truth(identity, conditioned=False),
    "softshrink": Truth(softshrink, lambda lambd: (-lambd, lambd), conditioned=False),
    "hardshrink": Truth(hardshrink, lambda lambd: (-lambd, lambd), conditioned=False),
    "tanhshrink": Truth(tanhshrink, hard=lambda: [*_near(0.01, 0.1, 1.0), 0.0099, 0.0101, 0.5]),
    "swish": Truth(swish, hard=lambda beta: [v / beta for v in _TAIL] if beta else []),
    "quick_gelu": Truth(quick_gelu, hard=lambda: [v / 1.702 for v in _TAIL]),
    "squareplus": Truth(squareplus, hard=lambda b: _near(1e100, 1e150)),
    "bent_identity": Truth(bent_identity, hard=lambda: [1.79e308, -1.79e308, 1.2e308]),
    "gaussian": Truth(gaussian, hard=lambda: list(np.linspace(26.0, 27.5, 13))),
    "sinc": Truth(sinc, hard=lambda: [*_near(0.1, 1.5, math.pi, 2 * math.pi, 1e-8), 0.099, 0.101]),
    "isru": Truth(isru, hard=lambda alpha: _near(1.0)),
    "sqnl": Truth(sqnl, lambda: (-2.0, 0.0, 2.0), conditioned=False),
    "arctan": Truth(arctan, hard=lambda: [*_near(1e9, 1e150, 1.34e154), 1e151, 1e160]),
    # Where αx ∈ (−1.2, 0), x and sin²(αx)/α cancel by up to 5×: sin²'s own rounding
    # then costs up to ~5 ulps of f.
    "snake": Truth(snake, hard=_snake_roots, ulps=(8.0, 8.0, 8.0), higher=snake_higher),
    "lisht": Truth(lisht, hard=lambda: [1.1996786402577338, 20.0]),
    "step": Truth(step, _ZERO, conditioned=False),
}

#: Parameter sets beyond the defaults and the random ones: the edges of each range.
EDGE_PARAMS: dict[str, list[dict[str, float]]] = {
    "leaky_relu": [{"alpha": 0.0}, {"alpha": 1.0}],
    "prelu": [{"alpha": -0.5}, {"alpha": -1.0}, {"alpha": 0.0}],
    "rrelu": [{"lower": 0.2, "upper": 0.2}, {"lower": 0.0, "upper": 1.0}],
    "elu": [{"alpha": 0.0}, {"alpha": 0.5}, {"alpha": 5.0}],
    "celu": [{"alpha": 0.3}, {"alpha": 0.01}, {"alpha": 5.0}],
    "softplus": [
        {"beta": 2.0, "threshold": 3.0},
        {"beta": 0.5, "threshold": 1.0},
        {"beta": 0.01, "threshold": 50.0},
        {"beta": 10.0, "threshold": 0.0},
    ],
    "hardtanh": [{"min_val": -0.5, "max_val": 2.0}, {"min_val": -10.0, "max_val": 10.0}],
    "threshold": [{"threshold": -0.5, "value": 2.0}, {"threshold": 0.0, "value": 0.0}],
    "softshrink": [{"lambd": 0.0}, {"lambd": 1.5}],
    "hardshrink": [{"lambd": 0.0}, {"lambd": 1.5}],
    "swish": [{"beta": 0.0}, {"beta": 0.5}, {"beta": 10.0}],
    "squareplus": [{"b": 0.01}, {"b": 100.0}],
    "isru": [{"alpha": 0.0}, {"alpha": 0.25}, {"alpha": 10.0}],
    "snake": [{"alpha": 2.5}, {"alpha": 0.01}, {"alpha": 10.0}],
}

# ---------------------------------------------------------------------------
# Points and parameters
# ---------------------------------------------------------------------------

_LN_MAX = math.log(MAX)  # e^x overflows above
_LN_NORMAL = -math.log(2.0**-1022)  # e^−x is subnormal beyond
_LN_ZERO = -math.log(TINY) + math.log(2.0)  # e^−x rounds to 0 beyond (2^−1075)
_LN_SUB = (_LN_NORMAL + _LN_ZERO) / 2  # e^−x is deep in the subnormals
HAZARDS: tuple[float, ...] = (
    _LN_MAX,
    709.78,
    710.0,
    _LN_NORMAL,
    _LN_ZERO,
    745.13,
    746.0,
    _LN_SUB,
    708.0,
    *(v / 2 for v in (708.0, _LN_MAX, _LN_NORMAL, _LN_SUB, _LN_ZERO)),  # e^(±2x)
    *(math.sqrt(v) for v in (708.0, _LN_MAX, _LN_NORMAL, _LN_SUB, _LN_ZERO)),  # e^(±x²)
    *(math.sqrt(2 * v) for v in (708.0, _LN_MAX, _LN_NORMAL, _LN_SUB, _LN_ZERO)),  # e^(±x²/2)
    math.sqrt(MAX),  # x² overflows
    1.9e154,
    float(np.cbrt(MAX)),  # x³ overflows
    5.6e102,
    1e-154,
    math.sqrt(2.0**-1022),  # x² underflows (subnormal, then 0)
    math.sqrt(TINY),
    float(np.cbrt(2.0**-1022)),  # x³ underflows
    1e300,
    1.79e308,
    MAX,
    2.0**-1022,
    TINY,
    1e-300,
    20.0,
    30.0,
    36.0,
    37.5,
    38.0,
    38.5,
    40.0,
    50.0,
    100.0,
    800.0,
    1e4,
)


def _seed(*parts: object) -> int:
    return zlib.crc32(repr(parts).encode())


def param_sets(key: str) -> list[dict[str, float]]:
    """Defaults, RANDOM_SETS random valid sets (fixed seed) and the edges of EDGE_PARAMS."""
    act = REGISTRY[key]
    if not act.params:
        return [{}]
    rng = np.random.default_rng(_seed("params", key))
    sets = [act.defaults()]
    for _ in range(RANDOM_SETS):
        values = {p.name: float(rng.uniform(p.minimum, p.maximum)) for p in act.params}
        for c in act.constraints:
            values[c.low], values[c.high] = sorted((values[c.low], values[c.high]))
        sets.append(values)
    sets += EDGE_PARAMS.get(key, [])
    return [act.resolve(**s) for s in sets]


def points(key: str, params: dict[str, float], index: int) -> np.ndarray:
    """The sample points of one function and parameter set, sorted and distinct."""
    truth = TRUTH[key]
    rng = np.random.default_rng(_seed("points", key, index))
    signs = lambda n: rng.choice([-1.0, 1.0], n)  # noqa: E731
    n = 1.0 if index == 0 else 0.4  # the defaults get the most random points
    pts = [
        signs(round(90 * n)) * 10.0 ** rng.uniform(-300, 300, round(90 * n)),
        signs(round(30 * n)) * 10.0 ** rng.uniform(-8, 3, round(30 * n)),
        rng.uniform(-40, 40, round(90 * n)),
        [0.0, -0.0],
    ]
    hazards = list(HAZARDS)
    for value in params.values():
        if value > 0 and value != 1:
            hazards += [
                h * s for h in (20.0, 40.0, _LN_MAX, _LN_SUB, _LN_ZERO) for s in (value, 1 / value)
            ]
    pts.append([s * h for h in hazards for s in (1.0, -1.0)])
    for k in truth.kinks(**params):
        pts.append(_ulp_walk(k))
    pts.append(truth.hard(**params))
    x = np.concatenate([np.asarray(p, dtype=np.float64) for p in pts])
    x = x[np.isfinite(x)]
    return np.unique(x)


# ---------------------------------------------------------------------------
# Truth at the points, and the error of the registry in ulps
# ---------------------------------------------------------------------------


def ulp(t) -> mpmath.mpf:
    """Spacing of float64 at |t| (t an mpf), floored at 2^−1074."""
    if t == 0:
        return mp.mpf(TINY)
    _, e = mp.frexp(t)  # |t| = m·2^e, ½ ≤ m < 1
    return mp.ldexp(1, max(int(e) - 53, -1074))


def truth_at(key: str, x: float, params: dict[str, float], dps: int = DPS) -> tuple:
    """(f, f′, f″) at x, as mpf."""
    with mp.workdps(dps):
        return TRUTH[key].fn(mp.mpf(x), **params)


def higher_derivatives(key: str, x: float, params: dict[str, float], d2) -> tuple:
    """(f‴, f⁗) at x, from forward differences of the 50-digit f″ with a step of 2^−60·|x|.

    On a kink, from the side on which f″ is continuous with its value there (the
    smaller first difference), so that a jump of f″ does not count.
    """
    if TRUTH[key].higher is not None:
        return TRUTH[key].higher(mp.mpf(x), **params)
    fn = TRUTH[key].fn
    h = mp.ldexp(max(abs(mp.mpf(x)), mp.ldexp(1, -1000)), -60)
    sides = (1, -1) if x in TRUTH[key].kinks(**params) else (1,)
    best = None
    for s in sides:
        g1, g2 = (fn(mp.mpf(x) + s * k * h, **params)[2] for k in (1, 2))
        first = (g1 - d2) / (s * h)
        if best is None or abs(first) < abs(best[0]):
            best = (first, (g2 - 2 * g1 + d2) / (h * h))
    return best


def movement(key: str, x: float, params: dict[str, float], t: tuple) -> tuple[float, ...]:
    """κ for f, f′, f″ at x: by how many ulps each truth moves when x moves by one ulp.

    The Taylor estimate |g′|·ulp + |g″|·ulp²/2 of the change, g = f, f′, f″. The
    second term matters at a double root (Snake's f′) and where one ulp of x is
    more than a radian (sin and cos of αx beyond 1e16, where the first term may
    vanish by chance).
    """
    with mp.workdps(DPS):
        step = mp.mpf(math.ulp(x))
        derivatives = (*t, *higher_derivatives(key, x, params, t[2]))
        return tuple(
            min(
                float(
                    (step * abs(derivatives[n + 1]) + step**2 * abs(derivatives[n + 2]) / 2)
                    / ulp(t[n])
                ),
                1e300,
            )
            for n in (0, 1, 2)
        )


@dataclass
class Sample:
    """One function, one parameter set: points, truth, κ and our values per order."""

    key: str
    params: dict[str, float]
    x: np.ndarray
    truth: list[tuple]  # per point: (f, f′, f″) as mpf
    kappa: np.ndarray  # per point and order
    ours: dict[int, np.ndarray]

    def errors(self, order: int) -> tuple[np.ndarray, np.ndarray]:
        """Per point: the error in ulps of the truth, and κ."""
        err = np.empty(self.x.size)
        with mp.workdps(DPS):
            for i, t in enumerate(self.truth):
                g, ours = t[order], self.ours[order][i]
                if math.isnan(ours):
                    err[i] = math.inf
                elif math.isinf(ours) or abs(g) >= MAX:
                    err[i] = 0.0 if float(g) == ours else math.inf
                else:
                    err[i] = float(abs(mp.mpf(ours) - g) / ulp(g))
        return err, self.kappa[:, order]


@functools.cache
def samples(key: str) -> tuple[Sample, ...]:
    act: Activation = REGISTRY[key]
    out = []
    for index, params in enumerate(param_sets(key)):
        x = points(key, params, index)
        truth = [truth_at(key, float(v), params) for v in x]
        if TRUTH[key].conditioned:
            kappa = np.array(
                [movement(key, float(v), params, t) for v, t in zip(x, truth, strict=True)]
            )
        else:  # no κ allowance: not needed
            kappa = np.zeros((x.size, 3))
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            ours = {order: act.evaluate(order, x, **params) for order in (0, 1, 2)}
        out.append(Sample(key, params, x, truth, kappa, ours))
    return tuple(out)


def bound(key: str, order: int, kappa: np.ndarray) -> np.ndarray:
    """The tolerance in ulps: ULPS + KAPPA·κ (ULPS alone for the piecewise polynomials)."""
    return TRUTH[key].ulps[order] + (KAPPA if TRUTH[key].conditioned else 0.0) * kappa


def failures(key: str, order: int) -> list[tuple[float, dict, float, float]]:
    """(x, params, error, bound) wherever the error exceeds its bound."""
    bad = []
    for s in samples(key):
        err, kappa = s.errors(order)
        bound_ = bound(key, order, kappa)
        for i in np.flatnonzero(~(err <= bound_)):
            bad.append((float(s.x[i]), s.params, float(err[i]), float(bound_[i])))
    return bad


KEYS = list(REGISTRY)


def test_every_registry_function_has_a_truth():
    assert set(TRUTH) == set(REGISTRY)


@pytest.mark.parametrize("key", KEYS)
def test_registry_kinks_are_where_the_truth_is_not_smooth(key):
    for params in param_sets(key):
        assert set(REGISTRY[key].kinks(**params)) == set(TRUTH[key].kinks(**params)), params


@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize("key", KEYS)
def test_within_a_few_ulps_of_the_truth(key, order):
    bad = failures(key, order)
    worst = sorted(bad, key=lambda b: -b[2] / b[3])[:8]
    lines = [f"x={x!r} {p} error {e:.4g} ulps > bound {b:.4g}" for x, p, e, b in worst]
    assert not bad, f"{key} order {order}: {len(bad)} points off:\n" + "\n".join(lines)


# ---------------------------------------------------------------------------
# The truth itself: analytic derivatives, precision, PyTorch's kink values
# ---------------------------------------------------------------------------

DIFF_POINTS = (-7.3, -2.2, -0.61, 0.37, 1.3, 2.9, 11.5)


@pytest.mark.parametrize("key", KEYS)
def test_analytic_derivatives_match_mpmath_differentiation(key):
    fn = TRUTH[key].fn
    rtol = 2.0**-24 if TRUTH[key].float32_backward else 1e-35
    for params in param_sets(key):
        kinks = TRUTH[key].kinks(**params)
        for x in DIFF_POINTS:
            if any(abs(x - k) < 1e-3 for k in kinks):
                continue
            with mp.workdps(DPS):
                xm = mp.mpf(x)
                values = fn(xm, **params)
                for order in (1, 2):

                    def lower(t, n=order - 1, p=params):
                        return fn(t, **p)[n]

                    want = mp.diff(lower, xm)
                    assert abs(values[order] - want) <= rtol * (1 + abs(want)), (
                        key,
                        params,
                        x,
                        order,
                    )


STABILITY_POINTS = (1e-300, 1e-20, 0.01, 0.3, 3.3, 37.9, 745.0, 1e154, 1e300)


@pytest.mark.parametrize("key", KEYS)
def test_truth_keeps_its_digits_when_the_precision_doubles(key):
    for params in param_sets(key)[:2]:
        for x in (s * v for v in STABILITY_POINTS for s in (1.0, -1.0)):
            lo = truth_at(key, x, params)[:3]
            hi = truth_at(key, x, params, dps=2 * DPS)[:3]
            with mp.workdps(2 * DPS):
                for a, b in zip(lo, hi, strict=True):
                    assert abs(a - b) <= mp.mpf(10) ** -(DPS - 5) * abs(b) + mp.mpf(TINY) * 1e-30, (
                        key,
                        params,
                        x,
                    )


def test_truth_gives_pytorchs_values_on_its_kinks():
    import json

    ref = json.loads((Path(__file__).parent / "data" / "reference.json").read_text("utf-8"))
    checked = 0
    for case in ref["cases"]:
        key, params = case["key"], case["params"]
        kinks = TRUTH[key].kinks(**params)
        for i, x in enumerate(case["x"]):
            if x not in kinks:
                continue
            t = truth_at(key, x, params)
            for order, field_ in enumerate(("f", "d1", "d2")):
                want = case[field_][i] if case[field_] is not None else None
                if want is None:
                    continue
                with mp.workdps(DPS):
                    assert abs(mp.mpf(want) - t[order]) <= 2 * ulp(t[order]), (key, params, x)
                checked += 1
    assert checked > 100


# ---------------------------------------------------------------------------
# python tests/test_exact.py: the table of largest errors
# ---------------------------------------------------------------------------


def report(keys: list[str]) -> None:
    """Per function and order: the largest error in ulps, and the largest error/bound."""
    head = "".join(f"{'max ' + o:>10s}{'/bound':>8s}" for o in ("f", "f′", "f″"))
    print(f"{'function':14s}{head}")
    for key in keys:
        cells, fails = [], []
        for order in (0, 1, 2):
            top, ratio = 0.0, 0.0
            for s in samples(key):
                err, kappa = s.errors(order)
                top = max(top, float(np.max(err)))
                ratio = max(ratio, float(np.max(err / bound(key, order, kappa))))
            cells.append(f"{top:10.3g}{ratio:8.3g}")
            fails += [(order, *b) for b in failures(key, order)]
        print(f"{key:14s}" + "".join(cells))
        for order, x, p, e, b in sorted(fails, key=lambda f: -f[3] / f[4])[:6]:
            print(f"    FAIL order {order} x={x!r} {p} err {e:.4g} > {b:.4g}")


if __name__ == "__main__":
    report(sys.argv[1:] or KEYS)

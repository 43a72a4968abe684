"""The distribution of f(z) for a Gaussian z: a density and the point masses (no Qt).

f(z) has a point mass wherever f is constant on an interval (ReLU's 0 on z < 0, the
two levels of a step, Hardtanh's clamps): its probability is the normal mass of that
interval, exact. The rest is continuous; its density is a histogram of f at the
normal quantiles z_i = μ + σ Φ⁻¹((i + ½)/n) (deterministic, no random numbers), the
same for every call: the bins' masses come from the samples' CDF interpolated between
neighbours, over the central 99.8 % of the continuous part so that a heavy tail does
not squash the plot.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from actgui.analysis.stats import activation, normal_mass, piece_points, quiet
from actgui.validation import number

#: Quantile samples of z for the histogram, and its bins.
SAMPLES = 50_000
BINS = 80
#: Share of the continuous part cut from each end of the histogram's range.
TAIL = 0.001


@dataclass(frozen=True, eq=False)
class OutputDistribution:
    """``edges`` (BINS + 1) and ``density`` (BINS) of the continuous part of f(z), which has
    probability ``continuous``; ``masses`` the point masses as (value, probability)."""

    edges: np.ndarray
    density: np.ndarray
    continuous: float
    masses: tuple[tuple[float, float], ...]


def _constant_pieces(act, p: dict[str, float]) -> list[tuple[float, float, float]]:
    """(a, b, value) for each piece between kinks on which f′ is identically 0."""
    kinks = [float(k) for k in act.kinks(**p)]
    ends = [-math.inf, *kinks, math.inf]
    pieces = []
    for a, b in itertools.pairwise(ends):
        x = piece_points(a, b)
        if x.size == 0:
            continue
        if np.all(act.evaluate(1, x, **p) == 0.0):
            values = act.evaluate(0, x, **p)
            if np.all(values == values[0]):
                pieces.append((a, b, float(values[0])))
    return pieces


@quiet
def output_distribution(
    key: str, mu: float = 0.0, sigma: float = 1.0, **params: float
) -> OutputDistribution:
    """Density and point masses of f(z), z ~ N(mu, sigma²) (see the module notes)."""
    from scipy.special import ndtri

    act = activation(key)
    mu = number("mu", mu)
    sigma = number("sigma", sigma, 0.0, low_open=True)
    p = act.resolve(**params)
    pieces = _constant_pieces(act, p)
    masses: dict[float, float] = {}
    for a, b, value in pieces:
        mass = normal_mass([(a, b)], mu, sigma)
        if mass > 0.0:
            masses[value] = masses.get(value, 0.0) + mass
    z = mu + sigma * ndtri((np.arange(SAMPLES) + 0.5) / SAMPLES)
    keep = np.ones(SAMPLES, dtype=bool)
    for a, b, _ in pieces:
        keep &= ~((z > a) & (z < b))
    continuous = max(0.0, 1.0 - sum(masses.values()))
    y = act.evaluate(0, z[keep], **p)
    y = y[np.isfinite(y)]
    if y.size < 2 or continuous <= 1e-12:
        edges, density = np.zeros(0), np.zeros(0)
    else:
        lo, hi = np.quantile(y, [TAIL, 1.0 - TAIL])
        if not hi > lo:  # a near-constant output: a narrow window around it
            half = max(abs(lo), 1.0) * 1e-6
            lo, hi = lo - half, hi + half
        edges = np.linspace(lo, hi, BINS + 1)
        # Mass below each edge from the samples' CDF, linear between neighbouring samples
        # (each sample carries 1/SAMPLES): a histogram's counts would step by whole
        # samples, 8 % in a thin tail bin; the interpolated CDF follows a smooth density.
        ys = np.sort(y)
        below = np.interp(edges, ys, (np.arange(ys.size) + 0.5) / SAMPLES)
        density = np.diff(below) / np.diff(edges)
    return OutputDistribution(
        edges=edges,
        density=density,
        continuous=continuous,
        masses=tuple(sorted(masses.items())),
    )

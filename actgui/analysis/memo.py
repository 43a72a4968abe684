"""Remembered results of the analysis engines, for views that redraw on every change.

Dragging α recomputes one function; the others' numbers come from here. Keys are the
engine's arguments with the parameters as a sorted tuple (so a dict of the same values
hits). No Qt; safe to call from one thread at a time per function (the GUI thread).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from actgui.analysis.distribution import OutputDistribution, output_distribution
from actgui.analysis.meanfield import (
    DepthProfile,
    InitGains,
    SignalPropagation,
    depth_profile,
    init_gains,
    signal_propagation,
)
from actgui.analysis.stats import GaussianStats, gaussian_stats

_SIZE = 512


def _frozen(params: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((k, float(v)) for k, v in params.items()))


@functools.lru_cache(maxsize=_SIZE)
def _stats(key, params, mu, sigma, eps) -> GaussianStats:
    return gaussian_stats(key, mu, sigma, eps, **dict(params))


@functools.lru_cache(maxsize=_SIZE)
def _propagation(key, params, sigma_w, sigma_b) -> SignalPropagation:
    return signal_propagation(key, sigma_w, sigma_b, **dict(params))


@functools.lru_cache(maxsize=_SIZE)
def _gains(key, params) -> InitGains:
    return init_gains(key, **dict(params))


@functools.lru_cache(maxsize=64)
def _distribution(key, params, mu, sigma) -> OutputDistribution:
    return output_distribution(key, mu, sigma, **dict(params))


@functools.lru_cache(maxsize=64)
def _profile(key, params, sigma_w, sigma_b, depth) -> DepthProfile:
    return depth_profile(key, sigma_w, sigma_b, depth, **dict(params))


def profile(key: str, params: Mapping[str, float], sigma_w: float, sigma_b: float, depth: int):
    """:func:`~actgui.analysis.depth_profile`, remembered."""
    return _profile(key, _frozen(params), float(sigma_w), float(sigma_b), int(depth))


def stats(key: str, params: Mapping[str, float], mu: float, sigma: float, eps: float):
    """:func:`~actgui.analysis.gaussian_stats`, remembered."""
    return _stats(key, _frozen(params), float(mu), float(sigma), float(eps))


def propagation(key: str, params: Mapping[str, float], sigma_w: float, sigma_b: float):
    """:func:`~actgui.analysis.signal_propagation`, remembered."""
    return _propagation(key, _frozen(params), float(sigma_w), float(sigma_b))


def gains(key: str, params: Mapping[str, float]):
    """:func:`~actgui.analysis.init_gains`, remembered."""
    return _gains(key, _frozen(params))


def distribution(key: str, params: Mapping[str, float], mu: float, sigma: float):
    """:func:`~actgui.analysis.distribution.output_distribution`, remembered."""
    return _distribution(key, _frozen(params), float(mu), float(sigma))


def clear() -> None:
    """Forget every remembered result (a function of your own was edited: same key, new
    formula)."""
    for cached in (_stats, _propagation, _gains, _distribution, _profile):
        cached.cache_clear()

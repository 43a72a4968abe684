"""The Depth tab's long computations, Qt-free, for a worker thread (``actgui.worker``):
the mean-field profiles of the enabled functions with a simulated random network of the
focused one (:func:`depth_task`), and the phase diagram's numbers (:func:`phase_task`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from actgui.activations import Activation
from actgui.analysis.meanfield import DepthProfile, depth_profile, edge_of_chaos, phase_chi
from actgui.analysis.network import NetworkRun, simulate_network
from actgui.cancel import Cancelled

#: The phase diagram's grid: σ_w and σ_b (σ_w = 0 is a dead network: left out).
PHASE_SIGMA_W = np.linspace(0.05, 3.0, 40)
PHASE_SIGMA_B = np.linspace(0.0, 1.2, 25)
#: σ_b values at which the edge-of-chaos curve is computed.
EOC_SIGMA_B = np.linspace(0.0, 1.2, 49)


@dataclass(frozen=True, eq=False)
class DepthResult:
    """Mean-field profiles of the enabled functions and a simulated run of the focused one."""

    profiles: dict[str, DepthProfile]
    focus: str | None
    run: NetworkRun | None
    width: int = 0


def depth_task(
    jobs: list[tuple[Activation, dict[str, float]]],
    focus: str | None,
    sigma_w: float,
    sigma_b: float,
    depth: int,
    width: int,
    inputs: int,
    seed: int,
    simulate: bool,
    *,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DepthResult:
    """:func:`depth_profile` for each (function, params) in ``jobs`` (the functions
    themselves: the registry may change meanwhile), then, if ``simulate``, a
    :func:`simulate_network` of the one whose key is ``focus``."""
    profiles = {}
    for act, params in jobs:
        if cancelled is not None and cancelled():
            raise Cancelled
        profiles[act.key] = depth_profile(act, sigma_w, sigma_b, depth, **params)
    run = None
    chosen = [(act, params) for act, params in jobs if act.key == focus]
    if simulate and chosen and sigma_w > 0.0:
        act, params = chosen[0]
        run = simulate_network(
            act, sigma_w, sigma_b, width, depth, inputs, seed,
            progress=progress, cancelled=cancelled, **params,
        )  # fmt: skip
    return DepthResult(profiles, focus, run, width)


@dataclass(frozen=True, eq=False)
class PhaseResult:
    """χ₁ over (σ_b, σ_w) and the edge-of-chaos curve σ_w(σ_b) of one function."""

    key: str
    params: tuple
    chi: np.ndarray
    eoc_sigma_b: np.ndarray
    eoc_sigma_w: np.ndarray


def phase_task(
    act: Activation,
    params: Mapping[str, float],
    *,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PhaseResult:
    """The phase diagram's numbers for ``act`` at ``params``."""
    chi = phase_chi(
        act, PHASE_SIGMA_W, PHASE_SIGMA_B, progress=progress, cancelled=cancelled, **params
    )
    eoc = []
    for b in EOC_SIGMA_B:
        if cancelled is not None and cancelled():
            raise Cancelled
        edge = edge_of_chaos(act, float(b), **params)
        eoc.append(math.nan if edge is None else edge[0])
    return PhaseResult(act.key, tuple(sorted(params.items())), chi, EOC_SIGMA_B, np.array(eoc))


def depth_table(
    depth: int, chis: Mapping[str, float], result: DepthResult | None
) -> tuple[list[str], list[list[str]]]:
    """The depth plot's numbers as CSV rows, one per layer: χ₁^l of each function in
    ``chis`` (in its order; NaN where unknown), the theory of those ``result`` has and
    its simulated run; empty cells for NaN."""
    header = ["layer"]
    columns: list[np.ndarray] = []
    for key, chi in chis.items():
        header.append(f"{key}_chi_pow_l")
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            columns.append(np.power(chi, np.arange(depth, dtype=np.float64)))
        if result is not None and key in result.profiles:
            prof = result.profiles[key]
            for field in ("variance", "gradient_norm_sq", "correlation"):
                header.append(f"{key}_theory_{field}")
                columns.append(getattr(prof, field))
    if result is not None and result.run is not None:
        for field in ("variance", "gradient_norm_sq", "correlation", "dead_fraction"):
            header.append(f"{result.focus}_simulated_{field}")
            columns.append(getattr(result.run, field))
    rows = []
    for layer in range(depth):
        row = [str(layer)]
        for col in columns:
            v = float(col[layer]) if layer < len(col) else math.nan
            row.append("" if math.isnan(v) else repr(v))
        rows.append(row)
    return header, rows

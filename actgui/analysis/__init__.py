"""Numbers derived from the registry: sample grids, curve values, gradient regions.

No Qt here (a test imports this package and checks that no Qt module is loaded).
The statistics and signal-propagation engines live here too: ``stats``
(moments and dead fractions of f(z) for a Gaussian z) and ``meanfield`` (fixed
points and depth scales of a deep random network, edge of chaos, init gains) and
``network`` (a real random network at initialisation that checks the theory), and
``spectrum``/``free_spectrum`` (its input–output Jacobian's singular values, simulated
and by free probability).
scipy is imported on first use only, and so is each engine: ``from actgui.analysis import
X`` imports X's module when X is first asked for (PEP 562), so a module that needs one
engine (the race needs the trainer) does not load them all on the way to the first frame.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

#: Name → the module that defines it.
_HOMES = {
    "OutputDistribution": "distribution",
    "output_distribution": "distribution",
    "DepthProfile": "meanfield",
    "InitGains": "meanfield",
    "SignalPropagation": "meanfield",
    "depth_profile": "meanfield",
    "edge_of_chaos": "meanfield",
    "init_gains": "meanfield",
    "phase_chi": "meanfield",
    "signal_propagation": "meanfield",
    "Cancelled": "network",
    "NetworkRun": "network",
    "simulate_network": "network",
    "GaussianStats": "stats",
    "gaussian_stats": "stats",
    "TrainHistory": "trainer",
    "make_dataset": "trainer",
    "train": "trainer",
    "JacobianSpectrum": "spectrum",
    "jacobian_spectrum": "spectrum",
    "SpectrumTheory": "free_spectrum",
    "spectrum_theory": "free_spectrum",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from actgui.analysis.distribution import OutputDistribution, output_distribution
    from actgui.analysis.meanfield import (
        DepthProfile,
        InitGains,
        SignalPropagation,
        depth_profile,
        edge_of_chaos,
        init_gains,
        phase_chi,
        signal_propagation,
    )
    from actgui.analysis.network import Cancelled, NetworkRun, simulate_network
    from actgui.analysis.spectrum import JacobianSpectrum, jacobian_spectrum
    from actgui.analysis.spectrum_theory import SpectrumTheory, spectrum_theory
    from actgui.analysis.stats import GaussianStats, gaussian_stats
    from actgui.analysis.trainer import TrainHistory, make_dataset, train


__all__ = [
    "Cancelled",
    "DepthProfile",
    "GaussianStats",
    "InitGains",
    "JacobianSpectrum",
    "NetworkRun",
    "OutputDistribution",
    "SignalPropagation",
    "SpectrumTheory",
    "TrainHistory",
    "depth_profile",
    "edge_of_chaos",
    "gaussian_stats",
    "init_gains",
    "jacobian_spectrum",
    "make_dataset",
    "output_distribution",
    "phase_chi",
    "signal_propagation",
    "simulate_network",
    "spectrum_theory",
    "train",
]

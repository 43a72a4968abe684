"""Numbers derived from the registry: sample grids, curve values, gradient regions.

No Qt here (a test imports this package and checks that no Qt module is loaded).
The statistics and signal-propagation engines live here too: ``stats``
(moments and dead fractions of f(z) for a Gaussian z) and ``meanfield`` (fixed
points and depth scales of a deep random network, edge of chaos, init gains) and
``network`` (a real random network at initialisation that checks the theory).
scipy is imported on first use only.
"""

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
from actgui.analysis.stats import GaussianStats, gaussian_stats
from actgui.analysis.trainer import TrainHistory, make_dataset, train

__all__ = [
    "Cancelled",
    "DepthProfile",
    "GaussianStats",
    "InitGains",
    "NetworkRun",
    "OutputDistribution",
    "SignalPropagation",
    "TrainHistory",
    "depth_profile",
    "edge_of_chaos",
    "gaussian_stats",
    "init_gains",
    "make_dataset",
    "output_distribution",
    "phase_chi",
    "signal_propagation",
    "simulate_network",
    "train",
]

"""Mean-field signal propagation through a deep random network (no Qt).

Weights are N(0, σ_w²/fan_in) and biases N(0, σ_b²), as in Poole et al. 2016
("Exponential expressivity in deep neural networks through transient chaos"),
Schoenholz et al. 2017 ("Deep Information Propagation") and Hayou et al. 2019
("On the Impact of the Activation Function on Deep Neural Networks Training").
A pre-activation's variance q follows the *length map*

    V(q) = σ_w² E[f(√q z)²] + σ_b²,   z ~ N(0, 1),

and the correlation c of two inputs at that length follows the *correlation map*

    C(c) = (σ_w² E[f(u₁) f(u₂)] + σ_b²) / q*,  (u₁, u₂) ~ N(0, q*[[1, c], [c, 1]]).


The package's modules, each one concern:

- ``gaussian``: the activation at fixed parameters and its Gaussian expectations, over
  one input (E[f(√q z)²], E[f′²], …) and over a correlated pair (E[f(u₁) f(u₂)]);
- ``fixed_points``: the fixed points q* and c* of the two maps, χ₁, the phase and the
  depth scale (:func:`signal_propagation`), and the edge of chaos;
- ``gains``: initialisation gains (:func:`init_gains`);
- ``profile``: the theory layer by layer (:func:`depth_profile`) and the phase
  diagram's grid of χ₁ (:func:`phase_chi`).
"""

from actgui.analysis.meanfield.fixed_points import (
    CRITICAL_TOL,
    SignalPropagation,
    edge_of_chaos,
    signal_propagation,
)
from actgui.analysis.meanfield.gains import InitGains, init_gains
from actgui.analysis.meanfield.profile import DepthProfile, depth_profile, phase_chi

__all__ = [
    "CRITICAL_TOL",
    "DepthProfile",
    "InitGains",
    "SignalPropagation",
    "depth_profile",
    "edge_of_chaos",
    "init_gains",
    "phase_chi",
    "signal_propagation",
]

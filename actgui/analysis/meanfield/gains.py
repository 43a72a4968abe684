"""Initialisation gains of an activation (no Qt)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from actgui.analysis.meanfield.fixed_points import edge_of_chaos
from actgui.analysis.meanfield.gaussian import _Model
from actgui.analysis.stats import quiet


@dataclass(frozen=True)
class InitGains:
    """Weight-scale gains for f (see :func:`init_gains`); None where one does not exist."""

    forward: float | None
    backward: float | None
    edge_of_chaos_sigma_w: float | None
    pytorch: float | None


#: torch.nn.init.calculate_gain's value, for the keys PyTorch has one for.
def _pytorch_gain(key: str, params: dict[str, float]) -> float | None:
    if key in ("identity", "sigmoid"):
        return 1.0
    if key == "tanh":
        return 5.0 / 3.0
    if key == "relu":
        return math.sqrt(2.0)
    if key == "leaky_relu":
        return math.sqrt(2.0 / (1.0 + params["alpha"] ** 2))
    if key == "selu":
        return 0.75
    return None


def _gain(value: float) -> float | None:
    return 1.0 / math.sqrt(value) if math.isfinite(value) and value > 0.0 else None


@quiet
def init_gains(key: str, **params: float) -> InitGains:
    """Gains 1/√E[f(z)²] and 1/√E[f′(z)²] (z ~ N(0, 1)), the σ_b = 0 edge of chaos and PyTorch's."""
    model = _Model(key, params)
    m = model.moments(np.array([1.0]), ("f2", "d2"))[:, 0]
    edge = edge_of_chaos(key, 0.0, **params)
    return InitGains(
        forward=_gain(float(m[0])),
        backward=_gain(float(m[1])),
        edge_of_chaos_sigma_w=None if edge is None else edge[0],
        pytorch=_pytorch_gain(model.act.key, model.p),
    )

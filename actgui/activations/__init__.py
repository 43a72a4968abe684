"""Registry of activation functions: values and derivatives, with no Qt.

Every function PyTorch has follows PyTorch's float64 semantics
(``torch.nn.functional`` for the value, autograd for the first and second
derivative), including the value the gradient takes exactly on a kink:
``relu'(0) == 0``, ``leaky_relu'(0) == alpha``, ``elu'(0) == alpha``,
``elu''(0) == 0``, ``hardswish'(-3) == 0``.

All formulas are vectorised over float64 arrays, take the *input* ``x`` (never
the function's output) and are written so that no branch of an ``np.where``
overflows, anywhere on the float64 line.

Example
-------
>>> import numpy as np
>>> from actgui.activations import REGISTRY
>>> REGISTRY["leaky_relu"].derivative(np.array([-1.0, 0.0, 2.0]), alpha=0.1)
array([0.1, 0.1, 1. ])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from actgui.activations import classic, exponential, extra, gated, piecewise, relu
from actgui.activations.base import ORDERS, Activation, Order, Param, check_order
from actgui.activations.properties import PROPERTIES, SMOOTHNESS, Properties

__all__ = [
    "FAMILIES",
    "ORDERS",
    "REGISTRY",
    "SEED_KEYS",
    "SMOOTHNESS",
    "Activation",
    "Order",
    "Param",
    "Properties",
    "check_order",
]

#: Families in panel order: key → display name.
FAMILIES: Mapping[str, str] = MappingProxyType(
    {
        "classic": "Classic sigmoid-like",
        "relu": "ReLU family",
        "exponential": "Exponential linear",
        "gated": "Smooth gated (GELU, SiLU, Mish…)",
        "hard": "Hard / piecewise",
        "shrink": "Shrinkage",
        "extra": "Beyond PyTorch",
    }
)

#: The six functions of the seed article, the "Seed set" of the side panel.
SEED_KEYS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu")

_ALL = (
    classic.ACTIVATIONS
    + relu.ACTIVATIONS
    + exponential.ACTIVATIONS
    + gated.ACTIVATIONS
    + piecewise.ACTIVATIONS
    + extra.ACTIVATIONS
)
_ALL = tuple(sorted(_ALL, key=lambda a: list(FAMILIES).index(a.family)))  # stable: by family
_ALL = tuple(replace(a, properties=PROPERTIES[a.key]) for a in _ALL)

#: Public entry point: activation key → :class:`Activation`, in display order.
REGISTRY: Mapping[str, Activation] = MappingProxyType({a.key: a for a in _ALL})

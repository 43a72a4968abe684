"""Registry of activation functions: values and derivatives, with no Qt.

Every function PyTorch has follows PyTorch's float64 semantics
(``torch.nn.functional`` for the value, autograd for the first and second
derivative), including the value the gradient takes exactly on a kink:
``relu'(0) == 0``, ``leaky_relu'(0) == alpha``, ``elu'(0) == alpha``,
``elu''(0) == 0``, ``hardswish'(-3) == 0``.

Each function is one :class:`Activation` entry in its family module, holding
everything about it: numerics, declared properties, docs, colour slot, plot
extras and (for functions PyTorch lacks) an mpmath reference. Every entry is
validated when it is registered, built-ins at import, so an incomplete entry
fails at once with a :class:`RegistryError` naming the function and the piece.

All formulas are vectorised over float64 arrays, take the *input* ``x`` (never
the function's output) and are written so that no branch of an ``np.where``
overflows, anywhere on the float64 line. Each value is within a few ulps of the
exact one (tests/test_exact.py measures every function against a 50-digit
mpmath truth), subnormal results included. At ±inf a function returns its limit
(±inf where the limit is infinite, NaN where there is none), and a NaN input
gives NaN for every function and order.

Example
-------
>>> import numpy as np
>>> from actgui.activations import REGISTRY
>>> REGISTRY["leaky_relu"].derivative(np.array([-1.0, 0.0, 2.0]), alpha=0.1)
array([0.1, 0.1, 1. ])
"""

from __future__ import annotations

from actgui.activations import classic, exponential, extra, extra_squashing, gated, piecewise, relu
from actgui.activations.base import ORDERS, Activation, Order, Param, SlopeBand, check_order
from actgui.activations.custom import (
    Definition,
    add_custom,
    custom_activation,
    custom_definitions,
    remove_custom,
)
from actgui.activations.docs import Docs
from actgui.activations.formula import FormulaError
from actgui.activations.properties import SMOOTHNESS, Properties
from actgui.activations.registry import (
    CLASSIC_KEYS,
    FAMILIES,
    REGISTRY,
    SEED_KEYS,
    RegistryError,
    register,
    unregister,
    validate,
)

__all__ = [
    "CLASSIC_KEYS",
    "FAMILIES",
    "ORDERS",
    "REGISTRY",
    "SEED_KEYS",
    "SMOOTHNESS",
    "Activation",
    "Definition",
    "Docs",
    "FormulaError",
    "Order",
    "Param",
    "Properties",
    "RegistryError",
    "SlopeBand",
    "add_custom",
    "check_order",
    "custom_activation",
    "custom_definitions",
    "register",
    "remove_custom",
    "unregister",
    "validate",
]

for _module in (classic, relu, exponential, gated, piecewise, extra, extra_squashing):
    for _act in _module.ACTIVATIONS:
        register(_act)
del _module, _act

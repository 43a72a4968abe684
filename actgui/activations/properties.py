"""Declared properties of each activation at its default parameters (data, no code).

Tests check every entry against the function's own numbers: the range against
its values and limits, "monotonic" against the sign of f′ on a dense grid,
"saturates" against f′ far out, the smoothness against the jumps the registry
finds at its kinks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

INF = math.inf

#: Smoothness classes, weakest first, as shown to the user.
SMOOTHNESS = ("jump", "C⁰", "C¹", "C∞")


@dataclass(frozen=True)
class Properties:
    """What a learner asks about an activation, at its default parameters.

    ``low``/``high`` bound the output; ``low_attained``/``high_attained`` say
    whether the bound is reached (a closed end) or only approached. ``saturates``
    names the sides where f′ → 0: "none", "left", "right" or "both".
    ``zero_centred`` means f(0) = 0 and f takes both signs.
    """

    low: float
    high: float
    low_attained: bool
    high_attained: bool
    monotonic: bool
    smoothness: str
    zero_centred: bool
    saturates: str

    @property
    def bounded_below(self) -> bool:
        """Whether the output has a finite lower bound."""
        return self.low > -INF

    @property
    def bounded_above(self) -> bool:
        """Whether the output has a finite upper bound."""
        return self.high < INF

    def range_text(self) -> str:
        """The output range in interval notation, e.g. "(0, 1)" or "[0, ∞)"."""

        def num(v: float) -> str:
            if v == INF:
                return "∞"
            if v == -INF:
                return "−∞"
            return f"{v:.6g}".replace("-", "−")

        left = "[" if self.low_attained else "("
        right = "]" if self.high_attained else ")"
        return f"{left}{num(self.low)}, {num(self.high)}{right}"


def _p(low, high, lo_in, hi_in, mono, smooth, zc, sat) -> Properties:
    return Properties(low, high, lo_in, hi_in, mono, smooth, zc, sat)


_SELU_LOW = -1.0507009873554805 * 1.6732632423543772

PROPERTIES: dict[str, Properties] = {
    "sigmoid": _p(0.0, 1.0, False, False, True, "C∞", False, "both"),
    "tanh": _p(-1.0, 1.0, False, False, True, "C∞", True, "both"),
    "logsigmoid": _p(-INF, 0.0, False, False, True, "C∞", False, "right"),
    "softsign": _p(-1.0, 1.0, False, False, True, "C¹", True, "both"),
    "relu": _p(0.0, INF, True, False, True, "C⁰", False, "left"),
    "leaky_relu": _p(-INF, INF, False, False, True, "C⁰", True, "none"),
    "prelu": _p(-INF, INF, False, False, True, "C⁰", True, "none"),
    "rrelu": _p(-INF, INF, False, False, True, "C⁰", True, "none"),
    "relu6": _p(0.0, 6.0, True, True, True, "C⁰", False, "both"),
    "elu": _p(-1.0, INF, False, False, True, "C¹", True, "left"),
    "selu": _p(_SELU_LOW, INF, False, False, True, "C⁰", True, "left"),
    "celu": _p(-1.0, INF, False, False, True, "C¹", True, "left"),
    "gelu": _p(-0.16997120747940217, INF, True, False, False, "C∞", True, "left"),
    "gelu_tanh": _p(-0.17004075057081885, INF, True, False, False, "C∞", True, "left"),
    "silu": _p(-0.27846454275882637, INF, True, False, False, "C∞", True, "left"),
    "mish": _p(-0.30884341301705354, INF, True, False, False, "C∞", True, "left"),
    # PyTorch's switch to x at βx > threshold leaves a 2e−9 step in f′ at x = 20
    # (σ(20) vs 1); mathematically softplus is C∞.
    "softplus": _p(0.0, INF, False, False, True, "C⁰", False, "left"),
    "hardtanh": _p(-1.0, 1.0, True, True, True, "C⁰", True, "both"),
    "hardsigmoid": _p(0.0, 1.0, True, True, True, "C⁰", False, "both"),
    "hardswish": _p(-0.375, INF, True, False, False, "C⁰", True, "left"),
    "threshold": _p(0.0, INF, True, False, True, "jump", False, "left"),
    "identity": _p(-INF, INF, False, False, True, "C∞", True, "none"),
    "softshrink": _p(-INF, INF, False, False, True, "C⁰", True, "none"),
    "hardshrink": _p(-INF, INF, False, False, True, "jump", True, "none"),
    "tanhshrink": _p(-INF, INF, False, False, True, "C∞", True, "none"),
    "swish": _p(-0.27846454275882637, INF, True, False, False, "C∞", True, "left"),
    "quick_gelu": _p(-0.16361018963299698, INF, True, False, False, "C∞", True, "left"),
    "squareplus": _p(0.0, INF, False, False, True, "C∞", False, "left"),
    "bent_identity": _p(-INF, INF, False, False, True, "C∞", True, "none"),
    "gaussian": _p(0.0, 1.0, False, True, False, "C∞", False, "both"),
    "sinc": _p(-0.21723362821118974, 1.0, True, True, False, "C∞", False, "both"),
    "isru": _p(-1.0, 1.0, False, False, True, "C∞", True, "both"),
    "sqnl": _p(-1.0, 1.0, True, True, True, "C¹", True, "both"),
    "arctan": _p(-math.pi / 2, math.pi / 2, False, False, True, "C∞", True, "both"),
    "snake": _p(-INF, INF, False, False, True, "C∞", True, "none"),
    "lisht": _p(0.0, INF, True, False, False, "C∞", False, "none"),
    "step": _p(0.0, 1.0, True, True, True, "jump", False, "both"),
}

"""What an activation declares about itself at its default parameters.

Each registry entry carries its :class:`Properties` (``Activation.properties``).
Tests check every declaration against the function's own numbers: the range against
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

"""What an activation declares about itself at its default parameters.

Each registry entry carries its :class:`Properties` (``Activation.properties``).
Tests check every declaration against the function's own numbers: the range against
its values and limits, "monotonic" against the sign of f′ on a dense grid,
"saturates" against f′ far out, the smoothness against the jumps the registry
finds at its kinks.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields

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


class Measured(Properties):
    """:class:`Properties` measured when first read: a function of your own's come from its
    numbers, and finding its kinks can take a second (a sum of 18 ``max(sin(1/x), …)``:
    0.2 s), too long to spend on each of 50 saved functions while the window starts.

    ``measure()`` returns the :class:`Properties`; it runs once, on whichever thread reads
    a property first (a worker warming it, or the details panel), the others wait for it.
    """

    def __init__(self, measure: Callable[[], Properties]) -> None:  # (no fields yet)
        object.__setattr__(self, "_measure", measure)
        object.__setattr__(self, "_lock", threading.Lock())

    @property
    def measured(self) -> bool:
        """Whether the properties are known (reading them costs nothing now)."""
        return "low" in self.__dict__

    def measure_now(self) -> None:
        """Measure them now, if not yet done (on a worker: nobody waits later)."""
        with self._lock:
            if self.measured:
                return
            found = self._measure()
            for name in _FIELDS:
                object.__setattr__(self, name, getattr(found, name))
            object.__setattr__(self, "_measure", None)

    def __getattr__(self, name: str):  # (only for what is not set yet: the fields)
        if name not in _FIELDS:
            raise AttributeError(name)
        self.measure_now()
        return self.__dict__[name]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Properties):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _FIELDS)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in _FIELDS))

    def __repr__(self) -> str:
        if not self.measured:
            return "Measured(<not yet>)"
        return "Measured(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in _FIELDS) + ")"


_FIELDS = tuple(f.name for f in fields(Properties))

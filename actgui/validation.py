"""One rule set for the arguments of actgui's models and analysis functions (no Qt).

Every public entry point that takes a number, a whole number, an on/off flag or one of
a few names checks it here, so the same value gets the same answer everywhere: the
analysis functions (``gaussian_stats``, ``simulate_network``, ``signal_propagation``,
``depth_profile``, ``train``, …), a race's ``RaceConfig`` and ``TrainModel.update``,
``LabModel``'s and ``ExplorerModel``'s setters. Each function only decides its own
ranges; what counts as a number is decided once, here.

The rules
---------
**number** (:func:`number`)
    An ``int``, a ``float`` or a numpy integer or floating scalar. Not a ``bool`` (nor
    numpy's), not text, not ``None``, not a container or a 0-d array: text is refused
    everywhere, since the GUI, the settings and the files parse text into numbers before
    calling, and ``float("1")`` succeeding would let an unparsed value through. NaN is
    always refused; ±inf too unless the caller allows infinities. Within [low, high]
    (inclusive unless the caller says an end is open). Returned as a ``float``.

**integer** (:func:`integer`)
    An ``int`` or a numpy integer, not a ``bool``; or a float (numpy's too) whose value
    is integral: 2.0 is 2, 2.5 is refused. Integral floats are accepted because a JSON
    file may write 2.0 for 2 and a number box may hand over a float; nothing is rounded.
    Within [low, high], both inclusive. Returned as an ``int``.

**flag** (:func:`flag`)
    ``True`` or ``False`` (numpy's ``bool_`` too), nothing else: not 0 or 1, and not the
    text "false", whose ``bool()`` is True.

**choice** (:func:`choice`)
    Text equal to one of the given names.

Errors
------
A ``ValueError`` naming the argument, what it must be (the whole requirement, whichever
part failed) and the value given, always in the form ``"<name> must be <requirement>,
not <value>"``: "sigma_w must be a finite number ≥ 0, not 'abc'", "depth must be an
integer in [1, 200], not 2.5", "shown must be True or False, not 1", "optimizer must be
one of 'sgd', 'adam', not 'rmsprop'".
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

__all__ = ["choice", "flag", "integer", "number"]

#: The longest value shown in a message (a long text is cut there).
_SHOWN = 60


def number(
    name: str,
    value: object,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    allow_inf: bool = False,
) -> float:
    """``value`` as a float if it is a number within the bounds, else ``ValueError``.

    ``low``/``high`` None: no bound on that side; ``low_open``/``high_open``: that end is
    excluded. ``allow_inf``: ±inf pass (if the bounds let them); NaN never does."""
    if _is_real(value):
        try:
            x = float(value)  # type: ignore[arg-type]
        except OverflowError:  # an int beyond the float range
            x = math.inf if value > 0 else -math.inf  # type: ignore[operator]
        if (
            not math.isnan(x)
            and (allow_inf or not math.isinf(x))
            and (low is None or (x > low if low_open else x >= low))
            and (high is None or (x < high if high_open else x <= high))
        ):
            return x
    finite = allow_inf or (low is not None and high is not None)
    kind = "a number" if finite else "a finite number"
    raise _error(name, kind + _range(low, high, low_open, high_open), value)


def integer(name: str, value: object, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int if it is a whole number (an integral float counts) in
    [``low``, ``high``] (None: unbounded on that side), else ``ValueError``."""
    n = _whole(value)
    if n is not None and (low is None or n >= low) and (high is None or n <= high):
        return n
    raise _error(name, "an integer" + _range(low, high, False, False), value)


def flag(name: str, value: object) -> bool:
    """``value`` as a bool if it is one (Python's or numpy's), else ``ValueError``."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise _error(name, "True or False", value)


def choice(name: str, value: object, choices: Iterable[str]) -> str:
    """``value`` if it is text equal to one of ``choices``, else ``ValueError``."""
    names = tuple(choices)
    if isinstance(value, str) and value in names:
        return value
    raise _error(name, "one of " + ", ".join(repr(c) for c in names), value)


def _is_real(value: object) -> bool:
    # (bool is an int; numpy's bool_ is neither an np.integer nor an np.floating)
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _whole(value: object) -> int | None:
    """The int an integer or integral float stands for; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        x = float(value)
        if math.isfinite(x) and x.is_integer():
            return int(x)
    return None


def _range(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None:
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        return f" in {left}{_bound(low)}, {_bound(high)}{right}"
    if low is not None:
        return f" {'>' if low_open else '≥'} {_bound(low)}"
    if high is not None:
        return f" {'<' if high_open else '≤'} {_bound(high)}"
    return ""


def _bound(x: float) -> str:
    """A bound as people write it: 0 and 2000 (not 0.0), 1e-08, 2147483647."""
    if isinstance(x, int | np.integer):
        return str(int(x))
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


def _error(name: str, requirement: str, value: object) -> ValueError:
    try:
        shown = repr(value)
    except Exception:  # a value whose repr fails still gets its message
        shown = f"<{type(value).__name__}>"
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 1] + "…"
    return ValueError(f"{name} must be {requirement}, not {shown}")

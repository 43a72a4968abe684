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
one of 'sgd', 'adam', not 'rmsprop'". Its argument is a
:class:`~actgui.text.messages.Message` (that English as ``str()``), which the window
translates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message

__all__ = ["choice", "flag", "integer", "number"]

#: The longest value shown in a message (a long text is cut there).
_SHOWN = 60

# The messages (:class:`~actgui.text.messages.Message`: English as ``str()``, translated
# where they are shown): "<name> must be <requirement>, not <value>", the requirement a
# message of its own ("an integer in [1, 200]": ``interval`` and ``limit`` are formulas).
_MUST_BE = QT_TRANSLATE_NOOP("actgui.messages", "{name} must be {requirement}, not {value}")
_TRUE_OR_FALSE = QT_TRANSLATE_NOOP("actgui.messages", "True or False")
_ONE_OF = QT_TRANSLATE_NOOP("actgui.messages", "one of {choices}")
#: Requirements by (kind, range): an interval ("in [0, 1)"), a limit ("≥ 0") or none.
_REQUIREMENTS = {
    ("number", ""): QT_TRANSLATE_NOOP("actgui.messages", "a number"),
    ("number", "in"): QT_TRANSLATE_NOOP("actgui.messages", "a number in {interval}"),
    ("number", "limit"): QT_TRANSLATE_NOOP("actgui.messages", "a number {limit}"),
    ("finite", ""): QT_TRANSLATE_NOOP("actgui.messages", "a finite number"),
    # (no "a finite number in …": with both bounds a number is finite anyway)
    ("finite", "limit"): QT_TRANSLATE_NOOP("actgui.messages", "a finite number {limit}"),
    ("integer", ""): QT_TRANSLATE_NOOP("actgui.messages", "an integer"),
    ("integer", "in"): QT_TRANSLATE_NOOP("actgui.messages", "an integer in {interval}"),
    ("integer", "limit"): QT_TRANSLATE_NOOP("actgui.messages", "an integer {limit}"),
}


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
    kind = "number" if finite else "finite"
    raise _error(name, _requirement(kind, low, high, low_open, high_open), value)


def integer(name: str, value: object, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int if it is a whole number (an integral float counts) in
    [``low``, ``high``] (None: unbounded on that side), else ``ValueError``."""
    n = _whole(value)
    if n is not None and (low is None or n >= low) and (high is None or n <= high):
        return n
    raise _error(name, _requirement("integer", low, high, False, False), value)


def flag(name: str, value: object) -> bool:
    """``value`` as a bool if it is one (Python's or numpy's), else ``ValueError``."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise _error(name, Message(_TRUE_OR_FALSE), value)


def choice(name: str, value: object, choices: Iterable[str]) -> str:
    """``value`` if it is text equal to one of ``choices``, else ``ValueError``."""
    names = tuple(choices)
    if isinstance(value, str) and value in names:
        return value
    raise _error(name, Message(_ONE_OF, choices=", ".join(repr(c) for c in names)), value)


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


def _requirement(
    kind: str, low: float | None, high: float | None, low_open: bool, high_open: bool
) -> Message:
    """What a value must be: "a number in [0, 1)", "a finite number ≥ 0", "an integer"
    (``kind``: "number", "finite" or "integer")."""
    if low is not None and high is not None:
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        interval = f"{left}{_bound(low)}, {_bound(high)}{right}"
        return Message(_REQUIREMENTS[kind, "in"], interval=interval)
    if low is not None:
        limit = f"{'>' if low_open else '≥'} {_bound(low)}"
    elif high is not None:
        limit = f"{'<' if high_open else '≤'} {_bound(high)}"
    else:
        return Message(_REQUIREMENTS[kind, ""])
    return Message(_REQUIREMENTS[kind, "limit"], limit=limit)


def _bound(x: float) -> str:
    """A bound as people write it: 0 and 2000 (not 0.0), 1e-08, 2147483647."""
    if isinstance(x, int | np.integer):
        return str(int(x))
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


def _error(name: str, requirement: Message, value: object) -> ValueError:
    try:
        shown = repr(value)
    except Exception:  # a value whose repr fails still gets its message
        shown = f"<{type(value).__name__}>"
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 1] + "…"
    return ValueError(Message(_MUST_BE, name=name, requirement=requirement, value=shown))

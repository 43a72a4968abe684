"""Your own activation: a formula in x made into an :class:`Activation` like the built-ins.

``custom_activation("swish2", "x * sigmoid(beta * x)")`` parses the text safely
(:mod:`actgui.activations.formula`: nothing is ever run), rewrites known unstable
patterns to stable functions, derives f′ and f″ symbolically from the tree, finds the
kinks and jumps where ``abs``, ``min``, ``max``, ``relu``, ``where`` or a registry
function switches, and fills in everything the registry asks of an entry: parameters
(every name other than x, pi, e and the functions; default 1, range ±100 unless given),
properties measured at the defaults, formulas for the details page, an mpmath
reference. Anything refused raises ``ValueError`` (a :class:`FormulaError`) with the
message a dialog shows: a :class:`~actgui.text.messages.Message` (its templates in
:mod:`.custom_words`), English as ``str()``, translated where it is shown, like the
words of the details page made here. No Qt here.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from actgui.activations import custom_words as w
from actgui.activations.base import Activation, Param
from actgui.activations.docs import Docs
from actgui.activations.formula import (
    RESERVED,
    FormulaError,
    Node,
    derivative,
    evaluate,
    kink_positions,
    parameters,
    parse,
    simplify,
    stabilise,
    to_html,
    to_text,
)
from actgui.activations.properties import INF, SMOOTHNESS, Measured, Properties
from actgui.cancel import Cancelled
from actgui.text.messages import Message, message_of

#: A parameter's range unless one is given, and its default.
PARAM_RANGE = (-100.0, 100.0)
PARAM_DEFAULT = 1.0
#: Longest formula text shown for f′ and f″ (a longer one is summarised).
MAX_SHOWN = 160
#: The family custom functions belong to.
FAMILY = "custom"
_PROBE = np.concatenate([-np.logspace(3, -3, 61), [0.0], np.logspace(-3, 3, 61)])


def custom_activation(
    key: str,
    expression: str,
    *,
    name: str | None = None,
    ranges: Mapping[str, tuple[float, float, float]] | None = None,
) -> Activation:
    """An :class:`Activation` computing ``expression`` (a formula in x), its exact f′ and f″.

    ``key`` must be an identifier that is not a built-in function's key; ``name`` is
    what the panels show (the key if not given). ``ranges`` maps a parameter to
    (minimum, maximum, default). ``ValueError`` with a message for anything refused.
    """
    from actgui.activations.registry import REGISTRY

    if not (isinstance(key, str) and key.isidentifier() and key.isascii() and len(key) <= 32):
        raise FormulaError(w.KEY_NOT_IDENTIFIER, key=key)
    if key.startswith("_") or key in RESERVED:
        raise FormulaError(w.KEY_RESERVED, key=key)
    builtin = REGISTRY.get(key)
    if builtin is not None and builtin.family != FAMILY:
        raise FormulaError(w.KEY_BUILTIN, key=key)
    tree, d1, d2 = trees(expression)
    names = parameters(tree)
    params = tuple(_param(p, (ranges or {}).get(p)) for p in names)
    defaults = {p.name: p.default for p in params}
    builtins = {k: a for k, a in REGISTRY.items() if a.family != FAMILY}
    _check_numbers(tree, defaults, builtins)

    def f(x: np.ndarray, **p: float) -> np.ndarray:
        return _broadcast(evaluate(tree, x, p, builtins), x)

    def f1(x: np.ndarray, **p: float) -> np.ndarray:
        return _broadcast(evaluate(d1, x, p, builtins, masks=True), x)

    def f2(x: np.ndarray, **p: float) -> np.ndarray:
        return _broadcast(evaluate(d2, x, p, builtins, masks=True), x)

    @functools.lru_cache(maxsize=64)
    def kinks_at(items: tuple[tuple[str, float], ...]) -> tuple[float, ...]:
        return kink_positions(tree, dict(items), builtins)

    def kinks(**p: float) -> tuple[float, ...]:
        # Asked for by every curve, readout cell and details refresh: remembered.
        return kinks_at(tuple(sorted(p.items())))

    shown = name or key
    draft = Activation(
        key, shown, params, f, f1, f2, kinks,
        description=f"{shown}(x) = {to_text(tree)}",
        family=FAMILY, source=Message(w.SOURCE), in_pytorch=False,
        properties=None, docs=None, color=0,
    )  # fmt: skip
    docs = Docs(
        f=_formula(tree),
        d1=_formula(d1),
        d2=_formula(d2),
        f_note=_where_note(tree),
        principle=Message(w.PRINCIPLE, formula=expression.strip()),
        pros=Message(w.PROS),
        cons=Message(w.CONS),
        use=Message(w.USE),
    )
    return Activation(
        key, shown, params, f, f1, f2, kinks,
        description=draft.description, family=FAMILY, source=Message(w.SOURCE),
        in_pytorch=False, properties=Measured(lambda: _properties(draft)), docs=docs,
        color=_color_slot(key),
        reference=_reference(tree),
    )  # fmt: skip


def _color_slot(key: str) -> int:
    """A function of your own's colour slot: the same for the same key, every session."""
    return sum(map(ord, key)) % 12


def rekeyed(act: Activation, key: str) -> Activation:
    """``act`` (a function of your own) under another ``key``, not built again: only its
    key and the colour slot that follows from it differ (an import whose keys are taken)."""
    return dataclasses.replace(act, key=key, color=_color_slot(key))


def trees(expression: str) -> tuple[Node, Node, Node]:
    """The trees of f (stable forms, simplified), f′ and f″ (``FormulaError`` if refused)."""
    from actgui.activations.registry import REGISTRY

    registry_keys = frozenset(k for k, a in REGISTRY.items() if a.family != FAMILY)
    tree = simplify(stabilise(parse(expression, registry_keys)))
    d1 = derivative(tree)
    return tree, d1, derivative(d1)


def formula_texts(expression: str) -> tuple[str, str, str]:
    """f, f′ and f″ of ``expression`` as plain text (``FormulaError`` if refused)."""
    return tuple(to_text(t) for t in trees(expression))  # type: ignore[return-value]


#: Largest |value| a parameter's range may reach, and its narrowest span.
MAX_PARAM = 1e12
MIN_SPAN = 1e-9


def _param(name: str, spec: tuple[float, float, float] | None) -> Param:
    low, high = PARAM_RANGE
    default = PARAM_DEFAULT
    if spec is not None:
        try:
            low, high, default = (float(v) for v in spec)
        except (TypeError, ValueError):
            raise FormulaError(w.RANGE_NOT_NUMBERS, name=name) from None
        if not all(math.isfinite(v) and abs(v) <= MAX_PARAM for v in (low, high, default)):
            raise FormulaError(w.RANGE_TOO_WIDE, name=name, limit=f"{MAX_PARAM:g}")
        if not low <= default <= high:
            raise FormulaError(w.RANGE_ORDER, name=name)
        if high - low < MIN_SPAN * max(1.0, abs(low), abs(high)):
            raise FormulaError(w.RANGE_NARROW, name=name)
    step = 10.0 ** math.floor(math.log10((high - low) / 100.0))
    return Param(name, name, default, low, high, step, max(2, min(8, -int(math.log10(step)) + 2)))


def _broadcast(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """A constant formula (``2``) gives an array of x's shape."""
    y = np.asarray(y, dtype=np.float64)
    return y if y.shape == np.shape(x) else np.broadcast_to(y, np.shape(x)).copy()


def _check_numbers(tree: Node, defaults: Mapping[str, float], registry) -> None:
    """Refuse a formula that is NaN everywhere on a probe grid at its defaults (log(−1−x²)…)."""
    y = np.broadcast_to(evaluate(tree, _PROBE, defaults, registry), _PROBE.shape)
    finite = np.isfinite(y)
    if not finite.any():
        raise FormulaError(w.NO_FINITE_VALUE)
    if not (finite[:-1] & finite[1:]).any():
        # (sqrt(−x²): a value at 0 alone is no curve, and no statistics can be made of it)
        raise FormulaError(w.ISOLATED_VALUES)


def _formula(n: Node) -> str:
    """The formula as rich text, typeset (powers raised, √, |…|); a long one (an f″ can
    be) is shown as plain text cut at ``MAX_SHOWN`` characters, a very long one summarised
    in words (a message)."""
    text = to_text(n)
    if len(text) > MAX_SHOWN or text.startswith("…"):
        if len(text.strip("…")) < 20:
            return Message(w.TOO_LONG)
        return html.escape(text[: MAX_SHOWN - 1] + "…")
    return to_html(n)


def _where_note(n: Node) -> str:
    return Message(w.WHERE_NOTE) if "where(" in to_text(n) else ""


def _properties(act: Activation) -> Properties:
    """Range, monotonicity, smoothness, zero-centring and saturation at the defaults, measured
    on a grid from −1e6 to 1e6 (dense near 0): an extreme at an end of the grid where f is
    still moving counts as unbounded on that side."""
    x = np.unique(np.concatenate([np.linspace(-20.0, 20.0, 4001), _PROBE * 1e3]))
    with np.errstate(all="ignore"):
        y = act.forward(x)
        d = act.derivative(x)
    ok = np.isfinite(y)
    if np.count_nonzero(ok) < 2:  # (nothing to measure on this grid)
        return Properties(-INF, INF, False, False, False, SMOOTHNESS[-1], False, "none")
    ys = y[ok]
    moving = [abs(ys[1] - ys[0]) > 1e-9 * max(1.0, abs(ys[0])),
              abs(ys[-1] - ys[-2]) > 1e-9 * max(1.0, abs(ys[-1]))]  # fmt: skip
    i_low, i_high = int(np.argmin(ys)), int(np.argmax(ys))
    ends = {0: moving[0], ys.size - 1: moving[1]}
    low = -INF if ends.get(i_low, False) or np.any(y == -np.inf) else float(ys[i_low])
    high = INF if ends.get(i_high, False) or np.any(y == np.inf) else float(ys[i_high])
    dd = d[np.isfinite(d)]
    monotonic = bool(dd.size and (np.all(dd >= 0) or np.all(dd <= 0)))
    smooth = act.smoothness()
    zero = float(act.forward(np.array([0.0]))[0])
    left = bool(np.isfinite(d[0]) and abs(d[0]) < 1e-6)
    right = bool(np.isfinite(d[-1]) and abs(d[-1]) < 1e-6)
    saturates = {(False, False): "none", (True, False): "left", (False, True): "right"}
    return Properties(
        low=low,
        high=high,
        low_attained=bool(low > -INF and i_low not in ends),
        high_attained=bool(high < INF and i_high not in ends),
        monotonic=monotonic,
        smoothness=smooth,
        zero_centred=bool(zero == 0.0 and low < 0.0 < high),
        saturates=saturates.get((left, right), "both"),
    )


def _reference(tree: Node):
    """f in mpmath, from the same tree (the tests' reference, like the built-ins')."""
    from actgui.activations.formula import mp_evaluate

    def reference(mp, x, **p):
        return mp_evaluate(tree, mp, x, p)

    return reference


# ---------------------------------------------------------------------------
# Definitions: what is saved, exported and registered
# ---------------------------------------------------------------------------

#: A name a user may give: shown in the panels (any text, one line, this long at most).
MAX_NAME = 40
#: How many custom functions a session or a file may hold.
MAX_CUSTOM = 50


@dataclass(frozen=True)
class Definition:
    """A custom function as the user wrote it: its key, name, formula and parameter ranges
    ((name, minimum, maximum, default) each). Built with :meth:`build`."""

    key: str
    name: str
    expression: str
    ranges: tuple[tuple[str, float, float, float], ...] = ()

    def build(self) -> Activation:
        """The :class:`Activation` (``ValueError`` with the dialog's message if refused)."""
        name = " ".join(str(self.name).split())
        if not name or len(name) > MAX_NAME:
            raise FormulaError(w.NAME_LENGTH, limit=MAX_NAME)
        ranges = {n: (lo, hi, d) for n, lo, hi, d in self.ranges}
        return custom_activation(self.key, self.expression, name=name, ranges=ranges)

    def as_json(self) -> dict:
        """Plain data for a JSON file or the settings."""
        out: dict = {"key": self.key, "name": self.name, "expression": self.expression}
        if self.ranges:
            out["ranges"] = {n: [lo, hi, d] for n, lo, hi, d in self.ranges}
        return out

    @staticmethod
    def from_json(data: object) -> Definition:
        """A definition from :meth:`as_json`'s data; ``ValueError`` saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError(Message(w.NOT_AN_ENTRY))
        fields = {}
        for field_name in ("key", "name", "expression"):
            value = data.get(field_name)
            if not isinstance(value, str):
                raise ValueError(Message(w.NOT_TEXT, field=field_name))
            fields[field_name] = value
        ranges = []
        raw = data.get("ranges", {})
        if not isinstance(raw, dict):
            raise ValueError(Message(w.RANGES_NOT_A_MAP))
        for pname, spec in raw.items():
            if not (isinstance(spec, list) and len(spec) == 3):
                raise ValueError(Message(w.RANGE_NOT_A_TRIPLE, name=pname))
            if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in spec):
                raise ValueError(Message(w.RANGE_NOT_NUMERIC, name=pname))
            ranges.append((str(pname), *(float(v) for v in spec)))
        return Definition(**fields, ranges=tuple(ranges))


_DEFINITIONS: dict[str, Definition] = {}


def add_custom(definition: Definition, built: Activation | None = None) -> Activation:
    """Build and register ``definition`` (replacing a custom function of the same key);
    ``ValueError`` and nothing changed if it is refused. ``built``: the function already
    built from this very definition (a dialog's check on a worker), not built again."""
    from actgui.activations.registry import REGISTRY, register, replace

    if definition.key not in _DEFINITIONS and len(_DEFINITIONS) >= MAX_CUSTOM:
        raise FormulaError(w.TOO_MANY, limit=MAX_CUSTOM)
    act = built if built is not None and built.key == definition.key else definition.build()
    if definition.key in REGISTRY:
        replace(act)  # in one step: a worker reading the registry never misses it
    else:
        register(act)
    _DEFINITIONS[definition.key] = definition
    return act


def remove_custom(key: str) -> None:
    """Unregister the custom function ``key`` (``KeyError`` if there is none)."""
    from actgui.activations.registry import unregister

    if key not in _DEFINITIONS:
        raise KeyError(f"no function of your own is called {key!r}")
    unregister(key)
    del _DEFINITIONS[key]


def custom_definitions() -> list[Definition]:
    """The registered custom functions' definitions, in registry order."""
    from actgui.activations.registry import REGISTRY

    return [_DEFINITIONS[k] for k in REGISTRY if k in _DEFINITIONS]


def key_for(name: str) -> str:
    """A free key made from ``name``: lower case, letters, digits and _, 'my_…' if it
    would clash (with a built-in, a reserved word or a custom function)."""
    from actgui.activations.registry import REGISTRY

    base = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")[:24] or "custom"
    if not base[0].isalpha():
        base = "f_" + base
    if base in RESERVED or base in REGISTRY:
        base = "my_" + base
    key, n = base, 2
    while key in REGISTRY or key in RESERVED:
        key, n = f"{base}_{n}", n + 1
    return key


def read_definitions(data: object) -> tuple[list[Definition], list[str]]:
    """Definitions from a JSON document ``{"activations": [...]}`` (or a bare list), each
    checked by building it: (the good ones, a message per bad one). Never raises for an
    entry; ``ValueError`` if the document itself is not such a list."""
    built, problems = read_and_build(data)
    return [definition for definition, _act in built], problems


def read_and_build(
    data: object, room: int = MAX_CUSTOM * 2
) -> tuple[list[tuple[Definition, Activation]], list[str]]:
    """As :func:`read_definitions`, with each good definition's function (built once, to
    be registered as it is), and no more than ``room`` of them built: the entries beyond
    are not built (a formula can take a fraction of a second) but reported together."""
    if isinstance(data, dict):
        data = data.get("activations")
    if not isinstance(data, list):
        raise ValueError(Message(w.NOT_A_LIST))
    good: list[tuple[Definition, Activation]] = []
    problems: list[str] = []
    seen: set[str] = set()
    entries = data[: MAX_CUSTOM * 2]
    for i, entry in enumerate(entries, start=1):
        if len(good) >= room:
            rest = len(entries) - i + 1
            problems.append(Message(w.NOT_READ, limit=MAX_CUSTOM, count=rest))
            break
        try:
            definition = Definition.from_json(entry)
            if definition.key in seen:
                raise ValueError(Message(w.KEY_TWICE, key=definition.key))
            act = definition.build()
        except Cancelled:
            raise  # (read on a worker asked to stop: the rest is not wanted either)
        except Exception as exc:  # (a formula that breaks the builder must not lose the rest)
            label = entry.get("name") if isinstance(entry, dict) else None
            template = w.ENTRY_NAMED if isinstance(label, str) else w.ENTRY
            problems.append(Message(template, number=i, name=label, problem=message_of(exc)))
            continue
        seen.add(definition.key)
        good.append((definition, act))
    if len(data) > MAX_CUSTOM * 2:
        problems.append(Message(w.FIRST_ONLY, count=MAX_CUSTOM * 2))
    return good, problems


#: Where :func:`float_trouble` looks: far out on both sides and at 0.
_TROUBLE_AT = (-1e4, -1e3, -710.0, -100.0, -40.0, 0.0, 40.0, 100.0, 710.0, 1e3, 1e4)


def float_trouble(act: Activation) -> list[float]:
    """The probe points where ``act``'s f is inf or NaN in floats although its exact value
    (mpmath, 30 digits) is a finite number: the formula overflows and could be rewritten.
    [] when there is none, or for formulas calling registry functions (no exact form)."""
    import mpmath

    if act.reference is None:
        return []
    params = act.defaults()
    x = np.array(_TROUBLE_AT)
    with np.errstate(all="ignore"):
        y = act.forward(x, **params)
    bad = []
    with mpmath.workdps(30):
        for xi, yi in zip(x, y, strict=True):
            if np.isfinite(yi):
                continue
            try:
                exact = act.reference(mpmath.mp, mpmath.mpf(float(xi)), **params)
            except (ValueError, ArithmeticError, TypeError, MemoryError, RecursionError):
                continue
            if isinstance(exact, mpmath.mpf) and mpmath.isfinite(exact) and abs(exact) < 1e300:
                bad.append(float(xi))
    return bad

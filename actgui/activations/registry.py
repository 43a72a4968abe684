"""The live registry: families, validation, ``register`` and ``unregister``.

One :class:`~actgui.activations.base.Activation` entry holds everything about a
function; :func:`validate` checks that every piece is present and well formed,
and :func:`register` adds a valid entry at the end of its family. No Qt, no
scipy and no mpmath here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from actgui.activations.base import Activation, Order, Param, SlopeBand
from actgui.activations.docs import Docs
from actgui.activations.properties import SMOOTHNESS, Measured, Properties

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
        "custom": "Your own",
    }
)

#: The six classics, the functions of the introductory article the project grew from: the
#: side panel's *Six classics* button and the functions a fresh explorer shows.
CLASSIC_KEYS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu")
#: The former name of :data:`CLASSIC_KEYS`, kept for compatibility.
SEED_KEYS = CLASSIC_KEYS

#: The sides on which f′ may vanish, as ``Properties.saturates`` names them.
SATURATION_SIDES: tuple[str, ...] = ("none", "left", "right", "both")


class _Live(Mapping):
    """A read-only view of the registered functions whose contents are replaced whole.

    :func:`register` and :func:`unregister` build a new dict and swap it in (one
    assignment): a reader on another thread (a worker computing statistics) sees the
    registry before or after a change, never a moment in between with functions
    missing; an iteration in progress goes on over the dict it started with.
    """

    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: Mapping[str, Activation] = MappingProxyType({})

    def __getitem__(self, key: str) -> Activation:
        return self.entries[key]

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def get(self, key, default=None):
        return self.entries.get(key, default)

    def __repr__(self) -> str:
        return f"REGISTRY({list(self.entries)})"


_LIVE = _Live()

#: Public entry point: activation key → :class:`Activation`, in display order
#: (by family, then entry order). Read-only; it reflects :func:`register`.
REGISTRY: Mapping[str, Activation] = _LIVE


class RegistryError(ValueError):
    """An activation entry is incomplete or malformed, or its key is taken."""


def _param_problems(act: Activation) -> list[str]:
    problems: list[str] = []
    if not isinstance(act.params, tuple):
        return ["params must be a tuple of Param"]
    names: list[str] = []
    for p in act.params:
        if not isinstance(p, Param):
            problems.append(f"parameter {p!r} is not a Param")
            continue
        if not (isinstance(p.name, str) and p.name.isidentifier()):
            problems.append(f"parameter name {p.name!r} is not an identifier")
        if p.name in names:
            problems.append(f"parameter {p.name!r} is declared twice")
        names.append(p.name)
        if not p.label:
            problems.append(f"parameter {p.name!r} has no label")
        if not p.minimum <= p.default <= p.maximum:
            problems.append(
                f"parameter {p.name!r}: default {p.default!r} is outside "
                f"[{p.minimum!r}, {p.maximum!r}]"
            )
    for c in act.constraints:
        if not isinstance(c, Order):
            problems.append(f"constraint {c!r} is not an Order")
        elif {c.low, c.high} - set(names):
            unknown = sorted({c.low, c.high} - set(names))
            problems.append(f"constraint names unknown parameter {unknown[0]!r}")
    return problems


def _property_problems(props: object) -> list[str]:
    if props is None:
        return ["no properties declared"]
    if not isinstance(props, Properties):
        return [f"properties must be a Properties, got {type(props).__name__}"]
    if isinstance(props, Measured) and not props.measured:
        return []  # (measured when first read, by code that gives well-formed ones)
    problems = []
    if props.smoothness not in SMOOTHNESS:
        problems.append(
            f"properties.smoothness {props.smoothness!r} is not one of {', '.join(SMOOTHNESS)}"
        )
    if props.saturates not in SATURATION_SIDES:
        problems.append(
            f"properties.saturates {props.saturates!r} is not one of {', '.join(SATURATION_SIDES)}"
        )
    if math.isnan(props.low) or math.isnan(props.high) or props.low > props.high:
        problems.append(f"properties range [{props.low!r}, {props.high!r}] is empty")
    return problems


def _problems(act: Activation) -> list[str]:
    """Every missing or malformed piece of ``act``, as phrases (empty if it is complete)."""
    problems: list[str] = []
    if not act.name:
        problems.append("no name")
    if not act.description:
        problems.append("no description")
    if act.family not in FAMILIES:
        problems.append(f"family {act.family!r} is not one of {', '.join(FAMILIES)}")
    for label, fn in (("f", act._f), ("f′", act._d1), ("f″", act._d2), ("kinks", act._kinks)):
        if not callable(fn):
            problems.append(f"{label} is not callable")
    problems += _param_problems(act)
    if not problems:  # the defaults must satisfy the constraints and give the kinks
        try:
            # (A function of your own finds its kinks by a search that can take a second:
            # its defaults are checked, the search waits until the kinks are wanted.)
            act.resolve() if isinstance(act.properties, Measured) else act.kinks()
        except (TypeError, ValueError) as exc:
            problems.append(f"the defaults are unusable: {exc}")
    if not act.in_pytorch and not act.source:
        problems.append("no source (required for functions PyTorch does not have)")
    problems += _property_problems(act.properties)
    if act.docs is None:
        problems.append("no docs declared")
    elif not isinstance(act.docs, Docs):
        problems.append(f"docs must be a Docs, got {type(act.docs).__name__}")
    else:
        problems += act.docs.problems()
    if act.color is None:
        problems.append("no colour slot declared (color=…)")
    elif isinstance(act.color, bool) or not isinstance(act.color, int) or act.color < 0:
        problems.append(f"color must be a non-negative int, got {act.color!r}")
    if act.band is not None:
        if not isinstance(act.band, SlopeBand):
            problems.append(f"band must be a SlopeBand, got {type(act.band).__name__}")
        else:
            names = {p.name for p in act.params if isinstance(p, Param)}
            for name in (act.band.low, act.band.high):
                if name not in names:
                    problems.append(f"band names unknown parameter {name!r}")
    if act.reference is None:
        if not act.in_pytorch:
            problems.append("no mpmath reference (required for functions PyTorch does not have)")
    elif not callable(act.reference):
        problems.append("reference is not callable")
    registered = _LIVE.get(act.key)
    if registered is not None and registered is not act:
        problems.append("key already registered")
    return problems


def validate(act: Activation) -> None:
    """Raise :class:`RegistryError` unless ``act`` is complete, well formed and its key is free.

    Free means: not registered, or registered as this very entry (so every
    registered function passes). The message names the key and every problem,
    e.g. ``activation 'softclip': no properties declared``. Nothing is evaluated
    numerically (that would load scipy); the tests do that.
    """
    if not isinstance(act, Activation):
        raise RegistryError(f"not an Activation: {act!r}")
    if not (isinstance(act.key, str) and act.key.isidentifier()):
        raise RegistryError(f"activation {act.key!r}: key must be an identifier")
    problems = _problems(act)
    if problems:
        raise RegistryError(f"activation {act.key!r}: {'; '.join(problems)}")


def register(act: Activation) -> None:
    """Validate ``act`` and add it to :data:`REGISTRY` at the end of its family.

    Raises :class:`RegistryError` (naming the key and what is wrong) if it is
    incomplete or its key is already registered.
    """
    validate(act)
    if act.key in _LIVE:
        raise RegistryError(f"activation {act.key!r}: key already registered")
    families = list(FAMILIES)
    rank = families.index(act.family)
    items = list(_LIVE.entries.values())
    position = sum(families.index(a.family) <= rank for a in items)
    items.insert(position, act)
    _LIVE.entries = MappingProxyType({a.key: a for a in items})


def replace(act: Activation) -> None:
    """Put ``act`` in the place of the registered function with its key, in one step: a
    reader on another thread never finds the key missing. ``RegistryError`` if ``act`` is
    incomplete, its key is not registered or its family differs."""
    if not isinstance(act, Activation):
        raise RegistryError(f"not an Activation: {act!r}")
    old = _LIVE.entries.get(act.key)
    if old is None:
        raise RegistryError(f"activation {act.key!r}: not registered")
    if old.family != act.family:
        raise RegistryError(f"activation {act.key!r}: a replacement keeps its family")
    problems = [p for p in _problems(act) if p != "key already registered"]
    if problems:
        raise RegistryError(f"activation {act.key!r}: {'; '.join(problems)}")
    _LIVE.entries = MappingProxyType(
        {k: (act if k == act.key else a) for k, a in _LIVE.entries.items()}
    )


def unregister(key: str) -> None:
    """Remove the function ``key`` from :data:`REGISTRY` (``KeyError`` if it is not there)."""
    entries = dict(_LIVE.entries)
    if key not in entries:
        raise KeyError(f"no activation {key!r} is registered")
    del entries[key]
    _LIVE.entries = MappingProxyType(entries)

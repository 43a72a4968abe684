"""A tree written out for people: as plain math text, or as Qt rich text (HTML).

One recursion (:func:`_write`) serves both; a :class:`_Style` says what differs: how x
and parameters look, which calls have a sign of their own (√, |…|), how a power and a
quotient are set, and how text is escaped.
"""

from __future__ import annotations

import html
import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from actgui.activations.formula.tree import Node

_PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}
_SYMBOL = {"add": " + ", "sub": " − ", "mul": "·", "div": "/", "pow": "^"}
_INTERNAL = {"sign": "sign", "step": "H", "sech2": "sech²", "dsigmoid": "σ′", "sigmoid": "σ"}

#: Most nodes written out as text: a derivative shares subtrees, and written out in full
#: nested max/min double at every level (its text is cut long before).
MAX_TEXT_NODES = 400

_LOCAL = threading.local()


@dataclass(frozen=True)
class _Style:
    """What one kind of output makes of the parts that differ between kinds."""

    #: Text as written in this kind (names, comparison signs).
    escape: Callable[[str], str]
    #: x or a parameter's name.
    variable: Callable[[str], str]
    #: Calls written with a sign of their own instead of name(…): name → (before, after).
    signs: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: Between the two sides of a quotient.
    divide: str = _SYMBOL["div"]
    #: Around an exponent, and whether it is raised (set apart: it needs no brackets).
    power: tuple[str, str] = (_SYMBOL["pow"], "")
    raised: bool = False


def _identity(text: str) -> str:
    return text


#: Plain math text: ``x·σ(beta·x)``, ``where(x > 0, x, …)``.
TEXT = _Style(escape=_identity, variable=_identity)
#: Qt rich text: powers raised, √, |…|, x and parameters in italics, text escaped.
HTML = _Style(
    escape=html.escape,
    variable=lambda name: f"<i>{html.escape(name)}</i>",
    signs={"sqrt": ("√(", ")"), "abs": ("|", "|")},
    divide=" / ",
    power=("<sup>", "</sup>"),
    raised=True,
)


class _TooLongError(Exception):
    pass


def to_text(n: Node, registry_names: Mapping[str, str] | None = None) -> str:
    """The tree written as plain math text: ``x·σ(beta·x)``, ``where(x > 0, x, …)``; a
    tree of more than ``MAX_TEXT_NODES`` nodes written out ends in "…"."""
    return _render(n, TEXT)


def to_html(n: Node) -> str:
    """The tree as Qt rich text for the details page: powers raised, √, σ, products as ·,
    parameters in italics; text escaped. (Callers show long trees as text instead.)"""
    return _render(n, HTML)


def _render(n: Node, style: _Style) -> str:
    """The tree in ``style``; one too long to write out in full, as the start of its plain
    text (escaped as ``style`` escapes), ending in "…"."""
    _LOCAL.text_budget = MAX_TEXT_NODES
    try:
        return _write(n, 0, style)
    except _TooLongError:
        return style.escape(_truncated(n))
    finally:
        _LOCAL.text_budget = None


def _truncated(n: Node) -> str:
    """The start of a long tree's text (its first terms), ending in "…"."""
    parts: list[str] = []
    _LOCAL.text_budget = MAX_TEXT_NODES

    def walk(m: Node) -> None:
        if m[0] in ("add", "sub") and sum(map(len, parts)) < 200:
            walk(m[1])
            parts.append(_SYMBOL[m[0]])
            walk(m[2])
            return
        try:
            _LOCAL.text_budget = MAX_TEXT_NODES // 4
            parts.append(_write(m, 1, TEXT))
        except _TooLongError:
            parts.append("…")

    walk(n)
    return "".join(parts)[:400] + "…"


def _spend() -> None:
    budget = getattr(_LOCAL, "text_budget", None)
    if budget is not None:
        if budget <= 0:
            raise _TooLongError
        _LOCAL.text_budget = budget - 1


def _number(v: float) -> str:
    if v == math.pi:
        return "π"
    text = f"{v:.12g}"
    return text.replace("-", "−")


def _write(n: Node, parent: int, style: _Style) -> str:
    """``n`` in ``style``, bracketed if it binds less tightly than ``parent``."""
    _spend()
    kind = n[0]
    if kind == "num":
        text = _number(n[1])
        return f"({text})" if n[1] < 0 and parent else text
    if kind == "x":
        return style.variable("x")
    if kind == "param":
        return style.variable(n[1])
    if kind == "where":
        op, left, right = n[1]
        return (
            f"where({_write(left, 0, style)} {style.escape(op)} {_write(right, 0, style)}, "
            f"{_write(n[2], 0, style)}, {_write(n[3], 0, style)})"
        )
    if kind == "call":
        sign = style.signs.get(n[1])
        if sign is not None:
            return sign[0] + _write(n[2], 0, style) + sign[1]
        name = style.escape(_INTERNAL.get(n[1], n[1]))
        return f"{name}(" + ", ".join(_write(a, 0, style) for a in n[2:]) + ")"
    if kind == "reg":
        return f"{style.escape(n[1])}{'′' * n[2]}({_write(n[3], 0, style)})"
    prec = _PRECEDENCE[kind]
    if kind == "neg":
        text = "−" + _write(n[1], prec, style)
    elif kind == "pow":
        before, after = style.power
        base = _write(n[1], prec + 1, style)
        text = base + before + _write(n[2], 0 if style.raised else prec, style) + after
    else:
        right = prec + (kind in ("sub", "div"))
        symbol = style.divide if kind == "div" else _SYMBOL[kind]
        text = _write(n[1], prec, style) + symbol + _write(n[2], right, style)
    return f"({text})" if prec < parent else text

"""A tree written out for people: as plain math text, or as Qt rich text (HTML)."""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping

from actgui.activations.formula.tree import Node

_LOCAL = threading.local()

_PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}
_SYMBOL = {"add": " + ", "sub": " − ", "mul": "·", "div": "/", "pow": "^"}
_INTERNAL = {"sign": "sign", "step": "H", "sech2": "sech²", "dsigmoid": "σ′", "sigmoid": "σ"}


#: Most nodes written out as text: a derivative shares subtrees, and written out in full
#: nested max/min double at every level (its text is cut long before).
MAX_TEXT_NODES = 400


class _TooLongError(Exception):
    pass


def to_text(n: Node, registry_names: Mapping[str, str] | None = None) -> str:
    """The tree written as plain math text: ``x·σ(beta·x)``, ``where(x > 0, x, …)``; a
    tree of more than ``MAX_TEXT_NODES`` nodes written out ends in "…"."""
    _LOCAL.text_budget = MAX_TEXT_NODES
    try:
        return _text(n, 0)
    except _TooLongError:
        return _truncated(n, _text)
    finally:
        _LOCAL.text_budget = None


def _truncated(n: Node, writer) -> str:
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
            parts.append(writer(m, 1))
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


def _text(n: Node, parent: int) -> str:
    _spend()
    kind = n[0]
    if kind == "num":
        text = _number(n[1])
        return f"({text})" if n[1] < 0 and parent else text
    if kind == "x":
        return "x"
    if kind == "param":
        return n[1]
    if kind == "where":
        op, left, right = n[1]
        return f"where({_text(left, 0)} {op} {_text(right, 0)}, {_text(n[2], 0)}, {_text(n[3], 0)})"
    if kind == "call":
        name = _INTERNAL.get(n[1], n[1])
        return f"{name}(" + ", ".join(_text(a, 0) for a in n[2:]) + ")"
    if kind == "reg":
        return f"{n[1]}{'′' * n[2]}({_text(n[3], 0)})"
    prec = _PRECEDENCE[kind]
    if kind == "neg":
        text = "−" + _text(n[1], prec)
    else:
        left_prec = prec + 1 if kind == "pow" else prec
        right_prec = prec if kind == "pow" else prec + (kind in ("sub", "div"))
        text = _text(n[1], left_prec) + _SYMBOL[kind] + _text(n[2], right_prec)
    return f"({text})" if prec < parent else text


def to_html(n: Node) -> str:
    """The tree as Qt rich text for the details page: powers raised, √, σ, products as ·,
    parameters in italics; text escaped. (Callers show long trees as text instead.)"""
    _LOCAL.text_budget = MAX_TEXT_NODES
    try:
        return _html(n, 0)
    except _TooLongError:
        import html as _h

        return _h.escape(_truncated(n, _text))
    finally:
        _LOCAL.text_budget = None


def _html(n: Node, parent: int) -> str:
    import html as _h

    _spend()
    kind = n[0]
    if kind == "num":
        text = _number(n[1])
        return f"({text})" if n[1] < 0 and parent else text
    if kind == "x":
        return "<i>x</i>"
    if kind == "param":
        return f"<i>{_h.escape(n[1])}</i>"
    if kind == "where":
        op, left, right = n[1]
        return (
            f"where({_html(left, 0)} {_h.escape(op)} {_html(right, 0)}, "
            f"{_html(n[2], 0)}, {_html(n[3], 0)})"
        )
    if kind == "call":
        if n[1] == "sqrt":
            return f"√({_html(n[2], 0)})"
        if n[1] == "abs":
            return f"|{_html(n[2], 0)}|"
        name = _h.escape(_INTERNAL.get(n[1], n[1]))
        return f"{name}(" + ", ".join(_html(a, 0) for a in n[2:]) + ")"
    if kind == "reg":
        return f"{_h.escape(n[1])}{'′' * n[2]}({_html(n[3], 0)})"
    prec = _PRECEDENCE[kind]
    if kind == "neg":
        text = "−" + _html(n[1], prec)
    elif kind == "pow":
        text = f"{_html(n[1], prec + 1)}<sup>{_html(n[2], 0)}</sup>"
    elif kind == "div":
        text = _html(n[1], prec) + " / " + _html(n[2], prec + 1)
    else:
        right = prec + (kind == "sub")
        text = _html(n[1], prec) + _SYMBOL[kind] + _html(n[2], right)
    return f"({text})" if prec < parent else text

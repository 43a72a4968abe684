"""The tree a formula becomes, and the few questions every other module asks of it.

A formula is held as nested plain tuples (:data:`Node`), never as code::

    ("num", value)        ("x",)            ("param", name)
    ("neg", a)            ("add", a, b)     ("sub", a, b)    ("mul", a, b)
    ("div", a, b)         ("pow", a, b)
    ("call", name, a[, b])                  a function of FUNCTIONS or an internal one
    ("reg", key, order, a)                  the registry's function ``key`` (its
                                            ``order``-th derivative) at default parameters
    ("where", (op, l, r), a, b)             a where l op r holds, else b

Internal functions appear only in derivatives: ``sign``, ``step`` (Heaviside), ``sech2``
(tanh′) and ``dsigmoid`` (σ′).
"""

from __future__ import annotations

from actgui.text.messages import Message

Node = tuple


class FormulaError(ValueError):
    """A formula was refused; the message says why and where, for the user.

    ``FormulaError(template, **fields)``: its argument is a :class:`Message` made of
    them, so ``str(exc)`` is the English text and a view can translate it
    (``actgui.i18n.translated_error``). Templates are marked where they are written:
    ``FormulaError(QT_TRANSLATE_NOOP("actgui.messages", "the key {key!r} …"), key=key)``.
    """

    def __init__(self, template: str, /, **fields: object) -> None:
        if isinstance(template, Message) and not fields:
            super().__init__(template)  # (a message made already; also how a copy is made)
        else:
            super().__init__(Message(template, **fields))


def children(n: Node) -> list[Node]:
    """The subtrees of a node, in order (a where's condition sides first)."""
    kind = n[0]
    if kind in ("num", "x", "param"):
        return []
    if kind == "call":
        return list(n[2:])
    if kind == "reg":
        return [n[3]]
    if kind == "where":
        return [n[1][1], n[1][2], n[2], n[3]]
    return list(n[1:])


def constant(n: Node) -> float | None:
    """The number a node is (``("num", c)`` or its negation), else None."""
    if n[0] == "num":
        return n[1]
    if n[0] == "neg" and n[1][0] == "num":
        return -n[1][1]
    return None


def parameters(node: Node) -> list[str]:
    """The parameter names of a tree, in order of first appearance."""
    out: list[str] = []

    def walk(n: Node) -> None:
        if n[0] == "param" and n[1] not in out:
            out.append(n[1])
        for child in children(n):
            walk(child)

    walk(node)
    return out

"""Formulas typed by a user: parsed safely, differentiated symbolically, evaluated stably.

One concern per module:

* :mod:`.tree`: the tree a formula becomes (nested tuples, :data:`Node`) and
  :class:`FormulaError`;
* :mod:`.parse`: the text read safely into a tree (whitelist, limits, reserved names);
* :mod:`.calculus`: stable rewrites, simplification and derivatives, on a step budget;
* :mod:`.numeric`: the tree evaluated with numpy (stable σ, σ′, sech², softplus);
* :mod:`.kinks`: where the formula switches (kinks and jumps);
* :mod:`.render`: the tree written out as plain text or as rich text (HTML);
* :mod:`.reference`: the tree evaluated in mpmath (the exact value floats are checked
  against).

Nothing runs the text: no ``eval``, no ``exec``, no ``sympify``.
"""

from __future__ import annotations

from actgui.activations.formula.calculus import MAX_STEPS, derivative, simplify, stabilise
from actgui.activations.formula.kinks import MAX_KINKS, kink_positions, switches
from actgui.activations.formula.numeric import CHUNK, evaluate
from actgui.activations.formula.parse import (
    ANALYSIS_NAMES,
    FUNCTIONS,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_NODES,
    MAX_NUMBER,
    RESERVED,
    parse,
)
from actgui.activations.formula.reference import mp_evaluate
from actgui.activations.formula.render import MAX_TEXT_NODES, to_html, to_text
from actgui.activations.formula.tree import FormulaError, Node, parameters

__all__ = [
    "ANALYSIS_NAMES",
    "CHUNK",
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_KINKS",
    "MAX_LENGTH",
    "MAX_NODES",
    "MAX_NUMBER",
    "MAX_STEPS",
    "MAX_TEXT_NODES",
    "RESERVED",
    "FormulaError",
    "Node",
    "derivative",
    "evaluate",
    "kink_positions",
    "mp_evaluate",
    "parameters",
    "parse",
    "simplify",
    "stabilise",
    "switches",
    "to_html",
    "to_text",
]

"""Parsing a formula safely: the text becomes a tree (:data:`~.tree.Node`), or is refused.

Nothing here runs the text. :func:`parse` caps its length and nesting *before* Python's
``ast.parse`` sees it (``ast.parse`` itself can exhaust the C stack on deeply nested
input), then walks the syntax tree and accepts only a whitelist: numbers, ``x``,
parameter names, ``+ − * / **``, unary minus, calls of the functions in
:data:`FUNCTIONS` and of the registry's functions by key, and comparisons inside
``where(cond, a, b)``. Anything else (attributes, subscripts, lambdas, comprehensions,
strings, keywords, starred arguments, unknown calls, dunder names, exponents beyond
:data:`MAX_EXPONENT`) is refused with a message giving the column, before anything is
evaluated: no ``eval``, no ``exec``, no ``sympify``.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
from collections.abc import Mapping

import numpy as np

from actgui.activations.formula.numeric import evaluate
from actgui.activations.formula.tree import FormulaError, Node, children

#: Longest formula accepted (characters).
MAX_LENGTH = 500
#: Deepest nesting of brackets (counted before parsing).
MAX_DEPTH = 30
#: Most nodes in the accepted tree.
MAX_NODES = 300
#: Largest |exponent| of a power whose exponent is a number.
MAX_EXPONENT = 64
#: Largest |number| written in a formula.
MAX_NUMBER = 1e300

_SIGN_RUN = re.compile(r"[-+~](?:\s*[-+~])*")

#: Functions a formula may call: name → number of arguments.
FUNCTIONS: Mapping[str, int] = {
    "abs": 1,
    "min": 2,
    "max": 2,
    "exp": 1,
    "log": 1,
    "log1p": 1,
    "expm1": 1,
    "sqrt": 1,
    "sin": 1,
    "cos": 1,
    "tan": 1,
    "tanh": 1,
    "sinh": 1,
    "cosh": 1,
    "arctan": 1,
    "erf": 1,
    "sigmoid": 1,
    "softplus": 1,
    "relu": 1,
    "where": 3,
}
#: Names that are neither parameters nor functions.
#: (order, self and mp would clash with the arguments of Activation's methods.)
RESERVED = frozenset({"x", "pi", "e", "order", "self", "mp", *FUNCTIONS})
#: The named arguments of the analysis and training functions that also take a function's
#: parameters as keywords (``gaussian_stats(key, mu, sigma, eps, **params)``, …): a
#: parameter of your own by one of these names would collide with them
#: (tests/test_formula_names.py checks the list against the functions' signatures).
ANALYSIS_NAMES = frozenset(
    {
        "key", "mu", "sigma", "eps", "sigma_w", "sigma_b", "sigma_ws", "sigma_bs", "depth",
        "width", "n_inputs", "seed", "input_correlation", "progress", "cancelled", "x", "y",
        "hidden", "learning_rate", "optimizer", "init", "batch_size", "dataset", "steps",
        "n_points", "noise", "data", "params", "kind", "args", "kwargs",
    }
)  # fmt: skip
_COMPARE = {ast.Gt: ">", ast.GtE: "≥", ast.Lt: "<", ast.LtE: "≤"}
_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}


def parse(text: str, registry_keys: frozenset[str] = frozenset()) -> Node:
    """The tree of ``text``, or :class:`FormulaError` with a message naming the column.

    ``registry_keys`` are the functions callable by key besides :data:`FUNCTIONS`.
    Identifiers other than ``x``, ``pi``, ``e`` and function names are parameters.
    """
    if not isinstance(text, str):
        raise FormulaError("a formula must be text")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is {len(text)} characters long; at most {MAX_LENGTH}")
    if not text.strip():
        raise FormulaError("the formula is empty")
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise FormulaError(f"brackets nest {deepest} deep; at most {MAX_DEPTH}")
    # Unary operators nest without brackets ("- - - - x"): cap their runs as well.
    signs = max((len(re.sub(r"\s", "", run)) for run in _SIGN_RUN.findall(text)), default=0)
    if signs > MAX_DEPTH:
        raise FormulaError(f"{signs} signs in a row; at most {MAX_DEPTH}")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        column = (exc.offset or 1) + (len(text) - len(text.lstrip()))
        raise FormulaError(f"syntax error at column {column}: {exc.msg}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(f"the formula cannot be read: {exc}") from None
    builder = _Builder(text, registry_keys)
    node = builder.build(tree.body)
    if builder.count > MAX_NODES:
        raise FormulaError(f"the formula has {builder.count} terms; at most {MAX_NODES}")
    return node


class _Builder:
    def __init__(self, text: str, registry_keys: frozenset[str]) -> None:
        self.offset = len(text) - len(text.lstrip())
        self.registry_keys = registry_keys
        self.count = 0

    def fail(self, node: ast.AST, message: str, hint: str = "") -> FormulaError:
        column = getattr(node, "col_offset", 0) + 1 + self.offset
        return FormulaError(f"{message} at column {column}{hint}")

    def build(self, node: ast.AST) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise FormulaError(f"the formula has more than {MAX_NODES} terms")
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(node, f"{type(value).__name__} {value!r} is not a number")
            if isinstance(value, int) and abs(value) > MAX_NUMBER:
                raise self.fail(node, "number too large")
            value = float(value)
            if not math.isfinite(value) or abs(value) > MAX_NUMBER:
                raise self.fail(node, "number too large")
            return ("num", value)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return ("neg", self.build(node.operand))
            if isinstance(node.op, ast.UAdd):
                return self.build(node.operand)
            raise self.fail(node, f"operator {type(node.op).__name__} is not allowed")
        if isinstance(node, ast.BinOp):
            kind = _BINARY.get(type(node.op))
            if kind is None:
                raise self.fail(node, f"operator {_op_text(node.op)} is not allowed")
            left, right = self.build(node.left), self.build(node.right)
            if kind == "pow" and not _variable(right):
                # A constant exponent (9**9**9 included) is computed in floats and capped.
                exponent = float(np.reshape(evaluate(right, np.zeros(1), {}), -1)[0])
                if not (math.isfinite(exponent) and abs(exponent) <= MAX_EXPONENT):
                    raise self.fail(node.right, f"exponent too large (at most {MAX_EXPONENT})")
            return (kind, left, right)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Compare):
            raise self.fail(node, "a comparison is allowed only as where(condition, a, b)")
        if isinstance(node, ast.Attribute):
            raise self.fail(node, "attributes ('.') are not allowed")
        if isinstance(node, ast.Subscript):
            raise self.fail(node, "indexing ('[…]') is not allowed")
        raise self.fail(node, f"{_describe(node)} is not allowed")

    def name(self, node: ast.Name) -> Node:
        name = node.id
        if name.startswith("_"):
            raise self.fail(node, f"names starting with '_' ('{name}') are not allowed")
        if name == "x":
            return ("x",)
        if name == "pi":
            return ("num", math.pi)
        if name == "e":
            return ("num", math.e)
        if name in FUNCTIONS or name in self.registry_keys:
            raise self.fail(node, f"'{name}' is a function: call it, {name}(…)")
        if name in RESERVED:
            raise self.fail(node, f"'{name}' cannot be a parameter name")
        if name in ANALYSIS_NAMES:
            raise self.fail(
                node,
                f"'{name}' cannot be a parameter name: the analysis uses it (try '{name}_')",
            )
        if not name.isidentifier() or len(name) > 24:
            raise self.fail(node, f"'{name}' cannot be a parameter name")
        return ("param", name)

    def call(self, node: ast.Call) -> Node:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.fail(node, "only functions called by name are allowed")
        name = func.id
        if node.keywords:
            raise self.fail(node, f"{name}() takes no keyword arguments")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(node, f"{name}() takes no starred arguments")
        if name in FUNCTIONS:
            wanted = FUNCTIONS[name]
            if len(node.args) != wanted:
                raise self.fail(node, f"{name}() takes {wanted} argument(s), got {len(node.args)}")
            if name == "where":
                condition = node.args[0]
                if not (
                    isinstance(condition, ast.Compare)
                    and len(condition.ops) == 1
                    and type(condition.ops[0]) in _COMPARE
                ):
                    raise self.fail(
                        condition, "where() needs a comparison first: where(x > 0, a, b)"
                    )
                op = _COMPARE[type(condition.ops[0])]
                test = (op, self.build(condition.left), self.build(condition.comparators[0]))
                return ("where", test, self.build(node.args[1]), self.build(node.args[2]))
            return ("call", name, *(self.build(a) for a in node.args))
        if name in self.registry_keys:
            if len(node.args) != 1:
                raise self.fail(node, f"{name}() takes 1 argument, got {len(node.args)}")
            return ("reg", name, 0, self.build(node.args[0]))
        known = sorted({*FUNCTIONS, *self.registry_keys})
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise self.fail(func, f"unknown name '{name}'", hint)


def _op_text(op: ast.AST) -> str:
    return {
        ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|",
        ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>",
    }.get(type(op), type(op).__name__)  # fmt: skip


def _describe(node: ast.AST) -> str:
    names = {
        ast.Lambda: "a lambda", ast.ListComp: "a comprehension",
        ast.GeneratorExp: "a comprehension", ast.SetComp: "a comprehension",
        ast.DictComp: "a comprehension", ast.List: "a list", ast.Tuple: "a tuple",
        ast.Dict: "a dict", ast.Set: "a set", ast.BoolOp: "'and'/'or'",
        ast.IfExp: "'… if … else …' (use where)", ast.JoinedStr: "a string",
        ast.NamedExpr: "':='", ast.Await: "await", ast.Yield: "yield",
        ast.Starred: "'*'", ast.Slice: "a slice",
    }  # fmt: skip
    return names.get(type(node), type(node).__name__)


def _variable(n: Node) -> bool:
    """Whether a tree involves x, a parameter or a registry function (else it is a number
    computed on the spot)."""
    return n[0] in ("x", "param", "reg") or any(_variable(c) for c in children(n))

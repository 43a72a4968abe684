"""Parsing a formula safely: the text becomes a tree (:data:`~.tree.Node`), or is refused.

Nothing here runs the text. :func:`parse` caps its length and nesting *before* Python's
``ast.parse`` sees it (``ast.parse`` itself can exhaust the C stack on deeply nested
input), then walks the syntax tree and accepts only a whitelist: numbers, ``x``,
parameter names, ``+ − * / **``, unary minus, calls of the functions in
:data:`FUNCTIONS` and of the registry's functions by key, and comparisons inside
``where(cond, a, b)``. Anything else (attributes, subscripts, lambdas, comprehensions,
strings, keywords, starred arguments, unknown calls, dunder names, exponents beyond
:data:`MAX_EXPONENT`) is refused with a message giving the column, before anything is
evaluated: no ``eval``, no ``exec``, no ``sympify``. The messages are
:class:`~actgui.text.messages.Message` templates (translated where they are shown), and
so are Python's commonest syntax errors (:mod:`.syntax`).
"""

from __future__ import annotations

import ast
import difflib
import math
import re
from collections.abc import Mapping

import numpy as np

from actgui.activations.formula.numeric import evaluate
from actgui.activations.formula.syntax import syntax_detail
from actgui.activations.formula.tree import FormulaError, Node, children
from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message

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
        "n_points", "noise", "data", "params", "kind", "args", "kwargs", "features", "l1",
        "l2", "test", "test_fraction",
        # (and the modules and names an exported PyTorch script's functions use: a
        # parameter called torch hid the module in its own function)
        "torch", "np", "math", "F", "nn", "float",
    }
)  # fmt: skip
_COMPARE = {ast.Gt: ">", ast.GtE: "≥", ast.Lt: "<", ast.LtE: "≤"}
#: A problem with one part of a formula, and where that part starts.
_AT_COLUMN = QT_TRANSLATE_NOOP("actgui.messages", "{problem} at column {column}")
_TOO_LARGE = QT_TRANSLATE_NOOP("actgui.messages", "number too large")
_OPERATOR = QT_TRANSLATE_NOOP("actgui.messages", "operator {operator} is not allowed")
_NOT_A_PARAMETER = QT_TRANSLATE_NOOP("actgui.messages", "'{name}' cannot be a parameter name")
_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}


def parse(text: str, registry_keys: frozenset[str] = frozenset()) -> Node:
    """The tree of ``text``, or :class:`FormulaError` with a message naming the column.

    ``registry_keys`` are the functions callable by key besides :data:`FUNCTIONS`.
    Identifiers other than ``x``, ``pi``, ``e`` and function names are parameters.
    """
    if not isinstance(text, str):
        raise FormulaError(QT_TRANSLATE_NOOP("actgui.messages", "a formula must be text"))
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            QT_TRANSLATE_NOOP(
                "actgui.messages", "the formula is {length} characters long; at most {limit}"
            ),
            length=len(text),
            limit=MAX_LENGTH,
        )
    if not text.strip():
        raise FormulaError(QT_TRANSLATE_NOOP("actgui.messages", "the formula is empty"))
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise FormulaError(
            QT_TRANSLATE_NOOP("actgui.messages", "brackets nest {depth} deep; at most {limit}"),
            depth=deepest,
            limit=MAX_DEPTH,
        )
    # Unary operators nest without brackets ("- - - - x"): cap their runs as well.
    signs = max((len(re.sub(r"\s", "", run)) for run in _SIGN_RUN.findall(text)), default=0)
    if signs > MAX_DEPTH:
        raise FormulaError(
            QT_TRANSLATE_NOOP("actgui.messages", "{count} signs in a row; at most {limit}"),
            count=signs,
            limit=MAX_DEPTH,
        )
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        column = (exc.offset or 1) + (len(text) - len(text.lstrip()))
        raise FormulaError(
            QT_TRANSLATE_NOOP("actgui.messages", "syntax error at column {column}: {detail}"),
            column=column,
            detail=syntax_detail(exc.msg),
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(
            QT_TRANSLATE_NOOP("actgui.messages", "the formula cannot be read: {detail}"),
            detail=str(exc),
        ) from None
    builder = _Builder(text, registry_keys)
    node = builder.build(tree.body)
    if builder.count > MAX_NODES:
        raise FormulaError(
            QT_TRANSLATE_NOOP("actgui.messages", "the formula has {count} terms; at most {limit}"),
            count=builder.count,
            limit=MAX_NODES,
        )
    return node


class _Builder:
    def __init__(self, text: str, registry_keys: frozenset[str]) -> None:
        self.offset = len(text) - len(text.lstrip())
        self.registry_keys = registry_keys
        self.count = 0

    def fail(self, node: ast.AST, template: str, **fields: object) -> FormulaError:
        """The refusal of ``node``: the problem (a message ``template`` and its
        ``fields``) and its column."""
        column = getattr(node, "col_offset", 0) + 1 + self.offset
        problem = Message(template, **fields)
        return FormulaError(_AT_COLUMN, problem=problem, column=column)

    def build(self, node: ast.AST) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise FormulaError(
                QT_TRANSLATE_NOOP("actgui.messages", "the formula has more than {limit} terms"),
                limit=MAX_NODES,
            )
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(
                    node,
                    QT_TRANSLATE_NOOP("actgui.messages", "{kind} {value!r} is not a number"),
                    kind=type(value).__name__,
                    value=value,
                )
            if isinstance(value, int) and abs(value) > MAX_NUMBER:
                raise self.fail(node, _TOO_LARGE)
            value = float(value)
            if not math.isfinite(value) or abs(value) > MAX_NUMBER:
                raise self.fail(node, _TOO_LARGE)
            return ("num", value)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return ("neg", self.build(node.operand))
            if isinstance(node.op, ast.UAdd):
                return self.build(node.operand)
            raise self.fail(node, _OPERATOR, operator=type(node.op).__name__)
        if isinstance(node, ast.BinOp):
            kind = _BINARY.get(type(node.op))
            if kind is None:
                raise self.fail(node, _OPERATOR, operator=_op_text(node.op))
            left, right = self.build(node.left), self.build(node.right)
            if kind == "pow" and not _variable(right):
                # A constant exponent (9**9**9 included) is computed in floats and capped.
                exponent = float(np.reshape(evaluate(right, np.zeros(1), {}), -1)[0])
                if not (math.isfinite(exponent) and abs(exponent) <= MAX_EXPONENT):
                    raise self.fail(
                        node.right,
                        QT_TRANSLATE_NOOP(
                            "actgui.messages", "exponent too large (at most {limit})"
                        ),
                        limit=MAX_EXPONENT,
                    )
            return (kind, left, right)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Compare):
            raise self.fail(
                node,
                QT_TRANSLATE_NOOP(
                    "actgui.messages", "a comparison is allowed only as where(condition, a, b)"
                ),
            )
        if isinstance(node, ast.Attribute):
            raise self.fail(
                node, QT_TRANSLATE_NOOP("actgui.messages", "attributes ('.') are not allowed")
            )
        if isinstance(node, ast.Subscript):
            raise self.fail(
                node, QT_TRANSLATE_NOOP("actgui.messages", "indexing ('[…]') is not allowed")
            )
        what = _describe(node)
        raise self.fail(
            node, QT_TRANSLATE_NOOP("actgui.messages", "{what} is not allowed"), what=what
        )

    def name(self, node: ast.Name) -> Node:
        name = node.id
        if name.startswith("_"):
            raise self.fail(
                node,
                QT_TRANSLATE_NOOP(
                    "actgui.messages", "names starting with '_' ('{name}') are not allowed"
                ),
                name=name,
            )
        if name == "x":
            return ("x",)
        if name == "pi":
            return ("num", math.pi)
        if name == "e":
            return ("num", math.e)
        if name in FUNCTIONS or name in self.registry_keys:
            raise self.fail(
                node,
                QT_TRANSLATE_NOOP("actgui.messages", "'{name}' is a function: call it, {name}(…)"),
                name=name,
            )
        if name in RESERVED:
            raise self.fail(node, _NOT_A_PARAMETER, name=name)
        if name in ANALYSIS_NAMES:
            raise self.fail(
                node,
                QT_TRANSLATE_NOOP(
                    "actgui.messages",
                    "'{name}' cannot be a parameter name: the analysis uses it (try '{name}_')",
                ),
                name=name,
            )
        if not name.isidentifier() or len(name) > 24:
            raise self.fail(node, _NOT_A_PARAMETER, name=name)
        return ("param", name)

    def call(self, node: ast.Call) -> Node:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.fail(
                node,
                QT_TRANSLATE_NOOP("actgui.messages", "only functions called by name are allowed"),
            )
        name = func.id
        if node.keywords:
            raise self.fail(
                node,
                QT_TRANSLATE_NOOP("actgui.messages", "{name}() takes no keyword arguments"),
                name=name,
            )
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(
                node,
                QT_TRANSLATE_NOOP("actgui.messages", "{name}() takes no starred arguments"),
                name=name,
            )
        if name in FUNCTIONS:
            wanted = FUNCTIONS[name]
            if len(node.args) != wanted:
                raise self.fail(
                    node,
                    QT_TRANSLATE_NOOP(
                        "actgui.messages", "{name}() takes {wanted} argument(s), got {count}"
                    ),
                    name=name,
                    wanted=wanted,
                    count=len(node.args),
                )
            if name == "where":
                condition = node.args[0]
                if not (
                    isinstance(condition, ast.Compare)
                    and len(condition.ops) == 1
                    and type(condition.ops[0]) in _COMPARE
                ):
                    raise self.fail(
                        condition,
                        QT_TRANSLATE_NOOP(
                            "actgui.messages",
                            "where() needs a comparison first: where(x > 0, a, b)",
                        ),
                    )
                op = _COMPARE[type(condition.ops[0])]
                test = (op, self.build(condition.left), self.build(condition.comparators[0]))
                return ("where", test, self.build(node.args[1]), self.build(node.args[2]))
            return ("call", name, *(self.build(a) for a in node.args))
        if name in self.registry_keys:
            if len(node.args) != 1:
                raise self.fail(
                    node,
                    QT_TRANSLATE_NOOP("actgui.messages", "{name}() takes 1 argument, got {count}"),
                    name=name,
                    count=len(node.args),
                )
            return ("reg", name, 0, self.build(node.args[0]))
        known = sorted({*FUNCTIONS, *self.registry_keys})
        close = difflib.get_close_matches(name, known, n=1)
        unknown = QT_TRANSLATE_NOOP("actgui.messages", "unknown name '{name}'")
        if not close:
            raise self.fail(func, unknown, name=name)
        column = func.col_offset + 1 + self.offset
        raise FormulaError(
            QT_TRANSLATE_NOOP(
                "actgui.messages", "{problem} at column {column}; did you mean '{suggestion}'?"
            ),
            problem=Message(unknown, name=name),
            column=column,
            suggestion=close[0],
        )


def _op_text(op: ast.AST) -> str:
    return {
        ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|",
        ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>",
    }.get(type(op), type(op).__name__)  # fmt: skip


def _describe(node: ast.AST) -> str:
    """What ``node`` is, for "… is not allowed": in words (a message) or as written."""
    comprehension = QT_TRANSLATE_NOOP("actgui.messages", "a comprehension")
    words = {
        ast.Lambda: QT_TRANSLATE_NOOP("actgui.messages", "a lambda"),
        ast.ListComp: comprehension, ast.GeneratorExp: comprehension,
        ast.SetComp: comprehension, ast.DictComp: comprehension,
        ast.List: QT_TRANSLATE_NOOP("actgui.messages", "a list"),
        ast.Tuple: QT_TRANSLATE_NOOP("actgui.messages", "a tuple"),
        ast.Dict: QT_TRANSLATE_NOOP("actgui.messages", "a dict"),
        ast.Set: QT_TRANSLATE_NOOP("actgui.messages", "a set"),
        ast.IfExp: QT_TRANSLATE_NOOP("actgui.messages", "'… if … else …' (use where)"),
        ast.JoinedStr: QT_TRANSLATE_NOOP("actgui.messages", "a string"),
        ast.Slice: QT_TRANSLATE_NOOP("actgui.messages", "a slice"),
    }  # fmt: skip
    if type(node) in words:
        return Message(words[type(node)])
    written = {
        ast.BoolOp: "'and'/'or'", ast.NamedExpr: "':='", ast.Await: "await",
        ast.Yield: "yield", ast.Starred: "'*'",
    }  # fmt: skip
    return written.get(type(node), type(node).__name__)


def _variable(n: Node) -> bool:
    """Whether a tree involves x, a parameter or a registry function (else it is a number
    computed on the spot)."""
    return n[0] in ("x", "param", "reg") or any(_variable(c) for c in children(n))

"""Formulas typed by a user: parsed safely, differentiated symbolically, evaluated stably.

Nothing here runs the text. :func:`parse` caps its length and nesting *before* Python's
``ast.parse`` sees it (``ast.parse`` itself can exhaust the C stack on deeply nested
input), then walks the syntax tree and accepts only a whitelist: numbers, ``x``,
parameter names, ``+ − * / **``, unary minus, calls of the functions in
:data:`FUNCTIONS` and of the registry's functions by key, and comparisons inside
``where(cond, a, b)``. Anything else (attributes, subscripts, lambdas, comprehensions,
strings, keywords, starred arguments, unknown calls, dunder names, exponents beyond
:data:`MAX_EXPONENT`) is refused with a message giving the column, before anything is
evaluated. The accepted tree is rebuilt as plain tuples (:data:`Node`), which are
differentiated by the usual rules and evaluated by walking them with numpy: no
``eval``, no ``exec``, no ``sympify``.

Nodes::

    ("num", value)        ("x",)            ("param", name)
    ("neg", a)            ("add", a, b)     ("sub", a, b)    ("mul", a, b)
    ("div", a, b)         ("pow", a, b)
    ("call", name, a[, b])                  a function of FUNCTIONS or an internal one
    ("reg", key, order, a)                  the registry's function ``key`` (its
                                            ``order``-th derivative) at default parameters
    ("where", (op, l, r), a, b)             a where l op r holds, else b

Conventions at kinks, as PyTorch's autograd: abs′(0) = 0, relu′(0) = 0, the derivative
of ``where(c, a, b)`` is ``where(c, a′, b′)`` (so at equality it is the derivative of the
side the condition picks: ``where(x > 0, …)`` takes the *else* side at x = 0), and
``max(a, b)``, ``min(a, b)`` share the gradient equally on a tie (PyTorch's
``torch.maximum``/``torch.minimum``).

Stable forms: ``log(1 + exp(u))`` becomes ``softplus(u)`` (no overflow for large u),
``log(1 + u)`` becomes ``log1p(u)``, ``exp(u) − 1`` becomes ``expm1(u)`` and
``1/(1 + exp(−u))`` becomes ``sigmoid(u)``; σ, softplus, tanh′ = sech² and σ′ are
evaluated without overflow. Where a value still overflows, it is inf, as in numpy.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import functools
import math
import operator
import re
import threading
from collections.abc import Callable, Mapping

import numpy as np

from actgui.cancel import checkpoint

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

Node = tuple
#: Most steps (rewriting one node) that differentiating and simplifying may take: a formula
#: whose derivatives grow beyond it (x·x·…·x, 150 factors: f″ has millions of terms) is
#: refused instead of taking minutes.
MAX_STEPS = 20_000
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


class FormulaError(ValueError):
    """A formula was refused; the message says why and where, for the user."""


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


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


def parameters(node: Node) -> list[str]:
    """The parameter names of a tree, in order of first appearance."""
    out: list[str] = []

    def walk(n: Node) -> None:
        if n[0] == "param" and n[1] not in out:
            out.append(n[1])
        for child in _children(n):
            walk(child)

    walk(node)
    return out


def _children(n: Node) -> list[Node]:
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


def _constant(n: Node) -> float | None:
    if n[0] == "num":
        return n[1]
    if n[0] == "neg" and n[1][0] == "num":
        return -n[1][1]
    return None


# ---------------------------------------------------------------------------
# Stable rewrites and simplification
# ---------------------------------------------------------------------------


def stabilise(n: Node) -> Node:
    """Known unstable patterns rewritten to stable functions (see the module notes)."""
    kind = n[0]
    if kind in ("num", "x", "param"):
        return n
    if kind == "where":
        op, left, right = n[1]
        return ("where", (op, stabilise(left), stabilise(right)), stabilise(n[2]), stabilise(n[3]))
    if kind == "reg":
        return ("reg", n[1], n[2], stabilise(n[3]))
    if kind == "call":
        args = [stabilise(a) for a in n[2:]]
        if n[1] == "log" and args[0][0] == "add":
            a, b = args[0][1], args[0][2]
            for one, other in ((a, b), (b, a)):
                if _constant(one) == 1.0:
                    if other[0] == "call" and other[1] == "exp":
                        return ("call", "softplus", other[2])
                    return ("call", "log1p", other)
        return ("call", n[1], *args)
    a = stabilise(n[1])
    if kind == "neg":
        return ("neg", a)
    b = stabilise(n[2])
    if kind == "sub" and _constant(b) == 1.0 and a[0] == "call" and a[1] == "exp":
        return ("call", "expm1", a[2])
    if kind == "div" and _constant(a) == 1.0 and b[0] == "add":
        p, q = b[1], b[2]
        for one, other in ((p, q), (q, p)):
            if _constant(one) == 1.0 and other[0] == "call" and other[1] == "exp":
                u = other[2]
                return ("call", "sigmoid", u[1] if u[0] == "neg" else ("neg", u))
    return (kind, a, b)


_LOCAL = threading.local()


def _memoized(fn=None, *, counted: bool = True):
    """Within a :func:`_scope`, each distinct node (by identity) is handled once: trees
    share subtrees (a derivative refers to its function's), and walking them as trees
    would repeat that work exponentially. Each new step of a ``counted`` function (the
    rewriting ones, not evaluation) counts against ``MAX_STEPS``."""
    if fn is None:
        return functools.partial(_memoized, counted=counted)

    @functools.wraps(fn)
    def wrapper(n, *rest):
        table = getattr(_LOCAL, fn.__name__, None)
        if table is None:
            return fn(n, *rest)
        hit = table.get(id(n))
        if hit is not None and hit[0] is n:
            return hit[1]
        _LOCAL.steps += counted
        if _LOCAL.steps > MAX_STEPS:
            raise FormulaError("the formula is too complex to differentiate; shorten it")
        out = fn(n, *rest)
        table[id(n)] = (n, out)  # n kept alive: its id stays its own
        return out

    return wrapper


@contextlib.contextmanager
def _scope(*names: str):
    """Memos for the named functions (and a fresh step count) while inside."""
    outer = {name: getattr(_LOCAL, name, None) for name in names}
    fresh = not hasattr(_LOCAL, "steps") or all(v is None for v in outer.values())
    if fresh:
        _LOCAL.steps = 0
    for name in names:
        if outer[name] is None:
            setattr(_LOCAL, name, {})
    try:
        yield
    except RecursionError:
        raise FormulaError("the formula nests too deeply") from None
    finally:
        for name in names:
            if outer[name] is None:
                setattr(_LOCAL, name, None)


def simplify(n: Node) -> Node:
    """Constants folded and the trivial identities applied (0·u, 1·u, u + 0, u^1, …)."""
    with _scope("_simplify"):
        return _simplify(n)


@_memoized
def _simplify(n: Node) -> Node:
    kind = n[0]
    if kind in ("num", "x", "param"):
        return n
    if kind == "where":
        op, left, right = n[1]
        a, b = _simplify(n[2]), _simplify(n[3])
        if a == b:
            return a
        return ("where", (op, _simplify(left), _simplify(right)), a, b)
    if kind == "reg":
        return ("reg", n[1], n[2], _simplify(n[3]))
    if kind == "call":
        return ("call", n[1], *(_simplify(a) for a in n[2:]))
    if kind == "neg":
        a = _simplify(n[1])
        if a[0] == "num":
            return ("num", -a[1])
        if a[0] == "neg":
            return a[1]
        return ("neg", a)
    a, b = _simplify(n[1]), _simplify(n[2])
    ca, cb = _constant(a), _constant(b)
    if ca is not None and cb is not None:
        with np.errstate(all="ignore"):
            value = {"add": ca + cb, "sub": ca - cb, "mul": ca * cb}.get(kind)
            if kind == "div" and cb != 0.0:
                value = ca / cb
            if kind == "pow" and abs(cb) <= MAX_EXPONENT and (ca > 0.0 or cb.is_integer()):
                value = float(np.power(ca, cb))
        if value is not None and math.isfinite(value):
            return ("num", value)
    if kind in ("mul", "div"):
        return _product(("mul" if kind == "mul" else "div", a, b))
    if kind == "add":
        if ca == 0.0:
            return b
        if cb == 0.0:
            return a
        if b[0] == "neg":
            return ("sub", a, b[1])
    elif kind == "sub":
        if cb == 0.0:
            return a
        if ca == 0.0:
            return _simplify(("neg", b))
        if a == b:
            return ("num", 0.0)
    elif kind == "mul":
        if ca == 0.0 or cb == 0.0:
            return ("num", 0.0)
        if ca == 1.0:
            return b
        if cb == 1.0:
            return a
        if ca == -1.0:
            return _simplify(("neg", b))
        if cb == -1.0:
            return _simplify(("neg", a))
        if cb is not None and ca is None:
            return ("mul", b, a)  # the number first: 2·u
    elif kind == "div":
        if ca == 0.0:
            return ("num", 0.0)
        if cb == 1.0:
            return a
    elif kind == "pow":
        if cb == 1.0:
            return a
        if cb == 0.0:
            return ("num", 1.0)
    return (kind, a, b)


# ---------------------------------------------------------------------------
# Derivatives
# ---------------------------------------------------------------------------


def _factors(n: Node) -> tuple[float, list[Node], list[Node]]:
    """A product or quotient as (constant, factors above, factors below)."""
    kind = n[0]
    if kind == "num":
        return n[1], [], []
    if kind == "neg":
        c, up, down = _factors(n[1])
        return -c, up, down
    if kind in ("mul", "div"):
        ca, up_a, down_a = _factors(n[1])
        cb, up_b, down_b = _factors(n[2])
        if kind == "mul":
            return ca * cb, up_a + up_b, down_a + down_b
        if cb != 0.0 and math.isfinite(ca / cb):
            return ca / cb, up_a + down_b, down_a + up_b
        return ca, up_a + down_b, down_a + up_b + [("num", cb)]
    return 1.0, [n], []


def _chain(factors: list[Node]) -> Node:
    out = factors[0]
    for f in factors[1:]:
        out = ("mul", out, f)
    return out


def _product(n: Node) -> Node:
    """Constants gathered into one number in front: 0.5/√u·2·x → x/√u, 2·sign(x)/2² →
    0.5·sign(x)."""
    c, up, down = _factors(n)
    # Flattening copies the factors: they count as steps (a product of many factors,
    # differentiated twice, would otherwise grow to hundreds of thousands of nodes).
    if hasattr(_LOCAL, "steps"):
        _LOCAL.steps += len(up) + len(down)
        if _LOCAL.steps > MAX_STEPS:
            raise FormulaError("the formula is too complex to differentiate; shorten it")
    if c == 0.0 and not down:
        return ("num", 0.0)
    if not math.isfinite(c):
        return n
    top = up if abs(c) == 1.0 and up else [("num", abs(c)), *up]
    result = _chain(top)
    if down:
        result = ("div", result, _chain(down))
    return ("neg", result) if c < 0 else result


def derivative(n: Node) -> Node:
    """d/dx of a tree, simplified (conventions at kinks in the module notes);
    :class:`FormulaError` if that takes more than ``MAX_STEPS`` steps."""
    with _scope("_d", "_simplify", "_depends"):
        return _simplify(_d(n))


@_memoized
def _d(n: Node) -> Node:
    kind = n[0]
    if kind in ("num", "param"):
        return ("num", 0.0)
    if kind == "x":
        return ("num", 1.0)
    if kind == "neg":
        return ("neg", _d(n[1]))
    if kind in ("add", "sub"):
        return (kind, _d(n[1]), _d(n[2]))
    if kind == "mul":
        a, b = n[1], n[2]
        return ("add", ("mul", _d(a), b), ("mul", a, _d(b)))
    if kind == "div":
        a, b = n[1], n[2]
        if not _depends(b):  # (u/c)′ = u′/c, not (u′c − u·0)/c²
            return ("div", _d(a), b)
        return ("div", ("sub", ("mul", _d(a), b), ("mul", a, _d(b))), ("pow", b, ("num", 2.0)))
    if kind == "pow":
        a, b = n[1], n[2]
        if not _depends(b):
            return ("mul", ("mul", b, ("pow", a, ("sub", b, ("num", 1.0)))), _d(a))
        # a^b = e^(b ln a): (b′ ln a + b a′/a) a^b
        log_a = ("call", "log", a)
        return ("mul", n, ("add", ("mul", _d(b), log_a), ("div", ("mul", b, _d(a)), a)))
    if kind == "where":
        return ("where", n[1], _d(n[2]), _d(n[3]))
    if kind == "reg":
        key, order, u = n[1], n[2], n[3]
        if order >= 2:
            raise FormulaError(f"the third derivative of {key} is not available")
        return ("mul", ("reg", key, order + 1, u), _d(u))
    name, args = n[1], n[2:]
    if name in ("min", "max"):
        a, b = args
        first = (">" if name == "max" else "<", a, b)
        second = ("<" if name == "max" else ">", a, b)
        tie = ("div", ("add", _d(a), _d(b)), ("num", 2.0))
        return ("where", first, _d(a), ("where", second, _d(b), tie))
    u = args[0]
    du = _d(u)
    outer = _OUTER[name](u)
    return ("mul", outer, du)


@_memoized(counted=False)
def _depends(n: Node) -> bool:
    return n[0] == "x" or any(_depends(c) for c in _children(n))


def _variable(n: Node) -> bool:
    """Whether a tree involves x, a parameter or a registry function (else it is a number
    computed on the spot)."""
    return n[0] in ("x", "param", "reg") or any(_variable(c) for c in _children(n))


def _c(name: str, u: Node) -> Node:
    return ("call", name, u)


_TWO_OVER_ROOT_PI = 2.0 / math.sqrt(math.pi)
#: f′(u) for each one-argument function f (internal ones included).
_OUTER: dict[str, Callable[[Node], Node]] = {
    "abs": lambda u: _c("sign", u),
    "exp": lambda u: _c("exp", u),
    "expm1": lambda u: _c("exp", u),
    "log": lambda u: ("div", ("num", 1.0), u),
    "log1p": lambda u: ("div", ("num", 1.0), ("add", ("num", 1.0), u)),
    "sqrt": lambda u: ("div", ("num", 0.5), _c("sqrt", u)),
    "sin": lambda u: _c("cos", u),
    "cos": lambda u: ("neg", _c("sin", u)),
    "tan": lambda u: ("add", ("num", 1.0), ("pow", _c("tan", u), ("num", 2.0))),
    "tanh": lambda u: _c("sech2", u),
    "sinh": lambda u: _c("cosh", u),
    "cosh": lambda u: _c("sinh", u),
    "arctan": lambda u: ("div", ("num", 1.0), ("add", ("num", 1.0), ("pow", u, ("num", 2.0)))),
    "erf": lambda u: (
        "mul",
        ("num", _TWO_OVER_ROOT_PI),
        _c("exp", ("neg", ("pow", u, ("num", 2.0)))),
    ),
    "sigmoid": lambda u: _c("dsigmoid", u),
    "softplus": lambda u: _c("sigmoid", u),
    "relu": lambda u: _c("step", u),
    # Internal functions that derivatives introduce.
    "sign": lambda u: ("num", 0.0),
    "step": lambda u: ("num", 0.0),
    "sech2": lambda u: ("mul", ("num", -2.0), ("mul", _c("sech2", u), _c("tanh", u))),
    "dsigmoid": lambda u: (
        "mul",
        _c("dsigmoid", u),
        ("sub", _c("sigmoid", ("neg", u)), _c("sigmoid", u)),
    ),
}


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


def _sigmoid(u: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(u))
    return np.where(u >= 0, 1.0, e) / (1.0 + e)


def _sech2(u: np.ndarray) -> np.ndarray:
    # 4e^(−2|u|)/(1 + e^(−2|u|))²: no overflow, full relative accuracy far out.
    e = np.exp(-2.0 * np.abs(u))
    return 4.0 * e / (1.0 + e) ** 2


def _erf(u: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return erf(u)


_NUMPY: dict[str, Callable[..., np.ndarray]] = {
    "abs": np.abs,
    "min": np.minimum,
    "max": np.maximum,
    "exp": np.exp,
    "log": np.log,
    "log1p": np.log1p,
    "expm1": np.expm1,
    "sqrt": np.sqrt,
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "tanh": np.tanh,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "arctan": np.arctan,
    "erf": _erf,
    "sigmoid": _sigmoid,
    "softplus": lambda u: np.logaddexp(0.0, u),
    "relu": lambda u: np.where(u > 0.0, u, 0.0 * u),
    "sign": np.sign,
    "step": lambda u: np.where(u > 0.0, 1.0, 0.0),
    "sech2": _sech2,
    "dsigmoid": lambda u: _sigmoid(u) * _sigmoid(-u),
}
#: + − × ÷ for numpy arrays and mpmath numbers alike.
_ARITHMETIC = {"add": operator.add, "sub": operator.sub, "mul": operator.mul,
               "div": operator.truediv}  # fmt: skip
_COMPARE_NP = {">": np.greater, "≥": np.greater_equal, "<": np.less, "≤": np.less_equal}


#: Points evaluated at once: memory stays in proportion to this, whatever the input's size.
CHUNK = 8192
_SHARED: dict[int, tuple[Node, frozenset[int]]] = {}


def _shared_nodes(root: Node) -> frozenset[int]:
    """Ids of the nodes reached by more than one path (worth remembering while evaluating)."""
    hit = _SHARED.get(id(root))
    if hit is not None and hit[0] is root:
        return hit[1]
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        m = stack.pop()
        if id(m) in seen:
            shared.add(id(m))
            continue
        seen.add(id(m))
        stack.extend(_children(m))
    result = frozenset(shared)
    if len(_SHARED) > 256:
        _SHARED.clear()
    _SHARED[id(root)] = (root, result)
    return result


def evaluate(
    n: Node, x: np.ndarray, params: Mapping[str, float], registry: Mapping | None = None
) -> np.ndarray:
    """The tree's value at every x (float64; overflow gives ±inf, no warnings). A subtree
    reached by several paths is computed once per call; long inputs go ``CHUNK`` points
    at a time."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1 and x.size > CHUNK:
        out = np.empty_like(x)
        for i in range(0, x.size, CHUNK):
            part = x[i : i + CHUNK]
            out[i : i + CHUNK] = np.broadcast_to(evaluate(n, part, params, registry), part.shape)
        return out
    previous = getattr(_LOCAL, "eval_memo", None), getattr(_LOCAL, "eval_shared", None)
    _LOCAL.eval_memo, _LOCAL.eval_shared = {}, _shared_nodes(n)
    try:
        with np.errstate(all="ignore"):
            return np.asarray(_eval(n, x, params, registry))
    finally:
        _LOCAL.eval_memo, _LOCAL.eval_shared = previous


def _eval(n: Node, x, params, registry):
    shared = _LOCAL.eval_shared
    if id(n) in shared:
        memo = _LOCAL.eval_memo
        hit = memo.get(id(n))
        if hit is None:
            hit = memo[id(n)] = _eval_node(n, x, params, registry)
        return hit
    return _eval_node(n, x, params, registry)


def _eval_node(n: Node, x, params, registry):
    checkpoint()  # (a worker asked to stop: a large formula on a long grid ends here)
    kind = n[0]
    if kind == "num":
        return n[1]
    if kind == "x":
        return x
    if kind == "param":
        return params[n[1]]
    if kind == "neg":
        return -_eval(n[1], x, params, registry)
    if kind == "where":
        op, left, right = n[1]
        test = _COMPARE_NP[op](_eval(left, x, params, registry), _eval(right, x, params, registry))
        a = _eval(n[2], x, params, registry)
        b = _eval(n[3], x, params, registry)
        return np.where(test, a, b)
    if kind == "call":
        args = [_eval(a, x, params, registry) for a in n[2:]]
        return _NUMPY[n[1]](*(np.asarray(a, dtype=np.float64) for a in args))
    if kind == "reg":
        u = np.asarray(_eval(n[3], x, params, registry), dtype=np.float64)
        return registry[n[1]].evaluate(n[2], u)
    a = _eval(n[1], x, params, registry)
    b = _eval(n[2], x, params, registry)
    if kind == "pow":
        return np.power(np.asarray(a, dtype=np.float64), b)
    if kind == "div":  # (numpy's: ÷ 0 gives ±inf or NaN, for scalars too)
        return np.divide(a, b)
    return _ARITHMETIC[kind](a, b)


# ---------------------------------------------------------------------------
# Where the formula switches: kinks and jumps
# ---------------------------------------------------------------------------


#: Where switch points are looked for: a dense grid near 0 and a logarithmic one far out.
@functools.cache
def _search_grid() -> np.ndarray:
    """Made on first use, not at import (it cost 20 ms of every start-up)."""
    near = np.linspace(-64.0, 64.0, 25601)
    far = np.logspace(-300.0, 300.0, 1201)
    grid = np.unique(np.concatenate([-far, [0.0], far, near]))
    grid.setflags(write=False)
    return grid


def switches(n: Node) -> list[Node]:
    """Expressions g(x) whose zeros are where the formula may switch: the argument of
    abs, relu, sign and step; a − b of min and max; l − r of a where; u − k for each
    kink k of a registry function."""
    out: list[Node] = []

    def walk(m: Node) -> None:
        kind = m[0]
        if kind == "call" and m[1] in ("abs", "relu", "sign", "step"):
            out.append(m[2])
        elif kind == "call" and m[1] in ("min", "max"):
            out.append(("sub", m[2], m[3]))
        elif kind == "where":
            out.append(("sub", m[1][1], m[1][2]))
        elif kind == "reg":
            out.append(("reg-kinks", m[1], m[3]))
        for child in _children(m):
            walk(child)

    walk(n)
    return out


#: Most switch points kept per switching expression (those nearest 0): a formula that
#: switches more often is no activation one can look at (abs(sin(1e9·x))).
MAX_KINKS = 200


def kink_positions(
    n: Node, params: Mapping[str, float], registry: Mapping | None = None
) -> tuple[float, ...]:
    """Every x at which a switching expression g of the tree changes sign, found on a grid
    from −1e300 to 1e300 (dense on [−64, 64]) and bisected to adjacent floats: where g > 0
    starts or stops holding, and where g < 0 does (a run of exact zeros between, as x³
    underflowing near 0, gives both its ends). At most ``MAX_KINKS`` per expression."""
    found: set[float] = set()
    for g in switches(n):
        if g[0] == "reg-kinks":
            key, u = g[1], g[2]
            for k in registry[key].kinks():
                found.update(_switch_points(("sub", u, ("num", k)), params, registry))
        else:
            found.update(_switch_points(g, params, registry))
    return tuple(sorted(found))


def _switch_points(g: Node, params, registry) -> list[float]:
    if not _depends(g):
        return []
    grid = _search_grid()
    values = np.broadcast_to(evaluate(g, grid, params, registry), grid.shape)
    ok = np.isfinite(values)
    # Cells where g > 0 starts or stops holding, then those where g < 0 does (most are
    # the same cells: bisected side by side, each step one evaluation for both).
    found, sides = [], []
    for side in (np.greater, np.less):
        holds = side(values, 0.0)
        cells = np.flatnonzero(ok[:-1] & ok[1:] & (holds[:-1] != holds[1:]))
        if cells.size > MAX_KINKS:
            cells = cells[np.argsort(np.abs(grid[cells]))[:MAX_KINKS]]
        found.append(cells)
        sides.append(np.full(cells.size, side is np.greater))
    cells, greater = np.concatenate(found), np.concatenate(sides)
    if not cells.size:
        return []
    left = np.where(greater, values[cells] > 0.0, values[cells] < 0.0)
    # Bisected on the floats' order (their bit patterns as integers), not their values:
    # adjacent floats in at most 64 halvings from anywhere (halving values took up to
    # ~2100 from ±1e300).
    lo, hi = _ordinal(grid[cells]), _ordinal(grid[cells + 1])
    for _ in range(70):
        checkpoint()
        open_ = hi - lo > 1
        if not open_.any():
            break
        mid = (lo >> 1) + (hi >> 1) + (lo & hi & 1)  # (no overflow)
        v = np.broadcast_to(evaluate(g, _from_ordinal(mid), params, registry), mid.shape)
        same = np.where(greater, v > 0.0, v < 0.0) == left
        lo = np.where(open_ & same, mid, lo)
        hi = np.where(open_ & ~same, mid, hi)
    lo, hi = _from_ordinal(lo), _from_ordinal(hi)
    # Of the two floats around the switch, the one where |g| is smaller (g = 0 exactly
    # on a kink that is a float, like x = α in abs(x − α)).
    vl = np.abs(np.broadcast_to(evaluate(g, lo, params, registry), lo.shape))
    vh = np.abs(np.broadcast_to(evaluate(g, hi, params, registry), hi.shape))
    return [float(v) for v in np.where(vl <= vh, lo, hi)]


_MAGNITUDE = np.int64(0x7FFF_FFFF_FFFF_FFFF)


def _ordinal(x: np.ndarray) -> np.ndarray:
    """Each float's place in the order of all floats, as an int64 (−0 and +0 both 0)."""
    bits = np.ascontiguousarray(x, dtype=np.float64).view(np.int64)
    return np.where(bits < 0, -(bits & _MAGNITUDE), bits)


def _from_ordinal(k: np.ndarray) -> np.ndarray:
    """The floats at places ``k`` (:func:`_ordinal`'s inverse; +0 for 0)."""
    k = np.asarray(k, dtype=np.int64)
    return np.where(k < 0, -np.abs(k).view(np.float64), k.view(np.float64))


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# High precision (the tests' reference)
# ---------------------------------------------------------------------------


#: Largest argument of exp (and kin) in a reference value: beyond it the value is far
#: outside the float range anyway.
_MP_ARG_LIMIT = 1e5
#: Largest argument of sin, cos and tan in a reference value (the largest float, about).
_MP_TRIG_LIMIT = 1e308


def mp_evaluate(n: Node, mp, x, params: Mapping[str, float]):
    """The tree's value at one point in mpmath (``mp`` passed in, as for the registry's
    references); a registry function is evaluated in floats (its own reference is not
    composable here)."""
    checkpoint()
    kind = n[0]
    if kind == "num":
        return mp.mpf(n[1])
    if kind == "x":
        return mp.mpf(x)
    if kind == "param":
        return mp.mpf(params[n[1]])
    if kind == "neg":
        return -mp_evaluate(n[1], mp, x, params)
    if kind == "where":
        op, left, right = n[1]
        lv, rv = mp_evaluate(left, mp, x, params), mp_evaluate(right, mp, x, params)
        test = {">": lv > rv, "≥": lv >= rv, "<": lv < rv, "≤": lv <= rv}[op]
        return mp_evaluate(n[2] if test else n[3], mp, x, params)
    if kind == "reg":
        raise FormulaError("a registry function has no high-precision reference here")
    if kind == "call":
        args = [mp_evaluate(a, mp, x, params) for a in n[2:]]
        u = args[0]
        if n[1] in ("exp", "expm1", "sinh", "cosh", "softplus") and abs(u) > _MP_ARG_LIMIT:
            # e^(1e308) would need a number with 1e308 digits of exponent: too large to
            # matter here (and to compute).
            raise OverflowError("too large for a reference value")
        if n[1] in ("sin", "cos", "tan") and abs(u) > _MP_TRIG_LIMIT:
            # Reducing e^450000 modulo 2π takes as many digits (seconds per value); no
            # float comes near it.
            raise OverflowError("too large for a reference value")
        table = {
            "abs": lambda: abs(u), "min": lambda: min(args), "max": lambda: max(args),
            "exp": lambda: mp.exp(u), "log": lambda: mp.log(u), "log1p": lambda: mp.log1p(u),
            "expm1": lambda: mp.expm1(u), "sqrt": lambda: mp.sqrt(u), "sin": lambda: mp.sin(u),
            "cos": lambda: mp.cos(u), "tan": lambda: mp.tan(u), "tanh": lambda: mp.tanh(u),
            "sinh": lambda: mp.sinh(u), "cosh": lambda: mp.cosh(u), "arctan": lambda: mp.atan(u),
            "erf": lambda: mp.erf(u), "sigmoid": lambda: 1 / (1 + mp.exp(-u)),
            "softplus": lambda: mp.log1p(mp.exp(u)), "relu": lambda: max(u, 0),
            "sign": lambda: mp.sign(u), "step": lambda: mp.mpf(1 if u > 0 else 0),
            "sech2": lambda: mp.sech(u) ** 2,
            "dsigmoid": lambda: mp.exp(-u) / (1 + mp.exp(-u)) ** 2,
        }  # fmt: skip
        return table[n[1]]()
    a = mp_evaluate(n[1], mp, x, params)
    b = mp_evaluate(n[2], mp, x, params)
    if kind != "pow":
        return _ARITHMETIC[kind](a, b)
    if a != 0 and abs(b * mp.log(abs(a))) > _MP_ARG_LIMIT:
        raise OverflowError("too large for a reference value")
    return a**b


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

"""Rewriting trees: stable forms, simplification and symbolic derivatives, on a budget.

Stable forms (:func:`stabilise`): ``log(1 + exp(u))`` becomes ``softplus(u)`` (no overflow
for large u), ``log(1 + u)`` becomes ``log1p(u)``, ``exp(u) − 1`` becomes ``expm1(u)`` and
``1/(1 + exp(−u))`` becomes ``sigmoid(u)``.

Conventions at kinks (:func:`derivative`), as PyTorch's autograd: abs′(0) = 0,
relu′(0) = 0, the derivative of ``where(c, a, b)`` is ``where(c, a′, b′)`` (so at equality
it is the derivative of the side the condition picks: ``where(x > 0, …)`` takes the *else*
side at x = 0), and ``max(a, b)``, ``min(a, b)`` share the gradient equally on a tie
(PyTorch's ``torch.maximum``/``torch.minimum``).

Trees share subtrees (a derivative refers to its function's), so the rewriting functions
remember, per thread and per call, what they made of each node (:func:`_memoized`,
:func:`_scope`), and every new step counts against :data:`MAX_STEPS`.
"""

from __future__ import annotations

import contextlib
import functools
import math
import threading
from collections.abc import Callable

import numpy as np

from actgui.activations.formula.parse import MAX_EXPONENT
from actgui.activations.formula.tree import FormulaError, Node, children, constant
from actgui.text import QT_TRANSLATE_NOOP

#: Most steps (rewriting one node) that differentiating and simplifying may take: a formula
#: whose derivatives grow beyond it (x·x·…·x, 150 factors: f″ has millions of terms) is
#: refused instead of taking minutes.
MAX_STEPS = 20_000
_TOO_COMPLEX = QT_TRANSLATE_NOOP(
    "actgui.messages", "the formula is too complex to differentiate; shorten it"
)


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
                if constant(one) == 1.0:
                    if other[0] == "call" and other[1] == "exp":
                        return ("call", "softplus", other[2])
                    return ("call", "log1p", other)
        return ("call", n[1], *args)
    a = stabilise(n[1])
    if kind == "neg":
        return ("neg", a)
    b = stabilise(n[2])
    if kind == "sub" and constant(b) == 1.0 and a[0] == "call" and a[1] == "exp":
        return ("call", "expm1", a[2])
    if kind == "div" and constant(a) == 1.0 and b[0] == "add":
        p, q = b[1], b[2]
        for one, other in ((p, q), (q, p)):
            if constant(one) == 1.0 and other[0] == "call" and other[1] == "exp":
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
            raise FormulaError(_TOO_COMPLEX)
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
        raise FormulaError(
            QT_TRANSLATE_NOOP("actgui.messages", "the formula nests too deeply")
        ) from None
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
    ca, cb = constant(a), constant(b)
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
            raise FormulaError(_TOO_COMPLEX)
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
    with _scope("_d", "_simplify", "depends"):
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
        if not depends(b):  # (u/c)′ = u′/c, not (u′c − u·0)/c²
            return ("div", _d(a), b)
        return ("div", ("sub", ("mul", _d(a), b), ("mul", a, _d(b))), ("pow", b, ("num", 2.0)))
    if kind == "pow":
        a, b = n[1], n[2]
        if not depends(b):
            return ("mul", ("mul", b, ("pow", a, ("sub", b, ("num", 1.0)))), _d(a))
        # a^b = e^(b ln a): (b′ ln a + b a′/a) a^b
        log_a = ("call", "log", a)
        return ("mul", n, ("add", ("mul", _d(b), log_a), ("div", ("mul", b, _d(a)), a)))
    if kind == "where":
        return ("where", n[1], _d(n[2]), _d(n[3]))
    if kind == "reg":
        key, order, u = n[1], n[2], n[3]
        if order >= 2:
            raise FormulaError(
                QT_TRANSLATE_NOOP(
                    "actgui.messages", "the third derivative of {key} is not available"
                ),
                key=key,
            )
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
def depends(n: Node) -> bool:
    """Whether a tree involves x (remembered per node inside :func:`derivative`)."""
    return n[0] == "x" or any(depends(c) for c in children(n))


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

"""A formula's tree evaluated with numpy: float64 throughout, no warnings, no overflow
where a stable form exists.

σ, σ′ and sech² (tanh′) are the registry's own stable helpers
(:mod:`actgui.activations.base`), so a formula and a built-in agree to the last bit;
softplus is ``logaddexp(0, u)``. Where a value still overflows it is inf, as in numpy.
A subtree that a derivative shares is computed once per call.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable, Mapping

import numpy as np

from actgui.activations.base import expit, expit_d1, sech2
from actgui.activations.formula.tree import Node, children
from actgui.cancel import checkpoint

#: Points evaluated at once: memory stays in proportion to this, whatever the input's size.
CHUNK = 8192


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
    "sigmoid": expit,
    "softplus": lambda u: np.logaddexp(0.0, u),
    "relu": lambda u: np.where(u > 0.0, u, 0.0 * u),
    "sign": np.sign,
    "step": lambda u: np.where(u > 0.0, 1.0, 0.0),
    "sech2": sech2,
    "dsigmoid": expit_d1,
}
#: + − × ÷ for numpy arrays and mpmath numbers alike.
ARITHMETIC = {"add": operator.add, "sub": operator.sub, "mul": operator.mul,
              "div": operator.truediv}  # fmt: skip
_COMPARE_NP = {">": np.greater, "≥": np.greater_equal, "<": np.less, "≤": np.less_equal}

_LOCAL = threading.local()
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
        stack.extend(children(m))
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
    return ARITHMETIC[kind](a, b)

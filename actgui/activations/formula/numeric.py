"""A formula's tree evaluated with numpy: float64 throughout, no warnings, no overflow
where a stable form exists.

σ, σ′ and sech² (tanh′) are the registry's own stable helpers
(:mod:`actgui.activations.base`), so a formula and a built-in agree to the last bit;
softplus is ``logaddexp(0, u)``. Where a value still overflows it is inf, as in numpy.
A subtree that a derivative shares is computed once per call.

Derivatives (``masks=True``) follow PyTorch's backward pass where a piece is switched
off: a product or quotient with a factor that a switch (``where``, or H, the derivative
of relu) sets to 0 is 0 there, whatever its other factors are. So f″ of ``relu(x)**1.5``
is 0 for x < 0 (0.75·relu(x)^−0.5·H(x)·H(x) is ∞·0 as plain arithmetic), as PyTorch's
masks give; a formula's own values (``masks=False``) stay plain arithmetic.
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
    n: Node,
    x: np.ndarray,
    params: Mapping[str, float],
    registry: Mapping | None = None,
    masks: bool = False,
) -> np.ndarray:
    """The tree's value at every x (float64; overflow gives ±inf, no warnings). A subtree
    reached by several paths is computed once per call; long inputs go ``CHUNK`` points
    at a time. ``masks``: a derivative's switched-off products are 0 (module docstring)."""
    x = _floats(x)
    if x.ndim == 1 and x.size > CHUNK:
        out = np.empty_like(x)
        for i in range(0, x.size, CHUNK):
            part = x[i : i + CHUNK]
            value = evaluate(n, part, params, registry, masks)
            out[i : i + CHUNK] = np.broadcast_to(value, part.shape)
        return out
    previous = (
        getattr(_LOCAL, "eval_memo", None),
        getattr(_LOCAL, "eval_shared", None),
        getattr(_LOCAL, "eval_off", None),
    )
    _LOCAL.eval_memo, _LOCAL.eval_shared = {}, _shared_nodes(n)
    _LOCAL.eval_off = {} if masks else None
    try:
        with np.errstate(all="ignore"):
            return np.asarray(_eval(n, x, params, registry))
    finally:
        _LOCAL.eval_memo, _LOCAL.eval_shared, _LOCAL.eval_off = previous


def _floats(a) -> np.ndarray:
    """``a`` as a float64 array, unless it is an array computing in a narrower format
    (``analysis.formats.InFormat``, a subclass): kept, so that the formula's operations
    stay in that format as a built-in's do."""
    if isinstance(a, np.ndarray) and type(a) is not np.ndarray:
        return a
    return np.asarray(a, dtype=np.float64)


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
    off = _LOCAL.eval_off  # (a derivative's switched-off places, by node: masks=True)
    if kind == "num":
        return n[1]
    if kind == "x":
        return x
    if kind == "param":
        return params[n[1]]
    if kind == "neg":
        value = -_eval(n[1], x, params, registry)
        if off is not None and id(n[1]) in off:
            off[id(n)] = off[id(n[1])]
        return value
    if kind == "where":
        op, left, right = n[1]
        test = _COMPARE_NP[op](_eval(left, x, params, registry), _eval(right, x, params, registry))
        a = _eval(n[2], x, params, registry)
        b = _eval(n[3], x, params, registry)
        value = np.where(test, a, b)
        if off is not None:
            off[id(n)] = value == 0.0
        return value
    if kind == "call":
        args = [_eval(a, x, params, registry) for a in n[2:]]
        value = _NUMPY[n[1]](*(_floats(a) for a in args))
        if off is not None and n[1] == "step":
            off[id(n)] = value == 0.0
        return value
    if kind == "reg":
        u = _floats(_eval(n[3], x, params, registry))
        act = registry[n[1]]
        if type(u) is not np.ndarray:  # (in a narrower format: the built-in's formula in it)
            return (act._f, act._d1, act._d2)[n[2]](u, **act.resolve())
        return act.evaluate(n[2], u)
    a = _eval(n[1], x, params, registry)
    b = _eval(n[2], x, params, registry)
    if kind == "pow":
        return np.power(_floats(a), b)
    if kind == "div":  # (numpy's: ÷ 0 gives ±inf or NaN, for scalars too)
        return _switched_off(n, np.divide(a, b), off, off.get(id(n[1])) if off else None)
    value = ARITHMETIC[kind](a, b)
    if kind == "mul" and off:
        first, second = off.get(id(n[1])), off.get(id(n[2]))
        either = first if second is None else second if first is None else first | second
        return _switched_off(n, value, off, either)
    return value


def _switched_off(n: Node, value, off: dict | None, where_off) -> object:
    """``value`` with 0 where a switch turned ``n`` off (remembered for its parents)."""
    if where_off is None:
        return value
    off[id(n)] = where_off
    return np.where(where_off, 0.0, value)

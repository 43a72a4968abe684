"""A formula's tree evaluated in mpmath: the exact value a float result is checked against.

Not only for the tests: it is every custom function's ``reference`` (the registry requires
one of functions PyTorch lacks), and the New/Edit dialog asks it whether a value that
overflows in floats is in fact finite (``custom.float_trouble``). mpmath is passed in,
never imported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from actgui.activations.formula.numeric import ARITHMETIC
from actgui.activations.formula.tree import FormulaError, Node
from actgui.cancel import checkpoint
from actgui.text import QT_TRANSLATE_NOOP

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
        raise FormulaError(
            QT_TRANSLATE_NOOP(
                "actgui.messages", "a registry function has no high-precision reference here"
            )
        )
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
        return ARITHMETIC[kind](a, b)
    if a != 0 and abs(b * mp.log(abs(a))) > _MP_ARG_LIMIT:
        raise OverflowError("too large for a reference value")
    return a**b

"""A function of your own's f, f′ and f″ against mpmath differentiating the formula's *text*.

tests/test_custom.py checks f′ and f″ against ``mpmath.diff`` of the function's
``reference``, which is :func:`~actgui.activations.formula.mp_evaluate` of the very tree
actgui parsed and rewrote: a mistake of the parser (precedence, a name mapped to the wrong
function) or of a stable rewrite (``log(1 + exp(u))`` → softplus, ``1/(1 + exp(−u))`` → σ,
…) would be in both and go unseen. Here the text is translated again, without actgui:

* :data:`HAND`: formulas with an mpmath function written by hand (operator precedence,
  signs, the rewrites' patterns);
* :func:`translate`: any formula through Python's own ``ast`` into mpmath, each name mapped
  from the README's description of the language (``abs min max exp log log1p expm1 sqrt sin
  cos tan tanh sinh cosh arctan erf sigmoid softplus relu``, ``where(c, a, b)`` with one of
  ``> >= < <=``, ``pi``, ``e``, ``**`` as the power; ``^`` is refused; any other name is a
  parameter; a built-in by key at its default parameters). The translation imports nothing
  from actgui (only the check that the language has not grown, and the tests that break
  actgui on purpose, do).

The truth is ``mpmath.diffs`` (f, f′, f″ and f‴ from one set of evaluations) at 40 digits,
confirmed at 80, doubling up to 640 while two successive precisions disagree beyond 1e−30
relative (a derivative tiny beside f, as tanh′(300) ≈ 1e−260 beside 1, needs that); a point
that never settles is skipped, and so is an exact 0 before 320 digits. Points within 1e−6
(relative) of a switch of abs/relu/min/max/where, or of the edge of the domain, are skipped:
every branch taken at x − δ, x and x + δ must be the same.

Errors are counted in units in the last place of the true value (``math.ulp``). The
tolerance: float64 rounds each operation to within ½ ulp, and a formula of a few dozen
operations (f″ of a product of compositions has that many) with condition numbers of a few
units gives some tens of ulps (the worst here: 30, √(x² + b) − x at 30, which cancels);
:data:`ULPS` = 64, times 1 + κ with κ = |x·g′(x)/g(x)| the condition number of g = f⁽ᵏ⁾
in x (the float x = 300 carries ½ ulp of itself into e^(1.7x)). Beside a zero of g
(κ > 1e6) the float value is mostly the rounding of cancelling terms: skipped; an exact
0 is compared with the size of f, f′, f″ there. A wrong rule is off by far more (a sign,
a factor, a missing term: ~1e16 ulps). Formulas that cancel as typed (sin(x)/x near 0,
the quotient rule's cosh² − sinh² far out) are checked only where floats hold their value.
"""

from __future__ import annotations

import ast
import math
import re

import mpmath
import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from actgui.activations import FormulaError, custom_activation

#: Error allowed, in ulps of the true value, times (1 + κ) (see the module notes).
ULPS = 64.0
#: Relative half-width of the neighbourhood that must take the same branches everywhere.
DELTA = 1e-6
#: Working precisions tried in turn (decimal digits) until two successive ones agree.
PRECISIONS = (40, 80, 160, 320, 640)
AGREE = mpmath.mpf("1e-30")
#: An exact zero is believed from this precision on (below, it may be a cancellation).
ZERO_TRUSTED = 320


class UndefinedError(ArithmeticError):
    """The exact value is not a real number there (log of a negative, …)."""


# ---------------------------------------------------------------------------------------
# The language in mpmath, from the README (not from actgui's tables)
# ---------------------------------------------------------------------------------------


def _sigmoid(u):
    return 1 / (1 + mpmath.exp(-u))


def _softplus(u):
    return mpmath.log1p(mpmath.exp(u))


#: Each function of the language: how it is computed, and the branch it takes (None for
#: the smooth ones), so that points near a switch can be recognised.
FUNCTIONS = {
    "abs": (lambda u: abs(u), lambda u: mpmath.sign(u)),
    "min": (lambda a, b: a if a <= b else b, lambda a, b: a <= b),
    "max": (lambda a, b: a if a >= b else b, lambda a, b: a >= b),
    "exp": (mpmath.exp, None),
    "log": (mpmath.log, None),
    "log1p": (mpmath.log1p, None),
    "expm1": (mpmath.expm1, None),
    "sqrt": (mpmath.sqrt, None),
    "sin": (mpmath.sin, None),
    "cos": (mpmath.cos, None),
    "tan": (mpmath.tan, None),
    "tanh": (mpmath.tanh, None),
    "sinh": (mpmath.sinh, None),
    "cosh": (mpmath.cosh, None),
    "arctan": (mpmath.atan, None),
    "erf": (mpmath.erf, None),
    "sigmoid": (_sigmoid, None),
    "softplus": (_softplus, None),
    "relu": (lambda u: u if u > 0 else 0 * u, lambda u: u > 0),
}
#: Built-in functions a formula may call by key, at their default parameters (PyTorch's
#: definitions).
BUILTINS = {
    "gelu": (lambda u: u / 2 * (1 + mpmath.erf(u / mpmath.sqrt(2))), None),
    "silu": (lambda u: u * _sigmoid(u), None),
    "elu": (lambda u: u if u > 0 else mpmath.expm1(u), lambda u: u > 0),
    "softsign": (lambda u: u / (1 + abs(u)), lambda u: mpmath.sign(u)),
    "mish": (lambda u: u * mpmath.tanh(_softplus(u)), None),
}
#: Functions whose argument is capped in the reference (beyond |u| = 1e5 the value or its
#: derivatives are far outside the float range, and mpmath would take long to say so).
_HUGE_ARGUMENT = frozenset(
    {"exp", "expm1", "sinh", "cosh", "tanh", "sin", "cos", "tan", "erf", "sigmoid",
     "softplus", "gelu", "silu", "elu", "mish"}
)  # fmt: skip
_COMPARE = {ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
            ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b}  # fmt: skip
_BINARY = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
           ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
           ast.Pow: lambda a, b: a**b}  # fmt: skip


def _real(v):
    """v if it is a finite real number, else :class:`UndefinedError`."""
    if isinstance(v, mpmath.mpc):
        if v.imag:
            raise UndefinedError
        v = v.real
    if not mpmath.isfinite(v):
        raise UndefinedError
    return v


def translate(text: str):
    """``fn(t, params, trace)``: the formula's value in mpmath at ``t`` (the current
    precision), appending each branch it takes to ``trace``; :class:`UndefinedError` where the
    exact value is not a finite real number."""
    return _compile(ast.parse(text.strip(), mode="eval").body)


def _compile(node: ast.AST):
    if isinstance(node, ast.Constant):
        value = float(node.value)  # (the float the text means: 0.1 is the double 0.1)
        return lambda t, p, trace: mpmath.mpf(value)
    if isinstance(node, ast.Name):
        name = node.id
        if name == "x":
            return lambda t, p, trace: t
        if name == "pi":
            return lambda t, p, trace: +mpmath.pi
        if name == "e":
            return lambda t, p, trace: +mpmath.e
        return lambda t, p, trace: mpmath.mpf(p[name])
    if isinstance(node, ast.UnaryOp):
        inner = _compile(node.operand)
        if isinstance(node.op, ast.USub):
            return lambda t, p, trace: -inner(t, p, trace)
        assert isinstance(node.op, ast.UAdd)
        return inner
    if isinstance(node, ast.BinOp):
        op = _BINARY[type(node.op)]
        left, right = _compile(node.left), _compile(node.right)

        def binary(t, p, trace):
            a, b = left(t, p, trace), right(t, p, trace)
            if isinstance(node.op, ast.Div) and not b:
                raise UndefinedError
            if isinstance(node.op, ast.Pow):
                if (a < 0 and b != int(b)) or (a == 0 and b <= 0):
                    raise UndefinedError  # ((−8)**(1/3) is not real, 0**−1 not finite)
                if a and abs(b * mpmath.log(abs(a))) > 1e5:
                    raise UndefinedError  # (far beyond floats, and slow in mpmath)
            return _real(op(a, b))

        return binary
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name), ast.dump(node)
    name = node.func.id
    if name == "where":
        condition, yes, no = node.args
        assert isinstance(condition, ast.Compare) and len(condition.ops) == 1
        test = _COMPARE[type(condition.ops[0])]
        left, right = _compile(condition.left), _compile(condition.comparators[0])
        a, b = _compile(yes), _compile(no)

        def where(t, p, trace):
            holds = test(left(t, p, trace), right(t, p, trace))
            trace.append(holds)
            return a(t, p, trace) if holds else b(t, p, trace)

        return where
    fn, branch = FUNCTIONS.get(name) or BUILTINS[name]
    args = [_compile(a) for a in node.args]

    def call(t, p, trace):
        values = [arg(t, p, trace) for arg in args]
        if branch is not None:
            trace.append(branch(*values))
        if (name == "log" and values[0] <= 0) or (name == "sqrt" and values[0] < 0):
            raise UndefinedError  # (√0 is 0: √u with u ≡ 0 nearby is smooth, else the stencil
            # of mpmath.diff reaches u < 0 and the point is left out)
        if name == "log1p" and values[0] <= -1:
            raise UndefinedError
        if name in _HUGE_ARGUMENT and abs(values[0]) > 1e5:
            raise UndefinedError  # (e^(1e300) has 1e300 digits of exponent: far beyond floats)
        return _real(fn(*values))

    return call


# ---------------------------------------------------------------------------------------
# The comparison
# ---------------------------------------------------------------------------------------

_NOT_REAL = (UndefinedError, ZeroDivisionError, ValueError, OverflowError)


def exact_derivatives(fn, x: float, params, precisions=PRECISIONS) -> list:
    """[f, f′, f″, f‴] at x by ``mpmath.diffs`` (one set of evaluations for all four),
    each confirmed at a doubled precision (None where it never settles); all None if the
    formula is not defined around x."""
    settled: list = [None] * 4
    previous = None
    for dps in precisions:
        with mpmath.workdps(dps):
            try:
                values = list(mpmath.diffs(lambda s: fn(s, params, []), mpmath.mpf(x), 3))
            except _NOT_REAL:
                return [None] * 4
        if previous is not None:
            for k, (now, before) in enumerate(zip(values, previous, strict=True)):
                # (an exact 0 may be 1 + 1e−130 − 1 rounded: trusted from 320 digits on)
                agree = abs(now - before) <= AGREE * abs(now)
                if settled[k] is None and agree and (now or dps >= ZERO_TRUSTED):
                    settled[k] = now
            if all(v is not None for v in settled):
                break
        previous = values
    return settled


def same_branches_around(fn, x: float, params) -> bool:
    """Whether the formula is defined and takes the same branches at x − δ, x and x + δ
    (δ = 1e−6, relative beyond |x| = 1)."""
    delta = DELTA * max(1.0, abs(x))
    traces = []
    with mpmath.workdps(40):
        for t in (x - delta, x, x + delta):
            trace: list = []
            try:
                fn(mpmath.mpf(t), params, trace)
            except _NOT_REAL:
                return False
            traces.append(trace)
    return traces[0] == traces[1] == traces[2]


def ulps_off(ours: float, truth) -> float:
    """|ours − truth| in units in the last place of the true value rounded to a float."""
    if not math.isfinite(ours):
        return math.inf
    exact = float(truth)
    if exact == 0.0:
        return 0.0 if ours == 0.0 else math.inf
    return float(abs(mpmath.mpf(ours) - truth)) / math.ulp(exact)


#: A derivative this ill-conditioned in x (|x·g′/g|, next to a zero of g) is skipped: its
#: float value is mostly the rounding of terms that cancel.
MAX_KAPPA = 1e6


def compare(
    text: str,
    xs,
    params=None,
    *,
    reference=None,
    ulps: float = ULPS,
    act=None,
    precisions=PRECISIONS,
) -> tuple[list, list]:
    """f, f′, f″ of the function of your own ``text`` against mpmath at each x of ``xs``;
    (the (x, order, ulps, κ) compared, the failures as messages). Points near a switch,
    outside the domain, ill-conditioned or beyond the float range are left out.
    ``reference(t, params)``: written by hand instead of :func:`translate`'s."""
    act = act or custom_activation("indep", text)
    params = {p.name: p.default for p in act.params} | dict(params or {})
    own = {p.name: params[p.name] for p in act.params}  # (where(x > a, x, x) has no a)
    fn = translate(text) if reference is None else (lambda t, p, trace: reference(t, p))
    xs = np.asarray(xs, dtype=np.float64)
    floats = [act.evaluate(order, xs, **own) for order in (0, 1, 2)]
    compared, failures = [], []
    for i, x in enumerate(xs):
        if not same_branches_around(fn, float(x), params):
            continue
        exact = exact_derivatives(fn, float(x), params, precisions)
        for order in (0, 1, 2):
            truth, slope = exact[order], exact[order + 1]
            if truth is None or (truth and not 1e-300 < abs(truth) < 1e300):
                continue  # (never settled, or beyond the float range)
            kappa = 0.0 if slope is None or not truth else float(abs(x * slope / truth))
            if kappa > MAX_KAPPA:
                continue
            ours = float(floats[order][i])
            if truth == 0:  # (exactly: the float's terms cancel to within their rounding)
                scale = max(abs(v) for v in exact if v is not None)
                off = abs(ours) / math.ulp(float(scale)) if scale else ulps_off(ours, truth)
            else:
                off = ulps_off(ours, truth)
            if not off <= ulps * (1.0 + kappa):
                failures.append(
                    f"{text} {params} at x = {x!r}, order {order}: {ours!r}, exactly "
                    f"{mpmath.nstr(truth, 17)}: {off:.3g} ulps off (κ = {kappa:.3g})"
                )
            compared.append((float(x), order, off, kappa))
    return compared, failures


def check(text: str, xs, params=None, **options) -> list:
    """:func:`compare`, asserting no failure and that something was compared."""
    compared, failures = compare(text, xs, params, **options)
    assert not failures, "\n".join(failures)
    assert compared, f"{text}: no point could be compared"
    return compared


# ---------------------------------------------------------------------------------------
# The formulas
# ---------------------------------------------------------------------------------------

#: Points tried: both tails (±30, ±300, where the function stays finite) and the middle.
XS = (-300.0, -30.0, -7.3, -2.3, -0.7, -0.05, 0.3, 1.3, 2.9, 6.1, 30.0, 300.0)
MIDDLE = XS[2:-2]

_exp = mpmath.exp

#: Formulas and their mpmath function written by hand (not through ``ast``): precedence,
#: signs, and the patterns the stable rewrites replace, in their naive form.
HAND = [
    ("-x**2", {}, lambda t, p: -(t * t)),
    ("-2**2*x", {}, lambda t, p: -4 * t),
    ("(-2)**2*x", {}, lambda t, p: 4 * t),
    ("2**x**2 / 1e3", {}, lambda t, p: mpmath.power(2, t * t) / 1000),
    ("x/2/3", {}, lambda t, p: t / 6),
    ("x - 1 - 2 * x", {}, lambda t, p: -t - 1),
    ("- - -x", {}, lambda t, p: -t),
    ("x - -x*x", {}, lambda t, p: t + t * t),
    ("2*-x + +x", {}, lambda t, p: -t),
    ("x**-1", {}, lambda t, p: 1 / t),
    ("x**3 - 3*x**-2", {}, lambda t, p: t**3 - 3 / (t * t)),
    ("e**x - pi", {}, lambda t, p: _exp(t) - mpmath.pi),
    ("log(1 + exp(x))", {}, lambda t, p: mpmath.log(1 + _exp(t))),
    ("log(exp(2*x) + 1)", {}, lambda t, p: mpmath.log(_exp(2 * t) + 1)),
    ("1/(1 + exp(-beta*x))", {"beta": 1.7}, lambda t, p: 1 / (1 + _exp(-p["beta"] * t))),
    ("1/(exp(x) + 1)", {}, lambda t, p: 1 / (_exp(t) + 1)),
    ("exp(x/3) - 1", {}, lambda t, p: _exp(t / 3) - 1),
    ("log(1 + x**2)", {}, lambda t, p: mpmath.log(1 + t * t)),
    ("x * sigmoid(beta * x)", {"beta": 0.6}, lambda t, p: t / (1 + _exp(-p["beta"] * t))),
    (
        "where(x > 0, x, alpha*(exp(x)-1))",
        {"alpha": 0.3},
        lambda t, p: t if t > 0 else p["alpha"] * (_exp(t) - 1),
    ),
    ("max(alpha*x, x)", {"alpha": 0.3}, lambda t, p: max(p["alpha"] * t, t)),
    ("softplus(x) + relu(x)", {}, lambda t, p: mpmath.log(1 + _exp(t)) + max(t, 0)),
]


@pytest.mark.parametrize(("text", "params", "reference"), HAND, ids=[h[0] for h in HAND])
def test_formulas_against_a_reference_written_by_hand(text, params, reference):
    check(text, XS, params, reference=reference)


#: Formulas through :func:`translate`: (text, parameters (non-default), points, ulps).
CASES = [
    # every name of the language, alone or nearly
    ("abs(x - a)", {"a": 0.4}, XS, ULPS),
    ("min(x, a*x) + max(x, 2 - x)", {"a": 0.3}, XS, ULPS),
    ("exp(-x) + x", {}, XS, ULPS),
    ("log(x**2 + a)", {"a": 1e-3}, XS, ULPS),
    ("log1p(x**2) * sigmoid(x)", {}, XS, ULPS),
    ("expm1(-x**2)", {}, XS, ULPS),
    ("sqrt(x**2 + b) - x", {"b": 2.5}, XS[1:-1], ULPS),
    ("sin(x) * cos(2*x)", {}, XS, ULPS),
    ("tan(x / 7)", {}, XS, ULPS),
    ("tanh(x)", {}, XS, ULPS),
    ("sinh(x / 10) + cosh(x / 20)", {}, XS, ULPS),
    ("arctan(x) + erf(x / 2)", {}, XS, ULPS),
    ("x * erf(x / sqrt(2))", {}, XS, ULPS),
    ("softplus(beta * x) / beta", {"beta": 2.5}, XS, ULPS),
    ("relu(x)**2 + relu(-x)**3", {}, XS, ULPS),
    ("where(x >= 1, x**2, where(x < -1, -x, x/2))", {}, XS, ULPS),
    ("where(x <= a, sin(x), x)", {"a": -0.2}, XS, ULPS),
    ("x * sigmoid(beta*x)", {"beta": 1.7}, XS, ULPS),
    ("max(alpha*x, x)", {"alpha": 0.2}, XS, ULPS),
    ("where(x > 0, x, alpha*(exp(x)-1))", {"alpha": 0.6}, XS, ULPS),
    # the built-ins by key, at their defaults
    ("gelu(x) * elu(x - 1)", {}, [x for x in XS if x != -30.0], ULPS),  # (−30: 2 s of erf)
    ("silu(2*x) + softsign(x)", {}, XS, ULPS),
    ("mish(x / 2) * 3", {}, XS, ULPS),
    # nested compositions
    ("x * tanh(softplus(x))", {}, XS, ULPS),
    ("sigmoid(sigmoid(sigmoid(x)))", {}, XS, ULPS),
    ("exp(-x**2/2) * sin(a*x)", {"a": -2.2}, XS, ULPS),
    ("log(1 + exp(sin(x) * x))", {}, XS, ULPS),
    ("sqrt(1 + tanh(x)**2) * arctan(exp(x / 10))", {}, XS, ULPS),
    ("erf(sinh(x / 30)) * cosh(log1p(abs(x)) / 4)", {}, XS, ULPS),
    ("tanh(a * x + b) * c - b", {"a": 0.7, "b": -0.4, "c": 3.5}, XS, ULPS),
    # powers: integer and real exponents, variable exponents
    ("x**3 - x**2 + x**-2", {}, XS, ULPS),
    ("abs(x)**1.5 + abs(x)**0.5", {}, XS, ULPS),
    ("(1 + x**2)**-0.75", {}, XS, ULPS),
    ("x**(1 + x**2/10)", {}, (0.3, 1.3, 2.9, 6.1), ULPS),
    ("2**x + abs(x)**p", {"p": 2.3}, XS, ULPS),
    ("(x**2 + 1)**(sigmoid(x))", {}, XS, ULPS),
    # division
    ("x / (1 + abs(x))", {}, XS, ULPS),
    ("(x - 1) / (x**2 + 2)", {}, XS, ULPS),
    ("1 / (a + exp(-x))", {"a": 0.5}, XS[1:], ULPS),
    ("sin(x) / x", {}, [x for x in XS if abs(x) > 0.5], ULPS),
    # unary minus chains
    ("-(-(-(x**2)))", {}, XS, ULPS),
    ("- -x * - - -sigmoid(-x)", {}, XS, ULPS),
    ("-x - -(-x)**3", {}, XS, ULPS),
    # the stable rewrites
    ("log(1 + exp(x))", {}, XS, ULPS),
    ("log(exp(-x) + 1)", {}, XS, ULPS),
    ("1/(1 + exp(-x))", {}, XS, ULPS),
    ("1/(exp(2*x) + 1)", {}, XS, ULPS),
    ("exp(x) - 1", {}, XS, ULPS),
    ("log(1 + x**2)", {}, XS, ULPS),
    # tails kept short: f′ and f″ by the quotient rule cancel (cosh·cosh − sinh·sinh is the
    # difference of two numbers e^(2|u|) times larger than it), so beyond |u| ≈ 20 the float
    # value is lost: a limit of the formula as typed (tanh(u) has it exactly), not a rule.
    ("sinh(x / 10) / cosh(x / 10)", {}, XS[1:-1], ULPS),
    ("log(cosh(x))", {}, [x for x in MIDDLE if abs(x) > 0.5], ULPS),
]
CASE_IDS = [c[0] for c in CASES]


@pytest.mark.parametrize(("text", "params", "xs", "ulps"), CASES, ids=CASE_IDS)
def test_formulas_against_their_text(text, params, xs, ulps):
    check(text, xs, params, ulps=ulps)


def test_every_name_of_the_language_is_checked():
    """Each function of the language (and each built-in in :data:`BUILTINS`) is called by
    some formula above; and the language is still the one translated here (a function
    added to actgui without a translation fails this)."""
    from actgui.activations.formula import FUNCTIONS as ACTGUI_FUNCTIONS

    called = set()
    for text in [h[0] for h in HAND] + CASE_IDS:
        for node in ast.walk(ast.parse(text, mode="eval")):
            if isinstance(node, ast.Call):
                called.add(node.func.id)
            if isinstance(node, ast.Name) and node.id in ("pi", "e"):
                called.add(node.id)
    assert {*FUNCTIONS, "where", *BUILTINS, "pi", "e"} <= called
    assert set(ACTGUI_FUNCTIONS) == {*FUNCTIONS, "where"}


@pytest.mark.parametrize("text", ["x^2", "x ^ 2 + 1", "2^x"])
def test_the_caret_is_not_a_power(text):
    """The language's power is ``**``; ``^`` (Python's xor) is refused, never read as xor."""
    with pytest.raises(FormulaError, match=r"\^"):
        custom_activation("caret", text)


# ---------------------------------------------------------------------------------------
# Random small formulas
# ---------------------------------------------------------------------------------------

_ONE_ARGUMENT = [*sorted(n for n in FUNCTIONS if n not in ("min", "max")), "gelu", "elu"]


def random_formula(rng, depth: int) -> str:
    """A formula of at most ``depth`` levels, drawn with ``rng`` (hypothesis's random)."""
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(["x"] * 5 + ["a", "b", "2", "0.5", "3", "pi", "e"])
    kind = rng.random()
    inner = lambda: random_formula(rng, depth - 1)  # noqa: E731
    if kind < 0.35:
        return f"{rng.choice(_ONE_ARGUMENT)}({inner()})"
    if kind < 0.6:
        return f"({inner()} {rng.choice('+-*/')} {inner()})"
    if kind < 0.7:  # integer powers of anything, real ones of something positive
        if rng.random() < 0.5:
            return f"({inner()}) ** {rng.choice(['2', '3', '-1', '-2'])}"
        return f"(1 + ({inner()})**2) ** {rng.choice(['0.5', '-1.5', 'a'])}"
    if kind < 0.8:
        return f"-{inner()}"
    if kind < 0.9:
        return f"{rng.choice(['min', 'max'])}({inner()}, {inner()})"
    op = rng.choice([">", ">=", "<", "<="])
    return f"where({inner()} {op} {inner()}, {inner()}, {inner()})"


#: Small formulas in x (at most 3 levels), not x alone.
FORMULAS = st.builds(random_formula, st.randoms(use_true_random=False), st.just(3)).filter(
    lambda t: re.search(r"\bx\b", t) and t != "x"
)
#: Points of the random formulas, and their parameters (not the defaults).
RANDOM_XS = (-2.6, -0.9, -0.3, 0.45, 1.2, 2.7, 7.5)
RANDOM_PARAMS = {"a": 0.7, "b": -1.3}


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(text=FORMULAS)
def test_random_formulas_against_their_text(text):
    try:
        act = custom_activation("indep", text)
    except FormulaError:
        return  # (refused: no finite value anywhere, too large an exponent, …)
    # (up to 160 digits: far enough for these points; 640 digits of erf cost seconds)
    _compared, failures = compare(text, RANDOM_XS, RANDOM_PARAMS, act=act, precisions=(40, 80, 160))
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------------------------------
# The check can fail: actgui broken on purpose, one piece at a time
# ---------------------------------------------------------------------------------------


def _same_tree_check_passes(text: str, xs) -> bool:
    """tests/test_custom.py's check: f′ and f″ against ``mpmath.diff`` of the function's
    own ``reference`` (the tree actgui parsed and rewrote)."""
    act = custom_activation("same", text)
    with mpmath.workdps(40):
        for x in xs:
            for order in (1, 2):
                ours = float(act.evaluate(order, np.array([x]))[0])
                truth = mpmath.diff(lambda t: act.reference(mpmath.mp, t), x, order)
                if ours != pytest.approx(float(truth), rel=1e-9, abs=1e-12):
                    return False
    return True


def test_a_wrong_derivative_rule_is_caught(monkeypatch):
    from actgui.activations.formula import calculus

    monkeypatch.setitem(calculus._OUTER, "sin", lambda u: ("call", "sin", u))  # sin′ = sin
    _compared, failures = compare("x * sin(x)", MIDDLE)
    assert len(failures) >= 10  # f′ and f″ at (nearly) every point; f itself is right
    assert all("order 0" not in f for f in failures)


def test_a_wrong_stable_rewrite_is_caught_where_the_same_tree_reference_is_blind(monkeypatch):
    """A rewrite that made 1/(1 + exp(−u)) σ(−u) instead of σ(u): the reference built from
    the rewritten tree agrees with it; the text's own meaning does not."""
    from actgui.activations import custom

    real = custom.stabilise

    def flipped(n):
        n = real(n)
        return ("call", "sigmoid", ("neg", n[2])) if n[:2] == ("call", "sigmoid") else n

    monkeypatch.setattr(custom, "stabilise", flipped)
    text = "1/(1 + exp(-x))"
    assert _same_tree_check_passes(text, MIDDLE)
    _compared, failures = compare(text, MIDDLE)
    assert len(failures) >= 3 * len(MIDDLE) - 2  # f, f′ (f″ is odd: 0 … at 0 only)


def test_a_parser_that_swaps_operands_is_caught_where_the_same_tree_reference_is_blind(
    monkeypatch,
):
    from actgui.activations import custom

    real = custom.parse

    def swap(n):
        if n[0] in ("num", "x", "param"):
            return n
        if n[0] == "sub":
            return ("sub", swap(n[2]), swap(n[1]))
        return tuple(swap(c) if isinstance(c, tuple) and c and isinstance(c[0], str) else c
                     for c in n)  # fmt: skip

    monkeypatch.setattr(custom, "parse", lambda text, keys=frozenset(): swap(real(text, keys)))
    text = "tanh(x) - x**3 / 4"
    assert _same_tree_check_passes(text, MIDDLE)
    _compared, failures = compare(text, MIDDLE)
    assert len(failures) >= 2 * len(MIDDLE)


def test_the_comparison_sees_a_change_in_the_last_digits():
    """A formula whose reference differs by a factor 1 + 1e−12 (a few thousand ulps) fails."""
    _compared, failures = compare(
        "x * sigmoid(x)", MIDDLE, reference=lambda t, p: t * _sigmoid(t) * (1 + mpmath.mpf(1e-12))
    )
    assert len(failures) == 3 * len(MIDDLE)


# ---------------------------------------------------------------------------------------
# Found by this file
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["relu(x)**1.5", "relu(x)**0.5", "sqrt(relu(x))", "max(x, 0)**1.5",
             "where(x > 0, x, 0)**1.5"],
)  # fmt: skip
def test_a_fractional_power_of_a_switched_off_piece_has_zero_derivatives(text):
    """f ≡ 0 where relu, max or where switch it off, so f′ = f″ = 0 there, as PyTorch's
    masks give; plain arithmetic gave b·a^(b−1)·a′ = ∞·0 = NaN (found by this file)."""
    check(text, (-2.3, -0.7, 0.3, 1.3))

"""Your own activation from a formula (actgui.activations.custom_activation): safe parsing,
exact derivatives, kinks, stability. Needs no display."""

from __future__ import annotations

import ast
import collections
import importlib
import math
import os
import random

import mpmath
import numpy as np
import pytest

from actgui.activations import (
    REGISTRY,
    FormulaError,
    custom_activation,
    register,
    unregister,
)
from actgui.activations.custom import trees
from actgui.activations.formula import CHUNK, MAX_DEPTH, MAX_LENGTH, MAX_STEPS, MAX_TEXT_NODES
from actgui.activations.formula.kinks import switches
from actgui.activations.formula.tree import children

X = np.linspace(-30.0, 30.0, 60001)


@pytest.fixture
def work(monkeypatch):
    """Counts of the work a formula costs, instead of the seconds it takes (a busy test
    machine makes seconds meaningless): "rewrite", calls of the rewriting functions
    (derivative and simplification, remembered nodes included); "eval", nodes evaluated;
    "kink_eval", evaluations of switching expressions in the kink search; "write", nodes
    written out as text."""
    from actgui.activations.formula import calculus, numeric, render
    from actgui.activations.formula import kinks as kinks_module

    counts: collections.Counter = collections.Counter()

    def count(module, name: str, key: str) -> None:
        original = getattr(module, name)

        def counted(*args, **kwargs):
            counts[key] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    count(calculus, "_d", "rewrite")
    count(calculus, "_simplify", "rewrite")
    count(numeric, "_eval_node", "eval")
    count(kinks_module, "evaluate", "kink_eval")
    count(render, "_write", "write")
    return counts


def distinct_nodes(tree) -> int:
    """The nodes of a tree that shares subtrees, each counted once."""
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(children(node))
    return len(seen)


#: Rewriting calls allowed: every new node is a step charged against ``MAX_STEPS`` and
#: makes a few calls (one per child; a remembered node's call is one more): a formula is
#: differentiated, or refused, within a small multiple of the budget. (Without the memo and
#: the budget, x·x·…·x with 150 factors took minutes: f″ has millions of terms.)
MAX_REWRITE_CALLS = 3 * MAX_STEPS


def close(ours: np.ndarray, truth: np.ndarray, rel: float) -> np.ndarray:
    """Relative error ≤ rel, measured against the larger of |truth| and 1e-3 of the curve's
    largest |value|: next to a zero of a derivative every float formula cancels (the
    registry's own SiLU f″ is 1.7e-12 off there)."""
    scale = np.maximum(np.abs(truth), 1e-3 * np.max(np.abs(truth)))
    return np.abs(ours - truth) <= rel * scale


def test_swish_formula_matches_the_builtin_silu():
    act = custom_activation("my_swish", "x * sigmoid(beta * x)")
    assert [p.name for p in act.params] == ["beta"] and act.params[0].default == 1.0
    silu = REGISTRY["silu"]
    for order in (0, 1, 2):
        ours, theirs = act.evaluate(order, X), silu.evaluate(order, X)
        assert close(ours, theirs, 1e-12).all(), order
        # Away from the derivatives' zeros, plainly relative.
        far = np.abs(theirs) > 1e-3
        assert np.max(np.abs(ours[far] - theirs[far]) / np.abs(theirs[far])) < 1e-12


@pytest.mark.parametrize("alpha", [1.0, 0.5, 2.5])
def test_where_formula_matches_elu_and_its_conventions(alpha):
    act = custom_activation("my_elu", "where(x > 0, x, alpha*(exp(x)-1))")
    elu = REGISTRY["elu"]
    x = np.concatenate([X, [0.0, -0.0, 5e-324, -5e-324, 1e-300]])
    for order in (0, 1, 2):
        ours, theirs = act.evaluate(order, x, alpha=alpha), elu.evaluate(order, x, alpha=alpha)
        off = x != 0.0
        assert np.array_equal(ours[off], theirs[off]) or close(ours[off], theirs[off], 1e-15).all()
    # At x = 0 where(x > 0, …) takes its else side: f′(0) = α, as PyTorch's elu′(0) = α. For
    # f″ the else side gives α·e⁰ = α, where PyTorch's elu″(0) is 0: the formula's own rule.
    assert (
        act.derivative(np.array([0.0]), alpha=alpha)[0]
        == alpha
        == elu.derivative(np.array([0.0]), alpha=alpha)[0]
    )
    assert act.second_derivative(np.array([0.0]), alpha=alpha)[0] == alpha
    assert act.kinks(alpha=alpha) == (0.0,)
    assert act.smoothness(alpha=alpha) == ("C¹" if alpha == 1.0 else "C⁰")


def test_log_one_plus_exp_is_rewritten_and_never_overflows():
    act = custom_activation("sp", "log(1 + exp(x))")
    x = np.array([-1000.0, -30.0, 0.0, 30.0, 700.0, 1000.0, 1e300])
    with np.errstate(all="raise"):
        y = act.forward(x)
        d = act.derivative(x)
    assert np.all(np.isfinite(y))
    assert y[-2] == 1000.0 and y[-1] == 1e300 and y[2] == math.log(2.0)
    assert d[-1] == 1.0 and d[2] == 0.5
    assert "softplus" in act.docs.f
    assert custom_activation("e1", "exp(x) - 1").forward(np.array([1e-20]))[0] == 1e-20
    assert custom_activation("l1", "log(1 + x)").forward(np.array([1e-20]))[0] == 1e-20


@pytest.mark.parametrize(
    ("expression", "params", "kinks", "smoothness"),
    [
        ("abs(x - a)", {"a": 0.3}, (0.3,), "C⁰"),
        ("relu(x) + relu(x - 2)", {}, (0.0, 2.0), "C⁰"),
        ("where(x > 1, 1, 0)", {}, (1.0,), "jump"),
        ("max(x, 0.5*x)", {}, (0.0,), "C⁰"),
        ("min(x**2, 1)", {}, (-1.0, 1.0), "C⁰"),
        ("leaky_relu(x - 1)", {}, (1.0,), "C⁰"),
        ("x**3 * sigmoid(x)", {}, (), "C∞"),
    ],
)
def test_kinks_and_jumps_are_found(expression, params, kinks, smoothness):
    act = custom_activation("k", expression)
    assert act.kinks(**params) == pytest.approx(kinks, abs=0.0)
    assert act.smoothness(**params) == smoothness


def test_abs_relu_and_max_follow_pytorch_at_the_kink():
    zero = np.array([0.0])
    assert custom_activation("a", "abs(x)").derivative(zero)[0] == 0.0
    assert custom_activation("r", "relu(x)").derivative(zero)[0] == 0.0
    assert custom_activation("m", "max(x, 0)").derivative(zero)[0] == 0.5  # a tie: shared


@pytest.mark.parametrize(
    "expression",
    [
        "x * tanh(softplus(x))",
        "x / (1 + abs(x))",
        "exp(-x**2) * cos(a * x)",
        "sqrt(x**2 + b) - x",
        "arctan(x) + erf(x / 2)",
        "x**2 * sinh(x / 10) / cosh(x / 10)",
        "log1p(x**2) * sigmoid(x)",
        "x ** (1 + x**2 / 10)",
        "tan(x / 3) + expm1(-x**2)",
        "gelu(x) * elu(x - 1)",
    ],
)
def test_symbolic_derivatives_against_mpmath(expression):
    """f′ and f″ from the tree against mpmath's numerical derivative of the formula evaluated
    at 40 digits (for registry functions, which have no composable mpmath form: against a
    central difference of the lower derivative)."""
    act = custom_activation("d", expression)
    params = {p.name: 0.7 for p in act.params}
    mpmath.mp.dps = 40
    xs = [0.4, 1.3, 2.9] if expression.startswith("x **") else [-2.3, -0.7, 0.4, 1.3, 2.9]
    for x in xs:
        for order in (1, 2):
            ours = float(act.evaluate(order, np.array([x]), **params)[0])
            if "gelu" in expression:
                h = 1e-5
                lower = act.evaluate(order - 1, np.array([x - h, x + h]), **params)
                assert ours == pytest.approx((lower[1] - lower[0]) / (2 * h), rel=1e-6)
                continue
            truth = mpmath.diff(lambda t: act.reference(mpmath.mp, t, **params), x, order)
            assert ours == pytest.approx(float(truth), rel=1e-9, abs=1e-12), (x, order)


INJECTIONS = [
    "__import__('os').system('touch /tmp/actgui-pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__",
    "'a'*10**9",
    "9**9**9",
    "10**10**10 + x",
    "(lambda: 1)()",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "eval('1')",
    "exec('import os')",
    "open('/etc/passwd')",
    "getattr(x, 'real')",
    "globals()",
    "x if x else x",
    "__builtins__",
    "x[0]",
    "f'{x}'",
    "b'x'",
    "x; import os",
    "import os",
    "(" * 100 + "x" + ")" * 100,
    "-" * 1000 + "x",
    "x" + "+x" * 300,
    "x" * 100_000,
    "1" + "0" * 400,
    "sin(" * 60 + "x" + ")" * 60,
    "exp(x) @ x",
    "x.real",
    "_x",
    "x\nimport os",
    "\x00x",
    "where(x := 1, 1, 2)",
    "max(*[x])",
    "exp(x=1)",
    "sigmoid",
]


@pytest.mark.parametrize("text", INJECTIONS, ids=range(len(INJECTIONS)))
def test_injections_are_refused_quickly_without_running_anything(text, monkeypatch, work):
    """Refused by the parser's cheap checks: Python's ``ast.parse`` never sees a text beyond
    the length and nesting caps (it can exhaust the C stack), the syntax tree is refused at
    its first foreign node (a few visited, not the whole tree), and nothing is differentiated
    or evaluated."""
    ran = []
    monkeypatch.setattr(os, "system", lambda *a: ran.append(a))
    monkeypatch.setattr("builtins.eval", lambda *a, **k: ran.append(a))
    monkeypatch.setattr("builtins.exec", lambda *a, **k: ran.append(a))
    parse_module = importlib.import_module("actgui.activations.formula.parse")
    parsed, built = [], []
    real_parse, real_build = ast.parse, parse_module._Builder.build
    monkeypatch.setattr(ast, "parse", lambda t, *a, **k: parsed.append(t) or real_parse(t, *a, **k))
    monkeypatch.setattr(
        parse_module._Builder, "build", lambda self, n: built.append(n) or real_build(self, n)
    )
    with pytest.raises(FormulaError) as caught:
        custom_activation("evil", text)
    assert all(len(t) <= MAX_LENGTH and t.count("(") <= MAX_DEPTH for t in parsed)
    assert len(built) <= 6
    # (a constant exponent, a few nodes already built, is computed to check its size)
    assert work["rewrite"] == 0 and work["eval"] <= len(built)
    assert str(caught.value)  # a message for the dialog
    assert not ran
    assert not os.path.exists("/tmp/actgui-pwned")


def test_messages_name_the_place_and_suggest_a_name():
    with pytest.raises(
        FormulaError, match=r"unknown name 'sigmod' at column 5; did you mean 'sigmoid'\?"
    ):
        custom_activation("k", "x * sigmod(x)")
    with pytest.raises(FormulaError, match="where\\(\\) needs a comparison"):
        custom_activation("k", "where(x, 1, 0)")
    with pytest.raises(ValueError, match="built-in"):
        custom_activation("gelu", "x")
    with pytest.raises(ValueError, match="identifier"):
        custom_activation("my key", "x")
    with pytest.raises(ValueError, match="no finite value"):
        custom_activation("k", "log(-1 - x**2)")


def test_parameters_take_ranges_and_refuse_bad_ones():
    act = custom_activation("p", "x * sigmoid(beta * x) + gamma", ranges={"gamma": (-1, 1, 0)})
    beta, gamma = act.params
    assert (beta.minimum, beta.maximum, beta.default) == (-100.0, 100.0, 1.0)
    assert (gamma.minimum, gamma.maximum, gamma.default) == (-1.0, 1.0, 0.0)
    with pytest.raises(ValueError, match="gamma"):
        act.forward(np.zeros(1), gamma=2.0)
    with pytest.raises(ValueError, match="gamma"):
        custom_activation("p", "x + gamma", ranges={"gamma": (1, -1, 0)})


def test_a_custom_activation_registers_like_a_builtin():
    act = custom_activation("my_mish", "x * tanh(log(1 + exp(x)))", name="My Mish")
    register(act)
    try:
        assert REGISTRY["my_mish"] is act and act.family == "custom"
        assert np.allclose(act.forward(X), REGISTRY["mish"].forward(X), rtol=1e-14, atol=0)
        with pytest.raises(ValueError, match=r"taken|built-in"):
            custom_activation("mish", "x")
    finally:
        unregister("my_mish")


def _random_formula(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["x", "x", "a", "2", "0.5", "-1", "pi", "b"])
    kind = rng.random()
    if kind < 0.35:
        op = rng.choice(["+", "-", "*", "/", "**"])
        right = (
            rng.choice(["2", "3", "0.5", "x"]) if op == "**" else _random_formula(rng, depth - 1)
        )
        return f"({_random_formula(rng, depth - 1)} {op} {right})"
    if kind < 0.85:
        fn = rng.choice(
            ["abs", "exp", "log", "log1p", "expm1", "sqrt", "sin", "cos", "tan", "tanh", "sinh",
             "cosh", "arctan", "erf", "sigmoid", "softplus", "relu", "gelu", "elu", "selu"]
        )  # fmt: skip
        return f"{fn}({_random_formula(rng, depth - 1)})"
    if kind < 0.93:
        fn = rng.choice(["min", "max"])
        return f"{fn}({_random_formula(rng, depth - 1)}, {_random_formula(rng, depth - 1)})"
    op = rng.choice([">", "<", ">=", "<="])
    return (
        f"where({_random_formula(rng, depth - 1)} {op} {_random_formula(rng, depth - 1)}, "
        f"{_random_formula(rng, depth - 1)}, {_random_formula(rng, depth - 1)})"
    )


def _kink_search_limit(tree) -> int:
    """Evaluations the kink search may make: per switching expression (and per kink of a
    registry function in it) one on the grid, at most 70 bisection steps and 2 to choose
    the float."""
    searches = sum(
        len(REGISTRY[g[1]].kinks()) if g[0] == "reg-kinks" else 1 for g in switches(tree)
    )
    return 73 * searches


def test_fuzz_random_formulas_never_crash_or_hang(work):
    """No crash, no warning, and no hang: building stays within the rewriting budget,
    evaluating f, f′, f″ visits each distinct node of its tree once (shared subtrees are
    not walked again: that was exponential), and the kink search is bounded."""
    rng = random.Random(20261127)
    x = np.concatenate([np.linspace(-50, 50, 1001), [0.0, 1e300, -1e300, np.inf, -np.inf]])
    made = 0
    for _ in range(150):
        text = _random_formula(rng, rng.randint(1, 5))
        work.clear()
        try:
            act = custom_activation("fuzz", text)
        except FormulaError:
            assert work["rewrite"] <= MAX_REWRITE_CALLS, text
            continue
        assert work["rewrite"] <= MAX_REWRITE_CALLS, text
        shapes = trees(text)
        with np.errstate(all="raise"):  # no floating-point warning escapes
            for order in (0, 1, 2):
                work.clear()
                y = act.evaluate(order, x)
                assert y.shape == x.shape
                assert work["eval"] <= distinct_nodes(shapes[order]), (text, order)
            work.clear()
            act.kinks()
        assert work["kink_eval"] <= _kink_search_limit(shapes[0]), text
        made += 1
    assert made > 60


@pytest.mark.parametrize(
    "text",
    [
        "*".join(["x"] * 150),  # f″ would have millions of terms
        "*".join(["x"] * 100),
    ],
)
def test_formulas_whose_derivatives_explode_are_refused_quickly(text, work):
    with pytest.raises(FormulaError, match="too complex"):
        custom_activation("big", text)
    assert 0 < work["rewrite"] <= MAX_REWRITE_CALLS  # refused by the budget, not after it


def test_long_but_reasonable_formulas_are_accepted_quickly(work):
    for text in (
        "*".join(["x"] * 25),
        "*".join(["(x+1)"] * 20),
        "*".join(["sin(x)"] * 30),
        "sigmoid(" * 25 + "x" + ")" * 25,
    ):
        work.clear()
        act = custom_activation("long", text)
        assert work["rewrite"] <= MAX_REWRITE_CALLS, text
        work.clear()
        act.evaluate(2, np.linspace(-50, 50, 1001))
        # each distinct node of f″ once (walked as a tree, f″ of a product repeats its
        # shared factors exponentially often)
        assert work["eval"] <= distinct_nodes(trees(text)[2]), text


# Found by a red-team review of the parser: each was a hang, a crash or a wrong answer.


def test_nested_max_derivatives_are_written_out_quickly(work):
    """Writing out f′ and f″ of nested max (each a where of where: 2²² paths) stops at the
    text budget: the description, f, f′ and f″ as text and as rich text, each at most
    ``MAX_TEXT_NODES`` nodes (and a cut-short one its first terms, as many again)."""
    text = "max(" * 22 + "x" + "".join(f",{i})" for i in range(22))
    act = custom_activation("m", text)
    assert work["write"] <= 12 * MAX_TEXT_NODES
    assert work["rewrite"] <= MAX_REWRITE_CALLS
    assert act.docs.d2  # something is shown, cut short


def test_a_switch_inside_an_underflowing_run_is_found():
    for text in ("where(x**3 > 0, 1, 0)", "where(1e-200*x > 0, 1, 0)"):
        act = custom_activation("s", text)
        kinks = act.kinks()
        assert kinks and max(abs(k) for k in kinks) < 1e-100
        assert act.smoothness() == "jump"


def test_a_formula_that_switches_everywhere_stays_quick(work):
    """Its millions of switch points: at most 200 kept per side, bisected all together (one
    evaluation per halving for all of them, not one bisection each), and remembered."""
    act = custom_activation("w", "abs(sin(1e9*x))")
    assert len(act.kinks()) <= 2 * 200
    assert work["kink_eval"] <= 73  # the grid, ≤ 70 halvings, 2 to choose the floats
    work.clear()
    act.kinks()
    assert work["kink_eval"] == 0


@pytest.mark.parametrize("name", ["order", "self", "mp"])
def test_names_that_clash_with_method_arguments_are_refused(name):
    with pytest.raises(FormulaError, match="cannot be a parameter name"):
        custom_activation("c", f"{name} * abs(x)")


def test_registry_calls_in_exponents_and_hostile_ranges():
    act = custom_activation("p", "abs(x) ** gelu(1)")
    assert act.forward(np.array([4.0]))[0] == pytest.approx(
        4.0 ** REGISTRY["gelu"].forward(np.array([1.0]))[0]
    )
    for spec in ((-1.7e308, 1.7e308, 0.0), (0.0, 5e-324, 0.0), (1.0, 0.0, 0.5)):
        with pytest.raises(FormulaError):
            custom_activation("r", "a * x", ranges={"a": spec})
    from actgui.activations.custom import read_definitions

    good, problems = read_definitions([
        {"key": "k1", "name": "n", "expression": "a*x", "ranges": {"a": [-1.7e308, 1.7e308, 0]}},
        {"key": "k2", "name": "n", "expression": "self*abs(x)"},
    ])  # fmt: skip
    assert good == [] and len(problems) == 2


def test_overflow_check_survives_towers(monkeypatch):
    """The exact values are never asked for beyond |argument| = 1e5 of exp and cosh, or
    beyond |b·ln a| = 1e5 of a power: e^(e^(e^40)) would take mpmath ~forever."""
    from actgui.activations.custom import float_trouble

    seen: list[float] = []
    for name in ("exp", "cosh"):
        real = getattr(mpmath.mp, name)
        monkeypatch.setattr(
            mpmath.mp, name, lambda u, real=real: seen.append(abs(float(u))) or real(u)
        )
    mpf = type(mpmath.mp.mpf(1))
    real_pow = mpf.__pow__

    def power(a, b):
        if a:
            seen.append(abs(float(b * mpmath.log(abs(a)))))
        return real_pow(a, b)

    monkeypatch.setattr(mpf, "__pow__", power)
    for text in ("exp(exp(exp(x)))", "cosh(cosh(cosh(x)))", "x**x**x"):
        seen.clear()
        float_trouble(custom_activation("t", text))
        assert seen and max(seen) <= 1e5, text


def test_evaluation_of_a_long_product_is_quick_and_small(work):
    import tracemalloc

    text = "*".join(["sigmoid(x)", "tanh(x)", "erf(x)", "exp(-x)", "arctan(x)"] * 6)
    act = custom_activation("big", text)
    x = np.linspace(-50, 50, 50_000)
    work.clear()
    act.evaluate(2, x)
    # Each distinct node of f″ once per chunk of CHUNK points (was: every path through the
    # shared subtrees, 2.8 s), and memory in proportion to a chunk (was 2.5 GB).
    chunks = -(-x.size // CHUNK)
    assert work["eval"] <= chunks * distinct_nodes(trees(text)[2])
    tracemalloc.start()
    act.evaluate(2, x)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 200e6

"""The registry's activations written in PyTorch, as source code for an exported script (no
Qt, and no torch here: this module only writes text).

Every built-in function has a PyTorch form (:data:`BUILTIN`): PyTorch's own function
where it has one with the same meaning (``F.gelu``, ``F.softplus(x, beta, threshold)``,
``F.rrelu(..., training=False)``: the registry draws RReLU in evaluation mode), else a
closed form in torch operations, written as the registry computes it where that keeps
digits (SQNL through a clamp, bent identity without its cancellation). PReLU's α is
learned: the script's network holds an ``nn.PReLU`` per hidden layer, and :data:`BUILTIN`
has its form with a fixed α only for a formula that calls it.

A function of your own becomes torch operations read off its formula's tree (the tree
the engine evaluates: stable forms, simplified). A part that has no torch form, or a
function whose formula is not known here, is refused with a ``ValueError`` whose
argument is a :class:`~actgui.text.messages.Message` naming the function.
"""

from __future__ import annotations

import builtins
import keyword
import math
from collections.abc import Mapping

import numpy as np

from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message

# -- why a function is not exported (translated where they are shown) ---------------------
NO_TORCH_FORM = QT_TRANSLATE_NOOP(
    "actgui.messages", "{name} has no PyTorch form here: it cannot be exported"
)
FORMULA_UNKNOWN = QT_TRANSLATE_NOOP(
    "actgui.messages",
    "the formula of {name} is not known here (it is no longer one of your functions): "
    "it cannot be exported",
)
FORMULA_CHANGED = QT_TRANSLATE_NOOP(
    "actgui.messages",
    "{name} has changed since the race began: start the race again to export it",
)
FORMULA_PART = QT_TRANSLATE_NOOP(
    "actgui.messages", "{name} cannot be written for PyTorch: it uses {part}"
)

#: Built-in key → the body of ``def key(x, <its parameters>)`` in PyTorch (``F`` is
#: ``torch.nn.functional``). Checked against the registry's f by
#: ``scripts/check_torch_export.py``.
BUILTIN: Mapping[str, tuple[str, ...]] = {
    "sigmoid": ("return torch.sigmoid(x)",),
    "tanh": ("return torch.tanh(x)",),
    "logsigmoid": ("return F.logsigmoid(x)",),
    "softsign": ("return F.softsign(x)",),
    "relu": ("return F.relu(x)",),
    "leaky_relu": ("return F.leaky_relu(x, negative_slope=alpha)",),
    "prelu": (
        "# PReLU at a fixed α (a race's network learns α: it holds an nn.PReLU per layer)",
        "return F.prelu(x, torch.tensor([alpha]))",
    ),
    "rrelu": (
        "# evaluation mode: the slope for x < 0 is the mean of [lower, upper]",
        "return F.rrelu(x, lower=lower, upper=upper, training=False)",
    ),
    "relu6": ("return F.relu6(x)",),
    "elu": ("return F.elu(x, alpha=alpha)",),
    "selu": ("return F.selu(x)",),
    "celu": ("return F.celu(x, alpha=alpha)",),
    "gelu": ("return F.gelu(x)",),
    "gelu_tanh": ('return F.gelu(x, approximate="tanh")',),
    "silu": ("return F.silu(x)",),
    "mish": ("return F.mish(x)",),
    "softplus": ("return F.softplus(x, beta=beta, threshold=threshold)",),
    "hardtanh": ("return F.hardtanh(x, min_val=min_val, max_val=max_val)",),
    "hardsigmoid": ("return F.hardsigmoid(x)",),
    "hardswish": ("return F.hardswish(x)",),
    "threshold": ("return F.threshold(x, threshold, value)",),
    "identity": ("return x",),
    "softshrink": ("return F.softshrink(x, lambd)",),
    "hardshrink": ("return F.hardshrink(x, lambd)",),
    "tanhshrink": ("return F.tanhshrink(x)",),
    # -- beyond PyTorch: closed forms --------------------------------------------------
    "swish": ("return x * torch.sigmoid(beta * x)",),
    "quick_gelu": ("return x * torch.sigmoid(1.702 * x)",),
    "squareplus": ("return 0.5 * (x + torch.sqrt(x * x + b))",),
    "bent_identity": (
        "# (sqrt(x² + 1) − 1)/2 + x, written so that it does not cancel near 0",
        "return 0.5 * x * (x / (torch.sqrt(x * x + 1.0) + 1.0)) + x",
    ),
    "gaussian": ("return torch.exp(-x * x)",),
    "sinc": ("# sin(x)/x, 1 at 0 (torch.sinc is sin(πx)/(πx))", "return torch.sinc(x / math.pi)"),
    "isru": ("return x / torch.sqrt(1.0 + alpha * x * x)",),
    "sqnl": (
        "xc = torch.clamp(x, -2.0, 2.0)",
        "return xc - torch.sign(xc) * xc * xc / 4.0",
    ),
    "arctan": ("return torch.arctan(x)",),
    "snake": ("return x + torch.sin(alpha * x) ** 2 / alpha",),
    "lisht": ("return x * torch.tanh(x)",),
    "step": (
        "# its derivative is 0 everywhere: the layers below it never learn from the data",
        "return torch.where(x >= 0, 1.0, 0.0)",
    ),
}

#: Names the exported script defines or uses itself: an activation's function is named
#: differently when its key is one of them.
SCRIPT_NAMES = frozenset(
    {
        "np", "torch", "nn", "F", "math", "csv", "argparse", "pathlib", "sys", "HERE",
        "DATA", "NAME", "RUNS", "ACTIVATIONS", "FEATURES", "DTYPE", "features", "Network",
        "batches", "penalty", "train", "loss_of", "check", "main", "x", "data",
    }
)  # fmt: skip


def function_name(key: str) -> str:
    """The name of the Python function for the activation ``key`` in a script: the key,
    or "_key" when the script uses that name itself ("key_" named two functions alike when
    another function's key was "key_"; no key starts with "_")."""
    taken = key in SCRIPT_NAMES or keyword.iskeyword(key) or hasattr(builtins, key)
    return f"_{key}" if taken else key


def builtin_source(key: str, values: Mapping[str, float], display: str = "") -> str:
    """``def key(x, p=value, …)`` in PyTorch for the built-in function ``key``;
    ``ValueError`` when it has none here."""
    body = BUILTIN.get(key)
    if body is None:
        raise ValueError(Message(NO_TORCH_FORM, name=display or key))
    return _definition(key, values, body)


def _definition(key: str, values: Mapping[str, float], body: tuple[str, ...]) -> str:
    args = "".join(f", {name}={_number(v)}" for name, v in values.items())
    lines = [f"def {function_name(key)}(x{args}):", *(f"    {line}" for line in body)]
    return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    """A float as Python source, every digit kept."""
    value = float(value)
    if math.isnan(value):
        return "math.nan"
    if math.isinf(value):
        return "math.inf" if value > 0 else "-math.inf"
    return repr(value)


# ---------------------------------------------------------------------------------------
# Functions of your own: a formula's tree as torch operations
# ---------------------------------------------------------------------------------------

#: A formula's one-argument functions → torch (``{}`` is the argument).
_CALLS = {
    "abs": "torch.abs({})", "exp": "torch.exp({})", "log": "torch.log({})",
    "log1p": "torch.log1p({})", "expm1": "torch.expm1({})", "sqrt": "torch.sqrt({})",
    "sin": "torch.sin({})", "cos": "torch.cos({})", "tan": "torch.tan({})",
    "tanh": "torch.tanh({})", "sinh": "torch.sinh({})", "cosh": "torch.cosh({})",
    "arctan": "torch.arctan({})", "erf": "torch.erf({})", "sigmoid": "torch.sigmoid({})",
    "relu": "torch.relu({})", "sign": "torch.sign({})",
    # log(1 + e^u) for every u (F.softplus would return u itself from u > 20 on)
    "softplus": "torch.logaddexp({0}, torch.zeros_like({0}))",
    "step": "torch.where({} > 0, 1.0, 0.0)",
    "sech2": "(1.0 - torch.tanh({}) ** 2)",
    "dsigmoid": "(torch.sigmoid({0}) * torch.sigmoid(-{0}))",
}  # fmt: skip
_COMPARE = {">": ">", "≥": ">=", "<": "<", "≤": "<="}
_BINARY = {"add": (" + ", 1), "sub": (" - ", 1), "mul": (" * ", 2), "div": (" / ", 2),
           "pow": (" ** ", 4)}  # fmt: skip
_ATOM = 9
#: Where a formula's pieces are probed (the engine's values there): 0, and both sides out
#: to 1e6, dense near 0.
_PROBE = np.unique(np.concatenate([np.arange(-400, 401) / 20.0, np.logspace(-3, 6, 91),
                                   -np.logspace(-3, 6, 91)]))  # fmt: skip


class _Writer:
    """One formula tree written as a Python expression in torch operations."""

    def __init__(self, name: str, values: Mapping[str, float], registry: Mapping) -> None:
        self.name, self.values, self.registry = name, values, registry
        self.called: dict[str, dict[str, float]] = {}  # built-ins the formula calls
        self.x = "x"  # what x is written as (inside a where's side: x where it is taken)

    def refuse(self, part: str) -> ValueError:
        return ValueError(Message(FORMULA_PART, name=self.name, part=part))

    def constant(self, n) -> float | None:
        """The value of a subtree without x (computed here, as the engine does), else None."""
        from actgui.activations.formula import evaluate
        from actgui.activations.formula.tree import children

        def has_x(m) -> bool:
            return m[0] == "x" or any(has_x(c) for c in children(m))

        if has_x(n):
            return None
        with np.errstate(all="ignore"):
            value = evaluate(n, np.zeros(1), self.values, self.registry)
        return float(np.reshape(value, -1)[0])

    def write(self, n) -> tuple[str, int]:
        """(source, precedence) of the subtree ``n``."""
        kind = n[0]
        if kind == "x":
            return self.x, _ATOM
        if kind == "param":
            return n[1], _ATOM
        value = self.constant(n)
        if value is not None:
            text = _number(value)
            return text, (3 if text.startswith("-") else _ATOM)
        if kind == "neg":
            return "-" + self.operand(n[1], 3), 3
        if kind in _BINARY:
            op, level = _BINARY[kind]
            if kind == "pow":  # (right-associative)
                left, right = self.operand(n[1], level + 1), self.operand(n[2], level)
            else:
                left, right = self.operand(n[1], level), self.operand(n[2], level + 1)
            return left + op + right, level
        if kind == "call":
            return self.call(n[1], n[2:]), _ATOM
        if kind == "where":
            op, left, right = n[1]
            sides = self.constant(left), self.constant(right)
            if None not in sides:  # (a test of parameters alone: decided here)
                compare = {">": float.__gt__, "≥": float.__ge__, "<": float.__lt__,
                           "≤": float.__le__}[op]  # fmt: skip
                return self.write(n[2] if compare(*sides) else n[3])
            test = f"{self.operand(left, 1)} {_COMPARE[op]} {self.operand(right, 1)}"
            taken = self.probe(("where", n[1], ("num", 1.0), ("num", 0.0))) == 1.0
            a, b = self.side(n[2], test, taken), self.side(n[3], test, ~taken, negate=True)
            return f"torch.where({test}, {a}, {b})", _ATOM
        if kind == "reg" and n[2] == 0:
            key = n[1]
            act = self.registry.get(key)
            if key not in BUILTIN or act is None:
                raise self.refuse(key)
            defaults = act.defaults()
            self.called[key] = defaults
            args = "".join(f", {p}={_number(v)}" for p, v in defaults.items())
            return f"{function_name(key)}({self.write(n[3])[0]}{args})", _ATOM
        raise self.refuse(str(n[1]) if kind in ("call", "reg") else kind)

    def probe(self, n) -> np.ndarray:
        """The subtree ``n`` at the points of :data:`_PROBE`, as the engine computes it."""
        from actgui.activations.formula import evaluate

        with np.errstate(all="ignore"):
            values = evaluate(n, _PROBE, self.values, self.registry)
        return np.broadcast_to(values, _PROBE.shape)

    def side(self, n, test: str, taken: np.ndarray, negate: bool = False) -> str:
        """One side of a where. Where it is not taken, autograd still multiplies its
        derivative by 0, and 0·inf is NaN: a side that is not finite there (sqrt(x) for
        x < 0) is computed at a point where it is (PyTorch's "double where"), so that its
        gradient is 0 there, as the engine's."""
        from actgui.activations.formula import FormulaError, derivative

        try:
            with np.errstate(all="ignore"):
                slope = self.probe(derivative(n))
        except FormulaError:
            slope = np.full(_PROBE.shape, np.nan)
        value = self.probe(n)
        fine = np.isfinite(value) & np.isfinite(slope)
        if fine[~taken].all() or not (fine & taken).any():
            return self.write(n)[0]
        # (the simplest such point: the fewest digits, then the nearest 0)
        at = min(map(_number, _PROBE[fine & taken]), key=lambda t: (len(t), abs(float(t))))
        outer = self.x
        self.x = (
            f"torch.where({test}, {outer}, {at})"
            if not negate
            else f"torch.where({test}, {at}, {outer})"
        )
        try:
            return self.write(n)[0]
        finally:
            self.x = outer

    def operand(self, n, level: int) -> str:
        text, own = self.write(n)
        return text if own >= level else f"({text})"

    def call(self, name: str, args) -> str:
        if name in ("min", "max"):
            # (torch.minimum/maximum share a tie's gradient equally, as the engine does;
            # torch.clamp would give it all to the argument)
            texts = []
            for arg in args:
                value = self.constant(arg)
                texts.append(
                    self.write(arg)[0] if value is None else f"torch.tensor({_number(value)})"
                )
            torch_name = "torch.minimum" if name == "min" else "torch.maximum"
            return f"{torch_name}({texts[0]}, {texts[1]})"
        template = _CALLS.get(name)
        if template is None or len(args) != 1:
            raise self.refuse(f"{name}()")
        return template.format(self.write(args[0])[0])


def formula_source(
    key: str,
    expression: str,
    values: Mapping[str, float],
    display: str = "",
) -> tuple[str, dict[str, dict[str, float]]]:
    """``def key(x, p=value, …)`` computing the formula ``expression`` in torch operations
    (its tree as the engine evaluates it), and the built-ins it calls (key → their default
    values: their definitions go into the script too). ``ValueError`` naming the function
    (``display``) when a part has no torch form."""
    from actgui.activations.custom import FAMILY, trees
    from actgui.activations.registry import REGISTRY

    name = display or key
    tree = trees(expression)[0]
    registry = {k: a for k, a in REGISTRY.items() if a.family != FAMILY}
    writer = _Writer(name, values, registry)
    text, _ = writer.write(tree)
    if writer.constant(tree) is not None:  # (a constant formula: one value per point)
        text = f"torch.full_like(x, {text})"
    body = (f"# {name}(x) = {' '.join(expression.split())}", f"return {text}")
    return _definition(key, values, body), writer.called

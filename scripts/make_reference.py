"""Generate tests/data/reference.json: PyTorch's own f, f′ and f″ for the registry's functions.

Run once, whenever the registry gains a function or the sample points change:

    pip install torch==2.13.0 numpy
    python scripts/make_reference.py

PyTorch is *only* needed here; the app and its tests read the JSON file.
Values are computed in float64: f by ``torch.nn.functional``, f′ and f″ by
autograd (``create_graph=True``), which is exactly what a PyTorch user gets,
kinks included. Only functions PyTorch has are here: each function PyTorch
lacks carries its own mpmath ``reference`` in its registry entry, against which
the tests check f, f′ and f″ (tests/test_registry.py).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
import torch.nn.functional as F

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "reference.json"

_FAR = [30.0, 700.0, 710.0, 750.0, 1e4, 1e300]
_SPREAD = [0.1, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 36.0, 50.0, 100.0]
_OFFSETS = [1e-12, 1e-6, 1e-3]


def points(kinks: list[float]) -> list[float]:
    """Ordinary spread, far tails, and points near and exactly on every kink."""
    pts = {0.0} | {s * v for v in _SPREAD + _FAR for s in (-1.0, 1.0)}
    for k in kinks:
        pts |= {k, math.nextafter(k, -math.inf), math.nextafter(k, math.inf)}
        pts |= {k + s * d for d in _OFFSETS for s in (-1.0, 1.0)}
    return sorted(pts)


def _prelu(x, alpha):
    return F.prelu(x, torch.tensor([alpha], dtype=torch.float64))


# key -> (callable(x, **params), [(params, kinks)])
CASES = {
    "sigmoid": (torch.sigmoid, [({}, [])]),
    "tanh": (torch.tanh, [({}, [])]),
    "logsigmoid": (F.logsigmoid, [({}, [])]),
    "softsign": (F.softsign, [({}, [0.0])]),
    "relu": (F.relu, [({}, [0.0])]),
    "leaky_relu": (
        lambda x, alpha: F.leaky_relu(x, negative_slope=alpha),
        [({"alpha": a}, [0.0]) for a in (0.01, 0.2, 0.0, 1.0)],
    ),
    "prelu": (_prelu, [({"alpha": a}, [0.0]) for a in (0.25, -0.5, 0.7)]),
    "rrelu": (
        lambda x, lower, upper: F.rrelu(x, lower, upper, training=False),
        [({"lower": 0.125, "upper": 1 / 3}, [0.0]), ({"lower": 0.05, "upper": 0.6}, [0.0])],
    ),
    "relu6": (F.relu6, [({}, [0.0, 6.0])]),
    "elu": (
        lambda x, alpha: F.elu(x, alpha=alpha),
        [({"alpha": a}, [0.0]) for a in (1.0, 0.5, 2.5, 0.0)],
    ),
    "selu": (F.selu, [({}, [0.0])]),
    "celu": (
        lambda x, alpha: F.celu(x, alpha=alpha),
        [({"alpha": a}, [0.0]) for a in (1.0, 0.3, 3.0)],
    ),
    "gelu": (F.gelu, [({}, [])]),
    "gelu_tanh": (lambda x: F.gelu(x, approximate="tanh"), [({}, [])]),
    "silu": (F.silu, [({}, [])]),
    "mish": (F.mish, [({}, [])]),
    "softplus": (
        lambda x, beta, threshold: F.softplus(x, beta=beta, threshold=threshold),
        [
            ({"beta": 1.0, "threshold": 20.0}, [20.0]),
            ({"beta": 2.0, "threshold": 3.0}, [1.5]),
            ({"beta": 0.5, "threshold": 1.0}, [2.0]),
        ],
    ),
    "hardtanh": (
        lambda x, min_val, max_val: F.hardtanh(x, min_val, max_val),
        [
            ({"min_val": -1.0, "max_val": 1.0}, [-1.0, 1.0]),
            ({"min_val": -0.5, "max_val": 2.0}, [-0.5, 2.0]),
        ],
    ),
    "hardsigmoid": (F.hardsigmoid, [({}, [-3.0, 3.0])]),
    "hardswish": (F.hardswish, [({}, [-3.0, 3.0])]),
    "threshold": (
        lambda x, threshold, value: F.threshold(x, threshold, value),
        [({"threshold": 1.0, "value": 0.0}, [1.0]), ({"threshold": -0.5, "value": 2.0}, [-0.5])],
    ),
    "identity": (lambda x: torch.nn.Identity()(x), [({}, [])]),
    "softshrink": (
        lambda x, lambd: F.softshrink(x, lambd),
        [({"lambd": v}, [-v, v]) for v in (0.5, 1.5, 0.0)],
    ),
    "hardshrink": (
        lambda x, lambd: F.hardshrink(x, lambd),
        [({"lambd": v}, [-v, v]) for v in (0.5, 1.5, 0.0)],
    ),
    "tanhshrink": (F.tanhshrink, [({}, [])]),
}


def derivatives(fn, xs: list[float], params: dict):
    """f, f′, f″ at ``xs`` through PyTorch autograd in float64 (f″ None if not implemented)."""
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = fn(x, **params)
    (d1,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    if not d1.requires_grad:  # f′ is constant (identity): f″ = 0
        return y.tolist(), d1.tolist(), [0.0] * len(xs)
    try:
        (d2,) = torch.autograd.grad(d1.sum(), x, allow_unused=True, materialize_grads=True)
    except RuntimeError as exc:  # e.g. hardsigmoid_backward has no derivative in PyTorch
        print(f"  no f″ from PyTorch: {exc}")
        return y.tolist(), d1.tolist(), None
    return y.tolist(), d1.tolist(), d2.tolist()


def _finite_or_none(key, params, xs, values):
    """``values`` with PyTorch's non-finite results (where the true value is finite) as None.

    PyTorch's own formulas overflow far out in a few places (GELU's f″ at
    ±1e300 is NaN); the tests then only require our value to be finite.
    """
    if values is None:
        return None
    out = []
    for x, v in zip(xs, values, strict=True):
        if math.isfinite(v):
            out.append(v)
        else:
            print(f"  {key}{params}: PyTorch gives {v} at x={x}; stored as null")
            out.append(None)
    return out


def main() -> None:
    cases = []
    for key, (fn, param_sets) in CASES.items():
        for params, kinks in param_sets:
            xs = points(kinks)
            f, d1, d2 = derivatives(fn, xs, params)
            f, d1, d2 = (_finite_or_none(key, params, xs, v) for v in (f, d1, d2))
            cases.append({"key": key, "params": params, "x": xs, "f": f, "d1": d1, "d2": d2})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = {"generator": "scripts/make_reference.py", "torch": torch.__version__}
    lines = [json.dumps(header)[:-1] + ', "cases": ['] + [json.dumps(c) + "," for c in cases]
    lines[-1] = lines[-1][:-1]
    OUT.write_text("\n".join(lines) + "\n]}\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()

"""Generate tests/data/reference.json: PyTorch's own f, f′ and f″ for every activation it has.

Run once, whenever the registry gains a function or the sample points change:

    pip install torch==2.13.0 numpy
    python scripts/make_reference.py

PyTorch is *only* needed here; the app and its tests read the JSON file.
Values are computed in float64: f by ``torch.nn.functional``, f′ and f″ by
autograd (``create_graph=True``), which is exactly what a PyTorch user gets,
kinks included.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
import torch.nn.functional as F

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "reference.json"

# Far out, near and exactly on the kink at 0, and an ordinary spread in between.
_FAR = [30.0, 700.0, 710.0, 750.0, 1e4, 1e300]
_NEAR = [1e-300, 5e-324, 1e-12, 1e-6, 0.001]
_SPREAD = [0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 36.0, 50.0, 100.0]
POINTS = sorted({0.0} | {s * v for v in _FAR + _NEAR + _SPREAD for s in (-1.0, 1.0)})


def _prelu(x: torch.Tensor, alpha: float) -> torch.Tensor:
    return F.prelu(x, torch.tensor([alpha], dtype=torch.float64))


# key -> (callable(x, **params), list of parameter sets)
CASES = {
    "sigmoid": (lambda x: torch.sigmoid(x), [{}]),
    "tanh": (lambda x: torch.tanh(x), [{}]),
    "relu": (lambda x: F.relu(x), [{}]),
    "leaky_relu": (
        lambda x, alpha: F.leaky_relu(x, negative_slope=alpha),
        [{"alpha": 0.01}, {"alpha": 0.2}, {"alpha": 0.0}, {"alpha": 1.0}],
    ),
    "prelu": (_prelu, [{"alpha": 0.25}, {"alpha": -0.5}, {"alpha": 0.7}]),
    "elu": (
        lambda x, alpha: F.elu(x, alpha=alpha),
        [{"alpha": 1.0}, {"alpha": 0.5}, {"alpha": 2.5}, {"alpha": 0.0}],
    ),
}


def derivatives(fn, xs: list[float], params: dict) -> tuple[list, list, list]:
    """f, f′, f″ at ``xs`` through PyTorch autograd in float64."""
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = fn(x, **params)
    (d1,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    (d2,) = torch.autograd.grad(d1.sum(), x, allow_unused=True, materialize_grads=True)
    return y.tolist(), d1.tolist(), d2.tolist()


def main() -> None:
    cases = []
    for key, (fn, param_sets) in CASES.items():
        for params in param_sets:
            f, d1, d2 = derivatives(fn, POINTS, params)
            for values in (f, d1, d2):
                assert all(math.isfinite(v) for v in values), (key, params)
            cases.append({"key": key, "params": params, "x": POINTS, "f": f, "d1": d1, "d2": d2})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = {"generator": "scripts/make_reference.py", "torch": torch.__version__, "cases": cases}
    OUT.write_text(json.dumps(doc, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases x {len(POINTS)} points to {OUT}")


if __name__ == "__main__":
    main()

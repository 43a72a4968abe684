"""Check *Export → PyTorch script*: the exported scripts train, in PyTorch, what actgui trained.

Run where PyTorch is installed (it is needed only here: the app and its tests never import
it), with actgui importable:

    python3.11 -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch==2.13.0 numpy scipy mpmath ml_dtypes
    PYTHONPATH=. /tmp/torchvenv/bin/python scripts/check_torch_export.py [--steps 200]

First every built-in activation's PyTorch form (``analysis.torch_activations``) is compared
with the registry's f and f′ on a grid through its kinks (autograd for f′). Then races
are trained in actgui, exported (``analysis.torch_export``) and their scripts run with
``--check``: every built-in activation in groups of four, each group twice (2-D
classification with a test split, mini-batches, Adam, L1 and L2, all seven input features
and the learning rate and penalties changed mid-race; a 1-D fit with SGD on x, x² and
sin x over the whole set, its learning rate changed mid-race), the initialisations
(edge of chaos, orthogonal, LeCun, Glorot), and functions of your own. The table gives,
per activation, the largest relative difference between the two loss curves (training
and test) over all its races.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from actgui.activations import REGISTRY
from actgui.activations.custom import Definition, add_custom, remove_custom
from actgui.analysis.race import Race, RaceConfig
from actgui.analysis.torch_activations import BUILTIN, builtin_source, function_name
from actgui.analysis.torch_export import write_pytorch_export

ALL_FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
#: Functions of your own raced too (key → formula).
CUSTOM = {
    "my_swish": "x * sigmoid(beta * x)",
    "my_elu": "where(x > 0, x, a * (exp(x) - 1))",
    "my_root": "where(x > 0, sqrt(x + 1) - 1, x / 2)",
    "my_mix": "min(max(x, -2), 2) + 0.1 * softplus(x) + gelu(x) / 4",
}
_LINE = re.compile(r"max relative difference (\S+)(?: \(test loss (\S+)\))?")


def check_functions() -> dict[str, tuple[float, float]]:
    """Per built-in: the largest difference of f and of f′ (relative, or absolute below
    1) between its PyTorch form and the registry, on [−30, 30] and on its kinks."""
    torch.set_default_dtype(torch.float64)
    grid = np.linspace(-30.0, 30.0, 60001)
    out = {}
    for key, act in REGISTRY.items():
        if key not in BUILTIN:
            continue
        values = act.defaults()
        space = {"torch": torch, "F": F, "math": math}
        exec(builtin_source(key, values), space)  # our own generated source
        fn = space[function_name(key)]
        x = np.concatenate([grid, act.kinks(**values)])
        t = torch.tensor(x, requires_grad=True)
        y = fn(t)
        g = torch.autograd.grad(y.sum(), t)[0] if y.requires_grad else torch.zeros_like(t)
        f, d = act.forward(x, **values), act.derivative(x, **values)
        out[key] = (_worst(y.detach().numpy(), f), _worst(g.numpy(), d))
    return out


def _worst(a: np.ndarray, b: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        diff = np.where(a == b, 0.0, np.abs(a - b) / np.maximum(np.abs(b), 1.0))
    return float(np.nanmax(diff))


def races(steps: int) -> list[tuple[str, RaceConfig, list[tuple[int, dict]]]]:
    """(label, set-up, changes during the race: (at step, {"learning_rate"|"l1"|"l2"|
    "optimizer": …}))."""
    keys = [k for k in REGISTRY if k in BUILTIN]
    out = []
    half = steps // 2
    for start in range(0, len(keys), 4):
        group = tuple(keys[start : start + 4])
        classify = RaceConfig(
            keys=group, dataset="spirals", n_points=300, hidden=(12, 12), optimizer="adam",
            learning_rate=0.01, batch_size=32, test_fraction=0.25, l1=1e-4, l2=1e-3,
            features=ALL_FEATURES, steps=steps, seed=start,
        )  # fmt: skip
        fit = RaceConfig(
            keys=group, dataset="sin", n_points=120, hidden=(10,), optimizer="sgd",
            learning_rate=0.005, test_fraction=0.2, l2=1e-3, features=("x1", "x1^2", "sin(x1)"),
            steps=steps, seed=start + 1,
        )  # fmt: skip
        change = [(half, {"learning_rate": 0.003, "l1": 0.0, "l2": 1e-2})]
        out.append((f"classify {', '.join(group)}", classify, change))
        out.append((f"fit {', '.join(group)}", fit, [(half, {"learning_rate": 0.01})]))
    inits = RaceConfig(
        keys=("tanh", "tanh", "selu", "relu"), inits=("edge_of_chaos", "orthogonal", "lecun",
        "glorot"), init="edge_of_chaos", dataset="moons", n_points=200, hidden=(16,) * 4,
        optimizer="sgd", learning_rate=0.05, batch_size=50, steps=steps,
    )  # fmt: skip
    # (the optimiser changed half way: a fresh Adam from there, in both trainers)
    out.append(("initialisations", inits, [(half, {"optimizer": "adam", "learning_rate": 0.003})]))
    mine = RaceConfig(
        keys=tuple(CUSTOM), dataset="circles", n_points=200, hidden=(12, 12),
        learning_rate=0.01, test_fraction=0.3, l1=1e-3, features=("x1", "x2", "x1*x2"),
        params={"my_swish": {"beta": 1.5}, "my_elu": {"a": 0.5}}, steps=steps,
    )  # fmt: skip
    out.append(("functions of your own", mine, [(half, {"learning_rate": 0.004})]))
    return out


#: A race whose snake and LiSHT runs diverge (the loss overflows within 20 steps): do both
#: trainers stop at the same step? (Not in the table: near an overflow the two curves
#: part by far more than rounding, as any two float computations do.)
DIVERGING = RaceConfig(
    keys=("snake", "lisht", "relu", "identity"), dataset="sin", n_points=120, hidden=(10,),
    optimizer="sgd", learning_rate=0.01, test_fraction=0.2, l2=1e-3,
    features=("x1", "x1^2", "sin(x1)"), steps=200, seed=33,
)  # fmt: skip


def run_race(label, config, changes, folder: Path, index: int) -> dict[str, tuple[float, ...]]:
    """Train ``config`` in actgui, export it, run its script with --check: per run id, the
    loss curves' largest relative difference (training, test)."""
    race = Race(config)
    for at, change in changes:
        race.advance(until=at)
        if "learning_rate" in change:
            race.set_learning_rate(change["learning_rate"])
        if "optimizer" in change:
            race.set_optimizer(change["optimizer"])
        if "l1" in change or "l2" in change:
            race.set_regularization(
                change.get("l1", race.config.l1), change.get("l2", race.config.l2)
            )
    race.advance()
    script, _ = write_pytorch_export(folder / f"race{index}.py", race)
    done = subprocess.run(
        [sys.executable, script.name, "--check"], cwd=folder, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"{label}: the script failed\n{done.stderr}")
    found = _LINE.findall(done.stdout)
    ids = race.run_ids()
    if len(found) != len(ids):
        raise SystemExit(f"{label}: unexpected output\n{done.stdout}")
    stopped = {n: r.steps for n, r in zip(ids, race.runs, strict=True) if r.diverged}
    print(f"{label}: {race.steps} steps", f"(diverged: {stopped})" if stopped else "")
    if stopped:
        print("    " + done.stdout.strip().replace("\n", "\n    "))
    return {name: tuple(float(v) for v in pair if v) for name, pair in zip(ids, found, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    print(f"torch {torch.__version__}, numpy {np.__version__}")
    functions = check_functions()
    print("\nPyTorch forms against the registry (f, f′; relative, absolute below 1):")
    for key, (f, d) in functions.items():
        print(f"  {key:14s} {f:.1e}  {d:.1e}")
    for key, formula in CUSTOM.items():
        add_custom(Definition(key, key, formula))
    worst: dict[str, list[float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i, (label, config, changes) in enumerate(races(args.steps), start=1):
                for name, diffs in run_race(label, config, changes, Path(tmp), i).items():
                    worst.setdefault(name, []).extend(diffs)
    finally:
        for key in CUSTOM:
            remove_custom(key)
    with tempfile.TemporaryDirectory() as tmp:
        print("\nA diverging race, not in the table:")
        run_race("diverging", DIVERGING, [], Path(tmp), 0)
    print(f"\nLoss curves, actgui against PyTorch, {args.steps} steps (max relative difference):")
    print("| activation | max rel. diff |\n|---|---|")
    for name, diffs in worst.items():
        print(f"| {name} | {max(diffs):.1e} |")
    overall = max(max(d) for d in worst.values())
    print(f"\nworst of all: {overall:.1e}")


if __name__ == "__main__":
    main()

"""The text of an exported PyTorch script (no Qt, no torch here): a template filled by
:mod:`actgui.analysis.torch_export`. The script imports only numpy, torch and the
standard library, and is meant to be read: a teacher gives it to students.
"""

from __future__ import annotations

from string import Template

#: The parts of the script the export fills in: ``$title``, ``$name``, ``$settings``,
#: ``$features``, ``$activations``.
SCRIPT = Template(
    '''"""$title

This script trains again, in PyTorch, what actgui trained: the same data and test
split, the same input features, the same initial weights, the same activation
functions, batches, optimiser, learning rate and regularisation at every step, in
float64. The numbers are in $name.npz, beside this file (keep the two together, under
the same name).

    python $name.py            train, print the loss, write ${name}_losses.csv
    python $name.py --check    also compare with actgui's loss curve (stored in $name.npz)

It needs numpy and torch (pip install numpy torch).
"""

import argparse
import csv
import math
import pathlib

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)  # actgui trains in float64
DATA = np.load(pathlib.Path(__file__).with_suffix(".npz"), allow_pickle=False)

# -- the race ------------------------------------------------------------------------------
$settings


# -- what the network sees: features of the raw points -------------------------------------
$features


# -- the activation functions (parameter values as in actgui) ------------------------------
$activations


# -- the network ---------------------------------------------------------------------------
class Network(nn.Module):
    """Fully connected layers with the run's activation between them; the last layer gives
    the class scores (logits) or the fitted value."""

    def __init__(self, run):
        super().__init__()
        prefix = run["id"]
        weights = [DATA[f"{prefix}_W{i + 1}"] for i in range(len(HIDDEN) + 1)]
        biases = [DATA[f"{prefix}_b{i + 1}"] for i in range(len(HIDDEN) + 1)]
        self.layers = nn.ModuleList(nn.Linear(*w.shape) for w in weights)
        with torch.no_grad():
            for layer, w, b in zip(self.layers, weights, biases):
                # actgui computes x @ W + b; nn.Linear computes x @ weight.T + bias
                layer.weight.copy_(torch.from_numpy(w).T)
                layer.bias.copy_(torch.from_numpy(b))
        self.activation = ACTIVATIONS[run["activation"]]
        if run["learned_slope"]:
            # PReLU: one slope α per hidden layer, learned like a weight
            alphas = DATA[f"{prefix}_alpha"]
            self.prelus = nn.ModuleList(nn.PReLU(1, init=float(a)) for a in alphas)
        else:
            self.prelus = None

    def forward(self, x):
        for i, layer in enumerate(self.layers[:-1]):
            x = layer(x)
            x = self.prelus[i](x) if self.prelus is not None else self.activation(x)
        return self.layers[-1](x)


def loss_of(outputs, targets):
    """The data loss: softmax cross-entropy, or the mean squared error of a fit."""
    if CLASSIFY:
        return F.cross_entropy(outputs, targets)
    return F.mse_loss(outputs[:, 0], targets)


def penalty(network, l1, l2):
    """l1·Σ|W| + l2·ΣW² over the weight matrices (not the biases, not PReLU's α)."""
    total = 0.0
    for layer in network.layers:
        total = total + l1 * layer.weight.abs().sum() + l2 * (layer.weight**2).sum()
    return total


def batches(n_train):
    """The training rows of each step, drawn as actgui draws them (the whole set when
    BATCH_SIZE is None)."""
    rng = np.random.default_rng(np.random.SeedSequence([SEED, 3]))
    while True:
        if BATCH_SIZE is None:
            yield slice(None)
        else:
            yield torch.from_numpy(rng.choice(n_train, BATCH_SIZE, replace=False))


def train(run, steps):
    """Train one run for ``steps`` steps; its loss (and test loss) at every step, measured
    at the weights the step starts from, as actgui records them."""
    network = Network(run)
    x = torch.from_numpy(features(DATA["train_inputs"]))
    y = torch.from_numpy(DATA["train_targets"])
    x_test = torch.from_numpy(features(DATA["test_inputs"]))
    y_test = torch.from_numpy(DATA["test_targets"])
    # The learning rate, the penalties and the optimiser of every step (they may change
    # while training: a new optimiser starts with fresh moments, as in actgui).
    names = ("learning_rate", "l1", "l2", "adam")
    rates, l1s, l2s, adams = (DATA[f"{run['id']}_{name}"] for name in names)
    optimizer, kind = None, None
    losses, test_losses = [], []
    rows = batches(len(y))
    for step in range(steps):
        at = min(step, len(rates) - 1)  # (past the race's steps: its last values)
        if kind != bool(adams[at]):
            kind = bool(adams[at])
            if kind:
                optimizer = torch.optim.Adam(
                    network.parameters(), lr=1.0, betas=(0.9, 0.999), eps=1e-8
                )
            else:
                optimizer = torch.optim.SGD(network.parameters(), lr=1.0, momentum=0.9)
        for group in optimizer.param_groups:
            group["lr"] = float(rates[at])
        batch = next(rows)
        loss = loss_of(network(x[batch]), y[batch])
        losses.append(loss.item())
        if len(y_test):
            with torch.no_grad():
                test_losses.append(loss_of(network(x_test), y_test).item())
        optimizer.zero_grad()
        (loss + penalty(network, float(l1s[at]), float(l2s[at]))).backward()
        # Diverged when the loss or a hidden layer's gradient norm is not finite (a norm
        # overflows before its numbers do): actgui stops the run there too.
        grads = [layer.weight.grad for layer in network.layers[:-1]]
        squares = [torch.sum(g * g).item() for g in grads if g is not None]
        if not all(math.isfinite(v) for v in [loss.item(), *squares]):
            break
        optimizer.step()
    return losses, test_losses


def difference(ours, theirs):
    """The largest relative difference between two loss curves (over the steps of both)."""
    n = min(len(ours), len(theirs))
    a, b = np.asarray(ours[:n]), np.asarray(theirs[:n])
    with np.errstate(all="ignore"):
        rel = np.abs(a - b) / np.maximum(np.abs(b), 1e-300)
    rel[(a == b) | (np.isnan(a) & np.isnan(b))] = 0.0
    return float(np.max(rel, initial=0.0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=STEPS, help="steps to train")
    parser.add_argument("--check", action="store_true", help="compare with actgui's curve")
    args = parser.parse_args()
    table = []
    for run in RUNS:
        losses, test_losses = train(run, args.steps)
        first, last = (losses[0], losses[-1]) if losses else (math.nan, math.nan)
        print(f"{run['name']}: {len(losses)} steps, loss {first:.6g} -> {last:.6g}")
        for step, loss in enumerate(losses, start=1):
            test = repr(test_losses[step - 1]) if test_losses else ""
            table.append([run["name"], step, repr(loss), test])
        if args.check:
            ours = DATA[f"{run['id']}_loss"]
            steps = min(len(ours), len(losses))
            line = f"  actgui's loss over {steps} steps: max relative difference "
            line += f"{difference(losses, ours):.2e}"
            if test_losses:
                test = difference(test_losses, DATA[f"{run['id']}_test_loss"])
                line += f" (test loss {test:.2e})"
            if len(ours) != len(losses) and len(losses) < args.steps:
                line += f"; PyTorch stopped after {len(losses)} steps, actgui after {len(ours)}"
            print(line)
    here = pathlib.Path(__file__)
    out = here.with_name(here.stem + "_losses.csv")
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["run", "step", "loss", "test_loss"])
        writer.writerows(table)
    print(f"losses written to {out.name}")


if __name__ == "__main__":
    main()
'''
)

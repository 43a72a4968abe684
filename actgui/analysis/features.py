"""A race's inputs: the features a network sees, the held-out split and the scores (no Qt).

As TensorFlow Playground, a network may see more than the raw coordinates: squares, the
product and sines of them (:data:`FEATURES`). For 1-D data (x only) the features of x₂
do not exist and are skipped. The split into training and test points is drawn from the
seed alone, so every run of a race (and a PyTorch script rebuilding it) holds out the
same points.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

#: Every input feature, in the order of the network's input columns.
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
#: The features of the first coordinate only (1-D data has no x₂).
FEATURES_1D = ("x1", "x1^2", "sin(x1)")
#: What a network sees by default: the coordinates themselves.
DEFAULT_FEATURES = ("x1", "x2")
#: The largest share of points held out for testing.
MAX_TEST_FRACTION = 0.9


def applicable(features: Iterable[str], inputs: int) -> tuple[str, ...]:
    """The chosen ``features`` that exist for data of ``inputs`` coordinates (1 or 2), in
    :data:`FEATURES` order."""
    chosen = set(features)
    names = FEATURES if inputs >= 2 else FEATURES_1D
    return tuple(name for name in names if name in chosen)


def feature_columns(x: np.ndarray, features: Iterable[str]) -> np.ndarray:
    """The network's inputs: one column per applicable feature of the raw points ``x``
    (n × 1 or n × 2), in :data:`FEATURES` order. ``ValueError`` (with a message) when none
    applies."""
    x = np.asarray(x, dtype=np.float64)
    names = applicable(features, x.shape[1])
    if not names:  # (only features of x₂ for 1-D data: a drawn curve's, a CSV file's)
        from actgui.analysis import race_words as w
        from actgui.text.messages import Message

        chosen = ", ".join(f for f in FEATURES if f in set(features))
        raise ValueError(Message(w.FEATURES_NONE, names=chosen))
    x1 = x[:, 0]
    x2 = x[:, 1] if x.shape[1] > 1 else None
    make = {
        "x1": lambda: x1,
        "x2": lambda: x2,
        "x1^2": lambda: x1 * x1,
        "x2^2": lambda: x2 * x2,
        "x1*x2": lambda: x1 * x2,
        "sin(x1)": lambda: np.sin(x1),
        "sin(x2)": lambda: np.sin(x2),
    }
    with np.errstate(over="ignore", invalid="ignore"):  # (a huge coordinate squared: inf)
        return np.column_stack([make[name]() for name in names])


def split_indices(n: int, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(training rows, test rows) of ``n`` points, each sorted: ``round(n·test_fraction)``
    test points (at least one if the fraction is positive, and at least one training
    point), chosen by a permutation drawn from the seed alone."""
    n_test = round(n * test_fraction) if test_fraction > 0 else 0
    n_test = min(max(n_test, 1 if test_fraction > 0 else 0), n - 1)
    order = np.random.default_rng(np.random.SeedSequence([seed, 5])).permutation(n)
    return np.sort(order[n_test:]), np.sort(order[:n_test])


def score(out: np.ndarray, y: np.ndarray, classify: bool) -> float:
    """Accuracy (classification: ``out`` is n × classes) or R² (``out`` n × 1) of the
    network's outputs on targets ``y``; NaN for no points (or R² of constant targets)."""
    if y.shape[0] == 0:
        return math.nan
    with np.errstate(all="ignore"):
        if classify:
            return float(np.mean(np.argmax(out, axis=1) == y))
        total = float(np.sum((y - y.mean()) ** 2))
        if total == 0.0:
            return math.nan
        return 1.0 - float(np.sum((out[:, 0] - y) ** 2)) / total


def data_loss(out: np.ndarray, y: np.ndarray, classify: bool) -> float:
    """The mean softmax cross-entropy (classification) or squared error of ``out``; NaN
    for no points."""
    n = y.shape[0]
    if n == 0:
        return math.nan
    with np.errstate(all="ignore"):
        if classify:
            # (the training loss's own formula: the two curves compare bit for bit)
            z = out - out.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            return float(-np.mean(np.log(np.maximum(p[np.arange(n), y], 1e-300))))
        err = out[:, 0] - y
        return float(np.mean(err * err))

"""The Train tab's built-in data sets (no Qt): five 2-D classification sets and three 1-D
curves to fit, drawn from a seed."""

from __future__ import annotations

import numpy as np

from actgui.validation import choice, integer, number

DATASETS_2D = ("gaussians", "xor", "circles", "spirals", "moons")
DATASETS_1D = ("sin", "abs", "step")
MAX_POINTS = 10_000


def make_dataset(
    name: str, n_points: int = 400, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(inputs, targets): 2-D points with integer class labels for the classification sets,
    1-D points with real targets for ``sin``, ``abs`` and ``step``."""
    name = choice("dataset", name, DATASETS_2D + DATASETS_1D)
    n = integer("n_points", n_points, 2, MAX_POINTS)
    noise = number("noise", noise, 0.0, 10.0)
    rng = np.random.default_rng(np.random.SeedSequence([integer("seed", seed, 0), 7]))
    half = n // 2
    if name == "gaussians":
        x = np.concatenate([rng.normal(-1.0, 1.0, (half, 2)), rng.normal(1.0, 1.0, (n - half, 2))])
        y = np.concatenate([np.zeros(half, int), np.ones(n - half, int)])
        x = x * (1.0 + noise)
    elif name == "xor":
        x = rng.uniform(-1.0, 1.0, (n, 2))
        y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(int)
        x = x + noise * rng.normal(size=x.shape)
    elif name == "circles":
        r = np.concatenate([rng.uniform(0.0, 0.5, half), rng.uniform(0.7, 1.0, n - half)])
        t = rng.uniform(0.0, 2 * np.pi, n)
        x = np.stack([r * np.cos(t), r * np.sin(t)], axis=1) + noise * rng.normal(size=(n, 2))
        y = np.concatenate([np.zeros(half, int), np.ones(n - half, int)])
    elif name == "spirals":
        t = np.sqrt(rng.uniform(0.0, 1.0, n)) * 3.0 * np.pi
        y = np.arange(n) % 2
        sign = np.where(y == 0, 1.0, -1.0)
        x = np.stack([sign * t * np.cos(t), sign * t * np.sin(t)], axis=1) / (3.0 * np.pi)
        x = x + noise * 0.3 * rng.normal(size=(n, 2))
    elif name == "moons":
        t = rng.uniform(0.0, np.pi, n)
        y = np.arange(n) % 2
        x = np.where(
            (y == 0)[:, None],
            np.stack([np.cos(t), np.sin(t)], axis=1),
            np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1),
        )
        x = x + noise * rng.normal(size=(n, 2))
    else:  # DATASETS_1D
        x = rng.uniform(-3.0, 3.0, (n, 1))
        f = {"sin": np.sin, "abs": np.abs, "step": lambda v: (v > 0).astype(float)}[name]
        return x, f(x[:, 0]) + noise * rng.normal(size=n)
    return x.astype(np.float64), y

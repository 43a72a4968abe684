"""What the Train tab draws of each run's network, computed off the GUI thread.

A forward pass of every pixel of the decision regions, and of every training point for
the accuracy, costs as much as a training step: 1.8 s for four 8×256 networks on 10 000
points. :func:`race_pictures` computes them from :meth:`~actgui.analysis.trainer.Run.frozen`
copies on a worker, cancellably, while the runs train on.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from actgui.analysis.trainer import Run
from actgui.cancel import checkpoint

#: The largest coordinate a picture's box reaches (its width, up to 4e300, stays finite).
BOX_LIMIT = 1e300
#: Points of a fitted 1-D curve.
CURVE_POINTS = 200


@dataclass(frozen=True)
class RunPicture:
    """What one run predicts, at the step it had taken."""

    steps: int
    #: Classification: class probabilities at the pixels (pixels² × classes, x fastest
    #: in columns: ``reshape(pixels, pixels, classes)`` is [x index, y index]).
    probabilities: np.ndarray | None
    #: Regression: the fitted values at ``CURVE_POINTS`` x from the box's left to right.
    fitted: np.ndarray | None
    #: The share of training points classified right (NaN for regression).
    accuracy: float


@dataclass(frozen=True)
class RacePictures:
    """Every run's picture, with what it was computed for."""

    #: Whatever the caller needs to tell these pictures from others (race, steps, size).
    tag: tuple
    pixels: int
    runs: tuple[RunPicture, ...]


def data_box(race_inputs: np.ndarray, targets: np.ndarray, classify: bool):
    """(low, high) corners of the pictures: the data's box (x, or x and the target for a
    1-D fit), widened by 8 % (by a billionth of its size at least: flat data at 1e9 kept a
    box of no width), within ±``BOX_LIMIT`` (data at ±1e308 made a box whose width
    overflowed: pictures of NaN, warnings)."""
    x = race_inputs if classify else np.column_stack([race_inputs[:, 0], targets])
    lo, hi = x.min(axis=0).astype(np.float64), x.max(axis=0).astype(np.float64)
    lo, hi = np.clip(lo, -BOX_LIMIT, BOX_LIMIT), np.clip(hi, -BOX_LIMIT, BOX_LIMIT)
    size = np.maximum(np.maximum(np.abs(lo), np.abs(hi)), 1.0)
    pad = np.maximum(0.08 * (hi - lo), 1e-9 * size)
    return np.maximum(lo - pad, -2 * BOX_LIMIT), np.minimum(hi + pad, 2 * BOX_LIMIT)


def forward_cost(runs: Sequence[Run], points: int) -> float:
    """Multiply-adds of a forward pass of every run on ``points`` points (and on its
    training points, for the accuracy)."""
    total = 0.0
    for run in runs:
        sizes = [w.shape for w in run.net.weights]
        per_point = sum(a * b for a, b in sizes)
        total += per_point * (points + (run.x.shape[0] if run.classify else 0))
    return total


def race_pictures(
    runs: Sequence[Run],
    box: tuple[np.ndarray, np.ndarray],
    pixels: int,
    tag: tuple = (),
    *,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RacePictures:
    """The pictures of ``runs`` (frozen copies: see :meth:`Run.frozen`) over ``box``,
    ``pixels`` per side. Cancellable between runs and inside each forward pass."""
    lo, hi = box
    out = []
    for i, run in enumerate(runs):
        checkpoint()  # (a worker's task: cancelled when superseded or the window closes)
        if run.classify:
            u = np.linspace(lo[0], hi[0], pixels)
            v = np.linspace(lo[1], hi[1], pixels)
            grid = np.stack(np.meshgrid(u, v, indexing="ij"), axis=-1).reshape(-1, 2)
            picture = RunPicture(run.steps, run.predict(grid), None, run.accuracy())
        else:
            u = np.linspace(lo[0], hi[0], CURVE_POINTS)
            picture = RunPicture(run.steps, None, run.predict(u[:, None]), math.nan)
        out.append(picture)
        if progress is not None:
            progress(i + 1, len(runs))
    return RacePictures(tuple(tag), int(pixels), tuple(out))


__all__ = [
    "CURVE_POINTS",
    "RacePictures",
    "RunPicture",
    "data_box",
    "forward_cost",
    "race_pictures",
]

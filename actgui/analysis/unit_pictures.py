"""What each unit of a trained network computes, over the input plane (no Qt).

The Train tab draws a run's network as TensorFlow Playground does: every unit a small
picture of its output over the data's box (a heatmap for 2-D inputs, a curve for 1-D
ones), the input features' values in the first column, the prediction in the last, and
the weights between the units shown. This is where an activation's shape shows: a ReLU
unit of the first layer is a half-plane with a crease, a tanh unit a smooth ridge.

:func:`unit_pictures` is a pure function of a run-like object (a
:meth:`~actgui.analysis.trainer.Run.frozen` copy: ``net.weights``, ``net.biases``,
``features``, ``hidden_outputs``, ``classify``, ``x``, ``steps``, ``diverged``), so it
runs on a worker while the run trains on (one forward pass: 8 layers of 256 units at
576 points take about 30 ms). Large layers are shown by their first units. Values that
are not finite (a diverged run) are NaN, drawn grey: nothing here raises on inf or NaN.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from actgui.analysis.features import feature_columns
from actgui.cancel import checkpoint

#: Units shown of a layer (its first ones): more would not be readable in the Train tab.
MAX_UNITS = 8
#: Pixels per side of a unit's picture of 2-D inputs.
UNIT_PIXELS = 24
#: Points of a unit's curve over 1-D inputs.
CURVE_POINTS = 96
#: The colour map's ends are at this percentile of the shown units' |output|: one unit
#: that grew large does not wash out all the others.
SCALE_PERCENTILE = 99.0
#: RGB of a value that is not finite (a diverged run).
NAN_GREY = (150, 150, 150)
#: The least gap between two columns, and the gap between two tiles of a column, in
#: tiles (a tile is 1 × 1).
GAP_X, GAP_Y = 1.2, 0.25


@dataclass(frozen=True, eq=False)
class LayerPicture:
    """One column of the network: the input features, a hidden layer or the output."""

    #: "input", "hidden" or "output".
    kind: str
    #: Units in the layer (shown or not).
    size: int
    #: Shown units × points: each unit's output at the grid's points (2-D: pixels² with
    #: x fastest in columns, ``reshape(pixels, pixels)`` is [x index, y index]; 1-D: the
    #: curve from the box's left to right). NaN where it is not finite.
    values: np.ndarray
    #: The input features' names ("x1", "x1^2"…); () for the other layers.
    names: tuple[str, ...] = ()
    #: Biases of the shown units (NaN for the input features).
    biases: np.ndarray | None = None

    @property
    def shown(self) -> int:
        """Units shown (the layer's first ones)."""
        return int(self.values.shape[0])

    @property
    def more(self) -> int:
        """Units of the layer not shown."""
        return self.size - self.shown


@dataclass(frozen=True, eq=False)
class UnitPictures:
    """Every shown unit's picture of one run, with the weights between them."""

    #: Whatever the caller needs to tell these pictures from others.
    tag: tuple
    steps: int
    diverged: bool
    classify: bool
    #: Raw input dimensions: 1 (curves) or 2 (heatmaps).
    dims: int
    #: Pixels per side (2-D) or points of a curve (1-D).
    pixels: int
    #: (low, high) corners of the data's box (:func:`~actgui.analysis.race_pictures.data_box`).
    box: tuple[np.ndarray, np.ndarray]
    #: Input, hidden layers, output, in order.
    layers: tuple[LayerPicture, ...]
    #: ``links[i]``: the weights from layer i's shown units to layer i + 1's (shown_i ×
    #: shown_{i+1}, rows the sources), as in ``net.weights[i]``.
    links: tuple[np.ndarray, ...]
    #: |value| at the ends of the colour map, shared by the hidden units (> 0).
    scale: float
    #: The same for each input feature, its own (x1 and x1² differ in range, and only
    #: their shapes matter: clipped to the units' scale, x1 would look like a hardtanh).
    input_scales: tuple[float, ...] = ()
    #: The same for each hidden layer, its own: a first layer's half-planes are as plain
    #: as a last layer's larger outputs (on one scale they were pale).
    layer_scales: tuple[float, ...] = ()

    def grid(self) -> np.ndarray:
        """The points the pictures were computed at (points × dims, raw inputs)."""
        return picture_grid(self.box, self.dims, self.pixels)

    def scale_of(self, layer: int, unit: int) -> float:
        """|value| at the ends of the colour map (or of the curve's tile) of a unit."""
        if self.layers[layer].kind == "input":
            return self.input_scales[unit]
        if self.layers[layer].kind == "hidden" and len(self.layer_scales) >= layer:
            return self.layer_scales[layer - 1]
        return self.scale

    def value_at(self, layer: int, unit: int, u: float, v: float) -> tuple[float, np.ndarray]:
        """(output, raw point) of a unit's picture at the fraction ``u`` of its width
        (and ``v`` of its height for 2-D inputs) from its left (bottom): the nearest
        grid point's."""
        n = self.pixels
        lo, hi = self.box
        i = min(max(int(u * n), 0), n - 1)
        j = min(max(int(v * n), 0), n - 1) if self.dims == 2 else 0
        values = self.layers[layer].values[unit]
        value = values.reshape(n, n)[i, j] if self.dims == 2 else values[i]
        point = lo[: self.dims] + (hi[: self.dims] - lo[: self.dims]) * np.array(
            [i, j][: self.dims]
        ) / max(n - 1, 1)
        return float(value), point


def picture_grid(box: tuple[np.ndarray, np.ndarray], dims: int, pixels: int) -> np.ndarray:
    """Points × ``dims`` over ``box``: ``pixels`` per side with x fastest in columns (2-D;
    as ``race_pictures``), or ``pixels`` x values from left to right (1-D)."""
    lo, hi = (np.asarray(c, dtype=np.float64) for c in box)
    u = np.linspace(lo[0], hi[0], pixels)
    if dims == 1:
        return u[:, None]
    v = np.linspace(lo[1], hi[1], pixels)
    return np.stack(np.meshgrid(u, v, indexing="ij"), axis=-1).reshape(-1, 2)


def picture_cost(run, points: int) -> float:
    """Multiply-adds of a picture of ``run`` at ``points`` points (a forward pass)."""
    return points * sum(float(w.shape[0] * w.shape[1]) for w in run.net.weights)


def _finite(values: np.ndarray) -> np.ndarray:
    """``values`` as float64, NaN where not finite (a diverged run)."""
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(values), values, np.nan)


def unit_pictures(
    run,
    box: tuple[np.ndarray, np.ndarray],
    pixels: int = UNIT_PIXELS,
    tag: tuple = (),
    *,
    cap: int = MAX_UNITS,
    curve_points: int = CURVE_POINTS,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UnitPictures:
    """The pictures of ``run``'s units over ``box`` (the data's box), ``pixels`` per side
    for 2-D inputs (``curve_points`` along x for 1-D ones), the first ``cap`` units of
    each hidden layer (of the inputs and outputs, ``MAX_UNITS``). ``run`` is read, never
    changed (a frozen copy: it may not be the live run). ``progress`` and ``cancelled``
    are a worker's (it stops at the forward pass's :func:`~actgui.cancel.checkpoint`)."""
    cap = max(1, int(cap))
    dims = int(run.x.shape[1])
    n = int(pixels) if dims == 2 else int(curve_points)
    grid = picture_grid(box, dims, n)
    weights: Sequence[np.ndarray] = run.net.weights
    biases: Sequence[np.ndarray] = run.net.biases
    names = tuple(run.features)
    with np.errstate(all="ignore"):
        columns = feature_columns(grid, names)
        checkpoint()
        hidden = run.hidden_outputs(grid)
        checkpoint()
        # The prediction from the last hidden layer (``run.predict`` would make a second
        # forward pass, doubling the cost): class probabilities (softmax) or the fit.
        predicted = hidden[-1] @ weights[-1] + biases[-1]
        if run.classify:
            predicted = np.exp(predicted - predicted.max(axis=1, keepdims=True))
            predicted /= predicted.sum(axis=1, keepdims=True)
    layers = [
        LayerPicture(
            "input", len(names), _finite(columns[:, :MAX_UNITS].T), names[:MAX_UNITS],
            np.full(min(MAX_UNITS, len(names)), np.nan),
        )
    ]  # fmt: skip
    for i, out in enumerate(hidden):
        layers.append(
            LayerPicture(
                "hidden", out.shape[1], _finite(out[:, :cap].T), (), _finite(biases[i][:cap])
            )
        )
    layers.append(
        LayerPicture(
            "output", predicted.shape[1], _finite(predicted[:, :MAX_UNITS].T), (),
            _finite(biases[-1][:MAX_UNITS]),
        )
    )  # fmt: skip
    links = tuple(
        _finite(w[: layers[i].shown, : layers[i + 1].shown]) for i, w in enumerate(weights)
    )
    if progress is not None:
        progress(1, 1)
    return UnitPictures(
        tag=tuple(tag),
        steps=int(run.steps),
        diverged=bool(run.diverged),
        classify=bool(run.classify),
        dims=dims,
        pixels=n,
        box=(np.asarray(box[0], dtype=np.float64), np.asarray(box[1], dtype=np.float64)),
        layers=tuple(layers),
        links=links,
        scale=colour_scale(layers[1:-1]),
        input_scales=tuple(colour_scale([layers[0]], 100.0, row) for row in range(layers[0].shown)),
        layer_scales=tuple(colour_scale([layer]) for layer in layers[1:-1]),
    )


def colour_scale(
    layers: Sequence[LayerPicture], percentile: float = SCALE_PERCENTILE, unit: int | None = None
) -> float:
    """The |value| at the colour map's ends for ``layers`` (only their ``unit`` if
    given): the ``percentile`` of their finite |values| (1 when there are none, or all
    are 0)."""
    rows = [layer.values if unit is None else layer.values[unit] for layer in layers]
    values = np.abs(np.concatenate([np.ravel(r) for r in rows] or [np.empty(0)]))
    values = values[np.isfinite(values)]
    if values.size == 0:
        return 1.0
    scale = float(np.percentile(values, percentile))
    return scale if scale > 0.0 and np.isfinite(scale) else 1.0


class NetworkLayout:
    """Where the tiles and links of a picture's network are, in tile units (a tile is
    1 × 1; columns left to right, units top down), with what is needed to find the link
    or tile under a point."""

    def __init__(self, pictures: UnitPictures, gap: float = GAP_X) -> None:
        """``gap``: between two columns, in tiles."""
        shown = [layer.shown for layer in pictures.layers]
        tallest = max(shown) * (1.0 + GAP_Y) - GAP_Y
        self.height = tallest
        self.width = len(shown) * (1.0 + gap) - gap
        #: Per layer: (x of the tiles' left edge, y of each tile's bottom edge).
        self.tiles: list[tuple[float, np.ndarray]] = []
        for c, n in enumerate(shown):
            column = n * (1.0 + GAP_Y) - GAP_Y
            top = -(tallest - column) / 2.0
            self.tiles.append((c * (1.0 + gap), top - 1.0 - np.arange(n) * (1.0 + GAP_Y)))
        segments, weights, ends = [], [], []
        for i, w in enumerate(pictures.links):
            (x0, y0), (x1, y1) = self.tiles[i], self.tiles[i + 1]
            src, dst = np.meshgrid(np.arange(w.shape[0]), np.arange(w.shape[1]), indexing="ij")
            src, dst = src.ravel(), dst.ravel()
            segments.append(
                np.column_stack(
                    [
                        np.full(src.size, x0 + 1.0),
                        y0[src] + 0.5,
                        np.full(src.size, x1),
                        y1[dst] + 0.5,
                    ]
                )
            )
            weights.append(w.ravel())
            ends.append(np.column_stack([np.full(src.size, i), src, dst]))
        #: Every shown link: (x0, y0, x1, y1), its weight, and (layer, from unit, to unit).
        self.segments = np.concatenate(segments) if segments else np.empty((0, 4))
        self.weights = np.concatenate(weights) if weights else np.empty(0)
        self.ends = np.concatenate(ends).astype(int) if ends else np.empty((0, 3), int)

    def link_at(self, x: float, y: float, tolerance: float) -> int | None:
        """The index of the link nearest (x, y) within ``tolerance`` (tile units), or None."""
        if not self.segments.shape[0]:
            return None
        p0, p1 = self.segments[:, :2], self.segments[:, 2:]
        d = p1 - p0
        t = np.clip(((np.array([x, y]) - p0) * d).sum(axis=1) / (d * d).sum(axis=1), 0.0, 1.0)
        gap = np.hypot(*(p0 + t[:, None] * d - np.array([x, y])).T)
        best = int(np.argmin(gap))
        return best if gap[best] <= tolerance else None

    def tile_at(self, x: float, y: float) -> tuple[int, int, float, float] | None:
        """(layer, unit, u, v) of the tile under (x, y), u and v its place in the tile
        (0–1 from the left and the bottom), or None."""
        for layer, (left, bottoms) in enumerate(self.tiles):
            if left <= x <= left + 1.0:
                inside = np.nonzero((bottoms <= y) & (y <= bottoms + 1.0))[0]
                if inside.size:
                    unit = int(inside[0])
                    return layer, unit, x - left, y - bottoms[unit]
        return None

    def frames(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of the tiles' edges, two points each (for a ``connect="pairs"`` line)."""
        corners = []
        for left, bottoms in self.tiles:
            for b in bottoms:
                c = [(left, b), (left + 1.0, b), (left + 1.0, b + 1.0), (left, b + 1.0)]
                corners += [point for i in range(4) for point in (c[i], c[(i + 1) % 4])]
        xy = np.array(corners, dtype=float).reshape(-1, 2)
        return xy[:, 0], xy[:, 1]

    def link_buckets(self, buckets: int) -> np.ndarray:
        """Each link's bucket by |w| / the largest shown |w|: 0 to ``buckets`` − 1, −1
        for a weight that is not finite."""
        magnitude = np.abs(self.weights)
        finite = np.isfinite(magnitude)
        top = float(magnitude[finite].max()) if finite.any() else 0.0
        with np.errstate(invalid="ignore"):
            bucket = np.minimum(magnitude / (top or 1.0) * buckets, buckets - 1)
        return np.where(finite, bucket, -1).astype(int)

    def curves(self, pictures: UnitPictures) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """1-D inputs: (x, y) of every unit's curve in its tile, NaN between two, and
        (x, y) pairs of the tiles' zero lines. A feature or hidden unit spans
        ±``scale_of`` its tile's middle; a fit spans the box's y range; a class
        probability 0 to 1 (clipped to the tile)."""
        xs, ys, zx, zy = [], [], [], []
        n = pictures.pixels
        u = np.linspace(0.0, 1.0, n)
        lo, hi = pictures.box
        for index, (layer, (left, bottoms)) in enumerate(
            zip(pictures.layers, self.tiles, strict=True)
        ):
            for unit, bottom in enumerate(bottoms):
                values = layer.values[unit]
                if layer.kind == "output" and pictures.classify:
                    t = values
                elif layer.kind == "output":
                    span = hi[-1] - lo[-1]
                    t = (values - lo[-1]) / span if span > 0 else np.full(n, 0.5)
                else:
                    t = 0.5 + 0.5 * values / pictures.scale_of(index, unit)
                    zx += [left, left + 1.0]
                    zy += [bottom + 0.5] * 2
                with np.errstate(invalid="ignore"):
                    t = np.clip(t, 0.0, 1.0)
                xs += [left + u, [np.nan]]
                ys += [bottom + 0.02 + 0.96 * t, [np.nan]]
        return (np.concatenate(xs), np.concatenate(ys)), (np.array(zx), np.array(zy))


def diverging_rgb(
    t: np.ndarray, negative: np.ndarray, positive: np.ndarray, background: np.ndarray
) -> np.ndarray:
    """RGB pixels (pixels × pixels × 3, [x, y]) of a unit's values over its scale, ``t``:
    ``background`` at 0, toward ``negative`` down to −1 and ``positive`` up to +1, in
    proportion (a ridge looks as smooth as it is; each layer has its own scale, so small
    outputs still show; beyond ±1, the ends), grey where not finite. Colours are RGB
    triples (0–255)."""
    with np.errstate(invalid="ignore"):
        t = np.where(np.isfinite(t), np.clip(t, -1.0, 1.0), np.nan)
        ends = np.where((t < 0)[:, None], negative, positive)
        return shaded_rgb(np.abs(t), ends, background)


def shaded_rgb(t: np.ndarray, color: np.ndarray, background: np.ndarray) -> np.ndarray:
    """RGB pixels of shares ``t`` (0–1) of the way from ``background`` to ``color`` (one
    colour, or one per pixel), ``NAN_GREY`` where ``t`` is not finite."""
    with np.errstate(invalid="ignore"):
        rgb = background + t[:, None] * (np.asarray(color, dtype=float) - background)
    rgb = np.where(np.isfinite(t)[:, None], rgb, NAN_GREY)
    pixels = round(math.sqrt(t.size))
    return np.clip(rgb, 0, 255).astype(np.ubyte).reshape(pixels, pixels, 3)


def fit_room(
    shown: Sequence[int],
    more: bool,
    width: float,
    height: float,
    line: float,
    left: float,
    right: float,
) -> dict[str, float]:
    """How a network of columns of ``shown`` tiles fills a plot ``width`` × ``height``
    pixels large, with ``line`` pixels per line of text, two-line titles above, a line of
    notes below (if ``more``), and ``left`` and ``right`` pixels of names beside: the
    gap between two columns (at least ``GAP_X``, at most 4) and the room for those texts,
    in tiles."""
    texts = 2.4 + (1.3 if more else 0.3)
    rows = max(shown) * (1.0 + GAP_Y) - GAP_Y
    tile = (height - texts * line) / rows
    columns = len(shown)
    gap = ((width - left - right) / max(tile, 1.0) - columns) / max(columns - 1, 1)
    gap = min(max(gap, GAP_X), 4.0)
    tile = max(4.0, min(tile, (width - left - right) / (columns + (columns - 1) * gap)))
    return {
        "gap": gap, "title": 2.4 * line / tile, "notes": (texts - 2.4) * line / tile,
        "left": left / tile, "right": right / tile,
    }  # fmt: skip


__all__ = [
    "CURVE_POINTS",
    "GAP_X",
    "GAP_Y",
    "MAX_UNITS",
    "NAN_GREY",
    "UNIT_PIXELS",
    "LayerPicture",
    "NetworkLayout",
    "UnitPictures",
    "colour_scale",
    "diverging_rgb",
    "fit_room",
    "picture_cost",
    "picture_grid",
    "shaded_rgb",
    "unit_pictures",
]

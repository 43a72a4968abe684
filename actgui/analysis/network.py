"""Signal propagation through a deep, fully connected random network at initialisation.

:func:`simulate_network` builds the network of mean-field theory (Poole et al. 2016,
Schoenholz et al. 2017) with any registry activation f, pushes a batch of inputs
through it and a random gradient back, and returns per-layer statistics as a
:class:`NetworkRun`. No Qt here: the GUI calls it from a worker thread, with
``progress`` and ``cancelled`` callbacks.

The network, with width N = ``width`` and L = ``depth`` layers (layers 0 … L−1 in the
arrays)::

    x_i ~ N(0, 1) per coordinate, i = 1 … n_inputs, x_i ∈ R^N
    h^0 = W^0 x + b^0,    h^l = W^l f(h^(l−1)) + b^l,
    W^l_jk ~ N(0, σ_w²/N),    b^l_j ~ N(0, σ_b²)

The first two inputs are correlated: x_2 = ρ x_1 + √(1−ρ²) z with ρ =
``input_correlation`` (0.5 by default), so ``correlation`` starts near ρ (its
sample value differs by about 1/√N) and shows where the network drives it: to
a fixed point below 1 (chaos) or to 1 (order). The other inputs are independent.

Numerics: float64 throughout, every input at once (one matrix product per layer
and direction). A weight matrix is N² normal numbers, and the backward pass needs
them again in reverse order: rather than keep L of them (6.4 GB at N = 2000,
L = 200), each matrix is drawn from random streams of its own and drawn again when
the backward pass reaches it (the top layers, up to ``WEIGHT_CACHE_BYTES``, are
kept). Drawing dominates the run time, so it is spread over the CPUs: a matrix of
width ≥ ``PARALLEL_WIDTH`` is drawn in ``BLOCKS`` row blocks on a thread pool,
each block from a stream of its own (``SFC64``, the fastest numpy bit generator
here). Every stream is a child of ``np.random.SeedSequence(seed)`` and the
blocks depend on the width only, so a seed gives the same run bit for bit
whatever the number of threads (on the same numpy and BLAS: a matrix product's
rounding depends on the BLAS build).
The f′ of every layer is kept for the backward pass when that fits in
``STORE_BYTES``; otherwise the forward pass keeps checkpoints about every √L
layers and the backward pass recomputes each stretch (half as much work again).
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from actgui.activations import REGISTRY, Activation
from actgui.cancel import Cancelled  # (raised by simulate_network when cancelled(); re-exported)
from actgui.validation import integer, number

MAX_WIDTH = 2000
MAX_DEPTH = 200
MAX_INPUTS = 2000
#: Largest |pre-activation| a run goes on with: q = mean h² stays below ~1e300, a sum of
#: squares or a matrix product cannot overflow, and every activation has long saturated
#: (or is linear) there. A layer beyond it has overflowed: see :class:`NetworkRun`.
OVERFLOW = 1e150
#: Row blocks of a weight matrix, each from a random stream of its own (fixed by the width,
#: so the numbers do not depend on how many threads draw them).
BLOCKS = 8
#: Narrower matrices are drawn in one block, on the calling thread.
PARALLEL_WIDTH = 256
#: Memory for f′ of every layer (n_inputs × width × depth floats); beyond it, checkpoints.
STORE_BYTES = 512 * 2**20
#: Memory for weight matrices kept from the forward pass for the backward pass.
WEIGHT_CACHE_BYTES = 256 * 2**20

_LOG_MAX = math.log(np.finfo(np.float64).max)


@dataclass(frozen=True, eq=False)
class NetworkRun:
    """Per-layer statistics of one simulated network; read-only arrays of length ``depth``.

    ``variance``
        The mean-field length q^l = mean of (h^l)² over units and inputs (not the
        variance about the sample mean): compare with q^(l+1) = σ_w² E[f(√q^l z)²] + σ_b².
    ``gradient_norm_sq``
        ‖∂ℓ/∂h^l‖² / ‖∂ℓ/∂h^(L−1)‖², summed over units and inputs, for the loss
        ℓ = Σ g·h^(L−1) with a random g ~ N(0, 1) (seeded) at the top: the last entry
        is 1, and the ratio of consecutive entries follows χ = σ_w² E[f′(√q z)²].
        Exactly 0 below a layer where the gradient vanished (all units dead), +inf
        where the ratio is beyond the float range.
    ``correlation``
        Σ_j h_1j h_2j / √(Σ h_1j² Σ h_2j²) for the first two inputs. NaN when
        n_inputs = 1, and where h_1 or h_2 is the zero vector.
    ``dead_fraction``
        Fraction of units whose f′(h) is exactly 0 for every input (for ReLU:
        h ≤ 0 on all inputs; a tanh unit saturated beyond |h| ≈ 19 counts too).

    Overflow: a run whose pre-activations pass ``OVERFLOW`` (1e150) in magnitude,
    or are no longer finite, stops there (a chaotic or exploding network that ran
    into the float ceiling). From that layer on ``variance`` is +inf and
    ``correlation`` and ``dead_fraction`` are NaN; ``gradient_norm_sq`` is NaN at
    every layer, as the top layer it is relative to was not reached. Tiny values
    that underflow (q below ~1e-308) read 0.
    """

    variance: np.ndarray
    gradient_norm_sq: np.ndarray
    correlation: np.ndarray
    dead_fraction: np.ndarray

    @property
    def overflow_layer(self) -> int | None:
        """Index of the first layer that overflowed, or None if the run went through."""
        hit = np.flatnonzero(np.isinf(self.variance))
        return int(hit[0]) if hit.size else None


def simulate_network(
    key: str,
    sigma_w: float,
    sigma_b: float,
    width: int,
    depth: int,
    n_inputs: int,
    seed: int,
    *,
    input_correlation: float = 0.5,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **params: float,
) -> NetworkRun:
    """Simulate a random ``key`` network at initialisation and return its :class:`NetworkRun`.

    ``sigma_w`` > 0 and ``sigma_b`` ≥ 0 (finite) set the weight and bias scales;
    ``width`` (1 … 2000) is also the input dimension; ``depth`` is 1 … 200;
    ``n_inputs`` is 1 … 2000 (the first two are correlated by ``input_correlation``,
    in [−1, 1]); ``seed`` (an int ≥ 0) fixes every random number, so equal
    arguments give identical arrays. ``params`` are the activation's parameters
    (defaults for those left out). Bad arguments raise ``ValueError`` (what counts as a
    number or an integer: ``actgui.validation``).

    ``progress(done, total)``, if given, is called after each layer pass, ``done``
    counting the passes so far: ``total`` is 2·depth, ``depth`` forward and then
    ``depth`` backward (3·depth in checkpoint mode, where the backward pass
    recomputes each stretch of layers before going back through it). The last
    call has ``done == total``, also when the run overflowed or the gradient
    vanished and passes were skipped. ``cancelled()``, if given, is asked
    before each layer pass; when it returns True, :class:`Cancelled` is raised.
    """
    act, values = _activation(key, params)
    sigma_w = number("sigma_w", sigma_w, 0.0, low_open=True)
    sigma_b = number("sigma_b", sigma_b, 0.0)
    rho = number("input_correlation", input_correlation, -1.0, 1.0)
    width = integer("width", width, 1, MAX_WIDTH)
    depth = integer("depth", depth, 1, MAX_DEPTH)
    n_inputs = integer("n_inputs", n_inputs, 1, MAX_INPUTS)
    seed = integer("seed", seed, 0)
    run = _Run(act, values, sigma_w, sigma_b, width, depth, n_inputs, seed, rho)
    run.steps = _Steps(run.total, progress, cancelled)
    try:
        if run.forward():
            run.backward()
        run.steps.finish()
    finally:
        run.weights.close()
    arrays = (run.variance, run.gradient, run.correlation, run.dead_fraction)
    for arr in arrays:
        arr.setflags(write=False)
    return NetworkRun(*arrays)


class _Run:
    """One simulation: the network's random numbers, the forward pass and the backward pass."""

    steps: _Steps

    def __init__(self, act, values, sigma_w, sigma_b, width, depth, n_inputs, seed, rho) -> None:
        self.f = functools.partial(act.forward, **values)
        self.df = functools.partial(act.derivative, **values)
        self.depth = depth
        self.scale = sigma_w / math.sqrt(width)
        store_all = depth * n_inputs * width * 8 <= STORE_BYTES
        stretch = depth if store_all else math.isqrt(depth - 1) + 1
        self.starts = list(range(0, depth, stretch))
        self.total = (2 if store_all else 3) * depth

        in_seed, top_seed, layer_seed = np.random.SeedSequence(seed).spawn(3)
        self.top_seed = top_seed
        self.weights = _Weights(layer_seed.spawn(depth), width, depth)
        self.biases = None
        if sigma_b > 0:
            self.biases = np.stack([self.weights.bias(layer) for layer in range(depth)])
            with np.errstate(over="ignore"):  # a huge σ_b: inf here overflows layer 0 below
                self.biases *= sigma_b
        x = _rng(in_seed).standard_normal((n_inputs, width))
        if n_inputs >= 2:
            x[1] = rho * x[0] + math.sqrt(max(0.0, 1.0 - rho * rho)) * x[1]
        self.x = x

        self.variance = np.full(depth, np.inf)
        self.correlation = np.full(depth, np.nan)
        self.dead_fraction = np.full(depth, np.nan)
        self.gradient = np.full(depth, np.nan)
        self.derivs: list[np.ndarray | None] = [None] * depth
        self.checkpoints: dict[int, np.ndarray] = {}  # stretch start → h of the layer below

    def pre(self, a: np.ndarray, z: np.ndarray, layer: int) -> np.ndarray:
        """h^l = σ_w/√N · a Z^lᵀ + b^l for every input (rows of ``a``) at once."""
        # Overflow (a huge σ_w or σ_b; with the registry's functions, |a| ≤ 1.5·OVERFLOW
        # keeps the product itself finite) gives inf or NaN: caught by _overflowed.
        with np.errstate(over="ignore", invalid="ignore"):
            h = a @ z.T
            h *= self.scale
            if self.biases is not None:
                h += self.biases[layer]
        return h

    def forward(self) -> bool:
        """The forward pass and its statistics; False if the run overflowed (and stopped)."""
        a = self.x
        store_all = len(self.starts) == 1
        for layer in range(self.depth):
            self.steps.check()
            h = self.pre(a, self.weights.take(layer), layer)
            if _overflowed(h):
                return False
            self.variance[layer] = np.vdot(h, h) / h.size
            self.correlation[layer] = _correlation(h)
            d = self.df(h)
            self.dead_fraction[layer] = np.count_nonzero(~d.any(axis=0)) / d.shape[1]
            if store_all:
                self.derivs[layer] = d
            elif layer + 1 in self.starts:
                self.checkpoints[layer + 1] = h
            a = self.f(h)
            self.steps.done()
        return True

    def backward(self) -> None:
        """‖∂ℓ/∂h^l‖² relative to the top layer's, tracked in logs so nothing overflows.

        δ^(l−1) = f′(h^(l−1)) ⊙ (W^l)ᵀ δ^l. The array carried is δ/c for a running
        scale c (log c kept), renormalised to max |entry| = 1 at every layer.
        """
        depth, derivs = self.depth, self.derivs
        u = _rng(self.top_seed).standard_normal(self.x.shape)
        log_c = 0.0
        log_norm = np.full(depth, -np.inf)  # log ‖δ^l‖; −inf: the gradient vanished
        log_norm[-1] = 0.5 * math.log(np.vdot(u, u))
        self.steps.check()
        self.steps.done()  # the top layer: g itself
        ends = [*self.starts[1:], depth]
        for start, end in reversed(list(zip(self.starts, ends, strict=True))):
            if len(self.starts) > 1:  # checkpoint mode: recompute this stretch's f′
                self._recompute(start, end)
            for layer in range(end - 1, max(start, 1) - 1, -1):
                self.steps.check()
                v = u @ self.weights.take(layer)
                v *= derivs[layer - 1]
                top = float(np.max(np.abs(v)))
                if top == 0.0:  # every lower layer: exactly 0
                    u = None
                    break
                u = v / top
                log_c += math.log(self.scale) + math.log(top)
                log_norm[layer - 1] = log_c + 0.5 * math.log(np.vdot(u, u))
                self.steps.done()
            derivs[start:end] = [None] * (end - start)
            if u is None:
                break
        ratio = 2.0 * (log_norm - log_norm[-1])
        fits = ratio < _LOG_MAX
        self.gradient[:] = np.inf  # beyond the float range
        self.gradient[fits] = np.exp(ratio[fits])  # exp(−inf) = 0

    def _recompute(self, start: int, end: int) -> None:
        below = self.checkpoints.pop(start, None)
        a = self.x if below is None else self.f(below)
        if below is not None:
            self.derivs[start - 1] = self.df(below)
        for layer in range(start, end):
            self.steps.check()
            h = self.pre(a, self.weights.take(layer, again=True), layer)
            self.derivs[layer] = self.df(h)
            a = self.f(h)
            self.steps.done()


def _rng(seed: np.random.SeedSequence) -> np.random.Generator:
    return np.random.Generator(np.random.SFC64(seed))


class _Weights:
    """The standard-normal matrices Z^l (W^l = σ_w/√N · Z^l), drawn and drawn again.

    Each layer's seed spawns one stream per row block and one for the biases. The
    forward pass takes the layers in order, and the top ones, as many as
    ``WEIGHT_CACHE_BYTES`` holds, are kept for the backward pass; other matrices
    are drawn into one reused buffer. The blocks are drawn on a thread pool
    (numpy releases the GIL while it draws).
    """

    def __init__(self, seeds: list[np.random.SeedSequence], width: int, depth: int) -> None:
        self._seeds = seeds
        self._streams: dict[int, list[np.random.SeedSequence]] = {}
        self._width = width
        blocks = BLOCKS if width >= PARALLEL_WIDTH else 1
        self._bounds = np.linspace(0, width, blocks + 1).astype(int)
        self._first_kept = max(1, depth - WEIGHT_CACHE_BYTES // (8 * width * width))
        self._kept: dict[int, np.ndarray] = {}
        self._buffer: np.ndarray | None = None
        cpus = os.cpu_count() or 1
        if hasattr(os, "sched_getaffinity"):
            cpus = len(os.sched_getaffinity(0))
        threads = min(blocks, cpus)
        self._pool = ThreadPoolExecutor(threads, "actgui-net") if threads > 1 else None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def _layer_streams(self, layer: int) -> list[np.random.SeedSequence]:
        streams = self._streams.get(layer)
        if streams is None:  # spawn once: spawning again would give other children
            streams = self._streams[layer] = self._seeds[layer].spawn(len(self._bounds))
        return streams

    def bias(self, layer: int) -> np.ndarray:
        return _rng(self._layer_streams(layer)[-1]).standard_normal(self._width)

    def _draw(self, layer: int, z: np.ndarray) -> np.ndarray:
        streams, bounds = self._layer_streams(layer), self._bounds
        blocks = [(streams[i], z[bounds[i] : bounds[i + 1]]) for i in range(len(bounds) - 1)]
        if self._pool is None:
            for block in blocks:
                _fill(*block)
        else:
            for fut in [self._pool.submit(_fill, *block) for block in blocks]:
                fut.result()
        return z

    def take(self, layer: int, *, again: bool = False) -> np.ndarray:
        """Z^l, valid until the next call; a kept matrix is handed over once.

        ``again``: a recomputation that will ask for the layer once more, so a
        kept matrix stays kept.
        """
        z = self._kept.get(layer) if again else self._kept.pop(layer, None)
        if z is not None:
            return z
        if layer >= self._first_kept and not again:  # the forward pass, a top layer
            z = self._kept[layer] = self._draw(layer, np.empty((self._width, self._width)))
            return z
        if self._buffer is None:
            self._buffer = np.empty((self._width, self._width))
        return self._draw(layer, self._buffer)


def _fill(seed: np.random.SeedSequence, rows: np.ndarray) -> None:
    if rows.size:
        _rng(seed).standard_normal(out=rows)


class _Steps:
    """Progress counting and cancellation checks."""

    def __init__(self, total: int, progress, cancelled) -> None:
        self.total = total
        self.count = 0
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("network simulation cancelled")

    def done(self) -> None:
        self.count += 1
        if self._progress is not None:
            self._progress(self.count, self.total)

    def finish(self) -> None:
        """Report the end once more if passes were skipped (overflow, vanished gradient)."""
        if self.count < self.total:
            self.count = self.total - 1
            self.done()


def _overflowed(h: np.ndarray) -> bool:
    top = np.max(np.abs(h))
    return not top <= OVERFLOW  # NaN compares False


def _correlation(h: np.ndarray) -> float:
    if h.shape[0] < 2:
        return math.nan
    h1, h2 = h[0], h[1]
    n1 = math.sqrt(np.dot(h1, h1))
    n2 = math.sqrt(np.dot(h2, h2))
    if n1 == 0.0 or n2 == 0.0:
        return math.nan
    return min(1.0, max(-1.0, float(np.dot(h1, h2)) / (n1 * n2)))


def _activation(key: str | Activation, params: dict[str, float]):
    if isinstance(key, Activation):
        act: Activation | None = key
    else:
        act = REGISTRY.get(key) if isinstance(key, str) else None
    if act is None:
        raise ValueError(f"unknown activation {key!r} (known: {', '.join(REGISTRY)})")
    try:
        values = act.resolve(**params)
    except TypeError as exc:  # an unknown parameter name
        raise ValueError(str(exc)) from None
    return act, values

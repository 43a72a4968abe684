"""A small fully connected network trained with a registry activation (no Qt).

:func:`train` is the engine of the "Train and compare" issue: 2-D classification
(softmax cross-entropy) or 1-D regression (squared error), hidden layers of the
user's widths, the activation's **own f′ from the registry** in the backward pass (so
PyTorch's kink conventions hold: relu′(0) = 0, leaky_relu′(0) = α), PReLU's α learned
as in PyTorch (one α shared by the layer's units, unbounded: the registry's range of α
bounds only its initial value), SGD with momentum or Adam, He/LeCun/Glorot/edge-of-chaos
initialisation (Gaussian, or orthogonal at the edge of chaos's scale), mini-batches,
float64, and a seed that makes every run reproducible bit for bit (one
``np.random.Generator`` per purpose, children of ``np.random.SeedSequence(seed)``).

The history has, per step, the training ``loss`` and, per hidden layer, the
``dead_fraction``: the share of units whose f′ is 0 on every training point (a
dead ReLU unit passes no gradient and never recovers; with mini-batches it takes one more
forward pass over the whole set), and the layer's
``gradient_norm`` (of its weight matrix's gradient).
"""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from actgui.analysis.network import Cancelled
from actgui.analysis.stats import activation
from actgui.cancel import checkpoint
from actgui.validation import choice, integer, number

DATASETS_2D = ("gaussians", "xor", "circles", "spirals", "moons")
DATASETS_1D = ("sin", "abs", "step")
OPTIMIZERS = ("sgd", "adam")
INITS = ("he", "lecun", "glorot", "edge_of_chaos", "orthogonal")
MAX_WIDTH = 256
MAX_LAYERS = 8
MAX_STEPS = 100_000
MAX_POINTS = 10_000
MOMENTUM = 0.9
ADAM = (0.9, 0.999, 1e-8)


@dataclass(frozen=True, eq=False)
class TrainHistory:
    """Per-step records of one run (arrays; ``dead_fraction`` and ``gradient_norm`` are
    steps × hidden layers), the final parameters, and the data it was trained on."""

    loss: np.ndarray
    dead_fraction: np.ndarray
    gradient_norm: np.ndarray
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    alphas: tuple[float, ...]
    inputs: np.ndarray
    targets: np.ndarray


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


def train(
    key: str,
    dataset: str = "spirals",
    hidden: tuple[int, ...] = (16, 16),
    steps: int = 500,
    learning_rate: float = 0.01,
    optimizer: str = "adam",
    init: str = "he",
    seed: int = 0,
    n_points: int = 400,
    noise: float = 0.1,
    *,
    batch_size: int | None = None,
    data: tuple[np.ndarray, np.ndarray] | None = None,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **params: float,
) -> TrainHistory:
    """Train a network with activation ``key`` (its ``params``) and return its history.

    ``batch_size`` None trains on the whole set each step; ``data`` (inputs, targets)
    replaces the built-in ``dataset``. ``progress(done, steps)`` every 10 steps and
    ``cancelled()`` (raising :class:`Cancelled`) for a worker thread. ``ValueError`` for
    bad arguments. A run whose loss overflows stops there: the rest of its history is NaN.
    """
    steps = integer("steps", steps, 1, MAX_STEPS)
    x, y = make_dataset(dataset, n_points, noise, seed) if data is None else data
    run = Run(key, x, y, hidden, learning_rate, optimizer, init, seed, batch_size, **params)
    while run.steps < steps and not run.diverged:
        if cancelled is not None and cancelled():
            raise Cancelled
        run.step(min(10, steps - run.steps))
        if progress is not None:
            progress(run.steps, steps)
    return run.history(steps)


class Run:
    """One network in training, a step at a time (the engine of :func:`train` and of a
    race): the learning rate, the optimiser and the batch size may change between steps.

    ``x`` (n × inputs) and ``y`` (integer class labels for classification, reals for
    regression) are the training set. The initial weights depend on the seed and the
    layer sizes only, scaled by the initialisation's gain: two runs with the same seed
    and sizes start from the same draws (the same weights, unless ``init`` is the edge of
    chaos, whose scale is the activation's own), and see the same batches.
    """

    def __init__(
        self,
        key: str,
        x: np.ndarray,
        y: np.ndarray,
        hidden: tuple[int, ...] = (16, 16),
        learning_rate: float = 0.01,
        optimizer: str = "adam",
        init: str = "he",
        seed: int = 0,
        batch_size: int | None = None,
        **params: float,
    ) -> None:
        self.act = activation(key)
        values = self.act.resolve(**params)
        hidden = tuple(integer("hidden width", h, 1, MAX_WIDTH) for h in hidden)
        if not 1 <= len(hidden) <= MAX_LAYERS:
            raise ValueError(f"hidden must have 1 to {MAX_LAYERS} layers")
        init = self.init = choice("init", init, INITS)
        seed = integer("seed", seed, 0)
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y)
        if self.x.ndim != 2 or self.y.shape != (self.x.shape[0],) or self.x.shape[0] < 1:
            raise ValueError("data must be n × inputs points and n targets")
        self.classify = bool(np.issubdtype(self.y.dtype, np.integer))
        n_out = int(np.max(self.y)) + 1 if self.classify else 1
        self.hidden = hidden
        self.net = _Net(self.act, values, (self.x.shape[1], *hidden, n_out), init, seed)
        self._batches = np.random.default_rng(np.random.SeedSequence([seed, 3]))
        self._opt = _Optimizer("sgd", 1.0, self.net.tensors())
        self.set_optimizer(optimizer)
        self.set_learning_rate(learning_rate)
        self.set_batch_size(batch_size)
        self.steps = 0
        self.diverged = False
        self._loss = np.empty(64)
        self._dead = np.empty((64, len(hidden)))
        self._norms = np.empty((64, len(hidden)))
        self._rates = np.empty(64)

    # -- what may change while training ------------------------------------------------
    def set_learning_rate(self, learning_rate: float) -> None:
        """The step size from the next step on (1e-8 to 10)."""
        self._opt.lr = number("learning_rate", learning_rate, 1e-8, 10.0)

    def set_optimizer(self, optimizer: str) -> None:
        """``"sgd"`` (momentum 0.9) or ``"adam"``; a change starts its moments afresh."""
        optimizer = choice("optimizer", optimizer, OPTIMIZERS)
        if optimizer != self._opt.kind:
            self._opt = _Optimizer(optimizer, self._opt.lr, self.net.tensors())

    def set_batch_size(self, batch_size: int | None) -> None:
        """Points per step; None (or the set's size) for the whole set."""
        n = self.x.shape[0]
        self.batch_size = n if batch_size is None else integer("batch_size", batch_size, 1, n)

    @property
    def learning_rate(self) -> float:
        return self._opt.lr

    @property
    def optimizer(self) -> str:
        return self._opt.kind

    # -- training ------------------------------------------------------------------------
    def step(self, count: int = 1) -> int:
        """Train ``count`` steps (fewer if the loss stops being finite: the run has
        diverged and takes no more steps). The number of steps taken."""
        taken = 0
        for _ in range(count):
            if self.diverged:
                break
            self.finish_step(self.compute_step())
            taken += 1
        return taken

    def compute_step(self) -> tuple:
        """The next step's loss, gradients and dead units, changing nothing that is read
        (the weights, the history): the long part of a step, which a race computes outside
        its lock while the window draws. Only :meth:`finish_step` applies it; the batch is
        drawn here."""
        net, x, y, n = self.net, self.x, self.y, self.x.shape[0]
        layers = len(self.hidden)
        rows = (
            slice(None)
            if self.batch_size == n
            else self._batches.choice(n, self.batch_size, replace=False)
        )
        with np.errstate(all="ignore"):  # a diverging run overflows: caught in finish_step
            loss, grads, dead = net.loss_and_gradients(x[rows], y[rows], self.classify)
            norms = [float(np.linalg.norm(g)) for g in grads[0 : 2 * layers : 2]]
            if self.batch_size < n:  # dead means on every training point, not the batch's
                dead = net.dead_fractions(x)
        return loss, grads, dead, norms

    def finish_step(self, computed: tuple) -> None:
        """Record the step :meth:`compute_step` computed and update the weights (quick)."""
        loss, grads, dead, norms = computed
        self._grow(self.steps + 1)
        i = self.steps
        self._loss[i], self._dead[i], self._norms[i] = loss, dead, norms
        self._rates[i] = self._opt.lr
        self.steps += 1
        if not (math.isfinite(loss) and all(math.isfinite(v) for v in norms)):
            self.diverged = True
            return
        with np.errstate(all="ignore"):
            self._opt.step(self.net.tensors(), grads)

    def _grow(self, size: int) -> None:
        if size <= self._loss.shape[0]:
            return
        capacity = max(size, 2 * self._loss.shape[0])
        for name in ("_loss", "_dead", "_norms", "_rates"):
            old = getattr(self, name)
            new = np.empty((capacity, *old.shape[1:]))
            new[: old.shape[0]] = old
            setattr(self, name, new)

    # -- what it has done ----------------------------------------------------------------
    @property
    def loss(self) -> np.ndarray:
        """The training loss of every step so far (a view: copy it to keep it)."""
        return self._loss[: self.steps]

    @property
    def dead_fraction(self) -> np.ndarray:
        """Steps × hidden layers: the share of units with f′ = 0 on every training point."""
        return self._dead[: self.steps]

    @property
    def gradient_norm(self) -> np.ndarray:
        """Steps × hidden layers: the norm of each layer's weight gradient."""
        return self._norms[: self.steps]

    @property
    def learning_rates(self) -> np.ndarray:
        """The learning rate of every step so far."""
        return self._rates[: self.steps]

    @property
    def alphas(self) -> tuple[float, ...]:
        """PReLU's learned α of each hidden layer (() for other activations)."""
        return tuple(float(a[0]) for a in self.net.alphas)

    def frozen(self) -> Run:
        """A copy to read on another thread while this run trains on: its weights, biases
        and slopes copied, its history shared (steps taken are never rewritten). Take it
        between two steps (under the race's lock); never step it."""
        twin = copy.copy(self)
        twin.net = copy.copy(self.net)
        net = self.net
        twin.net.weights = [w.copy() for w in net.weights]
        twin.net.biases = [b.copy() for b in net.biases]
        twin.net.alphas = [a.copy() for a in net.alphas]
        return twin

    def predict(self, points: np.ndarray) -> np.ndarray:
        """Class probabilities (n × classes) or fitted values (n) at ``points``."""
        with np.errstate(all="ignore"):
            out = self.net.forward(np.asarray(points, dtype=np.float64))
            if not self.classify:
                return out[:, 0]
            z = out - out.max(axis=1, keepdims=True)
            p = np.exp(z)
            return p / p.sum(axis=1, keepdims=True)

    def accuracy(self) -> float:
        """The share of training points classified right (classification), else NaN."""
        if not self.classify:
            return math.nan
        return float(np.mean(np.argmax(self.predict(self.x), axis=1) == self.y))

    def history(self, steps: int | None = None) -> TrainHistory:
        """A copy of what the run has done, padded with NaN to ``steps`` if given."""
        total = self.steps if steps is None else max(steps, self.steps)

        def padded(values: np.ndarray) -> np.ndarray:
            out = np.full((total, *values.shape[1:]), np.nan)
            out[: self.steps] = values
            return out

        net = self.net
        return TrainHistory(
            loss=padded(self.loss),
            dead_fraction=padded(self.dead_fraction),
            gradient_norm=padded(self.gradient_norm),
            weights=tuple(w.copy() for w in net.weights),
            biases=tuple(b.copy() for b in net.biases),
            alphas=self.alphas,
            inputs=self.x,
            targets=self.y,
        )


class _Net:
    """Weights, biases and (PReLU) slopes; forward and backward passes."""

    def __init__(self, act, values: dict[str, float], sizes, init: str, seed: int) -> None:
        self.act = act
        self.values = dict(values)
        self.learn_alpha = act.key == "prelu"
        rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
        gain = _init_gain(act, init, values)
        self.weights, self.biases = [], []
        for fan_in, fan_out in itertools.pairwise(sizes):
            checkpoint()  # (a race being built for a window that closes)
            if init == "orthogonal":
                from actgui.analysis.random_matrices import orthogonal

                # σ_w·Q (Q with orthonormal rows or columns), times √(fan_out/fan_in) when
                # it widens: each unit's pre-activation then has the Gaussian init's
                # variance σ_w²·mean(x²).
                widen = math.sqrt(max(1.0, fan_out / fan_in))
                self.weights.append(orthogonal(fan_in, fan_out, rng) * (gain * widen))
            else:
                if init == "glorot":
                    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
                else:
                    std = gain / math.sqrt(fan_in)
                self.weights.append(rng.normal(0.0, std, (fan_in, fan_out)))
            self.biases.append(np.zeros(fan_out))
        # PReLU: one learnable α per hidden layer (PyTorch's default num_parameters=1).
        self.alphas = [np.array([values["alpha"]]) for _ in sizes[1:-1]] if self.learn_alpha else []

    def tensors(self) -> list[np.ndarray]:
        out = []
        for w, b in zip(self.weights, self.biases, strict=True):
            out += [w, b]
        return out + self.alphas

    def _f(self, order: int, h: np.ndarray, layer: int) -> np.ndarray:
        if not self.learn_alpha:
            return self.act.evaluate(order, h, **self.values)
        # PReLU's learned α is a weight, unbounded as in PyTorch's nn.PReLU: the registry's
        # range of α ([−1, 1], the explorer's spin box, which evaluate() enforces) bounds its
        # initial value only. f and f′ as the registry's (PyTorch's: f′(0) = α), NaN in, NaN out.
        alpha = self.alphas[layer][0]
        if order == 0:
            return np.where(h > 0.0, h, alpha * h)
        return np.where(np.isnan(h), np.nan, np.where(h > 0.0, 1.0, alpha))

    def dead_fractions(self, x: np.ndarray) -> np.ndarray:
        """Per hidden layer, the share of units whose f′ is 0 on every row of ``x``."""
        a = x
        dead = np.empty(len(self.weights) - 1)
        for i, (w, b) in enumerate(zip(self.weights[:-1], self.biases[:-1], strict=True)):
            checkpoint()
            h = a @ w + b
            dead[i] = float(np.mean(np.all(self._f(1, h, i) == 0.0, axis=0)))
            a = self._f(0, h, i)
        return dead

    def forward(self, x: np.ndarray) -> np.ndarray:
        a = x
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            checkpoint()  # (a worker's picture of a large network, no longer wanted)
            a = a @ w + b
            if i < last:
                a = self._f(0, a, i)
        return a

    def loss_and_gradients(self, x, y, classify: bool):
        hs, acts = [], [x]
        a = x
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            checkpoint()  # (closing: a step of a large network stops between two layers)
            h = a @ w + b
            if i == last:
                out = h
                break
            hs.append(h)
            a = self._f(0, h, i)
            acts.append(a)
        n = x.shape[0]
        if classify:
            z = out - out.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            loss = float(-np.mean(np.log(np.maximum(p[np.arange(n), y], 1e-300))))
            delta = p
            delta[np.arange(n), y] -= 1.0
            delta /= n
        else:
            err = out[:, 0] - y
            loss = float(np.mean(err * err))
            delta = (2.0 / n) * err[:, None]
        grads_w, grads_b, grads_alpha = [], [], []
        dead = np.empty(len(hs))
        for i in range(last, -1, -1):
            checkpoint()
            grads_w.append(acts[i].T @ delta)
            grads_b.append(delta.sum(axis=0))
            if i == 0:
                break
            back = delta @ self.weights[i].T
            h = hs[i - 1]
            d1 = self._f(1, h, i - 1)
            dead[i - 1] = float(np.mean(np.all(d1 == 0.0, axis=0)))
            if self.learn_alpha:
                # ∂f/∂α of PReLU: h where h < 0 (0 elsewhere), as PyTorch's prelu backward.
                grads_alpha.append(np.array([np.sum(back * np.where(h < 0.0, h, 0.0))]))
            delta = back * d1
        grads = []
        for gw, gb in zip(reversed(grads_w), reversed(grads_b), strict=True):
            grads += [gw, gb]
        return loss, grads + list(reversed(grads_alpha)), dead


class _Optimizer:
    def __init__(self, kind: str, lr: float, tensors: list[np.ndarray]) -> None:
        self.kind, self.lr, self.t = kind, lr, 0
        self.m = [np.zeros_like(t) for t in tensors]
        self.v = [np.zeros_like(t) for t in tensors]

    def step(self, tensors: list[np.ndarray], grads: list[np.ndarray]) -> None:
        self.t += 1
        for i, (p, g) in enumerate(zip(tensors, grads, strict=True)):
            if self.kind == "sgd":
                self.m[i] = MOMENTUM * self.m[i] + g
                p -= self.lr * self.m[i]
            else:
                b1, b2, eps = ADAM
                self.m[i] = b1 * self.m[i] + (1.0 - b1) * g
                self.v[i] = b2 * self.v[i] + (1.0 - b2) * g * g
                m_hat = self.m[i] / (1.0 - b1**self.t)
                v_hat = self.v[i] / (1.0 - b2**self.t)
                p -= self.lr * m_hat / (np.sqrt(v_hat) + eps)


def _init_gain(act, init: str, values: dict[str, float]) -> float:
    """The weight scale σ_w: √2 (He), 1 (LeCun, Glorot's numerator), or the activation's
    edge of chaos at σ_b = 0 (He's where it has none), for Gaussian and for orthogonal
    weights alike."""
    if init == "he":
        return math.sqrt(2.0)
    if init in ("lecun", "glorot"):
        return 1.0
    from actgui.analysis.meanfield import edge_of_chaos

    edge = edge_of_chaos(act, 0.0, **values)
    return edge[0] if edge is not None and math.isfinite(edge[0]) else math.sqrt(2.0)

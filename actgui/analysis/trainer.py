"""A small fully connected network trained with a registry activation (no Qt).

:func:`train` is the engine of the "Train and compare" issue: 2-D classification
(softmax cross-entropy) or 1-D regression (squared error), hidden layers of the
user's widths, the activation's **own f′ from the registry** in the backward pass (so
PyTorch's kink conventions hold: relu′(0) = 0, leaky_relu′(0) = α), PReLU's α learned
as in PyTorch (one α shared by the layer's units, unbounded: the registry's range of α
bounds only its initial value), SGD with momentum or Adam, He/LeCun/Glorot/edge-of-chaos
initialisation (Gaussian, or orthogonal at the edge of chaos's scale), mini-batches,
L1 and L2 regularisation of the weights, input features (``features``), a held-out
test set, float64, and a seed that makes every run reproducible bit for bit (one
``np.random.Generator`` per purpose, children of ``np.random.SeedSequence(seed)``).

The history has, per step, the training ``loss`` (the data loss of the step's batch,
without the penalty), the ``test_loss``, the accuracy (or R² of a 1-D fit) on the
training and the test set, all at the weights the step starts from, and, per hidden
layer, the ``dead_fraction``: the share of units whose f′ is 0 on every training point
(a dead ReLU unit passes no gradient and never recovers), and the layer's
``gradient_norm`` (of its weight matrix's data-loss gradient). The network itself is
:mod:`actgui.analysis.mlp`; the data sets :mod:`actgui.analysis.datasets`.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from actgui.analysis.datasets import DATASETS_1D, DATASETS_2D, MAX_POINTS, make_dataset
from actgui.analysis.features import (
    DEFAULT_FEATURES,
    FEATURES,
    applicable,
    data_loss,
    feature_columns,
    split_indices,
)
from actgui.analysis.features import score as score_of
from actgui.analysis.mlp import ADAM, MOMENTUM, Net, Optimizer
from actgui.analysis.network import Cancelled
from actgui.analysis.stats import activation
from actgui.validation import choice, integer, number

OPTIMIZERS = ("sgd", "adam")
INITS = ("he", "lecun", "glorot", "edge_of_chaos", "orthogonal")
MAX_WIDTH = 256
MAX_LAYERS = 8
MAX_STEPS = 100_000
#: The largest L1 or L2 rate.
MAX_PENALTY = 10.0
#: Per-step records of a run: name → columns (0: one number per step; "layers": one per
#: hidden layer).
RECORDS = {
    "loss": 0, "test_loss": 0, "score": 0, "test_score": 0,
    "learning_rate": 0, "l1": 0, "l2": 0, "adam": 0,
    "dead_fraction": "layers", "gradient_norm": "layers",
}  # fmt: skip
# (the old private names, for scripts and tests that used them)
_Net = Net
_Optimizer = Optimizer

__all__ = [
    "ADAM", "DATASETS_1D", "DATASETS_2D", "FEATURES", "INITS", "MAX_LAYERS", "MAX_PENALTY",
    "MAX_POINTS", "MAX_STEPS", "MAX_WIDTH", "MOMENTUM", "OPTIMIZERS", "Run", "TrainHistory",
    "make_dataset", "train",
]  # fmt: skip


@dataclass(frozen=True, eq=False)
class TrainHistory:
    """Per-step records of one run (arrays; ``dead_fraction`` and ``gradient_norm`` are
    steps × hidden layers), the final parameters, and the data it was trained and tested
    on. ``test_loss`` is empty without a test set; ``accuracy``/``test_accuracy`` are None
    for a 1-D fit, whose ``r2``/``test_r2`` they are instead."""

    loss: np.ndarray
    dead_fraction: np.ndarray
    gradient_norm: np.ndarray
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    alphas: tuple[float, ...]
    inputs: np.ndarray
    targets: np.ndarray
    test_loss: np.ndarray = field(default_factory=lambda: np.empty(0))
    accuracy: np.ndarray | None = None
    test_accuracy: np.ndarray | None = None
    r2: np.ndarray | None = None
    test_r2: np.ndarray | None = None
    features: tuple[str, ...] = DEFAULT_FEATURES
    test_inputs: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    test_targets: np.ndarray = field(default_factory=lambda: np.empty(0))
    _run: object = field(default=None, repr=False)

    def hidden_outputs(self, inputs: np.ndarray) -> tuple[np.ndarray, ...]:
        """Each hidden layer's outputs (points × units, after the activation) at the raw
        points ``inputs``, from the final parameters."""
        return self._run.hidden_outputs(inputs)


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
    test_fraction: float = 0.0,
    l1: float = 0.0,
    l2: float = 0.0,
    features: Iterable[str] = DEFAULT_FEATURES,
    data: tuple[np.ndarray, np.ndarray] | None = None,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
    params: Mapping[str, float] | None = None,
    **more_params: float,
) -> TrainHistory:
    """Train a network with activation ``key`` (its ``params``, as a mapping or keywords)
    and return its history.

    ``batch_size`` None trains on the whole training set each step; ``data`` (inputs,
    targets) replaces the built-in ``dataset``. ``test_fraction`` of the points (chosen
    from the seed) are held out: no step trains on them, ``test_loss`` measures them.
    ``l1``/``l2`` weigh the weights' penalty; ``features`` are the network's inputs
    (:data:`~actgui.analysis.features.FEATURES`). ``progress(done, steps)`` every 10 steps
    and ``cancelled()`` (raising :class:`Cancelled`) for a worker thread. ``ValueError``
    for bad arguments. A run whose loss overflows stops there: the rest of its history is
    NaN.
    """
    steps = integer("steps", steps, 1, MAX_STEPS)
    x, y = make_dataset(dataset, n_points, noise, seed) if data is None else data
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y)
    fraction = number("test_fraction", test_fraction, 0.0, 0.9)
    rows, held = split_indices(x.shape[0], fraction, integer("seed", seed, 0))
    run = Run(
        key, x[rows], y[rows], hidden, learning_rate, optimizer, init, seed, batch_size,
        features=features, l1=l1, l2=l2, test=(x[held], y[held]),
        params={**(params or {}), **more_params},
    )  # fmt: skip
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

    ``x`` (n × 1 or n × 2 raw points) and ``y`` (integer class labels for classification,
    reals for regression) are the training set, ``test`` (points, targets) the held-out
    one; the network sees the ``features`` of the points. ``params`` are the activation's
    parameter values (a mapping: a parameter of your own may be called ``seed``). The
    initial weights depend on the seed and the layer sizes only, scaled by the
    initialisation's gain: two runs with the same seed and sizes start from the same
    draws (the same weights, unless ``init`` is the edge of chaos, whose scale is the
    activation's own), and see the same batches.
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
        *,
        features: Iterable[str] = DEFAULT_FEATURES,
        l1: float = 0.0,
        l2: float = 0.0,
        test: tuple[np.ndarray, np.ndarray] | None = None,
        params: Mapping[str, float] | None = None,
        **more_params: float,
    ) -> None:
        self.act = activation(key)
        values = self.act.resolve(**{**(params or {}), **more_params})
        hidden = tuple(integer("hidden width", h, 1, MAX_WIDTH) for h in hidden)
        if not 1 <= len(hidden) <= MAX_LAYERS:
            raise ValueError(f"hidden must have 1 to {MAX_LAYERS} layers")
        init = self.init = choice("init", init, INITS)
        seed = integer("seed", seed, 0)
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y)
        if self.x.ndim != 2 or self.y.shape != (self.x.shape[0],) or self.x.shape[0] < 1:
            raise ValueError("data must be n × inputs points and n targets")
        features = features if isinstance(features, str) else tuple(features)  # (read thrice)
        if isinstance(features, str) or not all(isinstance(f, str) for f in features):
            raise ValueError("features must be names of input features")
        unknown = sorted(set(features) - set(FEATURES))
        if unknown:
            raise ValueError(f"unknown input features: {', '.join(unknown)}")
        self.features = applicable(features, self.x.shape[1])
        self.inputs = feature_columns(self.x, features)  # (ValueError: none applies)
        x_test, y_test = (self.x[:0], self.y[:0]) if test is None else test
        self.x_test = np.asarray(x_test, dtype=np.float64).reshape(-1, self.x.shape[1])
        self.y_test = np.asarray(y_test)
        if self.y_test.shape != (self.x_test.shape[0],):
            raise ValueError("test data must be n × inputs points and n targets")
        self.test_inputs = feature_columns(self.x_test, self.features)
        self.classify = bool(np.issubdtype(self.y.dtype, np.integer))
        top = max(np.max(self.y), np.max(self.y_test, initial=0)) if self.classify else 0
        n_out = int(top) + 1 if self.classify else 1
        self.hidden = hidden
        sizes = (self.inputs.shape[1], *hidden, n_out)
        self.net = Net(self.act, values, sizes, init, seed)
        self._batches = np.random.default_rng(np.random.SeedSequence([seed, 3]))
        self._opt = Optimizer("sgd", 1.0, self.net.tensors())
        self.set_optimizer(optimizer)
        self.set_learning_rate(learning_rate)
        self.set_batch_size(batch_size)
        self.l1 = self.l2 = 0.0
        self.set_regularization(l1, l2)
        self.steps = 0
        self.diverged = False
        #: The step the weights are of when they lag the records (a mirror's), else None.
        self._parameter_steps: int | None = None
        self._records = {
            name: np.empty((64, len(hidden)) if width == "layers" else 64)
            for name, width in RECORDS.items()
        }

    # -- what may change while training ------------------------------------------------
    def set_learning_rate(self, learning_rate: float) -> None:
        """The step size from the next step on (1e-8 to 10)."""
        self._opt.lr = number("learning_rate", learning_rate, 1e-8, 10.0)

    def set_optimizer(self, optimizer: str) -> None:
        """``"sgd"`` (momentum 0.9) or ``"adam"``; a change starts its moments afresh."""
        optimizer = choice("optimizer", optimizer, OPTIMIZERS)
        if optimizer != self._opt.kind:
            self._opt = Optimizer(optimizer, self._opt.lr, self.net.tensors())

    def set_batch_size(self, batch_size: int | None) -> None:
        """Points per step; None (or the set's size) for the whole set."""
        n = self.x.shape[0]
        self.batch_size = n if batch_size is None else integer("batch_size", batch_size, 1, n)

    def set_regularization(self, l1: float, l2: float) -> None:
        """The rates of the L1 and L2 penalties (0 to ``MAX_PENALTY``) from the next step on."""
        l1 = number("l1", l1, 0.0, MAX_PENALTY)
        l2 = number("l2", l2, 0.0, MAX_PENALTY)
        self.l1, self.l2 = l1, l2

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
        """The next step's records, gradients and dead units, changing nothing that is read
        (the weights, the history): the long part of a step, which a race computes outside
        its lock while the window draws. Only :meth:`finish_step` applies it; the batch is
        drawn here. Every record is measured at the weights the step starts from."""
        net, x, y, n = self.net, self.inputs, self.y, self.inputs.shape[0]
        layers = len(self.hidden)
        l1, l2 = self.l1, self.l2
        whole = self.batch_size == n
        rows = slice(None) if whole else self._batches.choice(n, self.batch_size, replace=False)
        with np.errstate(all="ignore"):  # a diverging run overflows: caught in finish_step
            loss, grads, dead, out = net.loss_and_gradients(x[rows], y[rows], self.classify)
            norms = [float(np.linalg.norm(g)) for g in grads[0 : 2 * layers : 2]]
            if not whole:  # dead and right mean on every training point, not the batch's
                out, dead = net.evaluate(x)
            right = score_of(out, y, self.classify)
            test_loss = test_right = math.nan
            if self.y_test.shape[0]:
                test_out = net.forward(self.test_inputs)
                test_loss = data_loss(test_out, self.y_test, self.classify)
                test_right = score_of(test_out, self.y_test, self.classify)
            net.penalty_gradients(grads, l1, l2)
        records = {
            "loss": loss, "test_loss": test_loss, "score": right, "test_score": test_right,
            "l1": l1, "l2": l2, "dead_fraction": dead, "gradient_norm": norms,
        }  # fmt: skip
        return records, grads

    def finish_step(self, computed: tuple) -> None:
        """Record the step :meth:`compute_step` computed and update the weights (quick)."""
        records, grads = computed
        self._grow(self.steps + 1)
        i = self.steps
        records["learning_rate"] = self._opt.lr
        records["adam"] = 1.0 if self._opt.kind == "adam" else 0.0  # (1: Adam, 0: SGD)
        for name, value in records.items():
            self._records[name][i] = value
        self.steps += 1
        loss, norms = records["loss"], records["gradient_norm"]
        if not (math.isfinite(loss) and all(math.isfinite(v) for v in norms)):
            self.diverged = True
            return
        with np.errstate(all="ignore"):
            self._opt.step(self.net.tensors(), grads)

    def _grow(self, size: int) -> None:
        capacity = self._records["loss"].shape[0]
        if size <= capacity:
            return
        capacity = max(size, 2 * capacity)
        for name, old in self._records.items():
            new = np.empty((capacity, *old.shape[1:]))
            new[: old.shape[0]] = old
            self._records[name] = new

    # -- what it has done ----------------------------------------------------------------
    @property
    def loss(self) -> np.ndarray:
        """The training loss of every step so far (a view: copy it to keep it)."""
        return self._records["loss"][: self.steps]

    @property
    def dead_fraction(self) -> np.ndarray:
        """Steps × hidden layers: the share of units with f′ = 0 on every training point."""
        return self._records["dead_fraction"][: self.steps]

    @property
    def gradient_norm(self) -> np.ndarray:
        """Steps × hidden layers: the norm of each layer's weight gradient."""
        return self._records["gradient_norm"][: self.steps]

    @property
    def learning_rates(self) -> np.ndarray:
        """The learning rate of every step so far."""
        return self._records["learning_rate"][: self.steps]

    @property
    def test_loss(self) -> np.ndarray:
        """The test set's loss at every step so far (empty without a test set)."""
        return self._records["test_loss"][: self.steps if self.y_test.shape[0] else 0]

    @property
    def score(self) -> np.ndarray:
        """The share of training points right (or R² of a 1-D fit) at every step so far."""
        return self._records["score"][: self.steps]

    @property
    def test_score(self) -> np.ndarray:
        """The test set's share right (or R²) at every step so far (empty without one)."""
        return self._records["test_score"][: self.steps if self.y_test.shape[0] else 0]

    def records(self, start: int = 0) -> dict[str, np.ndarray]:
        """Every per-step record (:data:`RECORDS`) from step ``start`` on, copied."""
        return {name: values[start : self.steps].copy() for name, values in self._records.items()}

    @property
    def parameter_steps(self) -> int:
        """The steps taken by the weights, biases and slopes held: the run's own steps (a
        window's mirror of a run trained elsewhere receives them less often)."""
        return self.steps if self._parameter_steps is None else self._parameter_steps

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
            out = self.net.forward(feature_columns(points, self.features))
            if not self.classify:
                return out[:, 0]
            z = out - out.max(axis=1, keepdims=True)
            p = np.exp(z)
            return p / p.sum(axis=1, keepdims=True)

    def accuracy(self) -> float:
        """The share of training points classified right (classification), else NaN."""
        if not self.classify:
            return math.nan
        with np.errstate(all="ignore"):
            return score_of(self.net.forward(self.inputs), self.y, True)

    def hidden_outputs(self, points: np.ndarray) -> tuple[np.ndarray, ...]:
        """Each hidden layer's outputs (points × units, after the activation) at the raw
        ``points``, from the current parameters."""
        with np.errstate(all="ignore"):
            return tuple(self.net.layer_outputs(feature_columns(points, self.features))[:-1])

    def history(self, steps: int | None = None) -> TrainHistory:
        """A copy of what the run has done, padded with NaN to ``steps`` if given."""
        total = self.steps if steps is None else max(steps, self.steps)

        def padded(values: np.ndarray) -> np.ndarray:
            out = np.full((total, *values.shape[1:]), np.nan)
            out[: self.steps] = values
            return out

        net = self.net
        tested = bool(self.y_test.shape[0])
        right = padded(self.score)
        test_right = padded(self.test_score) if tested else None
        return TrainHistory(
            loss=padded(self.loss),
            dead_fraction=padded(self.dead_fraction),
            gradient_norm=padded(self.gradient_norm),
            weights=tuple(w.copy() for w in net.weights),
            biases=tuple(b.copy() for b in net.biases),
            alphas=self.alphas,
            inputs=self.x,
            targets=self.y,
            test_loss=padded(self.test_loss) if tested else np.empty(0),
            accuracy=right if self.classify else None,
            test_accuracy=test_right if self.classify else None,
            r2=None if self.classify else right,
            test_r2=None if self.classify else test_right,
            features=self.features,
            test_inputs=self.x_test,
            test_targets=self.y_test,
            _run=self.frozen(),
        )

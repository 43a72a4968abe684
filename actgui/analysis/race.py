"""Several activations trained side by side on the same data from the same start (no Qt).

A :class:`Race` holds up to ``MAX_RUNS`` :class:`~actgui.analysis.trainer.Run` objects
that differ only in their activation: the same training set, the same initial weight
draws (the same weights unless the initialisation is the edge of chaos, whose scale
is each activation's own), the same batches, the same optimiser and learning rate.
:meth:`Race.advance` is a task function for a worker thread (``progress`` and
``cancelled`` keywords, as ``actgui.worker.TaskRunner`` calls it); every change and
every read goes through :attr:`Race.lock`, so the GUI thread may read a run's history,
or change the learning rate, between two of the worker's chunks.

:class:`RaceConfig` is the run configuration a user saves as a small JSON file
(:func:`save_config`, :func:`read_config`: its CSV file named relative to the JSON file
when it lies beside it or below); ``race_csv.load_csv`` (also importable from here)
reads a user's own data (two features and a class label, or x and y). Both read through
``actgui.files``: regular files only, their size limited while reading. A refusal is
a ``ValueError`` with a :class:`~actgui.text.messages.Message` (words in ``race_words``).
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from actgui.activations import REGISTRY
from actgui.analysis import race_words as w
from actgui.analysis.network import Cancelled
from actgui.analysis.race_csv import load_csv
from actgui.analysis.trainer import (
    DATASETS_1D,
    DATASETS_2D,
    INITS,
    MAX_LAYERS,
    MAX_POINTS,
    MAX_STEPS,
    MAX_WIDTH,
    OPTIMIZERS,
    Run,
    make_dataset,
)
from actgui.cancel import cancellable, checkpoint
from actgui.files import loads_bounded, read_text_bounded, write_atomically
from actgui.text.messages import Message
from actgui.validation import choice, integer, number

#: At most this many activations in one race.
MAX_RUNS = 4
#: ``dataset`` of a race on a user's CSV file.
CSV_DATASET = "csv"
#: The version written into a configuration file.
CONFIG_VERSION = 1
#: The largest configuration file read (one is about 1 kB).
MAX_CONFIG_BYTES = 1_000_000


@dataclass(frozen=True)
class RaceConfig:
    """Everything that defines a race (validated on creation: ``ValueError``)."""

    keys: tuple[str, ...] = ("relu", "leaky_relu")
    dataset: str = "spirals"
    n_points: int = 400
    noise: float = 0.1
    hidden: tuple[int, ...] = (16, 16)
    learning_rate: float = 0.01
    optimizer: str = "adam"
    init: str = "he"
    seed: int = 0
    batch_size: int | None = None
    steps: int = 1000
    #: The user's CSV file when ``dataset`` is ``"csv"``.
    data_file: str | None = None
    #: Parameter values per key (missing ones: the activation's defaults).
    params: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    #: One initialisation per run, overriding ``init``, or () for ``init`` everywhere. With
    #: it a function may race more than once, under different initialisations (tanh with
    #: Gaussian against orthogonal weights).
    inits: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        keys = tuple(self.keys)
        if not 1 <= len(keys) <= MAX_RUNS:
            raise ValueError(Message(w.RUN_COUNT, limit=MAX_RUNS, count=len(keys)))
        if not all(isinstance(k, str) for k in keys):  # (before a set: [1] is unhashable)
            raise ValueError(Message(w.KEYS_NOT_TEXT))
        inits = tuple(self.inits) if isinstance(self.inits, list | tuple) else None
        if inits is None or (inits and len(inits) != len(keys)):
            raise ValueError(Message(w.INITS_PER_RUN))
        inits = tuple(choice("init", i, INITS) for i in inits)
        runs = list(zip(keys, inits, strict=True)) if inits else list(keys)
        if len(set(runs)) != len(runs):
            raise ValueError(Message(w.RACES_ONCE))
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "inits", inits)
        choice("dataset", self.dataset, (*DATASETS_2D, *DATASETS_1D, CSV_DATASET))
        if self.data_file is not None and (
            not isinstance(self.data_file, str) or "\0" in self.data_file
        ):
            raise ValueError(Message(w.DATA_FILE_NAME, value=self.data_file))
        if self.dataset == CSV_DATASET and not self.data_file:
            raise ValueError(Message(w.CSV_NEEDS_FILE))
        # Stored as checked: an int for 2.0 read from a file, a float for a numpy float.
        checked: dict[str, object] = {
            "n_points": integer("n_points", self.n_points, 2, MAX_POINTS),
            "noise": number("noise", self.noise, 0.0, 10.0),
        }
        hidden = tuple(self.hidden) if isinstance(self.hidden, list | tuple) else None
        if hidden is None or not 1 <= len(hidden) <= MAX_LAYERS:
            raise ValueError(Message(w.HIDDEN_LAYERS, limit=MAX_LAYERS))
        width = Message(w.LAYER_WIDTH)
        checked["hidden"] = tuple(integer(width, w, 1, MAX_WIDTH) for w in hidden)
        checked["learning_rate"] = number("learning_rate", self.learning_rate, 1e-8, 10.0)
        choice("optimizer", self.optimizer, OPTIMIZERS)
        choice("init", self.init, INITS)
        checked["seed"] = integer("seed", self.seed, 0, 2**31 - 1)
        if self.batch_size is not None:
            checked["batch_size"] = integer("batch_size", self.batch_size, 1, MAX_POINTS)
        checked["steps"] = integer("steps", self.steps, 1, MAX_STEPS)
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        if not isinstance(self.params, Mapping):
            raise ValueError(Message(w.PARAMS_MAP))
        params = {}
        for key, values in self.params.items():
            if not isinstance(values, Mapping):
                raise ValueError(Message(w.PARAMS_OF, key=key))
            params[str(key)] = {str(n): number(f"{key}.{n}", v) for n, v in values.items()}
        object.__setattr__(self, "params", params)

    def with_changes(self, **changes: object) -> RaceConfig:
        """A copy with ``changes`` (validated)."""
        return replace(self, **changes)

    def to_json(self) -> dict:
        """A JSON-ready dict (``from_json`` reads it back)."""
        data = asdict(self)
        data["keys"] = list(self.keys)
        data["hidden"] = list(self.hidden)
        data["params"] = {k: dict(v) for k, v in self.params.items() if k in self.keys}
        if self.inits:
            data["inits"] = list(self.inits)
        else:  # (a file without it reads in versions that do not know it)
            del data["inits"]
        return {"actgui_race": CONFIG_VERSION, **data}

    @classmethod
    def from_json(cls, data: object) -> RaceConfig:
        """A configuration from ``to_json``'s dict; ``ValueError`` naming what is wrong."""
        if not isinstance(data, dict) or "actgui_race" not in data:
            raise ValueError(Message(w.NOT_A_RACE))
        version = data["actgui_race"]
        if version != CONFIG_VERSION:
            raise ValueError(Message(w.VERSION, version=version))
        names = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - names - {"actgui_race"})
        if unknown:
            raise ValueError(Message(w.UNKNOWN, names=", ".join(unknown)))
        values = {k: v for k, v in data.items() if k in names}
        for name in ("keys", "hidden", "inits"):
            if name in values and not isinstance(values[name], list):
                raise ValueError(Message(w.NOT_A_LIST, name=name))
        try:
            return cls(**values)
        except TypeError as exc:  # a wrongly typed value that a check did not name
            raise ValueError(str(exc)) from None


def read_config(path: str | os.PathLike[str]) -> RaceConfig:
    """The configuration in the JSON file ``path``, its ``data_file`` an absolute path (a
    relative one is taken relative to the JSON file's folder). ``ValueError`` (with the
    reason) for a file that is not one: a folder, a FIFO, a device, more than
    ``MAX_CONFIG_BYTES``, not UTF-8, not JSON, not a race; ``OSError`` for one that cannot
    be opened. The CSV file is not read here (:func:`load_csv`)."""
    text = read_text_bounded(path, MAX_CONFIG_BYTES)
    config = RaceConfig.from_json(loads_bounded(text, MAX_CONFIG_BYTES))
    if config.data_file:
        folder = _config_folder(path)
        config = replace(config, data_file=os.path.normpath(folder / config.data_file))
    return config


def save_config(path: str | os.PathLike[str], config: RaceConfig) -> Path:
    """Write ``config`` to the JSON file ``path``, whole or not at all (``OSError``; a
    folder, FIFO or device in its place is refused). Its ``data_file`` is written relative
    to the JSON file's folder when the CSV file lies in that folder or below it (the two
    can be moved or shared together), else as an absolute path."""
    path = Path(path)
    if config.data_file:
        config = replace(config, data_file=_data_file_for(path, config.data_file))
    text = config_text(config)
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def _config_folder(path: str | os.PathLike[str]) -> Path:
    """The folder of the configuration file ``path`` (through links: where it really is,
    as ``write_atomically`` writes it)."""
    return Path(os.path.realpath(path)).parent


def _data_file_for(path: Path, data_file: str) -> str:
    """``data_file`` as a configuration file at ``path`` keeps it: relative (with '/') when
    the CSV file is in ``path``'s folder or below, else absolute."""
    absolute = Path(os.path.abspath(data_file))
    real = Path(os.path.realpath(absolute.parent)) / absolute.name  # the CSV's own link kept
    folder = _config_folder(path)
    if real.is_relative_to(folder):
        return real.relative_to(folder).as_posix()
    return str(absolute)


def config_text(config: RaceConfig) -> str:
    """The JSON text of ``config`` (what File → Save writes, ``data_file`` as it is:
    :func:`save_config` makes it relative to the file)."""
    return json.dumps(config.to_json(), indent=2, ensure_ascii=False) + "\n"


#: Ready-made demonstrations (README, "For teachers"): name → configuration.
PRESETS: dict[str, RaceConfig] = {
    # ReLU units whose pre-activation goes negative on every point get no gradient and
    # never come back: at SGD's learning rate 1, most of the network dies.
    "dying_relu": RaceConfig(
        keys=("relu", "leaky_relu", "relu6", "silu"),
        dataset="spirals",
        hidden=(16, 16),
        learning_rate=1.0,
        optimizer="sgd",
        init="he",
        steps=600,
    ),
    # Six sigmoid layers pass the gradient on multiplied by at most 1/4 each: the first
    # layers barely move and the loss stays at log 2.
    "vanishing_gradients": RaceConfig(
        keys=("sigmoid", "tanh", "relu", "selu"),
        dataset="spirals",
        hidden=(16,) * 6,
        learning_rate=0.1,
        optimizer="sgd",
        init="lecun",
        steps=1000,
    ),
    # Zero-mean outputs (ELU) and self-normalisation (SELU with LeCun's init) train a
    # deeper network faster than ReLU at the same learning rate.
    "elu_selu_vs_relu": RaceConfig(
        keys=("relu", "leaky_relu", "elu", "selu"),
        dataset="spirals",
        hidden=(16,) * 4,
        learning_rate=0.01,
        optimizer="sgd",
        init="lecun",
        steps=1500,
    ),
    # Eight tanh layers of 16 on the edge of chaos, Gaussian against orthogonal weights.
    "orthogonal_tanh": RaceConfig(
        keys=("tanh", "tanh"),
        init="edge_of_chaos",  # (what changed runs fall back to)
        inits=("edge_of_chaos", "orthogonal"),
        dataset="spirals",
        hidden=(16,) * 8,
        learning_rate=0.05,
        optimizer="sgd",
        steps=1500,
    ),
}


class Race:
    """The runs of one configuration, stepped together."""

    def __init__(
        self,
        config: RaceConfig,
        data: tuple[np.ndarray, np.ndarray] | None = None,
        params: Mapping[str, Mapping[str, float]] | None = None,
    ) -> None:
        """``data`` (inputs, targets) for ``dataset="csv"`` (else made from the config);
        ``params`` per key override the configuration's."""
        self.config = config
        if data is None:
            if config.dataset == CSV_DATASET:
                data = load_csv(config.data_file)
            else:
                data = make_dataset(config.dataset, config.n_points, config.noise, config.seed)
        self.inputs = np.asarray(data[0], dtype=np.float64)
        self.targets = np.asarray(data[1])
        merged = {k: dict(v) for k, v in config.params.items()}
        for key, values in (params or {}).items():
            merged.setdefault(key, {}).update(values)
        self.lock = threading.RLock()
        self.runs = []
        inits = config.inits or (config.init,) * len(config.keys)
        for key, init in zip(config.keys, inits, strict=True):
            checkpoint()  # (a race being built for a window that closes)
            self.runs.append(
                Run(
                    key,
                    self.inputs,
                    self.targets,
                    config.hidden,
                    config.learning_rate,
                    config.optimizer,
                    init,
                    config.seed,
                    _batch(config.batch_size, self.inputs.shape[0]),
                    **merged.get(key, {}),
                )
            )
        self.params = {run.act.key: dict(run.net.values) for run in self.runs}
        self.rate = math.nan  # steps per second per run, of the last advance
        self._timing: tuple[float, int] | None = None
        self._abandoned = threading.Event()

    def abandon(self) -> None:
        """Stop a worker's :meth:`advance` inside the step it is taking (the window
        closes: a step of a large network takes seconds). The race is not used again: a
        run stopped in its step has drawn its batch but not recorded the step."""
        self._abandoned.set()

    @property
    def classify(self) -> bool:
        return self.runs[0].classify

    @property
    def steps(self) -> int:
        """The steps taken by the runs still going (diverged ones stopped earlier)."""
        return max(run.steps for run in self.runs)

    def finished(self) -> bool:
        """Whether every run reached the configuration's ``steps`` or diverged."""
        return all(r.diverged or r.steps >= self.config.steps for r in self.runs)

    def step(self, count: int = 1) -> None:
        """``count`` more steps of every run that has not diverged (past ``steps`` too:
        the Step button goes on after the end)."""
        with self.lock:
            for run in self.runs:
                run.step(count)

    def advance(
        self,
        until: int | None = None,
        *,
        report_seconds: float = 0.05,
        gate: Callable[[], object] | None = None,
        progress: Callable[[int, int], object] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Step every run to ``until`` (default: the configuration's ``steps``, followed as it
        changes), one step of
        one run at a time under the lock; ``progress(steps, until)`` about every
        ``report_seconds``. ``gate()`` is called before each step, outside the lock: a
        worker thread waits in it while the GUI thread reads the race (a lock alone is not
        fair: the worker would take it back between two steps). Returns the steps
        reached; :class:`Cancelled` when ``cancelled()`` turns True (between two steps)."""
        fixed = None if until is None else int(until)
        start = last = time.perf_counter()
        first = None
        while True:
            # (read at every step: the number of steps may change while training)
            until = self.config.steps if fixed is None else fixed
            going = [r for r in self.runs if not r.diverged and r.steps < until]
            if not going:
                break
            if first is None:
                first = min(r.steps for r in going)
            target = min(r.steps for r in going) + 1
            for run in going:  # one step of each run (the gate between any two)
                if gate is not None:
                    gate()
                if cancelled is not None and cancelled():
                    raise Cancelled
                limit = self.config.steps if fixed is None else fixed
                if run.steps < min(target, limit):
                    # The long part outside the lock (only this thread changes a run; the
                    # window reads meanwhile and never waits a whole step); within it
                    # only abandon() stops it: a paused race goes on exactly as if it had
                    # never been paused.
                    with cancellable(self._abandoned.is_set):
                        computed = run.compute_step()
                    with self.lock:
                        run.finish_step(computed)
            done = max(r.steps for r in self.runs)
            now = time.perf_counter()
            if now > start and done > first:
                self.rate = (done - first) / (now - start)
            if progress is not None and (now - last >= report_seconds or done >= until):
                last = now
                progress(done, until)
        return max(r.steps for r in self.runs)

    def set_learning_rate(self, learning_rate: float) -> None:
        """Every run's learning rate from its next step on."""
        with self.lock:
            for run in self.runs:
                run.set_learning_rate(learning_rate)
            self.config = replace(self.config, learning_rate=float(learning_rate))

    def set_optimizer(self, optimizer: str) -> None:
        """Every run's optimiser from its next step on (its moments start afresh)."""
        with self.lock:
            for run in self.runs:
                run.set_optimizer(optimizer)
            self.config = replace(self.config, optimizer=optimizer)

    def set_steps(self, steps: int) -> None:
        """Where :meth:`advance` stops by default."""
        with self.lock:
            self.config = replace(self.config, steps=steps)

    def history_table(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows of every run's history (one row per run and step; every value
        with all its digits): the race's CSV file."""
        return self.history_header(), history_rows(self.history_arrays())

    def history_header(self) -> list[str]:
        """The history's column names."""
        layers = len(self.config.hidden)
        header = ["activation", "step", "learning_rate", "loss"]
        header += [f"dead_fraction_layer{i + 1}" for i in range(layers)]
        header += [f"gradient_norm_layer{i + 1}" for i in range(layers)]
        return header

    def run_ids(self) -> list[str]:
        """Each run's name in a file: its key, or "key/init" ("tanh/orthogonal")."""
        if not self.config.inits:
            return list(self.config.keys)
        return [f"{k}/{i}" for k, i in zip(self.config.keys, self.config.inits, strict=True)]

    def history_arrays(self) -> list[tuple[str, np.ndarray]]:
        """Each run's id (:meth:`run_ids`) and its history as one array (steps × the
        header's numbers), a copy taken between two steps: :func:`history_rows` formats it,
        on any thread."""
        with self.lock:
            return [
                (name, np.column_stack([run.learning_rates, run.loss,
                                        run.dead_fraction, run.gradient_norm]))
                for name, run in zip(self.run_ids(), self.runs, strict=True)
            ]  # fmt: skip


def history_rows(arrays: list[tuple[str, np.ndarray]]) -> list[list[str]]:
    """The rows of :meth:`Race.history_arrays`: key, step and every value with all its
    digits (5–7 s for 100 000 steps of four 8-layer runs: a worker's job)."""
    rows: list[list[str]] = []
    for key, table in arrays:
        columns = []
        for column in table.T.tolist():
            checkpoint()  # (the window closing: a column of 100 000 numbers at a time)
            columns.append(list(map(repr, column)))
        steps = map(str, range(1, table.shape[0] + 1))
        rows += [[key, step, *cells] for step, *cells in zip(steps, *columns, strict=True)]
    return rows


def checked_csv(path: str | os.PathLike[str]) -> Exception | None:
    """Why the CSV file ``path`` cannot be raced on, or None (read whole; a worker's job:
    a file of 20 MB takes about a second)."""
    try:
        load_csv(path)
    except (ValueError, OSError) as exc:
        return exc
    return None


def checked_config(path: str | os.PathLike[str]) -> RaceConfig | Exception:
    """The race set-up saved in ``path``, its CSV file read and its functions' parameter
    names checked against the registry, or why it cannot be used."""
    try:
        config = read_config(path)
        if config.dataset == CSV_DATASET:
            load_csv(config.data_file)
        check_functions(config)
    except (ValueError, OSError) as exc:
        return exc
    return config


def check_functions(config: RaceConfig) -> None:
    """``ValueError`` unless every function of ``config`` is registered here and its saved
    parameters are all its own (their values are checked by the model that takes them)."""
    for key in config.keys:
        if key not in REGISTRY:
            raise ValueError(Message(w.NO_ACTIVATION, key=key))
        known = {p.name for p in REGISTRY[key].params}
        unknown = sorted(set(config.params.get(key, {})) - known)
        if unknown:
            raise ValueError(Message(w.NO_PARAMETER, key=key, names=", ".join(unknown)))


def _batch(batch_size: int | None, n: int) -> int | None:
    return None if batch_size is None or batch_size >= n else batch_size

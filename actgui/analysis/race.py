"""Several activations trained side by side on the same data from the same start (no Qt).

A :class:`Race` holds up to ``MAX_RUNS`` :class:`~actgui.analysis.trainer.Run` objects
that differ only in their activation: the same training set and held-out test set, the
same initial weight draws (the same weights unless the initialisation is the edge of
chaos, whose scale is each activation's own), the same batches, the same optimiser,
learning rate and regularisation. :meth:`Race.advance` is a task function for a worker
(``progress`` and ``cancelled`` keywords, as ``actgui.worker.TaskRunner`` calls it); every
change and every read goes through :attr:`Race.lock`, so another thread may read a run's
history, or change the learning rate, between two of the worker's chunks.

The set-up, :class:`RaceConfig`, and its files are :mod:`~actgui.analysis.race_config`'s,
the demonstrations :mod:`~actgui.analysis.race_presets`' (both importable from here);
``race_csv.load_csv`` reads a user's own data (two features and a class label, or x and
y).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import replace

import numpy as np

from actgui.activations import REGISTRY
from actgui.analysis import race_words as w
from actgui.analysis.features import split_indices
from actgui.analysis.network import Cancelled
from actgui.analysis.race_config import (
    CONFIG_VERSION,
    CSV_DATASET,
    DRAWN_DATASET,
    MAX_CONFIG_BYTES,
    MAX_RUNS,
    MIN_DRAWN,
    RaceConfig,
    config_text,
    drawn_data,
    points_of,
    read_config,
    save_config,
)
from actgui.analysis.race_csv import load_csv
from actgui.analysis.race_presets import PRESETS
from actgui.analysis.trainer import MAX_POINTS, MAX_STEPS, Run, make_dataset
from actgui.cancel import cancellable, checkpoint
from actgui.text.messages import Message

__all__ = [
    "CONFIG_VERSION", "CSV_DATASET", "DRAWN_DATASET", "MAX_CONFIG_BYTES", "MAX_POINTS",
    "MAX_RUNS", "MAX_STEPS", "MIN_DRAWN", "PRESETS", "Race", "RaceConfig", "check_functions",
    "checked_config", "checked_csv", "config_text", "history_rows", "load_csv", "points_of",
    "read_config", "save_config", "shown_points",
]  # fmt: skip


class Race:
    """The runs of one configuration, stepped together."""

    def __init__(
        self,
        config: RaceConfig,
        data: tuple[np.ndarray, np.ndarray] | None = None,
        params: Mapping[str, Mapping[str, float]] | None = None,
    ) -> None:
        """``data`` (inputs, targets) for ``dataset="csv"`` (else made from the config);
        ``params`` per key override the configuration's. ``inputs``/``targets`` are the
        points trained on, ``test_inputs``/``test_targets`` the ones held out."""
        self.config = config
        if data is None:
            data = race_data(config)
        every = np.asarray(data[0], dtype=np.float64)
        answers = np.asarray(data[1])
        rows, held = split_indices(every.shape[0], config.test_fraction, config.seed)
        self.inputs, self.targets = every[rows], answers[rows]
        self.test_inputs, self.test_targets = every[held], answers[held]
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
                    features=config.features,
                    l1=config.l1,
                    l2=config.l2,
                    test=(self.test_inputs, self.test_targets),
                    params=merged.get(key, {}),
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
    def tested(self) -> bool:
        """Whether points are held out for testing."""
        return bool(self.test_targets.shape[0])

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

    def set_regularization(self, l1: float, l2: float) -> None:
        """Every run's L1 and L2 rates from its next step on."""
        with self.lock:
            for run in self.runs:
                run.set_regularization(l1, l2)
            self.config = replace(self.config, l1=float(l1), l2=float(l2))

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
        right = "accuracy" if self.classify else "r2"
        header = ["activation", "step", "learning_rate", "loss", "l1", "l2", right]
        if self.tested:
            header += ["test_loss", f"test_{right}"]
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
            tables = []
            for name, run in zip(self.run_ids(), self.runs, strict=True):
                r = run.records()
                columns = [r["learning_rate"], r["loss"], r["l1"], r["l2"], r["score"]]
                if self.tested:
                    columns += [r["test_loss"], r["test_score"]]
                columns += [r["dead_fraction"], r["gradient_norm"]]
                tables.append((name, np.column_stack(columns)))
            return tables


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


def race_data(config: RaceConfig) -> tuple[np.ndarray, np.ndarray]:
    """Every point of ``config``'s data set (before the split): read from its CSV file,
    drawn by the user, or made from the seed."""
    if config.dataset == CSV_DATASET:
        return load_csv(config.data_file)
    if config.dataset == DRAWN_DATASET:
        return drawn_data(config.points)
    return make_dataset(config.dataset, config.n_points, config.noise, config.seed)


def shown_points(config: RaceConfig, race: object = None) -> tuple[tuple[float, ...], ...]:
    """The points of ``config``'s data set as drawn points (``RaceConfig.points``), training
    and test points alike: where a drawing of them starts. A CSV file's are its race's
    (``race``, built from it), else none."""
    if config.dataset == DRAWN_DATASET:
        return config.points or ()
    if race is not None and race.config.dataset == config.dataset:
        x = np.concatenate([race.inputs, race.test_inputs])
        return points_of(x, np.concatenate([race.targets, race.test_targets]))
    if config.dataset == CSV_DATASET:
        return ()
    return points_of(*make_dataset(config.dataset, config.n_points, config.noise, config.seed))


def _batch(batch_size: int | None, n: int) -> int | None:
    return None if batch_size is None or batch_size >= n else batch_size

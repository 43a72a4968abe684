"""The window's copy of a race trained in another process (no Qt).

The worker process (:mod:`~actgui.analysis.race_process`) sends the race once when it is
built, its runs pickled at step 0, and then compact snapshots: per run, the per-step
records (:meth:`~actgui.analysis.trainer.Run.records`) since the last snapshot, the steps
taken, whether it diverged and, now and then, its parameters (weights, biases, PReLU
slopes). :class:`RaceMirror` is a :class:`~actgui.analysis.race.Race` made from the
first, and :func:`apply_snapshot` adds the others to it: the views read it exactly as they
read a race trained in their own process (its runs are the engine's own
:class:`~actgui.analysis.trainer.Run` objects, whose records and weights are filled from
the snapshots), but it never trains.

An activation is pickled by its key and unpickled as the window's own entry (a function of
your own is no pickle: its formula is compiled), the one the race was asked for.
"""

from __future__ import annotations

import io
import math
import pickle
import threading
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from actgui.activations import REGISTRY, Activation
from actgui.analysis.race import Race, RaceConfig
from actgui.analysis.trainer import Run

#: The attributes of a built race the mirror takes over (its runs come pickled apart).
RACE_FIELDS = ("config", "inputs", "targets", "test_inputs", "test_targets", "params")


class _Pickler(pickle.Pickler):
    """Pickles an :class:`Activation` as its key."""

    def persistent_id(self, obj: object) -> object:
        if isinstance(obj, Activation):
            return ("activation", obj.key)
        return None


class _Unpickler(pickle.Unpickler):
    """Unpickles an activation's key as ``activations[key]`` (else the registry's)."""

    def __init__(self, data: bytes, activations: Mapping[str, Activation]) -> None:
        super().__init__(io.BytesIO(data))
        self._activations = activations

    def persistent_load(self, pid: object) -> Activation:
        kind, key = pid
        if kind != "activation":
            raise pickle.UnpicklingError(f"unknown persistent id {kind!r}")
        act = self._activations.get(key)
        return act if act is not None else REGISTRY[key]


def dumps_runs(runs: list[Run]) -> bytes:
    """``runs`` pickled, each activation by its key."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(list(runs))
    return buffer.getvalue()


def loads_runs(data: bytes, activations: Mapping[str, Activation]) -> list[Run]:
    """:func:`dumps_runs`' runs, each with ``activations[key]`` (else the registry's)."""
    return _Unpickler(data, activations).load()


def race_payload(race: Race) -> dict:
    """What the worker sends of a race it has just built (the runs at step 0)."""
    payload = {name: getattr(race, name) for name in RACE_FIELDS}
    payload["runs"] = dumps_runs(race.runs)
    return payload


def run_parameters(run: Run) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """A run's weights, biases and PReLU slopes (pickled at once: no copy needed)."""
    net = run.net
    return list(net.weights), list(net.biases), list(net.alphas)


def run_snapshot(run: Run, start: int, parameters: bool) -> dict:
    """What has changed of ``run`` since step ``start``: its records from there, its
    steps, whether it diverged, and its parameters if ``parameters``."""
    return {
        "steps": run.steps,
        "diverged": run.diverged,
        "records": run.records(start),
        "parameters": run_parameters(run) if parameters else None,
    }


class RaceMirror(Race):
    """A race trained elsewhere, as the views read a race (never stepped here).

    ``serial`` tells it from the worker's other races. The live settings (learning rate,
    optimiser, steps, penalties) change its configuration only: the worker applies them
    to the runs, and their records say from which step."""

    def __init__(
        self, serial: int, payload: Mapping, activations: Mapping[str, Activation]
    ) -> None:
        for name in RACE_FIELDS:
            setattr(self, name, payload[name])
        self.serial = serial
        self.runs = loads_runs(payload["runs"], activations)
        for run in self.runs:  # (sent at step 0: their weights are step 0's)
            run._parameter_steps = run.steps
        self.lock = threading.RLock()
        self.rate = math.nan
        self._timing = None
        self._abandoned = threading.Event()

    def advance(self, *_args, **_kwargs) -> int:
        raise RuntimeError("a mirrored race is trained by its worker process")

    def step(self, count: int = 1) -> None:
        raise RuntimeError("a mirrored race is trained by its worker process")

    def set_learning_rate(self, learning_rate: float) -> None:
        self.config = replace(self.config, learning_rate=float(learning_rate))

    def set_optimizer(self, optimizer: str) -> None:
        self.config = replace(self.config, optimizer=optimizer)

    def set_regularization(self, l1: float, l2: float) -> None:
        self.config = replace(self.config, l1=float(l1), l2=float(l2))

    def with_config(self, config: RaceConfig) -> None:
        self.config = config


def apply_snapshot(race: RaceMirror, snapshot: Mapping) -> None:
    """Add a worker's snapshot to ``race``: each run's new records, steps, divergence and
    (if sent) parameters, and the race's rate. Call it where the views read (the GUI
    thread): new parameters replace the old arrays, so a frozen copy is never changed."""
    with race.lock:
        for run, news in zip(race.runs, snapshot["runs"], strict=True):
            _extend(run, news["records"], news["steps"])
            run.diverged = bool(news["diverged"])
            if news["parameters"] is not None:
                weights, biases, alphas = news["parameters"]
                run.net.weights, run.net.biases, run.net.alphas = weights, biases, alphas
                run._parameter_steps = int(news["steps"])
        race.rate = float(snapshot["rate"])


def _extend(run: Run, records: Mapping[str, np.ndarray], steps: int) -> None:
    """Append ``records`` (steps ``steps - len`` to ``steps``) to the run's own storage
    (the engine's ``Run._records``, grown as a training step grows it)."""
    count = next(iter(records.values())).shape[0] if records else 0
    start = steps - count
    if start != run.steps:  # (a snapshot lost or repeated: never, the pipe keeps order)
        raise ValueError(f"records from step {start} for a run at step {run.steps}")
    if not count:
        return
    run._grow(steps)
    for name, values in records.items():
        run._records[name][start:steps] = values
    run.steps = steps


__all__ = [
    "RaceMirror",
    "apply_snapshot",
    "dumps_runs",
    "loads_runs",
    "race_payload",
    "run_snapshot",
]

"""The "Train and compare" race: its configuration model and the controller that runs it.

QtCore only (no widget), like ``ExplorerModel`` and ``LabModel``:

- :class:`TrainModel` holds a :class:`~actgui.analysis.race.RaceConfig`; its setter
  validates (``ValueError``, nothing changed) and emits ``config_changed`` only on a
  real change. It is what the settings and a configuration file save.
- :class:`RaceController` owns the race built from it and runs it: Start, Pause, Step,
  Reset. By default the race is built and trained in a worker process
  (``analysis.race_process``), started when a race is first needed, and the views read
  its mirror (``analysis.race_mirror``: the same reading API as a ``Race``), updated from
  the process's snapshots; ``backend="thread"`` trains it on a worker thread of this
  process instead (``worker.TaskRunner`` calling ``Race.advance``), as before issue 24.
  The learning rate, the optimiser, the number of steps and the penalties apply to a race
  in progress; any other change of the configuration (data, network, seed, activations)
  starts a new race, paused at step 0, as does a change of a racing function's
  parameters before the first step.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping

from PySide6.QtCore import QObject, QThreadPool, Signal

from actgui.activations import REGISTRY
from actgui.analysis.race import MAX_STEPS, Race, RaceConfig
from actgui.text.messages import Message
from actgui.worker import FAILURE, TaskRunner, failure_problem, ms_left

log = logging.getLogger(__name__)

#: Fields a race in progress takes on without starting again.
LIVE_FIELDS = ("learning_rate", "optimizer", "steps", "l1", "l2")
#: Where a race is trained: in a worker process (the app's) or on a worker thread.
BACKENDS = ("process", "thread")


class TrainModel(QObject):
    """The race's configuration (``analysis.race.RaceConfig``)."""

    #: The new configuration.
    config_changed = Signal(object)

    def __init__(self, config: RaceConfig | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config = config or RaceConfig()

    def config(self) -> RaceConfig:
        return self._config

    def set_config(self, config: RaceConfig) -> None:
        """Replace the whole configuration (a preset, a file)."""
        if not isinstance(config, RaceConfig):
            raise ValueError("expected a RaceConfig")
        if config != self._config:
            self._config = config
            self.config_changed.emit(config)

    def update(self, **changes: object) -> None:
        """Change some fields (``RaceConfig``'s names); ``ValueError`` for a bad value. A
        change of the activations or of the initialisation ends an initialisation per run
        (a demonstration's)."""
        if ({"keys", "init"} & set(changes)) and "inits" not in changes:
            changes["inits"] = ()
            keys = changes.get("keys", self._config.keys)
            if isinstance(keys, list | tuple) and all(isinstance(k, str) for k in keys):
                changes["keys"] = tuple(dict.fromkeys(keys))  # (raced twice: once now)
        self.set_config(self._config.with_changes(**changes))

    def drop_functions(self, removed: Iterable[str]) -> None:
        """Functions deleted from the registry leave the race (the default functions race
        if none is left); a race running with them is renewed by its controller."""
        gone = set(removed)
        config = self._config
        kept = [i for i, k in enumerate(config.keys) if k not in gone]
        if len(kept) == len(config.keys):
            return
        if not kept:
            self.update(keys=RaceConfig().keys)
            return
        # (the runs that stay keep their initialisations, if each run has its own)
        inits = tuple(config.inits[i] for i in kept) if config.inits else ()
        self.update(keys=tuple(config.keys[i] for i in kept), inits=inits)


def _build(config: RaceConfig, params: Mapping[str, Mapping[str, float]], **_task) -> Race:
    """A race built on the worker thread: its data read or made, every network initialised
    (an initialisation gain of a function of your own is an integral of its own length)."""
    return Race(config, params=params)


class RaceController(QObject):
    """Builds, runs, pauses and steps the race of a :class:`TrainModel`.

    Everything whose length the user controls happens off the GUI thread: building a
    race (a thousand-kink function of your own takes a minute to initialise), training,
    and a single Step (one step of four 8×256 networks on 10 000 points takes seconds).
    With the ``"process"`` backend (the app's) a worker process does it and the window
    reads the race's mirror, never waiting for the process; with ``"thread"`` a worker
    thread does it and the window reads the race between two steps (a run computes its
    step outside the race's lock). Start or Step asked for while the race is being built
    happen once it is there.
    """

    #: The race's numbers changed (steps taken, or a new race): views redraw.
    updated = Signal()
    #: "building", "ready" (step 0), "running", "paused", "finished" or "failed".
    state_changed = Signal(str)
    #: A message for the user: the race could not be built or a step failed (a ``str``; a
    #: ``Message`` of the Qt-free layers kept as one: the view translates it).
    failed = Signal(object)
    #: The worker process's messages arrived (emitted on its reader thread: queued here).
    _arrived = Signal()

    def __init__(
        self,
        train: TrainModel,
        params: Callable[[str], Mapping[str, float]],
        parent: QObject | None = None,
        *,
        backend: str = "process",
    ) -> None:
        """``params(key)``: the current parameter values of an activation (the
        explorer's spin boxes). ``backend``: ``"process"`` or ``"thread"``."""
        super().__init__(parent)
        self.backend = _checked_backend(backend)
        self._in_process = backend == "process"
        self._train = train
        self._params = params
        self.race: Race | None = None
        #: Counts the races built (a view tells a new race from the last by it).
        self.serial = 0
        self._reading = 0
        self._state = "ready"
        # Cleared while the GUI thread reads the race (``reading``): the worker does not
        # take its lock back between two steps meanwhile (a lock is not fair).
        self._free = threading.Event()
        self._free.set()
        # A pool of its own: training never waits behind an analysis of a function of your
        # own (the phase diagram of one can take minutes), and building comes before it.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.runner = TaskRunner(self, pool=self._pool)
        self.runner.progress.connect(lambda *_: self.updated.emit())
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.builder = TaskRunner(self, pool=self._pool)
        self.builder.finished.connect(self._on_built)
        self.builder.failed.connect(self._on_build_failed)
        #: The process backend's side of the worker process (``race_process.RaceClient``,
        #: made when a race is first needed: the process starts then).
        self.client = None
        self._arrived.connect(self._on_messages)
        #: What to do once the race being built is there: "start", "step" or None.
        self._then: str | None = None
        self._building: RaceConfig | None = None
        train.config_changed.connect(self._on_config)
        self._built_for: RaceConfig | None = None
        #: Whether a race is on screen: a change then builds the next race at once;
        #: otherwise only when it is needed (the view sets this).
        self.eager: Callable[[], bool] = lambda: False

    def set_backend(self, backend: str) -> None:
        """Train the next race in a worker ``"process"`` or on a worker ``"thread"`` (the
        benchmark compares them in one window); the current race is dropped."""
        if _checked_backend(backend) != self.backend:
            self._abandon()
            self.builder.cancel()
            if self.client is not None:
                self.client.close()
                self.client = None
            self.backend, self._in_process = backend, backend == "process"
            self._drop()

    # -- state ---------------------------------------------------------------------------
    def state(self) -> str:
        return self._state

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    @property
    def process(self):
        """The worker process (``race_process.RaceProcess``), or None before the first race."""
        return None if self.client is None else self.client.process

    def building(self) -> bool:
        """Whether a race is being built off the GUI thread."""
        if self._in_process:
            return self.client is not None and self.client.asked is not None
        return self.builder.is_running()

    def _training(self) -> bool:
        if self._in_process:
            return self.client is not None and self.client.job is not None
        return self.runner.is_running()

    def busy(self) -> bool:
        """Whether a worker is building, training or stepping the race (or, with the
        process, the last numbers of a paused run are still on their way)."""
        if self._in_process:
            return self.client is not None and self.client.busy()
        return self.builder.is_running() or self.runner.is_running()

    def ensure_race(self) -> Race | None:
        """The current race; if there is none, one is built off the GUI thread (None until
        it is there: ``updated`` says when; None for good if it cannot be built: ``failed``
        says why)."""
        if self.race is None and not self.building():
            self.reset()
        return self.race

    @contextlib.contextmanager
    def reading(self) -> Iterator[Race | None]:
        """The race, its worker thread held between two steps (for drawing it)."""
        race = self.race
        if race is None:
            yield None
            return
        self._reading += 1  # (nested reads: the outermost lets the worker go)
        self._free.clear()
        try:
            with race.lock:  # (held by the worker only to record a step: quick)
                yield race
        finally:
            self._reading -= 1
            if not self._reading:
                self._free.set()

    # -- commands ------------------------------------------------------------------------
    def start(self) -> None:
        """Train until the configured number of steps (or Pause); at that step, as many
        steps again ("Go on")."""
        race = self.ensure_race()
        if race is None:
            if self.building():
                self._then = "start"
            return
        if self._training():
            return
        if all(run.diverged for run in race.runs):
            return
        if race.finished():  # "Go on": as many steps again from here
            self._train.update(steps=min(MAX_STEPS, race.steps + race.config.steps))
            if race.finished():  # at the largest number of steps
                return
        self._set_state("running")
        if self._in_process:
            self.client.run(race.serial)
        else:  # (between two steps the worker waits while the GUI thread reads the race)
            self.runner.start(race.advance, gate=self._free.wait)

    def pause(self) -> None:
        """Stop after the step in progress; Start goes on from there."""
        if self._then is not None:
            self._then = None
        if self._training():
            if self._in_process:
                self.client.pause()
            else:
                self.runner.cancel()
            race = self.race
            # (the worker may have just reached the end: its news is dropped by the cancel)
            self._set_state("finished" if race is not None and race.finished() else "paused")
            self.updated.emit()

    def toggle(self) -> None:
        """Start when paused, pause when running (the Start/Pause button)."""
        if self._state == "running" or (self._state == "building" and self._then == "start"):
            self.pause()
        else:
            self.start()

    def step(self) -> None:
        """One step of every run (also past the last step), off the GUI thread."""
        race = self.ensure_race()
        if race is None:
            if self.building():
                self._then = "step"
            return
        if self._training() or all(run.diverged for run in race.runs):
            return
        self._set_state("running")
        if self._in_process:
            self.client.run(race.serial, more=1)
        else:
            self.runner.start(race.advance, race.steps + 1, gate=self._free.wait)

    def reset(self) -> None:
        """A new race from the configuration and the current parameters, at step 0, built
        off the GUI thread (``state()`` is "building" meanwhile)."""
        self._abandon()
        config = self._train.config()
        params = {key: dict(self._params(key)) for key in config.keys}
        self._set_race(None)
        self._building = config
        self._then = None
        self._state = ""
        self._set_state("building")
        if self._in_process:
            self._build_in_process(config, params)
        else:
            self.builder.start(_build, config, params)
        self.updated.emit()

    def _build_in_process(self, config: RaceConfig, params: dict) -> None:
        if self.client is None:
            from actgui.analysis.race_process import RaceClient

            self.client = RaceClient(self._arrived.emit)
        self.serial += 1  # (a serial no other race had: the worker's news names it)
        self.client.build(self.serial, config, params)

    def stop(self, msecs: int = 5000) -> bool:
        """Cancel building and training, a step in progress included, and wait up to
        ``msecs`` for the workers (on closing; the process is ended, killed if it does not
        answer at once). Whether they ended."""
        self._abandon()
        self.builder.cancel()
        deadline = time.monotonic() + max(msecs, 0) / 1000.0
        ended = True
        if self.client is not None:
            from actgui.analysis.race_process import CLOSE_WAIT_S

            ended = self.client.close(min(CLOSE_WAIT_S, max(msecs, 0) / 1000.0))
        ended = self.runner.wait(ms_left(deadline)) and ended
        return self.builder.wait(ms_left(deadline)) and ended

    def _abandon(self) -> None:
        """Stop the worker of the current race inside the step it is taking (the race is
        being replaced or the window closes)."""
        if self.runner.is_running() and self.race is not None:
            self.race.abandon()
        self.runner.cancel()
        self._free.set()
        if self.client is not None:  # (the process stops inside its step for a new race)
            self.client.forget()

    def params_changed(self, key: str) -> None:
        """A racing function's parameters changed: a race not yet started follows (it is
        built again when next needed)."""
        race = self.race
        unstarted = race is not None and race.steps == 0 and key in race.config.keys
        being_built = race is None and self.building() and key in self._train.config().keys
        if unstarted or being_built:
            self._renew()

    def _renew(self) -> None:
        """A new race for a changed set-up: now if it is on screen, else when needed."""
        if self.eager():
            self.reset()
        else:
            self._drop()

    def _drop(self) -> None:
        """Forget a race that has not started; ``ensure_race`` builds the next one."""
        self._abandon()
        self.builder.cancel()
        self._set_race(None)
        self._then = None
        self._ready()

    def _ready(self) -> None:
        """State "ready", said even if it was (a new race), and views redraw."""
        self._state = ""
        self._set_state("ready")
        self.updated.emit()

    def stale_params(self) -> list[str]:
        """The racing functions whose parameters changed since the race was built."""
        if self.race is None:
            return []
        return [
            key
            for key in dict.fromkeys(self.race.config.keys)  # (a function racing twice: once)
            if key in REGISTRY
            and any(
                self.race.params.get(key, {}).get(name) != value
                for name, value in self._params(key).items()
            )
        ]

    # -- reactions -----------------------------------------------------------------------
    def _set_race(self, race: Race | None) -> None:
        """The race the views show (None: none yet), told apart from the last by
        ``serial``: a view's items drawn for one race are never fed another's numbers."""
        self.race = race
        self._built_for = self._building if race is not None else None
        self.serial += 1

    def _on_built(self, race: Race) -> None:
        self._set_race(race)
        then, self._then = self._then, None
        self._ready()
        if then == "start":
            self.start()
        elif then == "step":
            self.step()

    def _on_build_failed(self, message: str) -> None:
        self._set_race(None)
        self._then = None
        self._report(failure_problem(message))  # (the user needs the text, not its type)
        self.updated.emit()

    def _on_config(self, config: RaceConfig) -> None:
        race, built = self.race, self._built_for
        if race is None or built is None:
            self._renew()
            return
        live = {name: getattr(config, name) for name in LIVE_FIELDS}
        if config.with_changes(**{n: getattr(built, n) for n in LIVE_FIELDS}) != built:
            self._renew()
            return
        changed = {n: v for n, v in live.items() if v != getattr(race.config, n)}
        if "learning_rate" in changed:
            race.set_learning_rate(live["learning_rate"])
        if "optimizer" in changed:
            race.set_optimizer(live["optimizer"])
        if {"l1", "l2"} & set(changed):
            race.set_regularization(live["l1"], live["l2"])
        if "steps" in changed:
            race.set_steps(live["steps"])
            if self._state == "finished" and not race.finished():
                self._set_state("paused")
            elif self._state in ("paused", "ready") and race.finished():
                self._set_state("finished")
        if changed and self._in_process:  # (the mirror's configuration changed at once)
            self.client.live(race.serial, changed)
        self._built_for = config
        self.updated.emit()

    def _finished(self) -> bool:
        return self.race is not None and self.race.finished()

    def _on_finished(self, _steps: object) -> None:
        race = self.race
        self._set_state("finished" if race is None or race.finished() else "paused")
        self.updated.emit()

    def _on_failed(self, message: str) -> None:
        self._report(message)
        self.updated.emit()

    def _report(self, message: str) -> None:
        log.warning("Training failed: %s", message)
        self._set_state("failed")
        self.failed.emit(message)

    # -- the worker process's news -------------------------------------------------------
    def _on_messages(self) -> None:
        if self.client is None:
            return
        changed = False
        for kind, *args in self.client.events(self.race):
            if kind == "updated":
                changed = True
            elif kind == "idle" and args[0]:
                self._on_finished(None)
            elif kind == "idle" and self._state == "paused" and self._finished():
                self._set_state("finished")  # (paused as the worker reached the end)
            elif kind == "failed":
                self._on_failed(_failure(*args))
            elif kind == "built":
                self._on_built(args[0])
            elif kind == "build_failed":
                self._on_build_failed(_failure(*args))
            elif kind == "ended":
                self._then = None
                self._report(args[0])
                changed = True
        if changed:
            self.updated.emit()


def _checked_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, not {backend!r}")
    return backend


def _failure(kind: str, said: str) -> str:
    """What the worker process's failure says, as ``worker.failure_text`` says it."""
    if isinstance(said, Message):
        return Message(FAILURE, kind=kind, problem=said)
    return f"{kind}: {said}"


__all__ = ["BACKENDS", "LIVE_FIELDS", "RaceController", "TrainModel"]

"""Training in a worker process beside the window, not in its interpreter (no Qt).

The window's interpreter has one GIL: a race stepped on one of its threads (many small
numpy operations) took the GUI thread's turns, and a frame during a drag of α took up to
39 ms. Here the race runs in a process of its own, started with ``spawn`` (the same on
every system, and in the frozen program through ``multiprocessing.freeze_support``).

- :func:`serve` is the worker's main: it takes commands from a pipe (build a race, train
  it to a step, one step, pause, live settings, close) and, while training, sends a
  snapshot about every :data:`SNAPSHOT_S` (:func:`~actgui.analysis.race_mirror.run_snapshot`:
  the records since the last one, the steps, and the parameters when they are small or
  often enough). It never waits for the window: a snapshot is written by a thread of its
  own, and while one is on its way the next is not made (its records go with the one after).
- :class:`RaceProcess` is the window's end: it starts the worker when it is first needed,
  sends commands, and reads the worker's messages on a thread of its own (a large message
  is read whole there, never on the GUI thread), handing them over with ``wake()``.
  :meth:`RaceProcess.close` ends the worker within :data:`CLOSE_WAIT_S`, terminating
  and then killing it if it does not answer; :class:`RaceClient` is what the window's
  controller (``actgui.training.RaceController``) talks to.

A failure keeps its :class:`~actgui.text.messages.Message` (it pickles as one), so the
window shows it in the interface language.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterable, Mapping

from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message, message_of

log = logging.getLogger(__name__)

#: Seconds between two snapshots while training.
SNAPSHOT_S = 0.04
#: Parameters go with a snapshot at most at this many bytes per second (a race of four
#: 8×256 networks has 15 MB of them: about every 0.4 s), and always when training stops.
PARAMETER_BYTES_PER_S = 40e6
#: How long :meth:`RaceProcess.close` waits in all for the worker to end (asked, then
#: terminated, then killed).
CLOSE_WAIT_S = 0.3
#: How much lower the worker's scheduling priority is than the window's (Unix ``nice``):
#: when every core is busy (a 2-core machine, another program), a frame of the window
#: waits less for the worker's turn; when a core is free the worker trains as fast
#: (docs/performance.md, issue 24).
WORKER_NICENESS = 5
#: Commands that stop the step in progress (the race they would train is replaced).
URGENT = ("build", "close")
#: The live settings of a race and the method of ``Race`` that applies each.
LIVE = {
    "learning_rate": "set_learning_rate",
    "optimizer": "set_optimizer",
    "steps": "set_steps",
}

#: The worker process ended while the window needed it (killed, out of memory, a crash).
PROCESS_ENDED = QT_TRANSLATE_NOOP(
    "actgui.messages",
    "the training process stopped unexpectedly (exit code {code}); Reset starts it again",
)


# -- the worker process ------------------------------------------------------------------
def serve(conn) -> None:
    """The worker's main: serve ``conn`` until told to close or the window's end closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (Ctrl+C in a terminal is the window's)
    from actgui.memory import settle_heap

    settle_heap()  # (a fresh heap trimmed at every step: training at half speed)
    if hasattr(os, "nice"):  # (the window first when the cores are busy)
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)
    _Worker(conn).serve()
    # At once: the interpreter's own ending (numpy's, scipy's modules freed one by one)
    # took longer than the window waits. Nothing is left to save or flush but the logs.
    logging.shutdown()
    os._exit(0)


class _Worker:
    def __init__(self, conn) -> None:
        self.conn = conn
        self.commands: collections.deque = collections.deque()
        self.arrived = threading.Condition()
        self.race = None
        self.serial = 0
        self.sent: list[int] = []
        self.parameters_at = 0.0
        self.parameters_every = SNAPSHOT_S
        self.outbox: collections.deque[bytes] = collections.deque()
        self.sending = threading.Condition()
        self.writing = False
        threading.Thread(target=self._read, name="race-commands", daemon=True).start()
        threading.Thread(target=self._write, name="race-snapshots", daemon=True).start()

    # -- the pipe's two directions, each on a thread of its own ---------------------------
    def _read(self) -> None:
        while True:
            try:
                command = self.conn.recv()
            except (EOFError, OSError):  # the window's end is gone: close
                command = ("close",)
            with self.arrived:
                self.commands.append(command)
                if command[0] in URGENT and self.race is not None:
                    self.race.abandon()  # (a step of a large network takes seconds)
                self.arrived.notify()
            if command[0] == "close":
                return

    def _write(self) -> None:
        while True:
            with self.sending:
                while not self.outbox:
                    self.sending.wait()
                data = self.outbox.popleft()
                self.writing = True
            try:
                self.conn.send_bytes(data)
            except OSError:
                return
            finally:
                with self.sending:
                    self.writing = False

    def send(self, *message: object) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with self.sending:
            self.outbox.append(data)
            self.sending.notify()

    def busy_sending(self) -> bool:
        with self.sending:
            return self.writing or bool(self.outbox)

    # -- commands -------------------------------------------------------------------------
    def serve(self) -> None:
        while True:
            with self.arrived:
                while not self.commands:
                    self.arrived.wait()
                command = self.commands.popleft()
            kind, *args = command
            if kind == "close":
                return
            if kind == "build":
                self._build(*args)
            elif kind == "run":
                self._run(*args)
            elif kind == "live":
                self._live(*args)
            # ("pause" has nothing left to stop once it is read here)

    def _urgent(self) -> bool:
        return any(c[0] in URGENT for c in list(self.commands))

    def _interrupted(self) -> bool:
        """Between two steps: live settings apply at once; any other command ends the run."""
        while self.commands and self.commands[0][0] == "live":
            self._live(*self.commands.popleft()[1:])
        return bool(self.commands)

    def _build(self, serial: int, config, params, definitions) -> None:
        from actgui.activations import add_custom
        from actgui.activations.custom import custom_definitions, remove_custom
        from actgui.analysis.race import Race
        from actgui.analysis.race_mirror import race_payload
        from actgui.cancel import Cancelled, cancellable

        self.race = None
        try:
            # (the registry is per process: this race's functions of your own, and no
            # others: the worker kept every one it was sent, and refused the 51st)
            wanted = {d.key for d in definitions}
            for old in custom_definitions():
                if old.key not in wanted:
                    remove_custom(old.key)
            for definition in definitions:
                add_custom(definition)
            with cancellable(self._urgent):  # (a newer race asked for, or closing)
                race = Race(config, params=params)
            payload = race_payload(race)
        except Cancelled:
            return
        except Exception as exc:  # reported, whatever it is: the window says why
            log.debug("Race %d could not be built", serial, exc_info=True)
            self.send("build_failed", serial, type(exc).__name__, message_of(exc))
            return
        self.race, self.serial = race, serial
        self.sent = [run.steps for run in race.runs]
        size = sum(w.nbytes for run in race.runs for w in run.net.tensors())
        self.parameters_every = max(SNAPSHOT_S, size / PARAMETER_BYTES_PER_S)
        self.send("built", serial, payload)

    def _live(self, serial: int, changes: Mapping[str, object]) -> None:
        race = self.race
        if race is None or serial != self.serial:
            return
        for name, method in LIVE.items():
            if name in changes:
                getattr(race, method)(changes[name])
        if "l1" in changes or "l2" in changes:
            race.set_regularization(
                changes.get("l1", race.config.l1), changes.get("l2", race.config.l2)
            )

    def _run(self, serial: int, job: int, until: int | None, more: int) -> None:
        """Train to ``until`` (None: the configuration's steps, followed as they change),
        or ``more`` steps from where the race is; then say so with a last snapshot."""
        from actgui.cancel import Cancelled

        race = self.race
        if race is None or serial != self.serial:
            return
        if more:
            until = race.steps + more
        try:
            race.advance(
                until,
                report_seconds=SNAPSHOT_S,
                progress=lambda _done, _until: self._snapshot(),
                cancelled=self._interrupted,
            )
        except Cancelled:
            pass
        except Exception as exc:  # reported, whatever it is: the window says why
            log.debug("Race %d failed", serial, exc_info=True)
            self.send("failed", serial, job, type(exc).__name__, message_of(exc))
        if self._urgent():  # (abandoned inside a step: this race is being replaced)
            return
        self._snapshot(last=True)
        self.send("idle", serial, job)

    def _snapshot(self, last: bool = False) -> None:
        """Send what changed since the last snapshot, unless one is still on its way (then
        its records go with the next); the last one of a run always."""
        if not last and self.busy_sending():
            return
        now = time.perf_counter()
        parameters = last or now - self.parameters_at >= self.parameters_every
        if parameters:
            self.parameters_at = now
        from actgui.analysis.race_mirror import run_snapshot

        race = self.race
        runs = [
            run_snapshot(run, start, parameters)
            for run, start in zip(race.runs, self.sent, strict=True)
        ]
        self.sent = [run.steps for run in race.runs]
        self.send("snapshot", self.serial, {"rate": race.rate, "runs": runs})


# -- the window's end ----------------------------------------------------------------------
class RaceProcess:
    """Starts and talks to the worker process; its messages arrive on a thread of this
    class's own and wait in :meth:`messages` (``wake()`` is called on that thread when the
    first of a batch arrives: a Qt signal's emit, queued to the GUI thread)."""

    def __init__(self, wake: Callable[[], object]) -> None:
        self._wake = wake
        self._process = self._conn = self._ended = self._closing = None
        self._generation = 0
        self._inbox: collections.deque = collections.deque()
        self._lock = threading.Lock()

    def alive(self) -> bool:
        """Whether the worker process is running (its reader has not seen it end)."""
        return self._ended is not None and not self._ended.is_set()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def send(self, *command: object) -> None:
        """Send ``command`` to the worker. Only a build starts one (if there is none, or it
        ended): any other command for a worker that has ended is answered with its "ended"
        news (the race it was about died with it; a new worker would not know it, and a
        Start clicked before the news of the death arrived used to wait for ever)."""
        if not self.alive():
            if command[0] != "build":
                code = None if self._process is None else self._process.exitcode
                self._deliver(self._generation, ("ended", code))
                return
            self._start()
        try:
            self._conn.send(command)
        except OSError:  # (it ended just now: its reader says so)
            log.debug("The training process could not be told %s", command[0])

    def _start(self) -> None:
        import multiprocessing

        self._forget()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=serve, args=(theirs,), name="actgui-race", daemon=True)
        process.start()
        theirs.close()
        self._generation += 1
        self._process, self._conn, self._ended = process, ours, threading.Event()
        threading.Thread(
            target=self._read,
            args=(ours, process, self._ended, self._generation),
            name="race-messages",
            daemon=True,
        ).start()

    def _read(self, conn, process, ended: threading.Event, generation: int) -> None:
        while True:
            try:
                message = pickle.loads(conn.recv_bytes())
            except (EOFError, OSError):
                break
            self._deliver(generation, message)
        # The worker is gone or going (its end of the pipe closed): reaped here, by this
        # thread alone (two threads joining one process race for its exit status).
        process.join()
        ended.set()
        conn.close()
        self._deliver(generation, ("ended", process.exitcode))

    def _deliver(self, generation: int, message: tuple) -> None:
        with self._lock:
            first = not self._inbox
            self._inbox.append((generation, message))
        if first:
            with contextlib.suppress(RuntimeError):  # (the window's side is gone)
                self._wake()

    def messages(self) -> list[tuple]:
        """The worker's messages since the last call, of the current process only."""
        with self._lock:
            batch = list(self._inbox)
            self._inbox.clear()
        return [message for generation, message in batch if generation == self._generation]

    def waiting(self) -> list[str]:
        """The kinds of the messages waiting for :meth:`messages` (tests, debugging)."""
        with self._lock:
            return [message[0] for _generation, message in self._inbox]

    def _forget(self) -> None:
        """The ended process's messages are no longer wanted."""
        self._process = self._conn = self._ended = None

    def close(self, seconds: float = CLOSE_WAIT_S) -> bool:
        """Ask the worker to end and wait up to ``seconds`` for it. One that has not ended
        :data:`CLOSE_WAIT_S` / 2 after it was asked is terminated, and killed a quarter of
        it later, by this call or the next (a first call with no time, when the window
        starts closing every worker at once, only asks). Whether it has ended and been
        reaped."""
        process, conn = self._process, self._conn
        if process is not None:
            self._closing = (process, self._ended, time.monotonic())
            self._generation += 1  # (nothing more is delivered from it)
            self._forget()
            with contextlib.suppress(OSError):
                conn.send(("close",))
        if self._closing is None:
            return True
        process, ended, asked_at = self._closing
        deadline = time.monotonic() + max(seconds, 0.0)
        for share, end in ((0.5, process.terminate), (0.75, process.kill), (None, None)):
            due = deadline if share is None else asked_at + share * CLOSE_WAIT_S
            if ended.wait(max(0.0, min(due, deadline) - time.monotonic())):
                self._closing = None
                return True
            if end is None or time.monotonic() < due:
                return False  # (out of time before its turn: the next call goes on)
            end()
        return False


def custom_definitions_of(keys: Iterable[str]) -> list:
    """The definitions of the functions of your own among ``keys`` (sent to the worker,
    whose registry has only the built-in functions)."""
    from actgui.activations import custom_definitions

    wanted = set(keys)
    return [d for d in custom_definitions() if d.key in wanted]


def process_ended(code: int | None) -> Message:
    """The message for a worker process that ended by itself."""
    return Message(PROCESS_ENDED, code=code)


class RaceClient:
    """The window's side of the races a worker process trains for it: which race is being
    built, which training job is the window's current one (a paused job's last numbers
    still come, but its end changes nothing), and the mirror the snapshots go into.

    :meth:`events` turns the process's messages into what the window reacts to:
    ``("updated",)``, ``("idle", current)``, ``("failed", kind, said)``,
    ``("built", mirror)``, ``("build_failed", kind, said)``, ``("ended", message)``."""

    def __init__(self, wake: Callable[[], object]) -> None:
        self.process = RaceProcess(wake)
        #: The serial of the race being built for the window, or None.
        self.asked: int | None = None
        #: The window's current training job, or None.
        self.job: int | None = None
        self._jobs = itertools.count(1)
        self._unsettled: set[int] = set()
        self._activations: dict = {}

    def busy(self) -> bool:
        """Whether a race is being built, trained, or its last numbers are to come."""
        return self.asked is not None or bool(self._unsettled)

    def build(self, serial: int, config, params: Mapping[str, Mapping[str, float]]) -> None:
        """Ask for race ``serial`` (the worker stops what it was doing for it)."""
        from actgui.activations import REGISTRY

        # (the functions as they are now: the window's copy of a run computes with them)
        self._activations = {key: REGISTRY[key] for key in config.keys if key in REGISTRY}
        self.asked, self.job = serial, None
        self.process.send("build", serial, config, params, custom_definitions_of(config.keys))

    def run(self, serial: int, more: int = 0) -> None:
        """Train race ``serial`` to its configured steps (``more``: that many steps)."""
        self.job = next(self._jobs)
        self._unsettled.add(self.job)
        self.process.send("run", serial, self.job, None, more)

    def pause(self) -> None:
        """Stop training after the step in progress (its last numbers still come)."""
        self.job = None
        self.process.send("pause")

    def live(self, serial: int, changes: Mapping[str, object]) -> None:
        """Apply live settings (:data:`LIVE`, ``l1``, ``l2``) to race ``serial``."""
        self.process.send("live", serial, dict(changes))

    def forget(self) -> None:
        """Nothing more is wanted of the race being built or trained (it is being
        replaced: the worker stops inside its step and says nothing more of it)."""
        self.asked = self.job = None
        self._unsettled.clear()

    def close(self, seconds: float = CLOSE_WAIT_S) -> bool:
        """End the worker process (:meth:`RaceProcess.close`)."""
        self.forget()
        return self.process.close(seconds)

    def events(self, race) -> list[tuple]:
        """The process's news since the last call, for ``race`` (the window's mirror, or
        None); snapshots are applied to it here."""
        from actgui.analysis.race_mirror import RaceMirror, apply_snapshot

        out: list[tuple] = []
        for kind, *args in self.process.messages():
            if kind == "snapshot" and race is not None and args[0] == race.serial:
                apply_snapshot(race, args[1])
                out.append(("updated",))
            elif kind == "idle":
                self._unsettled.discard(args[1])
                current = args[1] == self.job
                if current:
                    self.job = None
                out.append(("idle", current))
            elif kind == "failed" and args[1] == self.job:
                self._unsettled.discard(args[1])
                self.job = None
                out.append(("failed", *args[2:]))
            elif kind == "built" and args[0] == self.asked:
                self.asked = None
                out.append(("built", RaceMirror(args[0], args[1], self._activations)))
            elif kind == "build_failed" and args[0] == self.asked:
                self.asked = None
                out.append(("build_failed", *args[1:]))
            elif kind == "ended":
                self.forget()
                out.append(("ended", process_ended(args[0])))
        return out


__all__ = [
    "CLOSE_WAIT_S",
    "PROCESS_ENDED",
    "SNAPSHOT_S",
    "RaceClient",
    "RaceProcess",
    "custom_definitions_of",
    "process_ended",
    "serve",
]

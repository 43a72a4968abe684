"""Long computations off the GUI thread: one small adapter for Qt-free task functions.

The simulation and (later) the trainer are plain functions in ``actgui.analysis`` that
take ``progress(done, total)`` and ``cancelled()`` keywords and know nothing of Qt
(Orange's ``ConcurrentWidgetMixin`` pattern, see ../shared/STYLE.md). ``TaskRunner`` runs
one such function at a time in Qt's thread pool and delivers its progress and its result
on the GUI thread, as signals. Starting a new task cancels the running one; a cancelled
or superseded task's result is never delivered, so a view shows only what its current
inputs produced. QtCore only: no widget is ever touched from the worker.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from actgui.cancel import cancellable
from actgui.collector import worker_starting
from actgui.memory import trim_soon
from actgui.text.messages import Message, message_of

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it (queued across threads)."""

    progress = Signal(int, int, int)  # generation, done, total
    finished = Signal(int, object)  # generation, result
    failed = Signal(int, object)  # generation, message (a str; a Message kept as one)


class _Task(QRunnable):
    def __init__(self, generation: int, run: Callable[[], Any], relay: _Relay, stop, done) -> None:
        super().__init__()
        self._generation = generation
        self._run = run
        self._relay = relay
        self._stop = stop
        self._done = done

    def run(self) -> None:  # on a pool thread
        try:
            if self._stop.is_set():  # superseded while it waited in the pool's queue
                return
            try:
                # Code deep inside (a formula of your own, a training step) stops at its
                # next checkpoint() once the task is cancelled.
                with cancellable(self._stop.is_set):
                    result = self._run()
            except Exception as exc:  # any failure is reported to the GUI thread, never lost
                if not self._stop.is_set():
                    log.debug("Task %d failed", self._generation, exc_info=True)
                    message = failure_text(exc)
                    _emit(self._relay, "failed", self._generation, message)
                return
            if not self._stop.is_set():
                _emit(self._relay, "finished", self._generation, result)
        finally:
            self._done.set()  # (after its news: a wait that returns sees it sent)


#: A task's failure: its exception's type, then what it says (no words of its own).
FAILURE = "{kind}: {problem}"


def failure_text(exc: BaseException) -> str:
    """What a failed task reports: "ValueError: what it says"; a
    :class:`~actgui.text.messages.Message` (:data:`FAILURE`, its ``problem`` translated
    where it is shown) when the exception said it with one."""
    said = message_of(exc)
    if isinstance(said, Message):
        return Message(FAILURE, kind=type(exc).__name__, problem=said)
    return f"{type(exc).__name__}: {exc}"


def failure_problem(message: str) -> str:
    """What a failure (:func:`failure_text`) says without its exception's type: its
    message when it has one, else the text after the type (a ``KeyError``'s key without
    its quotes)."""
    if isinstance(message, Message) and message.template == FAILURE:
        return message.fields["problem"]
    kind, _, text = message.partition(": ")
    return text.strip("\"'") if kind == "KeyError" else text or kind


def _emit(relay: _Relay, signal: str, *args: object) -> None:
    """Emit through ``relay`` unless its owner has been deleted meanwhile (a dialog closed
    while its check ran): the news is for no one then."""
    try:
        if isValid(relay):
            getattr(relay, signal).emit(*args)
    except RuntimeError:  # deleted between the check and the emit
        log.debug("A task's news was for a deleted runner")


class TaskRunner(QObject):
    """Runs one Qt-free task function at a time off the GUI thread.

    ``start(function, *args, **kwargs)`` calls ``function(*args, progress=…,
    cancelled=…, **kwargs)`` on a pool thread. ``progress(done, total)`` and the outcome
    arrive as this object's signals on the GUI thread, for the latest task only. A
    function that does not stop when ``cancelled()`` turns True still runs to its end,
    but its result is dropped.
    """

    #: (done, total) reported by the running task.
    progress = Signal(int, int)
    #: The running task's return value.
    finished = Signal(object)
    #: The running task raised: its exception type and message (:func:`failure_text`: a
    #: ``str``, a ``Message`` when the exception said it with one; the task's own
    #: ``Cancelled`` included only if it was not asked to stop).
    failed = Signal(object)
    #: True when a task starts, False when it finished, failed or was cancelled.
    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._generations = itertools.count(1)
        self._current = 0
        self._stop: threading.Event | None = None
        #: Set when each task started here has ended (finished, failed or cancelled).
        self._tasks: list[threading.Event] = []

    def is_running(self) -> bool:
        """Whether a task was started and has not yet finished, failed or been cancelled."""
        return self._stop is not None

    def start(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Cancel any running task, then run ``function`` on a pool thread."""
        self.cancel()
        generation = next(self._generations)
        stop = threading.Event()
        relay = self._relay

        def progress(done: int, total: int) -> None:
            if not stop.is_set():
                _emit(relay, "progress", generation, int(done), int(total))

        def run() -> Any:
            return function(*args, progress=progress, cancelled=stop.is_set, **kwargs)

        self._current, self._stop = generation, stop
        done = threading.Event()
        self._tasks = [event for event in self._tasks if not event.is_set()] + [done]
        self.running_changed.emit(True)
        worker_starting(done)  # (no cycle collection on the worker: actgui.collector)
        self._pool.start(_Task(generation, run, relay, stop, done))

    def cancel(self) -> None:
        """Ask the running task to stop; nothing more is delivered from it."""
        if self._stop is None:
            return
        self._stop.set()
        self._stop = None
        self._current = 0
        self.running_changed.emit(False)

    def wait(self, msecs: int = -1) -> bool:
        """Wait up to ``msecs`` (−1: as long as it takes) for the tasks started here to
        end, a cancelled one included (on closing; tests). Whether they all did. Other
        runners' tasks in the same pool are not waited for."""
        deadline = None if msecs < 0 else time.monotonic() + msecs / 1000.0
        for event in list(self._tasks):
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not event.wait(timeout):
                return False
        self._tasks = [event for event in self._tasks if not event.is_set()]
        return True

    # -- on the GUI thread -------------------------------------------------------------
    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._current:
            self.progress.emit(done, total)

    def _on_finished(self, generation: int, result: object) -> None:
        if generation == self._current:
            self._stop = None
            self._current = 0
            self.running_changed.emit(False)
            self.finished.emit(result)
        trim_soon()  # (the task's arrays are freed: their pages back to the system)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._current:
            self._stop = None
            self._current = 0
            self.running_changed.emit(False)
            self.failed.emit(message)


def ms_left(deadline: float) -> int:
    """Whole milliseconds from now until ``deadline`` (a ``time.monotonic()``), at least 0:
    what a wait shared by several workers has left."""
    return max(0, round((deadline - time.monotonic()) * 1000.0))


def stop_all(runners: Iterable[TaskRunner], msecs: int) -> bool:
    """Cancel every one of ``runners``' tasks, then wait up to ``msecs`` in all for them
    (−1: as long as they take). Whether they all ended."""
    runners = list(runners)
    for runner in runners:
        runner.cancel()
    if msecs < 0:
        return all(runner.wait() for runner in runners)
    deadline = time.monotonic() + msecs / 1000.0
    return all(runner.wait(ms_left(deadline)) for runner in runners)


class KeyedRunners(QObject):
    """A :class:`TaskRunner` per key (a function, an image size), all on one pool of their
    own with one thread: each key's newest task only is delivered, as
    ``finished(key, result)`` or ``failed(key, message)``, and no task waits behind
    another pool's work."""

    finished = Signal(object, object)
    failed = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._runners: dict[object, TaskRunner] = {}

    def runner(self, key: object) -> TaskRunner:
        """``key``'s runner, made on first use."""
        runner = self._runners.get(key)
        if runner is None:
            runner = self._runners[key] = TaskRunner(self, pool=self._pool)
            runner.finished.connect(lambda result, k=key: self.finished.emit(k, result))
            runner.failed.connect(lambda message, k=key: self.failed.emit(k, message))
        return runner

    def running(self) -> list[object]:
        """The keys whose task is running."""
        return [key for key, runner in self._runners.items() if runner.is_running()]

    def forget(self, key: object) -> None:
        """Cancel ``key``'s task and drop its runner (nothing more is delivered for it)."""
        runner = self._runners.pop(key, None)
        if runner is not None:
            runner.cancel()
            runner.deleteLater()

    def stop(self, msecs: int = 5000) -> bool:
        """Cancel every task; wait up to ``msecs`` in all for them (on closing)."""
        return stop_all(self._runners.values(), max(msecs, 0))

"""Python's cycle collector never runs on a worker thread.

CPython collects cyclic garbage on whichever thread allocates when a generation's count
passes its threshold: with a worker running Python (a formula's evaluation, a training
step, a file read), a collection could run there. Collecting a PySide object there
disconnects its signals from that thread: Qt locks the connection, then needs the
interpreter for PySide's ``disconnectNotify``, while the GUI thread, holding the
interpreter, waits for the same lock in a ``connect`` (``QGraphicsTextItem.setHtml``).
The whole program hung so, once in a run of the test suite (gdb: a pool thread in
``gc_collect_main`` → ``QObject::disconnect`` → ``PyGILState_Ensure``; the GUI thread in
``QObject::connectImpl``).

So, while any worker task may run (from the moment the GUI thread starts it until it has
ended), the automatic collector is off, and a timer on the GUI thread collects what it
would have collected, generation by generation against the same thresholds; once every
task has ended, the GUI thread switches it on again (so that young garbage does not
wait for a tick when nothing runs besides the GUI).
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QTimer

#: How often the GUI thread collects while workers run (and looks whether they ended).
INTERVAL_MS = 100

_timer: QTimer | None = None
#: Set when each running worker task has ended.
_running: list[threading.Event] = []
_lock = threading.Lock()


def worker_starting(ended: threading.Event) -> None:
    """Called on the GUI thread before a worker task is started: the collector is off
    until ``ended`` is set (by the worker, at its task's end) and the GUI thread saw it."""
    with _lock:
        _running.append(ended)
    gc.disable()
    _ensure_timer()


def _ensure_timer() -> None:
    global _timer
    if _timer is None:
        app = QCoreApplication.instance()
        if app is None:
            return  # (no event loop to collect from: the collector stays off until a check)
        _timer = QTimer(app)
        _timer.setObjectName("actgui_gc")
        _timer.timeout.connect(check)
    if not _timer.isActive():
        _timer.start(INTERVAL_MS)


def check() -> None:
    """On the GUI thread: collect what is due; switch the automatic collector back on
    once no worker task runs."""
    with _lock:
        _running[:] = [event for event in _running if not event.is_set()]
        idle = not _running
    collect_due()
    if idle:
        gc.enable()
        if _timer is not None:
            _timer.stop()


def collect_due() -> int:
    """Collect the generations the automatic collector would collect now (on the calling
    thread: the GUI thread); the number of unreachable objects found."""
    t0, t1, t2 = gc.get_threshold()
    c0, c1, c2 = gc.get_count()
    if c0 <= t0:
        return 0
    if c1 <= t1:
        return gc.collect(0)
    if c2 <= t2:
        return gc.collect(1)
    return gc.collect(2)


def freeze_long_lived() -> None:
    """Collect once, then leave every object alive now out of all later collections.

    Once the window is up, ~77 000 objects live as long as the program (modules, widgets,
    plots); each full collection went through all of them, ~34 ms of a frame, every few
    hundred changes of a drag (the soak's longest stalls). Frozen (``gc.freeze``), a full
    collection looks at what was made since. Called by the app once its window is up and
    again when a large part (the *Why it trains* panel) has been built; never by tests,
    whose windows come and go.
    """
    gc.collect()
    gc.freeze()


def workers_running() -> bool:
    """Whether a worker task started here may still run (the collector is off)."""
    with _lock:
        return any(not event.is_set() for event in _running)


__all__ = [
    "INTERVAL_MS",
    "check",
    "collect_due",
    "freeze_long_lived",
    "worker_starting",
    "workers_running",
]

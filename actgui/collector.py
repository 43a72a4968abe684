"""Python's cycle collector runs on the GUI thread only.

CPython collects cyclic garbage on whichever thread allocates when a generation's count
passes its threshold: with workers running Python (a formula's evaluation, a training
step, a file read), a collection could run on a worker. Collecting a PySide object there
disconnects its signals from that thread: Qt locks the connection, then needs the
interpreter for PySide's ``disconnectNotify``, while the GUI thread, holding the
interpreter, waits for the same lock in a ``connect`` (``QGraphicsTextItem.setHtml``).
The whole program hung so, once in a run of the test suite (gdb: a pool thread in
``gc_collect_main`` → ``QObject::disconnect`` → ``PyGILState_Ensure``; the GUI thread in
``QObject::connectImpl``).

So the automatic collector is switched off and a timer on the GUI thread collects what
it would have collected, generation by generation against the same thresholds
(pyqtgraph's ``GarbageCollector`` does the same for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QTimer

#: How often the GUI thread looks whether a collection is due.
INTERVAL_MS = 250

_timer: QTimer | None = None


def collect_on_gui_thread() -> None:
    """Switch the automatic collector off and collect from a timer on the GUI thread
    (once per process; the QApplication must exist)."""
    global _timer
    if _timer is not None:
        return
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("collect_on_gui_thread() needs the QApplication")
    _timer = QTimer(app)
    _timer.setObjectName("actgui_gc")
    _timer.timeout.connect(collect_due)
    gc.disable()
    _timer.start(INTERVAL_MS)


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


__all__ = ["INTERVAL_MS", "collect_due", "collect_on_gui_thread"]

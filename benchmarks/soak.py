"""A long session through the real widgets: random user operations, watching for growth,
errors and a blocked GUI thread.

    python benchmarks/soak.py [--ops 10000] [--seed 0] [--latency-changes 20000]
                              [--idle-ms 20] [--no-hostile]

Runs offscreen. Each operation is what a user does with the mouse or keyboard: tick a
function, drag a parameter, type an x-range, zoom with the wheel, pan, move or pin the
cursor, select a function, switch theme, choose a language, float and re-dock a panel,
Clear all / Six classics, Restore Defaults. The hostile ones (on unless ``--no-hostile``)
add functions of your own through the New Custom Activation dialog with names that look
like markup (``<img src=…>``, ``<b>x</b>``, ``a & b``) and formulas that overflow, kink
everywhere, have no real value or a parameter, and delete them; open and close "Why it
trains", switch its tabs, change its input and network; set up, start, pause, step and
reset a small race on its Train tab; and export PNG, SVG and CSV files through the menus'
own functions.

After a warm-up it records scene items, child widgets, timers, translators and RSS, and
reports whether they kept growing; it counts uncaught exceptions (``sys.excepthook``,
threads, unraisable, or raised by an operation), Qt warnings and the messages a user
would read in a message box (refusals: a formula refused, nothing to export); and a
watchdog (:class:`Watch`) reports how long each operation kept the event loop from
running: the longest stall, its operation, and the 99th percentile. Then it times a
parameter change at the start and after ``--latency-changes`` changes.
``tests/test_soak.py`` runs a short version of the same operations.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import faulthandler
import gc
import json
import math
import os
import pstats
import random
import re
import resource
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QObject,
    QPoint,
    QPointF,
    QSettings,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDockWidget,
    QDoubleSpinBox,
    QMessageBox,
    QPushButton,
    QStatusBar,
    QWidget,
)

from actgui.activations import REGISTRY, custom_definitions

#: Names of your own functions that look like markup to a rich-text label.
HOSTILE_NAMES = ('<img src="/nonexistent.png">', "<b>x</b>", "a & b")
#: Formulas that overflow inside (f is finite only for x ≲ 0.08), kink everywhere near 0,
#: have no real value anywhere but 0 (may be refused), or have a parameter (μ).
HOSTILE_FORMULAS = (
    "sin(exp(9*x)*exp(9*x)*exp(9*x))",
    "max(sin(1/x), cos(2/x)) + max(sin(1/x), cos(3/x)) + max(sin(1/x), cos(5/x))",
    "sqrt(-x*x)",
    "x*mu",
)
#: What the offscreen platform says of every window and floating dock, not about us.
QT_NOISE = ("propagateSizeHints", "does not support raise")
#: How long the user looks at the New Custom Activation dialog before pressing OK (its
#: check starts 120 ms after the last key), and waits at most for the check to end.
DIALOG_MS = 250
DIALOG_WAIT_S = 60
#: How often the stack sampler looks at a blocked GUI thread, in seconds.
SAMPLE_S = 0.01
#: Lines of a slow operation's profile printed (``--profile-ms``).
PROFILE_LINES = 30


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux /proc; peak RSS elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stray(widget) -> bool:
    """A hidden plain QWidget with neither parent nor children: what Qt leaves of the
    context menus of a deleted pyqtgraph plot (a dialog's preview, an export's copy), freed
    or not at the collector's pace; 11 to 13 of them over 3600 operations, not growing."""
    return (
        type(widget) is QWidget
        and widget.isWindow()
        and not widget.isVisible()
        and not widget.children()
    )


def counts(window) -> dict[str, int]:
    """What a leak would grow: scene items, widgets (``stray`` ones apart), timers,
    actions, translators."""
    from actgui import i18n

    widgets = QApplication.allWidgets()
    strays = sum(map(stray, widgets))
    return {
        "scene_items": len(window.plot.scene().items()),
        "widgets": len(widgets) - strays,
        "stray_widgets": strays,
        # Ours; the status bar makes and deletes one per timed message.
        "timers": sum(not isinstance(t.parent(), QStatusBar) for t in window.findChildren(QTimer)),
        "actions": len(window.findChildren(QAction)),
        "translators": len(i18n._installed),
    }


def wheel(widget, steps: int) -> None:
    """A mouse-wheel turn of ``steps`` notches over the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def spin_loop(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (timers fire, the watchdog ticks)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


_FRAME = re.compile(r'File "([^"]+)", line (\d+), in (\S+)')


def _head(text: str) -> str:
    """A traceback in one line: its last line and its innermost frame."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    frames = _FRAME.findall(text)
    where = ""
    if frames:
        path, line, function = frames[-1]
        with contextlib.suppress(ValueError):
            path = str(Path(path).relative_to(Path(__file__).resolve().parents[1]))
        where = f" ({path}:{line} in {function})"
    return (lines[-1].strip() if lines else "?") + where


class Watch:
    """What a soak watches while it runs, as a context manager.

    * ``uncaught``: the traceback of every exception that reached ``sys.excepthook`` (a
      slot's), ``threading.excepthook``, ``sys.unraisablehook``, or escaped an operation;
    * ``qt_warnings``: Qt's messages of warning level and above (the offscreen platform's
      ``QT_NOISE`` aside);
    * ``messages``: what a message box or a refused dialog would have told the user (no
      one is there to close one: ``QMessageBox`` answers at once, "Yes" to a question);
    * ``stalls``: (ms, operation, its number) per operation, from the watchdog;
    * ``current``: the operation running (its name and number), or None.

    The watchdog is a timer on the GUI thread ticking every ``heartbeat_ms``: it can only
    tick while the event loop runs. :meth:`begin` is called when an operation starts,
    :meth:`end` once the event loop has run after it; the operation's stall is the longest
    time without a tick in between, less the heartbeat's period. The operation's own call
    counts (a user's click runs the same slot on the GUI thread), and so does whatever it
    scheduled on the event loop while it ran.

    A thread of its own watches the memory: past ``max_rss_mb`` it prints what ran, every
    thread's stack and the figures so far, and ends the process (exit status 70) before the
    machine runs out of memory (a soak once took 22 GB in a few seconds).
    """

    def __init__(self, heartbeat_ms: int = 2, max_rss_mb: float = 4000) -> None:
        self.uncaught: list[str] = []
        self.qt_warnings: list[str] = []
        self.messages: list[str] = []
        self.stalls: list[tuple[float, str, int]] = []
        self._period = heartbeat_ms / 1e3
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(heartbeat_ms)
        self._timer.timeout.connect(self._tick)
        self._last = self._longest = 0.0
        self._saved: list = []
        self.current: tuple[str, int] | None = None
        self._max_rss_mb = max_rss_mb
        self._stop = threading.Event()
        self._guard = threading.Thread(target=self._watch_memory, name="soak-memory", daemon=True)
        self._gui = threading.get_ident()
        self.blocked_in: Counter[str] = Counter()
        self._sampler = threading.Thread(
            target=self._sample_stacks, name="soak-stacks", daemon=True
        )

    # -- the watchdog --------------------------------------------------------------------
    def _tick(self) -> None:
        now = time.perf_counter()
        self._longest = max(self._longest, now - self._last)
        self._last = now

    def begin(self, name: str = "?", number: int = 0) -> None:
        """An operation starts now: the event loop is blocked from here until a tick."""
        self.current = (name, number)
        self._last = time.perf_counter()
        self._longest = 0.0

    def end(self, name: str, number: int) -> float:
        """The operation ``name`` is over and the event loop has run: its stall in ms."""
        gap = max(self._longest, time.perf_counter() - self._last)
        ms = max(0.0, gap - self._period) * 1e3
        self.stalls.append((ms, name, number))
        self.current = None
        return ms

    def _watch_memory(self) -> None:
        while not self._stop.wait(0.1):
            rss = rss_mb()
            if rss > self._max_rss_mb:
                print(
                    f"\nRSS {rss:.0f} MB > {self._max_rss_mb:.0f} MB during operation "
                    f"{self.current} (the last ended: {self.stalls[-1:]}); every thread:",
                    file=sys.stderr,
                    flush=True,
                )
                faulthandler.dump_traceback(sys.stderr, all_threads=True)
                with contextlib.suppress(Exception):  # (read while the GUI thread writes)
                    print(json.dumps(self.report(), ensure_ascii=False), flush=True)
                os._exit(70)

    def _sample_stacks(self) -> None:
        """Every 10 ms while the GUI thread has not ticked for over 100 ms: where it is (the
        innermost frame of ours, and the innermost of all), 10 ms to that place's count."""
        root = str(Path(__file__).resolve().parents[1])
        while not self._stop.wait(SAMPLE_S):
            if time.perf_counter() - self._last < 0.1:
                continue
            frame = sys._current_frames().get(self._gui)
            inner = ours = None
            while frame is not None:
                code = frame.f_code
                here = f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}"
                inner = inner or here
                mine = code.co_filename.startswith(root) and not any(
                    part in code.co_filename for part in ("/benchmarks/", "/.venv/")
                )
                if ours is None and mine:
                    ours = f"{Path(code.co_filename).relative_to(root)}:{code.co_name}"
                frame = frame.f_back
            self.blocked_in[f"{ours} ← … {inner}" if ours != inner else str(ours)] += 1

    # -- errors, warnings, message boxes -------------------------------------------------
    def exception(self, text: str) -> None:
        """Record an uncaught exception; its first occurrence goes to stderr whole."""
        if all(_head(text) != _head(seen) for seen in self.uncaught):
            print(text, file=sys.stderr, flush=True)
        self.uncaught.append(text)

    def _excepthook(self, kind, value, tb) -> None:
        self.exception("".join(traceback.format_exception(kind, value, tb)))

    def _thread_hook(self, args) -> None:
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        self.exception(f"in thread {args.thread.name if args.thread else '?'}:\n{text}")

    def _unraisable_hook(self, u) -> None:
        text = "".join(traceback.format_exception(u.exc_type, u.exc_value, u.exc_traceback))
        self.exception(f"unraisable ({u.err_msg} {u.object!r}):\n{text}")

    def _qt_message(self, mode, context, message: str) -> None:
        quiet = mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        if not quiet and not any(noise in message for noise in QT_NOISE):
            self.qt_warnings.append(message)
        if self._previous_handler is not None:
            self._previous_handler(mode, context, message)

    def _box(self, answer):
        def box(_parent, title, text, *_args, **_kwargs):
            if answer != QMessageBox.StandardButton.Yes:  # (a question is no message)
                self.messages.append(f"{title}: {text}")
            return answer

        return box

    def __enter__(self) -> Watch:
        yes = QMessageBox.StandardButton.Yes
        ok = QMessageBox.StandardButton.Ok
        boxes = {"critical": ok, "warning": ok, "information": ok, "question": yes}
        self._saved = [
            (sys, "excepthook", sys.excepthook),
            (threading, "excepthook", threading.excepthook),
            (sys, "unraisablehook", sys.unraisablehook),
            *((QMessageBox, name, getattr(QMessageBox, name)) for name in boxes),
        ]
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook
        sys.unraisablehook = self._unraisable_hook
        for name, answer in boxes.items():
            setattr(QMessageBox, name, self._box(answer))
        self._previous_handler = qInstallMessageHandler(self._qt_message)
        self._last = time.perf_counter()
        self._timer.start()
        self._guard.start()
        self._sampler.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._guard.join()
        self._sampler.join()
        self._timer.stop()
        qInstallMessageHandler(self._previous_handler)
        for owner, name, value in reversed(self._saved):
            setattr(owner, name, value)

    # -- the figures ---------------------------------------------------------------------
    def report(self) -> dict:
        """Counts, the distinct messages, and the stalls: longest, p99, worst operations."""
        stalls = sorted(self.stalls, reverse=True)
        values = sorted(ms for ms, _n, _i in self.stalls)
        by_op: dict[str, list[float]] = {}
        for ms, name, _i in self.stalls:
            by_op.setdefault(name, []).append(ms)

        def p99(xs: list[float]) -> float:
            xs = sorted(xs)
            return xs[min(len(xs) - 1, int(0.99 * len(xs)))] if xs else 0.0

        return {
            "uncaught_exceptions": len(self.uncaught),
            "uncaught": dict(Counter(_head(t) for t in self.uncaught).most_common()),
            "qt_warnings": len(self.qt_warnings),
            "qt_warning_messages": dict(Counter(self.qt_warnings).most_common(10)),
            "messages_to_user": len(self.messages),
            "messages": dict(Counter(m[:100] for m in self.messages).most_common(10)),
            "stall_ms": {
                "longest": round(stalls[0][0], 1) if stalls else 0.0,
                "longest_op": f"{stalls[0][1]} (#{stalls[0][2]})" if stalls else None,
                "p99": round(p99(values), 1),
                "median": round(statistics.median(values), 1) if values else 0.0,
                "over_100ms": sum(ms > 100 for ms in values),
                "top": [f"{ms:.0f} {name} #{i}" for ms, name, i in stalls[:8]],
                # Where the GUI thread was while blocked over 100 ms (ms, sampled).
                "blocked_in_ms": {
                    where: round(n * SAMPLE_S * 1e3) for where, n in self.blocked_in.most_common(12)
                },
                "by_op": {
                    name: {
                        "n": len(xs),
                        "max": round(max(xs), 1),
                        "p99": round(p99(xs), 1),
                        "over_100ms": sum(x > 100 for x in xs),
                    }
                    for name, xs in sorted(by_op.items(), key=lambda kv: -max(kv[1]))
                },
            },
        }


def operations(
    window, rng: random.Random, hostile: bool = True, folder: Path | None = None, tell=print
) -> list[Callable[[], None]]:
    """The user's repertoire, each a no-argument callable drawing its own random choices;
    with ``hostile``, the operations of your own functions, the labs, races and exports
    (files written to ``folder``; ``tell`` gets what a refused dialog says)."""
    model = window.model
    viewport = window.plot.viewport()
    docks = window.findChildren(QDockWidget)
    spins: list[QDoubleSpinBox] = []  # the parameters' boxes, found again when functions change

    def find(cls, name):
        return window.findChild(cls, name)

    def keys():
        return list(REGISTRY)

    def parameter_spins():
        if not spins:
            spins.extend(
                s for s in window.findChildren(QDoubleSpinBox) if s.objectName().startswith("spin_")
            )
        return spins

    model.functions_changed.connect(lambda *_: spins.clear())

    def tick():
        find(QCheckBox, f"check_{rng.choice(keys())}").click()

    def drag():
        spin = rng.choice(parameter_spins())
        for _ in range(rng.randint(1, 8)):
            spin.stepBy(rng.choice((-3, -1, 1, 3)))

    def type_value():
        spin = rng.choice(parameter_spins())
        spin.setValue(rng.uniform(spin.minimum(), spin.maximum()))

    def zoom():
        wheel(viewport, rng.choice((-6, -3, -1, 1, 3, 6)))

    def pan():
        vb = window.plot.getViewBox()
        (x0, x1), _ = vb.viewRange()
        vb.translateBy(x=(x1 - x0) * rng.uniform(-0.5, 0.5))

    def far():
        vb = window.plot.getViewBox()
        lo = rng.choice((-1e300, -1e6, -1e-12, 0.0, 3.0))
        vb.setXRange(lo, lo + 10 ** rng.uniform(-300, 300), padding=0)

    def cursor():
        point = QPoint(rng.randrange(viewport.width()), rng.randrange(viewport.height()))
        window.plot.scene().sigMouseMoved.emit(window.plot.mapToScene(point))
        if rng.random() < 0.2:
            model.set_cursor(model.x_range()[0] + rng.random(), pinned=rng.random() < 0.5)

    def select():
        find(QPushButton, f"name_{rng.choice(keys())}").click()

    def orders():
        find(QCheckBox, f"check_show_d{rng.randrange(3)}").click()

    def options():
        find(QCheckBox, rng.choice(("check_show_kinks", "check_shade_vanishing"))).click()

    def theme():
        find(QAction, f"action_theme_{rng.choice(('system', 'light', 'dark'))}").trigger()

    def language():
        find(QAction, f"action_language_{rng.choice(('system', 'en', 'zh_CN'))}").trigger()

    def dock():
        d = rng.choice(docks)
        d.setFloating(not d.isFloating())

    def bulk():
        find(QPushButton, rng.choice(("button_clear_all", "button_seed_set"))).click()

    def restore():
        restore_defaults(window)

    weighted = [
        (tick, 8), (drag, 10), (type_value, 4), (zoom, 6), (pan, 4), (far, 1), (cursor, 8),
        (select, 3), (orders, 2), (options, 2), (theme, 1), (language, 1), (dock, 1),
        (bulk, 2), (restore, 1),
    ]  # fmt: skip
    if hostile:
        weighted += hostile_operations(window, rng, folder or Path(tempfile.gettempdir()), tell)
    return [op for op, weight in weighted for _ in range(weight)]


def hostile_operations(
    window, rng: random.Random, folder: Path, tell
) -> list[tuple[Callable[[], None], int]]:
    """Functions of your own with hostile names and formulas, the labs, a race, exports."""
    from actgui.panels.labs import VIEWS
    from actgui.shell.custom_dialog import CustomDialog

    labs = window.labs
    train = labs.train

    def labs_shown() -> bool:
        return window.action_labs.isChecked()

    def custom_new():
        """Functions → New Custom Activation…: type a name and a formula, look at the
        preview for a moment, press OK (accepted once its check passes); refused, read why
        and cancel."""
        name, formula = rng.choice(HOSTILE_NAMES), rng.choice(HOSTILE_FORMULAS)

        def exec_(dialog) -> int:
            dialog.show()
            dialog.name_edit.setText(name)
            dialog.formula_edit.setText(formula)
            spin_loop(DIALOG_MS)
            dialog.accept()
            deadline = time.perf_counter() + DIALOG_WAIT_S
            while dialog.isVisible() and dialog.checking() and time.perf_counter() < deadline:
                spin_loop(20)
            if dialog.isVisible():
                tell(f"New Custom Activation: {dialog.error_label.text() or 'still checking'}")
                dialog.reject()
            return dialog.result()

        original = CustomDialog.exec
        CustomDialog.exec = exec_
        try:
            window.custom.actions["new"].trigger()
        finally:
            CustomDialog.exec = original

    def custom_delete():
        """Select a function of your own and delete it (Yes to the question)."""
        mine = [d.key for d in custom_definitions()]
        if not mine:
            return
        window.findChild(QPushButton, f"name_{rng.choice(mine)}").click()
        window.custom.actions["delete"].trigger()

    def lab_input():
        """The Statistics tab's input: the Gaussian's μ and σ."""
        window.lab.set_input(mu=round(rng.uniform(-2, 2), 2), sigma=round(rng.uniform(0.2, 3), 2))

    def lab_network():
        """Through depth's network: σ_w and the depth."""
        window.lab.set_network(sigma_w=round(rng.uniform(0.5, 3), 2), depth=rng.randint(1, 200))

    def labs_toggle():
        window.action_labs.trigger()  # View → Why it trains (Ctrl+L)

    def labs_tab():
        window.show_labs(rng.choice(VIEWS))  # a tab, or a details link when closed

    def race():
        """On the Train tab (opened first if need be): start or pause, step, reset, a
        small set-up, another activation in a race (your own ones too), or the plotted."""
        if not labs_shown() or labs.view() != "train":
            window.show_labs("train")
            return
        what = rng.random()
        if what < 0.35:
            if train.button_start.isEnabled():
                train.button_start.click()
        elif what < 0.6:
            if train.button_step.isEnabled():
                train.button_step.click()
        elif what < 0.7:
            train.button_reset.click()
        elif what < 0.85:
            spin, values = rng.choice(
                (
                    (train.form.spin_points, (50, 100, 200)),
                    (train.form.spin_width, (2, 4, 8)),
                    (train.form.spin_layers, (1, 2, 3)),
                    (train.form.spin_steps, (100, 200, 300)),
                )
            )
            spin.setValue(rng.choice(values))
        elif what < 0.95:
            combo = rng.choice(train.form.combo_activations)
            combo.setCurrentIndex(rng.randrange(combo.count()))
        else:
            train.form.button_from_plot.click()

    def export():
        """File → Export Image / Export Data, or the labs' Export menu when it is open:
        PNG, SVG or CSV into ``folder`` (the file dialog answers with a name there)."""
        if labs_shown() and rng.random() < 0.5:
            action = rng.choice(labs.export_menu.actions())
        else:
            action = rng.choice((window.action_export_image, window.action_export_data))
        image = "image" in action.objectName()
        ext = rng.choice(("png", "svg")) if image else "csv"
        window.exports.ask_path = lambda _title, _formats, _kind, stem="activations": (
            folder / (f"{stem}.{ext}")
        )
        try:
            action.trigger()
        finally:
            del window.exports.ask_path

    return [
        (custom_new, 3), (custom_delete, 2), (labs_toggle, 2), (labs_tab, 3), (lab_input, 1),
        (lab_network, 1), (race, 4), (export, 2),
    ]  # fmt: skip


def run(
    window,
    n: int,
    seed: int,
    sample_every: int = 0,
    on_sample=None,
    *,
    hostile: bool = True,
    watch: Watch | None = None,
    idle_ms: int = 0,
    deadline: float = math.inf,
    profile_ms: float = math.inf,
    decks: bool = False,
) -> list[str]:
    """``n`` random operations, the event loop running after each as it would for a user
    (once, or for ``idle_ms``); ``hostile`` as for :func:`operations`. With ``decks`` the
    operations are dealt from shuffled decks of the whole repertoire (every operation once
    per deck, in a random order), so ``n`` a multiple of its size runs every one. Uncaught
    exceptions, Qt warnings, messages to the user and stalls go to ``watch``; without one, the first
    uncaught exception is raised at the end. No operation starts after ``deadline`` (a
    ``time.perf_counter()``). The names of the files exported."""
    own = watch is None
    watch = watch or Watch()
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        if own:
            stack.enter_context(watch)
        rng = random.Random(seed)
        ops = operations(window, rng, hostile, Path(folder), watch.messages.append)
        deck: list[Callable[[], None]] = []
        for i in range(1, n + 1):
            if time.perf_counter() > deadline:
                break
            if decks:
                if not deck:
                    deck = rng.sample(ops, len(ops))
                op = deck.pop()
            else:
                op = rng.choice(ops)
            profiler = cProfile.Profile() if math.isfinite(profile_ms) else None
            watch.begin(op.__name__, i)
            if profiler is not None:
                profiler.enable()
            try:
                op()
            except Exception:  # (counted: the soak goes on)
                watch.exception(f"in operation {op.__name__}:\n{traceback.format_exc()}")
            if idle_ms:
                spin_loop(idle_ms)
            else:
                QApplication.processEvents()
            if profiler is not None:
                profiler.disable()
            ms = watch.end(op.__name__, i)
            if profiler is not None and ms > profile_ms:
                print(f"--- operation {op.__name__} #{i}: stalled {ms:.0f} ms", file=sys.stderr)
                stats = pstats.Stats(profiler, stream=sys.stderr)
                stats.sort_stats("cumulative").print_stats(PROFILE_LINES)
            if sample_every and on_sample is not None and i % sample_every == 0:
                on_sample(i)
        # The files written: overwritten each time, so never more than a handful.
        exported = sorted(p.name for p in Path(folder).iterdir())
    if own and watch.uncaught:
        raise RuntimeError(
            f"{len(watch.uncaught)} uncaught exceptions; the first:\n{watch.uncaught[0]}"
        )
    return exported


class _Paints(QObject):
    """Counts the paint events of the widget it filters."""

    count = 0

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def change_latency(window, n: int) -> float:
    """Median ms from a parameter change to the painted plot, over ``n`` changes (as
    ``bench.py`` times them: through the app's own event loop until the plot has painted)."""
    spin = window.findChild(QDoubleSpinBox, "spin_leaky_relu_alpha")
    paints = _Paints()
    viewport = window.plot.viewport()
    viewport.installEventFilter(paints)
    times = []
    for i in range(n):
        before = paints.count
        start = time.perf_counter()
        spin.setValue(0.015 + 0.005 * (i % 59))
        while paints.count == before and time.perf_counter() - start < 1.0:
            QApplication.processEvents()
        times.append(time.perf_counter() - start)
    viewport.removeEventFilter(paints)
    return statistics.median(times) * 1e3


def restore_defaults(window) -> None:
    """Trigger View → Restore Defaults and answer its question with yes (no one to ask)."""
    original = QMessageBox.question
    QMessageBox.question = lambda *_a, **_k: QMessageBox.StandardButton.RestoreDefaults
    try:
        window.action_restore_defaults.trigger()
    finally:
        QMessageBox.question = original


def settle(window) -> None:
    """The same state every time (what is shown changes the legend's entries and items):
    the race paused, no function of your own, the defaults restored (the labs closed)."""
    train = window.labs.train
    if train.controller.state() == "running":
        train.button_start.click()
    for definition in custom_definitions():
        window.custom.remove(definition.key)
    restore_defaults(window)
    window.plot.refresh()
    for _ in range(3):
        QApplication.processEvents()
    # Gone but not yet freed is no leak: widgets deleted later (a dialog once answered) and
    # reference cycles (the menus of a deleted dialog's pyqtgraph plot).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency-changes", type=int, default=20000)
    parser.add_argument(
        "--idle-ms", type=int, default=20, help="event loop time after each operation"
    )
    parser.add_argument(
        "--max-minutes", type=float, default=math.inf, help="start no operation after this"
    )
    parser.add_argument(
        "--max-rss-mb", type=float, default=4000, help="end the process past this memory"
    )
    parser.add_argument(
        "--no-hostile", dest="hostile", action="store_false",
        help="only the original operations (no functions of your own, labs, races, exports)",
    )  # fmt: skip
    parser.add_argument("--labs", action="store_true", help="(the default; see --no-hostile)")
    parser.add_argument(
        "--profile-ms", type=float, default=math.inf,
        help="profile every operation; print the profile of those stalling longer (stderr)",
    )  # fmt: skip
    args = parser.parse_args()

    from actgui.app import build_window, freeze_after_start

    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp, Watch(max_rss_mb=args.max_rss_mb) as watch:
        window = build_window(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        freeze_after_start(window, delay_ms=0)  # (as the app does)
        window.plot.curve_items()  # (each made when first shown: made now, not a leak)
        samples = []

        def sample(i: int) -> None:
            settle(window)
            samples.append({"op": i, "rss_mb": round(rss_mb(), 1), **counts(window)})
            print(json.dumps(samples[-1]), flush=True)

        started = time.perf_counter()
        exported = run(
            window, args.ops, args.seed, sample_every=max(1, args.ops // 10), on_sample=sample,
            hostile=args.hostile, watch=watch, idle_ms=args.idle_ms,
            deadline=started + 60 * args.max_minutes, profile_ms=args.profile_ms,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
        done = len(watch.stalls)
        if not samples or samples[-1]["op"] != done:  # (stopped early: where it stopped)
            sample(done)
        warm, end = samples[min(2, len(samples) - 1)], samples[-1]
        settle(window)
        window.model.set_enabled_keys(("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu"))
        QApplication.processEvents()
        first = change_latency(window, 300)
        if args.latency_changes > 600:
            change_latency(window, args.latency_changes - 600)
        last = change_latency(window, 300)
        report = {
            "ops": done,
            "ops_asked": args.ops,
            "hostile": args.hostile,
            "seconds": round(elapsed, 1),
            "after_warm_up": warm,
            "at_end": end,
            "growth": {k: end[k] - warm[k] for k in end if k != "op"},
            **watch.report(),
            "exported": exported,
            "change_latency_ms": {"first_300": round(first, 2), "last_300": round(last, 2)},
            "latency_changes": args.latency_changes,
        }
        print(json.dumps(report, ensure_ascii=False))
        window.close()


if __name__ == "__main__":
    main()

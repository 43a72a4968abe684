"""The Train tab's ways out: *PyTorch Script…* (a self-contained script and its numbers
that rebuild and train the race in PyTorch, ``analysis.torch_export``) and *Weights as
JSON…* (every run's current parameters).

The race is copied on the GUI thread between two steps (frozen runs, their records
shared: steps taken are never rewritten) and written on a worker: rebuilding the initial
weights of a function of your own at the edge of chaos integrates it again. A refusal (a
formula with no PyTorch form) or a file that cannot be written shows its reason in the
form's error line, translated; a written file is named in the status bar.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from actgui.i18n import translated_text
from actgui.panels import ask_json_path
from actgui.training import RaceController
from actgui.worker import TaskRunner, failure_problem


def race_copy(race) -> SimpleNamespace:
    """What the exports read of ``race``, copied now (read it between two steps)."""
    return SimpleNamespace(
        config=race.config,
        runs=[run.frozen() for run in race.runs],
        inputs=race.inputs,
        targets=race.targets,
        test_inputs=race.test_inputs,
        test_targets=race.test_targets,
        params={k: dict(v) for k, v in getattr(race, "params", {}).items()},
        lock=threading.RLock(),
    )


def _write_pytorch(path: str, race, **_worker) -> list[Path] | OSError:
    """A worker's task: the script and its numbers, or the ``OSError`` that stopped it
    (returned: its ``strerror`` is translated where it is shown)."""
    from actgui.analysis.torch_export import write_pytorch_export

    try:
        return list(write_pytorch_export(path, race))
    except OSError as exc:
        return exc


def _write_weights(path: str, race, **_worker) -> list[Path] | OSError:
    """A worker's task: the weights' JSON file, or the ``OSError`` that stopped it."""
    from actgui.analysis.torch_export import write_weights_json

    try:
        return [write_weights_json(path, race)]
    except OSError as exc:
        return exc


class TrainExports(QObject):
    """*PyTorch Script…* and *Weights as JSON…* for the race of ``controller``.

    ``show_error(text)`` uses the form's error line, ``hide_error()`` clears it,
    ``say(text)`` shows a short note (the status bar)."""

    def __init__(
        self,
        controller: RaceController,
        owner: QWidget,
        show_error: Callable[[str], None],
        hide_error: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(owner)
        self._controller = controller
        self._owner = owner
        self._show_error = show_error
        self._hide_error = hide_error
        self._say = say
        self._path = Path()
        self.writer = TaskRunner(self)
        self.writer.finished.connect(self._on_written)
        self.writer.failed.connect(self._on_failed)

    def ask_pytorch(self) -> None:
        """Ask where, then write the script and its ``.npz`` on the worker."""
        race = self._copy()
        if race is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self._owner,
            QCoreApplication.translate("TrainView", "Export PyTorch Script"),
            "race.py",
            QCoreApplication.translate("TrainView", "Python scripts (*.py)"),
        )
        if path:
            self._path = Path(path)
            self.writer.start(_write_pytorch, path, race)

    def ask_weights(self) -> None:
        """Ask where, then write every run's weights as JSON on the worker."""
        race = self._copy()
        if race is None:
            return
        path = ask_json_path(
            self._owner,
            QCoreApplication.translate("TrainView", "Export Weights"),
            "weights.json",
            QCoreApplication.translate("TrainView", "JSON files (*.json)"),
        )
        if path is not None:
            self._path = path
            self.writer.start(_write_weights, str(path), race)

    def stop(self, msecs: int = 5000) -> bool:
        self.writer.cancel()
        return self.writer.wait(msecs)

    def _copy(self) -> SimpleNamespace | None:
        with self._controller.reading() as race:
            if race is None:
                self._show_error(
                    QCoreApplication.translate(
                        "TrainView", "There is no race to export yet: wait until it is set up"
                    )
                )
                return None
            return race_copy(race)

    def _on_written(self, paths: list[Path] | OSError) -> None:
        if isinstance(paths, OSError):
            reason = translated_text(paths.strerror) if paths.strerror else str(paths)
            name = self._path.name  # (the error names the temporary file written first)
            self._show_error(
                QCoreApplication.translate("TrainView", "Cannot save %1: %2")
                .replace("%1", name)
                .replace("%2", reason)
            )
            return
        self._hide_error()
        names = ", ".join(str(p) for p in paths)
        self._say(QCoreApplication.translate("TrainView", "Saved %1").replace("%1", names))

    def _on_failed(self, problem: object) -> None:
        """A refusal (a function with no PyTorch form), translated, without its type."""
        text = translated_text(failure_problem(problem))
        self._show_error(
            QCoreApplication.translate("TrainView", "Cannot export: %1").replace("%1", text)
        )

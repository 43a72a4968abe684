"""The Train tab's files: a CSV of your own data, and race set-ups saved and opened.

:class:`TrainFiles` reads a chosen file on a worker (``analysis.race.checked_csv`` and
``checked_config``: a CSV of 20 MB took 0.8 s to check on the GUI thread), and the
buttons that choose files wait meanwhile; a set-up changed while a file is read drops
the file. A bad file's message goes to the error line, translated, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from actgui.activations import REGISTRY
from actgui.analysis.race import (
    CSV_DATASET,
    RaceConfig,
    check_functions,
    checked_config,
    checked_csv,
    save_config,
)
from actgui.i18n import translated_error, translated_text
from actgui.model import ExplorerModel
from actgui.panels import ask_json_path
from actgui.training import RaceController, TrainModel
from actgui.worker import TaskRunner


class TrainFiles(QObject):
    """Load Data…, Save… and Open… of the Train tab, for the form ``owner``.

    ``change(**changes)`` edits the set-up as the form does; ``show_error(text)`` and
    ``hide_error()`` use its error line; ``busy(flag)`` disables the buttons that
    choose files while one is read."""

    def __init__(
        self,
        model: ExplorerModel,
        train: TrainModel,
        controller: RaceController,
        owner: QWidget,
        change: Callable[..., None],
        show_error: Callable[[str], None],
        hide_error: Callable[[], None],
        busy: Callable[[bool], None],
    ) -> None:
        super().__init__(owner)
        self._model = model
        self._train = train
        self._controller = controller
        self._owner = owner
        self._change = change
        self._show_error = show_error
        self._hide_error = hide_error
        self._busy = busy
        self._reader = TaskRunner(self)
        self._reader.finished.connect(self._on_read)
        self._reader.failed.connect(self._on_read_failed)
        self._reading: tuple = ("", None)
        # A set-up changed while a file is read (Restore Defaults, another dataset): the
        # file is not wanted any more.
        train.config_changed.connect(lambda _config: self._drop_read())

    # -- a CSV of your own ----------------------------------------------------------------
    def load_data_file(self, path: str) -> bool:
        """Race on the CSV file ``path``; a bad file's message in the error line and
        nothing changed. Whether it was taken. (Load Data… reads it on a worker.)"""
        return self._use_data_file(path, checked_csv(path))

    def _use_data_file(self, path: str, problem: Exception | None) -> bool:
        if problem is not None:
            self._refuse(path, problem)
            return False
        self._change(dataset=CSV_DATASET, data_file=str(path))
        return True

    def ask_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._owner,
            QCoreApplication.translate("TrainView", "Load Data"),
            "",
            QCoreApplication.translate("TrainView", "CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self._read_later(checked_csv, path, self._use_data_file)

    # -- reading on the worker -------------------------------------------------------------
    def _read_later(self, read, path, use) -> None:
        """``use(path, read(path))`` once a worker has read the file; the file buttons
        wait meanwhile."""
        self._busy(True)
        self._reading = (path, use)
        self._reader.start(_read_task, read, path)

    def _on_read(self, result: object) -> None:
        self._busy(False)
        path, use = self._reading
        use(path, result)

    def _on_read_failed(self, message: str) -> None:  # (a bug: the readers report the rest)
        self._busy(False)
        self._refuse(self._reading[0], RuntimeError(message))

    def _drop_read(self) -> None:
        if self._reader.is_running():
            self._reader.cancel()
            self._busy(False)

    def reading(self) -> bool:
        """Whether a file chosen with Load Data… or Open… is being read."""
        return self._reader.is_running()

    def stop(self, msecs: int) -> bool:
        """Stop reading, and wait up to ``msecs`` for the worker (on closing)."""
        self._reader.cancel()
        return self._reader.wait(msecs)

    # -- set-ups ------------------------------------------------------------------------------
    def current_config(self) -> RaceConfig:
        """The configuration with the racing functions' current parameters (what a file
        keeps)."""
        config = self._train.config()
        return config.with_changes(params={k: self._model.params(k) for k in config.keys})

    def save_config_file(self, path: str | Path) -> Path:
        """Write the race's set-up as JSON, whole or not at all (``OSError``); a CSV beside
        the file or below it is named relative to it (the two can move together)."""
        return save_config(path, self.current_config())

    def open_config_file(self, path: str | Path) -> bool:
        """Set up the race saved in ``path`` (its functions' parameters too); a bad file's
        message in the error line and nothing changed. Whether it was taken. (Open… reads
        the file, and its CSV, on a worker.)"""
        return self._use_config(path, checked_config(path))

    def _use_config(self, path: str | Path, read: RaceConfig | Exception) -> bool:
        try:
            if isinstance(read, Exception):
                raise read
            config = read
            check_functions(config)  # (again: a function of your own may have gone since)
            trial = self._model.copy()  # every parameter checked before any is set
            for key in config.keys:
                trial.set_params(key, config.params.get(key, REGISTRY[key].defaults()))
        except (ValueError, OSError) as exc:
            self._refuse(path, exc)
            return False
        self._controller.pause()
        for key in config.keys:
            self._model.set_params(key, trial.params(key))
        self._train.set_config(config.with_changes(params={}))
        self._controller.reset()
        self._hide_error()
        return True

    def ask_save_config(self) -> None:
        path = ask_json_path(
            self._owner,
            QCoreApplication.translate("TrainView", "Save Race"),
            "race.json",
            QCoreApplication.translate("TrainView", "Race set-ups (*.json)"),
        )
        if path is None:
            return
        try:
            self.save_config_file(path)
        except OSError as exc:
            text = QCoreApplication.translate("TrainView", "Cannot save %1: %2")
            reason = translated_text(exc.strerror) if exc.strerror else str(exc)  # (a FIFO…)
            self._show_error(text.replace("%1", path.name).replace("%2", reason))

    def ask_open_config(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._owner,
            QCoreApplication.translate("TrainView", "Open Race"),
            "",
            QCoreApplication.translate("TrainView", "Race set-ups (*.json);;All files (*)"),
        )
        if path:
            self._read_later(checked_config, path, self._use_config)

    def _refuse(self, path: str | Path, exc: Exception) -> None:
        """A file that cannot be used: why, in the error line (in the interface language
        when the reader said it with a message)."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else None
        reason = translated_text(reason) if reason else translated_error(exc)
        text = QCoreApplication.translate("TrainView", "Cannot use %1: %2")
        self._show_error(text.replace("%1", Path(path).name).replace("%2", reason))


def _read_task(read, path, **_worker):
    """A worker's task: ``read(path)``."""
    return read(path)

"""Functions → your own activations: new, edit, duplicate, delete, import and export.

Registering or unregistering a function changes the registry every view is built from;
after each change the model follows (``ExplorerModel.sync_functions``), and with it the
panel's rows, the plot's curves and the legend. Remembered analysis results are dropped
(an edited function keeps its key). The definitions are saved with the settings when
the window closes (``settings.save_custom``).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from actgui.activations import (
    REGISTRY,
    Activation,
    Definition,
    add_custom,
    custom_definitions,
    remove_custom,
)
from actgui.activations.custom import FAMILY, MAX_CUSTOM, key_for, read_and_build, rekeyed
from actgui.activations.properties import Measured
from actgui.files import NOT_JSON, loads_bounded, read_text_bounded, write_atomically
from actgui.i18n import translated_error, translated_text
from actgui.model import ExplorerModel
from actgui.panels import ask_json_path
from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.markup import auto_text
from actgui.text.messages import Message, message_of
from actgui.worker import TaskRunner, stop_all

log = logging.getLogger(__name__)

#: Largest custom-functions file read.
MAX_FILE_BYTES = 1_000_000
JSON_FILTER = "JSON (*.json)"
#: Names listed in the message about functions not added (beyond the limit).
MAX_NAMED = 5
#: Messages about a file of functions (made off the GUI thread, translated when shown).
_NOT_ADDED = QT_TRANSLATE_NOOP(
    "actgui.messages", "at most {limit} functions of your own: {count} not added ({names})"
)
_NAMED_PROBLEM = QT_TRANSLATE_NOOP("actgui.messages", "{name}: {problem}")
_NOT_JSON = QT_TRANSLATE_NOOP("actgui.messages", "{name} is not a JSON file: {reason}")


class CustomFunctions(QObject):
    """The Functions menu's actions for functions of your own, and what they do."""

    def __init__(self, window: QWidget, model: ExplorerModel, theme) -> None:
        super().__init__(window)
        self._window = window
        self._model = model
        self._theme = theme  # () -> "light" | "dark", for the dialog's preview
        #: The dialog's checks run here (it outlives a dialog deleted while one runs).
        self._runner = TaskRunner(self)
        #: Your own functions' properties (and kinks) are measured here, not at start-up: on
        #: a pool of its own (50 of them take seconds; the dialog's checks, an import and
        #: the analysis views' numbers do not wait behind them).
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self._measurer = TaskRunner(self, pool=pool)
        self._measurer.failed.connect(
            lambda message: log.warning("Measuring your functions failed: %s", message)
        )
        #: Import… reads and builds there.
        self._importer = TaskRunner(self)
        self._importer.finished.connect(self._on_imported)
        self._importer.failed.connect(self._on_import_failed)
        self._dialog = None  # the New or Edit dialog open, if any
        self.actions: dict[str, QAction] = {}
        for name, text, shortcut, tip, slot in (
            ("new", self.tr("&New Custom Activation…"), QKeySequence(QKeySequence.StandardKey.New),
             self.tr("Type a formula in x: a function of your own, with exact derivatives"),
             self.new),
            ("edit", self.tr("&Edit Custom Activation…"), QKeySequence(),
             self.tr("Change the selected function of your own"), self.edit),
            ("duplicate", self.tr("D&uplicate Custom Activation"), QKeySequence(),
             self.tr("A copy of the selected function of your own, to vary"), self.duplicate),
            ("delete", self.tr("&Delete Custom Activation…"), QKeySequence(),
             self.tr("Remove the selected function of your own"), self.delete),
            ("import", self.tr("&Import Custom Activations…"), QKeySequence(),
             self.tr("Add functions of your own from a JSON file"), self.import_interactive),
            ("export", self.tr("E&xport Custom Activations…"), QKeySequence(),
             self.tr("Save your own functions to a JSON file"), self.export_interactive),
        ):  # fmt: skip
            action = QAction(text, window)
            action.setObjectName(f"action_custom_{name}")
            action.setShortcut(shortcut)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, s=slot: s())
            window.addAction(action)
            self.actions[name] = action
        model.selected_changed.connect(self._update_actions)
        model.functions_changed.connect(lambda *_: self._update_actions())
        self._update_actions()

    def stop(self, msecs: int = 0) -> bool:
        """Cancel a dialog's check still running (on closing); whether it ended within
        ``msecs``."""
        return stop_all((self._runner, self._measurer, self._importer), msecs)

    def measure_later(self) -> None:
        """Measure, on a worker, the properties of your own functions not measured yet (a
        kink search each: 0.2 s for a sum of 18 ``max(sin(1/x), …)``), so that selecting
        one later shows its details at once. A measurement cancelled (a change, closing)
        is made again when read."""
        waiting = tuple(
            a.properties
            for a in REGISTRY.values()
            if isinstance(a.properties, Measured) and not a.properties.measured
        )
        if waiting:
            self._measurer.start(_measure_all, waiting)

    def fill_menu(self, menu: QMenu) -> None:
        """Put the actions into ``menu``."""
        for name in ("new", "edit", "duplicate", "delete"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        menu.addAction(self.actions["import"])
        menu.addAction(self.actions["export"])

    def selected_custom(self) -> str | None:
        """The selected function if it is one of your own."""
        key = self._model.selected_key()
        return key if key in REGISTRY and REGISTRY[key].family == FAMILY else None

    def _update_actions(self, *_args) -> None:
        mine = self.selected_custom() is not None
        for name in ("edit", "duplicate", "delete"):
            self.actions[name].setEnabled(mine)
        self.actions["export"].setEnabled(bool(custom_definitions()))

    # -- changes ---------------------------------------------------------------------
    def add(
        self, definition: Definition, show: bool = True, built: Activation | None = None
    ) -> str:
        """Register ``definition`` and show it (``ValueError`` if refused); its key.
        ``built``: the function already built from it (the dialog's check), not built
        again here."""
        add_custom(definition, built=built)
        self._synced()
        if show:
            self._model.set_enabled(definition.key, True)
            self._model.set_selected(definition.key)
        return definition.key

    def replace(self, definition: Definition, built: Activation | None = None) -> None:
        """Put ``definition`` in place of the function with its key, keeping it shown
        (and selected) if it was; ``ValueError`` and nothing changed if it is refused.
        ``built``: the function already built from it (the dialog's check)."""
        key = definition.key
        if any(d == definition for d in custom_definitions()):
            return  # (OK on an unchanged function: its race and values stay as they are)
        if built is None:
            built = definition.build()  # refused before anything is removed
        shown = self._model.is_enabled(key)
        selected = self._model.selected_key() == key
        values = self._model.params(key)
        train = getattr(getattr(self._window, "lab", None), "train", None)
        racing = train.config().keys if train is not None else ()
        self._model.release_functions([key])
        remove_custom(key)
        self._synced()
        add_custom(definition, built=built)
        self._synced()
        # The values the user had set, for the parameters the new formula still has (a
        # value now out of its range keeps the default), and its place in the race.
        kept = {p.name: values[p.name] for p in built.params if p.name in values}
        try:
            self._model.set_params(key, kept)
        except ValueError:
            for name, value in kept.items():
                with contextlib.suppress(ValueError):
                    self._model.set_param(key, name, value)
        if train is not None and key in racing and key not in train.config().keys:
            with contextlib.suppress(ValueError):
                train.update(keys=racing)
        if shown:
            self._model.set_enabled(key, True)
        if selected:
            self._model.set_selected(key)

    def remove(self, key: str) -> None:
        """Unregister the function of your own ``key``."""
        self._model.release_functions([key])
        remove_custom(key)
        self._synced()

    def _synced(self) -> None:
        from actgui.analysis import memo  # (its engines: not on the way to the first frame)

        memo.clear()
        self._model.sync_functions()
        self.measure_later()

    # -- the menu's actions ------------------------------------------------------------
    def new(self) -> None:
        """Ask for a name and a formula; add the function, shown and selected."""
        from actgui.shell.custom_dialog import CustomDialog  # (not needed to start)

        accepted = self._ask(CustomDialog(self._window, theme=self._theme(), runner=self._runner))
        if accepted is not None:
            definition, built = accepted
            # (built by name: the second positional argument is ``show``)
            self._apply(lambda: self.add(definition, built=built))

    def edit(self) -> None:
        """Change the selected function of your own."""
        key = self.selected_custom()
        if key is None:
            return
        current = next(d for d in custom_definitions() if d.key == key)
        from actgui.shell.custom_dialog import CustomDialog

        dialog = CustomDialog(self._window, current, theme=self._theme(), runner=self._runner)
        accepted = self._ask(dialog)
        if accepted is not None:
            definition, built = accepted
            self._apply(lambda: self.replace(definition, built=built))

    def _ask(self, dialog) -> tuple[Definition, Activation | None] | None:
        """Show ``dialog`` (one at a time: a second New or Edit brings the open one to the
        front) and delete it once answered: what it accepted, with the function its
        check built, or None."""
        if self._dialog is not None:
            dialog.deleteLater()
            self._dialog.raise_()
            self._dialog.activateWindow()
            return None
        self._dialog = dialog
        try:
            if not dialog.exec():
                return None
            return dialog.definition(), dialog.activation()
        finally:
            self._dialog = None
            dialog.deleteLater()

    def duplicate(self) -> None:
        """A copy of the selected function of your own, shown and selected."""
        key = self.selected_custom()
        if key is None:
            return
        current = next(d for d in custom_definitions() if d.key == key)
        name = f"{current.name} 2"[:40]
        self._apply(
            lambda: self.add(Definition(key_for(name), name, current.expression, current.ranges))
        )

    def delete(self) -> None:
        """Remove the selected function of your own, after asking."""
        key = self.selected_custom()
        if key is None:
            return
        # Messages quote names, formulas and file names: text, never markup (auto_text).
        answer = QMessageBox.question(
            self._window,
            self.tr("Delete Custom Activation"),
            auto_text(
                self.tr("Delete %1? Its formula is lost unless you exported it.").replace(
                    "%1", REGISTRY[key].name
                )
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(key)

    def _apply(self, change) -> None:
        try:
            change()
        except ValueError as exc:
            message = translated_error(exc)
            QMessageBox.warning(self._window, self.tr("Custom Activation"), auto_text(message))

    # -- files ---------------------------------------------------------------------------
    def import_file(self, path: Path) -> tuple[list[str], list[str]]:
        """Add the functions in a JSON file: (keys added, a message per entry skipped).
        A key already in use gets a new one. ``ValueError`` if the file is unusable: not a
        regular file (a folder, a FIFO, /dev/zero), larger than ``MAX_FILE_BYTES``, not
        UTF-8, not JSON or nested too deeply. (Import… reads and builds on a worker.)"""
        read = read_import(Path(path), self._room())
        if read.error:
            raise ValueError(read.error)
        return self._add_imported(read)

    def _room(self) -> int:
        # Built once each, and no more than there is room for (each can take a while).
        return max(MAX_CUSTOM - len(custom_definitions()), 0) + 1

    def _add_imported(self, read: Imported) -> tuple[list[str], list[str]]:
        """Register what :func:`read_import` built: (keys added, a message per entry
        skipped)."""
        problems = list(read.problems)
        built = {id(d): act for d, act in read.pairs}
        definitions = [d for d, _act in read.pairs]
        added = []
        for i, definition in enumerate(definitions):
            if len(custom_definitions()) >= MAX_CUSTOM:
                # One message for the rest, rather than one per entry.
                rest = [d.name for d in definitions[i:]]
                names = ", ".join(rest[:MAX_NAMED]) + (", …" if len(rest) > MAX_NAMED else "")
                problems.append(Message(_NOT_ADDED, limit=MAX_CUSTOM, count=len(rest), names=names))
                break
            act = built[id(definition)]
            if definition.key in REGISTRY:
                definition = Definition(
                    key_for(definition.name), definition.name, definition.expression,
                    definition.ranges,
                )  # fmt: skip
                act = rekeyed(act, definition.key)  # (not built again on this thread)
            try:
                add_custom(definition, built=act)
            except ValueError as exc:
                problems.append(
                    Message(_NAMED_PROBLEM, name=definition.name, problem=message_of(exc))
                )
                continue
            added.append(definition.key)
        if added:
            self._synced()
        return added, problems

    def export_file(self, path: Path) -> Path:
        """Write your own functions to a JSON file, whole or not at all."""
        path = Path(path)
        document = {
            "format": "actgui custom activations",
            "version": 1,
            "activations": [d.as_json() for d in custom_definitions()],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        return path

    def import_interactive(self) -> None:
        """Ask for a JSON file and add its functions; say what was skipped and why. The
        file is read and its formulas built on a worker (50 long ones: over a second);
        the action waits meanwhile."""
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import Custom Activations"), "", JSON_FILTER
        )
        if not path:
            return
        self.actions["import"].setEnabled(False)
        self._importer.start(read_import, Path(path), self._room())

    def importing(self) -> bool:
        """Whether an Import… is reading or building its functions."""
        return self._importer.is_running()

    def _on_imported(self, read: Imported) -> None:
        self.actions["import"].setEnabled(True)
        if read.error:
            error = translated_text(read.error)
            QMessageBox.warning(self._window, self.tr("Import failed"), auto_text(error))
            return
        try:
            added, problems = self._add_imported(read)
        except ValueError as exc:
            error = translated_error(exc)
            QMessageBox.warning(self._window, self.tr("Import failed"), auto_text(error))
            return
        text = self.tr("Added %1 function(s).").replace("%1", str(len(added)))
        title = self.tr("Import Custom Activations")
        if problems:
            skipped = "\n".join(map(translated_text, problems))
            text += "\n\n" + self.tr("Skipped:") + "\n" + skipped
            QMessageBox.warning(self._window, title, auto_text(text))
        else:
            QMessageBox.information(self._window, title, auto_text(text))

    def _on_import_failed(self, message: str) -> None:  # (a bug: the reader reports the rest)
        self.actions["import"].setEnabled(True)
        QMessageBox.warning(
            self._window, self.tr("Import failed"), auto_text(translated_text(message))
        )

    def export_interactive(self) -> None:
        """Ask for a file name and write your own functions there as JSON."""
        path = ask_json_path(
            self._window, self.tr("Export Custom Activations"), "activations.json", JSON_FILTER
        )
        if path is None:
            return
        try:
            self.export_file(path)
        except OSError as exc:  # (its reason a message for a FIFO or a device in the way)
            reason = translated_text(exc.strerror) if exc.strerror else translated_error(exc)
            text = f"{path.name}: {reason}"
            QMessageBox.critical(self._window, self.tr("Export failed"), auto_text(text))


def _measure_all(
    waiting: tuple[Measured, ...], cancelled: Callable[[], bool], **_worker: object
) -> None:
    """A worker's task: each one measured (the search inside stops at its next checkpoint
    once the task is cancelled)."""
    for properties in waiting:
        if cancelled():
            return
        properties.measure_now()


@dataclass(frozen=True)
class Imported:
    """What :func:`read_import` found: each good definition with its function, a message
    per entry skipped, or the one error that makes the file unusable (in English:
    :class:`~actgui.text.messages.Message` texts are translated when shown)."""

    pairs: tuple[tuple[Definition, Activation], ...] = ()
    problems: tuple[str, ...] = ()
    error: str = ""


def read_import(path: Path, room: int, **_worker: object) -> Imported:
    """Read a JSON file of functions and build at most ``room`` of them (Qt-free: a
    worker's task). Bounded: a FIFO or a device is refused before it is read, a size while
    reading."""
    name = path.name or str(path)
    try:
        text = read_text_bounded(path, MAX_FILE_BYTES)
    except OSError as exc:
        return Imported(error=f"{name}: {exc.strerror or exc}")
    except ValueError as exc:  # (files.InputError: a folder, a device, too large, not UTF-8)
        return Imported(error=message_of(exc))
    try:
        data = loads_bounded(text, MAX_FILE_BYTES)
    except ValueError as exc:  # (files.InputError: not JSON, nested too deeply)
        said = message_of(exc)  # (its reason alone: "not JSON: …" is said here)
        reason = said.fields["reason"] if getattr(said, "template", "") == NOT_JSON else said
        return Imported(error=Message(_NOT_JSON, name=name, reason=reason))
    try:
        pairs, problems = read_and_build(data, room=room)
    except ValueError as exc:  # (not a list of functions)
        return Imported(error=Message(_NAMED_PROBLEM, name=name, problem=message_of(exc)))
    return Imported(tuple(pairs), tuple(problems))

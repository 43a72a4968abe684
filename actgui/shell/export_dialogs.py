"""The window's exports: File → Export Image and Export Data, Edit → Copy Image, and the
analysis views' Export menu. Each asks for a file (in the last folder, with the last
format), writes it through ``shell.export`` and says how it went; a race's history is
written on a worker. The window wires the actions and signals to these.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from actgui.i18n import translated_error, translated_text
from actgui.model import ExplorerModel
from actgui.plot.view import PlotView
from actgui.preferences import Preferences
from actgui.shell.formats import DATA_FORMATS, IMAGE_FORMATS
from actgui.text.markup import auto_text
from actgui.worker import TaskRunner, failure_problem

if TYPE_CHECKING:
    from actgui.panels.labs import LabPanel

# The writers (``shell.export``: QtSvg, the page device, CSV) and the sized copies are
# imported at the first export, not on the way to the window's first frame.


class ExportDialogs(QObject):
    """What the export actions of ``window`` do: ask, write, report (in its status bar, or
    in a message box if the file could not be written)."""

    def __init__(
        self,
        window: QMainWindow,
        model: ExplorerModel,
        prefs: Preferences,
        plot: PlotView,
        labs: Callable[[], LabPanel],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._model = model
        self._prefs = prefs
        self._plot = plot
        self._labs = labs
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        # Writes a race's history (File → Export → Training History as CSV…).
        self.table_writer = TaskRunner(self, pool=pool)
        self.table_writer.finished.connect(self._on_table_written)
        self.table_writer.failed.connect(self._on_table_failed)

    def ask_path(
        self, title: str, formats: dict[str, str], kind: str, stem: str = "activations"
    ) -> Path | None:
        """A save-file dialog in the last folder with the last format; None if cancelled."""
        last_dir = self._prefs.export_dir()
        last_fmt = self._prefs.export_format(kind, tuple(formats))
        filters = {ext: QCoreApplication.translate("Export", f) for ext, f in formats.items()}
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            title,
            str(last_dir / f"{stem}.{last_fmt}"),
            ";;".join(filters.values()),
            filters[last_fmt],
        )
        if not path:
            return None
        path = Path(path)
        if not path.suffix:
            # No extension typed: take it from the chosen filter. The dialog asked about
            # replacing the name as typed, not this one: ask here if it exists.
            ext = next((e for e, f in filters.items() if f == chosen), last_fmt)
            path = path.with_name(f"{path.name}.{ext}")
            if path.exists() and not self._confirm_replace(path):
                return None
        return path

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self._window,
            self.tr("Replace file?"),
            auto_text(self.tr("%1 already exists. Replace it?").replace("%1", path.name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _export(self, path: Path | None, kind: str, write: Callable[[Path], object]) -> None:
        if path is None:
            return
        from actgui.shell.export import ExportError

        try:
            write(path)
        except ExportError as exc:
            QMessageBox.critical(
                self._window, self.tr("Export failed"), auto_text(translated_error(exc))
            )
            return
        self._prefs.remember_export(kind, path)
        self._status(self.tr("Exported %1").replace("%1", str(path)), 5000)

    def _status(self, text: str, msecs: int = 0) -> None:
        self._window.statusBar().showMessage(text, msecs)

    def export_image_interactive(self) -> None:
        """Ask for a file name, then write the plot as PNG, SVG or PDF; errors go to a dialog."""
        path = self.ask_path(self.tr("Export Image"), IMAGE_FORMATS, "image")
        self._export(path, "image", self.write_image)

    def write_image(self, path: Path) -> None:
        """Write the main plot to ``path`` with the image options (size, scale, background)."""
        from actgui.shell.export import export_image
        from actgui.shell.sized import plot_of_size

        options = self._prefs.image_options()
        with plot_of_size(self._plot, options.size) as plot:
            export_image(plot, path, options)

    def export_data_interactive(self) -> None:
        """Ask for a file name, then write the plotted curves as CSV; errors go to a dialog."""
        from actgui.shell.export import export_csv

        path = self.ask_path(self.tr("Export Data"), DATA_FORMATS, "data")
        self._export(path, "data", lambda p: export_csv(self._plot, self._model, p))

    def export_lab_image(self, name: str) -> None:
        """Ask for a file name, then write the analysis plot ``name`` as PNG, SVG or PDF."""
        plot = self._labs().all_plots()[name]
        path = self.ask_path(self.tr("Export Image"), IMAGE_FORMATS, "image", name)
        self._export(path, "image", lambda p: self._write_lab_image(plot, p))

    def _write_lab_image(self, plot, path: Path) -> None:
        from actgui.shell.export import export_image
        from actgui.shell.sized import lab_plot_of_size

        options = self._prefs.image_options()
        with lab_plot_of_size(plot, options.size) as sized:
            export_image(sized, path, options)

    def export_lab_data(self, name: str) -> None:
        """Ask for a file name, then write the numbers behind an analysis view as CSV (not
        while some are still being computed: a file with blanks or with numbers of
        different inputs side by side would pass for a whole one)."""
        if self._labs().computing(name):
            QMessageBox.information(
                self._window,
                self.tr("Export Data"),
                self.tr(
                    "Some numbers are still being computed. Export them once the view "
                    "shows them all."
                ),
            )
            return
        path = self.ask_path(self.tr("Export Data"), DATA_FORMATS, "data", name)
        if path is None:
            return
        if name != "train":
            from actgui.shell.export import export_table

            header, rows = self._labs().table(name)
            self._export(path, "data", lambda p: export_table(header, rows, p))
            return
        # A race's history: formatted and written on a worker (100 000 steps of four
        # runs took 7 s on the GUI thread); the numbers are copied now.
        header, rows = self._labs().train.table_later()
        self._status(self.tr("Writing %1…").replace("%1", str(path)))
        self.table_writer.start(_write_table, header, rows, path)

    def _on_table_written(self, path: Path) -> None:
        self._prefs.remember_export("data", path)
        self._status(self.tr("Exported %1").replace("%1", str(path)), 5000)

    def _on_table_failed(self, message: str) -> None:
        self._window.statusBar().clearMessage()
        text = translated_text(failure_problem(message))
        QMessageBox.critical(self._window, self.tr("Export failed"), auto_text(text))

    def copy_image(self) -> None:
        """Put the plot on the clipboard as an image (with the chosen scale and background)."""
        from actgui.shell.export import ExportError, plot_image
        from actgui.shell.sized import plot_of_size

        options = self._prefs.image_options()
        try:
            with plot_of_size(self._plot, options.size) as plot:
                image = plot_image(plot, options)
        except ExportError as exc:
            QMessageBox.critical(
                self._window, self.tr("Copy failed"), auto_text(translated_error(exc))
            )
            return
        QGuiApplication.clipboard().setImage(image)
        self._status(self.tr("Plot copied to the clipboard"), 3000)


def _write_table(
    header: list[str], rows: Callable[[], list[list[str]]], path: Path, **_worker: object
) -> Path:
    """A worker's task: the rows made and written as CSV, whole or not at all."""
    from actgui.shell.export import export_table

    return export_table(header, rows(), path)

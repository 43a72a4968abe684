"""The main window: composes the plot, the side panel, menus and actions. No math here."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from actgui import __version__
from actgui.i18n import LANGUAGES
from actgui.labs import LabModel
from actgui.model import ExplorerModel
from actgui.panels import refresh_style_sheets
from actgui.panels.controls import ControlPanel
from actgui.panels.details import DetailsPanel
from actgui.panels.labs import LabPanel
from actgui.panels.readout import ReadoutPanel
from actgui.plot.view import PlotView
from actgui.preferences import (
    FONT_SIZES,
    LINE_WIDTHS,
    MAX_SIDE,
    MAX_TITLE,
    MIN_SIDE,
    SCALES,
    SIZE_PRESETS,
    Preferences,
    one_line,
    size_text,
)
from actgui.shell.custom_menu import CustomFunctions
from actgui.shell.export import (
    DATA_FORMATS,
    IMAGE_FORMATS,
    ExportError,
    export_csv,
    export_image,
    export_table,
    plot_image,
)
from actgui.shell.sized import lab_plot_of_size, plot_of_size
from actgui.shell.theme import apply_app_theme
from actgui.style import readable
from actgui.text.markup import auto_text
from actgui.worker import TaskRunner, ms_left

log = logging.getLogger(__name__)

#: Longest wait for the workers when the window closes (each stops at its next checkpoint).
CLOSE_WAIT_MS = 400
#: Time after the window first shows before the details' sentences with numbers appear.
NOTES_DELAY_MS = 200
DOCK_WIDTH = 320
SIDE_WIDTH = 340


def about_html() -> str:
    """Version, the versions of what it runs on, and the licence."""
    import numpy
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    return (
        f"<h3>actgui {__version__}</h3>"
        + "<p>"
        + QCoreApplication.translate(
            "MainWindow",
            "An explorer of neural-network activation functions and their first and second "
            "derivatives, exact to PyTorch.",
        )
        + "</p>"
        + f"<p>Qt {qVersion()} · PySide6 {PySide6.__version__} · pyqtgraph "
        f"{pyqtgraph.__version__} · numpy {numpy.__version__}</p>"
        + "<p>"
        + QCoreApplication.translate("MainWindow", "Licence: MIT.")
        + "</p>"
    )


class MainWindow(QMainWindow):
    """The explorer window: plot in the centre, controls docked on the left."""

    #: Emitted from ``closeEvent`` so the owner can save state.
    closing = Signal()

    def __init__(
        self,
        model: ExplorerModel,
        prefs: Preferences,
        parent: QWidget | None = None,
        lab: LabModel | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Activation Function Explorer"))
        self.model = model
        self.prefs = prefs
        self.lab = lab if lab is not None else LabModel(self)

        self.plot = PlotView(model, self)
        self.curve_worker = self.plot.compute_off_thread()
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        #: Writes a race's history (File → Export → Training History as CSV…).
        self.table_writer = TaskRunner(self, pool=pool)
        self.table_writer.finished.connect(self._on_table_written)
        self.table_writer.failed.connect(self._on_table_failed)
        self.setCentralWidget(self.plot)

        self.controls = ControlPanel(model)
        scroll = QScrollArea()
        scroll.setObjectName("scroll_controls")
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Never narrower than the panel's own minimum (there is no horizontal scroll bar).
        scroll.setMinimumWidth(
            self.controls.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )
        dock = QDockWidget(self.tr("Controls"), self)
        dock.setObjectName("dock_controls")
        dock.setWidget(scroll)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self._dock = dock

        self.readout = ReadoutPanel(model)
        self.info = DetailsPanel(model)
        self._right_docks = []
        for name, title, widget in (
            ("dock_readout", self.tr("Readout"), self.readout),
            ("dock_info", self.tr("Function details"), self.info),
        ):
            side = QDockWidget(title, self)
            side.setObjectName(name)
            side.setWidget(widget)
            side.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, side)
            self._right_docks.append(side)
        # "Why it trains": below the plot, hidden until asked for (View menu, Ctrl+L, or a
        # link in the details).
        self.labs = LabPanel(model, self.lab)
        self._labs_dock = QDockWidget(self.tr("Why it trains"), self)
        self._labs_dock.setObjectName("dock_labs")
        self._labs_dock.setWidget(self.labs)
        self._labs_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self._labs_dock)
        # The readout and details keep the window's full height beside it.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self._labs_dock.hide()
        self._labs_sized = False
        self._train_sized = False
        self.labs.view_changed.connect(lambda _view: self._size_labs_for_training())
        self._labs_dock.visibilityChanged.connect(self._on_labs_visible)
        self.info.view_requested.connect(self.show_labs)
        self.labs.export_image_requested.connect(self.export_lab_image)
        self.labs.export_data_requested.connect(self.export_lab_data)
        #: Set by the owner when a saved dock layout was restored (then it is kept).
        self.layout_restored = False
        self._first_show = True

        self._build_actions()
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_colors_changed)
        prefs.theme_changed.connect(self._on_theme_changed)
        prefs.language_changed.connect(self._on_language_changed)
        prefs.image_options_changed.connect(self._on_image_options_changed)
        prefs.presentation_changed.connect(self._on_presentation_changed)
        model.enabled_changed.connect(self._on_enabled_changed)
        self.plot.cursor_moved.connect(self._on_cursor_moved)
        self._on_theme_changed(prefs.theme())
        self._on_presentation_changed()
        self.statusBar().showMessage(self.tr("Move the mouse over the plot to read x and y."))

    # -- actions -----------------------------------------------------------
    def _build_actions(self) -> None:
        self.action_export_image = self._action(
            "action_export_image",
            self.tr("&Export Image…"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E),
            self.tr("Save the plot as a PNG, SVG or PDF file"),
            self.export_image_interactive,
        )
        self.action_export_data = self._action(
            "action_export_data",
            self.tr("Export &Data…"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_E),
            self.tr("Save the plotted curves as a CSV table"),
            self.export_data_interactive,
        )
        self.action_copy_image = self._action(
            "action_copy_image",
            self.tr("&Copy Image"),
            QKeySequence(QKeySequence.StandardKey.Copy),
            self.tr("Put the plot on the clipboard"),
            self.copy_image,
        )
        self.action_quit = self._action(
            "action_quit",
            self.tr("&Quit"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q),
            self.tr("Close the explorer"),
            self.close,
        )
        # The platform's own Quit keys where it has them (Ctrl+Q stays as the fallback).
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        if quit_keys:
            self.action_quit.setShortcuts(quit_keys)
        self.action_reset_view = self._action(
            "action_reset_view",
            self.tr("&Reset View"),
            QKeySequence(Qt.Key.Key_Home),
            self.tr("Return to the default x-range and fit y to the curves"),
            self.plot.reset_view,
        )
        self.action_restore_defaults = self._action(
            "action_restore_defaults",
            self.tr("Restore &Defaults"),
            QKeySequence(),
            self.tr("Return every function, parameter and range to its default"),
            self.restore_defaults,
        )
        self.action_about = self._action(
            "action_about", self.tr("&About"), QKeySequence(), "", self._show_about
        )
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_export_image)
        file_menu.addAction(self.action_export_data)
        self._build_image_options_menu(file_menu.addMenu(self.tr("Image &Options")))
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.action_copy_image)
        self.custom = CustomFunctions(self, self.model, self.prefs.effective_theme)
        self.custom.fill_menu(bar.addMenu(self.tr("F&unctions")))
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.action_reset_view)
        view_menu.addAction(self.action_restore_defaults)
        view_menu.addSeparator()
        for side in self._right_docks:
            view_menu.addAction(side.toggleViewAction())
        self.action_labs = self._labs_dock.toggleViewAction()
        self.action_labs.setObjectName("action_labs")
        self.action_labs.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.action_labs.setStatusTip(
            self.tr("Statistics, signal propagation through depth and initialisation gains")
        )
        self.addAction(self.action_labs)
        view_menu.addAction(self.action_labs)
        view_menu.addSeparator()
        self._build_presentation_menus(view_menu)
        view_menu.addSeparator()
        self._theme_actions = self._build_choice_menu(
            view_menu.addMenu(self.tr("&Theme")),
            "theme",
            {
                "system": self.tr("Follow the system"),
                "light": self.tr("Light"),
                "dark": self.tr("Dark"),
            },
            self.prefs.theme(),
            self.prefs.set_theme,
        )
        languages = {"system": self.tr("Follow the system")}
        languages.update({code: lang.native_name for code, lang in LANGUAGES.items()})
        self._language_actions = self._build_choice_menu(
            view_menu.addMenu(self.tr("&Language")),
            "language",
            languages,
            self.prefs.language(),
            self.prefs.set_language,
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.action_about)

    def _build_choice_menu(
        self, menu, kind: str, labels: dict[str, str], current: str, apply
    ) -> dict[str, QAction]:
        """Exclusive checkable actions ``action_<kind>_<value>``; triggering one calls apply."""
        group = QActionGroup(self)
        actions = {}
        for value, label in labels.items():
            action = QAction(label, self)
            action.setObjectName(f"action_{kind}_{value}")
            action.setCheckable(True)
            action.setChecked(value == current)
            action.triggered.connect(lambda _=False, v=value: apply(v))
            group.addAction(action)
            menu.addAction(action)
            actions[value] = action
        return actions

    def _build_presentation_menus(self, view_menu) -> None:
        """Line width, font size, title and axis labels: for a projector and for slides."""
        p = self.prefs.presentation()
        widths = {f"{w:g}": self.tr("%1 px").replace("%1", f"{w:g}") for w in LINE_WIDTHS}
        self._width_actions = self._build_choice_menu(
            view_menu.addMenu(self.tr("Line &Width")), "line_width", widths,
            f"{p.line_width:g}", lambda v: self.prefs.set_presentation(line_width=float(v)),
        )  # fmt: skip
        fonts = {str(f): self.tr("%1 pt").replace("%1", str(f)) for f in FONT_SIZES}
        self._font_actions = self._build_choice_menu(
            view_menu.addMenu(self.tr("&Font Size")), "font_size", fonts,
            str(p.font_size), lambda v: self.prefs.set_presentation(font_size=int(v)),
        )  # fmt: skip
        self.action_plot_title = self._action(
            "action_plot_title",
            self.tr("Plot &Title…"),
            QKeySequence(),
            self.tr("A title above the plot (on screen and in exported images)"),
            self.edit_title,
        )
        view_menu.addAction(self.action_plot_title)
        self.action_axis_labels = self._action(
            "action_axis_labels",
            self.tr("&Axis Labels"),
            QKeySequence(),
            self.tr("Label the axes x and y"),
            lambda on: self.prefs.set_presentation(axis_labels=bool(on)),
        )
        self.action_axis_labels.setCheckable(True)
        self.action_axis_labels.setChecked(p.axis_labels)
        view_menu.addAction(self.action_axis_labels)

    def edit_title(self) -> None:
        """Ask for the plot's title (empty for none)."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Plot Title"),
            self.tr("Title above the plot (leave empty for none):"),
            text=self.prefs.presentation().title,
        )
        if not ok:
            return
        text = one_line(text)
        if len(text) > MAX_TITLE:
            QMessageBox.warning(
                self,
                self.tr("Title too long"),
                self.tr("A title has at most %1 characters.").replace("%1", str(MAX_TITLE)),
            )
            return
        self.prefs.set_presentation(title=text)

    def _on_presentation_changed(self) -> None:
        p = self.prefs.presentation()
        self.plot.set_presentation(p)
        self.labs.set_line_width(p.line_width)
        self._width_actions[f"{p.line_width:g}"].setChecked(True)
        self._font_actions[str(p.font_size)].setChecked(True)
        self.action_axis_labels.setChecked(p.axis_labels)

    def restore_defaults(self) -> None:
        """Ask, then put everything back to its default: functions, parameters, view, theme,
        export options, panels; the language follows the system again from the next start."""
        answer = QMessageBox.question(
            self,
            self.tr("Restore Defaults"),
            self.tr(
                "Return every function, parameter, range, theme and export option to its "
                "default? This cannot be undone."
            ),
            QMessageBox.StandardButton.RestoreDefaults | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.RestoreDefaults:
            return
        # The analysis panel closed first: hidden, it only notes what changed (open, it
        # redrew the Train tab's plots for the new set-up, then was closed).
        self._labs_dock.setFloating(False)
        self._labs_dock.hide()
        self.model.restore_defaults()
        self.lab.restore_defaults()
        self.prefs.restore_defaults()
        for dock in (self._dock, *self._right_docks):
            dock.setFloating(False)
            dock.show()
        self.plot.reset_view()

    def _on_theme_changed(self, theme: str) -> None:
        """Apply a theme: the widgets' palette, the plot's colours, the panels' names."""
        apply_app_theme(QApplication.instance(), theme)
        refresh_style_sheets(self)
        self.plot.set_theme(self.prefs.effective_theme())
        self.readout.set_curve_colors(self.text_color)
        self.controls.set_curve_colors(self.plot.curve_color)
        self.info.set_curve_colors(self.text_color)
        self.labs.set_theme(self.prefs.effective_theme())
        self.labs.set_text_colors(self.text_color)
        self._theme_actions[theme].setChecked(True)

    def text_color(self, key: str) -> str:
        """``key``'s curve colour as text on the panels: darkened (lightened) where the
        curve colour alone would miss WCAG AA contrast against the panel."""
        base = QApplication.palette().color(QPalette.ColorRole.Base).name()
        return readable(self.plot.curve_color(key), base)

    def _on_enabled_changed(self, keys: list[str]) -> None:
        # A function switched on may take a colour another one freed.
        self.controls.set_curve_colors(self.plot.curve_color, keys)
        if self.model.selected_key() in keys:
            self.info.recolor()

    def _on_language_changed(self, language: str) -> None:
        self._language_actions[language].setChecked(True)
        self.statusBar().showMessage(
            self.tr("The language changes the next time actgui starts."), 8000
        )

    def _on_image_options_changed(self) -> None:
        options = self.prefs.image_options()
        self._scale_actions[str(options.scale)].setChecked(True)
        self._background_actions[options.background].setChecked(True)
        size = size_text(options.size)
        self._size_actions.get(size, self._size_actions["custom"]).setChecked(True)

    def _on_system_colors_changed(self, *_args) -> None:
        if self.prefs.theme() == "system":
            self._on_theme_changed("system")

    def _action(self, name: str, text: str, shortcut: QKeySequence, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- export ------------------------------------------------------------
    def _ask_path(
        self, title: str, formats: dict[str, str], kind: str, stem: str = "activations"
    ) -> Path | None:
        """A save-file dialog in the last folder with the last format; None if cancelled."""
        last_dir = self.prefs.export_dir()
        last_fmt = self.prefs.export_format(kind, tuple(formats))
        filters = {ext: QCoreApplication.translate("Export", f) for ext, f in formats.items()}
        path, chosen = QFileDialog.getSaveFileName(
            self,
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
            self,
            self.tr("Replace file?"),
            auto_text(self.tr("%1 already exists. Replace it?").replace("%1", path.name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _export(self, path: Path | None, kind: str, write: Callable[[Path], object]) -> None:
        if path is None:
            return
        try:
            write(path)
        except ExportError as exc:
            QMessageBox.critical(self, self.tr("Export failed"), auto_text(str(exc)))
            return
        self.prefs.remember_export(kind, path)
        self.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 5000)

    def export_image_interactive(self) -> None:
        """Ask for a file name, then write the plot as PNG, SVG or PDF; errors go to a dialog."""
        path = self._ask_path(self.tr("Export Image"), IMAGE_FORMATS, "image")
        self._export(path, "image", self._write_image)

    def _write_image(self, path: Path) -> None:
        options = self.prefs.image_options()
        with plot_of_size(self.plot, options.size) as plot:
            export_image(plot, path, options)

    def export_data_interactive(self) -> None:
        """Ask for a file name, then write the plotted curves as CSV; errors go to a dialog."""
        path = self._ask_path(self.tr("Export Data"), DATA_FORMATS, "data")
        self._export(path, "data", lambda p: export_csv(self.plot, self.model, p))

    def show_labs(self, view: str | None = None) -> None:
        """Show the "Why it trains" panel, on ``view`` if given: a ``panels.labs.VIEWS``
        name, for the depth view optionally with its quantity ("depth:variance")."""
        if view is not None:
            name, _, quantity = view.partition(":")
            self.labs.show_view(name)
            if quantity:
                self.labs.depth.set_quantity(quantity)
        self._labs_dock.show()
        self._labs_dock.raise_()

    def _on_labs_visible(self, visible: bool) -> None:
        if visible and not self._labs_sized and not self._labs_dock.isFloating():
            # The first time: room for the tables and plots; the main plot keeps the rest.
            self._labs_sized = True
            height = max(300, self.height() * 2 // 5)
            self.resizeDocks([self._labs_dock], [height], Qt.Orientation.Vertical)
        # After that size has been laid out (two resizes in one pass: the first wins).
        QTimer.singleShot(0, self._size_labs_for_training)

    def _size_labs_for_training(self) -> None:
        """The first time the Train tab shows: room for its controls and four plots (half
        the window), if the dock is smaller; the user's size is kept afterwards."""
        dock = self._labs_dock
        if self._train_sized or self.labs.view() != "train" or not dock.isVisible():
            return
        self._train_sized = True
        height = self.height() // 2
        if not dock.isFloating() and dock.height() < height:
            self.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def export_lab_image(self, name: str) -> None:
        """Ask for a file name, then write the analysis plot ``name`` as PNG, SVG or PDF."""
        plot = self.labs.all_plots()[name]
        path = self._ask_path(self.tr("Export Image"), IMAGE_FORMATS, "image", name)
        self._export(path, "image", lambda p: self._write_lab_image(plot, p))

    def _write_lab_image(self, plot, path: Path) -> None:
        options = self.prefs.image_options()
        with lab_plot_of_size(plot, options.size) as sized:
            export_image(sized, path, options)

    def export_lab_data(self, name: str) -> None:
        """Ask for a file name, then write the numbers behind an analysis view as CSV (not
        while some are still being computed: a file with blanks or with numbers of
        different inputs side by side would pass for a whole one)."""
        if self.labs.computing(name):
            QMessageBox.information(
                self,
                self.tr("Export Data"),
                self.tr(
                    "Some numbers are still being computed. Export them once the view "
                    "shows them all."
                ),
            )
            return
        path = self._ask_path(self.tr("Export Data"), DATA_FORMATS, "data", name)
        if path is None:
            return
        if name != "train":
            header, rows = self.labs.table(name)
            self._export(path, "data", lambda p: export_table(header, rows, p))
            return
        # A race's history: formatted and written on a worker (100 000 steps of four
        # runs took 7 s on the GUI thread); the numbers are copied now.
        header, rows = self.labs.train.table_later()
        self.statusBar().showMessage(self.tr("Writing %1…").replace("%1", str(path)))
        self.table_writer.start(_write_table, header, rows, path)

    def _on_table_written(self, path: Path) -> None:
        self.prefs.remember_export("data", path)
        self.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 5000)

    def _on_table_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        _kind, _, text = message.partition(": ")
        QMessageBox.critical(self, self.tr("Export failed"), auto_text(text or message))

    def copy_image(self) -> None:
        """Put the plot on the clipboard as an image (with the chosen scale and background)."""
        options = self.prefs.image_options()
        try:
            with plot_of_size(self.plot, options.size) as plot:
                image = plot_image(plot, options)
        except ExportError as exc:
            QMessageBox.critical(self, self.tr("Copy failed"), auto_text(str(exc)))
            return
        QGuiApplication.clipboard().setImage(image)
        self.statusBar().showMessage(self.tr("Plot copied to the clipboard"), 3000)

    def _build_image_options_menu(self, menu) -> None:
        options = self.prefs.image_options()
        scales = {str(s): self.tr("PNG scale %1×").replace("%1", str(s)) for s in SCALES}
        self._scale_actions = self._build_choice_menu(
            menu, "scale", scales, str(options.scale),
            lambda v: self.prefs.set_image_options(scale=int(v)),
        )  # fmt: skip
        menu.addSeparator()
        backgrounds = {
            "shown": self.tr("Background as shown"),
            "white": self.tr("White background"),
            "transparent": self.tr("Transparent background"),
        }
        self._background_actions = self._build_choice_menu(
            menu, "background", backgrounds, options.background,
            lambda v: self.prefs.set_image_options(background=v),
        )  # fmt: skip
        menu.addSeparator()
        sizes = {
            "shown": self.tr("Size as on screen"),
            "1920x1080": self.tr("1920×1080 (slide, 16:9)"),
            "1280x720": self.tr("1280×720 (16:9)"),
            "1080x1080": self.tr("1080×1080 (square)"),
            "custom": self.tr("Custom Size…"),
        }
        current = size_text(options.size)
        self._size_actions = self._build_choice_menu(
            menu, "size", sizes, current if current in SIZE_PRESETS else "custom",
            lambda v: self.ask_custom_size() if v == "custom" else self.prefs.set_image_options(
                size=v
            ),
        )  # fmt: skip

    def ask_custom_size(self) -> None:
        """Ask for an export size in pixels, "1600x900" (a 1× image; the scale multiplies it)."""
        current = self.prefs.image_options().size or (1600, 900)
        text, ok = QInputDialog.getText(
            self,
            self.tr("Custom Size"),
            self.tr("Width × height of exported images, in pixels (%1–%2 each):")
            .replace("%1", str(MIN_SIDE))
            .replace("%2", str(MAX_SIDE)),
            text=size_text(current),
        )
        if ok:
            try:
                self.prefs.set_image_options(size=text)
            except ValueError:
                QMessageBox.warning(
                    self,
                    self.tr("Custom Size"),
                    self.tr("Type a size like 1600x900, each side %1–%2 pixels.")
                    .replace("%1", str(MIN_SIDE))
                    .replace("%2", str(MAX_SIDE)),
                )
        self._on_image_options_changed()  # the checked entry follows what was kept

    # -- misc --------------------------------------------------------------
    def _on_cursor_moved(self, x: float, y: float) -> None:
        self.statusBar().showMessage(f"x = {x:.6g}    y = {y:.6g}")

    def _show_about(self) -> None:
        QMessageBox.about(self, self.tr("About actgui"), about_html())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._first_show:
            # After the first frame (a paint is due on the loop's next pass): the details'
            # sentences with numbers, whose scipy import would slow the start.
            QTimer.singleShot(NOTES_DELAY_MS, self.info.show_notes)
        if self._first_show and not self.layout_restored:
            # Wide enough for names, labels and a spinbox; long exact values scroll inside.
            self.resizeDocks(
                [self._dock, self._right_docks[0]],
                [DOCK_WIDTH, DOCK_WIDTH],
                Qt.Orientation.Horizontal,
            )
            # The readout tall enough for eight functions and its note (1366×768 included);
            # the dock's title bar on top.
            title = self._right_docks[0].fontMetrics().height() + 8
            readout = self.readout.preferred_height(8) + title
            self.resizeDocks(self._right_docks, [readout, 400], Qt.Orientation.Vertical)
        self._first_show = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        # Every worker is asked to stop (each stops at its next checkpoint) and waited
        # for 0.4 s at most in all: whether they ended is kept for the tests.
        deadline = time.monotonic() + CLOSE_WAIT_MS / 1000.0
        self.custom.stop()
        self.curve_worker.stop(0)
        # (a history being written is abandoned: it is written whole or not at all)
        self.table_writer.cancel()
        ended = self.labs.close_workers(CLOSE_WAIT_MS)
        # (each waits what is left of the 0.4 s: the labs may have had nothing to stop)
        self.workers_ended = (
            ended
            and self.custom.stop(ms_left(deadline))
            and self.curve_worker.stop(ms_left(deadline))
            and self.table_writer.wait(ms_left(deadline))
        )
        if not self.workers_ended:
            log.warning("A worker was still busy when the window closed")
        self.closing.emit()
        super().closeEvent(event)


def _write_table(
    header: list[str], rows: Callable[[], list[list[str]]], path: Path, **_worker: object
) -> Path:
    """A worker's task: the rows made and written as CSV, whole or not at all."""
    return export_table(header, rows(), path)

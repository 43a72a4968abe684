"""The main window: composes the plot, the side panel, menus and actions. No math here."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from actgui import __version__
from actgui.labs import LabModel
from actgui.model import ExplorerModel
from actgui.panels import refresh_style_sheets
from actgui.panels.controls import ControlPanel
from actgui.panels.details import DetailsPanel
from actgui.panels.readout import ReadoutPanel
from actgui.plot.view import PlotView
from actgui.preferences import Preferences
from actgui.shell.custom_menu import CustomFunctions
from actgui.shell.export_dialogs import ExportDialogs
from actgui.shell.menus import OptionMenus, make_action
from actgui.shell.theme import apply_app_theme
from actgui.shell.zoom import apply_interface_scale
from actgui.style import readable
from actgui.worker import ms_left

if TYPE_CHECKING:
    from actgui.panels.labs import LabPanel

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


#: Views that need half the window's height to be read (given it when first shown).
TALL_VIEWS = frozenset({"train", "precision", "spectrum"})


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
        self.plot.setAccessibleName(self.tr("Plot"))
        self.curve_worker = self.plot.compute_off_thread()
        self.setCentralWidget(self.plot)

        self.controls = ControlPanel(model)
        dock = QDockWidget(self.tr("Controls"), self)
        scroll = _scrolled(self.controls, "scroll_controls", dock.windowTitle())
        dock.setObjectName("dock_controls")
        dock.setWidget(scroll)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self._dock = dock
        # Never narrower than the panel's own minimum (there is no horizontal scroll bar).
        self._fit_controls()

        self.readout = ReadoutPanel(model)
        self.details = DetailsPanel(model)
        self._right_docks = []
        for name, title, widget in (
            ("dock_readout", self.tr("Readout"), self.readout),
            ("dock_info", self.tr("Function details"), self.details),
        ):
            side = QDockWidget(title, self)
            side.setObjectName(name)
            if widget is self.details:
                # In a scroll area: its sentences and values change at every step of a
                # drag, and each new text re-laid out every layout above it, up to the
                # main window's (its docks' geometry animated again, the dock repainted
                # three times): ~25 % of a frame. A scroll area ends that chain, and
                # scrolls the details when the dock is shorter than they are.
                widget = _scrolled(widget, "scroll_info", title)
            side.setWidget(widget)
            side.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, side)
            self._right_docks.append(side)
        # "Why it trains": below the plot, hidden until asked for (View menu, Ctrl+L, or a
        # link in the details), and built then (``labs``): its eight plots were 40 % of
        # building the window.
        self._labs: LabPanel | None = None
        self._labs_dock = QDockWidget(self.tr("Why it trains"), self)
        self._labs_dock.setObjectName("dock_labs")
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
        #: The tall views (four plots and controls; three plots and a table) given room once.
        self._sized_views: set[str] = set()
        self._labs_dock.visibilityChanged.connect(self._on_labs_visible)
        # A deleted function of your own leaves the race, whether or not the panel was built.
        model.functions_changed.connect(
            lambda _added, removed: self.lab.train.drop_functions(removed)
        )
        self.details.view_requested.connect(self.show_labs)
        # What the export actions do (asking, writing, reporting).
        self.exports = ExportDialogs(self, model, prefs, self.plot, lambda: self.labs)
        #: Set by the owner when a saved dock layout was restored (then it is kept).
        self.layout_restored = False
        self._first_show = True

        self._build_actions()
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_colors_changed)
        prefs.theme_changed.connect(self._on_theme_changed)
        prefs.language_changed.connect(self._on_language_changed)
        prefs.presentation_changed.connect(self._on_presentation_changed)
        prefs.interface_scale_changed.connect(self._on_interface_scale_changed)
        model.enabled_changed.connect(self._on_enabled_changed)
        self.plot.cursor_moved.connect(self._on_cursor_moved)
        self._on_theme_changed(prefs.theme())
        self._on_interface_scale_changed(prefs.interface_scale())
        self._on_presentation_changed()
        self.statusBar().showMessage(self.tr("Move the mouse over the plot to read x and y."))

    # -- actions -----------------------------------------------------------
    def _build_actions(self) -> None:
        self.action_export_image = make_action(
            self,
            "action_export_image",
            self.tr("&Export Image…"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E),
            self.tr("Save the plot as a PNG, SVG or PDF file"),
            self.exports.export_image_interactive,
        )
        self.action_export_data = make_action(
            self,
            "action_export_data",
            self.tr("Export &Data…"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_E),
            self.tr("Save the plotted curves as a CSV table"),
            self.exports.export_data_interactive,
        )
        self.action_copy_image = make_action(
            self,
            "action_copy_image",
            self.tr("&Copy Image"),
            QKeySequence(QKeySequence.StandardKey.Copy),
            self.tr("Put the plot on the clipboard"),
            self.exports.copy_image,
        )
        self.action_quit = make_action(
            self,
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
        self.action_reset_view = make_action(
            self,
            "action_reset_view",
            self.tr("&Reset View"),
            QKeySequence(Qt.Key.Key_Home),
            self.tr("Return to the default x-range and fit y to the curves"),
            self.plot.reset_view,
        )
        self.action_restore_defaults = make_action(
            self,
            "action_restore_defaults",
            self.tr("Restore &Defaults"),
            QKeySequence(),
            self.tr("Return every function, parameter and range to its default"),
            self.restore_defaults,
        )
        self.action_about = make_action(
            self, "action_about", self.tr("&About"), QKeySequence(), "", self._show_about
        )
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_export_image)
        file_menu.addAction(self.action_export_data)
        # The menus of choices (presentation, theme, language, image options).
        self.options = OptionMenus(self, self.prefs)
        self.options.fill_image_options_menu(file_menu.addMenu(self.tr("Image &Options")))
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
        self.options.fill_view_menu(view_menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.action_about)

    @property
    def labs(self) -> LabPanel:
        """The "Why it trains" panel, built the first time it is shown or asked for."""
        if self._labs is None:
            from actgui.panels.labs import LabPanel  # (its modules, too, on first use)

            labs = LabPanel(self.model, self.lab)
            # In a scroll area: narrower than its tables and plots, the dock scrolls them
            # instead of drawing them over the details dock beside it (1366×768).
            self._labs_dock.setWidget(
                _scrolled(labs, "scroll_labs", self._labs_dock.windowTitle(), sideways=True)
            )
            labs.view_changed.connect(lambda _view: self._size_labs_for_view())
            labs.export_image_requested.connect(self.exports.export_lab_image)
            labs.export_data_requested.connect(self.exports.export_lab_data)
            labs.set_theme(self.prefs.effective_theme())
            labs.set_text_colors(self.text_color)
            labs.set_presentation(self.prefs.presentation())
            self._labs = labs
        return self._labs

    def _on_presentation_changed(self) -> None:
        p = self.prefs.presentation()
        self.plot.set_presentation(p)
        if self._labs is not None:
            self._labs.set_presentation(p)

    def _on_interface_scale_changed(self, scale: float) -> None:
        """Every widget's text ``scale`` times its normal size (the plots follow the
        presentation); the side panel never narrower than its controls."""
        if apply_interface_scale(QApplication.instance(), scale):
            # (the widgets take the new font from posted events: now, to be measured)
            QApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
            # (a widget with a style sheet keeps the font it was polished with: the names
            # in the side panel stayed at 9 pt)
            refresh_style_sheets(self)
            self._fit_controls()

    def _fit_controls(self) -> None:
        # (its controls' minimum width grows with their font: no horizontal scroll bar)
        scroll = self._dock.widget()
        scroll.setMinimumWidth(
            self.controls.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )

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
        self.details.set_curve_colors(self.text_color)
        if self._labs is not None:
            self._labs.set_theme(self.prefs.effective_theme())
            self._labs.set_text_colors(self.text_color)

    def text_color(self, key: str) -> str:
        """``key``'s curve colour as text on the panels: darkened (lightened) where the
        curve colour alone would miss WCAG AA contrast against the panel."""
        base = QApplication.palette().color(QPalette.ColorRole.Base).name()
        return readable(self.plot.curve_color(key), base)

    def _on_enabled_changed(self, keys: list[str]) -> None:
        # A function switched on may take a colour another one freed.
        self.controls.set_curve_colors(self.plot.curve_color, keys)
        if self.model.selected_key() in keys:
            self.details.recolor()

    def _on_language_changed(self, _language: str) -> None:
        self.statusBar().showMessage(
            self.tr("The language changes the next time actgui starts."), 8000
        )

    def _on_system_colors_changed(self, *_args) -> None:
        if self.prefs.theme() == "system":
            self._on_theme_changed("system")

    def show_labs(self, view: str | None = None) -> None:
        """Show the "Why it trains" panel, on ``view`` if given: a ``panels.labs.VIEWS``
        name, for the depth view optionally with its quantity ("depth:variance"), for the
        Precision view with a format or a pair ("precision:float16",
        "precision:gelu,gelu_tanh"), for the Jacobian spectrum with a preset
        ("spectrum:isometry", "spectrum:he", "spectrum:sigmoid", "spectrum:selu")."""
        if view is not None:
            name, _, quantity = view.partition(":")
            self.labs.show_view(name)
            if quantity and name == "depth":
                self.labs.depth.set_quantity(quantity)
            elif quantity and name == "precision":
                self.labs.precision.show_part(quantity)
            elif quantity and name == "spectrum":
                self.labs.spectrum.show_part(quantity)
        self._labs_dock.show()
        self._labs_dock.raise_()

    def _on_labs_visible(self, visible: bool) -> None:
        if visible:
            self.labs  # noqa: B018 (built now, if it was not)
        if visible and not self._labs_sized and not self._labs_dock.isFloating():
            # The first time: room for the tables and plots; the main plot keeps the rest.
            self._labs_sized = True
            height = max(300, self.height() * 2 // 5)
            self.resizeDocks([self._labs_dock], [height], Qt.Orientation.Vertical)
        # After that size has been laid out (two resizes in one pass: the first wins).
        QTimer.singleShot(0, self._size_labs_for_view)

    def _size_labs_for_view(self) -> None:
        """The first time the Train or the Precision tab shows: room for its plots and
        controls (half the window), if the dock is smaller; the user's size is kept
        afterwards."""
        dock = self._labs_dock
        if self._labs is None or self._labs.view() not in TALL_VIEWS - self._sized_views:
            return
        if not dock.isVisible():
            return
        self._sized_views.add(self._labs.view())
        height = self.height() // 2
        if not dock.isFloating() and dock.height() < height:
            self.resizeDocks([dock], [height], Qt.Orientation.Vertical)

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
            QTimer.singleShot(NOTES_DELAY_MS, self.details.show_notes)
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
        self.exports.table_writer.cancel()
        ended = self._labs is None or self._labs.close_workers(CLOSE_WAIT_MS)
        # (each waits what is left of the 0.4 s: the labs may have had nothing to stop)
        self.workers_ended = (
            ended
            and self.custom.stop(ms_left(deadline))
            and self.curve_worker.stop(ms_left(deadline))
            and self.exports.table_writer.wait(ms_left(deadline))
        )
        if not self.workers_ended:
            log.warning("A worker was still busy when the window closed")
        self.closing.emit()
        super().closeEvent(event)


def _scrolled(widget: QWidget, name: str, title: str, sideways: bool = False) -> QScrollArea:
    """``widget`` in a frameless scroll area that fits it to the area's size (scrolling
    sideways too if ``sideways``, else never narrower than the area), named ``title`` for
    a screen reader."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setAccessibleName(title)
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if not sideways:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll

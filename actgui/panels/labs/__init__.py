"""The "Why it trains" panel: statistics, depth and initialisation views of the enabled
functions, computed by ``actgui.analysis`` (issue "Why the choice matters").

A thin view like the others: it reads the explorer's model (which functions, which
parameters, which one is selected) and the :class:`~actgui.labs.LabModel` (input
distribution, network scales, simulation size), and recomputes only the tab on
screen, once however many changes arrived (a drag of α costs one recomputation of
the dragged function; the others come from ``analysis.memo``). While changes keep
coming (a drag), it refreshes at most every ``MIN_INTERVAL_MS``: the main plot,
which costs less, follows every step, and the panel's 5–12 ms never pile up behind
it. A change after a quiet moment is shown on the next pass of the event loop.
Simulations and the phase diagram run on worker threads.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QMenu,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from actgui.deferred import Deferred
from actgui.labs import LabModel
from actgui.model import ExplorerModel
from actgui.panels.labs.common import exact_text
from actgui.panels.labs.depth_view import DepthView
from actgui.panels.labs.gains_view import GainsView
from actgui.panels.labs.precision_view import PrecisionView
from actgui.panels.labs.spectrum_view import SpectrumView
from actgui.panels.labs.stats_view import COLUMNS, StatsView
from actgui.panels.labs.train_view import TrainView
from actgui.plot.lab import LabPlot
from actgui.preferences import Presentation
from actgui.training import RaceController
from actgui.worker import ms_left

#: Shortest time between two refreshes while changes keep coming (at most 25 a second).
MIN_INTERVAL_MS = 40

#: Tab names, in order (``LabPanel.show_view`` takes them; so do the details' links).
VIEWS = ("stats", "depth", "gains", "train", "precision", "spectrum")


class LabPanel(QWidget):
    """Tabs "Statistics", "Through depth" and "Init gains" over the enabled functions."""

    #: A view shown (its name in ``VIEWS``).
    view_changed = Signal(str)
    #: The user asked to export a plot (its name in ``all_plots()``) as an image.
    export_image_requested = Signal(str)
    #: The user asked to export a table (``stats``, ``depth``, ``phase``, ``gains``,
    #: ``train``) as CSV.
    export_data_requested = Signal(str)

    def __init__(self, model: ExplorerModel, lab: LabModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panel_labs")
        self._model = model
        self._lab = lab
        #: Statistics, χ₁ and gains of functions of your own, computed on a worker.
        self.deferred = Deferred(self)
        self.stats = StatsView(model, lab, deferred=self.deferred)
        self.depth = DepthView(model, lab, deferred=self.deferred)
        self.gains = GainsView(model, deferred=self.deferred)
        # The race's controller, built here and handed to the view that shows it.
        self.train = TrainView(model, lab.train, RaceController(lab.train, model.params, self))
        self.precision = PrecisionView(model, lab, deferred=self.deferred)
        self.spectrum = SpectrumView(model, lab, deferred=self.deferred)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs_labs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)  # three short tabs: no scroll arrows
        for view, title in (
            (self.stats, self.tr("Statistics")),
            (self.depth, self.tr("Through depth")),
            (self.gains, self.tr("Init gains")),
            (self.train, self.tr("Train")),
            (self.precision, self.tr("Precision")),
            (self.spectrum, self.tr("Jacobian spectrum")),
        ):
            self.tabs.addTab(view, title)
        self.tabs.setTabToolTip(
            0, self.tr("What f does to a Gaussian input: moments, dead outputs and gradients")
        )
        self.tabs.setTabToolTip(
            1, self.tr("How signals and gradients pass through a deep random network")
        )
        self.tabs.setTabToolTip(2, self.tr("Weight scales that keep signals or gradients steady"))
        self.tabs.setTabToolTip(
            3, self.tr("Train a small network with each activation, side by side")
        )
        self.tabs.setTabToolTip(
            4, self.tr("What float32, bfloat16 and float16 do to each function; approximations")
        )
        self.tabs.setTabToolTip(
            5,
            self.tr(
                "How evenly a deep network passes gradients in every direction: the singular "
                "values of its input–output Jacobian, Gaussian against orthogonal weights"
            ),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._build_export_menu()

        self._stale = set(VIEWS)
        self._themed_in_turn: list[tuple[LabPlot, str]] = []  # (one per pass)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self._last = -math.inf  # time.monotonic() at the end of the last refresh
        # The Train tab's race is built from the functions once: it follows them itself.
        for signal in (model.enabled_changed, model.params_changed, model.selected_changed):
            signal.connect(self._mark_analysis)
        self.deferred.ready.connect(self._mark_analysis)
        lab.input_changed.connect(lambda *_: self._mark("stats"))
        lab.network_changed.connect(lambda *_: self._mark("depth"))
        lab.simulation_changed.connect(lambda *_: self._mark("depth"))
        lab.precision_changed.connect(lambda: self._mark("precision"))
        lab.network_changed.connect(lambda *_: self._mark("spectrum"))
        lab.spectrum_changed.connect(lambda: self._mark("spectrum"))
        self.tabs.currentChanged.connect(self._on_tab)
        self._size_by_current_tab()

    # -- which view --------------------------------------------------------------------
    def view(self) -> str:
        """The name of the view on screen."""
        return VIEWS[self.tabs.currentIndex()]

    def show_view(self, name: str) -> None:
        """Bring the view ``name`` (one of ``VIEWS``) to the front."""
        if name not in VIEWS:
            raise ValueError(f"no view {name!r}; one of {', '.join(VIEWS)}")
        self.tabs.setCurrentIndex(VIEWS.index(name))

    def _view_widget(self, name: str):
        views = (self.stats, self.depth, self.gains, self.train, self.precision, self.spectrum)
        return views[VIEWS.index(name)]

    # -- refreshing ----------------------------------------------------------------------
    def _request(self) -> None:
        """A refresh on the next pass of the event loop, or after the rest of
        ``MIN_INTERVAL_MS`` if the last one was more recent."""
        if self._timer.isActive():
            return
        since = (time.monotonic() - self._last) * 1000.0
        self._timer.start(round(min(max(MIN_INTERVAL_MS - since, 0.0), MIN_INTERVAL_MS)))

    def _mark_all(self, *_args) -> None:
        self._stale.update(VIEWS)
        self._request()

    def _mark_analysis(self, *_args) -> None:
        self._stale.update(v for v in VIEWS if v != "train")
        self._request()

    def _mark(self, name: str) -> None:
        self._stale.add(name)
        self._request()

    def _on_tab(self, _index: int) -> None:
        self._size_by_current_tab()
        self.refresh()
        self.view_changed.emit(self.view())

    def _size_by_current_tab(self) -> None:
        """The panel as small as the tab on screen allows, not as the largest tab needs:
        hidden tabs ignore their size (Through depth's 1043 px made every tab scroll
        sideways in a 1366-wide window)."""
        current = self.tabs.currentIndex()
        for i in range(self.tabs.count()):
            policy = QSizePolicy.Policy.Preferred if i == current else QSizePolicy.Policy.Ignored
            self.tabs.widget(i).setSizePolicy(policy, policy)
        self.tabs.updateGeometry()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._request()

    def refresh(self) -> None:
        """Recompute the view on screen if its inputs changed (nothing while hidden)."""
        self._timer.stop()
        name = self.view()
        if name in self._stale and self.isVisible():
            self._stale.discard(name)
            self._view_widget(name).refresh()
            self._last = time.monotonic()

    def pending(self) -> bool:
        """Whether a refresh of the view on screen is waiting (for the event loop or for
        the rest of ``MIN_INTERVAL_MS``)."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Recompute the view on screen now, shown or not (tests, exports)."""
        self._timer.stop()
        name = self.view()
        self._stale.discard(name)
        self._view_widget(name).refresh()
        self._last = time.monotonic()

    # -- looks ---------------------------------------------------------------------------
    def set_theme(self, theme: str) -> None:
        """Plots in the colours of "light" or "dark" (redrawn now if shown, else when next
        shown: nothing is computed for a hidden panel)."""
        shown = self.isVisible()
        # Only the view on screen: each other redraws when its tab is next shown (all seven
        # plots took ~0.2 s of a theme change). Those on screen take the theme one per pass
        # of the event loop, after the window's new palette is painted: all at once, the
        # Train tab's four and the depth view's two held the GUI thread 100–250 ms
        # (benchmarks/soak.py).
        on_screen = list(self.plots().values()) if shown else []
        for plot in self.all_plots().values():
            if not any(plot is p for p in on_screen):
                plot.set_theme(theme, redraw=False)
        self._stale.update(v for v in VIEWS if not shown or v != self.view())
        self._themed_in_turn = [(plot, theme) for plot in on_screen]
        if on_screen:
            QTimer.singleShot(1, self, self._theme_next)

    def _theme_next(self) -> None:
        """The next plot waiting for the theme, redrawn in it (a timer each: a pass of the
        event loop, and a paint, between two)."""
        if not self._themed_in_turn:
            return
        plot, theme = self._themed_in_turn.pop(0)
        plot.set_theme(theme)
        if self._themed_in_turn:
            QTimer.singleShot(1, self, self._theme_next)

    def set_presentation(self, presentation: Presentation) -> None:
        """Lines and texts as large as the main plot's (View → Line Width, Font Size, and
        the interface's scale), legends shown or not: only the plots on screen are redrawn
        now, and only if their sizes changed (a new title changes none); the other views
        redraw when next shown."""
        on_screen = list(self.plots().values()) if self.isVisible() else []
        resized = False
        for plot in self.all_plots().values():
            before = (plot.text_size(), plot.line_width())
            plot.set_text_size(presentation.text_size, redraw=False)
            plot.set_line_width(presentation.pen_width, redraw=False)
            plot.set_legend_shown(presentation.legend)
            if (plot.text_size(), plot.line_width()) != before:
                resized = True
                if any(plot is p for p in on_screen):
                    plot.redraw()
        if resized:
            self._stale.update(v for v in VIEWS if not on_screen or v != self.view())

    def set_text_colors(self, text_color) -> None:
        """Function names in the tables in ``text_color(key)``; tables redrawn."""
        self.stats.set_text_colors(text_color)
        self.gains.set_text_colors(text_color)
        self.precision.set_text_colors(text_color)
        # Only the views with tables (the plots take the theme in set_theme).
        for name in ("stats", "gains", "precision"):
            self._mark(name)

    # -- exports -------------------------------------------------------------------------
    def _build_export_menu(self) -> None:
        """An "Export" button in the tab bar's corner: each plot as an image, each table as
        CSV, for the view on screen (actions ``action_lab_export_image_<plot>`` and
        ``action_lab_export_data_<table>``)."""
        self.button_export = QToolButton(self)
        self.button_export.setObjectName("button_lab_export")
        self.button_export.setText(self.tr("Export"))
        self.button_export.setToolTip(
            self.tr("Save this view's plots as images or its numbers as CSV")
        )
        self.button_export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.button_export)
        self.button_export.setMenu(self.export_menu)
        self.tabs.setCornerWidget(self.button_export)
        titles = {
            "distribution": self.tr("Distribution Plot as Image…"),
            "depth": self.tr("Depth Plot as Image…"),
            "phase": self.tr("Phase Diagram as Image…"),
            "train_loss": self.tr("Loss Plot as Image…"),
            "train_accuracy": self.tr("Accuracy Plot as Image…"),
            "train_network": self.tr("Network as Image…"),
            "train_regions": self.tr("Predictions as Image…"),
            "train_dead": self.tr("Dead Units Plot as Image…"),
            "train_gradient": self.tr("Gradient Norm Plot as Image…"),
            "precision": self.tr("Precision Plot as Image…"),
            "precision_error": self.tr("Error Plot as Image…"),
            "precision_compare": self.tr("Comparison Plot as Image…"),
            "spectrum_gaussian": self.tr("Gaussian Weights' Spectrum as Image…"),
            "spectrum_orthogonal": self.tr("Orthogonal Weights' Spectrum as Image…"),
        }
        data_titles = {
            "stats": self.tr("Statistics as CSV…"),
            "depth": self.tr("Depth Numbers as CSV…"),
            "phase": self.tr("Phase Diagram Grid as CSV…"),
            "gains": self.tr("Gains as CSV…"),
            "train": self.tr("Training History as CSV…"),
            "precision": self.tr("Precision Table as CSV…"),
            "spectrum": self.tr("Spectra as CSV…"),
        }
        self.export_actions: dict[str, QAction] = {}
        for name, text in titles.items():
            action = QAction(text, self)
            action.setObjectName(f"action_lab_export_image_{name}")
            action.triggered.connect(lambda _=False, n=name: self.export_image_requested.emit(n))
            self.export_actions[f"image_{name}"] = action
        for name, text in data_titles.items():
            action = QAction(text, self)
            action.setObjectName(f"action_lab_export_data_{name}")
            action.triggered.connect(lambda _=False, n=name: self.export_data_requested.emit(n))
            self.export_actions[f"data_{name}"] = action
        for name, text, ask in (
            ("pytorch", self.tr("PyTorch Script…"), self.train.exports.ask_pytorch),
            ("weights", self.tr("Weights as JSON…"), self.train.exports.ask_weights),
        ):
            action = QAction(text, self)
            action.setObjectName(f"action_lab_export_{name}")
            action.triggered.connect(lambda _=False, ask=ask: ask())
            self.export_actions[name] = action
        self._fill_export_menu()
        self.tabs.currentChanged.connect(lambda _i: self._fill_export_menu())

    def _fill_export_menu(self) -> None:
        entries = {
            "stats": ("image_distribution", "data_stats"),
            "depth": ("image_depth", "image_phase", "data_depth", "data_phase"),
            "gains": ("data_gains",),
            "train": (
                "image_train_loss",
                "image_train_accuracy",
                "image_train_regions",
                "image_train_dead",
                "image_train_gradient",
                "image_train_network",
                "data_train",
                "pytorch",
                "weights",
            ),
            "precision": (
                "image_precision",
                "image_precision_error",
                "image_precision_compare",
                "data_precision",
            ),
            "spectrum": (
                "image_spectrum_gaussian",
                "image_spectrum_orthogonal",
                "data_spectrum",
            ),
        }[self.view()]
        self.export_menu.clear()
        for entry in entries:
            self.export_menu.addAction(self.export_actions[entry])

    def all_plots(self) -> dict[str, LabPlot]:
        """Every plot of every view, by a short name."""
        return {
            **self.stats.plots(),
            **self.depth.plots(),
            **self.train.plots(),
            **self.precision.plots(),
            **self.spectrum.plots(),
        }

    def plots(self) -> dict[str, LabPlot]:
        """The plots of the view on screen (what File → Export Image offers)."""
        return self._view_widget(self.view()).plots()

    def table(self, name: str | None = None) -> tuple[list[str], list[list[str]]]:
        """Header and rows of the numbers behind the view ``name`` (default: on screen),
        every value with all its digits: for a CSV file."""
        name = name or self.view()
        if name == "stats":
            header = ["key"] + [field for field, _t, _p in COLUMNS]
            rows = [
                [key] + [exact_text(getattr(s, field, None)) for field, _t, _p in COLUMNS]
                for key, s in self.stats.rows()
            ]
            return header, rows
        if name == "depth":
            return self.depth.table()
        if name == "phase":
            return self.depth.phase_table()
        if name == "train":
            return self.train.table()
        if name == "precision":
            return self.precision.table_rows()
        if name == "spectrum":
            return self.spectrum.table_rows()
        return self.gains.table_rows()

    def computing(self, name: str) -> bool:
        """Whether numbers of the table ``name`` (as :meth:`table` takes it) are still being
        computed on a worker (a race in training is not: its table is the steps so far)."""
        if name in ("stats", "gains", "precision"):
            return self.deferred.pending()
        if name == "depth":
            depth = self.depth
            return self.deferred.pending() or depth.runner.is_running() or depth.pending()
        if name == "phase":
            return self.depth.phase_runner.is_running() or self.depth.pending()
        if name == "spectrum":
            return self.spectrum.busy()
        return False

    def close_workers(self, msecs: int = 400) -> bool:
        """Cancel every worker computation and wait up to ``msecs`` in all for them (on
        closing: each stops at its next checkpoint, well within it). Whether they ended."""
        deadline = time.monotonic() + msecs / 1000.0
        # Everything asked to stop first, then waited for: they wind down together.
        self.depth.stop(0)
        self.train.stop(0)
        self.deferred.stop(0)
        self.precision.runner.cancel()
        self.spectrum.stop(0)
        return (
            self.spectrum.stop(ms_left(deadline))
            & self.depth.stop(ms_left(deadline))
            & self.train.stop(ms_left(deadline))
            & self.deferred.stop(ms_left(deadline))
            & self.precision.runner.wait(ms_left(deadline))
        )

"""What each unit computes: one run's network drawn as TensorFlow Playground draws it.

Columns of tiles, one per unit (a layer's first ones, "+N more" under it): the unit's
output over the data's box, a heatmap (salmon below 0, teal above: the classes' colours;
each layer on its own scale) or a curve for 1-D data; the outputs in the classes' colours
(or the fit). Links between the units shown: teal for a positive weight, salmon for a
negative one,
wider when larger, a few batches of pairs. Hover for a weight, or a unit's output.
:meth:`TrainNetwork.show_runs` takes frozen copies of the runs; a large network's
pictures are computed on a worker, at most every ``REDRAW_MS``, never while hidden.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QSignalBlocker, Qt, QThreadPool, QTimer
from PySide6.QtGui import QColor, QCursor, QFontMetricsF, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from actgui.analysis.unit_pictures import (
    GAP_Y,
    MAX_UNITS,
    NetworkLayout,
    UnitPictures,
    picture_cost,
    unit_pictures,
)
from actgui.panels.labs.common import fmt
from actgui.panels.labs.train_names import run_name
from actgui.panels.labs.train_network_drawing import (  # noqa: F401 (tests read them here)
    LINK_WIDTHS,
    NetworkDrawing,
    unit_title,
    value_colors,
)
from actgui.plot.lab import LabPlot
from actgui.text import fill
from actgui.worker import TaskRunner

log = logging.getLogger(__name__)

#: Shortest time between two pictures while training.
REDRAW_MS = 250
#: Pixels per side of a unit's picture (2-D inputs).
PIXELS = 32
#: Multiply-adds of a picture computed on the GUI thread (about a millisecond); a larger
#: network's are computed on the worker.
NOW_COST = 2e6
#: The least height of a tile, in pixels: a low plot shows fewer units of each layer.
MIN_TILE_PX = 26
#: Hover distance to a link, in pixels.
HOVER_PX = 5.0


class TrainNetwork(QWidget):
    """A chooser of the race's runs above the chosen run's network (objectName
    ``train_network``). Give it the race's runs with :meth:`show_runs`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("train_network")
        self.combo = QComboBox(self)
        self.combo.setObjectName("combo_train_network_run")
        self.combo.setToolTip(
            QCoreApplication.translate("TrainView", "The run whose network is drawn")
        )
        self.combo.currentIndexChanged.connect(self._on_run_changed)
        chooser = QLabel(QCoreApplication.translate("TrainView", "Network of:"), self)
        chooser.setBuddy(self.combo)
        self.plot = LabPlot("plot_train_network", "", "", self)
        self.plot.set_drawer(self._draw, in_place=True)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.label_key = QLabel(self)
        self.label_key.setObjectName("label_train_network_key")
        self.label_key.setTextFormat(Qt.TextFormat.PlainText)
        self.label_key.setWordWrap(True)
        self.label_key.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Each tile is a unit's output over the data's box (for 1-D data, along x); "
                "each hidden layer and each input feature has its own colour scale. "
                "Links are the weights between the units shown, wider when larger. Hover "
                "over a link for its weight, over a tile for the unit's output there.",
            )
        )
        top = QHBoxLayout()
        top.addWidget(chooser)
        top.addWidget(self.combo)
        top.addWidget(self.label_key, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self._runner = TaskRunner(self, pool=pool)
        self._runner.finished.connect(self._on_pictures)
        self._runner.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._request)
        self._drawing = NetworkDrawing()
        self._layout: NetworkLayout | None = None
        self._serial, self._runs, self._box, self._entries = None, (), None, None
        self._source: Callable[[], tuple | None] | None = None
        self._pictures: UnitPictures | None = None
        self._asked: tuple | None = None
        self._last, self._stale, self._pull, self._resized = -math.inf, False, False, False
        #: The last hover's text ("" when over nothing): what the tooltip shows.
        self.hover_text = ""
        self._update_key()

    # -- what it shows ---------------------------------------------------------------------
    def show_runs(
        self, serial: object, runs: Sequence, box, names=None, colors: Sequence[str] = ()
    ) -> None:
        """The race ``serial``'s runs (frozen copies: read on a worker), the data's box,
        the runs' names (default: ``run_name``'s) and colours (a swatch in the chooser).
        Their pictures follow, at most every ``REDRAW_MS``; none while the widget is
        hidden (nor frozen copies needed then: see :meth:`follow`)."""
        self._take(serial, runs, box, names, colors)
        self._schedule()

    def follow(self, source: Callable[[], tuple | None]) -> None:
        """Take the runs from ``source()`` (:meth:`show_runs`' arguments, or None for no
        race) when pictures are due after :meth:`changed`: at most every ``REDRAW_MS``,
        never while hidden, so frozen copies are made only then."""
        self._source = source

    def changed(self) -> None:
        """The race moved on, or is another (for :meth:`follow`: the controller's
        ``updated``)."""
        self._pull = True
        self._schedule()

    def _take(self, serial, runs, box, names=None, colors=()) -> None:
        runs = tuple(runs)
        if names is None:
            acts = [run.act.key for run in runs]
            names = [run_name(run, len(set(acts)) < len(acts)) for run in runs]
        entries = (list(names), list(colors))
        if serial != self._serial or entries != self._entries:
            keep = self.combo.currentIndex() if serial == self._serial else 0
            with QSignalBlocker(self.combo):
                self.combo.clear()
                self.combo.addItems(entries[0])
                for i, color in enumerate(entries[1]):
                    swatch = QPixmap(12, 12)
                    swatch.fill(QColor(color))
                    self.combo.setItemIcon(i, QIcon(swatch))
                self.combo.setCurrentIndex(min(max(keep, 0), len(runs) - 1))
        self._serial, self._runs, self._box, self._entries = serial, runs, box, entries

    def clear(self) -> None:
        """No race (being built, or none could be)."""
        self._runner.cancel()
        self._serial, self._runs, self._box, self._entries = None, (), None, None
        self._pictures, self._asked = None, None
        with QSignalBlocker(self.combo):
            self.combo.clear()
        self.plot.redraw()

    def chosen(self) -> int:
        """The index of the run drawn (−1 with none)."""
        return self.combo.currentIndex()

    def pictures(self) -> UnitPictures | None:
        """The pictures drawn (or being drawn)."""
        return self._pictures

    def stop(self, msecs: int = 5000) -> bool:
        """Cancel the pictures being computed and wait up to ``msecs`` for it (closing)."""
        self._timer.stop()
        self._runner.cancel()
        return self._runner.wait(msecs)

    # -- when to compute ------------------------------------------------------------------
    def _tag(self) -> tuple | None:
        i = self.chosen()
        if not self._runs or not 0 <= i < len(self._runs):
            return None
        run = self._runs[i]
        return (self._serial, i, int(run.steps), bool(run.diverged), self._cap())

    def _cap(self) -> int:
        """Units shown of a layer: as many as the plot's height holds at ``MIN_TILE_PX``
        (3 to ``MAX_UNITS``)."""
        room = self.plot.height() - 4.0 * QFontMetricsF(self.plot.text_font()).height()
        return int(min(MAX_UNITS, max(3, room // (MIN_TILE_PX * (1.0 + GAP_Y)))))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._resized = True  # (laid out again for the new size, or fewer units shown)
        self._schedule()

    def _schedule(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        if not self._timer.isActive():
            since = (time.monotonic() - self._last) * 1000.0
            self._timer.start(round(min(max(REDRAW_MS - since, 0.0), REDRAW_MS)))

    def _request(self) -> None:
        """Compute the chosen run's pictures unless they are there or coming."""
        if not self.isVisible():
            self._stale = True
            return
        if self._pull and self._source is not None:
            self._pull, taken = False, self._source()
            if taken is None:
                self.clear()
                return
            self._take(*taken)
        tag = self._tag()
        if tag is None or self._asked == tag:
            return
        if self._pictures is not None and self._pictures.tag == tag:
            if self._resized:
                self._resized = False
                self.plot.redraw()
            return
        if self._runner.is_running() and self._asked is not None and self._asked[:2] == tag[:2]:
            return  # (an earlier step of the same run: it first, then the newest)
        self._asked = tag
        self._last = time.monotonic()
        run = self._runs[tag[1]]
        if picture_cost(run, PIXELS * PIXELS) <= NOW_COST:
            self._runner.cancel()
            self._on_pictures(unit_pictures(run, self._box, PIXELS, tag, cap=tag[-1]))
        else:
            self._runner.start(unit_pictures, run, self._box, PIXELS, tag, cap=tag[-1])

    def _on_pictures(self, pictures: UnitPictures) -> None:
        self._asked = None
        if pictures.tag[:2] != (self._serial, self.chosen()):
            self._schedule()
            return
        self._pictures, self._resized = pictures, False
        if self.isVisible():
            self.plot.redraw()
        else:
            self._stale = True
        self._update_key()
        if pictures.tag != self._tag():
            self._schedule()  # (the run went on meanwhile)

    def _on_failed(self, message: str) -> None:
        self._asked = None
        log.warning("Unit pictures failed: %s", message)

    def _on_run_changed(self, _index: int) -> None:
        self._pictures = None
        self._timer.stop()
        self._request()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.plot.redraw()
            QTimer.singleShot(0, self._request)

    # -- drawing ---------------------------------------------------------------------------
    def _draw(self, plot: LabPlot) -> None:
        layout = self._drawing.draw(plot, self._pictures)
        if plot is self.plot:
            self._layout = layout

    def _update_key(self) -> None:
        pictures = self._pictures
        if pictures is None:
            self.label_key.setText("")
            return
        if pictures.dims == 2:
            text = QCoreApplication.translate(
                "TrainView",
                "Unit outputs: salmon < 0 < teal, each layer on its own scale (point at a "
                "unit for its values). Weights: teal > 0 > salmon.",
            )
        else:
            text = QCoreApplication.translate(
                "TrainView",
                "Unit outputs: each layer on its own scale (point at a unit for its values). "
                "Weights: teal > 0 > salmon.",
            )
        self.label_key.setText(text)

    # -- hover -----------------------------------------------------------------------------
    def text_at(self, scene_pos: QPointF) -> str:
        """What the plot shows at ``scene_pos``: the weight of the link there, or the
        unit's output at that point of its tile ("" for nothing)."""
        pictures, layout = self._pictures, self._layout
        if pictures is None or layout is None:
            return ""
        view = self.plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            return ""
        p = view.mapSceneToView(scene_pos)
        tile_px = view.mapViewToScene(QPointF(1, 0)).x() - view.mapViewToScene(QPointF(0, 0)).x()
        link = layout.link_at(p.x(), p.y(), HOVER_PX / max(tile_px, 1e-9))
        if link is not None:
            layer, src, dst = layout.ends[link]
            text = QCoreApplication.translate("TrainView", "%1 → %2\nweight %3")
            ends = unit_title(pictures, layer, src), unit_title(pictures, layer + 1, dst)
            return fill(text, *ends, fmt(float(layout.weights[link]), 4))
        tile = layout.tile_at(p.x(), p.y())
        if tile is None:
            return ""
        layer, unit, u, v = tile
        value, point = pictures.value_at(layer, unit, u, v)
        at = ", ".join(fmt(float(c), 3) for c in point)
        at = f"({at})" if point.size > 1 else at
        text = QCoreApplication.translate("TrainView", "%1\n%2 at %3")
        return fill(text, unit_title(pictures, layer, unit), fmt(float(value), 4), at)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.text_at(scene_pos)
        if text == self.hover_text:
            return
        self.hover_text = text
        if text:
            QToolTip.showText(QCursor.pos(), text, self.plot)
        else:
            QToolTip.hideText()

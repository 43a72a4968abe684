"""The regions plot's tool row: show the held-out test points, discretize the regions,
and draw your own data into the cells.

With class A or class B (a 1-D fit: "point") chosen, a click in any cell adds a point
where it was clicked, in the data's units (``RegionCells.layout()`` maps the plot to the
data); "erase" removes the points a drag passes over; "clear" removes every point. Each
edit is one ``TrainModel.update(dataset="drawn", points=...)`` (one per click, one per
finished drag: each starts a new race). The first edit of a built-in or CSV data set
copies its points (training and test) so that the user edits what is shown. The box
stays put while drawing: a drawing's box covers at least ``[-DRAW_AREA, DRAW_AREA]²``,
and a click in its margin puts the point on that area's edge.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QToolButton, QWidget

from actgui.analysis.datasets import DATASETS_1D, DATASETS_2D
from actgui.analysis.race import CSV_DATASET, DRAWN_DATASET, shown_points
from actgui.i18n import translated_error
from actgui.panels.labs.train_regions import CLASS_COLORS, CellLayout, RegionCells, Sketch
from actgui.plot.lab import LabPlot
from actgui.training import RaceController, TrainModel

#: The drawing tools: a point of class 0 or 1, a point of a curve, the eraser.
TOOLS = ("class_0", "class_1", "point", "erase")
#: How near (in pixels) the eraser's path must pass a point to remove it.
ERASE_PIXELS = 9.0


def _swatch(color: str) -> QIcon:
    """A small square of ``color`` (a class's), edged in grey, for its button."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#777777"))
    painter.drawRect(0, 0, 11, 11)
    painter.end()
    return QIcon(pixmap)


def _segment_distance(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance of each of ``points`` (n × 2) from the segment a–b."""
    d = b - a
    length = float(d @ d)
    t = np.zeros(points.shape[0]) if length == 0.0 else np.clip((points - a) @ d / length, 0, 1)
    return np.hypot(*(points - (a + t[:, None] * d)).T)


class RegionTools(QWidget):
    """The row of the regions plot's tools, for ``plot`` drawn by ``cells``; edits go to
    ``train``. ``edited`` follows each edit taken, ``refused`` (the reason, translated)
    one the set-up refused."""

    edited = Signal()
    refused = Signal(str)

    def __init__(
        self,
        train: TrainModel,
        controller: RaceController,
        plot: LabPlot,
        cells: RegionCells,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("row_train_region_tools")
        self._train = train
        self._controller = controller
        self._plot = plot
        self._cells = cells
        self._tool: str | None = None
        #: Whether the data is a classification (None: not known yet, e.g. a CSV read).
        self._classify: bool | None = None
        #: A drag of the eraser: the layout and points it began on, where it passed, and
        #: the points it marked (indices), with the crosses that show them.
        self._erasing: dict | None = None
        self._build_row()
        cells.sketch = self.sketch
        self._viewport = plot.viewport()
        self._viewport.installEventFilter(self)
        train.config_changed.connect(lambda _config: self._update_kind())
        controller.updated.connect(self._update_kind)
        self._update_kind()

    # -- building --------------------------------------------------------------------------
    def _build_row(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.check_test = QCheckBox(QCoreApplication.translate("TrainView", "Show test data"))
        self.check_test.setObjectName("check_train_show_test")
        self.check_test.setToolTip(
            QCoreApplication.translate(
                "TrainView",
                "Draw the held-out test points too (those not trained on), outlined in "
                "the text colour",
            )
        )
        self.check_test.toggled.connect(self._on_show_test_changed)
        self.check_discretize = QCheckBox(
            QCoreApplication.translate("TrainView", "Discretize output")
        )
        self.check_discretize.setObjectName("check_train_discretize")
        self.check_discretize.setToolTip(
            QCoreApplication.translate(
                "TrainView", "Colour each region by the winning class alone, however unsure"
            )
        )
        self.check_discretize.toggled.connect(self._on_discretize_changed)
        row.addWidget(self.check_test)
        row.addWidget(self.check_discretize)
        row.addSpacing(12)
        row.addWidget(QLabel(QCoreApplication.translate("TrainView", "Draw:"), self))
        self.tool_buttons: dict[str, QToolButton] = {}
        texts = {
            "class_0": (
                QCoreApplication.translate("TrainView", "Class A"),
                QCoreApplication.translate(
                    "TrainView", "Click in a cell to add a point of class A"
                ),
            ),
            "class_1": (
                QCoreApplication.translate("TrainView", "Class B"),
                QCoreApplication.translate(
                    "TrainView", "Click in a cell to add a point of class B"
                ),
            ),
            "point": (
                QCoreApplication.translate("TrainView", "Point"),
                QCoreApplication.translate(
                    "TrainView", "Click in a cell to add a point of the curve to fit"
                ),
            ),
            "erase": (
                QCoreApplication.translate("TrainView", "Erase"),
                QCoreApplication.translate("TrainView", "Drag over points to remove them"),
            ),
        }
        for tool, (text, tip) in texts.items():
            button = QToolButton(self)
            button.setObjectName(f"button_train_draw_{tool}")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            if tool.startswith("class_"):
                button.setIcon(_swatch(CLASS_COLORS[int(tool[-1])]))
            button.toggled.connect(lambda on, t=tool: self._on_tool_toggled(t, on))
            row.addWidget(button)
            self.tool_buttons[tool] = button
        self.button_clear = QToolButton(self)
        self.button_clear.setObjectName("button_train_draw_clear")
        self.button_clear.setText(QCoreApplication.translate("TrainView", "Clear"))
        self.button_clear.setToolTip(
            QCoreApplication.translate("TrainView", "Remove every point, to draw your own data")
        )
        self.button_clear.clicked.connect(lambda _checked=False: self.clear())
        row.addWidget(self.button_clear)

    # -- the user's choices ----------------------------------------------------------------
    def tool(self) -> str | None:
        """The drawing tool chosen (``TOOLS``), or None."""
        return self._tool

    def set_tool(self, tool: str | None) -> None:
        """Choose a drawing tool (``TOOLS``), or None for none."""
        if tool is not None and tool not in TOOLS:
            raise ValueError(f"tool must be one of {TOOLS} or None, not {tool!r}")
        self._tool = tool
        for name, button in self.tool_buttons.items():
            with QSignalBlocker(button):
                button.setChecked(name == tool)
        if tool is None:
            self._viewport.unsetCursor()
        else:
            self._viewport.setCursor(Qt.CursorShape.CrossCursor)

    def _on_tool_toggled(self, tool: str, on: bool) -> None:
        if on:
            self.set_tool(tool)
        elif self._tool == tool:
            self.set_tool(None)

    def _on_show_test_changed(self, on: bool) -> None:
        self._cells.show_test = on
        self._plot.redraw()

    def _on_discretize_changed(self, on: bool) -> None:
        self._cells.discretize = on
        self._plot.redraw()

    def _update_kind(self) -> None:
        """Class buttons for classification data, "point" for a curve (a CSV file's kind
        is known once its race is built; an empty drawing keeps the last kind)."""
        config = self._train.config()
        race = self._controller.race
        if config.dataset == DRAWN_DATASET and config.points:
            self._classify = len(config.points[0]) == 3
        elif config.dataset in DATASETS_2D:
            self._classify = True
        elif config.dataset in DATASETS_1D:
            self._classify = False
        elif config.dataset == CSV_DATASET and race is not None:
            self._classify = race.classify
        classify = self._classify is not False
        self.check_discretize.setEnabled(classify)
        for tool, button in self.tool_buttons.items():
            button.setVisible(tool == "erase" or (tool == "point") != classify)
        if self._tool is not None and not self.tool_buttons[self._tool].isVisibleTo(self):
            self.set_tool(None)

    # -- the drawing -------------------------------------------------------------------------
    def sketch(self) -> Sketch | None:
        """The drawing the cells show while its race is built or cannot be; None when the
        data is not a drawing."""
        config = self._train.config()
        if config.dataset != DRAWN_DATASET:
            return None
        if config.points:
            return Sketch(config, len(config.points[0]) == 3)
        return Sketch(config, self._classify is not False)

    def points(self) -> list[tuple[float, ...]] | None:
        """The points an edit starts from: the drawing's, or those of the data shown
        (training and test: ``race.shown_points``) that a first edit copies; None while a
        CSV file's race, whose points they are, is not there."""
        config = self._train.config()
        with self._controller.reading() as race:
            if config.dataset == CSV_DATASET and (
                race is None or race.config.dataset != CSV_DATASET
            ):
                return None
            return list(shown_points(config, race))

    def _edit(self, points: list[tuple[float, ...]]) -> bool:
        """The drawing ``points`` as the race's data; whether the set-up took it."""
        try:
            self._train.update(dataset=DRAWN_DATASET, points=tuple(points))
        except ValueError as exc:
            self.refused.emit(translated_error(exc))
            return False
        self.edited.emit()
        return True

    def add_point(self, x: float, y: float) -> bool:
        """A point of the chosen class (or of the curve) where the view point (x, y) lies
        in a cell (moved onto the drawing area's edge from its margin). Whether one was
        added."""
        layout = self._cells.layout()
        if layout is None or self._tool not in ("class_0", "class_1", "point"):
            return False
        if (self._tool == "point") == layout.classify:
            return False  # (the cells of other data: the buttons follow soon)
        at = layout.to_data(x, y)
        points = self.points()
        if at is None or points is None:
            return False
        u, v = (float(c) for c in np.clip(at, layout.area_low, layout.area_high))
        row = (u, v) if self._tool == "point" else (u, v, int(self._tool[-1]))
        return self._edit([*points, row])

    def clear(self) -> bool:
        """No point left: a drawing of your own starts (the race waits for enough points)."""
        return self._edit([])

    # -- erasing ---------------------------------------------------------------------------
    def _begin_erase(self, at: QPointF) -> None:
        layout = self._cells.layout()
        points = self.points()
        if layout is None or points is None:
            return
        width = 3 if layout.classify else 2
        table = np.array(points, dtype=np.float64).reshape(-1, width)
        view = self._plot.getPlotItem().getViewBox()
        pixels = view.mapViewToScene(QPointF(1, 0)).x() - view.mapViewToScene(QPointF(0, 0)).x()
        colors = self._plot.colors()
        crosses = pg.ScatterPlotItem(
            [], [], symbol="x", size=self._plot.symbol_size(7.0),
            brush=pg.mkBrush(colors.foreground), pen=pg.mkPen(colors.background),
        )  # fmt: skip
        crosses.setZValue(2)
        self._plot.addItem(crosses)
        self._erasing = {
            "layout": layout, "points": points, "xy": table[:, :2], "marked": set(),
            "last": None, "radius": ERASE_PIXELS / max(abs(pixels), 1e-9), "crosses": crosses,
        }  # fmt: skip
        self._erase_to(at)

    def _erase_to(self, at: QPointF) -> None:
        """The eraser moved to the view point ``at``: the points within its reach of the
        way from where it was are marked."""
        drag = self._erasing
        if drag is None:
            return
        layout: CellLayout = drag["layout"]
        here = np.array([at.x(), at.y()])
        cell = layout.cell_at(*here)
        last = drag["last"]
        drag["last"] = (cell, here)
        if cell is None or not drag["xy"].shape[0]:
            return
        start = last[1] if last is not None and last[0] == cell else here
        shown = layout.to_view(cell, drag["xy"])
        near = _segment_distance(shown, start, here) <= drag["radius"]
        new = set(np.flatnonzero(near).tolist()) - drag["marked"]
        if new:
            drag["marked"] |= new
            marked = drag["xy"][sorted(drag["marked"])]
            spots = np.concatenate([layout.to_view(i, marked) for i in range(layout.count)])
            drag["crosses"].setData(spots[:, 0], spots[:, 1])

    def _end_erase(self) -> bool:
        """The drag ended: its points removed (one edit). Whether any were."""
        drag, self._erasing = self._erasing, None
        if drag is None:
            return False
        self._plot.getPlotItem().removeItem(drag["crosses"])  # (if a rebuild left it)
        if not drag["marked"]:
            return False
        kept = [p for i, p in enumerate(drag["points"]) if i not in drag["marked"]]
        return self._edit(kept)

    # -- the mouse on the plot ---------------------------------------------------------------
    def _view_point(self, event) -> QPointF:
        scene = self._plot.mapToScene(event.position().toPoint())
        return self._plot.getPlotItem().getViewBox().mapSceneToView(scene)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """With a tool chosen, the left button draws or erases in the cells (the plot
        sees none of it)."""
        if self._tool is None or watched is not self._viewport:
            return False
        kind = event.type()
        left = Qt.MouseButton.LeftButton
        if kind == QEvent.Type.MouseButtonPress and event.button() == left:
            at = self._view_point(event)
            if self._tool == "erase":
                self._begin_erase(at)
            else:
                self.add_point(at.x(), at.y())
            return True
        if kind == QEvent.Type.MouseMove and self._erasing is not None:
            self._erase_to(self._view_point(event))
            return True
        if kind == QEvent.Type.MouseButtonRelease and event.button() == left:
            if self._erasing is not None:
                self._erase_to(self._view_point(event))
                self._end_erase()
            return True
        return kind == QEvent.Type.MouseButtonDblClick


__all__ = ["ERASE_PIXELS", "TOOLS", "RegionTools"]

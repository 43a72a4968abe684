"""The cursor: a vertical line at the model's cursor x, driven by the mouse and the arrow keys.

Hovering moves an unpinned cursor; a click pins it, a double click releases it;
← → step a pinned cursor (Shift: ten times further), Esc releases it.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent

from actgui.model import ExplorerModel
from actgui.plot.palette import PLOT_COLORS, PlotColors
from actgui.plot.parts import CurveColor, PlotPart

#: Arrow keys move a pinned cursor by this fraction of the view (Shift: ten times more).
CURSOR_STEP = 1 / 200


class Cursor(QObject, PlotPart):
    """The cursor line and its mouse and keyboard handling; the model holds the cursor."""

    #: (x, y) in data coordinates while the mouse moves over the plot.
    moved = Signal(float, float)

    def __init__(self, model: ExplorerModel, plot_item: pg.PlotItem) -> None:
        super().__init__()
        self._model = model
        self._vb = plot_item.getViewBox()
        self._colors = PLOT_COLORS["light"]
        self._shown_before_export = False
        self.line = pg.InfiniteLine(angle=90, movable=False)
        self.line.setObjectName("cursor_line")
        self.line.setZValue(20)
        self.line.setVisible(False)
        plot_item.addItem(self.line, ignoreBounds=True)
        model.cursor_changed.connect(self._on_cursor_changed)
        scene = plot_item.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)

    # -- PlotPart ----------------------------------------------------------------
    def set_colors(self, colors: PlotColors, curve_color: CurveColor) -> None:
        self._colors = colors
        self._on_cursor_changed()

    def begin_export(self, scale: float) -> None:
        self._shown_before_export = self.line.isVisible()
        self.line.setVisible(False)  # an image shows the curves, not where the mouse was

    def end_export(self) -> None:
        self.line.setVisible(self._shown_before_export)

    # -- input ---------------------------------------------------------------------
    def key_pressed(self, event: QKeyEvent) -> bool:
        """Step or release a pinned cursor; whether the key was used."""
        x, pinned = self._model.cursor()
        key = event.key()
        if not pinned:
            return False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            x_min, x_max = self._model.x_range()
            step = (x_max - x_min) * CURSOR_STEP
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                step *= 10
            self._model.set_cursor(x + (step if key == Qt.Key.Key_Right else -step), True)
            return True
        if key == Qt.Key.Key_Escape:
            self._model.set_cursor(x, False)
            return True
        return False

    def mouse_left(self) -> None:
        """The mouse left the plot: an unpinned cursor disappears."""
        self._model.hover(None)

    def _on_mouse_moved(self, pos: QPointF) -> None:
        if self._vb.sceneBoundingRect().contains(pos):
            p = self._vb.mapSceneToView(pos)
            if math.isfinite(p.x()):
                self._model.hover(p.x())
                self.moved.emit(p.x(), p.y())
        else:
            self._model.hover(None)

    def _on_mouse_clicked(self, event) -> None:
        # A click (not a drag) on the plot pins the cursor there; a double click unpins.
        if event.button() != Qt.MouseButton.LeftButton or event.isAccepted():
            return
        if not self._vb.sceneBoundingRect().contains(event.scenePos()):
            return
        x = self._vb.mapSceneToView(event.scenePos()).x()
        if math.isfinite(x):
            self._model.set_cursor(x, pinned=not event.double())

    # -- model → view --------------------------------------------------------------
    def _on_cursor_changed(self) -> None:
        x, pinned = self._model.cursor()
        self.line.setVisible(x is not None)
        if x is not None:
            self.line.setPos(x)
            style = Qt.PenStyle.SolidLine if pinned else Qt.PenStyle.DashLine
            color = self._colors.cursor_pinned if pinned else self._colors.cursor
            self.line.setPen(pg.mkPen(color, style=style))

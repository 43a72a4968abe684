"""The phase diagram of the Depth tab: χ₁ of the focused function over (σ_w, σ_b), computed
on a worker thread (``actgui.worker``), with the edge of chaos and a ring at the lab's
scales; a click picks σ_w and σ_b."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt
from PySide6.QtWidgets import QWidget

from actgui.activations import REGISTRY
from actgui.analysis import depth as grid  # (read at use: a test makes the grid coarse)
from actgui.analysis.depth import PhaseResult, phase_task
from actgui.i18n import translate
from actgui.labs import SIGMA_B_RANGE, SIGMA_W_RANGE, LabModel
from actgui.model import ExplorerModel
from actgui.panels.labs.common import focus_key
from actgui.plot.lab import LabPlot
from actgui.worker import TaskRunner

#: log10 χ₁ at the ends of the colour scale, and the phases' colours (grey: lengths grow
#: without bound, no χ₁).
PHASE_LEVEL = 1.0
PHASE_ORDERED, PHASE_CHAOTIC, PHASE_UNBOUNDED = "#2166ac", "#b2182b", "#9a9a9a"


def _computing(progress: str) -> str:
    return QCoreApplication.translate("PhaseView", "Computing the phase diagram… %1").replace(
        "%1", progress
    )


class PhaseView(QObject):
    """The phase plot (``plot``, a child of ``parent``, which lays it out) and the worker
    computing its numbers (``runner``; its ``failed`` is for the owner to show)."""

    def __init__(self, model: ExplorerModel, lab: LabModel, parent: QWidget):
        super().__init__(parent)
        self._model = model
        self._lab = lab
        self.result: PhaseResult | None = None
        self._for: tuple | None = None  # (function, params) of the latest task started
        self._shown: tuple | None = None
        self._progress = ""

        self.plot = LabPlot("plot_phase", "σ_w", "σ_b", parent)
        self.plot.set_drawer(self._draw)
        self.plot.setToolTip(
            self.tr(
                "χ₁ of the selected function over σ_w and σ_b: blue ordered (χ₁ < 1, gradients "
                "vanish), red chaotic (χ₁ > 1, they explode), the line the edge of chaos "
                "(χ₁ = 1), the ring the current choice. Click to pick σ_w and σ_b."
            )
        )
        self.plot.scene().sigMouseClicked.connect(self._on_clicked)
        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_result)

    def _on_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        box = self.plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(event.scenePos()):
            return
        point = box.mapSceneToView(event.scenePos())
        w = min(max(round(point.x(), 3), 0.001), SIGMA_W_RANGE[1])
        b = min(max(round(point.y(), 3), SIGMA_B_RANGE[0]), SIGMA_B_RANGE[1])
        self._lab.set_network(sigma_w=w, sigma_b=b)

    # -- computing --------------------------------------------------------------------------
    def _state(self) -> tuple:
        """What the phase plot shows: redrawn only when this changes."""
        result = self.result
        current = result is not None and (result.key, result.params) == self._for
        return (
            focus_key(self._model), id(result), current, self._lab.network()[:2],
            self.plot.theme(),
        )  # fmt: skip

    def refresh(self) -> None:
        """Redraw if what the plot shows changed (the ring moved, a new result)."""
        if self._state() != self._shown:
            self.plot.redraw()

    def start_task(self, focus: str | None) -> None:
        """Start the worker on ``focus``'s diagram if it or its parameters changed
        (cancelling an older one); none for no function."""
        wanted = (
            None if focus is None else (focus, tuple(sorted(self._model.params(focus).items())))
        )
        if wanted != self._for:
            self._for = wanted
            if focus is None:
                self.runner.cancel()
                self.result = None
                self.plot.redraw()
            else:
                self._progress = "…"
                self.runner.start(phase_task, REGISTRY[focus], self._model.params(focus))
                self.plot.redraw()

    def _on_progress(self, done: int, total: int) -> None:
        progress = f"{100 * done // max(total, 1)} %"
        if progress == self._progress:
            return  # (a title laid out again for the same text: 1–2 ms each, many a second)
        self._progress = progress
        self.plot.getPlotItem().setTitle(
            _computing(self._progress), color=self.plot.colors().foreground,
            size=self.plot.title_size(),
        )  # fmt: skip

    def _on_result(self, result: PhaseResult) -> None:
        self.result = result
        self._progress = ""
        self.plot.redraw()

    # -- drawing ------------------------------------------------------------------------------
    def _draw(self, plot: LabPlot) -> None:
        self._shown = self._state()
        item = plot.getPlotItem()
        key = focus_key(self._model)
        fg = plot.colors().foreground
        result = self.result
        current = result is not None and (result.key, result.params) == self._for
        if key is None:
            item.setTitle(None)
            return
        name = translate(REGISTRY[key].name)
        sigma_w, sigma_b = grid.PHASE_SIGMA_W, grid.PHASE_SIGMA_B
        if not current:
            item.setTitle(_computing(self._progress), color=fg, size=plot.title_size())
        else:
            item.setTitle(self._title(name, result), color=fg, size=plot.title_size(8 / 9))
            with np.errstate(divide="ignore", invalid="ignore"):
                level = np.log10(result.chi)
            unbounded = ~np.isfinite(level)
            level = np.clip(np.where(unbounded, 0.0, level), -PHASE_LEVEL, PHASE_LEVEL)
            cmap = pg.ColorMap([0.0, 0.5, 1.0], [PHASE_ORDERED, "#f7f7f7", PHASE_CHAOTIC])
            rgba = cmap.map((level + PHASE_LEVEL) / (2 * PHASE_LEVEL), mode="byte")
            rgba[unbounded] = pg.mkColor(PHASE_UNBOUNDED).getRgb()
            image = pg.ImageItem(np.ascontiguousarray(np.transpose(rgba, (1, 0, 2))))
            dw = sigma_w[1] - sigma_w[0]
            db = sigma_b[1] - sigma_b[0]
            image.setRect(
                QRectF(
                    sigma_w[0] - dw / 2, sigma_b[0] - db / 2,
                    dw * sigma_w.size, db * sigma_b.size,
                )
            )  # fmt: skip
            item.addItem(image)
            ok = np.isfinite(result.eoc_sigma_w)
            edge = pg.PlotDataItem(
                result.eoc_sigma_w[ok], result.eoc_sigma_b[ok], pen=plot.pen("#000000", 0, 2.0)
            )
            item.addItem(edge)
        w, b, _ = self._lab.network()
        # A ring in the foreground colour with a thin outline of the other: visible on blue,
        # red, white and grey alike; the ranges leave room for it at σ_b = 0.
        for width, color in ((3.0, plot.colors().background), (1.6, fg)):
            mark = pg.ScatterPlotItem(
                [w], [b], size=plot.symbol_size(12), symbol="o",
                pen=pg.mkPen(color, width=width * plot.symbol_size(1)), brush=pg.mkBrush(None),
            )  # fmt: skip
            item.addItem(mark)
        item.setXRange(0.0, float(sigma_w[-1]) + 0.05, padding=0)
        item.setYRange(-0.1, float(sigma_b[-1]) + 0.05, padding=0)

    @staticmethod
    def _title(name: str, result: PhaseResult) -> str:
        """The title with its colour key (rich text): what blue, red, grey and the line mean."""

        def square(color: str) -> str:
            return f'<span style="color:{color}">■</span>'

        text = html.escape(
            QCoreApplication.translate("PhaseView", "%1: %2 ordered · %3 chaotic · %4 unbounded")
        )
        text = text.replace("%1", html.escape(name)).replace("%2", square(PHASE_ORDERED))
        text = text.replace("%3", square(PHASE_CHAOTIC)).replace("%4", square(PHASE_UNBOUNDED))
        if (result.eoc_sigma_w <= grid.PHASE_SIGMA_W[-1]).any():  # (NaN compares False)
            edge = QCoreApplication.translate("PhaseView", "— edge of chaos")
        else:
            edge = QCoreApplication.translate("PhaseView", "no edge of chaos here")
        text += " · " + html.escape(edge)
        return text

    # -- data for a CSV -------------------------------------------------------------------------
    def table(self) -> tuple[list[str], list[list[str]]]:
        """The phase diagram's grid as rows (σ_w, σ_b, χ₁)."""
        result = self.result
        header = ["sigma_w", "sigma_b", "chi_1"]
        if result is None:
            return header, []
        rows = [
            [repr(float(w)), repr(float(b)), repr(float(result.chi[i, j]))]
            for i, b in enumerate(grid.PHASE_SIGMA_B)
            for j, w in enumerate(grid.PHASE_SIGMA_W)
        ]
        return header, rows

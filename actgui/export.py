"""Writing the plot to image files. No dialogs: callers choose the path and report errors.

Every writer renders to a temporary file beside the target and renames it into
place only when rendering succeeded, so a failed export never leaves a
half-written file (and never clobbers an existing one).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

#: Image formats by file extension, with the filter text shown in file dialogs.
IMAGE_FORMATS: dict[str, str] = {
    "png": "PNG image (*.png)",
    "svg": "SVG vector image (*.svg)",
}


class ExportError(Exception):
    """An export could not be written; the message says why, for the user."""


def format_for(path: str | os.PathLike[str]) -> str:
    """The image format of ``path`` from its extension (``ExportError`` if unsupported)."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in IMAGE_FORMATS:
        known = ", ".join(f".{e}" for e in IMAGE_FORMATS)
        raise ExportError(f"Cannot export to '{Path(path).name}': use one of {known}.")
    return ext


def export_image(
    plot: pg.PlotWidget, path: str | os.PathLike[str], width: int | None = None
) -> Path:
    """Write the plot area of ``plot`` to ``path`` as PNG or SVG, chosen by extension.

    Parameters
    ----------
    plot
        A shown, laid-out plot widget (sizes are wrong before the first layout).
    path
        Target file; its extension picks the format.
    width
        PNG width in pixels; by default the plot's own width on screen.
    """
    path = Path(path)
    fmt = format_for(path)
    writer = _write_png if fmt == "png" else _write_svg
    _atomic_write(path, lambda tmp: writer(plot, tmp, width))
    return path


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    directory = path.parent
    if not directory.is_dir():
        raise ExportError(f"Cannot export to '{path}': the folder {directory} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=directory)
    except OSError as exc:
        raise ExportError(f"Cannot write to the folder {directory}: {exc.strerror}.") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"Cannot write '{path}': {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _write_png(plot: pg.PlotWidget, tmp: Path, width: int | None) -> None:
    exporter = ImageExporter(plot.getPlotItem())
    if width is not None:
        exporter.parameters()["width"] = int(width)
    image = exporter.export(toBytes=True)
    if image is None or image.isNull() or not image.save(str(tmp), "PNG"):
        raise ExportError(f"Could not render or save the PNG image ('{tmp.name}').")


def _write_svg(plot: pg.PlotWidget, tmp: Path, _width: int | None) -> None:
    # pyqtgraph 0.14's SVGExporter raises on a PlotItem; Qt's generator renders
    # the scene as vectors (cosmetic pens stay one device pixel wide).
    item = plot.getPlotItem()
    source = item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(str(tmp))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("actgui plot")
    generator.setDescription("Activation functions plotted by actgui")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(f"Could not start writing the SVG file ('{tmp.name}').")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    if tmp.stat().st_size == 0:
        raise ExportError(f"Nothing was written to the SVG file ('{tmp.name}').")

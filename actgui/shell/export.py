"""Writing the plot to files: PNG (1×/2×/4×), SVG, PDF and CSV. No dialogs.

Every writer renders to a temporary file beside the target and renames it into
place only when rendering succeeded, so a failed export never leaves a
half-written file (and never clobbers an existing one).

Images are rendered from the plot's scene with Qt's own paint devices
(``QImage``, ``QSvgGenerator``, ``QPdfWriter``): pyqtgraph 0.14's SVGExporter
raises on a PlotItem, and its ImageExporter keeps cosmetic pens one pixel wide
at any scale, so a 4× PNG would have hair-thin lines. Here the view widens the
pens of its items by the scale for the duration of the render
(``PlotView.exporting``), and text, which follows the painter's transform,
grows with it. Vector pages are set to the scene's resolution (``_scene_dpi``), and an
SVG is painted through ``page_device.PageDevice``, which hands Qt's SVG writer every shape
in page coordinates: drawn as Qt writes it by itself, librsvg showed the curves as blobs,
and zoomed views lost their precision (see there); ``svg_fixups`` then makes its clips
hold in every reader and its fonts portable.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPicture,
)
from PySide6.QtSvg import QSvgGenerator

from actgui.activations import REGISTRY
from actgui.analysis.sampling import curve_values
from actgui.files import shown_name, write_atomically
from actgui.i18n import translated_text
from actgui.preferences import ImageOptions
from actgui.shell.formats import DATA_FORMATS, IMAGE_FORMATS, MAX_PIXELS, MAX_SIDE
from actgui.shell.page_device import PageDevice
from actgui.shell.svg_fixups import clip_for_every_renderer

#: Evenly spaced rows of a CSV export across the visible x-range (kinks come on top).
CSV_POINTS = 1001


# Messages for the user, translated when raised.
_CANNOT_START = QT_TRANSLATE_NOOP("Export", "Could not start writing the %1 file ('%2').")
_CANNOT_WRITE = QT_TRANSLATE_NOOP("Export", "Cannot write '%1': %2.")
_EMPTY_FILE = QT_TRANSLATE_NOOP("Export", "Nothing was written to the %1 file ('%2').")
_FOLDER_NOT_WRITABLE = QT_TRANSLATE_NOOP("Export", "Cannot write to the folder %1: %2.")
_NO_CURVE = QT_TRANSLATE_NOOP("Export", "Nothing to export: no curve is shown.")
_NO_ROWS = QT_TRANSLATE_NOOP("Export", "Nothing to export: the table is empty.")
_NO_FOLDER = QT_TRANSLATE_NOOP("Export", "Cannot export to '%1': the folder %2 does not exist.")
_PNG_FAILED = QT_TRANSLATE_NOOP("Export", "Could not render or save the PNG image ('%1').")
_INCOMPLETE = QT_TRANSLATE_NOOP(
    "Export", "The %1 file '%2' could not be written completely (is the disk full?)."
)
_UNSUPPORTED = QT_TRANSLATE_NOOP("Export", "Cannot export to '%1': use one of %2.")
_TOO_LARGE = QT_TRANSLATE_NOOP(
    "Export", "An image of %1×%2 pixels is too large (at most %3 million); choose a smaller scale."
)


log = logging.getLogger(__name__)


def _t(template: str, *args: object) -> str:
    """``template`` in the interface language, with %1, %2… filled in."""
    text = QCoreApplication.translate("Export", template)
    for i, arg in enumerate(args, start=1):
        text = text.replace(f"%{i}", str(arg))
    return text


class ExportError(Exception):
    """An export could not be written; the message says why, for the user."""


def format_for(path: str | os.PathLike[str], formats: dict[str, str] = IMAGE_FORMATS) -> str:
    """The format of ``path`` from its extension (``ExportError`` if unsupported)."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in formats:
        known = ", ".join(f".{e}" for e in formats)
        raise ExportError(_t(_UNSUPPORTED, Path(path).name, known))
    return ext


def export_image(
    plot: pg.PlotWidget, path: str | os.PathLike[str], options: ImageOptions | None = None
) -> Path:
    """Write the plot area of ``plot`` to ``path`` as PNG, SVG or PDF, chosen by extension.

    ``plot`` must have been shown and laid out (sizes are wrong before).
    """
    options = options or ImageOptions()
    path = Path(path)
    kind = format_for(path)
    writer = {"png": _write_png, "svg": _write_svg, "pdf": _write_pdf}[kind]
    verify = {"svg": _verify_svg, "pdf": _verify_pdf}.get(kind)
    _atomic_write(
        path,
        lambda tmp: writer(plot, tmp, options, path),
        None if verify is None else lambda tmp: verify(tmp, path),
    )
    return path


def plot_image(plot: pg.PlotWidget, options: ImageOptions | None = None) -> QImage:
    """The plot area as an image (for the clipboard and PNG files)."""
    options = options or ImageOptions()
    source = _source_rect(plot)
    s = options.scale
    width, height = round(source.width() * s), round(source.height() * s)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ExportError(_t(_TOO_LARGE, width, height, MAX_PIXELS // 1_000_000))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(_background(plot, options))
    painter = QPainter(image)
    try:
        target = QRectF(0, 0, image.width(), image.height())
        _render(plot, painter, target, source, s, _theme_for(options))
    finally:
        painter.end()
    return image


def export_csv(plot, model, path: str | os.PathLike[str]) -> Path:
    """Write the shown curves as CSV: ``x``, then one column per visible curve.

    Columns are named like ``relu``, ``relu_d1``, ``relu_d2``. The x column covers exactly
    the visible range ``model.x_range()``: ``CSV_POINTS`` evenly spaced values from x_min
    to x_max (both exact), plus each shown function's kinks inside it, each with the floats
    just below and above it (as the plot samples them: a corner comes out exact, and a
    jump shows both one-sided limits). Every value is computed by the registry at that x
    at full float precision, and a jump, drawn as a gap, is an empty cell. UTF-8.
    """
    path = Path(path)
    format_for(path, DATA_FORMATS)
    plot.refresh()  # a change may still be waiting for the event loop
    curves = plot.visible_curves()
    if not curves:
        raise ExportError(_t(_NO_CURVE))
    keys = dict.fromkeys(key for key, _ in curves)
    kinks = [k for key in keys for k in REGISTRY[key].kinks(**model.params(key))]
    x = csv_grid(*model.x_range(), kinks)
    columns = []
    for key, order in curves:
        act = REGISTRY[key]
        params = model.params(key)
        columns.append(curve_values(act, order, x, params))
    header = ["x"] + [key if order == 0 else f"{key}_d{order}" for key, order in curves]

    def write(tmp: Path) -> None:
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            for i, xi in enumerate(x):
                row = [repr(float(xi))]
                row += ["" if np.isnan(c[i]) else repr(float(c[i])) for c in columns]
                out.writerow(row)

    _atomic_write(path, write)
    return path


def export_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], path: str | os.PathLike[str]
) -> Path:
    """Write a table (an analysis view's numbers) as UTF-8 CSV, whole or not at all."""
    path = Path(path)
    format_for(path, DATA_FORMATS)
    rows = [list(r) for r in rows]
    if not rows:
        raise ExportError(_t(_NO_ROWS))

    def write(tmp: Path) -> None:
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(list(header))
            out.writerows(rows)

    _atomic_write(path, write)
    return path


def csv_grid(x_min: float, x_max: float, kinks=(), n: int | None = None) -> np.ndarray:
    """The x column of a CSV export: ``n`` (``CSV_POINTS``) evenly spaced values from
    ``x_min`` to ``x_max``, plus each kink in [x_min, x_max] with its neighbouring floats
    inside it; sorted, distinct."""
    n = CSV_POINTS if n is None else n
    i = np.arange(n, dtype=np.float64)
    # Weighted ends rather than x_min + i·step: decimal steps come out as the decimals
    # they are (−5.988, not −5.9879999999999995).
    grid = (x_min * (n - 1 - i) + x_max * i) / (n - 1)
    grid[0], grid[-1] = x_min, x_max
    inside = np.array([k for k in kinks if x_min <= k <= x_max], dtype=np.float64)
    extra = np.concatenate([np.nextafter(inside, -np.inf), inside, np.nextafter(inside, np.inf)])
    extra = extra[(extra >= x_min) & (extra <= x_max)]
    return np.unique(np.concatenate([np.clip(grid, x_min, x_max), extra]))


# -- rendering -----------------------------------------------------------------


def _source_rect(plot: pg.PlotWidget) -> QRectF:
    return plot.getPlotItem().sceneBoundingRect()


def _theme_for(options: ImageOptions) -> str | None:
    """The plot colours for a background: light on white, as shown otherwise."""
    return "light" if options.background == "white" else None


def _background(plot: pg.PlotWidget, options: ImageOptions) -> QColor:
    if options.background == "transparent":
        return QColor(0, 0, 0, 0)
    if options.background == "white":
        return QColor("white")
    return plot.backgroundBrush().color()


def _render(
    plot: pg.PlotWidget,
    painter: QPainter,
    target: QRectF,
    source: QRectF,
    s: float,
    theme: str | None = None,
):
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # Pens widened by s, the cursor line hidden; on a white page, the light theme's
    # colours, so that light-on-dark curves and axes stay visible.
    with plot.exporting(s, theme=theme):
        plot.scene().render(painter, target, source)


# -- writers -------------------------------------------------------------------


def _atomic_write(
    path: Path, write: Callable[[Path], None], verify: Callable[[Path], None] | None = None
) -> None:
    """``files.write_atomically`` with the user's messages: nothing half-written, ever
    (and never a FIFO or a device replaced by a regular file)."""
    directory = path.parent
    try:
        if not directory.is_dir():
            raise ExportError(_t(_NO_FOLDER, shown_name(path), shown_name(directory)))
        if not os.access(directory, os.W_OK | os.X_OK):
            raise ExportError(
                _t(_FOLDER_NOT_WRITABLE, shown_name(directory), os.strerror(errno.EACCES))
            )
        write_atomically(path, write, verify)
    except OSError as exc:  # (a path too long to look up fails in is_dir already)
        reason = translated_text(exc.strerror) if exc.strerror else exc  # (a FIFO…)
        raise ExportError(_t(_CANNOT_WRITE, shown_name(path), reason)) from exc


def _verify_svg(path: Path, target: Path) -> None:
    """A cut-off SVG (a full disk: QSvgGenerator does not report it) does not parse."""
    try:
        ElementTree.parse(path)
    except ElementTree.ParseError:
        raise ExportError(_t(_INCOMPLETE, "SVG", target)) from None


def _verify_pdf(path: Path, target: Path) -> None:
    """A complete PDF ends with its %%EOF marker (QPdfWriter does not report a short write)."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 1024))
        if b"%%EOF" not in handle.read():
            raise ExportError(_t(_INCOMPLETE, "PDF", target))


def _write_png(plot: pg.PlotWidget, tmp: Path, options: ImageOptions, target: Path) -> None:
    image = plot_image(plot, options)
    # Encoded in memory, written by Python: QImage.save to a file ignores a failure of its
    # last buffered write (a disk filling in the last 16 KB gave a cut-off PNG and success).
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    with _c_stderr_to_log():
        saved = not image.isNull() and image.save(buffer, "PNG")
    buffer.close()
    if not saved:
        raise ExportError(_t(_PNG_FAILED, target))
    tmp.write_bytes(bytes(data))


@contextlib.contextmanager
def _c_stderr_to_log() -> Iterator[None]:
    """libpng prints its errors ("libpng error: Write Error") straight to the C stderr, past
    Qt's message handler; collect them into the log instead, so a failed export says one
    thing, our message."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a GUI launcher): nothing to catch
        yield
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text = sink.read().decode("utf-8", "replace").strip()
            if text:
                log.debug("While writing a PNG: %s", text)


def _write_svg(plot: pg.PlotWidget, tmp: Path, options: ImageOptions, target: Path) -> None:
    source = _source_rect(plot)
    # SVG 1.1 rather than Qt's default SVG Tiny 1.2: only 1.1 output carries clip paths, so
    # the curves, sampled a little beyond the view, stop at its edge as on screen.
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setFileName(str(tmp))
    # The resolution the scene's cached pictures were recorded at (see _scene_dpi).
    generator.setResolution(_scene_dpi())
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("actgui plot")
    generator.setDescription("Activation functions plotted by actgui")
    page = QRectF(0, 0, source.width(), source.height())
    _paint_document(plot, generator, page, options, "SVG", tmp, target, on_page=True)
    try:
        clip_for_every_renderer(tmp)
    except ElementTree.ParseError:  # cut off (a full disk: QSvgGenerator does not report it)
        raise ExportError(_t(_INCOMPLETE, "SVG", target)) from None


def _scene_dpi() -> int:
    """The resolution a vector page needs for the scene to come out at its size on screen.

    pyqtgraph's axes paint from a cached ``QPicture``, recorded at Qt's default (screen)
    resolution; Qt plays a picture on a device of another resolution scaled by the ratio.
    On ``QSvgGenerator``'s default 72 dpi the axes, ticks and labels came out at 72/96 = 75 %
    of their size, off the curves and the grid. At this resolution they play 1:1, as on
    the ``QImage`` of a PNG.
    """
    return QPicture().logicalDpiX()


def _write_pdf(plot: pg.PlotWidget, tmp: Path, options: ImageOptions, target: Path) -> None:
    source = _source_rect(plot)
    writer = QPdfWriter(str(tmp))
    writer.setTitle("actgui plot")
    writer.setCreator("actgui")
    dpi = _scene_dpi()
    writer.setResolution(dpi)
    # A page exactly the plot's size (at 96 dpi, one screen pixel = 0.75 pt).
    size_pt = QSizeF(source.width() * 72 / dpi, source.height() * 72 / dpi)
    writer.setPageSize(QPageSize(size_pt, QPageSize.Unit.Point, "plot"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    page = QRectF(0, 0, writer.width(), writer.height())
    _paint_document(plot, writer, page, options, "PDF", tmp, target)


def _paint_document(
    plot,
    device,
    page: QRectF,
    options: ImageOptions,
    kind: str,
    tmp: Path,
    target: Path,
    on_page: bool = False,
) -> None:
    """Render the plot onto a vector ``device`` (SVG generator, PDF writer) writing ``tmp``;
    messages name ``target``, the file the user asked for. ``on_page``: through a
    :class:`PageDevice`, every shape handed to ``device`` in page coordinates."""
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError(_t(_CANNOT_START, kind, target))
    try:
        if on_page:
            # (The device must outlive the painter on it.)
            page_device = PageDevice(painter, page.size().toSize(), _scene_dpi())
            page_painter = QPainter(page_device)
            try:
                _paint_page(plot, page_painter, page, options)
            finally:
                page_painter.end()
        else:
            _paint_page(plot, painter, page, options)
    finally:
        painter.end()
    if tmp.stat().st_size == 0:
        raise ExportError(_t(_EMPTY_FILE, kind, target))


def _paint_page(plot, painter: QPainter, page: QRectF, options: ImageOptions) -> None:
    background = _background(plot, options)
    if background.alpha():
        painter.fillRect(page, background)
    _render(plot, painter, page, _source_rect(plot), 1, _theme_for(options))

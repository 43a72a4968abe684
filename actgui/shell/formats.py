"""The export formats and size limits, apart from the export code: the command line's
parser and the window's first frame need them, not the writers (``shell.export``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

#: Image formats by file extension, with the filter text shown in file dialogs.
IMAGE_FORMATS: dict[str, str] = {
    "png": QT_TRANSLATE_NOOP("Export", "PNG image (*.png)"),
    "svg": QT_TRANSLATE_NOOP("Export", "SVG vector image (*.svg)"),
    "pdf": QT_TRANSLATE_NOOP("Export", "PDF document (*.pdf)"),
}
DATA_FORMATS: dict[str, str] = {"csv": QT_TRANSLATE_NOOP("Export", "CSV table (*.csv)")}
#: Largest image side and area rendered: 10000×10000 took 11 s and 840 MB here; 8000×4000
#: (a 4× export of a 2000×1000 plot) takes about 1 s.
MAX_SIDE = 8000
MAX_PIXELS = 32_000_000

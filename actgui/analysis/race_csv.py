"""A race's own data: a CSV file of points read, checked and numbered (no Qt).

Read through ``actgui.files``: regular files only, at most ``MAX_CSV_BYTES``, counted
while reading; every problem named by its line and column, or the file by its name, in a
:class:`~actgui.text.messages.Message` (English as ``str()``, translated where it is
shown; its templates marked for lupdate in the context ``actgui.messages``).
"""

from __future__ import annotations

import csv
import io
import math
import os

import numpy as np

from actgui.analysis.trainer import MAX_POINTS
from actgui.cancel import checkpoint
from actgui.files import InputError, read_text_bounded, shown_name
from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message

#: The classes a CSV file may have.
MAX_CLASSES = 10
#: The largest CSV file read.
MAX_CSV_BYTES = 20_000_000


#: Lines read between two checks whether the worker reading them is to stop.
CHECK_EVERY = 4096

_AT_LINE = QT_TRANSLATE_NOOP("actgui.messages", "line {line}: {problem}")
_NOT_A_NUMBER = QT_TRANSLATE_NOOP(
    "actgui.messages", "line {line}, column {column}: {cell!r} is not a number"
)
_NOT_FINITE = QT_TRANSLATE_NOOP(
    "actgui.messages", "line {line}, column {column}: {cell!r} is not a finite number"
)


def _refused(template: str, **fields: object) -> ValueError:
    return ValueError(Message(template, **fields))


def load_csv(path: str | os.PathLike[str]) -> tuple[np.ndarray, np.ndarray]:
    """(inputs, targets) from a CSV file with three columns (two features and a class
    label: integer labels 0…K−1, K ≤ ``MAX_CLASSES``; other labels are numbered in
    sorted order) or two (x and y: a 1-D regression). A header line is allowed.
    ``ValueError`` naming the line and column of the first problem, or naming the file
    when it cannot be used at all: missing or unreadable, a folder, a FIFO, a device,
    more than ``MAX_CSV_BYTES``, not UTF-8."""
    try:
        text = read_text_bounded(path, MAX_CSV_BYTES)
    except FileNotFoundError:
        gone = QT_TRANSLATE_NOOP("actgui.messages", "the data file {name} does not exist")
        raise InputError(Message(gone, name=shown_name(path))) from None
    except OSError as exc:
        why = exc.strerror or str(exc)
        unread = QT_TRANSLATE_NOOP("actgui.messages", "cannot read the data file {name}: {reason}")
        raise InputError(Message(unread, name=shown_name(path), reason=why)) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t ")
    except csv.Error:
        dialect = csv.excel
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row in reader:
            cells = [c.strip() for c in row if c.strip() != ""]
            if cells:
                rows.append((reader.line_num, cells))
            if len(rows) > MAX_POINTS + 1:
                raise _refused(
                    QT_TRANSLATE_NOOP("actgui.messages", "more than {limit} rows"), limit=MAX_POINTS
                )
            if reader.line_num % CHECK_EVERY == 0:
                checkpoint()  # (read on a worker: the window closing stops it here)
    except csv.Error as exc:  # reader.line_num: the line it was reading
        raise _refused(_AT_LINE, line=reader.line_num, problem=str(exc)) from None
    if not rows:
        raise _refused(QT_TRANSLATE_NOOP("actgui.messages", "the file has no data"))
    if not any(_numeric([cell]) for cell in rows[0][1]):
        rows = rows[1:]  # a header (a first row with some numbers is data, checked below)
    if len(rows) < 2:
        raise _refused(
            QT_TRANSLATE_NOOP("actgui.messages", "the file needs at least two rows of data")
        )
    width = len(rows[0][1])
    if width not in (2, 3):
        raise _refused(
            QT_TRANSLATE_NOOP(
                "actgui.messages",
                "line {line}: expected 3 columns (x1, x2, label) or 2 (x, y), got {count}",
            ),
            line=rows[0][0],
            count=width,
        )
    table = []
    for line, cells in rows:
        if line % CHECK_EVERY == 0:
            checkpoint()
        if len(cells) != width:
            raise _refused(
                QT_TRANSLATE_NOOP(
                    "actgui.messages", "line {line}: expected {width} columns, got {count}"
                ),
                line=line,
                width=width,
                count=len(cells),
            )
        values = []
        for column, cell in enumerate(cells, start=1):
            try:
                value = float(cell)
            except ValueError:
                raise _refused(_NOT_A_NUMBER, line=line, column=column, cell=cell) from None
            if not math.isfinite(value):
                raise _refused(_NOT_FINITE, line=line, column=column, cell=cell)
            values.append(value)
        table.append(values)
    data = np.array(table, dtype=np.float64)
    if width == 2:
        return data[:, :1].copy(), data[:, 1].copy()
    labels = data[:, 2]
    if not np.all(labels == np.round(labels)):
        bad = int(np.argmax(labels != np.round(labels)))
        raise _refused(
            QT_TRANSLATE_NOOP(
                "actgui.messages",
                "line {line}, column 3: a class label must be a whole number, got {label}",
            ),
            line=rows[bad][0],
            label=f"{labels[bad]:g}",
        )
    classes = np.unique(labels)
    if classes.size < 2:
        raise _refused(
            QT_TRANSLATE_NOOP("actgui.messages", "the labels must name at least two classes")
        )
    if classes.size > MAX_CLASSES:
        raise _refused(
            QT_TRANSLATE_NOOP("actgui.messages", "at most {limit} classes, got {count}"),
            limit=MAX_CLASSES,
            count=int(classes.size),
        )
    return data[:, :2].copy(), np.searchsorted(classes, labels).astype(np.int64)


def _numeric(cells: list[str]) -> bool:
    try:
        for cell in cells:
            float(cell)
    except ValueError:
        return False
    return True


__all__ = ["MAX_CLASSES", "MAX_CSV_BYTES", "load_csv"]

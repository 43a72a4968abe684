"""Every text on the window meets WCAG AA contrast (4.5:1), measured on the rendered pixels.

For each visible widget that shows text, the window is rendered and the widget's text
area cut out: its most common colour is the background, and the pixel of highest
contrast against it is the text's core colour (glyph stems reach the full colour).
The ratio of the two must reach 4.5 in the light and in the dark theme.
"""

import re

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionButton,
    QTableWidget,
    QTextBrowser,
    QToolButton,
)

from actgui.style import contrast_ratio

SHOWN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "hardtanh"]


def rgb_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)
    return rows[:, : 3 * w].reshape(h, w, 3).copy()


def hexes(pixels: np.ndarray) -> list[str]:
    return ["#" + "".join(f"{int(c):02x}" for c in p) for p in pixels]


def measured_contrast(image: np.ndarray, rect: QRect) -> float | None:
    """Contrast of the strongest pixel against the most common one in ``rect``."""
    h, w, _ = image.shape
    x0, y0 = max(rect.left(), 0), max(rect.top(), 0)
    x1, y1 = min(rect.right() + 1, w), min(rect.bottom() + 1, h)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = image[y0:y1, x0:x1].reshape(-1, 3)
    colours, counts = np.unique(crop, axis=0, return_counts=True)
    background = hexes(colours[[np.argmax(counts)]])[0]
    return max(contrast_ratio(c, background) for c in hexes(colours))


def text_rect(window, widget) -> QRect | None:
    """Where ``widget`` draws its text, in window coordinates."""
    if isinstance(widget, QCheckBox):
        if not widget.text():
            return None
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        local = widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, widget)
    elif isinstance(widget, QAbstractButton | QLabel):
        if not widget.text() or (isinstance(widget, QToolButton) and not widget.text().strip()):
            return None
        local = widget.rect()
    elif isinstance(widget, QLineEdit | QAbstractSpinBox):
        if isinstance(widget, QLineEdit) and not widget.text():
            return None
        local = widget.rect().adjusted(3, 3, -3, -3)
        if isinstance(widget, QAbstractSpinBox):
            local.setWidth(local.width() - 18)  # not the arrows
    else:
        return None
    return QRect(widget.mapTo(window, local.topLeft()), local.size())


@pytest.fixture(params=["light", "dark"])
def themed(request, window, qtbot):
    window.prefs.set_theme(request.param)
    window.model.set_enabled_keys(SHOWN)
    window.model.set_order_shown(2, True)
    window.model.set_cursor(0.5, pinned=True)
    qtbot.waitUntil(window.plot.is_current)
    window.readout.rows()
    return window, request.param


def test_every_widget_text_reaches_aa(themed):
    window, theme = themed
    image = rgb_array(window.grab().toImage())
    failures, measured = [], 0
    kinds = (QAbstractButton, QLabel, QLineEdit, QAbstractSpinBox)
    for widget in window.findChildren(kinds[0]) + [
        w for k in kinds[1:] for w in window.findChildren(k)
    ]:
        if not widget.isVisibleTo(window) or not widget.isEnabled():
            continue
        if not widget.visibleRegion().boundingRect().isValid():
            continue  # scrolled out of sight
        rect = text_rect(window, widget)
        if rect is None:
            continue
        ratio = measured_contrast(image, rect)
        if ratio is None:
            continue
        measured += 1
        if ratio < 4.5:
            failures.append(f"{type(widget).__name__} {widget.objectName()!r}: {ratio:.2f}")
    assert measured > 40, measured  # the test looked at the panels, not at nothing
    assert not failures, f"{theme}: {failures}"


def test_readout_cells_reach_aa(themed):
    window, theme = themed
    table = window.findChild(QTableWidget, "table_readout")
    image = rgb_array(window.grab().toImage())
    checked = 0
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None or not item.text() or table.isColumnHidden(column):
                continue
            local = table.visualItemRect(item)
            if not table.viewport().rect().contains(local):
                continue
            rect = QRect(table.viewport().mapTo(window, local.topLeft()), local.size())
            ratio = measured_contrast(image, rect)
            assert ratio is not None and ratio >= 4.5, (theme, item.text(), ratio)
            checked += 1
    assert checked >= 6


def test_plot_text_reaches_aa(themed):
    window, theme = themed
    plot = window.plot
    image = rgb_array(window.grab().toImage())
    item = plot.getPlotItem()
    areas = [item.getAxis("bottom"), item.getAxis("left"), plot.legend.item]
    for area in areas:
        scene_rect = area.sceneBoundingRect().toAlignedRect()
        view_rect = plot.mapFromScene(scene_rect).boundingRect()
        rect = QRect(plot.mapTo(window, view_rect.topLeft()), view_rect.size())
        ratio = measured_contrast(image, rect)
        assert ratio is not None and ratio >= 4.5, (theme, type(area).__name__, ratio)


def test_details_text_colours_reach_aa(themed):
    """The details page is rich text in several colours: each colour it declares, against
    the page's rendered background."""
    window, theme = themed
    window.model.set_selected("softplus")
    browser = next(b for b in window.findChildren(QTextBrowser) if b.isVisibleTo(window))
    html = browser.toHtml()
    image = rgb_array(browser.viewport().grab().toImage())
    colours, counts = np.unique(image.reshape(-1, 3), axis=0, return_counts=True)
    background = hexes(colours[[np.argmax(counts)]])[0]
    declared = set(re.findall(r"color:\s*(#[0-9a-fA-F]{6})", html))
    assert declared
    low = {c: round(contrast_ratio(c, background), 2) for c in declared}
    low = {c: r for c, r in low.items() if r < 4.5}
    assert not low, (theme, background, low)


@pytest.mark.parametrize("view", ["stats", "depth", "gains"])
def test_analysis_panel_text_reaches_aa(themed, qtbot, view):
    """The "Why it trains" panel's labels, buttons, boxes and table names, in both themes."""
    window, theme = themed
    window.resize(1366, 900)
    window.show_labs(view)
    qtbot.waitUntil(window.labs.isVisible)
    window.labs.flush()
    qtbot.waitUntil(lambda: window.labs.height() > 200)
    image = rgb_array(window.grab().toImage())
    failures, measured = [], 0
    kinds = (QAbstractButton, QLabel, QLineEdit, QAbstractSpinBox)
    panel = window.labs.tabs.currentWidget()
    for widget in [w for k in kinds for w in panel.findChildren(k)]:
        if not widget.isVisibleTo(window) or not widget.visibleRegion().boundingRect().isValid():
            continue
        rect = text_rect(window, widget)
        ratio = None if rect is None else measured_contrast(image, rect)
        if ratio is None:
            continue
        measured += 1
        if ratio < 4.5:
            failures.append(f"{widget.objectName() or widget.text()!r}: {ratio:.2f}")
    tables = panel.findChildren(QTableWidget)
    for table in tables:
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            local = table.visualItemRect(item)
            if not table.viewport().rect().contains(local):
                continue
            rect = QRect(table.viewport().mapTo(window, local.topLeft()), local.size())
            ratio = measured_contrast(image, rect)
            measured += 1
            if ratio is None or ratio < 4.5:
                failures.append(f"{table.objectName()} {item.text()}: {ratio}")
    assert measured >= 5, measured
    assert not failures, f"{theme}/{view}: {failures}"

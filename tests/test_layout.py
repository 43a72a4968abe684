"""Layouts that never overlap: at 1280×708 (a 1366×768 screen's default window),
1366×768 and 1920×1080, in Presentation Mode, with the "Why it trains" panel open on each
of its views, no visible widget paints over a sibling, and no panel that scrolls only up
and down is wider than its window (its right edge would be cut off)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from actgui.panels.labs import VIEWS


def overlapping_siblings(root: QWidget) -> list[str]:
    found = []
    for parent in [root, *root.findChildren(QWidget)]:
        if not parent.isVisible():
            continue
        kids = [
            kid
            for kid in parent.findChildren(QWidget, "", Qt.FindChildOption.FindDirectChildrenOnly)
            if kid.isVisible() and not kid.isWindow()
        ]
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                both = a.geometry().intersected(b.geometry())
                if both.width() > 1 and both.height() > 1:
                    found.append(f"{a.objectName() or type(a).__name__} × "
                                 f"{b.objectName() or type(b).__name__} in "
                                 f"{parent.objectName() or type(parent).__name__}")  # fmt: skip
    return found


def cut_off_sideways(root: QWidget) -> list[str]:
    found = []
    for area in root.findChildren(QScrollArea):
        inside = area.widget()
        if not area.isVisible() or inside is None:
            continue
        if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            continue
        if inside.width() > area.viewport().width() + 1:
            found.append(f"{area.objectName()}: {inside.width()} > {area.viewport().width()}")
    return found


@pytest.mark.parametrize(
    ("size", "presenting"),
    [((1280, 708), False), ((1280, 708), True), ((1366, 768), True), ((1920, 1080), True)],
)
def test_nothing_overlaps_or_is_cut_off(window, qtbot, size, presenting):
    window.resize(*size)
    window.prefs.set_presentation_mode(presenting)
    window.model.set_selected("relu")
    for view in VIEWS:
        window.show_labs(view)
        qtbot.waitUntil(lambda v=view: window.labs.isVisible() and window.labs.view() == v)
        # Laid out at this size (the layout requests are posted events).
        qtbot.waitUntil(lambda: not window.layout().isEmpty())
        assert not overlapping_siblings(window), (view, size)
        assert not cut_off_sideways(window), (view, size)

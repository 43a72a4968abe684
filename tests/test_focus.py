"""Wheel and focus, accessible names and Tab order (issue 26, items 4 and 8).

The wheel scrolls a panel; a spin box, slider or combo box under the pointer changes
only once it has keyboard focus (``actgui.shell.focus.guard_wheel``). Every control Tab
reaches has an accessible name, and Tab goes through the side panel top to bottom.
"""

import itertools

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import Definition
from actgui.panels.labs import VIEWS
from actgui.shell.focus import GUARD_NAME, WheelGuard, guard_wheel


@pytest.fixture
def guarded(qapp):
    """The wheel guard on the application for the test (left there if it was already)."""
    installed_before = qapp.findChild(WheelGuard, GUARD_NAME) is not None
    guard = guard_wheel(qapp)
    yield guard
    if not installed_before:
        qapp.removeEventFilter(guard)
        guard.setParent(None)  # (deleted with its last reference)


def _wheel(widget: QWidget, notches: int = -1) -> QWheelEvent:
    """One turn of the wheel by ``notches`` (negative: towards the user, scrolling down)
    over the middle of ``widget``, as the application delivers it; the event."""
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(
        pos,
        widget.mapToGlobal(pos),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event


def _spin_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100)
    box.setValue(50)
    return box


def _slider() -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(50)
    return slider


def _combo_box() -> QComboBox:
    combo = QComboBox()
    combo.addItems([f"item {i}" for i in range(10)])
    combo.setCurrentIndex(5)
    return combo


CONTROLS = {
    "spin box": (_spin_box, QSpinBox.value),
    "slider": (_slider, QSlider.value),
    "combo box": (_combo_box, QComboBox.currentIndex),
}


def _tall_area(qtbot, *widgets: QWidget) -> QScrollArea:
    """A shown scroll area, 200 px high, holding ``widgets`` at the top of a 2000 px page."""
    area = QScrollArea()
    page = QWidget()
    column = QVBoxLayout(page)
    for widget in widgets:
        column.addWidget(widget)
    column.addSpacing(2000)
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.resize(260, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area


@pytest.mark.parametrize("kind", CONTROLS)
def test_the_wheel_over_an_unfocused_control_scrolls_the_panel_instead(guarded, qtbot, kind):
    make, value = CONTROLS[kind]
    control = make()
    area = _tall_area(qtbot, control)
    bar = area.verticalScrollBar()
    before = value(control)
    # Not taken by the wheel: focus comes by a click or Tab.
    assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus

    _wheel(control)

    assert value(control) == before
    assert not control.hasFocus()
    scrolled = bar.value()
    assert scrolled > 0
    # A scroll bar is for scrolling: the wheel over it scrolls on.
    _wheel(bar)
    assert bar.value() > scrolled

    # With focus, the control takes the wheel as usual (and the panel stays put).
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    scrolled = bar.value()
    _wheel(control)
    assert value(control) != before
    assert bar.value() == scrolled


def test_the_wheel_scrolls_the_area_around_once_the_nearest_is_at_its_end(guarded, qtbot):
    spin = _spin_box()
    inner = QScrollArea()  # (its page fits: it cannot scroll)
    page = QWidget()
    QVBoxLayout(page).addWidget(spin)
    inner.setWidget(page)
    inner.setWidgetResizable(True)
    outer = _tall_area(qtbot, inner)

    _wheel(spin)

    assert spin.value() == 50
    assert outer.verticalScrollBar().value() > 0


def test_the_wheel_over_an_unfocused_control_outside_any_scroll_area_does_nothing(guarded, qtbot):
    spin = _spin_box()
    qtbot.addWidget(spin)
    spin.show()
    qtbot.waitExposed(spin)

    _wheel(spin)

    assert spin.value() == 50


def test_guard_wheel_installs_one_filter(guarded, qapp):
    assert guard_wheel(qapp) is guarded
    assert len(qapp.findChildren(WheelGuard)) == 1


def test_the_train_tabs_points_box_ignores_the_wheel_until_it_has_focus(guarded, window, qtbot):
    window.show_labs("train")
    points = window.labs.findChild(QSpinBox, "spin_train_points")
    qtbot.waitUntil(points.isVisible)
    train = window.lab.train
    before = points.value()
    assert not points.hasFocus()

    _wheel(points)

    assert points.value() == before
    assert train.config().n_points == before

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    points.setFocus()
    qtbot.waitUntil(points.hasFocus)
    _wheel(points)
    assert train.config().n_points == points.value() == before - 1


# -- accessible names and Tab order ---------------------------------------------------
def _tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` (itself included) that Tab stops at now."""
    return [
        w
        for w in [root, *root.findChildren(QWidget)]
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None  # (a spin box's line edit: Tab stops at the box)
    ]


def _unnamed(root: QWidget) -> set[str]:
    names = set()
    for widget in _tab_stops(root):
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            names.add(f"{type(widget).__name__} {widget.objectName()!r}")
    return names


def _unnamed_in_every_view(window, qtbot, roots) -> set[str]:
    """What ``_unnamed`` finds under each of ``roots(window)`` with the "Why it trains"
    panel open on each of its views in turn."""
    window.show_labs()
    unnamed = set()
    for name in VIEWS:
        window.labs.show_view(name)
        qtbot.waitUntil(window.labs.tabs.currentWidget().isVisible)
        for root in roots(window):
            unnamed |= _unnamed(root)
    return unnamed


def test_every_control_of_the_panels_has_an_accessible_name(window, qtbot):
    """Each Tab stop of the side panel, the readout, the details and every view of the
    "Why it trains" panel has a name, its own or one Qt gives it (a button's text, a
    buddy label's)."""
    unnamed = _unnamed_in_every_view(
        window, qtbot, lambda win: (win.controls, win.readout, win.details, win.labs)
    )
    assert not unnamed, f"{len(unnamed)} unnamed: " + ", ".join(sorted(unnamed))


def test_every_widget_tab_reaches_in_the_window_has_an_accessible_name(window, qtbot):
    unnamed = _unnamed_in_every_view(window, qtbot, lambda win: (win,))
    assert not unnamed, f"{len(unnamed)} unnamed: " + ", ".join(sorted(unnamed))


def _same_row(a: QWidget, b: QWidget, panel: QWidget) -> bool:
    ya, yb = a.mapTo(panel, QPoint(0, 0)).y(), b.mapTo(panel, QPoint(0, 0)).y()
    return ya < yb + b.height() and yb < ya + a.height()


@pytest.mark.parametrize("own", [False, True], ids=["registry", "with a function of your own"])
def test_tab_goes_through_the_side_panel_from_top_to_bottom(window, qtbot, own):
    """From the first control to the last, each once, left to right along a row (a
    function of your own, made after the rest of the window, in its place at the end)."""
    panel = window.controls
    if own:
        window.custom.add(Definition("keep", "Keep", "abs(x) - c", (("c", 0.0, 2.0, 0.5),)))
        qtbot.waitUntil(lambda: panel.findChild(QWidget, "spin_keep_c").isVisible())
    expected = _tab_stops(panel)
    first = panel.findChild(QCheckBox, "check_show_d0")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)

    visited = [first]
    for _ in range(len(expected) + 5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or now in visited or not panel.isAncestorOf(now):
            break
        visited.append(now)

    def name(w: QWidget) -> str:
        return w.objectName() or type(w).__name__

    assert sorted(map(name, visited)) == sorted(map(name, expected))
    for a, b in itertools.pairwise(visited):
        pa, pb = a.mapTo(panel, QPoint(0, 0)), b.mapTo(panel, QPoint(0, 0))
        if _same_row(a, b, panel):
            assert pb.x() > pa.x(), f"{name(b)} after {name(a)}, on its left"
        else:
            assert pb.y() > pa.y(), f"{name(b)} after {name(a)}, above it"

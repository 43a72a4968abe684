"""The wheel and keyboard focus (issue 26, item 4, "Wheel and focus").

In a panel that scrolls, the wheel scrolls the panel; a spin box, slider or combo box
under the pointer changes only once it has keyboard focus (clicked or tabbed into), as
in well-behaved Qt applications. Scrolling the Train tab's form with the pointer passing
over *Points* changed 400 to 392 and restarted a running demonstration.
:func:`guard_wheel` installs one application-wide event filter for it.

(Accessible names, item 8, are the panels' own: ``actgui.panels.name_from_labels``.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

#: The filter's object name: how a second :func:`guard_wheel` finds the first one's.
GUARD_NAME = "actgui_wheel_guard"
#: Controls whose value the wheel changes (scroll bars excepted: they are for scrolling).
_GUARDED = (QAbstractSpinBox, QAbstractSlider, QComboBox)
# Looked up once: the filter sees every event of the application.
_WHEEL = QEvent.Type.Wheel
_POLISH = QEvent.Type.Polish


def _guarded(obj: QObject) -> bool:
    return isinstance(obj, _GUARDED) and not isinstance(obj, QScrollBar)


def _without_wheel_focus(widget: QWidget) -> None:
    # WheelFocus is StrongFocus plus focus by the wheel: keep the rest (a control made
    # NoFocus or TabFocus on purpose stays so).
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WheelGuard(QObject):
    """The application's event filter of :func:`guard_wheel`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == _WHEEL:
            if _guarded(watched) and not watched.hasFocus():
                _scroll_enclosing(watched, event)
                return True  # the control does not see it
        elif kind == _POLISH and _guarded(watched):
            _without_wheel_focus(watched)
        return False


def guard_wheel(app: QApplication) -> QObject:
    """Make the wheel scroll panels rather than change the control under the pointer.

    Installs one event filter on ``app`` (a second call returns the first one's): a
    spin box, slider (not a scroll bar) or combo box loses focus by the wheel when it is
    polished (it takes focus by a click or Tab only), and a wheel over one without focus
    scrolls the nearest scroll area around it instead, or the next one out when that one
    is at its end (nothing when there is none). A control with focus takes the wheel as
    usual. Controls polished before the call are changed at once.
    """
    guard = app.findChild(WheelGuard, GUARD_NAME)
    if guard is None:
        guard = WheelGuard(app)
        guard.setObjectName(GUARD_NAME)
        app.installEventFilter(guard)
        for widget in QApplication.allWidgets():
            if _guarded(widget) and widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                _without_wheel_focus(widget)
    return guard


def _scroll_enclosing(widget: QWidget, event: QWheelEvent) -> None:
    """``event`` (over ``widget``) given to the viewport of each scroll area around
    ``widget`` in turn, from the nearest, until one scrolls."""
    area = widget.parentWidget()
    while area is not None:
        if isinstance(area, QAbstractScrollArea) and area.viewport().isAncestorOf(widget):
            viewport = area.viewport()
            forwarded = QWheelEvent(
                viewport.mapFrom(widget, event.position()),
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
                event.source(),
                event.pointingDevice(),
            )
            # (A scroll bar at its end ignores it: then the area around may scroll.)
            QApplication.sendEvent(viewport, forwarded)
            if forwarded.isAccepted():
                return
        area = area.parentWidget()

"""The y-range: From/To fields with an Auto toggle, held still while parameters change."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QDoubleSpinBox

from actgui.model import ExplorerModel
from actgui.settings import restore_model, save_model


def child(window, kind, name):
    widget = window.findChild(kind, name)
    assert widget is not None, name
    return widget


def elu_min(alpha: float) -> float:
    return -alpha  # ELU tends to −α; over [−6, 6] it reaches −α(1 − e⁻⁶)


def test_model_y_range_validates_and_emits_once(qtbot):
    """Needs no display."""
    model = ExplorerModel()
    with qtbot.waitSignal(model.y_range_changed) as blocker:
        model.set_y_range(-2, 3)
    assert blocker.args == [-2.0, 3.0]
    with qtbot.assertNotEmitted(model.y_range_changed):
        model.set_y_range(-2.0, 3.0)
    for bad in [(3, -2), (1, 1), (float("nan"), 1), (0, float("inf")), (-1e300, 0)]:
        with qtbot.assertNotEmitted(model.y_range_changed), pytest.raises(ValueError):
            model.set_y_range(*bad)
    assert model.y_range() == (-2.0, 3.0)
    with qtbot.waitSignal(model.auto_y_changed) as blocker:
        model.set_auto_y(False)
    assert blocker.args == [False]
    with pytest.raises(ValueError):
        model.set_auto_y("false")
    model.restore_defaults()
    assert model.auto_y()


def test_auto_follows_alpha_and_the_fields_show_it(window, qtbot):
    window.model.set_enabled_keys(["elu"])
    qtbot.waitUntil(window.plot.is_current)
    assert child(window, QCheckBox, "check_auto_y").isChecked()
    window.model.set_param("elu", "alpha", 3.0)
    qtbot.waitUntil(window.plot.is_current)
    lo, hi = window.plot.getViewBox().viewRange()[1]
    assert lo < elu_min(3.0) * (1 - 1e-2) < hi
    assert (lo, hi) == window.model.y_range()
    spin_lo = child(window, QDoubleSpinBox, "spin_y_min")
    assert spin_lo.value() == lo  # the exact value, however few digits are shown
    assert float(spin_lo.text()) == pytest.approx(lo, rel=1e-2)
    assert len(spin_lo.text()) < 10


def test_with_auto_off_alpha_never_moves_the_axes(window, qtbot):
    window.model.set_enabled_keys(["elu"])
    qtbot.waitUntil(window.plot.is_current)
    child(window, QCheckBox, "check_auto_y").click()
    assert not window.model.auto_y()
    held = window.plot.getViewBox().viewRange()[1]
    for alpha in (3.0, 0.2, 5.0):
        window.model.set_param("elu", "alpha", alpha)
        qtbot.waitUntil(window.plot.is_current)
        assert window.plot.getViewBox().viewRange()[1] == held
    child(window, QCheckBox, "check_auto_y").click()  # back on: fits α = 5
    assert window.plot.getViewBox().viewRange()[1][0] < -4.9


def test_typing_a_y_limit_sets_the_axis_and_turns_auto_off(window, qtbot):
    spin = child(window, QDoubleSpinBox, "spin_y_max")
    spin.lineEdit().setText("1e1")
    spin.editingFinished.emit()
    spin.interpretText()
    assert window.model.y_range()[1] == 10.0
    assert window.plot.getViewBox().viewRange()[1][1] == 10.0
    assert not child(window, QCheckBox, "check_auto_y").isChecked()
    # A bottom above the top is refused with a message; nothing changes.
    before = window.model.y_range()
    low = child(window, QDoubleSpinBox, "spin_y_min")
    low.setValue(20.0)
    assert window.model.y_range() == before
    assert low.value() == before[0]
    from PySide6.QtWidgets import QLabel

    error = child(window, QLabel, "label_y_range_error")
    assert error.isVisibleTo(window) and "y-range" in error.text()


def test_panning_by_hand_turns_auto_off_visibly(window, qtbot):
    check = child(window, QCheckBox, "check_auto_y")
    assert check.isChecked()
    centre = window.plot.viewport().rect().center()
    wheel = QWheelEvent(
        QPointF(centre), QPointF(window.plot.viewport().mapToGlobal(centre)), QPoint(0, 0),
        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(window.plot.viewport(), wheel)
    assert not check.isChecked()
    shown = window.plot.getViewBox().viewRange()[1]
    assert list(window.model.y_range()) == shown
    assert child(window, QDoubleSpinBox, "spin_y_min").value() == shown[0]
    window.action_reset_view.trigger()
    assert check.isChecked()


def test_y_range_and_auto_are_remembered(settings, qtbot):
    model = ExplorerModel()
    model.set_auto_y(False)
    model.set_y_range(-0.5, 2.5)
    save_model(model, settings)
    again = ExplorerModel()
    restore_model(again, settings)
    assert again.y_range() == (-0.5, 2.5) and not again.auto_y()
    settings.setValue("view/y_range", "3,1")  # damaged: the default stays
    third = ExplorerModel()
    restore_model(third, settings)
    assert not third.auto_y() and third.y_range() != (3.0, 1.0)


def test_enter_on_an_untouched_field_changes_nothing(window, qtbot):
    """The field shows a few digits of an exact value: reading them back must not round
    the range, nor turn Auto off."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    before = window.model.y_range()
    assert window.model.auto_y()
    spin = child(window, QDoubleSpinBox, "spin_y_min")
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert window.model.y_range() == before and window.model.auto_y()


def test_the_title_is_text_not_html(window):
    window.prefs.set_presentation(title="f(x) < 0 for x<0 & <b>bold</b>")
    assert window.plot.getPlotItem().titleLabel.item.toPlainText() == (
        "f(x) < 0 for x<0 & <b>bold</b>"
    )


def test_only_the_x_and_y_axes_are_shown(window):
    """(The hidden top and right axes are actgui's too, so that they skip pyqtgraph's new
    label at every move of the range; shown, they would frame the plot with ticks.)"""
    item = window.plot.getPlotItem()
    shown = [side for side in ("left", "bottom", "top", "right") if item.getAxis(side).isVisible()]
    assert shown == ["left", "bottom"]

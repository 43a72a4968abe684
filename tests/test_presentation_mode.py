"""Presentation Mode (F5, Esc) and the interface's zoom (Ctrl+= / Ctrl+− / Ctrl+0): every
text and line of the window grows, not only the main plot's; the command line's
--font-size brings proportionate lines and margins."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel

from actgui.preferences import PRESENTATION_SCALE, ZOOM_STEPS, Preferences, Presentation
from actgui.shell.cli_args import build_parser, export_request

BASE_PT = 9.0  # the offscreen platform's default font, and the plot's default text size


def action(window, name):
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def tick_size(plot_item) -> float:
    return plot_item.getAxis("bottom").style["tickFont"].pointSizeF()


def test_zoom_and_presentation_mode_validate_and_are_remembered(settings, qtbot):
    """Needs no display."""
    prefs = Preferences(settings)
    assert (prefs.zoom(), prefs.presentation_mode(), prefs.interface_scale()) == (100, False, 1)
    with qtbot.waitSignal(prefs.interface_scale_changed) as changed:
        prefs.set_presentation_mode(True)
    assert changed.args == [PRESENTATION_SCALE]
    with qtbot.assertNotEmitted(prefs.interface_scale_changed):
        prefs.set_presentation_mode(True)
    for bad in (101, 0, -100, True, "125", 1e9):
        with qtbot.assertNotEmitted(prefs.presentation_changed), pytest.raises(ValueError):
            prefs.set_zoom(bad)
    with pytest.raises(ValueError):
        prefs.set_presentation_mode("yes")
    prefs.zoom_by(2)
    assert prefs.zoom() == 125
    prefs.zoom_by(100)
    assert prefs.zoom() == ZOOM_STEPS[-1]
    with qtbot.assertNotEmitted(prefs.interface_scale_changed):
        prefs.zoom_by(1)  # at the end: nothing changes
    prefs.set_zoom(125)
    # The plot's sizes multiplied; the user's own choices unchanged underneath.
    p = prefs.presentation()
    assert p.scale == pytest.approx(1.25 * PRESENTATION_SCALE)
    assert (p.font_size, p.line_width) == (9, 1.0)
    assert p.text_size == pytest.approx(9 * 1.25 * 1.5) and p.pen_width == pytest.approx(1.875)
    with pytest.raises(TypeError):
        prefs.set_presentation(scale=3.0)  # the scale is the zoom's and the mode's
    again = Preferences(settings)
    assert (again.zoom(), again.presentation_mode()) == (125, True)
    settings.setValue("view/zoom", "12345")  # damaged: 100, the rest still read
    assert (Preferences(settings).zoom(), Preferences(settings).presentation_mode()) == (100, True)
    prefs.restore_defaults()
    assert (prefs.zoom(), prefs.presentation_mode()) == (100, False)


def _sizes(window) -> dict[str, float]:
    """Text sizes in points, and the main curve's pen width, as drawn now."""
    labs = window.labs
    stats = labs.all_plots()
    lab_plot = next(iter(stats.values())).getPlotItem()
    check = window.controls.findChildren(QCheckBox)[0]
    label = window.readout.findChildren(QLabel)[0]
    legend = next(part.item for part in window.plot.parts if type(part).__name__ == "ModelLegend")
    return {
        "app": QApplication.font().pointSizeF(),
        "checkbox": check.font().pointSizeF(),
        "readout": label.font().pointSizeF(),
        "menu": window.menuBar().font().pointSizeF(),
        "main ticks": tick_size(window.plot.getPlotItem()),
        "main legend": float(legend.opts["labelTextSize"].removesuffix("pt")),
        "lab ticks": tick_size(lab_plot),
        "curve": window.plot.curve("relu", 0).opts["pen"].widthF(),
    }


def test_presentation_mode_scales_every_text_and_line(window, qtbot, settings):
    window.model.set_enabled_keys(["relu", "tanh"])
    window.model.set_selected("tanh")  # (relu's curve at the plain width)
    window.show_labs("stats")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    before = _sizes(window)
    assert before["app"] == BASE_PT and before["main ticks"] == BASE_PT
    assert before["lab ticks"] == BASE_PT and before["curve"] == 1.0
    mode = action(window, "action_presentation")
    assert mode.shortcut().toString() == "F5" and mode.isCheckable()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.prefs.presentation_mode() and mode.isChecked()
    # (the widgets take the application's new font from a posted event)
    qtbot.waitUntil(lambda: _sizes(window)["checkbox"] == BASE_PT * PRESENTATION_SCALE)
    after = _sizes(window)
    for what, size in after.items():
        assert size == pytest.approx(before[what] * PRESENTATION_SCALE), what
    assert Preferences(settings).presentation_mode()  # remembered
    # Esc leaves it, and only then is Esc the window's.
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.prefs.presentation_mode() and not mode.isChecked()
    qtbot.waitUntil(lambda: _sizes(window) == before)
    assert not action(window, "action_leave_presentation").isEnabled()


def test_zoom_keys_scale_the_interface_like_a_browser(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.prefs.zoom() == 110
    assert QApplication.font().pointSizeF() == pytest.approx(BASE_PT * 1.1)
    assert tick_size(window.plot.getPlotItem()) == pytest.approx(BASE_PT * 1.1)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.prefs.zoom() == 80
    assert QApplication.font().pointSizeF() == pytest.approx(BASE_PT * 0.8)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.prefs.zoom() == 100 and QApplication.font().pointSizeF() == BASE_PT


def test_side_panel_stays_as_wide_as_its_controls(window, qtbot):
    """No horizontal scroll bar there: its minimum width follows the controls' text."""
    area = window.controls.parentWidget().parentWidget()
    narrow = area.minimumWidth()
    window.prefs.set_presentation_mode(True)
    assert area.minimumWidth() >= window.controls.minimumSizeHint().width()
    assert area.minimumWidth() > narrow * 1.2


def test_lab_plots_follow_the_font_size(window, qtbot):
    """View → Font Size reaches the analysis plots too, not only the main one."""
    window.show_labs("depth")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    window.prefs.set_presentation(font_size=18, line_width=2.0)
    for name, plot in window.labs.all_plots().items():
        assert tick_size(plot.getPlotItem()) == 18, name
        assert plot.line_width() == 2.0, name


def _curve_width(path) -> float:
    """ReLU's flat part (y = 0, left of 0) in an exported image: its width in pixels."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    rgb = np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)[:, : 3 * w]
    column = rgb.reshape(h, w, 3)[:, w // 5].astype(int)
    ink = np.clip(255 - column.min(axis=1), 0, None)  # dark on white
    ink[ink < 40] = 0  # (no grid)
    return float(ink.sum() / ink.max())


def test_command_line_font_size_brings_proportionate_lines(tmp_path):
    parser = build_parser()

    def request(*extra):
        args = parser.parse_args(["--export", str(tmp_path / "a.png"), "--functions", "relu",
                                  *extra])  # fmt: skip
        return export_request(args).presentation()

    assert request() == Presentation()
    big = request("--font-size", "18")
    assert (big.text_size, big.pen_width, big.margin) == (18, 2.0, Presentation().margin * 2)
    given = request("--font-size", "18", "--line-width", "1")
    assert (given.text_size, given.pen_width) == (18, 1.0)
    assert given.margin == Presentation().margin * 2  # margins follow the text regardless


@pytest.mark.parametrize("presenting", [False, True])
def test_a_selected_name_fits_in_bold_and_follows_the_interface(window, qtbot, presenting):
    """The selected function's name is drawn bold: its button leaves room for that (it read
    "Leaky ReL"), and the names (buttons with a style sheet) grow with the interface."""
    from PySide6.QtGui import QFont, QFontMetricsF
    from PySide6.QtWidgets import QPushButton

    window.prefs.set_presentation_mode(presenting)
    window.model.set_selected("leaky_relu")
    button = window.findChild(QPushButton, "name_leaky_relu")
    scale = PRESENTATION_SCALE if presenting else 1.0
    qtbot.waitUntil(lambda: button.font().pointSizeF() == pytest.approx(BASE_PT * scale))
    bold = QFont(button.font())
    bold.setBold(True)
    padding = 8  # (its style sheet's 4 px either side)
    qtbot.waitUntil(
        lambda: button.width() >= QFontMetricsF(bold).horizontalAdvance(button.text()) + padding
    )

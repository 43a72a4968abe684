"""For a projector and for slides: line width, font size, title, axis labels, export sizes,
the selected function on top."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QInputDialog, QMessageBox

from actgui.preferences import (
    FONT_SIZES,
    LINE_WIDTHS,
    Preferences,
    Presentation,
    parse_size,
)
from actgui.shell.export import export_image, plot_image


def action(window, name):
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_presentation_validates_and_is_remembered(settings, qtbot):
    """Needs no display."""
    prefs = Preferences(settings)
    assert prefs.presentation() == Presentation()
    with qtbot.waitSignal(prefs.presentation_changed):
        prefs.set_presentation(line_width=2.0, font_size=18, title="Lecture 3", axis_labels=False)
    with qtbot.assertNotEmitted(prefs.presentation_changed):
        prefs.set_presentation(line_width=2.0)
    for bad in [
        {"line_width": 7.0},
        {"font_size": 10},
        {"font_size": True},
        {"title": "two\nlines"},
        {"title": "x" * 201},
        {"axis_labels": "no"},
    ]:
        with qtbot.assertNotEmitted(prefs.presentation_changed), pytest.raises(ValueError):
            prefs.set_presentation(**bad)
    with pytest.raises(TypeError):
        prefs.set_presentation(colour="red")
    again = Preferences(settings)
    assert again.presentation() == Presentation(2.0, 18, "Lecture 3", False)
    settings.setValue("view/line_width", "9")  # damaged: the default, with a warning
    assert Preferences(settings).presentation().line_width == 1.0


def test_export_size_parses_and_is_remembered(settings):
    assert parse_size("shown") is None
    assert parse_size("1920x1080") == (1920, 1080)
    assert parse_size(" 800 × 600 ") == (800, 600)
    for bad in ["", "1920", "0x0", "99x100", "99999x1000", "axb", "1920x1080x3", "-5x900"]:
        with pytest.raises(ValueError):
            parse_size(bad)
    prefs = Preferences(settings)
    prefs.set_image_options(size="1280x720")
    assert Preferences(settings).image_options().size == (1280, 720)
    with pytest.raises(ValueError):
        prefs.set_image_options(size="12x12")
    assert prefs.image_options().size == (1280, 720)


def test_menus_change_the_plot(window):
    for width in LINE_WIDTHS:
        action(window, f"action_line_width_{width:g}").trigger()
        assert window.prefs.presentation().line_width == width
        assert window.plot.curve("tanh", 0).opts["pen"].widthF() == width
    for size in FONT_SIZES:
        action(window, f"action_font_size_{size}").trigger()
        tick_font = window.plot.getPlotItem().getAxis("bottom").style["tickFont"]
        assert tick_font.pointSizeF() == size
    labels = action(window, "action_axis_labels")
    assert labels.isChecked() and window.plot.getPlotItem().getAxis("left").label.isVisible()
    labels.trigger()
    assert not window.prefs.presentation().axis_labels
    assert not window.plot.getPlotItem().getAxis("left").label.isVisible()


def test_title_dialog(window, monkeypatch):
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("  ReLU   vs  tanh ", True))
    )
    action(window, "action_plot_title").trigger()
    assert window.prefs.presentation().title == "ReLU vs tanh"
    assert window.plot.getPlotItem().titleLabel.text == "ReLU vs tanh"
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("y" * 300, True)))
    action(window, "action_plot_title").trigger()
    assert warned and window.prefs.presentation().title == "ReLU vs tanh"


def test_selected_function_is_on_top_and_thicker(window, qtbot):
    width = window.prefs.presentation().line_width
    window.model.set_selected("tanh")
    tanh, relu = window.plot.curve("tanh", 0), window.plot.curve("relu", 0)
    assert tanh.zValue() > relu.zValue()
    assert tanh.opts["pen"].widthF() > width == relu.opts["pen"].widthF()
    window.model.set_selected("relu")
    assert relu.zValue() > tanh.zValue() and tanh.opts["pen"].widthF() == width


def test_a_preset_size_exports_that_size_whatever_the_window(window, tmp_path, qtbot):
    on_screen = plot_image(window.plot)
    window.prefs.set_image_options(scale=1)
    action(window, "action_size_1920x1080").trigger()
    assert window.prefs.image_options().size == (1920, 1080)
    y_before = window.model.y_range()
    window.exports.write_image(tmp_path / "slide.png")
    image = QImage(str(tmp_path / "slide.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    assert (on_screen.width(), on_screen.height()) != (1920, 1080)
    # Drawing the copy changed nothing on screen or in the model.
    assert window.model.y_range() == y_before
    window.prefs.set_image_options(scale=2)
    window.exports.write_image(tmp_path / "slide2.png")
    assert QImage(str(tmp_path / "slide2.png")).width() == 3840


def test_custom_size_dialog_refuses_bad_input(window, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("5x5", True)))
    action(window, "action_size_custom").trigger()
    assert warned and window.prefs.image_options().size is None
    assert action(window, "action_size_shown").isChecked()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("1600x900", True)))
    action(window, "action_size_custom").trigger()
    assert window.prefs.image_options().size == (1600, 900)
    assert action(window, "action_size_custom").isChecked()


def test_wider_lines_and_bigger_text_reach_the_export(window, tmp_path):
    import numpy as np

    def pixels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
        h, w, stride = image.height(), image.width(), image.bytesPerLine()
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)
        return rows[:, : 3 * w].reshape(h, w, 3).copy()

    window.model.set_enabled_keys(["relu"])
    window.model.set_order_shown(1, False)
    window.model.set_selected(None)

    def ink(path):
        rgb = pixels(QImage(str(path))).astype(int)
        return int(((rgb[:, :, 1] - rgb[:, :, 0]) > 30).sum())  # ReLU's green

    thin = ink(export_image(window.plot, tmp_path / "thin.png"))
    window.prefs.set_presentation(line_width=3.0, font_size=24)
    thick = ink(export_image(window.plot, tmp_path / "thick.png"))
    assert thick > 2.2 * thin
    dark = pixels(QImage(str(tmp_path / "thick.png"))).sum(axis=2) < 200
    small = pixels(QImage(str(tmp_path / "thin.png"))).sum(axis=2) < 200
    assert np.count_nonzero(dark) > 1.5 * np.count_nonzero(small)  # bigger tick labels


def test_settings_file_roundtrip_of_presentation(tmp_path):
    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    Preferences(settings).set_presentation(title="a, b")  # a comma survives the INI file
    settings.sync()
    again = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    assert Preferences(again).presentation().title == "a, b"


def test_an_export_copy_draws_a_snapshot_and_leaves_the_model_alone(window, qtbot):
    from actgui.shell.sized import plot_of_size

    with plot_of_size(window.plot, (800, 600)) as copy:
        assert copy is not window.plot and copy.model() is not window.model
        assert copy.model().enabled_keys() == window.model.enabled_keys()
        assert copy.model().curve_color("elu", "light") == window.model.curve_color("elu", "light")
    # Changes after the export reach nothing the copy still holds (it waits for deletion).
    window.model.set_y_range(-1.0, 1.0)
    window.model.set_enabled_keys(["gelu"])
    qtbot.waitUntil(window.plot.is_current)

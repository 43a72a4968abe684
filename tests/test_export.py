"""Export through the menu action, with the file dialog answered by the test."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QGraphicsItem, QMessageBox

from actgui.activations import REGISTRY
from actgui.plot.palette import color_for
from actgui.shell import export
from actgui.shell.export import ExportError, ImageOptions, export_image


@pytest.fixture
def answer_dialog(monkeypatch):
    """Make the save dialog return the given path (and record what it was asked)."""
    asked = {}

    def install(path, chosen_filter=""):
        def fake(parent, caption, directory, filters, selected=""):
            asked.update(caption=caption, directory=directory, filters=filters)
            return str(path), chosen_filter or selected

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
        return asked

    return install


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text))
    )
    return shown


def pixels(image: QImage) -> np.ndarray:
    """The image as an (h, w, 3) uint8 RGB array."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)
    # Copy while ``image`` is alive: the buffer belongs to it.
    return rows[:, : 3 * w].reshape(h, w, 3).copy()


def has_colour_near(rgb: np.ndarray, colour: str, tolerance: int = 40) -> bool:
    want = np.array(QColor(colour).getRgb()[:3])
    return bool((np.abs(rgb.astype(int) - want).sum(axis=2) < tolerance).any())


def test_export_png_from_menu(window, tmp_path, answer_dialog, errors):
    target = tmp_path / "plot.png"
    asked = answer_dialog(target)
    # Functions that do not lie on top of each other, so each colour can be seen.
    window.model.set_enabled_keys(["sigmoid", "tanh", "relu"])
    window.action_export_image.trigger()
    assert not errors
    assert all(f in asked["filters"] for f in ("PNG", "SVG", "PDF"))
    image = QImage(str(target))
    assert not image.isNull()
    item_rect = window.plot.getPlotItem().sceneBoundingRect()
    assert abs(image.width() - item_rect.width()) <= 1
    assert abs(image.height() - item_rect.height()) <= 1
    rgb = pixels(image)
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 10, "image looks blank"
    for key in window.model.enabled_keys():
        assert has_colour_near(rgb, color_for(key)), key
    assert list(tmp_path.iterdir()) == [target]


def test_export_svg_from_menu(window, tmp_path, answer_dialog, errors):
    target = tmp_path / "plot.svg"
    answer_dialog(target)
    window.action_export_image.trigger()
    assert not errors
    root = ET.parse(target).getroot()
    assert root.tag.endswith("svg")
    paths = [e for e in root.iter() if e.tag.endswith("path") or e.tag.endswith("polyline")]
    assert len(paths) >= len(window.plot.visible_curves())
    text = target.read_text("utf-8")
    assert color_for("relu").lower() in text.lower()


def test_extension_from_chosen_filter(window, tmp_path, answer_dialog, errors):
    answer_dialog(tmp_path / "noext", export.IMAGE_FORMATS["svg"])
    window.action_export_image.trigger()
    assert not errors
    assert (tmp_path / "noext.svg").exists()


def test_cancelled_dialog_writes_nothing(window, tmp_path, answer_dialog, errors):
    answer_dialog("")
    window.action_export_image.trigger()
    assert not errors and not list(tmp_path.iterdir())


def test_missing_folder_is_a_clear_error(window, tmp_path, answer_dialog, errors):
    answer_dialog(tmp_path / "nope" / "plot.png")
    window.action_export_image.trigger()
    assert len(errors) == 1 and "does not exist" in errors[0]
    assert not (tmp_path / "nope").exists()


def test_unknown_extension_is_a_clear_error(window, tmp_path, answer_dialog, errors):
    answer_dialog(tmp_path / "plot.jpg")
    window.action_export_image.trigger()
    assert len(errors) == 1 and ".png" in errors[0]
    assert not list(tmp_path.iterdir())


def test_failure_midway_leaves_no_partial_file_and_keeps_the_old_one(window, tmp_path, monkeypatch):
    target = tmp_path / "plot.png"
    target.write_bytes(b"old")

    def broken(plot, tmp, options, target):
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_png", broken)
    with pytest.raises(ExportError, match="No space left"):
        export_image(window.plot, target)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def green_thickness(rgb: np.ndarray, column: int) -> float:
    """A flat line's width in one column: its greenish pixels (ReLU's colour, not the grey
    grid), each counted by how much of the line's own colour it shows (so the width does
    not depend on where the line falls between two pixels rows)."""
    col = rgb[:, column].astype(int)
    green = np.clip(col[:, 1] - col[:, 0], 0, None)
    return float(green.sum() / green.max()) if green.max() > 30 else 0.0


@pytest.mark.parametrize("scale", [2, 4])
def test_png_scale_scales_lines_with_the_image(window, tmp_path, scale):
    window.model.set_enabled_keys(["relu"])
    window.model.set_order_shown(1, False)
    width = window.plot.curve("relu", 0).opts["pen"].widthF()
    one = pixels(QImage(str(export_image(window.plot, tmp_path / "1.png"))))
    big = QImage(str(export_image(window.plot, tmp_path / "s.png", ImageOptions(scale=scale))))
    assert (big.width(), big.height()) == (one.shape[1] * scale, one.shape[0] * scale)
    big = pixels(big)
    # ReLU is flat (y = 0) left of 0: its line is `scale` times thicker, not hair-thin.
    thin = green_thickness(one, one.shape[1] // 5)
    thick = green_thickness(big, big.shape[1] // 5)
    assert thin >= 1 and thick >= scale * thin * 0.75
    # The screen is untouched: pens are back to their width, the legend keeps its pixel size.
    assert window.plot.curve("relu", 0).opts["pen"].widthF() == width
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    assert window.plot.legend.item.flags() & flag


def test_transparent_background(window, tmp_path):
    out = export_image(window.plot, tmp_path / "t.png", ImageOptions(background="transparent"))
    image = QImage(str(out))
    assert image.hasAlphaChannel() and image.pixelColor(5, 5).alpha() == 0


def test_pdf_export(window, tmp_path, answer_dialog, errors):
    answer_dialog(tmp_path / "plot.pdf")
    window.action_export_image.trigger()
    assert not errors
    data = (tmp_path / "plot.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:] and len(data) > 2000


def read_csv(path) -> tuple[list[str], np.ndarray, list[list[str]]]:
    """(header, x column, rows) of an exported CSV."""
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], np.array([float(r[0]) for r in rows[1:]]), rows[1:]


def inserted(kinks) -> set[float]:
    """The x values a CSV adds for ``kinks``: each, and the floats just below and above it."""
    k = np.asarray(list(kinks), dtype=np.float64)
    return set(np.concatenate([np.nextafter(k, -np.inf), k, np.nextafter(k, np.inf)]).tolist())


def assert_even_between(x: np.ndarray, kinks, x_min: float, x_max: float) -> None:
    """``x`` is ``export.CSV_POINTS`` evenly spaced values from x_min to x_max, exactly,
    once the kinks and their neighbours are taken out."""
    assert x[0] == x_min and x[-1] == x_max  # exactly the visible range
    assert np.all(np.diff(x) > 0)
    step = (x_max - x_min) / (export.CSV_POINTS - 1)
    on_grid = [abs((k - x_min) / step - round((k - x_min) / step)) < 1e-6 for k in kinks]
    added = inserted(kinks) - {k for k, on in zip(kinks, on_grid, strict=True) if on}
    even = np.array([v for v in x if v not in added])
    assert even.size == export.CSV_POINTS
    np.testing.assert_allclose(np.diff(even), step, rtol=1e-9)


def test_export_data_csv_covers_exactly_the_visible_range(window, tmp_path, answer_dialog, errors):
    window.model.set_enabled_keys(["relu", "sigmoid"])
    answer_dialog(tmp_path / "curves.csv")
    window.action_export_data.trigger()
    assert not errors
    header, x, rows = read_csv(tmp_path / "curves.csv")
    assert header == ["x", "sigmoid", "sigmoid_d1", "relu", "relu_d1"]
    x_min, x_max = window.model.x_range()
    assert (x_min, x_max) == (-6.0, 6.0)
    assert_even_between(x, REGISTRY["relu"].kinks(), x_min, x_max)
    assert inserted([0.0]) <= set(x)  # ReLU's kink, with the floats on either side
    i0 = int(np.flatnonzero(x == 0.0)[0])
    assert rows[i0][4] == ""  # relu′ jumps at 0: a gap, as drawn
    assert rows[i0 - 1][4] == "0.0" and rows[i0 + 1][4] == "1.0"  # its one-sided limits
    sig = np.array([float(r[1]) for r in rows])
    np.testing.assert_array_equal(sig, REGISTRY["sigmoid"].forward(x))  # full precision
    assert [r[0] for r in rows[:3]] == ["-6.0", "-5.988", "-5.976"]  # decimal steps


def test_export_data_csv_adds_only_the_kinks_inside_the_range(window, tmp_path):
    from actgui.shell.export import export_csv

    window.model.set_enabled_keys(["hardtanh", "relu"])
    window.model.set_param("hardtanh", "min_val", -2.5)
    window.model.set_x_range(-2.0, 3.25)
    out = export_csv(window.plot, window.model, tmp_path / "range.csv")
    _, x, rows = read_csv(out)
    kinks = [0.0, 1.0]  # ReLU's 0 and hardtanh's max; its min, −2.5, is outside
    assert_even_between(x, kinks, -2.0, 3.25)
    assert inserted(kinks) <= set(x)
    assert not inserted([-2.5]) & set(x)
    header = read_csv(out)[0]
    d1 = [r[header.index("hardtanh_d1")] for r in rows]
    assert d1[int(np.flatnonzero(x == 1.0)[0])] == ""  # hardtanh′ jumps at its max


def test_export_data_with_nothing_shown_is_a_clear_error(window, tmp_path, answer_dialog, errors):
    window.model.set_enabled_keys([])
    answer_dialog(tmp_path / "curves.csv")
    window.action_export_data.trigger()
    assert errors and "no curve" in errors[0]
    assert not list(tmp_path.iterdir())


def test_copy_image_puts_the_plot_on_the_clipboard(window):
    from PySide6.QtGui import QGuiApplication

    assert window.action_copy_image.shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    window.action_copy_image.trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert abs(image.width() - window.plot.getPlotItem().sceneBoundingRect().width()) <= 1


def test_image_options_are_remembered(window, settings):
    window.findChild(QAction, "action_scale_4").trigger()
    window.findChild(QAction, "action_background_white").trigger()
    assert window.prefs.image_options() == ImageOptions(4, "white")
    assert settings.value("export/scale") == "4"
    assert settings.value("export/background") == "white"


def test_last_folder_is_remembered(window, tmp_path, answer_dialog, errors, settings):
    answer_dialog(tmp_path / "a.svg")
    window.action_export_image.trigger()
    asked = answer_dialog(tmp_path / "b.png")
    window.action_export_image.trigger()
    assert asked["directory"].startswith(str(tmp_path))
    assert asked["directory"].endswith(".svg")


def test_export_data_right_after_a_change_writes_the_new_curve(window, tmp_path):
    from actgui.shell.export import export_csv

    window.model.set_enabled_keys(["leaky_relu"])
    window.model.set_order_shown(1, False)
    window.model.set_param("leaky_relu", "alpha", 0.5)  # no event loop in between
    out = export_csv(window.plot, window.model, tmp_path / "now.csv")
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    x = np.array([float(r[0]) for r in rows])
    y = np.array([float(r[1]) for r in rows])
    np.testing.assert_array_equal(y, REGISTRY["leaky_relu"].forward(x, alpha=0.5))

"""Export through the menu action, with the file dialog answered by the test."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from actgui import export
from actgui.export import ExportError, export_image
from actgui.palette import color_for


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
    assert "PNG" in asked["filters"] and "SVG" in asked["filters"]
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

    def broken(plot, tmp, width):
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_png", broken)
    with pytest.raises(ExportError, match="No space left"):
        export_image(window.plot, target)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_png_width_parameter(window, tmp_path):
    out = export_image(window.plot, tmp_path / "wide.png", width=1600)
    assert QImage(str(out)).width() == 1600


def test_last_folder_is_remembered(window, tmp_path, answer_dialog, errors, settings):
    answer_dialog(tmp_path / "a.svg")
    window.action_export_image.trigger()
    asked = answer_dialog(tmp_path / "b.png")
    window.action_export_image.trigger()
    assert asked["directory"].startswith(str(tmp_path))
    assert asked["directory"].endswith(".svg")

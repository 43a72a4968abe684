"""The precision lab in the window (issue "Precision lab"): the main plot computed in a
chosen format, the readout's value in it, the Precision view, and what is remembered."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from test_lab_panel import cell, computed

from actgui.labs import DEFAULT_PRECISION, LabModel
from actgui.model import ExplorerModel
from actgui.settings import restore_lab, restore_model, save_lab, save_model


def _sigmoid16(x: np.ndarray) -> np.ndarray:
    """σ as a float16 kernel computes it (numpy's own float16 arithmetic)."""
    x = x.astype(np.float16)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, np.float16(1), e) / (np.float16(1) + e)


def test_the_main_plot_draws_the_staircase_of_the_format(window, qtbot):
    model = window.model
    model.set_enabled_keys(["sigmoid"])
    model.set_x_range(3.0, 3.5)  # 257 float16 numbers: a staircase of them
    window.plot.refresh()
    x, y = window.plot.curves.item("sigmoid", 0).getData()
    assert not np.array_equal(y, y.astype(np.float16).astype(np.float64))  # exact: smooth
    window.model.set_number_format("float16")
    window.plot.refresh()
    x, y = window.plot.curves.item("sigmoid", 0).getData()
    # Drawn as steps: each value held over an interval, then a riser …
    assert np.array_equal(x[1::2][:-1], x[2::2])
    assert (y[0::2] == y[1::2]).all()
    # … the value of the float16 kernel at the inputs of that interval (its middle).
    middle = 0.5 * (x[0::2] + x[1::2])
    assert np.array_equal(y[0::2], _sigmoid16(middle).astype(np.float64))
    assert np.unique(y).size > 20  # σ climbs 0.952 → 0.972 in steps of 2^−11 or 2^−10


def test_the_readout_shows_the_value_in_the_format(window, qtbot):
    model = window.model
    model.set_enabled_keys(["sigmoid"])
    model.set_cursor(8.5, pinned=True)
    assert "float16" not in window.readout.rows()["sigmoid"][0]
    model.set_number_format("float16")
    f, d1, _ = window.readout.rows()["sigmoid"]
    assert f.startswith("0.999796573 ") and f.endswith("(float16: 1)")
    # f′ from the registry's formula σ(x)·σ(−x) in float16: not 0, unlike σ(1 − σ).
    expected = _sigmoid16(np.array([8.5]))[0] * _sigmoid16(np.array([-8.5]))[0]
    assert d1.endswith(f"(float16: {expected!s})")  # numpy's shortest float16 digits


def test_the_format_is_refused_when_unknown_and_remembered(tmp_path):
    model = ExplorerModel()
    with pytest.raises(ValueError):
        model.set_number_format("float8")
    assert model.number_format() == "float64"
    model.set_number_format("bfloat16")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    save_model(model, settings)
    again = ExplorerModel()
    restore_model(again, settings)
    assert again.number_format() == "bfloat16"
    settings.setValue("view/number_format", "<b>float8</b>")
    third = ExplorerModel()
    restore_model(third, settings)  # refused with a logged warning, the default kept
    assert third.number_format() == "float64"


def test_the_precision_state_is_validated_and_remembered(tmp_path):
    lab = LabModel()
    assert lab.precision() == DEFAULT_PRECISION
    for bad in (
        {"fmt": "float64"},
        {"order": 3},
        {"x_min": 20.0},  # above x_max
        {"x_max": float("nan")},
        {"key_a": "sigmod"},
    ):
        with pytest.raises(ValueError):
            lab.set_precision(**bad)
        assert lab.precision() == DEFAULT_PRECISION
    lab.set_precision("bfloat16", 1, -3.0, 12.5, "silu", "hardswish")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    save_lab(lab, settings)
    again = LabModel()
    restore_lab(again, settings)
    assert again.precision() == ("bfloat16", 1, -3.0, 12.5, "silu", "hardswish")


@pytest.fixture
def precision(window, qtbot):
    window.model.set_enabled_keys(["sigmoid", "tanh", "relu", "elu"])
    window.model.set_selected("sigmoid")
    window.show_labs("precision")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    computed(qtbot, window.labs)
    return window.labs.precision


def test_the_precision_table_gives_the_saturation_points(window, precision, qtbot):
    table = precision.table
    # float16 (the default): σ rounds to 1 from the first float16 number ≥ ln 4095.
    assert cell(table, "sigmoid", 1) == "8.32031"
    assert cell(table, "tanh", 3) == "4.50781"
    assert cell(table, "relu", 3) == "—"  # flat by design, not numerically dead
    header, rows = window.labs.table("precision")
    row = dict(zip(header, next(r for r in rows if r[0] == "sigmoid"), strict=True))
    assert float(row["upper"]) == 8.3203125 and float(row["dead_above"]) == 8.3203125
    # Another format: bfloat16's point, ln 511 ≈ 6.2364 → 6.25.
    precision.combo_format.setCurrentIndex(precision.combo_format.findData("bfloat16"))
    assert window.lab.precision()[0] == "bfloat16"
    computed(qtbot, window.labs)
    assert cell(table, "sigmoid", 1) == "6.25"
    assert "6.25" in precision.label_dead.text()


def test_a_preset_pair_is_compared(window, precision, qtbot):
    with qtbot.waitSignal(precision.runner.finished, timeout=30_000):
        window.findChild(QPushButton, "button_compare_3").click()
        window.labs.flush()
    diff = precision.difference()
    assert (diff.key_a, diff.key_b) == ("sigmoid", "hardsigmoid")
    # σ − (x + 3)/6 is largest where σ(1 − σ) = 1/6: x = ±ln((1 + √(1/3))/(1 − √(1/3))).
    x = np.log((1 + np.sqrt(1 / 3)) / (1 - np.sqrt(1 / 3)))
    assert abs(diff.at) == pytest.approx(x, abs=1e-6)
    assert f"{diff.max_abs:.4g}" in precision.label_compare.text()


def test_the_details_say_where_precision_kills_the_gradient_and_link_to_it(window, qtbot):
    window.details.show_notes()
    window.model.set_selected("sigmoid")
    text = window.details.network_text()
    # The float16 point is the first float16 number ≥ ln 4095 ≈ 8.3178 (spacing 2^−7
    # there): 8.3203125; bfloat16's ≥ ln 511 ≈ 6.2364 (spacing 2^−5): 6.25.
    assert "in float16 Sigmoid rounds to exactly 1 from x = 8.3203125 on" in text
    assert "in bfloat16 from x = 6.25" in text
    window.model.set_selected("quick_gelu")
    assert "QuickGELU by 0.02 (at x = −2.27)" in window.details.network_text()
    window.details.view_requested.emit("precision:gelu,quick_gelu")
    qtbot.waitUntil(window._labs_dock.isVisible)
    assert window.labs.view() == "precision"
    assert window.lab.precision()[4:] == ("gelu", "quick_gelu")
    window.lab.set_precision(fmt="bfloat16", order=2)
    window.details.view_requested.emit("precision:float16")
    assert window.lab.precision()[:2] == ("float16", 0)


def test_a_compared_function_of_your_own_deleted_falls_back(window, qtbot):
    from actgui.activations.custom import Definition

    window.custom.add(Definition("mine", "<b>mine</b>", "x*tanh(x)"))
    window.lab.set_precision(key_a="mine", key_b="silu")
    window.show_labs("precision")
    combo = window.labs.precision.combo_a
    assert combo.currentText() == "<b>mine</b>"  # (a combo box shows text, not markup)
    window.custom.remove("mine")
    assert window.lab.precision()[4:] == ("gelu", "silu")
    # And the view still takes changes (set_precision validates every key it holds).
    window.labs.precision.combo_format.setCurrentIndex(0)
    assert window.lab.precision()[0] == "float32"

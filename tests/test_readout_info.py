"""Cursor readout, info panel, kink markers and vanishing-gradient shading, as a user does."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QPushButton

from actgui.activations import REGISTRY
from actgui.activations.docs import localise
from actgui.analysis.sampling import vanishing_regions
from actgui.text.details import formula_pieces, info_html
from actgui.text.values import cell_text, format_value


def child(win, cls, name):
    found = win.findChild(cls, name)
    assert found is not None, name
    return found


def plot_point(window, x: float, y: float = 0.5) -> QPoint:
    """Widget coordinates (in the plot's viewport) of data point (x, y)."""
    scene = window.plot.getViewBox().mapViewToScene(QPointF(x, y))
    return window.plot.mapFromScene(scene)


def expected_cells(window, x):
    out = {}
    for key in window.model.enabled_keys():
        act, params = REGISTRY[key], window.model.params(key)
        out[key] = [
            cell_text(act, o, x, params) if window.model.is_order_shown(o) else "" for o in range(3)
        ]
    return out


def test_hover_moves_the_cursor_and_the_readout_shows_exact_values(window, qtbot):
    qtbot.mouseMove(window.plot.viewport(), plot_point(window, 1.5))
    qtbot.waitUntil(lambda: window.model.cursor()[0] is not None)
    x, pinned = window.model.cursor()
    assert not pinned and x == pytest.approx(1.5, abs=0.05)
    assert window.plot.cursor_line.isVisible() and window.plot.cursor_line.value() == x
    rows = window.readout.rows()
    assert rows == expected_cells(window, x)
    # Exact registry value at that x, to ten significant figures (not interpolated).
    sig = REGISTRY["sigmoid"].forward(np.array([x]))[0]
    assert rows["sigmoid"][0] == format_value(sig)


def test_click_pins_and_hover_no_longer_moves_it(window, qtbot):
    viewport = window.plot.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=plot_point(window, -2.0))
    qtbot.waitUntil(lambda: window.model.cursor()[1])
    x, _ = window.model.cursor()
    assert x == pytest.approx(-2.0, abs=0.05)
    assert child(window, QCheckBox, "check_cursor_pinned").isChecked()
    qtbot.mouseMove(viewport, plot_point(window, 3.0))
    assert window.model.cursor() == (x, True)


def test_typing_an_exact_x_pins_there_and_explains_the_kink(window, qtbot):
    edit = child(window, QLineEdit, "edit_cursor_x")
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, "0")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.model.cursor() == (0.0, True)
    rows = window.readout.rows()
    assert rows["relu"][0] == "0"
    assert rows["relu"][1] == "undefined at kink, PyTorch uses 0"
    assert rows["leaky_relu"][1] == "undefined at kink, PyTorch uses 0.01"
    assert rows["elu"][1] == "1"  # α = 1: ELU′ is continuous at 0
    assert rows["sigmoid"] == ["0.5", "0.25", ""]


def test_bad_typed_x_is_explained_and_changes_nothing(window, qtbot):
    edit = child(window, QLineEdit, "edit_cursor_x")
    edit.setText("abc")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.model.cursor() == (None, False)
    assert child(window, QLabel, "label_cursor_error").isVisibleTo(window)


def test_arrow_keys_step_the_pinned_cursor(window, qtbot):
    window.model.set_cursor(1.0, pinned=True)
    step = 12.0 / 200
    qtbot.keyClick(window.plot, Qt.Key.Key_Right)
    assert window.model.cursor() == (pytest.approx(1.0 + step), True)
    qtbot.keyClick(window.plot, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert window.model.cursor()[0] == pytest.approx(1.0 + step - 10 * step)
    qtbot.keyClick(window.plot, Qt.Key.Key_Escape)
    assert not window.model.cursor()[1]


def test_readout_follows_parameter_and_order_changes(window):
    window.model.set_cursor(-1.0, pinned=True)
    window.model.set_param("leaky_relu", "alpha", 0.3)
    window.model.set_order_shown(2, True)
    assert window.readout.rows() == expected_cells(window, -1.0)
    assert window.readout.rows()["leaky_relu"][0] == "−0.3"


@pytest.mark.parametrize("key", list(REGISTRY))
def test_info_panel_for_every_function(key):
    act = REGISTRY[key]
    text = info_html(act, act.defaults())
    for formula in (act.docs.f, act.docs.d1, act.docs.d2):
        # Set as pieces that each stay on one line (a piecewise table with the text
        # beside it in cells of their own): every part of every piece is on the page.
        for piece in formula_pieces(localise(formula, str)):
            for part in re.split(r"(<table.*?</table>)", piece):
                assert part in text, (key, part)
    assert act.properties.range_text() in text
    for heading in ("Properties", "Principle", "Advantages", "Drawbacks", "Typical use"):  # en
        assert heading in text
    for p in act.params:
        assert p.name in text


def test_seed_prose_covers_what_the_article_discusses():
    text = " ".join(
        f"{d.principle} {d.pros} {d.cons} {d.use}".lower()
        for k, d in ((k, a.docs) for k, a in REGISTRY.items())
        if k in ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu")
    )
    for topic in ("dying relu", "zero-centred", "sparse", "vanishing gradients", "learned"):
        assert topic in text


def test_clicking_a_name_selects_and_the_info_panel_follows(window):
    child(window, QPushButton, "name_mish").click()
    assert window.model.selected_key() == "mish"
    assert child(window, QPushButton, "name_mish").isChecked()
    assert not child(window, QPushButton, "name_relu").isChecked()
    assert "Mish" in window.details.text()
    assert "tanh(softplus" in window.details.text()


def test_clicking_a_legend_name_selects(window, qtbot):
    legend = window.plot.legend.item
    _, label = next((s, lab) for s, lab in legend.items if lab.text == "tanh")
    pos = window.plot.mapFromScene(label.mapToScene(label.boundingRect().center()))
    qtbot.mouseClick(window.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: window.model.selected_key() == "tanh")
    assert window.model.is_enabled("tanh")  # selecting does not hide it


def test_info_panel_shows_current_parameter_values(window):
    window.model.set_selected("elu")
    window.model.set_param("elu", "alpha", 0.5)
    text = window.details.text()
    assert "f′(0) (PyTorch)" in text and "0.5" in text


def test_shade_vanishing_gradient_for_the_selected_function(window, qtbot):
    window.model.set_selected("sigmoid")
    child(window, QCheckBox, "check_shade_vanishing").click()
    qtbot.waitUntil(lambda: bool(window.plot.vanishing_bands.intervals()))
    bands = window.plot.vanishing_bands.intervals()
    assert bands == vanishing_regions(REGISTRY["sigmoid"], {}, 0.01, -6.0, 6.0)
    # Inner edges are where |σ′| crosses ε, found from the registry, not pixels.
    inner = [b for _, b in bands[:1]] + [a for a, _ in bands[1:]]
    d1 = REGISTRY["sigmoid"].derivative(np.array(inner))
    np.testing.assert_allclose(d1, 0.01, rtol=1e-9)
    child(window, QDoubleSpinBox, "spin_vanishing_eps").setValue(0.1)
    qtbot.waitUntil(lambda: window.plot.vanishing_bands.intervals() != bands)
    assert window.model.vanishing() == (True, 0.1)


def test_kink_markers_with_pytorch_values_in_tooltips(window, qtbot):
    window.model.set_enabled_keys(["relu", "hardswish"])
    child(window, QCheckBox, "check_show_kinks").click()
    qtbot.waitUntil(lambda: len(window.plot.jump_markers.points()) >= 6)
    points = window.plot.jump_markers.points()
    tips = window.plot.jump_markers.tooltips()
    assert (0.0, 0.0) in points and (-3.0, 0.0) in points and (3.0, 1.0) in points
    assert "Hardswish: f′(-3) — PyTorch uses 0" in tips
    assert "ReLU: f′(0) — PyTorch uses 0" in tips


def test_zoom_into_a_micro_range_keeps_the_corner_sharp(window, qtbot):
    window.model.set_enabled_keys(["relu", "leaky_relu"])
    window.model.set_param("leaky_relu", "alpha", 0.2)
    window.model.set_x_range(-1e-6, 1e-6)
    qtbot.waitUntil(window.plot.is_current)
    x, y = window.plot.curve("leaky_relu", 0).getData()
    i = int(np.searchsorted(x, 0.0))
    assert x[i] == 0.0 and y[i] == 0.0
    assert x[0] < -1e-6 and x[-1] > 1e-6
    assert len(x) >= window.plot.getViewBox().width()
    # The grid follows the view: the same number of samples, now across 2e-6.
    assert np.max(np.diff(x)) <= 2.2e-6 / window.plot.sample_count() * 1.01


def test_panning_resamples_over_the_new_range(window, qtbot):
    window.plot.getViewBox().setXRange(10.0, 20.0, padding=0)
    qtbot.waitUntil(lambda: window.plot.is_current() and window.model.x_range() == (10.0, 20.0))
    x, _ = window.plot.curve("sigmoid", 0).getData()
    assert x[0] == pytest.approx(9.5) and x[-1] == pytest.approx(20.5)


def test_reset_view_returns_to_the_default_range(window, qtbot):
    window.model.set_x_range(-1.0, 1.0)
    window.action_reset_view.trigger()
    assert window.model.x_range() == (-6.0, 6.0)


def test_the_live_values_can_be_selected_with_the_mouse_over_them(window, qtbot):
    """Selectable while the pointer is over the box (and a selection survives leaving);
    not while a drag elsewhere changes them at every step."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    window.model.set_selected("leaky_relu")
    live = window.details.live
    value = live.findChildren(QLabel)[-1]
    assert value.text()
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    assert not value.textInteractionFlags() & selectable  # (the pointer is elsewhere)
    enter = QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5))
    live.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    QApplication.sendEvent(live, enter)
    assert all(label.textInteractionFlags() & selectable for label in live.findChildren(QLabel))
    value.setSelection(0, 1)
    live.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    QApplication.sendEvent(live, QEvent(QEvent.Type.Leave))
    assert value.textInteractionFlags() & selectable  # its selection kept
    others = [label for label in live.findChildren(QLabel) if label is not value]
    assert not any(label.textInteractionFlags() & selectable for label in others)

"""The real main window, driven as a user would, offscreen. Every control both ways."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QPushButton

from actgui.activations import CLASSIC_KEYS, ORDERS, REGISTRY, SEED_KEYS
from actgui.plot.palette import color_for


def child(win, cls, name):
    found = win.findChild(cls, name)
    assert found is not None, name
    return found


def curve_xy(win, key, order):
    curve = win.plot.curve(key, order)
    x, y = curve.getData()
    return np.asarray(x), np.asarray(y)


def test_stable_names_exist(window):
    for key, act in REGISTRY.items():
        child(window, QCheckBox, f"check_{key}")
        for p in act.params:
            child(window, QDoubleSpinBox, f"spin_{key}_{p.name}")
        for order in ORDERS:
            assert window.plot.curve(key, order).objectName() == f"curve_{key}_d{order}"
    for order in ORDERS:
        child(window, QCheckBox, f"check_show_d{order}")
    assert window.plot.objectName() == "plot"
    assert window.findChild(type(window.plot), "plot") is window.plot
    assert window.action_export_image.objectName() == "action_export_image"


@pytest.mark.parametrize("key", list(REGISTRY))
def test_function_checkbox_both_ways(module_window, qtbot, key):
    window = module_window
    check = child(window, QCheckBox, f"check_{key}")
    start = window.model.is_enabled(key)
    check.click()
    assert window.model.is_enabled(key) is not start
    qtbot.waitUntil(window.plot.is_current)
    assert window.plot.curve(key, 0).isVisible() is not start
    window.model.set_enabled(key, start)
    assert check.isChecked() is start
    assert window.plot.curve(key, 0).isVisible() is start


@pytest.mark.parametrize("order", ORDERS)
def test_order_checkbox_both_ways(module_window, qtbot, order):
    window = module_window
    check = child(window, QCheckBox, f"check_show_d{order}")
    start = window.model.is_order_shown(order)
    check.click()
    assert window.model.is_order_shown(order) is not start
    for key in REGISTRY:
        shown = window.model.is_enabled(key) and not start
        assert window.plot.curve(key, order).isVisible() is shown
    window.model.set_order_shown(order, start)
    assert check.isChecked() is start


def test_curves_visible_exactly_when_shown(window):
    window.model.set_enabled_keys(["relu", "prelu"])
    window.model.set_order_shown(2, True)
    window.model.set_order_shown(0, False)
    visible = set(window.plot.visible_curves())
    assert visible == {(k, o) for k in ("relu", "prelu") for o in (1, 2)}


PARAMS = [(k, p) for k, a in REGISTRY.items() for p in a.params]


@pytest.mark.parametrize(("key", "param"), PARAMS, ids=[f"{k}.{p.name}" for k, p in PARAMS])
def test_param_spinbox_both_ways_and_redraws(module_window, qtbot, key, param):
    window = module_window
    window.model.set_enabled(key, True)
    spin = child(window, QDoubleSpinBox, f"spin_{key}_{param.name}")
    curve = window.plot.curve(key, 0)
    # Within the spinbox's range, which also keeps dependent parameters valid.
    value = round(spin.minimum() + 0.75 * (spin.maximum() - spin.minimum()), param.decimals)
    with qtbot.waitSignal(window.plot.refreshed):
        spin.setValue(value)
    assert window.model.param(key, param.name) == value
    # Same item, new data: f at the curve's own x, straight from the registry.
    assert window.plot.curve(key, 0) is curve
    x, y = curve_xy(window, key, 0)
    expected = REGISTRY[key].forward(x, **window.model.params(key))
    jumps = np.isnan(y)
    np.testing.assert_array_equal(y[~jumps], expected[~jumps])
    # Model → spinbox, including a value with more digits than the usual resolution.
    precise = param.default + 10.0 ** -(param.decimals + 3)
    window.model.set_param(key, param.name, precise)
    assert spin.value() == precise
    assert window.model.param(key, param.name) == precise


def test_typing_in_a_spinbox_updates_live(window, qtbot):
    spin = child(window, QDoubleSpinBox, "spin_leaky_relu_alpha")
    spin.selectAll()
    qtbot.keyClicks(spin, "0.3")
    assert window.model.param("leaky_relu", "alpha") == 0.3


def test_relu_kink_sampled_exactly_and_jump_drawn_as_gap(window, qtbot):
    x, y = curve_xy(window, "relu", 0)
    i = int(np.searchsorted(x, 0.0))
    assert x[i] == 0.0 and y[i] == 0.0 and not np.isnan(y).any()
    x1, y1 = curve_xy(window, "relu", 1)
    i = int(np.searchsorted(x1, 0.0))
    assert np.isnan(y1[i]) and y1[i - 1] == 0.0 and y1[i + 1] == 1.0
    assert window.plot.curve("relu", 1).opts["connect"] == "finite"


def test_sample_grid_has_a_sample_per_pixel(window, qtbot):
    window.resize(1100, 700)
    qtbot.waitUntil(window.plot.is_current)
    x, _ = curve_xy(window, "sigmoid", 0)
    assert window.plot.sample_count() >= window.plot.getViewBox().width()
    assert x.size >= window.plot.sample_count()


def test_labels_widening_the_axis_do_not_resample_the_curves(window, qtbot):
    """The view narrowed by a few pixels (the y-axis's labels got wider) keeps its samples:
    with f′ of sin(exp(27x)) shown, the labels widened with each resampling, and the plot
    resampled and repainted ~30 times a second, idle, for good. Widened, it samples more;
    made much narrower, fewer (still one per pixel)."""
    view = window.plot.getViewBox()
    window.resize(1700, 700)  # (a view ~950 px wide: more than the fewest samples, 400)
    qtbot.waitUntil(lambda: window.plot.is_current() and view.width() > 800)
    axis = window.plot.getPlotItem().getAxis("left")
    before, width = window.plot.sample_count(), view.width()
    assert before == int(width) + 1
    axis.setWidth(axis.width() + 12)
    qtbot.waitUntil(lambda: view.width() < width)
    assert window.plot.sample_count() == before and window.plot.is_current()
    window.resize(1900, 700)
    qtbot.waitUntil(lambda: view.width() > width + 100)
    assert window.plot.sample_count() == int(view.width()) + 1
    window.resize(1300, 700)
    qtbot.waitUntil(lambda: view.width() < 0.7 * width)
    qtbot.waitUntil(window.plot.is_current)
    assert window.plot.sample_count() == int(view.width()) + 1


def test_x_range_spinboxes_both_ways(window, qtbot):
    lo = child(window, QDoubleSpinBox, "spin_x_min")
    hi = child(window, QDoubleSpinBox, "spin_x_max")
    with qtbot.waitSignal(window.plot.refreshed):
        lo.setValue(-2.0)
    assert window.model.x_range() == (-2.0, 6.0)
    x, _ = curve_xy(window, "sigmoid", 0)
    assert x[0] < -2.0 < x[1] + 1 and x[-1] > 6.0
    assert window.plot.getViewBox().viewRange()[0] == [-2.0, 6.0]
    window.model.set_x_range(-1.0, 1.0)
    assert (lo.value(), hi.value()) == (-1.0, 1.0)


def test_bad_x_range_is_explained_and_changes_nothing(window):
    lo = child(window, QDoubleSpinBox, "spin_x_min")
    lo.setValue(10.0)  # beyond x_max = 6
    assert window.model.x_range() == (-6.0, 6.0)
    assert lo.value() == -6.0
    error = child(window, QLabel, "label_x_range_error")
    assert error.isVisibleTo(window) and "x-range" in error.text()


def test_panning_the_view_moves_the_model(window, qtbot):
    with qtbot.waitSignal(window.model.x_range_changed):
        window.plot.getViewBox().setXRange(0.0, 3.0, padding=0)
    assert window.model.x_range() == (0.0, 3.0)
    assert child(window, QDoubleSpinBox, "spin_x_max").value() == 3.0


def test_clicking_a_legend_sample_turns_the_function_off_everywhere(window, qtbot):
    legend = window.plot.legend.item
    sample = next(s for s, label in legend.items if label.text == "ReLU")
    center = sample.mapToScene(sample.boundingRect().center())
    pos = window.plot.mapFromScene(center)
    qtbot.mouseClick(window.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: not window.model.is_enabled("relu"))
    assert not child(window, QCheckBox, "check_relu").isChecked()
    assert not window.plot.curve("relu", 0).isVisible()
    assert "ReLU" not in window.plot.legend.labels()


def test_actions_and_shortcuts(window):
    assert window.action_export_image.shortcut() == QKeySequence("Ctrl+E")
    assert window.action_quit.shortcut() == QKeySequence("Ctrl+Q")
    assert window.action_reset_view.shortcut() == QKeySequence("Home")


def test_reset_view_restores_model_range(window, qtbot):
    vb = window.plot.getViewBox()
    vb.setYRange(100, 200)
    window.action_reset_view.trigger()
    qtbot.waitUntil(lambda: vb.viewRange()[1][1] < 50)
    assert vb.viewRange()[0] == list(window.model.x_range())


def answer_restore(monkeypatch, button):
    """Answer the Restore Defaults question with ``button``; the questions asked."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((title, text, default))
        return getattr(QMessageBox.StandardButton, button)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_restore_defaults_action_asks_first(window, monkeypatch):
    asked = answer_restore(monkeypatch, "Cancel")
    window.model.set_enabled_keys(["rrelu"])
    window.action_restore_defaults.trigger()
    assert len(asked) == 1 and "cannot be undone" in asked[0][1]
    assert window.model.enabled_keys() == ("rrelu",)  # cancelled: nothing changed
    answer_restore(monkeypatch, "RestoreDefaults")
    window.action_restore_defaults.trigger()
    assert child(window, QCheckBox, "check_relu").isChecked()
    assert not child(window, QCheckBox, "check_rrelu").isChecked()


def test_curve_colours_follow_the_palette(window):
    pen = window.plot.curve("elu", 1).opts["pen"]
    assert pen.color().name().lower() == color_for("elu").lower()
    assert pen.style() == Qt.PenStyle.CustomDashLine
    assert window.plot.curve("elu", 0).opts["pen"].style() == Qt.PenStyle.SolidLine


def test_a_burst_of_changes_costs_one_recomputation_and_at_most_two_paints(window, qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    counter = PaintCounter()
    window.plot.viewport().installEventFilter(counter)
    refreshes = []
    window.plot.refreshed.connect(lambda: refreshes.append(1))
    spin = child(window, QDoubleSpinBox, "spin_leaky_relu_alpha")
    for i in range(100):
        spin.setValue(0.02 + 0.005 * i)
    assert window.model.param("leaky_relu", "alpha") == 0.515
    for _ in range(5):  # drain the event loop: the refresh, its paint, any follow-up paint
        QApplication.processEvents()
    assert window.plot.is_current()
    assert len(refreshes) <= 2
    assert 1 <= counter.count <= 2
    x, y = curve_xy(window, "leaky_relu", 0)
    np.testing.assert_array_equal(y, REGISTRY["leaky_relu"].forward(x, alpha=0.515))


def test_grid_lines_follow_the_axis_ticks(window, qtbot):
    window.model.set_x_range(-2.0, 2.0)
    qtbot.waitUntil(window.plot.is_current)
    major = window.plot.grid.items[0]
    xs = sorted({line.x1() for line in major.lines() if line.x1() == line.x2()})
    width = window.plot.getViewBox().width()
    ticks = window.plot.getPlotItem().getAxis("bottom").tickValues(-2.0, 2.0, width)[0][1]
    assert xs == sorted(ticks)


@pytest.mark.parametrize("key", list(REGISTRY))
def test_every_function_plots_all_orders_from_the_registry(module_window, qtbot, key):
    window = module_window
    window.model.set_enabled_keys([key])
    for order in ORDERS:
        window.model.set_order_shown(order, True)
    qtbot.waitUntil(window.plot.is_current)
    act = REGISTRY[key]
    params = window.model.params(key)
    for order in ORDERS:
        assert window.plot.curve(key, order).isVisible()
        x, y = curve_xy(window, key, order)
        expected = act.evaluate(order, x, **params)
        gaps = np.isnan(y)
        np.testing.assert_array_equal(y[~gaps], expected[~gaps])
        # A gap is exactly at a jump of this order, nowhere else.
        assert set(x[gaps]) == {k for k in act.jumps(order, **params) if x[0] < k < x[-1]}
    assert window.plot.legend.labels()[0] == act.name


def test_filter_narrows_the_list_by_name_or_key(window, qtbot):
    panel = window.controls.functions
    edit = child(window, QLineEdit, "edit_filter")
    qtbot.keyClicks(edit, "relu")
    shown = panel.visible_keys()
    assert {"relu", "leaky_relu", "prelu", "rrelu", "relu6"} <= set(shown)
    assert all("relu" in k or "relu" in REGISTRY[k].name.lower() for k in shown)
    assert not panel.sections["classic"].isVisibleTo(window)
    assert panel.sections["relu"].is_expanded()
    edit.clear()
    qtbot.keyClicks(edit, "Mish")  # by display name, any case
    assert panel.visible_keys() == ["mish"]
    edit.clear()
    assert panel.visible_keys() == list(REGISTRY)


def test_clear_all_and_six_classics_buttons(window):
    child(window, QPushButton, "button_clear_all").click()
    assert window.model.enabled_keys() == ()
    assert not any(child(window, QCheckBox, f"check_{k}").isChecked() for k in REGISTRY)
    classics = child(window, QPushButton, "button_seed_set")  # the old name, kept
    assert classics.text() == "Six classics"
    tip = classics.toolTip()
    assert all(REGISTRY[k].name in tip for k in CLASSIC_KEYS) and "start-up" in tip
    classics.click()
    assert window.model.enabled_keys() == CLASSIC_KEYS
    assert SEED_KEYS is CLASSIC_KEYS  # the old name, kept for compatibility


def test_sections_collapse_and_expand(window):
    section = window.controls.functions.sections["extra"]
    check = child(window, QCheckBox, "check_snake")
    section.set_expanded(False)
    assert not check.isVisibleTo(window)
    section.header.click()
    assert section.is_expanded() and check.isVisibleTo(window)


def test_dependent_parameters_stay_valid_in_the_ui(window):
    low = child(window, QDoubleSpinBox, "spin_hardtanh_min_val")
    high = child(window, QDoubleSpinBox, "spin_hardtanh_max_val")
    low.setValue(5.0)  # above max_val = 1: the spinbox stops just below it
    assert window.model.params("hardtanh") == {"min_val": 0.99, "max_val": 1.0}
    high.setValue(-3.0)
    assert window.model.params("hardtanh") == {"min_val": 0.99, "max_val": 1.0}
    high.setValue(4.0)
    low.setValue(3.5)
    assert window.model.params("hardtanh") == {"min_val": 3.5, "max_val": 4.0}
    upper = child(window, QDoubleSpinBox, "spin_rrelu_upper")
    assert upper.value() == 1.0 / 3.0  # exact, digits and all
    # lower stops at upper, to the spinbox's resolution (Qt rounds its bounds).
    child(window, QDoubleSpinBox, "spin_rrelu_lower").setValue(0.9)
    assert window.model.param("rrelu", "lower") == 0.333
    upper.setValue(0.25)  # below lower: upper stops at lower (equal is allowed)
    assert window.model.params("rrelu") == {"lower": 0.333, "upper": 0.333}


def test_model_rejects_what_the_ui_prevents(window):
    with pytest.raises(ValueError, match="min_val must be < max_val"):
        window.model.set_param("hardtanh", "min_val", 2.0)


def test_jumps_in_f_are_gaps_with_the_value_marked(window, qtbot):
    window.model.set_enabled_keys(["threshold", "step"])
    window.model.set_param("threshold", "value", -0.5)
    qtbot.waitUntil(window.plot.is_current)
    points = set(window.plot.jump_markers.points())
    # threshold's f at x = 1 is `value` and its f′ there is 0 (PyTorch's); step's f at
    # 0 is 1, and its f′ (0 everywhere) has no jump.
    assert points == {(1.0, -0.5), (1.0, 0.0), (0.0, 1.0)}
    x, y = curve_xy(window, "threshold", 0)
    assert np.isnan(y[np.searchsorted(x, 1.0)])
    window.model.set_enabled("step", False)
    assert len(window.plot.jump_markers.points()) == 2


def test_rrelu_band_between_its_slopes(window, qtbot):
    band = window.plot.decorations.bands["rrelu"]
    assert not band.isVisible()
    window.model.set_enabled("rrelu", True)
    window.model.set_params("rrelu", {"lower": 0.1, "upper": 0.5})
    qtbot.waitUntil(window.plot.is_current)
    assert band.isVisible()
    corners = [(p.x(), p.y()) for p in band.polygon()]
    left = corners[0][0]
    assert corners == [(left, 0.1 * left), (0.0, 0.0), (left, 0.5 * left)]
    window.model.set_order_shown(0, False)
    assert not band.isVisible()


def test_window_fits_a_small_laptop_screen(window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 40
    assert window.width() <= 1366 and window.height() <= 768


def test_every_control_has_a_tooltip(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox

    controls = [
        w
        for cls in (QAbstractButton, QAbstractSpinBox, QLineEdit)
        for w in window.findChildren(cls)
        if w.objectName()
        and not w.objectName().startswith("qt_")
        # Qt's own parts of its widgets (a tab bar's scroll arrows): not ours to label.
        and not w.parent().objectName().startswith("qt_")
    ]
    assert len(controls) > 80
    missing = [w.objectName() for w in controls if not w.toolTip()]
    assert not missing


def test_restore_defaults_resets_theme_and_export_options_too(window, settings, monkeypatch):
    from PySide6.QtGui import QAction

    answer_restore(monkeypatch, "RestoreDefaults")
    window.prefs.set_theme("dark")
    window.findChild(QAction, "action_scale_4").trigger()
    window.model.set_enabled_keys(["gelu"])
    window.action_restore_defaults.trigger()
    assert window.prefs.theme() == "system"
    assert window.prefs.image_options().scale == 1
    assert window.model.enabled_keys() == CLASSIC_KEYS
    assert settings.value("view/language") == "system"


def test_y_follows_the_curves_until_a_manual_zoom(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    vb = window.plot.getViewBox()
    window.model.set_enabled_keys(["relu"])
    window.model.set_order_shown(1, False)
    qtbot.waitUntil(window.plot.is_current)
    lo, hi = vb.viewRange()[1]
    assert lo < 0 < 6 < hi < 6.5  # ReLU over [-6, 6], a little padding
    centre = window.plot.viewport().rect().center()
    wheel = QWheelEvent(
        QPointF(centre), QPointF(window.plot.viewport().mapToGlobal(centre)), QPoint(0, 0),
        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(window.plot.viewport(), wheel)
    assert not window.plot.follows_y()
    zoomed = vb.viewRange()[1]
    window.model.set_enabled("elu", True)
    qtbot.waitUntil(window.plot.is_current)
    assert vb.viewRange()[1] == zoomed  # the user's zoom is kept
    window.action_reset_view.trigger()
    assert window.plot.follows_y() and vb.viewRange()[1][0] < -1  # ELU's −1 is in view


def test_clicking_the_selected_name_keeps_it_selected(window):
    name = child(window, QPushButton, "name_relu")
    assert window.model.selected_key() == "relu" and name.isChecked()
    name.click()
    assert window.model.selected_key() == "relu" and name.isChecked()


def test_error_messages_go_when_the_model_moves_on(window, qtbot):
    x_min = child(window, QDoubleSpinBox, "spin_x_min")
    x_min.setValue(100.0)  # beyond x_max: refused, said
    error = child(window, QLabel, "label_x_range_error")
    assert not error.isHidden()
    window.action_reset_view.trigger()
    window.model.set_x_range(-3.0, 3.0)
    assert error.isHidden()
    edit = child(window, QLineEdit, "edit_cursor_x")
    edit.setText("nan")
    edit.returnPressed.emit()
    cursor_error = child(window, QLabel, "label_cursor_error")
    assert not cursor_error.isHidden()
    window.model.set_cursor(1.0, pinned=True)
    assert cursor_error.isHidden()


def test_system_theme_gives_the_platform_style_back(window):
    from PySide6.QtWidgets import QApplication, QProxyStyle

    def style_name() -> str:
        """The style's name, or the name of the style a proxy (ContrastStyle) wraps."""
        style = QApplication.instance().style()
        if isinstance(style, QProxyStyle):
            return "proxy of " + style.baseStyle().name()
        return style.name()

    native = style_name()
    window.prefs.set_theme("dark")
    assert style_name() == "proxy of fusion"
    window.prefs.set_theme("system")
    assert style_name() == native

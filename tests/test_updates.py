"""How changes reach the views: one notification per user action, one refresh per pass of the
event loop, nothing re-rendered that did not change; every plot part scales for an export;
a function registered by one entry appears everywhere. Offscreen, with the real window."""

from __future__ import annotations

import dataclasses

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGraphicsItem, QPushButton

from actgui.activations import CLASSIC_KEYS, REGISTRY, register, unregister
from actgui.text.values import format_value


def child(win, cls, name):
    found = win.findChild(cls, name)
    assert found is not None, name
    return found


def count_calls(monkeypatch, obj, name: str) -> list[int]:
    """Wrap ``obj.name`` so that each call appends to the returned list."""
    calls: list[int] = []
    original = getattr(obj, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(obj, name, counted)
    return calls


@pytest.mark.parametrize(
    ("button", "expected"), [("button_clear_all", ()), ("button_seed_set", CLASSIC_KEYS)]
)
def test_bulk_buttons_send_one_signal_and_rebuild_the_legend_once(
    window, qtbot, monkeypatch, button, expected
):
    window.model.set_enabled_keys(REGISTRY)
    qtbot.waitUntil(window.plot.is_current)
    assert len(window.plot.legend.labels()) == len(REGISTRY) + 2  # + the order samples
    signals = []
    window.model.enabled_changed.connect(signals.append)
    # (a rebuild lays the legend out and sizes its box once)
    layouts = count_calls(monkeypatch, window.plot.legend.item, "updateSize")
    child(window, QPushButton, button).click()
    assert len(signals) == 1 and len(signals[0]) == len(REGISTRY) - len(expected)
    qtbot.waitUntil(lambda: not window.plot.legend._rebuild.pending())
    assert len(layouts) == 1
    names = window.plot.legend.labels()
    assert names[: len(expected)] == [REGISTRY[k].name for k in expected]
    assert list(window.readout.rows()) == list(expected)
    assert window.plot.visible_curves() == [(k, o) for k in expected for o in (0, 1)]


def test_a_parameter_drag_does_not_re_render_the_details_page(window, qtbot, monkeypatch):
    window.model.set_selected("leaky_relu")
    window.model.set_cursor(-1.0, pinned=True)
    window.details.text()  # settle
    pages = count_calls(monkeypatch, window.details.browser, "setHtml")
    spin = child(window, QDoubleSpinBox, "spin_leaky_relu_alpha")
    for alpha in (0.05, 0.1, 0.15, 0.2):
        spin.setValue(alpha)
        qtbot.waitUntil(lambda a=alpha: f"(alpha) {format_value(a)}" in window.details.live.text())
    assert pages == []
    live = window.details.live.text()
    # f′(0) is PyTorch's α on the kink; computed here independently of the panel.
    assert "f′(0) (PyTorch) 0.2" in live and "Kink at x = 0" in live
    assert live.startswith("Leaky ReLU at the current parameters")  # which function it is
    assert window.readout.rows()["leaky_relu"][0] == format_value(0.2 * -1.0)
    # Selecting another function does render the page.
    window.model.set_selected("elu")
    assert "ELU" in window.details.text() and len(pages) == 1


def test_display_options_refresh_only_what_depends_on_them(window, qtbot, monkeypatch):
    qtbot.waitUntil(window.plot.is_current)
    resampled = []
    for key, order in window.plot.visible_curves():
        resampled += [count_calls(monkeypatch, window.plot.curve(key, order), "setData")]
    child(window, QCheckBox, "check_show_kinks").click()
    qtbot.waitUntil(lambda: len(window.plot.jump_markers.points()) > 0)
    child(window, QCheckBox, "check_shade_vanishing").click()
    qtbot.waitUntil(lambda: bool(window.plot.vanishing_bands.intervals()))
    window.model.set_selected("sigmoid")
    qtbot.waitUntil(lambda: len(window.plot.vanishing_bands.intervals()) == 2)
    assert all(calls == [] for calls in resampled)  # no curve was sampled again
    # A parameter change does resample (the counter can count).
    window.model.set_param("elu", "alpha", 0.5)
    qtbot.waitUntil(window.plot.is_current)
    assert any(calls for calls in resampled)


def pen_of(item: QGraphicsItem) -> QPen | None:
    """The pen an item strokes its lines with, where it has one we can see (a legend sample
    draws with the pen of the item it stands for)."""
    drawn = getattr(item, "item", None)
    if isinstance(getattr(drawn, "opts", None), dict):
        item = drawn
    opts = getattr(item, "opts", None)
    if isinstance(opts, dict) and isinstance(opts.get("pen"), QPen):
        return opts["pen"]
    pen = getattr(item, "pen", None)
    if isinstance(pen, QPen):
        return pen
    if callable(pen):
        try:
            value = pen()
        except TypeError:
            return None
        return value if isinstance(value, QPen) else None
    return None


def test_every_line_of_the_plot_widens_in_a_4x_export(window, qtbot):
    """Walks every visible item of the scene: a cosmetic pen (a fixed number of pixels) must
    be 4 px wide in a 4× export, or the image shows hairlines. A new plot part that draws
    lines and does not implement ``begin_export`` fails here."""
    model = window.model
    model.set_enabled_keys(["relu", "rrelu", "step", "sigmoid"])
    for order in (0, 1, 2):
        model.set_order_shown(order, True)
    # Every display option on (a new set_show_… option is included without editing this).
    options = [name for name in dir(model) if name.startswith("set_show_")]
    assert "set_show_kinks" in options
    for name in options:
        getattr(model, name)(True)
    model.set_selected("sigmoid")
    model.set_vanishing(True)
    model.set_cursor(1.0, pinned=True)
    qtbot.waitUntil(window.plot.is_current)
    checked = 0
    with window.plot.exporting(4.0):
        for item in window.plot.scene().items():
            if not item.isVisible():
                continue
            pen = pen_of(item)
            if pen is None or pen.style() == Qt.PenStyle.NoPen or pen.color().alpha() == 0:
                continue
            checked += 1
            if pen.isCosmetic():
                assert max(pen.widthF(), 1.0) >= 4.0, f"{type(item).__name__} {item.objectName()}"
    assert checked >= 12 + 3 + 3 + 2 + 2  # curves, axes, grid, dots, legend box, samples
    # Afterwards, the screen's one-pixel lines again.
    assert window.plot.curve("relu", 0).opts["pen"].widthF() <= 1.0


@pytest.fixture
def softclip():
    """A throw-away function, added by one registry entry (a copy of Softsign's, renamed)."""
    act = dataclasses.replace(
        REGISTRY["softsign"], key="softclip_test", name="SoftClip (test)", color=5
    )
    register(act)
    try:
        yield act
    finally:
        unregister(act.key)


def test_a_function_registered_by_one_entry_appears_everywhere(softclip, qtbot, settings):
    from actgui.app import build_window

    window = build_window(settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    key = softclip.key
    check = child(window, QCheckBox, f"check_{key}")
    check.click()
    assert window.model.is_enabled(key)
    qtbot.waitUntil(window.plot.is_current)
    x, y = window.plot.curve(key, 0).getData()
    np.testing.assert_array_equal(y, x / (1 + np.abs(x)))  # softsign's values, independently
    assert "SoftClip (test)" in window.plot.legend.labels()
    child(window, QPushButton, f"name_{key}").click()
    assert "SoftClip (test)" in window.details.text()
    window.model.set_cursor(1.0, pinned=True)
    assert window.readout.rows()[key][0] == "0.5"
    # Its own colour: none of the other shown functions has it.
    colour = window.plot.curve(key, 0).opts["pen"].color().name().lower()
    others = {
        window.plot.curve(k, 0).opts["pen"].color().name().lower()
        for k in window.model.enabled_keys()
        if k != key
    }
    assert colour not in others and colour == window.model.curve_color(key, "light").lower()
    assert isinstance(window.plot.curve(key, 0), pg.PlotCurveItem)


def test_curves_never_shown_have_no_item_and_all_stack_in_registry_order(window):
    """A curve gets its item when first shown (99 of 111 were never shown at start, each a
    listener to every move of the view); whatever order they are first shown in, the
    curves stack in registry order, the selected function's above the rest."""
    from actgui.activations import ORDERS, REGISTRY
    from actgui.plot.curves import BandedCurve

    def made():
        return [i for i in window.plot.scene().items() if isinstance(i, BandedCurve)]

    shown = window.plot.visible_curves()
    assert len(made()) == len(shown) < len(REGISTRY) * len(ORDERS)
    keys = list(REGISTRY)
    window.model.set_enabled_keys(keys[::-1][:10])  # first shown in reverse order
    window.model.set_order_shown(2, True)
    window.plot.refresh()
    window.model.set_selected(keys[-3])
    items = window.plot.curve_items()  # (all made now)
    assert len(made()) == len(REGISTRY) * len(ORDERS)
    stacked = sorted(items, key=lambda ko: items[ko].zValue())
    rest = [ko for ko in items if ko[0] != keys[-3]]
    assert stacked == rest + [(keys[-3], order) for order in ORDERS]

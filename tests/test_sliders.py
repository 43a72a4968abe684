"""Every parameter has a slider next to its spinbox, kept in step both ways."""

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QSlider

from actgui.activations import REGISTRY

PARAMS = [(key, p) for key, act in REGISTRY.items() for p in act.params]


@pytest.mark.parametrize(("key", "param"), PARAMS, ids=[f"{k}.{p.name}" for k, p in PARAMS])
def test_every_parameter_has_a_slider_in_step_with_the_model(module_window, key, param):
    window = module_window
    slider = window.findChild(QSlider, f"slider_{key}_{param.name}")
    spin = window.findChild(QDoubleSpinBox, f"spin_{key}_{param.name}")
    assert slider is not None and spin is not None
    # Model → slider: the ends of the range put the knob at the ends.
    for value, position in ((param.minimum, slider.minimum()), (param.maximum, slider.maximum())):
        try:
            window.model.set_param(key, param.name, value)
        except ValueError:
            continue  # a constraint with another parameter forbids this end
        assert slider.value() == position
    window.model.set_params(key, REGISTRY[key].defaults())
    # Slider → model → spinbox: a position in the middle.
    middle = (slider.minimum() + slider.maximum()) // 2
    slider.setValue(middle)
    expected = slider.value_at(middle)
    if window.model.param(key, param.name) == expected:
        assert spin.value() == pytest.approx(expected, abs=10**-param.decimals)
        assert param.minimum <= expected <= param.maximum
    else:  # refused by a constraint: the knob went back to the model's value
        assert slider.value() == slider.position_of(window.model.param(key, param.name))


def test_dragging_alpha_redraws_through_the_same_path(window, qtbot):
    window.model.set_enabled_keys(["elu"])
    slider = window.findChild(QSlider, "slider_elu_alpha")
    refreshes = []
    window.plot.refreshed.connect(lambda: refreshes.append(1))
    for position in range(slider.value(), slider.value() + 50, 5):
        slider.setValue(position)  # what a drag does, one position at a time
    qtbot.waitUntil(window.plot.is_current)
    assert window.model.param("elu", "alpha") == pytest.approx(slider.value_at(slider.value()))
    assert window.findChild(QDoubleSpinBox, "spin_elu_alpha").value() == pytest.approx(
        window.model.param("elu", "alpha")
    )
    assert len(refreshes) <= 2  # coalesced: ten knob moves, one redraw


def test_a_slider_refused_by_a_constraint_changes_nothing(window):
    lower = window.findChild(QSlider, "slider_rrelu_lower")
    before = window.model.params("rrelu")
    lower.setValue(lower.maximum())  # lower = 1 > upper = 1/3: refused
    assert window.model.params("rrelu") == before
    assert lower.value() == lower.position_of(before["lower"])

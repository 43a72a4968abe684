"""LabModel: the analysis views' inputs, validated, emitting only on a real change.
Needs no display."""

import math

import pytest

from actgui.labs import LabModel


@pytest.fixture
def lab(qapp):
    return LabModel()


def test_defaults_are_a_standard_normal_and_he_initialisation(lab):
    assert lab.input() == (0.0, 1.0, 0.01)
    sigma_w, sigma_b, depth = lab.network()
    assert sigma_w**2 == pytest.approx(2.0) and sigma_b == 0.0 and depth == 50
    assert lab.simulation() == (500, 32, 0)


def test_each_group_emits_once_per_real_change(lab, qtbot):
    with qtbot.waitSignal(lab.input_changed) as blocker:
        lab.set_input(sigma=2.0)
    assert blocker.args == [0.0, 2.0, 0.01]
    with qtbot.assertNotEmitted(lab.input_changed):
        lab.set_input(mu=0, sigma=2)
    with qtbot.waitSignal(lab.network_changed) as blocker:
        lab.set_network(sigma_w=1.0, depth=100)
    assert blocker.args == [1.0, 0.0, 100]
    with qtbot.waitSignal(lab.simulation_changed) as blocker:
        lab.set_simulation(width=2000.0, seed=7)
    assert blocker.args == [2000, 32, 7]


@pytest.mark.parametrize(
    ("setter", "kwargs"),
    [
        ("set_input", {"sigma": 0.0}),
        ("set_input", {"mu": math.nan}),
        ("set_input", {"eps": -1.0}),
        ("set_input", {"mu": "1"}),
        ("set_input", {"mu": True}),
        ("set_network", {"sigma_w": -0.1}),
        ("set_network", {"sigma_b": math.inf}),
        ("set_network", {"depth": 0}),
        ("set_network", {"depth": 2.5}),
        ("set_simulation", {"width": 2001}),
        ("set_simulation", {"inputs": 1}),
        ("set_simulation", {"seed": -1}),
        ("set_simulation", {"width": "500"}),
    ],
)
def test_bad_values_raise_and_change_nothing(lab, qtbot, setter, kwargs):
    before = (lab.input(), lab.network(), lab.simulation())
    with (
        qtbot.assertNotEmitted(lab.input_changed),
        qtbot.assertNotEmitted(lab.network_changed),
        qtbot.assertNotEmitted(lab.simulation_changed),
        pytest.raises(ValueError, match=next(iter(kwargs))),
    ):
        getattr(lab, setter)(**kwargs)
    assert (lab.input(), lab.network(), lab.simulation()) == before


def test_restore_defaults(lab):
    lab.set_input(1.0, 3.0, 0.5)
    lab.set_network(0.5, 0.5, 10)
    lab.set_simulation(10, 10, 10)
    lab.restore_defaults()
    assert (lab.input(), lab.network(), lab.simulation()) == (
        LabModel().input(),
        LabModel().network(),
        LabModel().simulation(),
    )

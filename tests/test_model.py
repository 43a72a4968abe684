"""ExplorerModel: validation and emit-only-on-change. Needs QtCore only, no display."""

import math

import pytest

from actgui.activations import CLASSIC_KEYS, REGISTRY
from actgui.model import DEFAULT_ENABLED, DEFAULT_X_RANGE, ExplorerModel


@pytest.fixture
def model(qapp):
    return ExplorerModel()


def test_defaults(model):
    assert model.enabled_keys() == DEFAULT_ENABLED == CLASSIC_KEYS  # the Six classics button's
    assert model.shown_orders() == (0, 1)
    assert model.x_range() == DEFAULT_X_RANGE
    assert model.params("elu") == {"alpha": 1.0}


def test_set_enabled_emits_once_per_real_change(model, qtbot):
    with qtbot.waitSignal(model.enabled_changed) as blocker:
        model.set_enabled("rrelu", True)
    assert blocker.args == [["rrelu"]]
    with qtbot.assertNotEmitted(model.enabled_changed):
        model.set_enabled("rrelu", True)
    assert model.is_enabled("rrelu")


def test_unknown_key_raises_and_changes_nothing(model, qtbot):
    with qtbot.assertNotEmitted(model.enabled_changed), pytest.raises(KeyError, match="nope"):
        model.set_enabled("nope", True)
    with pytest.raises(KeyError):
        model.set_enabled_keys(["relu", "nope"])
    assert model.enabled_keys() == DEFAULT_ENABLED


def test_set_param_emits_only_on_change(model, qtbot):
    with qtbot.waitSignal(model.params_changed) as blocker:
        model.set_param("leaky_relu", "alpha", 0.2)
    assert blocker.args == ["leaky_relu"]
    assert model.param("leaky_relu", "alpha") == 0.2
    with qtbot.assertNotEmitted(model.params_changed):
        model.set_param("leaky_relu", "alpha", 0.2)


@pytest.mark.parametrize("bad", [math.nan, -0.1, 1.1, math.inf])
def test_bad_param_value_raises_and_changes_nothing(model, qtbot, bad):
    with qtbot.assertNotEmitted(model.params_changed), pytest.raises(ValueError, match="alpha"):
        model.set_param("leaky_relu", "alpha", bad)
    assert model.param("leaky_relu", "alpha") == 0.01


def test_unknown_param_name_raises(model, qtbot):
    with qtbot.assertNotEmitted(model.params_changed), pytest.raises(TypeError, match="beta"):
        model.set_params("elu", {"alpha": 2.0, "beta": 1.0})
    assert model.param("elu", "alpha") == 1.0


def test_set_params_is_one_notification(model, qtbot):
    with qtbot.waitSignals([model.params_changed], timeout=100):
        model.set_params("elu", {"alpha": 2.0})
    assert model.params("elu") == {"alpha": 2.0}


def test_params_returns_a_copy(model):
    model.params("elu")["alpha"] = 3.0
    assert model.param("elu", "alpha") == 1.0


def test_orders(model, qtbot):
    with qtbot.waitSignal(model.order_changed) as blocker:
        model.set_order_shown(2, True)
    assert blocker.args == [2, True]
    assert model.shown_orders() == (0, 1, 2)
    with qtbot.assertNotEmitted(model.order_changed):
        model.set_order_shown(2, True)
    with pytest.raises(ValueError):
        model.set_order_shown(3, True)


def test_x_range(model, qtbot):
    with qtbot.waitSignal(model.x_range_changed) as blocker:
        model.set_x_range(-1, 2)
    assert blocker.args == [-1.0, 2.0]
    with qtbot.assertNotEmitted(model.x_range_changed):
        model.set_x_range(-1.0, 2.0)


@pytest.mark.parametrize(
    "lo, hi",
    [(1, 1), (2, 1), (math.nan, 1), (0, math.inf), (-2e6, 0), (0, 1e-13), (1e5, 1e5 + 1e-9)],
)
def test_bad_x_range_raises_and_changes_nothing(model, qtbot, lo, hi):
    with qtbot.assertNotEmitted(model.x_range_changed), pytest.raises(ValueError):
        model.set_x_range(lo, hi)
    assert model.x_range() == DEFAULT_X_RANGE


def test_restore_defaults(model, qtbot):
    model.set_enabled_keys(["prelu"])
    model.set_param("prelu", "alpha", -0.5)
    model.set_order_shown(0, False)
    model.set_x_range(0, 1)
    model.restore_defaults()
    assert model.enabled_keys() == DEFAULT_ENABLED
    assert all(model.params(k) == a.defaults() for k, a in REGISTRY.items())
    assert model.shown_orders() == (0, 1)
    assert model.x_range() == DEFAULT_X_RANGE


def test_selection(model, qtbot):
    assert model.selected_key() == "relu"
    with qtbot.waitSignal(model.selected_changed) as blocker:
        model.set_selected("gelu")
    assert blocker.args == ["gelu"]
    with qtbot.assertNotEmitted(model.selected_changed):
        model.set_selected("gelu")
    with pytest.raises(KeyError):
        model.set_selected("nope")
    assert model.selected_key() == "gelu"


def test_cursor_hover_and_pin(model, qtbot):
    with qtbot.waitSignal(model.cursor_changed):
        model.hover(1.5)
    assert model.cursor() == (1.5, False)
    model.set_cursor(-2.0, pinned=True)
    with qtbot.assertNotEmitted(model.cursor_changed):
        model.hover(3.0)  # a pinned cursor stays put
    assert model.cursor() == (-2.0, True)
    with pytest.raises(ValueError):
        model.set_cursor(math.nan, pinned=True)
    assert model.cursor() == (-2.0, True)
    model.set_cursor(None, pinned=True)
    assert model.cursor() == (None, False)  # nothing to pin


def test_display_options_each_have_their_own_signal(model, qtbot):
    with qtbot.waitSignal(model.show_kinks_changed) as blocker:
        model.set_show_kinks(True)
    assert blocker.args == [True]
    with (
        qtbot.assertNotEmitted(model.show_kinks_changed),
        qtbot.assertNotEmitted(model.vanishing_changed),
    ):
        model.set_show_kinks(True)
    with (
        qtbot.waitSignal(model.vanishing_changed) as blocker,
        qtbot.assertNotEmitted(model.show_kinks_changed),
    ):
        model.set_vanishing(shade=True)
    assert blocker.args == [True, 0.01]
    model.set_vanishing(eps=0.05)
    assert model.vanishing() == (True, 0.05)
    for bad in (0.0, -1.0, math.nan, 11.0):
        with pytest.raises(ValueError):
            model.set_vanishing(eps=bad)
    assert model.vanishing() == (True, 0.05)


@pytest.mark.parametrize("bad", ["false", "yes", 2, 0.5, None])
def test_flags_must_be_booleans(model, qtbot, bad):
    """bool("false") is True: a string (or 2, 0.5) is refused, not taken as on."""
    with qtbot.assertNotEmitted(model.enabled_changed), pytest.raises(ValueError):
        model.set_enabled("rrelu", bad)
    with pytest.raises(ValueError):
        model.set_show_kinks(bad)
    assert not model.is_enabled("rrelu") and not model.show_kinks()

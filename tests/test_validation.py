"""actgui.validation: one rule set for numbers, integers, flags and choices, and every public
entry point giving the same answer for the same bad value (which is what shows there is
only one rule set)."""

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pytest

from actgui.analysis import (
    depth_profile,
    edge_of_chaos,
    gaussian_stats,
    make_dataset,
    output_distribution,
    signal_propagation,
    simulate_network,
    train,
)
from actgui.analysis.race import RaceConfig
from actgui.analysis.sampling import sample_grid
from actgui.analysis.trainer import Run
from actgui.validation import choice, flag, integer, number

# -- the rules themselves --------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [0, 3, -2.5, 1e-300, np.float64(0.5), np.float32(0.5), np.int64(4), np.uint8(7), np.int8(-1)],
)
def test_numbers_are_ints_floats_and_numpy_real_scalars(value):
    out = number("x", value)
    assert type(out) is float and out == float(value)


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        np.True_,
        "1",
        "1.4",
        "0",
        b"1",
        None,
        [1.0],
        (1.0,),
        np.array(1.0),
        np.array([1.0]),
        1 + 0j,
        Fraction(1, 2),
        object(),
    ],
)
def test_anything_else_is_not_a_number(value):
    with pytest.raises(ValueError, match=r"^x must be a finite number, not "):
        number("x", value)


def test_nan_is_never_a_number_and_infinities_only_when_allowed():
    for bad in (math.nan, np.float64("nan"), math.inf, -math.inf, np.float32("inf")):
        with pytest.raises(ValueError):
            number("x", bad)
    with pytest.raises(ValueError, match=r"^x must be a number, not nan$"):
        number("x", math.nan, allow_inf=True)
    assert number("x", math.inf, allow_inf=True) == math.inf
    with pytest.raises(ValueError, match="x must be a number ≥ 0, not -inf"):
        number("x", -math.inf, 0.0, allow_inf=True)
    # An int beyond the float range is infinite, not an OverflowError.
    with pytest.raises(ValueError, match="x must be a finite number"):
        number("x", 10**400)
    assert number("x", -(10**400), allow_inf=True) == -math.inf


def test_number_bounds_are_inclusive_unless_open():
    assert number("x", 0, 0, 1) == 0.0 and number("x", 1, 0, 1) == 1.0
    for bad, low_open, high_open in ((0, True, False), (1, False, True)):
        with pytest.raises(ValueError):
            number("x", bad, 0, 1, low_open=low_open, high_open=high_open)
    assert number("x", 0.5, 0, 1, low_open=True, high_open=True) == 0.5
    with pytest.raises(ValueError):
        number("x", math.nextafter(1.0, 2.0), 0, 1)


@pytest.mark.parametrize(
    ("kwargs", "value", "message"),
    [
        ({}, "abc", "sigma_w must be a finite number, not 'abc'"),
        ({"low": 0.0}, "abc", "sigma_w must be a finite number ≥ 0, not 'abc'"),
        ({"low": 0.0, "low_open": True}, 0.0, "sigma_w must be a finite number > 0, not 0.0"),
        ({"high": 10}, 11, "sigma_w must be a finite number ≤ 10, not 11"),
        ({"high": 10, "high_open": True}, 10, "sigma_w must be a finite number < 10, not 10"),
        ({"low": 0, "high": 10}, math.inf, r"sigma_w must be a number in [0, 10], not inf"),
        ({"low": 1e-8, "high": 10.0}, 0.0, "sigma_w must be a number in [1e-08, 10], not 0.0"),
        ({"low": 0.0, "high": 1.0, "low_open": True}, True, "in (0, 1], not True"),
        ({"low": 0.001, "high": 100.0}, [1], "sigma_w must be a number in [0.001, 100], not [1]"),
    ],
)
def test_number_messages_say_the_whole_requirement(kwargs, value, message):
    with pytest.raises(ValueError) as info:
        number("sigma_w", value, **kwargs)
    assert str(info.value).endswith(message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (np.int64(3), 3), (np.uint16(3), 3), (3.0, 3), (np.float64(3.0), 3), (-0.0, 0)],
)
def test_integers_include_integral_floats(value, expected):
    out = integer("n", value)
    assert type(out) is int and out == expected


@pytest.mark.parametrize(
    "value",
    [2.5, np.float64(2.5), True, False, np.True_, "3", "3.0", None, math.nan, math.inf, [3]],
)
def test_anything_else_is_not_an_integer(value):
    with pytest.raises(ValueError, match=r"^n must be an integer, not "):
        integer("n", value)


def test_integer_bounds_are_inclusive():
    assert integer("n", 1, 1, 3) == 1 and integer("n", 3.0, 1, 3) == 3
    with pytest.raises(ValueError, match=r"^n must be an integer in \[1, 3\], not 4$"):
        integer("n", 4, 1, 3)
    with pytest.raises(ValueError, match=r"^seed must be an integer ≥ 0, not -1$"):
        integer("seed", -1, 0)
    with pytest.raises(ValueError, match=r"^n must be an integer ≤ 2147483647, not 1e\+300$"):
        integer("n", 1e300, high=2**31 - 1)
    assert integer("seed", 2**70) == 2**70  # no bound: no size limit either


def test_flags_are_bools_only():
    for value in (True, False, np.True_, np.False_):
        out = flag("on", value)
        assert type(out) is bool and out == bool(value)
    for bad in (1, 0, 1.0, np.int64(1), "false", "True", None, [True]):
        with pytest.raises(ValueError, match=r"^on must be True or False, not "):
            flag("on", bad)


def test_choices_are_names():
    assert choice("optimizer", "adam", ("sgd", "adam")) == "adam"
    for bad in ("SGD", "", 1, None, ["adam"]):
        with pytest.raises(ValueError, match=r"^optimizer must be one of 'sgd', 'adam', not "):
            choice("optimizer", bad, ("sgd", "adam"))


def test_a_long_value_is_cut_in_the_message():
    with pytest.raises(ValueError) as info:
        number("x", "y" * 10_000)
    assert len(str(info.value)) < 120 and str(info.value).endswith("…")


# -- every entry point, the same answer -------------------------------------------------


def _run(**changes):
    x, y = make_dataset("xor", 20, 0.1, 0)
    return Run("relu", x, y, (3,), **changes)


def _small_race(**changes):
    return RaceConfig(**{"keys": ("relu",), "n_points": 20, "hidden": (3,), **changes})


@dataclass(frozen=True)
class Slot:
    """One argument of one public entry point: ``call(value)`` passes ``value`` there."""

    id: str
    kind: str  # "number", "integer", "flag", "choice"
    name: str  # as the message names it
    call: object
    good: object = None  # a value inside its range (for "number": 1, for "integer": 3)


def _lab(method, **fixed):
    def call(key):
        from actgui.labs import LabModel

        return lambda v: getattr(LabModel(), method)(**{**fixed, key: v})

    return call


def _train_model(key):
    def call(v):
        from actgui.training import TrainModel

        TrainModel(_small_race()).update(**{key: v})

    return call


def _explorer(method, *before, after=()):
    def call(v):
        from actgui.model import ExplorerModel

        getattr(ExplorerModel(), method)(*before, v, *after)

    return call


GOOD_SIM = {"key": "relu", "sigma_w": 1.0, "sigma_b": 0.0, "width": 3, "depth": 2}
GOOD_SIM |= {"n_inputs": 3, "seed": 0}
lab_input, lab_network, lab_sim = _lab("set_input"), _lab("set_network"), _lab("set_simulation")

SLOTS = [
    # the analysis functions
    Slot("gaussian_stats.mu", "number", "mu", lambda v: gaussian_stats("relu", mu=v)),
    Slot("gaussian_stats.sigma", "number", "sigma", lambda v: gaussian_stats("relu", sigma=v)),
    Slot("gaussian_stats.eps", "number", "eps", lambda v: gaussian_stats("relu", eps=v)),
    Slot("output_distribution.mu", "number", "mu", lambda v: output_distribution("relu", mu=v)),
    Slot(
        "output_distribution.sigma",
        "number",
        "sigma",
        lambda v: output_distribution("relu", sigma=v),
    ),
    Slot(
        "signal_propagation.sigma_w",
        "number",
        "sigma_w",
        lambda v: signal_propagation("relu", v, 0),
    ),
    Slot(
        "signal_propagation.sigma_b",
        "number",
        "sigma_b",
        lambda v: signal_propagation("relu", 1, v),
    ),
    Slot("edge_of_chaos.sigma_b", "number", "sigma_b", lambda v: edge_of_chaos("relu", v)),
    Slot(
        "depth_profile.input_correlation",
        "number",
        "input_correlation",
        lambda v: depth_profile("relu", 1, 0, 3, input_correlation=v),
    ),
    Slot("depth_profile.depth", "integer", "depth", lambda v: depth_profile("relu", 1, 0, v)),
    *(
        Slot(
            f"simulate_network.{key}",
            kind,
            key,
            lambda v, key=key: simulate_network(**{**GOOD_SIM, key: v}),
        )
        for key, kind in [
            ("sigma_w", "number"),
            ("sigma_b", "number"),
            ("input_correlation", "number"),
            ("width", "integer"),
            ("depth", "integer"),
            ("n_inputs", "integer"),
            ("seed", "integer"),
        ]
    ),
    Slot("make_dataset.n_points", "integer", "n_points", lambda v: make_dataset("xor", v)),
    Slot("make_dataset.noise", "number", "noise", lambda v: make_dataset("xor", 20, v)),
    Slot("make_dataset.seed", "integer", "seed", lambda v: make_dataset("xor", 20, 0.1, v)),
    Slot("make_dataset.name", "choice", "dataset", lambda v: make_dataset(v, 20), "xor"),
    Slot("sample_grid.n", "integer", "n", lambda v: sample_grid(0.0, 1.0, v)),
    # the trainer's configuration checks
    Slot("train.steps", "integer", "steps", lambda v: train("relu", "xor", (3,), v, n_points=20)),
    Slot(
        "train.learning_rate",
        "number",
        "learning_rate",
        lambda v: train("relu", "xor", (3,), 2, v, n_points=20),
    ),
    Slot("train.hidden", "integer", "hidden width", lambda v: train("relu", "xor", (v,), 2)),
    Slot(
        "train.optimizer",
        "choice",
        "optimizer",
        lambda v: train("relu", "xor", (3,), 2, 0.01, v),
        "sgd",
    ),
    Slot(
        "train.init",
        "choice",
        "init",
        lambda v: train("relu", "xor", (3,), 2, 0.01, "sgd", v),
        "lecun",
    ),
    Slot("train.dataset", "choice", "dataset", lambda v: train("relu", v, (3,), 2), "moons"),
    Slot("Run.seed", "integer", "seed", lambda v: _run(seed=v)),
    Slot("Run.set_learning_rate", "number", "learning_rate", lambda v: _run().set_learning_rate(v)),
    Slot("Run.set_batch_size", "integer", "batch_size", lambda v: _run().set_batch_size(v)),
    Slot("Run.set_optimizer", "choice", "optimizer", lambda v: _run().set_optimizer(v), "sgd"),
    # a race's configuration, directly and through TrainModel.update
    *(
        Slot(f"{where}.{key}", kind, name, make(key), good)
        for where, make in [
            ("RaceConfig", lambda key: lambda v: _small_race(**{key: v})),
            ("TrainModel", _train_model),
        ]
        for key, kind, name, good in [
            ("n_points", "integer", "n_points", None),
            ("noise", "number", "noise", None),
            ("learning_rate", "number", "learning_rate", None),
            ("seed", "integer", "seed", None),
            ("batch_size", "integer", "batch_size", None),
            ("steps", "integer", "steps", None),
            ("optimizer", "choice", "optimizer", "sgd"),
            ("init", "choice", "init", "glorot"),
            ("dataset", "choice", "dataset", "circles"),
        ]
    ),
    Slot(
        "RaceConfig.hidden", "integer", "a hidden layer's width", lambda v: _small_race(hidden=(v,))
    ),
    Slot(
        "RaceConfig.params",
        "number",
        "elu.alpha",
        lambda v: _small_race(params={"elu": {"alpha": v}}),
    ),
    # LabModel's setters
    Slot("LabModel.mu", "number", "mu", lab_input("mu")),
    Slot("LabModel.sigma", "number", "sigma", lab_input("sigma")),
    Slot("LabModel.eps", "number", "eps", lab_input("eps")),
    Slot("LabModel.sigma_w", "number", "sigma_w", lab_network("sigma_w")),
    Slot("LabModel.sigma_b", "number", "sigma_b", lab_network("sigma_b")),
    Slot("LabModel.depth", "integer", "depth", lab_network("depth")),
    Slot("LabModel.width", "integer", "width", lab_sim("width")),
    Slot("LabModel.inputs", "integer", "inputs", lab_sim("inputs")),
    Slot("LabModel.seed", "integer", "seed", lab_sim("seed")),
    # ExplorerModel's setters that take numbers or flags
    Slot("ExplorerModel.set_cursor", "number", "cursor x", _explorer("set_cursor")),
    Slot("ExplorerModel.set_vanishing.eps", "number", "eps", _explorer("set_vanishing", None)),
    Slot("ExplorerModel.set_x_range", "number", "x_min", _explorer("set_x_range", after=(2.0,))),
    Slot("ExplorerModel.set_y_range", "number", "y_max", _explorer("set_y_range", -1.0)),
    Slot("ExplorerModel.set_enabled", "flag", "enabled", _explorer("set_enabled", "relu")),
    Slot("ExplorerModel.set_order_shown", "flag", "shown", _explorer("set_order_shown", 2)),
    Slot("ExplorerModel.set_auto_y", "flag", "auto_y", _explorer("set_auto_y")),
    Slot("ExplorerModel.set_show_kinks", "flag", "show_kinks", _explorer("set_show_kinks")),
    Slot("ExplorerModel.set_vanishing.shade", "flag", "shade", _explorer("set_vanishing")),
    Slot(
        "ExplorerModel.set_cursor.pinned",
        "flag",
        "pinned",
        _explorer("set_cursor", 0.0),
    ),
]

#: What each kind refuses. (None is left out: for several setters it means "keep as is".)
BAD = {
    "number": ["1.4", "0", True, np.True_, math.nan, math.inf, -math.inf, [1.0]],
    "integer": [2.5, "3", "1.4", True, np.True_, math.nan, math.inf, [3]],
    "flag": [1, 0, 1.0, np.int64(1), "false", "True", [True]],
    "choice": ["nope", "", 1, ["x"]],
}
#: What each kind accepts (inside every slot's range): ints, floats, numpy scalars.
GOOD = {
    "number": [1, 1.0, np.float32(1.0), np.float64(1.0), np.int64(1)],
    "integer": [3, 3.0, np.int64(3), np.uint8(3), np.float64(3.0)],
    "flag": [True, False, np.True_, np.False_],
}


def _cases(table):
    for slot in SLOTS:
        for value in table.get(slot.kind, [slot.good] if table is GOOD else []):
            yield pytest.param(slot, value, id=f"{slot.id}-{value!r}")


REQUIREMENT = {
    "number": ("a number", "a finite number"),
    "integer": ("an integer",),
    "flag": ("True or False",),
    "choice": ("one of ",),
}


@pytest.mark.parametrize(("slot", "value"), list(_cases(BAD)))
def test_every_entry_point_refuses_the_same_values_the_same_way(qapp, slot, value):
    with pytest.raises(ValueError) as info:
        slot.call(value)
    message = str(info.value)
    head = f"{slot.name} must be "
    assert message.startswith(head), message
    assert message.endswith(f", not {value!r}"), message
    assert message[len(head) :].startswith(REQUIREMENT[slot.kind]), message


@pytest.mark.parametrize(("slot", "value"), list(_cases(GOOD)))
def test_every_entry_point_accepts_the_same_values(qapp, slot, value):
    slot.call(value)  # no ValueError


def test_every_slot_kind_is_checked():
    kinds = {slot.kind for slot in SLOTS}
    assert kinds == set(BAD) and {"number", "integer", "flag"} <= set(GOOD)
    assert all(slot.good is not None for slot in SLOTS if slot.kind == "choice")

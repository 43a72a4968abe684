"""Export → PyTorch script and Export → weights (no Qt, no torch: the app never needs it).

The script's agreement with PyTorch is measured by scripts/check_torch_export.py, where
torch is installed; here: the script is valid Python that imports only numpy, torch and
the standard library, its numbers are the race's (split, initial weights, schedule), a
formula becomes torch operations that compute the engine's values (run on a numpy
stand-in for torch), refusals name the function, and files are written whole or not at
all. Needs no display.
"""

from __future__ import annotations

import ast
import json
import math
import os
import subprocess
import sys
import types

import numpy as np
import pytest

from actgui.activations import REGISTRY
from actgui.activations.custom import Definition, add_custom, custom_activation, remove_custom
from actgui.analysis import torch_activations as ta
from actgui.analysis.datasets import make_dataset
from actgui.analysis.features import split_indices
from actgui.analysis.race import Race, RaceConfig
from actgui.analysis.torch_export import (
    WEIGHTS_VERSION,
    export_arrays,
    pytorch_script,
    weights_json,
    write_pytorch_export,
    write_weights_json,
)
from actgui.analysis.trainer import Run
from actgui.text.messages import Message


def small(**changes) -> RaceConfig:
    base = dict(
        keys=("relu", "prelu", "tanh"), dataset="spirals", n_points=80, hidden=(6, 5),
        steps=12, test_fraction=0.25, batch_size=16, features=("x1", "x2", "x1*x2", "sin(x1)"),
        l1=1e-3, l2=1e-2, params={"prelu": {"alpha": 0.1}}, seed=3,
    )  # fmt: skip
    return RaceConfig(**{**base, **changes})


@pytest.fixture(scope="module")
def race() -> Race:
    """A race that trained 8 steps, changed its learning rate and penalties, and trained 4
    more."""
    r = Race(small())
    r.advance(until=8)
    r.set_learning_rate(0.003)
    r.set_regularization(0.0, 0.05)
    r.advance()
    return r


@pytest.fixture
def my_function():
    """A function of your own, registered for the test and removed after it."""
    act = add_custom(Definition("my_act", "My act", "where(x > 0, sqrt(x), a * x) + sin(x)"))
    yield act
    remove_custom("my_act")


def imported_modules(source: str) -> set[str]:
    """The top-level modules a script imports (anywhere in it)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "a relative import"
            found.add(node.module.split(".")[0])
    return found


def assignments(source: str) -> dict[str, ast.expr]:
    """The script's top-level ``NAME = value`` settings."""
    return {
        node.targets[0].id: node.value
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }


# -- the script ------------------------------------------------------------------------------
def test_the_script_compiles_and_imports_only_numpy_torch_and_the_standard_library(race):
    source = pytorch_script(race, "race")
    compile(source, "race.py", "exec")
    modules = imported_modules(source)
    assert {"numpy", "torch"} <= modules
    assert modules - {"numpy", "torch"} <= set(sys.stdlib_module_names)
    settings = assignments(source)  # the race's
    assert ast.literal_eval(settings["HIDDEN"]) == (6, 5)
    assert ast.literal_eval(settings["BATCH_SIZE"]) == 16
    assert ast.literal_eval(settings["OPTIMIZER"]) == "adam"
    assert ast.literal_eval(settings["FEATURES"]) == ("x1", "x2", "x1*x2", "sin(x1)")
    runs = ast.literal_eval(settings["RUNS"])
    assert [r["activation"] for r in runs] == ["relu", "prelu", "tanh"]
    assert [r["learned_slope"] for r in runs] == [False, True, False]


def test_the_script_of_a_function_of_your_own_compiles(my_function):
    r = Race(small(keys=("my_act", "gelu"), params={"my_act": {"a": 0.5}}, steps=3))
    r.advance()
    source = pytorch_script(r, "mine")
    compile(source, "mine.py", "exec")
    assert imported_modules(source) - {"numpy", "torch"} <= set(sys.stdlib_module_names)
    assert "def my_act(x, a=0.5):" in source


def test_one_run_alone(race):
    source = pytorch_script(race, "one", run_index=1)
    runs = ast.literal_eval(assignments(source)["RUNS"])
    assert [(r["id"], r["activation"]) for r in runs] == [("run1", "prelu")]
    assert set(export_arrays(race, 1)) >= {"run1_W1", "run1_alpha"}
    assert "run2_W1" not in export_arrays(race, 1)
    with pytest.raises(IndexError):
        pytorch_script(race, "none", run_index=3)


# -- its numbers ---------------------------------------------------------------------------
def test_the_npz_holds_the_split_the_race_trained_on(race, tmp_path):
    _, npz = write_pytorch_export(tmp_path / "race.py", race)
    data = np.load(npz, allow_pickle=False)
    x, y = make_dataset("spirals", 80, 0.1, 3)  # made again here, split again here
    rows, held = split_indices(80, 0.25, 3)
    for name, expected in (
        ("train_inputs", x[rows]), ("train_targets", y[rows]),
        ("test_inputs", x[held]), ("test_targets", y[held]),
    ):  # fmt: skip
        assert np.array_equal(data[name], expected), name
    assert np.array_equal(data["train_inputs"], race.inputs)
    assert np.array_equal(data["test_targets"], race.test_targets)
    assert list(data["features"]) == ["x1", "x2", "x1*x2", "sin(x1)"]
    assert int(data["seed"]) == 3 and int(data["batch_size"]) == 16


def test_the_initial_parameters_are_a_fresh_runs(race):
    arrays = export_arrays(race)
    x, y = make_dataset("spirals", 80, 0.1, 3)
    rows, held = split_indices(80, 0.25, 3)
    for number, (key, params) in enumerate(
        [("relu", {}), ("prelu", {"alpha": 0.1}), ("tanh", {})], start=1
    ):
        fresh = Run(
            key, x[rows], y[rows], (6, 5), seed=3, features=("x1", "x2", "x1*x2", "sin(x1)"),
            test=(x[held], y[held]), params=params,
        )  # fmt: skip
        trained = race.runs[number - 1].net
        for i in range(3):
            w = arrays[f"run{number}_W{i + 1}"]
            assert np.array_equal(w, fresh.net.weights[i])
            assert np.array_equal(arrays[f"run{number}_b{i + 1}"], fresh.net.biases[i])
            assert not np.array_equal(w, trained.weights[i])  # (not the trained ones)
        assert arrays["run1_W1"].shape == (4, 6)  # four features in, six units out
    assert np.array_equal(arrays["run2_alpha"], [0.1, 0.1])
    assert "run1_alpha" not in arrays


def test_a_class_only_the_test_set_holds_counts_in_the_initial_network():
    """The output layer has a unit per class of the whole data set, the held-out included."""
    seed = next(s for s in range(100) if list(split_indices(6, 0.2, s)[1]) == [5])
    points = ((0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0), (2, 2, 0), (3, 3, 1))
    r = Race(RaceConfig(keys=("relu",), dataset="drawn", points=points, test_fraction=0.2,
                        seed=seed, hidden=(3,), steps=2))  # fmt: skip
    assert set(r.targets) == {0} and list(r.test_targets) == [1]
    arrays = export_arrays(r)
    assert arrays["run1_W2"].shape == (3, 2)
    assert np.array_equal(arrays["run1_W2"].shape, r.runs[0].net.weights[1].shape)


def test_the_schedule_is_the_recorded_one(race):
    arrays = export_arrays(race)
    records = race.runs[0].records()
    assert np.array_equal(arrays["run1_learning_rate"], records["learning_rate"])
    assert list(arrays["run1_learning_rate"][[0, 7, 8, 11]]) == [0.01, 0.01, 0.003, 0.003]
    assert list(arrays["run1_l1"][[7, 8]]) == [1e-3, 0.0]
    assert list(arrays["run1_l2"][[7, 8]]) == [1e-2, 0.05]
    assert np.array_equal(arrays["run1_loss"], records["loss"])
    assert np.array_equal(arrays["run3_test_loss"], race.runs[2].records()["test_loss"])
    # Steps not taken yet follow the race's current values.
    longer = Race(small(steps=20))
    longer.advance(until=5)
    longer.set_learning_rate(0.5)
    rates = export_arrays(longer)["run1_learning_rate"]
    assert rates.shape == (20,) and list(rates[[4, 5, 19]]) == [0.01, 0.5, 0.5]


def test_a_read_only_mirror_exports_the_same(race):
    """Only the attributes the module says it reads: a child process's mirror will do."""

    def mirrored(run):
        net = types.SimpleNamespace(
            weights=[w.copy() for w in run.net.weights],
            biases=[b.copy() for b in run.net.biases],
            alphas=[a.copy() for a in run.net.alphas],
        )
        return types.SimpleNamespace(
            act=types.SimpleNamespace(key=run.act.key), init=run.init, steps=run.steps,
            records=run.records, net=net,
        )  # fmt: skip

    mirror = types.SimpleNamespace(
        config=race.config, runs=[mirrored(r) for r in race.runs], inputs=race.inputs,
        targets=race.targets, test_inputs=race.test_inputs, test_targets=race.test_targets,
    )  # fmt: skip
    assert pytorch_script(mirror, "race") == pytorch_script(race, "race")
    ours, theirs = export_arrays(race), export_arrays(mirror)
    assert ours.keys() == theirs.keys()
    assert all(np.array_equal(ours[k], theirs[k]) for k in ours)
    assert weights_json(mirror) == weights_json(race)


# -- activations -------------------------------------------------------------------------
def test_every_built_in_has_a_pytorch_form_with_its_parameters():
    builtins = {k for k, a in REGISTRY.items() if a.family != "custom"}
    assert set(ta.BUILTIN) == builtins and len(builtins) == 37
    for key in builtins:
        source = ta.builtin_source(key, REGISTRY[key].defaults())
        (function,) = ast.parse(source).body
        assert function.name == key
        assert [a.arg for a in function.args.args] == ["x", *(p.name for p in REGISTRY[key].params)]


def numpy_torch() -> dict:
    """What a formula's torch code calls, in numpy: enough to run it without torch."""
    torch = types.SimpleNamespace(
        where=np.where, minimum=np.minimum, maximum=np.maximum, tensor=np.float64,
        full_like=np.full_like, zeros_like=np.zeros_like, logaddexp=np.logaddexp,
        abs=np.abs, exp=np.exp, log=np.log, log1p=np.log1p, expm1=np.expm1, sqrt=np.sqrt,
        sin=np.sin, cos=np.cos, tan=np.tan, tanh=np.tanh, sinh=np.sinh, cosh=np.cosh,
        arctan=np.arctan, sign=np.sign, relu=lambda u: np.maximum(u, 0.0),
        sigmoid=lambda u: 1.0 / (1.0 + np.exp(-u)),
        erf=np.vectorize(math.erf),
    )  # fmt: skip
    functional = types.SimpleNamespace(gelu=lambda u: REGISTRY["gelu"].forward(u))
    return {"torch": torch, "F": functional, "math": math, "np": np}


@pytest.mark.parametrize(
    ("formula", "values"),
    [
        ("x * sigmoid(beta * x)", {"beta": 1.5}),
        ("log(1 + exp(x)) - 2 ** x / 100", {}),
        ("where(x > 0, x, a * (exp(x) - 1))", {"a": 0.5}),
        ("min(max(x, -1), 1) + 0.1 * sin(x) - abs(x) ** p", {"p": 1.5}),
        ("where(x > 0, sqrt(x), 0) + where(c < 0, x, -x)", {"c": 2.0}),
        ("where(x < 1, x, log(x - 1) + 1) + cosh(x / 9) * erf(x)", {}),
        ("gelu(x) + 3", {}),
        ("2", {}),
    ],
)
def test_a_formula_in_torch_operations_computes_the_engines_values(formula, values):
    act = custom_activation("mine", formula)
    source, called = ta.formula_source("mine", formula, values)
    space = numpy_torch()
    for key, defaults in called.items():  # (the built-ins it calls)
        exec(ta.builtin_source(key, defaults), space)
    exec(source, space)  # our own code, run on the numpy stand-in
    x = np.concatenate([np.linspace(-6.0, 6.0, 1201), [0.0, 1.0, -1.0]])
    with np.errstate(all="ignore"):
        got = np.broadcast_to(space["mine"](x), x.shape)
    expected = act.forward(x, **values)
    assert np.allclose(got, expected, rtol=1e-13, atol=1e-15, equal_nan=True)
    assert set(called) == ({"gelu"} if "gelu" in formula else set())


def test_a_where_side_that_is_not_finite_where_unused_is_computed_elsewhere():
    """(autograd's 0·inf = NaN: PyTorch's "double where")"""
    source, _ = ta.formula_source("root", "where(x > 0, sqrt(x), 0)", {})
    assert "torch.sqrt(torch.where(x > 0.0, x, " in source
    plain, _ = ta.formula_source("plain", "where(x > 0, x, 0)", {})
    assert "torch.where(x > 0.0, x, 0.0)" in plain


# -- refusals ------------------------------------------------------------------------------
def test_a_built_in_without_a_pytorch_form_is_refused_by_name(race, monkeypatch, tmp_path):
    monkeypatch.setattr(ta, "BUILTIN", {k: v for k, v in ta.BUILTIN.items() if k != "tanh"})
    name = REGISTRY["tanh"].name
    with pytest.raises(ValueError, match=f"^{name} has no PyTorch form") as caught:
        write_pytorch_export(tmp_path / "race.py", race)
    assert isinstance(caught.value.args[0], Message)
    assert caught.value.args[0].template == ta.NO_TORCH_FORM
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_formula_with_a_part_without_a_torch_form_is_refused_by_name(monkeypatch, tmp_path):
    add_custom(Definition("calls_gelu", "Calls GELU", "gelu(x) / 2"))
    try:
        r = Race(small(keys=("calls_gelu", "relu"), steps=2))
        monkeypatch.setattr(ta, "BUILTIN", {k: v for k, v in ta.BUILTIN.items() if k != "gelu"})
        with pytest.raises(
            ValueError, match=r"^Calls GELU cannot be written for PyTorch: it uses gelu"
        ):
            write_pytorch_export(tmp_path / "race.py", r)
    finally:
        remove_custom("calls_gelu")
    assert list(tmp_path.iterdir()) == []


def test_a_function_of_your_own_no_longer_known_is_refused_by_name(tmp_path):
    add_custom(Definition("gone", "Gone soon", "x * tanh(x)"))
    try:
        r = Race(small(keys=("gone",), steps=2))
    finally:
        remove_custom("gone")
    with pytest.raises(ValueError, match="Gone soon") as caught:
        write_pytorch_export(tmp_path / "race.py", r)
    assert caught.value.args[0].template == ta.FORMULA_UNKNOWN
    assert list(tmp_path.iterdir()) == []


def test_a_function_of_your_own_changed_since_the_race_began_is_refused(my_function, tmp_path):
    r = Race(small(keys=("my_act",), steps=2))
    add_custom(Definition("my_act", "My act", "x * x"))  # edited meanwhile
    with pytest.raises(ValueError, match="My act has changed") as caught:
        pytorch_script(r, "race")
    assert caught.value.args[0].template == ta.FORMULA_CHANGED


# -- files -----------------------------------------------------------------------------------
def test_both_files_are_written_whole_with_the_users_umask(race, tmp_path):
    py, npz = write_pytorch_export(tmp_path / "lesson", race)  # (.py added)
    assert (py.name, npz.name) == ("lesson.py", "lesson.npz")
    assert py.read_text("utf-8") == pytorch_script(race, "lesson")
    assert set(np.load(npz).files) == set(export_arrays(race))
    umask = os.umask(0)
    os.umask(umask)
    assert py.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.npz", "lesson.py"]


def test_a_script_that_cannot_be_written_leaves_no_numbers(race, tmp_path):
    (tmp_path / "race.py").mkdir()  # a folder where the script should go
    with pytest.raises(OSError):
        write_pytorch_export(tmp_path / "race.py", race)
    assert [p.name for p in tmp_path.iterdir()] == ["race.py"]  # no .npz, no temporary file


# -- weights -----------------------------------------------------------------------------
def test_the_weights_json_round_trips_exactly(race, tmp_path):
    path = write_weights_json(tmp_path / "weights.json", race)
    data = json.loads(path.read_text("utf-8"))
    assert data["actgui_weights"] == WEIGHTS_VERSION
    assert [r["activation"] for r in data["runs"]] == ["relu", "prelu", "tanh"]
    for entry, run in zip(data["runs"], race.runs, strict=True):
        assert entry["features"] == ["x1", "x2", "x1*x2", "sin(x1)"]
        assert entry["init"] == "he" and entry["steps"] == 12
        assert len(entry["layers"]) == 3
        for layer, w, b in zip(entry["layers"], run.net.weights, run.net.biases, strict=True):
            assert layer["weight"]["shape"] == list(w.shape)
            assert layer["bias"]["shape"] == list(b.shape)
            assert np.array_equal(np.array(layer["weight"]["values"]), w)  # every bit
            assert np.array_equal(np.array(layer["bias"]["values"]), b)
    prelu = data["runs"][1]
    assert prelu["alphas"] == list(race.runs[1].alphas) and len(prelu["alphas"]) == 2
    assert prelu["alphas"] != [0.1, 0.1]  # learned since
    assert prelu["params"] == {"alpha": 0.1}


def test_weights_json_writes_non_finite_values_as_words(race):
    broken = types.SimpleNamespace(
        weights=[np.array([[math.nan, math.inf], [-math.inf, 1.5]])], biases=[np.zeros(2)],
        alphas=[],
    )  # fmt: skip
    mirror = types.SimpleNamespace(
        config=race.config, inputs=race.inputs, targets=race.targets,
        runs=[types.SimpleNamespace(act=race.runs[0].act, init="he", steps=3, net=broken)],
    )  # fmt: skip
    mirror.config = race.config.with_changes(keys=("relu",))
    layer = weights_json(mirror)["runs"][0]["layers"][0]
    assert layer["weight"]["values"] == [["nan", "inf"], ["-inf", 1.5]]
    json.dumps(layer, allow_nan=False)  # standard JSON


def test_the_export_never_loads_torch():
    code = "import sys, actgui.analysis.torch_export; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_optimiser_of_every_step_is_exported():
    """A race whose optimiser changed half way (its moments start afresh then): the script
    must switch at the same step, so the .npz says which optimiser took each step."""
    config = small(optimizer="sgd", steps=10)
    race = Race(config)
    race.advance(until=4)
    race.set_optimizer("adam")
    race.advance()
    arrays = export_arrays(race)
    assert arrays["run1_adam"].tolist() == [0.0] * 4 + [1.0] * 6
    assert race.runs[0].records()["adam"].tolist() == [0.0] * 4 + [1.0] * 6


@pytest.mark.parametrize("name", ['my"race', 'x"""y', "a\\N", "back\\", "line\nbreak"])
def test_any_file_name_gives_a_script_that_parses(race, name):
    source = pytorch_script(race, name)
    tree = ast.parse(source)
    assert name in ast.get_docstring(tree)


def test_two_keys_never_name_one_function():
    """A key the script uses itself ("train") beside the key its function used to be
    renamed to ("train_"): each run has its own function."""
    from actgui.activations.formula import FormulaError

    for key, formula in (("train", "x * 2"), ("train_", "x * 3")):
        add_custom(Definition(key, key, formula))
    try:
        r = Race(small(keys=("train", "train_"), params={}, steps=2))
        source = pytorch_script(r, "pair")
        compile(source, "pair.py", "exec")
        line = next(ln for ln in source.splitlines() if ln.startswith("ACTIVATIONS = "))
        assert line == 'ACTIVATIONS = {"train": _train, "train_": train_}'
    finally:
        remove_custom("train")
        remove_custom("train_")
    with pytest.raises(FormulaError, match="'torch' cannot be a parameter name"):
        Definition("shadow", "shadow", "x * torch").build()

"""The race engine (no Qt): configuration files, CSV data, fairness, live changes,
cancellation, divergence, history and the three demonstrations' outcomes."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from actgui.analysis import Cancelled, train
from actgui.analysis.race import (
    PRESETS,
    Race,
    RaceConfig,
    config_text,
    load_csv,
    read_config,
)


def small(**changes) -> RaceConfig:
    base = dict(keys=("relu", "tanh"), n_points=100, hidden=(8, 8), steps=40)
    return RaceConfig(**{**base, **changes})


# -- configuration -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"keys": ()}, "1 to 4 activations"),
        ({"keys": ("relu",) * 2}, "once"),
        ({"keys": ("a", "b", "c", "d", "e")}, "1 to 4"),
        ({"dataset": "mnist"}, "dataset must be one of .*, not 'mnist'"),
        ({"dataset": "csv"}, "data_file"),
        ({"n_points": 1}, "n_points"),
        ({"noise": -0.1}, "noise"),
        ({"hidden": ()}, "hidden"),
        ({"hidden": (16, 0)}, "width"),
        ({"hidden": (16,) * 9}, "hidden"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": math.nan}, "learning_rate"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"init": "zeros"}, "init"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"batch_size": 0}, "batch_size"),
        ({"steps": 0}, "steps"),
        ({"params": {"elu": {"alpha": "big"}}}, "elu.alpha"),
    ],
)
def test_bad_configuration_is_refused_with_its_name(changes, message):
    with pytest.raises(ValueError, match=message):
        small(**changes)


def test_configuration_file_round_trip(tmp_path):
    config = small(
        keys=("elu", "leaky_relu"),
        learning_rate=0.05,
        optimizer="sgd",
        batch_size=32,
        params={"elu": {"alpha": 0.5}},
    )
    path = tmp_path / "race.json"
    path.write_text(config_text(config), encoding="utf-8")
    assert read_config(path) == config
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["actgui_race"] == 1 and data["hidden"] == [8, 8]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ("[1, 2]", "not an actgui race"),
        ('{"actgui_race": 2}', "version"),
        ('{"actgui_race": 1, "colour": "red"}', "unknown entries: colour"),
        ('{"actgui_race": 1, "hidden": 16}', "hidden must be a list"),
        ('{"actgui_race": 1, "keys": ["relu"], "steps": "many"}', "steps"),
    ],
)
def test_bad_configuration_file_says_why(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_config(path)


# -- CSV data ----------------------------------------------------------------------------
def test_csv_with_header_and_labels_numbered_in_order(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,label\n0.5,1,3\n-1,2.5,7\n2,0,3\n", encoding="utf-8")
    x, y = load_csv(path)
    assert x.tolist() == [[0.5, 1.0], [-1.0, 2.5], [2.0, 0.0]]
    assert y.tolist() == [0, 1, 0] and np.issubdtype(y.dtype, np.integer)


def test_csv_with_two_columns_is_a_curve(tmp_path):
    path = tmp_path / "curve.csv"
    path.write_text("1;2\n3;4.5\n5;-6\n", encoding="utf-8")  # semicolons too
    x, y = load_csv(path)
    assert x.shape == (3, 1) and y.tolist() == [2.0, 4.5, -6.0]
    race = Race(small(dataset="csv", data_file=str(path), steps=5))
    race.advance()
    assert not race.classify and race.runs[0].predict(np.zeros((4, 1))).shape == (4,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no data"),
        ("x,y\n", "at least two rows"),
        ("1,2,3,4\n5,6,7,8\n", "line 1: expected 3 columns"),
        ("1,2,0\n3,4\n", "line 2: expected 3 columns, got 2"),
        ("1,2,0\n3,four,1\n", "line 2, column 2: 'four' is not a number"),
        ("1,2,0\n3,inf,1\n", "line 2, column 2: 'inf' is not a finite number"),
        ("1,2,0\n3,4,0.5\n", "line 2, column 3: a class label must be a whole number"),
        ("1,2,0\n3,4,0\n", "at least two classes"),
        ("".join(f"{i},{i},{i}\n" for i in range(11)), "at most 10 classes"),
    ],
)
def test_bad_csv_says_where(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_csv(path)


def test_binary_file_is_not_csv(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00" * 10)
    with pytest.raises(ValueError, match="not UTF-8"):
        load_csv(path)


# -- fairness and equality with train() --------------------------------------------------------
def test_every_run_starts_from_the_same_weights_and_sees_the_same_data():
    race = Race(small(keys=("relu", "tanh", "elu", "gelu")))
    first = race.runs[0].net
    for run in race.runs[1:]:
        assert run.x is race.runs[0].x and run.y is race.runs[0].y
        for a, b in zip(run.net.weights, first.weights, strict=True):
            assert np.array_equal(a, b)


def test_edge_of_chaos_runs_share_their_draws_scaled():
    race = Race(small(keys=("relu", "tanh"), init="edge_of_chaos"))
    (w_relu, w_tanh) = (run.net.weights[1] for run in race.runs)
    ratio = w_tanh / w_relu
    assert np.allclose(ratio, ratio.flat[0], rtol=1e-12) and not np.isclose(ratio.flat[0], 1.0)


def test_a_race_is_each_function_trained_alone():
    config = small(keys=("relu", "sigmoid", "elu"), batch_size=16, steps=60)
    race = Race(config)
    race.advance()
    for run in race.runs:
        alone = train(
            run.act.key, "spirals", (8, 8), 60, 0.01, "adam", "he", 0, 100, 0.1, batch_size=16
        )
        assert np.array_equal(run.loss, alone.loss)
        assert np.array_equal(run.dead_fraction, alone.dead_fraction)


def test_learning_rate_and_optimizer_change_between_steps():
    race = Race(small(steps=30))
    race.advance(until=10)
    race.set_learning_rate(0.2)
    race.set_optimizer("sgd")
    race.advance()
    run = race.runs[0]
    assert run.steps == 30 and run.optimizer == "sgd"
    assert run.learning_rates[:10].tolist() == [0.01] * 10
    assert run.learning_rates[10:].tolist() == [0.2] * 20
    with pytest.raises(ValueError, match="learning_rate"):
        race.set_learning_rate(-1.0)
    assert run.learning_rate == 0.2


def test_cancelled_between_steps():
    race = Race(small(steps=10_000))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        race.advance(cancelled=cancelled)
    assert 0 < race.steps < 10_000
    steps = race.steps
    race.advance(until=steps + 5)  # and it goes on from there
    assert race.steps == steps + 5


def test_a_diverging_run_stops_and_the_others_go_on():
    race = Race(small(keys=("prelu", "relu"), optimizer="sgd", learning_rate=1.0, steps=200))
    race.advance()
    prelu, relu = race.runs
    assert prelu.diverged and prelu.steps < 200
    last = np.append(prelu.gradient_norm[-1], prelu.loss[-1])
    assert not np.all(np.isfinite(last)) and np.all(np.isfinite(prelu.loss[:-1]))
    assert relu.steps == 200 and not relu.diverged
    assert race.finished()


def test_history_table_has_every_digit():
    race = Race(small(steps=7))
    race.advance()
    header, rows = race.history_table()
    assert header[:4] == ["activation", "step", "learning_rate", "loss"]
    assert header[4:] == [
        "l1",
        "l2",
        "accuracy",
        "dead_fraction_layer1",
        "dead_fraction_layer2",
        "gradient_norm_layer1",
        "gradient_norm_layer2",
    ]
    assert len(rows) == 14
    tanh = [r for r in rows if r[0] == "tanh"]
    assert [float(r[3]) for r in tanh] == race.runs[1].loss.tolist()
    assert [float(r[10]) for r in tanh] == race.runs[1].gradient_norm[:, 1].tolist()


# -- the demonstrations --------------------------------------------------------------------
def test_dying_relu_demonstration():
    race = Race(PRESETS["dying_relu"])
    race.advance()
    runs = {run.act.key: run for run in race.runs}
    assert runs["relu"].dead_fraction[-1, 0] >= 0.5
    assert runs["relu"].loss[-1] > 0.3
    assert runs["leaky_relu"].dead_fraction[-1].max() == 0.0
    assert runs["leaky_relu"].loss[-1] < 0.01


def test_vanishing_gradients_demonstration():
    race = Race(PRESETS["vanishing_gradients"])
    race.advance()
    runs = {run.act.key: run for run in race.runs}
    # Sigmoid's first layer gets a far smaller gradient from the start, and it stalls at
    # the loss of a coin toss, log 2; tanh learns.
    first = {key: run.gradient_norm[0, 0] for key, run in runs.items()}
    assert first["sigmoid"] < 0.01 * first["tanh"]
    assert runs["sigmoid"].loss[-1] == pytest.approx(math.log(2.0), abs=1e-3)
    assert runs["tanh"].loss[-1] < 0.05


def test_elu_selu_demonstration():
    race = Race(PRESETS["elu_selu_vs_relu"])
    race.advance()
    runs = {run.act.key: run for run in race.runs}
    assert runs["selu"].loss[-1] < 0.5 * runs["relu"].loss[-1]
    assert runs["elu"].dead_fraction.max() == 0.0 and runs["selu"].dead_fraction.max() == 0.0
    assert runs["relu"].dead_fraction[-1].max() > 0.0


def test_dead_units_are_counted_on_every_training_point_with_mini_batches():
    # A unit counts as dead only if f′ = 0 on all points, not just on the step's batch.
    race = Race(small(keys=("relu",), batch_size=8, optimizer="sgd", learning_rate=1.0, steps=60))
    run = race.runs[0]
    for _ in range(60):
        before = [w.copy() for w in run.net.weights], [b.copy() for b in run.net.biases]
        race.step(1)
        a = run.x
        for layer, (w, b) in enumerate(zip(*before, strict=False)):
            if layer == len(before[0]) - 1:
                break
            h = a @ w + b
            expected = np.mean(np.all(h <= 0.0, axis=0))  # relu′ = 0 exactly where h ≤ 0
            assert run.dead_fraction[-1, layer] == expected
            a = np.maximum(h, 0.0)
    assert run.dead_fraction.max() > 0.0  # the check saw dead units


def test_csv_reader_errors_name_their_line(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text('"' + "1" * 200_000 + '",2\n3,4\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: field larger than field limit"):
        load_csv(path)
    path.write_text('1,2\n3,4\n"' + "1" * 200_000 + '",2\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 3: field larger"):
        load_csv(path)


def test_a_first_row_with_numbers_is_data_not_a_header(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("1,2,x\n3,4,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1, column 3: 'x' is not a number"):
        load_csv(path)

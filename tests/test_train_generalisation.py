"""The Train engine's Playground features (issue 24): a held-out test set, L1/L2, input
features, hidden layers' outputs, drawn points. Each checked against a computation of its
own (a forward pass written out here, central differences, the data itself)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from actgui.analysis.features import FEATURES, feature_columns, split_indices
from actgui.analysis.race import Race, RaceConfig, read_config, save_config
from actgui.analysis.trainer import Run, make_dataset, train


def forward_relu(x: np.ndarray, weights, biases) -> list[np.ndarray]:
    """Every layer's outputs of a ReLU network, written out."""
    outs, a = [], x
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        a = a @ w + b
        if i < len(weights) - 1:
            a = np.maximum(a, 0.0)
        outs.append(a)
    return outs


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(y)), y].mean())


def test_the_split_is_disjoint_whole_and_the_same_from_the_seed():
    train_rows, test_rows = split_indices(100, 0.3, seed=4)
    assert len(test_rows) == 30 and len(train_rows) == 70
    assert sorted([*train_rows, *test_rows]) == list(range(100))
    again = split_indices(100, 0.3, seed=4)
    assert np.array_equal(again[1], test_rows)
    assert not np.array_equal(split_indices(100, 0.3, seed=5)[1], test_rows)
    assert len(split_indices(100, 0.0, seed=4)[1]) == 0
    assert len(split_indices(3, 0.1, seed=0)[1]) == 1  # (at least one when asked for)


def test_no_step_trains_on_the_test_points():
    x, y = make_dataset("moons", 120, 0.2, seed=2)
    held = train("relu", hidden=(8,), steps=60, seed=2, data=(x, y), test_fraction=0.25)
    rows, test_rows = split_indices(120, 0.25, seed=2)
    alone = train("relu", hidden=(8,), steps=60, seed=2, data=(x[rows], y[rows]))
    # The same training, bit for bit, as on the training points alone.
    assert np.array_equal(held.loss, alone.loss)
    assert np.array_equal(held.test_inputs, x[test_rows])
    assert len(held.test_loss) == 60 and len(alone.test_loss) == 0


def test_test_loss_and_accuracy_are_the_held_out_points_at_each_step():
    x, y = make_dataset("xor", 90, 0.1, seed=1)
    kwargs = dict(hidden=(6, 5), seed=1, data=(x, y), test_fraction=0.3, learning_rate=0.05)
    long = train("relu", steps=30, **kwargs)
    for k in (5, 17):
        # the weights after k steps: the k-th record (0-based k) is measured there
        short = train("relu", steps=k, **kwargs)
        logits = forward_relu(short.test_inputs, short.weights, short.biases)[-1]
        assert long.test_loss[k] == pytest.approx(
            cross_entropy(logits, short.test_targets), rel=1e-12
        )
        right = np.mean(np.argmax(logits, axis=1) == short.test_targets)
        assert long.test_accuracy[k] == right
        train_logits = forward_relu(short.inputs, short.weights, short.biases)[-1]
        assert long.accuracy[k] == np.mean(np.argmax(train_logits, axis=1) == short.targets)
    assert long.r2 is None and long.test_r2 is None


def test_a_curve_fit_reports_r2_not_accuracy():
    history = train("tanh", dataset="sin", hidden=(8,), steps=40, test_fraction=0.2, seed=3)
    assert history.accuracy is None and history.test_accuracy is None
    # R² at step 0 from the initial weights: 1 − SSE/SST of the held-out points
    first = train("tanh", dataset="sin", hidden=(8,), steps=1, test_fraction=0.2, seed=3)
    assert first.test_r2[0] == history.test_r2[0]
    assert history.r2[-1] > history.r2[0]


def test_l2_shrinks_the_weights_against_the_same_run_without_it():
    common = dict(dataset="spirals", hidden=(16, 16), steps=200, seed=0, n_points=200)
    plain = train("relu", **common)
    decayed = train("relu", l2=0.01, **common)
    norm = lambda h: math.sqrt(sum(float(np.sum(w * w)) for w in h.weights))  # noqa: E731
    assert norm(decayed) < 0.8 * norm(plain)
    # the loss reported is the data loss: without the penalty, it starts the same
    assert decayed.loss[0] == plain.loss[0]


def test_the_penalised_gradient_is_the_objectives_by_central_differences():
    x, y = make_dataset("moons", 20, 0.1, seed=3)
    run = Run("tanh", x, y, (4,), seed=1, l1=0.03, l2=0.2)
    records, grads = run.compute_step()
    net = run.net

    def objective() -> float:
        loss = net.loss_and_gradients(run.inputs, y, True)[0]
        penalty = sum(0.03 * np.abs(w).sum() + 0.2 * (w * w).sum() for w in net.weights)
        return loss + penalty

    h = 1e-6
    for layer, w in enumerate(net.weights):
        for index in [(0, 0), (1, 1), (w.shape[0] - 1, w.shape[1] - 1)]:
            keep = w[index]
            w[index] = keep + h
            up = objective()
            w[index] = keep - h
            down = objective()
            w[index] = keep
            assert grads[2 * layer][index] == pytest.approx((up - down) / (2 * h), rel=1e-6)
    assert records["l1"] == 0.03 and records["l2"] == 0.2


def test_regularisation_changes_while_training():
    x, y = make_dataset("xor", 40, 0.1, seed=0)
    run = Run("relu", x, y, (4,), seed=0)
    run.step(3)
    run.set_regularization(0.5, 0.25)
    run.step(2)
    assert run.records()["l2"].tolist() == [0, 0, 0, 0.25, 0.25]
    with pytest.raises(ValueError, match="l1"):
        run.set_regularization(-1.0, 0.0)
    assert run.l1 == 0.5


def test_features_are_the_columns_the_network_sees():
    x = np.array([[0.5, -2.0], [1.5, 3.0]])
    columns = feature_columns(x, FEATURES)
    expected = [[0.5, -2.0, 0.25, 4.0, -1.0, math.sin(0.5), math.sin(-2.0)],
                [1.5, 3.0, 2.25, 9.0, 4.5, math.sin(1.5), math.sin(3.0)]]  # fmt: skip
    assert columns.tolist() == expected
    # the order given does not matter; 1-D data keeps the features of x1 only
    assert feature_columns(x, ("x1*x2", "x1")).tolist() == [[0.5, -1.0], [1.5, 4.5]]
    assert feature_columns(x[:, :1], FEATURES).tolist() == [[0.5, 0.25, math.sin(0.5)],
                                                           [1.5, 2.25, math.sin(1.5)]]  # fmt: skip


def test_features_change_the_input_width():
    x, y = make_dataset("circles", 50, 0.1, seed=0)
    assert Run("relu", x, y, (5,)).net.weights[0].shape == (2, 5)
    assert Run("relu", x, y, (5,), features=FEATURES).net.weights[0].shape == (7, 5)
    history = train("relu", dataset="circles", hidden=(5,), steps=3, features=("x1^2", "x2^2"))
    assert history.weights[0].shape == (2, 5) and history.features == ("x1^2", "x2^2")
    assert train("tanh", dataset="sin", hidden=(3,), steps=2).weights[0].shape == (1, 3)
    with pytest.raises(ValueError, match="unknown input features"):
        Run("relu", x, y, (5,), features=("x3",))


def test_hidden_outputs_are_each_layers_after_the_activation():
    history = train("relu", hidden=(16, 8), steps=20, n_points=60, features=("x1", "x2", "x1*x2"))
    points = np.array([[0.1, 0.2], [-0.7, 0.4], [2.0, -1.0]])
    columns = np.column_stack([points[:, 0], points[:, 1], points[:, 0] * points[:, 1]])
    expected = forward_relu(columns, history.weights, history.biases)[:-1]
    outputs = history.hidden_outputs(points)
    assert [o.shape for o in outputs] == [(3, 16), (3, 8)]
    for got, want in zip(outputs, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)


def test_the_new_fields_are_checked_and_saved_only_when_set(tmp_path):
    plain = RaceConfig().to_json()
    for name in ("test_fraction", "l1", "l2", "features", "points"):
        assert name not in plain  # (a file older versions read as before)
    config = RaceConfig(test_fraction=0.3, l1=0.001, l2=2.0, features=["x2", "x1", "sin(x1)"])
    assert config.features == ("x1", "x2", "sin(x1)")
    path = save_config(tmp_path / "race.json", config)
    assert read_config(path) == config
    for bad in (dict(test_fraction=0.95), dict(l1=-1), dict(l2=11), dict(features=()),
                dict(features=("x3",)), dict(features="x1"),
                dict(dataset="sin", features=("x2", "x2^2"))):  # fmt: skip
        with pytest.raises(ValueError):
            RaceConfig(**bad)


def test_drawn_points_survive_save_and_open_and_train(tmp_path):
    points = [[0.1, 0.2, 0], [-0.5, 0.25, 1], [0.3, -0.9, 1], [0.7, 0.7, 0], [1e-17, 2.5, 0]]
    config = RaceConfig(dataset="drawn", points=points, keys=("relu",), hidden=(4,), steps=5)
    path = save_config(tmp_path / "drawn.json", config)
    again = read_config(path)
    assert again.points == tuple(tuple(p) for p in points)
    assert json.loads(path.read_text("utf-8"))["points"][4] == [1e-17, 2.5, 0]
    race = Race(again)
    race.advance()
    assert race.inputs.tolist() == [p[:2] for p in points]
    assert race.targets.tolist() == [p[2] for p in points] and race.classify
    curve = RaceConfig(dataset="drawn", points=[[0, 1], [1, 2], [2, 0], [3, 1]], keys=("tanh",))
    assert not Race(curve).classify
    for bad in (
        [[0, 1, 10]],
        [[0, 1, 0.5]],
        [[0, 1], [0, 1, 1]],
        [[math.nan, 1]],
        [[0, "1"]],
        "points",
    ):
        with pytest.raises(ValueError):
            RaceConfig(dataset="drawn", points=bad)
    with pytest.raises(ValueError, match="at least 4"):
        Race(RaceConfig(dataset="drawn", points=[[0, 0, 0]]))


def test_every_run_of_a_race_holds_out_the_same_points_and_records_them():
    config = RaceConfig(keys=("relu", "tanh"), n_points=80, hidden=(6,), steps=10,
                        test_fraction=0.25, l2=0.01)  # fmt: skip
    race = Race(config)
    race.advance()
    x, _ = make_dataset("spirals", 80, 0.1, 0)
    rows, held = split_indices(80, 0.25, 0)
    assert np.array_equal(race.test_inputs, x[held]) and np.array_equal(race.inputs, x[rows])
    for run in race.runs:
        assert np.array_equal(run.x_test, x[held])
    header, table = race.history_table()
    assert header[4:9] == ["l1", "l2", "accuracy", "test_loss", "test_accuracy"]
    relu = [r for r in table if r[0] == "relu"]
    assert [float(r[7]) for r in relu] == race.runs[0].test_loss.tolist()
    race.set_regularization(0.0, 0.5)
    assert race.config.l2 == 0.5 and race.runs[1].l2 == 0.5


# -- the demonstrations (README, "For teachers") --------------------------------------------
def test_the_overfitting_demonstration_overfits_and_l2_pulls_it_back():
    from actgui.analysis.race import PRESETS

    plain = Race(PRESETS["overfitting"])
    plain.advance()
    decayed = Race(PRESETS["overfitting_l2"])
    decayed.advance()
    for run, kept in zip(plain.runs, decayed.runs, strict=True):
        # the training loss falls to ~0 while the test loss turns up from its minimum …
        assert run.loss[-1] < 0.01
        assert run.test_loss[-1] > 3 * run.test_loss.min()
        assert np.argmin(run.test_loss) < 100
        # … and with L2 it ends lower than it did without
        assert kept.test_loss[-1] < 0.6 * run.test_loss[-1]
    relu = plain.runs[0], decayed.runs[0]
    assert relu[0].test_loss[-1] > 1.0 and relu[1].test_loss[-1] < 0.3
    assert relu[1].test_score[-1] > relu[0].test_score[-1]


def test_the_largest_drawing_is_remembered_in_the_settings(tmp_path):
    """10 000 drawn points with every digit fit the settings' JSON limit and come back."""
    from PySide6.QtCore import QSettings

    from actgui.labs import LabModel
    from actgui.settings import restore_lab, save_lab

    rng = np.random.default_rng(0)
    x = rng.normal(size=(10_000, 2)) * np.pi
    points = [(a, b, int(i % 2)) for i, (a, b) in enumerate(x.tolist())]
    config = RaceConfig(dataset="drawn", points=points, test_fraction=0.2, l2=0.5,
                        features=("x1", "x2^2"))  # fmt: skip
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    lab = LabModel()
    lab.train.set_config(config)
    save_lab(lab, settings)
    settings.sync()
    again = LabModel()
    restore_lab(again, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.train.config() == config


def test_a_drawn_curve_with_only_features_of_x2_is_refused_with_a_message():
    from actgui.text.messages import Message, message_of

    config = RaceConfig(dataset="drawn", points=[[0, 1], [1, 2], [2, 0], [3, 1]],
                        features=("x2", "x2^2"), keys=("tanh",))  # fmt: skip
    with pytest.raises(ValueError, match="none of the input features x2, x2\\^2") as caught:
        Race(config)
    assert isinstance(message_of(caught.value), Message)


@pytest.mark.parametrize(
    "points",
    [
        [[1e308, 0, 0], [-1e308, 1, 1], [0, -1e308, 0], [5, 5, 1]],  # wider than floats
        [[1e9, 0, 0], [1e9, 1, 1], [1e9, 2, 0], [1e9, 3, 1]],  # flat at a large value
    ],
)
def test_a_box_for_huge_or_flat_data_is_finite_and_wide(points):
    import warnings

    from actgui.analysis.race_pictures import data_box, race_pictures

    race = Race(RaceConfig(dataset="drawn", points=points, keys=("relu",), hidden=(3,)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lo, hi = data_box(race.inputs, race.targets, race.classify)
        assert np.all(np.isfinite(lo)) and np.all(np.isfinite(hi)) and np.all(hi - lo > 0)
        assert np.all(np.isfinite(hi - lo))
        pictures = race_pictures([r.frozen() for r in race.runs], (lo, hi), 8, ())
    assert pictures.runs[0].probabilities.shape == (64, 2)


def test_drawn_points_are_checked_once_not_at_every_change(monkeypatch):
    """A live change (the learning rate dragged) copies the set-up: 10 000 drawn points
    were checked again three times per change (67–181 ms on the GUI thread)."""
    from actgui.analysis import race_config

    points = [(i * 1e-3, -i * 1e-3, i % 2) for i in range(10_000)]
    config = RaceConfig(dataset="drawn", points=points)
    calls = []
    real = race_config.number
    monkeypatch.setattr(race_config, "number", lambda *a, **k: calls.append(a) or real(*a, **k))
    changed = config.with_changes(learning_rate=0.02, l2=0.5)
    assert changed.points == config.points and len(calls) < 20


def test_a_version_of_true_is_not_version_1():
    data = RaceConfig().to_json()
    with pytest.raises(ValueError, match="version"):
        RaceConfig.from_json({**data, "actgui_race": True})

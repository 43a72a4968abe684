"""Orthogonal initialisation in the trainer, and a race with an initialisation per run
(issue "Dynamical isometry", part 5: tanh with Gaussian against orthogonal weights)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton

from actgui.analysis.race import PRESETS, Race, RaceConfig
from actgui.analysis.trainer import Run, make_dataset
from actgui.training import TrainModel


def test_orthogonal_weights_are_orthogonal_at_the_edge_of_chaos_scale():
    x, y = make_dataset("spirals", 50, 0.1, 0)
    run = Run("relu", x, y, (16, 16, 8), init="orthogonal", seed=3)
    w_in, w_mid, w_down, w_out = run.net.weights
    # ReLU's edge of chaos at σ_b = 0 is He's σ_w = √2. Square: W Wᵀ = σ_w² I.
    np.testing.assert_allclose(w_mid @ w_mid.T, 2.0 * np.eye(16), atol=1e-12)
    # Widening 2 → 16: orthonormal rows scaled by σ_w √(16/2), so that each unit's
    # pre-activation has the Gaussian init's variance σ_w²·mean(x²).
    np.testing.assert_allclose(w_in @ w_in.T, 2.0 * 8.0 * np.eye(2), atol=1e-12)
    # Narrowing 16 → 8 and 8 → 3 classes: orthonormal columns scaled by σ_w.
    np.testing.assert_allclose(w_down.T @ w_down, 2.0 * np.eye(8), atol=1e-12)
    np.testing.assert_allclose(w_out.T @ w_out, 2.0 * np.eye(w_out.shape[1]), atol=1e-12)


def test_the_gaussian_and_the_orthogonal_run_of_a_race_start_from_the_same_draws():
    # Q comes from the QR of the very Gaussian matrix the other run is scaled from: at
    # width 1 → 1 layers that is the sign of the draw.
    config = RaceConfig(keys=("tanh", "tanh"), inits=("edge_of_chaos", "orthogonal"),
                        hidden=(4,), dataset="sin", n_points=20)  # fmt: skip
    race = Race(config)
    gauss, orth = race.runs[0].net.weights[0], race.runs[1].net.weights[0]
    assert gauss.shape == orth.shape == (1, 4)
    # tanh's σ_w on the edge at σ_b = 0 is 1: the Gaussian row is z, the orthogonal one
    # z/|z| · √4 (one row, widened 1 → 4).
    np.testing.assert_allclose(orth, gauss / np.linalg.norm(gauss) * 2.0, rtol=1e-12)


def test_a_race_may_run_a_function_twice_under_two_initialisations():
    config = PRESETS["orthogonal_tanh"]
    assert config.keys == ("tanh", "tanh")
    assert [run.init for run in Race(config.with_changes(n_points=40)).runs] == [
        "edge_of_chaos",
        "orthogonal",
    ]
    with pytest.raises(ValueError, match="once"):
        RaceConfig(keys=("tanh", "tanh"))
    with pytest.raises(ValueError, match="once"):
        RaceConfig(keys=("tanh", "tanh"), inits=("he", "he"))
    with pytest.raises(ValueError, match="one initialisation per activation"):
        RaceConfig(keys=("tanh", "relu"), inits=("he",))
    with pytest.raises(ValueError):
        RaceConfig(keys=("tanh",), inits=("xavier",))


def test_inits_are_saved_only_when_there_are_some_and_read_back():
    plain = RaceConfig().to_json()
    assert "inits" not in plain  # (a file older versions read as before)
    assert RaceConfig.from_json(plain) == RaceConfig()
    data = PRESETS["orthogonal_tanh"].to_json()
    assert data["inits"] == ["edge_of_chaos", "orthogonal"]
    assert RaceConfig.from_json(data) == PRESETS["orthogonal_tanh"]
    with pytest.raises(ValueError, match="list"):
        RaceConfig.from_json({**data, "inits": "orthogonal"})


def test_the_history_names_each_run_with_its_initialisation():
    race = Race(PRESETS["orthogonal_tanh"].with_changes(n_points=30, hidden=(4,) * 2))
    race.step(3)
    header, rows = race.history_table()
    assert header[0] == "activation"
    assert sorted({row[0] for row in rows}) == ["tanh/edge_of_chaos", "tanh/orthogonal"]
    assert Race(RaceConfig(n_points=30)).run_ids() == ["relu", "leaky_relu"]


def test_changing_the_functions_or_the_init_ends_the_per_run_inits():
    model = TrainModel(PRESETS["orthogonal_tanh"])
    model.update(steps=10)
    assert model.config().inits  # (other changes keep them)
    model.update(init="he")
    assert model.config().inits == () and model.config().init == "he"
    model.set_config(PRESETS["orthogonal_tanh"])
    model.update(keys=("tanh", "relu"))
    assert model.config().inits == ()


def test_the_demonstration_names_its_runs_and_its_init(window, qtbot):
    window.show_labs("train")
    view = window.labs.train
    view.controller.pause()
    window.lab.train.set_config(PRESETS["orthogonal_tanh"].with_changes(steps=3))
    assert view.form.combo_init.currentText() == "One per run"
    assert "its own initialisation" in view.label_fair.text()
    button = window.findChild(QPushButton, "button_train_preset_orthogonal_tanh")
    assert button is not None
    view.controller.reset()
    qtbot.waitUntil(lambda: view.controller.race is not None, timeout=30_000)
    view.graphs.plot_loss.redraw()
    names = [name for _key, name in view.graphs.plot_loss._legend_entries[0]]
    assert names == ["tanh · Edge of chaos", "tanh · Orthogonal"]
    # Another initialisation for all: the per-run entry goes.
    view.form.combo_init.setCurrentIndex(view.form.combo_init.findData("orthogonal"))
    assert window.lab.train.config().inits == ()
    assert view.form.combo_init.findData("per_run") < 0


def test_a_deleted_function_leaves_the_other_runs_their_inits():
    model = TrainModel(
        RaceConfig(keys=("tanh", "tanh", "elu"), inits=("edge_of_chaos", "orthogonal", "he"))
    )
    model.drop_functions(["elu"])
    assert model.config().keys == ("tanh", "tanh")
    assert model.config().inits == ("edge_of_chaos", "orthogonal")


def test_a_run_changed_in_the_form_keeps_the_others_and_their_inits(window, qtbot):
    window.show_labs("train")
    view = window.labs.train
    view.controller.pause()
    window.lab.train.set_config(PRESETS["orthogonal_tanh"])
    combo = view.form.combo_activations[2]
    combo.setCurrentIndex(combo.findData("relu"))  # a third run
    config = window.lab.train.config()
    assert config.keys == ("tanh", "tanh", "relu")
    assert config.inits == ("edge_of_chaos", "orthogonal", "edge_of_chaos")
    first = view.form.combo_activations[0]
    first.setCurrentIndex(first.findData("selu"))  # the Gaussian tanh becomes SELU
    config = window.lab.train.config()
    assert config.keys == ("selu", "tanh", "relu")
    assert config.inits == ("edge_of_chaos", "orthogonal", "edge_of_chaos")


def test_a_cell_gives_the_initialisation_a_line_of_its_own():
    from actgui.panels.labs.train_regions import cell_title

    race = Race(PRESETS["orthogonal_tanh"].with_changes(n_points=30, hidden=(4,)))
    assert cell_title(race.runs[1], None, per_run=True) == "tanh\nOrthogonal"
    assert cell_title(race.runs[1], None) == "tanh"

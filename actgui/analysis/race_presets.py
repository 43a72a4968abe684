"""The Train tab's ready-made demonstrations (no Qt): name → race set-up (README, "For
teachers")."""

from __future__ import annotations

from actgui.analysis.race_config import RaceConfig

#: Ready-made demonstrations (README, "For teachers"): name → configuration.
PRESETS: dict[str, RaceConfig] = {
    # ReLU units whose pre-activation goes negative on every point get no gradient and
    # never come back: at SGD's learning rate 1, most of the network dies.
    "dying_relu": RaceConfig(
        keys=("relu", "leaky_relu", "relu6", "silu"),
        dataset="spirals",
        hidden=(16, 16),
        learning_rate=1.0,
        optimizer="sgd",
        init="he",
        steps=600,
    ),
    # Six sigmoid layers pass the gradient on multiplied by at most 1/4 each: the first
    # layers barely move and the loss stays at log 2.
    "vanishing_gradients": RaceConfig(
        keys=("sigmoid", "tanh", "relu", "selu"),
        dataset="spirals",
        hidden=(16,) * 6,
        learning_rate=0.1,
        optimizer="sgd",
        init="lecun",
        steps=1000,
    ),
    # Zero-mean outputs (ELU) and self-normalisation (SELU with LeCun's init) train a
    # deeper network faster than ReLU at the same learning rate.
    "elu_selu_vs_relu": RaceConfig(
        keys=("relu", "leaky_relu", "elu", "selu"),
        dataset="spirals",
        hidden=(16,) * 4,
        learning_rate=0.01,
        optimizer="sgd",
        init="lecun",
        steps=1500,
    ),
    # Eight tanh layers of 16 on the edge of chaos, Gaussian against orthogonal weights.
    "orthogonal_tanh": RaceConfig(
        keys=("tanh", "tanh"),
        init="edge_of_chaos",  # (what changed runs fall back to)
        inits=("edge_of_chaos", "orthogonal"),
        dataset="spirals",
        hidden=(16,) * 8,
        learning_rate=0.05,
        optimizer="sgd",
        steps=1500,
    ),
}

#: A big network on 60 noisy points, half held out: the training loss falls to 0 while the
#: test loss turns up after about ten steps (ReLU's from 0.21 to 1.5 by step 1000).
PRESETS["overfitting"] = RaceConfig(
    keys=("relu", "tanh", "elu", "sigmoid"),
    dataset="moons",
    noise=0.35,
    n_points=60,
    test_fraction=0.5,
    hidden=(32, 32, 32),
    learning_rate=0.01,
    optimizer="adam",
    init="he",
    seed=1,
    steps=1000,
)
#: The same with an L2 rate of 0.01: the weights stay small and the test loss low.
PRESETS["overfitting_l2"] = PRESETS["overfitting"].with_changes(l2=0.01)
#: Two small layers of ReLU and of tanh on the circles: in the network's picture each
#: ReLU unit of the first layer is a half-plane with a crease, each tanh unit a ridge (a
#: little L2 keeps the weights small: without it tanh's ridges sharpen into steps).
PRESETS["what_units_compute"] = RaceConfig(
    keys=("relu", "tanh"),
    dataset="circles",
    noise=0.05,
    n_points=300,
    hidden=(6, 4),
    learning_rate=0.03,
    optimizer="adam",
    init="he",
    seed=2,
    steps=500,
    l2=0.003,
)

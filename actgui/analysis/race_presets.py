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

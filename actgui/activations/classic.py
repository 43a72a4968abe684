"""Classic squashing functions: sigmoid, tanh and their relatives."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import Activation, expit, expit_d1, sech2, softplus1

FAMILY = "classic"


def _sigmoid_d2(x: np.ndarray) -> np.ndarray:
    # σ'' = σ'·(1 - 2σ) and 1 - 2σ(x) = -tanh(x/2).
    return -expit_d1(x) * np.tanh(0.5 * x)


def _tanh_d2(x: np.ndarray) -> np.ndarray:
    return -2.0 * np.tanh(x) * sech2(x)


def _logsigmoid(x: np.ndarray) -> np.ndarray:
    return -softplus1(-x)


def _logsigmoid_d2(x: np.ndarray) -> np.ndarray:
    return -expit_d1(x)


def _softsign(x: np.ndarray) -> np.ndarray:
    return x / (1.0 + np.abs(x))


def _softsign_d1(x: np.ndarray) -> np.ndarray:
    r = 1.0 / (1.0 + np.abs(x))
    return r * r


def _softsign_d2(x: np.ndarray) -> np.ndarray:
    r = 1.0 / (1.0 + np.abs(x))
    return -2.0 * np.sign(x) * r * r * r


def _softsign_kinks(**_: float) -> tuple[float, ...]:
    return (0.0,)  # f″ jumps from +2 to −2


ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "sigmoid",
        "Sigmoid",
        (),
        expit,
        expit_d1,
        _sigmoid_d2,
        description="σ(x) = 1 / (1 + e^(−x)); squashes to (0, 1).",
        family=FAMILY,
    ),
    Activation(
        "tanh",
        "tanh",
        (),
        np.tanh,
        sech2,
        _tanh_d2,
        description="Hyperbolic tangent; zero-centred, squashes to (−1, 1).",
        family=FAMILY,
    ),
    Activation(
        "logsigmoid",
        "LogSigmoid",
        (),
        _logsigmoid,
        lambda x: expit(-x),
        _logsigmoid_d2,
        description="log σ(x) = −softplus(−x); negative, linear for x → −∞.",
        family=FAMILY,
    ),
    Activation(
        "softsign",
        "Softsign",
        (),
        _softsign,
        _softsign_d1,
        _softsign_d2,
        _softsign_kinks,
        description="x / (1 + |x|); like tanh but with polynomial, slower saturation.",
        family=FAMILY,
    ),
)

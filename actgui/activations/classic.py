"""Classic squashing functions: sigmoid, tanh and their relatives."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import MAX, Activation, clip, expit, expit_d1, sech2, softplus1
from actgui.activations.docs import SIG, Docs, X
from actgui.activations.properties import INF, Properties

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
    xc = clip(x, MAX)  # ±inf → ±MAX, where x/(1 + |x|) is ±1 already
    return xc / (1.0 + np.abs(xc))


def _softsign_d1(x: np.ndarray) -> np.ndarray:
    d = 1.0 + np.abs(x)
    return (1.0 / d) / d  # two roundings fewer than r·r with r = 1/d; d·d could overflow


def _softsign_d2(x: np.ndarray) -> np.ndarray:
    d = 1.0 + np.abs(x)
    return (-2.0 * np.sign(x) / d) / d / d


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
        properties=Properties(0.0, 1.0, False, False, True, "C∞", False, "both"),
        docs=Docs(
            f=f"{SIG}({X}) = 1 / (1 + <i>e</i><sup>−{X}</sup>)",
            d1=f"{SIG}′({X}) = {SIG}({X})·(1 − {SIG}({X}))",
            d2=f"{SIG}″({X}) = {SIG}({X})·(1 − {SIG}({X}))·(1 − 2{SIG}({X}))",
            principle="The logistic function maps any real input smoothly into (0, 1), which "
            "reads naturally as a probability or a firing rate.",
            pros="Smooth everywhere, bounded, with a simple derivative; the right output for a "
            "binary probability (logistic regression, gates in LSTMs).",
            cons="Its slope is at most 0.25 and falls towards 0 for |x| beyond about 5, so "
            "gradients shrink at every layer they pass (vanishing gradients). Outputs are "
            "always positive, not zero-centred, which makes the weight updates of the next "
            "layer share one sign and zig-zag. exp costs more than a comparison.",
            use="Output layers for binary or multi-label probabilities and gating units; rarely "
            "hidden layers of deep networks today.",
        ),
        color=0,
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
        properties=Properties(-1.0, 1.0, False, False, True, "C∞", True, "both"),
        docs=Docs(
            f=f"tanh({X}) = (<i>e</i><sup>{X}</sup> − <i>e</i><sup>−{X}</sup>) / "
            f"(<i>e</i><sup>{X}</sup> + <i>e</i><sup>−{X}</sup>) = 2{SIG}(2{X}) − 1",
            d1=f"tanh′({X}) = 1 − tanh<sup>2</sup>({X})",
            d2=f"tanh″({X}) = −2 tanh({X})·(1 − tanh<sup>2</sup>({X}))",
            principle="A rescaled sigmoid, symmetric about the origin, mapping the line into "
            "(−1, 1).",
            pros="Zero-centred outputs (mean near 0 for symmetric inputs), and a slope of 1 at "
            "0, four times the sigmoid's; smooth and bounded.",
            cons="Still saturates: for |x| beyond about 3 the slope is nearly 0, so deep "
            "stacks suffer vanishing gradients.",
            use="Recurrent networks (LSTM/GRU cell state), small networks, and wherever a "
            "bounded, signed output is wanted.",
        ),
        color=1,
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
        properties=Properties(-INF, 0.0, False, False, True, "C∞", False, "right"),
        docs=Docs(
            f=f"log {SIG}({X}) = −log(1 + <i>e</i><sup>−{X}</sup>)",
            d1=f"{SIG}(−{X}) = 1 − {SIG}({X})",
            d2=f"−{SIG}({X})·(1 − {SIG}({X}))",
            principle="The logarithm of the sigmoid: a smooth version of min(0, x).",
            pros="Numerically stable building block for log-likelihoods: log σ(x) without "
            "computing σ(x) and taking a log of a number that has underflowed.",
            cons="Unbounded below and always negative; as a hidden activation it brings little.",
            use="Loss functions (binary cross-entropy in log space, negative sampling in "
            "word2vec).",
        ),
        color=6,
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
        properties=Properties(-1.0, 1.0, False, False, True, "C¹", True, "both"),
        docs=Docs(
            f=f"{X} / (1 + |{X}|)",
            d1=f"1 / (1 + |{X}|)<sup>2</sup>",
            d2=f"−2 sgn({X}) / (1 + |{X}|)<sup>3</sup>",
            principle="A tanh-like squashing function built from a division instead of "
            "exponentials.",
            pros="Cheap; zero-centred; approaches its bounds polynomially, so it saturates "
            "more slowly than tanh.",
            cons="Still saturates; its second derivative jumps at 0 (C¹ only).",
            use="An occasional alternative to tanh; rare in modern architectures.",
        ),
        color=7,
    ),
)

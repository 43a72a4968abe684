"""Exponential linear units: ELU, SELU, CELU (linear for x > 0, exponential below)."""

from __future__ import annotations

import numpy as np

from actgui.activations.base import Activation, Param, at_zero, exp_times
from actgui.activations.docs import Docs, X, pw
from actgui.activations.properties import INF, Properties

FAMILY = "exponential"

#: SELU's constants (Klambauer et al. 2017), as PyTorch has them.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


#: ELU's pieces, shared with SELU's formulas.
_ELU_F = pw((X, f"{X} &gt; 0"), (f"α(<i>e</i><sup>{X}</sup> − 1)", ""))
_ELU_D1 = pw(("1", f"{X} &gt; 0"), (f"α<i>e</i><sup>{X}</sup>", f"{X} ≤ 0"))
_ELU_D2 = pw((f"α<i>e</i><sup>{X}</sup>", f"{X} &lt; 0"), ("0", ""))


def _neg(x: np.ndarray) -> np.ndarray:
    """x where x < 0, else 0: the argument of exp that can never overflow."""
    return np.minimum(x, 0.0)


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(_neg(x)))


def _elu_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    # PyTorch's elu_backward uses the negative branch at x == 0: f′(0) = α.
    return np.where(x > 0, 1.0, exp_times(alpha, _neg(x)))


def _elu_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    # PyTorch's double backward gives 0 at x == 0 itself (strictly negative side only).
    return np.where(x < 0, exp_times(alpha, _neg(x)), 0.0)


def _selu(x: np.ndarray) -> np.ndarray:
    # Beyond x ≈ 1.71e308 the true value λx exceeds the float range: inf, quietly.
    with np.errstate(over="ignore"):
        return SELU_SCALE * _elu(x, SELU_ALPHA)


def _selu_d1(x: np.ndarray) -> np.ndarray:
    return SELU_SCALE * _elu_d1(x, SELU_ALPHA)


def _selu_d2(x: np.ndarray) -> np.ndarray:
    return SELU_SCALE * _elu_d2(x, SELU_ALPHA)


def _neg_scaled(x: np.ndarray, scale: float) -> np.ndarray:
    """min(x, 0)·scale, floored at −800 (where exp is 0 already) so it cannot overflow."""
    return np.maximum(_neg(x) * min(scale, 1.0), -800.0 / max(scale, 1.0)) * max(scale, 1.0)


def _celu_backward_scale(alpha: float) -> float:
    """1/α as PyTorch's CELU backward has it: α is rounded to float32 first.

    (derivatives.yaml: ``elu_backward(grad, alpha, 1, 1.0/alpha.toFloat(), ...)``;
    the forward pass divides in double.) Matching this keeps f′ and f″ equal to
    PyTorch's own numbers for α like 0.3, where the two differ by ~4e−8 relative.
    """
    return 1.0 / float(np.float32(alpha))


def _celu(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(_neg_scaled(x, 1.0 / alpha)))


def _celu_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    # CELU is ELU with the input scaled by 1/α: f′(0) = α·(1/α) ≈ 1 in PyTorch.
    s = _celu_backward_scale(alpha)
    return np.where(x > 0, 1.0, exp_times(alpha * s, _neg_scaled(x, s)))


def _celu_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    s = _celu_backward_scale(alpha)
    return np.where(x < 0, exp_times(alpha * s * s, _neg_scaled(x, s)), 0.0)


ACTIVATIONS: tuple[Activation, ...] = (
    Activation(
        "elu",
        "ELU",
        (Param("alpha", "α", 1.0, 0.0, 5.0, 0.1, 2, "Value approached as x → −∞ is −α."),),
        _elu,
        _elu_d1,
        _elu_d2,
        at_zero,
        description="x for x > 0, α(eˣ − 1) otherwise; PyTorch uses f′(0) = α, f″(0) = 0.",
        family=FAMILY,
        properties=Properties(-1.0, INF, False, False, True, "C¹", True, "left"),
        docs=Docs(
            f=_ELU_F,
            d1=_ELU_D1,
            d1_note="f′(0) = α and f″(0) = 0 in PyTorch",
            d2=_ELU_D2,
            principle="Exponential Linear Unit: linear for positive inputs, an exponential that "
            "saturates to −α for negative ones.",
            pros="Negative outputs pull the mean activation towards zero, which speeds "
            "learning; negative inputs keep a non-zero gradient, so units do not die; with "
            "α = 1 it is smooth at 0 (C¹).",
            cons="exp costs more than ReLU; for α ≠ 1 the derivative jumps at 0.",
            use="Deep feed-forward and convolutional networks as an alternative to ReLU.",
        ),
        color=7,  # olive (yellow when dark): apart from Sigmoid's blue in the six classics
    ),
    Activation(
        "selu",
        "SELU",
        (),
        _selu,
        _selu_d1,
        _selu_d2,
        at_zero,
        description=(
            "λ·ELU(x, α) with λ ≈ 1.0507, α ≈ 1.6733, chosen so activations keep zero mean "
            "and unit variance through a deep stack (self-normalising)."
        ),
        family=FAMILY,
        properties=Properties(
            -SELU_SCALE * SELU_ALPHA, INF, False, False, True, "C⁰", True, "left"
        ),
        docs=Docs(
            f="λ·" + _ELU_F + " ; λ ≈ 1.0507, α ≈ 1.6733",
            d1="λ·" + _ELU_D1,
            d2="λ·" + _ELU_D2,
            principle="Scaled ELU with constants chosen so that, with suitable initialisation "
            "(LeCun normal), activations converge to zero mean and unit variance layer after "
            "layer: a self-normalising network.",
            pros="Deep fully connected networks train without batch normalisation.",
            cons="The guarantee needs the prescribed initialisation and alpha-dropout; "
            "the derivative jumps at 0.",
            use="Self-normalising fully connected networks.",
        ),
        color=2,
    ),
    Activation(
        "celu",
        "CELU",
        (Param("alpha", "α", 1.0, 0.01, 5.0, 0.1, 2, "Scale of the negative branch; > 0."),),
        _celu,
        _celu_d1,
        _celu_d2,
        at_zero,
        description="x for x > 0, α(e^(x/α) − 1) otherwise: continuously differentiable ELU.",
        family=FAMILY,
        properties=Properties(-1.0, INF, False, False, True, "C¹", True, "left"),
        docs=Docs(
            f=pw((X, f"{X} &gt; 0"), (f"α(<i>e</i><sup>{X}/α</sup> − 1)", "")),
            d1=pw(("1", f"{X} &gt; 0"), (f"<i>e</i><sup>{X}/α</sup>", f"{X} ≤ 0")),
            d2=pw((f"<i>e</i><sup>{X}/α</sup>/α", f"{X} &lt; 0"), ("0", "")),
            principle="Continuously differentiable ELU: the input of the exponential is "
            "divided by α, so the slope at 0 is 1 from both sides for every α.",
            pros="C¹ for every α > 0, unlike ELU; same zero-mean benefit.",
            cons="f″ still jumps at 0; exp cost.",
            use="Where ELU is used and α is to be tuned without breaking smoothness.",
        ),
        color=3,
    ),
)

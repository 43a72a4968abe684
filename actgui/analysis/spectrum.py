"""The spectrum of a real random network's input–output Jacobian at initialisation (no Qt).

:func:`jacobian_spectrum` builds a network of ``depth`` layers of ``width`` units,

    h^l = W^l x^(l−1) + b^l,   x^l = f(h^l),   b^l ~ N(0, σ_b²),
    W^l ~ N(0, σ_w²/N) entrywise ("gaussian")  or  σ_w · Q, Q Haar-orthogonal ("orthogonal"),

feeds it an input x⁰ whose first pre-activations have mean square q* (the mean-field
fixed point, :mod:`actgui.analysis.meanfield`; q = 1 where lengths explode), and
multiplies out J = D_L W_L ⋯ D_1 W_1 (D_l = diag f′(h^l), f′ as the registry's:
PyTorch's at kinks) exactly, in float64, one N×N product per layer. The squared singular
values of J (the eigenvalues of JJᵀ) come from its SVD. J is rescaled after each layer
and the scale kept apart, so no depth overflows or underflows it; singular values below
N·ε·σ_max are rounding (``resolution``): ReLU's exactly-zero half lands there.
:func:`actgui.analysis.free_spectrum.spectrum_theory` predicts the same spectrum for
an infinitely wide network. Time at width 1000 on two cores: about 31 ms a layer with
Gaussian weights and 120 ms with orthogonal ones (the QR), plus 0.15 s for the SVD.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from actgui.activations import Activation
from actgui.analysis.free_spectrum import WEIGHTS
from actgui.analysis.meanfield.fixed_points import _length_fixed_point
from actgui.analysis.meanfield.gaussian import _Model
from actgui.analysis.network import _activation
from actgui.analysis.random_matrices import orthogonal
from actgui.cancel import Cancelled, cancellable, checkpoint
from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message
from actgui.validation import choice, integer, number

#: The refusals shown in the view (English as ``str()``; translated where shown).
OVERFLOWED = QT_TRANSLATE_NOOP(
    "actgui.messages", "the signal overflowed at layer {layer}: no spectrum to measure"
)
NOT_FINITE = QT_TRANSLATE_NOOP(
    "actgui.messages", "the derivative is not finite along the signal's path"
)

MAX_WIDTH = 1000
MAX_DEPTH = 200
#: The input's mean square where q* = 0.
TINY_Q = 1e-24
EPS = float(np.finfo(np.float64).eps)


@dataclass(frozen=True, eq=False)
class JacobianSpectrum:
    """One simulated network's Jacobian spectrum; the array is read-only."""

    key: str
    sigma_w: float
    sigma_b: float
    depth: int
    width: int
    weights: str
    seed: int
    #: The mean square of the first pre-activations aimed at (q*, or 1 where lengths explode).
    q_star: float
    #: The eigenvalues of JJᵀ, ascending (``width`` of them).
    squared_singular_values: np.ndarray
    mean: float
    variance: float
    #: Values below this are float64 rounding of J's smallest singular values (or zeros).
    resolution: float

    @property
    def resolved(self) -> np.ndarray:
        """The squared singular values above ``resolution`` (and below float64's largest:
        past ~1e308 a value is inf)."""
        values = self.squared_singular_values
        return values[(values > self.resolution) & np.isfinite(values)]


def jacobian_spectrum(
    key: str | Activation,
    sigma_w: float,
    sigma_b: float,
    depth: int,
    width: int,
    weights: str = "gaussian",
    seed: int = 0,
    *,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **params: float,
) -> JacobianSpectrum:
    """Simulate one network (see the module) and return its :class:`JacobianSpectrum`.

    ``sigma_w`` > 0, ``sigma_b`` ≥ 0, ``depth`` 1–200, ``width`` 1–1000, ``weights``
    "gaussian" or "orthogonal", ``seed`` ≥ 0 (the same arguments, the same numbers);
    ``params`` the activation's. ``progress(done, total)`` is called after each layer and
    after the SVD (``total`` = depth + 1); ``cancelled()`` is asked before each, and
    :class:`~actgui.cancel.Cancelled` raised when it says so. Bad arguments raise
    ``ValueError``; so does a forward signal that overflows float64.
    """
    return spectrum_of(
        key, params, sigma_w, sigma_b, depth, width, weights, seed,
        progress=progress, cancelled=cancelled,
    )  # fmt: skip


def spectrum_of(
    key: str | Activation,
    params: dict[str, float],
    sigma_w: float,
    sigma_b: float,
    depth: int,
    width: int,
    weights: str = "gaussian",
    seed: int = 0,
    *,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> JacobianSpectrum:
    """:func:`jacobian_spectrum` with the parameters as a dict (a function of your own may
    name one ``depth``)."""
    act, values = _activation(key, params)
    sigma_w = number("sigma_w", sigma_w, 0.0, low_open=True)
    sigma_b = number("sigma_b", sigma_b, 0.0)
    depth = integer("depth", depth, 1, MAX_DEPTH)
    width = integer("width", width, 1, MAX_WIDTH)
    weights = choice("weights", weights, WEIGHTS)
    seed = integer("seed", seed, 0)
    with np.errstate(all="ignore"), cancellable(cancelled):
        q = _length_fixed_point(_Model(act, values), sigma_w * sigma_w, sigma_b * sigma_b)
        # (q* = 0: an input just off it, so that kinks at 0 are crossed half the time, as in
        # the limit q → 0⁺ the theory takes; q* = ∞: a unit input)
        q = 1.0 if not math.isfinite(q) else max(q, TINY_Q)
        rng = np.random.Generator(np.random.SFC64(np.random.SeedSequence(seed)))
        x = rng.standard_normal(width)
        w2 = sigma_w * sigma_w  # (0 below σ_w ≈ 1.5e−162: a zero input then)
        square = max(q - sigma_b * sigma_b, 0.0) / w2 if w2 > 0.0 else 0.0
        x *= math.sqrt(square * width) / max(float(np.linalg.norm(x)), 1e-300)
        jac = None
        log_scale = 0.0
        total = depth + 1
        for layer in range(depth):
            checkpoint()
            if weights == "gaussian":
                w = rng.standard_normal((width, width))
                w *= sigma_w / math.sqrt(width)
            else:
                w = orthogonal(width, width, rng)
                w *= sigma_w
            h = w @ x + sigma_b * rng.standard_normal(width)
            if not np.all(np.isfinite(h)):
                raise ValueError(Message(OVERFLOWED, layer=layer + 1))
            d = act.evaluate(1, h, **values)
            x = act.evaluate(0, h, **values)
            jac = w if jac is None else w @ jac
            jac *= d[:, None]
            size = math.sqrt(float(np.mean(jac * jac)))
            if size > 0.0 and math.isfinite(size):
                jac /= size
                log_scale += math.log(size)
            if progress is not None:
                progress(layer + 1, total)
        checkpoint()
        if not np.all(np.isfinite(jac)):
            raise ValueError(Message(NOT_FINITE))
        s = np.linalg.svd(jac, compute_uv=False)
        if progress is not None:
            progress(total, total)
        # In logs: the scale alone may overflow where the product does not, or the product
        # where the scale does not (0 × ∞ would be NaN).
        scaled = np.sort(s * s)
        values_out = np.exp(np.log(scaled) + 2.0 * log_scale)
        values_out.setflags(write=False)
        floor = float(np.exp(2.0 * (math.log(max(s[0], 1e-300) * width * EPS) + log_scale)))
        mean = float(np.exp(math.log(max(float(np.mean(scaled)), 1e-300)) + 2.0 * log_scale))
        var = float(np.var(scaled))
        variance = float(np.exp(math.log(max(var, 1e-300)) + 4.0 * log_scale)) if var else 0.0
        if not np.any(scaled > 0.0):
            mean = 0.0
        return JacobianSpectrum(
            key=act.key,
            sigma_w=sigma_w,
            sigma_b=sigma_b,
            depth=depth,
            width=width,
            weights=weights,
            seed=seed,
            q_star=q,
            squared_singular_values=values_out,
            mean=mean,
            variance=variance,
            resolution=floor,
        )


@dataclass(frozen=True, eq=False)
class SpectrumPair:
    """What the Jacobian-spectrum view simulates: the focused function with each kind of
    weights (None for a kind not asked for)."""

    gaussian: JacobianSpectrum | None
    orthogonal: JacobianSpectrum | None


def spectrum_task(
    act: Activation,
    params: dict[str, float],
    sigma_w: float,
    sigma_b: float,
    depth: int,
    width: int,
    seed: int,
    kinds: tuple[str, ...] = WEIGHTS,
    *,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SpectrumPair:
    """:func:`spectrum_of` for each kind of weights in ``kinds``, with one progress count
    over all of them (a worker's task: see ``actgui.worker``)."""
    total = len(kinds) * (depth + 1)
    found: dict[str, JacobianSpectrum] = {}
    for i, kind in enumerate(kinds):
        if cancelled is not None and cancelled():
            raise Cancelled
        offset = i * (depth + 1)

        def step(done: int, _total: int, offset: int = offset) -> None:
            if progress is not None:
                progress(offset + done, total)

        found[kind] = spectrum_of(
            act, params, sigma_w, sigma_b, depth, width, kind, seed,
            progress=step, cancelled=cancelled,
        )  # fmt: skip
    return SpectrumPair(found.get("gaussian"), found.get("orthogonal"))

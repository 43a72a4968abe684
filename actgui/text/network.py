"""What the seed text says about each classic function, with this moment's numbers.

"ReLU's outputs are not zero-centred", "half its units are inactive", "sigmoid's
gradients vanish", "SELU self-normalises": each is a statement about numbers flowing
through a network. For the functions of the seed article (and SELU) these sentences
put the numbers in, computed by ``actgui.analysis`` for the current parameters, each
with the name of the analysis view that shows it (a link in the details panel).
No Qt here; ``lang`` translates as elsewhere in ``actgui.text``.
"""

from __future__ import annotations

import functools
import math

from actgui.activations import REGISTRY, Activation
from actgui.analysis import memo
from actgui.text import DATA_CONTEXT, QT_TRANSLATE_NOOP, Translate, fill, untranslated
from actgui.text.values import format_approx

C = "NetworkNotes"

_DEAD = QT_TRANSLATE_NOOP(
    "NetworkNotes",
    "Dying units: at N(0, 1), %1 of %2's outputs are 0 and %3 of its gradients are 0 "
    "(Leaky ReLU with α = 0.01: %4).",
)
_ALIVE = QT_TRANSLATE_NOOP(
    "NetworkNotes",
    "No dead units: at N(0, 1), %1 of %2's outputs are 0 and its gradient is never 0 (ReLU: 50 %).",
)
_CENTRED = QT_TRANSLATE_NOOP(
    "NetworkNotes", "Zero-centring: for an input N(0, 1) the mean output is %1 (%2)."
)
#: What a mean output is compared with (the function itself left out).
_CENTRED_AGAINST = ("relu", "tanh", "elu")
_VANISH = QT_TRANSLATE_NOOP(
    "NetworkNotes",
    "Vanishing gradients: in a deep network with σ_w = 1, no biases and inputs of "
    "variance 1, the squared gradient 10 layers below the output is %1 of its size there, "
    "50 layers below %2 (E[f′(z)²] = %3 at N(0, 1)).",
)
_SELF_NORM = QT_TRANSLATE_NOOP(
    "NetworkNotes",
    "Self-normalising: for an input N(0, 1) the output has mean %1 and variance %2, so "
    "with σ_w = 1 each layer passes N(0, 1) on (q* = %3, χ₁ = %4).",
)

_SATURATES = QT_TRANSLATE_NOOP(
    "NetworkNotes",
    "Precision: in float16 %1 rounds to exactly 1 from x = %2 on, and the gradient "
    "computed from the output, %3, is exactly 0 there (%4 of float16's numbers are dead); "
    "in bfloat16 from x = %5.",
)
_APPROX = QT_TRANSLATE_NOOP(
    "NetworkNotes",
    "Approximations: on [−6, 6] GELU (tanh) strays from GELU by at most %1 (at x = %2), "
    "QuickGELU by %3 (at x = %4).",
)

_ISOMETRY = {
    "tanh": QT_TRANSLATE_NOOP(
        "NetworkNotes",
        "Dynamical isometry: on its edge of chaos with σ_b = 0.001 (σ_w = %1, q* = %2), "
        "50 layers deep, the squared singular values of the input–output Jacobian have mean "
        "1 and variance %3 with orthogonal weights, %4 with Gaussian ones: orthogonal tanh "
        "passes every direction's gradient on almost unchanged.",
    ),
    "sigmoid": QT_TRANSLATE_NOOP(
        "NetworkNotes",
        "Jacobian spectrum: sigmoid's edge of chaos (σ_b = 0) is at σ_w = %1, where "
        "q* = %2 (its outputs' mean ½ keeps q* large): 50 layers deep the squared singular "
        "values have variance %3 even with orthogonal weights (tanh's: %4).",
    ),
    "relu": QT_TRANSLATE_NOOP(
        "NetworkNotes",
        "Jacobian spectrum: at He's scale (σ_w² = 2), 50 layers deep, half the Jacobian's "
        "singular values are 0, and all the squared ones have variance %1 with Gaussian "
        "weights, %2 with orthogonal ones: the spread grows with depth (2L, L) whatever the "
        "weights.",
    ),
    "selu": QT_TRANSLATE_NOOP(
        "NetworkNotes",
        "Jacobian spectrum: with σ_w = 1, 50 layers deep, the squared singular values have "
        "mean χ₁⁵⁰ = %1 and variance %2 with orthogonal weights, %3 with Gaussian ones.",
    ),
}

SHOW = QT_TRANSLATE_NOOP("NetworkNotes", "Show")
SHOW_TIP = QT_TRANSLATE_NOOP("NetworkNotes", "Show this in the Why it trains panel")

#: Which sentences each function gets: (template, view) in order.
_NOTES = {
    "relu": ("dead", "centred", "isometry"),
    "leaky_relu": ("alive", "centred"),
    "prelu": ("alive", "centred"),
    "elu": ("alive", "centred"),
    "sigmoid": ("centred", "vanish", "saturates", "isometry"),
    "tanh": ("centred", "vanish", "saturates", "isometry"),
    "selu": ("self_norm", "isometry"),
    "gelu": ("approx",),
    "gelu_tanh": ("approx",),
    "quick_gelu": ("approx",),
}
#: The analysis view each kind of sentence links to (``panels.labs.VIEWS``, with the
#: depth plot's quantity after a colon).
VIEW = {
    "dead": "stats",
    "alive": "stats",
    "centred": "stats",
    "vanish": "depth:gradient",
    "self_norm": "depth:variance",
    # The Precision view in float16, or with a pair compared (``PrecisionView.show_part``).
    "saturates": "precision:float16",
    "approx": "precision:gelu,gelu_tanh",
    # The Jacobian-spectrum view with a preset (``SpectrumView.show_part``).
    "isometry": "spectrum:isometry",
}
#: The preset each function's "isometry" link sets up.
_SPECTRUM = {"relu": "spectrum:he", "sigmoid": "spectrum:sigmoid", "selu": "spectrum:selu"}
#: The pair a GELU's "approx" link compares.
_PAIR = {"quick_gelu": "precision:gelu,quick_gelu"}
#: The gradient computed from the output, as written in the sentence.
_FROM_OUTPUT = {"sigmoid": "σ(1 − σ)", "tanh": "1 − tanh²"}


def _percent(p: float) -> str:
    if p == 0.0:
        return "0 %"
    return f"{100.0 * p:.3g} %"


def _number(value: float) -> str:
    return "0" if abs(value) < 5e-13 else format_approx(value, 3)


def network_notes(
    act: Activation, params: dict[str, float], lang: Translate = untranslated
) -> list[tuple[str, str]]:
    """(sentence, view) for ``act`` at ``params``; [] for functions the seed text is silent on."""
    kinds = _NOTES.get(act.key, ())
    if not kinds:
        return []
    p = act.resolve(**params)
    name = lang(DATA_CONTEXT, act.name)
    stats = memo.stats(act.key, p, 0.0, 1.0, 0.01)
    out = []
    for kind in kinds:
        if kind == "dead":
            leaky = memo.stats("leaky_relu", REGISTRY["leaky_relu"].resolve(), 0.0, 1.0, 0.01)
            text = fill(
                lang(C, _DEAD),
                _percent(stats.zero_output_fraction),
                name,
                _percent(stats.zero_gradient_fraction),
                _percent(leaky.zero_output_fraction),
            )
        elif kind == "alive" and stats.zero_gradient_fraction > 0.0:  # PReLU with α = 0
            text = fill(
                lang(C, _DEAD),
                _percent(stats.zero_output_fraction),
                name,
                _percent(stats.zero_gradient_fraction),
                "0 %",
            )
        elif kind == "alive":
            text = fill(lang(C, _ALIVE), _percent(stats.zero_output_fraction), name)
        elif kind == "centred":
            others = ", ".join(
                f"{lang(DATA_CONTEXT, REGISTRY[k].name)}: "
                + _number(memo.stats(k, REGISTRY[k].resolve(), 0.0, 1.0, 0.01).mean)
                for k in _CENTRED_AGAINST
                if k != act.key
            )
            text = fill(lang(C, _CENTRED), _number(stats.mean), others)
        elif kind == "saturates":
            f16, bf16 = _saturation(act.key, "float16"), _saturation(act.key, "bfloat16")
            text = fill(
                lang(C, _SATURATES),
                name,
                repr(f16.upper),
                _FROM_OUTPUT[act.key],
                _percent(f16.dead_share),
                repr(bf16.upper),
            )
        elif kind == "approx":
            tanh, quick = _difference("gelu_tanh"), _difference("quick_gelu")
            text = fill(
                lang(C, _APPROX),
                format_approx(tanh.max_abs, 2),
                "±" + format_approx(abs(tanh.at), 3),
                format_approx(quick.max_abs, 2),
                format_approx(quick.at, 3),
            )
        elif kind == "isometry":
            text = _isometry(act.key, lang)
        elif kind == "vanish":
            # Layer by layer from unit inputs (tanh's fixed length is 0, approached slowly:
            # χ₁ there says 1, the network loses gradient all the same).
            grad = memo.profile(act.key, p, 1.0, 0.0, 51).gradient_norm_sq
            text = fill(
                lang(C, _VANISH),
                _fraction(grad[-11]),
                _fraction(grad[0]),
                format_approx(stats.mean_sq_gradient, 3),
            )
        else:
            sp = memo.propagation(act.key, p, 1.0, 0.0)
            text = fill(
                lang(C, _SELF_NORM),
                _number(stats.mean),
                format_approx(stats.std**2, 4),
                format_approx(sp.q_star, 4),
                format_approx(sp.chi, 4),
            )
        if kind == "approx":
            view = _PAIR.get(act.key, VIEW[kind])
        elif kind == "isometry":
            view = _SPECTRUM.get(act.key, VIEW[kind])
        else:
            view = VIEW[kind]
        out.append((text, view))
    return out


@functools.cache
def _spectra(key: str, sigma_b: float, sigma_w: float | None = None):
    """(σ_w, q*, orthogonal theory, Gaussian theory) at 50 layers: on the edge of chaos at
    ``sigma_b`` when ``sigma_w`` is None (the defaults' parameters: computed once)."""
    from actgui.analysis.free_spectrum import spectrum_theory
    from actgui.analysis.meanfield import edge_of_chaos

    w = sigma_w if sigma_w is not None else edge_of_chaos(key, sigma_b)[0]
    orth = spectrum_theory(key, w, sigma_b, 50, "orthogonal")
    return w, orth.q_star, orth, spectrum_theory(key, w, sigma_b, 50, "gaussian")


def _isometry(key: str, lang: Translate) -> str:
    if key == "relu":
        _w, _q, orth, gauss = _spectra("relu", 0.0, math.sqrt(2.0))
        return fill(lang(C, _ISOMETRY[key]), _number(gauss.variance), _number(orth.variance))
    if key == "selu":
        _w, _q, orth, gauss = _spectra("selu", 0.0, 1.0)
        return fill(
            lang(C, _ISOMETRY[key]),
            format_approx(orth.mean, 3),
            format_approx(orth.variance, 3),
            format_approx(gauss.variance, 3),
        )
    tanh = _spectra("tanh", 0.001)
    if key == "tanh":
        w, q, orth, gauss = tanh
        return fill(
            lang(C, _ISOMETRY[key]),
            format_approx(w, 4),
            format_approx(q, 2),
            format_approx(orth.variance, 2),
            format_approx(gauss.variance, 3),
        )
    w, q, orth, _gauss = _spectra("sigmoid", 0.0)
    return fill(
        lang(C, _ISOMETRY[key]),
        format_approx(w, 3),
        format_approx(q, 3),
        format_approx(orth.variance, 3),
        format_approx(tanh[2].variance, 2),
    )


@functools.cache
def _saturation(key: str, fmt: str):
    """(Parameterless functions: computed once.)"""
    from actgui.analysis.precision import saturation

    return saturation(key, fmt)


@functools.cache
def _difference(key: str):
    from actgui.analysis.precision import max_difference

    return max_difference("gelu", key, -6.0, 6.0)


def _fraction(value: float) -> str:
    """A remaining fraction: "100 %" at criticality, "3.2e−8" when tiny."""
    if not math.isfinite(value):
        return "∞"
    if value >= 0.001:
        return _percent(value)
    return format_approx(value, 2)

"""Numbers as the readout and the details page show them, and the readout's cell texts."""

from __future__ import annotations

import numpy as np

from actgui.activations import Activation
from actgui.text import QT_TRANSLATE_NOOP, Translate, fill, untranslated

SIGNIFICANT = 10

_JUMP = QT_TRANSLATE_NOOP("Readout", "%1 (jump here; value at the point)")
_UNDEFINED_PYTORCH = QT_TRANSLATE_NOOP("Readout", "undefined at kink, PyTorch uses %1")
_UNDEFINED_OURS = QT_TRANSLATE_NOOP("Readout", "undefined at kink, actgui uses %1")


def format_value(value: float) -> str:
    """``value`` to ten significant figures, with a true minus sign."""
    if value == 0:
        return "0"
    return f"{value:.{SIGNIFICANT}g}".replace("-", "−")


def format_approx(value: float, digits: int = 2) -> str:
    """``value`` rounded to ``digits`` significant figures, for "about …" in prose:
    a short exponent and a true minus sign (2.06e−9 → "2.1e−9", 0.693 → "0.69")."""
    if value == 0:
        return "0"
    mantissa, _, exponent = f"{value:.{digits}g}".partition("e")
    text = f"{mantissa}e{int(exponent)}" if exponent else mantissa
    return text.replace("-", "−")


def cell_text(
    act: Activation, order: int, x: float, params: dict[str, float], lang: Translate = untranslated
) -> str:
    """What the readout shows for the ``order``-th derivative of ``act`` at ``x``.

    On a kink where that derivative does not exist (it, or a lower one, jumps
    there), the text says so and gives the value the registry returns there:
    PyTorch's, for the functions PyTorch has.
    """
    return cell_parts(act, order, x, params, lang)[1]


def cell_parts(
    act: Activation, order: int, x: float, params: dict[str, float], lang: Translate = untranslated
) -> tuple[str, str]:
    """(the value alone, :func:`cell_text`) from one evaluation: the readout shows the
    first, marked when they differ, and the second in the tooltip."""
    value = float(act.evaluate(order, np.array([x]), **params)[0])
    text = format_value(value)
    if x not in act.kinks(**params):
        return text, text
    if order == 0:
        if x in act.jumps(0, **params):
            return text, fill(lang("Readout", _JUMP), text)
        return text, text
    if any(x in act.jumps(j, **params) for j in range(order + 1)):
        template = _UNDEFINED_PYTORCH if act.in_pytorch else _UNDEFINED_OURS
        return text, fill(lang("Readout", template), text)
    return text, text

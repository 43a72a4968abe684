"""The Jacobian-spectrum view's words: what the numbers are, and whether the choice is close
to dynamical isometry (translated in the "SpectrumView" context, like the view)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from actgui.activations import REGISTRY
from actgui.i18n import translate
from actgui.panels.labs.common import fmt

#: var/mean² at or below which a network counts as close to isometry.
ISOMETRY = 0.1
#: |χ₁ − 1| above which a network is not critical (its mean drifts as χ₁^L).
CRITICAL = 1e-3


def summary(
    request: tuple | None,
    kinds: tuple[str, ...],
    theories: dict,
    runs: dict,
    starts: dict | None = None,
) -> str:
    """The inputs, q* and χ₁, and per kind of weights the theory's and the network's mean
    and variance; a note on exact zeros, on a repelling q*, and on a network's value below
    the theory's drawn curve: ``starts[kind]`` is (where it starts, the share it covers)."""
    if request is None:
        return QCoreApplication.translate(
            "SpectrumView", "Enable a function to see its Jacobian's spectrum."
        )
    key, _params, w, b, depth = request[:5]
    if not w > 0.0:
        return QCoreApplication.translate(
            "SpectrumView", "σ_w = 0: every layer's output is its bias."
        )
    first = next(iter(theories.values()), None)
    head = (
        QCoreApplication.translate("SpectrumView", "%1, σ_w = %2, σ_b = %3, %4 layers")
        .replace("%1", translate(REGISTRY[key].name) if key in REGISTRY else key)
        .replace("%2", fmt(w, 6))
        .replace("%3", fmt(b, 6))
        .replace("%4", str(depth))
    )
    if first is not None:
        head += f": q* = {fmt(first.q_star, 4)}, χ₁ = {fmt(first.chi, 6)}."
    lines = [head]
    names = {
        "gaussian": QCoreApplication.translate("SpectrumView", "Gaussian weights"),
        "orthogonal": QCoreApplication.translate("SpectrumView", "Orthogonal weights"),
    }
    for kind in kinds:
        theory, run = theories.get(kind), runs.get(kind)
        parts = []
        if theory is not None:
            parts.append(
                QCoreApplication.translate("SpectrumView", "theory: mean %1, variance %2")
                .replace("%1", fmt(theory.mean, 4))
                .replace("%2", fmt(theory.variance, 4))
            )
        if run is not None:
            parts.append(
                QCoreApplication.translate(
                    "SpectrumView", "network of width %1: mean %2, variance %3"
                )
                .replace("%1", str(run.width))
                .replace("%2", fmt(run.mean, 4))
                .replace("%3", fmt(run.variance, 4))
            )
        if parts:
            lines.append(f"{names[kind]} — " + "; ".join(parts) + ".")
        start, shown = (starts or {}).get(kind, (None, None))
        below = None if theory is None or shown is None else 1.0 - theory.zero_mass - shown
        if below is not None and below > 0.01:
            lines.append(
                QCoreApplication.translate(
                    "SpectrumView",
                    "%1: the theory puts %2 of the values below %3, left of its curve.",
                )
                .replace("%1", names[kind])
                .replace("%2", f"{100.0 * below:.3g} %")
                .replace("%3", fmt(start, 2))
            )
        if run is not None and theory is not None and start is not None:
            apart = run.resolved[run.resolved < 0.5 * start]
            if 0 < apart.size <= 3 and theory.slope < 1.0:
                lines.append(
                    QCoreApplication.translate(
                        "SpectrumView",
                        "The network's smallest σ² = %1 sits apart: it is the input's own "
                        "direction, whose length follows the length map and shrinks by "
                        "V′(q*) = %2 a layer (V′(q*)^2L = %3); the wide limit does not count "
                        "one direction.",
                    )
                    .replace("%1", fmt(float(apart[0]), 3))
                    .replace("%2", fmt(theory.slope, 4))
                    .replace("%3", fmt(theory.slope ** (2 * theory.depth), 3))
                )
    if first is not None and first.zero_mass > 0.0:
        lines.append(
            QCoreApplication.translate(
                "SpectrumView",
                "In the wide limit %1 of the singular values are exactly 0 (f′ = 0 on that "
                "share of units); the variances count them.",
            ).replace("%1", f"{100.0 * first.zero_mass:.3g} %")
        )
    if first is not None and first.slope > 1.0 + 1e-9:
        lines.append(
            QCoreApplication.translate(
                "SpectrumView",
                "q* repels here (V′(q*) = %1): a real network's lengths leave it, and the "
                "theory describes its first layers only.",
            ).replace("%1", fmt(first.slope, 4))
        )
    return "\n".join(lines)


def verdict(request: tuple | None, theories: dict) -> str:
    """One sentence: close to isometry or not, and why (the orthogonal theory if shown)."""
    if request is None or not request[2] > 0.0:
        return ""
    if not theories:
        return QCoreApplication.translate("SpectrumView", "Computing the theory…")
    theory = theories.get("orthogonal") or next(iter(theories.values()))
    if not math.isfinite(theory.mean):
        return QCoreApplication.translate(
            "SpectrumView", "Lengths grow without bound here: there is no fixed point to sit at."
        )
    if theory.mu1 == 0.0:
        return QCoreApplication.translate(
            "SpectrumView", "f′ is 0 wherever the signals go: the Jacobian is 0."
        )
    if abs(theory.chi - 1.0) > CRITICAL:
        return (
            QCoreApplication.translate(
                "SpectrumView",
                "Not critical: χ₁ = %1, so the mean changes as χ₁^L (%2 at %3 layers); "
                "isometry needs χ₁ = 1 first (Edge of chaos).",
            )
            .replace("%1", fmt(theory.chi, 4))
            .replace("%2", fmt(theory.mean, 3))
            .replace("%3", str(theory.depth))
        )
    spread = theory.relative_variance
    which = (
        QCoreApplication.translate("SpectrumView", "orthogonal")
        if theory.weights == "orthogonal"
        else QCoreApplication.translate("SpectrumView", "Gaussian")
    )
    if spread <= ISOMETRY:
        return (
            QCoreApplication.translate(
                "SpectrumView",
                "Close to dynamical isometry: with %1 weights the squared singular values "
                "spread by only %2 (variance ÷ mean²), so every direction's gradient is kept.",
            )
            .replace("%1", which)
            .replace("%2", fmt(spread, 3))
        )
    text = (
        QCoreApplication.translate(
            "SpectrumView",
            "Far from isometry: with %1 weights the spread (variance ÷ mean²) is %2 and "
            "grows in proportion to depth, %3 a layer.",
        )
        .replace("%1", which)
        .replace("%2", fmt(spread, 3))
        .replace("%3", fmt(spread / theory.depth, 3))
    )
    gauss = theories.get("gaussian")
    if gauss is not None and gauss is not theory:
        text += " " + QCoreApplication.translate("SpectrumView", "Gaussian weights: %1.").replace(
            "%1", fmt(gauss.relative_variance, 3)
        )
    return text

"""Colours and line styles shared by the plot, the legend and the side panel (no Qt)."""

from __future__ import annotations

from actgui.activations import REGISTRY

#: Okabe & Ito's colour-blind-safe palette, yellow (unreadable on white) last.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#B8A300",  # yellow, darkened to stay visible on white
)

#: Dash pattern (in pen widths) per derivative order: f solid, f′ dashed, f″ dotted.
DASH_PATTERNS: dict[int, tuple[float, ...] | None] = {0: None, 1: (5.0, 3.0), 2: (1.0, 2.5)}

#: Names of the orders as shown to the user.
ORDER_LABELS: dict[int, str] = {0: "f(x)", 1: "f′(x)", 2: "f″(x)"}


def color_for(key: str) -> str:
    """The colour of function ``key``: stable, by its position in the registry."""
    return OKABE_ITO[list(REGISTRY).index(key) % len(OKABE_ITO)]

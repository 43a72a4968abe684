"""Colours and line styles shared by the plot, the legend and the side panel."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QPen

from actgui.activations import REGISTRY, SEED_KEYS

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


#: Colour order: the seed functions first, so the classic comparison gets six
#: distinct colours; with ~40 functions colours repeat, and the legend tells.
_COLOR_ORDER: tuple[str, ...] = SEED_KEYS + tuple(k for k in REGISTRY if k not in SEED_KEYS)


def color_for(key: str) -> str:
    """The colour of function ``key``: fixed, whatever else is shown."""
    return OKABE_ITO[_COLOR_ORDER.index(key) % len(OKABE_ITO)]


def make_pen(color: str, order: int, width: float = 1.0) -> QPen:
    """The pen for a curve of derivative ``order``: solid f, dashed f′, dotted f″."""
    pen = pg.mkPen(color=color, width=width)
    pen.setCosmetic(True)
    pattern = DASH_PATTERNS[order]
    if pattern is not None:
        pen.setDashPattern(list(pattern))
    return pen

"""Colours and line styles, as data: no Qt. The plot, the legend and the panels share them.

A function's colour comes from its registry ``color`` slot (stable, whatever else is
registered); a theme may lighten a colour that would vanish on its background.
"""

from __future__ import annotations

from dataclasses import dataclass

from actgui.activations import REGISTRY

#: Okabe & Ito's colour-blind-safe palette, yellow (unreadable on white) last.
#: A function's ``color`` slot indexes it (modulo its length).
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


@dataclass(frozen=True)
class PlotColors:
    """Colours of everything the plot draws besides the curves."""

    background: str
    foreground: str
    grid_major: str
    grid_minor: str
    legend_fill: tuple[int, int, int, int]
    legend_border: str
    legend_order_sample: str
    cursor: str
    cursor_pinned: str


PLOT_COLORS: dict[str, PlotColors] = {
    "light": PlotColors(
        background="#ffffff",
        foreground="#000000",
        grid_major="#cfcfcf",
        grid_minor="#e9e9e9",
        legend_fill=(255, 255, 255, 220),
        legend_border="#bbbbbb",
        legend_order_sample="#555555",
        cursor="#888888",
        cursor_pinned="#333333",
    ),
    "dark": PlotColors(
        background="#1b1d21",
        foreground="#d8d8d8",
        grid_major="#44474d",
        grid_minor="#2e3035",
        legend_fill=(27, 29, 33, 220),
        legend_border="#55585e",
        legend_order_sample="#999999",
        cursor="#9a9a9a",
        cursor_pinned="#e0e0e0",
    ),
}


def color_for(key: str) -> str:
    """The colour of function ``key``, from its registry colour slot: fixed, whatever
    else is shown or registered."""
    return OKABE_ITO[REGISTRY[key].color % len(OKABE_ITO)]


def lightness(color: str) -> int:
    """HSL lightness 0–255 of a "#rrggbb" colour (as ``QColor.lightness`` computes it)."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return (max(channels) + min(channels) + 1) // 2


def curve_color(color: str, theme: str) -> str:
    """A curve colour that stays visible on ``theme``'s background (black turns light grey)."""
    if theme == "dark" and lightness(color) < 60:
        return "#e0e0e0"
    return color

"""Colours and line styles, as data: no Qt. The plot, the legend and the panels share them.

A function's *preferred* colour is its registry ``color`` slot (:func:`color_for`). What is
shown is decided by a :class:`ColorAssigner`: the functions on the plot get distinct palette
slots (their preferred one when free), keep them while shown, and beyond the palette's size get
a style variant too. A slot becomes a colour per theme (:func:`theme_color`): each theme has
its own palette of the same hues, tuned for contrast against its plot background.

The helpers :func:`contrast_ratio` (WCAG 2) and :func:`delta_e` (CIEDE2000) are what the
palettes were chosen with, and what the tests check them with.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from actgui.activations import REGISTRY

#: Okabe & Ito's colour-blind-safe palette, yellow (unreadable on white) last: the hues of
#: the registry's colour slots. Curves are drawn in :data:`PALETTES`, this set tuned per theme.
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

#: How many slots are Okabe–Ito hues (the registry's ``color`` slots index these, modulo).
BASE_SLOTS = len(OKABE_ITO)

#: Curve colours per theme, slot by slot: the eight Okabe–Ito hues, then four extra hues
#: (wine, violet, green, grey) used only when more than eight functions are shown.
#: Every colour has a WCAG contrast ≥ 3:1 against its theme's plot background (light ≥ 3.1,
#: dark ≥ 4.5, so nothing looks dim), any two of the first eight differ by CIEDE2000 ΔE ≥ 21,
#: and any two of all twelve by ΔE ≥ 17 (tests/test_colors.py checks all of it).
PALETTES: dict[str, tuple[str, ...]] = {
    # Okabe–Ito darkened only as far as white needs (orange, sky blue, yellow) and nudged
    # apart where darkening brought two hues together (blue from sky blue, vermillion
    # from orange); the yellow slot becomes an olive, the only yellow that reads on white.
    "light": (
        "#0263b0",  # blue
        "#c54f1a",  # vermillion
        "#139272",  # bluish green
        "#bc7ea5",  # reddish purple
        "#c88401",  # orange
        "#159cd6",  # sky blue
        "#000000",  # black
        "#939658",  # yellow (olive)
        "#8d2758",  # wine
        "#6a3d9a",  # violet
        "#0b721c",  # green
        "#515151",  # grey
    ),
    # The same hues lighter: black becomes light grey, yellow is Okabe–Ito's own.
    "dark": (
        "#4e84d9",  # blue
        "#dc5d15",  # vermillion
        "#04a77d",  # bluish green
        "#c879a5",  # reddish purple
        "#e9a205",  # orange
        "#07c8fc",  # sky blue
        "#e0e0e0",  # light grey (for black)
        "#f0f048",  # yellow
        "#e45562",  # rose (for wine)
        "#a685e9",  # lavender (for violet)
        "#79c95c",  # green
        "#999a9a",  # grey
    ),
}

#: Colour slots in the order a function without a free preferred slot takes them: the
#: colour-blind-safe Okabe–Ito hues first, then the extra hues.
SLOT_ORDER: tuple[int, ...] = tuple(range(len(PALETTES["light"])))

#: Marker per style variant (pyqtgraph symbol names): variant 0 is the plain line; a
#: variant ≥ 1 is given only when every colour slot is taken (more than twelve shown).
#: :func:`style_marker` maps any variant to one of these. The plot does not draw markers
#: yet: beyond twelve shown functions colours repeat and the legend tells them apart.
STYLE_MARKERS: tuple[str | None, ...] = (None, "o", "t", "s", "d", "x", "+")

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
        legend_order_sample="#8a8a8a",  # 3.4:1 on white; unlike a black curve's sample
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


# --- palettes -------------------------------------------------------------------------------


def palette(theme: str) -> tuple[str, ...]:
    """The curve colours ("#rrggbb", one per slot) of ``theme`` ("light" or "dark")."""
    try:
        return PALETTES[theme]
    except KeyError:
        raise ValueError(f"unknown theme {theme!r}: expected one of {sorted(PALETTES)}") from None


def theme_color(slot: int, theme: str) -> str:
    """The colour of palette ``slot`` in ``theme``; slots beyond the palette wrap around
    (only a :class:`ColorAssigner`'s style variant then tells curves apart)."""
    colors = palette(theme)
    return colors[slot % len(colors)]


def style_marker(style: int) -> str | None:
    """The marker of style variant ``style``: None for 0 (the plain line), else one of
    :data:`STYLE_MARKERS`' markers (cycling, should there be more variants than markers)."""
    if style <= 0:
        return None
    markers = STYLE_MARKERS[1:]
    return markers[(style - 1) % len(markers)]


def preferred_slot(key: str) -> int | None:
    """Function ``key``'s preferred colour slot (its registry ``color``, modulo the
    Okabe–Ito hues), or None for a key the registry does not know."""
    activation = REGISTRY.get(key)
    return None if activation is None else activation.color % BASE_SLOTS


def color_for(key: str) -> str:
    """The colour of function ``key``'s preferred slot in the light theme: fixed, whatever
    else is shown or registered (a :class:`ColorAssigner` decides what is drawn)."""
    return palette("light")[REGISTRY[key].color % BASE_SLOTS]


#: WCAG AA contrast for normal text.
TEXT_CONTRAST = 4.5


def readable(color: str, background: str, ratio: float = TEXT_CONTRAST) -> str:
    """``color`` as text on ``background``: itself if it reaches ``ratio`` (WCAG contrast),
    else mixed toward black (light background) or white (dark) just far enough."""
    if contrast_ratio(color, background) >= ratio:
        return color
    target = "#000000" if relative_luminance(background) > 0.18 else "#ffffff"
    for step in range(1, 101):
        moved = mixed(color, target, step / 100)
        if contrast_ratio(moved, background) >= ratio:
            return moved
    return target


def mixed(color: str, other: str, share: float) -> str:
    """``color`` moved ``share`` (0–1) of the way to ``other`` (both "#rrggbb")."""
    a, b = _channels(color), _channels(other)
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def lightness(color: str) -> int:
    """HSL lightness 0–255 of a "#rrggbb" colour (as ``QColor.lightness`` computes it)."""
    channels = _channels(color)
    return (max(channels) + min(channels) + 1) // 2


def curve_color(color: str, theme: str) -> str:
    """``color`` (a light palette or Okabe–Ito colour, as :func:`color_for` gives) as
    ``theme`` draws it: the same slot of that theme's palette. Any other colour is kept,
    except that a dark one turns light grey on the dark theme."""
    wanted = color.lower()
    for source in (PALETTES["light"], OKABE_ITO):
        for slot, known in enumerate(source):
            if known.lower() == wanted:
                return theme_color(slot, theme)
    if theme == "dark" and lightness(color) < 60:
        return "#e0e0e0"
    return color


# --- the assigner ---------------------------------------------------------------------------


class Slot(NamedTuple):
    """Where a shown function's look comes from: ``color`` indexes the theme's palette
    (:func:`theme_color`), ``style`` is 0 for the plain line or a variant ≥ 1 (a marker,
    :data:`STYLE_MARKERS`) given when all colours are taken."""

    color: int
    style: int = 0


class ColorAssigner:
    """Distinct slots for the functions on the plot, stable while they stay shown.

    Call :meth:`assign` with the shown keys after every change. A key already shown keeps
    its slot; keys no longer shown free theirs; each newly shown key (in the order given)
    takes its preferred slot (:func:`preferred_slot`) if free, else the first free colour in
    :data:`SLOT_ORDER` — the Okabe–Ito hues, then the extra hues — and once every colour is
    taken, the same search with style variant 1, then 2, …: no two shown keys share a slot.

    Deterministic: the same calls give the same slots. :meth:`state` and the constructor
    carry the slots across a restart (``settings.save_model``/``restore_model`` do), so
    colours come back as they were.
    """

    def __init__(self, slots: Mapping[str, Slot | tuple[int, int]] | None = None) -> None:
        self._slots: dict[str, Slot] = {}
        for key, value in (slots or {}).items():
            color, style = value
            if not isinstance(key, str):
                raise TypeError(f"key {key!r} is not a string")
            if not (_is_index(color) and color < len(SLOT_ORDER) and _is_index(style)):
                raise ValueError(f"{key!r}: bad slot {value!r}")
            slot = Slot(color, style)
            if slot in self._slots.values():
                raise ValueError(f"{key!r}: slot {tuple(slot)} is given twice")
            self._slots[key] = slot

    def assign(self, keys: Sequence[str]) -> dict[str, Slot]:
        """The slots of ``keys`` (the shown functions, in order; repeats ignored), in that
        order, after freeing the slots of keys not among them."""
        shown = list(dict.fromkeys(keys))
        wanted = set(shown)
        self._slots = {key: slot for key, slot in self._slots.items() if key in wanted}
        taken = set(self._slots.values())
        for key in shown:
            if key not in self._slots:
                slot = self._free_slot(preferred_slot(key), taken)
                self._slots[key] = slot
                taken.add(slot)
        return {key: self._slots[key] for key in shown}

    def slot(self, key: str) -> Slot | None:
        """``key``'s slot, or None if it was not shown at the last :meth:`assign`."""
        return self._slots.get(key)

    def color(self, key: str, theme: str) -> str:
        """``key``'s colour in ``theme``: its slot's, or its preferred one if not shown."""
        slot = self._slots.get(key)
        if slot is None:
            preferred = preferred_slot(key)
            return theme_color(0 if preferred is None else preferred, theme)
        return theme_color(slot.color, theme)

    def state(self) -> dict[str, tuple[int, int]]:
        """The current slots as plain data (for settings); ``ColorAssigner(state)`` restores."""
        return {key: (slot.color, slot.style) for key, slot in self._slots.items()}

    def reset(self) -> None:
        """Forget every slot (the next :meth:`assign` starts afresh)."""
        self._slots.clear()

    @staticmethod
    def _free_slot(preferred: int | None, taken: set[Slot]) -> Slot:
        order = SLOT_ORDER if preferred is None else (preferred, *SLOT_ORDER)
        style = 0
        while True:
            for color in order:
                if Slot(color, style) not in taken:
                    return Slot(color, style)
            style += 1


def _is_index(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# --- colour science -------------------------------------------------------------------------

#: sRGB (IEC 61966-2-1) linear RGB → CIE XYZ, D65.
_RGB_TO_XYZ = (
    (0.4124564, 0.3575761, 0.1804375),
    (0.2126729, 0.7151522, 0.0721750),
    (0.0193339, 0.1191920, 0.9503041),
)
#: The D65 white point (the matrix applied to white).
_WHITE = tuple(sum(row) for row in _RGB_TO_XYZ)


def _channels(color: str) -> tuple[int, int, int]:
    if len(color) != 7 or color[0] != "#":
        raise ValueError(f"{color!r} is not a #rrggbb colour")
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance (0 black … 1 white) of a "#rrggbb" colour."""
    r, g, b = (_linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours: 1 (same) … 21 (black on white).
    Graphics need ≥ 3 (success criterion 1.4.11)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def to_lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a "#rrggbb" sRGB colour."""
    rgb = [_linear(c) for c in _channels(color)]
    xyz = [sum(m * c for m, c in zip(row, rgb, strict=True)) for row in _RGB_TO_XYZ]

    def f(t: float) -> float:
        return math.cbrt(t) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, _WHITE, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(
    lab1: Sequence[float], lab2: Sequence[float], kl: float = 1, kc: float = 1, kh: float = 1
) -> float:
    """CIEDE2000 colour difference ΔE₀₀ of two L*a*b* colours (Sharma, Wu & Dalal 2005).
    About 1 is just noticeable side by side; thin lines need far more."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0

    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    d_big_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))

    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_mean = (h1p + h2p + 360) / 2
    else:
        hp_mean = (h1p + h2p - 360) / 2

    t = (
        1
        - 0.17 * math.cos(math.radians(hp_mean - 30))
        + 0.24 * math.cos(math.radians(2 * hp_mean))
        + 0.32 * math.cos(math.radians(3 * hp_mean + 6))
        - 0.20 * math.cos(math.radians(4 * hp_mean - 63))
    )
    d_theta = 30 * math.exp(-(((hp_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c

    el, ec, eh = dl / (kl * s_l), dc / (kc * s_c), d_big_h / (kh * s_h)
    return math.sqrt(el**2 + ec**2 + eh**2 + r_t * ec * eh)


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 ΔE₀₀ between two "#rrggbb" sRGB colours (via L*a*b*, D65)."""
    return ciede2000(to_lab(a), to_lab(b))

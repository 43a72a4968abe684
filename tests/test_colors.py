"""Curve colours: distinct for whatever is shown, stable, deterministic, readable per theme.

No Qt. The ΔE threshold: CIEDE2000 ΔE₀₀ ≈ 1 is a just-noticeable difference between two
large patches side by side; thin plot lines and small legend swatches need many times that
(colour differences shrink with mark size; Stone, Szafir & Setlur 2014, Szafir 2018), and
categorical palettes built for charts aim for ΔE₀₀ of roughly 15–20 or more between any two
categories. Up to eight shown functions use the eight Okabe–Ito hues, which this module
keeps ≥ ``MIN_DELTA_E`` = 20 apart in both themes; the four extra hues for 9–12 shown
functions keep all twelve ≥ ``MIN_DELTA_E_EXTRA`` = 15 apart; beyond twelve, a style variant
tells equal colours apart.
"""

from __future__ import annotations

import functools
import itertools
import math
import random

import pytest

from actgui.activations import REGISTRY
from actgui.style import (
    BASE_SLOTS,
    OKABE_ITO,
    PALETTES,
    PLOT_COLORS,
    STYLE_MARKERS,
    ColorAssigner,
    Slot,
    ciede2000,
    color_for,
    contrast_ratio,
    curve_color,
    delta_e,
    palette,
    preferred_slot,
    relative_luminance,
    style_marker,
    theme_color,
    to_lab,
)

THEMES = ("light", "dark")
MIN_DELTA_E = 20.0
MIN_DELTA_E_EXTRA = 15.0
KEYS = tuple(REGISTRY)


@functools.cache
def cached_delta_e(a: str, b: str) -> float:
    return delta_e(a, b)


def min_pairwise_delta_e(colors) -> float:
    pairs = itertools.combinations(colors, 2)
    return min((cached_delta_e(a, b) for a, b in pairs), default=math.inf)


def shown_colors(slots: dict[str, Slot], theme: str) -> list[str]:
    return [theme_color(slot.color, theme) for slot in slots.values()]


def random_walk(rng: random.Random, steps: int, max_shown: int):
    """Random enable/disable sequences: each step yields the ordered shown keys."""
    shown: list[str] = rng.sample(KEYS, rng.randint(0, max_shown))
    yield list(shown)
    for _ in range(steps):
        hidden = [k for k in KEYS if k not in shown]
        if shown and (len(shown) >= max_shown or rng.random() < 0.45):
            for key in rng.sample(shown, rng.randint(1, min(3, len(shown)))):
                shown.remove(key)
        else:
            room = max_shown - len(shown)
            shown.extend(rng.sample(hidden, rng.randint(1, min(3, room))))
        yield list(shown)


# --- the colour science --------------------------------------------------------------------

#: Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
#: supplementary test data, and mathematical observations", Table 1: (Lab₁, Lab₂, ΔE₀₀).
SHARMA_PAIRS = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 2.8361, -74.0200), (50.0000, 0.0000, -82.7485), 3.4412),
    ((50.0000, -1.3802, -84.2814), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0009, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0011, -2.4900), 4.7461),
    ((50.0000, 2.5000, 0.0000), (50.0000, 0.0000, -2.5000), 4.3065),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
    ((50.0000, 2.5000, 0.0000), (56.0000, -27.0000, -3.0000), 31.9030),
    ((50.0000, 2.5000, 0.0000), (58.0000, 24.0000, 15.0000), 19.4535),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.1736, 0.5854), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA_PAIRS)
def test_ciede2000_matches_sharma_reference_data(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)  # symmetric


def test_lab_and_delta_e_of_srgb_colours():
    assert to_lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=1e-3)
    assert to_lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=1e-9)
    assert to_lab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.01)
    assert delta_e("#0072b2", "#0072B2") == 0.0
    assert delta_e("#000000", "#ffffff") == pytest.approx(100.0, abs=1e-3)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)


def test_bad_colours_and_themes_are_refused():
    with pytest.raises(ValueError):
        delta_e("red", "#000000")
    with pytest.raises(ValueError):
        palette("sepia")


# --- the palettes ----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_every_curve_colour_stands_out_from_its_background(theme):
    background = PLOT_COLORS[theme].background
    floor = 3.1 if theme == "light" else 4.5  # WCAG 1.4.11 asks 3; dark gets a margin
    for slot, color in enumerate(palette(theme)):
        assert contrast_ratio(color, background) >= floor, (theme, slot, color)


@pytest.mark.parametrize("theme", THEMES)
def test_palette_colours_are_far_apart(theme):
    colors = palette(theme)
    assert len(colors) == len(PALETTES["light"]) == 12
    assert min_pairwise_delta_e(colors[:BASE_SLOTS]) >= MIN_DELTA_E
    assert min_pairwise_delta_e(colors) >= MIN_DELTA_E_EXTRA


@pytest.mark.parametrize("theme", THEMES)
def test_the_okabe_ito_slots_keep_their_hues(theme):
    """Each tuned colour is still nearest its own Okabe–Ito hue (black aside)."""
    for slot, color in enumerate(palette(theme)[:BASE_SLOTS]):
        if OKABE_ITO[slot] == "#000000":
            continue
        nearest = min(range(BASE_SLOTS), key=lambda i: delta_e(color, OKABE_ITO[i]))
        assert nearest == slot, (theme, slot, color)


#: Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
}  # fmt: skip


def simulate(color: str, matrix) -> str:
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def encode(c):
        c = min(max(c, 0.0), 1.0)
        return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055

    rgb = [linear(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    out = [encode(sum(m * c for m, c in zip(row, rgb, strict=True))) for row in matrix]
    return "#" + "".join(f"{round(c * 255):02x}" for c in out)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", sorted(CVD))
def test_the_first_eight_stay_apart_for_colour_blind_eyes(theme, kind):
    simulated = [simulate(c, CVD[kind]) for c in palette(theme)[:BASE_SLOTS]]
    assert min_pairwise_delta_e(simulated) >= 8.0


# --- the assigner ----------------------------------------------------------------------------


def test_a_lone_function_gets_its_registry_colour():
    assigner = ColorAssigner()
    for key in KEYS:
        assert assigner.assign([key]) == {key: Slot(preferred_slot(key), 0)}
        assert assigner.color(key, "light") == color_for(key)


@pytest.mark.parametrize(
    "keys",
    [
        ("tanh", "hardtanh"),
        ("relu", "selu"),
        ("leaky_relu", "celu"),
        ("sigmoid", "softplus", "rrelu"),
        ("sigmoid", "tanh", "relu", "leaky_relu", "rrelu", "selu", "celu", "softplus"),
    ],
)
def test_the_issues_collisions_are_gone(keys):
    # They share a registry slot: without the assigner they would share a colour.
    assert len({REGISTRY[k].color for k in keys}) < len(keys)
    for order in (keys, keys[::-1]):
        slots = ColorAssigner().assign(order)
        assert len({s.color for s in slots.values()}) == len(keys)
        for theme in THEMES:
            assert min_pairwise_delta_e(shown_colors(slots, theme)) >= MIN_DELTA_E


def test_random_sets_of_up_to_eight_are_far_apart_in_both_themes():
    rng = random.Random(20240611)
    for _ in range(400):
        keys = rng.sample(KEYS, rng.randint(2, 8))
        slots = ColorAssigner().assign(keys)
        assert list(slots) == keys
        assert all(s.style == 0 and s.color < BASE_SLOTS for s in slots.values())
        for theme in THEMES:
            assert min_pairwise_delta_e(shown_colors(slots, theme)) >= MIN_DELTA_E, keys


def test_random_walks_of_up_to_eight_stay_far_apart_and_stable():
    rng = random.Random(7)
    for _ in range(150):
        assigner = ColorAssigner()
        before: dict[str, Slot] = {}
        for shown in random_walk(rng, 25, max_shown=8):
            slots = assigner.assign(shown)
            assert list(slots) == shown
            for key in set(before) & set(slots):
                assert slots[key] == before[key], key  # stable while shown
            for theme in THEMES:
                assert min_pairwise_delta_e(shown_colors(slots, theme)) >= MIN_DELTA_E
            before = slots


def test_nine_to_twelve_get_the_extra_hues_far_apart():
    rng = random.Random(12)
    for _ in range(100):
        assigner = ColorAssigner()
        for shown in random_walk(rng, 30, max_shown=len(PALETTES["light"])):
            slots = assigner.assign(shown)
            assert all(s.style == 0 for s in slots.values())
            assert len({s.color for s in slots.values()}) == len(slots)
            for theme in THEMES:
                assert min_pairwise_delta_e(shown_colors(slots, theme)) >= MIN_DELTA_E_EXTRA


def test_beyond_the_palette_colours_or_styles_differ():
    rng = random.Random(99)
    for _ in range(100):
        assigner = ColorAssigner()
        before: dict[str, Slot] = {}
        for shown in random_walk(rng, 30, max_shown=len(KEYS)):
            slots = assigner.assign(shown)
            assert len(set(slots.values())) == len(slots)  # never the same look twice
            for key in set(before) & set(slots):
                assert slots[key] == before[key], key  # a variant, too, is kept while shown
            plain = [s.color for s in slots.values() if s.style == 0]
            assert len(set(plain)) == len(plain)
            before = slots


def test_everything_shown_uses_every_colour_before_a_style():
    slots = ColorAssigner().assign(KEYS)
    n = len(PALETTES["light"])
    plain = [s for s in slots.values() if s.style == 0]
    assert sorted(s.color for s in plain) == list(range(n))
    assert max(s.style for s in slots.values()) == (len(KEYS) - 1) // n
    assert len({style_marker(s.style) for s in slots.values()}) == (len(KEYS) - 1) // n + 1
    assert style_marker(0) is None
    assert style_marker(1) == STYLE_MARKERS[1]


def test_a_freed_slot_goes_back_to_its_owner_first():
    assigner = ColorAssigner()
    assigner.assign(["sigmoid", "softplus"])  # softplus wants sigmoid's blue
    slots = assigner.assign(["softplus"])
    assert slots["softplus"].color != preferred_slot("softplus")  # kept while shown
    slots = assigner.assign(["softplus", "rrelu"])  # blue is free again: rrelu's preference
    assert slots["rrelu"] == Slot(preferred_slot("rrelu"), 0)


def test_same_calls_give_same_slots_and_state_restores_them():
    def run(seed):
        rng = random.Random(seed)
        assigner = ColorAssigner()
        return [assigner.assign(shown) for shown in random_walk(rng, 40, 14)], assigner

    first, assigner = run(3)
    second, _ = run(3)
    assert first == second
    restored = ColorAssigner(assigner.state())
    assert restored.state() == assigner.state()
    shown = list(assigner.state())
    assert restored.assign(shown) == assigner.assign(shown)


def test_assign_ignores_repeats_and_unknown_keys_get_a_free_slot():
    assigner = ColorAssigner()
    assert assigner.assign(["relu", "relu", "selu"]) == {
        "relu": Slot(preferred_slot("relu")),
        "selu": Slot(0),
    }
    slots = assigner.assign(["relu", "selu", "not_registered"])
    assert slots["not_registered"] == Slot(1)
    assert assigner.slot("gone") is None
    assigner.reset()
    assert assigner.state() == {}


def test_a_bad_saved_state_is_refused():
    with pytest.raises(ValueError):
        ColorAssigner({"relu": (0, 0), "selu": (0, 0)})
    with pytest.raises(ValueError):
        ColorAssigner({"relu": (99, 0)})
    with pytest.raises(ValueError):
        ColorAssigner({"relu": (0, -1)})


# --- the old API ---------------------------------------------------------------------------


def test_existing_callers_keep_working():
    for key in KEYS:
        light = color_for(key)
        assert light == palette("light")[REGISTRY[key].color % BASE_SLOTS]
        assert curve_color(light, "light") == light
        dark = curve_color(light, "dark")
        assert dark == palette("dark")[REGISTRY[key].color % BASE_SLOTS]
    assert curve_color("#000000", "dark") == "#e0e0e0"  # black turns light grey
    assert curve_color("#0072B2", "dark") == palette("dark")[0]  # Okabe–Ito too
    assert curve_color("#123456", "light") == "#123456"  # other colours pass
    assert curve_color("#101010", "dark") == "#e0e0e0"


# -- in the window: every view follows the colour a function is given ----------------------


def test_a_function_switched_on_takes_a_free_colour_everywhere(window, qtbot):
    from PySide6.QtWidgets import QCheckBox

    window.model.set_enabled_keys(["sigmoid"])
    window.model.set_selected("softplus")  # hidden: it would like sigmoid's slot
    window.model.set_enabled("softplus", True)
    qtbot.waitUntil(window.plot.is_current)
    sigmoid = window.plot.curve("sigmoid", 0).opts["pen"].color().name()
    softplus = window.plot.curve("softplus", 0).opts["pen"].color().name()
    assert softplus != sigmoid and delta_e(softplus, sigmoid) >= 20
    # The side panel's swatch, the details title and the readout name follow.
    icon = window.findChild(QCheckBox, "check_softplus").icon().pixmap(12, 12).toImage()
    assert icon.pixelColor(6, 6).name() == softplus
    assert window.text_color("softplus") in window.details.browser.toHtml()
    window.model.set_cursor(0.0, pinned=True)
    window.readout.rows()
    table = window.readout.table
    names = {table.item(r, 0).data(256): table.item(r, 0) for r in range(table.rowCount())}
    assert names["softplus"].foreground().color().name() == window.text_color("softplus")


def test_colours_survive_a_restart_and_restore_defaults_gives_a_fresh_starts(qapp, tmp_path):
    """Needs no display."""
    from PySide6.QtCore import QSettings

    from actgui.model import ExplorerModel
    from actgui.settings import restore_model, save_model

    model = ExplorerModel()
    model.set_enabled_keys([])
    model.set_enabled("rrelu", True)  # takes sigmoid's blue: rrelu prefers it too
    model.set_enabled("sigmoid", True)  # so sigmoid gets another colour
    shown = {k: model.curve_color(k, "light") for k in ("rrelu", "sigmoid")}
    settings = QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat)
    save_model(model, settings)
    again = ExplorerModel()
    restore_model(again, settings)
    assert {k: again.curve_color(k, "light") for k in shown} == shown
    settings.setValue("functions/colors", "rrelu:1:0,sigmoid:1:0")  # doubled: ignored
    third = ExplorerModel()
    restore_model(third, settings)
    assert third.curve_color("rrelu", "light") != third.curve_color("sigmoid", "light")
    model.restore_defaults()
    assert model.color_state() == ExplorerModel().color_state()

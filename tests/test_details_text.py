"""The details page's words: where the kinks and jumps are, softplus's threshold switch,
the f″ formulas, formulas kept on one line, and the Chinese word for a kink."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import mpmath
import numpy as np
import pytest

from actgui.activations import REGISTRY, RegistryError, validate
from actgui.activations.docs import localise
from actgui.text.details import details_html, formula_pieces, info_html, live_note, live_rows

CATALOGUE = Path(__file__).resolve().parents[1] / "resources/translations/actgui_zh_CN.ts"


def rows(key: str, **params: float) -> dict[str, str]:
    act = REGISTRY[key]
    return dict(live_rows(act, act.resolve(**params)))


def lines(key: str, **params: float) -> list[str]:
    """The live rows as the panel's plain text has them: "label value"."""
    return [f"{label} {value}" for label, value in rows(key, **params).items()]


# -- kinks and jumps: where, not how many ------------------------------------------------


def test_relu_has_a_kink_at_zero_not_zero_kinks():
    assert "Kink at x = 0" in lines("relu")
    assert "Jump in f′ at x = 0" in lines("relu")
    assert not any(line.startswith("Kinks 0") for line in lines("relu"))


def test_sigmoid_has_no_kinks_and_no_jumps():
    shown = lines("sigmoid")
    assert "Kinks: none" in shown
    assert "Jumps in f, f′, f″: none" in shown
    assert not any("at x" in line for line in shown)


def test_hardtanh_has_two_kinks_that_follow_its_parameters():
    assert "Kinks at x = −1, 1" in lines("hardtanh")
    assert "Jumps in f′ at x = −1, 1" in lines("hardtanh")
    assert "Kinks at x = −2.5, 3" in lines("hardtanh", min_val=-2.5, max_val=3.0)


def test_each_jump_is_named_by_the_lowest_derivative_that_jumps():
    assert "Jump in f at x = 1" in lines("threshold")  # value 0 ≠ threshold 1
    assert "Jump in f at x = 0" in lines("step")
    assert "Jump in f″ at x = 0" in lines("elu")  # α = 1: f′ is continuous
    assert "Jump in f′ at x = 0" in lines("elu", alpha=0.5)
    assert "Jumps in f″ at x = −2, 0, 2" in lines("sqnl")
    # A kink where nothing jumps (a leak of 1 is the identity): the kink stays listed.
    # α = 1 makes Leaky ReLU the identity: no corner left.
    assert lines("leaky_relu", alpha=1.0)[-2:] == ["Kinks: none", "Jumps in f, f′, f″: none"]


def corners(act, params) -> list[float]:
    """Where f is continuous but its slope is not, found from one-sided differences of f
    (independently of the registry's own lists)."""
    found = []
    for k in act.kinks(**params):
        h = 1e-6 * max(1.0, abs(k))
        f = [float(act.forward(np.array([k + d]), **params)[0]) for d in (-2 * h, -h, h, 2 * h)]
        left, right = (f[1] - f[0]) / h, (f[3] - f[2]) / h
        if abs(f[2] - f[1]) < 1e-4 and abs(right - left) > 1e-3:
            found.append(k)
    return found


def test_every_function_says_where_its_kinks_are():
    for key, act in REGISTRY.items():
        for params in (act.defaults(), {p.name: p.minimum for p in act.params}):
            try:
                params = act.resolve(**params)
            except ValueError:
                continue
            shown = rows(key, **params)
            expected = corners(act, params)
            label = next(k for k in shown if k.startswith("Kink"))
            listed = (
                []
                if label == "Kinks:"
                else [float(v.replace("−", "-")) for v in shown[label][4:].split(", ")]
            )
            assert label == {0: "Kinks:", 1: "Kink at"}.get(len(listed), "Kinks at")
            # Every visible corner is listed; anything more is a step in PyTorch's own f′
            # too small to see (softplus at its threshold: 2e-9; CELU at α = 0.01: 2e-8).
            assert set(expected) <= set(listed), (key, params)
            for extra in set(listed) - set(expected):
                assert extra in act.jumps(1, **params) and extra not in act.jumps(0, **params)
    # ELU at α = 1 is C¹ at 0: only f″ jumps there, which is not a kink.
    assert rows("elu", alpha=1.0)["Kinks:"] == "none"
    assert rows("elu", alpha=0.5)["Kink at"] == "x = 0"


# -- softplus: the threshold switch, explained with its size -----------------------------


def jumps_of_the_switch(beta: float, threshold: float) -> tuple[float, float]:
    """The steps in f and f′ where PyTorch switches to x, from the definition (mpmath):
    ln(1 + e^(βx))/β − x and 1 − σ(βx) at βx = threshold."""
    mpmath.mp.dps = 50
    t, b = mpmath.mpf(threshold), mpmath.mpf(beta)
    x = t / b
    return float(mpmath.log(1 + mpmath.exp(t)) / b - x), float(1 - 1 / (1 + mpmath.exp(-t)))


def note_numbers(note: str) -> tuple[float, float]:
    found = re.search(r"about (\S+) in f and (\S+) in f′", note)
    assert found, note
    return tuple(float(v.replace("−", "-")) for v in found.groups())


def test_softplus_note_explains_the_threshold_and_the_size_of_the_jump():
    act = REGISTRY["softplus"]
    note = live_note(act, act.defaults())
    jump_f, jump_d1 = jumps_of_the_switch(1.0, 20.0)
    assert jump_f == pytest.approx(2.06e-9, rel=1e-3)
    assert "x > 20 here" in note and "at x = 20" in note and "threshold" in note
    assert "about 2.1e−9 in f and 2.1e−9 in f′" in note
    assert note_numbers(note) == pytest.approx((jump_f, jump_d1), rel=0.05)
    assert "Kink at x = 20" in lines("softplus")


@pytest.mark.parametrize(
    ("beta", "threshold", "where"),
    [
        (2.0, 5.0, "2.5"),
        (0.5, 3.0, "6"),
        (4.0, 0.0, "0"),
        (10.0, 50.0, "5"),
        (3.0, 1.0, "0.3333333333"),
    ],
)
def test_softplus_note_follows_the_parameters(beta, threshold, where):
    act = REGISTRY["softplus"]
    note = live_note(act, {"beta": beta, "threshold": threshold})
    assert f"x > {where} here" in note and f"at x = {where}" in note
    assert note_numbers(note) == pytest.approx(jumps_of_the_switch(beta, threshold), rel=0.05)


def test_softplus_jump_in_f_agrees_with_the_registry_on_both_sides():
    act = REGISTRY["softplus"]
    k = 5.0 / 2.0
    left, right = act.forward(np.nextafter([k, k], [-np.inf, np.inf]), beta=2.0, threshold=5.0)
    assert left - right == pytest.approx(jumps_of_the_switch(2.0, 5.0)[0], rel=1e-6)


def test_only_softplus_has_a_live_note_and_info_html_shows_it():
    notes = {key: live_note(act, act.defaults()) for key, act in REGISTRY.items()}
    assert [key for key, note in notes.items() if note] == ["softplus"]
    assert "2.1e−9" in info_html(REGISTRY["softplus"], REGISTRY["softplus"].defaults())


def test_the_panel_shows_the_note_and_updates_it_with_the_parameters(window):
    window.model.set_selected("softplus")
    assert "about 2.1e−9 in f" in window.details.text()
    window.model.set_param("softplus", "threshold", 0.0)
    live = window.details.text()
    # threshold 0: f steps by ln 2 at 0, a jump rather than a kink.
    assert "Jump in f at x = 0" in live and "about 0.69 in f and 0.5 in f′" in live
    window.model.set_selected("relu")
    assert "PyTorch switches" not in window.details.text()
    assert not window.details.live.note.isVisibleTo(window.details.live)


# -- f″ ------------------------------------------------------------------------------------


def test_every_function_has_an_f2_formula_on_its_page():
    assert len(REGISTRY) >= 37
    for key, act in REGISTRY.items():
        assert act.docs.d2.strip(), key
        page = details_html(act, "#000")
        assert "f″(<i>x</i>) =" in page, key
        assert page.index("f′(<i>x</i>) =") < page.index("f″(<i>x</i>) ="), key


def test_validate_names_a_missing_f2():
    act = REGISTRY["tanh"]
    bare = dataclasses.replace(act, key="tanh_no_d2", docs=dataclasses.replace(act.docs, d2=""))
    with pytest.raises(RegistryError, match=r"activation 'tanh_no_d2': docs\.d2 is empty"):
        validate(bare)
    worded = dataclasses.replace(act.docs, d2="0 if x > 0")
    with pytest.raises(RegistryError, match=r"docs\.d2 contains the English word 'if'"):
        validate(dataclasses.replace(act, key="tanh_worded", docs=worded))


# -- formulas on one line where they fit ---------------------------------------------------


def test_formulas_break_only_between_equal_forms_and_before_definitions():
    assert formula_pieces("tanh(x) = (a − b)/(a + b) = 2σ(2x) − 1") == [
        "tanh(x)",
        "= (a − b)/(a + b)",
        "= 2σ(2x) − 1",
    ]
    # After the first " ; " an "=" belongs to its definition.
    assert formula_pieces("½x(1 + tanh u) ; u = √(2/π)(x + 0.044715x³)") == [
        "½x(1 + tanh u)",
        "; u = √(2/π)(x + 0.044715x³)",
    ]
    # Never inside a piecewise table (its conditions may say "x = 0").
    table = "<table><tr><td>1</td><td>x = 0</td></tr></table>"
    assert formula_pieces(f"λ·{table} ; λ ≈ 1.05") == [f"λ·{table}", "; λ ≈ 1.05"]
    for act in REGISTRY.values():
        for formula in (act.docs.f, act.docs.d1, act.docs.d2):
            assert " ".join(formula_pieces(formula)) == formula


def test_each_piece_of_a_formula_is_kept_on_one_line():
    page = details_html(REGISTRY["selu"], "#000")
    # λ· sits in a no-wrap cell beside the brace, not on a line of its own above it.
    assert '<td valign="middle" style="white-space:nowrap">f(<i>x</i>) =&nbsp;λ·</td>' in page
    assert '<td valign="middle" style="white-space:nowrap">&nbsp;; λ ≈ 1.0507' in page


def test_no_details_page_scrolls_sideways_in_a_narrow_dock(qtbot):
    """At the dock's width (~340 px here) every formula fits; no page needs a horizontal
    scroll bar (a formula piece wider than the dock would)."""
    from actgui.model import ExplorerModel
    from actgui.panels.details import DetailsPanel

    model = ExplorerModel()
    panel = DetailsPanel(model)
    qtbot.addWidget(panel)
    panel.resize(340, 600)
    panel.show()
    qtbot.waitExposed(panel)
    wide = []
    for key in REGISTRY:
        model.set_selected(key)
        panel.text()
        if panel.browser.horizontalScrollBar().maximum() > 0:
            wide.append(key)
    assert wide == []


# -- Chinese: a kink is 折点, not 拐点 (an inflection point) --------------------------------


def catalogue() -> dict[tuple[str, str], str]:
    root = ET.parse(CATALOGUE).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.findtext("translation")
        or ""
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_no_translation_calls_a_kink_an_inflection_point():
    translations = catalogue()
    assert not [key for key, text in translations.items() if "拐点" in text]
    kinky = {key: text for key, text in translations.items() if "kink" in key[1].lower()}
    assert len(kinky) >= 8
    assert all("折点" in text for text in kinky.values()), kinky


def test_the_live_rows_in_chinese():
    translations = catalogue()

    def lang(context: str, text: str) -> str:
        return translations.get((context, text)) or text

    shown = dict(live_rows(REGISTRY["hardtanh"], REGISTRY["hardtanh"].defaults(), lang))
    assert shown["折点位于"] == "x = −1, 1"
    assert shown["f′ 的跳变位于"] == "x = −1, 1"
    assert dict(live_rows(REGISTRY["tanh"], {}, lang))["折点："] == "无"
    note = live_note(REGISTRY["softplus"], REGISTRY["softplus"].defaults(), lang)
    assert "x > 20" in note and "2.1e−9" in note and "折点" in note


def test_formulas_stay_math_only():
    for key, act in REGISTRY.items():
        for formula in (act.docs.f, act.docs.d1, act.docs.d2):
            english = localise(formula, lambda word: word)
            assert "⟦" not in english, key

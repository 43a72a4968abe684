"""The registry as one record per function: validation, registration, references. No Qt.

Functions PyTorch lacks are checked here against their own mpmath reference
(f from its mathematical definition): f at 50 digits, f′ and f″ through
mpmath's numerical differentiation of that reference.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from actgui.activations import (
    CLASSIC_KEYS,
    FAMILIES,
    REGISTRY,
    Activation,
    Docs,
    Order,
    Param,
    Properties,
    RegistryError,
    SlopeBand,
    register,
    unregister,
    validate,
)
from actgui.activations.docs import IF_TOKEN, KEYWORDS, OTHERWISE_TOKEN, localise, pw

mp = pytest.importorskip("mpmath").mp

#: As strict as the PyTorch comparison (test_activations.py).
RTOL, ATOL = 1e-9, 1e-12
DPS = 50
#: Ordinary spread on moderate x, as the old torch-composite fixtures had.
SPREAD = [0.1, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0]
#: Distances from a kink: the smallest ones only for f (a derivative's stencil
#: would straddle the kink), the others for every order.
NEAR_KINK = [1e-12, 1e-6, 3e-6, 1e-3]
NEAR_KINK_DERIVATIVES = 1e-9
#: Parameter sets beyond defaults and two interior points (those of the old fixtures).
EXTRA_PARAMS: dict[str, list[dict[str, float]]] = {
    "swish": [{"beta": 0.5}, {"beta": 3.0}, {"beta": 0.0}],
    "squareplus": [{"b": 0.5}],
    "isru": [{"alpha": 0.25}, {"alpha": 0.0}],
    "snake": [{"alpha": 2.5}],
}

WITH_REFERENCE = [k for k, a in REGISTRY.items() if a.reference is not None]


def param_sets(act: Activation) -> list[dict[str, float]]:
    """Defaults, two interior points of the parameter box, and the extra sets above."""
    sets = [act.defaults()]
    for frac in (0.25, 0.6):
        sets.append(
            {
                p.name: p.minimum + (frac + 0.1 * i) * (p.maximum - p.minimum)
                for i, p in enumerate(act.params)
            }
        )
    sets += EXTRA_PARAMS.get(act.key, [])
    return [act.resolve(**params) for params in sets]


def sample_points(kinks: tuple[float, ...], order: int) -> np.ndarray:
    """Moderate |x| ≤ 30 and points near kinks; exactly on (and next to) a kink for f only."""
    pts = {0.0} | {s * v for v in SPREAD for s in (-1.0, 1.0)}
    for k in kinks:
        pts |= {k + s * d for d in NEAR_KINK for s in (-1.0, 1.0)}
        pts |= {k, math.nextafter(k, -math.inf), math.nextafter(k, math.inf)}
    if order > 0:
        pts = {p for p in pts if all(abs(p - k) > NEAR_KINK_DERIVATIVES for k in kinks)}
    return np.array(sorted(pts))


def reference_value(act: Activation, order: int, x: float, params: dict[str, float]) -> float:
    """The order-th derivative of ``act.reference`` at x, to 50 digits, rounded to float."""
    with mp.workdps(DPS):
        xm = mp.mpf(x)
        if order == 0:
            return float(act.reference(mp, xm, **params))
        return float(mp.diff(lambda t: act.reference(mp, t, **params), xm, order))


def test_every_function_beyond_pytorch_has_a_reference():
    beyond = {k for k, a in REGISTRY.items() if not a.in_pytorch}
    assert beyond
    assert beyond <= set(WITH_REFERENCE)


@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize("key", WITH_REFERENCE)
def test_matches_its_mpmath_reference(key, order):
    act = REGISTRY[key]
    for params in param_sets(act):
        x = sample_points(act.kinks(**params), order)
        got = act.evaluate(order, x, **params)
        want = np.array([reference_value(act, order, v, params) for v in x])
        np.testing.assert_allclose(
            got, want, rtol=RTOL, atol=ATOL, err_msg=f"{key} order {order} at {params}"
        )


def test_step_is_flat_away_from_its_jump():
    act = REGISTRY["step"]
    x = sample_points(act.kinks(), 1)
    for order in (1, 2):
        want = [reference_value(act, order, v, {}) for v in x]
        assert want == [0.0] * len(x)
        assert act.evaluate(order, x).tolist() == want


def test_reference_is_checked_at_the_jump_too():
    act = REGISTRY["step"]
    assert reference_value(act, 0, 0.0, {}) == act.forward(0.0) == 1.0
    assert reference_value(act, 0, -5e-324, {}) == act.forward(-5e-324) == 0.0


# ---------------------------------------------------------------------------
# Validation and registration
# ---------------------------------------------------------------------------

KEY = "softclip_test"


def entry(**changes) -> Activation:
    """A throw-away function with every piece, then ``changes`` applied."""
    act = Activation(
        KEY,
        "SoftClip (test)",
        (
            Param("lo", "lo", 0.1, 0.0, 1.0, 0.1, 2, "Smallest slope for x < 0."),
            Param("hi", "hi", 0.5, 0.0, 1.0, 0.1, 2, "Largest slope for x < 0."),
        ),
        lambda x, lo, hi: 0.5 * x,
        lambda x, lo, hi: np.full_like(x, 0.5),
        lambda x, lo, hi: np.zeros_like(x),
        description="x/2, for the registry's tests.",
        family="relu",
        source="tests/test_registry.py",
        in_pytorch=False,
        constraints=(Order("lo", "hi", strict=False),),
        properties=Properties(-math.inf, math.inf, False, False, True, "C∞", True, "none"),
        docs=Docs(
            f=pw(("<i>x</i>/2", "lo ≤ hi"), ("0", "")),
            d1="½",
            d2="0",
            d1_note="a note",
            principle="Halves.",
            pros="Simple.",
            cons="Linear.",
            use="Tests.",
        ),
        color=3,
        band=SlopeBand("lo", "hi"),
        reference=lambda mp, x, lo, hi: x / 2,
    )
    return replace(act, **changes)


def test_builtins_all_pass_validate():
    for act in REGISTRY.values():
        validate(act)


def test_a_complete_entry_registers_at_the_end_of_its_family_and_unregisters():
    before = list(REGISTRY)
    register(entry())
    try:
        keys = list(REGISTRY)
        assert REGISTRY[KEY].name == "SoftClip (test)"
        relu_family = [k for k in before if REGISTRY[k].family == "relu"]
        assert keys.index(KEY) == keys.index(relu_family[-1]) + 1
        assert [k for k in keys if k != KEY] == before
        validate(REGISTRY[KEY])  # registered as itself: still valid
    finally:
        unregister(KEY)
    assert KEY not in REGISTRY
    assert list(REGISTRY) == before


def test_a_new_family_member_also_lands_at_the_end_of_the_last_family():
    register(entry(family="extra"))
    try:
        assert list(REGISTRY)[-1] == KEY
    finally:
        unregister(KEY)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"properties": None}, "no properties declared"),
        ({"docs": None}, "no docs declared"),
        ({"color": None}, "no colour slot declared"),
        ({"color": -1}, "color must be a non-negative int"),
        ({"color": True}, "color must be a non-negative int"),
        ({"reference": None}, "no mpmath reference (required for functions PyTorch does"),
        ({"family": "foo"}, "family 'foo' is not one of classic, relu"),
        ({"band": SlopeBand("lo", "upper")}, "band names unknown parameter 'upper'"),
        ({"band": ("lo", "hi")}, "band must be a SlopeBand"),
        ({"name": ""}, "no name"),
        ({"description": ""}, "no description"),
        ({"source": ""}, "no source (required for functions PyTorch does not have)"),
        ({"properties": {"low": 0.0}}, "properties must be a Properties"),
        (
            {"properties": Properties(0.0, 1.0, False, False, True, "C2", False, "both")},
            "properties.smoothness 'C2' is not one of",
        ),
        (
            {"properties": Properties(0.0, 1.0, False, False, True, "C∞", False, "up")},
            "properties.saturates 'up' is not one of",
        ),
        (
            {"properties": Properties(1.0, 0.0, False, False, True, "C∞", False, "both")},
            "properties range [1.0, 0.0] is empty",
        ),
        ({"docs": "x/2"}, "docs must be a Docs"),
        (
            {"docs": Docs(f="", d1="½", d2="0", principle="p", pros="p", cons="c", use="u")},
            "docs.f is empty",
        ),
        (
            {"docs": Docs(f="x", d1="½", d2="0", principle="p", pros="p", cons="c", use="")},
            "docs.use is empty",
        ),
        (
            {"docs": Docs(f="x if x > 0", d1="½", principle="p", pros="p", cons="c", use="u")},
            "docs.f contains the English word 'if' or 'otherwise'",
        ),
        ({"_d1": None}, "f′ is not callable"),
        ({"reference": "x/2"}, "reference is not callable"),
        ({"constraints": (Order("lo", "top"),)}, "constraint names unknown parameter 'top'"),
        (
            {
                "params": (
                    Param("lo", "lo", 2.0, 0.0, 1.0, 0.1, 2),
                    Param("hi", "hi", 0.5, 0, 1, 0.1, 2),
                )
            },
            "parameter 'lo': default 2.0 is outside [0.0, 1.0]",
        ),
        ({"constraints": (Order("hi", "lo"),)}, "the defaults are unusable: softclip_test: hi"),
    ],
)
def test_an_incomplete_entry_is_refused_with_its_key_and_the_missing_piece(changes, message):
    bad = entry(**changes)
    with pytest.raises(RegistryError) as info:
        validate(bad)
    assert str(info.value).startswith(f"activation {KEY!r}: ")
    assert message in str(info.value)
    with pytest.raises(RegistryError, match=KEY):
        register(bad)
    assert KEY not in REGISTRY


def test_all_problems_are_named_at_once():
    with pytest.raises(RegistryError) as info:
        validate(entry(properties=None, docs=None))
    assert "no properties declared; no docs declared" in str(info.value)


def test_a_pytorch_function_needs_no_reference():
    validate(entry(in_pytorch=True, reference=None))


def test_registry_error_is_a_value_error():
    assert issubclass(RegistryError, ValueError)


def test_a_taken_key_is_refused():
    copy = replace(REGISTRY["relu"])
    with pytest.raises(RegistryError, match="activation 'relu': key already registered"):
        validate(copy)
    with pytest.raises(RegistryError, match="key already registered"):
        register(copy)
    with pytest.raises(RegistryError, match="key already registered"):
        register(REGISTRY["relu"])  # the very same entry, twice
    assert REGISTRY["relu"] is not copy


def test_bad_keys_and_non_entries_are_refused():
    with pytest.raises(RegistryError, match="key must be an identifier"):
        validate(entry(key="soft clip"))
    with pytest.raises(RegistryError, match="not an Activation"):
        validate("relu")


def test_unregistering_an_unknown_key_is_a_key_error():
    with pytest.raises(KeyError, match="nope"):
        unregister("nope")


def test_registry_is_read_only_and_in_display_order():
    with pytest.raises(TypeError):
        REGISTRY["x"] = REGISTRY["relu"]  # type: ignore[index]
    ranks = [list(FAMILIES).index(a.family) for a in REGISTRY.values()]
    assert ranks == sorted(ranks)


# ---------------------------------------------------------------------------
# The pieces themselves
# ---------------------------------------------------------------------------


def test_preferred_colours_are_the_slots_the_palette_always_gave():
    # The palette used to colour CLASSIC_KEYS first, then the rest in registry order; only
    # ELU moved, from sky blue (too near Sigmoid's blue) to olive. A slot is a preference:
    # shown functions never share a colour (tests/test_colors.py).
    order = CLASSIC_KEYS + tuple(k for k in REGISTRY if k not in CLASSIC_KEYS)
    for key, act in REGISTRY.items():
        assert act.color == (7 if key == "elu" else order.index(key) % 8), key
    assert len({REGISTRY[k].color for k in CLASSIC_KEYS}) == len(CLASSIC_KEYS)


def test_only_rrelu_declares_a_slope_band():
    bands = {k: a.band for k, a in REGISTRY.items() if a.band is not None}
    assert bands == {"rrelu": SlopeBand("lower", "upper")}


def test_formulas_are_math_only_and_localise_their_keywords():
    for key, act in REGISTRY.items():
        for formula in (act.docs.f, act.docs.d1):
            english = localise(formula, lambda word: word)
            chinese = localise(formula, {"if": "若", "otherwise": "其他情况"}.__getitem__)
            assert IF_TOKEN not in english and OTHERWISE_TOKEN not in english, key
            if IF_TOKEN in formula:
                assert "若" in chinese and "&nbsp;&nbsp;if " in english, key
            if OTHERWISE_TOKEN in formula:
                assert "其他情况" in chinese and "otherwise" in english, key
    assert REGISTRY["relu"].docs.d1_note == "PyTorch takes 0 at the kink"


def test_pw_writes_tokens_not_words():
    text = pw(("1", "<i>x</i> &gt; 0"), ("0", ""))
    assert IF_TOKEN in text and OTHERWISE_TOKEN in text
    assert " if " not in text and "otherwise" not in text.replace(OTHERWISE_TOKEN, "")
    assert set(KEYWORDS.values()) == {"if", "otherwise"}
    assert localise(text, lambda word: "<" + word + ">").count("&lt;if&gt;") == 1

"""Start-up never fails because of what was saved (issue 22): a damaged entry falls back
to its default with a logged warning, the entries beside it still apply, and a function of
your own that cannot be rebuilt today stays in the settings."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import start_to_first_paint
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QPoint, QSettings

from actgui import settings as keys
from actgui.activations import REGISTRY, Definition, custom_definitions, remove_custom
from actgui.analysis.race import RaceConfig
from actgui.labs import (
    DEFAULT_DEPTH,
    DEFAULT_INPUTS,
    DEFAULT_SEED,
    DEFAULT_SIGMA_B,
    DEFAULT_SIGMA_W,
    DEFAULT_WIDTH,
    LabModel,
)
from actgui.model import ExplorerModel
from actgui.preferences import Preferences

ROOT = Path(__file__).resolve().parents[1]
#: A number no float holds (float(int) raises OverflowError).
HUGE = "9" * 400
#: JSON nested far deeper than Python's recursion limit (json.loads: RecursionError).
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture(autouse=True)
def own_functions():
    """The functions of your own a test registered are removed (the registry is global)."""
    before = {d.key for d in custom_definitions()}
    try:
        yield
    finally:
        for definition in custom_definitions():
            if definition.key not in before:
                remove_custom(definition.key)


@pytest.fixture(autouse=True)
def no_backstop(caplog):
    """Every hostile entry is handled by its reader, not by build_window's last resort
    (which logs an ERROR with a traceback: a bug)."""
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def build(qtbot, settings):
    from actgui.app import build_window

    win = build_window(settings)
    qtbot.addWidget(win)
    return win


def saved_custom(settings: QSettings) -> list:
    settings.sync()
    return json.loads(settings.value(keys.CUSTOM))


def warnings_about(caplog, text: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and text in r.getMessage()
    ]


def race_apart_from_keys(win) -> RaceConfig:
    """The race; a fresh one races the plotted functions (``train_view``), not the defaults."""
    return win.lab.train.config().with_changes(keys=RaceConfig().keys)


#: (entry, hostile value, how to read it back, good entry beside it, its value, read back).
HOSTILE = {
    "race with a 400-digit number": (
        keys.LAB_TRAIN, f'{{"actgui_race": 1, "noise": {HUGE}}}', lambda w: race_apart_from_keys(w),
        keys.LAB_SIMULATION, "700,8,3", lambda w: w.lab.simulation(),
    ),
    "race nested too deep": (
        keys.LAB_TRAIN, DEEP, lambda w: race_apart_from_keys(w),
        keys.LAB_INPUT, "0.5,2.0,0.001", lambda w: w.lab.input(),
    ),
    "network depth of 400 digits": (
        keys.LAB_NETWORK, f"1.0,0.0,{HUGE}", lambda w: w.lab.network(),
        keys.LAB_INPUT, "0.5,2.0,0.001", lambda w: w.lab.input(),
    ),
    "simulation width of 400 digits": (
        keys.LAB_SIMULATION, f"{HUGE},4,7", lambda w: w.lab.simulation(),
        keys.LAB_NETWORK, "1.25,0.1,80", lambda w: w.lab.network(),
    ),
    "own functions nested too deep": (
        keys.CUSTOM, DEEP, lambda w: [d.key for d in custom_definitions()],
        keys.X_RANGE, "-3.5,2.25", lambda w: w.model.x_range(),
    ),
}  # fmt: skip
DEFAULTS = {
    keys.LAB_TRAIN: RaceConfig(),
    keys.LAB_NETWORK: (DEFAULT_SIGMA_W, DEFAULT_SIGMA_B, DEFAULT_DEPTH),
    keys.LAB_SIMULATION: (DEFAULT_WIDTH, DEFAULT_INPUTS, DEFAULT_SEED),
    keys.CUSTOM: [],
}
GOOD = {
    keys.LAB_SIMULATION: (700, 8, 3),
    keys.LAB_INPUT: (0.5, 2.0, 0.001),
    keys.LAB_NETWORK: (1.25, 0.1, 80),
    keys.X_RANGE: (-3.5, 2.25),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_entry_falls_back_and_the_others_apply(qtbot, settings, caplog, case):
    entry, value, read, good_entry, good_value, read_good = HOSTILE[case]
    settings.setValue(entry, value)
    settings.setValue(good_entry, good_value)
    settings.sync()
    win = build(qtbot, settings)
    assert win.isWindow()
    assert read(win) == DEFAULTS[entry]
    assert read_good(win) == GOOD[good_entry]
    assert warnings_about(caplog, entry)


def test_a_function_that_fails_to_rebuild_is_kept_and_reported_once(
    qtbot, settings, caplog, monkeypatch
):
    """Any exception from rebuilding (here an IndexError, as sqrt(-x*x) once raised) leaves
    the function out of the window and in the settings, where it was; its parameters are
    not reported as unknown settings."""
    build_one = Definition.build

    def failing(self):
        if self.key == "broken":
            raise IndexError("index 1 is out of bounds for axis 0 with size 1")
        return build_one(self)

    monkeypatch.setattr(Definition, "build", failing)
    entries = [
        {"key": "mine", "name": "Mine", "expression": "x * 2"},
        {"key": "broken", "name": "Broken", "expression": "sqrt(a - x*x)"},
        {"key": "other", "name": "Other", "expression": "x + 1"},
    ]
    settings.setValue(keys.CUSTOM, json.dumps(entries))
    settings.setValue("params/broken.a", "2.0")
    settings.sync()
    win = build(qtbot, settings)
    assert "mine" in REGISTRY and "other" in REGISTRY and "broken" not in REGISTRY
    reports = warnings_about(caplog, "Broken")
    assert len(reports) == 1 and "IndexError" in reports[0]
    assert not warnings_about(caplog, "params/broken.a")
    caplog.clear()
    win.close()
    assert saved_custom(settings) == entries
    assert settings.value("params/broken.a") == "2.0"
    assert not warnings_about(caplog, "Broken")  # reported at the start only


def test_functions_refused_today_are_kept_where_they_were(qtbot, settings, caplog):
    """A formula now refused, a key that became reserved or a built-in's: not loaded, but
    written back unchanged, in the saved order; a function added meanwhile goes last."""
    entries = [
        {"key": "evil", "name": "Evil", "expression": "x.__class__"},
        {"key": "good", "name": "Good", "expression": "x**2"},
        {"key": "sin", "name": "Sine", "expression": "x"},
        {"key": "relu", "name": "Mine", "expression": "max(x, 0)"},
        {"key": "f", "name": "F", "expression": "x", "ranges": {"a": [0, int(HUGE), 1]}},
    ]
    settings.setValue(keys.CUSTOM, json.dumps(entries))
    win = build(qtbot, settings)
    assert "good" in REGISTRY and "evil" not in REGISTRY and "sin" not in REGISTRY
    assert REGISTRY["relu"].family != "custom"
    assert len(warnings_about(caplog, "kept in the settings")) == 4
    win.custom.add(Definition("later", "Later", "x - 1"), show=False)
    win.close()
    assert saved_custom(settings) == [
        *entries,
        {"key": "later", "name": "Later", "expression": "x - 1"},
    ]


def test_beyond_fifty_functions_the_rest_are_kept(qtbot, settings, caplog):
    entries = [{"key": f"f{i}", "name": f"F {i}", "expression": f"x * {i + 1}"} for i in range(60)]
    settings.setValue(keys.CUSTOM, json.dumps(entries))
    win = build(qtbot, settings)
    mine = [d.key for d in custom_definitions()]
    assert mine == [f"f{i}" for i in range(50)]
    assert len(warnings_about(caplog, "at most 50")) == 10
    win.close()
    assert saved_custom(settings) == entries


def test_a_command_line_function_beyond_fifty_is_left_out(qtbot, settings, caplog):
    from actgui.app import build_window

    entries = [{"key": f"f{i}", "name": f"F {i}", "expression": f"x * {i + 1}"} for i in range(50)]
    settings.setValue(keys.CUSTOM, json.dumps(entries))
    win = build_window(settings, customs=[Definition("extra", "Extra", "x")])
    qtbot.addWidget(win)
    assert "extra" not in REGISTRY and len(custom_definitions()) == 50
    assert warnings_about(caplog, "--custom extra")


# -- any value in any entry -----------------------------------------------------------

NUMBER_TEXTS = st.one_of(
    st.floats().map(repr),
    st.integers().map(str),
    st.integers(min_value=10**300, max_value=10**500).map(str),
    st.sampled_from(["nan", "-inf", "1e400", "", " ", "0x10", "١٢"]),
)
TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(NUMBER_TEXTS, min_size=1, max_size=4).map(",".join),
    st.builds(lambda n: "[" * n + "]" * n, st.integers(0, 3000)),
    st.builds(
        lambda name, number: json.dumps({"actgui_race": 1, name: 0})[:-2] + number + "}",
        st.sampled_from(["noise", "learning_rate", "seed", "steps", "n_points", "hidden"]),
        NUMBER_TEXTS,
    ),
    st.builds(lambda n: "x" * n, st.sampled_from([10_001, 1_000_001])),
)
VALUES = st.one_of(
    TEXTS,
    st.lists(st.text(max_size=5), max_size=3),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.just(QByteArray(b"\x00garbage")),
    st.just(QPoint(1, 2)),
    st.dictionaries(st.text(max_size=3), st.integers(0, 9), max_size=2),
)
ENTRIES = st.sampled_from(
    [*keys.KEYS, "params/elu.alpha", "params/hardtanh.min_val", "params/prelu.alpha"]
)


@hsettings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.dictionaries(ENTRIES, VALUES, min_size=1, max_size=4))
def test_any_value_in_any_entry_never_stops_the_readers(settings, values):
    """What build_window restores (the model, the analysis inputs, the preferences, your own
    functions) from any mix of values of any type; a good entry beside them still applies."""
    settings.clear()
    for entry, value in values.items():
        settings.setValue(entry, value)
    if keys.SHOW_KINKS not in values:
        settings.setValue(keys.SHOW_KINKS, "1")
    settings.sync()
    keys.restore_custom(settings)
    model, lab = ExplorerModel(), LabModel()
    keys.restore_model(model, settings)
    keys.restore_lab(lab, settings)
    prefs = Preferences(settings)
    prefs.export_dir()
    keys.check_settings(settings)
    if keys.SHOW_KINKS not in values:
        assert model.show_kinks()


# -- the real program -----------------------------------------------------------------


def test_the_program_starts_with_hostile_settings_and_keeps_your_functions(tmp_path):
    """main.py with a damaged settings file: exit status 0, the plot painted, and on the way
    out the function it could not load is still in the file, beside the good one."""
    folder = tmp_path / "actgui"
    folder.mkdir()
    hostile = QSettings(str(folder / "actgui.conf"), QSettings.Format.IniFormat)
    entries = [
        {"key": "kept", "name": "Kept", "expression": "x.__class__"},
        {"key": "mine", "name": "Mine", "expression": "x * 3"},
    ]
    hostile.setValue(keys.CUSTOM, json.dumps(entries))
    hostile.setValue(keys.LAB_TRAIN, DEEP)
    hostile.setValue(keys.LAB_NETWORK, f"1.0,0.0,{HUGE}")
    hostile.setValue(keys.LAB_SIMULATION, "700,8,3")
    hostile.sync()
    done = start_to_first_paint(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "first-paint-at" in done.stdout
    after = QSettings(str(folder / "actgui.conf"), QSettings.Format.IniFormat)
    assert json.loads(after.value(keys.CUSTOM)) == entries
    assert after.value(keys.LAB_TRAIN) != DEEP  # (saved on the way out: the default race)
    assert after.value(keys.LAB_SIMULATION) == "700,8,3"


def test_saved_functions_are_measured_on_a_worker_not_while_starting(
    qtbot, settings, gui_thread_calls
):
    """Rebuilding your saved functions searches none of their kinks on the GUI thread (50
    sums of 18 ``max(sin(1/x), cos(k/x))`` took 10–12 s before the window showed): their
    properties are measured on a worker once the window is up, and come out as derived by
    hand for a clamp and a vee."""
    from actgui.activations import custom
    from actgui.activations.properties import INF, Properties

    on_gui_thread = gui_thread_calls(custom, "kink_positions")
    entries = [
        {"key": "clamp_one", "name": "Clamp", "expression": "where(x > 1, 1, x)"},
        {"key": "vee", "name": "Vee", "expression": "abs(x)"},
    ]
    settings.setValue(keys.CUSTOM, json.dumps(entries))
    settings.sync()
    build(qtbot, settings)
    assert on_gui_thread == []
    qtbot.waitUntil(
        lambda: all(REGISTRY[e["key"]].properties.measured for e in entries), timeout=20_000
    )
    assert on_gui_thread and not any(on_gui_thread)
    # f = x up to 1, then 1: (−∞, 1], rising, f′ jumps at 1, f(0) = 0, flat on the right.
    assert REGISTRY["clamp_one"].properties == Properties(
        -INF, 1.0, False, True, True, "C⁰", True, "right"
    )
    # |x|: [0, ∞), falls then rises, f′ jumps at 0, not centred, never flat.
    assert REGISTRY["vee"].properties == Properties(
        0.0, INF, True, False, False, "C⁰", False, "none"
    )

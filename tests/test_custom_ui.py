"""Your own activations in the window: the dialog, the Functions menu, the panels and the
plot following, settings, JSON import/export and the command line."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from conftest import run_in_process
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
)

from actgui.activations import REGISTRY, Definition, custom_definitions
from actgui.shell.custom_dialog import CustomDialog


def checked(qtbot, dialog) -> bool:
    """Check the dialog's fields now and wait for the worker: whether they passed."""
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=60_000)
    return dialog.is_ok()


def fill_dialog(monkeypatch, qtbot, name: str, formula: str, accept: bool = True) -> list:
    """Make the next CustomDialog answer with these fields; the dialogs seen."""
    seen = []

    def exec_(self):
        self.name_edit.setText(name)
        self.formula_edit.setText(formula)
        ok = checked(qtbot, self)
        seen.append((self.definition(), ok))
        return int(accept and ok)

    monkeypatch.setattr(CustomDialog, "exec", exec_)
    return seen


def test_dialog_checks_as_you_type(qtbot):
    dialog = CustomDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name_edit.setText("Mine")
    assert dialog.error_label.text() == "Type a formula in x."  # empty at first
    dialog.formula_edit.setText("x * sigmod(x)")
    message = "unknown name 'sigmod' at column 5; did you mean 'sigmoid'?"
    qtbot.waitUntil(lambda: message in dialog.error_label.text())
    assert dialog.error_label.isVisibleTo(dialog)
    assert not ok.isEnabled()
    dialog.formula_edit.setText("x * sigmoid(beta * x)")
    qtbot.waitUntil(ok.isEnabled)
    assert not dialog.error_label.isVisibleTo(dialog)
    assert "beta = 1" in dialog.info.text()
    assert dialog.definition() == Definition("mine", "Mine", "x * sigmoid(beta * x)")
    assert len(dialog.plot.getPlotItem().listDataItems()) == 3  # f, f′, f″


def test_new_function_appears_everywhere_with_exact_numbers(window, monkeypatch, qtbot):
    fill_dialog(monkeypatch, qtbot, "My Swish", "x * sigmoid(beta * x)")
    action = window.custom.actions["new"]
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    action.trigger()
    key = "my_swish"
    assert REGISTRY[key].family == "custom"
    assert window.model.is_enabled(key) and window.model.selected_key() == key
    check = window.findChild(QCheckBox, f"check_{key}")
    assert check is not None and check.isChecked()
    spin = window.findChild(QDoubleSpinBox, f"spin_{key}_beta")
    assert spin is not None and spin.value() == 1.0
    spin.setValue(2.0)
    assert window.model.param(key, "beta") == 2.0
    window.model.set_cursor(1.0, pinned=True)
    rows = window.readout.rows()
    # Independently: x·σ(βx) and its derivative at x = 1, β = 2.
    s = 1.0 / (1.0 + math.exp(-2.0))
    assert float(rows[key][0]) == pytest.approx(s, rel=1e-9)
    assert float(rows[key][1]) == pytest.approx(s + 2.0 * s * (1 - s), rel=1e-9)
    window.plot.refresh()
    assert (key, 0) in window.plot.visible_curves()
    x, y = window.plot.curve(key, 0).getData()
    assert np.allclose(y, x / (1 + np.exp(-2 * x)), rtol=1e-12, atol=1e-300)
    assert "My Swish" in window.details.text()


def test_edit_duplicate_delete(window, monkeypatch, qtbot):
    window.custom.add(Definition("bump", "Bump", "exp(-x**2)"))
    window.model.set_cursor(0.5, pinned=True)
    fill_dialog(monkeypatch, qtbot, "Bump", "a * exp(-x**2)")
    window.custom.actions["edit"].trigger()
    assert window.model.is_enabled("bump") and window.model.selected_key() == "bump"
    assert window.findChild(QDoubleSpinBox, "spin_bump_a") is not None
    assert "a · exp" in window.details.text() or "a·exp" in window.details.text()
    window.custom.actions["duplicate"].trigger()
    assert window.model.selected_key() == "bump_2"
    assert [d.name for d in custom_definitions()] == ["Bump", "Bump 2"]
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    window.custom.actions["delete"].trigger()
    assert "bump_2" not in REGISTRY and window.findChild(QCheckBox, "check_bump_2") is None
    window.plot.refresh()
    assert all(k != "bump_2" for k, _ in window.plot.visible_curves())
    assert not window.custom.actions["delete"].isEnabled()  # nothing selected now


def test_new_and_edit_register_the_function_their_check_built(
    window, monkeypatch, qtbot, gui_thread_calls
):
    """OK registers the very function the dialog's worker built: New passed it as the
    ``show`` flag, so it was built again, and its kinks searched again, on the GUI thread."""
    seen = []
    formulas = iter(("max(sin(1/x), cos(2/x)) + 2 * x", "max(sin(1/x), cos(3/x)) + 2 * x"))

    def exec_(self):
        self.name_edit.setText("Kinks")
        self.formula_edit.setText(next(formulas))
        assert checked(qtbot, self)
        seen.append(self.activation())
        return 1

    monkeypatch.setattr(CustomDialog, "exec", exec_)
    on_gui_thread = gui_thread_calls(Definition, "build")
    window.custom.actions["new"].trigger()
    assert REGISTRY["kinks"] is seen[-1]
    window.custom.actions["edit"].trigger()
    assert REGISTRY["kinks"] is seen[-1] and seen[0] is not seen[1]
    assert on_gui_thread and not any(on_gui_thread)


def test_a_refused_formula_changes_nothing(window, monkeypatch, qtbot):
    before = list(REGISTRY)
    seen = fill_dialog(monkeypatch, qtbot, "Evil", "__import__('os').system('true')")
    window.custom.actions["new"].trigger()
    assert seen and seen[0][1] is False
    assert list(REGISTRY) == before


def test_saved_and_restored_with_the_settings(window, settings, qtbot):
    from actgui.app import build_window
    from actgui.settings import CUSTOM

    window.custom.add(Definition("keep", "Keep", "abs(x) - c", (("c", 0.0, 2.0, 0.5),)))
    window.model.set_param("keep", "c", 1.5)
    window.close()
    assert "keep" in settings.value(CUSTOM)
    again = build_window(settings)
    qtbot.addWidget(again)
    assert again.model.is_enabled("keep") and again.model.param("keep", "c") == 1.5
    assert REGISTRY["keep"].param("c").maximum == 2.0


def test_bad_saved_entries_are_skipped_others_kept(settings, qtbot, caplog):
    from actgui.app import build_window
    from actgui.settings import CUSTOM

    entries = [
        {"key": "good", "name": "Good", "expression": "x**2"},
        {"key": "bad", "name": "Bad", "expression": "x.__class__"},
        "nonsense",
    ]
    settings.setValue(CUSTOM, json.dumps(entries))
    win = build_window(settings)
    qtbot.addWidget(win)
    assert "good" in REGISTRY and "bad" not in REGISTRY
    assert "attributes" in caplog.text


def test_json_round_trip_and_bad_files(window, tmp_path):
    window.custom.add(Definition("one", "One", "relu(x) - relu(x - 1)"))
    window.custom.add(Definition("two", "Two", "x * tanh(k * x)", (("k", 0.1, 5.0, 1.0),)))
    path = window.custom.export_file(tmp_path / "mine.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [a["key"] for a in document["activations"]] == ["one", "two"]
    window.custom.remove("one")
    window.custom.remove("two")
    added, problems = window.custom.import_file(path)
    assert added == ["one", "two"] and not problems
    assert REGISTRY["two"].param("k").maximum == 5.0
    # Importing again: the keys are taken, so the copies get new ones; nothing is lost.
    added, _ = window.custom.import_file(path)
    assert added == ["my_one", "my_two"] and "one" in REGISTRY
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps({"activations": [
        {"key": "fine", "name": "Fine", "expression": "sin(x)"},
        {"key": "worse", "name": "Worse", "expression": "9**9**9"},
        {"key": "fine", "name": "Again", "expression": "cos(x)"},
        {"name": "No key"},
    ]}), encoding="utf-8")  # fmt: skip
    added, problems = window.custom.import_file(mixed)
    assert added == ["fine"] and len(problems) == 3
    assert any("exponent" in p for p in problems) and any("twice" in p for p in problems)
    for text, message in ((b"{not json", "not a JSON"), (b"[1, 2", "not a JSON")):
        broken = tmp_path / "broken.json"
        broken.write_bytes(text)
        with pytest.raises(ValueError, match=message):
            window.custom.import_file(broken)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 1_000_001)
    with pytest.raises(ValueError, match="larger"):
        window.custom.import_file(big)


def test_menu_actions_ask_for_files(window, tmp_path, monkeypatch, qtbot):
    window.custom.add(Definition("one", "One", "x**3"))
    target = tmp_path / "out"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.custom.actions["export"].trigger()
    assert (tmp_path / "out.json").is_file()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: shown.append(a[2])))
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "out.json"), "")),
    )
    window.custom.actions["import"].trigger()
    # Read and built on a worker: the action waits meanwhile, and the message follows.
    assert not window.custom.actions["import"].isEnabled()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "1" in shown[0] and window.custom.actions["import"].isEnabled()


def test_import_builds_the_functions_off_the_gui_thread(
    window, monkeypatch, qtbot, gui_thread_calls, chosen_functions_file
):
    """Import… reads the file and builds its formulas on a worker (50 long ones held the
    window over a second); the functions arrive registered and shown in the panel."""
    on_gui_thread = gui_thread_calls(Definition, "build")
    entries = chosen_functions_file("long", range(2, 6), 8)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: shown.append(a[2])))
    window.custom.import_interactive()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert on_gui_thread and not any(on_gui_thread)
    assert "4" in shown[0]
    assert all(e["key"] in REGISTRY for e in entries)
    assert window.findChild(QPushButton, "name_long_2") is not None
    # Again: the keys are taken, so the copies get new ones, still built on the worker only.
    window.custom.import_interactive()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=30_000)
    assert "4" in shown[1] and not any(on_gui_thread)
    copy = REGISTRY["my_long_2"]
    x = np.array([0.3, 1.7])
    assert np.array_equal(copy.forward(x), REGISTRY["long_2"].forward(x))
    assert copy.name == "Long 2" and copy.key == "my_long_2"
    assert window.findChild(QPushButton, "name_my_long_2") is not None


def test_command_line_custom_functions(tmp_path):
    out = tmp_path / "c.csv"
    run = run_in_process(
        ["--custom", "my swish=x*sigmoid(beta*x)", "--functions", "my_swish,silu",
         "--orders", "0,1,2", "--export", out]
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    rows = np.genfromtxt(out, delimiter=",", names=True)
    for suffix in ("", "_d1", "_d2"):
        assert np.allclose(rows["my_swish" + suffix], rows["silu" + suffix], rtol=1e-11, atol=1e-14)
    bad = run_in_process(["--custom", "bad=x*sigmod(x)", "--export", out])
    assert bad.returncode == 2
    assert "did you mean 'sigmoid'" in bad.stderr


def test_dialog_edits_parameter_ranges_and_warns_of_overflow(qtbot):
    dialog = CustomDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Scaled")
    dialog.formula_edit.setText("k * x")
    assert checked(qtbot, dialog)
    table = dialog.params_table
    assert table.rowCount() == 1 and table.item(0, 0).text() == "k"
    table.item(0, 1).setText("0")
    table.item(0, 2).setText("5")
    table.item(0, 3).setText("2")
    assert dialog.definition().ranges == (("k", 0.0, 5.0, 2.0),)
    assert dialog.definition().build().param("k").default == 2.0
    table.item(0, 3).setText("nine")  # refused: a message, OK off
    assert "k: type numbers" in dialog.error_label.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    table.item(0, 3).setText("9")  # outside [0, 5]: the formula's own message
    assert not checked(qtbot, dialog) and "k" in dialog.error_label.text()
    table.item(0, 3).setText("1")
    assert checked(qtbot, dialog)
    # log(e^x + e^−x) overflows in floats for |x| ≥ 710, though it is about |x| there.
    dialog.formula_edit.setText("log(exp(x) + exp(-x))")
    assert checked(qtbot, dialog)
    assert "overflows at x = -10000, -1000, -710, 710" in dialog.info.text()


def test_the_check_runs_on_the_worker_and_ok_waits_for_it(qtbot):
    """The overflow probe of a long formula took 20 s on the GUI thread: now the dialog
    says it is checking, returns at once, and OK pressed meanwhile accepts when it passes."""
    dialog = CustomDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Long")
    dialog.formula_edit.setText("sin(exp(9*x)*exp(9*x)*exp(9*x)) + x")
    dialog.check()
    assert dialog.checking() and dialog.info.text() == "Checking…"
    assert not dialog.is_ok() and dialog.activation() is None
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.accept()  # pressed while the check runs
    assert dialog.is_ok()
    act = dialog.activation()
    assert act is not None and act.key == dialog.definition().key
    assert float(act.forward(np.array([0.0]))[0]) == math.sin(1.0)  # independently: sin(1)


def test_the_preview_is_computed_on_the_worker(qtbot, gui_thread_calls):
    """The preview's f, f′ and f″ come with the check from the worker (a formula with kinks
    everywhere took 80 ms on the GUI thread); the curves drawn are |x|, sign x and 0, with
    the kink at 0 sampled exactly."""
    from actgui.shell import custom_dialog

    on_gui_thread = gui_thread_calls(custom_dialog, "curve_values")
    dialog = CustomDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Vee")
    dialog.formula_edit.setText("abs(x)")
    assert checked(qtbot, dialog)
    assert on_gui_thread and not any(on_gui_thread)
    dialog.plot.redraw()  # (a theme change, say: drawn again from the same numbers)
    assert not any(on_gui_thread)
    f, f1, f2 = (item.getData() for item in dialog.plot.getPlotItem().listDataItems())
    x = f[0]
    assert 0.0 in x and x[0] <= -6.0 and x[-1] >= 6.0
    assert np.array_equal(f[1], np.abs(x))
    away = x != 0.0
    assert np.array_equal(f1[1][away], np.sign(x[away])) and np.all(f2[1][away] == 0.0)


def test_one_dialog_at_a_time_deleted_when_closed(window, monkeypatch, qtbot):
    """New… twice: the second brings the first to the front; every dialog is deleted
    once answered (200 opened and cancelled kept 200 dialogs alive)."""
    from shiboken6 import isValid

    opened = []

    def exec_(self):
        opened.append(self)
        if len(opened) == 1:
            window.custom.new()  # (a second New while the first is open)
        return 0

    monkeypatch.setattr(CustomDialog, "exec", exec_)
    window.custom.new()
    assert len(opened) == 1
    for _ in range(5):
        window.custom.new()
    assert len(opened) == 6
    qtbot.waitUntil(lambda: not any(isValid(d) for d in opened))
    assert window.findChildren(CustomDialog) == []


def test_editing_keeps_the_values_and_the_race(window, qtbot):
    """OK in the Edit dialog replaced the function: its race lost it (953 steps gone) and
    its parameters went back to their defaults, even with nothing changed."""
    window.custom.add(Definition("mine", "Mine", "x * sigmoid(b * x)"), show=False)
    window.model.set_param("mine", "b", 2.5)
    window.lab.train.update(keys=("mine", "relu"))
    window.custom.replace(Definition("mine", "Mine", "x * sigmoid(b * x)"))  # unchanged
    assert window.lab.train.config().keys == ("mine", "relu")
    assert window.model.param("mine", "b") == 2.5
    window.custom.replace(Definition("mine", "Mine renamed", "x * tanh(b * x) + c"))
    assert REGISTRY["mine"].name == "Mine renamed"
    assert window.lab.train.config().keys == ("mine", "relu")
    assert window.model.param("mine", "b") == 2.5 and window.model.param("mine", "c") == 1.0


def test_a_formula_kinking_thousands_of_times_lists_a_few_kinks_and_counts_them(qtbot):
    """The info line listed every kink: max(sin(1/x), cos(2/x)) kinks thousands of times near
    0, and the list pushed the preview under the dialog's buttons."""
    from actgui.shell.custom_dialog import KINKS_LISTED

    dialog = CustomDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Kinky")
    dialog.formula_edit.setText("max(sin(1/x), cos(2/x)) + abs(x)")
    assert checked(qtbot, dialog)
    total = len(dialog.activation().kinks())
    assert total > KINKS_LISTED
    listed = dialog.info.text().split("kinks: ")[1].split(" · f′")[0]
    assert listed.endswith(f"… {total} in all")
    assert listed.count(",") == KINKS_LISTED  # eight numbers, then the count
    dialog.formula_edit.setText("abs(x) + abs(x - 1)")
    assert checked(qtbot, dialog)
    assert "kinks: 0, 1 · " in dialog.info.text()

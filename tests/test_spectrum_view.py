"""The Jacobian-spectrum view in the window (issue "Dynamical isometry"): presets, live
updates, the simulation on its worker with Stop, exports and what is remembered."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from test_lab_panel import computed

from actgui.analysis.meanfield import edge_of_chaos
from actgui.labs import DEFAULT_SPECTRUM, LabModel
from actgui.settings import restore_lab, save_lab


def _settled(qtbot, window) -> None:
    """The theory delivered and the networks simulated for the current inputs."""
    view = window.labs.spectrum
    computed(qtbot, window.labs)
    view.wait()
    qtbot.waitUntil(lambda: not view.runner.is_running(), timeout=60_000)
    computed(qtbot, window.labs)
    qtbot.waitUntil(lambda: set(view.runs()) == set(view.kinds()), timeout=60_000)


@pytest.fixture
def spectrum(window, qtbot):
    window.lab.set_spectrum(width=120)
    window.show_labs("spectrum")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    return window.labs.spectrum


def test_the_isometry_preset_shows_orthogonal_tanh_near_isometry(window, spectrum, qtbot):
    window.show_labs("spectrum:isometry")
    qtbot.waitUntil(lambda: window.lab.network()[0] != math.sqrt(2.0), timeout=30_000)
    _settled(qtbot, window)
    assert window.model.selected_key() == "tanh"
    w, b, depth = window.lab.network()
    assert (b, depth) == (0.001, 50)
    assert w == pytest.approx(edge_of_chaos("tanh", 0.001)[0], rel=1e-12)
    theories, runs = spectrum.theories(), spectrum.runs()
    # The sentence under the plot and its number: L(μ₂/μ₁² − 1) at q* = 0.00925.
    assert spectrum.verdict.text().startswith("Close to dynamical isometry")
    assert f"{theories['orthogonal'].relative_variance:.3g}" in spectrum.verdict.text()
    assert runs["orthogonal"].variance < 0.1 < 10.0 < runs["gaussian"].variance
    smallest = runs["orthogonal"].squared_singular_values[0]
    assert f"smallest σ² = {smallest:.3g} sits apart" in spectrum.summary.text()
    # Each plot: the histogram's area is the share of values drawn (those above float64's
    # resolution); the theory's is 1 for orthogonal weights, and for Gaussian ones what lies
    # above 1e−30 (a product of 50 Gaussian matrices puts ~(1e−30)^(1/51) ≈ 1/4 below).
    for kind, plot in spectrum.plots_by_kind.items():
        run = runs[kind]
        x, y = plot._lines["net"][1].getData()  # (log mode: x is log10 of the edges)
        area = float(np.sum(y * np.diff(x)))
        assert area == pytest.approx(run.resolved.size / run.width, rel=1e-12)
        tx, ty = plot._lines["theory"][1].getData()
        assert np.all(np.diff(tx) > 0.0)
        area = np.trapezoid(ty, tx)
        assert area == pytest.approx(1.0, abs=2e-3) if kind == "orthogonal" else 0.6 < area < 0.9


def test_relu_at_he_is_far_from_isometry_and_half_zero(window, spectrum, qtbot):
    window.findChild(QPushButton, "button_spectrum_relu_he").click()
    _settled(qtbot, window)
    assert window.model.selected_key() == "relu"
    assert window.lab.network() == (math.sqrt(2.0), 0.0, 50)
    assert spectrum.verdict.text().startswith("Far from isometry")
    # L = 50: var/mean² = L with orthogonal weights, 2L with Gaussian ones.
    assert "is 50 and" in spectrum.verdict.text() and "Gaussian weights: 100" in (
        spectrum.verdict.text()
    )
    assert "In the wide limit 50 % of the singular values are exactly 0" in spectrum.summary.text()


def test_a_change_of_depth_updates_the_theory_and_hides_the_old_network(window, spectrum, qtbot):
    window.show_labs("spectrum:he")
    _settled(qtbot, window)
    spectrum.spin_depth.setValue(20)
    assert window.lab.network()[2] == 20
    computed(qtbot, window.labs)
    assert spectrum.theories()["gaussian"].variance == pytest.approx(40.0, rel=1e-12)
    assert spectrum.runs() == {}  # (the depth-50 networks are not drawn for depth 20)
    assert "net" not in spectrum.plots_by_kind["gaussian"]._lines
    _settled(qtbot, window)
    assert spectrum.runs()["gaussian"].depth == 20


def test_one_kind_of_weights_hides_the_other_plot(window, spectrum, qtbot):
    spectrum.combo_weights.setCurrentIndex(spectrum.combo_weights.findData("orthogonal"))
    assert window.lab.spectrum()[1] == "orthogonal"
    _settled(qtbot, window)
    assert spectrum.kinds() == ("orthogonal",)
    assert not spectrum.plots_by_kind["gaussian"].isVisible()
    assert spectrum.plots_by_kind["orthogonal"].isVisible()
    assert set(spectrum.runs()) == {"orthogonal"}


def test_stop_ends_a_long_simulation_and_keeps_the_gui_free(window, spectrum, qtbot):
    window.lab.set_network(sigma_w=1.1, sigma_b=0.1, depth=200)
    window.lab.set_spectrum(width=1000)
    window.labs.flush()
    spectrum.start_task()
    qtbot.waitUntil(spectrum.button_stop.isVisible, timeout=10_000)
    spectrum.button_stop.click()
    qtbot.waitUntil(lambda: not spectrum.runner.is_running(), timeout=10_000)
    assert not spectrum.button_stop.isVisible()
    assert spectrum.runs() == {}
    window.labs.flush()
    spectrum.start_task()  # (the stopped inputs: not again)
    assert not spectrum.runner.is_running()
    # A change and back (within the settling time): the user wants these inputs again.
    window.lab.set_spectrum(width=20)
    window.labs.flush()
    window.lab.set_spectrum(width=1000)
    window.labs.flush()
    assert spectrum.pending()
    spectrum.start_task()
    assert spectrum.runner.is_running()
    spectrum.stop()


def test_the_csv_has_every_value_and_the_images_export(
    window, spectrum, qtbot, tmp_path, monkeypatch
):
    window.show_labs("spectrum:he")
    window.lab.set_network(depth=6)
    _settled(qtbot, window)
    header, rows = window.labs.table("spectrum")
    assert header == ["weights", "what", "x", "value"]
    by = {(r[0], r[1]): r for r in rows if r[1].endswith(("mean", "variance", "zero_share"))}
    assert float(by[("gaussian", "theory_variance")][3]) == pytest.approx(12.0, rel=1e-12)
    assert float(by[("orthogonal", "theory_mean")][3]) == pytest.approx(1.0, rel=1e-12)
    values = [float(r[2]) for r in rows if r[1] == "network_squared_singular_value"]
    run = window.labs.spectrum.runs()["orthogonal"]
    gauss = window.labs.spectrum.runs()["gaussian"]
    assert values == [*gauss.squared_singular_values, *run.squared_singular_values]
    assert float(by[("orthogonal", "network_mean")][3]) == run.mean
    assert not window.labs.computing("spectrum")
    # Through the Export menu's actions, as a user does (a file dialog answered here).
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a: shown.append(a[2])))
    target = {"path": tmp_path / "spectra.csv"}

    def fake(parent, caption, directory, filters, selected=""):
        return str(target["path"]), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    actions = window.labs.export_actions
    menu = [a.objectName() for a in window.labs.export_menu.actions()]
    assert menu == [
        "action_lab_export_image_spectrum_gaussian",
        "action_lab_export_image_spectrum_orthogonal",
        "action_lab_export_data_spectrum",
    ]
    actions["data_spectrum"].trigger()
    with target["path"].open(newline="", encoding="utf-8") as f:
        assert list(csv.reader(f)) == [header, *rows]
    for kind in ("gaussian", "orthogonal"):
        for ext in ("png", "svg", "pdf"):
            target["path"] = tmp_path / f"{kind}.{ext}"
            actions[f"image_spectrum_{kind}"].trigger()
            assert target["path"].stat().st_size > 1000
    assert not shown


def test_the_spectrum_state_is_validated_and_remembered(tmp_path):
    lab = LabModel()
    assert lab.spectrum() == DEFAULT_SPECTRUM
    for bad in ({"width": 1001}, {"width": 1}, {"shown": "uniform"}, {"seed": -1}):
        with pytest.raises(ValueError):
            lab.set_spectrum(**bad)
        assert lab.spectrum() == DEFAULT_SPECTRUM
    lab.set_spectrum(700, "orthogonal", 9)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    save_lab(lab, settings)
    again = LabModel()
    restore_lab(again, settings)
    assert again.spectrum() == (700, "orthogonal", 9)
    settings.setValue("labs/spectrum", "5000,<b>both</b>,x")
    third = LabModel()
    restore_lab(third, settings)  # refused with a logged warning, the default kept
    assert third.spectrum() == DEFAULT_SPECTRUM


def test_the_details_link_to_the_spectrum(window, qtbot):
    window.details.show_notes()
    window.model.set_selected("tanh")
    text = window.details.network_text()
    assert "variance 0.031 with orthogonal weights, 50 with Gaussian ones" in text
    window.model.set_selected("relu")
    text = window.details.network_text()
    assert (
        "all the squared ones have variance 100 with Gaussian weights, 50 with orthogonal" in text
    )
    window.details.view_requested.emit("spectrum:he")
    qtbot.waitUntil(window._labs_dock.isVisible)
    assert window.labs.view() == "spectrum"
    assert window.lab.network()[:2] == (math.sqrt(2.0), 0.0)


# -- found by a red-team pass -----------------------------------------------------------


def test_the_sigmoid_preset_reaches_its_edge_of_chaos(window, spectrum, qtbot):
    # Sigmoid's edge of chaos at σ_b = 0 is σ_w = 10.149: beyond the old box's 10.
    window.show_labs("spectrum:sigmoid")
    edge = edge_of_chaos("sigmoid", 0.0)[0]
    qtbot.waitUntil(lambda: window.lab.network()[0] == edge, timeout=30_000)
    computed(qtbot, window.labs)
    assert not spectrum.error_label.isVisibleTo(spectrum)
    assert spectrum.verdict.text().startswith("Far from isometry")


def test_an_underflowing_mean_is_not_a_zero_jacobian():
    from actgui.analysis.free_spectrum import spectrum_theory
    from actgui.panels.labs.spectrum_text import verdict

    theory = spectrum_theory("tanh", 0.1, 0.0, 200, "orthogonal")  # χ^L = 1e−400 → 0
    text = verdict(("tanh", (), 0.1, 0.0, 200), {"orthogonal": theory})
    assert text.startswith("Not critical")


def test_a_failed_run_s_message_goes_when_the_next_one_works(window, spectrum, qtbot):
    from actgui.activations.custom import Definition

    window.custom.add(Definition("exploding", "exploding", "exp(x)"))
    window.model.set_enabled_keys(["exploding", "tanh"])
    window.model.set_selected("exploding")
    window.lab.set_network(sigma_w=3.0, sigma_b=0.0, depth=20)
    computed(qtbot, window.labs)
    with qtbot.waitSignal(spectrum.runner.failed, timeout=30_000):
        spectrum.start_task()
    assert "overflowed" in spectrum.error_label.text()
    assert spectrum.error_label.isVisibleTo(spectrum)
    window.model.set_selected("tanh")
    _settled(qtbot, window)
    assert not spectrum.error_label.isVisibleTo(spectrum)


def test_the_summary_says_what_the_curve_leaves_out(window, spectrum, qtbot):
    window.show_labs("spectrum:isometry")
    qtbot.waitUntil(lambda: window.lab.network()[0] != math.sqrt(2.0), timeout=30_000)
    computed(qtbot, window.labs)
    # A product of 50 Gaussian matrices puts about a quarter of its values below 1e−30.
    assert "Gaussian weights: the theory puts 2" in spectrum.summary.text()
    assert "of the values below 1e−30" in spectrum.summary.text()


def test_the_panel_is_as_large_as_the_tab_on_screen_needs(window):
    # Through depth needs ~1040 px; the other tabs less. Each tab used to ask for the
    # largest, so at 1366 × 768 the spectrum's plots scrolled sideways.
    labs = window.labs
    labs.show_view("depth")
    depth = labs.minimumSizeHint().width()
    labs.show_view("spectrum")
    assert labs.minimumSizeHint().width() < depth - 200
    assert labs.minimumSizeHint().height() < 300

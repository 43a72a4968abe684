"""The "Why it trains" panel in the real window: live numbers checked against independent
computations, the worker's simulation and phase diagram, presets, clicks, exports,
settings."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox
from scipy import integrate, stats

from actgui.analysis import edge_of_chaos, gaussian_stats
from actgui.panels.labs.stats_view import COLUMNS

INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


@pytest.fixture
def labs(window, qtbot):
    """The window with the panel shown on its statistics view."""
    window.show_labs("stats")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    computed(qtbot, window.labs)
    return window.labs


def computed(qtbot, labs) -> None:
    """The view on screen refreshed with every number it asked for: they are computed
    on a worker (the GUI thread never waits for them) and arrive a moment later."""
    labs.flush()
    qtbot.waitUntil(lambda: not labs.deferred.pending(), timeout=60_000)
    labs.flush()


def cell(table, key: str, column: int) -> str:
    for row in range(table.rowCount()):
        if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == key:
            return table.item(row, column).text()
    raise KeyError(key)


def column_of(field: str) -> int:
    return 1 + [c[0] for c in COLUMNS].index(field)


def wait_depth(qtbot, depth_view) -> None:
    """Start the worker's computations now and wait until both have delivered."""
    depth_view.start_tasks()
    for runner in (depth_view.runner, depth_view.phase_runner):
        if runner.is_running():
            with qtbot.waitSignal(runner.finished, timeout=60_000):
                pass


def test_action_shows_the_dock_with_ctrl_l(window, qtbot):
    dock = window.findChild(type(window._labs_dock), "dock_labs")
    assert dock.isHidden()
    assert window.action_labs.shortcut() == QKeySequence("Ctrl+L")
    window.action_labs.trigger()
    qtbot.waitUntil(dock.isVisible)
    window.action_labs.trigger()
    qtbot.waitUntil(lambda: not dock.isVisible())


def test_hidden_panel_computes_nothing(window, qtbot):
    window.model.set_enabled_keys(["relu", "tanh"])
    qtbot.wait(50)  # an event-loop pass for the coalesced refresh (not a synchronisation)
    assert window.labs.stats.table.rowCount() == 0
    window.show_labs("stats")
    qtbot.waitUntil(lambda: window.labs.stats.table.rowCount() == 2)


def test_stats_table_against_closed_forms(window, labs, qtbot):
    window.model.set_enabled_keys(["relu", "sigmoid", "leaky_relu"])
    window.model.set_param("leaky_relu", "alpha", 0.2)
    computed(qtbot, labs)
    table = labs.stats.table
    assert cell(table, "relu", column_of("mean")) == f"{INV_SQRT_2PI:.6g}"
    assert cell(table, "relu", column_of("second_moment")) == "0.5"
    assert cell(table, "relu", column_of("zero_output_fraction")) == "50 %"
    assert cell(table, "sigmoid", column_of("mean")) == "0.5"
    # Leaky ReLU: E[f] = (1 − α)/√(2π), E[f²] = (1 + α²)/2, E[f′] = (1 + α)/2.
    alpha = 0.2
    assert cell(table, "leaky_relu", column_of("mean")) == f"{(1 - alpha) * INV_SQRT_2PI:.6g}"
    assert cell(table, "leaky_relu", column_of("second_moment")) == f"{(1 + alpha**2) / 2:.6g}"
    assert cell(table, "leaky_relu", column_of("mean_gradient")) == f"{(1 + alpha) / 2:.6g}"
    assert cell(table, "leaky_relu", column_of("zero_output_fraction")) == "0 %"


def test_input_distribution_changes_the_table_live(window, labs, qtbot):
    window.model.set_enabled_keys(["relu"])
    labs.stats.spin_mu.setValue(1.0)
    labs.stats.spin_sigma.setValue(2.0)
    assert window.lab.input()[:2] == (1.0, 2.0)
    qtbot.waitUntil(
        lambda: cell(labs.stats.table, "relu", column_of("zero_output_fraction")) != "50 %"
    )
    # P(z ≤ 0) for z ~ N(1, 4), and E[max(0, z)] = μΦ(μ/σ) + σφ(μ/σ): scipy, independently.
    p0 = stats.norm.cdf(0.0, 1.0, 2.0)
    mean = 1.0 * stats.norm.cdf(0.5) + 2.0 * stats.norm.pdf(0.5)
    assert cell(labs.stats.table, "relu", column_of("zero_output_fraction")) == f"{100 * p0:.4g} %"
    assert cell(labs.stats.table, "relu", column_of("mean")) == f"{mean:.6g}"


def test_refused_input_shows_a_message_and_changes_nothing(window, labs):
    before = window.lab.input()
    labs.stats.spin_sigma.setMinimum(0.0)  # let the box send what the model refuses
    labs.stats.spin_sigma.setValue(0.0)
    assert window.lab.input() == before
    assert labs.stats.error_label.isVisibleTo(labs.stats)
    assert "sigma" in labs.stats.error_label.text()


def test_distribution_plot_shows_relu_point_mass(window, labs, qtbot):
    window.model.set_enabled_keys(["relu"])
    window.model.set_selected("relu")
    computed(qtbot, labs)
    items = labs.stats.plot.getPlotItem().items
    texts = [i.toPlainText() for i in items if hasattr(i, "toPlainText")]
    assert any("50 %" in t for t in texts), texts


def test_copy_gives_every_digit(window, labs, qtbot):
    window.model.set_enabled_keys(["relu"])
    computed(qtbot, labs)
    table = labs.stats.table
    table.setCurrentCell(0, column_of("mean"))
    text = table.copy_selection()
    assert QGuiApplication.clipboard().text() == text
    header, value = text.splitlines()
    assert header == "E[f(z)]"
    assert float(value) == pytest.approx(INV_SQRT_2PI, rel=1e-12)


def test_gains_table_against_known_values(window, labs, qtbot):
    window.model.set_enabled_keys(["relu", "tanh", "selu", "leaky_relu"])
    labs.show_view("gains")
    computed(qtbot, labs)
    table = labs.gains.table
    assert cell(table, "relu", 1) == f"{math.sqrt(2):.6g}"  # forward 1/√E[relu²] = √2
    assert cell(table, "relu", 4) == f"{math.sqrt(2):.6g}"  # PyTorch's
    assert cell(table, "tanh", 4) == f"{5 / 3:.6g}"
    assert cell(table, "selu", 4) == "0.75"
    assert cell(table, "tanh", 3) == "1"  # critical at σ_w = 1, σ_b = 0
    # tanh's forward gain 1/√E[tanh(z)²], by scipy quadrature: ≈ 1.59, not PyTorch's 5/3.
    e2 = integrate.quad(lambda z: np.tanh(z) ** 2 * stats.norm.pdf(z), -40, 40)[0]
    assert cell(table, "tanh", 1) == f"{1 / math.sqrt(e2):.6g}"
    labs.gains.combo_show.setCurrentIndex(labs.gains.combo_show.findData("std"))
    labs.gains.spin_fan_in.setValue(100)
    assert cell(table, "relu", 1) == f"{math.sqrt(2) / 10:.6g}"
    assert cell(table, "leaky_relu", 4) == f"{math.sqrt(2 / (1 + 0.01**2)) / 10:.6g}"
    assert cell(table, "tanh", 3) == "0.1"
    text = labs.gains.table.copy_selection(everything=True)
    assert text.splitlines()[0].startswith("Function\tstd")
    assert len(text.splitlines()) == 5


def test_depth_lines_are_chi_to_the_l(window, labs, qtbot):
    window.model.set_enabled_keys(["relu", "tanh"])
    window.lab.set_network(sigma_w=1.0, sigma_b=0.0, depth=20)
    labs.show_view("depth")
    computed(qtbot, labs)
    chi = labs.depth.chi_lines()
    assert chi["relu"] == pytest.approx(0.5, rel=1e-12)  # σ_w²/2
    assert chi["tanh"] == pytest.approx(1.0, rel=1e-12)  # σ_w² tanh′(0)², q* = 0
    curves = {
        c.name(): c
        for c in labs.depth.plot.getPlotItem().listDataItems()
        if c.name() in ("ReLU", "tanh")
    }
    _x, y = curves["ReLU"].getOriginalDataset()
    assert np.allclose(y, 0.5 ** np.arange(20), rtol=1e-12)


def test_simulation_marks_the_theory_and_cancels_on_change(window, labs, qtbot):
    window.model.set_enabled_keys(["tanh"])
    window.model.set_selected("tanh")
    window.lab.set_network(sigma_w=1.5, sigma_b=0.1, depth=200)
    window.lab.set_simulation(width=2000, inputs=16, seed=1)
    labs.show_view("depth")
    computed(qtbot, labs)
    depth_view = labs.depth
    depth_view.start_tasks()
    assert depth_view.runner.is_running()
    with qtbot.waitSignal(depth_view.runner.progress, timeout=30_000):
        pass
    assert depth_view.progress.isVisibleTo(depth_view)
    # A change while it runs: the old run is dropped, a small one replaces it.
    window.lab.set_network(depth=10)
    window.lab.set_simulation(width=300)
    wait_depth(qtbot, depth_view)
    result = depth_view._result
    assert result is not None and result.focus == "tanh"
    assert len(result.run.variance) == 10
    assert not depth_view.progress.isVisibleTo(depth_view)
    names = [c.name() for c in depth_view.plot.getPlotItem().listDataItems()]
    assert "tanh, random network (width 300)" in names
    # The simulation against the theory it is drawn over, computed here independently of
    # the panel: q⁰ = σ_w² + σ_b², then the length map by scipy quadrature. Width 300
    # leaves fluctuations of a few per cent.
    q = [1.5**2 + 0.1**2]
    for _ in range(9):
        root = math.sqrt(q[-1])
        f2 = integrate.quad(lambda z, r=root: np.tanh(r * z) ** 2 * stats.norm.pdf(z), -12, 12)
        q.append(1.5**2 * f2[0] + 0.1**2)
    assert np.allclose(result.run.variance, q, rtol=0.15)
    assert np.allclose(result.profiles["tanh"].variance, q, rtol=1e-8)


def test_presets_and_edge_of_chaos(window, labs, qtbot, monkeypatch):
    window.model.set_enabled_keys(["tanh"])
    window.model.set_selected("tanh")
    labs.show_view("depth")
    labs.depth.button_lecun.click()
    assert window.lab.network()[0] == 1.0
    labs.depth.button_he.click()
    assert window.lab.network()[0] == math.sqrt(2.0)
    window.lab.set_network(sigma_b=math.sqrt(0.05))
    labs.depth.button_eoc.click()  # found on the worker, applied when it is there
    qtbot.waitUntil(lambda: window.lab.network()[0] != math.sqrt(2.0), timeout=30_000)
    # The published edge of chaos of tanh at σ_b² = 0.05 (Schoenholz et al. 2017): ≈ 1.76.
    w, _b, _ = window.lab.network()
    assert w * w == pytest.approx(1.76, rel=0.005)
    # No edge of chaos: a message, and σ_w stays.
    window.model.set_enabled_keys(["sigmoid"])
    window.model.set_selected("sigmoid")
    window.lab.set_network(sigma_b=8.0)  # (σ_w 13.6 there: beyond the box's 12)
    before = window.lab.network()
    assert edge_of_chaos("sigmoid", 8.0) is None or edge_of_chaos("sigmoid", 8.0)[0] > 12
    labs.depth.button_eoc.click()
    qtbot.waitUntil(lambda: labs.depth.error_label.isVisibleTo(labs.depth), timeout=30_000)
    assert window.lab.network() == before


def test_phase_diagram_click_picks_the_scales(window, labs, qtbot):
    window.model.set_enabled_keys(["relu"])
    labs.show_view("depth")
    computed(qtbot, labs)
    wait_depth(qtbot, labs.depth)
    plot = labs.depth.phase_plot
    box = plot.getPlotItem().getViewBox()
    scene_point = box.mapViewToScene(QPointF(2.0, 0.5))

    class Click:
        def button(self):
            return Qt.MouseButton.LeftButton

        def scenePos(self):
            return scene_point

    plot.scene().sigMouseClicked.emit(Click())
    w, b, _ = window.lab.network()
    assert w == pytest.approx(2.0, abs=0.002) and b == pytest.approx(0.5, abs=0.002)
    # The diagram's numbers: ReLU is chaotic (unbounded) right of σ_w = √2 at σ_b = 0.
    header, rows = labs.table("phase")
    assert header == ["sigma_w", "sigma_b", "chi_1"]
    at_zero = {float(r[0]): float(r[2]) for r in rows if float(r[1]) == 0.0}
    for sw, chi in at_zero.items():
        if sw < math.sqrt(2.0) - 1e-9:
            assert chi == pytest.approx(sw * sw / 2.0, rel=1e-12)
        elif sw > math.sqrt(2.0) + 1e-9:
            assert chi == math.inf


def test_exports_image_and_csv(window, labs, tmp_path, monkeypatch, qtbot):
    window.model.set_enabled_keys(["relu", "elu"])
    window.model.set_selected("relu")
    computed(qtbot, labs)
    shown = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text))
    )
    target = {"path": tmp_path / "x"}

    def fake(parent, caption, directory, filters, selected=""):
        return str(target["path"]), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    target["path"] = tmp_path / "stats.csv"
    labs.export_actions["data_stats"].trigger()
    with open(target["path"], encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "key" and rows[0][1:] == [c[0] for c in COLUMNS]
    for row in rows[1:]:
        expected = gaussian_stats(row[0], **window.model.params(row[0]))
        for field, text in zip(rows[0][1:], row[1:], strict=True):
            assert float(text) == getattr(expected, field)
    target["path"] = tmp_path / "dist.png"
    labs.export_actions["image_distribution"].trigger()
    image = QImage(str(target["path"]))
    rect = labs.stats.plot.getPlotItem().sceneBoundingRect()
    assert abs(image.width() - rect.width()) <= 1
    assert len(np.unique(_rgb(image).reshape(-1, 3), axis=0)) > 10
    assert not shown


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)[:, : 3 * w].copy()


def test_details_link_opens_the_view_with_numbers(window, qtbot):
    window.model.set_enabled_keys(["relu", "leaky_relu"])
    window.model.set_selected("relu")
    text = window.details.network_text()
    assert "50 % of ReLU's outputs are 0" in text
    window.model.set_selected("sigmoid")
    link = window.details.findChild(type(window.details.network), "frame_info_network")
    assert link is not None
    window.details.view_requested.emit("depth:gradient")
    qtbot.waitUntil(window._labs_dock.isVisible)
    assert window.labs.view() == "depth" and window.labs.depth.quantity() == "gradient"


def test_lab_inputs_are_saved_and_restored(window, settings, qtbot):
    from actgui.app import build_window

    window.lab.set_input(mu=0.5, sigma=2.0, eps=0.001)
    window.lab.set_network(sigma_w=1.25, sigma_b=0.1, depth=80)
    window.lab.set_simulation(width=700, inputs=8, seed=3)
    window.close()
    again = build_window(settings)
    qtbot.addWidget(again)
    assert again.lab.input() == (0.5, 2.0, 0.001)
    assert again.lab.network() == (1.25, 0.1, 80)
    assert again.lab.simulation() == (700, 8, 3)


def test_bad_saved_lab_inputs_are_skipped(settings, qtbot):
    from actgui.app import build_window
    from actgui.settings import LAB_INPUT, LAB_NETWORK, LAB_SIMULATION

    settings.setValue(LAB_INPUT, "0,-1,0.01")  # σ < 0
    settings.setValue(LAB_NETWORK, "1.0,0.0,2.5")  # depth not whole
    settings.setValue(LAB_SIMULATION, "100,4,7")
    win = build_window(settings)
    qtbot.addWidget(win)
    assert win.lab.input() == (0.0, 1.0, 0.01)
    assert win.lab.network()[2] == 50
    assert win.lab.simulation() == (100, 4, 7)


def test_every_function_in_every_view(window, labs, qtbot):
    """All 37 registry functions at once: every view fills, with a finite number where the
    quantity exists, and nothing is raised."""
    from actgui.activations import REGISTRY

    window.model.set_enabled_keys(list(REGISTRY))
    computed(qtbot, labs)
    _header, rows = labs.table("stats")
    assert [r[0] for r in rows] == list(REGISTRY)
    for row in rows:
        assert all(math.isfinite(float(v)) for v in row[1:]), row
    labs.show_view("gains")
    computed(qtbot, labs)
    _header, rows = labs.table("gains")
    assert len(rows) == len(REGISTRY)
    assert all(float(r[1]) > 0 for r in rows)  # the forward gain exists for every function
    labs.show_view("depth")
    computed(qtbot, labs)
    chi = labs.depth.chi_lines()
    assert set(chi) == set(REGISTRY)


def test_a_parameter_drag_updates_the_open_view(window, labs, qtbot):
    window.model.set_enabled_keys(["leaky_relu"])
    computed(qtbot, labs)
    column = column_of("mean")
    for alpha in (0.1, 0.3, 0.5):
        window.model.set_param("leaky_relu", "alpha", alpha)
        expected = f"{(1 - alpha) * INV_SQRT_2PI:.6g}"
        qtbot.waitUntil(lambda e=expected: cell(labs.stats.table, "leaky_relu", column) == e)


def test_image_options_size_applies_to_analysis_plots(window, labs, tmp_path, monkeypatch, qtbot):
    """A slide-sized export of the depth plot: 1280×720 whatever the dock's shape, drawn
    from the same data, and the plot on screen keeps moving its own lines afterwards."""
    window.model.set_enabled_keys(["relu", "tanh"])
    window.prefs.set_image_options(size="1280x720")
    labs.show_view("depth")
    computed(qtbot, labs)
    target = tmp_path / "depth.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    labs.export_actions["image_depth"].trigger()
    image = QImage(str(target))
    item = labs.depth.plot.getPlotItem()
    assert (image.width(), image.height()) != (0, 0)
    assert abs(image.width() - 1280) <= 2 and abs(image.height() - 720) <= 2
    assert len(np.unique(_rgb(image).reshape(-1, 3), axis=0)) > 10
    # The view's own lines are the plot's on screen again: a change moves them.
    window.lab.set_network(sigma_w=1.0)
    computed(qtbot, labs)
    relu = next(c for c in item.listDataItems() if c.name() == "ReLU")
    _x, y = relu.getOriginalDataset()
    assert np.allclose(y[:5], 0.5 ** np.arange(5))


def test_typing_a_depth_with_the_view_shown(window, labs, qtbot):
    """Typing a new depth and Enter, as a user does: the plot was drawn from the old
    depth's profile against the new layers (IndexError, 50 against 200, every time)."""
    typed = "200"
    window.lab.set_simulation(width=50, inputs=4)
    window.model.set_enabled_keys(["relu", "tanh", "elu"])
    window.model.set_selected("tanh")
    labs.show_view("depth")
    computed(qtbot, labs)
    wait_depth(qtbot, labs.depth)
    labs.depth.set_quantity("variance")  # drawn from the worker's profiles
    computed(qtbot, labs)
    box = labs.depth.findChild(type(labs.depth.spin_depth), "spin_lab_depth")
    box.selectAll()
    qtbot.keyClicks(box.lineEdit(), typed)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.lab.network()[2] == int(typed)
    computed(qtbot, labs)  # drawn at once with what is known, before the worker's news
    wait_depth(qtbot, labs.depth)
    computed(qtbot, labs)
    lines = {c.name(): c for c in labs.depth.plot.getPlotItem().listDataItems() if c.name()}
    x, _y = lines["tanh"].getOriginalDataset()
    assert x[-1] == int(typed) - 1  # the new depth's layers


def test_a_function_of_your_own_is_computed_off_the_gui_thread(window, labs, qtbot):
    """Its statistics arrive from the worker (a formula's cost is the user's: 3600 kinks
    took seconds on the GUI thread): "…" first, then the numbers. max(x, 0) is ReLU, so
    E[f] = 1/√(2π) and P(f = 0) = 50 %, in closed form."""
    from actgui.activations import Definition

    window.custom.add(Definition("my_relu", "My ReLU", "max(x, 0)"))
    window.model.set_enabled_keys(["my_relu"])
    labs.flush()
    assert cell(labs.stats.table, "my_relu", column_of("mean")) == "…"
    computed(qtbot, labs)
    assert cell(labs.stats.table, "my_relu", column_of("mean")) == f"{INV_SQRT_2PI:.6g}"
    assert cell(labs.stats.table, "my_relu", column_of("zero_output_fraction")) == "50 %"
    window.custom.remove("my_relu")


def test_no_csv_of_numbers_still_being_computed(window, labs, qtbot, monkeypatch):
    """Exported right after μ changed, the statistics were blanks (296 of 296 cells with
    all 37 functions): now the export says to wait, and no file is asked for."""
    from actgui.activations import REGISTRY

    told, asked = [], []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: told.append(a[2])))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", ""))
    )
    window.model.set_enabled_keys(list(REGISTRY))
    computed(qtbot, labs)
    window.lab.set_input(mu=0.37)
    labs.flush()
    labs.export_actions["data_stats"].trigger()
    assert told and "still being computed" in told[0] and not asked
    computed(qtbot, labs)
    labs.export_actions["data_stats"].trigger()
    assert len(told) == 1 and asked  # once they are all there, the file is asked for


def test_theme_change_after_the_shown_function_of_your_own_is_deleted(window, labs, qtbot):
    """The distribution plot kept the deleted function as its focus: switching the theme
    redrew it and raised KeyError ("unknown activation") from the colour look-up."""
    from actgui.activations import Definition

    window.custom.add(Definition("gone_soon", "Gone soon", "max(x, 0)"))
    window.model.set_enabled_keys(["gone_soon"])
    window.model.set_selected("gone_soon")
    computed(qtbot, labs)
    assert "Gone soon" in labs.stats.plot.getPlotItem().titleLabel.text
    window.custom.remove("gone_soon")
    theme = "dark" if window.prefs.theme() != "dark" else "light"
    window.prefs.set_theme(theme)  # raised KeyError before
    computed(qtbot, labs)
    title = labs.stats.plot.getPlotItem().titleLabel
    assert not title.isVisible() or "Gone soon" not in title.text


def test_a_theme_change_reaches_the_tabs_not_shown_when_they_are(window, labs, qtbot):
    """Only the view on screen is redrawn at a theme change; another tab, once shown, is
    in the new colours with its curves drawn again in them."""
    from actgui.plot.palette import PLOT_COLORS

    theme = "dark" if window.prefs.theme() != "dark" else "light"
    window.prefs.set_theme(theme)
    labs.show_view("depth")
    computed(qtbot, labs)
    plot = labs.depth.plots()["depth"]
    assert plot.theme() == theme
    assert plot.backgroundBrush().color().name() == PLOT_COLORS[theme].background.lower()
    assert plot.getPlotItem().listDataItems()  # drawn


def test_a_theme_change_redraws_the_view_on_screen_once_in_its_colours(window, labs, qtbot):
    """The depth view on screen takes the new theme (background and content) a moment after
    the window does (its plots one per pass of the event loop), drawn once."""
    from actgui.plot.palette import PLOT_COLORS

    labs.show_view("depth")
    wait_depth(qtbot, labs.depth)
    computed(qtbot, labs)
    plot = labs.depth.plots()["depth"]
    draws = []
    draw = plot.drawer()
    plot.set_drawer(lambda p: (draws.append(p.theme()), draw(p)))
    theme = "dark" if plot.theme() != "dark" else "light"
    window.prefs.set_theme(theme)
    assert draws == []  # (not while the window takes its palette: in a pass of its own)
    depth = labs.depth
    # Until nothing more is coming: no refresh waiting, no worker computing.
    qtbot.waitUntil(
        lambda: (
            plot.theme() == theme
            and not labs.pending()
            and not depth.runner.is_running()
            and not depth.phase_runner.is_running()
        )
    )
    assert draws == [theme]
    assert plot.backgroundBrush().color().name() == PLOT_COLORS[theme].background.lower()
    assert plot.getPlotItem().listDataItems()


@pytest.mark.parametrize("view", ["stats", "train"])
def test_the_panel_never_draws_over_the_details_dock(window, qtbot, view):
    """At the window's default size on a 1366×768 screen the panel's tables and plots are
    wider than its dock: what shows of them stays inside the dock (it scrolls), off the
    details beside it."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QDockWidget

    window.resize(1280, 708)
    window.show_labs(view)
    details = window.findChild(QDockWidget, "dock_info")
    qtbot.waitUntil(lambda: window._labs_dock.isVisible() and details.isVisible())
    panel = window.labs
    shown = panel.visibleRegion().boundingRect()
    drawn = QRect(panel.mapTo(window, shown.topLeft()), shown.size())
    assert not drawn.isEmpty()
    assert not drawn.intersects(details.geometry()), (drawn, details.geometry())


def test_numbers_for_other_inputs_are_drawn_faded_until_their_own_come(window, labs, qtbot):
    """After a jump of σ_w (a preset), the lines the worker computed for the old inputs
    are not drawn as if they were the answer ("ReLU flat at q = 2 while σ_w = 1 is
    shown"): faded toward the background until the new numbers arrive."""
    from actgui.style import PLOT_COLORS, contrast_ratio

    window.model.set_enabled_keys(["relu", "tanh"])
    window.model.set_selected("relu")
    window.lab.set_network(sigma_w=2**0.5, sigma_b=0.0, depth=20)
    labs.show_view("depth")
    labs.depth.set_quantity("variance")
    computed(qtbot, labs)
    wait_depth(qtbot, labs.depth)
    labs.flush()
    plot = labs.depth.plot
    theme = plot.theme()
    colour = {k: window.model.curve_color(k, theme) for k in ("relu", "tanh")}

    def drawn(key: str) -> str:
        return plot._lines[key][1].opts["pen"].color().name()

    assert drawn("relu") == colour["relu"] and drawn("tanh") == colour["tanh"]
    window.lab.set_network(sigma_w=1.0, sigma_b=0.0, depth=20)
    labs.flush()  # (drawn now: the worker waits for the inputs to settle)
    background = PLOT_COLORS[theme].background
    for key in ("relu", "tanh"):
        shown = drawn(key)
        assert shown != colour[key]
        # Nearer the background than the curve's own colour is.
        assert contrast_ratio(shown, background) < contrast_ratio(colour[key], background)
    wait_depth(qtbot, labs.depth)
    labs.flush()
    assert drawn("relu") == colour["relu"] and drawn("tanh") == colour["tanh"]

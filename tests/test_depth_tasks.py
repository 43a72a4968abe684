"""The Depth tab's worker tasks and its table, without Qt (``actgui.analysis.depth``)."""

import math
import subprocess
import sys

import numpy as np

import actgui.analysis.depth as depth_module
from actgui.activations import REGISTRY
from actgui.analysis import depth_profile, edge_of_chaos, phase_chi
from actgui.analysis.depth import DepthResult, depth_table, depth_task, phase_task


def test_the_tasks_load_no_qt():
    code = "import sys, actgui.analysis.depth\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    qt = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph")
    assert not [m for m in out.stdout.split() if m.split(".")[0] in qt]


def test_depth_task_profiles_every_function_and_simulates_the_focused_one():
    jobs = [(REGISTRY["relu"], {}), (REGISTRY["tanh"], {})]
    result = depth_task(jobs, "tanh", 1.2, 0.1, 6, 16, 4, 3, True)
    assert set(result.profiles) == {"relu", "tanh"} and result.focus == "tanh"
    assert result.width == 16 and len(result.run.variance) == 6
    expected = depth_profile("relu", 1.2, 0.1, 6).variance
    assert np.array_equal(result.profiles["relu"].variance, expected)
    assert depth_task(jobs, "tanh", 1.2, 0.1, 6, 16, 4, 3, False).run is None


def test_phase_task_is_phase_chi_and_the_edge_of_chaos_on_its_grids(monkeypatch):
    monkeypatch.setattr(depth_module, "PHASE_SIGMA_W", np.linspace(0.5, 2.0, 3))
    monkeypatch.setattr(depth_module, "PHASE_SIGMA_B", np.linspace(0.0, 0.5, 2))
    monkeypatch.setattr(depth_module, "EOC_SIGMA_B", np.array([0.0, 0.3]))
    result = phase_task(REGISTRY["tanh"], {})
    assert (result.key, result.params) == ("tanh", ())
    grid = phase_chi("tanh", np.linspace(0.5, 2.0, 3), np.linspace(0.0, 0.5, 2))
    assert np.array_equal(result.chi, grid)
    assert result.eoc_sigma_w[1] == edge_of_chaos("tanh", 0.3)[0]


def test_the_depth_table_has_a_row_per_layer_and_empty_cells_for_nan():
    profile = depth_profile("relu", 1.0, 0.0, 3)
    result = DepthResult({"relu": profile}, "relu", None, 0)
    header, rows = depth_table(3, {"relu": 0.5, "tanh": math.nan}, result)
    assert header == [
        "layer", "relu_chi_pow_l", "relu_theory_variance", "relu_theory_gradient_norm_sq",
        "relu_theory_correlation", "tanh_chi_pow_l",
    ]  # fmt: skip
    assert [row[:2] for row in rows] == [["0", "1.0"], ["1", "0.5"], ["2", "0.25"]]
    assert [row[-1] for row in rows] == ["1.0", "", ""]  # (NaN⁰ is 1)
    assert rows[2][2] == repr(float(profile.variance[2]))
    assert depth_table(2, {}, None) == (["layer"], [["0"], ["1"]])

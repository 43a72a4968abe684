"""Names of your own that the analysis would take for its own arguments are refused.

Needs no display. The list is checked against the real signatures, so an argument added
to an analysis function later cannot silently collide with a parameter of your own.
"""

from __future__ import annotations

import inspect

import pytest

from actgui.activations.custom import Definition
from actgui.activations.formula import ANALYSIS_NAMES, FormulaError


def _takes_params(fn) -> bool:
    return any(p.kind is p.VAR_KEYWORD for p in inspect.signature(fn).parameters.values())


def _api():
    from actgui.analysis import memo, trainer
    from actgui.analysis.distribution import output_distribution
    from actgui.analysis.meanfield import (
        depth_profile,
        edge_of_chaos,
        init_gains,
        phase_chi,
        signal_propagation,
    )
    from actgui.analysis.network import simulate_network
    from actgui.analysis.stats import gaussian_stats

    return [
        gaussian_stats, output_distribution, signal_propagation, edge_of_chaos, init_gains,
        depth_profile, phase_chi, simulate_network, trainer.train, trainer.Run.__init__,
        memo.stats, memo.profile,
    ]  # fmt: skip


def test_every_named_argument_beside_a_functions_parameters_is_refused():
    functions = [fn for fn in _api() if _takes_params(fn)]
    assert len(functions) >= 9
    named = {
        name
        for fn in functions
        for name, p in inspect.signature(fn).parameters.items()
        if p.kind is not p.VAR_KEYWORD and name != "self"
    }
    assert named <= ANALYSIS_NAMES, sorted(named - ANALYSIS_NAMES)


@pytest.mark.parametrize("name", ["mu", "sigma", "eps", "key", "sigma_w", "seed", "y", "init"])
def test_a_colliding_parameter_name_is_refused_with_a_message(name):
    with pytest.raises(FormulaError, match=f"'{name}' cannot be a parameter name"):
        Definition("collide", "collide", f"x * {name}").build()


def test_a_similar_name_is_fine():
    act = Definition("similar", "similar", "x * mu_ + sigma2").build()
    assert [p.name for p in act.params] == ["mu_", "sigma2"]


@pytest.mark.parametrize("expression", ["sqrt(-x*x)", "sqrt(-x*x) + 1", "log(-x*x)"])
def test_a_formula_finite_at_isolated_points_only_is_refused(expression):
    with pytest.raises(FormulaError):
        Definition("isolated", "isolated", expression).build()

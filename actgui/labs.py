"""The inputs of the "why it trains" views: a Gaussian input, a random network's scales.

``LabModel`` is the counterpart of ``ExplorerModel`` for the analysis views (issue "Why
the choice matters"): QtCore only, validated setters (``actgui.validation``'s rules) that
raise ``ValueError`` and change nothing on bad input, and one signal per group that is
emitted only on a real change.
Which functions and parameters are analysed comes from the ``ExplorerModel``; this holds
only what the analysis adds: the input distribution N(μ, σ²) and the small-gradient ε of
``actgui.analysis.gaussian_stats``, the weight and bias scales σ_w, σ_b and the depth of
``signal_propagation``, and the width, depth, inputs and seed of ``simulate_network``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal

from actgui.analysis.race import RaceConfig
from actgui.training import TrainModel
from actgui.validation import choice, integer, number

#: Defaults: a standard normal input, He initialisation (σ_w² = 2) without biases.
DEFAULT_MU, DEFAULT_SIGMA, DEFAULT_EPS = 0.0, 1.0, 0.01
DEFAULT_SIGMA_W, DEFAULT_SIGMA_B, DEFAULT_DEPTH = math.sqrt(2.0), 0.0, 50
DEFAULT_WIDTH, DEFAULT_INPUTS, DEFAULT_SEED = 500, 32, 0
#: Ranges (the simulation's width and depth as in ``analysis.network``).
MU_LIMIT = 100.0
SIGMA_RANGE = (1e-3, 100.0)
EPS_RANGE = (1e-6, 10.0)
#: (σ_w up to 12: sigmoid's edge of chaos at σ_b = 0 is 10.149.)
SIGMA_W_RANGE = (0.0, 12.0)
SIGMA_B_RANGE = (0.0, 10.0)
DEPTH_RANGE = (1, 200)
WIDTH_RANGE = (1, 2000)
INPUTS_RANGE = (2, 2000)
SEED_RANGE = (0, 2**31 - 1)
#: The Precision view: the format (float64 is the exact curve only), the derivative, the
#: x-range, and the two functions compared.
PRECISION_FORMATS = ("float32", "bfloat16", "float16")
PRECISION_X_LIMIT = 1e5
DEFAULT_PRECISION = ("float16", 0, -10.0, 10.0, "gelu", "gelu_tanh")
#: The Jacobian-spectrum view: the simulated network's width (``analysis.spectrum``'s
#: limit), which weights are shown, and the seed.
SPECTRUM_WIDTH_RANGE = (2, 1000)
SPECTRUM_SHOWN = ("both", "gaussian", "orthogonal")
DEFAULT_SPECTRUM = (400, "both", 0)


class LabModel(QObject):
    """The analysis views' own state: input distribution, network scales, simulation size."""

    #: (μ, σ, ε) of the Gaussian input changed.
    input_changed = Signal(float, float, float)
    #: (σ_w, σ_b, depth) of the mean-field network changed.
    network_changed = Signal(float, float, int)
    #: (width, inputs, seed) of the simulated network changed.
    simulation_changed = Signal(int, int, int)
    #: The Precision view's (format, order, x_min, x_max, key_a, key_b) changed.
    precision_changed = Signal()
    #: The Jacobian-spectrum view's (width, shown, seed) changed.
    spectrum_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._input = (DEFAULT_MU, DEFAULT_SIGMA, DEFAULT_EPS)
        self._network = (DEFAULT_SIGMA_W, DEFAULT_SIGMA_B, DEFAULT_DEPTH)
        self._simulation = (DEFAULT_WIDTH, DEFAULT_INPUTS, DEFAULT_SEED)
        self._precision = DEFAULT_PRECISION
        self._spectrum = DEFAULT_SPECTRUM
        #: The "Train and compare" race's configuration.
        self.train = TrainModel(parent=self)

    # -- the Gaussian input ----------------------------------------------------------
    def input(self) -> tuple[float, float, float]:
        """(μ, σ, ε): z ~ N(μ, σ²); |f′| < ε counts as a small gradient."""
        return self._input

    def set_input(
        self, mu: float | None = None, sigma: float | None = None, eps: float | None = None
    ) -> None:
        """Change any of μ (|μ| ≤ 100), σ (0.001–100) and ε (1e-6–10)."""
        old_mu, old_sigma, old_eps = self._input
        new = (
            number("mu", old_mu if mu is None else mu, -MU_LIMIT, MU_LIMIT),
            number("sigma", old_sigma if sigma is None else sigma, *SIGMA_RANGE),
            number("eps", old_eps if eps is None else eps, *EPS_RANGE),
        )
        if new != self._input:
            self._input = new
            self.input_changed.emit(*new)

    # -- the mean-field network ------------------------------------------------------
    def network(self) -> tuple[float, float, int]:
        """(σ_w, σ_b, depth): weights N(0, σ_w²/fan_in), biases N(0, σ_b²), layers shown."""
        return self._network

    def set_network(
        self,
        sigma_w: float | None = None,
        sigma_b: float | None = None,
        depth: int | None = None,
    ) -> None:
        """Change any of σ_w (0–12), σ_b (0–10) and the depth (1–200 layers)."""
        old_w, old_b, old_depth = self._network
        new = (
            number("sigma_w", old_w if sigma_w is None else sigma_w, *SIGMA_W_RANGE),
            number("sigma_b", old_b if sigma_b is None else sigma_b, *SIGMA_B_RANGE),
            integer("depth", old_depth if depth is None else depth, *DEPTH_RANGE),
        )
        if new != self._network:
            self._network = new
            self.network_changed.emit(*new)

    # -- the simulated network -------------------------------------------------------
    def simulation(self) -> tuple[int, int, int]:
        """(width, inputs, seed) of the random network that checks the theory."""
        return self._simulation

    def set_simulation(
        self, width: int | None = None, inputs: int | None = None, seed: int | None = None
    ) -> None:
        """Change any of the width (1–2000), the number of inputs (2–2000) and the seed."""
        old_width, old_inputs, old_seed = self._simulation
        new = (
            integer("width", old_width if width is None else width, *WIDTH_RANGE),
            integer("inputs", old_inputs if inputs is None else inputs, *INPUTS_RANGE),
            integer("seed", old_seed if seed is None else seed, *SEED_RANGE),
        )
        if new != self._simulation:
            self._simulation = new
            self.simulation_changed.emit(*new)

    # -- the Precision view -------------------------------------------------------------
    def precision(self) -> tuple[str, int, float, float, str, str]:
        """(format, order, x_min, x_max, key_a, key_b): the format and derivative shown,
        the x-range, and the two functions compared."""
        return self._precision

    def set_precision(
        self,
        fmt: str | None = None,
        order: int | None = None,
        x_min: float | None = None,
        x_max: float | None = None,
        key_a: str | None = None,
        key_b: str | None = None,
    ) -> None:
        """Change any of them: a format of ``PRECISION_FORMATS``, an order 0–2, an
        x-range within ±1e5 (x_min < x_max) and two keys of the registry."""
        from actgui.activations import REGISTRY

        old = self._precision
        lo = number(
            "x_min", old[2] if x_min is None else x_min, -PRECISION_X_LIMIT, PRECISION_X_LIMIT
        )
        hi = number(
            "x_max", old[3] if x_max is None else x_max, -PRECISION_X_LIMIT, PRECISION_X_LIMIT
        )
        if not lo < hi:
            raise ValueError(f"x_min must be below x_max, got {lo!r} and {hi!r}")
        new = (
            choice("format", old[0] if fmt is None else fmt, PRECISION_FORMATS),
            integer("order", old[1] if order is None else order, 0, 2),
            lo,
            hi,
            choice("key_a", old[4] if key_a is None else key_a, REGISTRY),
            choice("key_b", old[5] if key_b is None else key_b, REGISTRY),
        )
        if new != self._precision:
            self._precision = new
            self.precision_changed.emit()

    # -- the Jacobian-spectrum view ------------------------------------------------------
    def spectrum(self) -> tuple[int, str, int]:
        """(width, shown, seed): the simulated networks' width, which weights are shown
        ("both", "gaussian", "orthogonal") and the seed of their random numbers."""
        return self._spectrum

    def set_spectrum(
        self, width: int | None = None, shown: str | None = None, seed: int | None = None
    ) -> None:
        """Change any of the width (2–1000), what is shown and the seed."""
        old = self._spectrum
        new = (
            integer("width", old[0] if width is None else width, *SPECTRUM_WIDTH_RANGE),
            choice("shown", old[1] if shown is None else shown, SPECTRUM_SHOWN),
            integer("seed", old[2] if seed is None else seed, *SEED_RANGE),
        )
        if new != self._spectrum:
            self._spectrum = new
            self.spectrum_changed.emit()

    def restore_defaults(self) -> None:
        """Every value back to its default, emitting for each group that changes."""
        self.set_input(DEFAULT_MU, DEFAULT_SIGMA, DEFAULT_EPS)
        self.set_network(DEFAULT_SIGMA_W, DEFAULT_SIGMA_B, DEFAULT_DEPTH)
        self.set_simulation(DEFAULT_WIDTH, DEFAULT_INPUTS, DEFAULT_SEED)
        self.set_precision(*DEFAULT_PRECISION)
        self.set_spectrum(*DEFAULT_SPECTRUM)
        self.train.set_config(RaceConfig())

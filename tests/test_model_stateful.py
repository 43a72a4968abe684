"""Random sequences of every model and preferences operation, with any float, checked after
each step. Needs no display (QtCore objects only)."""

from __future__ import annotations

import math

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from actgui.activations import ORDERS, REGISTRY
from actgui.model import X_LIMIT, ExplorerModel, min_x_span
from actgui.preferences import BACKGROUNDS, SCALES, THEMES, Preferences

KEYS = list(REGISTRY)
PARAMS = [(k, p.name) for k, a in REGISTRY.items() for p in a.params]
floats = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-300, 1e308, -1e308, 1e300, -1e300]),
    st.floats(-10, 10),
)


class Recorder:
    """Counts the emissions of every signal of a QObject."""

    def __init__(self, *signals) -> None:
        self.count = 0
        for signal in signals:
            signal.connect(self._hit)

    def _hit(self, *_args) -> None:
        self.count += 1


def model_state(model: ExplorerModel):
    return (
        model.enabled_keys(),
        tuple(tuple(sorted(model.params(k).items())) for k in KEYS),
        model.shown_orders(),
        model.x_range(),
        model.selected_key(),
        model.cursor(),
        model.show_kinks(),
        model.vanishing(),
    )


def prefs_state(prefs: Preferences):
    return prefs.theme(), prefs.language(), prefs.image_options()


class ModelMachine(RuleBasedStateMachine):
    """Every operation either changes the state and signals, or raises the documented
    ValueError/KeyError/TypeError and changes nothing and signals nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.model = ExplorerModel()
        self.prefs = Preferences()
        m, p = self.model, self.prefs
        self.signals = Recorder(
            m.enabled_changed,
            m.params_changed,
            m.order_changed,
            m.x_range_changed,
            m.selected_changed,
            m.cursor_changed,
            m.show_kinks_changed,
            m.vanishing_changed,
            p.theme_changed,
            p.language_changed,
            p.image_options_changed,
        )

    def apply(self, operation, *args, **kwargs) -> None:
        before = (model_state(self.model), prefs_state(self.prefs))
        emitted = self.signals.count
        try:
            operation(*args, **kwargs)
        except (ValueError, KeyError, TypeError):
            assert (model_state(self.model), prefs_state(self.prefs)) == before
            assert self.signals.count == emitted
            return
        after = (model_state(self.model), prefs_state(self.prefs))
        assert (self.signals.count > emitted) == (after != before), (operation, args, kwargs)

    @rule(key=st.sampled_from([*KEYS, "nope"]), on=st.booleans())
    def enable(self, key, on):
        self.apply(self.model.set_enabled, key, on)

    @rule(keys=st.lists(st.sampled_from([*KEYS, "nope"]), max_size=8))
    def enable_many(self, keys):
        self.apply(self.model.set_enabled_keys, keys)

    @rule(spec=st.sampled_from(PARAMS), value=floats)
    def param(self, spec, value):
        self.apply(self.model.set_param, spec[0], spec[1], value)

    @rule(spec=st.sampled_from(PARAMS), name=st.sampled_from(["alpha", "bogus"]), value=floats)
    def params(self, spec, name, value):
        self.apply(self.model.set_params, spec[0], {name: value})

    @rule(order=st.sampled_from([*ORDERS, 3, -1]), shown=st.booleans())
    def order(self, order, shown):
        self.apply(self.model.set_order_shown, order, shown)

    @rule(lo=floats, hi=floats)
    def x_range(self, lo, hi):
        self.apply(self.model.set_x_range, lo, hi)

    @rule(key=st.sampled_from([*KEYS, None, "nope"]))
    def select(self, key):
        self.apply(self.model.set_selected, key)

    @rule(x=st.one_of(st.none(), floats), pinned=st.booleans())
    def cursor(self, x, pinned):
        self.apply(self.model.set_cursor, x, pinned)

    @rule(x=st.one_of(st.none(), st.floats(-1e6, 1e6)))
    def hover(self, x):
        self.apply(self.model.hover, x)

    @rule(on=st.booleans())
    def kinks(self, on):
        self.apply(self.model.set_show_kinks, on)

    @rule(shade=st.one_of(st.none(), st.booleans()), eps=st.one_of(st.none(), floats))
    def vanishing(self, shade, eps):
        self.apply(self.model.set_vanishing, shade, eps)

    @rule()
    def restore(self):
        self.apply(self.model.restore_defaults)
        self.apply(self.prefs.restore_defaults)

    @rule(theme=st.sampled_from([*THEMES, "neon"]))
    def theme(self, theme):
        self.apply(self.prefs.set_theme, theme)

    @rule(
        scale=st.one_of(st.none(), st.sampled_from([*SCALES, 3, 1000])),
        background=st.one_of(st.none(), st.sampled_from([*BACKGROUNDS, "neon"])),
    )
    def image(self, scale, background):
        self.apply(self.prefs.set_image_options, scale, background)

    @invariant()
    def state_is_valid(self):
        model = self.model
        for key, act in REGISTRY.items():
            values = model.params(key)
            assert act.resolve(**values) == values  # in range, constraints hold
        lo, hi = model.x_range()
        assert -X_LIMIT <= lo < hi <= X_LIMIT and hi - lo >= min_x_span(lo, hi)
        x, pinned = model.cursor()
        assert x is None or math.isfinite(x)
        assert not (pinned and x is None)
        _shade, eps = model.vanishing()
        assert 1e-4 <= eps <= 10
        assert set(model.shown_orders()) <= set(ORDERS)


ModelMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestModelMachine = ModelMachine.TestCase

"""The explorer's state: which functions and orders are shown, parameters, x-range.

``ExplorerModel`` is a ``QObject`` (QtCore only, no widgets). Every setter
validates its input, raises ``ValueError``/``KeyError`` and changes nothing on
bad input, and emits its signal only when the stored value really changes;
that equality check is what keeps widget ↔ model round trips from looping.
What counts as a number or a flag is ``actgui.validation``'s rule set.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Signal

from actgui.activations import CLASSIC_KEYS, ORDERS, REGISTRY, check_order
from actgui.style import ColorAssigner
from actgui.validation import choice, flag, number

#: The number formats curves can be computed in (``actgui.analysis.formats.FORMATS``;
#: float64 is the exact curve).
NUMBER_FORMATS: tuple[str, ...] = ("float64", "float32", "bfloat16", "float16")

#: Keys enabled in a fresh explorer: the six classics (the panel's *Six classics* button).
DEFAULT_ENABLED: tuple[str, ...] = CLASSIC_KEYS
DEFAULT_ORDERS: tuple[int, ...] = (0, 1)
DEFAULT_X_RANGE: tuple[float, float] = (-6.0, 6.0)
DEFAULT_SELECTED = "relu"
DEFAULT_VANISHING_EPS = 0.01
#: The range of the vanishing-gradient ε (the control shows four decimals).
MIN_VANISHING_EPS = 1e-4
MAX_VANISHING_EPS = 10.0
#: Largest |x| the view may show.
X_LIMIT = 1e6
#: The narrowest x-range near 0; further out, ``SPAN_ULPS`` float steps (see ``min_x_span``).
MIN_X_SPAN = 1e-12
#: The narrowest x-range in float steps at its ends: room for a few thousand distinct samples.
SPAN_ULPS = 4096
#: y-range shown before the plot has fitted one (it replaces it at once while y is automatic).
DEFAULT_Y_RANGE: tuple[float, float] = (-1.5, 6.5)
#: Largest |y| the view shows (beyond, pyqtgraph's axes and Qt's painter lose precision).
Y_LIMIT = 1e250
#: The narrowest y-range, in float steps at its larger end (pyqtgraph's ticks need a span).
Y_SPAN_ULPS = 1024


class ExplorerModel(QObject):
    """State of the activation explorer, shared by the controls and the plot."""

    #: [keys] whose functions were switched on or off; one emission per user action,
    #: however many functions it switched (Clear all, Six classics). Only these keys'
    #: colours can have changed (a shown function keeps its colour).
    enabled_changed = Signal(list)
    #: (key) when one or more parameters of that function changed.
    params_changed = Signal(str)
    #: (order, shown) when f (0), f′ (1) or f″ (2) is shown or hidden.
    order_changed = Signal(int, bool)
    #: (x_min, x_max) when the x-range changed.
    x_range_changed = Signal(float, float)
    #: (key or "") when the function whose details are shown changed.
    selected_changed = Signal(str)
    #: When the cursor moved or was pinned/unpinned.
    cursor_changed = Signal()
    #: (on) when the marking of kinks and jumps was switched.
    show_kinks_changed = Signal(bool)
    #: (shade, ε) when the vanishing-gradient shading or its ε changed.
    vanishing_changed = Signal(bool, float)
    #: (format) when the curves are to be computed in another number format.
    number_format_changed = Signal(str)
    #: (y_min, y_max) when the y-range changed (fitted by the plot while y is automatic).
    y_range_changed = Signal(float, float)
    #: (on) when the y-range started or stopped following the shown curves.
    auto_y_changed = Signal(bool)
    #: (added keys, removed keys) when functions were registered or unregistered while
    #: running (your own activations): views add or drop their rows and curves.
    functions_changed = Signal(list, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled: dict[str, bool] = {key: key in DEFAULT_ENABLED for key in REGISTRY}
        self._colors = ColorAssigner()
        self._colors.assign(self.enabled_keys())
        self._params: dict[str, dict[str, float]] = {
            key: act.defaults() for key, act in REGISTRY.items()
        }
        self._orders: dict[int, bool] = {o: o in DEFAULT_ORDERS for o in ORDERS}
        self._x_range: tuple[float, float] = DEFAULT_X_RANGE
        self._selected: str | None = DEFAULT_SELECTED
        self._cursor: float | None = None
        self._pinned = False
        self._show_kinks = False
        self._shade_vanishing = False
        self._vanishing_eps = DEFAULT_VANISHING_EPS
        self._y_range: tuple[float, float] = DEFAULT_Y_RANGE
        self._auto_y = True
        self._number_format = "float64"

    # -- functions -------------------------------------------------------
    def is_enabled(self, key: str) -> bool:
        """Whether the function ``key`` is shown."""
        return self._enabled[_check_key(key)]

    def enabled_keys(self) -> tuple[str, ...]:
        """Keys of the shown functions, in registry order."""
        return tuple(key for key, on in self._enabled.items() if on)

    def set_enabled(self, key: str, enabled: bool) -> None:
        """Show or hide the function ``key``."""
        enabled = flag("enabled", enabled)
        if self._enabled[_check_key(key)] != enabled:
            self._enabled[key] = enabled
            self._colors.assign(self.enabled_keys())
            self.enabled_changed.emit([key])

    def set_enabled_keys(self, keys: Iterable[str]) -> None:
        """Show exactly the functions in ``keys``, with a single notification.

        Unknown keys raise ``KeyError`` before anything changes.
        """
        wanted = {_check_key(k) for k in keys}
        changed = [key for key, on in self._enabled.items() if on != (key in wanted)]
        if changed:
            for key in changed:
                self._enabled[key] = key in wanted
            self._colors.assign(self.enabled_keys())
            self.enabled_changed.emit(changed)

    def curve_color(self, key: str, theme: str) -> str:
        """The colour of ``key``'s curves in ``theme`` ("light" or "dark"): distinct from
        every other shown function's (up to twelve shown; beyond, colours repeat and the
        legend tells them apart), and kept while ``key`` stays shown."""
        return self._colors.color(_check_key(key), theme)

    def color_state(self) -> dict[str, tuple[int, int]]:
        """The shown functions' colour slots, as plain data (for the settings)."""
        return self._colors.state()

    def restore_color_state(self, state: Mapping[str, tuple[int, int]]) -> None:
        """Give the shown functions the colour slots of ``state`` (from :meth:`color_state`;
        entries for functions not shown are ignored, shown ones missing get free slots);
        ``ValueError`` (and no change) for a bad or doubled slot. Emits ``enabled_changed``
        for the functions whose colour changed, as switching them would."""
        shown = set(self.enabled_keys())
        colors = ColorAssigner({k: v for k, v in state.items() if k in shown})
        colors.assign(self.enabled_keys())
        changed = [k for k in self.enabled_keys() if colors.slot(k) != self._colors.slot(k)]
        self._colors = colors
        if changed:
            self.enabled_changed.emit(changed)

    def copy(self) -> ExplorerModel:
        """A new model in the same state (colours included), connected to nothing: what a
        plot drawn for an export shows, unaffected by later changes."""
        other = ExplorerModel()
        other.set_enabled_keys(self.enabled_keys())
        other.restore_color_state(self.color_state())
        for key in REGISTRY:
            other.set_params(key, self.params(key))
        for order in ORDERS:
            other.set_order_shown(order, self.is_order_shown(order))
        other.set_x_range(*self.x_range())
        other.set_y_range(*self.y_range())
        other.set_auto_y(self.auto_y())
        other.set_selected(self.selected_key())
        other.set_show_kinks(self.show_kinks())
        other.set_vanishing(*self.vanishing())
        other.set_number_format(self.number_format())
        return other

    def release_functions(self, keys: Iterable[str]) -> None:
        """Before ``keys`` are unregistered: switch them off and deselect them (the usual
        signals, while views can still look them up)."""
        keys = {_check_key(k) for k in keys}
        if self._selected in keys:
            self.set_selected(None)
        self.set_enabled_keys([k for k in self.enabled_keys() if k not in keys])

    def sync_functions(self) -> tuple[list[str], list[str]]:
        """Follow the registry after functions were registered or unregistered (removed ones
        released first, :meth:`release_functions`): a new one is hidden at its defaults.
        Emits ``functions_changed`` once; (added, removed)."""
        removed = [k for k in self._enabled if k not in REGISTRY]
        added = [k for k in REGISTRY if k not in self._enabled]
        if self._selected in removed:
            self._selected = None  # (not released: no view can look the key up any more)
        for key in removed:
            del self._enabled[key]
            del self._params[key]
        if removed:
            self._colors.assign(self.enabled_keys())
        for key in added:
            self._enabled[key] = False
            self._params[key] = REGISTRY[key].defaults()
        if added or removed:
            # Registry order: a custom function goes after the built-ins.
            self._enabled = {k: self._enabled[k] for k in REGISTRY}
            self._params = {k: self._params[k] for k in REGISTRY}
            self.functions_changed.emit(added, removed)
        return added, removed

    # -- parameters ------------------------------------------------------
    def param(self, key: str, name: str) -> float:
        """Current value of parameter ``name`` of function ``key``."""
        return self._params[_check_key(key)][REGISTRY[key].param(name).name]

    def params(self, key: str) -> dict[str, float]:
        """A copy of all parameter values of function ``key``."""
        return dict(self._params[_check_key(key)])

    def set_param(self, key: str, name: str, value: float) -> None:
        """Set one parameter; ``ValueError`` (and no change) if it is out of range or NaN."""
        self.set_params(key, {name: value})

    def set_params(self, key: str, values: Mapping[str, float]) -> None:
        """Set several parameters of one function at once, with a single notification.

        All values are validated first, so a bad one leaves every value unchanged:
        ``TypeError`` for a name the function does not take, ``ValueError`` for
        a NaN or out-of-range value.
        """
        act = REGISTRY[_check_key(key)]
        new = act.resolve(**{**self._params[key], **values})
        if new != self._params[key]:
            self._params[key] = new
            self.params_changed.emit(key)

    # -- orders ----------------------------------------------------------
    def is_order_shown(self, order: int) -> bool:
        """Whether f (0), f′ (1) or f″ (2) curves are drawn."""
        return self._orders[check_order(order)]

    def shown_orders(self) -> tuple[int, ...]:
        """The derivative orders currently drawn, ascending."""
        return tuple(o for o, on in self._orders.items() if on)

    def set_order_shown(self, order: int, shown: bool) -> None:
        """Show or hide every curve of derivative order ``order``."""
        shown = flag("shown", shown)
        if self._orders[check_order(order)] != shown:
            self._orders[order] = shown
            self.order_changed.emit(order, shown)

    # -- x-range ---------------------------------------------------------
    def x_range(self) -> tuple[float, float]:
        """The (x_min, x_max) interval the curves are sampled over."""
        return self._x_range

    def set_x_range(self, x_min: float, x_max: float) -> None:
        """Set the x-interval; it must be finite, inside ±X_LIMIT, and x_min < x_max."""
        lo, hi = check_x_range(x_min, x_max)
        if (lo, hi) != self._x_range:
            self._x_range = (lo, hi)
            self.x_range_changed.emit(lo, hi)

    # -- y-range ---------------------------------------------------------
    def y_range(self) -> tuple[float, float]:
        """The (y_min, y_max) interval shown; while y is automatic, the plot's latest fit."""
        return self._y_range

    def set_y_range(self, y_min: float, y_max: float) -> None:
        """Set the y-interval; it must be finite, inside ±Y_LIMIT, and y_min < y_max.

        This does not switch automatic y off: the plot sets the fitted range this
        way too. A user's edit calls :meth:`set_auto_y` (False) as well.
        """
        lo, hi = check_y_range(y_min, y_max)
        if (lo, hi) != self._y_range:
            self._y_range = (lo, hi)
            self.y_range_changed.emit(lo, hi)

    def auto_y(self) -> bool:
        """Whether the y-range follows the visible part of the shown curves."""
        return self._auto_y

    def set_auto_y(self, on: bool) -> None:
        """Let the y-range follow the shown curves (True) or hold it where it is (False)."""
        on = flag("auto_y", on)
        if on != self._auto_y:
            self._auto_y = on
            self.auto_y_changed.emit(on)

    # -- selection ---------------------------------------------------------
    def selected_key(self) -> str | None:
        """The function whose formulas and properties are shown, if any."""
        return self._selected

    def set_selected(self, key: str | None) -> None:
        """Show the details of function ``key`` (None for none)."""
        if key is not None:
            _check_key(key)
        if key != self._selected:
            self._selected = key
            self.selected_changed.emit(key or "")

    # -- cursor ------------------------------------------------------------
    def cursor(self) -> tuple[float | None, bool]:
        """(x, pinned): the cursor's x (None when off the plot) and whether it is pinned."""
        return self._cursor, self._pinned

    def set_cursor(self, x: float | None, pinned: bool = False) -> None:
        """Move the cursor to ``x`` (finite) or hide it (None); ``pinned`` holds it there."""
        if x is not None:
            x = number("cursor x", x)
        pinned = flag("pinned", pinned) and x is not None
        if (x, pinned) != (self._cursor, self._pinned):
            self._cursor, self._pinned = x, pinned
            self.cursor_changed.emit()

    def hover(self, x: float | None) -> None:
        """The mouse is at ``x`` (None: it left the plot); moves the cursor unless pinned."""
        if not self._pinned:
            self.set_cursor(x, False)

    # -- display options ---------------------------------------------------
    def show_kinks(self) -> bool:
        """Whether kinks and jumps of shown curves are marked."""
        return self._show_kinks

    def set_show_kinks(self, on: bool) -> None:
        """Mark (or stop marking) kinks and jumps of shown curves."""
        on = flag("show_kinks", on)
        if on != self._show_kinks:
            self._show_kinks = on
            self.show_kinks_changed.emit(self._show_kinks)

    def vanishing(self) -> tuple[bool, float]:
        """(shade on, ε): shade where |f′| < ε for the selected function."""
        return self._shade_vanishing, self._vanishing_eps

    def set_vanishing(self, shade: bool | None = None, eps: float | None = None) -> None:
        """Turn the vanishing-gradient shading on or off and/or set its ε (1e-4 ≤ ε ≤ 10)."""
        new_shade = self._shade_vanishing if shade is None else flag("shade", shade)
        new_eps = (
            self._vanishing_eps
            if eps is None
            else number("eps", eps, MIN_VANISHING_EPS, MAX_VANISHING_EPS)
        )
        if (new_shade, new_eps) != (self._shade_vanishing, self._vanishing_eps):
            self._shade_vanishing, self._vanishing_eps = new_shade, new_eps
            self.vanishing_changed.emit(new_shade, new_eps)

    def number_format(self) -> str:
        """The format the curves are computed in: "float64" (exact), "float32",
        "bfloat16" or "float16" (the staircase a kernel in that format computes)."""
        return self._number_format

    def set_number_format(self, fmt: str) -> None:
        """Compute the curves in ``fmt``, one of ``NUMBER_FORMATS``."""
        fmt = choice("number_format", fmt, NUMBER_FORMATS)
        if fmt != self._number_format:
            self._number_format = fmt
            self.number_format_changed.emit(fmt)

    # -- everything ------------------------------------------------------
    def restore_defaults(self) -> None:
        """Return every value to its default, emitting for each that changes."""
        self.set_enabled_keys(DEFAULT_ENABLED)
        self.restore_color_state({})  # a fresh start's colours, not this session's history
        for key, act in REGISTRY.items():
            self.set_params(key, act.defaults())
        for order in ORDERS:
            self.set_order_shown(order, order in DEFAULT_ORDERS)
        self.set_x_range(*DEFAULT_X_RANGE)
        self.set_auto_y(True)
        self.set_selected(DEFAULT_SELECTED)
        self.set_cursor(None)
        self.set_show_kinks(False)
        self.set_vanishing(False, DEFAULT_VANISHING_EPS)
        self.set_number_format("float64")


def min_x_span(x_min: float, x_max: float) -> float:
    """The narrowest valid x-range with these ends: ``MIN_X_SPAN``, or ``SPAN_ULPS`` float
    steps at the larger end, whichever is wider (so a range always holds distinct samples)."""
    return max(MIN_X_SPAN, SPAN_ULPS * math.ulp(max(abs(x_min), abs(x_max))))


def check_x_range(x_min: float, x_max: float) -> tuple[float, float]:
    """(x_min, x_max) as floats if they make a valid x-range, else ``ValueError`` saying why.

    Valid: numbers (``actgui.validation``), finite, within ±``X_LIMIT``, and
    x_max − x_min ≥ :func:`min_x_span`.
    """
    lo, hi = number("x_min", x_min), number("x_max", x_max)
    if lo < -X_LIMIT or hi > X_LIMIT:
        raise ValueError(f"x-range must lie within ±{X_LIMIT:g}, got ({lo:g}, {hi:g})")
    if not hi - lo >= min_x_span(lo, hi):
        raise ValueError(
            f"x_min must be below x_max by at least {min_x_span(lo, hi):g}, got ({lo:g}, {hi:g})"
        )
    return lo, hi


def clamp_x_range(x_min: float, x_max: float) -> tuple[float, float] | None:
    """The valid x-range nearest to (x_min, x_max): ends swapped if reversed, pulled inside
    ±``X_LIMIT``, widened about its centre to :func:`min_x_span`. None if an end is NaN or
    infinite (there is nothing sensible to be near)."""
    lo, hi = float(x_min), float(x_max)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    lo, hi = min(lo, hi), max(lo, hi)
    lo, hi = max(lo, -X_LIMIT), min(hi, X_LIMIT)
    if lo > hi:  # both beyond the same limit
        lo = hi = X_LIMIT if lo > 0 else -X_LIMIT
    span = min_x_span(lo, hi)
    if hi - lo < span:
        mid = 0.5 * lo + 0.5 * hi
        lo, hi = mid - span / 2, mid + span / 2
        if lo < -X_LIMIT:
            lo, hi = -X_LIMIT, -X_LIMIT + span
        elif hi > X_LIMIT:
            lo, hi = X_LIMIT - span, X_LIMIT
        while hi - lo < min_x_span(lo, hi):  # rounding at the ends: widen by a step
            lo = max(math.nextafter(lo, -math.inf), -X_LIMIT)
            hi = min(math.nextafter(hi, math.inf), X_LIMIT)
    return lo, hi


def min_y_span(y_min: float, y_max: float) -> float:
    """The narrowest y-range with these ends: ``Y_SPAN_ULPS`` float steps at the larger end
    (and at least 1e-300), so that the axis can place ticks."""
    return max(1e-300, Y_SPAN_ULPS * math.ulp(max(abs(y_min), abs(y_max))))


def check_y_range(y_min: float, y_max: float) -> tuple[float, float]:
    """(y_min, y_max) as floats if they make a valid y-range, else ``ValueError`` saying why."""
    lo, hi = number("y_min", y_min), number("y_max", y_max)
    limit = 2 * Y_LIMIT  # the view's own clamping may reach a span past Y_LIMIT
    if lo < -limit or hi > limit:
        raise ValueError(f"y-range must lie within ±{Y_LIMIT:g}, got ({lo:g}, {hi:g})")
    if not hi - lo >= 0.5 * min_y_span(lo, hi):  # half: room for rounding at the ends
        raise ValueError(
            f"y_min must be below y_max by at least {min_y_span(lo, hi):g}, got ({lo:g}, {hi:g})"
        )
    return lo, hi


def _check_key(key: str) -> str:
    if key not in REGISTRY:  # (a function registered since: sync_functions() first)
        raise KeyError(f"unknown activation {key!r}; known: {', '.join(REGISTRY)}")
    return key

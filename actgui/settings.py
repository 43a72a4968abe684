"""Every ``QSettings`` key the app uses, one reader for a choice, and the model's save/restore.

Values are stored as plain text (``repr`` of floats, comma-separated keys) so
they read back exactly from any backend. A corrupt, out-of-range or
wrong-typed entry falls back to its default with a logged warning; it never
stops the program from starting.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings

from actgui.activations import ORDERS, REGISTRY
from actgui.analysis.race import RaceConfig
from actgui.labs import LabModel
from actgui.model import ExplorerModel

log = logging.getLogger(__name__)

# -- the explorer's state (ExplorerModel) ----------------------------------------
ENABLED = "functions/enabled"
#: "key:colour:style,…": the shown functions' colour slots (see style.ColorAssigner).
COLORS = "functions/colors"
SELECTED = "functions/selected"
ORDERS_KEY = "view/orders"
X_RANGE = "view/x_range"
#: "y_min,y_max"; with AUTO_Y "1", only what was last fitted.
Y_RANGE = "view/y_range"
AUTO_Y = "view/auto_y"
SHOW_KINKS = "view/show_kinks"
VANISHING = "view/vanishing"
PARAM_GROUP = "params"

# -- application preferences (Preferences) ---------------------------------------
THEME = "view/theme"
LANGUAGE = "view/language"
EXPORT_DIR = "export/last_dir"
#: Followed by "_image" or "_data": the format last used for that kind of export.
EXPORT_FORMAT = "export/last_format"
EXPORT_SCALE = "export/scale"
EXPORT_BACKGROUND = "export/background"
#: "shown" (the plot's size on screen) or "WxH" in pixels.
EXPORT_SIZE = "export/size"
LINE_WIDTH = "view/line_width"
FONT_SIZE = "view/font_size"
PLOT_TITLE = "view/title"
AXIS_LABELS = "view/axis_labels"

# -- the window ------------------------------------------------------------------
#: Your own functions: a JSON list of {key, name, expression[, ranges]}.
CUSTOM = "functions/custom"
#: The analysis views' inputs: "μ,σ,ε", "σ_w,σ_b,depth", "width,inputs,seed".
LAB_INPUT = "labs/input"
LAB_NETWORK = "labs/network"
LAB_SIMULATION = "labs/simulation"
#: The race of the Train tab: ``analysis.race.RaceConfig`` as JSON (without parameters:
#: those are the functions' own, saved under params/).
LAB_TRAIN = "labs/train"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"

#: Every key outside the params group (those are ``params/<function>.<parameter>``).
KEYS: tuple[str, ...] = (
    ENABLED, COLORS, SELECTED, ORDERS_KEY, X_RANGE, Y_RANGE, AUTO_Y, SHOW_KINKS, VANISHING, THEME,
    LANGUAGE, EXPORT_DIR, f"{EXPORT_FORMAT}_image", f"{EXPORT_FORMAT}_data", EXPORT_SCALE,
    EXPORT_BACKGROUND, EXPORT_SIZE, LINE_WIDTH, FONT_SIZE, PLOT_TITLE, AXIS_LABELS,
    GEOMETRY, WINDOW_STATE, CUSTOM, LAB_INPUT, LAB_NETWORK, LAB_SIMULATION, LAB_TRAIN,
)  # fmt: skip


def check_settings(settings: QSettings) -> None:
    """Log what would otherwise pass unseen: a settings file that cannot be read or written
    (it is used as empty, and nothing will be saved), and keys this version does not know
    (a damaged file, a hand edit, a function since removed); they are ignored."""
    where = settings.fileName()
    if settings.status() != QSettings.Status.NoError:
        log.warning("Cannot read the settings file %s (%s): using defaults", where,
                    settings.status().name)  # fmt: skip
    elif not settings.isWritable():
        log.warning("The settings file %s is read-only: changes will not be saved", where)
    params = {_param_key(k, p.name) for k, a in REGISTRY.items() for p in a.params}
    unknown = [k for k in settings.allKeys() if k not in KEYS and k not in params]
    if unknown:
        shown = ", ".join(repr(k) for k in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        log.warning("Ignoring %d unknown setting(s) in %s: %s", len(unknown), where, shown)


def check_saved(settings: QSettings) -> bool:
    """After ``sync()``: whether the settings reached their file (logged if not)."""
    if settings.status() == QSettings.Status.NoError:
        return True
    log.warning("Could not save the settings to %s (%s)", settings.fileName(),
                settings.status().name)  # fmt: skip
    return False


def as_text(raw: object) -> str:
    """A setting's value as text: QSettings reads ``a, b`` written by hand as a list."""
    if isinstance(raw, list | tuple):
        return ",".join(str(part) for part in raw)
    return str(raw)


def read_choice(
    settings: QSettings | None, key: str, choices: Sequence[str] | None, default: str
) -> str:
    """The setting ``key`` if it is one of ``choices`` (any text if None); else ``default``,
    with a logged warning.

    A missing entry (or no settings at all) gives ``default`` quietly.
    """
    if settings is None:
        return default
    value = settings.value(key)
    if value is None:
        return default
    if choices is None:
        return as_text(value)
    if value not in choices:
        log.warning("Ignoring setting %s=%r: expected one of %s", key, value, ", ".join(choices))
        return default
    return str(value)


def read_bytes(settings: QSettings, key: str, restore: Callable[[QByteArray], bool]) -> bool:
    """Feed a saved Qt blob (geometry, dock layout) to ``restore``, ignoring junk.

    Returns whether something was restored.
    """
    value = settings.value(key)
    if value is None:
        return False
    if not isinstance(value, QByteArray | bytes) or not restore(value):
        log.warning("Ignoring unreadable setting %s", key)
        return False
    return True


def _param_key(key: str, name: str) -> str:
    return f"{PARAM_GROUP}/{key}.{name}"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(f"expected 0 or 1, got {text!r}")
    return text == "1"


def save_model(model: ExplorerModel, settings: QSettings) -> None:
    """Write the model's state to ``settings``."""
    settings.setValue(ENABLED, ",".join(model.enabled_keys()))
    settings.setValue(
        COLORS, ",".join(f"{k}:{c}:{st}" for k, (c, st) in model.color_state().items())
    )
    settings.setValue(ORDERS_KEY, ",".join(str(o) for o in model.shown_orders()))
    settings.setValue(X_RANGE, ",".join(repr(v) for v in model.x_range()))
    settings.setValue(Y_RANGE, ",".join(repr(v) for v in model.y_range()))
    settings.setValue(AUTO_Y, "1" if model.auto_y() else "0")
    settings.setValue(SELECTED, model.selected_key() or "")
    settings.setValue(SHOW_KINKS, "1" if model.show_kinks() else "0")
    shade, eps = model.vanishing()
    settings.setValue(VANISHING, f"{int(shade)},{eps!r}")
    for key, act in REGISTRY.items():
        for param in act.params:
            settings.setValue(_param_key(key, param.name), repr(model.param(key, param.name)))


def restore_model(model: ExplorerModel, settings: QSettings) -> None:
    """Load what ``settings`` holds into ``model``; bad entries keep the model's value."""

    def attempt(entry: str, apply: Callable[[str], None]) -> None:
        raw = settings.value(entry)
        if raw is None:
            return
        try:
            apply(as_text(raw))
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("Ignoring setting %s=%r: %s", entry, raw, exc)

    def apply_enabled(text: str) -> None:
        keys = _split(text)
        unknown = [k for k in keys if k not in REGISTRY]
        if unknown:
            log.warning("Ignoring unknown functions in %s: %s", ENABLED, ", ".join(unknown))
        model.set_enabled_keys(k for k in keys if k in REGISTRY)

    def apply_orders(text: str) -> None:
        orders = {int(part) for part in _split(text)}
        if not orders <= set(ORDERS):
            raise ValueError(f"orders must be among {ORDERS}")
        for order in ORDERS:
            model.set_order_shown(order, order in orders)

    def two_numbers(text: str) -> list[float]:
        parts = [float(p) for p in _split(text)]
        if len(parts) != 2:
            raise ValueError("expected two numbers")
        return parts

    def apply_vanishing(text: str) -> None:
        shade, eps = _split(text)
        model.set_vanishing(_flag(shade), float(eps))

    attempt(ENABLED, apply_enabled)

    def apply_colors(text: str) -> None:
        state = {}
        for entry in _split(text):
            key, color, style = entry.split(":")
            state[key] = (int(color), int(style))
        model.restore_color_state(state)

    attempt(COLORS, apply_colors)
    attempt(ORDERS_KEY, apply_orders)
    attempt(X_RANGE, lambda text: model.set_x_range(*two_numbers(text)))
    attempt(Y_RANGE, lambda text: model.set_y_range(*two_numbers(text)))
    attempt(AUTO_Y, lambda text: model.set_auto_y(_flag(text)))
    attempt(SELECTED, lambda text: model.set_selected(text or None))
    attempt(SHOW_KINKS, lambda text: model.set_show_kinks(_flag(text)))
    attempt(VANISHING, apply_vanishing)
    for key, act in REGISTRY.items():
        # Together first: one at a time, a saved hardtanh (min 2, max 3) would check min
        # against the default max 1 and be refused.
        values = {}
        for param in act.params:
            raw = settings.value(_param_key(key, param.name))
            if raw is not None:
                with contextlib.suppress(ValueError):  # reported below, tried alone
                    values[param.name] = float(as_text(raw))
        try:
            model.set_params(key, values)
            continue
        except (ValueError, TypeError):
            pass
        for param in act.params:
            attempt(
                _param_key(key, param.name),
                lambda text, k=key, n=param.name: model.set_param(k, n, float(text)),
            )


def save_lab(lab: LabModel, settings: QSettings) -> None:
    """Write the analysis views' inputs to ``settings``."""
    settings.setValue(LAB_INPUT, ",".join(repr(v) for v in lab.input()))
    settings.setValue(LAB_NETWORK, "{!r},{!r},{}".format(*lab.network()))
    settings.setValue(LAB_SIMULATION, ",".join(str(v) for v in lab.simulation()))
    config = lab.train.config().with_changes(params={})
    settings.setValue(LAB_TRAIN, json.dumps(config.to_json(), ensure_ascii=False))


def restore_lab(lab: LabModel, settings: QSettings) -> None:
    """Load the analysis views' inputs; an entry that is bad (or out of range) is skipped."""

    def parts(entry: str, kinds) -> list | None:
        raw = settings.value(entry)
        if raw is None:
            return None
        try:
            values = _split(as_text(raw))
            if len(values) != len(kinds):
                raise ValueError(f"expected {len(kinds)} values")
            return [kind(v) for kind, v in zip(kinds, values, strict=True)]
        except (ValueError, TypeError) as exc:
            log.warning("Ignoring setting %s=%r: %s", entry, raw, exc)
            return None

    for entry, kinds, apply in (
        (LAB_INPUT, (float, float, float), lab.set_input),
        (LAB_NETWORK, (float, float, int), lab.set_network),
        (LAB_SIMULATION, (int, int, int), lab.set_simulation),
    ):
        values = parts(entry, kinds)
        if values is not None:
            try:
                apply(*values)
            except ValueError as exc:
                log.warning("Ignoring setting %s: %s", entry, exc)
    raw = settings.value(LAB_TRAIN)
    if raw is not None:
        try:
            lab.train.set_config(RaceConfig.from_json(json.loads(as_text(raw))))
        except (ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
            log.warning("Ignoring setting %s=%r: %s", LAB_TRAIN, raw, exc)


def save_custom(settings: QSettings) -> None:
    """Write the definitions of your own functions (JSON)."""
    from actgui.activations import custom_definitions

    settings.setValue(CUSTOM, json.dumps([d.as_json() for d in custom_definitions()]))


def restore_custom(settings: QSettings) -> list[str]:
    """Register your own functions from ``settings``, replacing any registered before (each
    window owns them); a bad entry is skipped with a logged warning. Their keys."""
    import json

    from actgui.activations import add_custom, custom_definitions, remove_custom
    from actgui.activations.custom import read_definitions

    for definition in custom_definitions():
        remove_custom(definition.key)
    raw = settings.value(CUSTOM)
    if raw is None:
        return []
    try:
        definitions, problems = read_definitions(json.loads(as_text(raw)))
    except ValueError as exc:  # (json's errors are ValueErrors too)
        log.warning("Ignoring setting %s: %s", CUSTOM, exc)
        return []
    for problem in problems:
        log.warning("Ignoring a function of your own in %s: %s", CUSTOM, problem)
    keys = []
    for definition in definitions:
        try:
            add_custom(definition)
        except ValueError as exc:
            log.warning("Ignoring a function of your own in %s: %s", CUSTOM, exc)
            continue
        keys.append(definition.key)
    return keys

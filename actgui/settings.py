"""Every ``QSettings`` key the app uses, and saving and restoring the model, the analysis
views' inputs and your own functions.

Values are stored as plain text (``repr`` of floats, comma-separated keys) so
they read back exactly from any backend. Every entry is read through a bounded
reader of ``actgui.setting_values`` (text of a limited length, numbers finite and of a
limited number of digits, JSON of a limited size and depth); a corrupt, out-of-range or
wrong-typed entry falls back to its default with a logged warning and the
others are still applied: what was saved never stops the program from starting.
A saved function of your own that cannot be rebuilt is kept as it was saved.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings

from actgui.activations import ORDERS, REGISTRY
from actgui.activations.custom import MAX_CUSTOM
from actgui.analysis.race import RaceConfig
from actgui.files import InputError, loads_bounded
from actgui.labs import LabModel
from actgui.model import ExplorerModel
from actgui.setting_values import (
    EXPECTED_ERRORS,
    MAX_JSON_TEXT,
    MAX_TEXT,
    as_text,
    cut_text,
    guarded,
    parse_float,
    parse_int,
    shown_value,
)

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
#: The format the main plot's curves are computed in ("float64" exact, "float16", …).
NUMBER_FORMAT = "view/number_format"
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
#: Whether the plots show their legends ("1" or "0").
LEGEND = "view/legend"
#: The interface's zoom in percent, and Presentation Mode ("1" or "0").
ZOOM = "view/zoom"
PRESENTATION_MODE = "view/presentation_mode"

# -- the window ------------------------------------------------------------------
#: Your own functions: a JSON list of {key, name, expression[, ranges]}.
CUSTOM = "functions/custom"
#: The analysis views' inputs: "μ,σ,ε", "σ_w,σ_b,depth", "width,inputs,seed".
LAB_INPUT = "labs/input"
LAB_NETWORK = "labs/network"
#: "format,order,x_min,x_max,key_a,key_b" of the Precision view.
LAB_PRECISION = "labs/precision"
LAB_SPECTRUM = "labs/spectrum"
LAB_SIMULATION = "labs/simulation"
#: The race of the Train tab: ``analysis.race.RaceConfig`` as JSON (without parameters:
#: those are the functions' own, saved under params/).
LAB_TRAIN = "labs/train"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"

#: Every key outside the params group (those are ``params/<function>.<parameter>``).
KEYS: tuple[str, ...] = (
    ENABLED, COLORS, SELECTED, ORDERS_KEY, X_RANGE, Y_RANGE, AUTO_Y, SHOW_KINKS, VANISHING,
    NUMBER_FORMAT, THEME, LANGUAGE, EXPORT_DIR, f"{EXPORT_FORMAT}_image", f"{EXPORT_FORMAT}_data",
    EXPORT_SCALE, EXPORT_BACKGROUND, EXPORT_SIZE, LINE_WIDTH, FONT_SIZE, PLOT_TITLE, AXIS_LABELS,
    ZOOM, PRESENTATION_MODE, LEGEND,
    GEOMETRY, WINDOW_STATE, CUSTOM, LAB_INPUT, LAB_NETWORK, LAB_SIMULATION, LAB_TRAIN,
    LAB_PRECISION, LAB_SPECTRUM,
)  # fmt: skip


def check_settings(settings: QSettings) -> None:
    """Log what would otherwise pass unseen: a settings file that cannot be read or written
    (it is used as empty, and nothing will be saved), and keys this version does not know
    (a damaged file, a hand edit, a function since removed); they are ignored. The
    parameters of your own functions that could not be rebuilt are kept quietly."""
    where = settings.fileName()
    if settings.status() != QSettings.Status.NoError:
        log.warning("Cannot read the settings file %s (%s): using defaults", where,
                    settings.status().name)  # fmt: skip
    elif not settings.isWritable():
        log.warning("The settings file %s is read-only: changes will not be saved", where)
    params = {_param_key(k, p.name) for k, a in REGISTRY.items() for p in a.params}
    kept = tuple(_param_key(k, "") for k in kept_custom_keys(settings))
    known = {*KEYS, *params}
    unknown = [k for k in settings.allKeys() if k not in known and not k.startswith(kept)]
    if unknown:
        shown = ", ".join(shown_value(k, 60) for k in unknown[:5])
        shown += " …" if len(unknown) > 5 else ""
        log.warning("Ignoring %d unknown setting(s) in %s: %s", len(unknown), where, shown)


def check_saved(settings: QSettings) -> bool:
    """After ``sync()``: whether the settings reached their file (logged if not)."""
    if settings.status() == QSettings.Status.NoError:
        return True
    log.warning("Could not save the settings to %s (%s)", settings.fileName(),
                settings.status().name)  # fmt: skip
    return False


def _param_key(key: str, name: str) -> str:
    return f"{PARAM_GROUP}/{key}.{name}"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(f"expected 0 or 1, got {shown_value(text)}")
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
    settings.setValue(NUMBER_FORMAT, model.number_format())
    shade, eps = model.vanishing()
    settings.setValue(VANISHING, f"{int(shade)},{eps!r}")
    for key, act in REGISTRY.items():
        for param in act.params:
            settings.setValue(_param_key(key, param.name), repr(model.param(key, param.name)))


def restore_model(model: ExplorerModel, settings: QSettings) -> None:
    """Load what ``settings`` holds into ``model``; a bad entry keeps the model's value (with
    a logged warning), the others are applied."""

    def attempt(entry: str, apply: Callable[[str], None]) -> None:
        raw = settings.value(entry)
        if raw is not None:
            guarded(entry, raw, lambda: apply(as_text(raw)))

    def apply_enabled(text: str) -> None:
        keys = _split(text)
        unknown = [k for k in keys if k not in REGISTRY]
        if unknown:
            shown = ", ".join(shown_value(k, 40) for k in unknown[:5])
            shown += f" … ({len(unknown)})" if len(unknown) > 5 else ""
            log.warning("Ignoring unknown functions in %s: %s", ENABLED, shown)
        model.set_enabled_keys(k for k in keys if k in REGISTRY)

    def apply_colors(text: str) -> None:
        state = {}
        for entry in _split(text):
            key, color, style = entry.split(":")
            state[key] = (parse_int(color), parse_int(style))
        model.restore_color_state(state)

    def apply_orders(text: str) -> None:
        orders = {parse_int(part) for part in _split(text)}
        if not orders <= set(ORDERS):
            raise ValueError(f"orders must be among {ORDERS}")
        for order in ORDERS:
            model.set_order_shown(order, order in orders)

    def two_numbers(text: str) -> list[float]:
        parts = _split(text)
        if len(parts) != 2:
            raise ValueError("expected two numbers")
        return [parse_float(p) for p in parts]

    def apply_vanishing(text: str) -> None:
        parts = _split(text)
        if len(parts) != 2:
            raise ValueError("expected 0 or 1 and a number")
        model.set_vanishing(_flag(parts[0]), parse_float(parts[1]))

    def number(entry: str) -> float | None:
        """The finite number saved as ``entry``; None if there is none, or a bad one (logged)."""
        raw = settings.value(entry)
        found: list[float] = []
        if raw is not None:
            guarded(entry, raw, lambda: found.append(parse_float(as_text(raw))))
        return found[0] if found else None

    attempt(ENABLED, apply_enabled)
    attempt(COLORS, apply_colors)
    attempt(ORDERS_KEY, apply_orders)
    attempt(X_RANGE, lambda text: model.set_x_range(*two_numbers(text)))
    attempt(Y_RANGE, lambda text: model.set_y_range(*two_numbers(text)))
    attempt(AUTO_Y, lambda text: model.set_auto_y(_flag(text)))
    attempt(SELECTED, lambda text: model.set_selected(text or None))
    attempt(SHOW_KINKS, lambda text: model.set_show_kinks(_flag(text)))
    attempt(VANISHING, apply_vanishing)
    attempt(NUMBER_FORMAT, model.set_number_format)
    for key, act in REGISTRY.items():
        # Together first: one at a time, a saved hardtanh (min 2, max 3) would check min
        # against the default max 1 and be refused.
        values = {
            p.name: v for p in act.params if (v := number(_param_key(key, p.name))) is not None
        }
        if not values:
            continue
        try:
            model.set_params(key, values)
            continue
        except Exception:  # each value is tried alone, and reported, below
            pass
        for name, value in values.items():
            guarded(
                _param_key(key, name),
                value,
                lambda k=key, n=name, v=value: model.set_param(k, n, v),
            )


def save_lab(lab: LabModel, settings: QSettings) -> None:
    """Write the analysis views' inputs to ``settings``."""
    settings.setValue(LAB_INPUT, ",".join(repr(v) for v in lab.input()))
    settings.setValue(LAB_NETWORK, "{!r},{!r},{}".format(*lab.network()))
    settings.setValue(LAB_SIMULATION, ",".join(str(v) for v in lab.simulation()))
    fmt, order, lo, hi, key_a, key_b = lab.precision()
    settings.setValue(LAB_PRECISION, f"{fmt},{order},{lo!r},{hi!r},{key_a},{key_b}")
    settings.setValue(LAB_SPECTRUM, "{},{},{}".format(*lab.spectrum()))
    config = lab.train.config().with_changes(params={})
    settings.setValue(LAB_TRAIN, json.dumps(config.to_json(), ensure_ascii=False))


def restore_lab(lab: LabModel, settings: QSettings) -> None:
    """Load the analysis views' inputs; an entry that is bad (or out of range) is skipped
    with a logged warning, the others are applied."""

    def parts(text: str, kinds: tuple[Callable[[str], object], ...]) -> list:
        values = _split(text)
        if len(values) != len(kinds):
            raise ValueError(f"expected {len(kinds)} values")
        return [kind(v) for kind, v in zip(kinds, values, strict=True)]

    for entry, kinds, apply in (
        (LAB_INPUT, (parse_float, parse_float, parse_float), lab.set_input),
        (LAB_NETWORK, (parse_float, parse_float, parse_int), lab.set_network),
        (LAB_SIMULATION, (parse_int, parse_int, parse_int), lab.set_simulation),
        (LAB_PRECISION, (str, parse_int, parse_float, parse_float, str, str), lab.set_precision),
        (LAB_SPECTRUM, (parse_int, str, parse_int), lab.set_spectrum),
    ):
        raw = settings.value(entry)
        if raw is not None:
            guarded(entry, raw, lambda r=raw, k=kinds, a=apply: a(*parts(as_text(r), k)))
    raw = settings.value(LAB_TRAIN)
    if raw is not None:

        def apply_train() -> None:
            data = loads_bounded(as_text(raw, MAX_JSON_TEXT), MAX_JSON_TEXT)
            lab.train.set_config(RaceConfig.from_json(data))

        guarded(LAB_TRAIN, raw, apply_train)


# -- your own functions -------------------------------------------------------------
#: Saved functions of your own that are read (loaded, or kept as they were); the longest
#: JSON text of one kept (what the app writes fits: formulas have at most 500 characters)
#: and of all kept (with 50 loaded, what is written back stays readable).
MAX_SAVED_CUSTOM = 2 * MAX_CUSTOM
MAX_KEPT_CUSTOM = MAX_TEXT
MAX_KEPT_CUSTOM_TOTAL = MAX_JSON_TEXT // 2
#: Per settings file (its name): what ``restore_custom`` read from it, in the saved order,
#: each entry the key of a function it loaded or the JSON data of one it could not load
#: (kept as it was, to be written back by ``save_custom``).
_SAVED_CUSTOM: dict[str, list[str | dict]] = {}


def kept_custom(settings: QSettings) -> list[dict]:
    """The saved functions of your own that ``restore_custom`` could not load from
    ``settings``: not registered, written back as they were by ``save_custom``."""
    return [e for e in _SAVED_CUSTOM.get(settings.fileName(), []) if isinstance(e, dict)]


def kept_custom_keys(settings: QSettings) -> list[str]:
    """The keys of :func:`kept_custom` (those that have a key)."""
    return [k for e in kept_custom(settings) if isinstance(k := e.get("key"), str)]


def save_custom(settings: QSettings) -> None:
    """Write the definitions of your own functions (JSON): those loaded at the start where
    they were (if not deleted since), those that could not be loaded as they were, then the
    functions added since."""
    from actgui.activations import custom_definitions

    current = {d.key: d for d in custom_definitions()}
    out = []
    for entry in _SAVED_CUSTOM.get(settings.fileName(), []):
        if isinstance(entry, dict):
            out.append(entry)
        elif (definition := current.pop(entry, None)) is not None:
            out.append(definition.as_json())
    out.extend(d.as_json() for d in current.values())
    settings.setValue(CUSTOM, json.dumps(out))


def restore_custom(settings: QSettings) -> list[str]:
    """Register your own functions from ``settings``, replacing any registered before (each
    window owns them); their keys.

    An entry that cannot be loaded today (its formula refused or failing, a key that became
    a built-in's or reserved, one more than ``MAX_CUSTOM``) is reported once with a logged
    warning and kept: :func:`save_custom` writes it back where it was. Entries that are not
    functions at all (not a JSON object), those longer than ``MAX_KEPT_CUSTOM`` characters
    and those beyond ``MAX_SAVED_CUSTOM`` are dropped, with a warning. A setting that is not
    a readable JSON list loads nothing (warning).
    """
    from actgui.activations import Definition, add_custom, custom_definitions, remove_custom

    for definition in custom_definitions():
        remove_custom(definition.key)
    saved: list[str | dict] = []
    _SAVED_CUSTOM[settings.fileName()] = saved
    raw = settings.value(CUSTOM)
    if raw is None:
        return []
    try:
        data = loads_bounded(as_text(raw, MAX_JSON_TEXT), MAX_JSON_TEXT)
        if isinstance(data, dict):  # the form of an exported file
            data = data.get("activations")
        if not isinstance(data, list):
            raise InputError("expected a JSON list of functions")
    except ValueError as exc:  # InputError is a ValueError
        log.warning("Ignoring setting %s=%s: %s", CUSTOM, shown_value(raw), cut_text(str(exc)))
        return []

    def load(definition: Definition) -> str | Exception | None:
        """None if ``definition`` is registered now, else why not: a message, or the
        unexpected exception building it raised (logged with its traceback)."""
        if definition.key in loaded:
            return f"the key {definition.key!r} appears twice"
        if len(loaded) >= MAX_CUSTOM:
            return f"at most {MAX_CUSTOM} functions of your own are loaded"
        try:
            add_custom(definition)
        except EXPECTED_ERRORS as exc:
            return str(exc)
        except Exception as exc:  # a formula that fails to build must not stop the start
            return exc
        return None

    loaded: list[str] = []
    kept_size = 0
    for number, entry in enumerate(data[:MAX_SAVED_CUSTOM], start=1):
        label = entry.get("name") if isinstance(entry, dict) else None
        where = f"entry {number}" + (f" ({shown_value(label, 40)})" if label is not None else "")
        try:
            definition = Definition.from_json(entry)
        except Exception as exc:  # from_json names what is wrong
            problem: str | Exception | None = str(exc)
        else:
            problem = load(definition)
        if problem is None:
            loaded.append(definition.key)
            saved.append(definition.key)
            continue
        trace = problem if isinstance(problem, Exception) else None
        why = cut_text(f"{type(trace).__name__}: {trace}" if trace else str(problem))
        size = len(json.dumps(entry)) if isinstance(entry, dict) else 0
        if 0 < size <= MAX_KEPT_CUSTOM and kept_size + size <= MAX_KEPT_CUSTOM_TOTAL:
            kept_size += size
            saved.append(entry)
            log.warning("Not loading a function of your own from %s, %s (kept in the "
                        "settings): %s", CUSTOM, where, why, exc_info=trace)  # fmt: skip
        else:
            why = "not a function" if size == 0 else f"{why}; too long to keep"
            log.warning("Dropping a function of your own from %s, %s: %s", CUSTOM, where,
                        why, exc_info=trace)  # fmt: skip
    if len(data) > MAX_SAVED_CUSTOM:
        log.warning("Dropping %d functions of your own from %s: only the first %d are read",
                    len(data) - MAX_SAVED_CUSTOM, CUSTOM, MAX_SAVED_CUSTOM)  # fmt: skip
    return loaded

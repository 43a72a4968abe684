"""The details page of a function as Qt rich text, in two parts.

:func:`details_html` is what does not depend on the parameters' current values
(formulas, parameter ranges, properties at the defaults, prose): rendered once
per selection. :func:`live_rows` is the small part that does (the values, f(0),
f′(0), where the kinks and jumps are), as plain (label, value) text, and
:func:`live_note` a remark that depends on them too (softplus's threshold
switch): updated while a parameter is dragged.

A formula is set as pieces that each stay on one line, floated side by side: the
line breaks only between pieces, before " = " and " ; " (see
:func:`formula_pieces`), so a formula that fits stays on one line and a long one
wraps at a sensible point, never inside a bracket or a case of a piecewise
definition.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np

from actgui.activations import Activation
from actgui.activations.docs import localise
from actgui.text import DATA_CONTEXT, QT_TRANSLATE_NOOP, Translate, fill, untranslated
from actgui.text.markup import plain
from actgui.text.messages import Message, in_language
from actgui.text.values import format_approx, format_value

C = "DetailsPanel"  # translation context (QT_TRANSLATE_NOOP needs it literally, for lupdate)

_SATURATES = {
    "none": QT_TRANSLATE_NOOP("DetailsPanel", "no"),
    "left": QT_TRANSLATE_NOOP("DetailsPanel", "for x → −∞"),
    "right": QT_TRANSLATE_NOOP("DetailsPanel", "for x → +∞"),
    "both": QT_TRANSLATE_NOOP("DetailsPanel", "both sides"),
}
_YES = QT_TRANSLATE_NOOP("DetailsPanel", "yes")
_NONE = QT_TRANSLATE_NOOP("DetailsPanel", "none")
_SOURCE = QT_TRANSLATE_NOOP("DetailsPanel", "Source:")
_PARAMETERS = QT_TRANSLATE_NOOP("DetailsPanel", "Parameters")
_PARAM_DETAIL = QT_TRANSLATE_NOOP("DetailsPanel", "%1 Range [%2, %3], default %4.")
_PROPERTIES = QT_TRANSLATE_NOOP("DetailsPanel", "Properties")
_AT_DEFAULTS = QT_TRANSLATE_NOOP("DetailsPanel", "(at default parameters)")
_CURRENT = QT_TRANSLATE_NOOP("DetailsPanel", "%1 at the current parameters")
#: The kinks row's label, followed by "x = 0" (one kink), "x = −1, 1" (several) or "none".
_KINK_ONE = QT_TRANSLATE_NOOP("DetailsPanel", "Kink at")
_KINK_MANY = QT_TRANSLATE_NOOP("DetailsPanel", "Kinks at")
_KINK_NONE = QT_TRANSLATE_NOOP("DetailsPanel", "Kinks:")
#: A jumps row's label, followed by "x = 20" or "x = −1, 1"; %1 is f, f′ or f″ (the lowest
#: order that jumps there).
_JUMP_ONE = QT_TRANSLATE_NOOP("DetailsPanel", "Jump in %1 at")
_JUMP_MANY = QT_TRANSLATE_NOOP("DetailsPanel", "Jumps in %1 at")
_JUMP_NONE = QT_TRANSLATE_NOOP("DetailsPanel", "Jumps in f, f′, f″:")
#: Softplus: %1 is threshold/β, %2 and %3 the sizes of the jumps in f and f′ there.
_SOFTPLUS_SWITCH = QT_TRANSLATE_NOOP(
    "DetailsPanel",
    "PyTorch switches to f(x) = x where βx > threshold (x > %1 here), leaving a jump of "
    "about %2 in f and %3 in f′ at x = %1: hence the kink and C⁰, though softplus itself "
    "is smooth.",
)
_ORDER_NAMES = ("f", "f′", "f″")
_ROWS = (
    QT_TRANSLATE_NOOP("DetailsPanel", "Output range"),
    QT_TRANSLATE_NOOP("DetailsPanel", "Monotonic (non-decreasing)"),
    QT_TRANSLATE_NOOP("DetailsPanel", "Smoothness"),
    QT_TRANSLATE_NOOP("DetailsPanel", "Zero-centred (f(0) = 0, both signs)"),
    QT_TRANSLATE_NOOP("DetailsPanel", "Bounded below / above"),
    QT_TRANSLATE_NOOP("DetailsPanel", "Saturates (f′ → 0)"),
)
_PROSE = (
    (QT_TRANSLATE_NOOP("DetailsPanel", "Principle"), "principle"),
    (QT_TRANSLATE_NOOP("DetailsPanel", "Advantages"), "pros"),
    (QT_TRANSLATE_NOOP("DetailsPanel", "Drawbacks"), "cons"),
    (QT_TRANSLATE_NOOP("DetailsPanel", "Typical use"), "use"),
)


def _table(items: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td>{plain(a)}</td><td><b>{b}</b></td></tr>" for a, b in items)
    return f'<table cellspacing="0" cellpadding="2">{cells}</table>'


_TABLE_RE = re.compile(r"(<table.*?</table>)", re.DOTALL)
_BREAK_RE = re.compile(r" (?=[=;] )")


def formula_pieces(body: str) -> list[str]:
    """``body`` cut where a line may break: before each " ; " (a definition follows),
    and before each " = " ahead of the first " ; " (an equal form follows), never
    inside a piecewise table. ``" ".join(formula_pieces(body)) == body``.

    >>> formula_pieces("tanh(x) = 2σ(2x) − 1 ; u = v")
    ['tanh(x)', '= 2σ(2x) − 1', '; u = v']
    """
    pieces = [""]
    defining = False  # after the first " ; ", "=" is part of a definition
    for part in _TABLE_RE.split(body):
        if part.startswith("<table"):
            pieces[-1] += part
            continue
        start = 0
        for match in _BREAK_RE.finditer(part):
            sign = part[match.end()]
            if sign == "=" and defining:
                continue
            defining = defining or sign == ";"
            pieces[-1] += part[start : match.start()]
            pieces.append("")
            start = match.end()
        pieces[-1] += part[start:]
    return pieces


def _piece(content: str) -> str:
    """One piece of a formula, kept on one line and floated beside the previous one.

    Text before and after a piecewise table sits in cells beside it, centred on it.
    """
    cells = "".join(
        f'<td valign="middle" style="white-space:nowrap">{part}</td>'
        for part in _TABLE_RE.split(content)
        if part
    )
    return f'<table style="float:left" cellspacing="0" cellpadding="0"><tr>{cells}</tr></table>'


def _formula(name: str, body: str, note: str) -> str:
    """``name(x) = body``, its pieces (:func:`formula_pieces`) side by side while they fit
    and wrapped between pieces when they do not; a note under it."""
    below = f'<p style="margin-top:0; margin-bottom:2px"><i>({plain(note)})</i></p>' if note else ""
    first, *rest = formula_pieces(body)
    pieces = _piece(f"{name}(<i>x</i>) =&nbsp;{first}") + "".join(
        _piece(f"&nbsp;{piece}") for piece in rest
    )
    # The one-cell table ends the floats: what follows starts below them.
    return (
        '<table width="100%" cellspacing="0" cellpadding="0" style="font-size:large; '
        f'margin-top:6px"><tr><td>{pieces}</td></tr></table>{below}'
    )


def details_html(act: Activation, color: str, lang: Translate = untranslated) -> str:
    """Everything about ``act`` that does not depend on its current parameter values."""

    def t(text: str) -> str:
        return lang(C, text)

    def data(text: str) -> str:
        # (a registry text, or a message: the words made for a function of your own)
        return in_language(text, lang, DATA_CONTEXT)

    def yes(flag: bool) -> str:
        return t(_YES) if flag else t(_SATURATES["none"])

    def word(text: str) -> str:
        return data(text)

    def formula(text: str) -> str:
        # (rich text, math only; or, for one too long to write out, a message in words)
        return plain(data(text)) if isinstance(text, Message) else localise(text, word)

    docs, props = act.docs, act.properties
    parts = [
        f'<h2 style="color:{color}">{plain(data(act.name))} '
        f'<span style="font-size:small">({plain(act.key)})</span></h2>',
        f"<p>{plain(data(act.description))}</p>",
        _formula("f", formula(docs.f), data(docs.f_note)),
        _formula("f′", formula(docs.d1), data(docs.d1_note)),
        _formula("f″", formula(docs.d2), ""),
    ]
    if act.source:
        # (a reference as written; "your formula", a message, in the interface language)
        parts.append(f"<p><i>{t(_SOURCE)}</i> {plain(in_language(act.source, lang))}</p>")
    if act.params:
        items = []
        for p in act.params:
            detail = fill(
                t(_PARAM_DETAIL),
                plain(data(p.description)),
                format_value(p.minimum),
                format_value(p.maximum),
                format_value(p.default),
            )
            items.append((f"{data(p.label)} ({p.name})", detail))
        parts += [f"<h3>{t(_PARAMETERS)}</h3>", _table(items)]
    values = (
        props.range_text(),
        yes(props.monotonic),
        props.smoothness,
        yes(props.zero_centred),
        f"{yes(props.bounded_below)} / {yes(props.bounded_above)}",
        t(_SATURATES[props.saturates]),
    )
    parts += [
        f"<h3>{t(_PROPERTIES)} <span style='font-weight:normal'>{t(_AT_DEFAULTS)}</span></h3>",
        _table([(t(label), plain(value)) for label, value in zip(_ROWS, values, strict=True)]),
    ]
    for title, field in _PROSE:
        parts.append(f"<h3>{t(title)}</h3><p>{plain(data(getattr(docs, field)))}</p>")
    return "\n".join(parts)


def live_title(act: Activation, lang: Translate = untranslated) -> str:
    """The heading of the values that follow the parameters, naming the function (the box
    sits above the page, whose title is scrolled away or not yet read)."""
    return fill(lang(C, _CURRENT), lang(DATA_CONTEXT, act.name))


def _where(values) -> str:
    return "x = " + ", ".join(format_value(v) for v in values)


def live_rows(
    act: Activation, params: dict[str, float], lang: Translate = untranslated
) -> list[tuple[str, str]]:
    """(label, value) pairs that follow the parameters: each parameter, f(0), f′(0),
    where the kinks are and where f, f′ or f″ jumps, as plain text.

    The kinks read "Kink at" "x = 0", "Kinks at" "x = −1, 1" or "Kinks:" "none"; the
    jumps one row per derivative that jumps, each position under the lowest order
    that jumps there ("Jump in f′ at" "x = 20"), or "Jumps in f, f′, f″:" "none".
    """

    def t(text: str) -> str:
        return lang(C, text)

    zero = np.array([0.0])
    # A kink is a corner: f continuous, f′ jumping. The registry's kinks() also lists
    # where only f″ jumps (ELU at α = 1 is C¹ at 0) and where f itself jumps.
    # (sets: a function of your own may have thousands of kinks)
    f_jumps, d1_jumps = set(act.jumps(0, **params)), set(act.jumps(1, **params))
    kinks = tuple(k for k in act.kinks(**params) if k in d1_jumps and k not in f_jumps)
    pytorch = act.in_pytorch and (0.0 in d1_jumps or 0.0 in f_jumps)
    rows = [
        (f"{lang(DATA_CONTEXT, p.label)} ({p.name})", format_value(params[p.name]))
        for p in act.params
    ]
    rows += [
        ("f(0)", format_value(float(act.forward(zero, **params)[0]))),
        (
            "f′(0)" + (" (PyTorch)" if pytorch else ""),
            format_value(float(act.derivative(zero, **params)[0])),
        ),
    ]
    if not kinks:
        rows.append((t(_KINK_NONE), t(_NONE)))
    else:
        rows.append((t(_KINK_ONE if len(kinks) == 1 else _KINK_MANY), _where(kinks)))
    seen: set[float] = set()
    for order, name in enumerate(_ORDER_NAMES):
        points = [x for x in act.jumps(order, **params) if x not in seen]
        seen.update(points)
        if points:
            label = fill(t(_JUMP_ONE if len(points) == 1 else _JUMP_MANY), name)
            rows.append((label, _where(points)))
    if not seen:
        rows.append((t(_JUMP_NONE), t(_NONE)))
    return rows


def _softplus_note(act: Activation, params: dict[str, float], lang: Translate) -> str:
    beta, threshold = params["beta"], params["threshold"]
    # Left of x = threshold/β, f = ln(1 + e^t)/β = x + ln(1 + e^−t)/β and f′ = σ(t); right
    # of it, x and 1: the jumps are ln(1 + e^−t)/β and σ(−t) = 1/(1 + e^t).
    jump_f = math.log1p(math.exp(-threshold)) / beta
    jump_d1 = 1.0 / (1.0 + math.exp(threshold))
    return fill(
        lang(C, _SOFTPLUS_SWITCH),
        format_value(act.kinks(**params)[0]),
        format_approx(jump_f),
        format_approx(jump_d1),
    )


# Remarks that depend on the current parameters, by function key.
_LIVE_NOTES: dict[str, Callable[[Activation, dict[str, float], Translate], str]] = {
    "softplus": _softplus_note,
}


def live_note(act: Activation, params: dict[str, float], lang: Translate = untranslated) -> str:
    """A plain-text remark on the current parameters ("" for most functions): for softplus,
    where PyTorch's switch to x lies and how large a jump it leaves."""
    note = _LIVE_NOTES.get(act.key)
    return note(act, act.resolve(**params), lang) if note else ""


def live_html(act: Activation, params: dict[str, float], lang: Translate = untranslated) -> str:
    """:func:`live_rows` under their heading, and :func:`live_note`, as rich text."""
    rows = [(a, plain(b)) for a, b in live_rows(act, params, lang)]
    note = live_note(act, params, lang)
    return (
        f"<h3>{plain(live_title(act, lang))}</h3>"
        + _table(rows)
        + (f"<p>{plain(note)}</p>" if note else "")
    )


def info_html(
    act: Activation,
    params: dict[str, float],
    color: str = "#000000",
    lang: Translate = untranslated,
) -> str:
    """The whole page: :func:`details_html` with :func:`live_html` after the title block."""
    return details_html(act, color, lang) + "\n" + live_html(act, params, lang)

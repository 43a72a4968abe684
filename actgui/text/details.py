"""The details page of a function as Qt rich text, in two parts.

:func:`details_html` is what does not depend on the parameters' current values
(formulas, parameter ranges, properties at the defaults, prose): rendered once
per selection. :func:`live_rows` is the small part that does (the values, f(0),
f′(0), kinks and jumps), as plain (label, value) text: updated while a
parameter is dragged.
"""

from __future__ import annotations

import html

import numpy as np

from actgui.activations import Activation
from actgui.activations.docs import localise
from actgui.text import DATA_CONTEXT, QT_TRANSLATE_NOOP, Translate, fill, untranslated
from actgui.text.values import format_value

C = "InfoPanel"  # translation context (QT_TRANSLATE_NOOP needs it literally, for lupdate)

_SATURATES = {
    "none": QT_TRANSLATE_NOOP("InfoPanel", "no"),
    "left": QT_TRANSLATE_NOOP("InfoPanel", "for x → −∞"),
    "right": QT_TRANSLATE_NOOP("InfoPanel", "for x → +∞"),
    "both": QT_TRANSLATE_NOOP("InfoPanel", "both sides"),
}
_YES = QT_TRANSLATE_NOOP("InfoPanel", "yes")
_NONE = QT_TRANSLATE_NOOP("InfoPanel", "none")
_SOURCE = QT_TRANSLATE_NOOP("InfoPanel", "Source:")
_PARAMETERS = QT_TRANSLATE_NOOP("InfoPanel", "Parameters")
_PARAM_DETAIL = QT_TRANSLATE_NOOP("InfoPanel", "%1 Range [%2, %3], default %4.")
_PROPERTIES = QT_TRANSLATE_NOOP("InfoPanel", "Properties")
_AT_DEFAULTS = QT_TRANSLATE_NOOP("InfoPanel", "(at default parameters)")
_CURRENT = QT_TRANSLATE_NOOP("InfoPanel", "%1 at the current parameters")
_KINKS = QT_TRANSLATE_NOOP("InfoPanel", "Kinks")
_JUMPS = QT_TRANSLATE_NOOP("InfoPanel", "Jumps (in f, f′ or f″)")
_ROWS = (
    QT_TRANSLATE_NOOP("InfoPanel", "Output range"),
    QT_TRANSLATE_NOOP("InfoPanel", "Monotonic (non-decreasing)"),
    QT_TRANSLATE_NOOP("InfoPanel", "Smoothness"),
    QT_TRANSLATE_NOOP("InfoPanel", "Zero-centred (f(0) = 0, both signs)"),
    QT_TRANSLATE_NOOP("InfoPanel", "Bounded below / above"),
    QT_TRANSLATE_NOOP("InfoPanel", "Saturates (f′ → 0)"),
)
_PROSE = (
    (QT_TRANSLATE_NOOP("InfoPanel", "Principle"), "principle"),
    (QT_TRANSLATE_NOOP("InfoPanel", "Advantages"), "pros"),
    (QT_TRANSLATE_NOOP("InfoPanel", "Drawbacks"), "cons"),
    (QT_TRANSLATE_NOOP("InfoPanel", "Typical use"), "use"),
)


def _table(items: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td>{html.escape(a)}</td><td><b>{b}</b></td></tr>" for a, b in items)
    return f'<table cellspacing="0" cellpadding="2">{cells}</table>'


def _formula(name: str, body: str, note: str) -> str:
    """``name(x) = body`` with the name beside a (possibly piecewise) body; a note under it."""
    below = (
        f'<p style="color:#888; margin-top:0; margin-bottom:2px">({html.escape(note)})</p>'
        if note
        else ""
    )
    return (
        '<table cellspacing="0" cellpadding="0" style="font-size:large; margin-top:6px">'
        f'<tr><td valign="middle">{name}(<i>x</i>) =&nbsp;</td><td valign="middle">{body}</td>'
        f"</tr></table>{below}"
    )


def details_html(act: Activation, color: str, lang: Translate = untranslated) -> str:
    """Everything about ``act`` that does not depend on its current parameter values."""

    def t(text: str) -> str:
        return lang(C, text)

    def data(text: str) -> str:
        return lang(DATA_CONTEXT, text) if text else text

    def yes(flag: bool) -> str:
        return t(_YES) if flag else t(_SATURATES["none"])

    def word(text: str) -> str:
        return data(text)

    docs, props = act.docs, act.properties
    parts = [
        f'<h2 style="color:{color}">{html.escape(data(act.name))} '
        f'<span style="font-size:small; color:#888">({act.key})</span></h2>',
        f"<p>{html.escape(data(act.description))}</p>",
        _formula("f", localise(docs.f, word), data(docs.f_note)),
        _formula("f′", localise(docs.d1, word), data(docs.d1_note)),
    ]
    if act.source:
        parts.append(f"<p><i>{t(_SOURCE)}</i> {html.escape(act.source)}</p>")
    if act.params:
        items = []
        for p in act.params:
            detail = fill(
                t(_PARAM_DETAIL),
                html.escape(data(p.description)),
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
        _table([(t(label), value) for label, value in zip(_ROWS, values, strict=True)]),
    ]
    for title, field in _PROSE:
        parts.append(f"<h3>{t(title)}</h3><p>{html.escape(data(getattr(docs, field)))}</p>")
    return "\n".join(parts)


def live_title(act: Activation, lang: Translate = untranslated) -> str:
    """The heading of the values that follow the parameters, naming the function (the box
    sits above the page, whose title is scrolled away or not yet read)."""
    return fill(lang(C, _CURRENT), lang(DATA_CONTEXT, act.name))


def live_rows(
    act: Activation, params: dict[str, float], lang: Translate = untranslated
) -> list[tuple[str, str]]:
    """(label, value) pairs that follow the parameters: each parameter, f(0), f′(0),
    the kinks and the jumps, as plain text."""

    def points(values) -> str:
        return ", ".join(format_value(v) for v in values) or lang(C, _NONE)

    zero = np.array([0.0])
    kinks = act.kinks(**params)
    jumps = sorted({k for order in (0, 1, 2) for k in act.jumps(order, **params)})
    pytorch = act.in_pytorch and 0.0 in kinks
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
        (lang(C, _KINKS), points(kinks)),
        (lang(C, _JUMPS), points(jumps)),
    ]
    return rows


def live_html(act: Activation, params: dict[str, float], lang: Translate = untranslated) -> str:
    """:func:`live_rows` under their heading, as rich text."""
    rows = [(a, html.escape(b)) for a, b in live_rows(act, params, lang)]
    return f"<h3>{html.escape(live_title(act, lang))}</h3>" + _table(rows)


def info_html(
    act: Activation,
    params: dict[str, float],
    color: str = "#000000",
    lang: Translate = untranslated,
) -> str:
    """The whole page: :func:`details_html` with :func:`live_html` after the title block."""
    return details_html(act, color, lang) + "\n" + live_html(act, params, lang)

"""The info panel: the selected function's formulas, parameters, properties and prose."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from actgui.activations import REGISTRY, Activation
from actgui.function_docs import DOCS
from actgui.model import ExplorerModel
from actgui.palette import color_for
from actgui.readout import format_value

_SATURATES = {"none": "no", "left": "for x → −∞", "right": "for x → +∞", "both": "both sides"}


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _points(values) -> str:
    return ", ".join(format_value(v) for v in values) or "none"


def _formula(name: str, body: str) -> str:
    """``name(x) = body`` with the name beside a (possibly piecewise) body."""
    return (
        '<table cellspacing="0" cellpadding="0" style="font-size:large; margin-top:6px">'
        f'<tr><td valign="middle">{name}(<i>x</i>) =&nbsp;</td><td valign="middle">{body}</td>'
        "</tr></table>"
    )


def info_html(act: Activation, params: dict[str, float]) -> str:
    """The whole panel for ``act`` at ``params``, as Qt rich text."""
    doc = DOCS[act.key]
    props = act.properties
    zero = np.array([0.0])
    f0 = format_value(float(act.forward(zero, **params)[0]))
    d0 = format_value(float(act.derivative(zero, **params)[0]))
    kinks = act.kinks(**params)
    jumps = sorted({k for order in (0, 1, 2) for k in act.jumps(order, **params)})
    rows = [
        ("Output range", props.range_text()),
        ("Monotonic (non-decreasing)", _yes(props.monotonic)),
        ("Smoothness", props.smoothness),
        ("Zero-centred (f(0) = 0, both signs)", _yes(props.zero_centred)),
        ("Bounded below / above", f"{_yes(props.bounded_below)} / {_yes(props.bounded_above)}"),
        ("Saturates (f′ → 0)", _SATURATES[props.saturates]),
    ]
    live = [
        ("f(0)", f0),
        ("f′(0)" + (" (PyTorch)" if act.in_pytorch and 0.0 in kinks else ""), d0),
        ("Kinks", _points(kinks)),
        ("Jumps (in f, f′ or f″)", _points(jumps)),
    ]

    def table(items) -> str:
        cells = "".join(f"<tr><td>{html.escape(a)}</td><td><b>{b}</b></td></tr>" for a, b in items)
        return f'<table cellspacing="0" cellpadding="2">{cells}</table>'

    parts = [
        f'<h2 style="color:{color_for(act.key)}">{html.escape(act.name)} '
        f'<span style="font-size:small; color:#666">({act.key})</span></h2>',
        f"<p>{html.escape(act.description)}</p>",
        _formula("f", doc.f),
        _formula("f′", doc.d1),
    ]
    if act.source:
        parts.append(f"<p><i>Source:</i> {html.escape(act.source)}</p>")
    if act.params:
        items = [
            (
                f"{p.label} ({p.name})",
                f"{format_value(params[p.name])} — {html.escape(p.description)} "
                f"range [{format_value(p.minimum)}, {format_value(p.maximum)}], "
                f"default {format_value(p.default)}",
            )
            for p in act.params
        ]
        parts += ["<h3>Parameters</h3>", table(items)]
    parts += [
        "<h3>Properties <span style='font-weight:normal'>(at default parameters)</span></h3>",
        table(rows),
        "<h3>At the current parameters</h3>",
        table(live),
    ]
    for title, text in (
        ("Principle", doc.principle),
        ("Advantages", doc.pros),
        ("Drawbacks", doc.cons),
        ("Typical use", doc.use),
    ):
        parts.append(f"<h3>{title}</h3><p>{html.escape(text)}</p>")
    return "\n".join(parts)


class InfoPanel(QWidget):
    """Shows :func:`info_html` for the model's selected function, kept up to date."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info_panel")
        self._model = model
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("text_info")
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        model.selected_changed.connect(self.refresh)
        model.params_changed.connect(self._on_params_changed)
        self.refresh()

    def refresh(self, *_args) -> None:
        """Re-render for the selected function."""
        key = self._model.selected_key()
        if key is None:
            self.browser.setHtml(
                "<p>" + self.tr("Click a function's name to see its formulas and properties.")
            )
            return
        self.browser.setHtml(info_html(REGISTRY[key], self._model.params(key)))

    def _on_params_changed(self, key: str) -> None:
        if key == self._model.selected_key():
            self.refresh()

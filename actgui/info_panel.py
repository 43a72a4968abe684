"""The info panel: the selected function's formulas, parameters, properties and prose."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from actgui.activations import REGISTRY, Activation
from actgui.function_docs import DOCS
from actgui.i18n import translate
from actgui.model import ExplorerModel
from actgui.palette import color_for
from actgui.readout import format_value


def _t(text: str) -> str:
    return QCoreApplication.translate("InfoPanel", text)


# Marked for lupdate; translated when the panel is drawn.
_SATURATES = {
    "none": QT_TRANSLATE_NOOP("InfoPanel", "no"),
    "left": QT_TRANSLATE_NOOP("InfoPanel", "for x → −∞"),
    "right": QT_TRANSLATE_NOOP("InfoPanel", "for x → +∞"),
    "both": QT_TRANSLATE_NOOP("InfoPanel", "both sides"),
}


def _yes(flag: bool) -> str:
    return QCoreApplication.translate("InfoPanel", "yes") if flag else _t(_SATURATES["none"])


def _points(values) -> str:
    return ", ".join(format_value(v) for v in values) or QCoreApplication.translate(
        "InfoPanel", "none"
    )


def _formula(name: str, body: str) -> str:
    """``name(x) = body`` with the name beside a (possibly piecewise) body."""
    return (
        '<table cellspacing="0" cellpadding="0" style="font-size:large; margin-top:6px">'
        f'<tr><td valign="middle">{name}(<i>x</i>) =&nbsp;</td><td valign="middle">{body}</td>'
        "</tr></table>"
    )


def info_html(act: Activation, params: dict[str, float], color: str | None = None) -> str:
    """The whole panel for ``act`` at ``params``, as Qt rich text, in the interface language."""
    doc = DOCS[act.key]
    props = act.properties
    zero = np.array([0.0])
    f0 = format_value(float(act.forward(zero, **params)[0]))
    d0 = format_value(float(act.derivative(zero, **params)[0]))
    kinks = act.kinks(**params)
    jumps = sorted({k for order in (0, 1, 2) for k in act.jumps(order, **params)})
    bounds = f"{_yes(props.bounded_below)} / {_yes(props.bounded_above)}"
    rows = [
        (QCoreApplication.translate("InfoPanel", "Output range"), props.range_text()),
        (
            QCoreApplication.translate("InfoPanel", "Monotonic (non-decreasing)"),
            _yes(props.monotonic),
        ),
        (QCoreApplication.translate("InfoPanel", "Smoothness"), props.smoothness),
        (
            QCoreApplication.translate("InfoPanel", "Zero-centred (f(0) = 0, both signs)"),
            _yes(props.zero_centred),
        ),
        (QCoreApplication.translate("InfoPanel", "Bounded below / above"), bounds),
        (
            QCoreApplication.translate("InfoPanel", "Saturates (f′ → 0)"),
            _t(_SATURATES[props.saturates]),
        ),
    ]
    pytorch = act.in_pytorch and 0.0 in kinks
    live = [
        ("f(0)", f0),
        ("f′(0)" + (" (PyTorch)" if pytorch else ""), d0),
        (QCoreApplication.translate("InfoPanel", "Kinks"), _points(kinks)),
        (QCoreApplication.translate("InfoPanel", "Jumps (in f, f′ or f″)"), _points(jumps)),
    ]

    def table(items) -> str:
        cells = "".join(f"<tr><td>{html.escape(a)}</td><td><b>{b}</b></td></tr>" for a, b in items)
        return f'<table cellspacing="0" cellpadding="2">{cells}</table>'

    parts = [
        f'<h2 style="color:{color or color_for(act.key)}">{html.escape(translate(act.name))} '
        f'<span style="font-size:small; color:#888">({act.key})</span></h2>',
        f"<p>{html.escape(translate(act.description))}</p>",
        _formula("f", translate(doc.f)),
        _formula("f′", translate(doc.d1)),
    ]
    if act.source:
        source = QCoreApplication.translate("InfoPanel", "Source:")
        parts.append(f"<p><i>{source}</i> {html.escape(act.source)}</p>")
    if act.params:
        items = []
        for p in act.params:
            detail = (
                QCoreApplication.translate("InfoPanel", "%1 — %2 Range [%3, %4], default %5.")
                .replace("%1", format_value(params[p.name]))
                .replace("%2", html.escape(translate(p.description)))
                .replace("%3", format_value(p.minimum))
                .replace("%4", format_value(p.maximum))
                .replace("%5", format_value(p.default))
            )
            items.append((f"{translate(p.label)} ({p.name})", detail))
        heading = QCoreApplication.translate("InfoPanel", "Parameters")
        parts += [f"<h3>{heading}</h3>", table(items)]
    props_heading = QCoreApplication.translate("InfoPanel", "Properties")
    defaults_note = QCoreApplication.translate("InfoPanel", "(at default parameters)")
    current_heading = QCoreApplication.translate("InfoPanel", "At the current parameters")
    parts += [
        f"<h3>{props_heading} <span style='font-weight:normal'>{defaults_note}</span></h3>",
        table(rows),
        f"<h3>{current_heading}</h3>",
        table(live),
    ]
    for title, text in (
        (QCoreApplication.translate("InfoPanel", "Principle"), doc.principle),
        (QCoreApplication.translate("InfoPanel", "Advantages"), doc.pros),
        (QCoreApplication.translate("InfoPanel", "Drawbacks"), doc.cons),
        (QCoreApplication.translate("InfoPanel", "Typical use"), doc.use),
    ):
        parts.append(f"<h3>{title}</h3><p>{html.escape(translate(text))}</p>")
    return "\n".join(parts)


class InfoPanel(QWidget):
    """Shows :func:`info_html` for the model's selected function, kept up to date."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info_panel")
        self._model = model
        self._curve_color = color_for
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
        color = self._curve_color(key)
        self.browser.setHtml(info_html(REGISTRY[key], self._model.params(key), color))

    def set_curve_colors(self, curve_color) -> None:
        """Use ``curve_color(key)`` for titles (the plot's colours for its theme)."""
        self._curve_color = curve_color
        self.refresh()

    def _on_params_changed(self, key: str) -> None:
        if key == self._model.selected_key():
            self.refresh()

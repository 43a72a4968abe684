"""The function list: collapsible family sections generated from the registry, a filter box,
quick buttons, a checkbox per function and a spinbox per parameter.

The panel holds no state of its own. Each control writes to the model through
its setter and is updated back from the model's signals with its own signals
blocked, so a round trip never loops.
"""

from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QSignalBlocker, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import CLASSIC_KEYS, FAMILIES, REGISTRY, Activation, Param
from actgui.i18n import translate, translated_text
from actgui.model import ExplorerModel
from actgui.style import color_for
from actgui.text.markup import auto_text, no_mnemonic

#: Most decimals a spinbox grows to so that it shows the model's value exactly
#: (1/3, RReLU's default upper bound, needs 16).
MAX_DECIMALS = 17


def decimals_for(value: float, base: int) -> int:
    """Fewest decimals ≥ ``base`` that represent ``value`` exactly (at most ``MAX_DECIMALS``)."""
    for d in range(base, MAX_DECIMALS + 1):
        if round(value, d) == value:
            return d
    return MAX_DECIMALS


def set_spin_value(spin: QDoubleSpinBox, value: float, base_decimals: int) -> None:
    """Show ``value`` in ``spin`` exactly, without emitting ``valueChanged``.

    ``QDoubleSpinBox`` rounds to its decimals, so they grow when the model
    holds a value with more digits than the parameter's usual resolution.
    """
    if spin.value() == value:
        return  # touching the spinbox now would reformat the text the user is typing
    with QSignalBlocker(spin):
        spin.setDecimals(decimals_for(value, base_decimals))
        spin.setValue(value)


def swatch(color: str) -> QIcon:
    """A small square icon of ``color``, the function's colour in the plot."""
    pix = QPixmap(12, 12)
    pix.fill(QColor(color))
    return QIcon(pix)


def make_param_spinbox(key: str, param: Param, parent: QWidget | None = None) -> QDoubleSpinBox:
    """A spinbox for one parameter, named ``spin_<key>_<param>``, with its range and step."""
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(f"spin_{key}_{param.name}")
    spin.setDecimals(param.decimals)
    spin.setRange(param.minimum, param.maximum)
    spin.setSingleStep(param.step)
    spin.setKeyboardTracking(True)  # every keystroke updates the plot
    spin.setAccelerated(True)
    spin.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    spin.setMinimumWidth(64)
    spin.setToolTip(auto_text(f"{param.name}: {translate(param.description)}"))
    spin.setAccessibleName(f"{REGISTRY[key].name} {param.name}")
    return spin


#: Most positions a parameter slider has (one per last shown decimal, up to this).
MAX_SLIDER_STEPS = 10_000


class NameButton(QPushButton):
    """A function's name, which selects it: as wide as its text in bold, since the
    selected one is drawn bold (it read "Leaky ReL")."""

    def _widened(self, hint: QSize) -> QSize:
        bold = QFont(self.font())
        bold.setBold(True)
        text = self.text()
        extra = QFontMetricsF(bold).horizontalAdvance(text)
        extra -= QFontMetricsF(self.font()).horizontalAdvance(text)
        return QSize(hint.width() + max(0, math.ceil(extra)), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._widened(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._widened(super().minimumSizeHint())


class ParamSlider(QSlider):
    """A slider for one parameter, named ``slider_<key>_<param>``: one position per step of
    the parameter's last shown decimal across its range (at most ``MAX_SLIDER_STEPS``)."""

    def __init__(self, key: str, param: Param, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName(f"slider_{key}_{param.name}")
        self.param = param
        span = param.maximum - param.minimum
        self._steps = max(1, min(MAX_SLIDER_STEPS, round(span * 10**param.decimals)))
        self.setRange(0, self._steps)
        self.setSingleStep(max(1, round(param.step / span * self._steps)))
        self.setPageStep(max(1, self._steps // 10))
        self.setMinimumWidth(50)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(auto_text(f"{param.name}: {translate(param.description)}"))
        self.setAccessibleName(f"{REGISTRY[key].name} {param.name}")

    def value_at(self, position: int) -> float:
        """The parameter value at slider ``position`` (rounded to the shown decimals)."""
        p = self.param
        value = p.minimum + (p.maximum - p.minimum) * position / self._steps
        return min(p.maximum, max(p.minimum, round(value, p.decimals)))

    def position_of(self, value: float) -> int:
        """The slider position nearest to ``value``."""
        p = self.param
        return round((value - p.minimum) / (p.maximum - p.minimum) * self._steps)

    def show_value(self, value: float) -> None:
        """Move the knob to ``value`` without reporting it back."""
        with QSignalBlocker(self):
            self.setValue(self.position_of(value))


class FamilySection(QWidget):
    """A family's functions under a header button that collapses and expands them."""

    def __init__(self, family: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family = family
        self.header = QToolButton(self)
        self.header.setObjectName(f"section_{family}")
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setAutoRaise(True)
        # Colours from the palette (re-read when the theme changes: see
        # panels.refresh_style_sheets); a checked tool button is otherwise drawn pressed,
        # light grey even in the dark theme.
        self.header.setStyleSheet(
            "QToolButton { font-weight: bold; text-align: left; border: none; padding: 3px;"
            " background: palette(button); color: palette(button-text); }"
            "QToolButton:hover { background: palette(midlight); }"
        )
        self.header.toggled.connect(self._on_toggled)
        self.header.setToolTip(self.tr("Show or hide the functions of this family"))
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(14, 0, 0, 4)
        self.grid.setColumnStretch(2, 3)
        self.grid.setColumnStretch(3, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self.set_expanded(True)

    def is_expanded(self) -> bool:
        """Whether the functions of this family are shown."""
        return self.header.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """Show or hide the functions of this family."""
        self.header.setChecked(expanded)
        self._on_toggled(expanded)

    def _on_toggled(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)


class FunctionPanel(QWidget):
    """Every registry function, grouped by family, with a filter and quick buttons."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("function_panel")
        self._model = model
        self._checks: dict[str, QCheckBox] = {}
        self._spins: dict[tuple[str, str], QDoubleSpinBox] = {}
        self._sliders: dict[tuple[str, str], ParamSlider] = {}
        self._swatch_colors: dict[str, str] = {}
        self._rows: dict[str, list[QWidget]] = {}
        self._names: dict[str, QPushButton] = {}
        self.sections: dict[str, FamilySection] = {}
        self._expanded_before_filter: dict[str, bool] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("edit_filter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name or key…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(self.tr("Show only functions whose name or key contains this"))
        self.filter_edit.textChanged.connect(self.apply_filter)
        layout.addWidget(self.filter_edit)

        buttons = QHBoxLayout()
        clear = QPushButton(self.tr("Clear all"), self)
        clear.setObjectName("button_clear_all")
        clear.setToolTip(self.tr("Hide every function"))
        clear.clicked.connect(lambda: self._model.set_enabled_keys(()))
        classics = QPushButton(self.tr("Six classics"), self)
        classics.setObjectName("button_seed_set")  # its former name, kept for automation
        names = ", ".join(translate(REGISTRY[k].name) for k in CLASSIC_KEYS)
        classics.setToolTip(
            self.tr(
                "Show the six classic functions: %1. They are also the ones shown at start-up."
            ).replace("%1", names)
        )
        classics.clicked.connect(lambda: self._model.set_enabled_keys(CLASSIC_KEYS))
        buttons.addWidget(clear)
        buttons.addWidget(classics)
        layout.addLayout(buttons)
        self._last_above_sections = classics

        for family, title in FAMILIES.items():
            section = FamilySection(family, translate(title), self)
            self.sections[family] = section
            layout.addWidget(section)
        self._row_of = dict.fromkeys(FAMILIES, 0)
        for key, act in REGISTRY.items():
            self._row_of[act.family] = self._add_function(
                self.sections[act.family], self._row_of[act.family], key, act
            )
        for family, section in self.sections.items():
            section.set_expanded(any(model.is_enabled(k) for k in self._keys_of(family)))
            section.setVisible(bool(self._keys_of(family)))  # "Your own" until there is one
        self._order_tabs()

        model.enabled_changed.connect(self._on_enabled_changed)
        model.params_changed.connect(self._on_params_changed)
        model.selected_changed.connect(self._on_selected_changed)
        model.functions_changed.connect(self._on_functions_changed)
        self.sync_from_model()

    # -- construction ------------------------------------------------------
    def _add_function(self, section: FamilySection, row: int, key: str, act: Activation) -> int:
        # The checkbox shows the function; its name (a flat button) selects it for
        # the info panel.
        check = QCheckBox(section.body)
        check.setObjectName(f"check_{key}")
        check.setIcon(swatch(color_for(key)))
        label = translate(act.name)
        check.setAccessibleName(label)
        tip = self.tr("Show %1 (%2): %3").replace("%1", label).replace("%2", key)
        tip = tip.replace("%3", translate(act.description))
        if act.source:
            source = translated_text(act.source)  # (a function of your own's: a Message)
            tip += "\n" + self.tr("Source: %1").replace("%1", source)
        # Names of your own are text in the tooltip ("<b>x</b>") and on the button ("a & b").
        check.setToolTip(auto_text(tip))
        check.toggled.connect(lambda on, k=key: self._model.set_enabled(k, on))
        self._checks[key] = check
        name = NameButton(no_mnemonic(label), section.body)
        name.setObjectName(f"name_{key}")
        name.setFlat(True)
        name.setCheckable(True)
        name.setStyleSheet(
            "QPushButton { text-align: left; padding: 1px 4px; border: none; }"
            "QPushButton:checked { font-weight: bold; background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        name.setToolTip(
            auto_text(self.tr("Show formulas and properties of %1").replace("%1", label))
        )
        name.clicked.connect(lambda _=False, k=key: self._on_name_clicked(k))
        self._names[key] = name
        row_box = QWidget(section.body)
        row_layout = QHBoxLayout(row_box)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(0)
        row_layout.addWidget(check)
        row_layout.addWidget(name, 1)
        section.grid.addWidget(row_box, row, 0)
        widgets: list[QWidget] = [row_box]
        for param in act.params:
            label = QLabel(translate(param.label), section.body)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setToolTip(auto_text(translate(param.description)))
            spin = make_param_spinbox(key, param, section.body)
            label.setBuddy(spin)
            spin.valueChanged.connect(lambda v, k=key, n=param.name: self._on_spin_changed(k, n, v))
            slider = ParamSlider(key, param, section.body)
            slider.valueChanged.connect(
                lambda pos, k=key, s=slider: self._on_spin_changed(k, s.param.name, s.value_at(pos))
            )
            section.grid.addWidget(label, row, 1)
            section.grid.addWidget(slider, row, 2)
            section.grid.addWidget(spin, row, 3)
            self._spins[key, param.name] = spin
            self._sliders[key, param.name] = slider
            widgets += [label, slider, spin]
            row += 1
        self._rows[key] = widgets
        return row if act.params else row + 1

    def _on_functions_changed(self, added: list[str], removed: list[str]) -> None:
        """Rows for functions registered since, none for those unregistered."""
        for key in removed:
            for widget in self._rows.pop(key, []):
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
            self._checks.pop(key, None)
            self._names.pop(key, None)
            self._swatch_colors.pop(key, None)
            for pair in [p for p in self._spins if p[0] == key]:
                del self._spins[pair]
                del self._sliders[pair]
        for key in added:
            act = REGISTRY[key]
            section = self.sections[act.family]
            self._row_of[act.family] = self._add_function(
                section, self._row_of[act.family], key, act
            )
            self._on_params_changed(key)
        for family, section in self.sections.items():
            has = bool(self._keys_of(family))
            if section.isHidden() == has:
                section.setVisible(has)
            if added and any(REGISTRY[k].family == family for k in added):
                section.set_expanded(True)
        if added:
            self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab through the sections as they read: a header, then its functions' rows, each
        left to right. (Tab follows the order widgets were made in: every header came
        before the rows, a spin box before the slider on its left, and a function of your
        own after every other control of the window.)"""
        chain: list[QWidget] = [self._last_above_sections]
        for family, section in self.sections.items():
            chain.append(section.header)
            for key in self._keys_of(family):
                chain += [self._checks[key], self._names[key]]
                for param in REGISTRY[key].params:
                    chain += [self._sliders[key, param.name], self._spins[key, param.name]]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def set_curve_colors(self, curve_color, keys=None) -> None:
        """Swatches in ``curve_color(key)``: the plot's colours for its theme (only for
        ``keys`` if given: the functions whose colour may have changed). An icon is made
        only for a colour that really changed (Clear all asks about every function)."""
        for key in self._checks if keys is None else keys:
            color = curve_color(key)
            if self._swatch_colors.get(key) != color:
                self._swatch_colors[key] = color
                self._checks[key].setIcon(swatch(color))

    def _keys_of(self, family: str) -> list[str]:
        return [k for k, a in REGISTRY.items() if a.family == family]

    # -- filter ------------------------------------------------------------
    def apply_filter(self, text: str) -> None:
        """Show only functions whose name or key contains ``text`` (case-insensitive)."""
        needle = text.strip().lower()
        if needle and self._expanded_before_filter is None:
            self._expanded_before_filter = {f: s.is_expanded() for f, s in self.sections.items()}
        for family, section in self.sections.items():
            hits = 0
            for key in self._keys_of(family):
                act = REGISTRY[key]
                names = (key, act.name, translate(act.name))
                shown = not needle or any(needle in n.lower() for n in names)
                hits += shown
                for widget in self._rows[key]:
                    widget.setVisible(shown)
            section.setVisible(hits > 0)
            if needle:
                section.set_expanded(hits > 0)
        if not needle and self._expanded_before_filter is not None:
            for family, expanded in self._expanded_before_filter.items():
                self.sections[family].set_expanded(expanded)
            self._expanded_before_filter = None

    def visible_keys(self) -> list[str]:
        """Keys whose rows the filter currently shows."""
        return [k for k, widgets in self._rows.items() if not widgets[0].isHidden()]

    # -- widget → model ----------------------------------------------------
    def _on_spin_changed(self, key: str, name: str, value: float) -> None:
        try:
            self._model.set_param(key, name, value)
        except ValueError:
            self._on_params_changed(key)  # show the model's (unchanged) value again

    # -- model → widget ----------------------------------------------------
    def sync_from_model(self) -> None:
        """Make every control show the model's current state."""
        self._on_enabled_changed(list(REGISTRY))
        for key in REGISTRY:
            self._on_params_changed(key)
        self._on_selected_changed(self._model.selected_key() or "")

    def _on_name_clicked(self, key: str) -> None:
        self._model.set_selected(key)
        # Clicking the selected name again changes nothing in the model, but the checkable
        # button has toggled itself off: show the model's selection again.
        self._on_selected_changed(self._model.selected_key() or "")

    def _on_selected_changed(self, selected: str) -> None:
        for key, button in self._names.items():
            with QSignalBlocker(button):
                button.setChecked(key == selected)

    def _on_enabled_changed(self, keys: list[str]) -> None:
        for key in keys:
            check = self._checks[key]
            with QSignalBlocker(check):
                check.setChecked(self._model.is_enabled(key))

    def _on_params_changed(self, key: str) -> None:
        act = REGISTRY[key]
        values = self._model.params(key)
        # Values first (their decimals decide how Qt rounds the bounds), then the
        # bounds of dependent parameters, then the values again in case an old
        # bound had clamped one.
        for param in act.params:
            set_spin_value(self._spins[key, param.name], values[param.name], param.decimals)
            self._sliders[key, param.name].show_value(values[param.name])
        for c in act.constraints:
            gap = 10.0 ** -act.param(c.low).decimals if c.strict else 0.0
            lo_spin, hi_spin = self._spins[key, c.low], self._spins[key, c.high]
            _set_bound(lo_spin, maximum=max(values[c.high] - gap, values[c.low]))
            _set_bound(hi_spin, minimum=min(values[c.low] + gap, values[c.high]))
        for param in act.params:
            set_spin_value(self._spins[key, param.name], values[param.name], param.decimals)


def _set_bound(spin: QDoubleSpinBox, minimum: float | None = None, maximum: float | None = None):
    """Move one bound of ``spin``, silently, and only if it changes (so typing is not disturbed)."""
    with QSignalBlocker(spin):
        if minimum is not None and spin.minimum() != round(minimum, spin.decimals()):
            spin.setMinimum(minimum)
        if maximum is not None and spin.maximum() != round(maximum, spin.decimals()):
            spin.setMaximum(maximum)


if __name__ == "__main__":  # python -m actgui.panels.functions
    from actgui.panels import preview

    preview(FunctionPanel, (320, 700))

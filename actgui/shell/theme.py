"""Light and dark palettes for the widgets (the plot's colours are in ``plot.palette``).

An explicit theme draws with Fusion wrapped in :class:`ContrastStyle`: Fusion derives the
outlines of check boxes, radio buttons and slider grooves from the window colour (darker by
40 %), which against that window gives 1.2:1 in the dark theme and 1.7:1 in the light one,
and its focus frames from the selection colour, 1.9:1 on the dark window. WCAG 2.1 SC 1.4.11
asks 3:1 for what identifies a control and its state; the proxy draws those outlines again,
over Fusion's, in colours that reach it (Fusion's own drawing, sizes and caches unchanged).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionButton,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QStyleOptionSpinBox,
    QWidget,
)

from actgui.preferences import effective_theme
from actgui.style import contrast_ratio

_DARK_ROLES = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2124",
    QPalette.ColorRole.AlternateBase: "#2b2d31",
    QPalette.ColorRole.ToolTipBase: "#2b2d31",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#35373c",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#2f6db5",  # white on it: 5.3:1 (WCAG AA)
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6fb1ff",
    QPalette.ColorRole.Midlight: "#45484e",
    QPalette.ColorRole.PlaceholderText: "#8a8a8a",
}


#: Selected items in the light theme: white text on it reaches 5.2:1.
LIGHT_HIGHLIGHT = "#1d6fb8"

#: What the redrawn outlines reach against the colours beside them: 3:1 (SC 1.4.11) with a
#: margin, as anti-aliased curves and Fusion's gradients blend a little into the edges.
OUTLINE_CONTRAST = 3.5

_NATIVE_STYLE: list[str] = []  # the style the app started with, to go back to

_S = QStyle.StateFlag
_KEYBOARD_FOCUS = _S.State_HasFocus | _S.State_KeyboardFocusChange


def _mixed(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        *(x + (y - x) * t for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True))
    )


@lru_cache(maxsize=64)
def _reaching(start: int, toward: int, against: tuple[int, ...]) -> int:
    """The colour nearest ``start`` on the way to ``toward`` (RGB ints) that reaches
    :data:`OUTLINE_CONTRAST` against every colour of ``against``: as close to the look
    Fusion chose as the contrast allows (cached, as it is asked for at every paint)."""
    a, b = QColor(start), QColor(toward)
    others = [QColor(c).name() for c in against]
    for step in range(41):
        colour = _mixed(a, b, step / 40)
        if all(contrast_ratio(colour.name(), o) >= OUTLINE_CONTRAST for o in others):
            return colour.rgb()
    return b.rgb()


def outline_color(palette: QPalette) -> QColor:
    """The outline of an indicator, groove or handle: window colour moved toward the window
    text until it stands out from the window and from the field (Base) inside a check box."""
    window = palette.color(QPalette.ColorRole.Window)
    against = (window.rgb(), palette.color(QPalette.ColorRole.Base).rgb())
    return QColor(
        _reaching(window.rgb(), palette.color(QPalette.ColorRole.WindowText).rgb(), against)
    )


def focus_color(palette: QPalette) -> QColor:
    """The keyboard focus frame: Fusion's (the selection colour darkened), lightened on a
    dark window (darkened on a light one) until it stands out from the window, the field
    and a button's face; unchanged where it already does."""
    window = palette.color(QPalette.ColorRole.Window)
    roles = (QPalette.ColorRole.Window, QPalette.ColorRole.Base)
    against = (*(palette.color(r).rgb() for r in roles), _button_face(palette).rgb())
    extreme = QColor(Qt.GlobalColor.white if window.lightnessF() < 0.5 else Qt.GlobalColor.black)
    fusion = palette.color(QPalette.ColorRole.Highlight).darker(125)
    if fusion.value() > 160:  # as Fusion caps it
        fusion.setHsl(fusion.hslHue(), fusion.hslSaturation(), 160)
    return QColor(_reaching(fusion.rgb(), extreme.rgb(), against))


def _button_face(palette: QPalette) -> QColor:
    """The light end of the face Fusion paints a push button with: its button colour (the
    Button role lightened, the darker it is the more, and desaturated) lightened by 24 %."""
    button = palette.color(QPalette.ColorRole.Button)
    grey = (button.red() * 11 + button.green() * 16 + button.blue() * 5) // 32  # qGray
    face = button.lighter(100 + max(1, (180 - grey) // 6))
    face.setHsv(face.hsvHue(), int(face.hsvSaturation() * 0.75), face.value())
    return face.lighter(124)


_PE = QStyle.PrimitiveElement
_REDRAWN = frozenset(
    (
        _PE.PE_IndicatorCheckBox,
        _PE.PE_IndicatorRadioButton,
        _PE.PE_FrameFocusRect,
        _PE.PE_FrameLineEdit,
        _PE.PE_PanelButtonCommand,
    )
)


class _Pen:
    """A painter saved, anti-aliased, moved half a pixel (as Fusion draws its 1 px lines, so
    the redrawn line covers the same pixels) and given a 1 px pen and no brush."""

    def __init__(self, painter: QPainter, color: QColor, dx: float = 0.5, dy: float = 0.5):
        self.painter, self.color, self.offset = painter, color, (dx, dy)

    def __enter__(self) -> QPainter:
        self.painter.save()
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.painter.translate(*self.offset)
        self.painter.setPen(QPen(self.color, 1))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        return self.painter

    def __exit__(self, *exc: object) -> None:
        self.painter.restore()


class ContrastStyle(QProxyStyle):
    """Fusion, with the outlines that identify a control redrawn at ≥ 3:1 (SC 1.4.11).

    Check box and radio button indicators, slider grooves and handles get
    :func:`outline_color`; keyboard focus (focus rectangles, a focused line edit's or spin
    box's frame, a push button's) gets :func:`focus_color`. Disabled controls keep Fusion's
    faint look (exempt from 1.4.11, and it tells them apart). Fusion draws first, so its
    geometry, gradients and pixmap caches stay its own; only the 1 px lines are drawn over.
    """

    def __init__(self) -> None:
        super().__init__("Fusion")  # the proxy owns the Fusion style it wraps

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Fusion's drawing, then the outline of an indicator or a focus frame again."""
        super().drawPrimitive(element, option, painter, widget)
        state = option.state
        if element not in _REDRAWN or not state & _S.State_Enabled:
            return  # (most primitives: no colour to work out at every paint)
        keyboard = state & _KEYBOARD_FOCUS == _KEYBOARD_FOCUS
        palette, rect, pe = option.palette, QRect(option.rect), _PE
        colour = focus_color(palette) if keyboard else outline_color(palette)
        if element == pe.PE_IndicatorCheckBox:
            with _Pen(painter, colour) as p:
                p.drawRect(rect.adjusted(0, 0, -1, -1))
        elif element == pe.PE_IndicatorRadioButton:
            radius = (rect.width() + (rect.width() + 1) % 2) / 2 - 1
            with _Pen(painter, colour, 0, 0) as p:
                p.drawEllipse(QPointF(rect.center()) + QPointF(1, 1), radius, radius)
        elif element == pe.PE_FrameFocusRect and keyboard:
            with _Pen(painter, focus_color(palette)) as p:
                p.drawRoundedRect(QRectF(rect.adjusted(0, 0, -1, -1)), 1, 1)
        elif element == pe.PE_FrameLineEdit and state & _S.State_HasFocus:
            with _Pen(painter, focus_color(palette)) as p:
                p.drawRoundedRect(QRectF(rect.adjusted(0, 0, -1, -1)), 2, 2)
        elif element == pe.PE_PanelButtonCommand and keyboard and not _flat(option):
            with _Pen(painter, focus_color(palette), 0.5, -0.5) as p:
                p.drawRoundedRect(QRectF(rect.adjusted(0, 1, -1, 0)), 2, 2)

    def drawComplexControl(  # noqa: N802 (Qt's name)
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Fusion's drawing, with a slider's groove and handle outlined in turn (the handle
        over the groove's outline) and a focused spin box's frame drawn again."""
        cc = QStyle.ComplexControl
        enabled = bool(option.state & _S.State_Enabled)
        if control == cc.CC_Slider and enabled and isinstance(option, QStyleOptionSlider):
            self._draw_slider(option, painter, widget)
            return
        super().drawComplexControl(control, option, painter, widget)
        if (
            control == cc.CC_SpinBox
            and enabled
            and option.state & _S.State_HasFocus
            and isinstance(option, QStyleOptionSpinBox)
            and option.frame
        ):
            with _Pen(painter, focus_color(option.palette)) as p:
                p.drawRoundedRect(QRectF(option.rect.adjusted(0, 1, -1, -2)), 2, 2)

    def _draw_slider(
        self, option: QStyleOptionSlider, painter: QPainter, widget: QWidget | None
    ) -> None:
        keyboard = option.state & _KEYBOARD_FOCUS == _KEYBOARD_FOCUS
        colour = focus_color(option.palette) if keyboard else outline_color(option.palette)
        sc, cc = QStyle.SubControl, QStyle.ComplexControl.CC_Slider
        parts = option.subControls
        below = QStyleOptionSlider(option)
        below.subControls = parts & ~sc.SC_SliderHandle
        super().drawComplexControl(cc, below, painter, widget)
        groove = self.subControlRect(cc, option, sc.SC_SliderGroove, widget)
        if parts & sc.SC_SliderGroove and groove.isValid():
            with _Pen(painter, colour) as p:
                p.drawRoundedRect(QRectF(groove.adjusted(1, 1, -2, -2)), 1, 1)
        if parts & sc.SC_SliderHandle:
            above = QStyleOptionSlider(option)
            above.subControls = sc.SC_SliderHandle
            super().drawComplexControl(cc, above, painter, widget)
            handle = self.subControlRect(cc, option, sc.SC_SliderHandle, widget)
            with _Pen(painter, colour) as p:
                p.drawRoundedRect(QRectF(handle.adjusted(1, 1, -2, -2)), 2, 2)


def _flat(option: QStyleOption) -> bool:
    """A flat push button (Fusion draws no panel for it)."""
    return isinstance(option, QStyleOptionButton) and bool(
        option.features & QStyleOptionButton.ButtonFeature.Flat
    )


def apply_app_theme(app: QApplication, theme: str) -> None:
    """Give the widgets a light or dark palette (Fusion with the contrast outlines of
    :class:`ContrastStyle` for an explicit choice; the platform's own style and palette for
    "system"). The app owns the style it is given and deletes the one it replaces."""
    if not _NATIVE_STYLE:
        _NATIVE_STYLE.append(app.style().name())
    style = app.style()
    if theme == "system":
        if isinstance(style, ContrastStyle) or style.name() != _NATIVE_STYLE[0]:
            app.setStyle(QStyleFactory.create(_NATIVE_STYLE[0]))
        app.setPalette(QPalette())  # Qt 6: the platform's palette, dark on a dark desktop
        return
    if not isinstance(style, ContrastStyle):  # (set again, it re-polished every widget)
        app.setStyle(ContrastStyle())
    if effective_theme(theme) == "light":
        palette = app.style().standardPalette()
        # Fusion's highlight (#308cc6) gives white text only 3.7:1.
        palette.setColor(QPalette.ColorRole.Highlight, QColor(LIGHT_HIGHLIGHT))
        app.setPalette(palette)
        return
    palette = QPalette()
    for role, color in _DARK_ROLES.items():
        palette.setColor(role, QColor(color))
    for dimmed in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, dimmed, QColor("#7a7a7a"))
    app.setPalette(palette)
